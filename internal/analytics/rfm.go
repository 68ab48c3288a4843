package analytics

import (
	"fmt"
	"math"
	"sync"
)

// RFMInput holds per-customer columns for one analysis window, as the
// per-customer stats tables keep them. Customers who never ordered have no
// RFM score: leave them out.
type RFMInput struct {
	AsOf      int64   // evaluation instant, Unix seconds
	LastOrder []int64 // each customer's last order, Unix seconds, <= AsOf
	Frequency []int64 // orders in the window
	Monetary  []int64 // spend in the window, minor units (may be negative after refunds)
}

// TieRule decides how customers with equal values are split between
// quintiles.
type TieRule uint8

const (
	// TiesByIndex orders equal values by customer index, so every quintile
	// holds exactly n/5 customers (rounded) and two customers with the same
	// value can differ by one score. This is the textbook RFM (sort the
	// file, cut it in fifths; pandas' rank(method="first")).
	TiesByIndex TieRule = iota
	// TiesShared gives equal values equal scores: the score of the lowest
	// rank in their group. Quintiles are then balanced only up to ties
	// (with 60% one-order customers, F=1 holds 60% and F=2, F=3 may be
	// empty), but every score can be explained by the value alone.
	TiesShared
)

// ScoreRange is an inclusive range of scores; the zero value matches any.
type ScoreRange struct{ Min, Max uint8 }

func (r ScoreRange) match(s uint8) bool {
	if r.Min == 0 && r.Max == 0 {
		return true
	}
	return s >= r.Min && s <= r.Max
}

// SegmentRule names the customers whose scores fall in all three ranges.
type SegmentRule struct {
	Segment string
	R, F, M ScoreRange
}

// The default segment names. They are identifiers; the UI translates them.
const (
	SegmentChampions         = "champions"
	SegmentLoyal             = "loyal"
	SegmentPotentialLoyalist = "potential_loyalist"
	SegmentNew               = "new"
	SegmentPromising         = "promising"
	SegmentNeedAttention     = "need_attention"
	SegmentAboutToSleep      = "about_to_sleep"
	SegmentAtRisk            = "at_risk"
	SegmentCantLoseThem      = "cant_lose_them"
	SegmentHibernating       = "hibernating"
	SegmentLost              = "lost"
	// SegmentUnclassified holds customers no rule of a custom table matches.
	SegmentUnclassified = "unclassified"
)

// DefaultSegmentRules maps the recency x frequency grid to named segments
// (monetary is left to the frequency x monetary view). Rows are R, columns F:
//
//	R\F  1               2                   3                   4               5
//	5    new             potential_loyalist  potential_loyalist  champions       champions
//	4    promising       potential_loyalist  potential_loyalist  loyal           champions
//	3    about_to_sleep  about_to_sleep      need_attention      loyal           loyal
//	2    hibernating     hibernating         at_risk             at_risk         cant_lose_them
//	1    lost            lost                at_risk             at_risk         cant_lose_them
//
// Recent buyers are split by how often they buy (new -> potential ->
// champions), lapsing frequent buyers are the ones worth a call (at risk,
// can't lose), lapsing rare buyers are hibernating or lost.
var DefaultSegmentRules = []SegmentRule{
	{Segment: SegmentChampions, R: ScoreRange{5, 5}, F: ScoreRange{4, 5}},
	{Segment: SegmentChampions, R: ScoreRange{4, 4}, F: ScoreRange{5, 5}},
	{Segment: SegmentLoyal, R: ScoreRange{3, 4}, F: ScoreRange{4, 5}},
	{Segment: SegmentPotentialLoyalist, R: ScoreRange{4, 5}, F: ScoreRange{2, 3}},
	{Segment: SegmentNew, R: ScoreRange{5, 5}, F: ScoreRange{1, 1}},
	{Segment: SegmentPromising, R: ScoreRange{4, 4}, F: ScoreRange{1, 1}},
	{Segment: SegmentNeedAttention, R: ScoreRange{3, 3}, F: ScoreRange{3, 3}},
	{Segment: SegmentAboutToSleep, R: ScoreRange{3, 3}, F: ScoreRange{1, 2}},
	{Segment: SegmentCantLoseThem, R: ScoreRange{1, 2}, F: ScoreRange{5, 5}},
	{Segment: SegmentAtRisk, R: ScoreRange{1, 2}, F: ScoreRange{3, 4}},
	{Segment: SegmentHibernating, R: ScoreRange{2, 2}, F: ScoreRange{1, 2}},
	{Segment: SegmentLost, R: ScoreRange{1, 1}, F: ScoreRange{1, 2}},
}

