package service_test

import (
	"fmt"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestOpportunityMovesAlongThePipeline(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		stages := must(f.Svc.PipelineStages(ctx))(t)
		if len(stages) != 9 || stages[0].Key != "problem_recognition" || stages[7].Kind != crm.StageWon || stages[8].Kind != crm.StageLost {
			t.Fatalf("default stages = %+v", stages)
		}
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		o := must(f.Svc.CreateOpportunity(ctx, crm.OpportunityFields{AccountID: acc.ID, Name: " 新产线 ", Amount: 1_200_000_00,
			ExpectedClose: "2026-09-30", Problem: "产能不足"}))(t)
		if o.Name != "新产线" || o.Stage != "problem_recognition" || o.Probability != 5 || o.OwnerID != f.Users["sales"].ID ||
			o.TeamID != f.East || o.AccountName != "Acme" || o.Version != 1 {
			t.Fatalf("created = %+v", o)
		}

		// Moving on takes the stage's probability; won needs a reason.
		o = must(f.Svc.MoveOpportunity(ctx, o.ID, 1, crm.OpportunityMove{Stage: "proposal"}))(t)
		if o.Stage != "proposal" || o.Probability != 40 || o.Version != 2 {
			t.Fatalf("moved = %+v", o)
		}
		_, err := f.Svc.MoveOpportunity(ctx, o.ID, 2, crm.OpportunityMove{Stage: "won"})
		wantField(t, err, "win_loss_reason")
		_, err = f.Svc.MoveOpportunity(ctx, o.ID, 2, crm.OpportunityMove{Stage: "signed"})
		wantField(t, err, "stage")
		o = must(f.Svc.MoveOpportunity(ctx, o.ID, 2, crm.OpportunityMove{Stage: "won", WinLossReason: ptr("最佳性价比")}))(t)
		if o.StageKind != crm.StageWon || o.Probability != 100 || o.WinLossReason != "最佳性价比" {
			t.Fatalf("won = %+v", o)
		}
		// A closed opportunity reopens only into an open stage.
		_, err = f.Svc.MoveOpportunity(ctx, o.ID, 3, crm.OpportunityMove{Stage: "lost", WinLossReason: ptr("价格")})
		wantField(t, err, "stage")
		o = must(f.Svc.MoveOpportunity(ctx, o.ID, 3, crm.OpportunityMove{Stage: "supplier_selection"}))(t)
		if o.StageKind != crm.StageOpen || o.Version != 4 {
			t.Fatalf("reopened = %+v", o)
		}

		changes := must(f.Svc.StageChanges(ctx, o.ID))(t)
		var path []string
		for _, c := range changes {
			path = append(path, c.FromStage+">"+c.ToStage)
			if c.By != f.Users["sales"].ID || c.At.IsZero() {
				t.Errorf("change %+v", c)
			}
		}
		if want := ">problem_recognition proposal>won"; len(path) != 4 || path[0]+" "+path[2] != want || path[3] != "won>supplier_selection" {
			t.Errorf("stage changes = %v", path)
		}
		h := must(f.Svc.History(ctx, crm.EntityOpportunity, o.ID, "", 0))(t)
		stageEntries := 0
		for _, c := range h.Items {
			if c.Field == "stage" {
				stageEntries++
			}
		}
		if stageEntries != 3 {
			t.Errorf("history has %d stage entries, want 3: %+v", stageEntries, h.Items)
		}

		// A stale version writes nothing.
		_, err = f.Svc.MoveOpportunity(ctx, o.ID, 3, crm.OpportunityMove{Stage: "order_routine"})
		wantCode(t, err, crm.ESTALE)
		_, err = f.Svc.UpdateOpportunity(ctx, o.ID, 1, crm.OpportunityUpdate{Amount: ptr(int64(5))})
		wantCode(t, err, crm.ESTALE)
		if got := must(f.Svc.GetOpportunity(ctx, o.ID))(t); got.Version != 4 || got.Stage != "supplier_selection" || got.Amount != 1_200_000_00 {
			t.Errorf("after stale writes = %+v", got)
		}
		if n := len(must(f.Svc.StageChanges(ctx, o.ID))(t)); n != 4 {
			t.Errorf("stale move recorded a change: %d", n)
		}
	})
}

