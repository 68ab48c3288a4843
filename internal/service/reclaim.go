package service

import (
	"context"
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/jobs"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// JobPoolReclaim is the kind of the daily pool-reclaim job.
const JobPoolReclaim = "pool_reclaim"

// DefaultReclaimBatch is how many accounts one reclaim transaction moves:
// large enough to move 100,000 accounts in seconds, small enough that no
// transaction holds the database for long.
const DefaultReclaimBatch = 2000

// ReclaimOptions tune a reclaim run.
type ReclaimOptions struct {
	// BatchSize is the accounts per transaction (DefaultReclaimBatch if 0).
	BatchSize int
	// Now is the run's clock (now if zero); accounts last followed up
	// before Now minus pool_days are reclaimed.
	Now time.Time
	// AfterBatch is called after each committed batch with the totals so
	// far; an error stops the run there (tests use it to simulate a crash).
	AfterBatch func(crm.ReclaimResult) error
}

// ReclaimPool moves every account of workspace ws whose owner has not
// followed it up within the workspace's pool_days into the pool. It works
// in keyset batches, each its own short transaction that checks the
// condition again as it moves the accounts and writes one history entry
// per move. A run stopped at any point and run again reclaims each stale
// account exactly once. pool_days 0 turns it off.
func (s *Service) ReclaimPool(ctx context.Context, ws string, o ReclaimOptions) (crm.ReclaimResult, error) {
	var res crm.ReclaimResult
	settings, err := s.db.Read().Settings(ctx, ws)
	if err != nil || settings.PoolDays == 0 {
		return res, err
	}
	size := o.BatchSize
	if size <= 0 {
		size = DefaultReclaimBatch
	}
	now := o.Now
	if now.IsZero() {
		now = store.Now()
	}
	cutoff := now.Add(-time.Duration(settings.PoolDays) * 24 * time.Hour)
	reason := fmt.Sprintf("%s:%d", crm.PoolReasonNoFollowUp, settings.PoolDays)
	var after store.StaleRef
	for {
		var found int
		err := s.db.WithTx(ctx, func(tx *store.Tx) error {
			refs, err := tx.StaleAccounts(ctx, ws, cutoff, after, size)
			if err != nil || len(refs) == 0 {
				return err
			}
			found = len(refs)
			ids := make([]string, len(refs))
			for i, r := range refs {
				ids[i] = r.ID
			}
			moved, err := tx.ReclaimAccounts(ctx, ws, ids, cutoff)
			if err != nil {
				return err
			}
			entries := make([]store.HistoryEntry, len(moved))
			for i, m := range moved {
				entries[i] = store.HistoryEntry{Entity: crm.EntityAccount, RecordID: m.ID, At: tx.Now,
					Change: crm.FieldChange{Field: crm.FieldPooled, Old: m.From, New: reason}}
			}
			if err := tx.AppendHistories(ctx, ws, entries); err != nil {
				return err
			}
			after = refs[len(refs)-1]
			res.Reclaimed += len(moved)
			return nil
		})
		if err != nil {
			return res, fmt.Errorf("reclaim pool of workspace %s: %w", ws, err)
		}
		if found == 0 {
			return res, nil
		}
		res.Batches++
		if o.AfterBatch != nil {
			if err := o.AfterBatch(res); err != nil {
				return res, err
			}
		}
		if found < size {
			return res, nil
		}
	}
}

// EnqueuePoolReclaims enqueues today's reclaim job of every workspace
// (once a day per workspace, however often it is called and by however
// many servers) and returns how many it added.
func (s *Service) EnqueuePoolReclaims(ctx context.Context, now time.Time) (int, error) {
	all, err := s.db.Read().Workspaces(ctx)
	if err != nil {
		return 0, err
	}
	added := 0
	for _, w := range all {
		key := JobPoolReclaim + ":" + w.ID + ":" + now.UTC().Format(time.DateOnly)
		ok, err := jobs.Enqueue(ctx, s.db, JobPoolReclaim, w.ID, key, now)
		if err != nil {
			return added, err
		}
		if ok {
			added++
		}
	}
	return added, nil
}

// PoolReclaimJob is the handler of JobPoolReclaim jobs.
func (s *Service) PoolReclaimJob(ctx context.Context, job *store.Job) error {
	res, err := s.ReclaimPool(ctx, job.WorkspaceID, ReclaimOptions{})
	if err == nil && res.Reclaimed > 0 {
		s.log.Info("pool reclaim", "workspace", job.WorkspaceID, "reclaimed", res.Reclaimed, "batches", res.Batches)
	}
	return err
}
