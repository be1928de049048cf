package store

import (
	"context"
	"time"

	"mobilite"
)

const sourceColumns = `id, name, kind, url, organization_id, default_country, default_language, interval_minutes, enabled,
	trusted, etag, last_modified, last_run_at, last_success_at, last_error, items_seen, items_new, items_updated,
	items_closed, failures, next_run_at, created_at, updated_at`

func scanSource(r interface{ Scan(...any) error }) (*mobilite.Source, error) {
	s := &mobilite.Source{}
	err := r.Scan(&s.ID, &s.Name, &s.Kind, &s.URL, id(&s.OrgID), &s.DefaultCountry, &s.DefaultLanguage, &s.IntervalMinutes,
		&s.Enabled, &s.Trusted, &s.ETag, &s.LastModified, tm(&s.LastRunAt), tm(&s.LastSuccessAt), &s.LastError, &s.ItemsSeen,
		&s.ItemsNew, &s.ItemsUpdated, &s.ItemsClosed, &s.Failures, tm(&s.NextRunAt), tm(&s.CreatedAt), tm(&s.UpdatedAt))
	return s, err
}

// CreateSource inserts s.
func (db *DB) CreateSource(ctx context.Context, s *mobilite.Source) error {
	var err error
	s.ID, err = db.insert(ctx, `INSERT INTO sources (name, kind, url, organization_id, default_country, default_language,
		interval_minutes, enabled, trusted, etag, last_modified, last_run_at, last_success_at, last_error, items_seen, items_new,
		items_updated, items_closed, failures, next_run_at, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		s.Name, s.Kind, s.URL, idOrNull(s.OrgID), s.DefaultCountry, s.DefaultLanguage, s.IntervalMinutes, s.Enabled, s.Trusted,
		s.ETag, s.LastModified, ts(s.LastRunAt), ts(s.LastSuccessAt), s.LastError, s.ItemsSeen, s.ItemsNew, s.ItemsUpdated,
		s.ItemsClosed, s.Failures, ts(s.NextRunAt), ts(s.CreatedAt), ts(s.UpdatedAt))
	return db.fail("create source", err)
}

// FindSources lists the sources by name.
func (db *DB) FindSources(ctx context.Context) ([]*mobilite.Source, error) {
	rows, err := db.query(ctx, `SELECT `+sourceColumns+` FROM sources ORDER BY name, id`)
	if err != nil {
		return nil, db.fail("find sources", err)
	}
	out, err := collect(rows, scanSource)
	return out, db.fail("find sources", err)
}

// FindSourceByID returns one source.
func (db *DB) FindSourceByID(ctx context.Context, sourceID int64) (*mobilite.Source, error) {
	s, err := scanSource(db.queryRow(ctx, `SELECT `+sourceColumns+` FROM sources WHERE id = ?`, sourceID))
	if err != nil {
		return nil, db.fail("find source", err)
	}
	return s, nil
}

// UpdateSource saves s.
func (db *DB) UpdateSource(ctx context.Context, s *mobilite.Source) error {
	res, err := db.exec(ctx, `UPDATE sources SET name = ?, kind = ?, url = ?, organization_id = ?, default_country = ?,
		default_language = ?, interval_minutes = ?, enabled = ?, trusted = ?, etag = ?, last_modified = ?, last_run_at = ?,
		last_success_at = ?, last_error = ?, items_seen = ?, items_new = ?, items_updated = ?, items_closed = ?, failures = ?,
		next_run_at = ?, updated_at = ? WHERE id = ?`,
		s.Name, s.Kind, s.URL, idOrNull(s.OrgID), s.DefaultCountry, s.DefaultLanguage, s.IntervalMinutes, s.Enabled, s.Trusted,
		s.ETag, s.LastModified, ts(s.LastRunAt), ts(s.LastSuccessAt), s.LastError, s.ItemsSeen, s.ItemsNew, s.ItemsUpdated,
		s.ItemsClosed, s.Failures, ts(s.NextRunAt), ts(s.UpdatedAt), s.ID)
	return db.affected("update source", res, err)
}

// ClaimDueSources leases due sources until lease.
func (db *DB) ClaimDueSources(ctx context.Context, now, lease time.Time, limit int) ([]*mobilite.Source, error) {
	var out []*mobilite.Source
	err := db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		rows, err := tx.query(ctx, `SELECT `+sourceColumns+` FROM sources WHERE enabled = ? AND next_run_at <= ?
			AND kind NOT IN (?, ?) ORDER BY next_run_at, id LIMIT ?`+tx.dialect.SkipLocked,
			true, ts(now), mobilite.SourceForm, mobilite.SourceFile, limit)
		if err != nil {
			return tx.fail("claim sources", err)
		}
		if out, err = collect(rows, scanSource); err != nil {
			return tx.fail("claim sources", err)
		}
		for _, s := range out {
			if _, err := tx.exec(ctx, `UPDATE sources SET next_run_at = ? WHERE id = ?`, ts(lease), s.ID); err != nil {
				return tx.fail("claim sources", err)
			}
		}
		return nil
	})
	return out, err
}
