-- +goose Up
-- Products, orders and the per-customer stats kept with them (issue 4).
-- Money is integer minor units of the workspace currency. customer_stats
-- and customer_products are derived from the orders of one account and
-- rewritten in the same transaction as every change of those orders, so
-- analytics reads one row per customer instead of scanning orders.

CREATE TABLE products (
    workspace_id UUID    NOT NULL REFERENCES workspaces (id),
    id           UUID NOT NULL,
    code         TEXT COLLATE "C" NOT NULL,
    name         TEXT NOT NULL,
    name_sort    TEXT COLLATE "C" NOT NULL,
    category     TEXT COLLATE "C" NOT NULL DEFAULT '',
    unit         TEXT NOT NULL DEFAULT '',
    list_price   BIGINT NOT NULL DEFAULT 0,
    unit_cost    BIGINT NOT NULL DEFAULT 0,
    description  TEXT NOT NULL DEFAULT '',
    active       BOOLEAN NOT NULL DEFAULT TRUE,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   UUID,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   UUID,
    PRIMARY KEY (workspace_id, id),
    UNIQUE (workspace_id, code)
);
CREATE INDEX products_name ON products (workspace_id, name_sort, id);
CREATE INDEX products_category ON products (workspace_id, category, name_sort, id);

CREATE TABLE orders (
    workspace_id UUID    NOT NULL REFERENCES workspaces (id),
    id           UUID NOT NULL,
    account_id   UUID NOT NULL,
    number       TEXT COLLATE "C" NOT NULL,
    status       TEXT NOT NULL,
    order_date   DATE NOT NULL,
    owner_id     UUID,
    team_id      UUID,
    note         TEXT NOT NULL DEFAULT '',
    revenue      BIGINT NOT NULL,
    cost         BIGINT NOT NULL,
    gross_profit BIGINT NOT NULL,
    version      INTEGER NOT NULL DEFAULT 1,
    created_at   TIMESTAMPTZ NOT NULL,
    created_by   UUID,
    updated_at   TIMESTAMPTZ NOT NULL,
    updated_by   UUID,
    deleted_at   TIMESTAMPTZ,
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
    workspace_id UUID    NOT NULL,
    order_id     UUID NOT NULL,
    line_no      INTEGER NOT NULL,
    product_id   UUID NOT NULL,
    quantity     BIGINT NOT NULL,
    unit_price   BIGINT NOT NULL,
    unit_cost    BIGINT NOT NULL,
    discount     BIGINT NOT NULL DEFAULT 0,
    revenue      BIGINT NOT NULL,
    PRIMARY KEY (workspace_id, order_id, line_no),
    FOREIGN KEY (workspace_id, order_id) REFERENCES orders (workspace_id, id) ON DELETE CASCADE,
    FOREIGN KEY (workspace_id, product_id) REFERENCES products (workspace_id, id)
);
CREATE INDEX order_lines_product ON order_lines (workspace_id, product_id, order_id);

CREATE TABLE customer_stats (
    workspace_id     UUID    NOT NULL,
    account_id       UUID NOT NULL,
    first_order_date DATE,
    last_order_date  DATE,
    order_count      BIGINT NOT NULL DEFAULT 0,
    revenue          BIGINT NOT NULL DEFAULT 0,
    gross_profit     BIGINT NOT NULL DEFAULT 0,
    service_cost     BIGINT NOT NULL DEFAULT 0,
    products_held    BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (workspace_id, account_id),
    FOREIGN KEY (workspace_id, account_id) REFERENCES accounts (workspace_id, id)
);

CREATE TABLE customer_products (
    workspace_id     UUID    NOT NULL,
    account_id       UUID NOT NULL,
    product_id       UUID NOT NULL,
    first_order_date DATE NOT NULL,
    last_order_date  DATE NOT NULL,
    quantity         BIGINT NOT NULL,
    revenue          BIGINT NOT NULL,
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
