package analytics

import (
	"fmt"
	"math"
)

// TransactionModel is a fitted purchase-count model: BGNBDParams and
// ParetoNBDParams satisfy it. CLV only needs these two predictions.
type TransactionModel interface {
	PAlive(x int, tx, T float64) (float64, error)
	ConditionalExpectedPurchases(t float64, x int, tx, T float64) (float64, error)
}

// CLVOptions sets the horizon and discounting of CustomerLifetimeValue.
type CLVOptions struct {
	// Periods is the horizon in periods (for example 12 months). Required.
	Periods int
	// PeriodLength is one period in the time unit the purchase model was
	// fitted in: 52.1775/12 (about 4.348) for months when fitted in weeks,
	// 30.4375 when fitted in days. Required.
	PeriodLength float64
	// DiscountRate is the rate per period (0.01 for 1% a month). Cash flows
	// of period k are discounted by (1+DiscountRate)^k: spend is counted at
	// the end of the period it falls in.
	DiscountRate float64
	// Margin is the share of spend that is profit; 0 means 1 (revenue CLV).
	Margin float64
}

// CLVResult is one customer's lifetime value with the inputs behind it.
type CLVResult struct {
	X         int     // repeat purchases (input)
	Tx, T     float64 // last purchase time and age (inputs)
	MeanSpend float64 // mean value of the repeat purchases (input)

	PAlive              float64 // probability the customer is still active now
	ExpectedPurchases   float64 // purchases expected within the horizon, undiscounted
	DiscountedPurchases float64 // the same, each period discounted
	ExpectedSpend       float64 // expected value per purchase (Gamma-Gamma)
	CLV                 float64 // Margin * ExpectedSpend * DiscountedPurchases
}

// CustomerLifetimeValue combines a purchase model (BG/NBD or Pareto/NBD)
// with the Gamma-Gamma spend model into a discounted CLV per customer:
//
//	CLV = margin * E[spend | x, mean] * sum_{k=1..H} (E[Y(kL)] - E[Y((k-1)L)]) / (1+d)^k
//
// where E[Y(t)] is the conditional expected number of purchases in the
// next t time units and L the period length. Customers with identical
// (x, t_x, T) share the purchase part, which is computed once.
func CustomerLifetimeValue(m TransactionModel, spend GammaGammaParams, x []int, tx, T, meanSpend []float64, opt CLVOptions) ([]CLVResult, error) {
	if len(meanSpend) != len(x) {
		return nil, fmt.Errorf("analytics: CLV: mean spend has %d rows for %d customers", len(meanSpend), len(x))
	}
	if opt.Periods <= 0 || !finite(opt.PeriodLength) || opt.PeriodLength <= 0 {
		return nil, fmt.Errorf("analytics: CLV needs a positive horizon, got %d periods of length %v", opt.Periods, opt.PeriodLength)
	}
	if !finite(opt.DiscountRate) || opt.DiscountRate <= -1 {
		return nil, fmt.Errorf("analytics: CLV discount rate %v must be above -1", opt.DiscountRate)
	}
	margin := opt.Margin
	if margin == 0 {
		margin = 1
	}
	if !finite(margin) {
		return nil, fmt.Errorf("analytics: CLV margin %v is not a number", margin)
	}
	if err := spend.validate(); err != nil {
		return nil, err
	}
	rows, index, err := Compress(x, tx, T)
	if err != nil {
		return nil, err
	}
	type purchases struct{ alive, total, discounted float64 }
	perRow := make([]purchases, rows.Len())
	errs := make([]error, numBlocks(rows.Len()))
	forEachBlock(rows.Len(), func(block, lo, hi int) {
		for i := lo; i < hi; i++ {
			xi, txi, Ti := rows.X[i], rows.Tx[i], rows.T[i]
			alive, err := m.PAlive(xi, txi, Ti)
			if err != nil {
				errs[block] = err
				return
			}
			var prev, disc float64
			factor := 1.0
			for k := 1; k <= opt.Periods; k++ {
				cum, err := m.ConditionalExpectedPurchases(float64(k)*opt.PeriodLength, xi, txi, Ti)
				if err != nil {
					errs[block] = err
					return
				}
				factor /= 1 + opt.DiscountRate
				disc += (cum - prev) * factor
				prev = cum
			}
			perRow[i] = purchases{alive, prev, disc}
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, fmt.Errorf("analytics: CLV: %w", err)
		}
	}
	out := make([]CLVResult, len(x))
	for i := range x {
		es, err := spend.ExpectedSpend(x[i], meanSpend[i])
		if err != nil {
			return nil, fmt.Errorf("analytics: CLV: customer %d: %w", i, err)
		}
		p := perRow[index[i]]
		clv := margin * es * p.discounted
		if !finite(clv) || math.IsNaN(p.total) {
			return nil, fmt.Errorf("analytics: CLV: customer %d: value is not finite", i)
		}
		out[i] = CLVResult{
			X: x[i], Tx: tx[i], T: T[i], MeanSpend: meanSpend[i],
			PAlive: p.alive, ExpectedPurchases: p.total, DiscountedPurchases: p.discounted,
			ExpectedSpend: es, CLV: clv,
		}
	}
	return out, nil
}
