-- +goose Up
-- The regulation registers. The licence register of private recruitment agencies: one row per
-- agency and one per event of its licence (granted, renewed, suspended, reinstated, revoked), so
-- that the status at any date is derived from the history, and the licences valid at the end of
-- a period and the suspensions and revocations in it can be counted. The register of complaints
-- of abusive recruitment: one row per complaint and one per change made by staff.
CREATE TABLE agencies (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    search_key TEXT NOT NULL, -- folded name and licence number
    licence    TEXT NOT NULL UNIQUE,
    region     TEXT NOT NULL,
    address    TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',
    email      TEXT NOT NULL DEFAULT '',
    granted_on TEXT NOT NULL,
    expires_on TEXT NOT NULL, -- the current expiry: that of the last grant or renewal
    source     TEXT NOT NULL DEFAULT 'form' CHECK (source IN ('form', 'demo')),
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE licence_events (
    id          INTEGER PRIMARY KEY,
    agency_id   INTEGER NOT NULL REFERENCES agencies (id) ON DELETE CASCADE,
    kind        TEXT NOT NULL CHECK (kind IN ('granted', 'renewed', 'suspended', 'reinstated', 'revoked')),
    date        TEXT NOT NULL,
    expires_on  TEXT, -- granted and renewed: the new expiry
    reason      TEXT NOT NULL DEFAULT '',
    recorded_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX licence_events_agency ON licence_events (agency_id, date, id);
CREATE INDEX licence_events_date ON licence_events (date, kind);

CREATE TABLE complaints (
    id              INTEGER PRIMARY KEY,
    reference       TEXT NOT NULL UNIQUE,
    code_hash       TEXT NOT NULL,
    category        TEXT NOT NULL CHECK (category IN ('recruitment_fees', 'contract_substitution', 'documents_retained',
                        'wages_unpaid', 'deception', 'trafficking', 'unlicensed_recruiter', 'other')),
    agency_id       INTEGER REFERENCES agencies (id) ON DELETE SET NULL,
    agency_name     TEXT NOT NULL DEFAULT '',
    destination     TEXT NOT NULL DEFAULT '',
    sex             TEXT NOT NULL DEFAULT '' CHECK (sex IN ('', 'F', 'M')),
    account         TEXT NOT NULL,
    contact_name    TEXT NOT NULL DEFAULT '',
    contact_phone   TEXT NOT NULL DEFAULT '',
    contact_email   TEXT NOT NULL DEFAULT '',
    contact_consent BOOLEAN NOT NULL DEFAULT 0,
    status          TEXT NOT NULL CHECK (status IN ('received', 'under_review', 'referred', 'resolved', 'dismissed')),
    referred_to     TEXT NOT NULL DEFAULT '',
    public_answer   TEXT NOT NULL DEFAULT '',
    source          TEXT NOT NULL CHECK (source IN ('form', 'office', 'demo')),
    filed_by        INTEGER REFERENCES users (id) ON DELETE SET NULL,
    office_id       INTEGER REFERENCES offices (id),
    received_at     TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    closed_at       TEXT,
    -- No contact details without the complainant's consent.
    CHECK (contact_consent OR (contact_name = '' AND contact_phone = '' AND contact_email = ''))
);
CREATE INDEX complaints_received ON complaints (received_at);
CREATE INDEX complaints_status ON complaints (status, received_at);

CREATE TABLE complaint_events (
    id            INTEGER PRIMARY KEY,
    complaint_id  INTEGER NOT NULL REFERENCES complaints (id) ON DELETE CASCADE,
    at            TEXT NOT NULL,
    actor_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    actor         TEXT NOT NULL DEFAULT '',
    from_status   TEXT NOT NULL,
    to_status     TEXT NOT NULL,
    referred_to   TEXT NOT NULL DEFAULT '',
    public_answer TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX complaint_events_complaint ON complaint_events (complaint_id, id);

-- +goose Down
DROP TABLE complaint_events;
DROP TABLE complaints;
DROP TABLE licence_events;
DROP TABLE agencies;
