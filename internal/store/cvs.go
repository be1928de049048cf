package store

import (
	"context"

	"mobilite"
)

// PutSeekerCV saves cv as its seeker's CV, replacing the one before: both statements run in one
// transaction, so that a seeker never has two CVs nor, after a failed upload, none.
func (db *DB) PutSeekerCV(ctx context.Context, cv *mobilite.SeekerCV) error {
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		// Checked first so that an unknown seeker is ENOTFOUND on both engines rather than each
		// engine's own foreign-key error.
		var one int
		if err := tx.queryRow(ctx, `SELECT 1 FROM seekers WHERE id = ?`, cv.SeekerID).Scan(&one); err != nil {
			return tx.fail("find seeker of cv", err)
		}
		if _, err := tx.exec(ctx, `DELETE FROM seeker_cvs WHERE seeker_id = ?`, cv.SeekerID); err != nil {
			return tx.fail("replace cv", err)
		}
		_, err := tx.exec(ctx, `INSERT INTO seeker_cvs (seeker_id, file_name, size, sha256, content, uploaded_at)
			VALUES (?, ?, ?, ?, ?, ?)`, cv.SeekerID, cv.FileName, cv.Size, cv.SHA256, cv.Content, ts(cv.UploadedAt))
		return tx.fail("write cv", err)
	})
}

// FindSeekerCV returns a seeker's CV with its content.
func (db *DB) FindSeekerCV(ctx context.Context, seekerID int64) (*mobilite.SeekerCV, error) {
	cv := &mobilite.SeekerCV{}
	err := db.queryRow(ctx, `SELECT seeker_id, file_name, size, sha256, content, uploaded_at FROM seeker_cvs WHERE seeker_id = ?`,
		seekerID).Scan(&cv.SeekerID, &cv.FileName, &cv.Size, &cv.SHA256, &cv.Content, tm(&cv.UploadedAt))
	if err != nil {
		return nil, db.fail("find cv", err)
	}
	return cv, nil
}

// FindSeekerCVInfo returns a seeker's CV without its content.
func (db *DB) FindSeekerCVInfo(ctx context.Context, seekerID int64) (*mobilite.SeekerCV, error) {
	cv := &mobilite.SeekerCV{}
	err := db.queryRow(ctx, `SELECT seeker_id, file_name, size, sha256, uploaded_at FROM seeker_cvs WHERE seeker_id = ?`,
		seekerID).Scan(&cv.SeekerID, &cv.FileName, &cv.Size, &cv.SHA256, tm(&cv.UploadedAt))
	if err != nil {
		return nil, db.fail("find cv", err)
	}
	return cv, nil
}

// DeleteSeekerCV deletes a seeker's CV.
func (db *DB) DeleteSeekerCV(ctx context.Context, seekerID int64) error {
	res, err := db.exec(ctx, `DELETE FROM seeker_cvs WHERE seeker_id = ?`, seekerID)
	return db.affected("delete cv", res, err)
}
