-- +goose Up
-- The public pool (公海), workspace settings and durable background jobs.
-- accounts.last_follow_up_at is the owner's last follow-up; an owner who
-- lets it age past the workspace's pool_days loses the account to the
-- pool (owner and team cleared, pooled_at set, pooled_from keeps the
-- previous owner). claimed_by marks accounts their owner took from the
-- pool, which the claim limit counts. Existing accounts count the
-- upgrade as their last follow-up: their owners get a full pool_days
-- from it, instead of losing every older account at the first reclaim.

ALTER TABLE accounts ADD COLUMN last_follow_up_at TIMESTAMP;
ALTER TABLE accounts ADD COLUMN pooled_at TIMESTAMP;
ALTER TABLE accounts ADD COLUMN pooled_from TEXT;
ALTER TABLE accounts ADD COLUMN claimed_by TEXT;
UPDATE accounts SET last_follow_up_at = strftime('%Y-%m-%d %H:%M:%f+00:00', 'now');

-- The reclaim walks owned accounts by follow-up age; the pool list walks
-- ownerless ones by when they arrived; the claim limit counts per owner.
CREATE INDEX accounts_follow_up ON accounts (workspace_id, last_follow_up_at, id)
    WHERE owner_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX accounts_pooled ON accounts (workspace_id, pooled_at, id)
    WHERE owner_id IS NULL AND pooled_at IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX accounts_claimed ON accounts (workspace_id, claimed_by, owner_id)
    WHERE claimed_by IS NOT NULL AND deleted_at IS NULL;

CREATE TABLE workspace_settings (
    workspace_id     TEXT PRIMARY KEY REFERENCES workspaces (id),
    pool_days        INTEGER NOT NULL DEFAULT 30,
    pool_claim_limit INTEGER NOT NULL DEFAULT 20,
    sales_scope      TEXT NOT NULL DEFAULT 'own',
    version          INTEGER NOT NULL DEFAULT 1,
    updated_at       TIMESTAMP NOT NULL,
    updated_by       TEXT
);

CREATE TABLE jobs (
    id           TEXT PRIMARY KEY,
    workspace_id TEXT REFERENCES workspaces (id),
    kind         TEXT NOT NULL,
    -- dedupe_key makes enqueueing idempotent: one daily reclaim per
    -- workspace and day however many servers enqueue it.
    dedupe_key   TEXT NOT NULL UNIQUE,
    state        TEXT NOT NULL,
    run_after    TIMESTAMP NOT NULL,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT NOT NULL DEFAULT '',
    leased_by    TEXT,
    leased_until TIMESTAMP,
    created_at   TIMESTAMP NOT NULL,
    updated_at   TIMESTAMP NOT NULL
);
CREATE INDEX jobs_due ON jobs (state, run_after) WHERE state IN ('pending', 'running');

-- +goose Down
DROP TABLE jobs;
DROP TABLE workspace_settings;
DROP INDEX accounts_claimed;
DROP INDEX accounts_pooled;
DROP INDEX accounts_follow_up;
ALTER TABLE accounts DROP COLUMN claimed_by;
ALTER TABLE accounts DROP COLUMN pooled_from;
ALTER TABLE accounts DROP COLUMN pooled_at;
ALTER TABLE accounts DROP COLUMN last_follow_up_at;
