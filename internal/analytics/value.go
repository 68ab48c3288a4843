package analytics

import (
	"fmt"
	"math"
	"slices"
)

// Tier is a customer value tier from the Pareto (ABC) analysis of profit.
type Tier uint8

// The five value tiers, best first.
const (
	TierImportant       Tier = iota // 重要客户: the few customers that make most of the profit
	TierFairlyImportant             // 比较重要客户
	TierMinor                       // 次要客户
	TierUnimportant                 // 不重要客户: the long tail of small profits
	TierToDrop                      // 应淘汰客户: customers that lose money (and any the cuts put here)
)

var tierNames = [...]string{"important", "fairly_important", "minor", "unimportant", "to_drop"}

// String returns the tier's identifier (the UI translates it).
func (t Tier) String() string {
	if int(t) < len(tierNames) {
		return tierNames[t]
	}
	return fmt.Sprintf("tier(%d)", uint8(t))
}

// DefaultTierCuts are the default cumulative shares of positive profit that
// close the first four tiers. Customers are ranked by profit; walking down the
// ranking, a customer belongs to the first tier whose cut is above the share
// of positive profit made by the customers ranked before it:
//
//	important         the customers making the first 50% of profit
//	fairly_important  the next 30% (to 80%: the classic A class ends here)
//	minor             the next 15% (to 95%)
//	unimportant       the last 5% of positive profit
//	to_drop           every customer with zero or negative profit
//
// So the customer that crosses a cut still belongs to the upper tier, and a
// single customer making 60% of profit is "important" on its own.
var DefaultTierCuts = [4]float64{0.5, 0.8, 0.95, 1}

// ValueOptions tunes ProfitTiers. The zero value uses DefaultTierCuts and a
// 200-point curve.
type ValueOptions struct {
	// Cuts close the tiers important..unimportant; ascending, in (0, 1].
	// A last cut below 1 sends the customers making the last (1-cut) of
	// positive profit to to_drop as well.
	Cuts [4]float64
	// CurvePoints caps the Pareto curve's points (at most 200, the default).
	CurvePoints int
}

// CurvePoint is one point of the Pareto (whale) curve: after the Customers
// most profitable customers, CumulativeProfit has been made.
type CurvePoint struct {
	Customers        int
	CustomerShare    float64 // Customers / all customers
	CumulativeProfit int64   // minor units
	// ProfitShare is CumulativeProfit / total profit, which rises above 1
	// where unprofitable customers start pulling the total down (the
	// "whale curve"). When total profit is not positive it is relative to
	// the positive profit instead.
	ProfitShare float64
}

// ValueResult is the profitability analysis of a customer base.
type ValueResult struct {
	Profit []int64 // per customer: gross profit - service cost, minor units
	Tier   []Tier  // per customer
	Rank   []int32 // per customer: 0 for the most profitable

	TotalProfit    int64 // sum of all profits (net of losses)
	PositiveProfit int64 // sum of the positive profits (the base of the tier cuts)
	Cuts           [4]float64
	TierCustomers  [5]int   // customers per tier
	TierProfit     [5]int64 // profit per tier

	// The top 20% of customers by profit (ceil(n/5) customers).
	Top20Customers int
	Top20Profit    int64
	// Top20Share is Top20Profit / TotalProfit; it exceeds 1 when the rest
	// lose money in total. Zero, with Top20ShareDefined false, when total
	// profit is not positive.
	Top20Share        float64
	Top20ShareDefined bool

	// Unprofitable lists customers with negative profit, largest loss first.
	Unprofitable []int32
	// Curve is the Pareto curve, downsampled, always including the start,
	// the end and its peak (the last profitable customer).
	Curve []CurvePoint

	cumPos         []int64 // positive profit of the customers ranked before rank i (len n+1)
	gross, service []int64 // the inputs, for Explain
}

// CustomerValue explains one customer's tier.
type CustomerValue struct {
	Customer    int
	GrossProfit int64
	ServiceCost int64
	Profit      int64
	Rank        int     // 0 = most profitable
	ShareBefore float64 // share of positive profit made by the customers ranked above
	Tier        Tier
}

// Explain returns customer i's inputs and position next to its tier. It
// reads the input columns, which must not have changed since ProfitTiers.
func (v *ValueResult) Explain(i int) CustomerValue {
	cv := CustomerValue{Customer: i, GrossProfit: v.gross[i], Profit: v.Profit[i], Rank: int(v.Rank[i]), Tier: v.Tier[i]}
	if v.service != nil {
		cv.ServiceCost = v.service[i]
	}
	if v.PositiveProfit > 0 {
		cv.ShareBefore = float64(v.cumPos[v.Rank[i]]) / float64(v.PositiveProfit)
	}
	return cv
}

