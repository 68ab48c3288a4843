package httpapi_test

import (
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// TestOpportunityMovesOverHTTP checks the statuses of the pipeline's rules
// as clients see them, and that refused moves write nothing.
func TestOpportunityMovesOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		acc := servicetest.Must(e.Fixture.Svc.CreateAccount(e.Fixture.Ctx["sales"], servicetest.Org("Acme", 1)))(t)
		valid := map[string]any{"account_id": acc.ID, "name": "Deal", "amount": 100, "expected_close": "2026-09-30"}
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
			"amount overflow":   {with("amount", crm.MaxAmount+1), "amount"},
			"budget overflow":   {with("budget", crm.MaxAmount+1), "budget"},
			"date format":       {with("expected_close", "2026/09/30"), "expected_close"},
			"unknown stage":     {with("stage", "signed"), "stage"},
			"lost needs reason": {with("stage", "lost"), "win_loss_reason"},
		} {
			res := e.do(t, request{method: "POST", path: "/api/v1/opportunities", body: tt.body, as: "sales"})
			if res.status != 422 || !hasField(res.problem(t), tt.field) {
				t.Errorf("%s: %d %s, want 422 on %s", name, res.status, res.body, tt.field)
			}
		}
		res := e.do(t, request{method: "POST", path: "/api/v1/opportunities", body: valid, as: "sales"})
		if res.status != 201 || res.header.Get("ETag") != `"1"` {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		var o crm.Opportunity
		res.json(t, &o)
		move := func(ifMatch string, body map[string]any) *response {
			h := map[string]string{}
			if ifMatch != "" {
				h["If-Match"] = ifMatch
			}
			return e.do(t, request{method: "POST", path: "/api/v1/opportunities/" + o.ID + "/move", body: body, headers: h, as: "sales"})
		}
		if r := move("", map[string]any{"stage": "proposal"}); r.status != 428 {
			t.Errorf("move without If-Match: %d %s", r.status, r.body)
		}
		if r := move(`"1"`, map[string]any{"stage": "won"}); r.status != 422 || !hasField(r.problem(t), "win_loss_reason") {
			t.Errorf("won without reason: %d %s", r.status, r.body)
		}
		if r := move(`"1"`, map[string]any{"stage": "nope"}); r.status != 422 || !hasField(r.problem(t), "stage") {
			t.Errorf("unknown stage: %d %s", r.status, r.body)
		}
		r := move(`"1"`, map[string]any{"stage": "won", "win_loss_reason": "best fit"})
		if r.status != 200 || r.header.Get("ETag") != `"2"` {
			t.Fatalf("won: %d %s", r.status, r.body)
		}
		if r := move(`"2"`, map[string]any{"stage": "lost", "win_loss_reason": "x"}); r.status != 422 || !hasField(r.problem(t), "stage") {
			t.Errorf("won to lost: %d %s", r.status, r.body)
		}
		if r := move(`"1"`, map[string]any{"stage": "proposal"}); r.status != 412 {
			t.Errorf("stale move: %d %s", r.status, r.body)
		}
		g := e.do(t, request{method: "GET", path: "/api/v1/opportunities/" + o.ID, as: "sales"})
		var now crm.Opportunity
		g.json(t, &now)
		if now.Stage != "won" || now.Version != 2 {
			t.Errorf("after refused moves: %+v", now)
		}
		var changes []crm.StageChange
		e.do(t, request{method: "GET", path: "/api/v1/opportunities/" + o.ID + "/stage-changes", as: "sales"}).json(t, &changes)
		if len(changes) != 2 {
			t.Errorf("stage changes = %+v", changes)
		}
	})
}
