-- +goose Up
-- Opportunities (商机) along the buyer's decision process (issue 3).
-- pipeline_stages holds each workspace's stages (seeded with the default
-- pipeline when a workspace is created, and here for existing ones);
-- opportunity_stage_changes records every move for time in stage and
-- stage-to-stage conversion.

CREATE TABLE pipeline_stages (
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id),
    key          TEXT NOT NULL,
    name         TEXT NOT NULL,
    position     INTEGER NOT NULL,
    kind         TEXT NOT NULL,
    probability  INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, key)
);

INSERT INTO pipeline_stages (workspace_id, key, name, position, kind, probability)
SELECT w.id, v.column1, v.column2, v.column3, v.column4, v.column5
FROM workspaces w CROSS JOIN (VALUES
    ('problem_recognition', 'Problem recognition', 1, 'open', 5),
    ('need_determination', 'Need determination', 2, 'open', 10),
    ('supplier_search', 'Supplier search', 3, 'open', 20),
    ('proposal', 'Proposal / quotation', 4, 'open', 40),
    ('supplier_selection', 'Supplier selection', 5, 'open', 60),
    ('order_routine', 'Order routine', 6, 'open', 80),
    ('performance_review', 'Performance review', 7, 'open', 90),
    ('won', 'Won', 8, 'won', 100),
    ('lost', 'Lost', 9, 'lost', 0)) AS v;

CREATE TABLE opportunities (
    workspace_id       TEXT    NOT NULL REFERENCES workspaces (id),
    id                 TEXT NOT NULL,
    account_id         TEXT NOT NULL,
    name               TEXT NOT NULL,
    stage              TEXT NOT NULL,
    stage_changed_at   TIMESTAMP NOT NULL,
    amount             INTEGER NOT NULL,
    probability        INTEGER NOT NULL,
    expected_close     TEXT NOT NULL,
    purchase_plan      TEXT NOT NULL DEFAULT '',
    problem            TEXT NOT NULL DEFAULT '',
    budget             INTEGER,
    purchase_timeline  TEXT NOT NULL DEFAULT '',
    purchasing_process TEXT NOT NULL DEFAULT '',
    competitors        TEXT NOT NULL DEFAULT '',
    win_loss_reason    TEXT NOT NULL DEFAULT '',
    owner_id           TEXT,
    team_id            TEXT,
    version            INTEGER NOT NULL DEFAULT 1,
    created_at         TIMESTAMP NOT NULL,
    created_by         TEXT,
    updated_at         TIMESTAMP NOT NULL,
    updated_by         TEXT,
    deleted_at         TIMESTAMP,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, stage) REFERENCES pipeline_stages (workspace_id, key),
    FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id),
    FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id)
);
-- The board's totals read owner, team, amount and probability from the
-- index too: walking it in stage order and looking up every row cost four
-- times as much at 20,000 opportunities.
CREATE INDEX opportunities_stage ON opportunities (workspace_id, stage, expected_close, id, owner_id, team_id, amount, probability)
    WHERE deleted_at IS NULL;
CREATE INDEX opportunities_account ON opportunities (workspace_id, account_id, expected_close, id);
CREATE INDEX opportunities_owner ON opportunities (workspace_id, owner_id, stage, expected_close, id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_team ON opportunities (workspace_id, team_id, stage, expected_close, id) WHERE deleted_at IS NULL;
CREATE INDEX opportunities_updated ON opportunities (workspace_id, updated_at, id) WHERE deleted_at IS NULL;

CREATE TABLE opportunity_stage_changes (
    workspace_id   TEXT    NOT NULL,
    opportunity_id TEXT NOT NULL,
    seq            INTEGER NOT NULL,
    from_stage     TEXT,
    to_stage       TEXT NOT NULL,
    at             TIMESTAMP NOT NULL,
    by_user        TEXT,
    PRIMARY KEY (workspace_id, opportunity_id, seq),
    FOREIGN KEY (workspace_id, opportunity_id) REFERENCES opportunities (workspace_id, id)
);
CREATE INDEX opportunity_stage_changes_to ON opportunity_stage_changes (workspace_id, to_stage, at);

-- +goose Down
DROP TABLE opportunity_stage_changes;
DROP TABLE opportunities;
DROP TABLE pipeline_stages;
