package analytics

import (
	"strings"
	"testing"
)

func TestLifecycleStages(t *testing.T) {
	const day = 86400
	asOf := int64(1_800_000_000)
	type cust struct {
		firstAgo, lastAgo int64 // days before as-of
		orders            int64
		recent, earlier   int64
		pAlive            float64
		stage             Stage
		reason            LifecycleReason
	}
	tests := map[string]cust{
		"one order last week":            {7, 7, 1, 100, 0, 0.9, StageAcquisition, ReasonSingleOrder},
		"one order a year ago":           {365, 365, 1, 0, 100, 0.9, StageExit, ReasonSilentVeryLong},
		"monthly buyer, silent 100 days": {400, 100, 11, 0, 500, 0.6, StageExit, ReasonSilentVeryLong},
		"monthly buyer, silent 50 days":  {400, 50, 13, 300, 500, 0.6, StageDecline, ReasonSilentLong},
		"P(alive) says gone":             {400, 5, 13, 300, 300, 0.05, StageExit, ReasonPAliveVeryLow},
		"P(alive) low":                   {400, 5, 13, 300, 300, 0.3, StageDecline, ReasonPAliveLow},
		"spending less":                  {400, 5, 13, 200, 500, 0.9, StageDecline, ReasonSpendFalling},
		"spending more":                  {400, 5, 13, 900, 500, 0.9, StageGrowth, ReasonSpendRising},
		"steady, few orders":             {90, 5, 3, 500, 500, 0.9, StageGrowth, ReasonFewOrders},
		"steady regular":                 {400, 5, 13, 500, 520, 0.9, StageMaturity, ReasonSteady},
		"yearly buyer, silent 300 days":  {1800, 300, 6, 100, 100, 0.8, StageMaturity, ReasonSteady},
		"earlier window empty is growth": {400, 5, 13, 100, 0, 0.9, StageGrowth, ReasonSpendRising},
	}
	var in LifecycleInput
	in.AsOf = asOf
	var names []string
	for name, c := range tests {
		names = append(names, name)
		in.FirstOrder = append(in.FirstOrder, asOf-c.firstAgo*day)
		in.LastOrder = append(in.LastOrder, asOf-c.lastAgo*day)
		in.Orders = append(in.Orders, c.orders)
		in.RecentSpend = append(in.RecentSpend, c.recent)
		in.EarlierSpend = append(in.EarlierSpend, c.earlier)
		in.PAlive = append(in.PAlive, c.pAlive)
	}
	res, err := LifecycleStages(in, LifecycleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range names {
		c := tests[name]
		e := res.Explain(i)
		if e.Stage != c.stage || e.Reason != c.reason {
			t.Errorf("%s: %s (%s), want %s (%s); gap %.1f silence %.1f trend %.2f", name, e.Stage, e.Reason, c.stage, c.reason, e.GapDays, e.SilenceDays, e.Trend)
		}
		if e.Orders != c.orders || e.PAlive != c.pAlive || e.Play.Goal != Plays[c.stage].Goal {
			t.Errorf("%s: explanation does not carry its inputs: %+v", name, e)
		}
	}
	var total int
	for _, c := range res.Counts {
		total += c
	}
	if total != len(names) {
		t.Errorf("counts %v", res.Counts)
	}
	// Without P(alive) the rhythm rules alone decide.
	in.PAlive = nil
	res, err = LifecycleStages(in, LifecycleOptions{})
	if err != nil {
		t.Fatal(err)
	}
	for i, name := range names {
		if name == "P(alive) says gone" || name == "P(alive) low" {
			if res.Stage[i] == StageExit || res.Reason[i] == ReasonPAliveLow {
				t.Errorf("%s without P(alive): %s (%s)", name, res.Stage[i], res.Reason[i])
			}
		}
		if res.Explain(i).PAlive != -1 {
			t.Errorf("missing P(alive) not reported as -1")
		}
	}
}

func TestLifecycleErrorsAndPlays(t *testing.T) {
	bad := LifecycleInput{AsOf: 100, FirstOrder: []int64{50}, LastOrder: []int64{40}, Orders: []int64{2}, RecentSpend: []int64{0}, EarlierSpend: []int64{0}}
	if _, err := LifecycleStages(bad, LifecycleOptions{}); err == nil || !strings.Contains(err.Error(), "first <= last") {
		t.Errorf("first after last: %v", err)
	}
	bad.LastOrder[0] = 60
	bad.PAlive = []float64{1.5}
	if _, err := LifecycleStages(bad, LifecycleOptions{}); err == nil {
		t.Error("P(alive) 1.5 accepted")
	}
	for s := StageAcquisition; s <= StageExit; s++ {
		if Plays[s].Goal == "" || len(Plays[s].Actions) == 0 || s.String() == "" {
			t.Errorf("stage %d has no play", s)
		}
	}
}
