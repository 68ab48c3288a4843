package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"

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

// schema describes the database's tables, columns, indexes and
// constraints, to compare a schema after a bulk load with the migrated one.
func schema(t *testing.T, db *store.DB) []string {
	t.Helper()
	queries := []string{`SELECT type || ' ' || name || ' ' || tbl_name || ': ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name`}
	if db.Dialect() == "postgres" {
		queries = []string{
			`SELECT table_name || '.' || column_name || ' ' || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '')
				FROM information_schema.columns WHERE table_schema = current_schema() ORDER BY table_name, ordinal_position`,
			`SELECT indexname || ': ' || indexdef FROM pg_indexes WHERE schemaname = current_schema() ORDER BY indexname`,
			`SELECT conrelid::regclass::text || ' ' || conname || ': ' || pg_get_constraintdef(oid)
				FROM pg_constraint WHERE connamespace = current_schema()::regnamespace ORDER BY 1`,
			`SELECT attrelid::regclass::text || '.' || attname || ' statistics ' || attstattarget FROM pg_attribute
				WHERE attrelid IN (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace) AND attnum > 0 ORDER BY 1`,
		}
	}
	var out []string
	for _, q := range queries {
		rows, err := db.Read().QueryContext(context.Background(), q)
		if err != nil {
			t.Fatal(err)
		}
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		rows.Close()
	}
	if len(out) == 0 {
		t.Fatal("empty schema")
	}
	return out
}

func sameSchema(t *testing.T, got, want []string) {
	t.Helper()
	if !slices.Equal(got, want) {
		t.Errorf("schema after the bulk load differs from the migrated one:\n%s", diffLines(got, want))
	}
}

func diffLines(got, want []string) string {
	var b strings.Builder
	for _, s := range want {
		if !slices.Contains(got, s) {
			fmt.Fprintf(&b, "- %s\n", s)
		}
	}
	for _, s := range got {
		if !slices.Contains(want, s) {
			fmt.Fprintf(&b, "+ %s\n", s)
		}
	}
	return b.String()
}

// bulkAccounts inserts n accounts named after i in one bulk transaction;
// enough rows for COPY on PostgreSQL.
func bulkAccounts(t *testing.T, db *store.DB, ws string, n int) {
	t.Helper()
	ctx := context.Background()
	now := store.Now()
	err := db.WithBulkTx(ctx, func(tx *store.Tx) error {
		var rows []store.AccountRow
		var contacts []store.ContactRow
		for i := range n {
			a := &crm.Account{ID: store.NewID(), AccountFields: crm.AccountFields{Kind: crm.AccountOrganization,
				Name: fmt.Sprintf("恒泰精密机械 %d", i), Tags: []string{"t"}, Custom: map[string]any{"k": float64(i)},
				CreditLimit: &crm.Money{Amount: 100, Currency: "CNY"}},
				Meta: crm.Meta{Version: 1, CreatedAt: now, UpdatedAt: now}}
			rows = append(rows, store.NewAccountRow(a))
			c := &crm.Contact{ID: store.NewID(), ContactFields: crm.ContactFields{AccountID: a.ID, Name: fmt.Sprintf("张三 %d", i),
				Level: crm.LevelDecision, Function: crm.ContactFunction(crm.ContactFunctions[0]), Consent: crm.Consent{Email: true},
				PersonalProfile: &crm.PersonalProfile{Hometown: "深圳", Birthday: "1980-02-03"}},
				Meta: crm.Meta{Version: 1, CreatedAt: now, UpdatedAt: now}}
			contacts = append(contacts, store.NewContactRow(c))
		}
		if err := tx.InsertAccounts(ctx, ws, rows); err != nil {
			return err
		}
		return tx.InsertContacts(ctx, ws, contacts)
	})
	if err != nil {
		t.Fatal(err)
	}
}

