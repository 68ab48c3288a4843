package app

import (
	"context"
	"fmt"
	"os"
	"runtime/pprof"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/demo"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

func (e *env) demo(ctx context.Context, args []string) error {
	fs, dsn := e.flags("demo")
	n := fs.Int("accounts", 200, "number of accounts (about three contacts each)")
	seed := fs.Uint64("seed", 1, "random seed; the same seed gives the same data")
	orders := fs.Bool("orders", true, "also generate products and a multi-year order history")
	opportunities := fs.Bool("opportunities", true, "also generate opportunities across the pipeline's stages")
	cpuprofile := fs.String("cpuprofile", "", "write a CPU profile of the generation to this file (for go tool pprof)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	// A new SQLite file is written in bulk-load mode (store.OpenForLoad).
	db, err := store.OpenForLoad(ctx, *dsn)
	if err != nil {
		return err
	}
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err != nil {
			db.Close()
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			db.Close()
			return err
		}
		defer pprof.StopCPUProfile()
	}
	err = e.loadDemo(ctx, db, service.New(db), demo.Options{Accounts: *n, Seed: *seed, NoOrders: !*orders, NoOpportunities: !*opportunities}, false)
	if cerr := db.Close(); err == nil {
		err = cerr
	}
	return err
}

// loadDemo generates the demo workspace and prints the logins. With
// ifMissing it does nothing when the demo workspace exists (make run).
func (e *env) loadDemo(ctx context.Context, db *store.DB, svc *service.Service, o demo.Options, ifMissing bool) error {
	if _, err := svc.Workspace(ctx, demo.Slug); err == nil {
		if ifMissing {
			e.printLogins()
			return nil
		}
		return crm.Errorf(crm.ECONFLICT, "The database already has the demo workspace; use another --db.")
	}
	start := time.Now()
	last := start
	o.Progress = func(done int) {
		if time.Since(last) > 5*time.Second {
			last = time.Now()
			fmt.Fprintf(e.stderr, "demo: %d of %d accounts (%s)\n", done, o.Accounts, time.Since(start).Round(time.Second))
		}
	}
	if o.Accounts >= 10000 {
		o.Phase = func(name string, took time.Duration) {
			fmt.Fprintf(e.stderr, "demo: %s in %s\n", name, took.Round(100*time.Millisecond))
		}
	}
	res, err := demo.Generate(ctx, db, svc, o)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Demo workspace %q: %d accounts, %d contacts, %d links, %d products, %d orders, %d opportunities in %s.\n",
		res.Workspace.Slug, res.Accounts, res.Contacts, res.Links, res.Products, res.Orders, res.Opportunities, time.Since(start).Round(time.Millisecond))
	e.printLogins()
	return nil
}

func (e *env) printLogins() {
	fmt.Fprintf(e.stdout, "Demo logins (password %s for all):\n", demo.Password)
	for _, u := range demo.Users {
		team := ""
		if u.Team != "" {
			team = ", " + u.Team
		}
		fmt.Fprintf(e.stdout, "  %-28s %s%s\n", u.Email, u.Role, team)
	}
}
