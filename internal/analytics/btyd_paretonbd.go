package analytics

import (
	"fmt"
	"math"
	"sync"

	"gonum.org/v1/gonum/integrate/quad"
)

// ParetoNBDParams are the parameters of the Pareto/NBD model (Schmittlein,
// Morrison & Colombo 1987): while alive a customer buys at rate
// lambda ~ Gamma(R, Alpha) and has an exponential lifetime with rate
// mu ~ Gamma(S, Beta). Alpha and Beta are in the time unit of the data.
type ParetoNBDParams struct {
	R, Alpha, S, Beta float64
}

// ParetoNBDFit is a fitted Pareto/NBD model with the fit's diagnostics.
type ParetoNBDFit struct {
	ParetoNBDParams
	FitInfo
}

func (p ParetoNBDParams) validate() error {
	for _, v := range [...]float64{p.R, p.Alpha, p.S, p.Beta} {
		if !finite(v) || v <= 0 {
			return fmt.Errorf("analytics: Pareto/NBD parameters must be positive and finite, got r=%v alpha=%v s=%v beta=%v", p.R, p.Alpha, p.S, p.Beta)
		}
	}
	return nil
}

// FitParetoNBD finds the maximum-likelihood Pareto/NBD parameters for d.
// Errors wrap ErrDegenerate (nobody repeats) or ErrNotConverged.
func FitParetoNBD(d CustomerSummary, opt *FitOptions) (ParetoNBDFit, error) {
	total, err := d.validate()
	if err != nil {
		return ParetoNBDFit{}, err
	}
	rows := newParetoRows(d)
	var sumX, sumT float64
	for i := range rows.x {
		sumX += rows.w[i] * rows.x[i]
		sumT += rows.w[i] * rows.T[i]
	}
	if sumX == 0 {
		return ParetoNBDFit{}, fmt.Errorf("analytics: Pareto/NBD: %w: no customer made a repeat purchase", ErrDegenerate)
	}
	// r=1 with the observed purchase rate; s=1 with a mean lifetime equal
	// to the mean observation time. Equal alpha and beta would also do; the
	// likelihood code is exact for any ratio.
	meanT := sumT / total
	init := []float64{1, sumT / sumX, 1, meanT}
	theta, info, err := maxLogLikelihood("Pareto/NBD", []string{"r", "alpha", "s", "beta"}, init, total, rows.logLik, opt)
	if err != nil {
		return ParetoNBDFit{FitInfo: info}, err
	}
	return ParetoNBDFit{ParetoNBDParams: ParetoNBDParams{R: theta[0], Alpha: theta[1], S: theta[2], Beta: theta[3]}, FitInfo: info}, nil
}

// LogLikelihood returns the Pareto/NBD log-likelihood of d under p.
func (p ParetoNBDParams) LogLikelihood(d CustomerSummary) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if _, err := d.validate(); err != nil {
		return 0, err
	}
	ll, ok := newParetoRows(d).logLik([]float64{p.R, p.Alpha, p.S, p.Beta}, make([]float64, 4))
	if !ok {
		return 0, fmt.Errorf("analytics: Pareto/NBD log-likelihood cannot be evaluated at r=%v alpha=%v s=%v beta=%v", p.R, p.Alpha, p.S, p.Beta)
	}
	return ll, nil
}

type paretoRows struct {
	x, tx, T, w []float64
	xi          []int32
	xs, wx      []float64
	partial     [][5]float64
	failed      []bool
}

func newParetoRows(d CustomerSummary) *paretoRows {
	n := d.Len()
	r := &paretoRows{x: make([]float64, n), tx: d.Tx, T: d.T, w: make([]float64, n)}
	r.xi, r.xs = distinctInts(d.X)
	r.wx = make([]float64, len(r.xs))
	for i := range n {
		r.x[i] = float64(d.X[i])
		r.w[i] = d.weight(i)
		r.wx[r.xi[i]] += r.w[i]
	}
	r.partial = make([][5]float64, numBlocks(n))
	r.failed = make([]bool, numBlocks(n))
	return r
}

