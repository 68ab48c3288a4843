package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"maps"
	"slices"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

// Activities and key-account plans have no scope of their own: a query
// joins the account (alias a) and applies the caller's activity scope to
// the account's owner and team.

const activityColumns = `act.id, act.account_id, a.name, act.opportunity_id, act.channel, act.direction, act.subject, act.notes,
	act.outcome, act.next_step, act.next_step_due, act.next_step_due_at, act.occurred_at, act.owner_id, act.team_id, act.version,
	act.created_at, act.created_by, act.updated_at, act.updated_by, act.deleted_at,
	(SELECT t.id FROM tasks t WHERE t.workspace_id = act.workspace_id AND t.activity_id = act.id LIMIT 1)`

const activityFrom = `activities act JOIN accounts a ON a.workspace_id = act.workspace_id AND a.id = act.account_id`

func scanActivity(row interface{ Scan(...any) error }) (*crm.Activity, error) {
	x := &crm.Activity{ContactIDs: []string{}}
	if err := row.Scan(str{&x.ID}, str{&x.AccountID}, &x.AccountName, str{&x.OpportunityID}, &x.Channel, &x.Direction,
		&x.Subject, &x.Notes, &x.Outcome, &x.NextStep, &x.NextStepDue, nullUTC{&x.NextStepDueAt}, utc{&x.OccurredAt},
		str{&x.OwnerID}, str{&x.TeamID}, &x.Version, utc{&x.CreatedAt}, str{&x.CreatedBy}, utc{&x.UpdatedAt},
		str{&x.UpdatedBy}, nullUTC{&x.DeletedAt}, str{&x.TaskID}); err != nil {
		return nil, err
	}
	return x, nil
}

// GetActivity returns the activity id if its account is in scope s,
// deleted or not; ENOTFOUND otherwise.
func (q *Q) GetActivity(ctx context.Context, s crm.Scope, id string) (*crm.Activity, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Activity not found.")
	}
	var c conds
	c.scope(s, "a")
	c.add("act.id = ?", id)
	x, err := scanActivity(q.QueryRowContext(ctx, "SELECT "+activityColumns+" FROM "+activityFrom+c.where(), c.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Activity not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get activity %s: %w", id, err)
	}
	return x, q.loadActivityContacts(ctx, s.WorkspaceID, []*crm.Activity{x})
}

// loadActivityContacts fills in the contacts of a page of activities with
// one query.
func (q *Q) loadActivityContacts(ctx context.Context, ws string, list []*crm.Activity) error {
	if len(list) == 0 {
		return nil
	}
	byID := make(map[string]*crm.Activity, len(list))
	args := []any{ws}
	for _, x := range list {
		byID[x.ID] = x
		args = append(args, x.ID)
	}
	rows, err := q.QueryContext(ctx, `SELECT activity_id, contact_id FROM activity_contacts WHERE workspace_id = ? AND activity_id IN (`+
		placeholders(len(list))+`) ORDER BY activity_id, contact_id`, args...)
	if err != nil {
		return fmt.Errorf("activity contacts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var aid, cid string
		if err := rows.Scan(str{&aid}, str{&cid}); err != nil {
			return err
		}
		if x := byID[aid]; x != nil {
			x.ContactIDs = append(x.ContactIDs, cid)
		}
	}
	return rows.Err()
}

var activityInsertColumns = []string{"workspace_id", "id", "account_id", "opportunity_id", "channel", "direction", "subject", "notes",
	"outcome", "next_step", "next_step_due", "next_step_due_at", "occurred_at", "owner_id", "team_id", "version",
	"created_at", "created_by", "updated_at", "updated_by"}

func activityRow(ws string, x *crm.Activity) []any {
	return []any{ws, x.ID, x.AccountID, nullable(x.OpportunityID), x.Channel, x.Direction, x.Subject, x.Notes, x.Outcome,
		x.NextStep, x.NextStepDue, nullTime(x.NextStepDueAt), x.OccurredAt, nullable(x.OwnerID), nullable(x.TeamID), x.Version,
		x.CreatedAt, nullable(x.CreatedBy), x.UpdatedAt, nullable(x.UpdatedBy)}
}

func nullTime(t *time.Time) any {
	if t == nil {
		return nil
	}
	return t.UTC()
}

// InsertActivities stores new activities with their contacts.
func (tx *Tx) InsertActivities(ctx context.Context, ws string, list []*crm.Activity) error {
	rows := make([][]any, len(list))
	var contacts [][]any
	for i, x := range list {
		rows[i] = activityRow(ws, x)
		for _, c := range x.ContactIDs {
			contacts = append(contacts, []any{ws, x.ID, c})
		}
	}
	if err := tx.insertRows(ctx, "activities", activityInsertColumns, rows); err != nil {
		return tx.writeError("activity", err)
	}
	if len(contacts) > 0 {
		if err := tx.insertRows(ctx, "activity_contacts", []string{"workspace_id", "activity_id", "contact_id"}, contacts); err != nil {
			return tx.writeError("activity contact", err)
		}
	}
	return nil
}

// UpdateActivity writes x if the stored version is still fromVersion and
// replaces its contacts.
func (tx *Tx) UpdateActivity(ctx context.Context, ws string, x *crm.Activity, fromVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE activities SET opportunity_id = ?, channel = ?, direction = ?, subject = ?, notes = ?,
		outcome = ?, next_step = ?, next_step_due = ?, next_step_due_at = ?, occurred_at = ?, version = ?, updated_at = ?,
		updated_by = ?, deleted_at = ? WHERE workspace_id = ? AND id = ? AND version = ?`,
		nullable(x.OpportunityID), x.Channel, x.Direction, x.Subject, x.Notes, x.Outcome, x.NextStep, x.NextStepDue,
		nullTime(x.NextStepDueAt), x.OccurredAt, x.Version, x.UpdatedAt, nullable(x.UpdatedBy), nullTime(x.DeletedAt),
		ws, x.ID, fromVersion)
	if err != nil {
		return tx.writeError("activity", err)
	}
	if err := expectOne(res, "Activity"); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM activity_contacts WHERE workspace_id = ? AND activity_id = ?`, ws, x.ID); err != nil {
		return fmt.Errorf("activity contacts: %w", err)
	}
	var contacts [][]any
	for _, c := range x.ContactIDs {
		contacts = append(contacts, []any{ws, x.ID, c})
	}
	if len(contacts) == 0 {
		return nil
	}
	return tx.insertRows(ctx, "activity_contacts", []string{"workspace_id", "activity_id", "contact_id"}, contacts)
}

