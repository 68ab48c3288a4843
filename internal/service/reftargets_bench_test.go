package service_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

var benchDialects = []struct {
	name string
	open func(testing.TB) *store.DB
}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}}

// BenchmarkTargetAttainment20k: the East manager's attainment table for a
// quarter when the workspace holds 20,000 opportunities won over the last
// year (plus the demo's 2,000 accounts and targets).
func BenchmarkTargetAttainment20k(b *testing.B) {
	for _, d := range benchDialects {
		b.Run(d.name, func(b *testing.B) {
			db := d.open(b)
			ctx, svc := pipelineEnv(b, db, 0)
			a := crm.ActorFrom(ctx)
			accounts, err := svc.ListAccounts(ctx, crm.AccountFilter{Limit: 200})
			if err != nil {
				b.Fatal(err)
			}
			rng := rand.New(rand.NewPCG(3, 4))
			now := store.Now()
			opps := make([]*crm.Opportunity, 20_000)
			for i := range opps {
				acc := accounts.Items[rng.IntN(len(accounts.Items))]
				at := now.Add(-time.Duration(rng.Int64N(int64(365 * 24 * time.Hour)))).Truncate(time.Microsecond)
				opps[i] = &crm.Opportunity{ID: store.NewID(), AccountID: acc.ID, Name: fmt.Sprintf("赢单 %d", i), Stage: "won",
					StageKind: crm.StageWon, StageChangedAt: at, Amount: int64(1+rng.IntN(500)) * 10_000_00, Probability: 100,
					ExpectedClose: crm.Date(at.Format(time.DateOnly)), WinLossReason: "价格", OwnerID: acc.OwnerID, TeamID: acc.TeamID,
					Meta: crm.Meta{Version: 1, CreatedAt: at, UpdatedAt: at}}
			}
			if err := db.WithTx(context.Background(), func(tx *store.Tx) error {
				return tx.InsertOpportunities(context.Background(), a.WorkspaceID, opps)
			}); err != nil {
				b.Fatal(err)
			}
			period := crm.QuarterOf(now.Format("2006-01"))
			timed(b, func(int) error {
				att, err := svc.TargetAttainment(ctx, period)
				if err == nil && len(att.Rows) == 0 {
					err = fmt.Errorf("no rows")
				}
				return err
			})
		})
	}
}

// BenchmarkReferralGraph2k: the graph (3 hops each way) and referred
// revenue of the root of a referral tree of 2,000 accounts, each
// referring up to three others, as the admin.
func BenchmarkReferralGraph2k(b *testing.B) {
	for _, d := range benchDialects {
		b.Run(d.name, func(b *testing.B) {
			db := d.open(b)
			mctx, svc := pipelineEnv(b, db, 0)
			ws := crm.ActorFrom(mctx).WorkspaceID
			sys := crm.NewContext(context.Background(), crm.SystemActor(ws, ""))
			var ids []string
			for cursor := ""; ; {
				page, err := svc.ListAccounts(sys, crm.AccountFilter{Limit: 200, Cursor: cursor, Sort: "created_at"})
				if err != nil {
					b.Fatal(err)
				}
				for _, a := range page.Items {
					ids = append(ids, a.ID)
				}
				if cursor = page.NextCursor; cursor == "" {
					break
				}
			}
			// Account i was referred by account (i-1)/3: a tree three wide.
			if err := db.WithTx(context.Background(), func(tx *store.Tx) error {
				for i := 1; i < len(ids); i++ {
					if err := tx.InsertReferral(context.Background(), ws, &crm.Referral{ID: store.NewID(), ReferrerAccountID: ids[(i-1)/3],
						ReferredAccountID: ids[i], ReferredOn: "2026-01-01"}); err != nil {
						return err
					}
				}
				return nil
			}); err != nil {
				b.Fatal(err)
			}
			timed(b, func(int) error {
				g, err := svc.ReferralGraph(sys, ids[0], 3)
				if err == nil && g.ReferredRevenue.DownstreamAccounts+g.ReferredRevenue.HiddenAccounts != len(ids)-1 {
					err = fmt.Errorf("walked %+v", g.ReferredRevenue)
				}
				return err
			})
		})
	}
}
