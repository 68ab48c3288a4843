package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/guanxi-crm/guanxi/crm"
)

// A competitor's presence at an account has no owner of its own: every
// query joins the account and applies the caller's account scope to it.

const presenceColumns = `p.id, p.account_id, a.name, p.competitor_id, k.name, k.deleted_at, p.products, p.satisfaction,
	p.rep_name, p.rep_style, p.rep_relationship, p.since, p.notes, p.version, p.created_at, p.created_by, p.updated_at, p.updated_by`

const presenceFrom = `account_competitors p
	JOIN accounts a ON a.workspace_id = p.workspace_id AND a.id = p.account_id
	JOIN competitors k ON k.workspace_id = p.workspace_id AND k.id = p.competitor_id`

func scanPresence(row interface{ Scan(...any) error }) (*crm.AccountCompetitor, error) {
	p := &crm.AccountCompetitor{}
	var sat, rel sql.NullInt64
	var kDeleted nullableTime
	if err := row.Scan(str{&p.ID}, str{&p.AccountID}, &p.AccountName, str{&p.CompetitorID}, &p.CompetitorName, &kDeleted,
		&p.Products, &sat, &p.RepName, &p.RepStyle, &rel, &p.Since, &p.Notes, &p.Version, utc{&p.CreatedAt}, str{&p.CreatedBy},
		utc{&p.UpdatedAt}, str{&p.UpdatedBy}); err != nil {
		return nil, err
	}
	p.CompetitorDeleted = kDeleted.set
	p.Satisfaction, p.RepRelationship = intPtr(sat), intPtr(rel)
	return p, nil
}

// nullableTime scans only whether a time column is set.
type nullableTime struct{ set bool }

func (n *nullableTime) Scan(src any) error {
	n.set = src != nil
	return nil
}

func intPtr(v sql.NullInt64) *int {
	if !v.Valid {
		return nil
	}
	n := int(v.Int64)
	return &n
}

func nullableScore(v *int) any {
	if v == nil {
		return nil
	}
	return *v
}

// AccountCompetitors returns the presences at an account in scope s,
// by competitor name.
func (q *Q) AccountCompetitors(ctx context.Context, s crm.Scope, accountID string) ([]*crm.AccountCompetitor, error) {
	var c conds
	c.scope(s, "a")
	c.add("p.account_id = ?", accountID)
	return q.presences(ctx, c, " ORDER BY k.name_sort, p.id", 0)
}

// CompetitorPresences returns the presences of a competitor at live
// accounts in scope s, by account name, at most limit.
func (q *Q) CompetitorPresences(ctx context.Context, s crm.Scope, competitorID string, limit int) ([]*crm.AccountCompetitor, error) {
	var c conds
	c.scope(s, "a")
	c.add("a.deleted_at IS NULL")
	c.add("p.competitor_id = ?", competitorID)
	return q.presences(ctx, c, " ORDER BY a.name_sort, p.id", crm.PageSize(limit))
}

// GetAccountCompetitor returns one presence at an account in scope s;
// ENOTFOUND if none.
func (q *Q) GetAccountCompetitor(ctx context.Context, s crm.Scope, accountID, id string) (*crm.AccountCompetitor, error) {
	if !crm.ValidID(id) || !crm.ValidID(accountID) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Competitor presence not found.")
	}
	var c conds
	c.scope(s, "a")
	c.add("p.account_id = ?", accountID)
	c.add("p.id = ?", id)
	out, err := q.presences(ctx, c, "", 1)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, crm.Errorf(crm.ENOTFOUND, "Competitor presence not found.")
	}
	return out[0], nil
}

func (q *Q) presences(ctx context.Context, c conds, order string, limit int) ([]*crm.AccountCompetitor, error) {
	query := "SELECT " + presenceColumns + " FROM " + presenceFrom + c.where() + order
	if limit > 0 {
		query += fmt.Sprintf(" LIMIT %d", limit)
	}
	rows, err := q.QueryContext(ctx, query, c.args...)
	if err != nil {
		return nil, fmt.Errorf("competitor presences: %w", err)
	}
	defer rows.Close()
	out := []*crm.AccountCompetitor{}
	for rows.Next() {
		p, err := scanPresence(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, p)
	}
	return out, rows.Err()
}

var presenceInsertColumns = []string{"workspace_id", "id", "account_id", "competitor_id", "products", "satisfaction", "rep_name",
	"rep_style", "rep_relationship", "since", "notes", "version", "created_at", "created_by", "updated_at", "updated_by"}

// InsertAccountCompetitors stores presences; ECONFLICT on competitor_id
// when the competitor is already recorded at the account.
func (tx *Tx) InsertAccountCompetitors(ctx context.Context, ws string, ps []*crm.AccountCompetitor) error {
	values := make([][]any, len(ps))
	for i, p := range ps {
		values[i] = []any{ws, p.ID, p.AccountID, p.CompetitorID, p.Products, nullableScore(p.Satisfaction), p.RepName, p.RepStyle,
			nullableScore(p.RepRelationship), p.Since, p.Notes, p.Version, p.CreatedAt, nullable(p.CreatedBy), p.UpdatedAt, nullable(p.UpdatedBy)}
	}
	if err := tx.insertRows(ctx, "account_competitors", presenceInsertColumns, values); err != nil {
		if isUniqueViolation(err) {
			return &crm.Error{Code: crm.ECONFLICT, Message: "This competitor is already recorded at the account.",
				Fields: []crm.FieldError{{Field: "competitor_id", Reason: "taken", Message: "is already present at this account"}}}
		}
		return tx.writeError("competitor presence", err)
	}
	return nil
}

// UpdateAccountCompetitor writes p if the stored version is still fromVersion.
func (tx *Tx) UpdateAccountCompetitor(ctx context.Context, ws string, p *crm.AccountCompetitor, fromVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE account_competitors SET products = ?, satisfaction = ?, rep_name = ?, rep_style = ?,
		rep_relationship = ?, since = ?, notes = ?, version = ?, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`,
		p.Products, nullableScore(p.Satisfaction), p.RepName, p.RepStyle, nullableScore(p.RepRelationship), p.Since, p.Notes,
		p.Version, p.UpdatedAt, nullable(p.UpdatedBy), ws, p.ID, fromVersion)
	if err != nil {
		return tx.writeError("competitor presence", err)
	}
	return expectOne(res, "The competitor presence")
}

// DeleteAccountCompetitor removes a presence.
func (tx *Tx) DeleteAccountCompetitor(ctx context.Context, ws, id string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM account_competitors WHERE workspace_id = ? AND id = ?`, ws, id); err != nil {
		return fmt.Errorf("delete competitor presence: %w", err)
	}
	return nil
}
