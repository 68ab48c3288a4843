package store_test

import (
	"context"
	"testing"

	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func indexCount(t *testing.T, db *store.DB) int {
	t.Helper()
	q := `SELECT count(*) FROM sqlite_master WHERE type = 'index' AND name = 'contacts_name'`
	if db.Dialect() == "postgres" {
		q = `SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexname = 'contacts_name'`
	}
	var n int
	if err := db.Read().QueryRowContext(context.Background(), q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestWithoutIndexesRebuildsThem(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if indexCount(t, db) != 1 {
			t.Fatal("contacts_name missing before the load")
		}
		err := db.WithoutIndexes(ctx, func() error {
			if indexCount(t, db) != 0 {
				t.Error("contacts_name still there during the load")
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if indexCount(t, db) != 1 {
			t.Error("contacts_name not rebuilt after the load")
		}
	})
}

func TestOpenRebuildsIndexesOfAnInterruptedLoad(t *testing.T) {
	ctx := context.Background()
	dsn := t.TempDir() + "/crash.db"
	db, err := store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	// Simulate a bulk load killed after dropping the index.
	var ddl string
	db.Read().QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE name = 'contacts_name'`).Scan(&ddl)
	err = db.WithTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO deferred_indexes (name, ddl) VALUES ('contacts_name', ?)`, ddl); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DROP INDEX contacts_name`)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = store.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if indexCount(t, db) != 1 {
		t.Error("Open did not rebuild the index of the interrupted load")
	}
}
