-- +goose Up
-- PostgreSQL's bare full-text query became one function returning a list of ids; SQLite's needs
-- no schema change (group_concat in the query). The number is kept so that both engines have the
-- same migrations.
SELECT 1;

-- +goose Down
SELECT 1;
