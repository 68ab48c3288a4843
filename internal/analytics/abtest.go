package analytics

import (
	"fmt"
	"math"

	"gonum.org/v1/gonum/mathext"
	"gonum.org/v1/gonum/stat/distuv"
)

// ProportionTest is a two-sided two-proportion z test of variant B against
// A (conversion rates), with its inputs.
type ProportionTest struct {
	ConvA, NA, ConvB, NB int64
	Confidence           float64
	RateA, RateB         float64
	Diff                 float64 // RateB - RateA
	RelativeLift         float64 // Diff / RateA; 0 when RateA is 0
	Z                    float64 // Diff over the pooled standard error
	PValue               float64 // two-sided
	// CILow, CIHigh bound Diff at the confidence level (Wald interval
	// with the unpooled standard error).
	CILow, CIHigh float64
}

// TwoProportionZTest tests whether B's conversion rate differs from A's.
// confidence is the level of the interval (0 means 0.95). When neither
// group varies (all or nothing converted in both) the test has no evidence
// either way: Z = 0 and PValue = 1.
func TwoProportionZTest(convA, nA, convB, nB int64, confidence float64) (ProportionTest, error) {
	if nA <= 0 || nB <= 0 || convA < 0 || convB < 0 || convA > nA || convB > nB {
		return ProportionTest{}, fmt.Errorf("analytics: z test needs 0 <= conversions <= exposures and exposures > 0, got A %d/%d, B %d/%d", convA, nA, convB, nB)
	}
	conf, err := confidenceLevel(confidence)
	if err != nil {
		return ProportionTest{}, err
	}
	t := ProportionTest{ConvA: convA, NA: nA, ConvB: convB, NB: nB, Confidence: conf}
	fa, fb := float64(nA), float64(nB)
	t.RateA, t.RateB = float64(convA)/fa, float64(convB)/fb
	t.Diff = t.RateB - t.RateA
	if t.RateA > 0 {
		t.RelativeLift = t.Diff / t.RateA
	}
	pooled := float64(convA+convB) / (fa + fb)
	se := math.Sqrt(pooled * (1 - pooled) * (1/fa + 1/fb))
	if se > 0 {
		t.Z = t.Diff / se
		t.PValue = math.Erfc(math.Abs(t.Z) / math.Sqrt2)
	} else {
		t.PValue = 1
	}
	zc := distuv.UnitNormal.Quantile(1 - (1-conf)/2)
	seU := math.Sqrt(t.RateA*(1-t.RateA)/fa + t.RateB*(1-t.RateB)/fb)
	t.CILow, t.CIHigh = t.Diff-zc*seU, t.Diff+zc*seU
	return t, nil
}

// WelchTest is Welch's unequal-variance t test of mean B against mean A
// from summary statistics, with its inputs.
type WelchTest struct {
	MeanA, VarA float64
	NA          int64
	MeanB, VarB float64
	NB          int64
	Confidence  float64
	Diff        float64 // MeanB - MeanA
	T           float64
	DF          float64 // Welch-Satterthwaite degrees of freedom
	PValue      float64 // two-sided
	CILow       float64
	CIHigh      float64
}

// WelchTTest compares two means (for example revenue per customer) from
// their sample means, sample variances (n-1 denominators) and sizes.
func WelchTTest(meanA, varA float64, nA int64, meanB, varB float64, nB int64, confidence float64) (WelchTest, error) {
	if nA < 2 || nB < 2 {
		return WelchTest{}, fmt.Errorf("analytics: Welch test needs at least 2 observations per group, got %d and %d", nA, nB)
	}
	if !finite(meanA) || !finite(meanB) || !finite(varA) || !finite(varB) || varA < 0 || varB < 0 {
		return WelchTest{}, fmt.Errorf("analytics: Welch test needs finite means and non-negative variances")
	}
	conf, err := confidenceLevel(confidence)
	if err != nil {
		return WelchTest{}, err
	}
	w := WelchTest{MeanA: meanA, VarA: varA, NA: nA, MeanB: meanB, VarB: varB, NB: nB, Confidence: conf, Diff: meanB - meanA}
	sa, sb := varA/float64(nA), varB/float64(nB)
	se2 := sa + sb
	if se2 == 0 {
		return WelchTest{}, fmt.Errorf("analytics: Welch test: both groups have zero variance, so the difference cannot be tested")
	}
	se := math.Sqrt(se2)
	w.T = w.Diff / se
	w.DF = se2 * se2 / (sa*sa/float64(nA-1) + sb*sb/float64(nB-1))
	dist := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: w.DF}
	w.PValue = math.Min(1, 2*dist.Survival(math.Abs(w.T)))
	tc := dist.Quantile(1 - (1-conf)/2)
	w.CILow, w.CIHigh = w.Diff-tc*se, w.Diff+tc*se
	return w, checkFinite("Welch test", w.T, w.DF, w.PValue, w.CILow, w.CIHigh)
}

