package analytics

import (
	"fmt"
	"math"
)

// MarkovChain is a segment-to-segment transition model estimated from two
// snapshots of the same customers (seed 004's customer migration). States
// index segment names; P[i][j] is the share of customers in state i at the
// first snapshot who were in state j at the second.
type MarkovChain struct {
	States []string
	Counts [][]int     // customers moving from i to j
	P      [][]float64 // row-stochastic transition matrix
	// Observed[i] is false when nobody was in state i at the first
	// snapshot; its row is then the identity (customers are assumed to stay)
	// rather than a guess, so forecasts neither lose nor invent customers.
	Observed []bool
	Skipped  int // customers absent (label -1) from either snapshot
}

// FitTransitions counts transitions between two labelings of the same
// customers: from[i] and to[i] are customer i's state indices at the two
// snapshots, -1 when absent from that snapshot (not counted). Add explicit
// states such as "new" and "lost" to follow entries and exits.
func FitTransitions(states []string, from, to []int) (*MarkovChain, error) {
	k := len(states)
	if k == 0 {
		return nil, fmt.Errorf("analytics: markov: no states")
	}
	if len(from) != len(to) {
		return nil, fmt.Errorf("analytics: markov: %d labels in the first snapshot, %d in the second", len(from), len(to))
	}
	m := &MarkovChain{States: states, Counts: make([][]int, k), P: make([][]float64, k), Observed: make([]bool, k)}
	for i := range k {
		m.Counts[i] = make([]int, k)
		m.P[i] = make([]float64, k)
	}
	for c := range from {
		a, b := from[c], to[c]
		if a == -1 || b == -1 {
			m.Skipped++
			continue
		}
		if a < 0 || a >= k || b < 0 || b >= k {
			return nil, fmt.Errorf("analytics: markov: customer %d has state %d -> %d, want -1 or 0..%d", c, a, b, k-1)
		}
		m.Counts[a][b]++
	}
	for i := range k {
		var row int
		for _, c := range m.Counts[i] {
			row += c
		}
		m.Observed[i] = row > 0
		if row == 0 {
			m.P[i][i] = 1
			continue
		}
		for j, c := range m.Counts[i] {
			m.P[i][j] = float64(c) / float64(row)
		}
	}
	return m, nil
}

// Forecast propagates a segment mix (shares or customer counts per state)
// through the chain: out[0] is mix, out[t] the expected mix after t periods,
// mix_t = mix_{t-1} P.
func (m *MarkovChain) Forecast(mix []float64, periods int) ([][]float64, error) {
	k := len(m.States)
	if len(mix) != k {
		return nil, fmt.Errorf("analytics: markov: mix has %d states, chain %d", len(mix), k)
	}
	if periods < 0 {
		return nil, fmt.Errorf("analytics: markov: negative number of periods %d", periods)
	}
	for _, v := range mix {
		if !finite(v) || v < 0 {
			return nil, fmt.Errorf("analytics: markov: mix %v must be non-negative numbers", mix)
		}
	}
	out := make([][]float64, periods+1)
	out[0] = append([]float64(nil), mix...)
	for t := 1; t <= periods; t++ {
		next := make([]float64, k)
		for i, v := range out[t-1] {
			if v == 0 {
				continue
			}
			for j, p := range m.P[i] {
				next[j] += v * p
			}
		}
		out[t] = next
	}
	return out, nil
}

// ValueForecast is the expected value of a segment mix over future periods.
type ValueForecast struct {
	Mix        [][]float64 // expected mix per period, Mix[0] the start
	PerPeriod  []float64   // expected value in period t (t = 1..n at index t-1)
	Discounted []float64   // PerPeriod[t-1] / (1+rate)^t
	Total      float64     // sum of Discounted
}

// ForecastValue forecasts the mix for periods periods and values it with
// value[j], the value one customer in state j brings per period (for
// example mean profit per period of the segment), discounting period t by
// (1+rate)^t.
func (m *MarkovChain) ForecastValue(mix, value []float64, periods int, rate float64) (*ValueForecast, error) {
	if len(value) != len(m.States) {
		return nil, fmt.Errorf("analytics: markov: %d values for %d states", len(value), len(m.States))
	}
	if !finite(rate) || rate <= -1 {
		return nil, fmt.Errorf("analytics: markov: discount rate %v must be above -1", rate)
	}
	for _, v := range value {
		if !finite(v) {
			return nil, fmt.Errorf("analytics: markov: values %v must be finite", value)
		}
	}
	mixes, err := m.Forecast(mix, periods)
	if err != nil {
		return nil, err
	}
	f := &ValueForecast{Mix: mixes, PerPeriod: make([]float64, periods), Discounted: make([]float64, periods)}
	for t := 1; t <= periods; t++ {
		var v float64
		for j, c := range mixes[t] {
			v += c * value[j]
		}
		f.PerPeriod[t-1] = v
		f.Discounted[t-1] = v / math.Pow(1+rate, float64(t))
		f.Total += f.Discounted[t-1]
	}
	return f, checkFinite("markov value forecast", f.Total)
}
