package search

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// Dialect names, as the store reports them.
const (
	SQLite   = "sqlite"
	Postgres = "postgres"
)

// Tables whose records are searchable. Each has a side table
// "<table>_search" created by the store's migrations: in SQLite an FTS5
// table keyed by the record's rid, in PostgreSQL a table with a GIN-indexed
// text[] of tokens.
var tables = map[string]bool{"accounts": true, "contacts": true}

// Execer runs statements; the store's query type satisfies it and turns
// ? placeholders into the dialect's own.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Index stores the tokens of the record id of table. replace says the
// record may already have tokens (an update); new records skip the delete.
// It runs in the caller's transaction, next to the record's write.
func Index(ctx context.Context, ex Execer, dialect, table, workspaceID, id string, tokens []string, replace bool) error {
	if !tables[table] {
		return fmt.Errorf("search: unknown table %q", table)
	}
	var err error
	switch dialect {
	case SQLite:
		err = indexSQLite(ctx, ex, table, workspaceID, id, tokens, replace)
	case Postgres:
		_, err = ex.ExecContext(ctx, `INSERT INTO `+table+`_search(workspace_id, id, tokens)
			VALUES (?, ?, ?::text[])
			ON CONFLICT (workspace_id, id) DO UPDATE SET tokens = excluded.tokens`,
			workspaceID, id, pgArray(tokens))
	default:
		return fmt.Errorf("search: unknown dialect %q", dialect)
	}
	if err != nil {
		return fmt.Errorf("index %s %s: %w", table, id, err)
	}
	return nil
}

// indexSQLite writes FTS5 rows with single-row statements keyed by the
// record's rid. INSERT ... SELECT or OR REPLACE would open a statement
// savepoint, and FTS5 flushes its pending index to disk at every
// savepoint, which made bulk loads several times slower.
func indexSQLite(ctx context.Context, ex Execer, table, workspaceID, id string, tokens []string, replace bool) error {
	var rid int64
	if err := ex.QueryRowContext(ctx, `SELECT rid FROM `+table+` WHERE workspace_id = ? AND id = ?`, workspaceID, id).Scan(&rid); err != nil {
		return err
	}
	if replace {
		if _, err := ex.ExecContext(ctx, `DELETE FROM `+table+`_search WHERE rowid = ?`, rid); err != nil {
			return err
		}
	}
	_, err := ex.ExecContext(ctx, `INSERT INTO `+table+`_search(rowid, tokens) VALUES (?, ?)`, rid, strings.Join(tokens, " "))
	return err
}

// Clause returns a WHERE condition restricting alias (a row of table) to
// the records that match q, with its arguments.
func Clause(dialect, table, alias string, q Query) (string, []any) {
	like := alias + `.search_text LIKE ? ESCAPE '\'`
	if len(q.Tokens) == 0 {
		return like, []any{q.Like}
	}
	switch dialect {
	case SQLite:
		quoted := make([]string, len(q.Tokens))
		for i, t := range q.Tokens {
			quoted[i] = `"` + t + `"`
		}
		return alias + `.rid IN (SELECT rowid FROM ` + table + `_search WHERE ` + table + `_search MATCH ?) AND ` + like,
			[]any{strings.Join(quoted, " AND "), q.Like}
	default:
		return `(` + alias + `.workspace_id, ` + alias + `.id) IN (SELECT workspace_id, id FROM ` + table + `_search WHERE workspace_id = ` + alias + `.workspace_id AND tokens @> ?::text[]) AND ` + like,
			[]any{pgArray(q.Tokens), q.Like}
	}
}

// pgArray writes tokens as a PostgreSQL array literal. Tokens are hex, so
// they need no quoting.
func pgArray(tokens []string) string {
	return "{" + strings.Join(tokens, ",") + "}"
}
