package httpapi_test

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"sort"
	"strings"
	"testing"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/httpapi"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// roles are the callers of the matrix: every role of the fixture
// workspace, two sales reps who do not own the target records (one in the
// owner's team), the admin of another workspace, and nobody.
var roles = []string{"admin", "manager", "sales", "sales2", "salesSouth", "finance", "warehouse", "service", "marketing", "viewer", "other", "anon"}

// readers may read the target account and contact (owned by "sales" in
// East, below the manager's HQ); writers may change them.
var (
	readers = set("admin", "manager", "sales", "finance", "warehouse", "service", "marketing", "viewer")
	writers = set("admin", "manager", "sales")
)

func set(s ...string) map[string]bool {
	m := map[string]bool{}
	for _, x := range s {
		m[x] = true
	}
	return m
}

// record is the rule for an operation on the target records: ok for
// allowed, 403 for those who may read but not do it, 404 for those who may
// not even see the record (no existence leak), 401 for nobody.
func record(ok int, allowed map[string]bool) map[string]int {
	m := map[string]int{}
	for _, r := range roles {
		switch {
		case r == "anon":
			m[r] = 401
		case allowed[r]:
			m[r] = ok
		case readers[r]:
			m[r] = 403
		default:
			m[r] = 404
		}
	}
	return m
}

// everyone is the rule for operations any signed-in user may call.
func everyone(ok int) map[string]int {
	m := map[string]int{}
	for _, r := range roles {
		m[r] = ok
	}
	m["anon"] = 401
	return m
}

// adminOnly is the rule for workspace administration: the other
// workspace's admin gets otherStatus (201 for creating in its own
// workspace, 404 for touching ours).
func adminOnly(ok, otherStatus int) map[string]int {
	m := map[string]int{}
	for _, r := range roles {
		m[r] = 403
	}
	m["admin"], m["other"], m["anon"] = ok, otherStatus, 401
	return m
}

// only is the rule for operations some roles may call (in their own
// workspace, for "other") and the rest are refused.
func only(ok int, allowed ...string) map[string]int {
	m := map[string]int{}
	for _, r := range roles {
		m[r] = 403
	}
	for _, r := range allowed {
		m[r] = ok
	}
	m["anon"] = 401
	return m
}

// ownerOnly is the rule for the caller's own things (saved views).
func ownerOnly(ok int, owner string) map[string]int {
	m := map[string]int{}
	for _, r := range roles {
		m[r] = 404
	}
	m[owner], m["anon"] = ok, 401
	return m
}

// targets are fresh records for one scenario, all in the fixture
// workspace and owned by "sales" unless noted.
type targets struct {
	account, other, deleted, link, contact, deletedContact string
	team, user, fieldDef, view, salesUser, token           string
	product, order, deletedOrder                           string
	opportunity, deletedOpportunity                        string
	activity, deletedActivity, task, plan                  string
	competitors                                            competitorTargets
	referral                                               string
	n                                                      int
}

