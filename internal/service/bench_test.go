package service_test

import (
	"context"
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
