package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// referralChains and referralChainLength shape the demo's referral
// network: a few chains among the first accounts, some links made by a
// contact or to a contact, so the account page's graph has depth. The
// cost does not grow with the size of the demo.
const (
	referralChains      = 6
	referralChainLength = 5
)

var referralNotes = []string{"老客户在行业展会上推荐", "采购经理介绍给兄弟公司", "集团内部推荐", "Met at a customer seminar", ""}

// referralsAndTargets adds referral chains and the sales targets of the
// current and previous month and quarter, set near what each person and
// team actually won so that attainment varies around 100%. It draws from
// its own generator so the rest of the demo is unchanged.
func (g *generator) referralsAndTargets(ctx context.Context, db *store.DB, ws string) error {
	rng := rand.New(rand.NewPCG(g.seed, 0x7265666572)) // "refer"
	if err := g.referrals(ctx, db, ws, rng); err != nil {
		return fmt.Errorf("demo referrals: %w", err)
	}
	if g.noOpportunities {
		return nil
	}
	if err := g.targets(ctx, db, ws, rng); err != nil {
		return fmt.Errorf("demo targets: %w", err)
	}
	return nil
}

func (g *generator) referrals(ctx context.Context, db *store.DB, ws string, rng *rand.Rand) error {
	pool := g.accounts[:min(len(g.accounts), referralChains*referralChainLength)]
	if len(pool) < 2 {
		return nil
	}
	all := crm.Scope{WorkspaceID: ws, Level: crm.ScopeAll}
	contacts := map[string][]string{}
	for _, id := range pool {
		cs, err := db.Read().ContactsOfAccount(ctx, all, id)
		if err != nil {
			return err
		}
		for _, c := range cs {
			contacts[id] = append(contacts[id], c.ID)
		}
	}
	contactOf := func(accountID string) string {
		if cs := contacts[accountID]; len(cs) > 0 && rng.IntN(3) == 0 {
			return cs[rng.IntN(len(cs))]
		}
		return ""
	}
	return db.WithTx(ctx, func(tx *store.Tx) error {
		for i := 0; i+1 < len(pool); i++ {
			if (i+1)%referralChainLength == 0 {
				continue // the last of a chain refers nobody
			}
			from, to := pool[i], pool[i+1]
			// Now and then a customer refers a second one beside the chain.
			if rng.IntN(4) == 0 && i+2 < len(pool) {
				to = pool[i+2]
			}
			on := g.now.AddDate(0, 0, -30*(referralChainLength-i%referralChainLength)-rng.IntN(30))
			r := &crm.Referral{ID: store.NewID(), ReferrerAccountID: from, ReferrerContactID: contactOf(from),
				ReferredAccountID: to, ReferredContactID: contactOf(to), ReferredOn: crm.Date(on.Format(time.DateOnly)),
				Note: referralNotes[rng.IntN(len(referralNotes))]}
			if err := tx.InsertReferral(ctx, ws, r); err != nil && crm.ErrorCode(err) != crm.ECONFLICT {
				return err
			}
		}
		return nil
	})
}

// targets sets a target for every salesperson, manager and team in each
// of the four periods, at 70% to 150% of what they won (at least 100,000
// yuan), rounded to 10,000 yuan.
func (g *generator) targets(ctx context.Context, db *store.DB, ws string, rng *rand.Rand) error {
	now := g.now.UTC()
	month := time.Date(now.Year(), now.Month(), 1, 0, 0, 0, 0, time.UTC)
	quarter := time.Date(now.Year(), time.Month((int(now.Month())-1)/3*3+1), 1, 0, 0, 0, 0, time.UTC)
	var periods []string
	for _, p := range []time.Time{month, month.AddDate(0, -1, 0)} {
		periods = append(periods, p.Format("2006-01"))
	}
	for _, p := range []time.Time{quarter, quarter.AddDate(0, -3, 0)} {
		periods = append(periods, crm.QuarterOf(p.Format("2006-01")))
	}
	return db.WithTx(ctx, func(tx *store.Tx) error {
		users, err := tx.ListUsers(ctx, ws)
		if err != nil {
			return err
		}
		teams, err := tx.ListTeams(ctx, ws)
		if err != nil {
			return err
		}
		for _, key := range periods {
			p, err := crm.ParsePeriod("period", key)
			if err != nil {
				return err
			}
			won, err := tx.WonBetween(ctx, ws, p.Start, p.End)
			if err != nil {
				return err
			}
			byUser, byTeam := map[string]int64{}, map[string]int64{}
			for _, u := range users {
				if u.Active && (u.Role == crm.RoleSales || u.Role == crm.RoleManager) {
					byUser[u.ID] = 0
				}
			}
			for _, tm := range teams {
				byTeam[tm.ID] = 0
			}
			for _, w := range won {
				if w.OwnerID != "" {
					byUser[w.OwnerID] += w.Amount
				}
				if w.TeamID != "" {
					byTeam[w.TeamID] += w.Amount
				}
			}
			set := func(userID, teamID string, won int64) error {
				const step = 10_000_00
				amount := max(won*int64(70+rng.IntN(81))/100/step*step, 10*step)
				return tx.InsertTarget(ctx, ws, &crm.Target{ID: store.NewID(), Period: key, UserID: userID, TeamID: teamID,
					Amount: amount, Version: 1, UpdatedAt: tx.Now})
			}
			for _, id := range sortedKeys(byUser) {
				if err := set(id, "", byUser[id]); err != nil {
					return err
				}
			}
			for _, id := range sortedKeys(byTeam) {
				if err := set("", id, byTeam[id]); err != nil {
					return err
				}
			}
		}
		return nil
	})
}

// sortedKeys keeps the random draws in a fixed order between runs.
func sortedKeys(m map[string]int64) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
