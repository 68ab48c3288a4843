package analytics

import (
	"errors"
	"fmt"
	"math"
)

// SpendSummary is the input of the Gamma-Gamma spend model: per row, X repeat
// purchases and MeanSpend, the mean value of those purchases (any currency
// unit; convert minor units first). Weight counts customers sharing a row
// (nil: one each). Rows with X = 0 carry no spend information and are ignored
// by the fit.
type SpendSummary struct {
	X         []int
	MeanSpend []float64
	Weight    []float64
}

// GammaGammaParams are the parameters of the Gamma-Gamma spend model (Fader,
// Hardie & Lee 2005; Fader & Hardie 2013, note 025): a customer's purchase
// values are Gamma(P, nu) with nu ~ Gamma(Q, Gamma) across customers, so
// the mean transaction value of the population is P*Gamma/(Q-1).
type GammaGammaParams struct {
	P, Q, Gamma float64
}

// GammaGammaFit is a fitted Gamma-Gamma model with the fit's diagnostics.
type GammaGammaFit struct {
	GammaGammaParams
	FitInfo
}

func (g GammaGammaParams) validate() error {
	for _, v := range [...]float64{g.P, g.Q, g.Gamma} {
		if !finite(v) || v <= 0 {
			return fmt.Errorf("analytics: Gamma-Gamma parameters must be positive and finite, got p=%v q=%v gamma=%v", g.P, g.Q, g.Gamma)
		}
	}
	return nil
}

// spendRows is the fit's view of a SpendSummary: repeaters only, with the
// parameter-free parts of the likelihood summed once.
type spendRows struct {
	x, m, w []float64
	lnXM    []float64 // ln(x m) per row
	xi      []int32
	xs, wx  []float64
	total   float64
	sumLogM float64 // sum of w ln m
	partial [][4]float64
}

func newSpendRows(d SpendSummary) (*spendRows, error) {
	n := len(d.X)
	if len(d.MeanSpend) != n || (d.Weight != nil && len(d.Weight) != n) {
		return nil, fmt.Errorf("analytics: spend summary columns differ in length (x %d, spend %d, weight %d)", n, len(d.MeanSpend), len(d.Weight))
	}
	r := &spendRows{}
	var xsInt []int
	for i := range n {
		w := 1.0
		if d.Weight != nil {
			w = d.Weight[i]
		}
		x, m := d.X[i], d.MeanSpend[i]
		switch {
		case x < 0:
			return nil, fmt.Errorf("analytics: spend row %d: x=%d is negative", i, x)
		case !finite(w) || w < 0:
			return nil, fmt.Errorf("analytics: spend row %d: weight %v is not a non-negative number", i, w)
		case x == 0 || w == 0:
			continue
		case !finite(m) || m <= 0:
			return nil, fmt.Errorf("analytics: spend row %d: mean spend %v of a repeat customer must be positive", i, m)
		}
		xf := float64(x)
		lm := math.Log(m)
		r.x = append(r.x, xf)
		r.m = append(r.m, m)
		r.lnXM = append(r.lnXM, math.Log(xf)+lm)
		r.w = append(r.w, w)
		xsInt = append(xsInt, x)
		r.total += w
		r.sumLogM += w * lm
	}
	if len(r.x) == 0 {
		return nil, fmt.Errorf("analytics: Gamma-Gamma: %w: no customer with repeat purchases", ErrDegenerate)
	}
	r.xi, r.xs = distinctInts(xsInt)
	r.wx = make([]float64, len(r.xs))
	for i, j := range r.xi {
		r.wx[j] += r.w[i]
	}
	r.partial = make([][4]float64, numBlocks(len(r.x)))
	return r, nil
}

// FitGammaGamma finds the maximum-likelihood Gamma-Gamma parameters from the
// repeat customers in d. The model assumes spend is independent of purchase
// frequency; check that correlation before relying on it.
func FitGammaGamma(d SpendSummary, opt *FitOptions) (GammaGammaFit, error) {
	rows, err := newSpendRows(d)
	if err != nil {
		return GammaGammaFit{}, err
	}
	// Start from q=2 (finite mean), p=1 and gamma matching the observed mean.
	var mean float64
	allSame := true
	for i, m := range rows.m {
		mean += rows.w[i] * m
		allSame = allSame && m == rows.m[0]
	}
	if allSame {
		return GammaGammaFit{}, fmt.Errorf("analytics: Gamma-Gamma: %w: every customer has the same mean spend, so its spread across customers cannot be estimated", ErrDegenerate)
	}
	mean /= rows.total
	init := []float64{1, 2, mean}
	theta, info, err := maxLogLikelihood("Gamma-Gamma", []string{"p", "q", "gamma"}, init, rows.total, rows.logLik, opt)
	if err != nil {
		return GammaGammaFit{FitInfo: info}, err
	}
	return GammaGammaFit{GammaGammaParams: GammaGammaParams{P: theta[0], Q: theta[1], Gamma: theta[2]}, FitInfo: info}, nil
}

