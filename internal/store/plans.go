package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/guanxi-crm/guanxi/crm"
)

const planColumns = `p.id, p.account_id, a.name, p.kind, p.title, p.due_date, p.attendee_user_ids, p.attendee_contact_ids,
	p.status, p.notes, a.owner_id, p.version, p.created_at, p.created_by, p.updated_at, p.updated_by, p.deleted_at`

const planFrom = `key_account_plans p JOIN accounts a ON a.workspace_id = p.workspace_id AND a.id = p.account_id`

func scanPlan(row interface{ Scan(...any) error }) (*crm.KeyAccountPlan, error) {
	k := &crm.KeyAccountPlan{}
	if err := row.Scan(str{&k.ID}, str{&k.AccountID}, &k.AccountName, &k.Kind, &k.Title, &k.DueDate, jsonCol{&k.AttendeeUserIDs},
		jsonCol{&k.AttendeeContactIDs}, &k.Status, &k.Notes, str{&k.OwnerID}, &k.Version, utc{&k.CreatedAt}, str{&k.CreatedBy},
		utc{&k.UpdatedAt}, str{&k.UpdatedBy}, nullUTC{&k.DeletedAt}); err != nil {
		return nil, err
	}
	if k.AttendeeUserIDs == nil {
		k.AttendeeUserIDs = []string{}
	}
	if k.AttendeeContactIDs == nil {
		k.AttendeeContactIDs = []string{}
	}
	return k, nil
}

// GetPlan returns the key-account plan id if its account is in scope s.
func (q *Q) GetPlan(ctx context.Context, s crm.Scope, id string) (*crm.KeyAccountPlan, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Plan not found.")
	}
	var c conds
	c.scope(s, "a")
	c.add("p.id = ?", id)
	k, err := scanPlan(q.QueryRowContext(ctx, "SELECT "+planColumns+" FROM "+planFrom+c.where(), c.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Plan not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get plan %s: %w", id, err)
	}
	return k, nil
}

// PlanFilter selects key-account plans.
type PlanFilter struct {
	AccountID string
	// Planned keeps only planned ones; Before keeps those due before it.
	Planned bool
	Before  crm.Date
	// OwnerID or Teams select by the account's owner or team.
	OwnerID    string
	Teams      []string
	NotOwnerID string
}

// ListPlans returns the live plans in scope s matching f by due date,
// capped.
func (q *Q) ListPlans(ctx context.Context, s crm.Scope, f PlanFilter) ([]*crm.KeyAccountPlan, error) {
	var c conds
	c.scope(s, "a")
	c.add("p.deleted_at IS NULL")
	if f.AccountID != "" {
		c.add("p.account_id = ?", f.AccountID)
	}
	if f.Planned {
		c.add("p.status = 'planned'")
	}
	if f.Before != "" {
		c.add("p.due_date < ?", f.Before)
	}
	if f.OwnerID != "" {
		c.add("a.owner_id = ?", f.OwnerID)
	}
	if f.NotOwnerID != "" {
		c.add("(a.owner_id IS NULL OR a.owner_id <> ?)", f.NotOwnerID)
	}
	if len(f.Teams) > 0 {
		args := make([]any, len(f.Teams))
		for i, t := range f.Teams {
			args[i] = t
		}
		c.add("a.team_id IN ("+placeholders(len(f.Teams))+")", args...)
	}
	rows, err := q.QueryContext(ctx, "SELECT "+planColumns+" FROM "+planFrom+c.where()+fmt.Sprintf(" ORDER BY p.due_date DESC, p.id DESC LIMIT %d", todoLimit), c.args...)
	if err != nil {
		return nil, fmt.Errorf("list plans: %w", err)
	}
	defer rows.Close()
	out := []*crm.KeyAccountPlan{}
	for rows.Next() {
		k, err := scanPlan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, k)
	}
	return out, rows.Err()
}

var planInsertColumns = []string{"workspace_id", "id", "account_id", "kind", "title", "due_date", "attendee_user_ids",
	"attendee_contact_ids", "status", "notes", "version", "created_at", "created_by", "updated_at", "updated_by"}

// InsertPlans stores new key-account plans.
func (tx *Tx) InsertPlans(ctx context.Context, ws string, list []*crm.KeyAccountPlan) error {
	rows := make([][]any, len(list))
	for i, k := range list {
		rows[i] = []any{ws, k.ID, k.AccountID, k.Kind, k.Title, k.DueDate, jsonArray(k.AttendeeUserIDs), jsonArray(k.AttendeeContactIDs),
			k.Status, k.Notes, k.Version, k.CreatedAt, nullable(k.CreatedBy), k.UpdatedAt, nullable(k.UpdatedBy)}
	}
	if err := tx.insertRows(ctx, "key_account_plans", planInsertColumns, rows); err != nil {
		return tx.writeError("key-account plan", err)
	}
	return nil
}

// UpdatePlan writes k if the stored version is still fromVersion.
func (tx *Tx) UpdatePlan(ctx context.Context, ws string, k *crm.KeyAccountPlan, fromVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE key_account_plans SET kind = ?, title = ?, due_date = ?, attendee_user_ids = ?,
		attendee_contact_ids = ?, status = ?, notes = ?, version = ?, updated_at = ?, updated_by = ?, deleted_at = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`,
		k.Kind, k.Title, k.DueDate, jsonArray(k.AttendeeUserIDs), jsonArray(k.AttendeeContactIDs), k.Status, k.Notes, k.Version,
		k.UpdatedAt, nullable(k.UpdatedBy), nullTime(k.DeletedAt), ws, k.ID, fromVersion)
	if err != nil {
		return tx.writeError("key-account plan", err)
	}
	return expectOne(res, "Plan")
}
