-- +goose Up
-- Referrals (转介绍) between accounts and their contacts, and sales
-- targets (业绩目标) per person and team (issue 3).
--
-- Referrals get a table of their own rather than more columns on
-- account_links: a link is a symmetric-looking pair of accounts with a
-- kind, a referral has a person on either side and a date. Account links
-- of kind referred_by stay where they are (the links panel keeps working)
-- and referral_edges reads both, so nothing is copied or lost.

CREATE TABLE referrals (
    workspace_id        UUID NOT NULL REFERENCES workspaces (id),
    id                  UUID NOT NULL,
    referrer_account_id UUID NOT NULL,
    referrer_contact_id UUID,
    referred_account_id UUID NOT NULL,
    referred_contact_id UUID,
    referred_on         DATE NOT NULL,
    note                TEXT NOT NULL DEFAULT '',
    created_at          TIMESTAMPTZ NOT NULL,
    created_by          UUID,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, referrer_account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, referred_account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, referrer_contact_id) REFERENCES contacts (workspace_id, id),
    FOREIGN KEY (workspace_id, referred_contact_id) REFERENCES contacts (workspace_id, id)
);
CREATE UNIQUE INDEX referrals_pair ON referrals (workspace_id, referrer_account_id, referred_account_id,
    (COALESCE(CAST(referrer_contact_id AS TEXT), '')), (COALESCE(CAST(referred_contact_id AS TEXT), '')));
CREATE INDEX referrals_referred ON referrals (workspace_id, referred_account_id);

-- Every referral edge, from the referrer to the referred account. A link
-- "A referred_by B" reads as B referred A.
CREATE VIEW referral_edges AS
SELECT workspace_id, id, 'referral' AS source, referrer_account_id, referrer_contact_id, referred_account_id,
       referred_contact_id, referred_on, note, created_at, created_by
FROM referrals
UNION ALL
SELECT workspace_id, id, 'link' AS source, related_account_id, NULL, account_id, NULL, NULL, note, created_at, created_by
FROM account_links WHERE kind = 'referred_by';

CREATE INDEX account_links_referred_by ON account_links (workspace_id, related_account_id) WHERE kind = 'referred_by';

CREATE TABLE sales_targets (
    workspace_id UUID NOT NULL REFERENCES workspaces (id),
    id           UUID NOT NULL,
    period       TEXT COLLATE "C" NOT NULL,
    user_id      UUID,
    team_id      UUID,
    amount       BIGINT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   UUID,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   UUID,
    PRIMARY KEY (workspace_id, id),
    CHECK ((user_id IS NULL) <> (team_id IS NULL)),
    CHECK (amount >= 0),
    FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id),
    FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id)
);
CREATE UNIQUE INDEX sales_targets_user ON sales_targets (workspace_id, period, user_id) WHERE user_id IS NOT NULL;
CREATE UNIQUE INDEX sales_targets_team ON sales_targets (workspace_id, period, team_id) WHERE team_id IS NOT NULL;

-- Attainment sums the opportunities moved into a won stage in a period:
-- this index reads just the period's moves, with what the sum needs.
CREATE INDEX opportunities_stage_changed ON opportunities (workspace_id, stage_changed_at, stage, owner_id, team_id, amount)
    WHERE deleted_at IS NULL;

-- +goose Down
DROP INDEX opportunities_stage_changed;
DROP TABLE sales_targets;
DROP INDEX account_links_referred_by;
DROP VIEW referral_edges;
DROP TABLE referrals;
