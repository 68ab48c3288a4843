package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestActivityScopesAndValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		other := must(f.Svc.CreateAccount(ctx, org("Other", 2)))(t)
		c := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: acc.ID, Name: "张三", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		stranger := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: other.ID, Name: "李四", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		in := crm.ActivityFields{AccountID: acc.ID, Channel: "wechat", Direction: "outbound", ContactIDs: []string{c.ID, c.ID},
			Subject: " 报价跟进 ", Notes: "<b>not html</b>"}

		// A contact of another account, a bad due date and an unknown
		// channel are field errors; nothing is written.
		bad := in
		bad.ContactIDs = []string{stranger.ID}
		_, err := f.Svc.CreateActivity(ctx, bad)
		wantField(t, err, "contact_ids")
		bad = in
		bad.NextStep, bad.NextStepDue = "call back", "next tuesday"
		_, err = f.Svc.CreateActivity(ctx, bad)
		wantField(t, err, "next_step_due")
		bad = in
		bad.Channel = "pigeon"
		_, err = f.Svc.CreateActivity(ctx, bad)
		wantField(t, err, "channel")
		if page := must(f.Svc.Timeline(ctx, crm.EntityAccount, acc.ID, "", 10))(t); len(page.Items) != 0 {
			t.Fatalf("refused activities were written: %+v", page.Items)
		}

		x := must(f.Svc.CreateActivity(ctx, in))(t)
		if x.Subject != "报价跟进" || len(x.ContactIDs) != 1 || x.OwnerID != f.Users["sales"].ID || x.TeamID != f.East ||
			x.Notes != "<b>not html</b>" || x.TaskID != "" || x.Version != 1 {
			t.Fatalf("created = %+v", x)
		}
		got := must(f.Svc.GetActivity(f.Ctx["manager"], x.ID))(t)
		if got.AccountName != "Acme" || len(got.ContactIDs) != 1 || got.ContactIDs[0] != c.ID {
			t.Fatalf("read = %+v", got)
		}

		// Readers of the account read it; only its writers log or change.
		for _, role := range []string{"sales2", "salesSouth"} {
			_, err := f.Svc.GetActivity(f.Ctx[role], x.ID)
			wantCode(t, err, crm.ENOTFOUND)
			_, err = f.Svc.CreateActivity(f.Ctx[role], in)
			wantField(t, err, "account_id")
		}
		_, err = f.Svc.GetActivity(f.Other, x.ID)
		wantCode(t, err, crm.ENOTFOUND)
		must(f.Svc.GetActivity(f.Ctx["finance"], x.ID))(t)
		_, err = f.Svc.CreateActivity(f.Ctx["finance"], in)
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.UpdateActivity(f.Ctx["viewer"], x.ID, 1, crm.ActivityUpdate{Outcome: ptr("x")})
		wantCode(t, err, crm.EFORBIDDEN)

		// The manager changes it; a stale version is refused; history
		// records both.
		x = must(f.Svc.UpdateActivity(f.Ctx["manager"], x.ID, 1, crm.ActivityUpdate{Outcome: ptr("同意试用"), Channel: ptr("visit")}))(t)
		if x.Version != 2 || x.Outcome != "同意试用" || x.Channel != "visit" {
			t.Fatalf("updated = %+v", x)
		}
		_, err = f.Svc.UpdateActivity(ctx, x.ID, 1, crm.ActivityUpdate{Outcome: ptr("late")})
		wantCode(t, err, crm.ESTALE)
		_, err = f.Svc.UpdateActivity(ctx, x.ID, 2, crm.ActivityUpdate{ContactIDs: &[]string{stranger.ID}})
		wantField(t, err, "contact_ids")
		hist := must(f.Svc.History(ctx, crm.EntityActivity, x.ID, "", 50))(t)
		fields := map[string]bool{}
		for _, h := range hist.Items {
			fields[h.Field] = true
		}
		if !fields[crm.FieldCreated] || !fields["outcome"] || !fields["channel"] || fields["contact_ids"] {
			t.Errorf("history fields = %v", fields)
		}

		// Recycle bin.
		if err := f.Svc.DeleteActivity(ctx, x.ID, 2); err != nil {
			t.Fatal(err)
		}
		if page := must(f.Svc.Timeline(ctx, crm.EntityAccount, acc.ID, "", 10))(t); len(page.Items) != 0 {
			t.Errorf("deleted activity on the timeline: %d items", len(page.Items))
		}
		x = must(f.Svc.RestoreActivity(ctx, x.ID))(t)
		if x.DeletedAt != nil || x.Version != 4 {
			t.Errorf("restored = %+v", x)
		}
	})
}

