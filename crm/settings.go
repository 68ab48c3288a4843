package crm

import (
	"context"
	"strconv"
	"time"
)

// Sales record scopes a workspace may choose (see WorkspaceSettings).
const (
	SalesScopeOwn  = "own"
	SalesScopeTeam = "team"
)

// EntitySettings names a workspace's settings in the history.
const EntitySettings Entity = "workspace_settings"

// Settings defaults, used until an admin changes them.
const (
	DefaultPoolDays       = 30
	DefaultPoolClaimLimit = 20
	MaxPoolDays           = 3650
	MaxPoolClaimLimit     = 100000
)

// WorkspaceSettings are the rules an admin sets for a whole workspace.
type WorkspaceSettings struct {
	// PoolDays: an account whose owner has not followed up within this
	// many days goes back to the public pool (公海); 0 turns reclaiming off.
	PoolDays int `json:"pool_days" minimum:"0" maximum:"3650"`
	// PoolClaimLimit caps how many accounts taken from the pool one person
	// may own at the same time (claimed and not yet released or reclaimed).
	PoolClaimLimit int `json:"pool_claim_limit" minimum:"0" maximum:"100000"`
	// SalesScope widens what sales reps read: own (their records) or team
	// (their team's records too). Sales reps still change only their own.
	SalesScope string    `json:"sales_scope" enum:"own,team"`
	Version    int       `json:"version" readOnly:"true"`
	UpdatedAt  time.Time `json:"updated_at" readOnly:"true"`
	UpdatedBy  string    `json:"updated_by,omitempty" readOnly:"true"`
}

// DefaultSettings returns the settings of a workspace no admin has
// changed yet.
func DefaultSettings() WorkspaceSettings {
	return WorkspaceSettings{PoolDays: DefaultPoolDays, PoolClaimLimit: DefaultPoolClaimLimit, SalesScope: SalesScopeOwn, Version: 1}
}

// SettingsUpdate changes the settings that are set (non-nil).
type SettingsUpdate struct {
	PoolDays       *int    `json:"pool_days,omitempty" minimum:"0" maximum:"3650"`
	PoolClaimLimit *int    `json:"pool_claim_limit,omitempty" minimum:"0" maximum:"100000"`
	SalesScope     *string `json:"sales_scope,omitempty" enum:"own,team"`
}

// Apply copies the set fields of u onto s.
func (u SettingsUpdate) Apply(s *WorkspaceSettings) {
	set(&s.PoolDays, u.PoolDays)
	set(&s.PoolClaimLimit, u.PoolClaimLimit)
	set(&s.SalesScope, u.SalesScope)
}

// Validate checks the settings' ranges and closed values.
func (s *WorkspaceSettings) Validate() error {
	var p Problems
	if s.PoolDays < 0 || s.PoolDays > MaxPoolDays {
		p.Add("pool_days", "out_of_range", "must be between 0 (off) and 3650 days")
	}
	if s.PoolClaimLimit < 0 || s.PoolClaimLimit > MaxPoolClaimLimit {
		p.Add("pool_claim_limit", "out_of_range", "must be between 0 and 100000")
	}
	p.Enum("sales_scope", s.SalesScope, []string{SalesScopeOwn, SalesScopeTeam})
	if s.SalesScope == "" {
		p.Required("sales_scope")
	}
	return p.Err()
}

// Snapshot flattens settings for history.
func (s *WorkspaceSettings) Snapshot() Snapshot {
	return Snapshot{"pool_days": strconv.Itoa(s.PoolDays), "pool_claim_limit": strconv.Itoa(s.PoolClaimLimit), "sales_scope": s.SalesScope}
}

// SettingsService reads and changes a workspace's settings.
type SettingsService interface {
	// Settings returns the caller's workspace settings; everyone signed in
	// may read them.
	Settings(ctx context.Context) (*WorkspaceSettings, error)
	// UpdateSettings applies upd at version. Admins only (EFORBIDDEN);
	// ESTALE at another version; EINVALID for bad values.
	UpdateSettings(ctx context.Context, version int, upd SettingsUpdate) (*WorkspaceSettings, error)
}
