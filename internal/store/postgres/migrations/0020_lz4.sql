-- +goose Up
-- The long texts of offers are compressed with lz4 instead of pglz where the server has it:
-- pglz took 7 % of the server's processor during an ingestion (docs/PERFORMANCE.md), and lz4
-- compresses several times faster, and reads back faster, for a little more room. Rows
-- already stored keep their compression until they are written again.
-- +goose StatementBegin
DO $$
BEGIN
	IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
		ALTER TABLE jobs ALTER COLUMN description SET COMPRESSION lz4, ALTER COLUMN how_to_apply SET COMPRESSION lz4;
		ALTER TABLE jobs_search ALTER COLUMN doc SET COMPRESSION lz4;
	END IF;
END $$;
-- +goose StatementEnd

-- +goose Down
ALTER TABLE jobs ALTER COLUMN description SET COMPRESSION default, ALTER COLUMN how_to_apply SET COMPRESSION default;
ALTER TABLE jobs_search ALTER COLUMN doc SET COMPRESSION default;
