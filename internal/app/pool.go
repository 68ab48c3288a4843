package app

import (
	"context"
	"fmt"
	"os"
	"strconv"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/jobs"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// pool runs `guanxi pool reclaim`: reclaim stale accounts of one or every
// workspace now, in the foreground, instead of waiting for the daily job.
func (e *env) pool(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "reclaim" {
		return fmt.Errorf("usage: guanxi pool reclaim [--db DSN] [--workspace SLUG]")
	}
	fs, dsn := e.flags("pool reclaim")
	slug := fs.String("workspace", "", "workspace slug (default: every workspace)")
	return e.withDB(ctx, fs, dsn, args[1:], func(db *store.DB, svc *service.Service) error {
		var all []*crm.Workspace
		if *slug != "" {
			w, err := svc.Workspace(ctx, *slug)
			if err != nil {
				return err
			}
			all = []*crm.Workspace{w}
		} else {
			var err error
			if all, err = db.Read().Workspaces(ctx); err != nil {
				return err
			}
		}
		for _, w := range all {
			start := time.Now()
			res, err := svc.ReclaimPool(ctx, w.ID, service.ReclaimOptions{})
			if err != nil {
				return err
			}
			fmt.Fprintf(e.stdout, "%s: %d accounts back in the pool (%d batches, %s)\n", w.Slug, res.Reclaimed, res.Batches, time.Since(start).Round(time.Millisecond))
		}
		return nil
	})
}

// startJobs runs the background job worker and enqueues each
// workspace's daily pool reclaim at start and then every check interval
// (the dedupe key makes that once a day). It returns when ctx ends.
func (e *env) startJobs(ctx context.Context, db *store.DB, svc *service.Service, check, poll time.Duration) {
	host, _ := os.Hostname()
	w := &jobs.Worker{DB: db, ID: host + ":" + strconv.Itoa(os.Getpid()), Poll: poll, Log: e.log,
		Handlers: map[string]jobs.Handler{service.JobPoolReclaim: svc.PoolReclaimJob}}
	go w.Run(ctx)
	for {
		if _, err := svc.EnqueuePoolReclaims(ctx, store.Now()); err != nil && ctx.Err() == nil {
			e.log.Error("enqueue pool reclaims", "err", err)
		}
		if _, err := jobs.Prune(ctx, db, store.Now().Add(-jobs.Keep)); err != nil && ctx.Err() == nil {
			e.log.Error("prune finished jobs", "err", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-time.After(check):
		}
	}
}
