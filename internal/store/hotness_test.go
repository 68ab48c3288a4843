package store_test

import (
	"context"
	"testing"

	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// SetHotness writes PostgreSQL's values a thousand per statement as two
// arrays: each account must get its own value, on both sides of a chunk
// boundary.
func TestSetHotnessWritesEachAccountsValue(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		ws := newWorkspace(t, db)
		bulkAccounts(t, db, ws, 1005)
		rows, err := db.Read().QueryContext(ctx, `SELECT id FROM accounts WHERE workspace_id = ?`, ws)
		if err != nil {
			t.Fatal(err)
		}
		want := map[string]int{}
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				t.Fatal(err)
			}
			want[id] = len(want)%97 + 1
		}
		if err := rows.Err(); err != nil {
			t.Fatal(err)
		}
		rows.Close()
		if len(want) != 1005 {
			t.Fatalf("%d accounts, want 1005", len(want))
		}
		if err := db.WithTx(ctx, func(tx *store.Tx) error { return tx.SetHotness(ctx, ws, want) }); err != nil {
			t.Fatal(err)
		}
		got := map[string]int{}
		rows, err = db.Read().QueryContext(ctx, `SELECT id, hotness FROM accounts WHERE workspace_id = ?`, ws)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			var h int
			if err := rows.Scan(&id, &h); err != nil {
				t.Fatal(err)
			}
			got[id] = h
		}
		for id, h := range want {
			if got[id] != h {
				t.Fatalf("account %s: hotness %d, want %d", id, got[id], h)
			}
		}
	})
}
