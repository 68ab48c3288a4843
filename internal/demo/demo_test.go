package demo_test

import (
	"context"
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/demo"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// TestDemoDataIsValidAndVaried checks that every generated record passes
// the same validation as user input, and that the data covers what the
// UI shows: every level and function, profiles, links, both kinds.
func TestDemoDataIsValidAndVaried(t *testing.T) {
	auth.DefaultArgon2 = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := service.New(db)
		res, err := demo.Generate(ctx, db, svc, demo.Options{Accounts: 120, Seed: 7})
		if err != nil {
			t.Fatal(err)
		}
		if res.Accounts != 120 || res.Contacts < 240 || res.Links == 0 {
			t.Fatalf("generated %+v", res)
		}
		sys := crm.NewContext(ctx, crm.SystemActor(res.Workspace.ID, ""))
		kinds := map[crm.AccountKind]int{}
		codes := map[string]bool{}
		for cursor := ""; ; {
			page, err := svc.ListAccounts(sys, crm.AccountFilter{Limit: 200, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, a := range page.Items {
				if err := a.Validate(); err != nil {
					t.Errorf("account %q: %v", a.Name, err)
				}
				kinds[a.Kind]++
				if a.CreditCode != "" {
					if codes[a.CreditCode] {
						t.Errorf("credit code %s used twice", a.CreditCode)
					}
					codes[a.CreditCode] = true
				}
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if kinds[crm.AccountOrganization] == 0 || kinds[crm.AccountIndividual] == 0 {
			t.Errorf("account kinds %v", kinds)
		}
		cells := map[[2]string]int{}
		profiles := 0
		for cursor := ""; ; {
			page, err := svc.ListContacts(sys, crm.ContactFilter{Limit: 200, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, c := range page.Items {
				full, err := svc.GetContact(sys, c.ID)
				if err != nil {
					t.Fatal(err)
				}
				if err := full.Validate(); err != nil {
					t.Errorf("contact %q: %v", c.Name, err)
				}
				cells[[2]string{string(c.Level), string(c.Function)}]++
				if full.PersonalProfile != nil {
					profiles++
				}
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if len(cells) != 9 {
			t.Errorf("buying-centre cells covered: %d of 9 (%v)", len(cells), cells)
		}
		if profiles == 0 {
			t.Error("no personal profiles generated")
		}
		// Every demo login works.
		for _, u := range demo.Users {
			if _, err := svc.Login(ctx, u.Email, demo.Password, "127.0.0.1"); err != nil {
				t.Errorf("login %s: %v", u.Email, err)
			}
		}
	})
}

// TestDemoOrdersAndStatsAgree checks the demo's order history: orders in
// several statuses, and stats built in bulk that equal what the
// per-account refresh of an order change computes.
func TestDemoOrdersAndStatsAgree(t *testing.T) {
	auth.DefaultArgon2 = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := service.New(db)
		res, err := demo.Generate(ctx, db, svc, demo.Options{Accounts: 60, Seed: 3})
		if err != nil {
			t.Fatal(err)
		}
		if res.Products == 0 || res.Orders < 60 {
			t.Fatalf("generated %+v", res)
		}
		sys := crm.NewContext(ctx, crm.SystemActor(res.Workspace.ID, ""))
		statuses := map[crm.OrderStatus]int{}
		buyers := map[string]bool{}
		for cursor := ""; ; {
			page, err := svc.ListOrders(sys, crm.OrderFilter{Limit: 200, Cursor: cursor})
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range page.Items {
				statuses[o.Status]++
				buyers[o.AccountID] = true
				if len(o.Lines) == 0 || o.Revenue <= 0 {
					t.Errorf("order %s has no lines or revenue", o.Number)
				}
			}
			if cursor = page.NextCursor; cursor == "" {
				break
			}
		}
		if statuses[crm.OrderCompleted] == 0 || len(buyers) >= 60 {
			t.Errorf("statuses %v, %d of 60 accounts bought (some should be prospects)", statuses, len(buyers))
		}
		for id := range buyers {
			bulk, err := svc.CustomerStats(sys, id)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.WithTx(ctx, func(tx *store.Tx) error { return tx.RefreshCustomerStats(ctx, res.Workspace.ID, id) }); err != nil {
				t.Fatal(err)
			}
			one, err := svc.CustomerStats(sys, id)
			if err != nil {
				t.Fatal(err)
			}
			if *bulk.GrossProfit != *one.GrossProfit || bulk.Revenue != one.Revenue || bulk.OrderCount != one.OrderCount ||
				bulk.FirstOrder != one.FirstOrder || bulk.LastOrder != one.LastOrder || bulk.ProductsHeld != one.ProductsHeld {
				t.Errorf("account %s: bulk stats %+v, refreshed %+v", id, bulk, one)
			}
		}
	})
}

// TestDemoOpportunitiesFillTheBoard checks that the demo's opportunities
// are valid, spread over the pipeline and absent when left out.
func TestDemoOpportunitiesFillTheBoard(t *testing.T) {
	auth.DefaultArgon2 = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		svc := service.New(db)
		res, err := demo.Generate(ctx, db, svc, demo.Options{Accounts: 90, Seed: 3, NoOrders: true})
		if err != nil {
			t.Fatal(err)
		}
		if res.Opportunities != 30 {
			t.Fatalf("opportunities = %d, want 30", res.Opportunities)
		}
		sys := crm.NewContext(ctx, crm.SystemActor(res.Workspace.ID, ""))
		p, err := svc.Pipeline(sys, crm.PipelineFilter{Limit: 100})
		if err != nil {
			t.Fatal(err)
		}
		filled := 0
		for _, c := range p.Columns {
			if c.Count > 0 {
				filled++
			}
			for _, o := range c.Items {
				if err := o.Validate(); err != nil || (o.StageKind.Closed() && o.WinLossReason == "") || o.OwnerID == "" {
					t.Errorf("opportunity %+v: %v", o, err)
				}
			}
		}
		if filled < 6 {
			t.Errorf("only %d of %d stages have opportunities", filled, len(p.Columns))
		}
		// Each opportunity came to its stage along the pipeline: its moves
		// chain from nothing to its stage, in time order, ending when its
		// stage last changed.
		for _, c := range p.Columns {
			for _, o := range c.Items {
				moves, err := svc.StageChanges(sys, o.ID)
				if err != nil {
					t.Fatal(err)
				}
				last := moves[len(moves)-1]
				if moves[0].FromStage != "" || last.ToStage != o.Stage || !last.At.Equal(o.StageChangedAt) {
					t.Errorf("%s in %s: moves %+v", o.Name, o.Stage, moves)
				}
				for i := 1; i < len(moves); i++ {
					if moves[i].FromStage != moves[i-1].ToStage || moves[i].At.Before(moves[i-1].At) {
						t.Errorf("%s: move %d %+v does not follow %+v", o.Name, i, moves[i], moves[i-1])
					}
				}
			}
		}
		// So the pipeline report has conversions and time in stage to show.
		rep, err := svc.PipelineReport(sys, crm.PipelineReportFilter{})
		if err != nil {
			t.Fatal(err)
		}
		first := rep.Stages[0]
		if first.Entered != int64(res.Opportunities) || first.Conversion == nil || *first.Conversion <= 0 || *first.Conversion >= 1 ||
			first.MeanDays == nil || *first.MeanDays <= 0 {
			t.Errorf("first stage of the demo's report: %+v", first)
		}
	})
}

// TestDemoIsDeterministic checks that a seed gives the same records (ids
// and times aside), whatever order the parallel workers finish in.
func TestDemoIsDeterministic(t *testing.T) {
	auth.DefaultArgon2 = auth.Argon2Params{Memory: 64, Time: 1, Threads: 1}
	ctx := context.Background()
	records := func() []string {
		db := storetest.SQLite(t)
		svc := service.New(db)
		res, err := demo.Generate(ctx, db, svc, demo.Options{Accounts: 4100, Seed: 11, NoOrders: true})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		rows, err := db.Read().QueryContext(ctx, `SELECT a.name || '|' || a.phone || '|' || a.search_text || '|' || c.name || '|' || c.email || '|' || c.name_sort
			FROM contacts c JOIN accounts a ON a.id = c.account_id ORDER BY c.rid`)
		if err != nil {
			t.Fatal(err)
		}
		defer rows.Close()
		for rows.Next() {
			var s string
			if err := rows.Scan(&s); err != nil {
				t.Fatal(err)
			}
			out = append(out, s)
		}
		if len(out) != res.Contacts {
			t.Fatalf("read %d contacts of %d", len(out), res.Contacts)
		}
		return out
	}
	first, second := records(), records()
	if len(first) != len(second) {
		t.Fatalf("%d contacts, then %d", len(first), len(second))
	}
	for i := range first {
		if first[i] != second[i] {
			t.Fatalf("contact %d: %q, then %q", i, first[i], second[i])
		}
	}
}
