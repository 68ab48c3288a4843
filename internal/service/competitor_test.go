package service_test

import (
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestCompetitorRecords(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["marketing"]
		k := must(f.Svc.CreateCompetitor(ctx, crm.CompetitorFields{Name: " 西门子 ", Website: "https://www.siemens.com.cn",
			Products: "PLC S7-1500", Tags: []string{"外资"}}))(t)
		if k.Name != "西门子" || k.Version != 1 || len(k.Tags) != 1 {
			t.Fatalf("created = %+v", k)
		}
		// Roles that only read are refused; names are unique, case-blind.
		_, err := f.Svc.CreateCompetitor(f.Ctx["finance"], crm.CompetitorFields{Name: "ABB"})
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.CreateCompetitor(f.Ctx["sales"], crm.CompetitorFields{Name: "西门子"})
		wantField(t, err, "name")
		_, err = f.Svc.CreateCompetitor(f.Ctx["sales"], crm.CompetitorFields{Name: "Evil", Website: "javascript:alert(1)"})
		wantField(t, err, "website")
		abb := must(f.Svc.CreateCompetitor(f.Ctx["sales"], crm.CompetitorFields{Name: "ABB", Products: "变频器"}))(t)

		page := must(f.Svc.ListCompetitors(f.Ctx["viewer"], crm.CompetitorFilter{Q: "plc"}))(t)
		if len(page.Items) != 1 || page.Items[0].ID != k.ID {
			t.Fatalf("search plc = %+v", page.Items)
		}
		page = must(f.Svc.ListCompetitors(f.Ctx["viewer"], crm.CompetitorFilter{Limit: 1}))(t)
		if len(page.Items) != 1 || page.NextCursor == "" {
			t.Fatalf("first page = %+v", page)
		}
		next := must(f.Svc.ListCompetitors(f.Ctx["viewer"], crm.CompetitorFilter{Limit: 1, Cursor: page.NextCursor}))(t)
		if len(next.Items) != 1 || next.Items[0].ID == page.Items[0].ID {
			t.Fatalf("second page = %+v", next.Items)
		}
		_, err = f.Svc.ListCompetitors(f.Ctx["viewer"], crm.CompetitorFilter{Sort: "website"})
		wantCode(t, err, crm.EINVALID)

		// Changes need the version read and land in the history.
		_, err = f.Svc.UpdateCompetitor(ctx, k.ID, 2, crm.CompetitorUpdate{Strengths: ptr("品牌")})
		wantCode(t, err, crm.ESTALE)
		k = must(f.Svc.UpdateCompetitor(ctx, k.ID, 1, crm.CompetitorUpdate{Strengths: ptr("品牌")}))(t)
		h := must(f.Svc.History(f.Ctx["viewer"], crm.EntityCompetitor, k.ID, "", 0))(t)
		if len(h.Items) != 2 || h.Items[0].Field != "strengths" && h.Items[1].Field != "strengths" {
			t.Fatalf("history = %+v", h.Items)
		}
		must(0, f.Svc.DeleteCompetitor(ctx, abb.ID, 0))(t)
		if page := must(f.Svc.ListCompetitors(ctx, crm.CompetitorFilter{}))(t); len(page.Items) != 1 {
			t.Fatalf("deleted competitor still listed: %+v", page.Items)
		}
		must(f.Svc.RestoreCompetitor(ctx, abb.ID))(t)

		// Another workspace sees nothing.
		_, err = f.Svc.GetCompetitor(f.Other, k.ID)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.UpdateCompetitor(f.Other, k.ID, 2, crm.CompetitorUpdate{Notes: ptr("x")})
		wantCode(t, err, crm.ENOTFOUND)
		if page := must(f.Svc.ListCompetitors(f.Other, crm.CompetitorFilter{}))(t); len(page.Items) != 0 {
			t.Fatalf("other workspace lists %d competitors", len(page.Items))
		}
	})
}