// defaultSegmentOrder is the order of the default segments in results, from
// best to worst, so the UI can list them without sorting.
var defaultSegmentOrder = []string{
	SegmentChampions, SegmentLoyal, SegmentPotentialLoyalist, SegmentNew, SegmentPromising,
	SegmentNeedAttention, SegmentAboutToSleep, SegmentAtRisk, SegmentCantLoseThem,
	SegmentHibernating, SegmentLost,
}

// RFMOptions tunes RFMScores. The zero value uses TiesByIndex and
// DefaultSegmentRules.
type RFMOptions struct {
	Ties TieRule
	// Rules is an ordered rule table: the first rule whose three ranges
	// match a customer's scores names its segment. Nil means
	// DefaultSegmentRules.
	Rules []SegmentRule
}

// ScoreBand is the range of input values that received one score: the
// explanation of a quintile ("F=5 means 7 to 53 orders"). With TiesByIndex
// neighbouring bands can share their boundary value.
type ScoreBand struct {
	Customers int
	Min, Max  int64 // input value range (for recency: days since the last order)
}

// RFMCell is one cell of the frequency x monetary view.
type RFMCell struct {
	Customers int
	Monetary  int64 // total spend of the cell's customers, minor units
}

// RFMResult holds the scores and segments of every customer plus the
// summaries built in the same pass.
type RFMResult struct {
	R, F, M      []uint8 // scores 1..5 per customer; 5 = most recent / most frequent / highest spend
	Segment      []uint8 // index into SegmentNames per customer
	SegmentNames []string
	// SegmentCounts[k] is the number of customers in SegmentNames[k].
	SegmentCounts []int
	// Bands[d][s-1] explains score s of dimension d (0 recency in days,
	// 1 frequency, 2 monetary).
	Bands [3][5]ScoreBand
	// FM is the frequency x monetary view, FM[F-1][M-1]: what customers are worth.
	FM [5][5]RFMCell
	// FR is the frequency x recency churn view, FR[F-1][R-1]: who is leaving
	// (high F, low R).
	FR   [5][5]int
	Ties TieRule

	in RFMInput
}

// RFMScore explains one customer's scores.
type RFMScore struct {
	Customer    int
	RecencyDays float64
	Frequency   int64
	Monetary    int64
	R, F, M     uint8
	Segment     string
}

// Explain returns customer i's inputs next to its scores and segment. It
// reads the input columns, which must not have changed since RFMScores.
func (r *RFMResult) Explain(i int) RFMScore {
	return RFMScore{
		Customer:    i,
		RecencyDays: float64(r.in.AsOf-r.in.LastOrder[i]) / 86400,
		Frequency:   r.in.Frequency[i],
		Monetary:    r.in.Monetary[i],
		R:           r.R[i], F: r.F[i], M: r.M[i],
		Segment: r.SegmentNames[r.Segment[i]],
	}
}

// quintileCuts describes how one column maps to scores. A customer with
// value v scores 1 + #{k : above(k, v, ordinal)}.
type quintileCuts struct {
	byIndex bool
	// TiesShared: score > k+1 iff v > shared[k].
	shared [4]int64
	// TiesByIndex: score > k+1 iff v > value[k], or v == value[k] and the
	// customer is at least the need[k]-th customer (in index order) with
	// that value. reachable[k] is false when the quintile is empty (n < 5).
	value     [4]int64
	need      [4]int64
	reachable [4]bool
}

