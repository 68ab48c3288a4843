-- +goose Up
-- Competitors (竞争对手) as records, their presence at accounts, the
-- competitors in play on opportunities and the customer delivered value
-- worksheet (顾客让渡价值) of an opportunity (issue 3).

CREATE TABLE competitors (
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    id            TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_sort     TEXT NOT NULL,
    website       TEXT NOT NULL DEFAULT '',
    products      TEXT NOT NULL DEFAULT '',
    strengths     TEXT NOT NULL DEFAULT '',
    weaknesses    TEXT NOT NULL DEFAULT '',
    pricing_notes TEXT NOT NULL DEFAULT '',
    notes         TEXT NOT NULL DEFAULT '',
    tags          TEXT NOT NULL DEFAULT '[]',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    created_by    TEXT,
    updated_at    TIMESTAMP NOT NULL,
    updated_by    TEXT,
    deleted_at    TIMESTAMP,
    PRIMARY KEY (workspace_id, id)
);
-- One live competitor per name, whatever the case.
CREATE UNIQUE INDEX competitors_name ON competitors (workspace_id, lower(name)) WHERE deleted_at IS NULL;
CREATE INDEX competitors_sort ON competitors (workspace_id, name_sort, id);

CREATE TABLE account_competitors (
    workspace_id     TEXT NOT NULL,
    id               TEXT NOT NULL,
    account_id       TEXT NOT NULL,
    competitor_id    TEXT NOT NULL,
    products         TEXT NOT NULL DEFAULT '',
    satisfaction     INTEGER,
    rep_name         TEXT NOT NULL DEFAULT '',
    rep_style        TEXT NOT NULL DEFAULT '',
    rep_relationship INTEGER,
    since            TEXT,
    notes            TEXT NOT NULL DEFAULT '',
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    created_by       TEXT,
    updated_at       TIMESTAMP NOT NULL,
    updated_by       TEXT,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, account_id, competitor_id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, competitor_id) REFERENCES competitors (workspace_id, id)
);
CREATE INDEX account_competitors_competitor ON account_competitors (workspace_id, competitor_id, account_id);

CREATE TABLE opportunity_competitors (
    workspace_id   TEXT NOT NULL,
    opportunity_id TEXT NOT NULL,
    competitor_id  TEXT NOT NULL,
    created_at     TIMESTAMP NOT NULL,
    created_by     TEXT,
    PRIMARY KEY (workspace_id, opportunity_id, competitor_id),
    FOREIGN KEY (workspace_id, opportunity_id) REFERENCES opportunities (workspace_id, id),
    FOREIGN KEY (workspace_id, competitor_id) REFERENCES competitors (workspace_id, id)
);
CREATE INDEX opportunity_competitors_competitor ON opportunity_competitors (workspace_id, competitor_id, opportunity_id);

-- Scores are kept in tenths (0-100) so that sums are exact integers.
CREATE TABLE delivered_value_worksheets (
    workspace_id   TEXT NOT NULL,
    opportunity_id TEXT NOT NULL,
    version        INTEGER NOT NULL,
    updated_at     TIMESTAMP NOT NULL,
    updated_by     TEXT,
    PRIMARY KEY (workspace_id, opportunity_id),
    FOREIGN KEY (workspace_id, opportunity_id) REFERENCES opportunities (workspace_id, id)
);

CREATE TABLE delivered_value_rows (
    workspace_id   TEXT NOT NULL,
    opportunity_id TEXT NOT NULL,
    party          TEXT NOT NULL,
    product        INTEGER NOT NULL,
    service        INTEGER NOT NULL,
    personnel      INTEGER NOT NULL,
    image          INTEGER NOT NULL,
    money          INTEGER NOT NULL,
    time_cost      INTEGER NOT NULL,
    energy         INTEGER NOT NULL,
    psychic        INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, opportunity_id, party),
    FOREIGN KEY (workspace_id, opportunity_id) REFERENCES delivered_value_worksheets (workspace_id, opportunity_id)
);

-- +goose Down
DROP TABLE delivered_value_rows;
DROP TABLE delivered_value_worksheets;
DROP TABLE opportunity_competitors;
DROP TABLE account_competitors;
DROP TABLE competitors;
