package store

import (
	"context"
	"embed"
	"fmt"
	"io/fs"

	"github.com/pressly/goose/v3"
)

//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrations embed.FS

// migrate brings the schema up to date. Each migration runs in its own
// transaction, so a failure leaves the schema at the last good version and
// stops start-up with the migration's name in the error.
func migrate(ctx context.Context, db *DB) error {
	sub, err := fs.Sub(migrations, "migrations/"+db.dialect.name)
	if err != nil {
		return err
	}
	gd := goose.DialectSQLite3
	if db.dialect.name == "postgres" {
		gd = goose.DialectPostgres
	}
	p, err := goose.NewProvider(gd, db.write, sub)
	if err != nil {
		return fmt.Errorf("prepare migrations: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate %s database: %w", db.dialect.name, err)
	}
	return nil
}
