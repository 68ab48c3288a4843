-- +goose Up
-- Customer scores (issue 4): every customer's RFM segment, value tier,
-- lifecycle stage, P(alive), CLV and next best product from the last
-- scoring run, rescored in the transaction of each order change. The
-- columns serve filters and charts; detail holds the scores with the
-- inputs behind them (JSON) for the account's value card. score_runs keeps
-- each workspace's last run: the model that rescoring reads and the
-- workspace-level reports.

CREATE TABLE customer_scores (
    workspace_id TEXT NOT NULL,
    account_id   TEXT NOT NULL,
    as_of        TEXT NOT NULL,
    r_score      INTEGER NOT NULL,
    f_score      INTEGER NOT NULL,
    m_score      INTEGER NOT NULL,
    segment      TEXT NOT NULL,
    tier         TEXT NOT NULL,
    stage        TEXT NOT NULL,
    monetary     INTEGER NOT NULL,
    profit       INTEGER NOT NULL,
    p_alive      REAL,
    clv          REAL,
    next_product TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL,
    PRIMARY KEY (workspace_id, account_id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id)
);
CREATE INDEX customer_scores_segment ON customer_scores (workspace_id, segment);
CREATE INDEX customer_scores_tier ON customer_scores (workspace_id, tier);
CREATE INDEX customer_scores_stage ON customer_scores (workspace_id, stage);

CREATE TABLE score_runs (
    workspace_id TEXT NOT NULL PRIMARY KEY REFERENCES workspaces (id),
    run_at       TIMESTAMP NOT NULL,
    as_of        TEXT NOT NULL,
    customers    INTEGER NOT NULL,
    duration_ms  INTEGER NOT NULL,
    model        TEXT NOT NULL,
    reports      TEXT NOT NULL
);

-- +goose Down
DROP TABLE score_runs;
DROP TABLE customer_scores;
