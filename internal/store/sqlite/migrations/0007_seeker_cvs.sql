-- +goose Up
-- The CV a seeker uploaded: one PDF per seeker, checked by content before it is stored.
CREATE TABLE seeker_cvs (
    seeker_id   INTEGER PRIMARY KEY REFERENCES seekers (id) ON DELETE CASCADE,
    file_name   TEXT NOT NULL,
    size        INTEGER NOT NULL CHECK (size > 0),
    sha256      TEXT NOT NULL,
    content     BLOB NOT NULL,
    uploaded_at TEXT NOT NULL
);

-- +goose Down
DROP TABLE seeker_cvs;
