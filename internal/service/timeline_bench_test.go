package service_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/demo"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// BenchmarkAccountTimeline10k: the East manager pages through the
// timeline of an account with 10,000 activities (plus its tasks, plans and
// stage moves), 30 items a page: the first page, and deep pages (past item
// 5,000) reached by cursor (target: p95 ≤ 20 ms per page). Runs on SQLite
// and, when a server is configured, on PostgreSQL.
func BenchmarkAccountTimeline10k(b *testing.B) {
	for _, dialect := range []struct {
		name string
		open func(testing.TB) *store.DB
	}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}} {
		b.Run(dialect.name, func(b *testing.B) {
			db := dialect.open(b)
			ctx, svc, account, cursors := timelineEnv(b, db, 10_000)
			b.Run("first", func(b *testing.B) {
				timed(b, func(int) error { return timelinePage(ctx, svc, account, "") })
			})
			b.Run("deep", func(b *testing.B) {
				deep := cursors[len(cursors)/2 : len(cursors)-1] // the last leads to a short page
				timed(b, func(i int) error { return timelinePage(ctx, svc, account, deep[i%len(deep)]) })
			})
		})
	}
}

const timelineBenchPage = 30

func timelinePage(ctx context.Context, svc *service.Service, account, cursor string) error {
	p, err := svc.Timeline(ctx, crm.EntityAccount, account, cursor, timelineBenchPage)
	if err == nil && len(p.Items) != timelineBenchPage {
		err = fmt.Errorf("page of %d items", len(p.Items))
	}
	return err
}

// timelineEnv makes a demo workspace (whose first accounts have a few
// activities each) and n activities on one East account, and returns the
// East manager's context, the account and the cursor of every page.
func timelineEnv(b *testing.B, db *store.DB, n int) (context.Context, *service.Service, string, []string) {
	b.Helper()
	ctx := context.Background()
	svc := service.New(db)
	res, err := demo.Generate(ctx, db, svc, demo.Options{Accounts: 2000, Seed: 1, NoOrders: true})
	if err != nil {
		b.Fatal(err)
	}
	a, err := svc.UserActor(ctx, "manager.east@example.com")
	if err != nil {
		b.Fatal(err)
	}
	mctx := crm.NewContext(ctx, a)
	accounts, err := svc.ListAccounts(mctx, crm.AccountFilter{Limit: 1})
	if err != nil || len(accounts.Items) == 0 {
		b.Fatalf("East accounts: %v", err)
	}
	acc := accounts.Items[0]
	now := store.Now()
	acts := make([]*crm.Activity, n)
	for i := range acts {
		at := now.Add(-time.Duration(i) * 17 * time.Minute)
		acts[i] = &crm.Activity{ID: store.NewID(), AccountID: acc.ID, Channel: crm.Channels[i%len(crm.Channels)], Direction: "outbound",
			Subject: fmt.Sprintf("跟进 %d", i), Notes: "沟通需求与时间表", OccurredAt: at, OwnerID: acc.OwnerID, TeamID: acc.TeamID,
			ContactIDs: []string{}, Meta: crm.Meta{Version: 1, CreatedAt: at, CreatedBy: acc.OwnerID, UpdatedAt: at, UpdatedBy: acc.OwnerID}}
	}
	err = db.WithBulkTx(ctx, func(tx *store.Tx) error {
		if err := tx.InsertActivities(ctx, res.Workspace.ID, acts); err != nil {
			return err
		}
		return tx.AnalyzeActivities(ctx) // as a bulk load does; autovacuum would, later
	})
	if err != nil {
		b.Fatal(err)
	}
	var cursors []string
	cursor := ""
	for {
		p, err := svc.Timeline(mctx, crm.EntityAccount, acc.ID, cursor, timelineBenchPage)
		if err != nil {
			b.Fatal(err)
		}
		if p.NextCursor == "" || len(p.Items) < timelineBenchPage {
			break
		}
		cursor = p.NextCursor
		cursors = append(cursors, cursor)
	}
	if len(cursors) < n/timelineBenchPage-1 {
		b.Fatalf("%d pages for %d activities", len(cursors), n)
	}
	return mctx, svc, acc.ID, cursors
}
