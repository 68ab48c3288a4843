package analytics

import (
	"bufio"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The CDNOW and donations files in testdata/cdnow are the reference data of
// the BTYD papers; see testdata/cdnow/README.md for their origin and the
// published values the tests below reproduce.

const cdnowDir = "testdata/cdnow"

// cdnowCustomer is one row of cdnow_customers_summary_with_transactions.csv.
type cdnowCustomer struct {
	ID   int
	X    int
	Tx   float64
	T    float64
	Zbar float64
}

// readCSV returns the records of a CSV file without its header.
func readCSV(t testing.TB, name string) [][]string {
	t.Helper()
	f, err := os.Open(filepath.Join(cdnowDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	recs, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return recs[1:]
}

func atoi(t testing.TB, s string) int {
	t.Helper()
	v, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		t.Fatal(err)
	}
	return v
}

func atof(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// loadCDNOWSummary reads cdnow_customers_summary.csv (ID,frequency,recency,T).
func loadCDNOWSummary(t testing.TB) (ids []int, d CustomerSummary) {
	for _, r := range readCSV(t, "cdnow_customers_summary.csv") {
		ids = append(ids, atoi(t, r[0]))
		d.X = append(d.X, atoi(t, r[1]))
		d.Tx = append(d.Tx, atof(t, r[2]))
		d.T = append(d.T, atof(t, r[3]))
	}
	return ids, d
}

// loadCDNOWWithSpend reads cdnow_customers_summary_with_transactions.csv.
func loadCDNOWWithSpend(t testing.TB) []cdnowCustomer {
	var out []cdnowCustomer
	for _, r := range readCSV(t, "cdnow_customers_summary_with_transactions.csv") {
		out = append(out, cdnowCustomer{ID: atoi(t, r[0]), X: atoi(t, r[1]), Tx: atof(t, r[2]), T: atof(t, r[3]), Zbar: atof(t, r[4])})
	}
	return out
}

// loadDonations reads the compressed BG/BB donations data.
func loadDonations(t testing.TB) BGBBSummary {
	var d BGBBSummary
	for _, r := range readCSV(t, "donations.csv") {
		d.Frequency = append(d.Frequency, atoi(t, r[0]))
		d.Recency = append(d.Recency, atoi(t, r[1]))
		d.Periods = append(d.Periods, atoi(t, r[2]))
		d.Weight = append(d.Weight, atof(t, r[3]))
	}
	return d
}

// cdnowTxn is one line of CDNOW_master.txt or CDNOW_sample.txt.
type cdnowTxn struct {
	Master   string
	SampleID int // 0 in the master file
	Day      time.Time
	CDs      int
	Dollars  float64
}

// readTransactions parses the whitespace-separated CDNOW transaction files.
// The sample file has an extra column (the sample id) and no header.
func readTransactions(t testing.TB, name string, sample bool) []cdnowTxn {
	t.Helper()
	f, err := os.Open(filepath.Join(cdnowDir, name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []cdnowTxn
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		fields := strings.Fields(sc.Text())
		if len(fields) == 0 || fields[0] == "customer_id" {
			continue
		}
		var tx cdnowTxn
		tx.Master = fields[0]
		if sample {
			tx.SampleID = atoi(t, fields[1])
			fields = fields[1:]
		}
		day, err := time.Parse("20060102", fields[1])
		if err != nil {
			t.Fatal(err)
		}
		tx.Day, tx.CDs, tx.Dollars = day, atoi(t, fields[2]), atof(t, fields[3])
		out = append(out, tx)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// calibrationEnd is the last day of CDNOW's 39-week calibration period.
var calibrationEnd = time.Date(1997, 9, 30, 0, 0, 0, 0, time.UTC)

// summariseCalibration builds (x, t_x, T) in weeks and the mean value of the
// repeat purchases from one customer's transactions, as the BTYD papers do:
// transactions on the same day count as one purchase (their values summed),
// only the calibration period counts, and T runs to the end of it.
func summariseCalibration(txns []cdnowTxn) (x int, tx, T, zbar float64) {
	byDay := map[time.Time]float64{}
	var days []time.Time
	for _, t := range txns {
		if t.Day.After(calibrationEnd) {
			continue
		}
		if _, ok := byDay[t.Day]; !ok {
			days = append(days, t.Day)
		}
		byDay[t.Day] += t.Dollars
	}
	first, last := days[0], days[0]
	for _, d := range days {
		if d.Before(first) {
			first = d
		}
		if d.After(last) {
			last = d
		}
	}
	x = len(days) - 1
	week := 7 * 24 * time.Hour
	tx = float64(last.Sub(first)) / float64(week)
	T = float64(calibrationEnd.Sub(first)) / float64(week)
	if x > 0 {
		var sum float64
		for _, d := range days {
			if d != first {
				sum += byDay[d]
			}
		}
		zbar = sum / float64(x)
	}
	return x, tx, T, zbar
}

func round2(v float64) float64 { return math.Round(v*100) / 100 }
