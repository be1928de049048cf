-- +goose Up
-- The long texts of offers, which no query filters on, cost less to write and to analyse
-- (docs/PERFORMANCE.md, seventh round):
-- - they are compressed with lz4 instead of pglz where the server has it: pglz took 7 % of the
--   server's processor during an ingestion, and lz4 compresses several times faster, and reads
--   back faster, for a little more room. Rows already stored keep their compression until they
--   are written again;
-- - ANALYZE (autovacuum's, as the tables grow by a tenth) keeps no statistics on them: no plan
--   uses them, and they were a fifth of its time on the offers' tables. The title's statistics
--   that matter are those of the expression of jobs_title_words, kept.
-- +goose StatementBegin
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
		ALTER TABLE jobs ALTER COLUMN description SET COMPRESSION lz4, ALTER COLUMN how_to_apply SET COMPRESSION lz4;
		ALTER TABLE jobs_search ALTER COLUMN doc SET COMPRESSION lz4;
	END IF;
END $$;
-- +goose StatementEnd
ALTER TABLE jobs ALTER COLUMN title SET STATISTICS 0, ALTER COLUMN description SET STATISTICS 0,
	ALTER COLUMN how_to_apply SET STATISTICS 0, ALTER COLUMN apply_url SET STATISTICS 0,
	ALTER COLUMN city SET STATISTICS 0, ALTER COLUMN close_reason SET STATISTICS 0,
	ALTER COLUMN flags SET STATISTICS 0, ALTER COLUMN req_languages SET STATISTICS 0;
ALTER TABLE jobs_search ALTER COLUMN head SET STATISTICS 0;

-- +goose Down
ALTER TABLE jobs_search ALTER COLUMN head SET STATISTICS -1;
ALTER TABLE jobs ALTER COLUMN title SET STATISTICS -1, ALTER COLUMN description SET STATISTICS -1,
	ALTER COLUMN how_to_apply SET STATISTICS -1, ALTER COLUMN apply_url SET STATISTICS -1,
	ALTER COLUMN city SET STATISTICS -1, ALTER COLUMN close_reason SET STATISTICS -1,
	ALTER COLUMN flags SET STATISTICS -1, ALTER COLUMN req_languages SET STATISTICS -1;
ALTER TABLE jobs ALTER COLUMN description SET COMPRESSION default, ALTER COLUMN how_to_apply SET COMPRESSION default;
ALTER TABLE jobs_search ALTER COLUMN doc SET COMPRESSION default;
