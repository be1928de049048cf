package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"mobilite"
)

const surveyFormColumns = `id, form_key, title, version, definition, roles, created_by, created_at, updated_at,
	(SELECT COUNT(*) FROM survey_submissions s WHERE s.form_id = survey_forms.id)`

func scanSurveyForm(r interface{ Scan(...any) error }) (*mobilite.SurveyForm, error) {
	f := &mobilite.SurveyForm{}
	var roles string
	if err := r.Scan(&f.ID, &f.Key, &f.Title, &f.Version, &f.Definition, &roles, id(&f.CreatedBy), tm(&f.CreatedAt),
		tm(&f.UpdatedAt), &f.Submissions); err != nil {
		return nil, err
	}
	if err := json.Unmarshal([]byte(roles), &f.Roles); err != nil {
		return nil, fmt.Errorf("roles of form %d: %w", f.ID, err)
	}
	return f, nil
}

// CreateSurveyForm inserts a questionnaire.
func (db *DB) CreateSurveyForm(ctx context.Context, f *mobilite.SurveyForm) error {
	roles, err := json.Marshal(f.Roles)
	if err != nil {
		return db.fail("create survey form", err)
	}
	f.ID, err = db.insert(ctx, `INSERT INTO survey_forms (form_key, title, version, definition, roles, created_by, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`, f.Key, f.Title, f.Version, f.Definition, string(roles), idOrNull(f.CreatedBy),
		ts(f.CreatedAt), ts(f.UpdatedAt))
	return db.fail("create survey form", err)
}

// UpdateSurveyForm saves a questionnaire's definition and roles.
func (db *DB) UpdateSurveyForm(ctx context.Context, f *mobilite.SurveyForm) error {
	roles, err := json.Marshal(f.Roles)
	if err != nil {
		return db.fail("update survey form", err)
	}
	res, err := db.exec(ctx, `UPDATE survey_forms SET title = ?, version = ?, definition = ?, roles = ?, updated_at = ? WHERE id = ?`,
		f.Title, f.Version, f.Definition, string(roles), ts(f.UpdatedAt), f.ID)
	return db.affected("update survey form", res, err)
}

// FindSurveyForms lists the questionnaires by title.
func (db *DB) FindSurveyForms(ctx context.Context) ([]*mobilite.SurveyForm, error) {
	rows, err := db.query(ctx, `SELECT `+surveyFormColumns+` FROM survey_forms ORDER BY title, id`)
	if err != nil {
		return nil, db.fail("find survey forms", err)
	}
	out, err := collect(rows, scanSurveyForm)
	return out, db.fail("find survey forms", err)
}

// FindSurveyFormByID returns one questionnaire.
func (db *DB) FindSurveyFormByID(ctx context.Context, formID int64) (*mobilite.SurveyForm, error) {
	f, err := scanSurveyForm(db.queryRow(ctx, `SELECT `+surveyFormColumns+` FROM survey_forms WHERE id = ?`, formID))
	return f, db.fail("find survey form", err)
}

// FindSurveyFormByKey returns the questionnaire with a form_id.
func (db *DB) FindSurveyFormByKey(ctx context.Context, key string) (*mobilite.SurveyForm, error) {
	f, err := scanSurveyForm(db.queryRow(ctx, `SELECT `+surveyFormColumns+` FROM survey_forms WHERE form_key = ?`, key))
	return f, db.fail("find survey form", err)
}

// CreateSurveyUpload keeps a validated file of submissions, in chunks.
func (db *DB) CreateSurveyUpload(ctx context.Context, u *mobilite.SurveyUpload) error {
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		var err error
		u.Size = int64(len(u.Data))
		u.ID, err = tx.insert(ctx, `INSERT INTO survey_uploads (form_id, user_id, name, kind, size, valid, created_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)`, u.FormID, u.UserID, u.Name, u.Kind, u.Size, u.Valid, ts(u.CreatedAt))
		if err != nil {
			return tx.fail("create survey upload", err)
		}
		for seq, start := 0, 0; start < len(u.Data); seq, start = seq+1, start+mobilite.SurveyChunkSize {
			chunk := u.Data[start:min(start+mobilite.SurveyChunkSize, len(u.Data))]
			if _, err := tx.exec(ctx, `INSERT INTO survey_upload_chunks (upload_id, seq, data) VALUES (?, ?, ?)`, u.ID, seq, chunk); err != nil {
				return tx.fail("create survey upload", err)
			}
		}
		return nil
	})
}

const surveyUploadColumns = `id, form_id, user_id, name, kind, size, valid, loaded, created_at`

