package store

import (
	"context"
	"database/sql"
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
}

// ExecContext runs a statement written with ? placeholders.
func (q *Q) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return q.ex.ExecContext(ctx, q.d.rebind(query), args...)
}

// QueryContext runs a query written with ? placeholders.
func (q *Q) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return q.ex.QueryContext(ctx, q.d.rebind(query), args...)
}

// QueryRowContext runs a one-row query written with ? placeholders.
func (q *Q) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return q.ex.QueryRowContext(ctx, q.d.rebind(query), args...)
}

// Dialect returns "sqlite" or "postgres".
func (q *Q) Dialect() string { return q.d.name }
