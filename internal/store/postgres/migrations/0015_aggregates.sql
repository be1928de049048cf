-- +goose Up
-- Figures that arrive already counted from other administrations, in DHIS2's shape: a data
-- element (what is counted, with its disaggregations and period type), and data values by
-- period (2025, 2025Q1, 202503), organisation unit (TGO, a region TG-M, a prefecture, or a
-- country abroad by its alpha-3 code) and category combination (ILOSTAT codes joined by "|",
-- e.g. "SEX_F|ECO_ISIC4_C"; "" for the undisaggregated value).
CREATE TABLE data_elements (
    id              TEXT PRIMARY KEY,
    name_fr         TEXT NOT NULL,
    name_en         TEXT NOT NULL,
    disaggregations TEXT NOT NULL DEFAULT '',
    period_type     TEXT NOT NULL CHECK (period_type IN ('year', 'quarter', 'month')),
    org_level       TEXT NOT NULL CHECK (org_level IN ('country', 'region', 'prefecture', 'abroad')),
    created_at      TIMESTAMPTZ NOT NULL
);

CREATE TABLE data_values (
    element_id TEXT NOT NULL REFERENCES data_elements (id) ON DELETE CASCADE,
    period     TEXT NOT NULL,
    org_unit   TEXT NOT NULL,
    category   TEXT NOT NULL DEFAULT '',
    value      DOUBLE PRECISION NOT NULL,
    stored_by  BIGINT REFERENCES users (id) ON DELETE SET NULL,
    updated_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (element_id, period, org_unit, category)
);

-- +goose Down
DROP TABLE data_values;
DROP TABLE data_elements;
