package store

import (
	"context"
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

// A timeline merges several sources newest first. Its order is (at, rank,
// key) descending, where rank orders the sources at the same instant and
// key is unique within a source; a cursor is the last item's triple, and
// each source is asked only for the items strictly after it.

// TimelineCursor is the position after an item of a timeline.
type TimelineCursor struct {
	At   time.Time
	Rank int
	Key  string
}

// Ranks of the timeline sources.
const (
	RankStageChange = 1
	RankPlan        = 2
	RankTask        = 3
	RankActivity    = 4
)

// After reports whether an item (at, rank, key) comes after the cursor in
// the timeline's order; a nil cursor is the start.
func (c *TimelineCursor) After(at time.Time, rank int, key string) bool {
	if c == nil {
		return true
	}
	switch {
	case !at.Equal(c.At):
		return at.Before(c.At)
	case rank != c.Rank:
		return rank < c.Rank
	}
	return key < c.Key
}

// before adds the condition "after cur" for a source of rank rank.
func (c *conds) before(cur *TimelineCursor, rank int, atCol, keyCol string) {
	switch {
	case cur == nil:
	case rank < cur.Rank:
		c.add(atCol+" <= ?", cur.At.UTC())
	case rank > cur.Rank:
		c.add(atCol+" < ?", cur.At.UTC())
	default:
		c.add("("+atCol+", "+keyCol+") < (?, ?)", cur.At.UTC(), cur.Key)
	}
}

// TimelineSubject is the record whose timeline is read.
type TimelineSubject struct {
	Entity crm.Entity // account, contact or opportunity
	ID     string
}

// TimelineActivities returns up to limit live activities of the subject
// after cur, newest first, whose account is in scope s.
func (q *Q) TimelineActivities(ctx context.Context, s crm.Scope, sub TimelineSubject, cur *TimelineCursor, limit int) ([]*crm.Activity, error) {
	var c conds
	c.scope(s, "a")
	c.add("act.workspace_id = ?", s.WorkspaceID)
	switch sub.Entity {
	case crm.EntityAccount:
		c.add("act.account_id = ?", sub.ID)
	case crm.EntityOpportunity:
		c.add("act.opportunity_id = ?", sub.ID)
	case crm.EntityContact:
		c.add(`act.id IN (SELECT ac.activity_id FROM activity_contacts ac WHERE ac.workspace_id = ? AND ac.contact_id = ?)`, s.WorkspaceID, sub.ID)
	default:
		return nil, fmt.Errorf("timeline of %s", sub.Entity)
	}
	c.add("act.deleted_at IS NULL")
	c.before(cur, RankActivity, "act.occurred_at", "act.id")
	rows, err := q.QueryContext(ctx, "SELECT "+activityColumns+" FROM "+activityFrom+c.where()+
		fmt.Sprintf(" ORDER BY act.occurred_at DESC, act.id DESC LIMIT %d", limit), c.args...)
	if err != nil {
		return nil, fmt.Errorf("timeline activities: %w", err)
	}
	defer rows.Close()
	out := []*crm.Activity{}
	for rows.Next() {
		x, err := scanActivity(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, x)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	return out, q.loadActivityContacts(ctx, s.WorkspaceID, out)
}

// TimelineTasks returns up to limit live tasks linked to the subject after
// cur, newest first by creation. The caller has checked the subject is in
// scope: a record's tasks show to whoever may read the record.
func (q *Q) TimelineTasks(ctx context.Context, ws string, sub TimelineSubject, cur *TimelineCursor, limit int) ([]*crm.Task, error) {
	var c conds
	c.add("t.workspace_id = ?", ws)
	switch sub.Entity {
	case crm.EntityAccount:
		c.add("t.account_id = ?", sub.ID)
	case crm.EntityOpportunity:
		c.add("t.opportunity_id = ?", sub.ID)
	case crm.EntityContact:
		c.add("t.contact_id = ?", sub.ID)
	default:
		return nil, fmt.Errorf("timeline of %s", sub.Entity)
	}
	c.add("t.deleted_at IS NULL")
	c.before(cur, RankTask, "t.created_at", "t.id")
	rows, err := q.QueryContext(ctx, "SELECT "+taskColumns+" FROM "+taskFrom+c.where()+
		fmt.Sprintf(" ORDER BY t.created_at DESC, t.id DESC LIMIT %d", limit), c.args...)
	if err != nil {
		return nil, fmt.Errorf("timeline tasks: %w", err)
	}
	defer rows.Close()
	out := []*crm.Task{}
	for rows.Next() {
		t, err := scanTask(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// TimelineStageChanges returns the stage moves of an opportunity, or of
// every live opportunity of an account, capped; a record has few.
func (q *Q) TimelineStageChanges(ctx context.Context, ws string, sub TimelineSubject) ([]crm.StageChange, error) {
	cond := "o.id = ?"
	if sub.Entity == crm.EntityAccount {
		cond = "o.account_id = ? AND o.deleted_at IS NULL"
	}
	rows, err := q.QueryContext(ctx, `SELECT c.opportunity_id, c.from_stage, c.to_stage, c.at, c.by_user FROM opportunity_stage_changes c
		JOIN opportunities o ON o.workspace_id = c.workspace_id AND o.id = c.opportunity_id
		WHERE c.workspace_id = ? AND `+cond+fmt.Sprintf(` ORDER BY c.at DESC LIMIT %d`, todoLimit*5), ws, sub.ID)
	if err != nil {
		return nil, fmt.Errorf("timeline stage changes: %w", err)
	}
	defer rows.Close()
	out := []crm.StageChange{}
	for rows.Next() {
		var c crm.StageChange
		if err := rows.Scan(str{&c.OpportunityID}, str{&c.FromStage}, &c.ToStage, utc{&c.At}, str{&c.By}); err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
