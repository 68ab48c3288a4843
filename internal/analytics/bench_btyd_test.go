package analytics

import (
	"sync"
	"testing"
)

// The simulated million-customer base of the BTYD benchmarks: CDNOW's
// published parameters, purchase times rounded to days, fixed seed.
var (
	benchTruth      = BGNBDParams{R: 0.2426, Alpha: 4.4136, A: 0.7929, B: 2.4259}
	benchSpendTruth = GammaGammaParams{P: 6.25, Q: 3.74, Gamma: 15.44}
	benchBase       = sync.OnceValue(func() (d [4]any) {
		x, tx, T, spend := simCustomers(1_000_000, 2026, benchTruth, benchSpendTruth)
		return [4]any{x, tx, T, spend}
	})
)

func benchColumns() (x []int, tx, T, spend []float64) {
	d := benchBase()
	return d[0].([]int), d[1].([]float64), d[2].([]float64), d[3].([]float64)
}

// BenchmarkBTYDFit1M is the target benchmark: compress a million customers'
// (x, t_x, T), fit BG/NBD on the compressed rows and Gamma-Gamma on the
// repeaters (target: 3 s on 2 cores). Data generation is outside the timer.
func BenchmarkBTYDFit1M(b *testing.B) {
	x, tx, T, spend := benchColumns()
	b.ResetTimer()
	for b.Loop() {
		d, _, err := Compress(x, tx, T)
		if err != nil {
			b.Fatal(err)
		}
		fit, err := FitBGNBD(d, nil)
		if err != nil {
			b.Fatal(err)
		}
		gg, err := FitGammaGamma(SpendSummary{X: x, MeanSpend: spend}, nil)
		if err != nil {
			b.Fatal(err)
		}
		b.ReportMetric(float64(d.Len()), "rows")
		b.ReportMetric(float64(fit.Evaluations), "bgnbd-evals")
		b.ReportMetric(float64(gg.Evaluations), "gg-evals")
		// A million customers pin the parameters down: the fit must find
		// the ones the data came from (day rounding biases it slightly).
		for _, c := range [][2]float64{{fit.R, benchTruth.R}, {fit.Alpha, benchTruth.Alpha}, {fit.A, benchTruth.A}, {fit.B, benchTruth.B},
			{gg.P, benchSpendTruth.P}, {gg.Q, benchSpendTruth.Q}, {gg.Gamma, benchSpendTruth.Gamma}} {
			if !relClose(c[0], c[1], 0.05) {
				b.Fatalf("1M fit: %+v %+v, simulated from %+v %+v", fit.BGNBDParams, gg.GammaGammaParams, benchTruth, benchSpendTruth)
			}
		}
	}
}

// BenchmarkCompress1M, BenchmarkBGNBDFit1M and BenchmarkGammaGammaFit1M
// time the three parts of BenchmarkBTYDFit1M on their own.
func BenchmarkCompress1M(b *testing.B) {
	x, tx, T, _ := benchColumns()
	b.ResetTimer()
	for b.Loop() {
		if _, _, err := Compress(x, tx, T); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBGNBDFit1M(b *testing.B) {
	x, tx, T, _ := benchColumns()
	d, _, err := Compress(x, tx, T)
	if err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := FitBGNBD(d, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGammaGammaFit1M(b *testing.B) {
	x, _, _, spend := benchColumns()
	b.ResetTimer()
	for b.Loop() {
		if _, err := FitGammaGamma(SpendSummary{X: x, MeanSpend: spend}, nil); err != nil {
			b.Fatal(err)
		}
	}
}
