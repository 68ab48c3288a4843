package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/search"
)

// followUpAt is the last follow-up a new account is stored with: its own
// if set (demo data), else its creation, which counts as a follow-up.
func followUpAt(a *crm.Account) time.Time {
	if a.LastFollowUpAt != nil {
		return *a.LastFollowUpAt
	}
	return a.CreatedAt
}

// MarkFollowedUp records that the account's owner followed it up at at,
// which restarts its pool_days clock. An older at than the stored one is
// ignored, so late writes never move the clock back.
func (tx *Tx) MarkFollowedUp(ctx context.Context, workspaceID, accountID string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET last_follow_up_at = ?
		WHERE workspace_id = ? AND id = ? AND (last_follow_up_at IS NULL OR last_follow_up_at < ?)`,
		at.UTC(), workspaceID, accountID, at.UTC())
	if err != nil {
		return fmt.Errorf("mark account %s followed up: %w", accountID, err)
	}
	return nil
}

// OwnerAssigned records that an account's owner was set by hand: that
// counts as a follow-up, and the account leaves the pool (or enters it,
// without a previous owner, when the owner was cleared). A hand-assigned
// account no longer counts against anyone's claim limit.
func (tx *Tx) OwnerAssigned(ctx context.Context, workspaceID, accountID string, at time.Time) error {
	_, err := tx.ExecContext(ctx, `UPDATE accounts SET last_follow_up_at = ?, claimed_by = NULL, pooled_from = NULL, pooled_at = NULL
		WHERE workspace_id = ? AND id = ?`, at.UTC(), workspaceID, accountID)
	if err == nil {
		_, err = tx.ExecContext(ctx, `UPDATE accounts SET pooled_at = ? WHERE workspace_id = ? AND id = ? AND owner_id IS NULL`,
			at.UTC(), workspaceID, accountID)
	}
	if err != nil {
		return fmt.Errorf("assign owner of account %s: %w", accountID, err)
	}
	return nil
}

// PoolState is what a claim needs to know of an account.
type PoolState struct {
	OwnerID, ClaimedBy string
	InPool, Deleted    bool
}

// PoolState returns the ownership state of an account in the workspace,
// or ENOTFOUND. Callers must not reveal more than the pool shows.
func (q *Q) PoolState(ctx context.Context, ws, id string) (*PoolState, error) {
	if !crm.ValidID(id) || !crm.ValidID(ws) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Account not found.")
	}
	var s PoolState
	var pooled, deleted *time.Time
	err := q.QueryRowContext(ctx, `SELECT owner_id, claimed_by, pooled_at, deleted_at FROM accounts a
		WHERE a.workspace_id = ? AND a.id = ?`, ws, id).Scan(str{&s.OwnerID}, str{&s.ClaimedBy}, nullUTC{&pooled}, nullUTC{&deleted})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Account not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("pool state of account %s: %w", id, err)
	}
	s.InPool, s.Deleted = s.OwnerID == "" && pooled != nil, deleted != nil
	return &s, nil
}

// LockClaimant serialises the claims of one user: the row lock it takes
// on PostgreSQL (SQLite has one writer anyway) makes a second concurrent
// claim wait until the first has committed, so both cannot pass the
// limit check on the same count.
func (tx *Tx) LockClaimant(ctx context.Context, ws, userID string) error {
	_, err := tx.ExecContext(ctx, "UPDATE users SET version = version WHERE workspace_id = ? AND id = ?", ws, userID)
	if err != nil {
		return fmt.Errorf("lock claimant %s: %w", userID, err)
	}
	return nil
}

// CountClaimed counts the live accounts userID owns that they claimed
// from the pool.
func (q *Q) CountClaimed(ctx context.Context, ws, userID string) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM accounts WHERE workspace_id = ? AND claimed_by = ? AND owner_id = ?
		AND deleted_at IS NULL`, ws, userID, userID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count claimed accounts of %s: %w", userID, err)
	}
	return n, nil
}

