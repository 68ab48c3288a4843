package analytics

import (
	"errors"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

func TestCompress(t *testing.T) {
	tests := []struct {
		name       string
		x          []int
		tx, T      []float64
		wantRows   int
		wantWeight []float64
		wantErr    string
	}{
		{name: "empty", wantRows: 0},
		{name: "all distinct", x: []int{0, 1, 2}, tx: []float64{0, 1, 2}, T: []float64{3, 3, 3}, wantRows: 3, wantWeight: []float64{1, 1, 1}},
		{name: "duplicates keep first-seen order", x: []int{1, 0, 1, 0, 1}, tx: []float64{2, 0, 2, 0, 3}, T: []float64{5, 5, 5, 5, 5},
			wantRows: 3, wantWeight: []float64{2, 2, 1}},
		{name: "minus zero equals zero", x: []int{0, 0}, tx: []float64{0, math.Copysign(0, -1)}, T: []float64{5, 5}, wantRows: 1, wantWeight: []float64{2}},
		{name: "NaN", x: []int{0}, tx: []float64{math.NaN()}, T: []float64{1}, wantErr: "NaN"},
		{name: "ragged", x: []int{0, 1}, tx: []float64{0}, T: []float64{1, 2}, wantErr: "differ in length"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, idx, err := Compress(tc.x, tc.tx, tc.T)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err = %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if d.Len() != tc.wantRows {
				t.Fatalf("%d rows, want %d", d.Len(), tc.wantRows)
			}
			for i, w := range tc.wantWeight {
				if d.Weight[i] != w {
					t.Errorf("weight[%d] = %v, want %v", i, d.Weight[i], w)
				}
			}
			// Every customer maps back to a row with its own values.
			for i, r := range idx {
				if d.X[r] != tc.x[i] || d.Tx[r] != tc.tx[i] || d.T[r] != tc.T[i] {
					t.Errorf("customer %d -> row %d (%d,%v,%v), has (%d,%v,%v)", i, r, d.X[r], d.Tx[r], d.T[r], tc.x[i], tc.tx[i], tc.T[i])
				}
			}
		})
	}
}

