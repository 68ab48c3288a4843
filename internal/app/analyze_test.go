package app

import (
	"context"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/text/encoding/simplifiedchinese"

	"github.com/guanxi-crm/guanxi/internal/store"
)

// The CDNOW reference data live with the analytics package that
// reproduces them (see its testdata/cdnow/README.md).
const cdnowDir = "../analytics/testdata/cdnow"

// published is a value from testdata/cdnow/README.md, section "Published
// results a correct fit reproduces": parameters within 1e-3 relative (or
// the precision published, where fewer digits are given), log-likelihoods
// within 0.01. A value passes within either tolerance.
type published struct {
	key      string
	want     float64
	rel, abs float64
}

func checkPublished(t *testing.T, model map[string]any, values []published) {
	t.Helper()
	for _, p := range values {
		got, ok := model[p.key].(float64)
		if !ok {
			t.Errorf("%s missing from %v", p.key, model)
			continue
		}
		diff := math.Abs(got - p.want)
		if diff > p.abs && diff > p.rel*math.Abs(p.want) {
			t.Errorf("%s = %v, published %v", p.key, got, p.want)
		}
	}
}

func analyzeJSON(t *testing.T, args ...string) map[string]any {
	t.Helper()
	code, out, stderr := run(t, nil, append([]string{"analyze"}, append(args, "--json")...)...)
	if code != 0 {
		t.Fatalf("analyze %v: exit %d: %s", args, code, stderr)
	}
	var v map[string]any
	if err := json.Unmarshal([]byte(out), &v); err != nil {
		t.Fatalf("analyze %v printed no JSON: %v\n%s", args, err, out)
	}
	return v
}

