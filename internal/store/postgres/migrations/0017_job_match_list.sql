-- +goose Up
-- The bare full-text query returns its matches as one text of ids separated by commas instead
-- of a row each: a word found in 100,000 open offers took 124 ms as rows and 48–66 ms as one
-- value (docs/PERFORMANCE.md). Through the index, as job_matches did (migration 0009).
-- +goose StatementBegin
CREATE FUNCTION job_match_list(q tsquery) RETURNS text LANGUAGE sql STABLE SET enable_seqscan = off
AS $$ SELECT coalesce(string_agg(job_id::text, ','), '') FROM jobs_search WHERE doc @@ q $$;
-- +goose StatementEnd
DROP FUNCTION job_matches(tsquery);

-- +goose Down
-- +goose StatementBegin
CREATE FUNCTION job_matches(q tsquery) RETURNS SETOF bigint LANGUAGE sql STABLE SET enable_seqscan = off
AS $$ SELECT job_id FROM jobs_search WHERE doc @@ q $$;
-- +goose StatementEnd
DROP FUNCTION job_match_list(tsquery);
