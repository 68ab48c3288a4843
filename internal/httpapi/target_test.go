package httpapi_test

import (
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// TestTargetsOverHTTP checks that refused targets are 4xx problems naming
// the field and write nothing, and that attainment reads back what was set.
func TestTargetsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		sales := e.Fixture.Users["sales"].ID
		for name, tt := range map[string]struct {
			body  map[string]any
			field string
		}{
			"bad period":    {map[string]any{"period": "2026-Q7", "user_id": sales, "amount": 1}, "period"},
			"negative":      {map[string]any{"period": "2026-11", "user_id": sales, "amount": -5}, "amount"},
			"overflow":      {map[string]any{"period": "2026-11", "user_id": sales, "amount": crm.MaxAmount + 1}, "amount"},
			"outside teams": {map[string]any{"period": "2026-11", "user_id": e.Fixture.Users["salesSouth"].ID, "amount": 1}, "user_id"},
			"other team":    {map[string]any{"period": "2026-11", "team_id": e.Fixture.South, "amount": 1}, "team_id"},
			"nobody":        {map[string]any{"period": "2026-11", "amount": 1}, "user_id"},
			"not an id":     {map[string]any{"period": "2026-11", "user_id": "x", "amount": 1}, "user_id"},
		} {
			res := e.do(t, request{method: "PUT", path: "/api/v1/targets", body: tt.body, as: "manager"})
			if res.status != 422 || !hasField(res.problem(t), tt.field) {
				t.Errorf("%s: %d %s, want 422 on %s", name, res.status, res.body, tt.field)
			}
		}
		var list []crm.Target
		e.do(t, request{method: "GET", path: "/api/v1/targets", as: "admin"}).json(t, &list)
		if len(list) != 0 {
			t.Fatalf("refused targets were written: %+v", list)
		}
		res := e.do(t, request{method: "PUT", path: "/api/v1/targets", as: "manager",
			body: map[string]any{"period": "2026-11", "user_id": sales, "amount": 100_000_00}})
		if res.status != 200 {
			t.Fatalf("put: %d %s", res.status, res.body)
		}
		var att crm.Attainment
		res = e.do(t, request{method: "GET", path: "/api/v1/targets/attainment?period=2026-11", as: "sales"})
		res.json(t, &att)
		found := false
		for _, r := range att.Rows {
			if r.Subject == "user" && r.ID == sales {
				found = r.Target != nil && *r.Target == 100_000_00 && r.Gap != nil && *r.Gap == 100_000_00 && !r.Editable
			}
		}
		if !found || att.Kind != "month" || att.CanEdit {
			t.Errorf("attainment = %s", res.body)
		}
		if res := e.do(t, request{method: "GET", path: "/api/v1/targets/attainment?period=2026-13", as: "sales"}); res.status != 422 || !hasField(res.problem(t), "period") {
			t.Errorf("bad period: %d %s", res.status, res.body)
		}
	})
}

// TestReferralsOverHTTP checks the field errors of a referral and that the
// graph answers with nodes and the referred revenue.
func TestReferralsOverHTTP(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		ctx := e.Fixture.Ctx["sales"]
		a := servicetest.Must(e.Fixture.Svc.CreateAccount(ctx, servicetest.Org("A", 1)))(t)
		b := servicetest.Must(e.Fixture.Svc.CreateAccount(ctx, servicetest.Org("B", 2)))(t)
		y := servicetest.Must(e.Fixture.Svc.CreateContact(ctx, crm.ContactFields{AccountID: b.ID, Name: "Y", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		res := e.do(t, request{method: "POST", path: "/api/v1/referrals", as: "sales",
			body: map[string]any{"referrer_account_id": a.ID, "referrer_contact_id": y.ID, "referred_account_id": b.ID}})
		if res.status != 422 || !hasField(res.problem(t), "referrer_contact_id") {
			t.Errorf("contact of another account: %d %s", res.status, res.body)
		}
		res = e.do(t, request{method: "POST", path: "/api/v1/referrals", as: "sales",
			body: map[string]any{"referrer_account_id": a.ID, "referred_account_id": b.ID, "referred_contact_id": y.ID}})
		if res.status != 201 {
			t.Fatalf("create: %d %s", res.status, res.body)
		}
		var g crm.ReferralGraph
		e.do(t, request{method: "GET", path: "/api/v1/accounts/" + a.ID + "/referrals/graph?hops=3", as: "sales"}).json(t, &g)
		if len(g.Nodes) != 3 || len(g.Edges) != 2 || g.Hops != 3 || g.ReferredRevenue.DirectAccounts != 1 {
			t.Errorf("graph = %+v", g)
		}
		if res := e.do(t, request{method: "GET", path: "/api/v1/accounts/" + a.ID + "/referrals/graph?hops=9", as: "sales"}); res.status != 422 {
			t.Errorf("hops=9: %d", res.status)
		}
	})
}
