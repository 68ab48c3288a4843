package store

import (
	"context"
	"fmt"
	"strings"

	"github.com/guanxi-crm/guanxi/internal/search"
)

// maxParams bounds the placeholders of one statement (SQLite allows
// 32,766, PostgreSQL 65,535).
const maxParams = 30000

// insertRows inserts rows into table with multi-row INSERT statements of up
// to 100 rows. One statement for many rows saves most of the per-statement
// cost of single-row inserts; the statements are prepared once per
// transaction and chunk size.
func (tx *Tx) insertRows(ctx context.Context, table string, cols []string, rows [][]any) error {
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
			_, err = db.write.ExecContext(ctx, "ANALYZE "+strings.Join(bulkTables, ", "))
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
	for name, ddl := range pending {
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
	}
	return nil
}
