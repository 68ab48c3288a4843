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
