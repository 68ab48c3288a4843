-- +goose Up
-- Products, orders and the per-customer stats kept with them (issue 4).
-- Money is integer minor units of the workspace currency. customer_stats
-- and customer_products are derived from the orders of one account and
-- rewritten in the same transaction as every change of those orders, so
-- analytics reads one row per customer instead of scanning orders.

CREATE TABLE products (
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id),
    id           TEXT NOT NULL,
    code         TEXT NOT NULL,
    name         TEXT NOT NULL,
    name_sort    TEXT NOT NULL,
    category     TEXT NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    list_price   INTEGER NOT NULL DEFAULT 0,
    unit_cost    INTEGER NOT NULL DEFAULT 0,
    description  TEXT NOT NULL DEFAULT '',
    active       INTEGER NOT NULL DEFAULT TRUE,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT,
    updated_at   TIMESTAMP NOT NULL,
    updated_by   TEXT,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, code)
);
CREATE INDEX products_name ON products (workspace_id, name_sort, id);
CREATE INDEX products_category ON products (workspace_id, category, name_sort, id);

CREATE TABLE orders (
    workspace_id TEXT    NOT NULL REFERENCES workspaces (id),
    id           TEXT NOT NULL,
    account_id   TEXT NOT NULL,
    number       TEXT NOT NULL,
    status       TEXT NOT NULL,
    order_date   TEXT NOT NULL,
    owner_id     TEXT,
    team_id      TEXT,
    note         TEXT NOT NULL DEFAULT '',
    revenue      INTEGER NOT NULL,
    cost         INTEGER NOT NULL,
    gross_profit INTEGER NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMP NOT NULL,
    created_by   TEXT,
    updated_at   TIMESTAMP NOT NULL,
    updated_by   TEXT,
    deleted_at   TIMESTAMP,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, number),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, owner_id) REFERENCES users (workspace_id, id),
    FOREIGN KEY (workspace_id, team_id) REFERENCES teams (workspace_id, id)
);
CREATE INDEX orders_account ON orders (workspace_id, account_id, order_date, id);
CREATE INDEX orders_date ON orders (workspace_id, order_date, id) WHERE deleted_at IS NULL;
CREATE INDEX orders_owner ON orders (workspace_id, owner_id, order_date, id) WHERE deleted_at IS NULL;
CREATE INDEX orders_updated ON orders (workspace_id, updated_at, id) WHERE deleted_at IS NULL;

CREATE TABLE order_lines (
    workspace_id TEXT    NOT NULL,
    order_id     TEXT NOT NULL,
    line_no      INTEGER NOT NULL,
    product_id   TEXT NOT NULL,
    quantity     INTEGER NOT NULL,
    unit_price   INTEGER NOT NULL,
    unit_cost    INTEGER NOT NULL,
    discount     INTEGER NOT NULL DEFAULT 0,
    revenue      INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, order_id, line_no),
    FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, product_id) REFERENCES products (workspace_id, id)
);
CREATE INDEX order_lines_product ON order_lines (workspace_id, product_id, order_id);

CREATE TABLE customer_stats (
    workspace_id     TEXT    NOT NULL,
    account_id       TEXT NOT NULL,
    first_order_date TEXT,
    last_order_date  TEXT,
    order_count      INTEGER NOT NULL DEFAULT 0,
    revenue          INTEGER NOT NULL DEFAULT 0,
    gross_profit     INTEGER NOT NULL DEFAULT 0,
    service_cost     INTEGER NOT NULL DEFAULT 0,
    products_held    INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, account_id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id)
);

CREATE TABLE customer_products (
    workspace_id     TEXT    NOT NULL,
    account_id       TEXT NOT NULL,
    product_id       TEXT NOT NULL,
    first_order_date TEXT NOT NULL,
    last_order_date  TEXT NOT NULL,
    quantity         INTEGER NOT NULL,
    revenue          INTEGER NOT NULL,
    PRIMARY KEY (workspace_id, account_id, product_id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id),
    FOREIGN KEY (workspace_id, product_id) REFERENCES products (workspace_id, id)
);
CREATE INDEX customer_products_product ON customer_products (workspace_id, product_id);

-- +goose Down
DROP TABLE customer_products;
DROP TABLE customer_stats;
DROP TABLE order_lines;
DROP TABLE orders;
DROP TABLE products;
