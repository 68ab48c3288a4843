-- +goose Up
-- The foundation: workspaces, users, teams, sessions, accounts, contacts,
-- links, custom fields, saved views and field history. Ids are UUIDv7 text;
-- times are UTC instants written by the driver as "YYYY-MM-DD HH:MM:SS.fff+00:00";
-- empty references are NULL. accounts and contacts carry an INTEGER
-- PRIMARY KEY (rid) only so that their FTS5 search rows have a stable key.

CREATE TABLE workspaces (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    slug       TEXT NOT NULL UNIQUE,
    settings   TEXT NOT NULL DEFAULT '{}',
    created_at TIMESTAMP NOT NULL
);

CREATE TABLE teams (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    id           TEXT NOT NULL,
    name         TEXT NOT NULL,
    parent_id    TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT,
    updated_at   TIMESTAMP NOT NULL,
    updated_by   TEXT,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, parent_id) REFERENCES teams (workspace_id, id),
    UNIQUE (workspace_id, name)
);

CREATE TABLE users (
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    id            TEXT NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    team_id       TEXT,
    locale        TEXT NOT NULL DEFAULT 'zh-CN',
    active        INTEGER NOT NULL DEFAULT 1,
    password_hash TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    created_by    TEXT,
    updated_at    TIMESTAMP NOT NULL,
    updated_by    TEXT,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id)
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    workspace_id TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    expires_at   TIMESTAMP NOT NULL,
    FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (workspace_id, user_id);

