package analytics

import (
	"fmt"
	"math"
)

// BGBBSummary is the input of the BG/BB model for discrete transaction
// opportunities (yearly donations, monthly renewals, event attendance): per
// row, Frequency transactions in Periods opportunities after the first, the
// last in period Recency (0 when Frequency is 0). Weight counts customers
// sharing the row (nil: one each); CompressBGBB builds the rows.
type BGBBSummary struct {
	Frequency []int
	Recency   []int
	Periods   []int
	Weight    []float64
}

func (d BGBBSummary) validate() (float64, error) {
	n := len(d.Frequency)
	if len(d.Recency) != n || len(d.Periods) != n || (d.Weight != nil && len(d.Weight) != n) {
		return 0, fmt.Errorf("analytics: BG/BB summary columns differ in length (frequency %d, recency %d, periods %d, weight %d)",
			n, len(d.Recency), len(d.Periods), len(d.Weight))
	}
	if n == 0 {
		return 0, fmt.Errorf("analytics: BG/BB summary is empty")
	}
	var total float64
	for i := range n {
		if err := validateBGBB(d.Frequency[i], d.Recency[i], d.Periods[i]); err != nil {
			return 0, fmt.Errorf("row %d: %w", i, err)
		}
		w := 1.0
		if d.Weight != nil {
			w = d.Weight[i]
		}
		if !finite(w) || w < 0 {
			return 0, fmt.Errorf("analytics: BG/BB row %d: weight %v is not a non-negative number", i, w)
		}
		total += w
	}
	if total <= 0 {
		return 0, fmt.Errorf("analytics: BG/BB summary has zero total weight")
	}
	return total, nil
}

func validateBGBB(x, tx, n int) error {
	switch {
	case n < 1:
		return fmt.Errorf("analytics: BG/BB needs at least one period, got %d", n)
	case x < 0 || x > n || tx > n:
		return fmt.Errorf("analytics: BG/BB needs 0 <= frequency <= periods and recency <= periods, got x=%d t_x=%d n=%d", x, tx, n)
	case x == 0 && tx != 0:
		return fmt.Errorf("analytics: BG/BB recency must be 0 without transactions, got %d", tx)
	case x > 0 && tx < x:
		return fmt.Errorf("analytics: BG/BB recency %d is before the %d-th transaction", tx, x)
	}
	return nil
}

// bgbbKey identifies one (frequency, recency, periods) row.
type bgbbKey struct{ x, tx, n int }

// CompressBGBB turns per-customer columns into unique rows with weights and
// returns each customer's row index. There are at most (n+1)(n+2)/2 distinct
// rows for n periods, whatever the number of customers.
func CompressBGBB(frequency, recency, periods []int) (BGBBSummary, []int32, error) {
	n := len(frequency)
	if len(recency) != n || len(periods) != n {
		return BGBBSummary{}, nil, fmt.Errorf("analytics: compress: columns differ in length (frequency %d, recency %d, periods %d)", n, len(recency), len(periods))
	}
	index := make([]int32, n)
	seen := map[bgbbKey]int32{}
	var out BGBBSummary
	for i := range n {
		k := bgbbKey{frequency[i], recency[i], periods[i]}
		row, ok := seen[k]
		if !ok {
			row = int32(len(out.Frequency))
			seen[k] = row
			out.Frequency = append(out.Frequency, k.x)
			out.Recency = append(out.Recency, k.tx)
			out.Periods = append(out.Periods, k.n)
			out.Weight = append(out.Weight, 0)
		}
		out.Weight[row]++
		index[i] = row
	}
	return out, index, nil
}

// BGBBParams are the parameters of the beta-geometric/beta-Bernoulli model
// (Fader, Hardie & Shang 2010): while alive a customer transacts in each
// period with probability p ~ Beta(Alpha, Beta), and before each period
// drops out with probability theta ~ Beta(Gamma, Delta).
type BGBBParams struct {
	Alpha, Beta, Gamma, Delta float64
}

// BGBBFit is a fitted BG/BB model with the fit's diagnostics.
type BGBBFit struct {
	BGBBParams
	FitInfo
}

func (p BGBBParams) validate() error {
	for _, v := range [...]float64{p.Alpha, p.Beta, p.Gamma, p.Delta} {
		if !finite(v) || v <= 0 {
			return fmt.Errorf("analytics: BG/BB parameters must be positive and finite, got alpha=%v beta=%v gamma=%v delta=%v", p.Alpha, p.Beta, p.Gamma, p.Delta)
		}
	}
	return nil
}

