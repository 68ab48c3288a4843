package httpapi_test

import (
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// TestActivityOverHTTP logs a follow-up as a client does: field errors
// are problem+json 422 on the field and write nothing, the next step shows
// in the to-do centre, and changes need If-Match.
func TestActivityOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		ctx := e.Fixture.Ctx["sales"]
		acc := servicetest.Must(e.Fixture.Svc.CreateAccount(ctx, servicetest.Org("Acme", 1)))(t)
		other := servicetest.Must(e.Fixture.Svc.CreateAccount(ctx, servicetest.Org("Other", 2)))(t)
		stranger := servicetest.Must(e.Fixture.Svc.CreateContact(ctx, crm.ContactFields{AccountID: other.ID, Name: "李四",
			Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		today := time.Now().UTC().Format(time.DateOnly)
		valid := map[string]any{"account_id": acc.ID, "channel": "wechat", "direction": "outbound", "subject": "微信跟进",
			"next_step": "发报价", "next_step_due": today}
		with := func(k string, v any) map[string]any {
			m := map[string]any{}
			for kk, vv := range valid {
				m[kk] = vv
			}
			m[k] = v
			return m
		}
		for name, tt := range map[string]struct {
			body  map[string]any
			field string
		}{
			"contact of another account": {with("contact_ids", []string{stranger.ID}), "contact_ids"},
			"due date format":            {with("next_step_due", "2026/09/30"), "next_step_due"},
			"unknown channel":            {with("channel", "pigeon"), "channel"},
			"no subject":                 {with("subject", " "), "subject"},
		} {
			res := e.do(t, request{method: "POST", path: "/api/v1/activities", body: tt.body, as: "sales"})
			if res.status != 422 || !hasField(res.problem(t), tt.field) {
				t.Errorf("%s: %d %s, want 422 on %s", name, res.status, res.body, tt.field)
			}
		}
		var todo crm.Todo
		e.do(t, request{method: "GET", path: "/api/v1/todo", as: "sales"}).json(t, &todo)
		if len(todo.DueToday)+len(todo.Overdue)+len(todo.Upcoming) != 0 {
			t.Fatalf("refused activities left tasks: %+v", todo)
		}

		res := e.do(t, request{method: "POST", path: "/api/v1/activities", body: valid, as: "sales"})
		if res.status != 201 || res.header.Get("ETag") != `"1"` {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		var x crm.Activity
		res.json(t, &x)
		e.do(t, request{method: "GET", path: "/api/v1/todo", as: "sales"}).json(t, &todo)
		if len(todo.DueToday) != 1 || todo.DueToday[0].ID != x.TaskID || todo.DueToday[0].Title != "发报价" {
			t.Fatalf("to-do after logging: %+v", todo.DueToday)
		}
		if r := e.do(t, request{method: "PATCH", path: "/api/v1/activities/" + x.ID, body: map[string]any{"outcome": "ok"}, as: "sales"}); r.status != 428 {
			t.Errorf("update without If-Match: %d %s", r.status, r.body)
		}
		r := e.do(t, request{method: "PATCH", path: "/api/v1/tasks/" + x.TaskID, body: map[string]any{"done": true},
			headers: map[string]string{"If-Match": `"1"`}, as: "sales"})
		if r.status != 200 || r.header.Get("ETag") != `"2"` {
			t.Fatalf("mark done: %d %s", r.status, r.body)
		}
		var page crm.Page[*crm.TimelineItem]
		e.do(t, request{method: "GET", path: "/api/v1/accounts/" + acc.ID + "/timeline?limit=1", as: "manager"}).json(t, &page)
		if len(page.Items) != 1 || page.NextCursor == "" {
			t.Fatalf("timeline page: %+v", page)
		}
		if r := e.do(t, request{method: "GET", path: "/api/v1/accounts/" + acc.ID + "/timeline?limit=500", as: "sales"}); r.status != 422 {
			t.Errorf("limit over the cap: %d", r.status)
		}
	})
}
