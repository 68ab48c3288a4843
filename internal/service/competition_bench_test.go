package service_test

import (
	"fmt"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// BenchmarkWinLossByCompetitor20k: the East manager's win/loss report
// across competitors when the team holds 20,000 opportunities (a third
// won, a third lost with one of four reasons, a third open), each with
// one or two of eight competitors in play. Target: 200 ms.
func BenchmarkWinLossByCompetitor20k(b *testing.B) {
	for _, dialect := range []struct {
		name string
		open func(testing.TB) *store.DB
	}{{"sqlite", storetest.SQLite}, {"postgres", storetest.Postgres}} {
		b.Run(dialect.name, func(b *testing.B) {
			db := dialect.open(b)
			ctx, svc := pipelineEnv(b, db, 20_000)
			ws := crm.ActorFrom(ctx).WorkspaceID
			var ks []string
			for i := range 8 {
				k, err := svc.CreateCompetitor(ctx, crm.CompetitorFields{Name: fmt.Sprintf("对手 %d", i)})
				if err != nil {
					b.Fatal(err)
				}
				ks = append(ks, k.ID)
			}
			all := crm.Scope{WorkspaceID: ws, Level: crm.ScopeAll}
			reasons := []string{"价格", "交期", "关系", "技术"}
			err := db.WithTx(ctx, func(tx *store.Tx) error {
				cursor, n := "", 0
				for {
					page, err := tx.ListOpportunities(ctx, all, crm.OpportunityFilter{Limit: crm.MaxPageSize, Cursor: cursor, Sort: "created_at"})
					if err != nil {
						return err
					}
					for _, o := range page.Items {
						n++
						play := []string{ks[n%len(ks)]}
						if n%5 == 0 {
							play = append(play, ks[(n+3)%len(ks)])
						}
						for _, k := range play {
							if err := tx.AddOpportunityCompetitor(ctx, ws, &crm.OpportunityCompetitor{OpportunityID: o.ID, CompetitorID: k, AddedAt: o.CreatedAt}); err != nil {
								return err
							}
						}
						if stage := []string{"won", "lost", ""}[n%3]; stage != "" {
							if _, err := tx.ExecContext(ctx, `UPDATE opportunities SET stage = ?, win_loss_reason = ? WHERE workspace_id = ? AND id = ?`,
								stage, reasons[n%len(reasons)], ws, o.ID); err != nil {
								return err
							}
						}
					}
					if cursor = page.NextCursor; cursor == "" {
						return nil
					}
				}
			})
			if err != nil {
				b.Fatal(err)
			}
			timed(b, func(int) error {
				r, err := svc.WinLossByCompetitor(ctx)
				if err == nil && (len(r.Competitors) != len(ks) || r.Competitors[0].Won == 0) {
					err = fmt.Errorf("report = %+v", r.Competitors)
				}
				return err
			})
		})
	}
}
