package jobs_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/guanxi-crm/guanxi/internal/jobs"
	"github.com/guanxi-crm/guanxi/internal/store"
	"github.com/guanxi-crm/guanxi/internal/store/storetest"
)

func TestEnqueueIsIdempotentByKey(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for i, want := range []bool{true, false} {
			added, err := jobs.Enqueue(ctx, db, "k", "", "k:1", store.Now())
			if err != nil || added != want {
				t.Fatalf("enqueue %d: added %v, %v", i, added, err)
			}
		}
	})
}

func TestAJobOfACrashedWorkerRunsAgainAfterItsLease(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := jobs.Enqueue(ctx, db, "work", "", "work:1", store.Now()); err != nil {
			t.Fatal(err)
		}
		runs := 0
		handlers := map[string]jobs.Handler{"work": func(ctx context.Context, j *store.Job) error { runs++; return nil }}
		// The first worker leases the job and dies without finishing it.
		var leased *store.Job
		err := db.WithTx(ctx, func(tx *store.Tx) (err error) {
			leased, err = tx.LeaseJob(ctx, "dead", 200*time.Millisecond)
			return err
		})
		if err != nil || leased == nil {
			t.Fatalf("lease: %v, %v", leased, err)
		}
		w := &jobs.Worker{DB: db, ID: "alive", Handlers: handlers, Lease: time.Second}
		if ran, err := w.RunOnce(ctx); ran || err != nil {
			t.Fatalf("a leased job ran before its lease expired (%v, %v)", ran, err)
		}
		time.Sleep(300 * time.Millisecond)
		if ran, err := w.RunOnce(ctx); !ran || err != nil {
			t.Fatalf("expired lease not taken over: %v, %v", ran, err)
		}
		j, err := db.Read().JobByKey(ctx, "work:1")
		if err != nil || j.State != store.JobDone || j.Attempts != 2 || runs != 1 {
			t.Fatalf("job = %+v, runs %d, %v", j, runs, err)
		}
		if ran, _ := w.RunOnce(ctx); ran {
			t.Fatal("a done job ran again")
		}
	})
}

func TestAFailingJobIsRetriedThenFailed(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		if _, err := jobs.Enqueue(ctx, db, "bad", "", "bad:1", store.Now()); err != nil {
			t.Fatal(err)
		}
		w := &jobs.Worker{DB: db, ID: "w", MaxAttempts: 1,
			Handlers: map[string]jobs.Handler{"bad": func(context.Context, *store.Job) error { return errors.New("boom") }}}
		if ran, err := w.RunOnce(ctx); !ran || err != nil {
			t.Fatalf("ran %v, %v", ran, err)
		}
		j, _ := db.Read().JobByKey(ctx, "bad:1")
		if j.State != store.JobFailed || j.LastError != "boom" {
			t.Fatalf("job = %+v", j)
		}
	})
}

// TestPruneRemovesOnlyFinishedJobsOlderThanTheCutoff: done and failed jobs
// go once they are older than the cutoff; pending ones stay however old.
func TestPruneRemovesOnlyFinishedJobsOlderThanTheCutoff(t *testing.T) {
	storetest.Each(t, func(t *testing.T, db *store.DB) {
		ctx := context.Background()
		for _, k := range []string{"ok:1", "bad:1", "later:1"} {
			if _, err := jobs.Enqueue(ctx, db, k[:len(k)-2], "", k, store.Now()); err != nil {
				t.Fatal(err)
			}
		}
		handlers := map[string]jobs.Handler{
			"ok":    func(context.Context, *store.Job) error { return nil },
			"bad":   func(context.Context, *store.Job) error { return errors.New("always") },
			"later": func(context.Context, *store.Job) error { return nil },
		}
		w := &jobs.Worker{DB: db, ID: "w", Handlers: handlers, MaxAttempts: 1}
		// Run ok and bad; make later not due so it stays pending.
		if err := db.WithTx(ctx, func(tx *store.Tx) error {
			_, err := tx.ExecContext(ctx, "UPDATE jobs SET run_after = ? WHERE dedupe_key = ?", store.Now().Add(time.Hour), "later:1")
			return err
		}); err != nil {
			t.Fatal(err)
		}
		for i := 0; i < 2; i++ {
			if ran, err := w.RunOnce(ctx); !ran || err != nil {
				t.Fatalf("run %d: %v, %v", i, ran, err)
			}
		}
		if n, err := jobs.Prune(ctx, db, store.Now().Add(-time.Hour)); n != 0 || err != nil {
			t.Fatalf("prune with a cutoff before they finished removed %d (%v)", n, err)
		}
		if n, err := jobs.Prune(ctx, db, store.Now().Add(time.Hour)); n != 2 || err != nil {
			t.Fatalf("prune removed %d, want the done and the failed job (%v)", n, err)
		}
		for key, want := range map[string]bool{"ok:1": false, "bad:1": false, "later:1": true} {
			j, err := db.Read().JobByKey(ctx, key)
			if err != nil || (j != nil) != want {
				t.Errorf("%s after prune: %+v, %v", key, j, err)
			}
		}
	})
}