func TestOpportunityValidationAndScopes(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		good := crm.OpportunityFields{AccountID: acc.ID, Name: "Deal", Amount: 100, ExpectedClose: "2026-09-30"}
		bad := func(field string, mod func(*crm.OpportunityFields)) {
			t.Helper()
			in := good
			mod(&in)
			_, err := f.Svc.CreateOpportunity(ctx, in)
			wantCode(t, err, crm.EINVALID)
			wantField(t, err, field)
		}
		bad("amount", func(in *crm.OpportunityFields) { in.Amount = crm.MaxAmount + 1 })
		bad("budget", func(in *crm.OpportunityFields) { b := crm.MaxAmount + 1; in.Budget = &b })
		bad("expected_close", func(in *crm.OpportunityFields) { in.ExpectedClose = "30.09.2026" })
		bad("stage", func(in *crm.OpportunityFields) { in.Stage = "nope" })
		bad("win_loss_reason", func(in *crm.OpportunityFields) { in.Stage = "lost" })
		bad("account_id", func(in *crm.OpportunityFields) {
			in.AccountID = must(f.Svc.CreateAccount(f.Ctx["salesSouth"], org("South", 2)))(t).ID
		})
		page := must(f.Svc.ListOpportunities(ctx, crm.OpportunityFilter{}))(t)
		if len(page.Items) != 0 {
			t.Fatalf("bad input wrote %d opportunities", len(page.Items))
		}

		o := must(f.Svc.CreateOpportunity(ctx, good))(t)
		_, err := f.Svc.GetOpportunity(f.Ctx["sales2"], o.ID)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.MoveOpportunity(f.Ctx["sales2"], o.ID, 1, crm.OpportunityMove{Stage: "proposal"})
		wantCode(t, err, crm.ENOTFOUND)
		must(f.Svc.GetOpportunity(f.Ctx["manager"], o.ID))(t)
		must(f.Svc.GetOpportunity(f.Ctx["finance"], o.ID))(t)
		_, err = f.Svc.MoveOpportunity(f.Ctx["finance"], o.ID, 1, crm.OpportunityMove{Stage: "proposal"})
		wantCode(t, err, crm.EFORBIDDEN)
		must(f.Svc.MoveOpportunity(f.Ctx["manager"], o.ID, 1, crm.OpportunityMove{Stage: "proposal"}))(t)

		// The board: sales2 sees nothing of it, the manager sees it in its
		// column with its totals.
		for label, want := range map[string]int64{"sales2": 0, "manager": 1, "sales": 1} {
			p := must(f.Svc.Pipeline(f.Ctx[label], crm.PipelineFilter{}))(t)
			for _, c := range p.Columns {
				if c.Stage.Key != "proposal" {
					continue
				}
				if c.Count != want || int64(len(c.Items)) != want {
					t.Errorf("%s: proposal column = %+v", label, c)
				}
				if want == 1 && (c.Amount != 100 || c.Weighted != 40) {
					t.Errorf("%s: totals = %d, %d", label, c.Amount, c.Weighted)
				}
			}
		}

		// Recycle bin.
		must(f.Svc.DeleteOpportunity(ctx, o.ID, 0), nil)
		if p := must(f.Svc.ListOpportunities(ctx, crm.OpportunityFilter{}))(t); len(p.Items) != 0 {
			t.Errorf("deleted opportunity still listed")
		}
		must(f.Svc.RestoreOpportunity(ctx, o.ID))(t)
		if p := must(f.Svc.ListOpportunities(ctx, crm.OpportunityFilter{Stage: "proposal", AccountID: acc.ID, Q: "dea"}))(t); len(p.Items) != 1 {
			t.Errorf("restored opportunity not listed: %+v", p.Items)
		}
	})
}

