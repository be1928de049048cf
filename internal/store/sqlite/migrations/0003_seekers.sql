-- +goose Up
-- The register of job seekers. A deleted seeker keeps only anonymised fields for statistics.
CREATE TABLE seekers (
    id                  INTEGER PRIMARY KEY,
    user_id             INTEGER UNIQUE REFERENCES users (id) ON DELETE SET NULL,
    number              TEXT UNIQUE,
    given_name          TEXT NOT NULL,
    family_name         TEXT NOT NULL,
    name_key            TEXT NOT NULL,
    sex                 TEXT NOT NULL,
    birth_date          TEXT,
    nationality         TEXT NOT NULL DEFAULT '',
    id_type             TEXT NOT NULL DEFAULT '',
    id_number           TEXT NOT NULL DEFAULT '',
    phone               TEXT NOT NULL DEFAULT '',
    email               TEXT NOT NULL DEFAULT '',
    region              TEXT NOT NULL DEFAULT '',
    prefecture          TEXT NOT NULL DEFAULT '',
    country             TEXT NOT NULL DEFAULT '',
    city                TEXT NOT NULL DEFAULT '',
    isced_level         INTEGER NOT NULL DEFAULT -1,
    education_field     TEXT NOT NULL DEFAULT '',
    diploma             TEXT NOT NULL DEFAULT '',
    graduation_year     INTEGER NOT NULL DEFAULT 0,
    skills              TEXT NOT NULL DEFAULT '',
    driving_licence     TEXT NOT NULL DEFAULT '',
    availability        TEXT NOT NULL DEFAULT '',
    migration_intent    TEXT NOT NULL DEFAULT 'none',
    wants_accompaniment BOOLEAN NOT NULL DEFAULT 0,
    consent_processing  TEXT,
    consent_share_cv    TEXT,
    consent_surveys     TEXT,
    consent_by          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    channel             TEXT NOT NULL,
    office_id           INTEGER REFERENCES offices (id),
    status              TEXT NOT NULL CHECK (status IN ('active', 'deleted')),
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
-- One active record per phone number; the duplicate checks read the other two keys.
CREATE UNIQUE INDEX seekers_phone ON seekers (phone) WHERE status = 'active' AND phone <> '';
CREATE INDEX seekers_id_number ON seekers (id_number) WHERE id_number <> '';
CREATE INDEX seekers_name_birth ON seekers (name_key, birth_date);
CREATE INDEX seekers_office ON seekers (office_id, status);
CREATE INDEX seekers_region ON seekers (region, status);

CREATE TABLE seeker_occupations (
    seeker_id INTEGER NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    isco08    TEXT NOT NULL,
    years     INTEGER NOT NULL DEFAULT 0,
    kind      TEXT NOT NULL CHECK (kind IN ('sought', 'held')),
    PRIMARY KEY (seeker_id, position)
);
CREATE INDEX seeker_occupations_isco ON seeker_occupations (isco08);

CREATE TABLE seeker_languages (
    seeker_id INTEGER NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    language  TEXT NOT NULL,
    level     TEXT NOT NULL,
    PRIMARY KEY (seeker_id, position)
);

CREATE TABLE seeker_countries (
    seeker_id INTEGER NOT NULL REFERENCES seekers (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL,
    country   TEXT NOT NULL,
    PRIMARY KEY (seeker_id, position)
);
CREATE INDEX seeker_countries_country ON seeker_countries (country);

-- +goose Down
DROP TABLE seeker_countries;
DROP TABLE seeker_languages;
DROP TABLE seeker_occupations;
DROP TABLE seekers;
