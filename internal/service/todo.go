package service

import (
	"context"
	"database/sql"
	"slices"
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// doneWindow is how long done tasks stay in the to-do centre.
const doneWindow = 7 * 24 * time.Hour

// Todo implements crm.ActivityService: the caller's open tasks and planned
// key-account plans (of the accounts they own) grouped by the UTC day into
// overdue, today and upcoming, their recently done tasks, and for a
// manager the overdue tasks and missed plans of the people in their teams.
func (s *Service) Todo(ctx context.Context) (*crm.Todo, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	q := s.db.Read()
	now := store.Now()
	day := crm.Date(now.Format(time.DateOnly))
	var teams []string
	if auth.SeesTeamOverdue(a) {
		teams = a.TeamIDs
	}
	tasks, err := q.TasksForTodo(ctx, a.WorkspaceID, store.TodoTasks{AssigneeID: a.UserID, Teams: teams, Today: day,
		DoneSince: sql.NullTime{Time: now.Add(-doneWindow), Valid: true}})
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityActivity)
	plans, err := q.ListPlans(ctx, r, store.PlanFilter{Planned: true, OwnerID: a.UserID})
	if err != nil {
		return nil, err
	}
	if len(teams) > 0 {
		missed, err := q.ListPlans(ctx, r, store.PlanFilter{Planned: true, Before: day, Teams: teams, NotOwnerID: a.UserID})
		if err != nil {
			return nil, err
		}
		plans = append(plans, missed...)
	}
	users, err := q.ListUsers(ctx, a.WorkspaceID)
	if err != nil {
		return nil, err
	}
	names := make(map[string]string, len(users))
	for _, u := range users {
		names[u.ID] = u.Name
	}
	out := &crm.Todo{Today: day, Overdue: []*crm.TodoItem{}, DueToday: []*crm.TodoItem{}, Upcoming: []*crm.TodoItem{}, Done: []*crm.TodoItem{}}
	place := func(it *crm.TodoItem) {
		switch {
		case it.Done:
			out.Done = append(out.Done, it)
		case it.DueDate != "" && it.DueDate < day:
			out.Overdue = append(out.Overdue, it)
		case it.DueDate == day:
			out.DueToday = append(out.DueToday, it)
		default:
			out.Upcoming = append(out.Upcoming, it)
		}
	}
	for _, t := range tasks {
		it := &crm.TodoItem{Kind: "task", ID: t.ID, Title: t.Title, DueDate: t.DueDate, DueAt: t.DueAt, RemindAt: t.RemindAt,
			Done: t.Done, DoneAt: t.DoneAt, AccountID: t.AccountID, AccountName: t.AccountName, OpportunityID: t.OpportunityID,
			ActivityID: t.ActivityID, OwnerID: t.AssigneeID, OwnerName: names[t.AssigneeID], Mine: t.AssigneeID == a.UserID, Version: t.Version}
		if it.Mine && !it.Done && t.RemindAt != nil && !t.RemindAt.After(now) {
			out.RemindersDue++
		}
		place(it)
	}
	for _, k := range plans {
		place(&crm.TodoItem{Kind: "plan", ID: k.ID, Title: k.Title, DueDate: k.DueDate, PlanKind: k.Kind, AccountID: k.AccountID,
			AccountName: k.AccountName, OwnerID: k.OwnerID, OwnerName: names[k.OwnerID], Mine: k.OwnerID == a.UserID, Version: k.Version})
	}
	// Plans arrive latest first; the groups read soonest first.
	for _, g := range [][]*crm.TodoItem{out.Overdue, out.DueToday, out.Upcoming} {
		sortTodo(g)
	}
	return out, nil
}

// sortTodo orders items by due day (undated last), then due time, then
// title.
func sortTodo(items []*crm.TodoItem) {
	key := func(it *crm.TodoItem) string {
		d := string(it.DueDate)
		if d == "" {
			d = "9999-99-99"
		}
		t := "~"
		if it.DueAt != nil {
			t = it.DueAt.UTC().Format(time.TimeOnly)
		}
		return d + t + it.Title + it.ID
	}
	slices.SortFunc(items, func(a, b *crm.TodoItem) int { return strings.Compare(key(a), key(b)) })
}
