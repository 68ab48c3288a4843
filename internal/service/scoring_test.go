package service_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// scoredBook gives sales 16 customers and salesSouth 8, each buying every
// few weeks to every few months over the last two years, some of them
// lapsed; it returns the accounts by owner label.
func scoredBook(t *testing.T, f *servicetest.Fixture, now time.Time) map[string][]*crm.Account {
	t.Helper()
	pump, valve := catalogue(t, f)
	book := map[string][]*crm.Account{}
	n := 0
	for _, owner := range []string{"sales", "salesSouth"} {
		ctx := f.Ctx[owner]
		count := map[string]int{"sales": 16, "salesSouth": 8}[owner]
		for i := range count {
			n++
			acc := must(f.Svc.CreateAccount(ctx, servicetest.Org(fmt.Sprintf("%s 客户 %d", owner, i), n)))(t)
			book[owner] = append(book[owner], acc)
			gap := 12 + 9*(i%7)
			silent := []int{3, 20, 60, 150, 400}[i%5]
			orders := 1 + (i*3)%9
			for k := range orders {
				ago := silent + k*gap
				lines := []crm.OrderLineInput{{ProductID: pump.ID, Quantity: int64(1 + (i+k)%4)}}
				if (i+k)%3 == 0 {
					lines = append(lines, crm.OrderLineInput{ProductID: valve.ID, Quantity: 2})
				}
				must(f.Svc.CreateOrder(ctx, crm.OrderInput{AccountID: acc.ID, Number: fmt.Sprintf("SO-%d-%d", n, k),
					OrderDate: crm.Date(now.AddDate(0, 0, -ago).Format(time.DateOnly)), Lines: lines}))(t)
			}
		}
	}
	return book
}

