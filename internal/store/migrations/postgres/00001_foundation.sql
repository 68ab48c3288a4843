-- +goose Up
-- The foundation: workspaces, users, teams, sessions, accounts, contacts,
-- links, custom fields, saved views and field history. Ids are UUIDv7;
-- times are timestamptz; empty references are NULL. Search tokens live in
-- a text[] column of the record with a GIN index (see internal/search), so a
-- search can combine them with the record's other indexes (BitmapAnd).

CREATE TABLE workspaces (
    id         UUID PRIMARY KEY,
    name       TEXT NOT NULL,
    slug       TEXT NOT NULL UNIQUE,
    settings   JSONB NOT NULL DEFAULT '{}',
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE teams (
    workspace_id UUID NOT NULL REFERENCES workspaces (id),
    id           UUID NOT NULL,
    name         TEXT NOT NULL,
    parent_id    UUID,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   UUID,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   UUID,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, parent_id) REFERENCES teams (workspace_id, id),
    UNIQUE (workspace_id, name)
);

CREATE TABLE users (
    workspace_id  UUID NOT NULL REFERENCES workspaces (id),
    id            UUID NOT NULL,
    email         TEXT NOT NULL UNIQUE,
    name          TEXT NOT NULL,
    role          TEXT NOT NULL,
    team_id       UUID,
    locale        TEXT NOT NULL DEFAULT 'zh-CN',
    active        BOOLEAN NOT NULL DEFAULT TRUE,
    password_hash TEXT NOT NULL,
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    UUID,
    updated_at    TIMESTAMPTZ NOT NULL,
    updated_by    UUID,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id)
);

CREATE TABLE sessions (
    token_hash   TEXT PRIMARY KEY,
    workspace_id UUID NOT NULL,
    user_id      UUID NOT NULL,
    csrf_token   TEXT NOT NULL,
    created_at   TIMESTAMPTZ NOT NULL,
    expires_at   TIMESTAMPTZ NOT NULL,
    FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE
);
CREATE INDEX sessions_user ON sessions (workspace_id, user_id);

