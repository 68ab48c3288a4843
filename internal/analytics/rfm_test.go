package analytics

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"strings"
	"testing"
)

// referenceScores scores a column the slow, obvious way: rank by (value,
// index) for TiesByIndex, count strictly smaller values for TiesShared.
func referenceScores(col []int64, ties TieRule) []uint8 {
	n := len(col)
	idx := make([]int, n)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int {
		switch {
		case col[a] < col[b]:
			return -1
		case col[a] > col[b]:
			return 1
		}
		return 0
	})
	out := make([]uint8, n)
	less := 0
	for rank, i := range idx {
		if rank > 0 && col[idx[rank-1]] < col[i] {
			less = rank
		}
		r := rank
		if ties == TiesShared {
			r = less
		}
		out[i] = uint8(1 + 5*r/n)
	}
	return out
}

// randomRFM draws customers whose columns have the given number of distinct
// values (few distinct values force heavy ties).
func randomRFM(rng *rand.Rand, n, distinct int) RFMInput {
	in := RFMInput{AsOf: 1_800_000_000, LastOrder: make([]int64, n), Frequency: make([]int64, n), Monetary: make([]int64, n)}
	for i := range n {
		in.LastOrder[i] = in.AsOf - int64(rng.IntN(distinct))*86400
		in.Frequency[i] = int64(rng.IntN(distinct))
		in.Monetary[i] = int64(rng.IntN(distinct)-distinct/3) * 1000
	}
	return in
}

func TestRFMScoresMatchReference(t *testing.T) {
	rng := rand.New(rand.NewPCG(42, 1))
	for trial := range 200 {
		n := rng.IntN(60)
		if trial%20 == 0 {
			n = 3*blockSize + rng.IntN(blockSize) // several blocks: ordinals cross block edges
		}
		distinct := 1 + rng.IntN(40)
		in := randomRFM(rng, n, distinct)
		for _, ties := range []TieRule{TiesByIndex, TiesShared} {
			res, err := RFMScores(in, RFMOptions{Ties: ties})
			if err != nil {
				t.Fatal(err)
			}
			for d, got := range [][]uint8{res.R, res.F, res.M} {
				want := referenceScores([][]int64{in.LastOrder, in.Frequency, in.Monetary}[d], ties)
				if !slices.Equal(got, want) {
					i := firstDiff(got, want)
					t.Fatalf("trial %d n=%d distinct=%d ties=%d dim %d: customer %d scored %d, reference %d", trial, n, distinct, ties, d, i, got[i], want[i])
				}
			}
		}
	}
}

func firstDiff(a, b []uint8) int {
	for i := range a {
		if a[i] != b[i] {
			return i
		}
	}
	return -1
}