func newWorkspace(t *testing.T, db *store.DB) string {
	t.Helper()
	ctx := context.Background()
	ws := store.NewID()
	err := db.WithTx(ctx, func(tx *store.Tx) error {
		return tx.CreateWorkspace(ctx, &crm.Workspace{ID: ws, Name: "W", Slug: "w", CreatedAt: store.Now()})
	})
	if err != nil {
		t.Fatal(err)
	}
	return ws
}

// searchCount counts the accounts and contacts that a search finds.
func searchCount(t *testing.T, db *store.DB, ws, q string) (accounts, contacts int) {
	t.Helper()
	ctx := context.Background()
	all := crm.Scope{WorkspaceID: ws, Level: crm.ScopeAll}
	a, err := db.Read().ListAccounts(ctx, all, crm.AccountFilter{Q: q, Limit: 200}, nil)
	if err != nil {
		t.Fatal(err)
	}
	c, err := db.Read().ListContacts(ctx, all, crm.ContactFilter{Q: q, Limit: 200}, nil)
	if err != nil {
		t.Fatal(err)
	}
	return len(a.Items), len(c.Items)
}

// TestBulkLoadKeepsSchemaAndSearch loads records with the indexes dropped
// and in bulk transactions (COPY on PostgreSQL, search entries written
// last on SQLite): the schema afterwards is the migrated one, and search
// finds every record.
func TestBulkLoadKeepsSchemaAndSearch(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		before := schema(t, db)
		ws := newWorkspace(t, db)
		err := db.WithoutIndexes(ctx, func() error {
			bulkAccounts(t, db, ws, 300)
			bulkAccounts(t, db, ws, 5)
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		sameSchema(t, schema(t, db), before)
		if a, c := searchCount(t, db, ws, "精密机械"); a != 200 || c != 0 {
			t.Errorf("search 精密机械: %d accounts, %d contacts; want a full page of accounts", a, c)
		}
		if a, c := searchCount(t, db, ws, "zs"); a != 0 || c != 200 {
			t.Errorf("search zs: %d accounts, %d contacts; want a full page of contacts", a, c)
		}
		if a, c := searchCount(t, db, ws, "恒泰精密机械 299"); a != 1 || c != 0 {
			t.Errorf("search for the last account of the COPY: %d accounts, %d contacts", a, c)
		}
		// 4 and 40-49 of the first load, 4 of the second.
		if a, c := searchCount(t, db, ws, "恒泰精密机械 4"); a != 12 || c != 0 {
			t.Errorf("search across both loads: %d accounts, %d contacts; want 12", a, c)
		}
	})
}

// TestOpenForLoadEndsInWAL loads a new SQLite file in bulk-load mode and
// checks that Close leaves it in WAL with the migrated schema and intact.
func TestOpenForLoadEndsInWAL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "new.db")
	db, err := store.OpenForLoad(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var mode string
	if err := db.Read().QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "memory" {
		t.Errorf("journal mode during the load: %q, %v", mode, err)
	}
	ws := newWorkspace(t, db)
	if err := db.WithoutIndexes(ctx, func() error { bulkAccounts(t, db, ws, 250); return nil }); err != nil {
		t.Fatal(err)
	}
	if err := db.Close(); err != nil {
		t.Fatal(err)
	}
	db, err = store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.Read().QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode after the load: %q, %v", mode, err)
	}
	var check string
	if err := db.Read().QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&check); err != nil || check != "ok" {
		t.Errorf("integrity check: %q, %v", check, err)
	}
	sameSchema(t, schema(t, db), schema(t, storetest.SQLite(t)))
	if a, c := searchCount(t, db, ws, "恒泰精密机械 249"); a != 1 || c != 0 {
		t.Errorf("search for the last account: %d accounts, %d contacts", a, c)
	}

	// An existing file is opened as Open does.
	db2, err := store.OpenForLoad(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db2.Close()
	if err := db2.Read().QueryRowContext(ctx, "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		t.Errorf("journal mode of an existing file: %q, %v", mode, err)
	}
}
