package service_test

import (
	"fmt"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// catalogue adds two products as warehouse: a pump (price 100.00, cost
// 60.00) and a valve (price 25.50, cost 10.00).
func catalogue(t *testing.T, f *servicetest.Fixture) (pump, valve *crm.Product) {
	t.Helper()
	cost := func(v int64) *int64 { return &v }
	ctx := f.Ctx["warehouse"]
	pump = must(f.Svc.CreateProduct(ctx, crm.ProductFields{Code: "PUMP-1", Name: "离心泵", Category: "pumps", ListPrice: 100_00, UnitCost: cost(60_00)}))(t)
	valve = must(f.Svc.CreateProduct(ctx, crm.ProductFields{Code: "VALVE-2", Name: "Ball valve", Category: "valves", ListPrice: 25_50, UnitCost: cost(10_00)}))(t)
	return pump, valve
}

func TestOrderTotalsAndCustomerStatsMoveTogether(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		pump, valve := catalogue(t, f)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		o1 := must(f.Svc.CreateOrder(ctx, crm.OrderInput{AccountID: acc.ID, Number: " SO-1 ", OrderDate: "2025-03-01",
			Lines: []crm.OrderLineInput{{ProductID: pump.ID, Quantity: 3, Discount: 10_00}, {ProductID: valve.ID, Quantity: 4}}}))(t)
		// 3 x 100.00 - 10.00 + 4 x 25.50 = 392.00; cost 3 x 60 + 4 x 10 = 220.00.
		if o1.Number != "SO-1" || o1.Status != crm.OrderConfirmed || o1.Revenue != 392_00 || o1.OwnerID != f.Users["sales"].ID {
			t.Fatalf("order = %+v", o1)
		}
		if o1.Cost != nil || o1.GrossProfit != nil || o1.Lines[0].UnitCost != nil {
			t.Errorf("a sales rep sees costs: %+v", o1)
		}
		full := must(f.Svc.GetOrder(f.Ctx["finance"], o1.ID))(t)
		if *full.Cost != 220_00 || *full.GrossProfit != 172_00 || *full.Lines[0].GrossProfit != 110_00 || full.Lines[1].ProductCode != "VALVE-2" {
			t.Errorf("finance view = cost %v gp %v lines %+v", *full.Cost, *full.GrossProfit, full.Lines)
		}

		must(f.Svc.CreateOrder(ctx, crm.OrderInput{AccountID: acc.ID, Number: "SO-2", OrderDate: "2025-06-10",
			Lines: []crm.OrderLineInput{{ProductID: pump.ID, Quantity: 1, UnitPrice: ptr(int64(90_00))}}}))(t)
		draft := must(f.Svc.CreateOrder(ctx, crm.OrderInput{AccountID: acc.ID, Number: "SO-3", Status: crm.OrderDraft, OrderDate: "2025-09-01",
			Lines: []crm.OrderLineInput{{ProductID: valve.ID, Quantity: 100}}}))(t)

		stats := func() *crm.CustomerStats { return must(f.Svc.CustomerStats(f.Ctx["manager"], acc.ID))(t) }
		st := stats()
		if st.OrderCount != 2 || st.Revenue != 482_00 || *st.GrossProfit != 202_00 || st.FirstOrder != "2025-03-01" ||
			st.LastOrder != "2025-06-10" || st.ProductsHeld != 2 || *st.Profit != 202_00 {
			t.Errorf("stats after two orders and a draft = %+v", st)
		}
		// Confirming the draft counts it; cancelling the first drops it.
		must(f.Svc.UpdateOrder(ctx, draft.ID, 1, crm.OrderUpdate{Status: ptr(crm.OrderCompleted)}))(t)
		must(f.Svc.UpdateOrder(ctx, o1.ID, 1, crm.OrderUpdate{Status: ptr(crm.OrderCancelled)}))(t)
		st = stats()
		if st.OrderCount != 2 || st.Revenue != 90_00+2550_00 || st.FirstOrder != "2025-06-10" || st.LastOrder != "2025-09-01" {
			t.Errorf("stats after confirm and cancel = %+v", st)
		}
		// Deleting and restoring an order moves the stats both ways.
		if err := f.Svc.DeleteOrder(ctx, draft.ID, 0); err != nil {
			t.Fatal(err)
		}
		if st = stats(); st.OrderCount != 1 || st.ProductsHeld != 1 || st.LastOrder != "2025-06-10" {
			t.Errorf("stats after delete = %+v", st)
		}
		must(f.Svc.RestoreOrder(ctx, draft.ID))(t)
		if st = stats(); st.OrderCount != 2 || st.ProductsHeld != 2 {
			t.Errorf("stats after restore = %+v", st)
		}
		if rep := must(f.Svc.CustomerStats(ctx, acc.ID))(t); rep.GrossProfit != nil || rep.Profit != nil || len(rep.Redacted) != 3 {
			t.Errorf("a sales rep sees the margin: %+v", rep)
		}
		// Replacing lines reprices the order and its history names the change.
		upd := must(f.Svc.UpdateOrder(ctx, o1.ID, 2, crm.OrderUpdate{Status: ptr(crm.OrderConfirmed),
			Lines: &[]crm.OrderLineInput{{ProductID: valve.ID, Quantity: 2, Discount: 1_00}}}))(t)
		if upd.Revenue != 50_00 || len(upd.Lines) != 1 || upd.Version != 3 {
			t.Errorf("repriced order = %+v", upd)
		}
		h := must(f.Svc.History(ctx, crm.EntityOrder, o1.ID, "", 0))(t)
		fields := map[string]bool{}
		for _, c := range h.Items {
			fields[c.Field] = true
			if c.Field == "gross_profit" && (!c.Redacted || c.New != "") {
				t.Errorf("gross profit history shown to a sales rep: %+v", c)
			}
		}
		if !fields["lines"] || !fields["revenue"] || !fields["status"] || !fields[crm.FieldCreated] {
			t.Errorf("history fields = %v", fields)
		}
	})
}

