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

// Tables whose records are searchable. In SQLite each has an FTS5 side
// table "<table>_search" keyed by the record's rid; in PostgreSQL the
// record itself has a GIN-indexed text[] column search_tokens, written with
// the row (see TokenColumn).
var tables = map[string]bool{"accounts": true, "contacts": true}

// Execer runs statements; the store's query type satisfies it and turns
// ? placeholders into the dialect's own.
type Execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// TokenColumn returns the column of the record's own table that holds its
// tokens ("" when the dialect keeps them in a side table), for the store's
// INSERT and UPDATE statements; TokenValue is the value to write there.
func TokenColumn(dialect string) string {
	if dialect == Postgres {
		return "search_tokens"
	}
	return ""
}

// TokenValue is the column value of tokens for TokenColumn.
func TokenValue(tokens []string) any {
	if tokens == nil {
		return []string{}
	}
	return tokens
}

// Entry is one record's tokens. RowID is the record's rid on SQLite if
// the caller knows it (zero: look it up by ID).
type Entry struct {
	ID     string
	RowID  int64
	Tokens []string
}

// IndexNew stores the tokens of new records of table, in the caller's
// transaction, next to the records' insert.
func IndexNew(ctx context.Context, ex Execer, dialect, table, workspaceID string, entries []Entry) error {
	if !tables[table] {
		return fmt.Errorf("search: unknown table %q", table)
	}
	if dialect == Postgres {
		return nil // the tokens were written with the rows (TokenColumn)
	}
	for _, e := range entries {
		if e.RowID == 0 {
			if err := Index(ctx, ex, dialect, table, workspaceID, e.ID, e.Tokens, false); err != nil {
				return err
			}
			continue
		}
		if err := insertSQLite(ctx, ex, table, e.RowID, e.Tokens); err != nil {
			return fmt.Errorf("index %s %s: %w", table, e.ID, err)
		}
	}
	return nil
}

// Index stores the tokens of the record id of table. replace says the
// record may already have tokens (an update); new records skip the delete.
func Index(ctx context.Context, ex Execer, dialect, table, workspaceID, id string, tokens []string, replace bool) error {
	if !tables[table] {
		return fmt.Errorf("search: unknown table %q", table)
	}
	var err error
	switch dialect {
	case SQLite:
		err = indexSQLite(ctx, ex, table, workspaceID, id, tokens, replace)
	case Postgres:
		return nil // written with the row (TokenColumn)
	default:
		return fmt.Errorf("search: unknown dialect %q", dialect)
	}
	if err != nil {
		return fmt.Errorf("index %s %s: %w", table, id, err)
	}
	return nil
}

// indexSQLite writes FTS5 rows with single-row statements keyed by the
// record's rid. INSERT ... SELECT, OR REPLACE or multi-row VALUES would
// open a statement savepoint, and FTS5 flushes its pending index to disk at
// every savepoint, which made bulk loads several times slower.
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
	return insertSQLite(ctx, ex, table, rid, tokens)
}

func insertSQLite(ctx context.Context, ex Execer, table string, rid int64, tokens []string) error {
	_, err := ex.ExecContext(ctx, `INSERT INTO `+table+`_search(rowid, tokens) VALUES (?, ?)`, rid, strings.Join(tokens, " "))
	return err
}

// Plan is how a list query applies a search: From replaces the list's
// "table alias" source, Where restricts it, Args are Where's arguments.
type Plan struct {
	From  string
	Where string
	Args  []any
}

// SelectiveLimit is the number of token matches below which SQLite is made
// to start from the search index and sort the matches, rather than walk
// the sort index and test each row (which for a rare term at the end of
// the sort order reads the whole table).
var SelectiveLimit = 5000

// PlanSearch returns how to restrict alias (a row of table) to the records
// matching q. byIndexOrder says the list is sorted by relevance, which on
// SQLite is the search index's row order (alias "s"): then the index drives
// the query and it stops after one page. For other sorts SQLite first
// counts the token matches, up to SelectiveLimit, to pick the cheaper
// plan; PostgreSQL's planner has statistics on the GIN index and chooses by
// itself.
func PlanSearch(ctx context.Context, ex Execer, dialect, table, alias string, q Query, byIndexOrder bool) (Plan, error) {
	like := alias + `.search_text LIKE ? ESCAPE '\'`
	base := table + " " + alias
	if dialect != SQLite {
		if len(q.Tokens) == 0 {
			return Plan{From: base, Where: like, Args: []any{q.Like}}, nil
		}
		return Plan{From: base, Where: alias + `.search_tokens @> ? AND ` + like, Args: []any{q.Tokens, q.Like}}, nil
	}
	if len(q.Tokens) == 0 {
		// Too short to index; relevance order still needs the alias s.
		return Plan{From: base + ` JOIN ` + table + `_search s ON s.rowid = ` + alias + `.rid`, Where: like, Args: []any{q.Like}}, nil
	}
	quoted := make([]string, len(q.Tokens))
	for i, t := range q.Tokens {
		quoted[i] = `"` + t + `"`
	}
	match := strings.Join(quoted, " AND ")
	if byIndexOrder {
		return Plan{From: table + `_search s CROSS JOIN ` + base + ` ON ` + alias + `.rid = s.rowid`,
			Where: `s.` + table + `_search MATCH ? AND ` + like, Args: []any{match, q.Like}}, nil
	}
	var n int
	err := ex.QueryRowContext(ctx, fmt.Sprintf(`SELECT count(*) FROM (SELECT rowid FROM %s_search WHERE %s_search MATCH ? LIMIT %d)`,
		table, table, SelectiveLimit+1), match).Scan(&n)
	if err != nil {
		return Plan{}, fmt.Errorf("count search matches: %w", err)
	}
	if n <= SelectiveLimit {
		// CROSS JOIN fixes the join order in SQLite: search index first.
		return Plan{From: table + `_search s CROSS JOIN ` + base + ` ON ` + alias + `.rid = s.rowid`,
			Where: table + `_search MATCH ? AND ` + like, Args: []any{match, q.Like}}, nil
	}
	return Plan{From: base, Where: alias + `.rid IN (SELECT rowid FROM ` + table + `_search WHERE ` + table + `_search MATCH ?) AND ` + like,
		Args: []any{match, q.Like}}, nil
}
