-- +goose Up
-- What an offer asks of candidates, as its text states it (internal/normalize): languages with
-- their CEFR level ("en:C1 fr:B2"), the lowest ISCED level accepted (-1: not stated) and years
-- of experience. Matching reads them for the offers it ranks.
ALTER TABLE jobs ADD COLUMN req_languages TEXT NOT NULL DEFAULT '';
ALTER TABLE jobs ADD COLUMN req_isced INTEGER NOT NULL DEFAULT -1;
ALTER TABLE jobs ADD COLUMN req_years INTEGER NOT NULL DEFAULT 0;
-- "Offers for me" looks up the open offers of an occupation and of the preferred countries.
CREATE INDEX job_facets_isco ON job_facets (isco08);
CREATE INDEX job_facets_country ON job_facets (country);

-- A seeker's application to an offer and what came of it; every change is an event, so that
-- the statistics can count interviews and hires by date.
CREATE TABLE applications (
    id         INTEGER PRIMARY KEY,
    seeker_id  INTEGER NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
    job_id     INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    status     TEXT NOT NULL CHECK (status IN ('applied', 'interview', 'hired', 'not_selected')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    UNIQUE (seeker_id, job_id)
);
CREATE INDEX applications_job ON applications (job_id);
CREATE TABLE application_events (
    id             INTEGER PRIMARY KEY,
    application_id INTEGER NOT NULL REFERENCES applications (id) ON DELETE CASCADE,
    status         TEXT NOT NULL,
    by_user_id     INTEGER REFERENCES users (id) ON DELETE SET NULL,
    by_staff       BOOLEAN NOT NULL DEFAULT 0,
    at             TEXT NOT NULL
);
CREATE INDEX application_events_application ON application_events (application_id);

-- The seekers a counsellor put forward for an offer (only those who consented to share their CV).
CREATE TABLE shortlists (
    job_id     INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    seeker_id  INTEGER NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
    added_by   INTEGER REFERENCES users (id) ON DELETE SET NULL,
    added_at   TEXT NOT NULL,
    PRIMARY KEY (job_id, seeker_id)
);

-- Shared computers in the agency's offices. The browser keeps an opaque token (hashed here);
-- sessions opened on a kiosk expire after a few minutes without use.
CREATE TABLE kiosks (
    id         INTEGER PRIMARY KEY,
    hash       TEXT NOT NULL UNIQUE,
    office_id  INTEGER REFERENCES offices (id),
    name       TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    revoked_at TEXT
);
ALTER TABLE sessions ADD COLUMN kiosk_id INTEGER REFERENCES kiosks (id) ON DELETE CASCADE;

-- +goose Down
ALTER TABLE sessions DROP COLUMN kiosk_id;
DROP TABLE kiosks;
DROP TABLE shortlists;
DROP TABLE application_events;
DROP TABLE applications;
DROP INDEX job_facets_country;
DROP INDEX job_facets_isco;
ALTER TABLE jobs DROP COLUMN req_years;
ALTER TABLE jobs DROP COLUMN req_isced;
ALTER TABLE jobs DROP COLUMN req_languages;