CREATE TABLE api_tokens (
    workspace_id TEXT NOT NULL,
    id           TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMP NOT NULL,
    last_used_at TIMESTAMP,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE login_failures (
    email TEXT NOT NULL,
    ip    TEXT NOT NULL,
    at    TIMESTAMP NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

CREATE TABLE accounts (
    rid                   INTEGER PRIMARY KEY,
    workspace_id          TEXT NOT NULL REFERENCES workspaces (id),
    id                    TEXT NOT NULL,
    kind                  TEXT NOT NULL,
    name                  TEXT NOT NULL,
    name_sort             TEXT NOT NULL,
    credit_code           TEXT NOT NULL DEFAULT '',
    industry              TEXT NOT NULL DEFAULT '',
    size                  TEXT NOT NULL DEFAULT '',
    region                TEXT NOT NULL DEFAULT '',
    address               TEXT NOT NULL DEFAULT '',
    website               TEXT NOT NULL DEFAULT '',
    phone                 TEXT NOT NULL DEFAULT '',
    email                 TEXT NOT NULL DEFAULT '',
    source                TEXT NOT NULL DEFAULT '',
    description           TEXT NOT NULL DEFAULT '',
    owner_id              TEXT,
    team_id               TEXT,
    tags                  TEXT NOT NULL DEFAULT '[]',
    credit_rating         TEXT NOT NULL DEFAULT '',
    credit_limit_amount   INTEGER,
    credit_limit_currency TEXT,
    hotness               INTEGER NOT NULL DEFAULT 0,
    custom                TEXT NOT NULL DEFAULT '{}',
    search_text           TEXT NOT NULL DEFAULT '',
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TIMESTAMP NOT NULL,
    created_by            TEXT,
    updated_at            TIMESTAMP NOT NULL,
    updated_by            TEXT,
    deleted_at            TIMESTAMP,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id),
    FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id)
);
CREATE INDEX accounts_name ON accounts (workspace_id, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_created ON accounts (workspace_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_updated ON accounts (workspace_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_hotness ON accounts (workspace_id, hotness, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_owner ON accounts (workspace_id, owner_id, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_team ON accounts (workspace_id, team_id, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_industry ON accounts (workspace_id, industry, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX accounts_deleted ON accounts (workspace_id, deleted_at) WHERE deleted_at IS NOT NULL;
CREATE UNIQUE INDEX accounts_credit_code ON accounts (workspace_id, credit_code) WHERE credit_code <> '';

-- Search tokens (see internal/search): contentless, the rowid is accounts.rid.
CREATE VIRTUAL TABLE accounts_search USING fts5 (tokens, content = '', contentless_delete = 1, tokenize = 'ascii', detail = 'none');

CREATE TABLE contacts (
    rid           INTEGER PRIMARY KEY,
    workspace_id  TEXT NOT NULL REFERENCES workspaces (id),
    id            TEXT NOT NULL,
    account_id    TEXT NOT NULL,
    name          TEXT NOT NULL,
    name_sort     TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    department    TEXT NOT NULL DEFAULT '',
    reports_to_id TEXT,
    level         TEXT NOT NULL,
    function      TEXT NOT NULL,
    concerns      TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    mobile        TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    wechat        TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    consent_phone  INTEGER NOT NULL DEFAULT 0,
    consent_mobile INTEGER NOT NULL DEFAULT 0,
    consent_email  INTEGER NOT NULL DEFAULT 0,
    consent_wechat INTEGER NOT NULL DEFAULT 0,
    owner_id      TEXT,
    team_id       TEXT,
    tags          TEXT NOT NULL DEFAULT '[]',
    custom        TEXT NOT NULL DEFAULT '{}',
    search_text   TEXT NOT NULL DEFAULT '',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMP NOT NULL,
    created_by    TEXT,
    updated_at    TIMESTAMP NOT NULL,
    updated_by    TEXT,
    deleted_at    TIMESTAMP,
    UNIQUE (workspace_id, id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, reports_to_id) REFERENCES contacts (workspace_id, id),
    FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id),
    FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id)
);
CREATE INDEX contacts_account ON contacts (workspace_id, account_id, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_name ON contacts (workspace_id, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_created ON contacts (workspace_id, created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_updated ON contacts (workspace_id, updated_at, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_owner ON contacts (workspace_id, owner_id, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_team ON contacts (workspace_id, team_id, name_sort, id) WHERE deleted_at IS NULL;
CREATE INDEX contacts_reports_to ON contacts (workspace_id, reports_to_id) WHERE reports_to_id IS NOT NULL;
CREATE INDEX contacts_deleted ON contacts (workspace_id, deleted_at) WHERE deleted_at IS NOT NULL;

CREATE VIRTUAL TABLE contacts_search USING fts5 (tokens, content = '', contentless_delete = 1, tokenize = 'ascii', detail = 'none');

-- The personal profile lives apart so that list queries never read it.
CREATE TABLE contact_profiles (
    workspace_id     TEXT NOT NULL,
    contact_id       TEXT NOT NULL,
    family           TEXT NOT NULL DEFAULT '',
    hometown         TEXT NOT NULL DEFAULT '',
    university       TEXT NOT NULL DEFAULT '',
    sports           TEXT NOT NULL DEFAULT '',
    restaurants      TEXT NOT NULL DEFAULT '',
    pets             TEXT NOT NULL DEFAULT '',
    books            TEXT NOT NULL DEFAULT '',
    last_vacation    TEXT NOT NULL DEFAULT '',
    next_vacation    TEXT NOT NULL DEFAULT '',
    role             TEXT NOT NULL DEFAULT '',
    colleagues       TEXT NOT NULL DEFAULT '',
    goals            TEXT NOT NULL DEFAULT '',
    development_plan TEXT NOT NULL DEFAULT '',
    birthday         TEXT,
    PRIMARY KEY (workspace_id, contact_id),
    FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE account_links (
    workspace_id       TEXT NOT NULL,
    id                 TEXT NOT NULL,
    account_id         TEXT NOT NULL,
    related_account_id TEXT NOT NULL,
    kind               TEXT NOT NULL,
    note               TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMP NOT NULL,
    created_by         TEXT,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, account_id, related_account_id, kind),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, related_account_id) REFERENCES accounts (workspace_id, id)
);
CREATE INDEX account_links_related ON account_links (workspace_id, related_account_id);

CREATE TABLE field_definitions (
    workspace_id TEXT NOT NULL REFERENCES workspaces (id),
    id           TEXT NOT NULL,
    entity       TEXT NOT NULL,
    key          TEXT NOT NULL,
    label        TEXT NOT NULL,
    type         TEXT NOT NULL,
    options      TEXT NOT NULL DEFAULT '[]',
    required     INTEGER NOT NULL DEFAULT 0,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT,
    updated_at   TIMESTAMP NOT NULL,
    updated_by   TEXT,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, entity, key)
);

CREATE TABLE saved_views (
    workspace_id TEXT NOT NULL,
    id           TEXT NOT NULL,
    user_id      TEXT NOT NULL,
    entity       TEXT NOT NULL,
    name         TEXT NOT NULL,
    query        TEXT NOT NULL DEFAULT '',
    columns      TEXT NOT NULL DEFAULT '[]',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT,
    updated_at   TIMESTAMP NOT NULL,
    updated_by   TEXT,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, user_id, entity, name),
    FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE
);

-- Append-only field history of every record.
CREATE TABLE history (
    workspace_id TEXT NOT NULL,
    id           TEXT NOT NULL,
    entity       TEXT NOT NULL,
    record_id    TEXT NOT NULL,
    field        TEXT NOT NULL,
    old          TEXT NOT NULL DEFAULT '',
    new          TEXT NOT NULL DEFAULT '',
    actor_id     TEXT,
    at           TIMESTAMP NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX history_record ON history (workspace_id, entity, record_id, id);

-- +goose Down
DROP TABLE history;
DROP TABLE saved_views;
DROP TABLE field_definitions;
DROP TABLE account_links;
DROP TABLE contact_profiles;
DROP TABLE contacts_search;
DROP TABLE contacts;
DROP TABLE accounts_search;
DROP TABLE accounts;
DROP TABLE login_failures;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE teams;
DROP TABLE workspaces;
