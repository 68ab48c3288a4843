package service_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestReferralValidation(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		a := must(f.Svc.CreateAccount(ctx, org("A 公司", 1)))(t)
		b := must(f.Svc.CreateAccount(ctx, org("B 公司", 2)))(t)
		zhang := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: a.ID, Name: "张三", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		li := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: b.ID, Name: "李四", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		south := must(f.Svc.CreateAccount(f.Ctx["salesSouth"], org("South Co", 3)))(t)

		// A contact of another account than the one stated: 422, nothing written.
		_, err := f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: a.ID, ReferrerContactID: li.ID, ReferredAccountID: b.ID})
		wantField(t, err, "referrer_contact_id")
		_, err = f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: a.ID, ReferredAccountID: b.ID, ReferredContactID: zhang.ID})
		wantField(t, err, "referred_contact_id")
		_, err = f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: a.ID, ReferredAccountID: a.ID})
		wantField(t, err, "referred_account_id")
		_, err = f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: a.ID, ReferredAccountID: b.ID, ReferredOn: "2026-02-30"})
		wantField(t, err, "referred_on")
		// The referrer must be readable, the referred account writable.
		_, err = f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: south.ID, ReferredAccountID: b.ID})
		wantField(t, err, "referrer_account_id")
		_, err = f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: a.ID, ReferredAccountID: south.ID})
		wantField(t, err, "referred_account_id")
		_, err = f.Svc.CreateReferral(f.Ctx["viewer"], crm.ReferralInput{ReferrerAccountID: a.ID, ReferredAccountID: b.ID})
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.CreateReferral(f.Ctx["finance"], crm.ReferralInput{ReferrerAccountID: a.ID, ReferredAccountID: b.ID})
		wantCode(t, err, crm.EFORBIDDEN)
		if got := must(f.Svc.AccountReferrals(ctx, b.ID))(t); len(got.Items) != 0 {
			t.Fatalf("refused referrals were written: %+v", got.Items)
		}

		// 张三 of A referred 李四 of B.
		r := must(f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: a.ID, ReferrerContactID: zhang.ID,
			ReferredAccountID: b.ID, ReferredContactID: li.ID, ReferredOn: "2026-03-01", Note: " 展会 "}))(t)
		if r.ReferrerContactName != "张三" || r.ReferredContactName != "李四" || r.Note != "展会" || r.ReferredOn != "2026-03-01" {
			t.Fatalf("created = %+v", r)
		}
		_, err = f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: a.ID, ReferrerContactID: zhang.ID,
			ReferredAccountID: b.ID, ReferredContactID: li.ID})
		wantCode(t, err, crm.ECONFLICT)
		list := must(f.Svc.AccountReferrals(ctx, b.ID))(t)
		if len(list.Items) != 1 || list.Items[0].Direction != "referred_by" || list.Items[0].ReferrerContactName != "张三" {
			t.Fatalf("referrals of B = %+v", list.Items)
		}
		hist := must(f.Svc.History(ctx, crm.EntityAccount, a.ID, "", 50))(t)
		found := false
		for _, c := range hist.Items {
			found = found || (c.Field == crm.FieldReferral && c.New == "A 公司 (张三) -> B 公司 (李四)")
		}
		if !found {
			t.Errorf("history of A lacks the referral: %+v", hist.Items)
		}
		// Deleting needs write scope on the referred account.
		wantCode(t, f.Svc.DeleteReferral(f.Ctx["sales2"], r.ID), crm.ENOTFOUND)
		if err := f.Svc.DeleteReferral(ctx, r.ID); err != nil {
			t.Fatal(err)
		}
		if got := must(f.Svc.AccountReferrals(ctx, b.ID))(t); len(got.Items) != 0 {
			t.Fatalf("deleted referral still listed: %+v", got.Items)
		}
	})
}

