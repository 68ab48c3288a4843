package analytics

import (
	"errors"
	"testing"
)

func cdnowSpend(t *testing.T) SpendSummary {
	var s SpendSummary
	for _, c := range loadCDNOWWithSpend(t) {
		s.X = append(s.X, c.X)
		s.MeanSpend = append(s.MeanSpend, c.Zbar)
	}
	return s
}

// TestGammaGammaReproducesCDNOW fits the 946 repeat customers of the CDNOW
// sample (customers with x = 0 are in the file and must be skipped) and
// compares with Fader & Hardie (2013), note 025.
func TestGammaGammaReproducesCDNOW(t *testing.T) {
	fit, err := FitGammaGamma(cdnowSpend(t), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkPublished(t, []published{
		{name: "p", got: fit.P, want: 6.25, abs: 0.005, rel: 1e-3},
		{name: "q", got: fit.Q, want: 3.74, abs: 0.005, rel: 1e-3},
		{name: "gamma", got: fit.Gamma, want: 15.44, abs: 0.005, rel: 1e-3},
		{name: "LL", got: fit.LL, want: -4055.92, abs: 0.01},
	})
	if fit.Customers != 946 {
		t.Errorf("fitted %v customers, want the 946 repeaters", fit.Customers)
	}
}

func TestGammaGammaExpectedSpend(t *testing.T) {
	g := GammaGammaParams{P: 6.25, Q: 3.74, Gamma: 15.44}
	population := g.P * g.Gamma / (g.Q - 1)
	tests := []struct {
		name  string
		x     int
		mean  float64
		want  float64
		isErr bool
	}{
		{"no repeats gives the population mean", 0, 99, population, false},
		// Posterior mean = weighted average of population and own mean
		// with weight p x / (p x + q - 1) on the customer's own mean.
		{"one repeat", 1, 50, (g.Q-1)/(g.P+g.Q-1)*population + g.P/(g.P+g.Q-1)*50, false},
		{"many repeats approach own mean", 10000, 50, (g.Q-1)/(g.P*10000+g.Q-1)*population + g.P*10000/(g.P*10000+g.Q-1)*50, false},
		{"negative spend", 2, -1, 0, true},
	}
	for _, tc := range tests {
		got, err := g.ExpectedSpend(tc.x, tc.mean)
		if (err != nil) != tc.isErr || (!tc.isErr && !relClose(got, tc.want, 1e-12)) {
			t.Errorf("%s: got %v err %v, want %v", tc.name, got, err, tc.want)
		}
	}
	// q <= 1: the population mean is infinite; say so instead of +Inf.
	if _, err := (GammaGammaParams{P: 1, Q: 0.8, Gamma: 10}).ExpectedSpend(0, 0); err == nil {
		t.Error("q<1 population mean did not fail")
	}
}

func TestGammaGammaErrors(t *testing.T) {
	tests := []struct {
		name string
		d    SpendSummary
	}{
		{"no repeaters", SpendSummary{X: []int{0, 0}, MeanSpend: []float64{0, 0}}},
		{"all spend equal", SpendSummary{X: []int{1, 2, 3}, MeanSpend: []float64{10, 10, 10}}},
	}
	for _, tc := range tests {
		if _, err := FitGammaGamma(tc.d, nil); !errors.Is(err, ErrDegenerate) {
			t.Errorf("%s: err = %v, want ErrDegenerate", tc.name, err)
		}
	}
	if _, err := FitGammaGamma(SpendSummary{X: []int{1}, MeanSpend: []float64{0}}, nil); err == nil {
		t.Error("zero spend of a repeat customer accepted")
	}
	if _, err := FitGammaGamma(cdnowSpend(t), &FitOptions{MaxIterations: 2}); !errors.Is(err, ErrNotConverged) {
		t.Errorf("iteration cap: err = %v", err)
	}
}
