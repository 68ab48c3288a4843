-- +goose Up
-- Activities (跟单记录), tasks with reminders and key-account plans (issue 3).
-- Activities and plans belong to an account and follow its scope; tasks
-- belong to their assignee. activity_contacts lists the contacts an
-- activity involved, so a contact's timeline is an index range.

CREATE TABLE activities (
    workspace_id     UUID NOT NULL REFERENCES workspaces (id),
    id               UUID NOT NULL,
    account_id       UUID NOT NULL,
    opportunity_id   UUID,
    channel          TEXT NOT NULL,
    direction        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    notes            TEXT NOT NULL DEFAULT '',
    outcome          TEXT NOT NULL DEFAULT '',
    next_step        TEXT NOT NULL DEFAULT '',
    next_step_due    DATE,
    next_step_due_at TIMESTAMPTZ,
    occurred_at      TIMESTAMPTZ NOT NULL,
    owner_id         UUID,
    team_id          UUID,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMPTZ NOT NULL,
    created_by       UUID,
    updated_at       TIMESTAMPTZ NOT NULL,
    updated_by       UUID,
    deleted_at       TIMESTAMPTZ,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, opportunity_id) REFERENCES opportunities (workspace_id, id),
    FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id),
    FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id)
);
-- The timeline pages an account's activities newest first: this index
-- makes each page a range scan however many activities the account has.
CREATE INDEX activities_account ON activities (workspace_id, account_id, occurred_at, id) WHERE deleted_at IS NULL;
CREATE INDEX activities_opportunity ON activities (workspace_id, opportunity_id, occurred_at, id) WHERE deleted_at IS NULL;
-- Hotness reads every recent activity of a workspace once a day.
CREATE INDEX activities_occurred ON activities (workspace_id, occurred_at) WHERE deleted_at IS NULL;

CREATE TABLE activity_contacts (
    workspace_id UUID NOT NULL,
    activity_id  UUID NOT NULL,
    contact_id   UUID NOT NULL,
    PRIMARY KEY (workspace_id, activity_id, contact_id),
    FOREIGN KEY (workspace_id, activity_id) REFERENCES activities (workspace_id, id),
    FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts (workspace_id, id)
);
CREATE INDEX activity_contacts_contact ON activity_contacts (workspace_id, contact_id, activity_id);

CREATE TABLE tasks (
    workspace_id   UUID NOT NULL REFERENCES workspaces (id),
    id             UUID NOT NULL,
    title          TEXT NOT NULL,
    notes          TEXT NOT NULL DEFAULT '',
    due_date       DATE,
    due_at         TIMESTAMPTZ,
    remind_at      TIMESTAMPTZ,
    assignee_id    UUID NOT NULL,
    team_id        UUID,
    account_id     UUID,
    opportunity_id UUID,
    contact_id     UUID,
    activity_id    UUID,
    done_at        TIMESTAMPTZ,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMPTZ NOT NULL,
    created_by     UUID,
    updated_at     TIMESTAMPTZ NOT NULL,
    updated_by     UUID,
    deleted_at     TIMESTAMPTZ,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, assignee_id) REFERENCES users (workspace_id, id),
    FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, opportunity_id) REFERENCES opportunities (workspace_id, id),
    FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts (workspace_id, id),
    FOREIGN KEY (workspace_id, activity_id) REFERENCES activities (workspace_id, id)
);
CREATE INDEX tasks_assignee ON tasks (workspace_id, assignee_id, due_date) WHERE deleted_at IS NULL;
CREATE INDEX tasks_team_open ON tasks (workspace_id, team_id, due_date) WHERE deleted_at IS NULL AND done_at IS NULL;
CREATE INDEX tasks_account ON tasks (workspace_id, account_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_opportunity ON tasks (workspace_id, opportunity_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_contact ON tasks (workspace_id, contact_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX tasks_activity ON tasks (workspace_id, activity_id, id);

CREATE TABLE key_account_plans (
    workspace_id         UUID NOT NULL REFERENCES workspaces (id),
    id                   UUID NOT NULL,
    account_id           UUID NOT NULL,
    kind                 TEXT NOT NULL,
    title                TEXT NOT NULL,
    due_date             DATE NOT NULL,
    attendee_user_ids    JSONB NOT NULL DEFAULT '[]',
    attendee_contact_ids JSONB NOT NULL DEFAULT '[]',
    status               TEXT NOT NULL,
    notes                TEXT NOT NULL DEFAULT '',
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TIMESTAMPTZ NOT NULL,
    created_by           UUID,
    updated_at           TIMESTAMPTZ NOT NULL,
    updated_by           UUID,
    deleted_at           TIMESTAMPTZ,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id)
);
CREATE INDEX key_account_plans_account ON key_account_plans (workspace_id, account_id, due_date) WHERE deleted_at IS NULL;
CREATE INDEX key_account_plans_planned ON key_account_plans (workspace_id, due_date) WHERE deleted_at IS NULL AND status = 'planned';

-- +goose Down
DROP TABLE key_account_plans;
DROP TABLE tasks;
DROP TABLE activity_contacts;
DROP TABLE activities;