// referralChain builds root -> mid -> leaf (recorded referrals) and
// up -referred_by link-> root (an account link), with orders of known
// revenue: mid 3 x 1,000.00, leaf 5 x 1,000.00; leaf is owned by the
// South rep, outside "sales"'s scope.
func referralChain(t *testing.T, f *servicetest.Fixture) (root, mid, leaf, up *crm.Account) {
	ctx := f.Ctx["sales"]
	sys := crm.NewContext(context.Background(), crm.SystemActor(f.WS.ID, ""))
	product := must(f.Svc.CreateProduct(sys, crm.ProductFields{Code: "P1", Name: "Pump", ListPrice: 1000_00}))(t)
	root = must(f.Svc.CreateAccount(ctx, org("Root", 10)))(t)
	mid = must(f.Svc.CreateAccount(ctx, org("Mid", 11)))(t)
	up = must(f.Svc.CreateAccount(ctx, org("Up", 12)))(t)
	leaf = must(f.Svc.CreateAccount(f.Ctx["salesSouth"], org("Leaf secret", 13)))(t)
	buy := func(ctx context.Context, acc *crm.Account, qty int64) {
		must(f.Svc.CreateOrder(ctx, crm.OrderInput{AccountID: acc.ID, Number: fmt.Sprintf("SO-%s", acc.Name), OrderDate: "2026-01-15",
			Lines: []crm.OrderLineInput{{ProductID: product.ID, Quantity: qty}}}))(t)
	}
	buy(ctx, mid, 3)
	buy(f.Ctx["salesSouth"], leaf, 5)
	must(f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: root.ID, ReferredAccountID: mid.ID}))(t)
	must(f.Svc.CreateReferral(f.Ctx["admin"], crm.ReferralInput{ReferrerAccountID: mid.ID, ReferredAccountID: leaf.ID}))(t)
	// A link "root is referred by up" predates referrals and must count.
	must(f.Svc.CreateLink(ctx, root.ID, crm.LinkInput{RelatedAccountID: up.ID, Kind: crm.LinkReferredBy}))(t)
	return root, mid, leaf, up
}

func TestReferredRevenueAndGraph(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		root, mid, leaf, up := referralChain(t, f)
		const unit = 1000_00

		// The admin sees the whole tree: direct = mid, downstream = mid + leaf.
		adm := must(f.Svc.AccountReferrals(f.Ctx["admin"], root.ID))(t)
		rr := adm.ReferredRevenue
		if rr.Direct != 3*unit || rr.DirectAccounts != 1 || rr.Downstream != 8*unit || rr.DownstreamAccounts != 2 || rr.HiddenAccounts != 0 {
			t.Fatalf("admin referred revenue = %+v", rr)
		}
		if rr.DirectProfit == nil {
			t.Errorf("admin sees costs but got no gross profit")
		}
		if len(adm.Items) != 2 {
			t.Fatalf("root's referrals (one recorded, one link) = %+v", adm.Items)
		}
		for _, it := range adm.Items {
			if it.Source == "link" && (it.ReferrerAccountID != up.ID || it.Direction != "referred_by") {
				t.Errorf("the referred_by link reads %+v", it)
			}
		}

		// The sales rep cannot read leaf: it is not summed but counted hidden,
		// and sales reps see no profit.
		rr = must(f.Svc.AccountReferrals(f.Ctx["sales"], root.ID))(t).ReferredRevenue
		if rr.Direct != 3*unit || rr.Downstream != 3*unit || rr.DownstreamAccounts != 1 || rr.HiddenAccounts != 1 || rr.DirectProfit != nil {
			t.Fatalf("sales referred revenue = %+v", rr)
		}

		// The graph from mid: up -> root -> mid -> leaf within two hops.
		g := must(f.Svc.ReferralGraph(f.Ctx["sales"], mid.ID, 2))(t)
		byName := map[string]*crm.ReferralNode{}
		hidden := 0
		for _, n := range g.Nodes {
			if n.Hidden {
				hidden++
				if n.Name != "" || n.ID != "" || n.Revenue != nil {
					t.Errorf("hidden node leaks: %+v", n)
				}
				if n.Depth != 1 {
					t.Errorf("the hidden node is leaf, one hop down: %+v", n)
				}
				continue
			}
			byName[n.Name] = n
		}
		if hidden != 1 || len(g.Nodes) != 4 || byName["Up"] == nil || byName["Up"].Depth != -2 || !byName["Mid"].Root {
			t.Fatalf("graph nodes = %+v", g.Nodes)
		}
		if r := byName["Mid"].Revenue; r == nil || *r != 3*unit || byName["Mid"].GrossProfit != nil {
			t.Errorf("mid's node = %+v", byName["Mid"])
		}
		for _, n := range g.Nodes {
			if n.Name == "Leaf secret" || n.ID == leaf.ID {
				t.Errorf("leaf leaked: %+v", n)
			}
		}
		if len(g.Edges) != 3 {
			t.Errorf("edges = %+v", g.Edges)
		}
		// One hop stops before up.
		if g1 := must(f.Svc.ReferralGraph(f.Ctx["sales"], mid.ID, 1))(t); len(g1.Nodes) != 3 {
			t.Errorf("one hop nodes = %+v", g1.Nodes)
		}
		// Reading needs read scope on the account asked about.
		_, err := f.Svc.ReferralGraph(f.Ctx["sales"], leaf.ID, 2)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.AccountReferrals(f.Other, root.ID)
		wantCode(t, err, crm.ENOTFOUND)
	})
}

