package httpapi_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestImportOrdersAPI(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		e := newAPIEnv(t, db)
		acc := servicetest.Must(e.Svc.CreateAccount(e.Ctx["sales"], servicetest.Org("Acme", 1)))(t)
		sys := crm.NewContext(t.Context(), crm.SystemActor(e.WS.ID, ""))
		servicetest.Must(e.Svc.CreateProduct(sys, crm.ProductFields{Code: "PUMP-1", Name: "Pump", ListPrice: 100_00}))(t)
		csvHeader := map[string]string{"Content-Type": "text/csv"}
		post := func(body, query string) *response {
			return e.do(t, request{method: "POST", path: "/api/v1/orders/import" + query, body: body, as: "sales", headers: csvHeader})
		}
		good := "number,account,order_date,product,quantity,unit_price\n" +
			"SO-1," + acc.ID + ",2026-01-05,PUMP-1,2,\n" +
			"SO-1," + acc.ID + ",2026-01-05,PUMP-1,1,80\n"

		// A bad row: 422 problem+json with the line and column of each problem.
		res := post(good+"SO-2,Nobody,2026-01-06,PUMP-1,-1,\n", "")
		if res.status != 422 {
			t.Fatalf("bad file: status %d: %s", res.status, res.body)
		}
		p := res.problem(t)
		if p.Code != crm.EINVALID || len(p.Errors) != 2 || p.Errors[0].Line != 4 || p.Errors[0].Field == "" ||
			!strings.Contains(p.Detail, "nothing was imported") {
			t.Errorf("problem = %+v", p)
		}
		if page := servicetest.Must(e.Svc.ListOrders(e.Ctx["sales"], crm.OrderFilter{}))(t); len(page.Items) != 0 {
			t.Fatalf("a failed import wrote %d orders", len(page.Items))
		}

		// Dry run, then the import itself: 200 with the summary.
		var sum crm.OrderImportSummary
		res = post(good, "?dry_run=true")
		res.json(t, &sum)
		if res.status != 200 || !sum.DryRun || sum.Created != 1 || sum.Lines != 2 || sum.MatchedBy.ID != 1 {
			t.Fatalf("dry run: %d %s", res.status, res.body)
		}
		res = post(good, "")
		sum = crm.OrderImportSummary{}
		res.json(t, &sum)
		if res.status != 200 || sum.DryRun || sum.Created != 1 || sum.Accounts != 1 {
			t.Fatalf("import: %d %s", res.status, res.body)
		}
		page := servicetest.Must(e.Svc.ListOrders(e.Ctx["sales"], crm.OrderFilter{}))(t)
		if len(page.Items) != 1 || page.Items[0].Revenue != 280_00 {
			t.Fatalf("orders after import = %+v", page.Items)
		}

		// Forms are refused with a hint; oversize files with 413.
		res = e.do(t, request{method: "POST", path: "/api/v1/orders/import", body: "--x\r\n", as: "sales",
			headers: map[string]string{"Content-Type": "multipart/form-data; boundary=x"}})
		if res.status != 415 {
			t.Errorf("multipart: status %d: %s", res.status, res.body)
		}
		res.problem(t)
		big := "number,account,order_date,product,quantity\n" + strings.Repeat(fmt.Sprintf("SO-9,%s,2026-01-05,PUMP-1,1\n", acc.ID), crm.OrderImportMaxBytes/60+1)
		res = post(big, "?dry_run=true")
		if res.status != 413 {
			t.Errorf("oversize file: status %d: %.200s", res.status, res.body)
		}
		res.problem(t)
	})
}
