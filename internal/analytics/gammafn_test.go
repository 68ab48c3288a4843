package analytics

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Reference values: mpmath at 40 digits.

func TestDigamma(t *testing.T) {
	for _, c := range [][2]float64{
		{1e-8, -100000000.57721564845},
		{0.3, -3.502524222200132989},
		{1, -0.57721566490153286061},
		{2.5, 0.70315664064524318723},
		{7, 1.8727843350984671394},
		{19.999, 2.9704727201051077492},
		{20, 2.9705239922421490509},
		{25.3, 3.2109113801825358545},
		{1000, 6.9072551956488120521},
		{1e12, 27.631021115928048208},
	} {
		if got := digamma(c[0]); math.Abs(got-c[1]) > 1e-15*math.Max(1, math.Abs(c[1])) {
			t.Errorf("digamma(%v) = %.17g, want %.17g", c[0], got, c[1])
		}
	}
}

func TestGammaDifferences(t *testing.T) {
	for _, c := range [][4]float64{
		// a, b, ln G(b+a) - ln G(b), psi(b+a) - psi(b)
		{3, 0.5, 0.62860865942237413774, 3.0666666666666666667},
		{0.7, 4, 0.94464567708751168141, 0.18130614119998118342},
		{500, 0.2426, 2605.3035450345721687, 10.572455185927973688},
		{2.5, 19, 7.456480652642107028, 0.12672446921774400106},
		{3, 25, 9.7728092288940118689, 0.11549857549857549858},
		{6.25, 1e3, 43.189845387742295981, 0.0062336563726797717342},
		{3.5, 1e12, 96.708573905754293729, 3.499999999995625e-12},
		{1e12, 4e12, 29133033233619.376034, 0.22314355131423475577},
		{37, 21, 134.06023194624386669, 1.0312735572886715301},
	} {
		if got := lnGammaRatio(c[0], c[1]); math.Abs(got-c[2]) > 1e-15*math.Max(1, math.Abs(c[2])) {
			t.Errorf("lnGammaRatio(%v, %v) = %.17g, want %.17g", c[0], c[1], got, c[2])
		}
		if got := digammaDiff(c[0], c[1]); math.Abs(got-c[3]) > 1e-14*math.Abs(c[3]) {
			t.Errorf("digammaDiff(%v, %v) = %.17g, want %.17g", c[0], c[1], got, c[3])
		}
	}
	for _, c := range [][3]float64{
		{0.5, 0.7, 0.91860627945968245118},
		{6.25, 3.74, -6.0847057402123879679},
		{1e12, 3.5, -95.507600303407219504},
		{25, 30, -38.278343897914853212},
		{1e6, 1e6, -1386300.0033629211163},
	} {
		if got := lnBeta(c[0], c[1]); math.Abs(got-c[2]) > 1e-14*math.Max(1, math.Abs(c[2])) {
			t.Errorf("lnBeta(%v, %v) = %.17g, want %.17g", c[0], c[1], got, c[2])
		}
	}
}

func TestLog1p(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 5))
	for range 200000 {
		// Log-uniform magnitudes from 1e-300 to 1e300, both signs above -1.
		x := math.Exp(rng.Float64()*1380 - 690)
		if rng.IntN(2) == 0 {
			x = -math.Min(x, 1-1e-16)
		}
		got, want := log1p(x), math.Log1p(x)
		if math.Abs(got-want) > 4e-16*math.Abs(want) {
			t.Fatalf("log1p(%v) = %.17g, math.Log1p %.17g", x, got, want)
		}
	}
	for _, x := range []float64{0, math.Inf(1), 1e308} {
		if got, want := log1p(x), math.Log1p(x); got != want && math.Abs(got-want) > 4e-16*want {
			t.Errorf("log1p(%v) = %v, want %v", x, got, want)
		}
	}
}