func makeTargets(t testing.TB, f *servicetest.Fixture, n int, op string) *targets {
	ctx := f.Ctx["sales"]
	tg := &targets{n: n, salesUser: f.Users["sales"].ID}
	a := servicetest.Must(f.Svc.CreateAccount(ctx, servicetest.Org(fmt.Sprintf("Target %d", n), 3*n)))(t)
	tg.account = a.ID
	tg.other = servicetest.Must(f.Svc.CreateAccount(ctx, servicetest.Org(fmt.Sprintf("Other %d", n), 3*n+1)))(t).ID
	d := servicetest.Must(f.Svc.CreateAccount(ctx, servicetest.Org(fmt.Sprintf("Deleted %d", n), 3*n+2)))(t)
	if err := f.Svc.DeleteAccount(ctx, d.ID, 0); err != nil {
		t.Fatal(err)
	}
	tg.deleted = d.ID
	l := servicetest.Must(f.Svc.CreateLink(ctx, a.ID, crm.LinkInput{RelatedAccountID: tg.other, Kind: crm.LinkSupplier}))(t)
	tg.link = l.ID
	c := servicetest.Must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: a.ID, Name: "张三", Level: crm.LevelDecision,
		Function: crm.FunctionUser, PersonalProfile: &crm.PersonalProfile{Hometown: "苏州"}}))(t)
	tg.contact = c.ID
	dc := servicetest.Must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: a.ID, Name: "李四", Level: crm.LevelOperational, Function: crm.FunctionUser}))(t)
	if err := f.Svc.DeleteContact(ctx, dc.ID, 0); err != nil {
		t.Fatal(err)
	}
	tg.deletedContact = dc.ID
	sys := crm.NewContext(context.Background(), crm.SystemActor(f.WS.ID, ""))
	if strings.Contains(op, "order") || strings.Contains(op, "product") {
		cost := int64(600)
		tg.product = servicetest.Must(f.Svc.CreateProduct(sys, crm.ProductFields{Code: fmt.Sprintf("P%d", n), Name: "Pump", ListPrice: 1000, UnitCost: &cost}))(t).ID
		order := func(number string) string {
			return servicetest.Must(f.Svc.CreateOrder(ctx, crm.OrderInput{AccountID: a.ID, Number: number, OrderDate: "2026-01-15",
				Lines: []crm.OrderLineInput{{ProductID: tg.product, Quantity: 2}}}))(t).ID
		}
		tg.order = order(fmt.Sprintf("SO-%d", n))
		tg.deletedOrder = order(fmt.Sprintf("SO-%d-d", n))
		if err := f.Svc.DeleteOrder(ctx, tg.deletedOrder, 0); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(op, "claim") {
		// The target account is in the pool, released by its owner.
		if _, err := f.Svc.ReleaseAccount(ctx, a.ID, 0); err != nil {
			t.Fatal(err)
		}
	}
	if strings.Contains(op, "opportunit") {
		opp := func(name string) string {
			return servicetest.Must(f.Svc.CreateOpportunity(ctx, crm.OpportunityFields{AccountID: a.ID, Name: name, Amount: 500_000_00, ExpectedClose: "2026-06-30"}))(t).ID
		}
		tg.opportunity = opp(fmt.Sprintf("Deal %d", n))
		tg.deletedOpportunity = opp(fmt.Sprintf("Deal %d-d", n))
		if err := f.Svc.DeleteOpportunity(ctx, tg.deletedOpportunity, 0); err != nil {
			t.Fatal(err)
		}
		// Buying centre: update and remove need a member to act on.
		if strings.Contains(op, "update-opportunity-contact") || strings.Contains(op, "remove-opportunity-contact") {
			servicetest.Must(f.Svc.AddOpportunityContact(ctx, tg.opportunity, crm.OpportunityContactFields{ContactID: c.ID,
				Role: crm.RoleDecisionMaker, Stance: crm.StanceNeutral}))(t)
		}
	}
	if strings.Contains(op, "activit") || strings.Contains(op, "task") || strings.Contains(op, "plan") {
		activityTargets(t, f, tg)
	}
	makeCompetitorTargets(t, f, tg, op)
	if strings.Contains(op, "referral") {
		tg.referral = servicetest.Must(f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: tg.other, ReferredAccountID: a.ID}))(t).ID
	}
	switch {
	case strings.Contains(op, "team"):
		tg.team = servicetest.Must(f.Svc.CreateTeam(sys, crm.TeamInput{Name: fmt.Sprintf("Team %d", n)}))(t).ID
	case strings.Contains(op, "user"):
		tg.user = servicetest.Must(f.Svc.CreateUser(sys, crm.UserCreate{Email: fmt.Sprintf("u%d@test.example", n), Name: "U", Password: servicetest.Password, Role: crm.RoleViewer}))(t).ID
	case strings.Contains(op, "field-definition"):
		tg.fieldDef = servicetest.Must(f.Svc.CreateFieldDefinition(sys, crm.FieldDefinitionInput{Entity: crm.EntityAccount, Key: fmt.Sprintf("f%d", n), Label: "F", Type: crm.FieldText}))(t).ID
	case strings.Contains(op, "token"):
		_, info, err := f.Svc.CreateAPIToken(ctx, "target")
		if err != nil {
			t.Fatal(err)
		}
		tg.token = info.ID
	case strings.Contains(op, "view"):
		tg.view = servicetest.Must(f.Svc.CreateSavedView(ctx, crm.SavedViewInput{Entity: crm.EntityAccount, Name: fmt.Sprintf("V%d", n), Query: "sort=name"}))(t).ID
	}
	return tg
}