// FitBGBB finds the maximum-likelihood BG/BB parameters for d. Errors wrap
// ErrDegenerate (nobody ever transacts again, or everybody always does) or
// ErrNotConverged.
func FitBGBB(d BGBBSummary, opt *FitOptions) (BGBBFit, error) {
	total, err := d.validate()
	if err != nil {
		return BGBBFit{}, err
	}
	var anyTxn, anyGap bool
	for i, x := range d.Frequency {
		if d.Weight != nil && d.Weight[i] == 0 {
			continue
		}
		anyTxn = anyTxn || x > 0
		anyGap = anyGap || x < d.Periods[i]
	}
	if !anyTxn {
		return BGBBFit{}, fmt.Errorf("analytics: BG/BB: %w: nobody transacted after the first period", ErrDegenerate)
	}
	if !anyGap {
		return BGBBFit{}, fmt.Errorf("analytics: BG/BB: %w: everybody transacted in every period", ErrDegenerate)
	}
	rows := &bgbbRows{d: d, partial: make([][5]float64, numBlocks(len(d.Frequency)))}
	theta, info, err := maxLogLikelihood("BG/BB", []string{"alpha", "beta", "gamma", "delta"}, []float64{1, 1, 1, 1}, total, rows.logLik, opt)
	if err != nil {
		return BGBBFit{FitInfo: info}, err
	}
	return BGBBFit{BGBBParams: BGBBParams{theta[0], theta[1], theta[2], theta[3]}, FitInfo: info}, nil
}

// LogLikelihood returns the BG/BB log-likelihood of d under p.
func (p BGBBParams) LogLikelihood(d BGBBSummary) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if _, err := d.validate(); err != nil {
		return 0, err
	}
	rows := &bgbbRows{d: d, partial: make([][5]float64, numBlocks(len(d.Frequency)))}
	ll, ok := rows.logLik([]float64{p.Alpha, p.Beta, p.Gamma, p.Delta}, make([]float64, 4))
	if !ok {
		return 0, fmt.Errorf("analytics: BG/BB log-likelihood is not finite")
	}
	return ll, nil
}

type bgbbRows struct {
	d       BGBBSummary
	partial [][5]float64
}

func (r *bgbbRows) logLik(theta, grad []float64) (float64, bool) {
	p := BGBBParams{theta[0], theta[1], theta[2], theta[3]}
	forEachBlock(len(r.d.Frequency), func(block, lo, hi int) {
		var acc [5]float64
		for i := lo; i < hi; i++ {
			w := 1.0
			if r.d.Weight != nil {
				w = r.d.Weight[i]
			}
			if w == 0 {
				continue
			}
			l, g := p.rowLogLik(float64(r.d.Frequency[i]), float64(r.d.Recency[i]), float64(r.d.Periods[i]))
			acc[0] += w * l
			for k := range 4 {
				acc[k+1] += w * g[k]
			}
		}
		r.partial[block] = acc
	})
	var ll float64
	clear(grad[:4])
	for _, acc := range r.partial {
		ll += acc[0]
		for k := range 4 {
			grad[k] += acc[k+1]
		}
	}
	return ll, finite(ll) && finite(grad[0]) && finite(grad[1]) && finite(grad[2]) && finite(grad[3])
}

// lnBetaShift returns ln B(a+x, b+y) - ln B(a, b) for x, y >= 0 without
// cancellation for large a, b, and its derivatives in a and b.
func lnBetaShift(a, b, x, y float64) (v, da, db float64) {
	dab := digammaDiff(x+y, a+b)
	v = lnGammaRatio(x, a) + lnGammaRatio(y, b) - lnGammaRatio(x+y, a+b)
	return v, digammaDiff(x, a) - dab, digammaDiff(y, b) - dab
}

