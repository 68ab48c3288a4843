package analytics

import (
	"fmt"
	"math"
)

// BGNBDParams are the parameters of the BG/NBD model (Fader, Hardie & Lee
// 2005): while alive a customer buys at rate lambda ~ Gamma(R, Alpha), and
// after every purchase drops out with probability p ~ Beta(A, B). Alpha is in
// the time unit of the data it was fitted on.
type BGNBDParams struct {
	R, Alpha, A, B float64
}

// BGNBDFit is a fitted BG/NBD model with the fit's diagnostics.
type BGNBDFit struct {
	BGNBDParams
	FitInfo
}

func (p BGNBDParams) validate() error {
	for _, v := range [...]float64{p.R, p.Alpha, p.A, p.B} {
		if !finite(v) || v <= 0 {
			return fmt.Errorf("analytics: BG/NBD parameters must be positive and finite, got r=%v alpha=%v a=%v b=%v", p.R, p.Alpha, p.A, p.B)
		}
	}
	return nil
}

// FitBGNBD finds the maximum-likelihood BG/NBD parameters for d.
//
// It fails with an error wrapping ErrDegenerate when nobody made a repeat
// purchase (the likelihood then increases without bound towards a = 0 and
// no parameter set is best), and with one wrapping ErrNotConverged when the
// optimiser stops short of the tolerance.
func FitBGNBD(d CustomerSummary, opt *FitOptions) (BGNBDFit, error) {
	total, err := d.validate()
	if err != nil {
		return BGNBDFit{}, err
	}
	rows := newBGNBDRows(d)
	var sumX, sumT float64
	for i := range rows.x {
		sumX += rows.w[i] * rows.x[i]
		sumT += rows.w[i] * rows.ts[rows.ti[i]]
	}
	if sumX == 0 {
		return BGNBDFit{}, fmt.Errorf("analytics: BG/NBD: %w: no customer made a repeat purchase", ErrDegenerate)
	}
	// Start at r=1 with the purchase rate r/alpha equal to the observed one
	// and an even Beta(1,1) drop-out probability.
	init := []float64{1, sumT / sumX, 1, 1}
	theta, info, err := maxLogLikelihood("BG/NBD", []string{"r", "alpha", "a", "b"}, init, total, rows.logLik, opt)
	if err != nil {
		return BGNBDFit{FitInfo: info}, err
	}
	return BGNBDFit{BGNBDParams: BGNBDParams{R: theta[0], Alpha: theta[1], A: theta[2], B: theta[3]}, FitInfo: info}, nil
}

// LogLikelihood returns the BG/NBD log-likelihood of d under p (the sum over
// customers, weights applied).
func (p BGNBDParams) LogLikelihood(d CustomerSummary) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if _, err := d.validate(); err != nil {
		return 0, err
	}
	ll, ok := newBGNBDRows(d).logLik([]float64{p.R, p.Alpha, p.A, p.B}, make([]float64, 4))
	if !ok || !finite(ll) {
		return 0, fmt.Errorf("analytics: BG/NBD log-likelihood is not finite at r=%v alpha=%v a=%v b=%v", p.R, p.Alpha, p.A, p.B)
	}
	return ll, nil
}

// bgnbdRows holds the data in the form the likelihood loop wants: float
// columns, weights always present, and x mapped to a table of distinct values.
//
// Times map to a table too: customers acquired on the same day share T and
// many share t_x, so a base of a million customers holds only a few
// thousand distinct times, and the logarithms of each are taken once per
// evaluation instead of once per row.
type bgnbdRows struct {
	x, w     []float64
	xi       []int32   // index of each row's x in xs
	xs, wx   []float64 // distinct x and the total weight of each
	c4, invB []float64 // per distinct x: ln a - ln(b+x-1) and 1/(b+x-1)
	ti, txi  []int32   // index of each row's T and t_x in ts
	ts       []float64 // distinct times (T and t_x)
	lt, q    []float64 // per distinct time t: log1p(t/alpha) and t/(alpha(alpha+t))
	partial  [][5]float64
}

