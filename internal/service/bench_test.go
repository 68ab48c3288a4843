package service_test

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/demo"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Benchmarks of the read paths the UI uses most, through the service
// (scopes, redaction) on a demo database. GUANXI_BENCH_DB names an
// existing demo database (SQLite path or postgres:// URL), e.g. one made
// with `guanxi demo --accounts 1000000`; without it a 5,000-account demo is
// generated in a temporary SQLite file. Each benchmark reports p95 and p99
// latency besides the mean.

func benchEnv(b *testing.B) (context.Context, *service.Service, []string) {
	b.Helper()
	ctx := context.Background()
	dsn := os.Getenv("GUANXI_BENCH_DB")
	fresh := dsn == ""
	if fresh {
		dsn = filepath.Join(b.TempDir(), "bench.db")
	}
	db, err := store.Open(ctx, dsn)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { db.Close() })
	svc := service.New(db)
	if fresh {
		if _, err := demo.Generate(ctx, db, svc, demo.Options{Accounts: 5000, Seed: 1}); err != nil {
			b.Fatal(err)
		}
	}
	a, err := svc.UserActor(ctx, "admin@example.com")
	if err != nil {
		b.Fatal(err)
	}
	actx := crm.NewContext(ctx, a)
	page, err := svc.ListAccounts(actx, crm.AccountFilter{Sort: "-updated_at", Limit: 200})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(page.Items))
	for i, acc := range page.Items {
		ids[i] = acc.ID
	}
	return actx, svc, ids
}

// timed runs op b.N times and reports latency percentiles.
func timed(b *testing.B, op func(i int) error) {
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if err := op(i); err != nil {
			b.Fatal(err)
		}
		lat = append(lat, time.Since(t0))
	}
	b.StopTimer()
	slices.Sort(lat)
	pct := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.95), "p95-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
}

func BenchmarkListAccountsFilteredSorted(b *testing.B) {
	ctx, svc, _ := benchEnv(b)
	filters := []crm.AccountFilter{
		{Industry: "manufacturing", Sort: "name"},
		{Industry: "information_technology", Sort: "-updated_at"},
		{Region: "广东省", Sort: "-hotness"},
		{Source: "exhibition", Sort: "name"},
		{Size: "large", Sort: "-created_at"},
	}
	timed(b, func(i int) error {
		f := filters[i%len(filters)]
		f.Limit = 50
		_, err := svc.ListAccounts(ctx, f)
		return err
	})
}

func BenchmarkSearchChineseSubstring(b *testing.B) {
	ctx, svc, _ := benchEnv(b)
	qs := []string{"华创", "精密机械", "深圳恒泰", "供应链", "生物医药"}
	timed(b, func(i int) error {
		_, err := svc.ListAccounts(ctx, crm.AccountFilter{Q: qs[i%len(qs)], Limit: 50})
		return err
	})
}

func BenchmarkSearchPinyinInitials(b *testing.B) {
	ctx, svc, _ := benchEnv(b)
	qs := []string{"zs", "wf", "lm", "chy", "zw"}
	timed(b, func(i int) error {
		_, err := svc.ListContacts(ctx, crm.ContactFilter{Q: qs[i%len(qs)], Limit: 50})
		return err
	})
}

func BenchmarkGetAccount(b *testing.B) {
	ctx, svc, ids := benchEnv(b)
	timed(b, func(i int) error {
		_, err := svc.GetAccount(ctx, ids[i%len(ids)])
		return err
	})
}

// BenchmarkNewOrderToValueCard: a customer orders and its value card is
// read back, rescored with the last run's model in the order's own
// transaction (target: the effect visible within 10 ms).
func BenchmarkNewOrderToValueCard(b *testing.B) {
	ctx, svc, ids := benchEnv(b)
	a := crm.ActorFrom(ctx)
	if _, err := svc.RefreshScores(ctx, a.WorkspaceID, time.Now()); err != nil {
		b.Fatal(err)
	}
	products, err := svc.ListProducts(ctx, crm.ProductFilter{Limit: 1})
	if err != nil {
		b.Fatal(err)
	}
	today := crm.Date(time.Now().UTC().Format(time.DateOnly))
	run := time.Now().UnixNano()
	timed(b, func(i int) error {
		id := ids[i%len(ids)]
		_, err := svc.CreateOrder(ctx, crm.OrderInput{AccountID: id, Number: fmt.Sprintf("B-%d-%d", run, i), OrderDate: today,
			Lines: []crm.OrderLineInput{{ProductID: products.Items[0].ID, Quantity: 1}}})
		if err != nil {
			return err
		}
		card, err := svc.AccountValue(ctx, id)
		if err == nil && (!card.Scored || card.Score.RecencyDays != 1) {
			err = fmt.Errorf("the card of %s does not show today's order: %+v", id, card.Score)
		}
		return err
	})
}

// BenchmarkScoringRun: a full scoring run of the demo workspace (read the
// order history, score, write every customer's scores).
func BenchmarkScoringRun(b *testing.B) {
	ctx, svc, _ := benchEnv(b)
	a := crm.ActorFrom(ctx)
	var customers int
	timed(b, func(int) error {
		info, err := svc.RefreshScores(ctx, a.WorkspaceID, time.Now())
		if err == nil {
			customers = info.Customers
		}
		return err
	})
	b.ReportMetric(float64(customers), "customers")
}
