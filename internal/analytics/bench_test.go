package analytics

import (
	"math"
	"math/rand/v2"
	"testing"
)

// benchCustomers generates a deterministic customer base of n customers:
// last orders spread over two years (to the second), order counts with the
// usual long tail (most customers order once), spend roughly log-normal in
// fen, and gross profit and service cost such that about one in ten
// customers loses money.
func benchCustomers(n int) (RFMInput, []int64, []int64) {
	rng := rand.New(rand.NewPCG(20261123, 1))
	asOf := int64(1_795_000_000)
	in := RFMInput{AsOf: asOf, LastOrder: make([]int64, n), Frequency: make([]int64, n), Monetary: make([]int64, n)}
	gross, service := make([]int64, n), make([]int64, n)
	for i := range n {
		in.LastOrder[i] = asOf - rng.Int64N(2*365*86400)
		f := int64(1 + math.Floor(rng.ExpFloat64()*2))
		in.Frequency[i] = f
		m := int64(float64(f) * math.Exp(8+rng.NormFloat64()))
		in.Monetary[i] = m
		gross[i] = m / 4
		service[i] = int64(rng.ExpFloat64() * 2000)
	}
	return in, gross, service
}

// BenchmarkRFM1M: quintile scores and segments for a million customers.
func BenchmarkRFM1M(b *testing.B) {
	in, _, _ := benchCustomers(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := RFMScores(in, RFMOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkProfitTiers1M: profit, ABC tiers, top-20% share and the Pareto
// curve for a million customers.
func BenchmarkProfitTiers1M(b *testing.B) {
	_, gross, service := benchCustomers(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := ProfitTiers(gross, service, ValueOptions{}); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkRFMAndValue1M is the workbench refresh the target is set for:
// RFM scores and segments plus the Pareto analysis, a million customers
// (target: 0.25 s on 2 cores).
func BenchmarkRFMAndValue1M(b *testing.B) {
	in, gross, service := benchCustomers(1_000_000)
	b.ResetTimer()
	for b.Loop() {
		if _, err := RFMScores(in, RFMOptions{}); err != nil {
			b.Fatal(err)
		}
		v, err := ProfitTiers(gross, service, ValueOptions{})
		if err != nil {
			b.Fatal(err)
		}
		_ = v.Top20Share
	}
}