// Touch is one activity as hotness reads it.
type Touch struct {
	AccountID  string
	Channel    string
	OccurredAt time.Time
}

// RecentTouches returns the live activities of workspace ws since since,
// of one account or (accountID "") of all.
func (q *Q) RecentTouches(ctx context.Context, ws, accountID string, since time.Time) ([]Touch, error) {
	var c conds
	c.add("workspace_id = ?", ws)
	if accountID != "" {
		c.add("account_id = ?", accountID)
	}
	c.add("occurred_at >= ?", since.UTC())
	c.add("deleted_at IS NULL")
	rows, err := q.QueryContext(ctx, "SELECT account_id, channel, occurred_at FROM activities"+c.where(), c.args...)
	if err != nil {
		return nil, fmt.Errorf("recent activities: %w", err)
	}
	defer rows.Close()
	var out []Touch
	for rows.Next() {
		var t Touch
		if err := rows.Scan(str{&t.AccountID}, &t.Channel, utc{&t.OccurredAt}); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// HotAccounts returns the ids of the live accounts of ws with a hotness
// above 0. Accounts in the recycle bin are left out so that the hotness
// index serves the query (it covers live accounts only; without it the
// daily refresh read every account, seconds on a million); a restored
// account decays again from the next refresh.
func (q *Q) HotAccounts(ctx context.Context, ws string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM accounts WHERE workspace_id = ? AND hotness > 0 AND deleted_at IS NULL`, ws)
	if err != nil {
		return nil, fmt.Errorf("hot accounts: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(str{&id}); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// SetHotness stores computed hotness values. Hotness is derived, like the
// value scores: it moves neither the account's version nor its history.
// The accounts are written in id order: ids are time-ordered, and so are
// the rows, so a refresh of thousands of accounts reads each table page
// once instead of at random. PostgreSQL gets them a thousand per
// statement (unnest of two arrays): each updated row re-enters the search
// tokens' GIN index, and one statement per row took twice as long.
func (tx *Tx) SetHotness(ctx context.Context, ws string, hotness map[string]int) error {
	ids := slices.Sorted(maps.Keys(hotness))
	if tx.d.name == "postgres" {
		const chunk = 1000
		for start := 0; start < len(ids); start += chunk {
			part := ids[start:min(start+chunk, len(ids))]
			values := make([]int64, len(part))
			for i, id := range part {
				values[i] = int64(hotness[id])
			}
			if _, err := tx.ExecContext(ctx, `UPDATE accounts AS a SET hotness = v.h
				FROM unnest(CAST(? AS uuid[]), CAST(? AS int[])) AS v (id, h)
				WHERE a.workspace_id = ? AND a.id = v.id AND a.hotness <> v.h`, part, values, ws); err != nil {
				return fmt.Errorf("set hotness: %w", err)
			}
		}
		return nil
	}
	for _, id := range ids {
		h := hotness[id]
		if _, err := tx.ExecContext(ctx, `UPDATE accounts SET hotness = ? WHERE workspace_id = ? AND id = ? AND hotness <> ?`,
			h, ws, id, h); err != nil {
			return fmt.Errorf("set hotness: %w", err)
		}
	}
	return nil
}

// AnalyzeActivities refreshes PostgreSQL's statistics of the activity
// tables after a bulk load (the demo), as AnalyzeOrders does: taking a
// freshly filled table for empty, the planner would sort an account's
// every activity for a timeline page instead of reading the index in
// order.
func (tx *Tx) AnalyzeActivities(ctx context.Context) error {
	if tx.d.name != "postgres" {
		return nil
	}
	if _, err := tx.ExecContext(ctx, "ANALYZE activities, activity_contacts, tasks, key_account_plans"); err != nil {
		return fmt.Errorf("analyze activities: %w", err)
	}
	return nil
}