// RFMScores scores every customer 1-5 on recency, frequency and monetary
// value by quintile, names its segment, and builds the frequency x monetary
// and frequency x recency views, in a few passes over the columns (parallel
// over cores, nothing allocated per customer).
func RFMScores(in RFMInput, opt RFMOptions) (*RFMResult, error) {
	n := len(in.LastOrder)
	if len(in.Frequency) != n || len(in.Monetary) != n {
		return nil, fmt.Errorf("analytics: RFM columns differ in length (last order %d, frequency %d, monetary %d)", n, len(in.Frequency), len(in.Monetary))
	}
	if n > math.MaxInt32 {
		return nil, fmt.Errorf("analytics: RFM: %d customers exceed the supported %d", n, math.MaxInt32)
	}
	rules := opt.Rules
	if rules == nil {
		rules = DefaultSegmentRules
	}
	table, names, err := segmentTable(rules, opt.Rules == nil)
	if err != nil {
		return nil, err
	}
	res := &RFMResult{
		R: make([]uint8, n), F: make([]uint8, n), M: make([]uint8, n), Segment: make([]uint8, n),
		SegmentNames: names, SegmentCounts: make([]int, len(names)), Ties: opt.Ties, in: in,
	}
	if n == 0 {
		return res, nil
	}
	// Validate while looking for a last order in the future.
	bad := make([]int, numBlocks(n))
	forEachBlock(n, func(block, lo, hi int) {
		bad[block] = -1
		for i := lo; i < hi; i++ {
			if in.LastOrder[i] > in.AsOf || in.Frequency[i] < 0 {
				bad[block] = i
				return
			}
		}
	})
	for _, i := range bad {
		if i >= 0 {
			return nil, fmt.Errorf("analytics: RFM: customer %d has its last order after the as-of date or a negative frequency (last %d, as of %d, frequency %d)",
				i, in.LastOrder[i], in.AsOf, in.Frequency[i])
		}
	}

	cols := [3][]int64{in.LastOrder, in.Frequency, in.Monetary}
	var cuts [3]quintileCuts
	var wg sync.WaitGroup
	for d := range 3 {
		wg.Go(func() { cuts[d] = newQuintileCuts(cols[d], opt.Ties) })
	}
	wg.Wait()

	// With TiesByIndex, each block must know how many customers before it
	// share each boundary value: count per block, then prefix-sum.
	nb := numBlocks(n)
	var startOrd [][3][4]int64
	if opt.Ties == TiesByIndex {
		startOrd = make([][3][4]int64, nb)
		forEachBlock(n, func(block, lo, hi int) {
			var eq [3][4]int64
			for d := range 3 {
				c := &cuts[d]
				col := cols[d][lo:hi]
				for k := range 4 {
					if !c.reachable[k] || (k > 0 && c.value[k] == c.value[k-1]) {
						continue
					}
					v := c.value[k]
					var cnt int64
					for _, x := range col {
						if x == v {
							cnt++
						}
					}
					eq[d][k] = cnt
				}
				for k := 1; k < 4; k++ {
					if c.reachable[k] && c.value[k] == c.value[k-1] {
						eq[d][k] = eq[d][k-1]
					}
				}
			}
			startOrd[block] = eq
		})
		var run [3][4]int64
		for b := range nb {
			eq := startOrd[b]
			startOrd[b] = run
			for d := range 3 {
				for k := range 4 {
					run[d][k] += eq[d][k]
				}
			}
		}
	}

	type partial struct {
		segCounts []int
		bands     [3][5]ScoreBand
		fm        [5][5]RFMCell
		fr        [5][5]int
	}
	parts := make([]partial, nb)
	forEachBlock(n, func(block, lo, hi int) {
		p := &parts[block]
		p.segCounts = make([]int, len(names))
		for d := range 3 {
			for s := range 5 {
				p.bands[d][s] = ScoreBand{Min: math.MaxInt64, Max: math.MinInt64}
			}
		}
		var ord [3][4]int64
		if startOrd != nil {
			ord = startOrd[block]
		}
		for i := lo; i < hi; i++ {
			var sc [3]uint8
			for d := range 3 {
				sc[d] = cuts[d].score(cols[d][i], &ord[d])
			}
			r, f, m := sc[0], sc[1], sc[2]
			res.R[i], res.F[i], res.M[i] = r, f, m
			seg := table[(r-1)*25+(f-1)*5+(m-1)]
			res.Segment[i] = seg
			p.segCounts[seg]++
			recencyDays := (in.AsOf - in.LastOrder[i]) / 86400
			vals := [3]int64{recencyDays, in.Frequency[i], in.Monetary[i]}
			for d := range 3 {
				b := &p.bands[d][sc[d]-1]
				b.Customers++
				b.Min = min(b.Min, vals[d])
				b.Max = max(b.Max, vals[d])
			}
			cell := &p.fm[f-1][m-1]
			cell.Customers++
			cell.Monetary += in.Monetary[i]
			p.fr[f-1][r-1]++
		}
	})
	for d := range 3 {
		for s := range 5 {
			res.Bands[d][s] = ScoreBand{Min: math.MaxInt64, Max: math.MinInt64}
		}
	}
	for b := range parts {
		p := &parts[b]
		for k, c := range p.segCounts {
			res.SegmentCounts[k] += c
		}
		for d := range 3 {
			for s := range 5 {
				src, dst := p.bands[d][s], &res.Bands[d][s]
				dst.Customers += src.Customers
				dst.Min = min(dst.Min, src.Min)
				dst.Max = max(dst.Max, src.Max)
			}
		}
		for f := range 5 {
			for x := range 5 {
				res.FM[f][x].Customers += p.fm[f][x].Customers
				res.FM[f][x].Monetary += p.fm[f][x].Monetary
				res.FR[f][x] += p.fr[f][x]
			}
		}
	}
	for d := range 3 {
		for s := range 5 {
			if res.Bands[d][s].Customers == 0 {
				res.Bands[d][s].Min, res.Bands[d][s].Max = 0, 0
			}
		}
	}
	return res, nil
}

