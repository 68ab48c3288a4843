package analytics

import (
	"fmt"
	"math"
)

// Stage is a customer lifecycle stage (seed 002).
type Stage uint8

// The lifecycle stages in the order a customer passes through them.
const (
	StageAcquisition Stage = iota // 获取期: has bought once, the relationship is not yet established
	StageGrowth                   // 提升期: buying more, or still building up the relationship
	StageMaturity                 // 成熟期: regular rhythm, stable spend
	StageDecline                  // 衰退期: slower than its own rhythm, spending less, or likely leaving
	StageExit                     // 离开期: silent far beyond its rhythm, or almost surely gone
)

var stageNames = [...]string{"acquisition", "growth", "maturity", "decline", "exit"}

// String returns the stage's identifier (the UI translates it).
func (s Stage) String() string {
	if int(s) < len(stageNames) {
		return stageNames[s]
	}
	return fmt.Sprintf("stage(%d)", uint8(s))
}

// Play is the recommended treatment of customers in a stage.
type Play struct {
	Goal    string
	Actions []string
}

// Plays holds the recommended play per stage, following seed 002: grow new
// customers to high value, cross-sell and reward loyalty at maturity, win
// back the declining, and spend little on those who have left.
var Plays = [5]Play{
	StageAcquisition: {
		Goal:    "turn the first purchase into a relationship",
		Actions: []string{"welcome and onboarding contact from the owner", "offer tied to a second purchase", "complete the customer profile"},
	},
	StageGrowth: {
		Goal:    "grow the customer to high value",
		Actions: []string{"up-sell to higher tiers", "raise share of wallet with related products", "invite to the loyalty programme"},
	},
	StageMaturity: {
		Goal:    "keep and deepen: cross-sell and loyalty",
		Actions: []string{"cross-sell the next best product", "loyalty rewards and key-account care", "ask for referrals"},
	},
	StageDecline: {
		Goal:    "win back before the customer leaves",
		Actions: []string{"owner calls to find the cause (service, price, competitor)", "targeted win-back offer", "fix open service tickets first"},
	},
	StageExit: {
		Goal:    "low-cost reactivation or let go",
		Actions: []string{"one low-cost reactivation campaign", "exit survey for the reason", "stop costly service and visits"},
	},
}

// LifecycleReason says which rule placed a customer in its stage.
type LifecycleReason uint8

// The rules of LifecycleStages, in the order they are tried.
const (
	ReasonPAliveVeryLow  LifecycleReason = iota // exit: P(alive) below ExitPAlive
	ReasonSilentVeryLong                        // exit: silence above ExitGaps rhythms
	ReasonSingleOrder                           // acquisition: fewer than 2 orders
	ReasonPAliveLow                             // decline: P(alive) below DeclinePAlive
	ReasonSilentLong                            // decline: silence above DeclineGaps rhythms
	ReasonSpendFalling                          // decline: trend below DeclineTrend
	ReasonSpendRising                           // growth: trend above GrowthTrend
	ReasonFewOrders                             // growth: fewer than MaturityOrders orders
	ReasonSteady                                // maturity: none of the above
)

var reasonNames = [...]string{
	"p_alive_very_low", "silent_very_long", "single_order", "p_alive_low", "silent_long",
	"spend_falling", "spend_rising", "few_orders", "steady",
}

// String returns the reason's identifier.
func (r LifecycleReason) String() string {
	if int(r) < len(reasonNames) {
		return reasonNames[r]
	}
	return fmt.Sprintf("reason(%d)", uint8(r))
}

// LifecycleInput holds per-customer columns. Spend windows are the caller's
// choice (for example the last 180 days and the 180 days before); they must
// be of equal length for the trend to mean anything.
type LifecycleInput struct {
	AsOf         int64   // Unix seconds
	FirstOrder   []int64 // Unix seconds
	LastOrder    []int64 // Unix seconds
	Orders       []int64 // orders so far (whole history)
	RecentSpend  []int64 // spend in the recent window, minor units
	EarlierSpend []int64 // spend in the window before it
	// PAlive is optional (nil): P(alive) from BG/NBD or Pareto/NBD.
	PAlive []float64
}

