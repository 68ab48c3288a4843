package httpapi_test

import (
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// TestCompetitionOverHTTP checks the statuses clients see for competitors
// and the worksheet: field errors as problem+json, If-Match and the
// worksheet's version, and that refusals write nothing.
func TestCompetitionOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		res := e.do(t, request{method: "POST", path: "/api/v1/competitors", as: "sales",
			body: map[string]any{"name": "西门子", "website": "javascript:alert(1)"}})
		if res.status != 422 || !hasField(res.problem(t), "website") {
			t.Fatalf("bad website: %d %s", res.status, res.body)
		}
		res = e.do(t, request{method: "POST", path: "/api/v1/competitors", as: "sales", body: map[string]any{"name": "西门子", "tags": []string{"外资"}}})
		if res.status != 201 || res.header.Get("ETag") != `"1"` {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		var k crm.Competitor
		res.json(t, &k)
		if r := e.do(t, request{method: "POST", path: "/api/v1/competitors", as: "manager", body: map[string]any{"name": "西门子"}}); r.status != 409 || !hasField(r.problem(t), "name") {
			t.Errorf("duplicate name: %d %s", r.status, r.body)
		}
		if r := e.do(t, request{method: "PATCH", path: "/api/v1/competitors/" + k.ID, as: "sales", body: map[string]any{"notes": "x"}}); r.status != 428 {
			t.Errorf("update without If-Match: %d %s", r.status, r.body)
		}
		if r := e.do(t, request{method: "GET", path: "/api/v1/competitors?sort=website", as: "viewer"}); r.status != 422 {
			t.Errorf("sort off the allow-list: %d %s", r.status, r.body)
		}

		acc := servicetest.Must(e.Fixture.Svc.CreateAccount(e.Fixture.Ctx["sales"], servicetest.Org("Acme", 1)))(t)
		res = e.do(t, request{method: "POST", path: "/api/v1/accounts/" + acc.ID + "/competitors", as: "sales",
			body: map[string]any{"competitor_id": k.ID, "satisfaction": 9}})
		if res.status != 422 {
			t.Errorf("satisfaction 9: %d %s", res.status, res.body)
		}
		o := servicetest.Must(e.Fixture.Svc.CreateOpportunity(e.Fixture.Ctx["sales"], crm.OpportunityFields{AccountID: acc.ID, Name: "Deal",
			Amount: 100, ExpectedClose: "2026-09-30"}))(t)
		ws := "/api/v1/opportunities/" + o.ID + "/delivered-value"
		row := func(party string, product float64) map[string]any {
			m := map[string]any{"product": product, "service": 5, "personnel": 5, "image": 5, "money": 4, "time": 2, "energy": 2, "psychic": 1}
			if party != "" {
				m["competitor_id"] = party
			}
			return m
		}
		// Not in play yet: 422 on the row.
		res = e.do(t, request{method: "PUT", path: ws, as: "sales", body: map[string]any{"version": 0, "rows": []any{row("", 8), row(k.ID, 7)}}})
		if res.status != 422 || !hasField(res.problem(t), "rows[1].competitor_id") {
			t.Fatalf("not in play: %d %s", res.status, res.body)
		}
		res = e.do(t, request{method: "PUT", path: ws, as: "sales", body: map[string]any{"version": 0, "rows": []any{row("", 10.5)}}})
		if res.status != 422 {
			t.Errorf("score 10.5: %d %s", res.status, res.body)
		}
		if r := e.do(t, request{method: "POST", path: "/api/v1/opportunities/" + o.ID + "/competitors", as: "sales", body: map[string]any{"competitor_id": k.ID}}); r.status != 201 {
			t.Fatalf("in play: %d %s", r.status, r.body)
		}
		res = e.do(t, request{method: "PUT", path: ws, as: "sales", body: map[string]any{"version": 0, "rows": []any{row("", 8), row(k.ID, 7)}}})
		if res.status != 200 {
			t.Fatalf("save: %d %s", res.status, res.body)
		}
		var w crm.Worksheet
		res.json(t, &w)
		if w.Version != 1 || len(w.Rows) != 2 || w.Rows[0].DeliveredValue != 14 || w.Rows[1].DeliveredValue != 13 {
			t.Errorf("saved worksheet = %+v", w)
		}
		// Saving again from version 0 is stale.
		if r := e.do(t, request{method: "PUT", path: ws, as: "sales", body: map[string]any{"version": 0, "rows": []any{row("", 1)}}}); r.status != 412 {
			t.Errorf("stale save: %d %s", r.status, r.body)
		}
		res = e.do(t, request{method: "GET", path: ws, as: "finance"})
		res.json(t, &w)
		if w.Rows[0].Scores.Product != 8 {
			t.Errorf("after stale save = %+v", w.Rows[0])
		}
	})
}
