package demo

import (
	"math/rand/v2"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

// staleEvery says how often a demo account's owner has let it lapse: one
// in staleEvery has had no follow-up for longer than the default
// pool_days, so the first pool reclaim after start fills the pool.
const staleEvery = 20

// followUp sets the i-th account's last follow-up: weeks to months ago
// for the stale ones, within the last three weeks for the rest (never
// before the account was created). Like opportunity, it draws from its own
// generator so the rest of the demo stays the same.
func (g *generator) followUp(a *crm.Account, i int) {
	rng := rand.New(rand.NewPCG(g.seed, uint64(i)^0x9e3779b97f4a7c15))
	var at time.Time
	if i%staleEvery == staleEvery/2 {
		at = g.now.Add(-time.Duration(crm.DefaultPoolDays+5+rng.IntN(180)) * 24 * time.Hour)
	} else {
		at = g.now.Add(-time.Duration(rng.Int64N(int64(21 * 24 * time.Hour))))
	}
	if at.Before(a.CreatedAt) {
		at = a.CreatedAt
	}
	at = at.Truncate(time.Microsecond)
	a.LastFollowUpAt = &at
}
