-- +goose Up
-- Questionnaires imported from XLSForms, with the roles of their questions (JSON).
CREATE TABLE survey_forms (
    id         INTEGER PRIMARY KEY,
    form_key   TEXT NOT NULL UNIQUE,
    title      TEXT NOT NULL,
    version    TEXT NOT NULL DEFAULT '',
    definition TEXT NOT NULL,
    roles      TEXT NOT NULL DEFAULT '{}',
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- A validated file of submissions, kept until its user confirms the load; its content is
-- kept in chunks of 1 MB, read one after the other by the load.
CREATE TABLE survey_uploads (
    id         INTEGER PRIMARY KEY,
    form_id    INTEGER NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    size       BIGINT NOT NULL,
    valid      INTEGER NOT NULL DEFAULT 0,
    loaded     INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE survey_upload_chunks (
    upload_id INTEGER NOT NULL REFERENCES survey_uploads (id) ON DELETE CASCADE,
    seq       INTEGER NOT NULL,
    data      BLOB NOT NULL,
    PRIMARY KEY (upload_id, seq)
);

-- One filled questionnaire: its answers as compact JSON, and the variables of the survey
-- indicators extracted through the form's roles (rewritten when the roles change).
CREATE TABLE survey_submissions (
    id                 INTEGER PRIMARY KEY,
    form_id            INTEGER NOT NULL REFERENCES survey_forms (id) ON DELETE CASCADE,
    uuid               TEXT NOT NULL,
    submitted_at       TEXT NOT NULL,
    uploaded_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at         TEXT NOT NULL,
    answers            TEXT NOT NULL,
    sex                TEXT,
    age                INTEGER,
    born_abroad        BOOLEAN,
    foreign_citizen    BOOLEAN,
    lf_status          TEXT,
    weight             REAL,
    worked_abroad      BOOLEAN,
    last_country       TEXT,
    years_since_return REAL,
    costs              REAL,
    earnings           REAL,
    UNIQUE (form_id, uuid)
);
CREATE INDEX survey_submissions_time ON survey_submissions (form_id, submitted_at);

-- +goose Down
DROP TABLE survey_submissions;
DROP TABLE survey_upload_chunks;
DROP TABLE survey_uploads;
DROP TABLE survey_forms;