func newBGNBDRows(d CustomerSummary) *bgnbdRows {
	n := d.Len()
	r := &bgnbdRows{x: make([]float64, n), w: make([]float64, n)}
	r.xi, r.xs = distinctInts(d.X)
	r.ti, r.txi, r.ts = distinctTimes(d.T, d.Tx)
	r.lt, r.q = make([]float64, len(r.ts)), make([]float64, len(r.ts))
	r.wx = make([]float64, len(r.xs))
	for i := range n {
		r.x[i] = float64(d.X[i])
		r.w[i] = d.weight(i)
		r.wx[r.xi[i]] += r.w[i]
	}
	r.c4 = make([]float64, len(r.xs))
	r.invB = make([]float64, len(r.xs))
	r.partial = make([][5]float64, numBlocks(n))
	return r
}

// logLik is the BG/NBD log-likelihood and its gradient in (r, alpha, a, b).
// Per customer (Fader, Hardie & Lee 2005, equation 6)
//
//	ln L = ln G(r+x)/G(r) + ln B(a, b+x)/B(a, b) - x ln alpha + ln(e^A3 + e^A4)
//	A3 = -(r+x) log1p(T/alpha)
//	A4 = ln a - ln(b+x-1) - (r+x) log1p(t_x/alpha)    (x > 0 only)
//
// which is the published r ln alpha - (r+x) ln(alpha+T) rearranged so that
// no two large terms cancel when r and alpha grow together (see
// gammafn.go). The last term is max + log1p(exp(min - max)), so nothing
// overflows at x = 500 either. Terms that depend on x alone are computed
// once per distinct x and weighted by how many customers share it.
func (d *bgnbdRows) logLik(theta, grad []float64) (float64, bool) {
	r, alpha, a, b := theta[0], theta[1], theta[2], theta[3]
	lnAlpha, lnA := math.Log(alpha), math.Log(a)
	var ll, gR, gAlpha, gA, gB float64
	for j, x := range d.xs {
		W := d.wx[j]
		ll += W * (lnGammaRatio(x, r) + lnGammaRatio(x, b) - lnGammaRatio(x, a+b) - x*lnAlpha)
		dAB := digammaDiff(x, a+b)
		gR += W * digammaDiff(x, r)
		gAlpha -= W * x / alpha
		gA -= W * dAB
		gB += W * (digammaDiff(x, b) - dAB)
		if x > 0 {
			d.c4[j] = lnA - math.Log(b+x-1)
			d.invB[j] = 1 / (b + x - 1)
		}
	}
	// d/dalpha of -(r+x) log1p(t/alpha) is (r+x) t / (alpha (alpha+t)).
	for k, t := range d.ts {
		d.lt[k], d.q[k] = log1p(t/alpha), t/(alpha*(alpha+t))
	}
	forEachBlock(len(d.x), func(block, lo, hi int) {
		var l, pr, pAlpha, pa, pb float64
		for i := lo; i < hi; i++ {
			x, w, ti := d.x[i], d.w[i], d.ti[i]
			rx := r + x
			lT := d.lt[ti]
			A3 := -rx * lT
			dT := rx * d.q[ti]
			if x == 0 {
				l += w * A3
				pr -= w * lT
				pAlpha += w * dT
				continue
			}
			j, txi := d.xi[i], d.txi[i]
			lTx := d.lt[txi]
			A4 := d.c4[j] - rx*lTx
			var m, e, w3, w4 float64
			if A3 >= A4 {
				m, e = A3, math.Exp(A4-A3)
				w3, w4 = 1/(1+e), e/(1+e)
			} else {
				m, e = A4, math.Exp(A3-A4)
				w3, w4 = e/(1+e), 1/(1+e)
			}
			l += w * (m + log1p(e))
			pr -= w * (w3*lT + w4*lTx)
			pAlpha += w * (w3*dT + w4*rx*d.q[txi])
			pa += w * w4 / a
			pb -= w * w4 * d.invB[j]
		}
		d.partial[block] = [5]float64{l, pr, pAlpha, pa, pb}
	})
	for _, p := range d.partial {
		ll += p[0]
		gR += p[1]
		gAlpha += p[2]
		gA += p[3]
		gB += p[4]
	}
	grad[0], grad[1], grad[2], grad[3] = gR, gAlpha, gA, gB
	return ll, finite(ll) && finite(gR) && finite(gAlpha) && finite(gA) && finite(gB)
}

