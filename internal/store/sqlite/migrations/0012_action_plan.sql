-- +goose Up
-- The ministry's strategic action plan on labour migration: objectives, each followed by
-- indicators of the catalogue with a baseline, yearly targets, the means of verification and
-- the body responsible. The actual values are computed, never typed.
CREATE TABLE plan_objectives (
    id         INTEGER PRIMARY KEY,
    code       TEXT NOT NULL UNIQUE,
    title_fr   TEXT NOT NULL,
    title_en   TEXT NOT NULL DEFAULT '',
    position   INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

CREATE TABLE plan_lines (
    id              INTEGER PRIMARY KEY,
    objective_id    INTEGER NOT NULL REFERENCES plan_objectives (id) ON DELETE CASCADE,
    indicator_id    TEXT NOT NULL,
    baseline_value  REAL,
    baseline_year   INTEGER NOT NULL DEFAULT 0,
    baseline_source TEXT NOT NULL DEFAULT '',
    targets         TEXT NOT NULL DEFAULT '{}', -- {"2026": 40, "2027": 45}
    higher_better   BOOLEAN NOT NULL DEFAULT 1,
    verification    TEXT NOT NULL DEFAULT '',
    responsible     TEXT NOT NULL DEFAULT '',
    position        INTEGER NOT NULL DEFAULT 0,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    UNIQUE (objective_id, indicator_id)
);

-- +goose Down
DROP TABLE plan_lines;
DROP TABLE plan_objectives;
