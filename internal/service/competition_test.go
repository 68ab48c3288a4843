package service_test

import (
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestWinLossByCompetitor(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		siemens := must(f.Svc.CreateCompetitor(f.Ctx["admin"], crm.CompetitorFields{Name: "西门子"}))(t)
		abb := must(f.Svc.CreateCompetitor(f.Ctx["admin"], crm.CompetitorFields{Name: "ABB"}))(t)
		accounts := map[string]*crm.Account{}
		for i, who := range []string{"sales", "salesSouth"} {
			accounts[who] = must(f.Svc.CreateAccount(f.Ctx[who], org("Acct "+who, 10+i)))(t)
		}
		deal := func(who string, amount int64, stage, reason string, competitors ...string) {
			t.Helper()
			ctx := f.Ctx[who]
			o := must(f.Svc.CreateOpportunity(ctx, crm.OpportunityFields{AccountID: accounts[who].ID, Name: "Deal", Amount: amount, ExpectedClose: "2026-09-30"}))(t)
			for _, k := range competitors {
				must(f.Svc.AddOpportunityCompetitor(ctx, o.ID, k))(t)
			}
			if stage != "" {
				must(f.Svc.MoveOpportunity(ctx, o.ID, 1, crm.OpportunityMove{Stage: stage, WinLossReason: &reason}))(t)
			}
		}
		// sales (East): against Siemens won 2 (100 + 300), lost 3 (two on
		// price), one open (50); ABB lost 1. salesSouth: Siemens won 1 (1000).
		deal("sales", 100, "won", "技术方案", siemens.ID)
		deal("sales", 300, "won", "服务", siemens.ID, abb.ID)
		deal("sales", 70, "lost", "价格", siemens.ID)
		deal("sales", 80, "lost", "价格", siemens.ID)
		deal("sales", 90, "lost", "关系", siemens.ID)
		deal("sales", 50, "", "", siemens.ID)
		deal("sales", 20, "lost", "交期", abb.ID)
		deal("salesSouth", 1000, "won", "价格", siemens.ID)

		w := must(f.Svc.CompetitorWinLoss(f.Ctx["sales"], siemens.ID))(t)
		if w.Won != 2 || w.WonAmount != 400 || w.Lost != 3 || w.LostAmount != 240 || w.Open != 1 || w.OpenAmount != 50 {
			t.Fatalf("sales vs Siemens = %+v", w)
		}
		if w.WinRate == nil || *w.WinRate != 0.4 {
			t.Errorf("win rate = %v, want 0.4", w.WinRate)
		}
		if len(w.LossReasons) != 2 || w.LossReasons[0] != (crm.ReasonCount{Reason: "价格", Count: 2}) {
			t.Errorf("loss reasons = %+v", w.LossReasons)
		}
		// The admin sees every team; another workspace nothing.
		all := must(f.Svc.CompetitorWinLoss(f.Ctx["admin"], siemens.ID))(t)
		if all.Won != 3 || all.WonAmount != 1400 {
			t.Errorf("admin vs Siemens = %+v", all)
		}
		_, err := f.Svc.CompetitorWinLoss(f.Other, siemens.ID)
		wantCode(t, err, crm.ENOTFOUND)

		rep := must(f.Svc.WinLossByCompetitor(f.Ctx["sales"]))(t)
		if len(rep.Competitors) != 2 || rep.Competitors[0].CompetitorID != siemens.ID {
			t.Fatalf("report = %+v", rep.Competitors)
		}
		if a := rep.Competitors[1]; a.Won != 1 || a.Lost != 1 || a.LostAmount != 20 || *a.WinRate != 0.5 {
			t.Errorf("sales vs ABB = %+v", a)
		}
		if rep := must(f.Svc.WinLossByCompetitor(f.Ctx["sales2"]))(t); len(rep.Competitors) != 0 {
			t.Errorf("sales2 sees %+v", rep.Competitors)
		}
		if none := must(f.Svc.CompetitorWinLoss(f.Ctx["sales2"], abb.ID))(t); none.Won+none.Lost+none.Open != 0 || none.WinRate != nil {
			t.Errorf("sales2 vs ABB = %+v", none)
		}
	})
}