// operation is one API operation with the request that exercises it and
// the expected status per role.
type operation struct {
	req  func(tg *targets) request
	want map[string]int
}

var ifMatch1 = map[string]string{"If-Match": `"1"`}

func operations() map[string]operation {
	acc := func(tg *targets, rest string) string { return "/api/v1/accounts/" + tg.account + rest }
	con := func(tg *targets, rest string) string { return "/api/v1/contacts/" + tg.contact + rest }
	contactCreate := record(201, writers)
	for _, r := range []string{"sales2", "salesSouth", "other"} {
		contactCreate[r] = 422 // the account is not one they can see: a field error, no leak
	}
	orderCreate := record(201, writers)
	for _, r := range []string{"sales2", "salesSouth", "other"} {
		orderCreate[r] = 422 // the account is not one they can see
	}
	// Importing needs order write rights (403 before the file is read);
	// accounts the caller cannot see are row errors (422), as in create.
	orderImport := map[string]int{}
	for r, status := range orderCreate {
		orderImport[r] = status
	}
	orderImport["admin"], orderImport["manager"], orderImport["sales"] = 200, 200, 200
	productWrite := func(ok int) map[string]int {
		m := map[string]int{}
		for _, r := range roles {
			m[r] = 403
		}
		m["admin"], m["manager"], m["warehouse"], m["anon"] = ok, ok, ok, 401
		return m
	}
	ord := func(tg *targets, rest string) string { return "/api/v1/orders/" + tg.order + rest }
	opp := func(tg *targets, rest string) string { return "/api/v1/opportunities/" + tg.opportunity + rest }
	act := func(tg *targets, rest string) string { return "/api/v1/activities/" + tg.activity + rest }
	assigneeOnly := func(ok int) map[string]int { // tasks belong to "sales" in East: their managers and admins reach them
		m := ownerOnly(ok, "sales")
		m["admin"], m["manager"] = ok, ok
		return m
	}
	accountCreate := everyone(201)
	for _, r := range []string{"finance", "warehouse", "service", "marketing", "viewer"} {
		accountCreate[r] = 403
	}
	ops := map[string]operation{
		"logout": {func(tg *targets) request { return request{method: "POST", path: "/api/v1/auth/logout"} }, everyone(200)},
		"get-me": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/me"} }, everyone(200)},
		"update-me": {func(tg *targets) request {
			return request{method: "PATCH", path: "/api/v1/me", body: map[string]any{"locale": "en"}}
		}, everyone(200)},
		"create-token": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/me/tokens", body: map[string]any{"name": "ci"}}
		}, everyone(200)},

		"list-tokens":  {func(tg *targets) request { return request{method: "GET", path: "/api/v1/me/tokens"} }, everyone(200)},
		"revoke-token": {func(tg *targets) request { return request{method: "DELETE", path: "/api/v1/me/tokens/" + tg.token} }, ownerOnly(204, "sales")},

		"list-accounts": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/accounts"} }, everyone(200)},
		"create-account": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/accounts", body: accountJSON("New", 100000+tg.n)}
		}, accountCreate},
		"get-account": {func(tg *targets) request { return request{method: "GET", path: acc(tg, "")} }, record(200, readers)},
		"update-account": {func(tg *targets) request {
			return request{method: "PATCH", path: acc(tg, ""), body: map[string]any{"name": "Renamed"}, headers: ifMatch1}
		}, record(200, writers)},
		"delete-account": {func(tg *targets) request { return request{method: "DELETE", path: acc(tg, "")} }, record(204, writers)},
		"restore-account": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/accounts/" + tg.deleted + "/restore"}
		}, record(200, writers)},
		"account-history": {func(tg *targets) request { return request{method: "GET", path: acc(tg, "/history")} }, record(200, readers)},
		"list-links":      {func(tg *targets) request { return request{method: "GET", path: acc(tg, "/links")} }, record(200, readers)},
		"create-link": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/accounts/" + tg.other + "/links", body: map[string]any{"related_account_id": tg.account, "kind": "partner"}}
		}, record(201, writers)},
		"delete-link": {func(tg *targets) request { return request{method: "DELETE", path: acc(tg, "/links/"+tg.link)} }, record(204, writers)},

		"list-contacts": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/contacts"} }, everyone(200)},
		"create-contact": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/contacts", body: map[string]any{"account_id": tg.account, "name": "王五", "level": "management", "function": "finance"}}
		}, contactCreate},
		"get-contact": {func(tg *targets) request { return request{method: "GET", path: con(tg, "")} }, record(200, readers)},
		"update-contact": {func(tg *targets) request {
			return request{method: "PATCH", path: con(tg, ""), body: map[string]any{"title": "CEO"}, headers: ifMatch1}
		}, record(200, writers)},
		"delete-contact": {func(tg *targets) request { return request{method: "DELETE", path: con(tg, "")} }, record(204, writers)},
		"restore-contact": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/contacts/" + tg.deletedContact + "/restore"}
		}, record(200, writers)},
		"contact-history": {func(tg *targets) request { return request{method: "GET", path: con(tg, "/history")} }, record(200, readers)},

		"list-products": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/products"} }, everyone(200)},
		"create-product": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/products", body: map[string]any{"code": fmt.Sprintf("N%d", tg.n), "name": "New", "list_price": 100}}
		}, withOther(productWrite(201), 201)},
		"get-product": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/products/" + tg.product} }, withOther(everyone(200), 404)},
		"update-product": {func(tg *targets) request {
			return request{method: "PATCH", path: "/api/v1/products/" + tg.product, body: map[string]any{"list_price": 1200}, headers: ifMatch1}
		}, withOther(productWrite(200), 404)},
		"product-history": {func(tg *targets) request {
			return request{method: "GET", path: "/api/v1/products/" + tg.product + "/history"}
		}, withOther(everyone(200), 404)},
		"list-orders": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/orders"} }, everyone(200)},
		"create-order": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/orders", body: map[string]any{"account_id": tg.account, "number": fmt.Sprintf("NEW-%d", tg.n),
				"order_date": "2026-02-01", "lines": []map[string]any{{"product_id": tg.product, "quantity": 1}}}}
		}, orderCreate},
		"import-orders": {func(tg *targets) request {
			csv := fmt.Sprintf("number,account,order_date,product,quantity\nIMP-%d,%s,2026-02-01,P%d,3\n", tg.n, tg.account, tg.n)
			return request{method: "POST", path: "/api/v1/orders/import", body: csv, headers: map[string]string{"Content-Type": "text/csv"}}
		}, orderImport},
		"get-order": {func(tg *targets) request { return request{method: "GET", path: ord(tg, "")} }, record(200, readers)},
		"update-order": {func(tg *targets) request {
			return request{method: "PATCH", path: ord(tg, ""), body: map[string]any{"status": "completed"}, headers: ifMatch1}
		}, record(200, writers)},
		"delete-order": {func(tg *targets) request { return request{method: "DELETE", path: ord(tg, "")} }, record(204, writers)},
		"restore-order": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/orders/" + tg.deletedOrder + "/restore"}
		}, record(200, writers)},
		"order-history": {func(tg *targets) request { return request{method: "GET", path: ord(tg, "/history")} }, record(200, readers)},
		"account-stats": {func(tg *targets) request { return request{method: "GET", path: acc(tg, "/stats")} }, record(200, readers)},

		"list-opportunities": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/opportunities"} }, everyone(200)},
		"create-opportunity": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/opportunities", body: map[string]any{"account_id": tg.account, "name": "New deal",
				"amount": 100, "expected_close": "2026-09-30"}}
		}, orderCreate},
		"get-opportunity": {func(tg *targets) request { return request{method: "GET", path: opp(tg, "")} }, record(200, readers)},
		"update-opportunity": {func(tg *targets) request {
			return request{method: "PATCH", path: opp(tg, ""), body: map[string]any{"amount": 700}, headers: ifMatch1}
		}, record(200, writers)},
		"move-opportunity": {func(tg *targets) request {
			return request{method: "POST", path: opp(tg, "/move"), body: map[string]any{"stage": "proposal"}, headers: ifMatch1}
		}, record(200, writers)},
		"delete-opportunity": {func(tg *targets) request { return request{method: "DELETE", path: opp(tg, "")} }, record(204, writers)},
		"restore-opportunity": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/opportunities/" + tg.deletedOpportunity + "/restore"}
		}, record(200, writers)},
		"opportunity-history":       {func(tg *targets) request { return request{method: "GET", path: opp(tg, "/history")} }, record(200, readers)},
		"opportunity-stage-changes": {func(tg *targets) request { return request{method: "GET", path: opp(tg, "/stage-changes")} }, record(200, readers)},
		"get-pipeline":              {func(tg *targets) request { return request{method: "GET", path: "/api/v1/pipeline"} }, everyone(200)},
		"list-pipeline-stages":      {func(tg *targets) request { return request{method: "GET", path: "/api/v1/pipeline/stages"} }, everyone(200)},
		"get-forecast":              {func(tg *targets) request { return request{method: "GET", path: "/api/v1/pipeline/forecast"} }, everyone(200)},

		// Opportunity page: buying centre, stage configuration, report.
		"list-opportunity-contacts": {func(tg *targets) request { return request{method: "GET", path: opp(tg, "/contacts")} }, record(200, readers)},
		"add-opportunity-contact": {func(tg *targets) request {
			return request{method: "POST", path: opp(tg, "/contacts"), body: map[string]any{"contact_id": tg.contact, "role": "influencer", "stance": "supporter"}}
		}, record(201, writers)},
		"update-opportunity-contact": {func(tg *targets) request {
			return request{method: "PATCH", path: opp(tg, "/contacts/"+tg.contact), body: map[string]any{"stance": "supporter"}}
		}, record(200, writers)},
		"remove-opportunity-contact": {func(tg *targets) request {
			return request{method: "DELETE", path: opp(tg, "/contacts/"+tg.contact)}
		}, record(204, writers)},
		"save-pipeline-stages": {func(tg *targets) request {
			return request{method: "PUT", path: "/api/v1/pipeline/stages", body: map[string]any{"stages": defaultStageInputs()}}
		}, adminOnly(200, 200)},
		"get-pipeline-report": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/pipeline/report"} }, everyone(200)},
		"create-activity": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/activities", body: map[string]any{"account_id": tg.account, "channel": "wechat",
				"direction": "outbound", "subject": "Follow-up", "contact_ids": []string{tg.contact}, "next_step": "Call", "next_step_due": "2030-01-01"}}
		}, orderCreate},
		"get-activity": {func(tg *targets) request { return request{method: "GET", path: act(tg, "")} }, record(200, readers)},
		"update-activity": {func(tg *targets) request {
			return request{method: "PATCH", path: act(tg, ""), body: map[string]any{"outcome": "Agreed"}, headers: ifMatch1}
		}, record(200, writers)},
		"delete-activity": {func(tg *targets) request { return request{method: "DELETE", path: act(tg, "")} }, record(204, writers)},
		"restore-activity": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/activities/" + tg.deletedActivity + "/restore"}
		}, record(200, writers)},
		"activity-history": {func(tg *targets) request { return request{method: "GET", path: act(tg, "/history")} }, record(200, readers)},
		"create-task": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/tasks", body: map[string]any{"title": "Call back", "account_id": tg.account, "due": "2030-01-01"}}
		}, withRoles(everyone(201), 422, "sales2", "salesSouth", "other")},
		"get-task": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/tasks/" + tg.task} }, assigneeOnly(200)},
		"task-history": {func(tg *targets) request {
			return request{method: "GET", path: "/api/v1/tasks/" + tg.task + "/history"}
		}, assigneeOnly(200)},
		"update-task": {func(tg *targets) request {
			return request{method: "PATCH", path: "/api/v1/tasks/" + tg.task, body: map[string]any{"done": true}, headers: ifMatch1}
		}, assigneeOnly(200)},
		"delete-task": {func(tg *targets) request { return request{method: "DELETE", path: "/api/v1/tasks/" + tg.task} }, assigneeOnly(204)},
		"create-plan": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/key-account-plans", body: map[string]any{"account_id": tg.account, "kind": "executive_visit",
				"title": "CEO visit", "due_date": "2030-03-01", "attendee_contact_ids": []string{tg.contact}}}
		}, orderCreate},
		"get-plan": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/key-account-plans/" + tg.plan} }, record(200, readers)},
		"plan-history": {func(tg *targets) request {
			return request{method: "GET", path: "/api/v1/key-account-plans/" + tg.plan + "/history"}
		}, record(200, readers)},
		"update-plan": {func(tg *targets) request {
			return request{method: "PATCH", path: "/api/v1/key-account-plans/" + tg.plan, body: map[string]any{"status": "done"}, headers: ifMatch1}
		}, record(200, writers)},
		"delete-plan": {func(tg *targets) request {
			return request{method: "DELETE", path: "/api/v1/key-account-plans/" + tg.plan}
		}, record(204, writers)},
		"list-account-plans":   {func(tg *targets) request { return request{method: "GET", path: acc(tg, "/key-account-plans")} }, record(200, readers)},
		"account-timeline":     {func(tg *targets) request { return request{method: "GET", path: acc(tg, "/timeline")} }, record(200, readers)},
		"contact-timeline":     {func(tg *targets) request { return request{method: "GET", path: con(tg, "/timeline")} }, record(200, readers)},
		"opportunity-timeline": {func(tg *targets) request { return request{method: "GET", path: opp(tg, "/timeline")} }, record(200, readers)},
		"get-todo":             {func(tg *targets) request { return request{method: "GET", path: "/api/v1/todo"} }, everyone(200)},

		"account-value":      {func(tg *targets) request { return request{method: "GET", path: acc(tg, "/value")} }, record(200, readers)},
		"analytics-overview": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/analytics/overview"} }, everyone(200)},
		"analytics-reports": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/analytics/reports"} },
			only(200, "admin", "manager", "finance", "marketing", "other")},
		"start-score-run": {func(tg *targets) request { return request{method: "POST", path: "/api/v1/analytics/runs"} },
			only(202, "admin", "manager", "other")},

		"list-users": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/users"} }, everyone(200)},
		"create-user": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/users", body: map[string]any{"email": fmt.Sprintf("new%d@test.example", tg.n), "name": "New", "password": "a long enough password", "role": "sales"}}
		}, adminOnly(201, 201)},
		"get-user": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/users/" + tg.salesUser} }, withOther(everyone(200), 404)},
		"update-user": {func(tg *targets) request {
			return request{method: "PATCH", path: "/api/v1/users/" + tg.user, body: map[string]any{"name": "Renamed"}, headers: ifMatch1}
		}, adminOnly(200, 404)},
		"list-teams": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/teams"} }, everyone(200)},
		"create-team": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/teams", body: map[string]any{"name": fmt.Sprintf("New %d", tg.n)}}
		}, adminOnly(201, 201)},
		"update-team": {func(tg *targets) request {
			return request{method: "PATCH", path: "/api/v1/teams/" + tg.team, body: map[string]any{"name": fmt.Sprintf("Renamed %d", tg.n)}, headers: ifMatch1}
		}, adminOnly(200, 404)},
		"delete-team": {func(tg *targets) request { return request{method: "DELETE", path: "/api/v1/teams/" + tg.team} }, adminOnly(204, 404)},

		"list-field-definitions": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/field-definitions"} }, everyone(200)},
		"create-field-definition": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/field-definitions", body: map[string]any{"entity": "contact", "key": fmt.Sprintf("k%d", tg.n), "label": "K", "type": "text", "required": false}}
		}, adminOnly(201, 201)},
		"update-field-definition": {func(tg *targets) request {
			return request{method: "PATCH", path: "/api/v1/field-definitions/" + tg.fieldDef, headers: ifMatch1,
				body: map[string]any{"entity": "account", "key": fmt.Sprintf("f%d", tg.n), "label": "Renamed", "type": "text", "required": false}}
		}, adminOnly(200, 404)},
		"delete-field-definition": {func(tg *targets) request {
			return request{method: "DELETE", path: "/api/v1/field-definitions/" + tg.fieldDef}
		}, adminOnly(204, 404)},

		// The public pool and the workspace settings.
		"get-settings": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/settings"} }, everyone(200)},
		"update-settings": {func(tg *targets) request {
			return request{method: "PATCH", path: "/api/v1/settings", body: map[string]any{"pool_days": 10 + tg.n%50}, headers: ifMatch1}
		}, adminOnly(200, 200)},
		"list-pool": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/pool"} },
			only(200, "admin", "manager", "sales", "sales2", "salesSouth", "other")},
		"claim-account": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/pool/" + tg.account + "/claim"}
		},
			withOther(only(200, "admin", "manager", "sales", "sales2", "salesSouth"), 404)},
		"release-account": {func(tg *targets) request { return request{method: "POST", path: acc(tg, "/release")} }, record(200, writers)},

		"list-views": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/views?entity=account"} }, everyone(200)},
		"create-view": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/views", body: map[string]any{"entity": "contact", "name": "Mine", "query": "level=decision"}}
		}, everyone(201)},
		"update-view": {func(tg *targets) request {
			return request{method: "PATCH", path: "/api/v1/views/" + tg.view, headers: ifMatch1, body: map[string]any{"entity": "account", "name": "Renamed", "query": ""}}
		}, ownerOnly(200, "sales")},
		"delete-view": {func(tg *targets) request { return request{method: "DELETE", path: "/api/v1/views/" + tg.view} }, ownerOnly(204, "sales")},

		// Referrals and sales targets.
		"list-referrals": {func(tg *targets) request { return request{method: "GET", path: acc(tg, "/referrals")} }, record(200, readers)},
		"referral-graph": {func(tg *targets) request { return request{method: "GET", path: acc(tg, "/referrals/graph")} }, record(200, readers)},
		"create-referral": {func(tg *targets) request {
			return request{method: "POST", path: "/api/v1/referrals", body: map[string]any{"referrer_account_id": tg.account, "referred_account_id": tg.other}}
		}, orderCreate},
		"delete-referral": {func(tg *targets) request { return request{method: "DELETE", path: "/api/v1/referrals/" + tg.referral} }, record(204, writers)},
		"list-targets": {func(tg *targets) request { return request{method: "GET", path: "/api/v1/targets?period=2026-11"} },
			only(200, "admin", "manager", "sales", "sales2", "salesSouth", "other")},
		"put-target": {func(tg *targets) request {
			return request{method: "PUT", path: "/api/v1/targets", body: map[string]any{"period": "2026-11", "user_id": tg.salesUser, "amount": 100}}
		}, withOther(only(200, "admin", "manager"), 422)}, // another workspace's user is an unknown value
		"target-attainment": {func(tg *targets) request {
			return request{method: "GET", path: "/api/v1/targets/attainment?period=2026-Q4"}
		},
			only(200, "admin", "manager", "sales", "sales2", "salesSouth", "other")},
	}
	for id, o := range competitorOperations() {
		ops[id] = o
	}
	return ops
}

