// Package store keeps Guanxi's records in SQLite or PostgreSQL through
// database/sql, with hand-written SQL shared by both dialects and split
// only where they differ (DDL in migrations/, search in internal/search,
// a few expressions in dialect.go).
//
// Every query that reads or writes business records takes a crm.Scope and
// adds its workspace and record-scope conditions itself, so a caller cannot
// forget them.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib"
	_ "modernc.org/sqlite" // registers "sqlite"
)

// DB is an open, migrated database.
type DB struct {
	dialect dialect
	// write serialises writers. On SQLite it has one connection, so writes
	// queue in Go instead of failing with SQLITE_BUSY; on PostgreSQL it is
	// the same pool as read.
	write *sql.DB
	read  *sql.DB
	// readStmts caches prepared read statements (SQLite only).
	readStmts *stmtCache
	// loading is the path of a new SQLite file opened by OpenForLoad,
	// which Close makes durable and switches to WAL.
	loading string
}

// Open connects to the database named by dsn and migrates it to the
// current schema. A dsn starting with postgres:// or postgresql:// is
// PostgreSQL; anything else is a SQLite file path (or a file: URI).
func Open(ctx context.Context, dsn string) (*DB, error) {
	return openMigrated(ctx, dsn, false)
}

// OpenForLoad is Open for filling a new database with a bulk load (the
// demo generator). If dsn names a SQLite file that does not exist yet,
// the file is created and written without a rollback journal on disk and
// without fsync (journal_mode=MEMORY, synchronous=OFF) and with a larger
// page cache until Close, which syncs it to disk and switches it to WAL
// with synchronous=FULL, the settings of Open. A transaction that fails
// still rolls back, but if the process or machine dies before Close the
// file may be corrupt: delete it and load again. An existing SQLite file
// and PostgreSQL are opened as Open does.
func OpenForLoad(ctx context.Context, dsn string) (*DB, error) {
	if IsPostgres(dsn) {
		return Open(ctx, dsn)
	}
	path, err := sqlitePath(dsn)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(path); !errors.Is(err, fs.ErrNotExist) {
		return Open(ctx, dsn)
	}
	db, err := openMigrated(ctx, dsn, true)
	if err != nil {
		return nil, err
	}
	db.loading = path
	return db, nil
}

func openMigrated(ctx context.Context, dsn string, load bool) (*DB, error) {
	db, err := open(dsn, load)
	if err != nil {
		return nil, err
	}
	if err := db.read.PingContext(ctx); err != nil {
		db.Close()
		return nil, fmt.Errorf("connect to %s database: %w", db.dialect.name, err)
	}
	if err := migrate(ctx, db); err != nil {
		db.Close()
		return nil, err
	}
	// A bulk load cut short left indexes to rebuild.
	if err := db.rebuildDeferredIndexes(ctx); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database.
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// sqlitePath is the file path of a SQLite dsn.
func sqlitePath(dsn string) (string, error) {
	path := strings.TrimPrefix(dsn, "file:")
	if i := strings.IndexByte(path, '?'); i >= 0 {
		path = path[:i]
	}
	if path == "" || path == ":memory:" {
		return "", fmt.Errorf("sqlite needs a file path (WAL does not work in memory)")
	}
	return path, nil
}

func open(dsn string, load bool) (*DB, error) {
	if IsPostgres(dsn) {
		cfg, err := pgx.ParseConfig(dsn)
		if err != nil {
			return nil, fmt.Errorf("open postgres: %w", err)
		}
		// JIT compilation pays off for long analytical queries; for a CRM's
		// short indexed queries it only adds 50-200 ms when the planner's
		// cost estimate crosses jit_above_cost.
		if _, set := cfg.RuntimeParams["jit"]; !set {
			cfg.RuntimeParams["jit"] = "off"
		}
		pool := stdlib.OpenDB(*cfg)
		pool.SetMaxOpenConns(32)
		pool.SetMaxIdleConns(32)
		pool.SetConnMaxIdleTime(5 * time.Minute)
		return &DB{dialect: postgres, write: pool, read: pool}, nil
	}
	path, err := sqlitePath(dsn)
	if err != nil {
		return nil, err
	}
	// WAL lets readers run beside the writer; synchronous=FULL makes every
	// commit durable across power loss, not just process crashes.
	// A 64 MiB page cache per connection keeps the hot parts of the
	// indexes in memory; the default 2,000 pages is small for a CRM.
	pragmas := []string{"journal_mode(WAL)", "synchronous(FULL)", "foreign_keys(1)", "busy_timeout(10000)", "cache_size(-65536)"}
	if load {
		// See OpenForLoad. The journal stays in memory so that rollback
		// works; pages a transaction appends to the file are not journaled
		// at all. The cache holds the B-tree pages that inserts keep
		// revisiting and lets index builds sort in memory; with two sorter
		// threads SQLite may sort a large index on both cores.
		pragmas = []string{"journal_mode(MEMORY)", "synchronous(OFF)", "foreign_keys(1)", "busy_timeout(10000)", "cache_size(-1048576)", "threads(2)"}
	}
	params := url.Values{}
	for _, p := range pragmas {
		params.Add("_pragma", p)
	}
	params.Set("_time_format", "sqlite")
	writeParams := url.Values{}
	for k, v := range params {
		writeParams[k] = v
	}
	writeParams.Set("_txlock", "immediate")
	write, err := sql.Open("sqlite", "file:"+path+"?"+writeParams.Encode())
	if err != nil {
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	read, err := sql.Open("sqlite", "file:"+path+"?"+params.Encode())
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite: %w", err)
	}
	n := max(4, 2*runtime.NumCPU())
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	return &DB{dialect: sqlite, write: write, read: read, readStmts: newStmtCache(read)}, nil
}

// Close closes the database. After OpenForLoad created a SQLite file, it
// also syncs the file to disk and switches it to WAL.
func (db *DB) Close() error {
	db.readStmts.close()
	err := db.write.Close()
	if db.read != db.write {
		if e := db.read.Close(); err == nil {
			err = e
		}
	}
	if err == nil && db.loading != "" {
		err = finishLoad(db.loading)
	}
	return err
}

// finishLoad makes a file written by OpenForLoad durable and puts it in
// the journal mode Open expects.
func finishLoad(path string) error {
	if err := syncPath(path); err != nil {
		return err
	}
	db, err := open(path, false)
	if err != nil {
		return err
	}
	defer db.Close()
	// Opening a connection sets journal_mode=WAL, durably (synchronous=FULL).
	if err := db.write.PingContext(context.Background()); err != nil {
		return fmt.Errorf("switch %s to WAL: %w", path, err)
	}
	var mode string
	if err := db.write.QueryRowContext(context.Background(), "PRAGMA journal_mode").Scan(&mode); err != nil || mode != "wal" {
		return fmt.Errorf("switch %s to WAL: journal mode %q (%v)", path, mode, err)
	}
	// The file is new: its directory entry must reach the disk too.
	return syncPath(filepath.Dir(path))
}

func syncPath(path string) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil {
		return fmt.Errorf("sync %s: %w", path, err)
	}
	return nil
}

// Dialect returns "sqlite" or "postgres".
func (db *DB) Dialect() string { return db.dialect.name }

// Ping checks that the database answers, for /healthz.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// Read returns a query handle on the read pool, for reads outside a
// transaction.
func (db *DB) Read() *Q {
	return &Q{ex: db.read, d: db.dialect, stmts: db.readStmts}
}
