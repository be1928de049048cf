package store

import (
	"context"
	"time"

	"mobilite"
)

// CreateJobReport inserts r.
func (db *DB) CreateJobReport(ctx context.Context, r *mobilite.JobReport) error {
	if r.Status == "" {
		r.Status = "open"
	}
	var err error
	r.ID, err = db.insert(ctx, `INSERT INTO job_reports (job_id, reason, comment, reporter_id, ip, status, handled_by, handled_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, r.JobID, r.Reason, r.Comment, idOrNull(r.ReporterID), r.IP, r.Status,
		idOrNull(r.HandledBy), ts(r.HandledAt), ts(r.CreatedAt))
	return db.fail("create job report", err)
}

// FindJobReports lists reports with a status ("" for all), newest first, and the total.
func (db *DB) FindJobReports(ctx context.Context, status string, offset, limit int) ([]*mobilite.JobReport, int, error) {
	var w where
	if status != "" {
		w.add("r.status = ?", status)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT count(*) FROM job_reports r`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, db.fail("count job reports", err)
	}
	offset, limit = page(offset, limit, 500)
	rows, err := db.query(ctx, `SELECT r.id, r.job_id, j.title, r.reason, r.comment, r.reporter_id, r.ip, r.status, r.handled_by,
		r.handled_at, r.created_at FROM job_reports r JOIN jobs j ON j.id = r.job_id`+w.String()+
		` ORDER BY r.id DESC LIMIT ? OFFSET ?`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, db.fail("find job reports", err)
	}
	out, err := collect(rows, func(row interface{ Scan(...any) error }) (*mobilite.JobReport, error) {
		r := &mobilite.JobReport{}
		return r, row.Scan(&r.ID, &r.JobID, &r.JobTitle, &r.Reason, &r.Comment, id(&r.ReporterID), &r.IP, &r.Status,
			id(&r.HandledBy), tm(&r.HandledAt), tm(&r.CreatedAt))
	})
	return out, total, db.fail("find job reports", err)
}

// FindJobReportByID returns one report.
func (db *DB) FindJobReportByID(ctx context.Context, reportID int64) (*mobilite.JobReport, error) {
	r := &mobilite.JobReport{}
	err := db.queryRow(ctx, `SELECT r.id, r.job_id, j.title, r.reason, r.comment, r.reporter_id, r.ip, r.status, r.handled_by,
		r.handled_at, r.created_at FROM job_reports r JOIN jobs j ON j.id = r.job_id WHERE r.id = ?`, reportID).
		Scan(&r.ID, &r.JobID, &r.JobTitle, &r.Reason, &r.Comment, id(&r.ReporterID), &r.IP, &r.Status,
			id(&r.HandledBy), tm(&r.HandledAt), tm(&r.CreatedAt))
	if err != nil {
		return nil, db.fail("find job report", err)
	}
	return r, nil
}

// UpdateJobReport saves the handling of a report.
func (db *DB) UpdateJobReport(ctx context.Context, r *mobilite.JobReport) error {
	res, err := db.exec(ctx, `UPDATE job_reports SET status = ?, handled_by = ?, handled_at = ? WHERE id = ?`,
		r.Status, idOrNull(r.HandledBy), ts(r.HandledAt), r.ID)
	return db.affected("update job report", res, err)
}

const savedColumns = `id, user_id, query, label, frequency, unsubscribe, last_job_id, last_sent_at, created_at`

func scanSaved(r interface{ Scan(...any) error }) (*mobilite.SavedSearch, error) {
	s := &mobilite.SavedSearch{}
	return s, r.Scan(&s.ID, &s.UserID, &s.Query, &s.Label, &s.Frequency, &s.Unsubscribe, &s.LastJobID, tm(&s.LastSentAt), tm(&s.CreatedAt))
}