func TestOrderBadInputWritesNothing(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		pump, _ := catalogue(t, f)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		foreign := must(f.Svc.CreateAccount(f.Ctx["sales2"], org("Not mine", 2)))(t)
		off := false
		old := must(f.Svc.CreateProduct(f.Ctx["admin"], crm.ProductFields{Code: "OLD", Name: "Old model", ListPrice: 1, Active: &off}))(t)
		good := func() crm.OrderInput {
			return crm.OrderInput{AccountID: acc.ID, Number: "SO-9", OrderDate: "2025-01-01", Lines: []crm.OrderLineInput{{ProductID: pump.ID, Quantity: 1}}}
		}
		tests := []struct {
			name, field string
			edit        func(*crm.OrderInput)
		}{
			{"bad date", "order_date", func(in *crm.OrderInput) { in.OrderDate = "2025-02-30" }},
			{"date in the wrong format", "order_date", func(in *crm.OrderInput) { in.OrderDate = "01/02/2025" }},
			{"no lines", "lines", func(in *crm.OrderInput) { in.Lines = nil }},
			{"negative quantity", "lines[0].quantity", func(in *crm.OrderInput) { in.Lines[0].Quantity = -2 }},
			{"unknown product", "lines[0].product_id", func(in *crm.OrderInput) { in.Lines[0].ProductID = store.NewID() }},
			{"inactive product", "lines[0].product_id", func(in *crm.OrderInput) { in.Lines[0].ProductID = old.ID }},
			{"overflowing amount", "lines[0].unit_price", func(in *crm.OrderInput) {
				in.Lines[0].Quantity, in.Lines[0].UnitPrice = crm.MaxQuantity, ptr(crm.MaxAmount)
			}},
			{"discount above the line", "lines[0].discount", func(in *crm.OrderInput) { in.Lines[0].Discount = 100_01 }},
			{"someone else's account", "account_id", func(in *crm.OrderInput) { in.AccountID = foreign.ID }},
			{"unknown status", "status", func(in *crm.OrderInput) { in.Status = "shipped" }},
		}
		for _, tc := range tests {
			in := good()
			tc.edit(&in)
			_, err := f.Svc.CreateOrder(ctx, in)
			wantField(t, err, tc.field)
		}
		_, err := f.Svc.CreateOrder(ctx, crm.OrderInput{AccountID: acc.ID, Number: "SO-9", OrderDate: "2025-01-01",
			Lines: []crm.OrderLineInput{{ProductID: pump.ID, Quantity: 1, UnitCost: ptr(int64(1))}}})
		wantCode(t, err, crm.EFORBIDDEN) // sales may not set costs
		_, err = f.Svc.CreateOrder(f.Ctx["finance"], good())
		wantCode(t, err, crm.EFORBIDDEN) // finance reads orders, writes none

		if page := must(f.Svc.ListOrders(f.Ctx["admin"], crm.OrderFilter{}))(t); len(page.Items) != 0 {
			t.Fatalf("bad orders were written: %d", len(page.Items))
		}
		if st := must(f.Svc.CustomerStats(ctx, acc.ID))(t); st.OrderCount != 0 {
			t.Fatalf("stats moved: %+v", st)
		}
		first := must(f.Svc.CreateOrder(ctx, good()))(t)
		_, err = f.Svc.CreateOrder(ctx, good())
		wantField(t, err, "number") // numbers are unique
		_, err = f.Svc.UpdateOrder(ctx, first.ID, 7, crm.OrderUpdate{Note: ptr("late")})
		wantCode(t, err, crm.ESTALE)
		_, err = f.Svc.UpdateOrder(f.Ctx["sales2"], first.ID, 1, crm.OrderUpdate{Note: ptr("mine now")})
		wantCode(t, err, crm.ENOTFOUND) // another rep's order does not exist for them
	})
}

