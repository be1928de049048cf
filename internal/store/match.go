package store

import (
	"context"
	"strings"
	"time"

	"mobilite"
)

// marks returns n placeholders and the values as arguments.
func marks[T any](vals []T) (string, []any) {
	args := make([]any, len(vals))
	for i, v := range vals {
		args[i] = v
	}
	return strings.TrimSuffix(strings.Repeat("?, ", len(vals)), ", "), args
}

// MatchOffers returns the open offers of some occupations or countries, newest first, from
// this process's copy of the open offers (openmatch.go).
func (db *DB) MatchOffers(ctx context.Context, prefixes, countries []string, limit int) ([]mobilite.MatchOffer, error) {
	prefixes, limit = matchArgs(prefixes, limit)
	if len(prefixes) == 0 && len(countries) == 0 {
		return nil, nil
	}
	return db.matchOpen(ctx, prefixes, countries, limit)
}

// matchArgs keeps the digits of the prefixes, drops the empty ones, and bounds the limit.
func matchArgs(prefixes []string, limit int) ([]string, int) {
	var ps []string
	for _, p := range prefixes {
		if p = digits(p); p != "" {
			ps = append(ps, p)
		}
	}
	if limit <= 0 || limit > 20000 {
		limit = 20000
	}
	return ps, limit
}

// MatchOffersSQL is MatchOffers in SQL alone (the former way, kept to check the copy against
// it): each prefix is looked up on the index of job_facets.isco08 (a range), each country on
// its own.
func (db *DB) MatchOffersSQL(ctx context.Context, prefixes, countries []string, limit int) ([]mobilite.MatchOffer, error) {
	prefixes, limit = matchArgs(prefixes, limit)
	var conds []string
	var args []any
	for _, p := range prefixes {
		conds = append(conds, "(isco08 >= ? AND isco08 < ?)")
		args = append(args, p, p+":") // ':' sorts right after '9'
	}
	if len(countries) > 0 {
		m, a := marks(countries)
		conds = append(conds, "country IN ("+m+")")
		args = append(args, a...)
	}
	if len(conds) == 0 {
		return nil, nil
	}
	rows, err := db.query(ctx, `SELECT id, isco08, country, language, published_at FROM job_facets
		WHERE `+strings.Join(conds, " OR ")+` ORDER BY published_at DESC LIMIT ?`, append(args, limit)...)
	if err != nil {
		return nil, db.fail("match offers", err)
	}
	out, err := collect(rows, func(r interface{ Scan(...any) error }) (mobilite.MatchOffer, error) {
		o := mobilite.MatchOffer{Requirements: mobilite.NoRequirements}
		return o, r.Scan(&o.ID, &o.ISCO08, &o.Country, &o.Language, tm(&o.PublishedAt))
	})
	return out, db.fail("match offers", err)
}

func digits(s string) string {
	return strings.Map(func(r rune) rune {
		if r < '0' || r > '9' {
			return -1
		}
		return r
	}, s)
}

// FindJobsByIDs returns offers by id, without their long texts.
func (db *DB) FindJobsByIDs(ctx context.Context, ids []int64) ([]*mobilite.Job, error) {
	var out []*mobilite.Job
	for start := 0; start < len(ids); start += 500 {
		m, args := marks(ids[start:min(start+500, len(ids))])
		rows, err := db.query(ctx, `SELECT `+jobListColumns+` FROM jobs j JOIN organizations o ON o.id = j.organization_id
			WHERE j.id IN (`+m+`)`, args...)
		if err != nil {
			return nil, db.fail("find jobs", err)
		}
		got, err := collect(rows, scanJob)
		if err != nil {
			return nil, db.fail("find jobs", err)
		}
		out = append(out, got...)
	}
	return out, nil
}

