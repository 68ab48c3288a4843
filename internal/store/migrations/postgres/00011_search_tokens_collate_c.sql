-- +goose Up
-- The search tokens are hex strings compared for equality and order only,
-- never shown or sorted for a person, so they need no linguistic
-- collation. Under the database's default (a libc locale such as
-- C.UTF-8), every comparison inside the GIN index went through strcoll:
-- building the index took half as long again, and every account or
-- contact update paid it when the index merged its pending entries. The
-- type stays text[]; only the collation changes, so the table is not
-- rewritten, and the indexes are rebuilt.

DROP INDEX accounts_search_tokens;
ALTER TABLE accounts ALTER COLUMN search_tokens TYPE TEXT[] COLLATE "C";
CREATE INDEX accounts_search_tokens ON accounts USING gin (search_tokens);
ALTER TABLE accounts ALTER COLUMN search_tokens SET STATISTICS 1000;

DROP INDEX contacts_search_tokens;
ALTER TABLE contacts ALTER COLUMN search_tokens TYPE TEXT[] COLLATE "C";
CREATE INDEX contacts_search_tokens ON contacts USING gin (search_tokens);
ALTER TABLE contacts ALTER COLUMN search_tokens SET STATISTICS 1000;

-- +goose Down
DROP INDEX accounts_search_tokens;
ALTER TABLE accounts ALTER COLUMN search_tokens TYPE TEXT[] COLLATE "default";
CREATE INDEX accounts_search_tokens ON accounts USING gin (search_tokens);
ALTER TABLE accounts ALTER COLUMN search_tokens SET STATISTICS 1000;

DROP INDEX contacts_search_tokens;
ALTER TABLE contacts ALTER COLUMN search_tokens TYPE TEXT[] COLLATE "default";
CREATE INDEX contacts_search_tokens ON contacts USING gin (search_tokens);
ALTER TABLE contacts ALTER COLUMN search_tokens SET STATISTICS 1000;