func TestOrderListFiltersAndPages(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		pump, valve := catalogue(t, f)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		for i := range 7 {
			p := pump
			if i%2 == 1 {
				p = valve
			}
			must(f.Svc.CreateOrder(ctx, crm.OrderInput{AccountID: acc.ID, Number: fmt.Sprintf("SO-%02d", i),
				OrderDate: crm.Date(fmt.Sprintf("2025-0%d-01", 1+i%3)), Lines: []crm.OrderLineInput{{ProductID: p.ID, Quantity: int64(i + 1)}}}))(t)
		}
		var got []string
		cursor := ""
		for {
			page := must(f.Svc.ListOrders(ctx, crm.OrderFilter{AccountID: acc.ID, Limit: 3, Cursor: cursor}))(t)
			for _, o := range page.Items {
				got = append(got, string(o.OrderDate)+" "+o.Number)
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		want := []string{"2025-03-01 SO-05", "2025-03-01 SO-02", "2025-02-01 SO-04", "2025-02-01 SO-01", "2025-01-01 SO-06", "2025-01-01 SO-03", "2025-01-01 SO-00"}
		if fmt.Sprint(got) != fmt.Sprint(want) {
			t.Errorf("pages by -order_date = %v, want %v", got, want)
		}
		valves := must(f.Svc.ListOrders(ctx, crm.OrderFilter{ProductID: valve.ID, DateFrom: "2025-02-01", Sort: "revenue"}))(t)
		if len(valves.Items) != 2 || valves.Items[0].Number != "SO-01" || valves.Items[1].Number != "SO-05" {
			t.Errorf("valve orders since February = %v", valves.Items)
		}
		_, err := f.Svc.ListOrders(ctx, crm.OrderFilter{Sort: "cost"})
		wantField(t, err, "sort")
		if other := must(f.Svc.ListOrders(f.Ctx["sales2"], crm.OrderFilter{}))(t); len(other.Items) != 0 {
			t.Errorf("another rep lists %d orders", len(other.Items))
		}
	})
}

func TestProductCatalogue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		pump, _ := catalogue(t, f)
		_, err := f.Svc.CreateProduct(f.Ctx["sales"], crm.ProductFields{Code: "X", Name: "X"})
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.CreateProduct(f.Ctx["admin"], crm.ProductFields{Code: "PUMP-1", Name: "Dup"})
		wantField(t, err, "code")
		_, err = f.Svc.CreateProduct(f.Ctx["admin"], crm.ProductFields{Code: "NEG", Name: "Neg", ListPrice: -1})
		wantField(t, err, "list_price")
		if p := must(f.Svc.GetProduct(f.Ctx["sales"], pump.ID))(t); p.UnitCost != nil || len(p.Redacted) != 1 {
			t.Errorf("sales sees the unit cost: %+v", p)
		}
		upd := must(f.Svc.UpdateProduct(f.Ctx["manager"], pump.ID, 1, crm.ProductUpdate{ListPrice: ptr(int64(120_00))}))(t)
		if upd.ListPrice != 120_00 || upd.Version != 2 || *upd.UnitCost != 60_00 {
			t.Errorf("updated product = %+v", upd)
		}
		page := must(f.Svc.ListProducts(f.Ctx["viewer"], crm.ProductFilter{Q: "valve"}))(t)
		if len(page.Items) != 1 || page.Items[0].Code != "VALVE-2" {
			t.Errorf("search valve = %+v", page.Items)
		}
		page = must(f.Svc.ListProducts(f.Ctx["viewer"], crm.ProductFilter{Sort: "-list_price"}))(t)
		if len(page.Items) != 2 || page.Items[0].Code != "PUMP-1" {
			t.Errorf("by price = %+v", page.Items)
		}
	})
}

func ptr[T any](v T) *T { return &v }
