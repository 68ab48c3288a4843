package analyze

import (
	"fmt"
	"math"
	"math/rand/v2"
	"slices"
	"sync"
	"testing"
)

// syntheticHistory makes n customers with purchase rhythms from weekly to
// yearly over two years, products bought in related pairs, gross profit at
// varying margins, and service costs that make some customers unprofitable.
func syntheticHistory(t testing.TB, n int) (*History, map[string]int64) {
	t.Helper()
	rng := rand.New(rand.NewPCG(4, 2026))
	start := date("2024-01-01")
	products := []string{"tea", "cup", "pot", "tray", "kettle", "filter"}
	o := &Orders{HasProfit: true, HasProduct: true}
	service := map[string]int64{}
	for c := range n {
		id := fmt.Sprintf("C%04d", c)
		gap := 7 + rng.IntN(300)
		life := rng.IntN(730)
		begin := rng.IntN(700)
		pair := rng.IntN(len(products) - 1)
		for d := begin; d < min(begin+life, 729); d += gap + rng.IntN(gap/2+1) {
			p := products[pair+rng.IntN(2)]
			amount := int64(1000 + rng.IntN(200000))
			o.Transactions = append(o.Transactions, Transaction{Customer: id, Date: start.AddDate(0, 0, d),
				Amount: amount, GrossProfit: amount * int64(10+rng.IntN(40)) / 100, Product: p})
		}
		if rng.IntN(8) == 0 {
			service[id] = int64(rng.IntN(50000))
		}
	}
	h, err := NewHistory(o, date("2026-01-01"))
	if err != nil {
		t.Fatal(err)
	}
	return h, service
}

var scored struct {
	sync.Once
	h       *History
	service map[string]int64
	run     *Scoring
	err     error
}

// scoredHistory is one scoring run over a synthetic history, shared by the
// tests (the fits take seconds).
func scoredHistory(t *testing.T) (*History, map[string]int64, *Scoring) {
	scored.Do(func() {
		scored.h, scored.service = syntheticHistory(t, 600)
		scored.run, scored.err = Score(scored.h, ScoreOptions{ServiceCost: scored.service})
	})
	if scored.err != nil {
		t.Fatal(scored.err)
	}
	return scored.h, scored.service, scored.run
}

// Rescoring a customer with the run's model, with nothing changed, gives
// the scores the run gave: the incremental path and the batch path agree.
func TestRescoreAgreesWithTheRun(t *testing.T) {
	h, service, run := scoredHistory(t)
	if run.Model.CLV == nil || run.Model.PAlive == nil || len(run.Model.Rules) == 0 || run.Markov == nil {
		t.Fatalf("a model is missing: clv %v, p(alive) %v, %d rules, notes %q", run.Model.CLV != nil, run.Model.PAlive != nil, len(run.Model.Rules), run.Notes)
	}
	profits := map[int64]map[string]bool{}
	for _, s := range run.Scores {
		if profits[s.Profit] == nil {
			profits[s.Profit] = map[string]bool{}
		}
		profits[s.Profit][s.Tier] = true
	}
	tiers := map[string]int{}
	for i := range h.Customers {
		c := &h.Customers[i]
		want := run.Scores[i]
		got, err := run.Model.Rescore(c, service[c.ID], h.AsOf)
		if err != nil {
			t.Fatal(err)
		}
		tiers[want.Tier]++
		if got.R != want.R || got.F != want.F || got.M != want.M || got.Segment != want.Segment {
			t.Errorf("%s RFM: rescored %d%d%d %s, run %d%d%d %s (recency %d, frequency %d, monetary %d)", c.ID,
				got.R, got.F, got.M, got.Segment, want.R, want.F, want.M, want.Segment, want.RecencyDays, want.Frequency, want.Monetary)
		}
		// Customers with equal profit can straddle a tier cut in the run.
		if got.Tier != want.Tier && !profits[want.Profit][got.Tier] {
			t.Errorf("%s tier: rescored %s, run %s (profit %d)", c.ID, got.Tier, want.Tier, want.Profit)
		}
		if got.Stage != want.Stage || got.StageReason != want.StageReason {
			t.Errorf("%s stage: rescored %s (%s), run %s (%s)", c.ID, got.Stage, got.StageReason, want.Stage, want.StageReason)
		}
		if !close(*got.PAlive, *want.PAlive, 1e-9) || !close(*got.CLV, *want.CLV, 1e-7) || !close(*got.ExpectedPurchases, *want.ExpectedPurchases, 1e-7) {
			t.Errorf("%s: rescored P(alive) %v CLV %v purchases %v, run %v %v %v", c.ID, *got.PAlive, *got.CLV, *got.ExpectedPurchases,
				*want.PAlive, *want.CLV, *want.ExpectedPurchases)
		}
		if got.NextProduct != want.NextProduct || got.NextBecause != want.NextBecause {
			t.Errorf("%s next best: rescored %s (because %s), run %s (because %s)", c.ID, got.NextProduct, got.NextBecause, want.NextProduct, want.NextBecause)
		}
	}
	// The data must exercise every tier, or the tier check above is empty.
	for _, tier := range []string{"important", "fairly_important", "minor", "unimportant", "to_drop"} {
		if tiers[tier] == 0 {
			t.Errorf("no customer in tier %s: %v", tier, tiers)
		}
	}
}

