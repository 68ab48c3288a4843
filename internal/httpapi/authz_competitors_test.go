package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
)

// competitorTargets are the competition records of one scenario: a
// competitor present at the target account and in play on an opportunity
// of it, a spare competitor, and one in the recycle bin.
type competitorTargets struct {
	competitor, spare, deleted, presence, opportunity string
}

func makeCompetitorTargets(t testing.TB, f *servicetest.Fixture, tg *targets, op string) {
	if !strings.Contains(op, "competitor") && !strings.Contains(op, "delivered-value") {
		return
	}
	ctx := f.Ctx["sales"]
	k := &tg.competitors
	k.competitor = servicetest.Must(f.Svc.CreateCompetitor(ctx, crm.CompetitorFields{Name: fmt.Sprintf("K%d", tg.n)}))(t).ID
	k.spare = servicetest.Must(f.Svc.CreateCompetitor(ctx, crm.CompetitorFields{Name: fmt.Sprintf("K%d spare", tg.n)}))(t).ID
	k.deleted = servicetest.Must(f.Svc.CreateCompetitor(ctx, crm.CompetitorFields{Name: fmt.Sprintf("K%d deleted", tg.n)}))(t).ID
	if err := f.Svc.DeleteCompetitor(ctx, k.deleted, 0); err != nil {
		t.Fatal(err)
	}
	k.presence = servicetest.Must(f.Svc.CreateAccountCompetitor(ctx, tg.account, crm.AccountCompetitorFields{CompetitorID: k.competitor}))(t).ID
	k.opportunity = servicetest.Must(f.Svc.CreateOpportunity(ctx, crm.OpportunityFields{AccountID: tg.account, Name: "Rivalry",
		Amount: 100, ExpectedClose: "2026-06-30"}))(t).ID
	servicetest.Must(f.Svc.AddOpportunityCompetitor(ctx, k.opportunity, k.competitor))(t)
}

func competitorOperations() map[string]operation {
	editors := func(ok int) map[string]int {
		return withOther(only(ok, "admin", "manager", "sales", "sales2", "salesSouth", "marketing"), 404)
	}
	kpath := func(tg *targets, rest string) string {
		return "/api/v1/competitors/" + tg.competitors.competitor + rest
	}
	presence := func(tg *targets) string {
		return "/api/v1/accounts/" + tg.account + "/competitors/" + tg.competitors.presence
	}
	opp := func(tg *targets, rest string) string {
		return "/api/v1/opportunities/" + tg.competitors.opportunity + rest
	}
	return map[string]operation{
		"list-competitors": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/competitors"} }, everyone(200)},
		"create-competitor": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/competitors", body: map[string]any{"name": fmt.Sprintf("New %d", tg.n)}}
		}, withOther(editors(201), 201)},
		"get-competitor": {func(tg *targets) request { return request{method: "GET", path: kpath(tg, "")} }, withOther(everyone(200), 404)},
		"update-competitor": {func(tg *targets) request {
			return request{method: "PATCH", path: kpath(tg, ""), body: map[string]any{"strengths": "价格"}, headers: ifMatch1}
		}, editors(200)},
		"delete-competitor": {func(tg *targets) request { return request{method: "DELETE", path: kpath(tg, "")} }, editors(204)},
		"restore-competitor": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/competitors/" + tg.competitors.deleted + "/restore"}
		}, editors(200)},
		"competitor-history":  {func(tg *targets) request { return request{method: "GET", path: kpath(tg, "/history")} }, withOther(everyone(200), 404)},
		"competitor-win-loss": {func(tg *targets) request { return request{method: "GET", path: kpath(tg, "/win-loss")} }, withOther(everyone(200), 404)},
		"competitor-accounts": {func(tg *targets) request { return request{method: "GET", path: kpath(tg, "/accounts")} }, withOther(everyone(200), 404)},
		"win-loss-by-competitor": {func(tg *targets) request {
			return request{method: "GET", path: "/api/v1/reports/win-loss-by-competitor"}
		}, everyone(200)},

		"list-account-competitors": {func(tg *targets) request {
			return request{method: "GET", path: "/api/v1/accounts/" + tg.account + "/competitors"}
		}, record(200, readers)},
		"create-account-competitor": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/accounts/" + tg.account + "/competitors",
				body: map[string]any{"competitor_id": tg.competitors.spare, "satisfaction": 4}}
		}, record(201, writers)},
		"update-account-competitor": {func(tg *targets) request {
			return request{method: "PATCH", path: presence(tg), body: map[string]any{"rep_name": "王经理"}, headers: ifMatch1}
		}, record(200, writers)},
		"delete-account-competitor": {func(tg *targets) request { return request{method: "DELETE", path: presence(tg)} }, record(204, writers)},

		"list-opportunity-competitors": {func(tg *targets) request { return request{method: "GET", path: opp(tg, "/competitors")} }, record(200, readers)},
		"add-opportunity-competitor": {func(tg *targets) request {
			return request{method: "POST", path: opp(tg, "/competitors"), body: map[string]any{"competitor_id": tg.competitors.spare}}
		}, record(201, writers)},
		"remove-opportunity-competitor": {func(tg *targets) request {
			return request{method: "DELETE", path: opp(tg, "/competitors/"+tg.competitors.competitor)}
		}, record(204, writers)},
		"get-delivered-value": {func(tg *targets) request { return request{method: "GET", path: opp(tg, "/delivered-value")} }, record(200, readers)},
		"save-delivered-value": {func(tg *targets) request {
			return request{method: "PUT", path: opp(tg, "/delivered-value"), body: map[string]any{"version": 0,
				"rows": []map[string]any{scores(""), scores(tg.competitors.competitor)}}}
		}, record(200, writers)},
	}
}

// scores is a worksheet row of party (empty for us) with all eight scores.
func scores(party string) map[string]any {
	m := map[string]any{"product": 7.5, "service": 8, "personnel": 6, "image": 7, "money": 5, "time": 3, "energy": 2, "psychic": 1.5}
	if party != "" {
		m["competitor_id"] = party
	}
	return m
}