// PAlive is the probability that a customer with x repeat purchases, the last
// at t_x, observed for T, is still alive at T:
//
//	1 / (1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x))
//
// computed in log space so that large x cannot overflow.
func (p BGNBDParams) PAlive(x int, tx, T float64) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if err := validateCustomer(x, tx, T); err != nil {
		return 0, err
	}
	return p.pAlive(float64(x), tx, T), nil
}

func (p BGNBDParams) pAlive(x, tx, T float64) float64 {
	if x == 0 {
		return 1
	}
	// ln((alpha+T)/(alpha+t_x)) as a log1p: exact for huge alpha as well.
	l := math.Log(p.A) - math.Log(p.B+x-1) + (p.R+x)*log1p((T-tx)/(p.Alpha+tx))
	return logistic(-l)
}

// logistic returns 1/(1+e^-v) without overflowing for large |v|.
func logistic(v float64) float64 {
	if v >= 0 {
		return 1 / (1 + math.Exp(-v))
	}
	e := math.Exp(v)
	return e / (1 + e)
}

// ExpectedPurchases is the unconditional E[X(t)]: the expected number of
// repeat purchases in the first t time units of a newly acquired customer.
func (p BGNBDParams) ExpectedPurchases(t float64) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if !finite(t) || t < 0 {
		return 0, fmt.Errorf("analytics: horizon t=%v must be a non-negative number", t)
	}
	// E[X(t)] is the conditional expectation of a customer with no history.
	return p.conditionalExpected(t, 0, 0, 0)
}

// ConditionalExpectedPurchases is E[Y(t) | x, t_x, T]: the expected number
// of purchases in the next t time units by a customer with history
// (x, t_x, T) (Fader, Hardie & Lee 2005, equation 10).
func (p BGNBDParams) ConditionalExpectedPurchases(t float64, x int, tx, T float64) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if err := validateCustomer(x, tx, T); err != nil {
		return 0, err
	}
	if !finite(t) || t < 0 {
		return 0, fmt.Errorf("analytics: horizon t=%v must be a non-negative number", t)
	}
	return p.conditionalExpected(t, float64(x), tx, T)
}