// TestCompressedFitEqualsFullFit: weights must be exact stand-ins for
// repeated rows, so fitting compressed and uncompressed data agrees.
func TestCompressedFitEqualsFullFit(t *testing.T) {
	_, full := loadCDNOWSummary(t)
	d, _, err := Compress(full.X, full.Tx, full.T)
	if err != nil {
		t.Fatal(err)
	}
	if d.Len() >= full.Len() {
		t.Fatalf("CDNOW did not compress: %d rows", d.Len())
	}
	a, err := FitBGNBD(full, nil)
	if err != nil {
		t.Fatal(err)
	}
	b, err := FitBGNBD(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !relClose(a.R, b.R, 1e-6) || !relClose(a.B, b.B, 1e-6) || math.Abs(a.LL-b.LL) > 1e-6 {
		t.Errorf("full %+v, compressed %+v", a, b)
	}
}

// TestCDNOWSummaryFromTransactions rebuilds the calibration summary from the
// raw transaction logs (the master file, restricted to the 2,357 sampled
// customers through the id map in CDNOW_sample.txt) and compares it with
// cdnow_customers_summary_with_transactions.csv and
// cdnow_customers_summary.csv: purchases on the same day count once, the
// first 39 weeks (to 1997-09-30) count, times are in weeks.
func TestCDNOWSummaryFromTransactions(t *testing.T) {
	sample := readTransactions(t, "CDNOW_sample.txt", true)
	master := readTransactions(t, "CDNOW_master.txt", false)
	if len(master) != 69659 || len(sample) != 6919 {
		t.Fatalf("read %d master and %d sample transactions, README says 69,659 and 6,919", len(master), len(sample))
	}
	sampleID := map[string]int{}
	for _, tx := range sample {
		sampleID[tx.Master] = tx.SampleID
	}
	if len(sampleID) != 2357 {
		t.Fatalf("%d sampled customers, want 2357", len(sampleID))
	}
	byID := map[int][]cdnowTxn{}
	customers := map[string]bool{}
	for _, tx := range master {
		customers[tx.Master] = true
		if id, ok := sampleID[tx.Master]; ok {
			byID[id] = append(byID[id], tx)
		}
	}
	if len(customers) != 23570 {
		t.Errorf("master has %d customers, README says 23,570", len(customers))
	}
	// The sample file is the master's lines for the sampled customers.
	var sampleLines int
	for _, txns := range byID {
		sampleLines += len(txns)
	}
	if sampleLines != len(sample) {
		t.Errorf("master holds %d lines for the sampled customers, sample file %d", sampleLines, len(sample))
	}

	want := loadCDNOWWithSpend(t)
	ids, short := loadCDNOWSummary(t)
	if len(want) != 2357 || len(ids) != 2357 {
		t.Fatalf("summary files have %d and %d rows", len(want), len(ids))
	}
	var mismatches []string
	for i, w := range want {
		x, tx, T, zbar := summariseCalibration(byID[w.ID])
		if x != w.X || round2(tx) != w.Tx || round2(T) != w.T || math.Abs(zbar-w.Zbar) > 0.0051 {
			mismatches = append(mismatches, formatRow(w.ID, x, tx, T, zbar, w))
		}
		if ids[i] != w.ID || short.X[i] != w.X || short.Tx[i] != w.Tx || short.T[i] != w.T {
			t.Errorf("the two summary files disagree on customer %d", w.ID)
		}
	}
	if len(mismatches) > 0 {
		t.Errorf("%d of 2357 customers differ from the published summary:\n%s", len(mismatches), strings.Join(mismatches[:min(10, len(mismatches))], "\n"))
	}
	t.Logf("summary rebuilt from CDNOW_master.txt: %d of 2357 customers match x, t_x, T and zbar", 2357-len(mismatches))

	// The same construction over the whole master file (all 23,570
	// customers, ten times the papers' sample) fits without trouble and
	// lands near the sample's estimates.
	perCustomer := map[string][]cdnowTxn{}
	for _, tx := range master {
		perCustomer[tx.Master] = append(perCustomer[tx.Master], tx)
	}
	var xs []int
	var txs, ages []float64
	for _, id := range slices.Sorted(maps.Keys(perCustomer)) {
		x, tx, T, _ := summariseCalibration(perCustomer[id])
		xs, txs, ages = append(xs, x), append(txs, tx), append(ages, T)
	}
	all, _, err := Compress(xs, txs, ages)
	if err != nil {
		t.Fatal(err)
	}
	fit, err := FitBGNBD(all, nil)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("BG/NBD on all %v CDNOW customers (%d distinct histories): r=%.4f alpha=%.4f a=%.4f b=%.4f LL=%.2f",
		fit.Customers, all.Len(), fit.R, fit.Alpha, fit.A, fit.B, fit.LL)
	if fit.Customers != 23570 || !relClose(fit.R, 0.2426, 0.2) || !relClose(fit.Alpha, 4.4136, 0.2) || !relClose(fit.B, 2.4259, 0.3) {
		t.Errorf("full-master fit far from the sample's: %+v", fit)
	}
}

func formatRow(id, x int, tx, T, zbar float64, w cdnowCustomer) string {
	return fmt.Sprintf("id %d: ours x=%d t_x=%.4f T=%.4f zbar=%.4f; file x=%d t_x=%.2f T=%.2f zbar=%.2f",
		id, x, tx, T, zbar, w.X, w.Tx, w.T, w.Zbar)
}

// TestLogLikGradients compares every model's analytic gradient with central
// finite differences, at parameter points on both sides of alpha = beta
// (the two branches of the Pareto/NBD hypergeometric term) and with x = 500
// in the data.
func TestLogLikGradients(t *testing.T) {
	_, cd := loadCDNOWSummary(t)
	// CDNOW plus a few extreme histories.
	d := CustomerSummary{
		X:  append(append([]int{}, cd.X...), 500, 500, 120),
		Tx: append(append([]float64{}, cd.Tx...), 38.5, 2, 30),
		T:  append(append([]float64{}, cd.T...), 39, 39, 39),
	}
	donations := loadDonations(t)
	var spend SpendSummary
	for _, c := range loadCDNOWWithSpend(t) {
		spend.X = append(spend.X, c.X)
		spend.MeanSpend = append(spend.MeanSpend, c.Zbar)
	}
	spendRowsData, err := newSpendRows(spend)
	if err != nil {
		t.Fatal(err)
	}
	models := []struct {
		name   string
		ll     logLikFunc
		points [][]float64
	}{
		{"BG/NBD", newBGNBDRows(d).logLik, [][]float64{{0.24, 4.4, 0.79, 2.4}, {2, 0.5, 3, 0.7}, {0.05, 40, 0.2, 9}}},
		{"Pareto/NBD", newParetoRows(d).logLik, [][]float64{{0.55, 10.6, 0.61, 11.7}, {0.55, 15, 0.6, 5}, {1.5, 3, 2, 30}, {0.3, 7, 0.9, 7}}},
		{"Gamma-Gamma", spendRowsData.logLik, [][]float64{{6.25, 3.74, 15.44}, {1, 2, 50}}},
		{"BG/BB", (&bgbbRows{d: donations, partial: make([][5]float64, 1)}).logLik, [][]float64{{1.2, 0.75, 0.66, 2.78}, {0.5, 3, 2, 0.4}}},
	}
	for _, m := range models {
		for _, p := range m.points {
			grad := make([]float64, len(p))
			ll, ok := m.ll(p, grad)
			if !ok || !finite(ll) {
				t.Fatalf("%s at %v: LL %v ok=%v", m.name, p, ll, ok)
			}
			for k := range p {
				// Central differences with one Richardson step: truncation
				// error O(h^4), so h can be large enough to keep the
				// rounding error of the summed log-likelihood small.
				diff := func(h float64) float64 {
					up := append([]float64{}, p...)
					dn := append([]float64{}, p...)
					up[k] += h
					dn[k] -= h
					scratch := make([]float64, len(p))
					lu, _ := m.ll(up, scratch)
					ld, _ := m.ll(dn, scratch)
					return (lu - ld) / (2 * h)
				}
				h := 1e-3 * p[k]
				num := (4*diff(h/2) - diff(h)) / 3
				if math.Abs(num-grad[k]) > 1e-6*math.Max(1, math.Abs(num)) {
					t.Errorf("%s at %v: d/dparam%d analytic %.9g, numeric %.9g", m.name, p, k, grad[k], num)
				}
			}
		}
	}
}

// TestParetoTailAcrossBranches: F(t) is one smooth function of alpha and
// beta; the two series (alpha >= beta and alpha < beta) must meet at
// alpha = beta.
func TestParetoTailAcrossBranches(t *testing.T) {
	for _, x := range []float64{0, 3, 500} {
		const h = 1e-7
		below, gb, ok1 := paretoTail(0.5, 10-h, 0.6, 10, x, 7)
		at, _, ok2 := paretoTail(0.5, 10, 0.6, 10, x, 7)
		above, ga, ok3 := paretoTail(0.5, 10+h, 0.6, 10, x, 7)
		if !ok1 || !ok2 || !ok3 {
			t.Fatalf("x=%v: series failed", x)
		}
		// Continuous value: the mean of the two sides is the middle.
		if math.Abs((below+above)/2-at) > 1e-12*math.Abs(at) {
			t.Errorf("x=%v: ln F = %v | %v | %v", x, below, at, above)
		}
		// Continuous gradient: the alpha branch (alpha >= beta) and the beta
		// branch meet.
		for k := range 4 {
			if math.Abs(gb[k]-ga[k]) > 1e-6*math.Max(1, math.Abs(ga[k])) {
				t.Errorf("x=%v: d/dparam%d jumps from %v to %v at alpha = beta", x, k, gb[k], ga[k])
			}
		}
	}
}

// TestLargeFrequencyIsStable fits data with customers at x = 500 and checks
// that every prediction stays finite and in range for extreme histories.
func TestLargeFrequencyIsStable(t *testing.T) {
	_, cd := loadCDNOWSummary(t)
	d := CustomerSummary{
		X:  append(append([]int{}, cd.X...), 500, 500, 300),
		Tx: append(append([]float64{}, cd.Tx...), 38.9, 1, 20),
		T:  append(append([]float64{}, cd.T...), 39, 39, 39),
	}
	bg, err := FitBGNBD(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	pn, err := FitParetoNBD(d, nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []TransactionModel{bg.BGNBDParams, pn.ParetoNBDParams} {
		for _, h := range []struct {
			x     int
			tx, T float64
		}{{500, 38.9, 39}, {500, 1, 39}, {500, 0.01, 1000}, {1000, 500, 520}, {0, 0, 1e5}} {
			a, err := m.PAlive(h.x, h.tx, h.T)
			if err != nil || !(a >= 0 && a <= 1) {
				t.Errorf("%T %+v: P(alive) %v err %v", m, h, a, err)
			}
			e, err := m.ConditionalExpectedPurchases(52, h.x, h.tx, h.T)
			if err != nil || !finite(e) || e < 0 {
				t.Errorf("%T %+v: E %v err %v", m, h, e, err)
			}
		}
	}
	// A customer with 500 purchases, the last just now, is almost surely
	// alive and expected to keep buying at about his own pace (500 per 39
	// weeks), which shrinkage pulls only slightly towards the population.
	e, _ := pn.ConditionalExpectedPurchases(39, 500, 38.9, 39)
	if e < 350 || e > 520 {
		t.Errorf("Pareto/NBD E[Y(39)|500,38.9,39] = %v", e)
	}
}

// TestPredictionsNeverNaN sweeps extreme parameters and histories: every
// prediction must be a finite number or an error, never NaN or Inf.
func TestPredictionsNeverNaN(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	logU := func(lo, hi float64) float64 {
		return math.Exp(math.Log(lo) + rng.Float64()*(math.Log(hi)-math.Log(lo)))
	}
	for range 3000 {
		x := rng.IntN(600)
		T := logU(1e-3, 1e4)
		tx := 0.0
		if x > 0 {
			tx = T * rng.Float64()
		}
		horizon := logU(1e-3, 1e4)
		models := []TransactionModel{
			BGNBDParams{logU(1e-3, 1e3), logU(1e-3, 1e4), logU(1e-3, 1e3), logU(1e-3, 1e3)},
			ParetoNBDParams{logU(1e-3, 1e3), logU(1e-3, 1e4), logU(1e-3, 1e3), logU(1e-3, 1e4)},
		}
		for _, m := range models {
			if a, err := m.PAlive(x, tx, T); err == nil && !(a >= 0 && a <= 1) {
				t.Fatalf("%+v x=%d t_x=%v T=%v: P(alive)=%v", m, x, tx, T, a)
			}
			if e, err := m.ConditionalExpectedPurchases(horizon, x, tx, T); err == nil && (!finite(e) || e < 0) {
				t.Fatalf("%+v x=%d t_x=%v T=%v t=%v: E=%v", m, x, tx, T, horizon, e)
			}
		}
		g := GammaGammaParams{logU(1e-2, 1e2), logU(1e-2, 1e2), logU(1e-2, 1e4)}
		if e, err := g.ExpectedSpend(x, logU(1e-2, 1e5)); err == nil && !finite(e) {
			t.Fatalf("%+v: spend %v", g, e)
		}
		n := 1 + rng.IntN(60)
		bx := rng.IntN(n + 1)
		btx := 0
		if bx > 0 {
			btx = bx + rng.IntN(n-bx+1)
		}
		b := BGBBParams{logU(1e-2, 1e2), logU(1e-2, 1e2), logU(1e-2, 1e2), logU(1e-2, 1e2)}
		if a, err := b.PAlive(bx, btx, n); err == nil && !(a >= 0 && a <= 1+1e-12) {
			t.Fatalf("%+v (%d,%d,%d): P(alive)=%v", b, bx, btx, n, a)
		}
		if e, err := b.ConditionalExpectedTransactions(rng.IntN(50), bx, btx, n); err == nil && !finite(e) {
			t.Fatalf("%+v: E=%v", b, e)
		}
	}
}

// TestSmallGroupsEndInLimitsOrErrors fits tiny groups of CDNOW customers,
// where the likelihood is often maximised in a limit (shape and scale
// growing together). Every fit must end in one of three clear states: a
// maximum (flagged Boundary when in a limit) that beats the population's
// parameters and gives finite predictions, or an error wrapping
// ErrDegenerate or ErrNotConverged. The Pareto/NBD fits of the x = 0
// customers also exercise the quadrature branch of the likelihood.
func TestSmallGroupsEndInLimitsOrErrors(t *testing.T) {
	_, d := loadCDNOWSummary(t)
	var boundary, failed int
	for _, n := range []int{5, 10, 20, 50} {
		for off := range 3 {
			lo := off * n
			g := CustomerSummary{X: d.X[lo : lo+n], Tx: d.Tx[lo : lo+n], T: d.T[lo : lo+n]}
			bg, err := FitBGNBD(g, nil)
			pn, err2 := FitParetoNBD(g, nil)
			for _, c := range []struct {
				name   string
				err    error
				info   FitInfo
				model  TransactionModel
				refLL  func() (float64, error)
				params []float64
			}{
				{"BG/NBD", err, bg.FitInfo, bg.BGNBDParams, func() (float64, error) { return BGNBDParams{0.2426, 4.4136, 0.7929, 2.4259}.LogLikelihood(g) },
					[]float64{bg.R, bg.Alpha, bg.A, bg.B}},
				{"Pareto/NBD", err2, pn.FitInfo, pn.ParetoNBDParams, func() (float64, error) { return ParetoNBDParams{0.5532, 10.5763, 0.6062, 11.6715}.LogLikelihood(g) },
					[]float64{pn.R, pn.Alpha, pn.S, pn.Beta}},
			} {
				if c.err != nil {
					if !errors.Is(c.err, ErrDegenerate) && !errors.Is(c.err, ErrNotConverged) {
						t.Errorf("n=%d off=%d %s: unexpected error %v", n, off, c.name, c.err)
					}
					failed++
					continue
				}
				if c.info.Boundary {
					boundary++
				}
				ref, err := c.refLL()
				if err != nil || c.info.LL < ref-1e-9 {
					t.Errorf("n=%d off=%d %s: LL %v below the population parameters' %v", n, off, c.name, c.info.LL, ref)
				}
				for _, v := range c.params {
					if !finite(v) || v <= 0 {
						t.Errorf("n=%d off=%d %s: parameter %v", n, off, c.name, v)
					}
				}
				for i := range g.X {
					a, err1 := c.model.PAlive(g.X[i], g.Tx[i], g.T[i])
					e, err2 := c.model.ConditionalExpectedPurchases(39, g.X[i], g.Tx[i], g.T[i])
					if err1 != nil || err2 != nil || !(a >= 0 && a <= 1) || !finite(e) || e < 0 {
						t.Errorf("n=%d off=%d %s: customer %d: P(alive) %v E %v (%v %v)", n, off, c.name, i, a, e, err1, err2)
					}
				}
			}
		}
	}
	t.Logf("24 small-group fits: %d ended in a limit, %d returned an error", boundary, failed)
}

// TestParetoTailSeriesAndQuadrature checks the two evaluations of the
// Pareto/NBD hypergeometric term against each other where both work (values
// and gradients) and against 40-digit mpmath values of
// ln F(t) = ln[(M+t)^-k / k 2F1(k, b; k+1; z)] at alpha/beta ratios up to
// 1e7, where only the quadrature is practical.
func TestParetoTailSeriesAndQuadrature(t *testing.T) {
	for _, c := range [][6]float64{
		{0.55, 10.6, 0.61, 11.7, 26, 30},
		{0.55, 200, 0.61, 11.7, 0, 0},
		{0.55, 200, 0.61, 11.7, 3, 5},
		{0.55, 11, 0.61, 300, 0, 0},
		{0.55, 11, 0.61, 300, 500, 2},
		{0.3, 1, 0.2, 25, 0, 0.5},
		{2, 1, 0.2, 25, 50, 0.5},
		{4e9, 2e11, 1e9, 1e11, 7, 30}, // both shapes and scales huge: no heterogeneity
	} {
		q, gq, ok1 := paretoTailQuad(c[0], c[1], c[2], c[3], c[4], c[5])
		s, gs, ok2 := paretoTailSeries(c[0], c[1], c[2], c[3], c[4], c[5])
		if !ok1 || !ok2 || math.Abs(q-s) > 1e-12*math.Max(1, math.Abs(s)) {
			t.Errorf("%v: quadrature %.16g, series %.16g", c, q, s)
		}
		for k := range 4 {
			if math.Abs(gq[k]-gs[k]) > 1e-9*math.Max(1, math.Abs(gs[k])) {
				t.Errorf("%v: d/dparam%d quadrature %.12g, series %.12g", c, k, gq[k], gs[k])
			}
		}
	}
	for _, c := range [][7]float64{
		// r, alpha, s, beta, x, t, ln F(t)
		{0.3, 1, 0.2, 25, 0, 0.5, -0.75318987508135371002},
		{0.3, 1e-3, 0.2, 1e4, 0, 0, -3.686571033775353548},
		{0.3, 1e4, 0.2, 1e-3, 0, 0, 0.20004190642150574555},
		{0.3, 1e-3, 0.2, 1e4, 500, 1, -17.764786315222412496},
		{0.3, 1e5, 0.2, 1e-2, 500, 1, -5758.8249766997894333},
	} {
		G, _, ok := paretoTail(c[0], c[1], c[2], c[3], c[4], c[5])
		lnF := G - c[0]*math.Log(c[1]) - c[2]*math.Log(c[3])
		if !ok || math.Abs(lnF-c[6]) > 1e-13*math.Max(1, math.Abs(c[6])) {
			t.Errorf("%v: ln F = %.16g, mpmath %.16g", c[:6], lnF, c[6])
		}
	}
}
