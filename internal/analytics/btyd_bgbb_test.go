package analytics

import (
	"errors"
	"math"
	"testing"
)

// TestBGBBReproducesDonations fits the 11,104-donor data of Fader, Hardie &
// Shang (2010) and compares with the published estimates.
func TestBGBBReproducesDonations(t *testing.T) {
	fit, err := FitBGBB(loadDonations(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkPublished(t, []published{
		{name: "alpha", got: fit.Alpha, want: 1.204, abs: 0.0005, rel: 1e-3},
		{name: "beta", got: fit.Beta, want: 0.750, abs: 0.0005, rel: 1e-3},
		{name: "gamma", got: fit.Gamma, want: 0.657, abs: 0.0005, rel: 1e-3},
		{name: "delta", got: fit.Delta, want: 2.783, abs: 0.0005, rel: 1e-3},
		// Not in the README; the paper reports LL = -33,225.6.
		{name: "LL", got: fit.LL, want: -33225.6, abs: 0.05},
	})
	if fit.Customers != 11104 {
		t.Errorf("fitted %v donors", fit.Customers)
	}
}

// bgbbHistories lists every (x, t_x) possible in n periods with the number
// of binary purchase strings that share it: C(t_x-1, x-1), or 1 for x = 0.
func bgbbHistories(n int) (xs, txs []int, count []float64) {
	xs, txs, count = []int{0}, []int{0}, []float64{1}
	for tx := 1; tx <= n; tx++ {
		for x := 1; x <= tx; x++ {
			xs, txs = append(xs, x), append(txs, tx)
			count = append(count, binomial(tx-1, x-1))
		}
	}
	return xs, txs, count
}

func binomial(n, k int) float64 {
	v := 1.0
	for i := 1; i <= k; i++ {
		v = v * float64(n-k+i) / float64(i)
	}
	return v
}

// TestBGBBIsConsistent checks the likelihood and the predictions against the
// laws of probability rather than against stored numbers: over all 2^n
// purchase strings the likelihoods sum to 1, P(alive) averages to the
// unconditional survival probability, and conditional expectations average
// to the increase of the unconditional one.
func TestBGBBIsConsistent(t *testing.T) {
	for _, p := range []BGBBParams{
		{1.204, 0.750, 0.657, 2.783},
		{0.4, 2.5, 3, 0.8},
		{2, 2, 1, 3}, // gamma = 1: the expectations use their limit form
	} {
		for _, n := range []int{1, 6, 12} {
			xs, txs, count := bgbbHistories(n)
			var total, alive, cond float64
			const future = 5
			for i := range xs {
				ll, _ := p.rowLogLik(float64(xs[i]), float64(txs[i]), float64(n))
				a, err := p.PAlive(xs[i], txs[i], n)
				if err != nil {
					t.Fatal(err)
				}
				e, err := p.ConditionalExpectedTransactions(future, xs[i], txs[i], n)
				if err != nil {
					t.Fatal(err)
				}
				w := count[i] * math.Exp(ll)
				total += w
				alive += w * a
				cond += w * e
			}
			// P(alive in period n+1) = E[(1-theta)^(n+1)] = B(g, d+n+1)/B(g, d).
			wantAlive := math.Exp(lnBeta(p.Gamma, p.Delta+float64(n)+1) - lnBeta(p.Gamma, p.Delta))
			en, _ := p.ExpectedTransactions(n)
			enf, _ := p.ExpectedTransactions(n + future)
			if math.Abs(total-1) > 1e-12 || math.Abs(alive-wantAlive) > 1e-12 || math.Abs(cond-(enf-en)) > 1e-9 {
				t.Errorf("%+v n=%d: sum L = %v, mean P(alive) = %v (want %v), mean E = %v (want %v)",
					p, n, total, alive, wantAlive, cond, enf-en)
			}
		}
	}
}

func TestBGBBCompressAndErrors(t *testing.T) {
	d, idx, err := CompressBGBB([]int{0, 2, 0, 2}, []int{0, 5, 0, 5}, []int{6, 6, 6, 6})
	if err != nil || len(d.Frequency) != 2 || d.Weight[0] != 2 || d.Weight[1] != 2 || idx[3] != 1 {
		t.Fatalf("compress: %+v %v %v", d, idx, err)
	}
	tests := []struct {
		name string
		d    BGBBSummary
		is   error
	}{
		{"nobody transacts", BGBBSummary{Frequency: []int{0, 0}, Recency: []int{0, 0}, Periods: []int{6, 6}}, ErrDegenerate},
		{"everybody always transacts", BGBBSummary{Frequency: []int{6, 6}, Recency: []int{6, 6}, Periods: []int{6, 6}}, ErrDegenerate},
		{"recency before frequency", BGBBSummary{Frequency: []int{3}, Recency: []int{2}, Periods: []int{6}}, nil},
		{"frequency above periods", BGBBSummary{Frequency: []int{7}, Recency: []int{7}, Periods: []int{6}}, nil},
	}
	for _, tc := range tests {
		_, err := FitBGBB(tc.d, nil)
		if err == nil || (tc.is != nil && !errors.Is(err, tc.is)) {
			t.Errorf("%s: err = %v", tc.name, err)
		}
	}
	if _, err := FitBGBB(loadDonations(t), &FitOptions{MaxIterations: 2}); !errors.Is(err, ErrNotConverged) {
		t.Errorf("iteration cap: %v", err)
	}
}