// LifecycleOptions holds the thresholds of the stage rules. Zero fields take
// the defaults given with each.
type LifecycleOptions struct {
	ExitPAlive     float64 // exit below this P(alive) (0.1)
	ExitGaps       float64 // exit when silent for more than this many rhythms (3)
	DeclinePAlive  float64 // decline below this P(alive) (0.5)
	DeclineGaps    float64 // decline when silent for more than this many rhythms (1.5)
	DeclineTrend   float64 // decline when recent/earlier spend is below this (0.7)
	GrowthTrend    float64 // growth when recent/earlier spend is above this (1.2)
	MaturityOrders int64   // growth until this many orders (4)
	// SingleOrderGapDays stands in for the rhythm of customers with one
	// order, who have none of their own (90 days).
	SingleOrderGapDays float64
}

func (o LifecycleOptions) withDefaults() LifecycleOptions {
	def := func(v *float64, d float64) {
		if *v == 0 {
			*v = d
		}
	}
	def(&o.ExitPAlive, 0.1)
	def(&o.ExitGaps, 3)
	def(&o.DeclinePAlive, 0.5)
	def(&o.DeclineGaps, 1.5)
	def(&o.DeclineTrend, 0.7)
	def(&o.GrowthTrend, 1.2)
	def(&o.SingleOrderGapDays, 90)
	if o.MaturityOrders == 0 {
		o.MaturityOrders = 4
	}
	return o
}

// MaxTrend caps the spend trend when the earlier window had no spend, so
// that results stay finite: "from nothing to something" counts as MaxTrend.
const MaxTrend = 10

// LifecycleResult holds every customer's stage and the measures the rules
// looked at, column by column.
type LifecycleResult struct {
	Stage       []Stage
	Reason      []LifecycleReason
	GapDays     []float64 // the customer's rhythm: mean days between orders
	SilenceDays []float64 // days since the last order
	Trend       []float64 // recent / earlier spend, capped at MaxTrend
	Counts      [5]int    // customers per stage
	Options     LifecycleOptions

	in LifecycleInput
}

// CustomerStage explains one customer's stage.
type CustomerStage struct {
	Customer     int
	Stage        Stage
	Reason       LifecycleReason
	Orders       int64
	GapDays      float64
	SilenceDays  float64
	RecentSpend  int64
	EarlierSpend int64
	Trend        float64
	PAlive       float64 // -1 when not given
	Play         Play
}

// Explain returns customer i's inputs, measures, stage, rule and play. It
// reads the input columns, which must not have changed since
// LifecycleStages.
func (l *LifecycleResult) Explain(i int) CustomerStage {
	pa := -1.0
	if l.in.PAlive != nil {
		pa = l.in.PAlive[i]
	}
	return CustomerStage{
		Customer: i, Stage: l.Stage[i], Reason: l.Reason[i], Orders: l.in.Orders[i],
		GapDays: l.GapDays[i], SilenceDays: l.SilenceDays[i],
		RecentSpend: l.in.RecentSpend[i], EarlierSpend: l.in.EarlierSpend[i], Trend: l.Trend[i],
		PAlive: pa, Play: Plays[l.Stage[i]],
	}
}

