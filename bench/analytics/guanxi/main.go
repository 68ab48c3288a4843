// Command guanxi is Guanxi's side of the analytics peer benchmark
// (bench/analytics/run.sh). It loads the per-customer table written by
// bench/analytics/gen into columns, as Guanxi keeps them (per-customer
// stats are updated in each order's transaction), then times, warm:
//
//   - RFM: analytics.RFMScores (quintiles with TiesByIndex, default R x F
//     segments) plus analytics.ProfitTiers (ABC tiers, top-20% share,
//     Pareto curve) on the gross profit column;
//   - BTYD: analytics.Compress, FitBGNBD and FitGammaGamma on every
//     customer, once with times in days and once in whole weeks.
//
// It prints one CHECK line (segment counts, a checksum of every customer's
// scores, the top-20% profit, total profit and share) in the format the
// peers print, and TIME lines with the best and median of the timed runs.
package main

import (
	"bufio"
	"flag"
	"fmt"
	"math"
	"os"
	"runtime/pprof"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/internal/analytics"
)

func main() {
	path := flag.String("customers", "", "customers.csv written by bench/analytics/gen")
	asOfText := flag.String("asof", "2026-01-01", "as-of date")
	runs := flag.Int("runs", 5, "timed runs after one warm-up run")
	btydRuns := flag.Int("btyd-runs", 3, "timed BTYD fits after one warm-up fit (0 skips BTYD)")
	cpuprofile := flag.String("cpuprofile", "", "write a CPU profile of the whole run to this file (for go tool pprof)")
	flag.Parse()
	if *cpuprofile != "" {
		f, err := os.Create(*cpuprofile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "guanxi bench:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if err := run(*path, *asOfText, *runs, *btydRuns); err != nil {
		pprof.StopCPUProfile()
		fmt.Fprintln(os.Stderr, "guanxi bench:", err)
		os.Exit(1)
	}
}

// columns are the per-customer columns; customer i has id i+1 (the file is
// in id order, so index order is id order for tie-breaking).
type columns struct {
	first, last            []int64 // Unix seconds of the order day
	orders, revenue, gross []int64
}

func run(path, asOfText string, runs, btydRuns int) error {
	if path == "" {
		return fmt.Errorf("-customers is required")
	}
	asOfDay, err := time.Parse(time.DateOnly, asOfText)
	if err != nil {
		return err
	}
	asOf := asOfDay.Unix()
	t0 := time.Now()
	c, err := load(path)
	if err != nil {
		return err
	}
	n := len(c.orders)
	fmt.Fprintf(os.Stderr, "guanxi: loaded %d customers in %.2f s (not timed)\n", n, time.Since(t0).Seconds())

	in := analytics.RFMInput{AsOf: asOf, LastOrder: c.last, Frequency: c.orders, Monetary: c.revenue}
	var rfm *analytics.RFMResult
	var val *analytics.ValueResult
	times := make([]float64, 0, runs)
	for k := range runs + 1 {
		t := time.Now()
		rfm, err = analytics.RFMScores(in, analytics.RFMOptions{Ties: analytics.TiesByIndex})
		if err != nil {
			return err
		}
		val, err = analytics.ProfitTiers(c.gross, nil, analytics.ValueOptions{})
		if err != nil {
			return err
		}
		if k > 0 {
			times = append(times, time.Since(t).Seconds())
		}
	}

	var checksum int64
	for i := range n {
		checksum += int64(i+1) * (100*int64(rfm.R[i]) + 10*int64(rfm.F[i]) + int64(rfm.M[i]))
	}
	type seg struct {
		name string
		n    int
	}
	var segs []seg
	for k, name := range rfm.SegmentNames {
		if rfm.SegmentCounts[k] > 0 {
			segs = append(segs, seg{name, rfm.SegmentCounts[k]})
		}
	}
	slices.SortFunc(segs, func(a, b seg) int { return strings.Compare(a.name, b.name) })
	parts := make([]string, len(segs))
	for k, s := range segs {
		parts[k] = fmt.Sprintf("%s:%d", s.name, s.n)
	}
	fmt.Printf("CHECK customers segments=%s checksum=%d top20=%d total=%d share=%.6f\n",
		strings.Join(parts, ","), checksum, val.Top20Profit, val.TotalProfit, val.Top20Share)
	fmt.Printf("TIME customers best=%.4f median=%.4f runs=%d\n", slices.Min(times), median(times), len(times))

	if btydRuns <= 0 {
		return nil
	}
	// BTYD inputs from each customer's first order, in days and in whole
	// weeks. Gamma-Gamma wants the mean value of the repeat purchases; the
	// per-customer table only has revenue over all orders, so
	// revenue/orders (first order included) stands in for it.
	x := make([]int, n)
	spend := make([]float64, n)
	txDays := make([]float64, n)
	tDays := make([]float64, n)
	txWeeks := make([]float64, n)
	tWeeks := make([]float64, n)
	for i := range n {
		x[i] = int(c.orders[i] - 1)
		if x[i] > 0 {
			txDays[i] = float64(c.last[i]-c.first[i]) / 86400
		}
		tDays[i] = float64(asOf-c.first[i]) / 86400
		// Whole weeks, rounded to the nearest; T at least one week and
		// t_x at most T.
		tWeeks[i] = max(1, math.Round(tDays[i]/7))
		txWeeks[i] = min(tWeeks[i], math.Round(txDays[i]/7))
		spend[i] = float64(c.revenue[i]) / 100 / float64(c.orders[i])
	}
	for _, unit := range []struct {
		name  string
		tx, T []float64
	}{{"btyd_days", txDays, tDays}, {"btyd_weeks", txWeeks, tWeeks}} {
		var rows int
		phase := [3]float64{math.Inf(1), math.Inf(1), math.Inf(1)} // best compress, BG/NBD, Gamma-Gamma
		var bg analytics.BGNBDFit
		var gg analytics.GammaGammaFit
		times = times[:0]
		for k := range btydRuns + 1 {
			t := time.Now()
			d, _, err := analytics.Compress(x, unit.tx, unit.T)
			if err != nil {
				return err
			}
			t1 := time.Now()
			bg, err = analytics.FitBGNBD(d, nil)
			if err != nil {
				return err
			}
			t2 := time.Now()
			gg, err = analytics.FitGammaGamma(analytics.SpendSummary{X: x, MeanSpend: spend}, nil)
			if err != nil {
				return err
			}
			if k > 0 {
				t3 := time.Now()
				times = append(times, t3.Sub(t).Seconds())
				for j, dt := range [3]time.Duration{t1.Sub(t), t2.Sub(t1), t3.Sub(t2)} {
					phase[j] = min(phase[j], dt.Seconds())
				}
			}
			rows = d.Len()
		}
		fmt.Printf("BTYD %s rows=%d bgnbd r=%.4f alpha=%.4f a=%.4f b=%.4f evals=%d gg p=%.4f q=%.4f gamma=%.4f evals=%d best-phases compress=%.3f bgnbd=%.3f gg=%.3f\n",
			unit.name, rows, bg.R, bg.Alpha, bg.A, bg.B, bg.Evaluations, gg.P, gg.Q, gg.Gamma, gg.Evaluations, phase[0], phase[1], phase[2])
		fmt.Printf("TIME %s best=%.4f median=%.4f runs=%d\n", unit.name, slices.Min(times), median(times), len(times))
	}
	return nil
}

func median(v []float64) float64 {
	s := slices.Clone(v)
	slices.Sort(s)
	if len(s)%2 == 1 {
		return s[len(s)/2]
	}
	return (s[len(s)/2-1] + s[len(s)/2]) / 2
}

// load reads customers.csv (header customer_id,first_order,last_order,
// orders,revenue,gross_profit; ids 1..n in order).
func load(path string) (*columns, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Buffer(make([]byte, 1<<20), 1<<20)
	c := &columns{}
	line := 0
	days := map[string]int64{}
	day := func(s string) (int64, error) {
		if v, ok := days[s]; ok {
			return v, nil
		}
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return 0, err
		}
		days[s] = t.Unix()
		return t.Unix(), nil
	}
	for sc.Scan() {
		line++
		if line == 1 {
			continue
		}
		fields := strings.Split(sc.Text(), ",")
		if len(fields) != 6 {
			return nil, fmt.Errorf("%s:%d: want 6 fields, got %d", path, line, len(fields))
		}
		if id, err := strconv.ParseInt(fields[0], 10, 64); err != nil || id != int64(line-1) {
			return nil, fmt.Errorf("%s:%d: customer ids must run 1, 2, ... in order", path, line)
		}
		var v [5]int64
		for k := range 5 {
			var err error
			if k < 2 {
				v[k], err = day(fields[k+1])
			} else {
				v[k], err = strconv.ParseInt(fields[k+1], 10, 64)
			}
			if err != nil {
				return nil, fmt.Errorf("%s:%d: %v", path, line, err)
			}
		}
		c.first = append(c.first, v[0])
		c.last = append(c.last, v[1])
		c.orders = append(c.orders, v[2])
		c.revenue = append(c.revenue, v[3])
		c.gross = append(c.gross, v[4])
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	if len(c.orders) == 0 || len(c.orders) > math.MaxInt32 {
		return nil, fmt.Errorf("%s: %d customers", path, len(c.orders))
	}
	return c, nil
}
