package store

import (
	"context"
	"fmt"
	"strings"

	"mobilite"
)

const seekerColumns = `id, user_id, number, given_name, family_name, name_key, sex, birth_date, nationality, id_type,
	id_number, phone, email, region, prefecture, country, city, isced_level, education_field, diploma, graduation_year,
	skills, driving_licence, availability, migration_intent, wants_accompaniment, consent_processing, consent_share_cv,
	consent_surveys, consent_by, channel, office_id, status, created_at, updated_at`

func scanSeeker(row interface{ Scan(...any) error }) (*mobilite.Seeker, error) {
	s := &mobilite.Seeker{}
	err := row.Scan(&s.ID, id(&s.UserID), str(&s.Number), &s.GivenName, &s.FamilyName, &s.NameKey, &s.Sex, tm(&s.BirthDate),
		&s.Nationality, &s.IDType, &s.IDNumber, &s.Phone, &s.Email, &s.Region, &s.Prefecture, &s.Country, &s.City,
		&s.ISCEDLevel, &s.EducationField, &s.Diploma, &s.GraduationYear, &s.Skills, &s.DrivingLicence, &s.Availability,
		&s.MigrationIntent, &s.WantsAccompaniment, tm(&s.ConsentProcessing), tm(&s.ConsentShareCV), tm(&s.ConsentSurveys),
		id(&s.ConsentBy), &s.Channel, id(&s.OfficeID), &s.Status, tm(&s.CreatedAt), tm(&s.UpdatedAt))
	return s, err
}

func (db *DB) seekerArgs(s *mobilite.Seeker) []any {
	return []any{idOrNull(s.UserID), s.GivenName, s.FamilyName, s.NameKey, s.Sex, date(s.BirthDate), s.Nationality,
		s.IDType, s.IDNumber, s.Phone, s.Email, s.Region, s.Prefecture, s.Country, s.City, s.ISCEDLevel, s.EducationField,
		s.Diploma, s.GraduationYear, s.Skills, s.DrivingLicence, s.Availability, s.MigrationIntent, s.WantsAccompaniment,
		ts(s.ConsentProcessing), ts(s.ConsentShareCV), ts(s.ConsentSurveys), idOrNull(s.ConsentBy), s.Channel,
		idOrNull(s.OfficeID), s.Status, ts(s.CreatedAt), ts(s.UpdatedAt)}
}

// RegistrationNumber makes the number printed on a seeker's card from the year and the id:
// TG-2026-000123-7, where the last digit is a Luhn check digit over the other digits, so that a
// number typed with one wrong digit is recognised as wrong.
func RegistrationNumber(year int, seekerID int64) string {
	body := fmt.Sprintf("%04d%06d", year, seekerID)
	sum := 0
	for i := range len(body) {
		d := int(body[len(body)-1-i] - '0')
		if i%2 == 0 {
			if d *= 2; d > 9 {
				d -= 9
			}
		}
		sum += d
	}
	return fmt.Sprintf("TG-%04d-%06d-%d", year, seekerID, (10-sum%10)%10)
}

