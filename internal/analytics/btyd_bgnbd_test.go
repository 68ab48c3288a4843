package analytics

import (
	"errors"
	"math"
	"strings"
	"testing"

	"gonum.org/v1/gonum/integrate/quad"
	"gonum.org/v1/gonum/mathext"
)

// TestBGNBDReproducesCDNOW fits the 2,357-customer CDNOW sample and compares
// with Fader, Hardie & Lee (2005) as listed in testdata/cdnow/README.md.
func TestBGNBDReproducesCDNOW(t *testing.T) {
	_, d := loadCDNOWSummary(t)
	fit, err := FitBGNBD(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	cust, err := fit.ConditionalExpectedPurchases(39, 2, 30.43, 38.86)
	if err != nil {
		t.Fatal(err)
	}
	ex78, err := fit.ExpectedPurchases(78)
	if err != nil {
		t.Fatal(err)
	}
	checkPublished(t, []published{
		{name: "r", got: fit.R, want: 0.2426, rel: 1e-3},
		{name: "alpha", got: fit.Alpha, want: 4.4136, rel: 1e-3},
		{name: "a", got: fit.A, want: 0.7929, rel: 1e-3},
		{name: "b", got: fit.B, want: 2.4259, rel: 1e-3},
		{name: "LL", got: fit.LL, want: -9582.43, abs: 0.01},
		// Published to three decimals: must round to it.
		{name: "E[Y(39)|2,30.43,38.86]", got: cust, want: 1.226, abs: 0.0005},
		// 1.8576 is about what the hypergeometric series gives when cut
		// after ~150 terms (as in a spreadsheet); the converged value at
		// the fitted (and at the published) parameters is 1.8580, which
		// TestBGNBDExpectationsAgainstReference pins to 1e-12.
		{name: "E[X(78)]", got: ex78, want: 1.8576, rel: 1e-3},
	})
	if fit.Customers != 2357 || fit.Iterations == 0 || fit.GradientNorm > 1e-9 {
		t.Errorf("fit info = %+v", fit.FitInfo)
	}
	// The fit must be a maximum: the published parameters do no better.
	pubLL, err := BGNBDParams{0.2426, 4.4136, 0.7929, 2.4259}.LogLikelihood(d)
	if err != nil || pubLL > fit.LL+1e-9 {
		t.Errorf("published parameters give LL %v (err %v), above our optimum %v", pubLL, err, fit.LL)
	}
}

// TestBGNBDExpectationsAgainstReference checks the closed forms against
// values computed independently with 40-digit arithmetic (mpmath's hyp2f1 on
// the untransformed formula of Fader, Hardie & Lee 2005, equation 10) at the
// published parameters, including x = 500 and a horizon where z is near 1.
func TestBGNBDExpectationsAgainstReference(t *testing.T) {
	p := BGNBDParams{R: 0.2426, Alpha: 4.4136, A: 0.7929, B: 2.4259}
	cases := []struct {
		t, tx, T        float64
		x               int
		expected, alive float64
	}{
		{39, 30.43, 38.86, 2, 1.2259226579870330512, 0.72661404485424713134},
		{78, 0, 0, 0, 1.8580239048662914632, 1},
		{10, 0, 38.86, 0, 0.054211641743141059191, 1},
		{52, 38, 39, 500, 2.3310630927455510255, 0.0054429041349393481268},
		{500, 20, 30, 5, 13.051703762982220501, 0.57262032399132514488},
		{52, 5, 39, 500, 0, 0}, // true values ~1e-327: below float64, must be 0, not NaN
	}
	for _, c := range cases {
		e, err := p.ConditionalExpectedPurchases(c.t, c.x, c.tx, c.T)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		a, err := p.PAlive(c.x, c.tx, c.T)
		if err != nil {
			t.Fatalf("%+v: %v", c, err)
		}
		if math.Abs(e-c.expected) > 1e-12*math.Max(1, c.expected) || math.Abs(a-c.alive) > 1e-13 {
			t.Errorf("x=%d t_x=%v T=%v t=%v: E=%.15g P(alive)=%.15g, want %.15g %.15g", c.x, c.tx, c.T, c.t, e, a, c.expected, c.alive)
		}
	}
}

// TestBGNBDUnconditionalByQuadrature checks E[X(t)] against a direct
// numerical integration of E[(1 - (alpha/(alpha+p t))^r)/p] over
// p ~ Beta(a, b), an expression that shares no code with the closed form.
func TestBGNBDUnconditionalByQuadrature(t *testing.T) {
	for _, p := range []BGNBDParams{
		{R: 0.2426, Alpha: 4.4136, A: 0.7929, B: 2.4259},
		{R: 2, Alpha: 10, A: 3, B: 5},
		{R: 0.5, Alpha: 2, A: 0.4, B: 1.5},
	} {
		for _, horizon := range []float64{1, 39, 78, 400} {
			got, err := p.ExpectedPurchases(horizon)
			if err != nil {
				t.Fatal(err)
			}
			// Substituting p = v^(1/a) removes the p^(a-1) singularity. The
			// panels shrink geometrically towards both ends, where what is
			// left has algebraic cusps ((1-p)^(b-1) at 1, v^(1/a) at 0).
			f := func(v float64) float64 {
				q := math.Pow(v, 1/p.A)
				if q == 0 {
					return p.R * horizon / p.Alpha
				}
				h := -math.Expm1(-p.R*math.Log1p(q*horizon/p.Alpha)) / q
				return h * math.Pow(1-q, p.B-1)
			}
			var integral float64
			for k := 2; k < 62; k++ {
				w := math.Pow(0.5, float64(k)) // panels [w, 2w] and [1-2w, 1-w]
				integral += quad.Fixed(f, w, 2*w, 32, quad.Legendre{}, 0)
				integral += quad.Fixed(f, 1-2*w, 1-w, 32, quad.Legendre{}, 0)
			}
			want := integral / (p.A * math.Exp(mathext.Lbeta(p.A, p.B)))
			if !relClose(got, want, 1e-10) {
				t.Errorf("%+v t=%v: E[X(t)] = %.10g, quadrature %.10g", p, horizon, got, want)
			}
		}
	}
}

func TestBGNBDNearAEqualsOne(t *testing.T) {
	// The closed form is 0/0 at a = 1; the value must be continuous there.
	var prev float64
	for i, a := range []float64{1 - 1e-4, 1 - 1e-8, 1, 1 + 1e-8, 1 + 1e-4} {
		e, err := BGNBDParams{R: 0.5, Alpha: 5, A: a, B: 2}.ConditionalExpectedPurchases(20, 3, 10, 30)
		if err != nil || !finite(e) {
			t.Fatalf("a=%v: %v %v", a, e, err)
		}
		if i > 0 && math.Abs(e-prev) > 1e-4 {
			t.Errorf("a=%v: E=%v jumps from %v", a, e, prev)
		}
		prev = e
	}
}

// TestBGNBDRecoversSimulatedParameters fits data drawn from known
// parameters: the estimates must land near the truth.
func TestBGNBDRecoversSimulatedParameters(t *testing.T) {
	truth := BGNBDParams{R: 0.8, Alpha: 6, A: 0.9, B: 3}
	x, tx, T, _ := simCustomers(60000, 7, truth, GammaGammaParams{P: 6, Q: 4, Gamma: 15})
	d, _, err := Compress(x, tx, T)
	if err != nil {
		t.Fatal(err)
	}
	fit, err := FitBGNBD(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	// Loose bounds: sampling error at this size is a few percent, and
	// rounding purchase times to days adds a little bias.
	for _, c := range []struct {
		name      string
		got, want float64
	}{{"r", fit.R, truth.R}, {"alpha", fit.Alpha, truth.Alpha}, {"a", fit.A, truth.A}, {"b", fit.B, truth.B}} {
		if !relClose(c.got, c.want, 0.2) {
			t.Errorf("%s = %v, simulated with %v", c.name, c.got, c.want)
		}
	}
}

func TestBGNBDErrors(t *testing.T) {
	noRepeat := CustomerSummary{X: []int{0, 0, 0}, Tx: []float64{0, 0, 0}, T: []float64{10, 20, 30}}
	_, d := loadCDNOWSummary(t)
	tests := []struct {
		name string
		data CustomerSummary
		opt  *FitOptions
		is   error
		msg  string
	}{
		{"nobody repeats", noRepeat, nil, ErrDegenerate, "no customer made a repeat purchase"},
		{"iteration cap", d, &FitOptions{MaxIterations: 2}, ErrNotConverged, "did not converge after 2 iterations"},
		{"empty", CustomerSummary{}, nil, nil, "empty"},
		{"t_x after T", CustomerSummary{X: []int{1}, Tx: []float64{5}, T: []float64{4}}, nil, nil, "after the end of observation"},
		{"x=0 with t_x", CustomerSummary{X: []int{0}, Tx: []float64{1}, T: []float64{4}}, nil, nil, "must have t_x=0"},
		{"NaN T", CustomerSummary{X: []int{1}, Tx: []float64{1}, T: []float64{math.NaN()}}, nil, nil, "0 < T"},
		{"bad weight", CustomerSummary{X: []int{1}, Tx: []float64{1}, T: []float64{2}, Weight: []float64{-1}}, nil, nil, "weight"},
		{"ragged", CustomerSummary{X: []int{1, 2}, Tx: []float64{1}, T: []float64{2}}, nil, nil, "differ in length"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			fit, err := FitBGNBD(tc.data, tc.opt)
			if err == nil {
				t.Fatalf("no error, fit %+v", fit)
			}
			if tc.is != nil && !errors.Is(err, tc.is) {
				t.Errorf("error %q does not wrap %v", err, tc.is)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Errorf("error %q does not mention %q", err, tc.msg)
			}
			if fit.R != 0 || fit.Alpha != 0 {
				t.Errorf("failed fit returned parameters %+v", fit.BGNBDParams)
			}
		})
	}
	p := BGNBDParams{R: 0.2, Alpha: 4, A: 0.8, B: 2.4}
	if _, err := p.ConditionalExpectedPurchases(-1, 1, 1, 2); err == nil {
		t.Error("negative horizon accepted")
	}
	if _, err := (BGNBDParams{R: -1, Alpha: 1, A: 1, B: 1}).PAlive(1, 1, 2); err == nil {
		t.Error("negative r accepted")
	}
}

func TestBGNBDForecastMatchesPerCustomer(t *testing.T) {
	p := BGNBDParams{R: 0.2426, Alpha: 4.4136, A: 0.7929, B: 2.4259}
	_, d := loadCDNOWSummary(t)
	fc, err := p.Forecast(d, 39)
	if err != nil {
		t.Fatal(err)
	}
	for _, i := range []int{0, 1, 500, 2356} {
		e, _ := p.ConditionalExpectedPurchases(39, d.X[i], d.Tx[i], d.T[i])
		a, _ := p.PAlive(d.X[i], d.Tx[i], d.T[i])
		if fc[i].Expected != e || fc[i].PAlive != a || fc[i].X != d.X[i] || fc[i].Horizon != 39 {
			t.Errorf("row %d: forecast %+v, want E=%v P=%v", i, fc[i], e, a)
		}
	}
}

// TestBGNBDExpectationQuadratureMatchesSeries: the integral used for large
// parameters agrees with the hypergeometric series where both apply, and
// reaches the limit formula when a and b (or r and alpha) are huge.
func TestBGNBDExpectationQuadratureMatchesSeries(t *testing.T) {
	for _, p := range []BGNBDParams{
		{R: 0.2426, Alpha: 4.4136, A: 0.7929, B: 2.4259},
		{R: 3, Alpha: 10, A: 40, B: 90},
		{R: 150, Alpha: 2000, A: 2, B: 5},
		{R: 0.5, Alpha: 3, A: 250, B: 30},
		{R: 0.5, Alpha: 3, A: 0.3, B: 0.2},
	} {
		for _, h := range []struct {
			x        int
			tx, T, t float64
		}{{0, 0, 30, 39}, {3, 20, 30, 39}, {40, 29, 30, 100}, {2, 5, 30, 5}} {
			a := p.pAlive(float64(h.x), h.tx, h.T)
			quadrature := betaMeanPurchases(p.A, p.B+float64(h.x), p.R+float64(h.x), h.t/(p.Alpha+h.T)) * a
			series, err := p.ConditionalExpectedPurchases(h.t, h.x, h.tx, h.T)
			if err != nil {
				t.Fatal(err)
			}
			if !relClose(quadrature, series, 1e-10) {
				t.Errorf("%+v %+v: quadrature %.15g, series %.15g", p, h, quadrature, series)
			}
		}
	}
	// The limit a, b -> infinity with p = a/(a+b): no heterogeneity in the
	// drop-out probability.
	p := BGNBDParams{R: 0.3, Alpha: 5, A: 2e13, B: 6e13}
	got, err := p.ConditionalExpectedPurchases(39, 2, 20, 30)
	if err != nil {
		t.Fatal(err)
	}
	q := 0.25 // a/(a+b+x) to 1e-13
	want := -math.Expm1(-2.3*math.Log1p(q*39/35)) / q * p.pAlive(2, 20, 30)
	if !relClose(got, want, 1e-9) {
		t.Errorf("a,b -> infinity: E = %.15g, limit %.15g", got, want)
	}
}