// newQuintileCuts finds the order statistics that separate the quintiles of
// col: with B_k = ceil(k n / 5), score > k iff the customer's rank (0-based,
// ascending by value, then by index with TiesByIndex) is at least B_k.
func newQuintileCuts(col []int64, ties TieRule) quintileCuts {
	n := len(col)
	var c quintileCuts
	c.byIndex = ties == TiesByIndex
	var bounds [4]int
	for k := range 4 {
		bounds[k] = ((k+1)*n + 4) / 5 // ceil((k+1) n / 5)
	}
	scratch := make([]int64, n)
	copy(scratch, col)
	var ranks []int
	for k := range 4 {
		if c.byIndex {
			if bounds[k] < n {
				ranks = appendRank(ranks, bounds[k])
			}
		} else if bounds[k] >= 1 {
			ranks = appendRank(ranks, bounds[k]-1)
		}
	}
	vals := make([]int64, len(ranks))
	less := make([]int64, len(ranks))
	selectRanks(scratch, ranks, vals, less)
	at := func(rank int) int {
		for j, r := range ranks {
			if r == rank {
				return j
			}
		}
		panic("analytics: rank not selected")
	}
	for k := range 4 {
		if c.byIndex {
			if bounds[k] >= n {
				continue
			}
			j := at(bounds[k])
			c.reachable[k] = true
			c.value[k] = vals[j]
			// need[k] = B_k - #{v < value[k]}: how many customers with
			// the boundary value (in index order) stay below the boundary.
			c.need[k] = int64(bounds[k]) - less[j]
		} else {
			c.shared[k] = vals[at(bounds[k]-1)]
		}
	}
	return c
}

func appendRank(ranks []int, r int) []int {
	if len(ranks) > 0 && ranks[len(ranks)-1] == r {
		return ranks
	}
	return append(ranks, r)
}

// score returns the 1-5 score of value v. ord carries, per boundary, how
// many customers with the boundary value came before this one; score
// advances it.
func (c *quintileCuts) score(v int64, ord *[4]int64) uint8 {
	s := uint8(1)
	if !c.byIndex {
		for k := range 4 {
			if v > c.shared[k] {
				s++
			}
		}
		return s
	}
	seen := false
	for k := range 4 {
		if !c.reachable[k] {
			continue
		}
		switch {
		case v > c.value[k]:
			s++
		case v == c.value[k]:
			if ord[k] >= c.need[k] {
				s++
			}
			seen = true
		}
	}
	if seen {
		for k := range 4 {
			if c.reachable[k] && v == c.value[k] {
				ord[k]++
			}
		}
	}
	return s
}

// segmentTable resolves the rule table into a lookup by (R, F, M) and the
// list of segment names in result order.
func segmentTable(rules []SegmentRule, isDefault bool) ([125]uint8, []string, error) {
	var table [125]uint8
	var names []string
	index := map[string]uint8{}
	add := func(name string) uint8 {
		if k, ok := index[name]; ok {
			return k
		}
		k := uint8(len(names))
		index[name] = k
		names = append(names, name)
		return k
	}
	if isDefault {
		for _, s := range defaultSegmentOrder {
			add(s)
		}
	}
	for i, rule := range rules {
		if rule.Segment == "" {
			return table, nil, fmt.Errorf("analytics: RFM rule %d has no segment name", i)
		}
		for _, r := range [...]ScoreRange{rule.R, rule.F, rule.M} {
			if (r.Min != 0 || r.Max != 0) && (r.Min < 1 || r.Max > 5 || r.Min > r.Max) {
				return table, nil, fmt.Errorf("analytics: RFM rule %d (%s): score range %d-%d is not within 1-5", i, rule.Segment, r.Min, r.Max)
			}
		}
		if len(names) >= 250 {
			return table, nil, fmt.Errorf("analytics: RFM rule table names more than 250 segments")
		}
		add(rule.Segment)
	}
	unmatched := false
	for r := uint8(1); r <= 5; r++ {
		for f := uint8(1); f <= 5; f++ {
			for m := uint8(1); m <= 5; m++ {
				cell := (r-1)*25 + (f-1)*5 + (m - 1)
				found := false
				for _, rule := range rules {
					if rule.R.match(r) && rule.F.match(f) && rule.M.match(m) {
						table[cell] = index[rule.Segment]
						found = true
						break
					}
				}
				if !found {
					unmatched = true
					table[cell] = 255
				}
			}
		}
	}
	if unmatched {
		k := add(SegmentUnclassified)
		for i := range table {
			if table[i] == 255 {
				table[i] = k
			}
		}
	}
	return table, names, nil
}
