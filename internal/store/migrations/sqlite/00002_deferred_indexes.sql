-- +goose Up
-- Indexes dropped for a bulk load and not yet rebuilt. Start-up rebuilds
-- whatever is listed here, so a bulk load cut short never leaves the
-- schema without its indexes.
CREATE TABLE deferred_indexes (
    name TEXT PRIMARY KEY,
    ddl  TEXT NOT NULL
);

-- +goose Down
DROP TABLE deferred_indexes;
