package store

import (
	"context"
	"fmt"
	"math"
	"runtime"
	"slices"
	"strings"
	"sync/atomic"

	"github.com/guanxi-crm/guanxi/internal/search"
	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
)

// maxParams bounds the placeholders of one statement (SQLite allows
// 32,766, PostgreSQL 65,535).
const maxParams = 30000

// insertRows inserts rows into table with multi-row INSERT statements of up
// to 100 rows. One statement for many rows saves most of the per-statement
// cost of single-row inserts; the statements are prepared once per
// transaction and chunk size.
func (tx *Tx) insertRows(ctx context.Context, table string, cols []string, rows [][]any) error {
	if tx.conn != nil && len(rows) >= copyMinRows {
		return tx.copyRows(ctx, table, cols, rows)
	}
	per := min(100, maxParams/len(cols))
	tuple := "(" + placeholders(len(cols)) + ")"
	head := "INSERT INTO " + table + " (" + strings.Join(cols, ", ") + ") VALUES "
	for start := 0; start < len(rows); start += per {
		chunk := rows[start:min(start+per, len(rows))]
		args := make([]any, 0, len(chunk)*len(cols))
		for _, r := range chunk {
			if len(r) != len(cols) {
				return fmt.Errorf("insert into %s: row has %d values for %d columns", table, len(r), len(cols))
			}
			args = append(args, r...)
		}
		query := head + strings.TrimSuffix(strings.Repeat(tuple+", ", len(chunk)), ", ")
		if _, err := tx.ExecContext(ctx, query, args...); err != nil {
			return err
		}
	}
	return nil
}

// copyMinRows is the number of rows from which a bulk transaction on
// PostgreSQL inserts with COPY: it costs an extra round trip (pgx reads the
// column types first) but then streams the rows in binary, without SQL to
// parse or placeholders to bind.
const copyMinRows = 200

// copyRows inserts rows into table with COPY FROM STDIN in the
// transaction's connection.
func (tx *Tx) copyRows(ctx context.Context, table string, cols []string, rows [][]any) error {
	for _, r := range rows {
		if len(r) != len(cols) {
			return fmt.Errorf("insert into %s: row has %d values for %d columns", table, len(r), len(cols))
		}
	}
	return tx.conn.Raw(func(dc any) error {
		c, ok := dc.(*stdlib.Conn)
		if !ok {
			return fmt.Errorf("copy into %s: connection is a %T, not pgx", table, dc)
		}
		_, err := c.Conn().CopyFrom(ctx, pgx.Identifier{table}, cols, pgx.CopyFromRows(rows))
		if err != nil {
			return fmt.Errorf("copy into %s: %w", table, err)
		}
		return nil
	})
}

// tokenSet is the SET clause for the record's search tokens, on dialects
// that keep them in the row (see search.TokenColumn).
func (tx *Tx) tokenSet() string {
	if col := search.TokenColumn(tx.d.name); col != "" {
		return ", " + col + " = ?"
	}
	return ""
}

// withTokens returns set, the tokens if tokenSet added their placeholder,
// then where: the arguments of an UPDATE built with tokenSet.
func (tx *Tx) withTokens(set []any, tokens []string, where ...any) []any {
	if search.TokenColumn(tx.d.name) != "" {
		set = append(set, search.TokenValue(tokens))
	}
	return append(set, where...)
}

// BulkTables are the tables whose secondary indexes WithoutIndexes drops.
var bulkTables = []string{"accounts", "contacts", "history"}