// logLik is the Pareto/NBD log-likelihood and its gradient in
// (r, alpha, s, beta). Per customer
//
//	L = G(r+x)/G(r) alpha^r beta^s [ (alpha+T)^-(r+x) (beta+T)^-s + s (F(t_x) - F(T)) ]
//
// where F(t) = int_t^inf (alpha+y)^-(r+x) (beta+y)^-(s+1) dy is the
// hypergeometric part of the published formula. alpha^r beta^s is taken
// into each term of the bracket (see bracketAlive and paretoTail), which
// keeps the likelihood exact when r and alpha, or s and beta, grow
// together; the bracket is summed in log space.
func (d *paretoRows) logLik(theta, grad []float64) (float64, bool) {
	r, alpha, s, beta := theta[0], theta[1], theta[2], theta[3]
	var ll, gR, gAlpha, gS, gBeta float64
	for j, x := range d.xs {
		W := d.wx[j]
		ll += W * lnGammaRatio(x, r)
		gR += W * digammaDiff(x, r)
	}
	p := ParetoNBDParams{r, alpha, s, beta}
	forEachBlock(len(d.x), func(block, lo, hi int) {
		var acc [5]float64
		d.failed[block] = false
		for i := lo; i < hi; i++ {
			l, g, ok := p.bracket(d.x[i], d.tx[i], d.T[i])
			if !ok {
				d.failed[block] = true
				return
			}
			w := d.w[i]
			acc[0] += w * l
			for k := range 4 {
				acc[k+1] += w * g[k]
			}
		}
		d.partial[block] = acc
	})
	for b, acc := range d.partial {
		if d.failed[b] {
			return math.Inf(-1), false
		}
		ll += acc[0]
		gR += acc[1]
		gAlpha += acc[2]
		gS += acc[3]
		gBeta += acc[4]
	}
	grad[0], grad[1], grad[2], grad[3] = gR, gAlpha, gS, gBeta
	return ll, finite(ll) && finite(gR) && finite(gAlpha) && finite(gS) && finite(gBeta)
}

// bracket returns the log of alpha^r beta^s times the likelihood's bracket,
//
//	alpha^r beta^s [ e^A + s F(t_x) - s F(T) ],  A = -(r+x) ln(alpha+T) - s ln(beta+T),
//
// and its gradient in (r, alpha, s, beta).
func (p ParetoNBDParams) bracket(x, tx, T float64) (lnB float64, grad [4]float64, ok bool) {
	lnB, grad, _, ok = p.bracketAlive(x, tx, T)
	return lnB, grad, ok
}

// bracketAlive is bracket plus P(alive) = e^A / (e^A + s F(t_x) - s F(T)).
func (p ParetoNBDParams) bracketAlive(x, tx, T float64) (lnB float64, grad [4]float64, alive float64, ok bool) {
	r, alpha, s, beta := p.R, p.Alpha, p.S, p.Beta
	// r ln alpha + s ln beta + A, written with log1p (no cancellation).
	la, lb := log1p(T/alpha), log1p(T/beta)
	A := -(r+x)*la - x*math.Log(alpha) - s*lb
	gA := [4]float64{-la, (r*T - x*alpha) / (alpha * (alpha + T)), -lb, s * T / (beta * (beta + T))}
	f1, g1, ok1 := paretoTail(r, alpha, s, beta, x, tx)
	f2, g2 := f1, g1
	ok2 := true
	if T != tx {
		f2, g2, ok2 = paretoTail(r, alpha, s, beta, x, T)
	}
	if !ok1 || !ok2 {
		return 0, grad, 0, false
	}
	lnS := math.Log(s)
	B1, B2 := lnS+f1, lnS+f2
	// 1 - F(T)/F(t_x) in [0, 1): the share of F(t_x) left after removing F(T).
	diff := -math.Expm1(B2 - B1)
	m := math.Max(A, B1)
	eA, e1, e2 := math.Exp(A-m), math.Exp(B1-m), math.Exp(B2-m)
	tot := eA + e1*diff
	lnB = m + math.Log(tot)
	wA, w1, w2 := eA/tot, e1/tot, e2/tot
	for k := range 4 {
		grad[k] = wA*gA[k] + w1*g1[k] - w2*g2[k]
	}
	grad[2] += (w1 - w2) / s // d ln s / ds in B1 and B2
	return lnB, grad, wA, finite(lnB)
}

