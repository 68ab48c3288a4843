-- +goose Up
-- Customer scores (issue 4): every customer's RFM segment, value tier,
-- lifecycle stage, P(alive), CLV and next best product from the last
-- scoring run, rescored in the transaction of each order change. The
-- columns serve filters and charts; detail holds the scores with the
-- inputs behind them (JSON) for the account's value card. score_runs keeps
-- each workspace's last run: the model that rescoring reads and the
-- workspace-level reports.

CREATE TABLE customer_scores (
    workspace_id UUID NOT NULL,
    account_id   UUID NOT NULL,
    as_of        DATE NOT NULL,
    r_score      BIGINT NOT NULL,
    f_score      BIGINT NOT NULL,
    m_score      BIGINT NOT NULL,
    segment      TEXT NOT NULL,
    tier         TEXT NOT NULL,
    stage        TEXT NOT NULL,
    monetary     BIGINT NOT NULL,
    profit       BIGINT NOT NULL,
    p_alive      DOUBLE PRECISION,
    clv          DOUBLE PRECISION,
    next_product TEXT NOT NULL DEFAULT '',
    detail       TEXT NOT NULL,
    PRIMARY KEY (workspace_id, account_id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id)
);
CREATE INDEX customer_scores_segment ON customer_scores (workspace_id, segment);
CREATE INDEX customer_scores_tier ON customer_scores (workspace_id, tier);
CREATE INDEX customer_scores_stage ON customer_scores (workspace_id, stage);

CREATE TABLE score_runs (
    workspace_id UUID NOT NULL PRIMARY KEY REFERENCES workspaces (id),
    run_at       TIMESTAMPTZ NOT NULL,
    as_of        DATE NOT NULL,
    customers    BIGINT NOT NULL,
    duration_ms  BIGINT NOT NULL,
    model        TEXT NOT NULL,
    reports      TEXT NOT NULL
);

-- +goose Down
DROP TABLE score_runs;
DROP TABLE customer_scores;
