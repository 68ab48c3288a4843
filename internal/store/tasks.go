package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/guanxi-crm/guanxi/crm"
)

// Tasks are scoped by their assignee (and the assignee's team).

const taskColumns = `t.id, t.title, t.notes, t.due_date, t.due_at, t.remind_at, t.assignee_id, t.team_id, t.account_id,
	COALESCE(a.name, ''), t.opportunity_id, t.contact_id, t.activity_id, t.done_at, t.version, t.created_at, t.created_by,
	t.updated_at, t.updated_by, t.deleted_at`

const taskFrom = `tasks t LEFT JOIN accounts a ON a.workspace_id = t.workspace_id AND a.id = t.account_id`

func scanTask(row interface{ Scan(...any) error }) (*crm.Task, error) {
	t := &crm.Task{}
	if err := row.Scan(str{&t.ID}, &t.Title, &t.Notes, &t.DueDate, nullUTC{&t.DueAt}, nullUTC{&t.RemindAt}, str{&t.AssigneeID},
		str{&t.TeamID}, str{&t.AccountID}, &t.AccountName, str{&t.OpportunityID}, str{&t.ContactID}, str{&t.ActivityID},
		nullUTC{&t.DoneAt}, &t.Version, utc{&t.CreatedAt}, str{&t.CreatedBy}, utc{&t.UpdatedAt}, str{&t.UpdatedBy},
		nullUTC{&t.DeletedAt}); err != nil {
		return nil, err
	}
	t.Done = t.DoneAt != nil
	return t, nil
}

// GetTask returns the task id if it is in scope s; ENOTFOUND otherwise.
func (q *Q) GetTask(ctx context.Context, s crm.Scope, id string) (*crm.Task, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Task not found.")
	}
	var c conds
	c.scopeOn(s, "t", "t.assignee_id", "t.team_id")
	c.add("t.id = ?", id)
	t, err := scanTask(q.QueryRowContext(ctx, "SELECT "+taskColumns+" FROM "+taskFrom+c.where(), c.args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Task not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get task %s: %w", id, err)
	}
	return t, nil
}

// TaskOfActivity returns the task made from an activity's next step, or
// nil.
func (q *Q) TaskOfActivity(ctx context.Context, ws, activityID string) (*crm.Task, error) {
	t, err := scanTask(q.QueryRowContext(ctx, "SELECT "+taskColumns+" FROM "+taskFrom+
		" WHERE t.workspace_id = ? AND t.activity_id = ? ORDER BY t.id LIMIT 1", ws, activityID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return t, err
}

var taskInsertColumns = []string{"workspace_id", "id", "title", "notes", "due_date", "due_at", "remind_at", "assignee_id", "team_id",
	"account_id", "opportunity_id", "contact_id", "activity_id", "done_at", "version", "created_at", "created_by", "updated_at", "updated_by"}

// InsertTasks stores new tasks.
func (tx *Tx) InsertTasks(ctx context.Context, ws string, list []*crm.Task) error {
	rows := make([][]any, len(list))
	for i, t := range list {
		rows[i] = []any{ws, t.ID, t.Title, t.Notes, t.DueDate, nullTime(t.DueAt), nullTime(t.RemindAt), t.AssigneeID,
			nullable(t.TeamID), nullable(t.AccountID), nullable(t.OpportunityID), nullable(t.ContactID), nullable(t.ActivityID),
			nullTime(t.DoneAt), t.Version, t.CreatedAt, nullable(t.CreatedBy), t.UpdatedAt, nullable(t.UpdatedBy)}
	}
	if err := tx.insertRows(ctx, "tasks", taskInsertColumns, rows); err != nil {
		return tx.writeError("task", err)
	}
	return nil
}

// UpdateTask writes t if the stored version is still fromVersion.
func (tx *Tx) UpdateTask(ctx context.Context, ws string, t *crm.Task, fromVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE tasks SET title = ?, notes = ?, due_date = ?, due_at = ?, remind_at = ?,
		assignee_id = ?, team_id = ?, done_at = ?, version = ?, updated_at = ?, updated_by = ?, deleted_at = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`,
		t.Title, t.Notes, t.DueDate, nullTime(t.DueAt), nullTime(t.RemindAt), t.AssigneeID, nullable(t.TeamID),
		nullTime(t.DoneAt), t.Version, t.UpdatedAt, nullable(t.UpdatedBy), nullTime(t.DeletedAt), ws, t.ID, fromVersion)
	if err != nil {
		return tx.writeError("task", err)
	}
	return expectOne(res, "Task")
}

// TodoTasks selects the tasks of a to-do centre.
type TodoTasks struct {
	AssigneeID string
	// Teams, when set, adds the open tasks due before Today of anyone
	// whose team is one of them.
	Teams []string
	Today crm.Date
	// DoneSince bounds the done tasks returned.
	DoneSince sql.NullTime
}

// todoLimit bounds each part of the to-do centre.
const todoLimit = 200

// TasksForTodo returns the assignee's open tasks, those done since
// DoneSince, and the overdue open tasks of the teams, each part capped.
func (q *Q) TasksForTodo(ctx context.Context, ws string, f TodoTasks) ([]*crm.Task, error) {
	var out []*crm.Task
	read := func(where string, order string, args ...any) error {
		rows, err := q.QueryContext(ctx, "SELECT "+taskColumns+" FROM "+taskFrom+" WHERE t.workspace_id = ? AND t.deleted_at IS NULL AND "+
			where+" ORDER BY "+order+fmt.Sprintf(" LIMIT %d", todoLimit), append([]any{ws}, args...)...)
		if err != nil {
			return fmt.Errorf("to-do tasks: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			t, err := scanTask(rows)
			if err != nil {
				return err
			}
			out = append(out, t)
		}
		return rows.Err()
	}
	if err := read("t.assignee_id = ? AND t.done_at IS NULL", "t.due_date, t.id", f.AssigneeID); err != nil {
		return nil, err
	}
	if f.DoneSince.Valid {
		if err := read("t.assignee_id = ? AND t.done_at >= ?", "t.done_at DESC, t.id", f.AssigneeID, f.DoneSince.Time.UTC()); err != nil {
			return nil, err
		}
	}
	if len(f.Teams) > 0 {
		args := []any{f.AssigneeID, f.Today}
		for _, t := range f.Teams {
			args = append(args, t)
		}
		if err := read("t.assignee_id <> ? AND t.done_at IS NULL AND t.due_date < ? AND t.team_id IN ("+placeholders(len(f.Teams))+")",
			"t.due_date, t.id", args...); err != nil {
			return nil, err
		}
	}
	return out, nil
}
