-- +goose Up
-- Activities (跟单记录), tasks with reminders and key-account plans (issue 3).
-- Activities and plans belong to an account and follow its scope; tasks
-- belong to their assignee. activity_contacts lists the contacts an
-- activity involved, so a contact's timeline is an index range.

CREATE TABLE activities (
    workspace_id     TEXT NOT NULL REFERENCES workspaces (id),
    id               TEXT NOT NULL,
    account_id       TEXT NOT NULL,
    opportunity_id   TEXT,
    channel          TEXT NOT NULL,
    direction        TEXT NOT NULL,
    subject          TEXT NOT NULL,
    notes            TEXT NOT NULL DEFAULT '',
    outcome          TEXT NOT NULL DEFAULT '',
    next_step        TEXT NOT NULL DEFAULT '',
    next_step_due    TEXT,
    next_step_due_at TIMESTAMP,
    occurred_at      TIMESTAMP NOT NULL,
    owner_id         TEXT,
    team_id          TEXT,
    version          INTEGER NOT NULL DEFAULT 1,
    created_at       TIMESTAMP NOT NULL,
    created_by       TEXT,
    updated_at       TIMESTAMP NOT NULL,
    updated_by       TEXT,
    deleted_at       TIMESTAMP,
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
    workspace_id TEXT NOT NULL,
    activity_id  TEXT NOT NULL,
    contact_id   TEXT NOT NULL,
    PRIMARY KEY (workspace_id, activity_id, contact_id),
    FOREIGN KEY (workspace_id, activity_id) REFERENCES activities (workspace_id, id),
    FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts (workspace_id, id)
);
CREATE INDEX activity_contacts_contact ON activity_contacts (workspace_id, contact_id, activity_id);

CREATE TABLE tasks (
    workspace_id   TEXT NOT NULL REFERENCES workspaces (id),
    id             TEXT NOT NULL,
    title          TEXT NOT NULL,
    notes          TEXT NOT NULL DEFAULT '',
    due_date       TEXT,
    due_at         TIMESTAMP,
    remind_at      TIMESTAMP,
    assignee_id    TEXT NOT NULL,
    team_id        TEXT,
    account_id     TEXT,
    opportunity_id TEXT,
    contact_id     TEXT,
    activity_id    TEXT,
    done_at        TIMESTAMP,
    version        INTEGER NOT NULL DEFAULT 1,
    created_at     TIMESTAMP NOT NULL,
    created_by     TEXT,
    updated_at     TIMESTAMP NOT NULL,
    updated_by     TEXT,
    deleted_at     TIMESTAMP,
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
    workspace_id         TEXT NOT NULL REFERENCES workspaces (id),
    id                   TEXT NOT NULL,
    account_id           TEXT NOT NULL,
    kind                 TEXT NOT NULL,
    title                TEXT NOT NULL,
    due_date             TEXT NOT NULL,
    attendee_user_ids    TEXT NOT NULL DEFAULT '[]',
    attendee_contact_ids TEXT NOT NULL DEFAULT '[]',
    status               TEXT NOT NULL,
    notes                TEXT NOT NULL DEFAULT '',
    version              INTEGER NOT NULL DEFAULT 1,
    created_at           TIMESTAMP NOT NULL,
    created_by           TEXT,
    updated_at           TIMESTAMP NOT NULL,
    updated_by           TEXT,
    deleted_at           TIMESTAMP,
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