// rowLogLik returns the log-likelihood of one history and its gradient:
//
//	L = B(a+x, b+n-x)/B(a,b) B(g, d+n)/B(g,d)
//	  + sum_{i=0}^{n-t_x-1} B(a+x, b+t_x-x+i)/B(a,b) B(g+1, d+t_x+i)/B(g,d)
//
// (the customer is alive through period n, or died after period t_x+i),
// summed in log space.
func (p BGBBParams) rowLogLik(x, tx, n float64) (float64, [4]float64) {
	a, b, g, d := p.Alpha, p.Beta, p.Gamma, p.Delta
	// Terms are accumulated with a running maximum (online log-sum-exp), so
	// no term can overflow and nothing is allocated per row.
	mx := math.Inf(-1)
	var sum float64
	var gsum [4]float64
	add := func(y, e, u float64) {
		// y: extra failures to purchase (n-x or t_x-x+i); e: 0 alive, 1 died;
		// u: periods survived (n or t_x+i).
		lp, da, db := lnBetaShift(a, b, x, y)
		ld, dg, dd := lnBetaShift(g, d, e, u)
		l := lp + ld
		gr := [4]float64{da, db, dg, dd}
		if l > mx {
			scale := math.Exp(mx - l)
			sum *= scale
			for k := range 4 {
				gsum[k] *= scale
			}
			mx = l
		}
		w := math.Exp(l - mx)
		sum += w
		for k := range 4 {
			gsum[k] += w * gr[k]
		}
	}
	add(n-x, 0, n)
	for i := 0.0; i < n-tx; i++ {
		add(tx-x+i, 1, tx+i)
	}
	for k := range 4 {
		gsum[k] /= sum
	}
	return mx + math.Log(sum), gsum
}

// PAlive is the probability that a customer with x transactions, the last in
// period t_x, observed for n periods, is alive in period n+1.
func (p BGBBParams) PAlive(x, tx, n int) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if err := validateBGBB(x, tx, n); err != nil {
		return 0, err
	}
	xf, nf := float64(x), float64(n)
	ll, _ := p.rowLogLik(xf, float64(tx), nf)
	lp, _, _ := lnBetaShift(p.Alpha, p.Beta, xf, nf-xf)
	ld, _, _ := lnBetaShift(p.Gamma, p.Delta, 0, nf+1)
	v := math.Exp(lp + ld - ll)
	return v, checkFinite("BG/BB P(alive)", v)
}

// survivalSum returns delta/(gamma-1) G(gamma+delta)/G(1+delta) times
// [G(1+delta+n)/G(gamma+delta+n) - G(1+delta+n+m)/G(gamma+delta+n+m)], the
// expected number of further periods alive between n and n+m in the
// published BG/BB formulas, using its limit near gamma = 1.
func (p BGBBParams) survivalSum(n, m float64) float64 {
	g, d := p.Gamma, p.Delta
	// l1 = ln[G(g+d) G(1+d+n) / (G(1+d) G(g+d+n))], and l2 - l1 the change
	// from n to n+m, both as stable log-gamma differences.
	l1 := lnGammaRatio(n, 1+d) - lnGammaRatio(n, g+d)
	if math.Abs(g-1) < 1e-6 {
		return d * math.Exp(l1) * digammaDiff(m, g+d+n)
	}
	dl := lnGammaRatio(m, 1+d+n) - lnGammaRatio(m, g+d+n)
	return d * math.Exp(l1) * -math.Expm1(dl) / (g - 1)
}

// ExpectedTransactions is the unconditional expected number of transactions
// in the first n periods after the first:
//
//	alpha/(alpha+beta) delta/(gamma-1) [1 - G(gamma+delta) G(1+delta+n) / (G(gamma+delta+n) G(1+delta))].
func (p BGBBParams) ExpectedTransactions(n int) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if n < 0 {
		return 0, fmt.Errorf("analytics: BG/BB periods must be non-negative, got %d", n)
	}
	e := p.Alpha / (p.Alpha + p.Beta) * p.survivalSum(0, float64(n))
	return e, checkFinite("BG/BB expected transactions", e)
}

// ConditionalExpectedTransactions is the expected number of transactions in
// the next `future` periods by a customer with history (x, t_x, n) (Fader,
// Hardie & Shang 2010, equation 13).
func (p BGBBParams) ConditionalExpectedTransactions(future, x, tx, n int) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if err := validateBGBB(x, tx, n); err != nil {
		return 0, err
	}
	if future < 0 {
		return 0, fmt.Errorf("analytics: BG/BB future periods must be non-negative, got %d", future)
	}
	xf, nf := float64(x), float64(n)
	ll, _ := p.rowLogLik(xf, float64(tx), nf)
	lp, _, _ := lnBetaShift(p.Alpha, p.Beta, xf+1, nf-xf)
	e := math.Exp(lp-ll) * p.survivalSum(nf, float64(future))
	return e, checkFinite("BG/BB expected transactions", e)
}
