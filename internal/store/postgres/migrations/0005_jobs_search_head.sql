-- +goose Up
-- The title and organisation alone, weighted as in doc: the rank of a search reads this small
-- vector instead of the whole document, which PostgreSQL keeps compressed out of line (TOAST)
-- and had to read back for every matching offer (26 µs each: 187 ms → 15 ms for a word found in
-- 7,000 offers; docs/PERFORMANCE.md).
ALTER TABLE jobs_search ADD COLUMN head TSVECTOR NOT NULL DEFAULT '';
UPDATE jobs_search s SET head =
    setweight(to_tsvector('mobilite_fr', j.title) || to_tsvector('mobilite_en', j.title), 'A') ||
    setweight(to_tsvector('mobilite_fr', o.name) || to_tsvector('mobilite_en', o.name), 'B')
    FROM jobs j JOIN organizations o ON o.id = j.organization_id WHERE j.id = s.job_id;

-- +goose Down
ALTER TABLE jobs_search DROP COLUMN head;