// LifecycleStages places every customer in a lifecycle stage from its own
// purchase rhythm (mean gap between orders), its silence since the last
// order measured in rhythms, its spend trend and, when given, P(alive). The
// rules, tried in order (thresholds in LifecycleOptions):
//
//  1. exit: P(alive) < 0.1, or silent for more than 3 rhythms
//  2. acquisition: fewer than 2 orders
//  3. decline: P(alive) < 0.5, or silent for more than 1.5 rhythms, or
//     recent spend below 0.7 of the earlier window's
//  4. growth: recent spend above 1.2 times the earlier window's, or fewer
//     than 4 orders
//  5. maturity: everyone else (regular rhythm, stable spend)
//
// Measuring silence in the customer's own rhythm lets a monthly buyer be
// "declining" after 45 days while a yearly buyer is still mature after 300.
func LifecycleStages(in LifecycleInput, opt LifecycleOptions) (*LifecycleResult, error) {
	n := len(in.LastOrder)
	if len(in.FirstOrder) != n || len(in.Orders) != n || len(in.RecentSpend) != n || len(in.EarlierSpend) != n ||
		(in.PAlive != nil && len(in.PAlive) != n) {
		return nil, fmt.Errorf("analytics: lifecycle columns differ in length")
	}
	o := opt.withDefaults()
	res := &LifecycleResult{
		Stage: make([]Stage, n), Reason: make([]LifecycleReason, n),
		GapDays: make([]float64, n), SilenceDays: make([]float64, n), Trend: make([]float64, n),
		Options: o, in: in,
	}
	counts := make([][5]int, numBlocks(n))
	bad := make([]error, numBlocks(n))
	forEachBlock(n, func(block, lo, hi int) {
		for i := lo; i < hi; i++ {
			first, last, orders := in.FirstOrder[i], in.LastOrder[i], in.Orders[i]
			if first > last || last > in.AsOf || orders < 1 {
				bad[block] = fmt.Errorf("analytics: lifecycle: customer %d needs first <= last order <= as-of and at least one order (first %d, last %d, as of %d, orders %d)",
					i, first, last, in.AsOf, orders)
				return
			}
			pa := -1.0
			if in.PAlive != nil {
				pa = in.PAlive[i]
				if !(pa >= 0 && pa <= 1) {
					bad[block] = fmt.Errorf("analytics: lifecycle: customer %d has P(alive) %v outside [0, 1]", i, pa)
					return
				}
			}
			gap := o.SingleOrderGapDays
			if orders >= 2 {
				gap = math.Max(float64(last-first)/86400/float64(orders-1), 1)
			}
			silence := float64(in.AsOf-last) / 86400
			trend := spendTrend(in.RecentSpend[i], in.EarlierSpend[i])
			stage, reason := lifecycleRule(o, orders, gap, silence, trend, pa)
			res.Stage[i], res.Reason[i] = stage, reason
			res.GapDays[i], res.SilenceDays[i], res.Trend[i] = gap, silence, trend
			counts[block][stage]++
		}
	})
	for b := range counts {
		if bad[b] != nil {
			return nil, bad[b]
		}
		for s, c := range counts[b] {
			res.Counts[s] += c
		}
	}
	return res, nil
}

// spendTrend is recent/earlier spend, 1 when both are zero and MaxTrend when
// only the earlier window is empty.
func spendTrend(recent, earlier int64) float64 {
	switch {
	case earlier > 0:
		return math.Min(math.Max(float64(recent), 0)/float64(earlier), MaxTrend)
	case recent > 0:
		return MaxTrend
	default:
		return 1
	}
}

func lifecycleRule(o LifecycleOptions, orders int64, gap, silence, trend, pa float64) (Stage, LifecycleReason) {
	known := pa >= 0
	switch {
	case known && pa < o.ExitPAlive:
		return StageExit, ReasonPAliveVeryLow
	case silence > o.ExitGaps*gap:
		return StageExit, ReasonSilentVeryLong
	case orders < 2:
		return StageAcquisition, ReasonSingleOrder
	case known && pa < o.DeclinePAlive:
		return StageDecline, ReasonPAliveLow
	case silence > o.DeclineGaps*gap:
		return StageDecline, ReasonSilentLong
	case trend < o.DeclineTrend:
		return StageDecline, ReasonSpendFalling
	case trend > o.GrowthTrend:
		return StageGrowth, ReasonSpendRising
	case orders < o.MaturityOrders:
		return StageGrowth, ReasonFewOrders
	default:
		return StageMaturity, ReasonSteady
	}
}
