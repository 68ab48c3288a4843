package analytics

import (
	"math/rand/v2"
	"slices"
	"testing"
)

func TestProfitTiers(t *testing.T) {
	// Profits (gross - service): 500, 300, 100, 60, 40, 0, -50, -200.
	gross := []int64{40, 600, 100, -50, 300, 0, 60, 0}
	service := []int64{0, 100, 0, 0, 0, 0, 0, 200}
	res, err := ProfitTiers(gross, service, ValueOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wantProfit := []int64{40, 500, 100, -50, 300, 0, 60, -200}
	if !slices.Equal(res.Profit, wantProfit) {
		t.Fatalf("profit %v, want %v", res.Profit, wantProfit)
	}
	// Positive profit 1000. Shares before each, by rank: 0 (500), .5 (300),
	// .8 (100), .9 (60), .96 (40). Cuts .5/.8/.95/1.
	want := map[int]Tier{
		1: TierImportant,       // 500, share before 0
		4: TierFairlyImportant, // 300, share before 0.5
		2: TierMinor,           // 100, share before 0.8
		6: TierMinor,           // 60, share before 0.9
		0: TierUnimportant,     // 40, share before 0.96
		5: TierToDrop, 3: TierToDrop, 7: TierToDrop,
	}
	for c, tier := range want {
		if res.Tier[c] != tier {
			t.Errorf("customer %d (profit %d): %s, want %s", c, res.Profit[c], res.Tier[c], tier)
		}
	}
	if res.TotalProfit != 750 || res.PositiveProfit != 1000 {
		t.Errorf("totals %d %d", res.TotalProfit, res.PositiveProfit)
	}
	// Top 20% of 8 customers = 2: 500 + 300 = 800 of 750 net.
	if res.Top20Customers != 2 || res.Top20Profit != 800 || !res.Top20ShareDefined || !relClose(res.Top20Share, 800.0/750, 1e-15) {
		t.Errorf("top 20%%: %d customers, %d profit, share %v", res.Top20Customers, res.Top20Profit, res.Top20Share)
	}
	if !slices.Equal(res.Unprofitable, []int32{7, 3}) {
		t.Errorf("unprofitable %v, want [7 3] (largest loss first)", res.Unprofitable)
	}
	if res.TierCustomers != [5]int{1, 1, 2, 1, 3} || res.TierProfit[TierToDrop] != -250 {
		t.Errorf("tier counts %v profits %v", res.TierCustomers, res.TierProfit)
	}
	// Curve: start, peak after the 5 profitable customers (1000/750), end.
	first, last := res.Curve[0], res.Curve[len(res.Curve)-1]
	if first.Customers != 0 || last.Customers != 8 || last.CumulativeProfit != 750 || !relClose(last.ProfitShare, 1, 1e-15) {
		t.Errorf("curve ends %+v %+v", first, last)
	}
	var peak CurvePoint
	for _, p := range res.Curve {
		if p.CumulativeProfit > peak.CumulativeProfit {
			peak = p
		}
	}
	if peak.Customers != 5 || peak.CumulativeProfit != 1000 {
		t.Errorf("curve peak %+v, want 5 customers and 1000", peak)
	}
	if e := res.Explain(2); e.Rank != 2 || e.Tier != TierMinor || !relClose(e.ShareBefore, 0.8, 1e-15) || e.GrossProfit != 100 {
		t.Errorf("explain: %+v", e)
	}
}

func TestProfitTiersCustomCuts(t *testing.T) {
	// A last cut below 1 sends the tail of positive profit to to_drop.
	profit := []int64{50, 30, 15, 4, 1}
	res, err := ProfitTiers(profit, nil, ValueOptions{Cuts: [4]float64{0.5, 0.8, 0.9, 0.97}})
	if err != nil {
		t.Fatal(err)
	}
	want := []Tier{TierImportant, TierFairlyImportant, TierMinor, TierUnimportant, TierToDrop}
	if !slices.Equal(res.Tier, want) {
		t.Errorf("tiers %v, want %v", res.Tier, want)
	}
	for _, cuts := range [][4]float64{{0.5, 0.4, 0.9, 1}, {0.5, 0.8, 0.9, 1.1}, {-0.1, 0.8, 0.9, 1}} {
		if _, err := ProfitTiers(profit, nil, ValueOptions{Cuts: cuts}); err == nil {
			t.Errorf("cuts %v accepted", cuts)
		}
	}
	if _, err := ProfitTiers(profit, []int64{1}, ValueOptions{}); err == nil {
		t.Error("ragged columns accepted")
	}
}

// TestProfitTiersProperties: on random data the ranking is a correct
// descending sort (ties by index), tiers never improve down the ranking,
// the curve is capped at 200 points and ends at the total.
func TestProfitTiersProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(3, 3))
	for trial := range 30 {
		n := rng.IntN(50000)
		spread := int64(1 + rng.IntN(1_000_000_000))
		profit := make([]int64, n)
		for i := range profit {
			profit[i] = rng.Int64N(spread) - spread/5
		}
		res, err := ProfitTiers(profit, nil, ValueOptions{})
		if err != nil {
			t.Fatal(err)
		}
		order := make([]int32, n)
		for c, r := range res.Rank {
			order[r] = int32(c)
		}
		for r := 1; r < n; r++ {
			a, b := order[r-1], order[r]
			if profit[a] < profit[b] || (profit[a] == profit[b] && a > b) {
				t.Fatalf("trial %d: rank %d (%d, customer %d) before (%d, customer %d)", trial, r, profit[a], a, profit[b], b)
			}
			if res.Tier[a] > res.Tier[b] {
				t.Fatalf("trial %d: tier improves down the ranking at %d", trial, r)
			}
		}
		if len(res.Curve) > 200 {
			t.Errorf("curve has %d points", len(res.Curve))
		}
		if n > 0 && res.Curve[len(res.Curve)-1].CumulativeProfit != res.TotalProfit {
			t.Errorf("curve ends at %d, total %d", res.Curve[len(res.Curve)-1].CumulativeProfit, res.TotalProfit)
		}
	}
}

func TestOrderDescendingExtremes(t *testing.T) {
	v := []int64{0, -1 << 63, 1<<63 - 1, 5, 5, -7}
	got := orderDescending(v)
	want := []int32{2, 3, 4, 0, 5, 1}
	if !slices.Equal(got, want) {
		t.Errorf("order %v, want %v", got, want)
	}
}