// OfferRequirements reads the requirements of the offers, 500 at a time.
func (db *DB) OfferRequirements(ctx context.Context, offers []mobilite.MatchOffer) error {
	at := make(map[int64]int, len(offers))
	for i := range offers {
		at[offers[i].ID] = i
	}
	for start := 0; start < len(offers); start += 500 {
		ids := make([]int64, 0, 500)
		for _, o := range offers[start:min(start+500, len(offers))] {
			ids = append(ids, o.ID)
		}
		m, args := marks(ids)
		rows, err := db.query(ctx, `SELECT id, req_languages, req_isced, req_years FROM jobs WHERE id IN (`+m+`)`, args...)
		if err != nil {
			return db.fail("offer requirements", err)
		}
		for rows.Next() {
			var id int64
			var langs string
			var r mobilite.Requirements
			if err := rows.Scan(&id, &langs, &r.ISCED, &r.Years); err != nil {
				rows.Close()
				return db.fail("offer requirements", err)
			}
			r.Languages = mobilite.ParseLanguages(langs)
			offers[at[id]].Requirements = r
		}
		if err := rows.Close(); err != nil {
			return db.fail("offer requirements", err)
		}
		if err := rows.Err(); err != nil {
			return db.fail("offer requirements", err)
		}
	}
	return nil
}

// candidateScan is how many occupations MatchCandidates reads at most for each one it may
// return (f.Limit): seekers outside the region asked for, deleted or out of reach are passed over.
const candidateScan = 5

// MatchCandidates returns the active seekers with an occupation under the prefix, one entry per
// seeker with all their occupations under it, at most f.Limit occupations. Those of the
// occupation f.First (the offer's unit group) come before the others of the prefix, and in
// each the most recently registered first. The occupations are read from their index alone,
// at most candidateScan × f.Limit of them; then their seekers, 1,000 at a time, until f.Limit
// occupations of seekers that pass the filter are found. Reading both in one join let the
// engines choose plans that read every seeker up to the last one found (PostgreSQL: a merge
// join along the primary key) or each occupation's row (docs/PERFORMANCE.md, issue 4).
func (db *DB) MatchCandidates(ctx context.Context, f mobilite.CandidateFilter) ([]mobilite.MatchCandidate, error) {
	p := digits(f.ISCOPrefix)
	if p == "" {
		return nil, nil
	}
	limit := f.Limit
	if limit <= 0 || limit > 50000 {
		limit = 50000
	}
	type occ struct {
		seeker int64
		o      mobilite.SeekerOccupation
	}
	var occs []occ
	read := func(cond string, args ...any) error {
		rows, err := db.query(ctx, `SELECT seeker_id, isco08, years, kind FROM seeker_occupations WHERE `+cond+
			` ORDER BY isco08 DESC, seeker_id DESC LIMIT ?`, append(args, candidateScan*limit-len(occs))...)
		if err != nil {
			return err
		}
		got, err := collect(rows, func(r interface{ Scan(...any) error }) (occ, error) {
			var o occ
			return o, r.Scan(&o.seeker, &o.o.ISCO08, &o.o.Years, &o.o.Kind)
		})
		occs = append(occs, got...)
		return err
	}
	first := digits(f.First)
	var err error
	if first != "" && first != p && strings.HasPrefix(first, p) {
		if err = read("isco08 = ?", first); err == nil && len(occs) < candidateScan*limit {
			err = read("isco08 >= ? AND isco08 < ? AND isco08 <> ?", p, p+":", first)
		}
	} else {
		err = read("isco08 >= ? AND isco08 < ?", p, p+":")
	}
	if err != nil {
		return nil, db.fail("match candidates", err)
	}

	var out []mobilite.MatchCandidate
	at := map[int64]int{}
	kept := 0
	for start := 0; start < len(occs) && kept < limit; start += 1000 {
		part := occs[start:min(start+1000, len(occs))]
		ids := make([]int64, 0, len(part))
		for _, o := range part {
			ids = append(ids, o.seeker)
		}
		m, args := marks(ids)
		var w where
		w.add("id IN ("+m+")", args...)
		w.add("status = ?", mobilite.SeekerActive)
		if f.Region != "" {
			w.add("region = ?", f.Region)
		}
		if f.ReadableOffice != 0 || f.ReadableRegion != "" {
			w.add("(office_id = ? OR (wants_accompaniment = ? AND region = ? AND region <> ''))", f.ReadableOffice, true, f.ReadableRegion)
		}
		rows, err := db.query(ctx, `SELECT id, number, given_name, family_name, region, isced_level, migration_intent,
			consent_share_cv FROM seekers`+w.String(), w.args...)
		if err != nil {
			return nil, db.fail("match candidates", err)
		}
		found, err := collect(rows, func(r interface{ Scan(...any) error }) (mobilite.MatchCandidate, error) {
			var c mobilite.MatchCandidate
			var consent time.Time
			err := r.Scan(&c.ID, str(&c.Number), &c.GivenName, &c.FamilyName, &c.Region, &c.ISCEDLevel, &c.Intent, tm(&consent))
			c.ConsentShareCV = !consent.IsZero()
			return c, err
		})
		if err != nil {
			return nil, db.fail("match candidates", err)
		}
		byID := make(map[int64]mobilite.MatchCandidate, len(found))
		for _, c := range found {
			byID[c.ID] = c
		}
		for _, o := range part {
			c, ok := byID[o.seeker]
			if !ok || kept >= limit {
				continue
			}
			i, seen := at[c.ID]
			if !seen {
				i = len(out)
				at[c.ID] = i
				out = append(out, c)
			}
			out[i].Occupations = append(out[i].Occupations, o.o)
			kept++
		}
	}
	return out, nil
}

