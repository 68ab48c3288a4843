package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Job states. A job is pending until a worker leases it (running); a
// running job whose lease expired (its worker died) is due again.
const (
	JobPending = "pending"
	JobRunning = "running"
	JobDone    = "done"
	JobFailed  = "failed"
)

// Job is one unit of durable background work.
type Job struct {
	ID          string
	WorkspaceID string
	Kind        string
	DedupeKey   string
	State       string
	RunAfter    time.Time
	Attempts    int
	LastError   string
	LeasedBy    string
	LeasedUntil *time.Time
}

const jobColumns = "id, workspace_id, kind, dedupe_key, state, run_after, attempts, last_error, leased_by, leased_until"

func scanJob(row interface{ Scan(...any) error }) (*Job, error) {
	j := &Job{}
	err := row.Scan(str{&j.ID}, str{&j.WorkspaceID}, &j.Kind, &j.DedupeKey, &j.State, utc{&j.RunAfter}, &j.Attempts,
		&j.LastError, str{&j.LeasedBy}, nullUTC{&j.LeasedUntil})
	return j, err
}

// EnqueueJob adds a pending job unless one with its dedupe key exists
// (in any state), and reports whether it added it.
func (tx *Tx) EnqueueJob(ctx context.Context, j Job) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO jobs (id, workspace_id, kind, dedupe_key, state, run_after, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (dedupe_key) DO NOTHING`,
		NewID(), nullable(j.WorkspaceID), j.Kind, j.DedupeKey, JobPending, j.RunAfter.UTC(), tx.Now, tx.Now)
	if err != nil {
		return false, fmt.Errorf("enqueue job %s: %w", j.DedupeKey, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// LeaseJob takes the oldest due job for worker until tx.Now+lease and
// counts the attempt: a pending job whose time has come, or a running one
// whose lease expired. It returns nil when nothing is due. On PostgreSQL
// concurrent workers skip each other's locked rows.
func (tx *Tx) LeaseJob(ctx context.Context, worker string, lease time.Duration) (*Job, error) {
	lock := ""
	if tx.d.name == "postgres" {
		lock = " FOR UPDATE SKIP LOCKED"
	}
	row := tx.QueryRowContext(ctx, `UPDATE jobs SET state = ?, leased_by = ?, leased_until = ?, attempts = attempts + 1, updated_at = ?
		WHERE id = (SELECT id FROM jobs WHERE (state = ? AND run_after <= ?) OR (state = ? AND leased_until < ?)
			ORDER BY run_after, id LIMIT 1`+lock+`)
		RETURNING `+jobColumns,
		JobRunning, worker, tx.Now.Add(lease), tx.Now, JobPending, tx.Now, JobRunning, tx.Now)
	j, err := scanJob(row)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("lease job: %w", err)
	}
	return j, nil
}

// ExtendLease moves a running job's lease to tx.Now+lease if worker still
// holds it, and reports whether it does (a worker that lost its lease
// must stop: another may have taken the job over).
func (tx *Tx) ExtendLease(ctx context.Context, id, worker string, lease time.Duration) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE jobs SET leased_until = ?, updated_at = ? WHERE id = ? AND leased_by = ? AND state = ?`,
		tx.Now.Add(lease), tx.Now, id, worker, JobRunning)
	if err != nil {
		return false, fmt.Errorf("extend lease of job %s: %w", id, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// FinishJob marks a job worker holds as done, or, when runErr is set,
// as pending again at retryAt (or failed for good when retryAt is zero),
// keeping the error.
func (tx *Tx) FinishJob(ctx context.Context, id, worker string, runErr error, retryAt time.Time) error {
	state, msg, after := JobDone, "", tx.Now
	if runErr != nil {
		msg = runErr.Error()
		if len(msg) > 2000 {
			msg = msg[:2000]
		}
		state, after = JobPending, retryAt
		if retryAt.IsZero() {
			state, after = JobFailed, tx.Now
		}
	}
	_, err := tx.ExecContext(ctx, `UPDATE jobs SET state = ?, last_error = ?, run_after = ?, leased_by = NULL, leased_until = NULL,
		updated_at = ? WHERE id = ? AND leased_by = ?`, state, msg, after.UTC(), tx.Now, id, worker)
	if err != nil {
		return fmt.Errorf("finish job %s: %w", id, err)
	}
	return nil
}

// DeleteFinishedJobs removes done and failed jobs last changed before
// before, and returns how many it removed. Their dedupe keys go with them,
// so before must be older than any key still being enqueued (daily keys).
func (tx *Tx) DeleteFinishedJobs(ctx context.Context, before time.Time) (int64, error) {
	res, err := tx.ExecContext(ctx, "DELETE FROM jobs WHERE state IN (?, ?) AND updated_at < ?", JobDone, JobFailed, before.UTC())
	if err != nil {
		return 0, fmt.Errorf("delete finished jobs: %w", err)
	}
	return res.RowsAffected()
}

// Job returns a job by id, or nil.
func (q *Q) Job(ctx context.Context, id string) (*Job, error) {
	j, err := scanJob(q.QueryRowContext(ctx, "SELECT "+jobColumns+" FROM jobs WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return j, err
}

// JobByKey returns the job with a dedupe key, or nil.
func (q *Q) JobByKey(ctx context.Context, key string) (*Job, error) {
	j, err := scanJob(q.QueryRowContext(ctx, "SELECT "+jobColumns+" FROM jobs WHERE dedupe_key = ?", key))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil
	}
	return j, err
}