// conditionalExpected evaluates
//
//	(a+b+x-1)/(a-1) [1 - ((alpha+T)/(alpha+T+t))^(r+x) 2F1(r+x, b+x; a+b+x-1; z)] P(alive)
//
// with z = t/(alpha+T+t). Euler's transformation turns the hypergeometric
// part into (1-z)^(a-1) 2F1(a+b-1-r, a-1; a+b+x-1; z), whose terms stay small
// for large x where the original ones grow like (1-z)^-(r+x).
func (p BGNBDParams) conditionalExpected(t, x, tx, T float64) (float64, error) {
	if t == 0 {
		return 0, nil
	}
	a := p.A
	if math.Abs(a-1) < 1e-7 {
		// The formula is 0/0 at a = 1; its limit is the mean of the values
		// just either side (the error is of order 1e-12).
		lo, err1 := BGNBDParams{p.R, p.Alpha, 1 - 1e-6, p.B}.conditionalExpected(t, x, tx, T)
		hi, err2 := BGNBDParams{p.R, p.Alpha, 1 + 1e-6, p.B}.conditionalExpected(t, x, tx, T)
		if err1 != nil || err2 != nil {
			return 0, fmt.Errorf("analytics: BG/NBD expectation near a=1: %v %v", err1, err2)
		}
		return (lo + hi) / 2, nil
	}
	A, B, c := a+p.B-1-p.R, a-1, a+p.B+x-1
	if math.Abs(A*B)/math.Max(c, 1) > seriesMaxGrowth {
		// The series would need about |A B|/c terms: a limit (r and alpha,
		// or a and b, huge) that small groups reach. Integrate instead,
		// which needs a Beta(a, b+x) without near-singular ends.
		if a < 0.5 || p.B+x < 0.5 {
			return 0, fmt.Errorf("analytics: BG/NBD expectation cannot be evaluated at r=%v alpha=%v a=%v b=%v (a limit of the model)", p.R, p.Alpha, p.A, p.B)
		}
		e := betaMeanPurchases(a, p.B+x, p.R+x, t/(p.Alpha+T)) * p.pAlive(x, tx, T)
		if !finite(e) {
			return 0, fmt.Errorf("analytics: BG/NBD expectation for t=%v x=%v t_x=%v T=%v is not finite", t, x, tx, T)
		}
		return e, nil
	}
	z := t / (p.Alpha + T + t)
	h, err := scaledHyp2F1(A, B, c, z)
	if err != nil {
		return 0, fmt.Errorf("analytics: BG/NBD expectation for t=%v x=%v: %w", t, x, err)
	}
	// ln(1-z) = -log1p(t/(alpha+T)), exact when z is near 0 or near 1.
	lnOneMinusZ := -log1p(t / (p.Alpha + T))
	e := (c - math.Exp((a-1)*lnOneMinusZ)*h) / (a - 1) * p.pAlive(x, tx, T)
	if !finite(e) {
		return 0, fmt.Errorf("analytics: BG/NBD expectation for t=%v x=%v t_x=%v T=%v is not finite", t, x, tx, T)
	}
	return math.Max(e, 0), nil
}

// seriesMaxGrowth bounds |A B| / c for the series in the BG/NBD
// expectation: its terms grow for about that many steps before they
// shrink, so beyond it (r and alpha, or a and b, in the thousands: the
// limits small groups reach) betaMeanPurchases integrates instead.
const seriesMaxGrowth = 1000

// betaMeanPurchases returns E[(1 - (1 + p c)^-k) / p] for p ~ Beta(a, b).
//
// The BG/NBD conditional expectation is P(alive) times this with
// a = a, b = b+x, k = r+x and c = t/(alpha+T): given p, a customer alive at T
// makes (1 - E[e^(-lambda p t)])/p more purchases in t, and integrating lambda
// over its gamma posterior gives the bracket. The integral is done in
// y = logit(p), where the Beta density becomes exp(a y)/(1+e^y)^(a+b): smooth,
// log-concave, free of the endpoint singularities it has in p, and close to
// Gaussian when a and b are large. Panels of 16-point Gauss-Legendre cover
// the mode +- max(12 sd, 40/a or 40/b), where the density has fallen by
// e^-40; with a, b >= 0.5 (the caller's condition) that is at most 160
// units of y, so at most 80 panels.
func betaMeanPurchases(a, b, k, c float64) float64 {
	mode := math.Log(a / b)
	sd := math.Sqrt(1/a + 1/b)
	lo := mode - math.Max(12*sd, 40/a)
	hi := mode + math.Max(12*sd, 40/b)
	logDensity := func(y float64) float64 {
		// a y - (a+b) ln(1+e^y), with the softplus written to not overflow.
		return a*y - (a+b)*(math.Max(y, 0)+log1p(math.Exp(-math.Abs(y))))
	}
	l0 := logDensity(mode)
	gl := gaussLegendre16()
	// The integrand has complex poles at distance pi from the real axis
	// (where 1+e^y = 0), so panels no wider than 2 keep each rule exact.
	panels := max(32, int(math.Ceil((hi-lo)/2)))
	width := (hi - lo) / float64(panels)
	var norm, sum float64
	for j := range panels {
		left := lo + float64(j)*width
		for i := range 16 {
			y := left + width*gl[0][i]
			w := gl[1][i] * math.Exp(logDensity(y)-l0)
			if w == 0 {
				continue
			}
			q := logistic(y)
			phi := k * c // the limit at p -> 0
			if q > 0 {
				phi = -math.Expm1(-k*log1p(q*c)) / q
			}
			norm += w
			sum += w * phi
		}
	}
	return sum / norm
}