// CandidateDetails reads the languages and preferred countries of the candidates, 500 at a time.
func (db *DB) CandidateDetails(ctx context.Context, cs []mobilite.MatchCandidate) error {
	at := make(map[int64]int, len(cs))
	for i := range cs {
		at[cs[i].ID] = i
	}
	for start := 0; start < len(cs); start += 500 {
		ids := make([]int64, 0, 500)
		for _, c := range cs[start:min(start+500, len(cs))] {
			ids = append(ids, c.ID)
		}
		m, args := marks(ids)
		rows, err := db.query(ctx, `SELECT seeker_id, language, level FROM seeker_languages WHERE seeker_id IN (`+m+`) ORDER BY seeker_id, position`, args...)
		if err != nil {
			return db.fail("candidate languages", err)
		}
		for rows.Next() {
			var id int64
			var l mobilite.SeekerLanguage
			if err := rows.Scan(&id, &l.Language, &l.Level); err != nil {
				rows.Close()
				return db.fail("candidate languages", err)
			}
			cs[at[id]].Languages = append(cs[at[id]].Languages, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return db.fail("candidate languages", err)
		}
		rows, err = db.query(ctx, `SELECT seeker_id, country FROM seeker_countries WHERE seeker_id IN (`+m+`) ORDER BY seeker_id, position`, args...)
		if err != nil {
			return db.fail("candidate countries", err)
		}
		for rows.Next() {
			var id int64
			var c string
			if err := rows.Scan(&id, &c); err != nil {
				rows.Close()
				return db.fail("candidate countries", err)
			}
			cs[at[id]].Countries = append(cs[at[id]].Countries, c)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return db.fail("candidate countries", err)
		}
	}
	return nil
}

// SaveApplication creates or moves an application and records the event, in one transaction.
func (db *DB) SaveApplication(ctx context.Context, a *mobilite.Application, ev mobilite.ApplicationEvent) error {
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		old, err := tx.FindApplicationFor(ctx, a.SeekerID, a.JobID)
		switch {
		case err == nil:
			a.ID, a.CreatedAt = old.ID, old.CreatedAt
			if old.Status == ev.Status {
				a.Status, a.UpdatedAt = old.Status, old.UpdatedAt
				return nil // the same status again (a second click): nothing happened
			}
			if _, err := tx.exec(ctx, `UPDATE applications SET status = ?, updated_at = ? WHERE id = ?`,
				ev.Status, ts(ev.At), a.ID); err != nil {
				return tx.fail("save application", err)
			}
		case mobilite.ErrorCode(err) == mobilite.ENOTFOUND:
			a.CreatedAt = ev.At
			if a.ID, err = tx.insert(ctx, `INSERT INTO applications (seeker_id, job_id, status, created_at, updated_at)
				VALUES (?, ?, ?, ?, ?)`, a.SeekerID, a.JobID, ev.Status, ts(ev.At), ts(ev.At)); err != nil {
				return tx.fail("save application", err)
			}
		default:
			return err
		}
		a.Status, a.UpdatedAt = ev.Status, ev.At
		_, err = tx.exec(ctx, `INSERT INTO application_events (application_id, status, by_user_id, by_staff, at) VALUES (?, ?, ?, ?, ?)`,
			a.ID, ev.Status, idOrNull(ev.ByUserID), ev.ByStaff, ts(ev.At))
		return tx.fail("save application event", err)
	})
}

