package store

import (
	"context"
	"fmt"
	"time"
)

// Tx is a write transaction. Now is the transaction's clock: every row it
// writes carries the same instant.
type Tx struct {
	Q
	Now time.Time
}

// maxAttempts bounds retries of a transaction that lost a race.
const maxAttempts = 5

// WithTx runs fn in a write transaction and commits it if fn returns nil.
// This is the one way to write: it retries fn from the start when the
// database reports a serialization failure, deadlock or busy lock, so fn
// must not have effects outside the transaction.
func (db *DB) WithTx(ctx context.Context, fn func(tx *Tx) error) error {
	var err error
	for attempt := 1; attempt <= maxAttempts; attempt++ {
		err = db.runTx(ctx, fn)
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

func (db *DB) runTx(ctx context.Context, fn func(tx *Tx) error) (err error) {
	sqlTx, err := db.write.BeginTx(ctx, nil)
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
	tx := &Tx{Q: Q{ex: sqlTx, d: db.dialect}, Now: Now()}
	if db.dialect.name == "sqlite" {
		// Statements prepared on the transaction close with it.
		tx.stmts = newStmtCache(sqlTx)
	}
	if err = fn(tx); err != nil {
		return err
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
