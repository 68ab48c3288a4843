package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/internal/search"
)

// Tx is a write transaction. Now is the transaction's clock: every row it
// writes carries the same instant.
type Tx struct {
	Q
	Now time.Time
	// bulk is set by WithBulkTx; pending are then the search entries of
	// new records (SQLite), written when fn has returned.
	bulk    bool
	pending []pendingSearch
	// conn is the transaction's connection on PostgreSQL in a bulk
	// transaction, for COPY.
	conn *sql.Conn
}

type pendingSearch struct {
	table, workspace string
	entries          []search.Entry
}

// maxAttempts bounds retries of a transaction that lost a race.
const maxAttempts = 5

// WithTx runs fn in a write transaction and commits it if fn returns nil.
// This is the one way to write: it retries fn from the start when the
// database reports a serialization failure, deadlock or busy lock, so fn
// must not have effects outside the transaction.
func (db *DB) WithTx(ctx context.Context, fn func(tx *Tx) error) error {
	return db.withTx(ctx, false, fn)
}

// WithBulkTx is WithTx for loading many new records at once. On SQLite
// the search entries of new records are written after everything else fn
// does: any multi-row statement opens a statement savepoint, at which
// FTS5 flushes its pending entries into a new small segment that it must
// merge later, so interleaving them cost more than the inserts themselves.
// A search inside fn does not see the records fn inserted. On PostgreSQL
// large inserts use COPY.
func (db *DB) WithBulkTx(ctx context.Context, fn func(tx *Tx) error) error {
	return db.withTx(ctx, true, fn)
}

func (db *DB) withTx(ctx context.Context, bulk bool, fn func(tx *Tx) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		err = db.runTx(ctx, bulk, fn)
		if err == nil || !isRetryable(err) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(attempt*attempt) * 10 * time.Millisecond):
		}
	}
	return fmt.Errorf("transaction failed after %d attempts: %w", maxAttempts, err)
}

func (db *DB) runTx(ctx context.Context, bulk bool, fn func(tx *Tx) error) (err error) {
	var conn *sql.Conn
	if bulk && db.dialect.name == "postgres" {
		if conn, err = db.write.Conn(ctx); err != nil {
			return fmt.Errorf("begin: %w", err)
		}
		defer conn.Close()
	}
	var sqlTx *sql.Tx
	if conn != nil {
		sqlTx, err = conn.BeginTx(ctx, nil)
	} else {
		sqlTx, err = db.write.BeginTx(ctx, nil)
	}
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer func() {
		if p := recover(); p != nil {
			sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			sqlTx.Rollback()
		}
	}()
	tx := &Tx{Q: Q{ex: sqlTx, d: db.dialect}, Now: Now(), bulk: bulk, conn: conn}
	if db.dialect.name == "sqlite" {
		// Statements prepared on the transaction close with it.
		tx.stmts = newStmtCache(sqlTx)
	}
	if err = fn(tx); err != nil {
		return err
	}
	for _, p := range tx.pending {
		if err = search.IndexNew(ctx, tx, tx.d.name, p.table, p.workspace, p.entries); err != nil {
			return err
		}
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Now returns the current UTC time at microsecond precision, the precision
// PostgreSQL keeps, so that a value read back equals the value written.
func Now() time.Time {
	return time.Now().UTC().Truncate(time.Microsecond)
}

// indexNew writes the search entries of new records of table, or in a
// bulk transaction on SQLite queues them for the end of it.
func (tx *Tx) indexNew(ctx context.Context, table, ws string, entries []search.Entry) error {
	if tx.bulk && tx.d.name == "sqlite" {
		tx.pending = append(tx.pending, pendingSearch{table, ws, entries})
		return nil
	}
	return search.IndexNew(ctx, tx, tx.d.name, table, ws, entries)
}