const applicationColumns = `id, seeker_id, job_id, status, created_at, updated_at`

func scanApplication(r interface{ Scan(...any) error }) (*mobilite.Application, error) {
	a := &mobilite.Application{}
	return a, r.Scan(&a.ID, &a.SeekerID, &a.JobID, &a.Status, tm(&a.CreatedAt), tm(&a.UpdatedAt))
}

// FindApplication returns an application with its events.
func (db *DB) FindApplication(ctx context.Context, appID int64) (*mobilite.Application, error) {
	a, err := scanApplication(db.queryRow(ctx, `SELECT `+applicationColumns+` FROM applications WHERE id = ?`, appID))
	if err != nil {
		return nil, db.fail("find application", err)
	}
	rows, err := db.query(ctx, `SELECT status, by_user_id, by_staff, at FROM application_events WHERE application_id = ? ORDER BY id`, a.ID)
	if err != nil {
		return nil, db.fail("application events", err)
	}
	a.Events, err = collect(rows, func(r interface{ Scan(...any) error }) (mobilite.ApplicationEvent, error) {
		var e mobilite.ApplicationEvent
		return e, r.Scan(&e.Status, id(&e.ByUserID), &e.ByStaff, tm(&e.At))
	})
	return a, db.fail("application events", err)
}

// FindApplicationFor returns the application of a seeker to an offer.
func (db *DB) FindApplicationFor(ctx context.Context, seekerID, jobID int64) (*mobilite.Application, error) {
	a, err := scanApplication(db.queryRow(ctx, `SELECT `+applicationColumns+` FROM applications WHERE seeker_id = ? AND job_id = ?`,
		seekerID, jobID))
	return a, db.fail("find application", err)
}

// SeekerApplications lists a seeker's applications with their offers.
func (db *DB) SeekerApplications(ctx context.Context, seekerID int64) ([]*mobilite.Application, error) {
	rows, err := db.query(ctx, `SELECT a.id, a.seeker_id, a.job_id, a.status, a.created_at, a.updated_at, `+jobListColumns+`
		FROM applications a JOIN jobs j ON j.id = a.job_id JOIN organizations o ON o.id = j.organization_id
		WHERE a.seeker_id = ? ORDER BY a.updated_at DESC, a.id DESC`, seekerID)
	if err != nil {
		return nil, db.fail("seeker applications", err)
	}
	defer rows.Close()
	var out []*mobilite.Application
	for rows.Next() {
		a := &mobilite.Application{}
		a.Job, err = scanJob(scanAfter{rows, []any{&a.ID, &a.SeekerID, &a.JobID, &a.Status, tm(&a.CreatedAt), tm(&a.UpdatedAt)}})
		if err != nil {
			return nil, db.fail("seeker applications", err)
		}
		out = append(out, a)
	}
	return out, db.fail("seeker applications", rows.Err())
}