func confidenceLevel(c float64) (float64, error) {
	if c == 0 {
		return 0.95, nil
	}
	if !(c > 0 && c < 1) {
		return 0, fmt.Errorf("analytics: confidence level %v must be in (0, 1)", c)
	}
	return c, nil
}

// BetaPrior is the Beta(Alpha, Beta) prior of a conversion rate; the zero
// value means the uniform Beta(1, 1).
type BetaPrior struct{ Alpha, Beta float64 }

// BayesTest is the beta-binomial comparison of two conversion rates.
type BayesTest struct {
	ConvA, NA, ConvB, NB int64
	Prior                BetaPrior
	// Posterior parameters.
	AlphaA, BetaA, AlphaB, BetaB float64
	MeanA, MeanB                 float64 // posterior means
	// 95% equal-tailed credible intervals of each rate.
	CredA, CredB [2]float64
	// ProbBBeatsA is P(rate B > rate A | data).
	ProbBBeatsA float64
	// Method is "exact" (finite sum, when a posterior parameter is an
	// integer) or "quadrature" (adaptive numerical integration).
	Method string
}

// BetaBinomialTest computes P(B beats A) under independent Beta priors. With
// integer posterior parameters (any integer prior, such as the default
// uniform one) it uses the exact finite sum
//
//	P(pX > pY) = sum_{i=0}^{aX-1} B(aY+i, bY+bX) / ((bX+i) B(1+i, bX) B(aY, bY))
//
// over the smallest integer parameter (by symmetry any of the four will do),
// evaluated by a term ratio in log space; otherwise it integrates
// P = int_0^1 I_{Q_B(u)}(aA, bA) du numerically, an integrand bounded in
// [0, 1]. No Monte Carlo: the answer is exact to about 1e-10 and repeatable.
func BetaBinomialTest(convA, nA, convB, nB int64, prior BetaPrior) (BayesTest, error) {
	if nA < 0 || nB < 0 || convA < 0 || convB < 0 || convA > nA || convB > nB {
		return BayesTest{}, fmt.Errorf("analytics: Bayes test needs 0 <= conversions <= exposures, got A %d/%d, B %d/%d", convA, nA, convB, nB)
	}
	if prior == (BetaPrior{}) {
		prior = BetaPrior{1, 1}
	}
	if !(prior.Alpha > 0 && prior.Beta > 0) || !finite(prior.Alpha+prior.Beta) {
		return BayesTest{}, fmt.Errorf("analytics: Bayes test prior Beta(%v, %v) must have positive parameters", prior.Alpha, prior.Beta)
	}
	b := BayesTest{ConvA: convA, NA: nA, ConvB: convB, NB: nB, Prior: prior}
	b.AlphaA, b.BetaA = prior.Alpha+float64(convA), prior.Beta+float64(nA-convA)
	b.AlphaB, b.BetaB = prior.Alpha+float64(convB), prior.Beta+float64(nB-convB)
	b.MeanA = b.AlphaA / (b.AlphaA + b.BetaA)
	b.MeanB = b.AlphaB / (b.AlphaB + b.BetaB)
	for _, v := range []struct {
		a, b float64
		out  *[2]float64
	}{{b.AlphaA, b.BetaA, &b.CredA}, {b.AlphaB, b.BetaB, &b.CredB}} {
		v.out[0] = mathext.InvRegIncBeta(v.a, v.b, 0.025)
		v.out[1] = mathext.InvRegIncBeta(v.a, v.b, 0.975)
	}
	b.ProbBBeatsA, b.Method = probBGreater(b.AlphaA, b.BetaA, b.AlphaB, b.BetaB)
	b.ProbBBeatsA = math.Min(1, math.Max(0, b.ProbBBeatsA))
	return b, checkFinite("Bayes test", b.ProbBBeatsA, b.CredA[0], b.CredA[1], b.CredB[0], b.CredB[1])
}

