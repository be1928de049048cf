-- +goose Up
-- The open offers' filter and facet columns, in a narrow table kept with the full-text index
-- (an offer is in both while it is open): a search filters and counts here instead of reading
-- the wide rows of jobs, whose descriptions spread them over a page each (docs/PERFORMANCE.md).
CREATE TABLE job_facets (
    id              INTEGER PRIMARY KEY REFERENCES jobs (id) ON DELETE CASCADE,
    country         TEXT NOT NULL,
    organization_id INTEGER NOT NULL,
    isco08          TEXT NOT NULL,
    isco_major      TEXT NOT NULL,
    contract        TEXT NOT NULL,
    language        TEXT NOT NULL,
    deadline        TEXT,
    published_at    TEXT NOT NULL,
    partner_id      INTEGER
);
CREATE INDEX job_facets_published ON job_facets (published_at);
INSERT INTO job_facets (id, country, organization_id, isco08, isco_major, contract, language, deadline, published_at, partner_id)
    SELECT id, country, organization_id, isco08, isco_major, contract, language, deadline, published_at, partner_id
    FROM jobs WHERE status = 'open';

-- +goose Down
DROP TABLE job_facets;
