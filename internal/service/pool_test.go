package service_test

import (
	"context"
	"errors"
	"fmt"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// later is the clock of reclaim runs in these tests: 40 days on, so that
// accounts created now are 40 days without follow-up, past the default
// pool_days of 30, and accounts followed up at freshAt are not.
var (
	later   = time.Now().Add(40 * 24 * time.Hour)
	freshAt = time.Now().Add(35 * 24 * time.Hour)
)

// poolAccounts creates n accounts owned by label, numbered from base.
func poolAccounts(t *testing.T, f *servicetest.Fixture, label string, base, n int) []*crm.Account {
	t.Helper()
	out := make([]*crm.Account, n)
	for i := range out {
		out[i] = must(f.Svc.CreateAccount(f.Ctx[label], org(fmt.Sprintf("Pool %d", base+i), base+i)))(t)
	}
	return out
}

// followUp marks accounts followed up at at, as an activity would.
func followUp(t *testing.T, f *servicetest.Fixture, at time.Time, accounts ...*crm.Account) {
	t.Helper()
	err := f.DB.WithTx(context.Background(), func(tx *store.Tx) error {
		for _, a := range accounts {
			if err := tx.MarkFollowedUp(context.Background(), f.WS.ID, a.ID, at); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// pooledEntries returns the @pooled history entries of an account.
func pooledEntries(t *testing.T, f *servicetest.Fixture, id string) []*crm.Change {
	t.Helper()
	h := must(f.Svc.History(f.Ctx["admin"], crm.EntityAccount, id, "", 200))(t)
	var out []*crm.Change
	for _, c := range h.Items {
		if c.Field == crm.FieldPooled {
			out = append(out, c)
		}
	}
	return out
}

func poolIDs(t *testing.T, f *servicetest.Fixture, label string) map[string]*crm.PoolAccount {
	t.Helper()
	page := must(f.Svc.ListPool(f.Ctx[label], crm.PoolFilter{Limit: 200}))(t)
	out := map[string]*crm.PoolAccount{}
	for _, p := range page.Items {
		out[p.ID] = p
	}
	return out
}

func TestReclaimMovesExactlyTheStaleAccountsToThePool(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		accs := poolAccounts(t, f, "sales", 1, 6)
		stale, fresh := accs[:3], accs[3:5]
		followUp(t, f, freshAt, fresh...)
		deleted := accs[5]
		if err := f.Svc.DeleteAccount(f.Ctx["sales"], deleted.ID, 0); err != nil {
			t.Fatal(err)
		}
		if created := must(f.Svc.GetAccount(f.Ctx["sales"], stale[0].ID))(t); created.LastFollowUpAt == nil || !created.LastFollowUpAt.Equal(created.CreatedAt) {
			t.Fatalf("a new account's last follow-up = %v, want its creation %v", created.LastFollowUpAt, created.CreatedAt)
		}

		res := must(f.Svc.ReclaimPool(context.Background(), f.WS.ID, service.ReclaimOptions{Now: later}))(t)
		if res.Reclaimed != len(stale) {
			t.Fatalf("reclaimed %d, want %d", res.Reclaimed, len(stale))
		}
		pool := poolIDs(t, f, "sales2")
		if len(pool) != len(stale) {
			t.Fatalf("pool has %d accounts, want %d", len(pool), len(stale))
		}
		for _, a := range stale {
			p := pool[a.ID]
			if p == nil || p.PooledFrom != f.Users["sales"].ID || p.PooledFromName != "sales" || p.PooledAt.IsZero() {
				t.Errorf("pooled %s = %+v", a.Name, p)
			}
			// Out of the owner's own scope, into the pool's history.
			_, err := f.Svc.GetAccount(f.Ctx["sales"], a.ID)
			wantCode(t, err, crm.ENOTFOUND)
			e := pooledEntries(t, f, a.ID)
			if len(e) != 1 || e[0].Old != f.Users["sales"].ID || e[0].New != "no_follow_up:30" {
				t.Errorf("history of %s = %+v", a.Name, e)
			}
		}
		for _, a := range fresh {
			if got := must(f.Svc.GetAccount(f.Ctx["sales"], a.ID))(t); got.OwnerID != f.Users["sales"].ID || got.PooledAt != nil {
				t.Errorf("fresh account %s moved: %+v", a.Name, got)
			}
		}
		if len(pooledEntries(t, f, deleted.ID)) != 0 {
			t.Error("an account in the recycle bin was reclaimed")
		}
		// Running again finds nothing more.
		if res := must(f.Svc.ReclaimPool(context.Background(), f.WS.ID, service.ReclaimOptions{Now: later}))(t); res.Reclaimed != 0 {
			t.Errorf("second run reclaimed %d", res.Reclaimed)
		}
	})
}

func TestReclaimIsOffAtPoolDaysZero(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		poolAccounts(t, f, "sales", 1, 2)
		must(f.Svc.UpdateSettings(f.Ctx["admin"], 1, crm.SettingsUpdate{PoolDays: ptr(0)}))(t)
		if res := must(f.Svc.ReclaimPool(context.Background(), f.WS.ID, service.ReclaimOptions{Now: later}))(t); res.Reclaimed != 0 {
			t.Fatalf("reclaimed %d with pool_days 0", res.Reclaimed)
		}
		// A shorter period reclaims accounts that the default would keep.
		must(f.Svc.UpdateSettings(f.Ctx["admin"], 2, crm.SettingsUpdate{PoolDays: ptr(7)}))(t)
		if res := must(f.Svc.ReclaimPool(context.Background(), f.WS.ID, service.ReclaimOptions{Now: time.Now().Add(8 * 24 * time.Hour)}))(t); res.Reclaimed != 2 {
			t.Fatalf("reclaimed %d with pool_days 7 after 8 days, want 2", res.Reclaimed)
		}
	})
}

func TestClaimAndReleaseMoveOwnershipWithHistory(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		accs := poolAccounts(t, f, "sales", 1, 3)
		must(f.Svc.ReclaimPool(context.Background(), f.WS.ID, service.ReclaimOptions{Now: later}))(t)
		must(f.Svc.UpdateSettings(f.Ctx["admin"], 1, crm.SettingsUpdate{PoolClaimLimit: ptr(1)}))(t)

		got := must(f.Svc.ClaimAccount(f.Ctx["salesSouth"], accs[0].ID))(t)
		if got.OwnerID != f.Users["salesSouth"].ID || got.TeamID != f.South || got.PooledAt != nil || got.LastFollowUpAt == nil {
			t.Fatalf("claimed = %+v", got)
		}
		mine := must(f.Svc.ListAccounts(f.Ctx["salesSouth"], crm.AccountFilter{}))(t)
		if len(mine.Items) != 1 || mine.Items[0].ID != accs[0].ID {
			t.Errorf("claimer's accounts = %+v", mine.Items)
		}
		h := must(f.Svc.History(f.Ctx["salesSouth"], crm.EntityAccount, accs[0].ID, "", 0))(t)
		if h.Items[0].Field != crm.FieldClaimed || h.Items[0].New != f.Users["salesSouth"].ID {
			t.Errorf("latest history = %+v", h.Items[0])
		}

		// Someone else was first: a clear conflict.
		_, err := f.Svc.ClaimAccount(f.Ctx["sales2"], accs[0].ID)
		wantCode(t, err, crm.ECONFLICT)
		// Over the limit: refused, and nothing written.
		before := poolIDs(t, f, "salesSouth")[accs[1].ID]
		_, err = f.Svc.ClaimAccount(f.Ctx["salesSouth"], accs[1].ID)
		wantCode(t, err, crm.ECONFLICT)
		after := poolIDs(t, f, "salesSouth")[accs[1].ID]
		if after == nil || after.Version != before.Version {
			t.Errorf("refused claim changed the account: %+v -> %+v", before, after)
		}
		page := must(f.Svc.ListPool(f.Ctx["salesSouth"], crm.PoolFilter{}))(t)
		if page.Allowance != (crm.ClaimAllowance{Limit: 1, Claimed: 1, Remaining: 0}) {
			t.Errorf("allowance = %+v", page.Allowance)
		}
		// Roles that do not own customers, and other workspaces, cannot.
		_, err = f.Svc.ClaimAccount(f.Ctx["finance"], accs[1].ID)
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.ClaimAccount(f.Other, accs[1].ID)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.ListPool(f.Ctx["viewer"], crm.PoolFilter{})
		wantCode(t, err, crm.EFORBIDDEN)
		if n := len(poolIDs(t, f, "sales2")); n != 2 {
			t.Errorf("pool has %d accounts, want 2", n)
		}

		// Releasing puts it back and frees the allowance.
		_, err = f.Svc.ReleaseAccount(f.Ctx["sales2"], accs[0].ID, 0)
		wantCode(t, err, crm.ENOTFOUND)
		rel := must(f.Svc.ReleaseAccount(f.Ctx["salesSouth"], accs[0].ID, got.Version))(t)
		if rel.OwnerID != "" || rel.TeamID != "" || rel.PooledFrom != f.Users["salesSouth"].ID || rel.PooledAt == nil {
			t.Errorf("released = %+v", rel)
		}
		e := pooledEntries(t, f, accs[0].ID)
		if len(e) != 2 || e[0].New != crm.PoolReasonReleased || e[0].Old != f.Users["salesSouth"].ID {
			t.Errorf("pool history = %+v", e)
		}
		must(f.Svc.ClaimAccount(f.Ctx["salesSouth"], accs[1].ID))(t)
	})
}

