-- +goose Up
-- Nothing to do on SQLite: its search tokens live in FTS5 tables, which
-- compare bytes. PostgreSQL's migration of the same number gives its
-- token arrays the C collation; the two directories keep one numbering.
SELECT 1;

-- +goose Down
SELECT 1;