func TestNextStepBecomesATaskInTheTodoCentre(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		today := time.Now().UTC().Format(time.DateOnly)
		x := must(f.Svc.CreateActivity(ctx, crm.ActivityFields{AccountID: acc.ID, Channel: "wechat", Direction: "outbound",
			Subject: "微信跟进", NextStep: "发送报价单", NextStepDue: today}))(t)
		if x.TaskID == "" || x.NextStepDue != crm.Date(today) {
			t.Fatalf("activity = %+v", x)
		}
		task := must(f.Svc.GetTask(ctx, x.TaskID))(t)
		if task.Title != "发送报价单" || task.AssigneeID != f.Users["sales"].ID || task.ActivityID != x.ID ||
			task.AccountID != acc.ID || task.DueDate != crm.Date(today) || task.Done {
			t.Fatalf("task = %+v", task)
		}
		todo := must(f.Svc.Todo(ctx))(t)
		if len(todo.DueToday) != 1 || todo.DueToday[0].ID != task.ID || !todo.DueToday[0].Mine || todo.DueToday[0].AccountName != "Acme" {
			t.Fatalf("today = %+v", todo.DueToday)
		}

		// An RFC 3339 due time lands on its UTC day; changing the next step
		// moves the open task along.
		x = must(f.Svc.UpdateActivity(ctx, x.ID, 1, crm.ActivityUpdate{NextStepDue: ptr("2030-01-02T01:30:00+08:00")}))(t)
		if x.NextStepDue != "2030-01-01" || x.NextStepDueAt == nil {
			t.Fatalf("due = %q %v", x.NextStepDue, x.NextStepDueAt)
		}
		task = must(f.Svc.GetTask(ctx, x.TaskID))(t)
		if task.DueDate != "2030-01-01" || task.Version != 2 {
			t.Fatalf("moved task = %+v", task)
		}

		// Done and undone.
		task = must(f.Svc.UpdateTask(ctx, task.ID, 2, crm.TaskUpdate{Done: ptr(true)}))(t)
		todo = must(f.Svc.Todo(ctx))(t)
		if !task.Done || len(todo.Done) != 1 || len(todo.Upcoming) != 0 {
			t.Fatalf("done: task %+v, todo %+v", task, todo)
		}
		task = must(f.Svc.UpdateTask(ctx, task.ID, 3, crm.TaskUpdate{Done: ptr(false)}))(t)
		if todo = must(f.Svc.Todo(ctx))(t); task.Done || len(todo.Upcoming) != 1 || len(todo.Done) != 0 {
			t.Fatalf("undone: task %+v, todo %+v", task, todo)
		}
		// Both changes are in the task's history, which only those who can
		// see the task read.
		hist := must(f.Svc.History(ctx, crm.EntityTask, task.ID, "", 50))(t)
		doneChanges := 0
		for _, c := range hist.Items {
			if c.Field == "done" {
				doneChanges++
			}
		}
		if doneChanges != 2 {
			t.Errorf("task history has %d done changes, want 2: %+v", doneChanges, hist.Items)
		}
		_, err := f.Svc.History(f.Ctx["sales2"], crm.EntityTask, task.ID, "", 50)
		wantCode(t, err, crm.ENOTFOUND)
		// Another rep of the team can neither see nor close it.
		_, err = f.Svc.UpdateTask(f.Ctx["sales2"], task.ID, 4, crm.TaskUpdate{Done: ptr(true)})
		wantCode(t, err, crm.ENOTFOUND)
	})
}

