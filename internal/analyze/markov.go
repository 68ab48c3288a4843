package analyze

import (
	"cmp"
	"fmt"
	"io"
	"math"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

// periodMonths maps the period names to their length in months.
var periodMonths = map[string]int{"month": 1, "quarter": 3, "year": 12}

// MarkovOptions set the snapshots and the forecast of Markov.
type MarkovOptions struct {
	Period         string // month, quarter or year
	Forecast       int    // periods to forecast
	AnnualDiscount float64
}

// MarkovReport is the segment migration analysis: the RFM segment of every
// customer at the start of each period, the transition counts and
// probabilities between consecutive periods, and the forecast of the
// segment mix and of its value.
type MarkovReport struct {
	Source
	Period    string      `json:"period"`
	Snapshots []string    `json:"snapshots"` // period starts at which segments were taken
	States    []string    `json:"states"`
	Counts    [][]int     `json:"counts"` // customers moving from state i to j, over all consecutive snapshots
	P         [][]float64 `json:"p"`
	// Observed[i] is false when nobody started a period in state i; its
	// row of P is then the identity.
	Observed []bool `json:"observed"`
	// NewCustomers counts customers whose first order fell inside a
	// period: without a segment at its start, that period's move is not
	// counted.
	NewCustomers int `json:"new_customers"`
	// ValueBasis is "gross_profit" or "amount"; Value[j] is the mean
	// value one customer in state j brought in the period that followed.
	ValueBasis string         `json:"value_basis"`
	Value      []float64      `json:"value_per_customer_period"`
	Mix        []float64      `json:"mix"` // customers per state at as_of
	Forecast   MarkovForecast `json:"forecast"`
	// PerCustomer lists every customer's segment at each snapshot ("" before
	// its first order) and at as_of.
	PerCustomer []MarkovCustomer `json:"per_customer"`
}

// MarkovForecast is the expected segment mix and value in future periods.
type MarkovForecast struct {
	Periods        int         `json:"periods"`
	AnnualDiscount float64     `json:"annual_discount"`
	Mix            [][]float64 `json:"mix"` // Mix[0] is the mix at as_of
	Value          []float64   `json:"value"`
	Discounted     []float64   `json:"discounted_value"`
	Total          float64     `json:"total_discounted_value"`
}

// MarkovCustomer is one customer's segment history.
type MarkovCustomer struct {
	CustomerID string   `json:"customer_id"`
	Segments   []string `json:"segments"`
	Segment    string   `json:"segment"`
}

// Markov labels customers with their RFM segment at the start of every
// period, counts the moves between consecutive periods, and forecasts the
// mix from the segments at the as-of date.
func Markov(h *History, opt MarkovOptions) (*MarkovReport, error) {
	months, ok := periodMonths[opt.Period]
	if !ok || opt.Forecast < 0 {
		return nil, fmt.Errorf("markov: unknown period %q or negative forecast", opt.Period)
	}
	snaps := snapshots(h, months)
	if len(snaps) < 2 {
		return nil, fmt.Errorf("markov: the orders before %s span fewer than two %s starts, so no move between %ss can be seen; try a shorter --period",
			dateString(h.AsOf), opt.Period, opt.Period)
	}
	labels := make([][]int, len(snaps)+1) // per snapshot, then as of
	var states []string
	for k, s := range append(slices.Clone(snaps), h.AsOf) {
		var err error
		if labels[k], states, err = segmentsAt(h, s); err != nil {
			return nil, fmt.Errorf("markov: segments at %s: %w", dateString(s), err)
		}
	}
	var from, to []int
	for k := range len(snaps) - 1 {
		from, to = append(from, labels[k]...), append(to, labels[k+1]...)
	}
	chain, err := analytics.FitTransitions(states, from, to)
	if err != nil {
		return nil, fmt.Errorf("markov: %w", err)
	}
	rep := &MarkovReport{Source: newSource("markov", h), Period: opt.Period, States: states, Counts: chain.Counts,
		P: chain.P, Observed: chain.Observed, NewCustomers: newCustomers(from, to), ValueBasis: "gross_profit"}
	if !h.HasProfit {
		rep.ValueBasis = "amount"
	}
	for _, s := range snaps {
		rep.Snapshots = append(rep.Snapshots, dateString(s))
	}
	rep.Value = stateValues(h, snaps, labels, len(states))
	rep.Mix = make([]float64, len(states))
	for _, l := range labels[len(snaps)] {
		rep.Mix[l]++ // every customer has ordered before as of
	}
	if rep.Forecast, err = forecast(chain, rep.Mix, rep.Value, months, opt); err != nil {
		return nil, fmt.Errorf("markov: %w", err)
	}
	rep.PerCustomer = markovCustomers(h, states, labels)
	return rep, nil
}

// snapshots returns the period starts after the first order, up to as of.
func snapshots(h *History, months int) []time.Time {
	first := h.AsOf
	for i := range h.Customers {
		if f := h.Customers[i].First(); f.Before(first) {
			first = f
		}
	}
	y, m, _ := first.Date()
	m0 := (int(m)-1)/months*months + 1
	start := time.Date(y, time.Month(m0), 1, 0, 0, 0, 0, time.UTC)
	var out []time.Time
	for k := 1; ; k++ {
		s := start.AddDate(0, k*months, 0)
		if s.After(h.AsOf) {
			return out
		}
		out = append(out, s)
	}
}

// segmentsAt returns every customer's RFM segment as of t (-1 before its
// first order) and the segment names.
func segmentsAt(h *History, t time.Time) ([]int, []string, error) {
	in, index := rfmColumns(h, t)
	res, err := analytics.RFMScores(in, analytics.RFMOptions{Ties: analytics.TiesShared})
	if err != nil {
		return nil, nil, err
	}
	labels := make([]int, len(h.Customers))
	for i := range labels {
		labels[i] = -1
	}
	for i, c := range index {
		labels[c] = int(res.Segment[i])
	}
	return labels, res.SegmentNames, nil
}

func newCustomers(from, to []int) int {
	n := 0
	for i := range from {
		if from[i] < 0 && to[i] >= 0 {
			n++
		}
	}
	return n
}

// stateValues is, per state, the mean value a customer in it at a snapshot
// brought until the next one.
func stateValues(h *History, snaps []time.Time, labels [][]int, states int) []float64 {
	sum, count := make([]float64, states), make([]float64, states)
	for k := range len(snaps) - 1 {
		for c, l := range labels[k] {
			if l < 0 {
				continue
			}
			amount, profit := h.Customers[c].Totals(snaps[k], snaps[k+1])
			if h.HasProfit {
				amount = profit
			}
			sum[l] += float64(amount)
			count[l]++
		}
	}
	for j := range sum {
		if count[j] > 0 {
			sum[j] /= count[j]
		}
	}
	return sum
}

func forecast(chain *analytics.MarkovChain, mix, value []float64, months int, opt MarkovOptions) (MarkovForecast, error) {
	rate := math.Pow(1+opt.AnnualDiscount, float64(months)/12) - 1
	f, err := chain.ForecastValue(mix, value, opt.Forecast, rate)
	if err != nil {
		return MarkovForecast{}, err
	}
	return MarkovForecast{Periods: opt.Forecast, AnnualDiscount: opt.AnnualDiscount, Mix: f.Mix, Value: f.PerPeriod,
		Discounted: f.Discounted, Total: f.Total}, nil
}

func markovCustomers(h *History, states []string, labels [][]int) []MarkovCustomer {
	name := func(l int) string {
		if l < 0 {
			return ""
		}
		return states[l]
	}
	last := len(labels) - 1
	out := make([]MarkovCustomer, len(h.Customers))
	for c := range h.Customers {
		segs := make([]string, last)
		for k := range last {
			segs[k] = name(labels[k][c])
		}
		out[c] = MarkovCustomer{CustomerID: h.Customers[c].ID, Segments: segs, Segment: name(labels[last][c])}
	}
	return out
}

// WriteText prints where each segment's customers went and the forecast.
func (r *MarkovReport) WriteText(w io.Writer, _ int) error {
	r.Source.writeText(w, "Segment migration (Markov chain of RFM segments at the start of each "+r.Period+")")
	fmt.Fprintf(w, "%d snapshots from %s to %s; %d customers started within a %s and enter from their next one\n\n",
		len(r.Snapshots), r.Snapshots[0], r.Snapshots[len(r.Snapshots)-1], r.NewCustomers, r.Period)
	t := newTable("from", "customers", "value per "+r.Period, "moved to")
	for i, s := range r.States {
		if !r.Observed[i] {
			continue
		}
		total := 0
		for _, c := range r.Counts[i] {
			total += c
		}
		t.add(s, strconv.Itoa(total), moneyFloat(r.Value[i]), destinations(r.States, r.P[i]))
	}
	if err := t.write(w); err != nil {
		return err
	}
	fmt.Fprintln(w)
	header := []string{"segment", "as of"}
	for k := 1; k <= r.Forecast.Periods; k++ {
		header = append(header, "+"+strconv.Itoa(k))
	}
	ft := newTable(header...)
	for j, s := range r.States {
		row := []string{s}
		for _, mix := range r.Forecast.Mix {
			row = append(row, num(mix[j], 1))
		}
		ft.add(row...)
	}
	if err := ft.write(w); err != nil {
		return err
	}
	if r.Forecast.Periods > 0 {
		fmt.Fprintf(w, "expected value over %d %ss: %s (discounted at %s a year)\n",
			r.Forecast.Periods, r.Period, moneyFloat(r.Forecast.Total), percent(r.Forecast.AnnualDiscount))
	}
	return nil
}

// destinations lists a row of P as "state 60.0%, ..." by probability.
func destinations(states []string, p []float64) string {
	idx := make([]int, len(p))
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return -cmp.Compare(p[a], p[b]) })
	var parts []string
	for _, j := range idx {
		if p[j] > 0 {
			parts = append(parts, states[j]+" "+percent(p[j]))
		}
	}
	return strings.Join(parts, ", ")
}
