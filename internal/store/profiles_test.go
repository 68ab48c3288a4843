package store_test

import (
	"testing"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// TestProfileCountsCompetitorPresence checks that the strategy matrix's
// profile reading sees recorded competitor presence, per account.
func TestProfileCountsCompetitorPresence(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := servicetest.New(t, db)
		ctx := f.Ctx["sales"]
		with := servicetest.Must(f.Svc.CreateAccount(ctx, servicetest.Org("With", 1)))(t)
		without := servicetest.Must(f.Svc.CreateAccount(ctx, servicetest.Org("Without", 2)))(t)
		k := servicetest.Must(f.Svc.CreateCompetitor(ctx, crm.CompetitorFields{Name: "ABB"}))(t)
		servicetest.Must(f.Svc.CreateAccountCompetitor(ctx, with.ID, crm.AccountCompetitorFields{CompetitorID: k.ID}))(t)
		got := map[string]bool{}
		err := db.Read().EachAccountProfile(ctx, f.WS.ID, func(p *store.AccountProfile) error {
			got[p.ID] = p.Competitors
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 2 || !got[with.ID] || got[without.ID] {
			t.Errorf("competitor presence by account = %v", got)
		}
	})
}
