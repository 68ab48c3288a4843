package store

import (
	"context"
	"database/sql"
	"sync"
)

// executor is what *sql.DB and *sql.Tx have in common.
type executor interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Q runs queries in one dialect, on a pool or inside a transaction. The
// record methods (GetAccount, ListContacts, ...) hang off it so that the
// same code reads inside and outside transactions.
type Q struct {
	ex executor
	d  dialect
	// stmts caches prepared statements (SQLite only; pgx caches its own):
	// one cache for the read pool, and one per write transaction, since
	// the single write connection is busy with the transaction and cannot
	// prepare for the pool meanwhile.
	stmts *stmtCache
}

// stmt returns a cached prepared statement for query, or nil to run the
// query unprepared.
func (q *Q) stmt(ctx context.Context, query string) *sql.Stmt {
	if q.stmts == nil {
		return nil
	}
	return q.stmts.get(ctx, query)
}

// ExecContext runs a statement written with ? placeholders.
func (q *Q) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	query = q.d.rebind(query)
	if s := q.stmt(ctx, query); s != nil {
		return s.ExecContext(ctx, args...)
	}
	return q.ex.ExecContext(ctx, query, args...)
}

// QueryContext runs a query written with ? placeholders.
func (q *Q) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	query = q.d.rebind(query)
	if s := q.stmt(ctx, query); s != nil {
		return s.QueryContext(ctx, args...)
	}
	return q.ex.QueryContext(ctx, query, args...)
}

// QueryRowContext runs a one-row query written with ? placeholders.
func (q *Q) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	query = q.d.rebind(query)
	if s := q.stmt(ctx, query); s != nil {
		return s.QueryRowContext(ctx, args...)
	}
	return q.ex.QueryRowContext(ctx, query, args...)
}

// Dialect returns "sqlite" or "postgres".
func (q *Q) Dialect() string { return q.d.name }

// preparer is a pool or a transaction.
type preparer interface {
	PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
}

// stmtCache keeps prepared statements per query text. SQLite
// spends a large share of a simple insert or lookup compiling the SQL;
// reusing compiled statements removes that. The cache is bounded: list
// queries vary with their filters, so it is cleared when it grows past
// maxStmts.
type stmtCache struct {
	db preparer
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

const maxStmts = 500

func newStmtCache(db preparer) *stmtCache {
	return &stmtCache{db: db, m: map[string]*sql.Stmt{}}
}

func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	c.mu.Lock()
	defer c.mu.Unlock()
	if s, ok := c.m[query]; ok {
		return s
	}
	if len(c.m) >= maxStmts {
		for _, s := range c.m {
			s.Close()
		}
		clear(c.m)
	}
	s, err := c.db.PrepareContext(ctx, query)
	if err != nil {
		return nil // let the unprepared path report the error
	}
	c.m[query] = s
	return s
}

func (c *stmtCache) close() {
	if c == nil {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, s := range c.m {
		s.Close()
	}
	clear(c.m)
}