CREATE TABLE api_tokens (
    workspace_id UUID NOT NULL,
    id           UUID NOT NULL,
    user_id      UUID NOT NULL,
    name         TEXT NOT NULL,
    token_hash   TEXT NOT NULL UNIQUE,
    created_at   TIMESTAMPTZ NOT NULL,
    last_used_at TIMESTAMPTZ,
    PRIMARY KEY (workspace_id, id),
    FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE login_failures (
    email TEXT NOT NULL,
    ip    TEXT NOT NULL,
    at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX login_failures_email ON login_failures (email, at);
CREATE INDEX login_failures_ip ON login_failures (ip, at);

CREATE TABLE accounts (
    workspace_id          UUID NOT NULL REFERENCES workspaces (id),
    id                    UUID NOT NULL,
    kind                  TEXT NOT NULL,
    name                  TEXT NOT NULL,
    name_sort             TEXT COLLATE "C" NOT NULL,
    credit_code           TEXT NOT NULL DEFAULT '',
    industry              TEXT COLLATE "C" NOT NULL DEFAULT '',
    size                  TEXT NOT NULL DEFAULT '',
    region                TEXT COLLATE "C" NOT NULL DEFAULT '',
    address               TEXT NOT NULL DEFAULT '',
    website               TEXT NOT NULL DEFAULT '',
    phone                 TEXT NOT NULL DEFAULT '',
    email                 TEXT NOT NULL DEFAULT '',
    source                TEXT NOT NULL DEFAULT '',
    description           TEXT NOT NULL DEFAULT '',
    owner_id              UUID,
    team_id               UUID,
    tags                  JSONB NOT NULL DEFAULT '[]',
    credit_rating         TEXT NOT NULL DEFAULT '',
    credit_limit_amount   BIGINT,
    credit_limit_currency TEXT,
    hotness               INTEGER NOT NULL DEFAULT 0,
    custom                JSONB NOT NULL DEFAULT '{}',
    search_text           TEXT NOT NULL DEFAULT '',
    search_tokens         TEXT[] NOT NULL DEFAULT '{}',
    version               INTEGER NOT NULL DEFAULT 1,
    created_at            TIMESTAMPTZ NOT NULL,
    created_by            UUID,
    updated_at            TIMESTAMPTZ NOT NULL,
    updated_by            UUID,
    deleted_at            TIMESTAMPTZ,
    PRIMARY KEY (workspace_id, id),
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

CREATE INDEX accounts_search_tokens ON accounts USING gin (search_tokens);
-- Common tokens (a two-letter surname pair, a trade word) must be in the
-- statistics, or the planner thinks them rare and skips the created_at
-- index that windowed searches rely on.
ALTER TABLE accounts ALTER COLUMN search_tokens SET STATISTICS 1000;

CREATE TABLE contacts (
    workspace_id  UUID NOT NULL REFERENCES workspaces (id),
    id            UUID NOT NULL,
    account_id    UUID NOT NULL,
    name          TEXT NOT NULL,
    name_sort     TEXT COLLATE "C" NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    department    TEXT NOT NULL DEFAULT '',
    reports_to_id UUID,
    level         TEXT NOT NULL,
    function      TEXT NOT NULL,
    concerns      TEXT NOT NULL DEFAULT '',
    phone         TEXT NOT NULL DEFAULT '',
    mobile        TEXT NOT NULL DEFAULT '',
    email         TEXT NOT NULL DEFAULT '',
    wechat        TEXT NOT NULL DEFAULT '',
    address       TEXT NOT NULL DEFAULT '',
    consent_phone  BOOLEAN NOT NULL DEFAULT FALSE,
    consent_mobile BOOLEAN NOT NULL DEFAULT FALSE,
    consent_email  BOOLEAN NOT NULL DEFAULT FALSE,
    consent_wechat BOOLEAN NOT NULL DEFAULT FALSE,
    owner_id      UUID,
    team_id       UUID,
    tags          JSONB NOT NULL DEFAULT '[]',
    custom        JSONB NOT NULL DEFAULT '{}',
    search_text   TEXT NOT NULL DEFAULT '',
    search_tokens TEXT[] NOT NULL DEFAULT '{}',
    version       INTEGER NOT NULL DEFAULT 1,
    created_at    TIMESTAMPTZ NOT NULL,
    created_by    UUID,
    updated_at    TIMESTAMPTZ NOT NULL,
    updated_by    UUID,
    deleted_at    TIMESTAMPTZ,
    PRIMARY KEY (workspace_id, id),
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

CREATE INDEX contacts_search_tokens ON contacts USING gin (search_tokens);
ALTER TABLE contacts ALTER COLUMN search_tokens SET STATISTICS 1000;

-- The personal profile lives apart so that list queries never read it.
CREATE TABLE contact_profiles (
    workspace_id     UUID NOT NULL,
    contact_id       UUID NOT NULL,
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
    birthday         DATE,
    PRIMARY KEY (workspace_id, contact_id),
    FOREIGN KEY (workspace_id, contact_id) REFERENCES contacts (workspace_id, id) ON DELETE CASCADE
);

CREATE TABLE account_links (
    workspace_id       UUID NOT NULL,
    id                 UUID NOT NULL,
    account_id         UUID NOT NULL,
    related_account_id UUID NOT NULL,
    kind               TEXT NOT NULL,
    note               TEXT NOT NULL DEFAULT '',
    created_at         TIMESTAMPTZ NOT NULL,
    created_by         UUID,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, account_id, related_account_id, kind),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, related_account_id) REFERENCES accounts (workspace_id, id)
);
CREATE INDEX account_links_related ON account_links (workspace_id, related_account_id);

CREATE TABLE field_definitions (
    workspace_id UUID NOT NULL REFERENCES workspaces (id),
    id           UUID NOT NULL,
    entity       TEXT NOT NULL,
    key          TEXT NOT NULL,
    label        TEXT NOT NULL,
    type         TEXT NOT NULL,
    options      JSONB NOT NULL DEFAULT '[]',
    required     BOOLEAN NOT NULL DEFAULT FALSE,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   UUID,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   UUID,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, entity, key)
);

CREATE TABLE saved_views (
    workspace_id UUID NOT NULL,
    id           UUID NOT NULL,
    user_id      UUID NOT NULL,
    entity       TEXT NOT NULL,
    name         TEXT NOT NULL,
    query        TEXT NOT NULL DEFAULT '',
    columns      JSONB NOT NULL DEFAULT '[]',
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   UUID,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   UUID,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, user_id, entity, name),
    FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, id) ON DELETE CASCADE
);

-- Append-only field history of every record.
CREATE TABLE history (
    workspace_id UUID NOT NULL,
    id           UUID NOT NULL,
    entity       TEXT NOT NULL,
    record_id    UUID NOT NULL,
    field        TEXT NOT NULL,
    old          TEXT NOT NULL DEFAULT '',
    new          TEXT NOT NULL DEFAULT '',
    actor_id     UUID,
    at           TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (workspace_id, id)
);
CREATE INDEX history_record ON history (workspace_id, entity, record_id, id);

-- +goose Down
DROP TABLE history;
DROP TABLE saved_views;
DROP TABLE field_definitions;
DROP TABLE account_links;
DROP TABLE contact_profiles;
DROP TABLE contacts;
DROP TABLE accounts;
DROP TABLE login_failures;
DROP TABLE api_tokens;
DROP TABLE sessions;
DROP TABLE users;
DROP TABLE teams;
DROP TABLE workspaces;
