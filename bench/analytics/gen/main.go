// Command gen writes the deterministic data of the analytics peer benchmark
// (bench/analytics/run.sh): an order table, the per-customer table derived
// from it, and the R x F segment table every engine joins.
//
//	go run ./bench/analytics/gen -customers 1000000 -orders 10000000 -out DIR
//
// Files written to DIR:
//
//	orders.csv     customer_id,order_date,amount,gross_profit   (by date, then customer)
//	customers.csv  customer_id,first_order,last_order,orders,revenue,gross_profit
//	segments.csv   r,f,segment  (analytics.DefaultSegmentRules on the R x F grid)
//
// Money is in fen (integer minor units), as Guanxi stores it, so that every
// engine adds exactly. Dates are ISO days over the three years before the
// as-of date. The same flags always give byte-identical files.
//
// The customer base: acquisition days uniform over the window; each
// customer stays active for an exponential lifetime (mean one year, cut at
// the window's end); every customer orders once on its first day and the
// remaining orders are dealt out at random, in proportion to a Gamma(0.5)
// propensity times the active span, at uniform days of the active span.
// Order counts are thus negative-binomial-like (about a third buy once, a
// few buy hundreds of times). Spend is log-normal per customer and per order;
// gross margins vary by customer and order, so some customers lose money.
package main

import (
	"bufio"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"time"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

const windowDays = 3 * 365

func main() {
	customers := flag.Int("customers", 1_000_000, "number of customers (each orders at least once)")
	orders := flag.Int("orders", 10_000_000, "number of orders (at least -customers)")
	asOfFlag := flag.String("asof", "2026-01-01", "as-of date; orders fall in the three years before it")
	seed := flag.Uint64("seed", 20261123, "random seed")
	out := flag.String("out", "", "output directory (required)")
	flag.Parse()
	if err := run(*customers, *orders, *asOfFlag, *seed, *out); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

type order struct {
	customer int32
	day      int16 // days since the window's first day
	amount   int64 // fen
	profit   int64 // fen
}

func run(nCust, nOrders int, asOfText string, seed uint64, out string) error {
	if out == "" {
		return errors.New("-out is required")
	}
	if nCust < 1 || nOrders < nCust || nCust > math.MaxInt32 {
		return fmt.Errorf("need 1 <= customers (%d) <= orders (%d)", nCust, nOrders)
	}
	asOf, err := time.Parse(time.DateOnly, asOfText)
	if err != nil {
		return err
	}
	start := asOf.AddDate(0, 0, -windowDays)
	if err := os.MkdirAll(out, 0o755); err != nil {
		return err
	}
	rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))

	// Customers: first day, last active day, propensity, spend and margin.
	first := make([]int16, nCust)
	activeEnd := make([]int16, nCust)
	logSpend := make([]float64, nCust)
	margin := make([]float64, nCust)
	cum := make([]float64, nCust) // cumulative weights for dealing out repeat orders
	var total float64
	for i := range nCust {
		f := rng.IntN(windowDays)
		life := int(rng.ExpFloat64() * 365)
		end := min(windowDays-1, f+life)
		first[i], activeEnd[i] = int16(f), int16(end)
		logSpend[i] = math.Log(150) + 0.8*rng.NormFloat64() // yuan per order, median 150
		margin[i] = 0.22 + 0.12*rng.NormFloat64()
		total += gamma(rng, 0.5) * float64(end-f+1)
		cum[i] = total
	}
	counts := make([]int32, nCust)
	for i := range counts {
		counts[i] = 1
	}
	for range nOrders - nCust {
		u := rng.Float64() * total
		i := sort.SearchFloat64s(cum, u)
		if i >= nCust {
			i = nCust - 1
		}
		counts[i]++
	}

	// Orders, customer by customer, then stably by day.
	all := make([]order, 0, nOrders)
	for i := range nCust {
		for k := range counts[i] {
			day := first[i]
			if k > 0 {
				day += int16(rng.IntN(int(activeEnd[i]-first[i]) + 1))
			}
			yuan := math.Exp(logSpend[i] + 0.4*rng.NormFloat64())
			amount := max(100, int64(math.Round(yuan*100)))
			profit := int64(math.Round(float64(amount) * (margin[i] + 0.05*rng.NormFloat64())))
			all = append(all, order{customer: int32(i), day: day, amount: amount, profit: profit})
		}
	}
	byDay := make([]int, windowDays+1)
	for _, o := range all {
		byDay[o.day+1]++
	}
	for d := 1; d <= windowDays; d++ {
		byDay[d] += byDay[d-1]
	}
	sorted := make([]order, nOrders)
	for _, o := range all {
		sorted[byDay[o.day]] = o
		byDay[o.day]++
	}
	all = nil

	dates := make([]string, windowDays)
	for d := range dates {
		dates[d] = start.AddDate(0, 0, d).Format(time.DateOnly)
	}

	// Per-customer table, derived from the orders.
	type stats struct {
		first, last     int16
		orders          int64
		revenue, profit int64
	}
	cs := make([]stats, nCust)
	for i := range cs {
		cs[i].first, cs[i].last = math.MaxInt16, -1
	}
	for _, o := range sorted {
		s := &cs[o.customer]
		s.first = min(s.first, o.day)
		s.last = max(s.last, o.day)
		s.orders++
		s.revenue += o.amount
		s.profit += o.profit
	}

	err = writeFile(filepath.Join(out, "orders.csv"), "customer_id,order_date,amount,gross_profit\n", func(w *bufio.Writer) {
		var b []byte
		for _, o := range sorted {
			b = strconv.AppendInt(b[:0], int64(o.customer)+1, 10)
			b = append(b, ',')
			b = append(b, dates[o.day]...)
			b = append(b, ',')
			b = strconv.AppendInt(b, o.amount, 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, o.profit, 10)
			b = append(b, '\n')
			w.Write(b)
		}
	})
	if err != nil {
		return err
	}
	err = writeFile(filepath.Join(out, "customers.csv"), "customer_id,first_order,last_order,orders,revenue,gross_profit\n", func(w *bufio.Writer) {
		var b []byte
		for i, s := range cs {
			b = strconv.AppendInt(b[:0], int64(i)+1, 10)
			b = append(b, ',')
			b = append(b, dates[s.first]...)
			b = append(b, ',')
			b = append(b, dates[s.last]...)
			b = append(b, ',')
			b = strconv.AppendInt(b, s.orders, 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, s.revenue, 10)
			b = append(b, ',')
			b = strconv.AppendInt(b, s.profit, 10)
			b = append(b, '\n')
			w.Write(b)
		}
	})
	if err != nil {
		return err
	}
	return writeFile(filepath.Join(out, "segments.csv"), "r,f,segment\n", func(w *bufio.Writer) {
		for r := uint8(1); r <= 5; r++ {
			for f := uint8(1); f <= 5; f++ {
				fmt.Fprintf(w, "%d,%d,%s\n", r, f, segmentOf(r, f))
			}
		}
	})
}