// paretoTail returns G(t) = r ln alpha + s ln beta + ln F(t) and its
// gradient in (r, alpha, s, beta), where
//
//	F(t) = int_t^inf (alpha+y)^-(r+x) (beta+y)^-(s+1) dy.
//
// With M = max(alpha, beta), m = min(alpha, beta), k = r+s+x and b the
// exponent belonging to m (s+1 when alpha >= beta, r+x otherwise),
//
//	F(t) = (M+t)^-k / k * 2F1(k, b; k+1; z),  z = (M-m)/(M+t) in [0, 1),
//
// which is the hypergeometric term of the published Pareto/NBD likelihood.
// Euler's transformation gives 2F1(k, b; k+1; z) = (1-z)^(1-b) S with
//
//	S = 2F1(1, k+1-b; k+1; z) = sum_n prod_{j<n} z (k+1-b+j)/(k+1+j),
//
// a series of positive terms that never exceed 1 and shrink at least as fast
// as z^n: no overflow for any x and no cancellation. Collecting the powers,
//
//	alpha >= beta:  G = -(r+x) la - s lb - x ln alpha - ln k + ln S
//	alpha <  beta:  G = -(r+x-1) la - (s+1) lb - (x-1) ln alpha - ln beta - ln k + ln S
//
// with la = log1p(t/alpha), lb = log1p(t/beta). The gradient comes from
// differentiating the series term by term alongside it. Where z is close to
// 1 the series is slow and paretoTailQuad integrates instead.
func paretoTail(r, alpha, s, beta, x, t float64) (G float64, grad [4]float64, ok bool) {
	M, m := max(alpha, beta), min(alpha, beta)
	if (M-m)/(M+t) > seriesMaxZ {
		return paretoTailQuad(r, alpha, s, beta, x, t)
	}
	return paretoTailSeries(r, alpha, s, beta, x, t)
}

// paretoTailSeries is paretoTail by the hypergeometric series.
func paretoTailSeries(r, alpha, s, beta, x, t float64) (G float64, grad [4]float64, ok bool) {
	k := r + s + x
	swap := alpha < beta
	M, m, b := alpha, beta, s+1
	if swap {
		M, m, b = beta, alpha, r+x
	}
	c0 := k + 1 - b
	z := (M - m) / (M + t)
	tail := (M + t) / (m + t) // 1/(1-z)

	// S and the sums for its derivatives in k (holding b), b and z.
	S, Sk, Sb, Sz := 1.0, 0.0, 0.0, 0.0
	term := 1.0
	var dk, db float64 // running d ln(term)/dk and d ln(term)/db
	const eps = 1e-17
	converged := false
	for n := 0.0; n < 1e5; n++ {
		u := term * (c0 + n) / (k + 1 + n) // term_{n+1} / z
		dk += 1/(c0+n) - 1/(k+1+n)
		db -= 1 / (c0 + n)
		term = u * z
		S += term
		Sk += term * dk
		Sb += term * db
		Sz += (n + 1) * u
		// Terms fall at least by z per step, so each tail is bounded by the
		// current term times a geometric factor; stop when all are negligible.
		if term*tail*(1-db) <= eps*S && u*((n+1)*tail+tail*tail) <= eps*Sz {
			converged = true
			break
		}
	}
	if !converged {
		return 0, grad, false
	}
	la, lb := log1p(t/alpha), log1p(t/beta)
	lnAlpha := math.Log(alpha)
	dK := -1/k + Sk/S // d/dk of -ln k + ln S
	dB := Sb / S
	dZ := Sz / S
	dzM := (m + t) / ((M + t) * (M + t)) // dz/dM
	dzm := -1 / (M + t)                  // dz/dm
	if swap {
		G = -(r+x-1)*la - (s+1)*lb - (x-1)*lnAlpha - math.Log(beta) - math.Log(k) + math.Log(S)
		grad[0] = -la + dK + dB // b = r+x
		grad[2] = -lb + dK
		grad[1] = (r*t+(1-x)*alpha)/(alpha*(alpha+t)) + dZ*dzm
		grad[3] = (s*t-beta)/(beta*(beta+t)) + dZ*dzM
	} else {
		G = -(r+x)*la - s*lb - x*lnAlpha - math.Log(k) + math.Log(S)
		grad[0] = -la + dK
		grad[2] = -lb + dK + dB // b = s+1
		grad[1] = (r*t-x*alpha)/(alpha*(alpha+t)) + dZ*dzM
		grad[3] = s*t/(beta*(beta+t)) + dZ*dzm
	}
	return G, grad, finite(G)
}

