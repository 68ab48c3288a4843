package analytics

import (
	"errors"
	"math"
	"testing"
)

// TestParetoNBDReproducesCDNOW compares the fit on the CDNOW sample with the
// published Pareto/NBD estimates and the example customer.
func TestParetoNBDReproducesCDNOW(t *testing.T) {
	_, d := loadCDNOWSummary(t)
	fit, err := FitParetoNBD(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	alive, err := fit.PAlive(26, 30.86, 31)
	if err != nil {
		t.Fatal(err)
	}
	e52, err := fit.ConditionalExpectedPurchases(52, 26, 30.86, 31)
	if err != nil {
		t.Fatal(err)
	}
	checkPublished(t, []published{
		{name: "r", got: fit.R, want: 0.5532, rel: 1e-3},
		{name: "alpha", got: fit.Alpha, want: 10.5763, rel: 1e-3},
		{name: "s", got: fit.S, want: 0.6062, rel: 1e-3},
		{name: "beta", got: fit.Beta, want: 11.6715, rel: 1e-3},
		{name: "LL", got: fit.LL, want: -9594.98, abs: 0.01},
		{name: "P(alive|26,30.86,31)", got: alive, want: 0.9979, abs: 0.00005},
		{name: "E[Y(52)|26,30.86,31]", got: e52, want: 25.46, abs: 0.005},
	})
	// Our optimum is slightly better than the published parameters.
	pubLL, err := ParetoNBDParams{0.5532, 10.5763, 0.6062, 11.6715}.LogLikelihood(d)
	if err != nil || pubLL > fit.LL+1e-9 {
		t.Errorf("published parameters give LL %v (err %v), above our optimum %v", pubLL, err, fit.LL)
	}
}

// TestParetoNBDAgainstReference checks the per-customer log-likelihood,
// P(alive) and expectation against values computed with 40-digit arithmetic
// (mpmath quadrature of the integral form of the likelihood, cross-checked
// against mpmath's hyp2f1 in the published closed form), for both
// alpha < beta and alpha > beta (the two branches of the hypergeometric
// term) and for x = 500.
func TestParetoNBDAgainstReference(t *testing.T) {
	type ref struct {
		horizon, tx, T      float64
		x                   int
		ll, alive, expected float64
	}
	cases := []struct {
		p    ParetoNBDParams
		refs []ref
	}{
		{ParetoNBDParams{0.5532, 10.5763, 0.6062, 11.6715}, []ref{
			{52, 30.86, 31, 26, -39.130116263369221207, 0.99791816237524391175, 25.457850101420793516},
			{39, 0, 38.86, 0, -0.52122301809771657254, 0.29517004605027013018, 0.10707603121584184955},
			{52, 38, 39, 500, 658.08068092966609009, 0.030113837221197223729, 12.542983361167667948},
			{52, 5, 39, 500, 1227.9882494812123331, 9.3552173446552560999e-250, 3.8966251504979383542e-247},
			{20, 10, 39, 3, -10.843513969310106317, 0.16104621917948707396, 0.20789481774827910767},
		}},
		{ParetoNBDParams{0.55, 15, 0.6, 5}, []ref{
			{52, 30.86, 31, 26, -42.032243873737474272, 0.99756794215463413713, 22.271392546867948974},
			{39, 0, 38.86, 0, -0.32317453213417781987, 0.1858435285526926181, 0.060297325424660605766},
			{52, 38, 39, 500, 614.45909109505391129, 0.054646366295828033507, 20.406806476009076153},
			{52, 5, 39, 500, 1103.575597356849539, 2.0747301185830388739e-214, 7.747745895979870455e-212},
			{20, 10, 39, 3, -11.289578611451562566, 0.14804679292300683222, 0.17310684589265533067},
		}},
	}
	for _, c := range cases {
		for _, r := range c.refs {
			d := CustomerSummary{X: []int{r.x}, Tx: []float64{r.tx}, T: []float64{r.T}}
			ll, err := c.p.LogLikelihood(d)
			if err != nil {
				t.Fatal(err)
			}
			alive, err := c.p.PAlive(r.x, r.tx, r.T)
			if err != nil {
				t.Fatal(err)
			}
			e, err := c.p.ConditionalExpectedPurchases(r.horizon, r.x, r.tx, r.T)
			if err != nil {
				t.Fatal(err)
			}
			if math.Abs(ll-r.ll) > 1e-10*math.Max(1, math.Abs(r.ll)) || !relClose(alive, r.alive, 1e-10) || !relClose(e, r.expected, 1e-10) {
				t.Errorf("%+v x=%d t_x=%v T=%v: LL %.15g P %.15g E %.15g; want %.15g %.15g %.15g",
					c.p, r.x, r.tx, r.T, ll, alive, e, r.ll, r.alive, r.expected)
			}
		}
	}
}

func TestParetoNBDUnconditional(t *testing.T) {
	// E[X(t)] equals the conditional expectation of a customer who has just
	// been acquired (x=0, T -> 0) with P(alive) = 1.
	p := ParetoNBDParams{0.5532, 10.5763, 0.6062, 11.6715}
	for _, horizon := range []float64{1, 39, 78, 1000} {
		want, err := p.ConditionalExpectedPurchases(horizon, 0, 0, 1e-12)
		if err != nil {
			t.Fatal(err)
		}
		got, err := p.ExpectedPurchases(horizon)
		if err != nil || !relClose(got, want, 1e-9) {
			t.Errorf("E[X(%v)] = %v (err %v), want %v", horizon, got, err, want)
		}
	}
	// s = 1 exactly: the limit ln(1+t/beta) must be used.
	q := ParetoNBDParams{1, 10, 1, 10}
	got, _ := q.ExpectedPurchases(10)
	if want := 1 * 10 / 10.0 * math.Log(2); !relClose(got, want, 1e-12) {
		t.Errorf("s=1: E[X(10)] = %v, want %v", got, want)
	}
}

func TestParetoNBDErrors(t *testing.T) {
	noRepeat := CustomerSummary{X: []int{0, 0}, Tx: []float64{0, 0}, T: []float64{10, 20}}
	if _, err := FitParetoNBD(noRepeat, nil); !errors.Is(err, ErrDegenerate) {
		t.Errorf("nobody repeats: err = %v", err)
	}
	_, d := loadCDNOWSummary(t)
	if _, err := FitParetoNBD(d, &FitOptions{MaxIterations: 3}); !errors.Is(err, ErrNotConverged) {
		t.Errorf("iteration cap: err = %v", err)
	}
	if _, err := (ParetoNBDParams{1, 1, 0, 1}).PAlive(1, 1, 2); err == nil {
		t.Error("s=0 accepted")
	}
}