// scanAfter scans the first columns of a row into head and hands the rest to the caller's Scan.
type scanAfter struct {
	row  interface{ Scan(...any) error }
	head []any
}

func (s scanAfter) Scan(dest ...any) error { return s.row.Scan(append(s.head, dest...)...) }

// AddToShortlist puts a seeker on an offer's shortlist.
func (db *DB) AddToShortlist(ctx context.Context, jobID, seekerID, by int64, at time.Time) error {
	_, err := db.exec(ctx, `INSERT INTO shortlists (job_id, seeker_id, added_by, added_at) VALUES (?, ?, ?, ?)
		ON CONFLICT (job_id, seeker_id) DO NOTHING`, jobID, seekerID, idOrNull(by), ts(at))
	return db.fail("add to shortlist", err)
}

// RemoveFromShortlist takes a seeker off an offer's shortlist.
func (db *DB) RemoveFromShortlist(ctx context.Context, jobID, seekerID int64) error {
	_, err := db.exec(ctx, `DELETE FROM shortlists WHERE job_id = ? AND seeker_id = ?`, jobID, seekerID)
	return db.fail("remove from shortlist", err)
}

// Shortlist returns the active seekers on an offer's shortlist, with their lists, in the order
// they were added.
func (db *DB) Shortlist(ctx context.Context, jobID int64) ([]*mobilite.Seeker, error) {
	rows, err := db.query(ctx, `SELECT `+prefixed("s.", seekerColumns)+` FROM shortlists l JOIN seekers s ON s.id = l.seeker_id
		WHERE l.job_id = ? AND s.status = ? ORDER BY l.added_at, s.id`, jobID, mobilite.SeekerActive)
	if err != nil {
		return nil, db.fail("shortlist", err)
	}
	out, err := collect(rows, scanSeeker)
	if err != nil {
		return nil, db.fail("shortlist", err)
	}
	for _, s := range out {
		if err := db.readSeekerLists(ctx, s); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// prefixed puts a table alias before each column of a list.
func prefixed(alias, columns string) string {
	cols := strings.Split(columns, ",")
	for i, c := range cols {
		cols[i] = alias + strings.TrimSpace(c)
	}
	return strings.Join(cols, ", ")
}

// CreateKiosk inserts a kiosk.
func (db *DB) CreateKiosk(ctx context.Context, k *mobilite.Kiosk) error {
	var err error
	k.ID, err = db.insert(ctx, `INSERT INTO kiosks (hash, office_id, name, created_by, created_at) VALUES (?, ?, ?, ?, ?)`,
		k.Hash, idOrNull(k.OfficeID), k.Name, idOrNull(k.CreatedBy), ts(k.CreatedAt))
	return db.fail("create kiosk", err)
}

// FindKiosk returns the kiosk with this hash, if not revoked.
func (db *DB) FindKiosk(ctx context.Context, hash string) (*mobilite.Kiosk, error) {
	k := &mobilite.Kiosk{}
	err := db.queryRow(ctx, `SELECT id, hash, office_id, name, created_by, created_at FROM kiosks WHERE hash = ? AND revoked_at IS NULL`, hash).
		Scan(&k.ID, &k.Hash, id(&k.OfficeID), &k.Name, id(&k.CreatedBy), tm(&k.CreatedAt))
	if err != nil {
		return nil, db.fail("find kiosk", err)
	}
	return k, nil
}

// RevokeKiosk revokes a kiosk and ends its sessions.
func (db *DB) RevokeKiosk(ctx context.Context, kioskID int64, at time.Time) error {
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		res, err := tx.exec(ctx, `UPDATE kiosks SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL`, ts(at), kioskID)
		if err := tx.affected("revoke kiosk", res, err); err != nil {
			return err
		}
		_, err = tx.exec(ctx, `DELETE FROM sessions WHERE kiosk_id = ?`, kioskID)
		return tx.fail("revoke kiosk", err)
	})
}