func TestCompetitorPresenceFollowsTheAccount(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		k := must(f.Svc.CreateCompetitor(ctx, crm.CompetitorFields{Name: "施耐德"}))(t)
		bad := func(field string, in crm.AccountCompetitorFields) {
			t.Helper()
			_, err := f.Svc.CreateAccountCompetitor(ctx, acc.ID, in)
			wantCode(t, err, crm.EINVALID)
			wantField(t, err, field)
		}
		bad("satisfaction", crm.AccountCompetitorFields{CompetitorID: k.ID, Satisfaction: ptr(6)})
		bad("rep_relationship", crm.AccountCompetitorFields{CompetitorID: k.ID, RepRelationship: ptr(0)})
		bad("since", crm.AccountCompetitorFields{CompetitorID: k.ID, Since: "2020-13-01"})
		bad("competitor_id", crm.AccountCompetitorFields{CompetitorID: store.NewID()})
		otherK := must(f.Svc.CreateCompetitor(f.Other, crm.CompetitorFields{Name: "外部"}))(t)
		bad("competitor_id", crm.AccountCompetitorFields{CompetitorID: otherK.ID})
		if l := must(f.Svc.ListAccountCompetitors(ctx, acc.ID))(t); len(l) != 0 {
			t.Fatalf("refused input wrote %d presences", len(l))
		}

		p := must(f.Svc.CreateAccountCompetitor(ctx, acc.ID, crm.AccountCompetitorFields{CompetitorID: k.ID, Products: "ATV320",
			Satisfaction: ptr(3), RepName: "王经理", RepStyle: "关系型", RepRelationship: ptr(4), Since: "2021-05-01"}))(t)
		if p.CompetitorName != "施耐德" || p.AccountName != "Acme" || *p.Satisfaction != 3 {
			t.Fatalf("presence = %+v", p)
		}
		_, err := f.Svc.CreateAccountCompetitor(ctx, acc.ID, crm.AccountCompetitorFields{CompetitorID: k.ID})
		wantCode(t, err, crm.ECONFLICT)

		// Scopes: the owner's team mate and the other workspace see nothing;
		// the manager and back office read; back office may not write.
		_, err = f.Svc.ListAccountCompetitors(f.Ctx["sales2"], acc.ID)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.ListAccountCompetitors(f.Other, acc.ID)
		wantCode(t, err, crm.ENOTFOUND)
		if l := must(f.Svc.ListAccountCompetitors(f.Ctx["finance"], acc.ID))(t); len(l) != 1 {
			t.Fatalf("finance reads %d presences", len(l))
		}
		_, err = f.Svc.UpdateAccountCompetitor(f.Ctx["finance"], acc.ID, p.ID, 1, crm.AccountCompetitorUpdate{Notes: ptr("x")})
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.UpdateAccountCompetitor(f.Ctx["sales2"], acc.ID, p.ID, 1, crm.AccountCompetitorUpdate{Notes: ptr("x")})
		wantCode(t, err, crm.ENOTFOUND)
		if l := must(f.Svc.CompetitorAccounts(f.Ctx["sales2"], k.ID, 0))(t); len(l) != 0 {
			t.Fatalf("sales2 sees presence at %d accounts", len(l))
		}
		if l := must(f.Svc.CompetitorAccounts(f.Ctx["manager"], k.ID, 0))(t); len(l) != 1 || l[0].AccountID != acc.ID {
			t.Fatalf("manager sees %+v", l)
		}

		p = must(f.Svc.UpdateAccountCompetitor(f.Ctx["manager"], acc.ID, p.ID, 1, crm.AccountCompetitorUpdate{Satisfaction: ptr(0), Notes: ptr("合同明年到期")}))(t)
		if p.Satisfaction != nil || p.Version != 2 || p.Notes != "合同明年到期" {
			t.Fatalf("updated = %+v", p)
		}
		h := must(f.Svc.History(ctx, crm.EntityAccount, acc.ID, "", 0))(t)
		fields := map[string]bool{}
		for _, c := range h.Items {
			fields[c.Field] = true
		}
		if !fields["competitor"] || !fields["competitor.施耐德.satisfaction"] || !fields["competitor.施耐德.notes"] {
			t.Fatalf("account history fields = %v", fields)
		}
		must(0, f.Svc.DeleteAccountCompetitor(ctx, acc.ID, p.ID))(t)
		if l := must(f.Svc.ListAccountCompetitors(ctx, acc.ID))(t); len(l) != 0 {
			t.Fatalf("deleted presence still listed")
		}
	})
}
