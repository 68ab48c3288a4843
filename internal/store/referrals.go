package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

// ReferralEdge is one row of referral_edges: a referral or an account
// link of kind referred_by, between live accounts.
type ReferralEdge struct {
	ID                string
	Source            string
	ReferrerAccountID string
	ReferrerContactID string
	ReferredAccountID string
	ReferredContactID string
	ReferredOn        crm.Date
	Note              string
	CreatedAt         time.Time
	CreatedBy         string
}

// Directions of an edge walk from a set of accounts.
const (
	Upstream   = "up"   // edges into the accounts: who referred them
	Downstream = "down" // edges out of the accounts: whom they referred
	BothWays   = "both"
)

// ReferralEdges returns the edges touching accountIDs in direction dir
// whose two accounts are live (not in the recycle bin). The caller anonymises what is out of scope
// (see ReferralParties); the walk itself must see the whole network.
func (q *Q) ReferralEdges(ctx context.Context, ws string, accountIDs []string, dir string) ([]ReferralEdge, error) {
	ids := validIDs(accountIDs)
	if len(ids) == 0 || !crm.ValidID(ws) {
		return nil, nil
	}
	in := "(" + placeholders(len(ids)) + ")"
	var cond string
	var args []any
	args = append(args, ws)
	switch dir {
	case Upstream:
		cond = "e.referred_account_id IN " + in
		args = append(args, anys(ids)...)
	case Downstream:
		cond = "e.referrer_account_id IN " + in
		args = append(args, anys(ids)...)
	default:
		cond = "(e.referred_account_id IN " + in + " OR e.referrer_account_id IN " + in + ")"
		args = append(args, anys(ids)...)
		args = append(args, anys(ids)...)
	}
	rows, err := q.QueryContext(ctx, `SELECT e.id, e.source, e.referrer_account_id, e.referrer_contact_id, e.referred_account_id,
		e.referred_contact_id, e.referred_on, e.note, e.created_at, e.created_by
		FROM referral_edges e WHERE e.workspace_id = ? AND `+cond+` ORDER BY e.created_at, e.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("referral edges: %w", err)
	}
	defer rows.Close()
	var out []ReferralEdge
	for rows.Next() {
		var e ReferralEdge
		var on sql.NullString
		if err := rows.Scan(str{&e.ID}, &e.Source, str{&e.ReferrerAccountID}, str{&e.ReferrerContactID}, str{&e.ReferredAccountID},
			str{&e.ReferredContactID}, &on, &e.Note, utc{&e.CreatedAt}, str{&e.CreatedBy}); err != nil {
			return nil, err
		}
		if on.Valid && len(on.String) >= 10 {
			e.ReferredOn = crm.Date(on.String[:10])
		} else {
			e.ReferredOn = crm.Date(e.CreatedAt.Format(time.DateOnly)) // links have no date of their own
		}
		out = append(out, e)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return q.withoutDeletedAccounts(ctx, ws, out)
}

// withoutDeletedAccounts drops the edges with an account in the recycle
// bin. A join to accounts in the edge query itself went quadratic on
// PostgreSQL before its statistics existed (a nested loop filtering every
// account per edge); looking the ends up by primary key cannot.
func (q *Q) withoutDeletedAccounts(ctx context.Context, ws string, edges []ReferralEdge) ([]ReferralEdge, error) {
	var ids []string
	seen := map[string]bool{}
	for _, e := range edges {
		for _, id := range []string{e.ReferrerAccountID, e.ReferredAccountID} {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	if len(ids) == 0 {
		return edges, nil
	}
	deleted := map[string]bool{}
	rows, err := q.QueryContext(ctx, `SELECT id FROM accounts WHERE workspace_id = ? AND id IN (`+placeholders(len(ids))+
		`) AND deleted_at IS NOT NULL`, append([]any{ws}, anys(ids)...)...)
	if err != nil {
		return nil, fmt.Errorf("deleted referral accounts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id string
		if err := rows.Scan(str{&id}); err != nil {
			return nil, err
		}
		deleted[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(deleted) == 0 {
		return edges, nil
	}
	live := edges[:0]
	for _, e := range edges {
		if !deleted[e.ReferrerAccountID] && !deleted[e.ReferredAccountID] {
			live = append(live, e)
		}
	}
	return live, nil
}

// ReferralAccount is what the referral views may show of an account.
type ReferralAccount struct {
	Name        string
	Visible     bool // in the caller's account read scope
	Revenue     int64
	GrossProfit int64
	FiguresOK   bool // the caller may read its orders
}

// ReferralContact is what the referral views may show of a contact.
type ReferralContact struct {
	Name      string
	AccountID string
	Visible   bool
}

// ReferralParties loads the accounts and contacts of a referral view and
// marks those inside the caller's scopes: accounts (accScope), their
// orders (orderScope) and contacts (conScope).
func (q *Q) ReferralParties(ctx context.Context, accScope, orderScope, conScope crm.Scope, accountIDs, contactIDs []string) (map[string]ReferralAccount, map[string]ReferralContact, error) {
	accounts := map[string]ReferralAccount{}
	contacts := map[string]ReferralContact{}
	ws := accScope.WorkspaceID
	if !crm.ValidID(ws) {
		return accounts, contacts, nil
	}
	if ids := validIDs(accountIDs); len(ids) > 0 {
		rows, err := q.QueryContext(ctx, `SELECT a.id, a.name, a.owner_id, a.team_id, COALESCE(cs.revenue, 0), COALESCE(cs.gross_profit, 0)
			FROM accounts a LEFT JOIN customer_stats cs ON cs.workspace_id = a.workspace_id AND cs.account_id = a.id
			WHERE a.workspace_id = ? AND a.id IN (`+placeholders(len(ids))+`)`, append([]any{ws}, anys(ids)...)...)
		if err != nil {
			return nil, nil, fmt.Errorf("referral accounts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, owner, team string
			var a ReferralAccount
			if err := rows.Scan(str{&id}, &a.Name, str{&owner}, str{&team}, &a.Revenue, &a.GrossProfit); err != nil {
				return nil, nil, err
			}
			a.Visible = InScope(accScope, owner, team)
			a.FiguresOK = a.Visible && InScope(orderScope, owner, team)
			accounts[id] = a
		}
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	if ids := validIDs(contactIDs); len(ids) > 0 {
		rows, err := q.QueryContext(ctx, `SELECT c.id, c.account_id, c.name, c.owner_id, c.team_id, c.deleted_at IS NULL
			FROM contacts c WHERE c.workspace_id = ? AND c.id IN (`+placeholders(len(ids))+`)`, append([]any{ws}, anys(ids)...)...)
		if err != nil {
			return nil, nil, fmt.Errorf("referral contacts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id, owner, team string
			var live bool
			var c ReferralContact
			if err := rows.Scan(str{&id}, str{&c.AccountID}, &c.Name, str{&owner}, str{&team}, &live); err != nil {
				return nil, nil, err
			}
			c.Visible = live && InScope(conScope, owner, team)
			contacts[id] = c
		}
		if err := rows.Err(); err != nil {
			return nil, nil, err
		}
	}
	return accounts, contacts, nil
}

// InsertReferral stores a referral; ECONFLICT if the same one exists.
func (tx *Tx) InsertReferral(ctx context.Context, ws string, r *crm.Referral) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO referrals (workspace_id, id, referrer_account_id, referrer_contact_id,
		referred_account_id, referred_contact_id, referred_on, note, created_at, created_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ws, r.ID, r.ReferrerAccountID, nullable(r.ReferrerContactID), r.ReferredAccountID, nullable(r.ReferredContactID),
		r.ReferredOn, r.Note, tx.Now, nullable(r.CreatedBy))
	if err != nil {
		return tx.writeError("referral", err)
	}
	return nil
}

// GetReferral returns a recorded referral by id (not a link); ENOTFOUND
// if there is none.
func (q *Q) GetReferral(ctx context.Context, ws, id string) (*crm.Referral, error) {
	if !crm.ValidID(id) || !crm.ValidID(ws) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Referral not found.")
	}
	r := &crm.Referral{Source: "referral"}
	err := q.QueryRowContext(ctx, `SELECT id, referrer_account_id, referrer_contact_id, referred_account_id, referred_contact_id,
		referred_on, note FROM referrals WHERE workspace_id = ? AND id = ?`, ws, id).
		Scan(str{&r.ID}, str{&r.ReferrerAccountID}, str{&r.ReferrerContactID}, str{&r.ReferredAccountID}, str{&r.ReferredContactID},
			&r.ReferredOn, &r.Note)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Referral not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get referral %s: %w", id, err)
	}
	return r, nil
}

// DeleteReferral removes a referral.
func (tx *Tx) DeleteReferral(ctx context.Context, ws, id string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM referrals WHERE workspace_id = ? AND id = ?", ws, id)
	return err
}

// validIDs drops malformed ids, which could not match a uuid column.
func validIDs(ids []string) []string {
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		if crm.ValidID(id) {
			out = append(out, id)
		}
	}
	return out
}

func anys(ids []string) []any {
	out := make([]any, len(ids))
	for i, id := range ids {
		out[i] = id
	}
	return out
}