func TestScoresFollowOrdersAndScopes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		now := time.Now().UTC()
		book := scoredBook(t, f, now)
		first := book["sales"][0]

		// Before the first run nothing is scored.
		if card := must(f.Svc.AccountValue(f.Ctx["sales"], first.ID))(t); card.Scored || card.Score != nil {
			t.Fatalf("scored before any run: %+v", card)
		}
		info := must(f.Svc.RefreshScores(context.Background(), f.WS.ID, now))(t)
		if info.Customers != 24 || info.AsOf != now.AddDate(0, 0, 1).Format(time.DateOnly) {
			t.Fatalf("run = %+v", info)
		}

		// Charts count what the caller may see.
		all := must(f.Svc.AnalyticsOverview(f.Ctx["admin"]))(t)
		own := must(f.Svc.AnalyticsOverview(f.Ctx["sales"]))(t)
		south := must(f.Svc.AnalyticsOverview(f.Ctx["salesSouth"]))(t)
		if all.Customers != 24 || own.Customers != 16 || south.Customers != 8 {
			t.Errorf("customers seen: admin %d, sales %d, salesSouth %d", all.Customers, own.Customers, south.Customers)
		}
		sum := func(groups []service.GroupStat) (n int) {
			for _, g := range groups {
				n += g.Customers
			}
			return n
		}
		gridSum := 0
		for _, row := range all.RFMGrid {
			for _, c := range row {
				gridSum += c.Customers
			}
		}
		if sum(all.Segments) != 24 || sum(all.Stages) != 24 || sum(all.Pareto.Tiers) != 24 || gridSum != 24 {
			t.Errorf("groups do not add up: segments %d, stages %d, tiers %d, grid %d", sum(all.Segments), sum(all.Stages), sum(all.Pareto.Tiers), gridSum)
		}
		if all.Pareto.Basis != "profit" || all.Pareto.Tiers[0].Profit == nil || own.Pareto.Basis != "revenue" || own.Pareto.Tiers[0].Profit != nil {
			t.Errorf("cost rule: admin basis %s, sales basis %s (tier profit %v)", all.Pareto.Basis, own.Pareto.Basis, own.Pareto.Tiers[0].Profit)
		}

		// Each segment's account list holds exactly the accounts whose
		// value card names that segment.
		for _, seg := range all.Segments {
			if seg.Customers == 0 {
				continue
			}
			page := must(f.Svc.ListAccounts(f.Ctx["admin"], crm.AccountFilter{Segment: seg.Key, Limit: 100}))(t)
			if len(page.Items) != seg.Customers {
				t.Errorf("segment %s: %d accounts listed, %d counted", seg.Key, len(page.Items), seg.Customers)
			}
			for _, acc := range page.Items {
				if card := must(f.Svc.AccountValue(f.Ctx["admin"], acc.ID))(t); card.Score.Segment != seg.Key {
					t.Errorf("%s listed under %s has segment %s", acc.Name, seg.Key, card.Score.Segment)
				}
			}
		}

		// A lapsed customer orders today: its card moves at once, without a run.
		var lapsed *crm.Account
		var before *service.ValueCard
		for _, acc := range book["sales"] {
			if card := must(f.Svc.AccountValue(f.Ctx["manager"], acc.ID))(t); card.Score.R <= 2 {
				lapsed, before = acc, card
				break
			}
		}
		if lapsed == nil {
			t.Fatal("no lapsed customer in the book")
		}
		pumps := must(f.Svc.ListProducts(f.Ctx["sales"], crm.ProductFilter{Limit: 10}))(t)
		must(f.Svc.CreateOrder(f.Ctx["sales"], crm.OrderInput{AccountID: lapsed.ID, Number: "SO-TODAY",
			OrderDate: crm.Date(now.Format(time.DateOnly)), Lines: []crm.OrderLineInput{{ProductID: pumps.Items[0].ID, Quantity: 5}}}))(t)
		after := must(f.Svc.AccountValue(f.Ctx["manager"], lapsed.ID))(t)
		if after.Score.R != 5 || after.Score.RecencyDays != 1 || after.Score.Frequency != before.Score.Frequency+1 ||
			after.Score.Monetary <= before.Score.Monetary || after.RunAt == nil || !after.RunAt.Equal(before.RunAt.UTC()) {
			t.Errorf("after today's order: before %+v, after %+v (run %v -> %v)", before.Score, after.Score, before.RunAt, after.RunAt)
		}

		// Costs stay hidden from sales on the card.
		card := must(f.Svc.AccountValue(f.Ctx["sales"], first.ID))(t)
		if !card.CostsHidden || card.Score.Profit != 0 || card.Score.GrossProfit != 0 {
			t.Errorf("a sales rep sees profit: hidden %v, %+v", card.CostsHidden, card.Score)
		}
		if full := must(f.Svc.AccountValue(f.Ctx["finance"], first.ID))(t); full.CostsHidden || full.Score.GrossProfit == 0 {
			t.Errorf("finance does not see profit: %+v", full.Score)
		}
		// Out of scope is not found, for another rep and another workspace.
		_, err := f.Svc.AccountValue(f.Ctx["salesSouth"], first.ID)
		servicetest.WantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.AccountValue(f.Other, first.ID)
		servicetest.WantCode(t, err, crm.ENOTFOUND)

		// Workspace-level reports and runs are for the roles that steer.
		for _, role := range []string{"sales", "warehouse", "service", "viewer"} {
			_, err := f.Svc.AnalyticsReports(f.Ctx[role])
			servicetest.WantCode(t, err, crm.EFORBIDDEN)
		}
		rep := must(f.Svc.AnalyticsReports(f.Ctx["marketing"]))(t)
		fm := 0
		if rep.RFM != nil {
			for _, row := range rep.RFM.FM {
				for _, c := range row {
					fm += c.Customers
				}
			}
		}
		if rep.Run == nil || rep.RFM == nil || fm != 24 || rep.Lifecycle == nil || rep.CrossSell == nil {
			t.Errorf("marketing reports = %+v", rep)
		}
		// Every account has an owner and a credit code, no contacts yet: the
		// strategy matrix sees background information but no buying centre.
		if st := rep.Strategy; st == nil || st.Company.Customers != 24 || st.Company.OwnerShare != 1 ||
			st.Company.Information <= 0 || st.Company.Information >= 0.5 || st.Company.Quadrant != "product_marketing" || len(st.Segments) == 0 {
			t.Errorf("strategy = %+v", rep.Strategy)
		} else if f := st.Company.Fields[0]; f.Name != "contact_decision" && f.Name != "personal_profile" || f.Share != 0 {
			t.Errorf("the largest gap should be a missing decision maker or personal profile, got %+v", f)
		}
		if g := rep.Growth; g == nil || g.NewToCustomer.CurrentRevenue == 0 || g.NewToCustomer.Retention.Revenue+g.NewToCustomer.CrossSell.Revenue+
			g.NewToCustomer.Acquisition.Revenue+g.NewToCustomer.Diversification.Revenue != g.NewToCustomer.CurrentRevenue {
			t.Errorf("growth = %+v", rep.Growth)
		}
		if rep.CLVModel != nil && rep.CLVModel.Margin != 0 {
			t.Errorf("marketing sees the margin %v", rep.CLVModel.Margin)
		}
		for _, role := range []string{"sales", "finance", "marketing", "viewer"} {
			_, err := f.Svc.StartScoreRun(f.Ctx[role])
			servicetest.WantCode(t, err, crm.EFORBIDDEN)
		}

		// Cancelling a customer's every order removes its scores.
		orders := must(f.Svc.ListOrders(f.Ctx["salesSouth"], crm.OrderFilter{AccountID: book["salesSouth"][0].ID, Limit: 100}))(t)
		for _, o := range orders.Items {
			if err := f.Svc.DeleteOrder(f.Ctx["salesSouth"], o.ID, 0); err != nil {
				t.Fatal(err)
			}
		}
		if card := must(f.Svc.AccountValue(f.Ctx["salesSouth"], book["salesSouth"][0].ID))(t); card.Scored {
			t.Errorf("scores remain without orders: %+v", card.Score)
		}
		if n := must(f.Svc.AnalyticsOverview(f.Ctx["salesSouth"]))(t).Customers; n != 7 {
			t.Errorf("salesSouth sees %d scored customers after one lost all orders, want 7", n)
		}
	})
}