// exactSumLimit bounds the terms of the exact sum; beyond it quadrature is
// as accurate and faster.
const exactSumLimit = 5_000_000

// probBGreater returns P(pB > pA) for pA ~ Beta(aA, bA), pB ~ Beta(aB, bB).
func probBGreater(aA, bA, aB, bB float64) (float64, string) {
	type variant struct {
		count          float64
		aX, bX, aY, bY float64
		complement     bool
	}
	// P(B>A) = S(B over A); = 1 - S(A over B); = S(1-A over 1-B); = 1 - S(1-B over 1-A).
	variants := []variant{
		{aB, aB, bB, aA, bA, false},
		{aA, aA, bA, aB, bB, true},
		{bA, bA, aA, bB, aB, false},
		{bB, bB, aB, bA, aA, true},
	}
	best := -1
	for i, v := range variants {
		if v.count == math.Trunc(v.count) && v.count <= exactSumLimit && (best < 0 || v.count < variants[best].count) {
			best = i
		}
	}
	if best >= 0 {
		v := variants[best]
		s := exactGreater(v.aX, v.bX, v.aY, v.bY)
		if v.complement {
			s = 1 - s
		}
		return s, "exact"
	}
	f := func(u float64) float64 { return regIncBetaAtQuantile(aA, bA, aB, bB, u) }
	return adaptiveSimpson(f, 0, 1, 1e-11), "quadrature"
}

// regIncBetaAtQuantile is P(pA < Q_B(u)), the integrand of P(pB > pA) after
// substituting pB = Q_B(u), the u-quantile of Beta(aB, bB).
func regIncBetaAtQuantile(aA, bA, aB, bB, u float64) float64 {
	return mathext.RegIncBeta(aA, bA, mathext.InvRegIncBeta(aB, bB, u))
}

// exactGreater is P(X > Y), X ~ Beta(aX, bX) with aX a positive integer,
// Y ~ Beta(aY, bY): the finite sum, its terms generated by their ratio
//
//	t_{i+1} / t_i = (aY+i)(bX+i) / ((aY+bY+bX+i)(1+i))
//
// and added in log space (terms can underflow individually).
func exactGreater(aX, bX, aY, bY float64) float64 {
	lt, _, _ := lnBetaShift(aY, bY, 0, bX) // t_0 (the 1/(bX B(1,bX)) factor is 1)
	mx, sum := lt, 1.0
	for i := 1.0; i < aX; i++ {
		j := i - 1
		lt += math.Log((aY+j)*(bX+j)) - math.Log((aY+bY+bX+j)*(1+j))
		if lt > mx {
			sum = sum*math.Exp(mx-lt) + 1
			mx = lt
		} else {
			sum += math.Exp(lt - mx)
		}
	}
	return math.Exp(mx + math.Log(sum))
}

// adaptiveSimpson integrates f over [a, b] to about tol.
func adaptiveSimpson(f func(float64) float64, a, b, tol float64) float64 {
	fa, fm, fb := f(a), f((a+b)/2), f(b)
	whole := (b - a) / 6 * (fa + 4*fm + fb)
	return simpsonStep(f, a, b, fa, fm, fb, whole, tol, 50)
}

func simpsonStep(f func(float64) float64, a, b, fa, fm, fb, whole, tol float64, depth int) float64 {
	m := (a + b) / 2
	lm, rm := (a+m)/2, (m+b)/2
	flm, frm := f(lm), f(rm)
	left := (m - a) / 6 * (fa + 4*flm + fm)
	right := (b - m) / 6 * (fm + 4*frm + fb)
	// The first levels always split: Simpson's rule on three points can
	// miss a narrow transition altogether.
	if depth <= 0 || (depth < 45 && math.Abs(left+right-whole) <= 15*tol) {
		return left + right + (left+right-whole)/15
	}
	return simpsonStep(f, a, m, fa, flm, fm, left, tol/2, depth-1) +
		simpsonStep(f, m, b, fm, frm, fb, right, tol/2, depth-1)
}