func TestPipelineColumnsPage(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		ctx := f.Ctx["sales"]
		acc := must(f.Svc.CreateAccount(ctx, org("Acme", 1)))(t)
		for i := range 25 {
			must(f.Svc.CreateOpportunity(ctx, crm.OpportunityFields{AccountID: acc.ID, Name: "D", Amount: crm.MaxAmount,
				ExpectedClose: crm.Date(fmt.Sprintf("2026-01-%02d", i+1))}))(t)
		}
		p := must(f.Svc.Pipeline(ctx, crm.PipelineFilter{}))(t)
		col := p.Columns[0]
		if col.Count != 25 || len(col.Items) != 20 || col.NextCursor == "" || col.Amount <= 0 {
			t.Fatalf("first column: count %d, items %d, cursor %q, amount %d", col.Count, len(col.Items), col.NextCursor, col.Amount)
		}
		rest := must(f.Svc.ListOpportunities(ctx, crm.OpportunityFilter{Stage: col.Stage.Key, Sort: "expected_close", Cursor: col.NextCursor}))(t)
		if len(rest.Items) != 5 || rest.Items[0].ExpectedClose < col.Items[19].ExpectedClose {
			t.Errorf("next page = %d items", len(rest.Items))
		}
	})
}

// The forecast adds up the visible open opportunities by month of expected
// close, weighted by probability; won and lost ones are left out.
func TestForecastByMonth(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		prob := func(p int) *int { return &p }
		add := func(owner, name, stage, closes string, amount int64, p int, reason string) {
			ctx := f.Ctx[owner]
			acc := must(f.Svc.CreateAccount(ctx, org(name, len(name)+int(amount%97))))(t)
			must(f.Svc.CreateOpportunity(ctx, crm.OpportunityFields{AccountID: acc.ID, Name: name, Stage: stage, Amount: amount,
				Probability: prob(p), ExpectedClose: crm.Date(closes), WinLossReason: reason}))(t)
		}
		next := fmt.Sprint(time.Now().Year() + 1) // a year that is certainly to come
		add("sales", "A", "proposal", next+"-01-05", 100_000_00, 40, "")
		add("sales", "B", "supplier_selection", next+"-01-28", 50_000_00, 60, "")
		add("sales", "C", "need_determination", next+"-03-01", 10_000_00, 10, "")
		add("sales", "D", "won", next+"-01-10", 999_000_00, 100, "best offer")
		add("sales", "E", "proposal", "2020-06-01", 20_000_00, 40, "")
		add("salesSouth", "F", "proposal", next+"-01-15", 70_000_00, 50, "")

		own := must(f.Svc.Forecast(f.Ctx["sales"], crm.PipelineFilter{}))(t)
		want := []crm.ForecastMonth{
			{Month: "2020-06", Count: 1, Amount: 20_000_00, Weighted: 8_000_00, Overdue: true},
			{Month: next + "-01", Count: 2, Amount: 150_000_00, Weighted: 70_000_00},
			{Month: next + "-03", Count: 1, Amount: 10_000_00, Weighted: 1_000_00},
		}
		if fmt.Sprint(own.Months) != fmt.Sprint(want) {
			t.Errorf("sales forecast = %+v, want %+v", own.Months, want)
		}
		all := must(f.Svc.Forecast(f.Ctx["admin"], crm.PipelineFilter{}))(t)
		if len(all.Months) != 3 || all.Months[1].Count != 3 || all.Months[1].Weighted != 105_000_00 {
			t.Errorf("admin forecast = %+v", all.Months)
		}
		south := must(f.Svc.Forecast(f.Ctx["salesSouth"], crm.PipelineFilter{}))(t)
		if len(south.Months) != 1 || south.Months[0].Amount != 70_000_00 {
			t.Errorf("salesSouth forecast = %+v", south.Months)
		}
	})
}
