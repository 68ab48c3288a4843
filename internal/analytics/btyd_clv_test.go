package analytics

import (
	"math"
	"strings"
	"testing"
)

func TestCustomerLifetimeValue(t *testing.T) {
	bg := BGNBDParams{R: 0.2426, Alpha: 4.4136, A: 0.7929, B: 2.4259}
	pn := ParetoNBDParams{R: 0.5532, Alpha: 10.5763, S: 0.6062, Beta: 11.6715}
	gg := GammaGammaParams{P: 6.25, Q: 3.74, Gamma: 15.44}
	// Customer 1 of CDNOW twice (shared computation), a one-off buyer and a
	// heavy buyer.
	x := []int{2, 2, 0, 26}
	tx := []float64{30.43, 30.43, 0, 30.86}
	T := []float64{38.86, 38.86, 38.86, 31}
	spend := []float64{22.35, 22.35, 0, 40}
	const month = 52.1775 / 12
	for _, m := range []TransactionModel{bg, pn} {
		flat, err := CustomerLifetimeValue(m, gg, x, tx, T, spend, CLVOptions{Periods: 12, PeriodLength: month})
		if err != nil {
			t.Fatal(err)
		}
		disc, err := CustomerLifetimeValue(m, gg, x, tx, T, spend, CLVOptions{Periods: 12, PeriodLength: month, DiscountRate: 0.01, Margin: 0.3})
		if err != nil {
			t.Fatal(err)
		}
		for i := range x {
			// Undiscounted: expected spend times expected purchases in a year.
			e, _ := m.ConditionalExpectedPurchases(12*month, x[i], tx[i], T[i])
			s, _ := gg.ExpectedSpend(x[i], spend[i])
			if !relClose(flat[i].CLV, e*s, 1e-12) || !relClose(flat[i].ExpectedPurchases, e, 1e-12) {
				t.Errorf("%T customer %d: CLV %v, want %v", m, i, flat[i].CLV, e*s)
			}
			// Discounting and margin only lower it, and by no more than the
			// margin times the last period's discount factor allows.
			lo := 0.3 * e * s / math.Pow(1.01, 12)
			if disc[i].CLV > 0.3*e*s || disc[i].CLV < lo-1e-12 {
				t.Errorf("%T customer %d: discounted CLV %v outside [%v, %v]", m, i, disc[i].CLV, lo, 0.3*e*s)
			}
			if disc[i].X != x[i] || disc[i].MeanSpend != spend[i] || disc[i].ExpectedSpend != s {
				t.Errorf("result does not carry its inputs: %+v", disc[i])
			}
		}
		if flat[0] != flat[1] {
			t.Errorf("identical customers differ: %+v %+v", flat[0], flat[1])
		}
		if !(flat[3].CLV > flat[0].CLV && flat[0].CLV > flat[2].CLV) {
			t.Errorf("%T: CLV not ordered heavy > regular > one-off: %v %v %v", m, flat[3].CLV, flat[0].CLV, flat[2].CLV)
		}
	}
	bad := []struct {
		opt CLVOptions
		msg string
	}{
		{CLVOptions{Periods: 0, PeriodLength: 1}, "positive horizon"},
		{CLVOptions{Periods: 3, PeriodLength: -1}, "positive horizon"},
		{CLVOptions{Periods: 3, PeriodLength: 1, DiscountRate: -1}, "discount rate"},
	}
	for _, b := range bad {
		if _, err := CustomerLifetimeValue(bg, gg, x, tx, T, spend, b.opt); err == nil || !strings.Contains(err.Error(), b.msg) {
			t.Errorf("%+v: err = %v", b.opt, err)
		}
	}
}
