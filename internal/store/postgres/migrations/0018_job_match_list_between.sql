-- +goose Up
-- The bare full-text query for a part of the offers, by id: a common word is read in two
-- halves at once, on two connections (docs/PERFORMANCE.md). "job_id + 0" keeps the planner on
-- the full-text index (its bitmap, then the bounds), never on the primary key, which would read
-- every document of the range.
-- +goose StatementBegin
CREATE FUNCTION job_match_list_between(q tsquery, lo bigint, hi bigint) RETURNS text LANGUAGE sql STABLE SET enable_seqscan = off
AS $$ SELECT coalesce(string_agg(job_id::text, ','), '') FROM jobs_search WHERE doc @@ q AND job_id + 0 >= lo AND job_id + 0 < hi $$;
-- +goose StatementEnd

-- +goose Down
DROP FUNCTION job_match_list_between(tsquery, bigint, bigint);