func scanSurveyUpload(r interface{ Scan(...any) error }) (*mobilite.SurveyUpload, error) {
	u := &mobilite.SurveyUpload{}
	err := r.Scan(&u.ID, &u.FormID, &u.UserID, &u.Name, &u.Kind, &u.Size, &u.Valid, &u.Loaded, tm(&u.CreatedAt))
	return u, err
}

// FindSurveyUpload returns a kept file of submissions, without its content.
func (db *DB) FindSurveyUpload(ctx context.Context, uploadID int64) (*mobilite.SurveyUpload, error) {
	u, err := scanSurveyUpload(db.queryRow(ctx, `SELECT `+surveyUploadColumns+` FROM survey_uploads WHERE id = ?`, uploadID))
	if err != nil {
		return nil, db.fail("find survey upload", err)
	}
	return u, nil
}

// FindSurveyUploads lists the kept uploads of a form.
func (db *DB) FindSurveyUploads(ctx context.Context, formID int64) ([]*mobilite.SurveyUpload, error) {
	rows, err := db.query(ctx, `SELECT `+surveyUploadColumns+` FROM survey_uploads WHERE form_id = ? ORDER BY id`, formID)
	if err != nil {
		return nil, db.fail("find survey uploads", err)
	}
	out, err := collect(rows, scanSurveyUpload)
	return out, db.fail("find survey uploads", err)
}

// SetSurveyUploadLoaded records the progress of a load (a small row: the content is in chunks).
func (db *DB) SetSurveyUploadLoaded(ctx context.Context, uploadID int64, loaded int) error {
	res, err := db.exec(ctx, `UPDATE survey_uploads SET loaded = ? WHERE id = ?`, loaded, uploadID)
	return db.affected("set survey upload loaded", res, err)
}

// FindSurveyUploadChunk returns one chunk of a kept file.
func (db *DB) FindSurveyUploadChunk(ctx context.Context, uploadID int64, seq int) ([]byte, error) {
	var data []byte
	err := db.queryRow(ctx, `SELECT data FROM survey_upload_chunks WHERE upload_id = ? AND seq = ?`, uploadID, seq).Scan(&data)
	if err != nil {
		return nil, db.fail("find survey upload chunk", err)
	}
	return data, nil
}

// DeleteSurveyUpload removes a kept file.
func (db *DB) DeleteSurveyUpload(ctx context.Context, uploadID int64) error {
	res, err := db.exec(ctx, `DELETE FROM survey_uploads WHERE id = ?`, uploadID)
	return db.affected("delete survey upload", res, err)
}

// DeleteSurveyUploadsBefore removes the files kept since before a time, with their chunks.
func (db *DB) DeleteSurveyUploadsBefore(ctx context.Context, before time.Time) (int, error) {
	res, err := db.exec(ctx, `DELETE FROM survey_uploads WHERE created_at < ?`, ts(before))
	if err != nil {
		return 0, db.fail("delete old survey uploads", err)
	}
	n, err := res.RowsAffected()
	return int(n), db.fail("delete old survey uploads", err)
}

// surveyInsertRows is how many submissions one INSERT statement writes: a load's batch of 1,000
// in one round trip; their 17,000 arguments stay below the engines' limits (32,766 for SQLite,
// 65,535 for PostgreSQL).
const surveyInsertRows = 1000

const surveySubmissionColumns = `form_id, uuid, submitted_at, uploaded_by, created_at, answers, ` + surveyRecordColumns

const surveyRecordColumns = `sex, age, born_abroad, foreign_citizen, lf_status, weight, worked_abroad, last_country,
	years_since_return, costs, earnings`

// recordArgs are the extracted variables of a record, in the order of surveyRecordColumns.
func recordArgs(r *mobilite.SurveyRecord) []any {
	return []any{orNull(r.Sex), r.Age, r.BornAbroad, r.ForeignCitizen, orNull(r.LFStatus), r.Weight, r.WorkedAbroad,
		orNull(r.LastCountry), r.YearsSinceReturn, r.Costs, r.Earnings}
}