// LogLikelihood returns the Gamma-Gamma log-likelihood of the repeat
// customers in d, including the Jacobian terms, so it is comparable with
// published values.
func (g GammaGammaParams) LogLikelihood(d SpendSummary) (float64, error) {
	if err := g.validate(); err != nil {
		return 0, err
	}
	rows, err := newSpendRows(d)
	if err != nil {
		return 0, err
	}
	ll, ok := rows.logLik([]float64{g.P, g.Q, g.Gamma}, make([]float64, 3))
	if !ok {
		return 0, errors.New("analytics: Gamma-Gamma log-likelihood is not finite")
	}
	return ll, nil
}

// logLik: per customer with x repeat purchases of mean value m, the
// published density (note 025, equation 3)
//
//	ln f = ln G(px+q) - ln G(px) - ln G(q) + q ln gamma + (px-1) ln m + px ln x - (px+q) ln(gamma + x m)
//
// rearranged with u = x m / gamma into
//
//	ln f = -ln B(px, q) - q log1p(u) - px log1p(1/u) - ln m,
//
// whose terms do not cancel when q and gamma (or p) grow large together.
// The Beta term is computed once per distinct x per evaluation.
func (d *spendRows) logLik(theta, grad []float64) (float64, bool) {
	p, q, gamma := theta[0], theta[1], theta[2]
	ll := -d.sumLogM
	var gP, gQ, gG float64
	for j, x := range d.xs {
		W := d.wx[j]
		px := p * x
		ll -= W * lnBeta(px, q)
		gP += W * x * digammaDiff(q, px) // x (psi(px+q) - psi(px))
		gQ += W * digammaDiff(px, q)     // psi(px+q) - psi(q)
	}
	lnGamma := math.Log(gamma)
	forEachBlock(len(d.x), func(block, lo, hi int) {
		var l, a, b, c float64
		for i := lo; i < hi; i++ {
			x, w, xm := d.x[i], d.w[i], d.x[i]*d.m[i]
			u := xm / gamma
			// log1p(1/u) = log1p(u) - ln u: take the log1p of whichever of
			// u, 1/u is at most 1 and get the other by adding a term of the
			// same sign, so one log1p per row and no cancellation.
			lnU := d.lnXM[i] - lnGamma
			var l1, l2 float64
			if u <= 1 {
				l1 = log1p(u)
				l2 = l1 - lnU
			} else {
				l2 = log1p(1 / u)
				l1 = l2 + lnU
			}
			px := p * x
			l -= w * (q*l1 + px*l2)
			a -= w * x * l2
			b -= w * l1
			c += w * (q*u - px) / (gamma + xm)
		}
		d.partial[block] = [4]float64{l, a, b, c}
	})
	for _, acc := range d.partial {
		ll += acc[0]
		gP += acc[1]
		gQ += acc[2]
		gG += acc[3]
	}
	grad[0], grad[1], grad[2] = gP, gQ, gG
	return ll, finite(ll) && finite(gP) && finite(gQ) && finite(gG)
}

// ExpectedSpend is the posterior mean transaction value of a customer with x
// repeat purchases of mean value meanSpend:
//
//	p (gamma + x m) / (p x + q - 1),
//
// a weighted average of the population mean p gamma/(q-1) and the customer's
// own mean, the weight on the latter growing with x. For x = 0 it is the
// population mean, which needs q > 1.
func (g GammaGammaParams) ExpectedSpend(x int, meanSpend float64) (float64, error) {
	if err := g.validate(); err != nil {
		return 0, err
	}
	if x < 0 || !finite(meanSpend) || meanSpend < 0 {
		return 0, fmt.Errorf("analytics: need x >= 0 and a non-negative mean spend, got x=%d spend=%v", x, meanSpend)
	}
	xf := float64(x)
	if x == 0 {
		meanSpend = 0
	}
	den := g.P*xf + g.Q - 1
	if den <= 0 {
		return 0, fmt.Errorf("analytics: Gamma-Gamma expected spend is infinite for x=%d (p x + q = %v <= 1)", x, g.P*xf+g.Q)
	}
	e := g.P * (g.Gamma + xf*meanSpend) / den
	return e, checkFinite("Gamma-Gamma expected spend", e)
}