// CreateSeeker inserts s with its lists and gives it its registration number.
func (db *DB) CreateSeeker(ctx context.Context, s *mobilite.Seeker) error {
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		var err error
		s.ID, err = tx.insert(ctx, `INSERT INTO seekers (user_id, given_name, family_name, name_key, sex, birth_date,
			nationality, id_type, id_number, phone, email, region, prefecture, country, city, isced_level, education_field,
			diploma, graduation_year, skills, driving_licence, availability, migration_intent, wants_accompaniment,
			consent_processing, consent_share_cv, consent_surveys, consent_by, channel, office_id, status, created_at,
			updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
			tx.seekerArgs(s)...)
		if err != nil {
			return tx.fail("create seeker", err)
		}
		s.Number = RegistrationNumber(s.CreatedAt.Year(), s.ID)
		if _, err := tx.exec(ctx, `UPDATE seekers SET number = ? WHERE id = ?`, s.Number, s.ID); err != nil {
			return tx.fail("number seeker", err)
		}
		return tx.writeSeekerLists(ctx, s)
	})
}

// writeSeekerLists replaces the occupations, languages and preferred countries of s.
func (db *DB) writeSeekerLists(ctx context.Context, s *mobilite.Seeker) error {
	for _, table := range []string{"seeker_occupations", "seeker_languages", "seeker_countries"} {
		if _, err := db.exec(ctx, `DELETE FROM `+table+` WHERE seeker_id = ?`, s.ID); err != nil {
			return db.fail("clear "+table, err)
		}
	}
	for i, o := range s.Occupations {
		if _, err := db.exec(ctx, `INSERT INTO seeker_occupations (seeker_id, position, isco08, years, kind) VALUES (?, ?, ?, ?, ?)`,
			s.ID, i, o.ISCO08, o.Years, o.Kind); err != nil {
			return db.fail("write occupations", err)
		}
	}
	for i, l := range s.Languages {
		if _, err := db.exec(ctx, `INSERT INTO seeker_languages (seeker_id, position, language, level) VALUES (?, ?, ?, ?)`,
			s.ID, i, l.Language, l.Level); err != nil {
			return db.fail("write languages", err)
		}
	}
	for i, c := range s.PreferredCountries {
		if _, err := db.exec(ctx, `INSERT INTO seeker_countries (seeker_id, position, country) VALUES (?, ?, ?)`, s.ID, i, c); err != nil {
			return db.fail("write countries", err)
		}
	}
	return nil
}

// UpdateSeeker saves every field of s and its lists.
func (db *DB) UpdateSeeker(ctx context.Context, s *mobilite.Seeker) error {
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		res, err := tx.exec(ctx, `UPDATE seekers SET user_id = ?, given_name = ?, family_name = ?, name_key = ?, sex = ?,
			birth_date = ?, nationality = ?, id_type = ?, id_number = ?, phone = ?, email = ?, region = ?, prefecture = ?,
			country = ?, city = ?, isced_level = ?, education_field = ?, diploma = ?, graduation_year = ?, skills = ?,
			driving_licence = ?, availability = ?, migration_intent = ?, wants_accompaniment = ?, consent_processing = ?,
			consent_share_cv = ?, consent_surveys = ?, consent_by = ?, channel = ?, office_id = ?, status = ?,
			created_at = ?, updated_at = ? WHERE id = ?`, append(tx.seekerArgs(s), s.ID)...)
		if err := tx.affected("update seeker", res, err); err != nil {
			return err
		}
		return tx.writeSeekerLists(ctx, s)
	})
}

func (db *DB) findSeeker(ctx context.Context, where string, arg any) (*mobilite.Seeker, error) {
	s, err := scanSeeker(db.queryRow(ctx, `SELECT `+seekerColumns+` FROM seekers WHERE `+where, arg))
	if err != nil {
		return nil, db.fail("find seeker", err)
	}
	return s, db.readSeekerLists(ctx, s)
}

// readSeekerLists fills the occupations, languages and preferred countries of s.
func (db *DB) readSeekerLists(ctx context.Context, s *mobilite.Seeker) error {
	rows, err := db.query(ctx, `SELECT isco08, years, kind FROM seeker_occupations WHERE seeker_id = ? ORDER BY position`, s.ID)
	if err != nil {
		return db.fail("read occupations", err)
	}
	if s.Occupations, err = collect(rows, func(r interface{ Scan(...any) error }) (mobilite.SeekerOccupation, error) {
		var o mobilite.SeekerOccupation
		return o, r.Scan(&o.ISCO08, &o.Years, &o.Kind)
	}); err != nil {
		return db.fail("read occupations", err)
	}
	rows, err = db.query(ctx, `SELECT language, level FROM seeker_languages WHERE seeker_id = ? ORDER BY position`, s.ID)
	if err != nil {
		return db.fail("read languages", err)
	}
	if s.Languages, err = collect(rows, func(r interface{ Scan(...any) error }) (mobilite.SeekerLanguage, error) {
		var l mobilite.SeekerLanguage
		return l, r.Scan(&l.Language, &l.Level)
	}); err != nil {
		return db.fail("read languages", err)
	}
	rows, err = db.query(ctx, `SELECT country FROM seeker_countries WHERE seeker_id = ? ORDER BY position`, s.ID)
	if err != nil {
		return db.fail("read countries", err)
	}
	s.PreferredCountries, err = collect(rows, func(r interface{ Scan(...any) error }) (string, error) {
		var c string
		return c, r.Scan(&c)
	})
	return db.fail("read countries", err)
}

// FindSeekerByID returns a seeker with its lists.
func (db *DB) FindSeekerByID(ctx context.Context, seekerID int64) (*mobilite.Seeker, error) {
	return db.findSeeker(ctx, "id = ?", seekerID)
}

// FindSeekerByUser returns the seeker of an account.
func (db *DB) FindSeekerByUser(ctx context.Context, userID int64) (*mobilite.Seeker, error) {
	return db.findSeeker(ctx, "user_id = ?", userID)
}

// FindSeekerByNumber returns a seeker by registration number.
func (db *DB) FindSeekerByNumber(ctx context.Context, number string) (*mobilite.Seeker, error) {
	return db.findSeeker(ctx, "number = ?", strings.ToUpper(strings.TrimSpace(number)))
}

// FindSeekers returns a page of seekers, newest first, and the total.
func (db *DB) FindSeekers(ctx context.Context, f mobilite.SeekerFilter) ([]*mobilite.Seeker, int, error) {
	var w where
	status := f.Status
	if status == "" {
		status = mobilite.SeekerActive
	}
	w.add("status = ?", status)
	if f.OfficeID != 0 {
		w.add("office_id = ?", f.OfficeID)
	}
	if f.Region != "" {
		w.add("region = ?", f.Region)
	}
	if f.Intent != "" {
		w.add("migration_intent = ?", f.Intent)
	}
	if f.ReadableOffice != 0 || f.ReadableRegion != "" {
		w.add("(office_id = ? OR (wants_accompaniment = ? AND region = ? AND region <> ''))", f.ReadableOffice, true, f.ReadableRegion)
	}
	if q := strings.TrimSpace(f.Query); q != "" {
		p := likePattern(q)
		w.add(`(number = ? OR phone = ? OR name_key LIKE ? ESCAPE '\')`, strings.ToUpper(q), q, p)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT count(*) FROM seekers`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, db.fail("count seekers", err)
	}
	offset, limit := page(f.Offset, f.Limit, 500)
	rows, err := db.query(ctx, `SELECT `+seekerColumns+` FROM seekers`+w.String()+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, db.fail("find seekers", err)
	}
	out, err := collect(rows, scanSeeker)
	return out, total, db.fail("find seekers", err)
}

// FindDuplicates returns the active seekers that look like s.
func (db *DB) FindDuplicates(ctx context.Context, s *mobilite.Seeker) ([]mobilite.Duplicate, error) {
	var out []mobilite.Duplicate
	seen := map[int64]bool{s.ID: true}
	// The status and the non-empty values are written in the text of the queries, not passed
	// as arguments: SQLite uses a partial index (phone, id_number) only when the query's own
	// conditions imply the index's, and without it each check read the whole table.
	add := func(reason, cond string, args ...any) error {
		rows, err := db.query(ctx, `SELECT `+seekerColumns+` FROM seekers WHERE status = '`+mobilite.SeekerActive+`' AND `+
			cond+` ORDER BY id LIMIT 10`, args...)
		if err != nil {
			return db.fail("find duplicates", err)
		}
		found, err := collect(rows, scanSeeker)
		if err != nil {
			return db.fail("find duplicates", err)
		}
		for _, d := range found {
			if !seen[d.ID] {
				seen[d.ID] = true
				out = append(out, mobilite.Duplicate{Seeker: d, Reason: reason})
			}
		}
		return nil
	}
	if s.Phone != "" {
		if err := add("phone", "phone = ? AND phone <> ''", s.Phone); err != nil {
			return nil, err
		}
	}
	if s.IDNumber != "" {
		if err := add("id_number", "id_number = ? AND id_number <> ''", s.IDNumber); err != nil {
			return nil, err
		}
	}
	if s.NameKey != "" && !s.BirthDate.IsZero() {
		if err := add("name_birth", "name_key = ? AND birth_date = ?", s.NameKey, date(s.BirthDate)); err != nil {
			return nil, err
		}
	}
	return out, nil
}