func TestAnalyzeCLVSummaryReproducesCDNOW(t *testing.T) {
	// BG/NBD: Fader, Hardie & Lee (2005); Pareto/NBD as in the README.
	bgnbd := []published{
		{key: "r", want: 0.2426, rel: 1e-3}, {key: "alpha", want: 4.4136, rel: 1e-3},
		{key: "a", want: 0.7929, rel: 1e-3}, {key: "b", want: 2.4259, rel: 1e-3},
		{key: "log_likelihood", want: -9582.43, abs: 0.01},
	}
	pareto := []published{
		{key: "r", want: 0.5532, rel: 1e-3}, {key: "alpha", want: 10.5763, rel: 1e-3},
		{key: "s", want: 0.6062, rel: 1e-3}, {key: "beta", want: 11.6715, rel: 1e-3},
		{key: "log_likelihood", want: -9594.98, abs: 0.01},
	}
	// Gamma-Gamma: Fader & Hardie (2013), note 025, published to two
	// decimals: within 1e-3 relative or that precision, as the README says.
	gammaGamma := []published{
		{key: "p", want: 6.25, abs: 0.005, rel: 1e-3}, {key: "q", want: 3.74, abs: 0.005, rel: 1e-3},
		{key: "gamma", want: 15.44, abs: 0.005, rel: 1e-3}, {key: "log_likelihood", want: -4055.92, abs: 0.01},
	}

	// ID,frequency,recency,T: no spend, so gamma_gamma is null with a note.
	v := analyzeJSON(t, "clv", "--summary", filepath.Join(cdnowDir, "cdnow_customers_summary.csv"))
	checkPublished(t, v["bgnbd"].(map[string]any), bgnbd)
	checkPublished(t, v["pareto_nbd"].(map[string]any), pareto)
	if gg, ok := v["gamma_gamma"]; !ok || gg != nil || v["notes"] == nil {
		t.Errorf("gamma_gamma without spend: %v (present %v), notes %v", gg, ok, v["notes"])
	}

	// ID,x,t_x,T,zbar: all three models.
	v = analyzeJSON(t, "clv", "--summary", filepath.Join(cdnowDir, "cdnow_customers_summary_with_transactions.csv"))
	checkPublished(t, v["bgnbd"].(map[string]any), bgnbd)
	checkPublished(t, v["pareto_nbd"].(map[string]any), pareto)
	gg, ok := v["gamma_gamma"].(map[string]any)
	if !ok {
		t.Fatalf("gamma_gamma: %v", v["gamma_gamma"])
	}
	checkPublished(t, gg, gammaGamma)
	if gg["customers"] != 946.0 {
		t.Errorf("Gamma-Gamma fitted %v customers, want the 946 repeat buyers", gg["customers"])
	}
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// rfmOrders has five customers whose recency, frequency and spend are all
// distinct, so each quintile holds exactly one of them: A is best on all
// three, E worst. A's two orders on 06-30 are one purchase day.
const rfmOrders = `customer_id,order_date,amount
A,2024-06-26,100
A,2024-06-27,100
A,2024-06-28,100
A,2024-06-29,100
A,2024-06-30,50
A,2024-06-30,50.00
B,2024-06-17,100
B,2024-06-18,100
B,2024-06-19,100
B,2024-06-20,100
C,2024-05-29,100
C,2024-05-30,100
C,2024-05-31,100
D,2024-02-29,100
D,2024-03-01,100
E,2024-01-01,100
`

func TestAnalyzeRFMOnOrders(t *testing.T) {
	path := writeFile(t, "orders.csv", rfmOrders)
	v := analyzeJSON(t, "rfm", "--orders", path)
	// As of defaults to the day after the last order.
	if v["as_of"] != "2024-07-01" || v["customers"] != 5.0 || v["orders"] != 16.0 {
		t.Errorf("source: as of %v, %v customers, %v orders", v["as_of"], v["customers"], v["orders"])
	}
	type want struct {
		recency, frequency, monetary float64
		score                        float64
		segment                      string
	}
	// Segments from the default R x F grid: R5F5 champions, R4F4 loyal,
	// R3F3 need_attention, R2F2 hibernating, R1F1 lost.
	wants := map[string]want{
		"A": {1, 5, 50000, 5, "champions"},
		"B": {11, 4, 40000, 4, "loyal"},
		"C": {31, 3, 30000, 3, "need_attention"},
		"D": {122, 2, 20000, 2, "hibernating"},
		"E": {182, 1, 10000, 1, "lost"},
	}
	customers := v["per_customer"].([]any)
	if len(customers) != 5 {
		t.Fatalf("%d customers", len(customers))
	}
	for _, c := range customers {
		c := c.(map[string]any)
		w := wants[c["customer_id"].(string)]
		if c["recency_days"] != w.recency || c["frequency"] != w.frequency || c["monetary"] != w.monetary ||
			c["r"] != w.score || c["f"] != w.score || c["m"] != w.score || c["segment"] != w.segment {
			t.Errorf("customer %v, want %+v", c, w)
		}
	}
	bands := v["bands"].(map[string]any)["frequency"].([]any)
	if top := bands[4].(map[string]any); top["score"] != 5.0 || top["min"] != 5.0 || top["max"] != 5.0 || top["customers"] != 1.0 {
		t.Errorf("band of F=5: %v", top)
	}

	code, out, stderr := run(t, nil, "analyze", "rfm", "--orders", path, "--top", "2")
	if code != 0 || !strings.Contains(out, "champions") || !strings.Contains(out, "(2 of 5 customers shown") {
		t.Errorf("text report: %d %s %s", code, out, stderr)
	}
}

func TestAnalyzeReadsGBK(t *testing.T) {
	gbk, err := simplifiedchinese.GBK.NewEncoder().String("客户编号,order_date,amount,customer_id\n备注,2024-01-01,10,张三\n备注,2024-02-01,20,李四\n")
	if err != nil {
		t.Fatal(err)
	}
	v := analyzeJSON(t, "value", "--orders", writeFile(t, "gbk.csv", gbk))
	first := v["per_customer"].([]any)[0].(map[string]any)
	if v["encoding"] != "GB18030" || first["customer_id"] != "张三" || v["basis"] != "amount" {
		t.Errorf("encoding %v, first customer %v, basis %v", v["encoding"], first, v["basis"])
	}
	if cols := v["ignored_columns"].([]any); len(cols) != 1 || cols[0] != "客户编号" {
		t.Errorf("ignored columns %v", cols)
	}
}

func TestAnalyzeBadCSVReportsRowsAndPrintsNothing(t *testing.T) {
	path := writeFile(t, "bad.csv", "customer_id,order_date,amount\n"+
		"A,2024-01-05,12.50\n"+
		"B,2024-13-01,3\n"+
		"C,2024-01-07,-5\n"+
		"D,2024-01-08,12.345\n"+
		"E,2024-01-09")
	code, out, stderr := run(t, nil, "analyze", "rfm", "--orders", path, "--json")
	if code != 1 || out != "" {
		t.Errorf("exit %d, printed %q", code, out)
	}
	for _, want := range []string{
		"bad.csv has 4 problems:",
		`line 3, order_date: "2024-13-01" is not a date`,
		`line 4, amount: "-5" is negative`,
		`line 5, amount: "12.345" has more than 2 decimals`,
		"line 6: 2 fields, the header has 3: the last line is cut short",
		"Nothing was analysed",
	} {
		if !strings.Contains(stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, stderr)
		}
	}
}

