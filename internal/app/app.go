// Package app wires Guanxi together: it parses the command line, opens
// and migrates the database, builds the services and runs the HTTP server
// or a CLI command. It is the only package that knows every concrete type.
package app

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Version is set at build time with -ldflags "-X ...app.Version=...".
var Version = "dev"

const defaultDB = "guanxi.db"

// env is the process environment, passed in so tests can run commands
// without touching the real one.
type env struct {
	getenv func(string) string
	stdout io.Writer
	stderr io.Writer
	log    *slog.Logger
}

// Run runs the command in args (args[0] is the program name) and returns
// the process exit code.
func Run(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) int {
	e := &env{getenv: getenv, stdout: stdout, stderr: stderr,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))}
	if len(args) < 2 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	cmd, rest := args[1], args[2:]
	var err error
	switch cmd {
	case "serve":
		err = e.serve(ctx, rest)
	case "demo":
		err = e.demo(ctx, rest)
	case "user":
		err = e.user(ctx, rest)
	case "token":
		err = e.token(ctx, rest)
	case "openapi":
		err = e.openapi(rest)
	case "analyze":
		err = e.analyze(ctx, rest)
	case "import":
		err = e.importCmd(ctx, rest)
	case "pool":
		err = e.pool(ctx, rest)
	case "version":
		fmt.Fprintln(stdout, "guanxi", Version)
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
	default:
		fmt.Fprintf(stderr, "guanxi: unknown command %q\n\n%s", cmd, usage)
		return 2
	}
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 2
		}
		fmt.Fprintln(stderr, "guanxi:", describe(err))
		return 1
	}
	return 0
}

const usage = `Guanxi (关系) — an open-source CRM.

Usage:
  guanxi serve   [--db DSN] [--addr HOST:PORT] [--demo N]   run the server (and UI)
  guanxi demo    [--db DSN] --accounts N [--seed S]          load a demo workspace
  guanxi user create --email E --password P --role R [--name N] [--team T] [--workspace SLUG]
  guanxi user reset-password --email E --password P
  guanxi token create --email E [--name N]                   print a personal API token once
  guanxi openapi                                             print the OpenAPI document
  guanxi analyze rfm|value|lifecycle|clv|markov|crosssell (--orders FILE.csv | --db DSN) [--as-of DATE] [--json]
  guanxi analyze clv --summary FILE.csv [--json]            fit BTYD models on a customer summary
  guanxi import orders FILE.csv [--db DSN] [--workspace SLUG] [--as EMAIL] [--dry-run]
                                                             create or replace orders from a CSV (all or nothing)
  guanxi pool reclaim [--db DSN] [--workspace SLUG]          move accounts without recent follow-up to the public pool now
  guanxi version

DSN is a SQLite file path (default guanxi.db) or postgres://user@host:port/db.
The GUANXI_DB environment variable sets the default DSN.
`

// describe renders an error for a terminal, with field problems.
func describe(err error) string {
	msg := err.Error()
	if code := crm.ErrorCode(err); code != crm.EINTERNAL {
		msg = crm.ErrorMessage(err)
		for _, f := range crm.ErrorFields(err) {
			msg += fmt.Sprintf("\n  %s: %s", f.Field, f.Message)
		}
	}
	return msg
}

// flags returns a FlagSet for a command with the common --db flag.
func (e *env) flags(name string) (*flag.FlagSet, *string) {
	fs := flag.NewFlagSet("guanxi "+name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	def := e.getenv("GUANXI_DB")
	if def == "" {
		def = defaultDB
	}
	db := fs.String("db", def, "database: SQLite file path or postgres:// URL")
	return fs, db
}

// withDB parses a command's arguments into fs, opens and migrates the
// database its --db flag names, runs fn with it and closes it.
func (e *env) withDB(ctx context.Context, fs *flag.FlagSet, dsn *string, args []string, fn func(*store.DB, *service.Service) error) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	db, err := store.Open(ctx, *dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	return fn(db, service.New(db))
}

// redact hides the password of a DSN for logs.
func redact(dsn string) string {
	if i := strings.Index(dsn, "://"); i >= 0 {
		if at := strings.LastIndex(dsn, "@"); at > i {
			cred := dsn[i+3 : at]
			if c := strings.IndexByte(cred, ':'); c >= 0 {
				return dsn[:i+3] + cred[:c] + ":***" + dsn[at:]
			}
		}
	}
	return dsn
}
