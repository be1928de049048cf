-- +goose Up
-- The log of changes to job_facets (the open offers), read by every server process to keep its
-- in-memory copy of the open offers current (internal/store/openjobs.go): a process reads the
-- offers changed since the last version it saw. Triggers write it, so that every write to
-- job_facets is logged whatever code makes it. SQLite has one writer at a time: the
-- AUTOINCREMENT key is in commit order and serves as the version. The log keeps the last
-- 100,000 changes; a process further behind loads the whole copy again.
CREATE TABLE job_index_log (
    version INTEGER PRIMARY KEY AUTOINCREMENT,
    job_id  INTEGER NOT NULL
);
-- +goose StatementBegin
CREATE TRIGGER job_facets_logged_insert AFTER INSERT ON job_facets BEGIN
    INSERT INTO job_index_log (job_id) VALUES (NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER job_facets_logged_update AFTER UPDATE ON job_facets BEGIN
    INSERT INTO job_index_log (job_id) VALUES (NEW.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER job_facets_logged_delete AFTER DELETE ON job_facets BEGIN
    INSERT INTO job_index_log (job_id) VALUES (OLD.id);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER job_index_log_pruned AFTER INSERT ON job_index_log WHEN NEW.version % 10000 = 0 BEGIN
    DELETE FROM job_index_log WHERE version <= NEW.version - 100000;
END;
-- +goose StatementEnd

-- +goose Down
DROP TRIGGER job_index_log_pruned;
DROP TRIGGER job_facets_logged_delete;
DROP TRIGGER job_facets_logged_update;
DROP TRIGGER job_facets_logged_insert;
DROP TABLE job_index_log;
