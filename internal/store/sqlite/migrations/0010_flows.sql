-- +goose Up
-- The register of labour-migration flows: one row per departure abroad (for work or study) and
-- one per return. Each row carries the person's statistical attributes itself, copied from the
-- seeker record when there is one, so that the indicators count without joins and keep counting
-- after a seeker's account is erased. person_key identifies the person across records (a hash of
-- the national ID, else of the folded name, sex and birth date); no name or ID number is kept here.
CREATE TABLE departures (
    id                   INTEGER PRIMARY KEY,
    person_key           TEXT NOT NULL,
    seeker_id            INTEGER REFERENCES seekers (id) ON DELETE SET NULL,
    sex                  TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    birth_date           TEXT,
    nationality          TEXT NOT NULL DEFAULT '',
    region               TEXT NOT NULL DEFAULT '',
    prefecture           TEXT NOT NULL DEFAULT '',
    isced_level          INTEGER NOT NULL DEFAULT -1,
    age                  INTEGER NOT NULL DEFAULT -1, -- at the departure, for the age bands
    date                 TEXT NOT NULL,
    purpose              TEXT NOT NULL DEFAULT 'work' CHECK (purpose IN ('work', 'study')),
    destination          TEXT NOT NULL,
    city                 TEXT NOT NULL DEFAULT '',
    employer             TEXT NOT NULL DEFAULT '',
    isic_section         TEXT NOT NULL DEFAULT '',
    isco08               TEXT NOT NULL DEFAULT '',
    channel              TEXT NOT NULL CHECK (channel IN ('public_agency', 'private_agency', 'bilateral', 'individual')),
    agency_licence       TEXT NOT NULL DEFAULT '',
    contract_verified    BOOLEAN NOT NULL DEFAULT 0,
    orientation_attended BOOLEAN NOT NULL DEFAULT 0,
    contract_months      INTEGER NOT NULL DEFAULT 0,
    planned_return       TEXT,
    worker_costs         REAL,
    first_monthly_wage   REAL,
    currency             TEXT NOT NULL DEFAULT '',
    source               TEXT NOT NULL,
    recorded_by          INTEGER REFERENCES users (id) ON DELETE SET NULL,
    office_id            INTEGER REFERENCES offices (id),
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);
CREATE INDEX departures_date ON departures (date);
CREATE INDEX departures_person ON departures (person_key, date);
CREATE INDEX departures_planned_return ON departures (planned_return) WHERE planned_return IS NOT NULL;
CREATE INDEX departures_seeker ON departures (seeker_id) WHERE seeker_id IS NOT NULL;

CREATE TABLE returns (
    id                 INTEGER PRIMARY KEY,
    person_key         TEXT NOT NULL,
    seeker_id          INTEGER REFERENCES seekers (id) ON DELETE SET NULL,
    departure_id       INTEGER REFERENCES departures (id) ON DELETE SET NULL,
    sex                TEXT NOT NULL CHECK (sex IN ('F', 'M')),
    birth_date         TEXT,
    nationality        TEXT NOT NULL DEFAULT '',
    region             TEXT NOT NULL DEFAULT '',
    prefecture         TEXT NOT NULL DEFAULT '',
    isced_level        INTEGER NOT NULL DEFAULT -1,
    age                INTEGER NOT NULL DEFAULT -1, -- at the return
    date               TEXT NOT NULL,
    previous_country   TEXT NOT NULL,
    months_abroad      INTEGER NOT NULL DEFAULT 0,
    return_type        TEXT NOT NULL CHECK (return_type IN ('end_of_contract', 'voluntary_early', 'forced', 'assisted')),
    isco08             TEXT NOT NULL DEFAULT '',
    skills             TEXT NOT NULL DEFAULT '',
    status_3m          TEXT NOT NULL DEFAULT '',
    status_6m          TEXT NOT NULL DEFAULT '',
    status_12m         TEXT NOT NULL DEFAULT '',
    source             TEXT NOT NULL,
    recorded_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    office_id          INTEGER REFERENCES offices (id),
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL
);
CREATE INDEX returns_date ON returns (date);
CREATE INDEX returns_person ON returns (person_key, date);

-- +goose Down
DROP TABLE returns;
DROP TABLE departures;
