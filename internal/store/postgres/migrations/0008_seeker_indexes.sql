-- +goose Up
-- Candidates for an offer read the occupations of a minor group of ISCO-08 with their seekers
-- (docs/PERFORMANCE.md, issue 4): with the seeker in the index the range is read from the index
-- alone, instead of one look-up of each occupation's row (half of the time at a million seekers).
-- It replaces the index on the code alone, which it begins with.
CREATE INDEX seeker_occupations_isco_seeker ON seeker_occupations (isco08, seeker_id, years, kind);
DROP INDEX seeker_occupations_isco;

-- +goose Down
CREATE INDEX seeker_occupations_isco ON seeker_occupations (isco08);
DROP INDEX seeker_occupations_isco_seeker;