func TestTodoGroupsAndManagersSeeTheirTeamsOverdue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		day := func(d int) string { return time.Now().UTC().AddDate(0, 0, d).Format(time.DateOnly) }
		past := time.Now().Add(-time.Hour)
		task := func(c context.Context, title, due string, account string) *crm.Task {
			return must(f.Svc.CreateTask(c, crm.TaskFields{Title: title, Due: due, AccountID: account, RemindAt: &past}))(t)
		}
		late := task(ctx, "late", day(-2), acc.ID)
		task(ctx, "now", day(0), "")
		task(ctx, "soon", day(3), "")
		task(ctx, "someday", "", "")
		southAcc := must(f.Svc.CreateAccount(f.Ctx["salesSouth"], org("South Co", 2)))(t)
		task(f.Ctx["salesSouth"], "south late", day(-1), southAcc.ID)
		missed := must(f.Svc.CreatePlan(ctx, crm.KeyAccountPlanFields{AccountID: acc.ID, Kind: "executive_visit", Title: "高层拜访",
			DueDate: crm.Date(day(-10)), AttendeeUserIDs: []string{f.Users["manager"].ID}}))(t)
		must(f.Svc.CreatePlan(ctx, crm.KeyAccountPlanFields{AccountID: acc.ID, Kind: "key_account_meeting", Title: "大客户座谈会", DueDate: crm.Date(day(30))}))(t)
		if !missed.Overdue {
			t.Errorf("missed plan not overdue: %+v", missed)
		}

		titles := func(items []*crm.TodoItem) (out []string) {
			for _, it := range items {
				out = append(out, it.Title)
			}
			return out
		}
		todo := must(f.Svc.Todo(ctx))(t)
		if got := titles(todo.Overdue); len(got) != 2 || got[0] != "高层拜访" || got[1] != "late" {
			t.Errorf("overdue = %v", got)
		}
		if got := titles(todo.DueToday); len(got) != 1 || got[0] != "now" {
			t.Errorf("today = %v", got)
		}
		if got := titles(todo.Upcoming); len(got) != 3 || got[0] != "soon" || got[1] != "大客户座谈会" || got[2] != "someday" {
			t.Errorf("upcoming = %v", got)
		}
		if todo.RemindersDue != 4 {
			t.Errorf("reminders due = %d, want 4", todo.RemindersDue)
		}

		// The manager of HQ (and East below it) sees the East rep's overdue
		// task and missed plan, marked as theirs; not South's, nor what is
		// not yet late.
		mt := must(f.Svc.Todo(f.Ctx["manager"]))(t)
		if got := titles(mt.Overdue); len(got) != 2 || got[0] != "高层拜访" || got[1] != "late" {
			t.Fatalf("manager overdue = %v", got)
		}
		for _, it := range mt.Overdue {
			if it.Mine || it.OwnerID != f.Users["sales"].ID || it.OwnerName != "sales" {
				t.Errorf("manager item = %+v", it)
			}
		}
		if len(mt.DueToday)+len(mt.Upcoming)+mt.RemindersDue != 0 {
			t.Errorf("manager sees others' current items: %+v", mt)
		}
		// Another sales rep sees nothing of it.
		if st := must(f.Svc.Todo(f.Ctx["sales2"]))(t); len(st.Overdue) != 0 {
			t.Errorf("sales2 overdue = %v", titles(st.Overdue))
		}
		// Done plans leave the to-do centre.
		must(f.Svc.UpdatePlan(ctx, missed.ID, 1, crm.KeyAccountPlanUpdate{Status: ptr("done")}))(t)
		if got := titles(must(f.Svc.Todo(f.Ctx["manager"]))(t).Overdue); len(got) != 1 || got[0] != "late" {
			t.Errorf("after the visit, manager overdue = %v", got)
		}

		// A task's assignee must see its account.
		_, err := f.Svc.CreateTask(f.Ctx["manager"], crm.TaskFields{Title: "x", AccountID: acc.ID, AssigneeID: f.Users["sales2"].ID})
		wantField(t, err, "assignee_id")
		_, err = f.Svc.CreateTask(ctx, crm.TaskFields{Title: "x", Due: "31/12/2026"})
		wantField(t, err, "due")
		_ = late
	})
}