func TestReclaimStoppedMidRunAndRestartedReclaimsEachAccountOnce(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		accs := poolAccounts(t, f, "sales", 1, 30)
		stale := accs[:25]
		followUp(t, f, freshAt, accs[25:]...)
		crash := errors.New("crash")
		res, err := f.Svc.ReclaimPool(context.Background(), f.WS.ID, service.ReclaimOptions{Now: later, BatchSize: 10,
			AfterBatch: func(r crm.ReclaimResult) error {
				if r.Batches == 2 {
					return crash
				}
				return nil
			}})
		if !errors.Is(err, crash) || res.Reclaimed != 20 {
			t.Fatalf("first run: %+v, %v", res, err)
		}
		res = must(f.Svc.ReclaimPool(context.Background(), f.WS.ID, service.ReclaimOptions{Now: later, BatchSize: 10}))(t)
		if res.Reclaimed != 5 {
			t.Fatalf("restart reclaimed %d, want 5", res.Reclaimed)
		}
		for _, a := range stale {
			if e := pooledEntries(t, f, a.ID); len(e) != 1 {
				t.Errorf("%s has %d pool entries, want 1", a.Name, len(e))
			}
		}
		for _, a := range accs[25:] {
			if e := pooledEntries(t, f, a.ID); len(e) != 0 {
				t.Errorf("fresh %s was reclaimed", a.Name)
			}
		}
	})
}

func TestOwnerChangeCountsAsFollowUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := poolAccounts(t, f, "sales", 1, 1)[0]
		moved := must(f.Svc.UpdateAccount(f.Ctx["manager"], a.ID, 1, crm.AccountUpdate{OwnerID: ptr(f.Users["sales2"].ID)}))(t)
		if moved.LastFollowUpAt == nil || !moved.LastFollowUpAt.After(a.CreatedAt) {
			t.Fatalf("after owner change last follow-up = %v (created %v)", moved.LastFollowUpAt, a.CreatedAt)
		}
		stored := must(f.Svc.GetAccount(f.Ctx["sales2"], a.ID))(t)
		if !stored.LastFollowUpAt.Equal(*moved.LastFollowUpAt) {
			t.Errorf("stored follow-up %v, returned %v", stored.LastFollowUpAt, moved.LastFollowUpAt)
		}
	})
}

func TestSalesScopeTeamLetsSalesReadTheirTeamsAccounts(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		a := poolAccounts(t, f, "sales", 1, 1)[0]
		_, err := f.Svc.GetAccount(f.Ctx["sales2"], a.ID)
		wantCode(t, err, crm.ENOTFOUND)
		_, err = f.Svc.UpdateSettings(f.Ctx["manager"], 1, crm.SettingsUpdate{SalesScope: ptr("team")})
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.UpdateSettings(f.Ctx["admin"], 1, crm.SettingsUpdate{SalesScope: ptr("everyone")})
		wantField(t, err, "sales_scope")
		s := must(f.Svc.UpdateSettings(f.Ctx["admin"], 1, crm.SettingsUpdate{SalesScope: ptr("team")}))(t)
		if s.SalesScope != "team" || s.Version != 2 {
			t.Fatalf("settings = %+v", s)
		}
		_, err = f.Svc.UpdateSettings(f.Ctx["admin"], 1, crm.SettingsUpdate{PoolDays: ptr(5)})
		wantCode(t, err, crm.ESTALE)

		sales2 := crm.NewContext(context.Background(), must(f.Svc.UserActor(context.Background(), "sales2@test.example"))(t))
		south := crm.NewContext(context.Background(), must(f.Svc.UserActor(context.Background(), "salesSouth@test.example"))(t))
		if got := must(f.Svc.GetAccount(sales2, a.ID))(t); got.ID != a.ID {
			t.Fatalf("got %+v", got)
		}
		if list := must(f.Svc.ListAccounts(sales2, crm.AccountFilter{}))(t); len(list.Items) != 1 {
			t.Errorf("sales2 lists %d accounts, want 1", len(list.Items))
		}
		_, err = f.Svc.UpdateAccount(sales2, a.ID, 1, crm.AccountUpdate{Name: ptr("Mine now")})
		wantCode(t, err, crm.EFORBIDDEN)
		_, err = f.Svc.GetAccount(south, a.ID)
		wantCode(t, err, crm.ENOTFOUND)
	})
}

