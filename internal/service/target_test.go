package service_test

import (
	"context"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestTargetPermissions(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		sales, south := f.Users["sales"].ID, f.Users["salesSouth"].ID
		put := func(who string, in crm.TargetInput) (*crm.Target, error) { return f.Svc.PutTarget(f.Ctx[who], in) }

		// Managers set people and teams within their teams.
		tg := must(put("manager", crm.TargetInput{Period: "2026-11", UserID: sales, Amount: 100_000_00}))(t)
		if tg.SubjectName != "sales" || tg.Version != 1 || tg.Currency != "CNY" {
			t.Fatalf("target = %+v", tg)
		}
		must(put("manager", crm.TargetInput{Period: "2026-Q4", TeamID: f.East, Amount: 900_000_00}))(t)
		tg = must(put("manager", crm.TargetInput{Period: "2026-11", UserID: sales, Amount: 120_000_00}))(t)
		if tg.Version != 2 || tg.Amount != 120_000_00 {
			t.Fatalf("changed target = %+v", tg)
		}
		// Outside their teams, bad periods and amounts: field errors, nothing written.
		for _, c := range []struct {
			in    crm.TargetInput
			field string
		}{
			{crm.TargetInput{Period: "2026-11", UserID: south, Amount: 1}, "user_id"},
			{crm.TargetInput{Period: "2026-11", TeamID: f.South, Amount: 1}, "team_id"},
			{crm.TargetInput{Period: "2026-13", UserID: sales, Amount: 1}, "period"},
			{crm.TargetInput{Period: "2026-Q5", UserID: sales, Amount: 1}, "period"},
			{crm.TargetInput{Period: "26-11", UserID: sales, Amount: 1}, "period"},
			{crm.TargetInput{Period: "2026-12", UserID: sales, Amount: -1}, "amount"},
			{crm.TargetInput{Period: "2026-12", UserID: sales, Amount: crm.MaxAmount + 1}, "amount"},
			{crm.TargetInput{Period: "2026-12", Amount: 1}, "user_id"},
			{crm.TargetInput{Period: "2026-12", UserID: sales, TeamID: f.East, Amount: 1}, "team_id"},
			{crm.TargetInput{Period: "2026-12", UserID: f.OtherAdmin.ID, Amount: 1}, "user_id"},
		} {
			_, err := put("manager", c.in)
			wantField(t, err, c.field)
		}
		_, err := put("sales", crm.TargetInput{Period: "2026-11", UserID: sales, Amount: 1})
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = put("finance", crm.TargetInput{Period: "2026-11", UserID: sales, Amount: 1})
		wantCode(t, err, crm.EFORBIDDEN)
		// Admins set anyone.
		must(put("admin", crm.TargetInput{Period: "2026-11", UserID: south, Amount: 50_000_00}))(t)
		must(put("admin", crm.TargetInput{Period: "2026-11", UserID: f.Users["sales2"].ID, Amount: 70_000_00}))(t)

		count := func(who string) int { return len(must(f.Svc.ListTargets(f.Ctx[who], crm.TargetFilter{}))(t)) }
		// admin: all 4; manager: sales, sales2, East; sales: own + East; sales2 teammates' person targets stay private.
		if got := count("admin"); got != 4 {
			t.Errorf("admin sees %d targets", got)
		}
		if got := count("manager"); got != 3 {
			t.Errorf("manager sees %d targets", got)
		}
		if got := count("sales"); got != 2 {
			t.Errorf("sales sees %d targets", got)
		}
		if got := count("salesSouth"); got != 1 {
			t.Errorf("salesSouth sees %d targets", got)
		}
		_, err = f.Svc.ListTargets(f.Ctx["viewer"], crm.TargetFilter{})
		wantCode(t, err, crm.EFORBIDDEN)
		if got := must(f.Svc.ListTargets(f.Other, crm.TargetFilter{}))(t); len(got) != 0 {
			t.Errorf("the other workspace sees %+v", got)
		}
		// Every change is in the target's history.
		list := must(f.Svc.ListTargets(f.Ctx["manager"], crm.TargetFilter{Period: "2026-11", UserID: sales}))(t)
		h := must(f.DB.Read().History(context.Background(), f.WS.ID, crm.EntityTarget, list[0].ID, "", 10))(t)
		if len(h.Items) != 3 || h.Items[0].Field != "amount" || h.Items[0].Old == "" {
			t.Errorf("history = %+v", h.Items)
		}
	})
}