// A new order moves the customer at once: recent, more frequent, more
// valuable, and no longer offered the product it just bought.
func TestRescoreSeesANewOrder(t *testing.T) {
	h, service, run := scoredHistory(t)
	var c *Customer
	var before CustomerScore
	for i := range h.Customers {
		if s := run.Scores[i]; s.R <= 2 && s.X > 0 && s.NextProduct != "" {
			c, before = &h.Customers[i], s
			break
		}
	}
	if c == nil {
		t.Fatal("no lapsed customer with a recommendation in the data")
	}
	next := *c
	next.Days = append(append([]Purchase{}, c.Days...), Purchase{Date: h.AsOf.Add(-day), Amount: 500000, GrossProfit: 200000})
	next.Products = append(append([]string{}, c.Products...), before.NextProduct)
	slices.Sort(next.Products)
	after, err := run.Model.Rescore(&next, service[c.ID], h.AsOf)
	if err != nil {
		t.Fatal(err)
	}
	if after.R != 5 || after.RecencyDays != 1 || after.Frequency != before.Frequency+1 || after.Monetary != before.Monetary+500000 {
		t.Errorf("after the order: R %d, recency %d, frequency %d (was %d), monetary %d (was %d)",
			after.R, after.RecencyDays, after.Frequency, before.Frequency, after.Monetary, before.Monetary)
	}
	if *after.PAlive <= *before.PAlive || *after.CLV <= *before.CLV {
		t.Errorf("P(alive) %v -> %v, CLV %v -> %v: a new order should raise both", *before.PAlive, *after.PAlive, *before.CLV, *after.CLV)
	}
	if after.NextProduct == before.NextProduct {
		t.Errorf("still offered %s, which it now holds", after.NextProduct)
	}
	if _, err := run.Model.Rescore(&next, 0, h.AsOf.Add(-2*day)); err == nil {
		t.Error("rescoring before the customer's last purchase should fail")
	}
}

func close(a, b, rel float64) bool {
	return math.Abs(a-b) <= rel*math.Max(1, math.Max(math.Abs(a), math.Abs(b)))
}

// BenchmarkRescore: one customer rescored with a run's model, what every
// order change adds to its transaction besides two small reads and a write.
func BenchmarkRescore(b *testing.B) {
	h, service := syntheticHistory(b, 600)
	run, err := Score(h, ScoreOptions{ServiceCost: service})
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		c := &h.Customers[i%len(h.Customers)]
		if _, err := run.Model.Rescore(c, service[c.ID], h.AsOf); err != nil {
			b.Fatal(err)
		}
	}
}