// WithoutIndexes runs fn with the non-unique indexes of the record tables
// dropped and rebuilds them afterwards, whatever fn returns. Building an
// index once from sorted data is much cheaper than maintaining it row by
// row, so bulk loads of many thousands of records use this. The dropped
// definitions are first saved in deferred_indexes; if the process dies,
// the next Open rebuilds them. Unique indexes stay, so constraints hold
// throughout.
func (db *DB) WithoutIndexes(ctx context.Context, fn func() error) (err error) {
	var ddl map[string]string
	err = db.WithTx(ctx, func(tx *Tx) error {
		if ddl, err = tx.secondaryIndexes(ctx); err != nil {
			return err
		}
		for name, def := range ddl {
			if _, err := tx.ExecContext(ctx, "INSERT INTO deferred_indexes (name, ddl) VALUES (?, ?)", name, def); err != nil {
				return err
			}
			if _, err := tx.ExecContext(ctx, "DROP INDEX "+name); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return fmt.Errorf("drop indexes for bulk load: %w", err)
	}
	defer func() {
		if rerr := db.rebuildDeferredIndexes(context.WithoutCancel(ctx)); rerr != nil && err == nil {
			err = rerr
		}
		if err == nil && db.dialect.name == "postgres" {
			// Fresh statistics, or the planner guesses at the new rows
			// until autovacuum gets round to them (lists took seconds).
			// One table per connection, in parallel.
			err = db.parallel(ctx, bulkTables, func(table string) error {
				if _, err := db.write.ExecContext(ctx, "ANALYZE "+table); err != nil {
					return fmt.Errorf("analyze %s: %w", table, err)
				}
				return nil
			})
		}
	}()
	return fn()
}

// secondaryIndexes returns name -> CREATE INDEX statement of the
// non-unique indexes of bulkTables.
func (tx *Tx) secondaryIndexes(ctx context.Context) (map[string]string, error) {
	args := make([]any, len(bulkTables))
	for i, t := range bulkTables {
		args[i] = t
	}
	query := `SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (` + placeholders(len(args)) + `)`
	if tx.d.name == "postgres" {
		query = `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema() AND tablename IN (` + placeholders(len(args)) + `)`
	}
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[string]string{}
	for rows.Next() {
		var name, def string
		if err := rows.Scan(&name, &def); err != nil {
			return nil, err
		}
		if !strings.HasPrefix(strings.ToUpper(def), "CREATE UNIQUE") {
			out[name] = def
		}
	}
	return out, rows.Err()
}

// rebuildDeferredIndexes creates the indexes listed in deferred_indexes.
func (db *DB) rebuildDeferredIndexes(ctx context.Context) error {
	rows, err := db.write.QueryContext(ctx, "SELECT name, ddl FROM deferred_indexes ORDER BY name")
	if err != nil {
		return fmt.Errorf("read deferred indexes: %w", err)
	}
	pending := map[string]string{}
	for rows.Next() {
		var name, ddl string
		if err := rows.Scan(&name, &ddl); err != nil {
			rows.Close()
			return err
		}
		pending[name] = ddl
	}
	rows.Close()
	// GIN indexes take longest: start them first.
	names := make([]string, 0, len(pending))
	for name := range pending {
		names = append(names, name)
	}
	slices.SortFunc(names, func(a, b string) int {
		ga, gb := strings.Contains(pending[a], "USING gin"), strings.Contains(pending[b], "USING gin")
		if ga != gb {
			if ga {
				return -1
			}
			return 1
		}
		return strings.Compare(a, b)
	})
	return db.parallel(ctx, names, func(name string) error {
		ddl := pending[name]
		err := db.WithTx(ctx, func(tx *Tx) error {
			if tx.d.name == "postgres" {
				// GIN and B-tree builds sort in memory; PostgreSQL's default
				// 64 MB makes a million-row GIN build spill and crawl.
				if _, err := tx.ExecContext(ctx, "SET LOCAL maintenance_work_mem = '512MB'"); err != nil {
					return err
				}
			}
			if _, err := tx.ExecContext(ctx, ddl); err != nil {
				return err
			}
			_, err := tx.ExecContext(ctx, "DELETE FROM deferred_indexes WHERE name = ?", name)
			return err
		})
		if err != nil {
			return fmt.Errorf("rebuild index %s: %w", name, err)
		}
		return nil
	})
}

// parallel runs fn for each item, on PostgreSQL on one connection per
// core at a time (CREATE INDEX and ANALYZE of one table each use one
// server process), on SQLite one after the other (one writer). It returns
// the first error; items not started by then are skipped.
func (db *DB) parallel(ctx context.Context, items []string, fn func(string) error) error {
	workers := 1
	if db.dialect.name == "postgres" {
		workers = runtime.GOMAXPROCS(0)
	}
	work := make(chan string)
	errs := make(chan error, workers)
	var failed atomic.Bool
	for range workers {
		go func() {
			var first error
			for item := range work {
				if first != nil || failed.Load() {
					continue
				}
				if first = fn(item); first != nil {
					failed.Store(true)
				}
			}
			errs <- first
		}()
	}
	for _, item := range items {
		work <- item
	}
	close(work)
	var err error
	for range workers {
		if e := <-errs; e != nil && err == nil {
			err = e
		}
	}
	return err
}

// rowIDs gives new rows of table (accounts or contacts) their rid on
// SQLite, where the search index is keyed by it: the rids follow the
// largest in the table, which is what SQLite would pick, but known
// without reading each row back. It returns cols with "rid" added and
// appends the rids to values and docs. On PostgreSQL it returns cols.
func (tx *Tx) rowIDs(ctx context.Context, table string, cols []string, values [][]any, docs []search.Entry) ([]string, error) {
	if tx.d.name != "sqlite" || len(values) == 0 {
		return cols, nil
	}
	var last int64
	if err := tx.QueryRowContext(ctx, "SELECT coalesce(max(rid), 0) FROM "+table).Scan(&last); err != nil {
		return nil, fmt.Errorf("next %s rid: %w", table, err)
	}
	if last > math.MaxInt64-int64(len(values)) {
		return cols, nil // SQLite picks free rids itself; search looks them up
	}
	for i := range values {
		values[i] = append(values[i], last+1+int64(i))
		docs[i].RowID = last + 1 + int64(i)
	}
	return append(cols[:len(cols):len(cols)], "rid"), nil
}