func TestHotnessRisesWithActivitiesAndDecays(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		cold := must(f.Svc.CreateAccount(ctx, org("Cold", 2)))(t)
		hotness := func(id string) int { return must(f.Svc.GetAccount(ctx, id))(t).Hotness }
		if hotness(acc.ID) != 0 {
			t.Fatal("a new account is not cold")
		}
		log := func(channel string) {
			must(f.Svc.CreateActivity(ctx, crm.ActivityFields{AccountID: acc.ID, Channel: channel, Direction: "outbound", Subject: channel}))(t)
		}
		log("web")
		afterWeb := hotness(acc.ID)
		log("visit")
		afterVisit := hotness(acc.ID)
		if afterWeb <= 0 || afterVisit-afterWeb <= afterWeb {
			t.Fatalf("hotness after web %d, after visit %d: a visit must weigh more than a web touch", afterWeb, afterVisit)
		}
		if hotness(cold.ID) != 0 {
			t.Error("another account warmed up")
		}

		// The daily refresh decays it: lower after 45 days, cold after 91.
		must(f.Svc.RefreshHotness(context.Background(), f.WS.ID, time.Now().Add(45*24*time.Hour)))(t)
		later := hotness(acc.ID)
		if later <= 0 || later >= afterVisit {
			t.Errorf("after 45 days hotness = %d, was %d", later, afterVisit)
		}
		must(f.Svc.RefreshHotness(context.Background(), f.WS.ID, time.Now().Add(91*24*time.Hour)))(t)
		if h := hotness(acc.ID); h != 0 {
			t.Errorf("after 91 days hotness = %d", h)
		}
		// Hotness is derived: it moves neither the version nor the history.
		if v := must(f.Svc.GetAccount(ctx, acc.ID))(t).Version; v != 1 {
			t.Errorf("account version = %d", v)
		}
	})
}

func TestTimelinePagesThroughEverySource(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		c := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: acc.ID, Name: "张三", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		o := must(f.Svc.CreateOpportunity(ctx, crm.OpportunityFields{AccountID: acc.ID, Name: "Deal", Amount: 100, ExpectedClose: "2030-01-01"}))(t)
		must(f.Svc.MoveOpportunity(ctx, o.ID, 1, crm.OpportunityMove{Stage: "proposal"}))(t)
		base := time.Now().UTC().Add(-time.Hour)
		same := base.Add(-time.Minute) // two activities at one instant
		for i := 0; i < 7; i++ {
			at := base.Add(time.Duration(-i) * time.Hour)
			if i >= 5 {
				at = same.Add(-5 * time.Hour)
			}
			in := crm.ActivityFields{AccountID: acc.ID, Channel: "phone", Direction: "inbound", Subject: "call", OccurredAt: &at}
			if i%2 == 0 {
				in.ContactIDs = []string{c.ID}
				in.OpportunityID = o.ID
			}
			must(f.Svc.CreateActivity(ctx, in))(t)
		}
		must(f.Svc.CreateTask(ctx, crm.TaskFields{Title: "follow", AccountID: acc.ID, ContactID: c.ID}))(t)
		must(f.Svc.CreatePlan(ctx, crm.KeyAccountPlanFields{AccountID: acc.ID, Kind: "key_account_meeting", Title: "座谈会", DueDate: "2020-05-01"}))(t)

		read := func(subject crm.Entity, id string, limit int) []*crm.TimelineItem {
			var all []*crm.TimelineItem
			cursor := ""
			for n := 0; n < 20; n++ {
				p := must(f.Svc.Timeline(ctx, subject, id, cursor, limit))(t)
				all = append(all, p.Items...)
				if p.NextCursor == "" {
					return all
				}
				cursor = p.NextCursor
			}
			t.Fatal("timeline does not end")
			return nil
		}
		whole := read(crm.EntityAccount, acc.ID, 200)
		kinds := map[string]int{}
		for i, it := range whole {
			kinds[it.Kind]++
			if i > 0 && it.At.After(whole[i-1].At) {
				t.Errorf("item %d (%s %v) is newer than the one before", i, it.Kind, it.At)
			}
		}
		if len(whole) != 11 || kinds["activity"] != 7 || kinds["task"] != 1 || kinds["plan"] != 1 || kinds["stage_change"] != 2 {
			t.Fatalf("account timeline kinds = %v", kinds)
		}
		// Small pages give the same items in the same order.
		paged := read(crm.EntityAccount, acc.ID, 2)
		if len(paged) != len(whole) {
			t.Fatalf("paged %d items, whole %d", len(paged), len(whole))
		}
		for i := range whole {
			if paged[i].Kind != whole[i].Kind || !paged[i].At.Equal(whole[i].At) {
				t.Errorf("item %d: paged %s %v, whole %s %v", i, paged[i].Kind, paged[i].At, whole[i].Kind, whole[i].At)
			}
		}
		if got := read(crm.EntityContact, c.ID, 3); len(got) != 5 { // 4 activities and the task
			t.Errorf("contact timeline has %d items", len(got))
		}
		if got := read(crm.EntityOpportunity, o.ID, 3); len(got) != 6 { // 4 activities and 2 stage moves
			t.Errorf("opportunity timeline has %d items", len(got))
		}
		_, err := f.Svc.Timeline(f.Ctx["sales2"], crm.EntityAccount, acc.ID, "", 10)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.Timeline(ctx, crm.EntityAccount, acc.ID, "garbage", 10)
		wantField(t, err, "cursor")
	})
}

