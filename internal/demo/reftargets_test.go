package demo_test

import (
	"context"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/demo"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// TestDemoReferralsAndTargets checks that the demo has referral chains
// deeper than one hop and targets whose attainment is neither empty nor
// the same for everyone.
func TestDemoReferralsAndTargets(t *testing.T) {
	auth.DefaultArgon2 = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := service.New(db)
		now := time.Date(2026, 11, 20, 12, 0, 0, 0, time.UTC)
		res, err := demo.Generate(ctx, db, svc, demo.Options{Accounts: 120, Seed: 7, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		sys := crm.NewContext(ctx, crm.SystemActor(res.Workspace.ID, ""))
		first, err := svc.ListAccounts(sys, crm.AccountFilter{Limit: 200, Sort: "created_at"})
		if err != nil {
			t.Fatal(err)
		}
		deepest := 0
		for _, a := range first.Items {
			g, err := svc.ReferralGraph(sys, a.ID, 4)
			if err != nil {
				t.Fatal(err)
			}
			for _, n := range g.Nodes {
				deepest = max(deepest, n.Depth)
			}
		}
		if deepest < 2 {
			t.Errorf("the demo's referral chains are at most %d hops deep", deepest)
		}
		for _, period := range []string{"2026-11", "2026-10", "2026-Q4", "2026-Q3"} {
			att, err := svc.TargetAttainment(sys, period)
			if err != nil {
				t.Fatal(err)
			}
			percents := map[float64]bool{}
			for _, r := range att.Rows {
				if r.Percent != nil {
					percents[*r.Percent] = true
				}
			}
			if len(percents) < 2 && period == "2026-Q4" || len(percents) == 0 {
				t.Errorf("%s: attainment %v is not varied", period, percents)
			}
		}
	})
}