func TestReferralGraphContactsAndCycles(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		a := must(f.Svc.CreateAccount(ctx, org("A", 21)))(t)
		b := must(f.Svc.CreateAccount(ctx, org("B", 22)))(t)
		c := must(f.Svc.CreateAccount(ctx, org("C", 23)))(t)
		y := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: c.ID, Name: "Y", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		zhang := must(f.Svc.CreateContact(ctx, crm.ContactFields{AccountID: a.ID, Name: "张三", Level: crm.LevelDecision, Function: crm.FunctionUser}))(t)
		// 张三 of A referred B; A referred contact Y of C; C referred A (a cycle).
		must(f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: a.ID, ReferrerContactID: zhang.ID, ReferredAccountID: b.ID}))(t)
		must(f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: a.ID, ReferredAccountID: c.ID, ReferredContactID: y.ID}))(t)
		must(f.Svc.CreateReferral(ctx, crm.ReferralInput{ReferrerAccountID: c.ID, ReferredAccountID: a.ID}))(t)
		g := must(f.Svc.ReferralGraph(ctx, a.ID, 4))(t)
		kinds := map[string]int{}
		for _, n := range g.Nodes {
			kinds[n.Kind]++
		}
		if kinds["account"] != 3 || kinds["contact"] != 2 {
			t.Fatalf("nodes = %+v", g.Nodes)
		}
		edges := map[string]bool{}
		for _, e := range g.Edges {
			edges[e.From+" "+e.To+" "+e.Kind] = true
		}
		for _, want := range []string{"c:" + zhang.ID + " a:" + b.ID + " referral", "a:" + a.ID + " c:" + y.ID + " referral",
			"c:" + y.ID + " a:" + c.ID + " member", "a:" + c.ID + " a:" + a.ID + " referral"} {
			if !edges[want] {
				t.Errorf("edge %q missing from %v", want, edges)
			}
		}
		// The cycle counts each account once below A: B and C.
		if rr := must(f.Svc.AccountReferrals(ctx, a.ID))(t).ReferredRevenue; rr.DownstreamAccounts != 2 || rr.DirectAccounts != 2 {
			t.Errorf("referred revenue over a cycle = %+v", rr)
		}
		// An account in the recycle bin leaves the network.
		if err := f.Svc.DeleteAccount(ctx, b.ID, 0); err != nil {
			t.Fatal(err)
		}
		g = must(f.Svc.ReferralGraph(ctx, a.ID, 4))(t)
		for _, n := range g.Nodes {
			if n.ID == b.ID || n.ID == zhang.ID {
				t.Errorf("deleted account's part still drawn: %+v", n)
			}
		}
		if len(g.Nodes) != 3 {
			t.Errorf("nodes after deleting B = %+v", g.Nodes)
		}
	})
}