func TestKeyAccountPlansCheckTheirAttendees(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		other := must(f.Svc.CreateAccount(ctx, org("Other", 2)))(t)
		mine := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: acc.ID, Name: "张三", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		theirs := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: other.ID, Name: "李四", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		in := crm.KeyAccountPlanFields{AccountID: acc.ID, Kind: "executive_visit", Title: "拜访", DueDate: "2030-01-01",
			AttendeeContactIDs: []string{theirs.ID}}
		_, err := f.Svc.CreatePlan(ctx, in)
		wantField(t, err, "attendee_contact_ids")
		in.AttendeeContactIDs, in.AttendeeUserIDs = []string{mine.ID}, []string{f.OtherAdmin.ID}
		_, err = f.Svc.CreatePlan(ctx, in)
		wantField(t, err, "attendee_user_ids")
		in.AttendeeUserIDs, in.Kind = []string{f.Users["manager"].ID}, "party"
		_, err = f.Svc.CreatePlan(ctx, in)
		wantField(t, err, "kind")
		in.Kind, in.DueDate = "executive_visit", "2030-02-30"
		_, err = f.Svc.CreatePlan(ctx, in)
		wantField(t, err, "due_date")
		if list := must(f.Svc.ListPlans(ctx, acc.ID))(t); len(list) != 0 {
			t.Fatalf("refused plans were written: %d", len(list))
		}
		in.DueDate = "2030-01-01"
		k := must(f.Svc.CreatePlan(ctx, in))(t)
		if k.Status != "planned" || k.Overdue || len(k.AttendeeContactIDs) != 1 || k.OwnerID != f.Users["sales"].ID {
			t.Fatalf("plan = %+v", k)
		}
		// Back office reads plans, changes none; other reps see none.
		must(f.Svc.GetPlan(f.Ctx["service"], k.ID))(t)
		_, err = f.Svc.UpdatePlan(f.Ctx["service"], k.ID, 1, crm.KeyAccountPlanUpdate{Status: ptr("done")})
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.GetPlan(f.Ctx["sales2"], k.ID)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.UpdatePlan(ctx, k.ID, 1, crm.KeyAccountPlanUpdate{AttendeeContactIDs: &[]string{theirs.ID}})
		wantField(t, err, "attendee_contact_ids")
		k = must(f.Svc.UpdatePlan(ctx, k.ID, 1, crm.KeyAccountPlanUpdate{Status: ptr("cancelled")}))(t)
		if k.Version != 2 || k.Status != "cancelled" {
			t.Fatalf("updated plan = %+v", k)
		}
	})
}
