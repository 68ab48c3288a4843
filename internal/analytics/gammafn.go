package analytics

import "math"

// Differences of log-gamma and digamma values, computed without the
// cancellation the naive differences suffer when the arguments are large.
//
// The BTYD likelihoods are full of terms like ln G(r+x) - ln G(r) and
// r ln(alpha) - (r+x) ln(alpha+T). When the data favour a model without
// heterogeneity (every customer buying at the same rate, say) the optimiser
// drives the shape and scale parameters towards infinity together, and at
// r = 1e12 the two halves of each difference agree in all but their last
// digits: the naive likelihood is then noise of order 1e-2 per customer,
// enough to send the optimiser after phantom improvements. These functions
// keep full precision at any size.

// stirlingMin is where the asymptotic expansions take over; their first
// omitted terms are below 1e-17 from here on.
const stirlingMin = 20

// lnGammaRatio returns ln G(b+a) - ln G(b) for a >= 0, b > 0.
func lnGammaRatio(a, b float64) float64 {
	switch {
	case a == 0:
		return 0
	case b >= stirlingMin:
		// Stirling: ln G(z) = (z-1/2) ln z - z + ln(2 pi)/2 + c(z), so the
		// difference is (b-1/2) log1p(a/b) + a ln(b+a) - a + c(b+a) - c(b).
		return (b-0.5)*math.Log1p(a/b) + a*math.Log(b+a) - a + stirlingCorrection(b+a) - stirlingCorrection(b)
	case a == math.Trunc(a) && a <= 32:
		var s float64
		for j := 0.0; j < a; j++ {
			s += math.Log(b + j)
		}
		return s
	default:
		// b is small, so ln G(b) is too: no cancellation to fear.
		x, _ := math.Lgamma(b + a)
		y, _ := math.Lgamma(b)
		return x - y
	}
}

// stirlingCorrection is c(z) = ln G(z) - [(z-1/2) ln z - z + ln(2 pi)/2]
// for z >= stirlingMin, from the Bernoulli-number series.
func stirlingCorrection(z float64) float64 {
	r := 1 / z
	r2 := r * r
	return r * (1.0/12 - r2*(1.0/360-r2*(1.0/1260-r2*(1.0/1680-r2*(1.0/1188-r2*691.0/360360)))))
}

// lnBeta returns ln B(a, b) for a, b > 0, exact also when one argument is
// huge (where ln G(a) + ln G(b) - ln G(a+b) cancels).
func lnBeta(a, b float64) float64 {
	small, large := min(a, b), max(a, b)
	if large < stirlingMin {
		x, _ := math.Lgamma(a)
		y, _ := math.Lgamma(b)
		z, _ := math.Lgamma(a + b)
		return x + y - z
	}
	l, _ := math.Lgamma(small)
	return l - lnGammaRatio(small, large)
}

// digamma returns psi(x) = d ln G(x)/dx for x > 0, to about 1e-16
// (gonum's mathext.Digamma stops its series early and is off by up to 5e-11,
// which shows in gradients summed over a million customers).
func digamma(x float64) float64 {
	var acc float64
	for x < stirlingMin {
		acc -= 1 / x
		x++
	}
	return acc + digammaAsymptotic(x)
}

// digammaAsymptotic is psi(z) for z >= stirlingMin.
func digammaAsymptotic(z float64) float64 {
	r2 := 1 / (z * z)
	return math.Log(z) - 0.5/z - r2*(1.0/12-r2*(1.0/120-r2*(1.0/252-r2*(1.0/240-r2*(1.0/132)))))
}

// digammaDiff returns psi(b+a) - psi(b) for a >= 0, b > 0.
func digammaDiff(a, b float64) float64 {
	switch {
	case a == 0:
		return 0
	case b >= stirlingMin:
		// The logarithms and the 1/(2z) terms are differenced exactly; the
		// rest of the series is tiny at this size.
		c := b + a
		rc, rb := 1/(c*c), 1/(b*b)
		tail := func(r2 float64) float64 {
			return r2 * (1.0/12 - r2*(1.0/120-r2*(1.0/252-r2*(1.0/240-r2*(1.0/132)))))
		}
		return math.Log1p(a/b) + a/(2*b*c) - tail(rc) + tail(rb)
	case a == math.Trunc(a) && a <= 32:
		var s float64
		for j := 0.0; j < a; j++ {
			s += 1 / (b + j)
		}
		return s
	default:
		return digamma(b+a) - digamma(b)
	}
}

// log1p returns ln(1+x) for x > -1 to within a few ulps, like math.Log1p,
// but through math.Log, which has an assembly implementation on amd64 and
// arm64 and is three times faster than the pure-Go math.Log1p. The
// correction factor x/((1+x)-1) undoes the rounding of 1+x (Goldberg, "What
// every computer scientist should know about floating-point arithmetic",
// theorem 4). It runs once or twice per customer row per likelihood
// evaluation, so the speed shows in the million-customer fits.
func log1p(x float64) float64 {
	u := 1 + x
	switch {
	case u == 1:
		return x
	case math.IsInf(u, 1):
		return math.Log(x)
	}
	return math.Log(u) * (x / (u - 1))
}
