package crm

import (
	"context"
	"time"
)

// History fields of moves between an owner and the public pool (公海).
// Each move is one history entry: @pooled has the previous owner as old
// and the reason as new; @claimed has the new owner as new.
const (
	FieldPooled  = "@pooled"
	FieldClaimed = "@claimed"
)

// Reasons an account goes to the pool, as recorded in its history.
const (
	PoolReasonReleased = "released"
	// PoolReasonNoFollowUp is followed by ":" and the workspace's
	// pool_days at the time ("no_follow_up:30").
	PoolReasonNoFollowUp = "no_follow_up"
)

// PoolSorts are the orders the pool list may take.
var PoolSorts = []string{"pooled_at", "name", "created_at"}

// PoolFilter selects accounts in the pool. Empty fields do not filter.
type PoolFilter struct {
	Q          string // as AccountFilter.Q
	Industry   string
	Region     string
	PooledFrom string // the previous owner
	Sort       string // one of PoolSorts, "-" prefix for descending; default -pooled_at
	Limit      int
	Cursor     string
}

// PoolAccount is an account in the public pool: its fields and when and
// from whom it arrived.
type PoolAccount struct {
	ID             string     `json:"id"`
	Kind           string     `json:"kind"`
	Name           string     `json:"name"`
	Industry       string     `json:"industry,omitempty"`
	Region         string     `json:"region,omitempty"`
	Source         string     `json:"source,omitempty"`
	Hotness        int        `json:"hotness"`
	PooledAt       time.Time  `json:"pooled_at"`
	PooledFrom     string     `json:"pooled_from,omitempty" doc:"The owner before the account went to the pool."`
	PooledFromName string     `json:"pooled_from_name,omitempty"`
	LastFollowUpAt *time.Time `json:"last_follow_up_at,omitempty"`
	CreatedAt      time.Time  `json:"created_at"`
	Version        int        `json:"version"`
}

// ClaimAllowance is how many more accounts the caller may claim: the
// limit, the accounts they own that came from the pool, and the rest.
type ClaimAllowance struct {
	Limit     int `json:"limit"`
	Claimed   int `json:"claimed"`
	Remaining int `json:"remaining"`
}

// PoolPage is one page of the pool with the caller's allowance.
type PoolPage struct {
	Page[*PoolAccount]
	Allowance ClaimAllowance `json:"allowance"`
	PoolDays  int            `json:"pool_days" doc:"Days without follow-up after which accounts return to the pool; 0 = off."`
}

// ReclaimResult reports one reclaim run of a workspace.
type ReclaimResult struct {
	Reclaimed int `json:"reclaimed"`
	Batches   int `json:"batches"`
}

// PoolService manages the public pool.
type PoolService interface {
	// ListPool returns accounts in the pool. Sales, managers and admins
	// only (EFORBIDDEN for the rest).
	ListPool(ctx context.Context, f PoolFilter) (*PoolPage, error)
	// ClaimAccount makes the caller the owner of a pooled account (team =
	// the caller's team). ECONFLICT when someone claimed it first or the
	// caller is at the claim limit; ENOTFOUND when it is not in the pool
	// of the caller's workspace.
	ClaimAccount(ctx context.Context, id string) (*Account, error)
	// ReleaseAccount puts an account the caller may change back into the
	// pool. EFORBIDDEN outside the write scope; ECONFLICT when it has no
	// owner already.
	ReleaseAccount(ctx context.Context, id string, version int) (*Account, error)
}
