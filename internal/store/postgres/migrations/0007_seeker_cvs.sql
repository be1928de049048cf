-- +goose Up
-- The CV a seeker uploaded: one PDF per seeker, checked by content before it is stored.
CREATE TABLE seeker_cvs (
    seeker_id   BIGINT PRIMARY KEY REFERENCES seekers (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    size        BIGINT NOT NULL CHECK (size > 0),
    sha256      TEXT NOT NULL,
    content     BYTEA NOT NULL,
    uploaded_at TIMESTAMPTZ NOT NULL
);

-- +goose Down
DROP TABLE seeker_cvs;
