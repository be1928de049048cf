-- +goose Up
-- Indicators added by statisticians, besides the catalogue shipped with the code. The definition
-- is the indicator as JSON (see internal/indicators: numerator and denominator are measures).
CREATE TABLE custom_indicators (
    id         TEXT PRIMARY KEY,
    definition TEXT NOT NULL,
    created_by INTEGER REFERENCES users (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE custom_indicators;
