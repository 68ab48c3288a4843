package analyze

import (
	"cmp"
	"fmt"
	"io"
	"slices"
	"strconv"
	"time"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

// LifecycleReport places every customer in a lifecycle stage, with the
// rule that did it and the measures it looked at.
type LifecycleReport struct {
	Source
	WindowDays int `json:"window_days"` // length of the recent and the earlier spend windows
	// PAlive says where P(alive) came from: "bgnbd" (fitted on these
	// customers in weeks) or "none" with the reason in PAliveNote.
	PAlive      string              `json:"p_alive"`
	PAliveNote  string              `json:"p_alive_note,omitempty"`
	Thresholds  LifecycleThresholds `json:"thresholds"`
	Stages      []StageSize         `json:"stages"`
	PerCustomer []LifecycleCustomer `json:"per_customer"`
}

// LifecycleThresholds are the rule thresholds the stages were set with.
type LifecycleThresholds struct {
	ExitPAlive         float64 `json:"exit_p_alive"`
	ExitGaps           float64 `json:"exit_gaps"`
	DeclinePAlive      float64 `json:"decline_p_alive"`
	DeclineGaps        float64 `json:"decline_gaps"`
	DeclineTrend       float64 `json:"decline_trend"`
	GrowthTrend        float64 `json:"growth_trend"`
	MaturityOrders     int64   `json:"maturity_orders"`
	SingleOrderGapDays float64 `json:"single_order_gap_days"`
}

// StageSize is one stage's customers and recommended play.
type StageSize struct {
	Stage     string   `json:"stage"`
	Customers int      `json:"customers"`
	Goal      string   `json:"goal"`
	Actions   []string `json:"actions"`
}

// LifecycleCustomer is one customer's measures, stage and rule.
type LifecycleCustomer struct {
	CustomerID   string  `json:"customer_id"`
	Stage        string  `json:"stage"`
	Reason       string  `json:"reason"`
	Orders       int64   `json:"orders"` // days with orders
	GapDays      float64 `json:"gap_days"`
	SilenceDays  float64 `json:"silence_days"`
	RecentSpend  int64   `json:"recent_spend"`
	EarlierSpend int64   `json:"earlier_spend"`
	Trend        float64 `json:"trend"`
	// PAlive is null when no purchase model could be fitted.
	PAlive *float64 `json:"p_alive"`
}

// Lifecycle sets each customer's stage from its own rhythm, its silence,
// its spend in the last windowDays against the windowDays before, and
// P(alive) from a BG/NBD fit. When BG/NBD cannot be fitted (too few repeat
// buyers) the stages use the other rules and the report says why.
func Lifecycle(h *History, windowDays int) (*LifecycleReport, error) {
	if windowDays <= 0 {
		return nil, fmt.Errorf("lifecycle: the spend window must be positive, got %d days", windowDays)
	}
	window := time.Duration(windowDays) * day
	n := len(h.Customers)
	in := analytics.LifecycleInput{AsOf: h.AsOf.Unix(), FirstOrder: make([]int64, n), LastOrder: make([]int64, n),
		Orders: make([]int64, n), RecentSpend: make([]int64, n), EarlierSpend: make([]int64, n)}
	for i := range h.Customers {
		c := &h.Customers[i]
		in.FirstOrder[i], in.LastOrder[i], in.Orders[i] = c.First().Unix(), c.Last().Unix(), int64(len(c.Days))
		in.RecentSpend[i], _ = c.Totals(h.AsOf.Add(-window), h.AsOf)
		in.EarlierSpend[i], _ = c.Totals(h.AsOf.Add(-2*window), h.AsOf.Add(-window))
	}
	rep := &LifecycleReport{Source: newSource("lifecycle", h), WindowDays: windowDays, PAlive: "bgnbd"}
	pAlive, err := bgnbdPAlive(h)
	if err != nil {
		rep.PAlive, rep.PAliveNote = "none", err.Error()
	}
	in.PAlive = pAlive
	res, err := analytics.LifecycleStages(in, analytics.LifecycleOptions{})
	if err != nil {
		return nil, fmt.Errorf("lifecycle: %w", err)
	}
	rep.Thresholds = LifecycleThresholds(res.Options)
	for s, count := range res.Counts {
		play := analytics.Plays[s]
		rep.Stages = append(rep.Stages, StageSize{Stage: analytics.Stage(s).String(), Customers: count, Goal: play.Goal, Actions: play.Actions})
	}
	for i := range h.Customers {
		e := res.Explain(i)
		lc := LifecycleCustomer{CustomerID: h.Customers[i].ID, Stage: e.Stage.String(), Reason: e.Reason.String(),
			Orders: e.Orders, GapDays: e.GapDays, SilenceDays: e.SilenceDays, RecentSpend: e.RecentSpend,
			EarlierSpend: e.EarlierSpend, Trend: e.Trend}
		if pAlive != nil {
			lc.PAlive = &pAlive[i]
		}
		rep.PerCustomer = append(rep.PerCustomer, lc)
	}
	return rep, nil
}

// bgnbdPAlive fits BG/NBD in weeks and returns every customer's P(alive).
func bgnbdPAlive(h *History) ([]float64, error) {
	x, tx, T, _ := btydColumns(h, 7)
	rows, index, err := analytics.Compress(x, tx, T)
	if err != nil {
		return nil, err
	}
	fit, err := analytics.FitBGNBD(rows, nil)
	if err != nil {
		return nil, fmt.Errorf("BG/NBD fit: %w", err)
	}
	forecast, err := fit.Forecast(rows, 0)
	if err != nil {
		return nil, err
	}
	out := make([]float64, len(x))
	for i, row := range index {
		out[i] = forecast[row].PAlive
	}
	return out, nil
}

// WriteText prints the stages with their plays and the customers by stage.
func (r *LifecycleReport) WriteText(w io.Writer, top int) error {
	r.Source.writeText(w, "Lifecycle stages (from each customer's own rhythm, spend trend and P(alive))")
	fmt.Fprintf(w, "spend trend: last %d days against the %d before; P(alive): %s", r.WindowDays, r.WindowDays, r.PAlive)
	if r.PAliveNote != "" {
		fmt.Fprintf(w, " (%s)", r.PAliveNote)
	}
	fmt.Fprint(w, "\n\n")
	st := newTable("stage", "customers", "goal")
	for _, s := range r.Stages {
		st.add(s.Stage, strconv.Itoa(s.Customers), s.Goal)
	}
	if err := st.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	byStage := slices.Clone(r.PerCustomer)
	order := map[string]int{}
	for k, s := range r.Stages {
		order[s.Stage] = k
	}
	slices.SortStableFunc(byStage, func(a, b LifecycleCustomer) int { return cmp.Compare(order[a.Stage], order[b.Stage]) })
	n := limit(len(byStage), top)
	t := newTable("customer_id", "stage", "reason", "orders", "gap days", "silence days", "recent", "earlier", "trend", "P(alive)").ids(0)
	for _, c := range byStage[:n] {
		pa := "-"
		if c.PAlive != nil {
			pa = num(*c.PAlive, 3)
		}
		t.add(c.CustomerID, c.Stage, c.Reason, strconv.FormatInt(c.Orders, 10), num(c.GapDays, 1), num(c.SilenceDays, 0),
			money(c.RecentSpend), money(c.EarlierSpend), num(c.Trend, 2), pa)
	}
	if err := t.write(w); err != nil {
		return err
	}
	moreLine(w, n, len(byStage), "customers")
	return nil
}
