package app

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// importCmd runs `guanxi import orders FILE.csv`.
func (e *env) importCmd(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "orders" {
		return errors.New("import needs what to import: orders")
	}
	fs, dsn := e.flags("import orders")
	wsSlug := fs.String("workspace", "", "workspace slug (default: the only one)")
	as := fs.String("as", "", "import as this user, with their permissions (default: the system, with full rights)")
	dry := fs.Bool("dry-run", false, "check the file and report what would happen; write nothing")
	// Flags may come before or after the file name.
	var files []string
	rest := args[1:]
	for {
		if err := fs.Parse(rest); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		files = append(files, fs.Arg(0))
		rest = fs.Args()[1:]
	}
	if len(files) != 1 {
		return errors.New("import orders needs exactly one CSV file: guanxi import orders FILE.csv [--db DSN] [--workspace SLUG] [--as EMAIL] [--dry-run]")
	}
	path := files[0]
	return e.withDB(ctx, fs, dsn, nil, func(db *store.DB, svc *service.Service) error {
		actor, err := importActor(ctx, svc, *wsSlug, *as)
		if err != nil {
			return err
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		defer f.Close()
		sum, err := svc.ImportOrders(crm.NewContext(ctx, actor), f, crm.OrderImportOptions{DryRun: *dry})
		if err != nil {
			return importError(path, err)
		}
		e.printImportSummary(path, sum)
		return nil
	})
}

// importActor is the user named by --as, or the system actor of the
// workspace.
func importActor(ctx context.Context, svc *service.Service, slug, email string) (*crm.Actor, error) {
	ws, err := svc.Workspace(ctx, slug)
	if err != nil {
		return nil, err
	}
	if email == "" {
		return crm.SystemActor(ws.ID, ""), nil
	}
	a, err := svc.UserActor(ctx, email)
	if err != nil {
		return nil, err
	}
	if a.WorkspaceID != ws.ID {
		return nil, fmt.Errorf("%s is not a user of workspace %s", email, ws.Slug)
	}
	return a, nil
}

// importError lists the problems of a refused file line by line.
func importError(path string, err error) error {
	fields := crm.ErrorFields(err)
	if crm.ErrorCode(err) != crm.EINVALID || len(fields) == 0 {
		return err
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s", path, crm.ErrorMessage(err))
	for _, f := range fields {
		b.WriteString("\n  ")
		if f.Line > 0 {
			fmt.Fprintf(&b, "line %d", f.Line)
			if f.Field != "" {
				b.WriteString(", ")
			}
		}
		if f.Field != "" && f.Field != "file" {
			b.WriteString(f.Field)
		}
		if f.Line > 0 || (f.Field != "" && f.Field != "file") {
			b.WriteString(": ")
		}
		b.WriteString(f.Message)
	}
	var e *crm.Error
	if errors.As(err, &e) && e.Total > len(fields) {
		fmt.Fprintf(&b, "\n  ... and %d more", e.Total-len(fields))
	}
	b.WriteString("\nNothing was imported; fix these rows and run again.")
	return errors.New(b.String())
}

func (e *env) printImportSummary(path string, s *crm.OrderImportSummary) {
	verb := "Imported"
	if s.DryRun {
		verb = "Dry run of"
	}
	fmt.Fprintf(e.stdout, "%s %s (%s): %d orders created, %d updated, %d unchanged; %d lines for %d accounts.\n",
		verb, path, s.Encoding, s.Created, s.Updated, s.Unchanged, s.Lines, s.Accounts)
	fmt.Fprintf(e.stdout, "Accounts matched by id: %d, by credit code: %d, by name: %d.\n", s.MatchedBy.ID, s.MatchedBy.CreditCode, s.MatchedBy.Name)
	if len(s.IgnoredColumns) > 0 {
		fmt.Fprintf(e.stdout, "Ignored columns: %s.\n", strings.Join(s.IgnoredColumns, ", "))
	}
	if s.DryRun {
		fmt.Fprintln(e.stdout, "Nothing was written (--dry-run).")
	}
}
