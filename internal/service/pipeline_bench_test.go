package service_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/demo"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// BenchmarkPipelineBoard20k: the East manager's pipeline board (first 20
// cards, count, total and weighted amount of every column) when the team
// holds 20,000 open opportunities (target: 100 ms). Runs on SQLite and, when
// a server is configured, on PostgreSQL.
func BenchmarkPipelineBoard20k(b *testing.B) {
	for _, dialect := range []struct {
		name string
		open func(testing.TB) *store.DB
	}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}} {
		b.Run(dialect.name, func(b *testing.B) {
			db := dialect.open(b)
			ctx, svc := pipelineEnv(b, db, 20_000)
			timed(b, func(int) error {
				p, err := svc.Pipeline(ctx, crm.PipelineFilter{Limit: 20})
				if err == nil && len(p.Columns) == 0 {
					err = fmt.Errorf("empty board")
				}
				return err
			})
		})
	}
}

// pipelineEnv makes a demo workspace and n open opportunities on accounts
// of the East team, and returns the East manager's context.
func pipelineEnv(b *testing.B, db *store.DB, n int) (context.Context, *service.Service) {
	b.Helper()
	ctx := context.Background()
	svc := service.New(db)
	res, err := demo.Generate(ctx, db, svc, demo.Options{Accounts: 2000, Seed: 1, NoOrders: true, NoOpportunities: true})
	if err != nil {
		b.Fatal(err)
	}
	a, err := svc.UserActor(ctx, "manager.east@example.com")
	if err != nil {
		b.Fatal(err)
	}
	mctx := crm.NewContext(ctx, a)
	accounts, err := svc.ListAccounts(mctx, crm.AccountFilter{Limit: 200})
	if err != nil || len(accounts.Items) == 0 {
		b.Fatalf("East accounts: %v", err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	var open []crm.PipelineStage
	for _, st := range crm.DefaultStages {
		if !st.Kind.Closed() {
			open = append(open, st)
		}
	}
	now := store.Now()
	opps := make([]*crm.Opportunity, n)
	for i := range opps {
		acc := accounts.Items[rng.IntN(len(accounts.Items))]
		st := open[rng.IntN(len(open))]
		opps[i] = &crm.Opportunity{ID: store.NewID(), AccountID: acc.ID, Name: fmt.Sprintf("项目 %d", i), Stage: st.Key,
			StageKind: st.Kind, StageChangedAt: now, Amount: int64(1+rng.IntN(500)) * 10_000_00, Probability: st.Probability,
			ExpectedClose: crm.Date(now.AddDate(0, 0, rng.IntN(365)).Format(time.DateOnly)), OwnerID: acc.OwnerID,
			TeamID: acc.TeamID, Currency: crm.Currency,
			Meta: crm.Meta{Version: 1, CreatedAt: now, CreatedBy: acc.OwnerID, UpdatedAt: now, UpdatedBy: acc.OwnerID}}
	}
	err = db.WithTx(ctx, func(tx *store.Tx) error { return tx.InsertOpportunities(ctx, res.Workspace.ID, opps) })
	if err != nil {
		b.Fatal(err)
	}
	return mctx, svc
}
