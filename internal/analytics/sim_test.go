package analytics

import (
	"math"
	"math/rand/v2"

	"gonum.org/v1/gonum/stat/distuv"
)

// simCustomers draws a CDNOW-like customer base from the BG/NBD and
// Gamma-Gamma models with a fixed seed: customers join on a whole day in
// the first 12 weeks, are observed to the end of week 39, and purchase
// times are rounded to whole days (times are in weeks), as a CRM would
// record them. It returns per-customer columns.
func simCustomers(n int, seed uint64, p BGNBDParams, g GammaGammaParams) (x []int, tx, T, spend []float64) {
	src := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
	lam := distuv.Gamma{Alpha: p.R, Beta: p.Alpha, Src: src}
	drop := distuv.Beta{Alpha: p.A, Beta: p.B, Src: src}
	nu := distuv.Gamma{Alpha: g.Q, Beta: g.Gamma, Src: src}
	x, tx, T, spend = make([]int, n), make([]float64, n), make([]float64, n), make([]float64, n)
	const endDay = 273
	for i := range n {
		join := src.IntN(84)
		age := float64(endDay-join) / 7
		rate, pDrop := lam.Rand(), drop.Rand()
		var t, last float64
		k := 0
		for {
			t += src.ExpFloat64() / rate
			if t > age {
				break
			}
			day := math.Round(t * 7)
			if day/7 > age {
				break
			}
			k++
			last = day / 7
			if src.Float64() < pDrop {
				break
			}
		}
		x[i], T[i] = k, age
		if k > 0 {
			tx[i] = last
			v := nu.Rand()
			total := distuv.Gamma{Alpha: g.P * float64(k), Beta: v, Src: src}.Rand()
			spend[i] = math.Round(total/float64(k)*100) / 100
			if spend[i] <= 0 {
				spend[i] = 0.01
			}
		}
	}
	return x, tx, T, spend
}