// wonAt stores an opportunity of owner won at a given instant (its first
// stage change), the way an import would.
func wonAt(t *testing.T, f *servicetest.Fixture, owner string, team string, acc string, amount int64, at time.Time) *crm.Opportunity {
	o := &crm.Opportunity{ID: store.NewID(), AccountID: acc, Name: "Deal " + at.String(), Stage: "won", StageChangedAt: at, Amount: amount,
		Probability: 100, ExpectedClose: "2026-11-15", WinLossReason: "价格", OwnerID: owner, TeamID: team,
		Meta: crm.Meta{Version: 1, CreatedAt: at, UpdatedAt: at}}
	if err := f.DB.WithTx(context.Background(), func(tx *store.Tx) error {
		return tx.InsertOpportunities(context.Background(), f.WS.ID, []*crm.Opportunity{o})
	}); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestTargetAttainment(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		sales, sales2 := f.Users["sales"].ID, f.Users["sales2"].ID
		acc := must(f.Svc.CreateAccount(f.Ctx["sales"], org("Acme", 1)))(t)
		utc := func(s string) time.Time { return must(time.Parse(time.RFC3339Nano, s))(t) }
		// Period edges: won just inside and just outside November and Q4.
		wonAt(t, f, sales, f.East, acc.ID, 100, utc("2026-10-31T23:59:59.999999Z"))  // Oct, Q4
		wonAt(t, f, sales, f.East, acc.ID, 200, utc("2026-11-01T00:00:00Z"))         // Nov
		wonAt(t, f, sales, f.East, acc.ID, 400, utc("2026-11-30T23:59:59.999999Z"))  // Nov
		wonAt(t, f, sales, f.East, acc.ID, 800, utc("2026-12-01T00:00:00Z"))         // Dec, Q4
		wonAt(t, f, sales, f.East, acc.ID, 1600, utc("2026-09-30T23:59:59.999999Z")) // Q3
		wonAt(t, f, sales2, f.East, acc.ID, 3200, utc("2026-11-10T10:00:00Z"))       // Nov, sales2
		// Won then reopened: not won any more.
		reopened := wonAt(t, f, sales, f.East, acc.ID, 6400, utc("2026-11-11T10:00:00Z"))
		must(f.Svc.MoveOpportunity(f.Ctx["sales"], reopened.ID, 1, crm.OpportunityMove{Stage: "proposal"}))(t)
		// Won in November, deleted: not counted.
		gone := wonAt(t, f, sales, f.East, acc.ID, 12800, utc("2026-11-12T10:00:00Z"))
		if err := f.Svc.DeleteOpportunity(f.Ctx["sales"], gone.ID, 0); err != nil {
			t.Fatal(err)
		}

		must(f.Svc.PutTarget(f.Ctx["manager"], crm.TargetInput{Period: "2026-11", UserID: sales, Amount: 1000}))(t)
		must(f.Svc.PutTarget(f.Ctx["manager"], crm.TargetInput{Period: "2026-10", UserID: sales, Amount: 500}))(t)
		must(f.Svc.PutTarget(f.Ctx["manager"], crm.TargetInput{Period: "2026-Q4", UserID: sales, Amount: 3000}))(t)
		must(f.Svc.PutTarget(f.Ctx["manager"], crm.TargetInput{Period: "2026-11", TeamID: f.East, Amount: 2000}))(t)

		rows := func(who, period string) map[string]crm.AttainmentRow {
			att := must(f.Svc.TargetAttainment(f.Ctx[who], period))(t)
			m := map[string]crm.AttainmentRow{}
			for _, r := range att.Rows {
				m[r.Subject+":"+r.ID] = r
			}
			return m
		}
		nov := rows("manager", "2026-11")
		me := nov["user:"+sales]
		if me.Won != 600 || me.WonCount != 2 || *me.Target != 1000 || *me.Percent != 60 || *me.Gap != 400 || !me.Editable || me.MonthsTarget != nil {
			t.Errorf("sales in November = %+v", me)
		}
		if east := nov["team:"+f.East]; east.Won != 3800 || *east.Target != 2000 || *east.Percent != 190 || *east.Gap != 0 {
			t.Errorf("East in November = %+v", east)
		}
		if s2 := nov["user:"+sales2]; s2.Won != 3200 || s2.Target != nil || s2.Percent != nil {
			t.Errorf("sales2 in November = %+v", s2)
		}
		// The quarter shows its own target and the sum of its months' targets.
		q4 := rows("manager", "2026-Q4")["user:"+sales]
		if q4.Won != 1500 || *q4.Target != 3000 || q4.MonthsTarget == nil || *q4.MonthsTarget != 1500 || *q4.Percent != 50 {
			t.Errorf("sales in Q4 = %+v", q4)
		}
		// A sales rep sees themself and their team, not their teammate, and edits nothing.
		mine := rows("sales", "2026-11")
		if len(mine) != 2 || mine["user:"+sales].Editable || mine["team:"+f.East].Won != 3800 {
			t.Errorf("sales' own view = %+v", mine)
		}
		all := rows("admin", "2026-11")
		if south, ok := all["team:"+f.South]; !ok || south.Won != 0 {
			t.Errorf("admin's view of the South team = %+v (present %v)", south, ok)
		}
		// A parent team's attainment includes its sub-teams' wins: HQ
		// (East's parent) won what East won.
		var hq *crm.AttainmentRow
		for _, r := range all {
			if r.Subject == "team" && r.Name == "HQ" {
				hq = &r
			}
		}
		if hq == nil || hq.Won != 3800 || hq.WonCount != 3 {
			t.Errorf("HQ in November = %+v, want East's 3,800 from 3 deals", hq)
		}
		_, err := f.Svc.TargetAttainment(f.Ctx["manager"], "2026-11-01")
		wantField(t, err, "period")
		_, err = f.Svc.TargetAttainment(f.Ctx["warehouse"], "2026-11")
		wantCode(t, err, crm.EFORBIDDEN)
	})
}
