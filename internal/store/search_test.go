package store_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// TestSearchRelevanceAcrossTimeWindows checks that searches return the
// newest matches first and page through all of them, also when the
// matches are spread over years (PostgreSQL searches growing windows of
// creation time; SQLite reads its index backwards).
func TestSearchRelevanceAcrossTimeWindows(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ws := store.NewID()
		ages := []time.Duration{3000, 900, 400, 100, 20, 1} // days, oldest first
		now := store.Now()
		var want []string // newest first
		err := db.WithTx(ctx, func(tx *store.Tx) error {
			if err := tx.CreateWorkspace(ctx, &crm.Workspace{ID: ws, Name: "W", Slug: "w", CreatedAt: now}); err != nil {
				return err
			}
			var rows []store.AccountRow
			for i, age := range ages {
				created := now.Add(-age * 24 * time.Hour)
				a := &crm.Account{ID: store.NewID(), AccountFields: crm.AccountFields{Kind: crm.AccountIndividual, Name: fmt.Sprintf("张三 %d", i)},
					Meta: crm.Meta{Version: 1, CreatedAt: created, UpdatedAt: created}}
				rows = append(rows, store.NewAccountRow(a))
				want = append([]string{a.ID}, want...)
			}
			filler := &crm.Account{ID: store.NewID(), AccountFields: crm.AccountFields{Kind: crm.AccountIndividual, Name: "李四"},
				Meta: crm.Meta{Version: 1, CreatedAt: now, UpdatedAt: now}}
			return tx.InsertAccounts(ctx, ws, append(rows, store.NewAccountRow(filler)))
		})
		if err != nil {
			t.Fatal(err)
		}
		all := crm.Scope{WorkspaceID: ws, Level: crm.ScopeAll}
		for _, limit := range []int{1, 2, 4, 10} {
			var got []string
			cursor := ""
			for pages := 0; ; pages++ {
				page, err := db.Read().ListAccounts(ctx, all, crm.AccountFilter{Q: "zs", Limit: limit, Cursor: cursor}, nil)
				if err != nil {
					t.Fatal(err)
				}
				for _, a := range page.Items {
					got = append(got, a.ID)
				}
				if cursor = page.NextCursor; cursor == "" || pages > 20 {
					break
				}
			}
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("limit %d: got %d results %v, want newest first %v", limit, len(got), got, want)
			}
		}
	})
}