func TestAnalyzeCommandErrors(t *testing.T) {
	orders := writeFile(t, "orders.csv", rfmOrders)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no analysis", []string{"analyze"}, 1, "analyze needs an analysis"},
		{"unknown analysis", []string{"analyze", "churn"}, 1, `unknown analysis "churn"`},
		{"database without orders", []string{"analyze", "rfm", "--db", filepath.Join(t.TempDir(), "x.db")}, 1, "no workspace"},
		{"both sources", []string{"analyze", "rfm", "--orders", orders, "--db", "x.db"}, 1, "not both"},
		{"bad unit", []string{"analyze", "clv", "--orders", orders, "--unit", "month"}, 1, "--unit is week or day"},
		{"bad period", []string{"analyze", "markov", "--orders", orders, "--period", "week"}, 1, "--period is month, quarter or year"},
		{"bad as-of", []string{"analyze", "rfm", "--orders", orders, "--as-of", "1.1.2024"}, 1, "--as-of"},
		{"nothing before as-of", []string{"analyze", "rfm", "--orders", orders, "--as-of", "2023-01-01"}, 1, "no orders before"},
		{"cross-sell without products", []string{"analyze", "crosssell", "--orders", orders}, 1, "product_id"},
		{"help", []string{"analyze", "clv", "-h"}, 2, "-summary"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, stderr := run(t, nil, tt.args...)
			if code != tt.code || !strings.Contains(stderr, tt.want) || out != "" {
				t.Errorf("exit %d, stdout %q, stderr %q; want exit %d and %q", code, out, stderr, tt.code, tt.want)
			}
		})
	}
}

// TestAnalyzeCLVDegenerate: with nobody buying twice BG/NBD has no
// maximum; the command says why and prints no numbers.
func TestAnalyzeCLVDegenerate(t *testing.T) {
	path := writeFile(t, "once.csv", "customer_id,order_date,amount\nA,2024-01-01,10\nB,2024-02-01,20\n")
	code, out, stderr := run(t, nil, "analyze", "clv", "--orders", path, "--json")
	if code != 1 || out != "" || !strings.Contains(stderr, "degenerate data: no customer made a repeat purchase") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

// TestAnalyzeEveryAnalysisOnCDNOW runs each analysis on the CDNOW sample
// as an order CSV and checks the reports are complete and finite (the
// JSON decoder would reject NaN; WriteJSON refuses to print it).
func TestAnalyzeEveryAnalysisOnCDNOW(t *testing.T) {
	path := writeFile(t, "cdnow.csv", cdnowOrders(t))
	for _, args := range [][]string{
		{"rfm"}, {"value"}, {"lifecycle"}, {"markov", "--period", "month"},
		{"clv", "--as-of", "1997-10-01"}, {"clv", "--as-of", "1997-10-01", "--unit", "day", "--horizon", "30"},
	} {
		v := analyzeJSON(t, append([]string{args[0], "--orders", path}, args[1:]...)...)
		if v["customers"] != 2357.0 {
			t.Errorf("%v: %v customers", args, v["customers"])
		}
		if per, ok := v["per_customer"].([]any); !ok || len(per) != 2357 {
			t.Errorf("%v: per_customer has %d rows", args, len(per))
		}
	}
	v := analyzeJSON(t, "clv", "--orders", path, "--as-of", "1997-10-01")
	if gg := v["gamma_gamma"].(map[string]any); gg["customers"] != 946.0 {
		t.Errorf("Gamma-Gamma on the orders fitted %v customers, want the 946 repeat buyers", gg["customers"])
	}
}

// cdnowOrders turns CDNOW_sample.txt (master id, sample id, YYYYMMDD, CDs,
// dollars) into an order CSV.
func cdnowOrders(t *testing.T) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(cdnowDir, "CDNOW_sample.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var out strings.Builder
	out.WriteString("customer_id,order_date,amount\n")
	for _, line := range strings.Split(string(b), "\n") {
		if f := strings.Fields(line); len(f) == 5 {
			out.WriteString(f[1] + "," + f[2] + "," + f[4] + "\n")
		}
	}
	return out.String()
}

// TestAnalyzeOnTheDatabase runs the analyses on a demo database: every
// customer with counted orders is scored, products are named by code.
func TestAnalyzeOnTheDatabase(t *testing.T) {
	dbPath := filepath.Join(t.TempDir(), "demo.db")
	if code, _, stderr := run(t, nil, "demo", "--db", dbPath, "--accounts", "40"); code != 0 {
		t.Fatalf("demo: exit %d: %s", code, stderr)
	}
	db, err := store.Open(context.Background(), dbPath)
	if err != nil {
		t.Fatal(err)
	}
	var buyers int
	err = db.Read().QueryRowContext(context.Background(), "SELECT COUNT(*) FROM customer_stats WHERE order_count > 0").Scan(&buyers)
	db.Close()
	if err != nil || buyers == 0 {
		t.Fatalf("buyers %d, %v", buyers, err)
	}
	code, out, stderr := run(t, nil, "analyze", "rfm", "--db", dbPath, "--json")
	if code != 0 {
		t.Fatalf("analyze rfm --db: exit %d: %s", code, stderr)
	}
	var rfm struct {
		Customers int `json:"customers"`
	}
	if err := json.Unmarshal([]byte(out), &rfm); err != nil || rfm.Customers != buyers {
		t.Errorf("rfm scored %d customers (%v), want the %d with orders", rfm.Customers, err, buyers)
	}
	code, out, stderr = run(t, nil, "analyze", "crosssell", "--db", dbPath)
	if code != 0 || !strings.Contains(out, "EQ-") {
		t.Errorf("crosssell --db: exit %d, products not named by code:\n%s%s", code, out, stderr)
	}
}
