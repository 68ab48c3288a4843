package store_test

import (
	"context"
	"testing"

	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// TestSQLiteIsDurable checks the pragmas every SQLite connection must run
// with: WAL, synchronous=FULL (2) and foreign keys on.
func TestSQLiteIsDurable(t *testing.T) {
	db := storetest.SQLite(t)
	ctx := context.Background()
	var mode string
	var sync, fk int
	q := db.Read()
	if err := q.QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if err := q.QueryRowContext(ctx, "PRAGMA synchronous").Scan(&sync); err != nil {
		t.Fatal(err)
	}
	if err := q.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if mode != "wal" || sync != 2 || fk != 1 {
		t.Errorf("journal_mode=%s synchronous=%d foreign_keys=%d, want wal, 2, 1", mode, sync, fk)
	}
}

// TestPostgresSearchIndexExists documents why search works on any
// PostgreSQL: tokens are ASCII hex, so no pg_trgm and no UTF-8 LC_CTYPE
// are needed; the GIN index over them must exist.
func TestPostgresSearchIndexExists(t *testing.T) {
	db := storetest.Postgres(t)
	var n int
	err := db.Read().QueryRowContext(context.Background(),
		`SELECT count(*) FROM pg_indexes WHERE schemaname = current_schema() AND indexdef LIKE '%USING gin (search_tokens)%'`).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	if n != 2 {
		t.Errorf("%d GIN search indexes, want 2 (accounts, contacts)", n)
	}
}