// InsertSurveySubmissions writes a batch of submissions; those already known (same form and
// uuid) are left alone.
func (db *DB) InsertSurveySubmissions(ctx context.Context, batch []*mobilite.SurveySubmission) (int, error) {
	inserted := 0
	err := db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		if tx.dialect.Name == "postgres" {
			// One generic plan from the first batch: planning this 17,000-parameter INSERT again
			// at every batch took two thirds of a load (46 s of 100,000 rows → 17 s with one
			// generic plan). The statement is prepared once for the transaction (execBatch).
			if _, err := tx.exec(ctx, `SET LOCAL plan_cache_mode = force_generic_plan`); err != nil {
				return tx.fail("insert survey submissions", err)
			}
		}
		for start := 0; start < len(batch); start += surveyInsertRows {
			part := batch[start:min(start+surveyInsertRows, len(batch))]
			var b strings.Builder
			b.WriteString(`INSERT INTO survey_submissions (` + surveySubmissionColumns + `) VALUES `)
			args := make([]any, 0, len(part)*17)
			for i, s := range part {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString("(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
				args = append(args, s.FormID, s.UUID, ts(s.SubmittedAt), idOrNull(s.UploadedBy), ts(s.CreatedAt), string(s.Answers))
				args = append(args, recordArgs(&s.Record)...)
			}
			b.WriteString(` ON CONFLICT (form_id, uuid) DO NOTHING`)
			res, err := tx.execBatch(ctx, b.String(), args...)
			if err != nil {
				return tx.fail("insert survey submissions", err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return tx.fail("insert survey submissions", err)
			}
			inserted += int(n)
		}
		return nil
	})
	return inserted, err
}

// FindSurveySubmissions returns a page of a form's submissions with their answers.
func (db *DB) FindSurveySubmissions(ctx context.Context, formID, afterID int64, limit int) ([]*mobilite.SurveySubmission, error) {
	_, limit = page(0, limit, 10000)
	rows, err := db.query(ctx, `SELECT id, form_id, uuid, submitted_at, uploaded_by, created_at, answers FROM survey_submissions
		WHERE form_id = ? AND id > ? ORDER BY id LIMIT ?`, formID, afterID, limit)
	if err != nil {
		return nil, db.fail("find survey submissions", err)
	}
	out, err := collect(rows, func(r interface{ Scan(...any) error }) (*mobilite.SurveySubmission, error) {
		s := &mobilite.SurveySubmission{}
		var answers string
		err := r.Scan(&s.ID, &s.FormID, &s.UUID, tm(&s.SubmittedAt), id(&s.UploadedBy), tm(&s.CreatedAt), &answers)
		s.Answers = []byte(answers)
		return s, err
	})
	return out, db.fail("find survey submissions", err)
}

// UpdateSurveyRecords rewrites the extracted variables of submissions.
func (db *DB) UpdateSurveyRecords(ctx context.Context, records []*mobilite.SurveyRecord) error {
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		for _, r := range records {
			args := append(recordArgs(r), r.SubmissionID)
			_, err := tx.exec(ctx, `UPDATE survey_submissions SET sex = ?, age = ?, born_abroad = ?, foreign_citizen = ?,
				lf_status = ?, weight = ?, worked_abroad = ?, last_country = ?, years_since_return = ?, costs = ?, earnings = ?
				WHERE id = ?`, args...)
			if err != nil {
				return tx.fail("update survey records", err)
			}
		}
		return nil
	})
}

// FindSurveyRecords returns the typed variables of a form's submissions in a period.
func (db *DB) FindSurveyRecords(ctx context.Context, formID int64, from, to time.Time) ([]*mobilite.SurveyRecord, error) {
	w := where{}
	w.add("form_id = ?", formID)
	if !from.IsZero() {
		w.add("submitted_at >= ?", ts(from))
	}
	if !to.IsZero() {
		w.add("submitted_at < ?", ts(to))
	}
	rows, err := db.query(ctx, `SELECT id, submitted_at, `+surveyRecordColumns+` FROM survey_submissions`+w.String()+
		` ORDER BY submitted_at, id`, w.args...)
	if err != nil {
		return nil, db.fail("find survey records", err)
	}
	out, err := collect(rows, scanSurveyRecord)
	return out, db.fail("find survey records", err)
}

func scanSurveyRecord(r interface{ Scan(...any) error }) (*mobilite.SurveyRecord, error) {
	rec := &mobilite.SurveyRecord{}
	var age sql.NullInt64
	var born, foreign, abroad sql.NullBool
	var weight, years, costs, earnings sql.NullFloat64
	if err := r.Scan(&rec.SubmissionID, tm(&rec.SubmittedAt), str(&rec.Sex), &age, &born, &foreign, str(&rec.LFStatus),
		&weight, &abroad, str(&rec.LastCountry), &years, &costs, &earnings); err != nil {
		return nil, err
	}
	if age.Valid {
		a := int(age.Int64)
		rec.Age = &a
	}
	rec.BornAbroad, rec.ForeignCitizen, rec.WorkedAbroad = nullBool(born), nullBool(foreign), nullBool(abroad)
	rec.Weight, rec.YearsSinceReturn, rec.Costs, rec.Earnings = nullFloat(weight), nullFloat(years), nullFloat(costs), nullFloat(earnings)
	return rec, nil
}

func nullBool(b sql.NullBool) *bool {
	if !b.Valid {
		return nil
	}
	return &b.Bool
}

func nullFloat(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	return &f.Float64
}
