-- +goose Up
-- Every offer's title, open or closed, in a full-text index of its own. Searches of closed offers
-- (status closed or all) read it instead of every title with LIKE, which took 1–2 s at a million
-- offers. The expression is the one the searches write (postgres.go, titleVector), with the
-- configurations of jobs_search.
CREATE INDEX jobs_title_words ON jobs USING gin ((to_tsvector('mobilite_fr', title) || to_tsvector('mobilite_en', title)));

-- +goose Down
DROP INDEX jobs_title_words;