// CreateSavedSearch inserts s.
func (db *DB) CreateSavedSearch(ctx context.Context, s *mobilite.SavedSearch) error {
	var err error
	s.ID, err = db.insert(ctx, `INSERT INTO saved_searches (user_id, query, label, frequency, unsubscribe, last_job_id, last_sent_at, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, s.UserID, s.Query, s.Label, s.Frequency, s.Unsubscribe, s.LastJobID, ts(s.LastSentAt), ts(s.CreatedAt))
	return db.fail("create saved search", err)
}

// FindSavedSearches lists a user's saved searches, newest first.
func (db *DB) FindSavedSearches(ctx context.Context, userID int64) ([]*mobilite.SavedSearch, error) {
	rows, err := db.query(ctx, `SELECT `+savedColumns+` FROM saved_searches WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, db.fail("find saved searches", err)
	}
	out, err := collect(rows, scanSaved)
	return out, db.fail("find saved searches", err)
}

// DeleteSavedSearch removes one of a user's saved searches.
func (db *DB) DeleteSavedSearch(ctx context.Context, userID, searchID int64) error {
	res, err := db.exec(ctx, `DELETE FROM saved_searches WHERE id = ? AND user_id = ?`, searchID, userID)
	return db.affected("delete saved search", res, err)
}

// DeleteSavedSearchByToken removes the saved search with this unsubscribe hash and returns it.
func (db *DB) DeleteSavedSearchByToken(ctx context.Context, hash string) (*mobilite.SavedSearch, error) {
	s, err := scanSaved(db.queryRow(ctx, `DELETE FROM saved_searches WHERE unsubscribe = ? RETURNING `+savedColumns, hash))
	if err != nil {
		return nil, db.fail("unsubscribe", err)
	}
	return s, nil
}

// FindDueSavedSearches lists saved searches of a frequency last sent before a time.
func (db *DB) FindDueSavedSearches(ctx context.Context, frequency string, sentBefore time.Time, limit int) ([]*mobilite.SavedSearch, error) {
	_, limit = page(0, limit, 1000)
	rows, err := db.query(ctx, `SELECT `+savedColumns+` FROM saved_searches WHERE frequency = ?
		AND (last_sent_at IS NULL OR last_sent_at < ?) ORDER BY id LIMIT ?`, frequency, ts(sentBefore), limit)
	if err != nil {
		return nil, db.fail("find due saved searches", err)
	}
	out, err := collect(rows, scanSaved)
	return out, db.fail("find due saved searches", err)
}

// MarkSavedSearchSent records what was sent.
func (db *DB) MarkSavedSearchSent(ctx context.Context, searchID, lastJobID int64, at time.Time) error {
	res, err := db.exec(ctx, `UPDATE saved_searches SET last_job_id = ?, last_sent_at = ? WHERE id = ?`, lastJobID, ts(at), searchID)
	return db.affected("mark saved search sent", res, err)
}

// CreateUpload keeps an uploaded file.
func (db *DB) CreateUpload(ctx context.Context, u *mobilite.Upload) error {
	var err error
	u.ID, err = db.insert(ctx, `INSERT INTO uploads (user_id, name, kind, data, created_at) VALUES (?, ?, ?, ?, ?)`,
		u.UserID, u.Name, u.Kind, u.Data, ts(u.CreatedAt))
	return db.fail("create upload", err)
}

// FindUpload returns an uploaded file.
func (db *DB) FindUpload(ctx context.Context, uploadID int64) (*mobilite.Upload, error) {
	u := &mobilite.Upload{}
	err := db.queryRow(ctx, `SELECT id, user_id, name, kind, data, created_at FROM uploads WHERE id = ?`, uploadID).
		Scan(&u.ID, &u.UserID, &u.Name, &u.Kind, &u.Data, tm(&u.CreatedAt))
	if err != nil {
		return nil, db.fail("find upload", err)
	}
	return u, nil
}

// DeleteUpload removes an uploaded file.
func (db *DB) DeleteUpload(ctx context.Context, uploadID int64) error {
	res, err := db.exec(ctx, `DELETE FROM uploads WHERE id = ?`, uploadID)
	return db.affected("delete upload", res, err)
}