// scaledHyp2F1 returns c * 2F1(a, b; c; z) for 0 <= z < 1 and c > -1 by its
// power series. Multiplying by c cancels the pole of 2F1 at c = 0, so the
// BG/NBD expectation stays defined when a+b+x-1 is near zero:
//
//	c 2F1 = c + sum_{n>=1} (a)_n (b)_n z^n / ((c+1)_{n-1} n!)
func scaledHyp2F1(a, b, c, z float64) (float64, error) {
	if !(c > -1) || z < 0 || z >= 1 {
		return 0, fmt.Errorf("hypergeometric series outside its domain (c=%v z=%v)", c, z)
	}
	sum := c
	term := a * b * z
	for n := 1.0; n < 2e6; n++ {
		sum += term
		ratio := (a + n) * (b + n) * z / ((c + n) * (n + 1))
		next := term * ratio
		if math.Abs(ratio) < 1 && math.Abs(next) <= 1e-17*math.Abs(sum)*(1-math.Abs(ratio)) {
			return sum + next, nil
		}
		if next == 0 {
			return sum, nil
		}
		term = next
	}
	return 0, fmt.Errorf("hypergeometric series did not converge (a=%v b=%v c=%v z=%v)", a, b, c, z)
}

// validateCustomer checks one (x, t_x, T) history.
func validateCustomer(x int, tx, T float64) error {
	switch {
	case x < 0:
		return fmt.Errorf("analytics: repeat purchases x=%d is negative", x)
	case !finite(tx) || !finite(T) || tx < 0 || T < 0 || tx > T:
		return fmt.Errorf("analytics: need 0 <= t_x <= T, got t_x=%v T=%v", tx, T)
	case x == 0 && tx != 0:
		return fmt.Errorf("analytics: a customer without repeat purchases must have t_x=0, got %v", tx)
	}
	return nil
}

// BTYDForecast is one row's prediction from a purchase model, with the
// history it was computed from.
type BTYDForecast struct {
	X        int     // repeat purchases (input)
	Tx, T    float64 // time of last purchase and age (inputs)
	Horizon  float64 // forecast horizon t (input)
	PAlive   float64 // probability the customer is still active at T
	Expected float64 // expected purchases in (T, T+Horizon]
}

// Forecast computes P(alive) and the expected purchases in the next horizon
// for every row of d, in parallel. Pair it with the index from Compress to
// get per-customer values without repeating work for identical histories.
func (p BGNBDParams) Forecast(d CustomerSummary, horizon float64) ([]BTYDForecast, error) {
	return forecastRows(d, horizon, p.PAlive, p.ConditionalExpectedPurchases)
}

// forecastRows runs the two per-row predictions of a model over d.
func forecastRows(d CustomerSummary, horizon float64,
	alive func(int, float64, float64) (float64, error),
	expected func(float64, int, float64, float64) (float64, error)) ([]BTYDForecast, error) {
	n := d.Len()
	if len(d.Tx) != n || len(d.T) != n {
		return nil, fmt.Errorf("analytics: customer summary columns differ in length")
	}
	out := make([]BTYDForecast, n)
	errs := make([]error, numBlocks(n))
	forEachBlock(n, func(block, lo, hi int) {
		for i := lo; i < hi; i++ {
			pa, err := alive(d.X[i], d.Tx[i], d.T[i])
			if err == nil {
				out[i].Expected, err = expected(horizon, d.X[i], d.Tx[i], d.T[i])
			}
			if err != nil {
				errs[block] = fmt.Errorf("row %d: %w", i, err)
				return
			}
			out[i].X, out[i].Tx, out[i].T, out[i].Horizon, out[i].PAlive = d.X[i], d.Tx[i], d.T[i], horizon, pa
		}
	})
	for _, err := range errs {
		if err != nil {
			return nil, err
		}
	}
	return out, nil
}