// defaultStageInputs is the default pipeline as the body of a save.
func defaultStageInputs() []crm.StageInput {
	out := make([]crm.StageInput, len(crm.DefaultStages))
	for i, s := range crm.DefaultStages {
		out[i] = crm.StageInput{Key: s.Key, Name: s.Name, NameZh: s.NameZh, Kind: s.Kind, Probability: s.Probability}
	}
	return out
}

func withRoles(m map[string]int, status int, roles ...string) map[string]int {
	for _, r := range roles {
		m[r] = status
	}
	return m
}

// activityTargets adds an activity (on the target account, with its
// contact), one in the recycle bin, a task of "sales" and a key-account
// plan.
func activityTargets(t testing.TB, f *servicetest.Fixture, tg *targets) {
	ctx := f.Ctx["sales"]
	log := func() string {
		return servicetest.Must(f.Svc.CreateActivity(ctx, crm.ActivityFields{AccountID: tg.account, Channel: "visit", Direction: "outbound",
			Subject: "Visit", ContactIDs: []string{tg.contact}}))(t).ID
	}
	tg.activity, tg.deletedActivity = log(), log()
	if err := f.Svc.DeleteActivity(ctx, tg.deletedActivity, 0); err != nil {
		t.Fatal(err)
	}
	tg.task = servicetest.Must(f.Svc.CreateTask(ctx, crm.TaskFields{Title: "Send quote", AccountID: tg.account, Due: "2030-01-01"}))(t).ID
	tg.plan = servicetest.Must(f.Svc.CreatePlan(ctx, crm.KeyAccountPlanFields{AccountID: tg.account, Kind: "key_account_meeting",
		Title: "Annual meeting", DueDate: "2030-06-01"}))(t).ID
}

