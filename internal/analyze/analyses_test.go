package analyze

import (
	"bufio"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func history(t *testing.T, csv string, asOf string) *History {
	t.Helper()
	var day time.Time
	if asOf != "" {
		day = date(asOf)
	}
	h, err := NewHistory(readOrders(t, csv), day)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func TestValueTiersByGrossProfit(t *testing.T) {
	h := history(t, "customer_id,order_date,amount,gross_profit\n"+
		"P1,2024-01-01,3000,600\n"+
		"P2,2024-01-01,1000,200\n"+
		"P2,2024-02-01,1000,100\n"+
		"P3,2024-01-01,500,100\n"+
		"P4,2024-01-01,100,-50\n", "")
	rep, err := Value(h)
	if err != nil {
		t.Fatal(err)
	}
	// Positive profit 1000 (minor units x100). Share before: P1 0, P2 0.6,
	// P3 0.9; cuts 0.5/0.8/0.95/1. P4 loses money.
	want := map[string]string{"P1": "important", "P2": "fairly_important", "P3": "minor", "P4": "to_drop"}
	for _, c := range rep.PerCustomer {
		if c.Tier != want[c.CustomerID] {
			t.Errorf("%s (profit %d, share before %v): %s, want %s", c.CustomerID, c.Profit, c.ShareBefore, c.Tier, want[c.CustomerID])
		}
	}
	if p2 := rep.PerCustomer[1]; p2.Revenue != 200000 || p2.Profit != 30000 || p2.Rank != 2 {
		t.Errorf("P2 explained as %+v", p2)
	}
	// Top 20% of 4 customers is 1: 600 of a net 950.
	if rep.Basis != "gross_profit" || rep.Top20.Customers != 1 || rep.Top20.Share == nil || math.Abs(*rep.Top20.Share-600.0/950) > 1e-12 {
		t.Errorf("basis %s, top 20%% %+v", rep.Basis, rep.Top20)
	}
}

func TestCrossSellRulesAndNextBest(t *testing.T) {
	h := history(t, "customer_id,order_date,amount,product_id\n"+
		"c1,2024-01-01,1,tea\nc1,2024-01-02,1,cup\n"+
		"c2,2024-01-01,1,tea\nc2,2024-01-01,1,cup\n"+
		"c3,2024-01-01,1,tea\n"+
		"c4,2024-01-01,1,coffee\n", "")
	rep, err := CrossSell(h, 2)
	if err != nil {
		t.Fatal(err)
	}
	// tea: 3 customers, cup: 2, both: 2, of 4. cup -> tea: confidence 1,
	// lift 1/(3/4); tea -> cup: confidence 2/3, lift (2/3)/(2/4).
	if len(rep.Rules) != 2 {
		t.Fatalf("rules %+v", rep.Rules)
	}
	for _, r := range rep.Rules {
		if r.Count != 2 || math.Abs(r.Lift-4.0/3) > 1e-12 || math.Abs(r.Support-0.5) > 1e-12 {
			t.Errorf("rule %+v", r)
		}
	}
	if len(rep.NextBest) != 1 || rep.NextBest[0] != (NextBest{CustomerID: "c3", ProductID: "cup", Because: "tea", Lift: rep.Rules[0].Lift, Confidence: 2.0 / 3}) {
		t.Errorf("next best %+v", rep.NextBest)
	}
	noProducts := history(t, "customer_id,order_date,amount\nc1,2024-01-01,1\n", "")
	if _, err := CrossSell(noProducts, 2); err == nil {
		t.Error("cross-sell without products")
	}
}

func TestLifecycleSpendWindows(t *testing.T) {
	h := history(t, "customer_id,order_date,amount\n"+
		"A,2023-06-01,50\nA,2023-12-01,100\nA,2024-06-01,300\n"+
		"B,2024-06-20,10\n", "2024-07-01")
	rep, err := Lifecycle(h, 180)
	if err != nil {
		t.Fatal(err)
	}
	// As of 2024-07-01 the recent window starts 2024-01-03 and the earlier
	// one 2023-07-06: A's 300 is recent, its 100 earlier, its 50 neither.
	a := rep.PerCustomer[0]
	if a.RecentSpend != 30000 || a.EarlierSpend != 10000 || a.Orders != 3 || math.Abs(a.Trend-3) > 1e-12 || a.SilenceDays != 30 {
		t.Errorf("A: %+v", a)
	}
	// With one repeat buyer BG/NBD may or may not fit; either way the
	// report says which P(alive) it used.
	if (rep.PAlive == "none") != (a.PAlive == nil) || (rep.PAlive == "none" && rep.PAliveNote == "") {
		t.Errorf("P(alive) %q (%s) but customer has %v", rep.PAlive, rep.PAliveNote, a.PAlive)
	}
	if b := rep.PerCustomer[1]; b.Stage != "acquisition" || b.Reason != "single_order" {
		t.Errorf("B, one order 11 days ago: %+v", b)
	}
}

func TestMarkovCountsEveryMove(t *testing.T) {
	var csv strings.Builder
	csv.WriteString("customer_id,order_date,amount\n")
	// Ten customers, the i-th buying every i-th month of 2023 from
	// January; one more arriving in mid-May.
	for i := 1; i <= 10; i++ {
		for m := 1; m <= 12; m += i {
			fmt.Fprintf(&csv, "c%d,2023-%02d-10,%d\n", i, m, 10*i)
		}
	}
	csv.WriteString("late,2023-05-15,5\n")
	h := history(t, csv.String(), "2024-01-01")
	rep, err := Markov(h, MarkovOptions{Period: "quarter", Forecast: 2})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rep.Snapshots, " ") != "2023-04-01 2023-07-01 2023-10-01 2024-01-01" {
		t.Errorf("snapshots %v", rep.Snapshots)
	}
	// Three moves for the ten January customers, two for the May one.
	moves := 0
	for _, row := range rep.Counts {
		for _, c := range row {
			moves += c
		}
	}
	if moves != 3*10+2 || rep.NewCustomers != 1 {
		t.Errorf("%d moves, %d new customers; want 32 and 1", moves, rep.NewCustomers)
	}
	for k, mix := range rep.Forecast.Mix {
		var sum float64
		for _, v := range mix {
			sum += v
		}
		if math.Abs(sum-11) > 1e-9 {
			t.Errorf("forecast period %d holds %v customers, want 11", k, sum)
		}
	}
	if late := rep.PerCustomer[10]; late.Segments[0] != "" || late.Segments[1] == "" || late.Segment == "" {
		t.Errorf("late customer's segments %+v", late)
	}
	if _, err := Markov(h, MarkovOptions{Period: "year", Forecast: 2}); err == nil {
		t.Error("one year start is not enough for a move, yet no error")
	}
}

const cdnowDir = "../analytics/testdata/cdnow"

// TestBTYDColumnsMatchTheCDNOWSummary builds (x, t_x, T) and mean spend
// from the CDNOW sample's transactions and compares them with the
// published summary (cdnow_customers_summary_with_transactions.csv, two
// decimals): same-day purchases merged, the first purchase left out of
// the spend, times in weeks. The papers end observation on 1997-09-30 and
// count its purchases; here the as-of date 1997-10-01 is the first day
// left out, so T is one day (1/7 week) longer.
func TestBTYDColumnsMatchTheCDNOWSummary(t *testing.T) {
	h := history(t, cdnowSampleCSV(t), "1997-10-01")
	x, tx, T, spend := btydColumns(h, 7)
	byID := map[string]int{}
	for i, c := range h.Customers {
		byID[c.ID] = i
	}
	f, err := os.Open(filepath.Join(cdnowDir, "cdnow_customers_summary_with_transactions.csv"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	n := 0
	for sc.Scan() {
		r := strings.Split(sc.Text(), ",")
		i, ok := byID[r[0]]
		if !ok {
			t.Fatalf("customer %s missing", r[0])
		}
		px, _ := strconv.Atoi(r[1])
		ptx, _ := strconv.ParseFloat(r[2], 64)
		pT, _ := strconv.ParseFloat(r[3], 64)
		pz, _ := strconv.ParseFloat(r[4], 64)
		if x[i] != px || math.Abs(tx[i]-ptx) > 0.0051 || math.Abs(T[i]-1.0/7-pT) > 0.0051 || math.Abs(spend[i]/100-pz) > 0.0051 {
			t.Errorf("customer %s: x %d t_x %.4f T %.4f zbar %.4f; published %s", r[0], x[i], tx[i], T[i], spend[i]/100, sc.Text())
		}
		n++
	}
	if n != 2357 || len(h.Customers) != 2357 {
		t.Errorf("%d published customers, %d built", n, len(h.Customers))
	}
}

// cdnowSampleCSV turns CDNOW_sample.txt (master id, sample id, YYYYMMDD,
// CDs, dollars) into an order CSV keyed by the sample id.
func cdnowSampleCSV(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(cdnowDir, "CDNOW_sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	out.WriteString("customer_id,order_date,amount\n")
	for _, line := range strings.Split(string(b), "\n") {
		f := strings.Fields(line)
		if len(f) == 5 {
			id, _ := strconv.Atoi(f[1])
			fmt.Fprintf(&out, "%d,%s,%s\n", id, f[2], f[4])
		}
	}
	return out.String()
}