// seriesMaxZ is where paretoTail switches from the series to quadrature:
// the series needs about 40/(1-z) terms, so beyond z = 0.95 (a ratio of
// alpha to beta or beta to alpha above ~20, met mostly while the optimiser
// explores) the integral is cheaper and just as exact.
const seriesMaxZ = 0.95

// gaussLegendre16 holds the 16-point Gauss-Legendre rule on [0, 1].
var gaussLegendre16 = sync.OnceValue(func() (r [2][16]float64) {
	quad.Legendre{}.FixedLocations(r[0][:], r[1][:], 0, 1)
	return r
})

// paretoTailQuad computes what paretoTail does by integrating. With
// y = (M+t)e^w - M the integral becomes
//
//	F(t) = (M+t)^-k J,  J = int_0^inf exp(phi(w)) dw,
//	phi(w) = -(pM-1) w - pm ln(e^w - z),
//
// where pM and pm are the exponents belonging to M and m, and
// J = (1-z)^-pm * sum with sum = int_0^inf exp(phi(w) - phi(0)) dw. phi falls
// monotonically, at rate at least k, and near w = 0 on the scale of
// (1-z)/pm; panels are sized from the local rate so that phi drops by at
// most about 2 across each, and no wider than their distance to the
// singularity at w = ln z, so 16-point Gauss-Legendre on each is exact to
// rounding. Integration stops once phi has fallen by 46 (e^-46 ~ 1e-20).
// The gradient integrals use the same nodes.
func paretoTailQuad(r, alpha, s, beta, x, t float64) (G float64, grad [4]float64, ok bool) {
	swap := alpha < beta
	M, m, pM, pm := alpha, beta, r+x, s+1
	if swap {
		M, m, pM, pm = beta, alpha, s+1, r+x
	}
	oneMinusZ := (m + t) / (M + t)
	z := (M - m) / (M + t)
	gl := gaussLegendre16()
	// gap(w) = 1 - z e^-w = (e^w - z) e^-w, written to stay exact for
	// z near 1 and small w, and finite for large w. With
	// L(w) = ln(e^w - z) - ln(1-z) = w + ln(gap(w)/(1-z)):
	// phi(w) - phi(0) = -(pM-1) w - pm L(w).
	gap := func(w float64) float64 { return oneMinusZ + z*-math.Expm1(-w) }
	rel := func(w float64) (float64, float64) {
		l := w + log1p(z*-math.Expm1(-w)/oneMinusZ)
		return -(pM-1)*w - pm*l, l
	}
	var sum, sumW, sumL, sumInv float64
	left := 0.0
	for panel := 0; panel < 400; panel++ {
		// Local decay rate of exp(phi) at the panel's left edge; it only
		// falls with w, so the panel is never too wide.
		// Nor wider than its distance to the integrand's singularity at
		// w = ln z, which keeps Gauss-Legendre converging fast when phi is
		// algebraic (small pm) rather than exponential near w = 0.
		rate := (pM - 1) + pm/gap(left)
		width := min(2/rate, left-log1p(-oneMinusZ))
		for i := range 16 {
			w := left + width*gl[0][i]
			f, l := rel(w)
			e := gl[1][i] * width * math.Exp(f)
			sum += e
			sumW += e * w
			sumL += e * l
			sumInv += e * math.Exp(-l)
		}
		left += width
		if f, _ := rel(left); f < -46 {
			ok = true
			break
		}
	}
	if !ok || !(sum > 0) {
		return 0, grad, false
	}
	la, lb := log1p(t/alpha), log1p(t/beta)
	lnAlpha := math.Log(alpha)
	dPM := -sumW / sum                      // d ln(sum)/d pM
	dPm := -sumL / sum                      // d ln(sum)/d pm
	dZ := pm / oneMinusZ * (sumInv/sum - 1) // d ln(sum)/dz
	dzM := (m + t) / ((M + t) * (M + t))    // dz/dM
	dzm := -1 / (M + t)                     // dz/dm
	if swap {                               // pM = s+1 (beta), pm = r+x (alpha)
		G = -(r+x)*la - x*lnAlpha - s*lb + math.Log(sum)
		grad[0] = -la + dPm
		grad[2] = -lb + dPM
		grad[1] = (r*t-x*alpha)/(alpha*(alpha+t)) + dZ*dzm
		grad[3] = s*t/(beta*(beta+t)) + dZ*dzM
	} else { // pM = r+x (alpha), pm = s+1 (beta)
		G = -(r+x-1)*la - (s+1)*lb - (x-1)*lnAlpha - math.Log(beta) + math.Log(sum)
		grad[0] = -la + dPM
		grad[2] = -lb + dPm
		grad[1] = (r*t+(1-x)*alpha)/(alpha*(alpha+t)) + dZ*dzM
		grad[3] = (s*t-beta)/(beta*(beta+t)) + dZ*dzm
	}
	return G, grad, finite(G)
}