// TestRFMProperties checks the properties the scores promise, on random
// inputs: scores in 1..5; quintile sizes exactly balanced with TiesByIndex
// and balanced up to the tie group at each boundary with TiesShared; equal
// values share a score with TiesShared; a more recent customer never has a
// lower R; and the result does not depend on the number of cores.
func TestRFMProperties(t *testing.T) {
	rng := rand.New(rand.NewPCG(7, 7))
	for trial := range 40 {
		n := 1 + rng.IntN(3*blockSize)
		in := randomRFM(rng, n, 1+rng.IntN(500))
		for _, ties := range []TieRule{TiesByIndex, TiesShared} {
			res, err := RFMScores(in, RFMOptions{Ties: ties})
			if err != nil {
				t.Fatal(err)
			}
			cols := [3][]int64{in.LastOrder, in.Frequency, in.Monetary}
			for d, sc := range [3][]uint8{res.R, res.F, res.M} {
				var size [6]int
				for _, s := range sc {
					if s < 1 || s > 5 {
						t.Fatalf("score %d out of range", s)
					}
					size[s]++
				}
				below := 0
				for k := 1; k <= 4; k++ {
					below += size[k]
					bound := (k*n + 4) / 5
					if ties == TiesByIndex && below != bound {
						t.Errorf("trial %d dim %d: %d customers score <= %d, want exactly %d", trial, d, below, k, bound)
					}
					if ties == TiesShared {
						// The group of customers holding the boundary value may
						// move as a whole; nobody else may.
						v := slices.Sorted(slices.Values(cols[d]))[min(bound, n-1)]
						group := 0
						for _, x := range cols[d] {
							if x == v {
								group++
							}
						}
						if below < bound-group || below > bound+group {
							t.Errorf("trial %d dim %d: %d customers score <= %d, bound %d, tie group %d", trial, d, below, k, bound, group)
						}
					}
				}
			}
			// Monotone in recency (checked on a sample of pairs).
			for range 2000 {
				i, j := rng.IntN(n), rng.IntN(n)
				if in.LastOrder[i] > in.LastOrder[j] && res.R[i] < res.R[j] {
					t.Fatalf("customer %d ordered later than %d but R %d < %d", i, j, res.R[i], res.R[j])
				}
				if ties == TiesShared && in.Frequency[i] == in.Frequency[j] && res.F[i] != res.F[j] {
					t.Fatalf("equal frequencies scored %d and %d", res.F[i], res.F[j])
				}
			}
			// Deterministic, whatever the core count.
			prev := runtime.GOMAXPROCS(1)
			again, err := RFMScores(in, RFMOptions{Ties: ties})
			runtime.GOMAXPROCS(prev)
			if err != nil || !slices.Equal(again.R, res.R) || !slices.Equal(again.F, res.F) ||
				!slices.Equal(again.M, res.M) || !slices.Equal(again.Segment, res.Segment) || again.FM != res.FM {
				t.Fatalf("trial %d: single-core run differs", trial)
			}
		}
	}
}

func TestRFMSegments(t *testing.T) {
	table, names, err := segmentTable(DefaultSegmentRules, true)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(names, defaultSegmentOrder) {
		t.Errorf("names %v: every default cell must be covered, in the documented order", names)
	}
	grid := [5][5]string{ // R 5..1 by F 1..5, as documented on DefaultSegmentRules
		{SegmentNew, SegmentPotentialLoyalist, SegmentPotentialLoyalist, SegmentChampions, SegmentChampions},
		{SegmentPromising, SegmentPotentialLoyalist, SegmentPotentialLoyalist, SegmentLoyal, SegmentChampions},
		{SegmentAboutToSleep, SegmentAboutToSleep, SegmentNeedAttention, SegmentLoyal, SegmentLoyal},
		{SegmentHibernating, SegmentHibernating, SegmentAtRisk, SegmentAtRisk, SegmentCantLoseThem},
		{SegmentLost, SegmentLost, SegmentAtRisk, SegmentAtRisk, SegmentCantLoseThem},
	}
	for row, r := range []int{5, 4, 3, 2, 1} {
		for f := 1; f <= 5; f++ {
			for m := 1; m <= 5; m++ {
				got := names[table[(r-1)*25+(f-1)*5+(m-1)]]
				if got != grid[row][f-1] {
					t.Errorf("R%d F%d M%d: %s, want %s", r, f, m, got, grid[row][f-1])
				}
			}
		}
	}
	// A custom table: first match wins, uncovered cells are unclassified.
	rules := []SegmentRule{
		{Segment: "whales", M: ScoreRange{5, 5}},
		{Segment: "recent", R: ScoreRange{4, 5}},
		{Segment: "whales_too", M: ScoreRange{4, 5}},
	}
	table, names, err = segmentTable(rules, false)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		r, f, m int
		want    string
	}{{5, 1, 5, "whales"}, {5, 1, 4, "recent"}, {1, 1, 4, "whales_too"}, {1, 1, 1, SegmentUnclassified}} {
		if got := names[table[(c.r-1)*25+(c.f-1)*5+(c.m-1)]]; got != c.want {
			t.Errorf("R%d F%d M%d: %s, want %s", c.r, c.f, c.m, got, c.want)
		}
	}
	if _, _, err := segmentTable([]SegmentRule{{Segment: "x", R: ScoreRange{0, 6}}}, false); err == nil {
		t.Error("range 0-6 accepted")
	}
}

