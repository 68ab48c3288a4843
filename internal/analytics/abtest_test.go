package analytics

import (
	"math"
	"testing"
)

func TestTwoProportionZTest(t *testing.T) {
	// 200/1000 vs 250/1000: pooled p = .225, SE = sqrt(.225*.775*.002),
	// z = .05/SE = 2.677398, two-sided p = 0.00741965 (mpmath).
	r, err := TwoProportionZTest(200, 1000, 250, 1000, 0)
	if err != nil {
		t.Fatal(err)
	}
	se := math.Sqrt(0.225 * 0.775 * 0.002)
	seU := math.Sqrt(0.2*0.8/1000 + 0.25*0.75/1000)
	if !relClose(r.Z, 0.05/se, 1e-12) || math.Abs(r.PValue-0.0074196492610256749) > 1e-12 ||
		!relClose(r.CILow, 0.05-1.959963984540054*seU, 1e-9) || !relClose(r.RelativeLift, 0.25, 1e-12) {
		t.Errorf("%+v", r)
	}
	// No variation at all: no evidence.
	r, err = TwoProportionZTest(0, 100, 0, 100, 0.9)
	if err != nil || r.Z != 0 || r.PValue != 1 {
		t.Errorf("no conversions: %+v %v", r, err)
	}
	for _, bad := range [][4]int64{{5, 0, 1, 10}, {11, 10, 1, 10}, {-1, 10, 1, 10}} {
		if _, err := TwoProportionZTest(bad[0], bad[1], bad[2], bad[3], 0); err == nil {
			t.Errorf("%v accepted", bad)
		}
	}
	if _, err := TwoProportionZTest(1, 10, 1, 10, 1.5); err == nil {
		t.Error("confidence 1.5 accepted")
	}
}

func TestWelchTTest(t *testing.T) {
	// Textbook example: means 20.0 and 22.0, variances 4 and 9, n 10 and
	// 12. se^2 = .4+.75 = 1.15, t = 2/sqrt(1.15) = 1.86501,
	// df = 1.15^2/(.16/9 + .5625/11) = 19.19055, two-sided p = 0.0775464
	// (mpmath's regularised incomplete beta).
	w, err := WelchTTest(20, 4, 10, 22, 9, 12, 0.95)
	if err != nil {
		t.Fatal(err)
	}
	if !relClose(w.T, 2/math.Sqrt(1.15), 1e-12) || !relClose(w.DF, 1.15*1.15/(0.16/9+0.5625/11), 1e-12) || math.Abs(w.PValue-0.077546438682058669) > 1e-10 {
		t.Errorf("%+v", w)
	}
	if !(w.CILow < 0 && w.CIHigh > 0) {
		t.Errorf("95%% CI %v..%v should contain 0 at p=0.077", w.CILow, w.CIHigh)
	}
	if _, err := WelchTTest(1, 0, 10, 2, 0, 10, 0); err == nil {
		t.Error("zero variances accepted")
	}
	if _, err := WelchTTest(1, 1, 1, 2, 1, 10, 0); err == nil {
		t.Error("n=1 accepted")
	}
}

func TestBetaBinomialTest(t *testing.T) {
	// Equal data: exactly one half by symmetry.
	b, err := BetaBinomialTest(30, 100, 30, 100, BetaPrior{})
	if err != nil || math.Abs(b.ProbBBeatsA-0.5) > 1e-12 || b.Method != "exact" {
		t.Errorf("equal data: %+v %v", b, err)
	}
	// The four exact variants and quadrature agree, for small and large
	// counts and for a non-integer prior (forcing quadrature).
	cases := [][4]int64{{3, 10, 7, 10}, {200, 1000, 250, 1000}, {12, 20000, 30, 20000}, {0, 5, 5, 5}}
	for _, c := range cases {
		b, err := BetaBinomialTest(c[0], c[1], c[2], c[3], BetaPrior{})
		if err != nil {
			t.Fatal(err)
		}
		aA, bA := 1+float64(c[0]), 1+float64(c[1]-c[0])
		aB, bB := 1+float64(c[2]), 1+float64(c[3]-c[2])
		variants := []float64{
			exactGreater(aB, bB, aA, bA),
			1 - exactGreater(aA, bA, aB, bB),
			exactGreater(bA, aA, bB, aB),
			1 - exactGreater(bB, aB, bA, aA),
		}
		quad := adaptiveSimpson(func(u float64) float64 {
			return regIncBetaAtQuantile(aA, bA, aB, bB, u)
		}, 0, 1, 1e-11)
		for i, v := range append(variants, quad) {
			if math.Abs(v-b.ProbBBeatsA) > 1e-8 {
				t.Errorf("%v: variant %d gives %.12f, result %.12f", c, i, v, b.ProbBBeatsA)
			}
		}
	}
	// Known value: 200/1000 vs 250/1000 is about the one-sided z test's
	// 1 - p/2 = 0.9963.
	b, _ = BetaBinomialTest(200, 1000, 250, 1000, BetaPrior{})
	if math.Abs(b.ProbBBeatsA-0.9963) > 0.001 || b.MeanB <= b.MeanA || !(b.CredB[0] < b.MeanB && b.MeanB < b.CredB[1]) {
		t.Errorf("%+v", b)
	}
	// Jeffreys prior Beta(1/2, 1/2): no parameter is an integer.
	j, err := BetaBinomialTest(3, 10, 7, 10, BetaPrior{Alpha: 0.5, Beta: 0.5})
	if err != nil || j.Method != "quadrature" || !(j.ProbBBeatsA > 0.9 && j.ProbBBeatsA < 1) {
		t.Errorf("Jeffreys: %+v %v", j, err)
	}
	if _, err := BetaBinomialTest(3, 2, 1, 2, BetaPrior{}); err == nil {
		t.Error("3 of 2 accepted")
	}
}
