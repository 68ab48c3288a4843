package analytics

import (
	"math"
	"testing"
)

func TestMarkovChain(t *testing.T) {
	states := []string{"champions", "at_risk", "lost", "never_seen"}
	// 10 champions: 7 stay, 2 at risk, 1 lost. 5 at risk: 1 back, 2 stay,
	// 2 lost. 4 lost stay lost. One customer absent at the second snapshot.
	var from, to []int
	add := func(a, b, n int) {
		for range n {
			from, to = append(from, a), append(to, b)
		}
	}
	add(0, 0, 7)
	add(0, 1, 2)
	add(0, 2, 1)
	add(1, 0, 1)
	add(1, 1, 2)
	add(1, 2, 2)
	add(2, 2, 4)
	add(0, -1, 1)
	m, err := FitTransitions(states, from, to)
	if err != nil {
		t.Fatal(err)
	}
	want := [][]float64{{0.7, 0.2, 0.1, 0}, {0.2, 0.4, 0.4, 0}, {0, 0, 1, 0}, {0, 0, 0, 1}}
	for i := range want {
		for j := range want[i] {
			if math.Abs(m.P[i][j]-want[i][j]) > 1e-15 {
				t.Errorf("P[%d][%d] = %v, want %v", i, j, m.P[i][j], want[i][j])
			}
		}
	}
	if m.Skipped != 1 || m.Observed[3] || !m.Observed[0] {
		t.Errorf("skipped %d observed %v", m.Skipped, m.Observed)
	}
	mix, err := m.Forecast([]float64{100, 50, 0, 10}, 2)
	if err != nil {
		t.Fatal(err)
	}
	// One step: champions 100*.7 + 50*.2 = 80; at risk 20+20 = 40; lost 10+20 = 30.
	if !relClose(mix[1][0], 80, 1e-12) || !relClose(mix[1][1], 40, 1e-12) || !relClose(mix[1][2], 30, 1e-12) || mix[1][3] != 10 {
		t.Errorf("one step %v", mix[1])
	}
	for tt, row := range mix {
		var s float64
		for _, v := range row {
			s += v
		}
		if !relClose(s, 160, 1e-12) {
			t.Errorf("period %d holds %v customers, want 160 (no one lost or invented)", tt, s)
		}
	}
	f, err := m.ForecastValue([]float64{100, 50, 0, 10}, []float64{10, 4, 0, 0}, 2, 0.1)
	if err != nil {
		t.Fatal(err)
	}
	v1 := 80*10 + 40*4.0
	if !relClose(f.PerPeriod[0], v1, 1e-12) || !relClose(f.Discounted[0], v1/1.1, 1e-12) || !relClose(f.Total, f.Discounted[0]+f.Discounted[1], 1e-12) {
		t.Errorf("value forecast %+v", f)
	}
	if _, err := FitTransitions(states, []int{0}, []int{4}); err == nil {
		t.Error("state 4 of 4 accepted")
	}
	if _, err := m.Forecast([]float64{1, 2}, 3); err == nil {
		t.Error("short mix accepted")
	}
	if _, err := m.ForecastValue([]float64{1, 1, 1, 1}, []float64{1, 1, 1, 1}, 3, -1); err == nil {
		t.Error("discount rate -1 accepted")
	}
}