// TestOwnersActivityCountsAsFollowUp: an activity the owner logs restarts
// the account's pool clock; one logged by the owner's manager does not.
func TestOwnersActivityCountsAsFollowUp(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		f := newFixture(t, db)
		accs := poolAccounts(t, f, "sales", 1, 2)
		old := time.Now().Add(-100 * 24 * time.Hour).UTC().Truncate(time.Microsecond)
		err := f.DB.WithTx(context.Background(), func(tx *store.Tx) error {
			_, err := tx.ExecContext(context.Background(), "UPDATE accounts SET last_follow_up_at = ? WHERE workspace_id = ?", old, f.WS.ID)
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		log := func(label string, a *crm.Account) {
			must(f.Svc.CreateActivity(f.Ctx[label], crm.ActivityFields{AccountID: a.ID, Channel: "wechat", Direction: "outbound", Subject: "Follow-up"}))(t)
		}
		log("sales", accs[0])
		log("manager", accs[1])
		owners := must(f.Svc.GetAccount(f.Ctx["sales"], accs[0].ID))(t)
		if owners.LastFollowUpAt == nil || time.Since(*owners.LastFollowUpAt) > time.Minute {
			t.Errorf("after the owner's activity, last follow-up = %v", owners.LastFollowUpAt)
		}
		managers := must(f.Svc.GetAccount(f.Ctx["sales"], accs[1].ID))(t)
		if managers.LastFollowUpAt == nil || !managers.LastFollowUpAt.Equal(old) {
			t.Errorf("after the manager's activity, last follow-up = %v, want %v", managers.LastFollowUpAt, old)
		}
	})
}