// segmentOf names the segment of an R x F cell by Guanxi's default rules
// (they leave monetary open, so M does not matter).
func segmentOf(r, f uint8) string {
	in := func(x uint8, s analytics.ScoreRange) bool {
		return (s.Min == 0 && s.Max == 0) || (x >= s.Min && x <= s.Max)
	}
	for _, rule := range analytics.DefaultSegmentRules {
		if rule.M != (analytics.ScoreRange{}) {
			panic("gen: a default segment rule depends on monetary")
		}
		if in(r, rule.R) && in(f, rule.F) {
			return rule.Segment
		}
	}
	return analytics.SegmentUnclassified
}

func writeFile(path, header string, body func(*bufio.Writer)) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.WriteString(header)
	body(w)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// gamma draws from Gamma(shape, 1) by Marsaglia and Tsang, boosting shapes
// below one.
func gamma(rng *rand.Rand, shape float64) float64 {
	if shape < 1 {
		return gamma(rng, shape+1) * math.Pow(rng.Float64(), 1/shape)
	}
	d := shape - 1.0/3
	c := 1 / math.Sqrt(9*d)
	for {
		x := rng.NormFloat64()
		v := 1 + c*x
		if v <= 0 {
			continue
		}
		v = v * v * v
		u := rng.Float64()
		if math.Log(u) < 0.5*x*x+d-d*v+d*math.Log(v) {
			return d * v
		}
	}
}
