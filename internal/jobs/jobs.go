// Package jobs runs durable background work kept in the jobs table, so
// that it survives restarts: a server enqueues jobs (idempotently, by a
// dedupe key), and workers lease them one at a time, run them, and mark
// them done. A worker that dies mid-run stops renewing its lease; once
// the lease expires another worker runs the job again, so every handler
// must be safe to repeat. On PostgreSQL several servers share the table.
package jobs

import (
	"context"
	"fmt"
	"log/slog"
	"time"

	"github.com/guanxi-crm/guanxi/internal/store"
)

// Handler runs one job. Its context is cancelled when the worker loses
// the job's lease or shuts down; an error schedules a retry.
type Handler func(ctx context.Context, job *store.Job) error

// Worker leases and runs due jobs.
type Worker struct {
	DB *store.DB
	// ID names this worker in leases (host and process, say).
	ID string
	// Handlers run jobs by kind; a job of another kind fails for good.
	Handlers map[string]Handler
	// Lease is how long a job stays with this worker without a heartbeat;
	// heartbeats renew it every Lease/3.
	Lease time.Duration
	// Poll is how long to wait when nothing is due.
	Poll time.Duration
	// MaxAttempts bounds the runs of a failing job before it is failed.
	MaxAttempts int
	Log         *slog.Logger
}

// Defaults of a zero Worker's settings.
const (
	DefaultLease       = 2 * time.Minute
	DefaultPoll        = 15 * time.Second
	DefaultMaxAttempts = 5
)

func (w *Worker) lease() time.Duration {
	if w.Lease > 0 {
		return w.Lease
	}
	return DefaultLease
}

// Run runs due jobs until ctx ends.
func (w *Worker) Run(ctx context.Context) {
	poll := w.Poll
	if poll <= 0 {
		poll = DefaultPoll
	}
	for ctx.Err() == nil {
		ran, err := w.RunOnce(ctx)
		if err != nil && ctx.Err() == nil {
			w.log().Error("job worker", "err", err)
		}
		if ran && err == nil {
			continue
		}
		select {
		case <-ctx.Done():
		case <-time.After(poll):
		}
	}
}

// RunOnce leases one due job and runs it. It reports whether there was
// one; the error is the worker's own (database), not the job's, which is
// recorded on the job.
func (w *Worker) RunOnce(ctx context.Context) (bool, error) {
	var job *store.Job
	err := w.DB.WithTx(ctx, func(tx *store.Tx) (err error) {
		job, err = tx.LeaseJob(ctx, w.ID, w.lease())
		return err
	})
	if err != nil || job == nil {
		return false, err
	}
	runErr := w.run(ctx, job)
	if ctx.Err() != nil {
		// Shutting down: leave the lease to expire, so the job is retried.
		return true, nil
	}
	var retryAt time.Time
	if runErr != nil {
		w.log().Warn("job failed", "kind", job.Kind, "id", job.ID, "attempt", job.Attempts, "err", runErr)
		if job.Attempts < w.maxAttempts() {
			retryAt = store.Now().Add(time.Duration(job.Attempts*job.Attempts) * 30 * time.Second)
		}
	}
	return true, w.DB.WithTx(context.WithoutCancel(ctx), func(tx *store.Tx) error {
		return tx.FinishJob(ctx, job.ID, w.ID, runErr, retryAt)
	})
}

// run calls the job's handler while a heartbeat renews the lease; losing
// the lease cancels the handler.
func (w *Worker) run(ctx context.Context, job *store.Job) error {
	h := w.Handlers[job.Kind]
	if h == nil {
		return fmt.Errorf("no handler for job kind %q", job.Kind)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	done := make(chan struct{})
	defer close(done)
	go func() {
		t := time.NewTicker(w.lease() / 3)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				var held bool
				err := w.DB.WithTx(runCtx, func(tx *store.Tx) (err error) {
					held, err = tx.ExtendLease(runCtx, job.ID, w.ID, w.lease())
					return err
				})
				if err == nil && !held {
					w.log().Warn("job lease lost", "kind", job.Kind, "id", job.ID)
					cancel()
					return
				}
			}
		}
	}()
	return h(runCtx, job)
}

func (w *Worker) maxAttempts() int {
	if w.MaxAttempts > 0 {
		return w.MaxAttempts
	}
	return DefaultMaxAttempts
}

func (w *Worker) log() *slog.Logger {
	if w.Log != nil {
		return w.Log
	}
	return slog.Default()
}

// Enqueue adds a job of kind for a workspace, due at runAfter, unless a
// job with the same dedupe key was ever enqueued; it reports whether it
// added one.
func Enqueue(ctx context.Context, db *store.DB, kind, workspaceID, dedupeKey string, runAfter time.Time) (bool, error) {
	var added bool
	err := db.WithTx(ctx, func(tx *store.Tx) (err error) {
		added, err = tx.EnqueueJob(ctx, store.Job{Kind: kind, WorkspaceID: workspaceID, DedupeKey: dedupeKey, RunAfter: runAfter})
		return err
	})
	return added, err
}

// Keep is how long finished jobs stay in the table, for looking into what
// ran and why one failed.
const Keep = 30 * 24 * time.Hour

// Prune deletes the jobs that finished (done or failed) before before and
// returns how many.
func Prune(ctx context.Context, db *store.DB, before time.Time) (int64, error) {
	var n int64
	err := db.WithTx(ctx, func(tx *store.Tx) (err error) {
		n, err = tx.DeleteFinishedJobs(ctx, before)
		return err
	})
	return n, err
}
