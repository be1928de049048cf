-- +goose Up
CREATE TABLE organizations (
    id         INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    name_key   TEXT NOT NULL UNIQUE, -- folded name or acronym: the same organisation from two sources
    short_name TEXT NOT NULL DEFAULT '',
    type       TEXT NOT NULL DEFAULT 'other',
    trusted    BOOLEAN NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE sources (
    id               INTEGER PRIMARY KEY,
    name             TEXT NOT NULL,
    kind             TEXT NOT NULL,
    url              TEXT NOT NULL DEFAULT '',
    organization_id  INTEGER REFERENCES organizations (id),
    default_country  TEXT NOT NULL DEFAULT '',
    default_language TEXT NOT NULL DEFAULT '',
    interval_minutes INTEGER NOT NULL DEFAULT 60,
    enabled          BOOLEAN NOT NULL DEFAULT 1,
    trusted          BOOLEAN NOT NULL DEFAULT 0,
    etag             TEXT NOT NULL DEFAULT '',
    last_modified    TEXT NOT NULL DEFAULT '',
    last_run_at      TEXT,
    last_success_at  TEXT,
    last_error       TEXT NOT NULL DEFAULT '',
    items_seen       INTEGER NOT NULL DEFAULT 0,
    items_new        INTEGER NOT NULL DEFAULT 0,
    items_updated    INTEGER NOT NULL DEFAULT 0,
    items_closed     INTEGER NOT NULL DEFAULT 0,
    failures         INTEGER NOT NULL DEFAULT 0,
    next_run_at      TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX sources_due ON sources (enabled, next_run_at);

CREATE TABLE jobs (
    id              INTEGER PRIMARY KEY,
    title           TEXT NOT NULL,
    organization_id INTEGER NOT NULL REFERENCES organizations (id),
    description     TEXT NOT NULL DEFAULT '',
    how_to_apply    TEXT NOT NULL DEFAULT '',
    apply_url       TEXT NOT NULL DEFAULT '',
    country         TEXT NOT NULL DEFAULT '',
    city            TEXT NOT NULL DEFAULT '',
    isco08          TEXT NOT NULL DEFAULT '',
    isco_major      TEXT NOT NULL DEFAULT '',
    isco_confidence REAL NOT NULL DEFAULT 0,
    isco_manual     BOOLEAN NOT NULL DEFAULT 0,
    contract        TEXT NOT NULL DEFAULT '',
    deadline        TEXT,
    language        TEXT NOT NULL DEFAULT '',
    status          TEXT NOT NULL CHECK (status IN ('open', 'closed', 'held', 'rejected')),
    close_reason    TEXT NOT NULL DEFAULT '',
    flags           TEXT NOT NULL DEFAULT '[]',
    no_fee          BOOLEAN NOT NULL DEFAULT 0,
    fingerprint     TEXT NOT NULL DEFAULT '',
    partner_id      INTEGER REFERENCES users (id) ON DELETE SET NULL,
    external_id     TEXT NOT NULL DEFAULT '',
    published_at    TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    closed_at       TEXT
);
CREATE INDEX jobs_open ON jobs (status, published_at);
CREATE INDEX jobs_deadline ON jobs (status, deadline);
CREATE INDEX jobs_fingerprint ON jobs (fingerprint);
CREATE INDEX jobs_updated ON jobs (updated_at);
CREATE INDEX jobs_org ON jobs (organization_id);
CREATE UNIQUE INDEX jobs_partner_external ON jobs (partner_id, external_id) WHERE partner_id IS NOT NULL AND external_id <> '';

-- Where each offer was seen: a source lists an item under its own identifier.
CREATE TABLE job_sources (
    source_id   INTEGER NOT NULL REFERENCES sources (id) ON DELETE CASCADE,
    external_id TEXT NOT NULL,
    job_id      INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    url         TEXT NOT NULL DEFAULT '',
    content_hash TEXT NOT NULL DEFAULT '',
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    gone        BOOLEAN NOT NULL DEFAULT 0,
    PRIMARY KEY (source_id, external_id)
);
CREATE INDEX job_sources_job ON job_sources (job_id);

-- The full-text index holds open offers only: closed ones leave search. Contentless (the text
-- lives in jobs), with deletes; accents ignored, English (and French plural) endings stemmed.
CREATE VIRTUAL TABLE jobs_fts USING fts5 (
    title, organization, body,
    content = '', contentless_delete = 1,
    tokenize = 'porter unicode61 remove_diacritics 2'
);

CREATE TABLE job_reports (
    id          INTEGER PRIMARY KEY,
    job_id      INTEGER NOT NULL REFERENCES jobs (id) ON DELETE CASCADE,
    reason      TEXT NOT NULL,
    comment     TEXT NOT NULL DEFAULT '',
    reporter_id INTEGER REFERENCES users (id) ON DELETE SET NULL,
    ip          TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'actioned')),
    handled_by  INTEGER REFERENCES users (id) ON DELETE SET NULL,
    handled_at  TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX job_reports_status ON job_reports (status, created_at);

CREATE TABLE saved_searches (
    id           INTEGER PRIMARY KEY,
    user_id      INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    query        TEXT NOT NULL,
    label        TEXT NOT NULL,
    frequency    TEXT NOT NULL CHECK (frequency IN ('instant', 'daily')),
    unsubscribe  TEXT NOT NULL UNIQUE, -- the token of the unsubscribe link (it can only stop this alert)
    last_job_id  INTEGER NOT NULL DEFAULT 0,
    last_sent_at TEXT,
    created_at   TEXT NOT NULL
);
CREATE INDEX saved_searches_user ON saved_searches (user_id);

-- A file of offers uploaded by staff, kept until its import is confirmed.
CREATE TABLE uploads (
    id         INTEGER PRIMARY KEY,
    user_id    INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name       TEXT NOT NULL,
    kind       TEXT NOT NULL,
    data       BLOB NOT NULL,
    created_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE uploads;
DROP TABLE saved_searches;
DROP TABLE job_reports;
DROP TABLE jobs_fts;
DROP TABLE job_sources;
DROP TABLE jobs;
DROP TABLE sources;
DROP TABLE organizations;