func withOther(m map[string]int, status int) map[string]int {
	m["other"] = status
	return m
}

// publicOperations need no sign-in. The matrix test fails if any other
// operation answers without credentials.
var publicOperations = set("login")

// TestAuthorizationMatrix walks every operation of the API as every role
// against fresh records and checks the status: allowed, forbidden, not
// found (outside scope or in another workspace) or unauthenticated.
func TestAuthorizationMatrix(t *testing.T) {
	ops := operations()
	var ids []string
	for _, path := range httpapi.NewAPI(httpapi.Config{Logger: slog.New(slog.NewTextHandler(io.Discard, nil))}, nil, http.NewServeMux()).OpenAPI().Paths {
		for _, op := range []*huma.Operation{path.Get, path.Put, path.Post, path.Patch, path.Delete} {
			if op != nil {
				ids = append(ids, op.OperationID)
			}
		}
	}
	sort.Strings(ids)
	for _, id := range ids {
		if _, ok := ops[id]; !ok && !publicOperations[id] {
			t.Errorf("operation %s is missing from the authorization matrix", id)
		}
	}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		n := 0
		for _, id := range ids {
			op, ok := ops[id]
			if !ok {
				continue
			}
			for _, role := range roles {
				n++
				tg := makeTargets(t, e.Fixture, n, id)
				r := op.req(tg)
				r.as = role
				res := e.do(t, r)
				if want := op.want[role]; res.status != want {
					t.Errorf("%s as %s: status %d, want %d: %s", id, role, res.status, want, res.body)
				}
				if res.status >= 400 {
					res.problem(t) // every error is problem+json
				}
			}
		}
	})
}
