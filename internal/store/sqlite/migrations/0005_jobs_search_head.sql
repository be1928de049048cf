-- +goose Up
-- Nothing to do in SQLite: FTS5 ranks with bm25 from its own index. PostgreSQL's migration of
-- the same name adds the small vector its rank reads.
SELECT 1;

-- +goose Down
SELECT 1;
