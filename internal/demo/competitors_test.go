package demo_test

import (
	"context"
	"math"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/demo"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// TestDemoCompetition checks that the demo's competitors are valid, present
// at accounts, in play on every opportunity, closed ones included, and
// that some worksheets add up.
func TestDemoCompetition(t *testing.T) {
	auth.DefaultArgon2 = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := service.New(db)
		res, err := demo.Generate(ctx, db, svc, demo.Options{Accounts: 300, Seed: 5, NoOrders: true})
		if err != nil {
			t.Fatal(err)
		}
		sys := crm.NewContext(ctx, crm.SystemActor(res.Workspace.ID, ""))
		ks, err := svc.ListCompetitors(sys, crm.CompetitorFilter{})
		if err != nil || len(ks.Items) != res.Competitors || res.Competitors < 5 {
			t.Fatalf("competitors = %d of %d: %v", len(ks.Items), res.Competitors, err)
		}
		present := 0
		for _, k := range ks.Items {
			if err := k.Validate(); err != nil {
				t.Errorf("competitor %s: %v", k.Name, err)
			}
			ps, err := svc.CompetitorAccounts(sys, k.ID, 200)
			if err != nil {
				t.Fatal(err)
			}
			present += len(ps)
		}
		if present < 300/8 {
			t.Errorf("only %d presences", present)
		}
		rep, err := svc.WinLossByCompetitor(sys)
		if err != nil {
			t.Fatal(err)
		}
		var inPlay, closed int64
		for _, w := range rep.Competitors {
			inPlay += w.Won + w.Lost + w.Open
			closed += w.Won + w.Lost
		}
		if inPlay < int64(res.Opportunities) || closed == 0 {
			t.Errorf("in play on %d (of %d opportunities), %d closed", inPlay, res.Opportunities, closed)
		}
		opps, err := svc.ListOpportunities(sys, crm.OpportunityFilter{Limit: 200})
		if err != nil {
			t.Fatal(err)
		}
		scored := 0
		for _, o := range opps.Items {
			w, err := svc.DeliveredValue(sys, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			if w.Version == 0 {
				continue
			}
			scored++
			for _, r := range w.Rows {
				if !r.Scored || math.Round(r.DeliveredValue*10) != math.Round(r.TotalValue*10)-math.Round(r.TotalCost*10) {
					t.Errorf("worksheet row %+v", r)
				}
			}
		}
		if scored == 0 {
			t.Error("no worksheet was scored")
		}
	})
}
