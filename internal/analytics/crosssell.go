package analytics

import (
	"cmp"
	"fmt"
	"slices"
)

// Holdings is a column view of which customer holds (has bought) which
// product. Duplicate pairs are allowed and count once.
type Holdings struct {
	Customer []int64
	Product  []int64
}

// CrossSellOptions filters the association rules. Zero values take the
// defaults given with each field.
type CrossSellOptions struct {
	// MinCount is the least number of customers holding both products for
	// a pair to count (5): rarer pairs give lifts that are mostly noise.
	MinCount int
	// MinConfidence is the least P(B | A) for a rule A -> B (0: any).
	MinConfidence float64
	// MinLift is the least lift for a rule to be used or listed (1: only
	// pairs bought together more often than by chance).
	MinLift float64
}

// ProductRule is the association rule "customers holding A also hold B".
type ProductRule struct {
	A, B       int64
	Count      int     // customers holding both
	CountA     int     // customers holding A
	CountB     int     // customers holding B
	Support    float64 // Count / customers
	Confidence float64 // Count / CountA = P(B | A)
	Lift       float64 // Confidence / (CountB / customers)
}

// Recommendation is the next best product for a customer, with the rule
// behind it.
type Recommendation struct {
	Customer   int64
	Product    int64
	Because    int64 // the held product whose rule recommends it
	Lift       float64
	Confidence float64
}

// CrossSellResult holds the rules, the recommendations and the breadth of
// holdings.
type CrossSellResult struct {
	Customers int
	Products  int
	// Rules passing the filters, by lift, then confidence, then count.
	Rules []ProductRule
	// NextBest has one entry per customer that some rule applies to, in the
	// order customers first appear in the input.
	NextBest []Recommendation
	// MultiProductShare is the share of customers holding two or more
	// products (seed 000's cross-sell measure); MeanProducts the mean
	// number of products held.
	MultiProductShare float64
	MeanProducts      float64
}

// CrossSell mines product pairs from holdings: support, confidence and lift
// for every rule A -> B that passes the filters, and for each customer the
// product not yet held with the strongest rule from a product held (highest
// lift, then confidence, then count, then smaller product id).
func CrossSell(h Holdings, opt CrossSellOptions) (*CrossSellResult, error) {
	if len(h.Product) != len(h.Customer) {
		return nil, fmt.Errorf("analytics: cross-sell: %d customers and %d products", len(h.Customer), len(h.Product))
	}
	if opt.MinCount <= 0 {
		opt.MinCount = 5
	}
	if opt.MinLift == 0 {
		opt.MinLift = 1
	}
	// Dense ids in order of first appearance.
	custID, prodID := map[int64]int32{}, map[int64]int32{}
	var custs, prods []int64
	type hold struct{ c, p int32 }
	pairs := make([]hold, len(h.Customer))
	for i, c := range h.Customer {
		ci, ok := custID[c]
		if !ok {
			ci = int32(len(custs))
			custID[c] = ci
			custs = append(custs, c)
		}
		p := h.Product[i]
		pi, ok := prodID[p]
		if !ok {
			pi = int32(len(prods))
			prodID[p] = pi
			prods = append(prods, p)
		}
		pairs[i] = hold{ci, pi}
	}
	slices.SortFunc(pairs, func(a, b hold) int {
		return cmp.Or(cmp.Compare(a.c, b.c), cmp.Compare(a.p, b.p))
	})
	pairs = slices.Compact(pairs)
	nc, np := len(custs), len(prods)
	res := &CrossSellResult{Customers: nc, Products: np}
	if nc == 0 {
		return res, nil
	}
	// basketStart[c]..basketStart[c+1] indexes customer c's sorted products.
	basketStart := make([]int, nc+1)
	basket := make([]int32, len(pairs))
	itemCount := make([]int, np)
	for i, hp := range pairs {
		basketStart[hp.c+1]++
		basket[i] = hp.p
		itemCount[hp.p]++
	}
	multi := 0
	for c := range nc {
		if basketStart[c+1] >= 2 {
			multi++
		}
		basketStart[c+1] += basketStart[c]
	}
	res.MultiProductShare = float64(multi) / float64(nc)
	res.MeanProducts = float64(len(pairs)) / float64(nc)

	// Count co-holdings of each unordered pair (i < j).
	pairCount := map[uint64]int{}
	for c := range nc {
		b := basket[basketStart[c]:basketStart[c+1]]
		for x := range b {
			for y := x + 1; y < len(b); y++ {
				i, j := min(b[x], b[y]), max(b[x], b[y])
				pairCount[uint64(i)<<32|uint64(j)]++
			}
		}
	}
	// Rules in both directions, and per antecedent the rules by strength.
	byA := make([][]int, np)
	var ruleB []int32 // dense id of each rule's B, for the basket lookups
	n := float64(nc)
	for key, cnt := range pairCount {
		if cnt < opt.MinCount {
			continue
		}
		i, j := int32(key>>32), int32(key&0xffffffff)
		for _, dir := range [2][2]int32{{i, j}, {j, i}} {
			a, b := dir[0], dir[1]
			conf := float64(cnt) / float64(itemCount[a])
			lift := conf / (float64(itemCount[b]) / n)
			if conf < opt.MinConfidence || lift < opt.MinLift {
				continue
			}
			res.Rules = append(res.Rules, ProductRule{
				A: prods[a], B: prods[b], Count: cnt, CountA: itemCount[a], CountB: itemCount[b],
				Support: float64(cnt) / n, Confidence: conf, Lift: lift,
			})
			ruleB = append(ruleB, b)
			byA[a] = append(byA[a], len(res.Rules)-1)
		}
	}
	stronger := func(x, y ProductRule) int {
		return cmp.Or(-cmp.Compare(x.Lift, y.Lift), -cmp.Compare(x.Confidence, y.Confidence),
			-cmp.Compare(x.Count, y.Count), cmp.Compare(x.A, y.A), cmp.Compare(x.B, y.B))
	}
	for a := range byA {
		slices.SortFunc(byA[a], func(x, y int) int { return stronger(res.Rules[x], res.Rules[y]) })
	}
	// Next best product: for each held product, the strongest rule to a
	// product not held; then the strongest of those.
	for c := range nc {
		b := basket[basketStart[c]:basketStart[c+1]]
		best := -1
		for _, a := range b {
			for _, r := range byA[a] {
				if _, held := slices.BinarySearch(b, ruleB[r]); held {
					continue
				}
				if best < 0 || stronger(res.Rules[r], res.Rules[best]) < 0 {
					best = r
				}
				break
			}
		}
		if best >= 0 {
			r := res.Rules[best]
			res.NextBest = append(res.NextBest, Recommendation{Customer: custs[c], Product: r.B, Because: r.A, Lift: r.Lift, Confidence: r.Confidence})
		}
	}
	// Rule order for the listing (indices in byA are no longer needed).
	slices.SortFunc(res.Rules, stronger)
	return res, nil
}