func TestRFMViewsAndExplain(t *testing.T) {
	const day = 86400
	asOf := int64(1_800_000_000)
	// Ten customers: i bought i days ago, i+1 times, for 100*(i+1).
	in := RFMInput{AsOf: asOf}
	var total int64
	for i := range 10 {
		in.LastOrder = append(in.LastOrder, asOf-int64(i)*day)
		in.Frequency = append(in.Frequency, int64(10-i))
		in.Monetary = append(in.Monetary, int64(100*(i+1)))
		total += int64(100 * (i + 1))
	}
	res, err := RFMScores(in, RFMOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Two customers per quintile; customer 0 is the most recent and
	// frequent, the least monetary.
	if got := res.Explain(0); got.R != 5 || got.F != 5 || got.M != 1 || got.Segment != SegmentChampions || got.RecencyDays != 0 || got.Frequency != 10 {
		t.Errorf("customer 0: %+v", got)
	}
	if got := res.Explain(9); got.R != 1 || got.F != 1 || got.M != 5 || got.Segment != SegmentLost || got.RecencyDays != 9 {
		t.Errorf("customer 9: %+v", got)
	}
	var fmCount, frCount int
	var fmMoney int64
	for f := range 5 {
		for x := range 5 {
			fmCount += res.FM[f][x].Customers
			fmMoney += res.FM[f][x].Monetary
			frCount += res.FR[f][x]
		}
	}
	if fmCount != 10 || frCount != 10 || fmMoney != total {
		t.Errorf("views hold %d/%d customers and %d money, want 10 and %d", fmCount, frCount, fmMoney, total)
	}
	// Frequency runs opposite to recency: everyone sits on the F = R diagonal.
	for s := range 5 {
		if res.FR[s][s] != 2 {
			t.Errorf("FR[%d][%d] = %d, want 2", s, s, res.FR[s][s])
		}
	}
	// Bands explain each score: F=5 is 9..10 orders, recency score 5 is 0..1 days.
	if b := res.Bands[1][4]; b.Min != 9 || b.Max != 10 || b.Customers != 2 {
		t.Errorf("F=5 band %+v", b)
	}
	if b := res.Bands[0][4]; b.Min != 0 || b.Max != 1 {
		t.Errorf("R=5 band %+v", b)
	}
	var segTotal int
	for _, c := range res.SegmentCounts {
		segTotal += c
	}
	if segTotal != 10 {
		t.Errorf("segment counts sum to %d", segTotal)
	}
}

func TestRFMErrors(t *testing.T) {
	tests := []struct {
		name string
		in   RFMInput
		msg  string
	}{
		{"ragged", RFMInput{LastOrder: []int64{1}, Frequency: []int64{1, 2}, Monetary: []int64{1}}, "differ in length"},
		{"future order", RFMInput{AsOf: 10, LastOrder: []int64{11}, Frequency: []int64{1}, Monetary: []int64{1}}, "after the as-of date"},
		{"negative frequency", RFMInput{AsOf: 10, LastOrder: []int64{1}, Frequency: []int64{-1}, Monetary: []int64{1}}, "negative frequency"},
	}
	for _, tc := range tests {
		if _, err := RFMScores(tc.in, RFMOptions{}); err == nil || !strings.Contains(err.Error(), tc.msg) {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
	res, err := RFMScores(RFMInput{}, RFMOptions{})
	if err != nil || len(res.R) != 0 {
		t.Errorf("empty input: %v %v", res, err)
	}
}