// ProfitTiers computes each customer's profit (gross profit minus service
// cost: seed 003's point that big customers can cost more to serve), ranks
// customers by it, assigns Pareto/ABC tiers, and reports the top 20%'s share,
// the unprofitable customers and the Pareto curve. serviceCost may be nil.
func ProfitTiers(grossProfit, serviceCost []int64, opt ValueOptions) (*ValueResult, error) {
	n := len(grossProfit)
	if serviceCost != nil && len(serviceCost) != n {
		return nil, fmt.Errorf("analytics: value: gross profit has %d customers, service cost %d", n, len(serviceCost))
	}
	if n > math.MaxInt32 {
		return nil, fmt.Errorf("analytics: value: %d customers exceed the supported %d", n, math.MaxInt32)
	}
	cuts := opt.Cuts
	if cuts == [4]float64{} {
		cuts = DefaultTierCuts
	}
	for k, c := range cuts {
		if !(c > 0 && c <= 1) || (k > 0 && c < cuts[k-1]) {
			return nil, fmt.Errorf("analytics: value: tier cuts %v must be ascending in (0, 1]", cuts)
		}
	}
	points := opt.CurvePoints
	if points <= 0 || points > 200 {
		points = 200
	}
	if points < 3 {
		points = 3
	}
	res := &ValueResult{Profit: make([]int64, n), Tier: make([]Tier, n), Rank: make([]int32, n), Cuts: cuts,
		gross: grossProfit, service: serviceCost}
	var total, positive int64
	for i, g := range grossProfit {
		p := g
		if serviceCost != nil {
			p -= serviceCost[i]
		}
		res.Profit[i] = p
		total += p
		if p > 0 {
			positive += p
		}
	}
	res.TotalProfit, res.PositiveProfit = total, positive
	order, sorted := orderDescendingValues(res.Profit)
	res.cumPos = make([]int64, n+1)
	// A customer is in tier k when the positive profit ranked above it is
	// below cuts[k] * positive; compare in float64 once per customer.
	var limit [4]float64
	for k, c := range cuts {
		limit[k] = c * float64(positive)
	}
	var cum int64
	peak := 0 // customers before the first non-positive profit
	for rank, p := range sorted {
		c := order[rank]
		res.Rank[c] = int32(rank)
		res.cumPos[rank] = cum
		tier := TierToDrop
		if p > 0 {
			before := float64(cum)
			for k := range limit {
				if before < limit[k] {
					tier = Tier(k)
					break
				}
			}
			cum += p
			peak = rank + 1
		}
		res.Tier[c] = tier
		res.TierCustomers[tier]++
		res.TierProfit[tier] += p
	}
	res.cumPos[n] = cum

	res.Top20Customers = (n + 4) / 5
	for _, p := range sorted[:res.Top20Customers] {
		res.Top20Profit += p
	}
	if total > 0 {
		res.Top20Share = float64(res.Top20Profit) / float64(total)
		res.Top20ShareDefined = true
	}
	for k := n - 1; k >= 0 && sorted[k] < 0; k-- {
		res.Unprofitable = append(res.Unprofitable, order[k])
	}
	res.Curve = paretoCurve(sorted, total, positive, peak, points)
	return res, nil
}

// paretoCurve samples the cumulative profit curve at evenly spaced customer
// counts plus its start, end and peak.
func paretoCurve(sorted []int64, total, positive int64, peak, points int) []CurvePoint {
	n := len(sorted)
	at := []int{0, n, peak}
	for j := 1; j < points-2; j++ {
		at = append(at, j*n/(points-2))
	}
	slices.Sort(at)
	at = slices.Compact(at)
	base := float64(total)
	if total <= 0 {
		base = float64(positive)
	}
	curve := make([]CurvePoint, 0, len(at))
	var cum int64
	k := 0
	for _, m := range at {
		for ; k < m; k++ {
			cum += sorted[k]
		}
		pt := CurvePoint{Customers: m, CumulativeProfit: cum}
		if n > 0 {
			pt.CustomerShare = float64(m) / float64(n)
		}
		if base > 0 {
			pt.ProfitShare = float64(cum) / base
		}
		curve = append(curve, pt)
	}
	return curve
}