// ClaimPooled makes userID (in teamID) the owner of a pooled account, if
// it is still in the pool. It reports false when someone got there first.
func (tx *Tx) ClaimPooled(ctx context.Context, ws, id, userID, teamID string) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE accounts SET owner_id = ?, team_id = ?, claimed_by = ?, pooled_at = NULL,
		pooled_from = NULL, last_follow_up_at = ?, version = version + 1, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND id = ? AND owner_id IS NULL AND pooled_at IS NOT NULL AND deleted_at IS NULL`,
		userID, nullable(teamID), userID, tx.Now, tx.Now, userID, ws, id)
	if err != nil {
		return false, fmt.Errorf("claim account %s: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// ReleaseToPool moves an owned account at fromVersion into the pool.
// Returns ESTALE when the version moved on.
func (tx *Tx) ReleaseToPool(ctx context.Context, ws, id string, fromVersion int, by string) error {
	res, err := tx.ExecContext(ctx, `UPDATE accounts SET pooled_from = owner_id, owner_id = NULL, team_id = NULL,
		claimed_by = NULL, pooled_at = ?, version = version + 1, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND id = ? AND version = ? AND owner_id IS NOT NULL`,
		tx.Now, tx.Now, nullable(by), ws, id, fromVersion)
	if err != nil {
		return fmt.Errorf("release account %s: %w", id, err)
	}
	return expectOne(res, "Account")
}

// StaleRef is an account whose owner's last follow-up is older than the
// reclaim cutoff, in keyset order.
type StaleRef struct {
	ID             string
	LastFollowUpAt time.Time
}

// StaleAccounts returns up to n owned live accounts last followed up
// before cutoff, after the keyset position after (zero for the start),
// ordered by (last_follow_up_at, id). The partial index
// accounts_follow_up serves it.
func (q *Q) StaleAccounts(ctx context.Context, ws string, cutoff time.Time, after StaleRef, n int) ([]StaleRef, error) {
	var c conds
	c.add("a.workspace_id = ?", ws)
	c.add("a.owner_id IS NOT NULL")
	c.add("a.deleted_at IS NULL")
	c.add("a.last_follow_up_at < ?", cutoff.UTC())
	if after.ID != "" {
		c.add("(a.last_follow_up_at, a.id) > (?, ?)", after.LastFollowUpAt.UTC(), after.ID)
	}
	rows, err := q.QueryContext(ctx, "SELECT a.id, a.last_follow_up_at FROM accounts a"+c.where()+
		fmt.Sprintf(" ORDER BY a.last_follow_up_at, a.id LIMIT %d", n), c.args...)
	if err != nil {
		return nil, fmt.Errorf("stale accounts: %w", err)
	}
	defer rows.Close()
	var out []StaleRef
	for rows.Next() {
		var r StaleRef
		if err := rows.Scan(str{&r.ID}, utc{&r.LastFollowUpAt}); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// Reclaimed is an account moved to the pool and the owner it had.
type Reclaimed struct {
	ID, From string
}

// ReclaimAccounts moves the accounts among ids that are still owned, live
// and last followed up before cutoff into the pool, and returns those it
// moved. The condition is checked again here, inside the transaction, so
// an account followed up or reclaimed since it was listed is left alone.
func (tx *Tx) ReclaimAccounts(ctx context.Context, ws string, ids []string, cutoff time.Time) ([]Reclaimed, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	args := []any{tx.Now, tx.Now, ws}
	for _, id := range ids {
		args = append(args, id)
	}
	args = append(args, cutoff.UTC())
	rows, err := tx.QueryContext(ctx, `UPDATE accounts SET pooled_from = owner_id, owner_id = NULL, team_id = NULL,
		claimed_by = NULL, pooled_at = ?, version = version + 1, updated_at = ?, updated_by = NULL
		WHERE workspace_id = ? AND id IN (`+placeholders(len(ids))+`) AND owner_id IS NOT NULL AND deleted_at IS NULL
		AND last_follow_up_at < ? RETURNING id, pooled_from`, args...)
	if err != nil {
		return nil, fmt.Errorf("reclaim accounts: %w", err)
	}
	defer rows.Close()
	out := make([]Reclaimed, 0, len(ids))
	for rows.Next() {
		var r Reclaimed
		if err := rows.Scan(str{&r.ID}, str{&r.From}); err != nil {
			return nil, err
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

var poolSorts = map[string]sortColumn{
	"pooled_at":  {"a.pooled_at", sortTime, false},
	"name":       {"a.name_sort", sortText, false},
	"created_at": {"a.created_at", sortTime, false},
}

// ListPool returns one page of the workspace's pool. The pool is one
// shared list per workspace; the service decides who may see it.
func (q *Q) ListPool(ctx context.Context, ws string, f crm.PoolFilter) (*crm.Page[*crm.PoolAccount], error) {
	o, err := resolveSort(f.Sort, "-pooled_at", poolSorts)
	if err != nil {
		return nil, err
	}
	var c conds
	c.scope(crm.Scope{WorkspaceID: ws, Level: crm.ScopeAll}, "a")
	c.add("a.owner_id IS NULL")
	c.add("a.pooled_at IS NOT NULL")
	c.add("a.deleted_at IS NULL")
	for col, v := range map[string]string{"industry": f.Industry, "region": f.Region, "pooled_from": f.PooledFrom} {
		if v != "" {
			c.add("a."+col+" = ?", v)
		}
	}
	from := "accounts a"
	if sq, searching := search.ParseQuery(f.Q); searching {
		plan, err := search.PlanSearch(ctx, q, q.d.name, "accounts", "a", sq, false)
		if err != nil {
			return nil, err
		}
		from = plan.From
		c.add(plan.Where, plan.Args...)
	}
	from += " LEFT JOIN users u ON u.workspace_id = a.workspace_id AND u.id = a.pooled_from"
	cols := `a.id, a.kind, a.name, a.industry, a.region, a.source, a.hotness, a.pooled_at, a.pooled_from, u.name,
		a.last_follow_up_at, a.created_at, a.version`
	return keysetPage(ctx, q, cols, from, c, o, "a", f.Cursor, f.Limit, func(rows *sql.Rows, sortValue *any) (*crm.PoolAccount, string, error) {
		p := &crm.PoolAccount{}
		err := rows.Scan(str{&p.ID}, &p.Kind, &p.Name, &p.Industry, &p.Region, &p.Source, &p.Hotness, utc{&p.PooledAt},
			str{&p.PooledFrom}, str{&p.PooledFromName}, nullUTC{&p.LastFollowUpAt}, utc{&p.CreatedAt}, &p.Version, sortValue)
		return p, p.ID, err
	})
}
