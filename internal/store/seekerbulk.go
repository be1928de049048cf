package store

import (
	"context"
	"strings"

	"mobilite"
)

// CreateSeekers inserts many seekers at once, in one transaction: the rows CreateSeeker would
// write for each (ids from the same sequence, registration numbers, lists in order), with a
// few multi-row statements instead of about ten statements per seeker. It is for loading a
// register (benchmarks, a migration from another system), not for registrations: it checks no
// duplicate. ECONFLICT when a phone is taken; nothing is written then.
func (db *DB) CreateSeekers(ctx context.Context, ss []*mobilite.Seeker) error {
	if len(ss) == 0 {
		return nil
	}
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		ids, err := tx.reserveSeekerIDs(ctx, len(ss))
		if err != nil {
			return tx.fail("reserve seeker ids", err)
		}
		for i, s := range ss {
			s.ID = ids[i]
			s.Number = RegistrationNumber(s.CreatedAt.Year(), s.ID)
		}
		// At most about 20,000 arguments per statement: SQLite takes 32,766, PostgreSQL 65,535.
		const seekerRows = 500
		for start := 0; start < len(ss); start += seekerRows {
			part := ss[start:min(start+seekerRows, len(ss))]
			args := make([]any, 0, len(part)*35)
			for _, s := range part {
				args = append(args, s.ID, s.Number)
				args = append(args, tx.seekerArgs(s)...)
			}
			if _, err := tx.execBatch(ctx, `INSERT INTO seekers (id, number, user_id, given_name, family_name, name_key, sex,
				birth_date, nationality, id_type, id_number, phone, email, region, prefecture, country, city, isced_level,
				education_field, diploma, graduation_year, skills, driving_licence, availability, migration_intent,
				wants_accompaniment, consent_processing, consent_share_cv, consent_surveys, consent_by, channel, office_id,
				status, created_at, updated_at) VALUES `+rowMarks(len(part), 35), args...); err != nil {
				return tx.fail("create seekers", err)
			}
		}
		var occ, lang, country []any
		for _, s := range ss {
			for i, o := range s.Occupations {
				occ = append(occ, s.ID, i, o.ISCO08, o.Years, o.Kind)
			}
			for i, l := range s.Languages {
				lang = append(lang, s.ID, i, l.Language, l.Level)
			}
			for i, c := range s.PreferredCountries {
				country = append(country, s.ID, i, c)
			}
		}
		for _, l := range []struct {
			insert string
			cols   int
			args   []any
		}{
			{`INSERT INTO seeker_occupations (seeker_id, position, isco08, years, kind) VALUES `, 5, occ},
			{`INSERT INTO seeker_languages (seeker_id, position, language, level) VALUES `, 4, lang},
			{`INSERT INTO seeker_countries (seeker_id, position, country) VALUES `, 3, country},
		} {
			const rows = 2000
			for start := 0; start < len(l.args); start += rows * l.cols {
				part := l.args[start:min(start+rows*l.cols, len(l.args))]
				if _, err := tx.execBatch(ctx, l.insert+rowMarks(len(part)/l.cols, l.cols), part...); err != nil {
					return tx.fail("create seeker lists", err)
				}
			}
		}
		return nil
	})
}

// reserveSeekerIDs returns the next n ids of seekers, those n calls of CreateSeeker would get:
// from the identity sequence on PostgreSQL; after the greatest id on SQLite, whose transactions
// hold the database's one write lock.
func (db *DB) reserveSeekerIDs(ctx context.Context, n int) ([]int64, error) {
	if db.dialect.Name == "postgres" {
		rows, err := db.query(ctx, `SELECT nextval(pg_get_serial_sequence('seekers', 'id')) FROM generate_series(1, ?) ORDER BY 1`, n)
		if err != nil {
			return nil, err
		}
		return collect(rows, func(r interface{ Scan(...any) error }) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		})
	}
	var last int64
	if err := db.queryRow(ctx, `SELECT coalesce(max(id), 0) FROM seekers`).Scan(&last); err != nil {
		return nil, err
	}
	ids := make([]int64, 0, n)
	for k := range n {
		ids = append(ids, last+1+int64(k))
	}
	return ids, nil
}

// rowMarks returns the placeholders of n rows of cols values: (?, ?), (?, ?)…
func rowMarks(n, cols int) string {
	row := "(" + strings.TrimSuffix(strings.Repeat("?, ", cols), ", ") + ")"
	return strings.TrimSuffix(strings.Repeat(row+", ", n), ", ")
}