// PAlive is the probability that a customer with history (x, t_x, T) is
// still alive at T.
func (p ParetoNBDParams) PAlive(x int, tx, T float64) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if err := validateCustomer(x, tx, T); err != nil {
		return 0, err
	}
	_, _, alive, ok := p.bracketAlive(float64(x), tx, T)
	if !ok || !finite(alive) {
		return 0, fmt.Errorf("analytics: Pareto/NBD P(alive) cannot be evaluated for x=%d t_x=%v T=%v", x, tx, T)
	}
	return alive, nil
}

// ConditionalExpectedPurchases is E[Y(t) | x, t_x, T], the expected number
// of purchases in the next t time units:
//
//	(r+x)(beta+T) / ((alpha+T)(s-1)) [1 - ((beta+T)/(beta+T+t))^(s-1)] P(alive)
//
// evaluated with expm1/log1p so that s near 1 (where the formula is 0/0 and
// the limit is a logarithm) stays accurate.
func (p ParetoNBDParams) ConditionalExpectedPurchases(t float64, x int, tx, T float64) (float64, error) {
	alive, err := p.PAlive(x, tx, T)
	if err != nil {
		return 0, err
	}
	if !finite(t) || t < 0 {
		return 0, fmt.Errorf("analytics: horizon t=%v must be a non-negative number", t)
	}
	e := (p.R + float64(x)) * (p.Beta + T) / (p.Alpha + T) * lifetimeFactor(p.S, t/(p.Beta+T)) * alive
	if err := checkFinite("Pareto/NBD expected purchases", e); err != nil {
		return 0, err
	}
	return e, nil
}

// lifetimeFactor returns [1 - (1+v)^-(s-1)] / (s-1), or ln(1+v) at s = 1.
func lifetimeFactor(s, v float64) float64 {
	l := log1p(v)
	if math.Abs(s-1) < 1e-10 {
		return l
	}
	return -math.Expm1(-(s-1)*l) / (s - 1)
}

// ExpectedPurchases is the unconditional E[X(t)] for a new customer:
// r beta / (alpha (s-1)) [1 - (beta/(beta+t))^(s-1)].
func (p ParetoNBDParams) ExpectedPurchases(t float64) (float64, error) {
	if err := p.validate(); err != nil {
		return 0, err
	}
	if !finite(t) || t < 0 {
		return 0, fmt.Errorf("analytics: horizon t=%v must be a non-negative number", t)
	}
	e := p.R * p.Beta / p.Alpha * lifetimeFactor(p.S, t/p.Beta)
	return e, checkFinite("Pareto/NBD expected purchases", e)
}

// Forecast computes P(alive) and the expected purchases in the next horizon
// for every row of d, in parallel.
func (p ParetoNBDParams) Forecast(d CustomerSummary, horizon float64) ([]BTYDForecast, error) {
	return forecastRows(d, horizon, p.PAlive, p.ConditionalExpectedPurchases)
}
