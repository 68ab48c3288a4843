package store

import (
	"context"
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

// targetScope adds the conditions of a target scope for sales_targets
// aliased t: the workspace, and unless it reaches all, the caller's own
// target, their teams' targets and, for managers, their teams' people.
func (c *conds) targetScope(s crm.TargetScope) {
	if s.None || !crm.ValidID(s.WorkspaceID) {
		c.add("1 = 0")
		return
	}
	c.add("t.workspace_id = ?", s.WorkspaceID)
	if s.All {
		return
	}
	or := "t.user_id = ?"
	args := []any{s.UserID}
	if teams := validIDs(s.TeamIDs); len(teams) > 0 {
		in := "(" + placeholders(len(teams)) + ")"
		or += " OR t.team_id IN " + in
		args = append(args, anys(teams)...)
		if s.Members {
			or += " OR t.user_id IN (SELECT m.id FROM users m WHERE m.workspace_id = t.workspace_id AND m.team_id IN " + in + ")"
			args = append(args, anys(teams)...)
		}
	}
	c.add("("+or+")", args...)
}

const targetColumns = `t.id, t.period, t.user_id, t.team_id, COALESCE(u.name, tm.name, ''), t.amount, t.version, t.updated_at, t.updated_by`

const targetFrom = `sales_targets t LEFT JOIN users u ON u.workspace_id = t.workspace_id AND u.id = t.user_id
	LEFT JOIN teams tm ON tm.workspace_id = t.workspace_id AND tm.id = t.team_id`

// ListTargets returns the targets in scope s matching f; periods, when
// given, replaces f.Period with a set of periods.
func (q *Q) ListTargets(ctx context.Context, s crm.TargetScope, f crm.TargetFilter, periods ...string) ([]*crm.Target, error) {
	var c conds
	c.targetScope(s)
	if len(periods) > 0 {
		c.add("t.period IN ("+placeholders(len(periods))+")", anys(periods)...)
	} else if f.Period != "" {
		c.add("t.period = ?", f.Period)
	}
	if f.UserID != "" {
		c.add("t.user_id = ?", f.UserID)
	}
	if f.TeamID != "" {
		c.add("t.team_id = ?", f.TeamID)
	}
	rows, err := q.QueryContext(ctx, "SELECT "+targetColumns+" FROM "+targetFrom+c.where()+
		" ORDER BY t.period, t.team_id IS NULL, 5, t.id", c.args...)
	if err != nil {
		return nil, fmt.Errorf("list targets: %w", err)
	}
	defer rows.Close()
	out := []*crm.Target{}
	for rows.Next() {
		t := &crm.Target{Currency: crm.Currency}
		if err := rows.Scan(str{&t.ID}, &t.Period, str{&t.UserID}, str{&t.TeamID}, &t.SubjectName, &t.Amount, &t.Version,
			utc{&t.UpdatedAt}, str{&t.UpdatedBy}); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TargetFor returns the target of a person or team for a period, in any
// scope (the service has checked the caller may set it), or nil.
func (q *Q) TargetFor(ctx context.Context, ws, period, userID, teamID string) (*crm.Target, error) {
	all := crm.TargetScope{WorkspaceID: ws, All: true}
	list, err := q.ListTargets(ctx, all, crm.TargetFilter{Period: period, UserID: userID, TeamID: teamID})
	if err != nil || len(list) == 0 {
		return nil, err
	}
	return list[0], nil
}

// InsertTarget stores a new target.
func (tx *Tx) InsertTarget(ctx context.Context, ws string, t *crm.Target) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sales_targets (workspace_id, id, period, user_id, team_id, amount, version,
		created_at, created_by, updated_at, updated_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ws, t.ID, t.Period, nullable(t.UserID), nullable(t.TeamID), t.Amount, t.Version, t.UpdatedAt, nullable(t.UpdatedBy),
		t.UpdatedAt, nullable(t.UpdatedBy))
	if err != nil {
		return tx.writeError("target", err)
	}
	return nil
}

// UpdateTarget writes a target's amount if it is still at fromVersion.
func (tx *Tx) UpdateTarget(ctx context.Context, ws string, t *crm.Target, fromVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE sales_targets SET amount = ?, version = ?, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`, t.Amount, t.Version, t.UpdatedAt, nullable(t.UpdatedBy), ws, t.ID, fromVersion)
	if err != nil {
		return tx.writeError("target", err)
	}
	return expectOne(res, "Target")
}

// TargetSubject is a person or team a caller may see targets of.
type TargetSubject struct {
	ID     string
	Name   string
	TeamID string // a person's team, a team's parent
	Role   crm.Role
}

// TargetSubjects returns the active users and the teams within target
// scope s, by name.
func (q *Q) TargetSubjects(ctx context.Context, s crm.TargetScope) (users, teams []TargetSubject, err error) {
	if s.None || !crm.ValidID(s.WorkspaceID) {
		return nil, nil, nil
	}
	teamIDs := validIDs(s.TeamIDs)
	var uc, tc conds
	uc.add("u.workspace_id = ?", s.WorkspaceID)
	uc.add("u.active = ?", true)
	tc.add("tm.workspace_id = ?", s.WorkspaceID)
	if !s.All {
		or, args := "u.id = ?", []any{s.UserID}
		if s.Members && len(teamIDs) > 0 {
			or += " OR u.team_id IN (" + placeholders(len(teamIDs)) + ")"
			args = append(args, anys(teamIDs)...)
		}
		uc.add("("+or+")", args...)
		if len(teamIDs) == 0 {
			tc.add("1 = 0")
		} else {
			tc.add("tm.id IN ("+placeholders(len(teamIDs))+")", anys(teamIDs)...)
		}
	}
	rows, err := q.QueryContext(ctx, "SELECT u.id, u.name, u.team_id, u.role FROM users u"+uc.where()+" ORDER BY u.name, u.id", uc.args...)
	if err != nil {
		return nil, nil, fmt.Errorf("target users: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var x TargetSubject
		if err := rows.Scan(str{&x.ID}, &x.Name, str{&x.TeamID}, &x.Role); err != nil {
			return nil, nil, err
		}
		users = append(users, x)
	}
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	trows, err := q.QueryContext(ctx, "SELECT tm.id, tm.name, tm.parent_id FROM teams tm"+tc.where()+" ORDER BY tm.name, tm.id", tc.args...)
	if err != nil {
		return nil, nil, fmt.Errorf("target teams: %w", err)
	}
	defer trows.Close()
	for trows.Next() {
		var x TargetSubject
		if err := trows.Scan(str{&x.ID}, &x.Name, str{&x.TeamID}); err != nil {
			return nil, nil, err
		}
		teams = append(teams, x)
	}
	return users, teams, trows.Err()
}

// WonTotal is what one owner won for one team in a period.
type WonTotal struct {
	OwnerID string
	TeamID  string
	Count   int64
	Amount  int64
}

// WonBetween sums the live opportunities of workspace ws that are won and
// were moved into their won stage in [from, to), by owner and team. The
// move's time is the opportunity's stage_changed_at: every move sets it,
// and a won opportunity cannot move to another closed stage, so for a
// won one it is the time of its last row in opportunity_stage_changes,
// without joining that table (a grouped join over it took seconds on
// PostgreSQL at 20,000 won deals). These are aggregates for targets,
// which are visible to people who cannot read each opportunity.
func (q *Q) WonBetween(ctx context.Context, ws string, from, to time.Time) ([]WonTotal, error) {
	if !crm.ValidID(ws) {
		return nil, nil
	}
	rows, err := q.QueryContext(ctx, `SELECT o.owner_id, o.team_id, COUNT(*), SUM(CAST(o.amount AS DOUBLE PRECISION))
		FROM opportunities o
		JOIN pipeline_stages s ON s.workspace_id = o.workspace_id AND s.key = o.stage AND s.kind = 'won'
		WHERE o.workspace_id = ? AND o.deleted_at IS NULL AND o.stage_changed_at >= ? AND o.stage_changed_at < ?
		GROUP BY o.owner_id, o.team_id`, ws, from.UTC(), to.UTC())
	if err != nil {
		return nil, fmt.Errorf("won opportunities: %w", err)
	}
	defer rows.Close()
	var out []WonTotal
	for rows.Next() {
		var w WonTotal
		var amount float64
		if err := rows.Scan(str{&w.OwnerID}, str{&w.TeamID}, &w.Count, &amount); err != nil {
			return nil, err
		}
		w.Amount = clampInt(amount)
		out = append(out, w)
	}
	return out, rows.Err()
}