func TestCompetitorsInPlayAndTheDeliveredValueWorksheet(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		o := must(f.Svc.CreateOpportunity(ctx, crm.OpportunityFields{AccountID: acc.ID, Name: "产线", Amount: 100, ExpectedClose: "2026-09-30",
			Competitors: "西门子报价低"}))(t)
		siemens := must(f.Svc.CreateCompetitor(ctx, crm.CompetitorFields{Name: "西门子"}))(t)
		abb := must(f.Svc.CreateCompetitor(ctx, crm.CompetitorFields{Name: "ABB"}))(t)
		must(f.Svc.AddOpportunityCompetitor(ctx, o.ID, siemens.ID))(t)
		_, err := f.Svc.AddOpportunityCompetitor(ctx, o.ID, siemens.ID)
		wantCode(t, err, crm.ECONFLICT)
		_, err = f.Svc.AddOpportunityCompetitor(f.Ctx["finance"], o.ID, abb.ID)
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.AddOpportunityCompetitor(f.Ctx["sales2"], o.ID, abb.ID)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.ListOpportunityCompetitors(f.Other, o.ID)
		wantCode(t, err, crm.ENOTFOUND)
		if l := must(f.Svc.ListOpportunityCompetitors(f.Ctx["manager"], o.ID))(t); len(l) != 1 || l[0].CompetitorName != "西门子" {
			t.Fatalf("in play = %+v", l)
		}

		w := must(f.Svc.DeliveredValue(ctx, o.ID))(t)
		if w.Version != 0 || len(w.Rows) != 2 || w.Rows[0].Party != crm.PartyUs || w.Rows[1].Scored {
			t.Fatalf("empty worksheet = %+v", w)
		}
		us := crm.ValueScores{Product: 8, Service: 9, Personnel: 7.5, Image: 6, Money: 7, Time: 3, Energy: 2.5, Psychic: 2}
		them := crm.ValueScores{Product: 8.5, Service: 6, Personnel: 6, Image: 9, Money: 5, Time: 5, Energy: 4, Psychic: 3}
		in := crm.WorksheetInput{Rows: []crm.ValueRowInput{{ValueScores: us}, {CompetitorID: siemens.ID, ValueScores: them}}}

		// Refusals write nothing: a competitor not in play, a score out of
		// range or with two decimals, a stale version, a reader.
		bad := in
		bad.Rows = append(append([]crm.ValueRowInput{}, in.Rows...), crm.ValueRowInput{CompetitorID: abb.ID, ValueScores: them})
		_, err = f.Svc.SaveDeliveredValue(ctx, o.ID, bad)
		wantCode(t, err, crm.EINVALID)
		wantField(t, err, "rows[2].competitor_id")
		bad.Rows = []crm.ValueRowInput{{ValueScores: crm.ValueScores{Product: 11}}}
		_, err = f.Svc.SaveDeliveredValue(ctx, o.ID, bad)
		wantField(t, err, "rows[0].product")
		bad.Rows = []crm.ValueRowInput{{ValueScores: crm.ValueScores{Money: 2.25}}}
		_, err = f.Svc.SaveDeliveredValue(ctx, o.ID, bad)
		wantField(t, err, "rows[0].money")
		stale := in
		stale.Version = 3
		_, err = f.Svc.SaveDeliveredValue(ctx, o.ID, stale)
		wantCode(t, err, crm.ESTALE)
		_, err = f.Svc.SaveDeliveredValue(f.Ctx["viewer"], o.ID, in)
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.SaveDeliveredValue(f.Other, o.ID, in)
		wantCode(t, err, crm.ENOTFOUND)
		if w := must(f.Svc.DeliveredValue(ctx, o.ID))(t); w.Version != 0 || w.Rows[0].Scored {
			t.Fatalf("refusals wrote %+v", w)
		}

		w = must(f.Svc.SaveDeliveredValue(ctx, o.ID, in))(t)
		want := func(r crm.ValueRow, value, cost, delivered float64) {
			t.Helper()
			if !r.Scored || r.TotalValue != value || r.TotalCost != cost || r.DeliveredValue != delivered {
				t.Errorf("row %s = %+v, want %v - %v = %v", r.Party, r, value, cost, delivered)
			}
		}
		if w.Version != 1 || len(w.Rows) != 2 {
			t.Fatalf("saved = %+v", w)
		}
		want(w.Rows[0], 30.5, 14.5, 16)
		want(w.Rows[1], 29.5, 17, 12.5)
		read := must(f.Svc.DeliveredValue(f.Ctx["finance"], o.ID))(t)
		want(read.Rows[0], 30.5, 14.5, 16)
		if read.Rows[0].Scores.Personnel != 7.5 {
			t.Errorf("scores read back = %+v", read.Rows[0].Scores)
		}
		h := must(f.Svc.History(ctx, crm.EntityOpportunity, o.ID, "", 0))(t)
		fields := map[string]bool{}
		for _, c := range h.Items {
			fields[c.Field] = true
		}
		if !fields["delivered_value.us.product"] || !fields["delivered_value.西门子.money"] || !fields["competitor_in_play"] {
			t.Errorf("opportunity history fields = %v", fields)
		}

		// Out of play takes the row with it; the free-text notes stay.
		must(0, f.Svc.RemoveOpportunityCompetitor(ctx, o.ID, siemens.ID))(t)
		w = must(f.Svc.DeliveredValue(ctx, o.ID))(t)
		if len(w.Rows) != 1 || w.Version != 1 {
			t.Fatalf("after removal = %+v", w)
		}
		must(f.Svc.AddOpportunityCompetitor(ctx, o.ID, siemens.ID))(t)
		if w = must(f.Svc.DeliveredValue(ctx, o.ID))(t); w.Rows[1].Scored {
			t.Errorf("the old row came back: %+v", w.Rows[1])
		}
		if o := must(f.Svc.GetOpportunity(ctx, o.ID))(t); o.Competitors != "西门子报价低" {
			t.Errorf("notes = %q", o.Competitors)
		}
	})
}
