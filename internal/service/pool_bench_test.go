package service_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/service/servicetest"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

// BenchmarkPoolReclaim times one reclaim run over a workspace where one
// account in ten is past pool_days, while a reader fetches accounts by id
// as the API does (500 a second), and reports the reclaim's seconds and the reads' p50
// and p99. GUANXI_BENCH_LARGE=1 loads 1,000,000 accounts (once per
// dialect; takes minutes), otherwise 20,000. PostgreSQL runs when
// GUANXI_TEST_POSTGRES is set. Run with -benchtime=1x.
func BenchmarkPoolReclaim(b *testing.B) {
	n := 20_000
	if os.Getenv("GUANXI_BENCH_LARGE") == "1" {
		n = 1_000_000
	}
	b.Run("sqlite", func(b *testing.B) {
		db, err := store.Open(context.Background(), filepath.Join(b.TempDir(), "pool.db"))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		benchReclaim(b, db, n)
	})
	b.Run("postgres", func(b *testing.B) {
		db, err := store.Open(context.Background(), storetest.PostgresDSN(b))
		if err != nil {
			b.Fatal(err)
		}
		defer db.Close()
		benchReclaim(b, db, n)
	})
}

func benchReclaim(b *testing.B, db *store.DB, n int) {
	ctx := context.Background()
	svc := service.New(db)
	ws := servicetest.Must(svc.CreateWorkspace(ctx, "Bench", "bench"))(b)
	sys := crm.NewContext(ctx, crm.SystemActor(ws.ID, ""))
	owner := servicetest.Must(svc.CreateUser(sys, crm.UserCreate{Email: "rep@bench.example", Name: "rep", Password: servicetest.Password, Role: crm.RoleSales}))(b)
	ids := loadPoolAccounts(b, db, ws.ID, owner.ID, n)
	admin := servicetest.Must(svc.CreateUser(sys, crm.UserCreate{Email: "admin@bench.example", Name: "admin", Password: servicetest.Password, Role: crm.RoleAdmin}))(b)
	actx := crm.NewContext(ctx, servicetest.Must(svc.UserActor(ctx, admin.Email))(b))

	var reclaimed int
	var reads []time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		if i > 0 {
			reown(b, db, ws.ID, owner.ID)
		}
		stop := make(chan struct{})
		var wg sync.WaitGroup
		wg.Add(1)
		go func() {
			defer wg.Done()
			rng := rand.New(rand.NewPCG(1, uint64(i)))
			// 500 reads a second: busy API traffic, without the reader
			// spinning on one of the two cores the reclaim needs.
			tick := time.NewTicker(2 * time.Millisecond)
			defer tick.Stop()
			for {
				select {
				case <-stop:
					return
				case <-tick.C:
				}
				t0 := time.Now()
				if _, err := svc.GetAccount(actx, ids[rng.IntN(len(ids))]); err != nil {
					b.Error(err)
					return
				}
				reads = append(reads, time.Since(t0))
			}
		}()
		b.StartTimer()
		res, err := svc.ReclaimPool(ctx, ws.ID, service.ReclaimOptions{})
		b.StopTimer()
		close(stop)
		wg.Wait()
		if err != nil {
			b.Fatal(err)
		}
		reclaimed = res.Reclaimed
	}
	if reclaimed != n/10 {
		b.Fatalf("reclaimed %d, want %d", reclaimed, n/10)
	}
	slices.Sort(reads)
	pct := func(p float64) float64 {
		if len(reads) == 0 {
			return 0
		}
		return float64(reads[min(len(reads)-1, int(p*float64(len(reads))))].Microseconds()) / 1000
	}
	b.ReportMetric(float64(b.Elapsed().Milliseconds())/1000/float64(b.N), "s/reclaim")
	b.ReportMetric(float64(reclaimed), "accounts")
	b.ReportMetric(pct(0.5), "read-p50-ms")
	b.ReportMetric(pct(0.99), "read-p99-ms")
	b.ReportMetric(float64(len(reads))/float64(b.N), "reads/run")
}

// loadPoolAccounts bulk-loads n accounts owned by owner, every tenth last
// followed up 40 days ago and the rest yesterday, and returns a sample of
// their ids for the reader.
func loadPoolAccounts(b *testing.B, db *store.DB, ws, owner string, n int) []string {
	b.Helper()
	ctx := context.Background()
	now := store.Now()
	old, recent := now.Add(-40*24*time.Hour), now.Add(-24*time.Hour)
	var sample []string
	const chunk = 20_000
	err := db.WithoutIndexes(ctx, func() error {
		for start := 0; start < n; start += chunk {
			rows := make([]store.AccountRow, 0, chunk)
			for i := start; i < min(n, start+chunk); i++ {
				follow := recent
				if i%10 == 0 {
					follow = old
				}
				a := &crm.Account{ID: store.NewID(), AccountFields: crm.AccountFields{Kind: crm.AccountIndividual,
					Name: fmt.Sprintf("Customer %07d", i), OwnerID: owner}, LastFollowUpAt: &follow,
					Meta: crm.Meta{Version: 1, CreatedAt: old.Add(-time.Hour), UpdatedAt: old.Add(-time.Hour)}}
				if i%997 == 0 {
					sample = append(sample, a.ID)
				}
				rows = append(rows, store.NewAccountRow(a))
			}
			if err := db.WithBulkTx(ctx, func(tx *store.Tx) error { return tx.InsertAccounts(ctx, ws, rows) }); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	return sample
}

// reown gives the reclaimed accounts back to their owner, with the old
// follow-up, so that the next iteration reclaims them again.
func reown(b *testing.B, db *store.DB, ws, owner string) {
	b.Helper()
	err := db.WithTx(context.Background(), func(tx *store.Tx) error {
		_, err := tx.ExecContext(context.Background(), `UPDATE accounts SET owner_id = pooled_from, pooled_from = NULL, pooled_at = NULL
			WHERE workspace_id = ? AND pooled_at IS NOT NULL`, ws)
		return err
	})
	if err != nil {
		b.Fatal(err)
	}
}
