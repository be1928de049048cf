package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"html"
	"strconv"
	"strings"
	"time"

	"mobilite"
)

const jobColumns = `j.id, j.title, j.organization_id, o.name, o.type, j.description, j.how_to_apply, j.apply_url,
	j.country, j.city, j.isco08, j.isco_confidence, j.isco_manual, j.contract, j.deadline, j.language, j.status,
	j.close_reason, j.flags, j.no_fee, j.fingerprint, j.partner_id, j.external_id, j.published_at, j.updated_at, j.closed_at,
	j.req_languages, j.req_isced, j.req_years`

// jobListColumns leave out the long texts, for lists.
const jobListColumns = `j.id, j.title, j.organization_id, o.name, o.type, '', '', j.apply_url,
	j.country, j.city, j.isco08, j.isco_confidence, j.isco_manual, j.contract, j.deadline, j.language, j.status,
	j.close_reason, j.flags, j.no_fee, j.fingerprint, j.partner_id, j.external_id, j.published_at, j.updated_at, j.closed_at,
	j.req_languages, j.req_isced, j.req_years`

func scanJob(row interface{ Scan(...any) error }) (*mobilite.Job, error) {
	j := &mobilite.Job{}
	var flags, reqLanguages string
	err := row.Scan(&j.ID, &j.Title, &j.OrgID, &j.Organization, &j.OrgType, &j.Description, &j.HowToApply, &j.ApplyURL,
		&j.Country, &j.City, &j.ISCO08, &j.ISCOConfidence, &j.ISCOManual, &j.Contract, tm(&j.Deadline), &j.Language, &j.Status,
		&j.CloseReason, &flags, &j.NoFee, &j.Fingerprint, id(&j.PartnerID), &j.ExternalID, tm(&j.PublishedAt), tm(&j.UpdatedAt), tm(&j.ClosedAt),
		&reqLanguages, &j.Requirements.ISCED, &j.Requirements.Years)
	j.Requirements.Languages = mobilite.ParseLanguages(reqLanguages)
	if err == nil && flags != "" && flags != "[]" {
		err = json.Unmarshal([]byte(flags), &j.Flags)
	}
	return j, err
}

func flagsJSON(f []mobilite.JobFlag) string {
	if len(f) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(f)
	return string(b)
}

func iscoMajor(code string) string {
	if code == "" {
		return ""
	}
	return code[:1]
}

// EnsureOrganization finds the organisation with this key or creates it, and sets o.ID. Two
// sources ingested at the same time may create the same organisation: the second one waits for
// the first and takes its row (ON CONFLICT), instead of failing on the unique key.
func (db *DB) EnsureOrganization(ctx context.Context, o *mobilite.Organization, key string) error {
	find := func() error {
		return db.queryRow(ctx, `SELECT id, name, short_name, type, trusted, created_at FROM organizations WHERE name_key = ?`, key).
			Scan(&o.ID, &o.Name, &o.ShortName, &o.Type, &o.Trusted, tm(&o.CreatedAt))
	}
	err := find()
	if err == nil {
		return nil
	}
	if err != sql.ErrNoRows {
		return db.fail("find organization", err)
	}
	if o.Type == "" {
		o.Type = mobilite.OrgOther
	}
	o.ID, err = db.insert(ctx, `INSERT INTO organizations (name, name_key, short_name, type, trusted, created_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (name_key) DO NOTHING`, o.Name, key, o.ShortName, o.Type, o.Trusted, ts(o.CreatedAt))
	if err == sql.ErrNoRows {
		err = find()
	}
	return db.fail("create organization", err)
}

// FindOrganizations lists the organisations by name.
func (db *DB) FindOrganizations(ctx context.Context) ([]*mobilite.Organization, error) {
	rows, err := db.query(ctx, `SELECT id, name, short_name, type, trusted, created_at FROM organizations ORDER BY name, id`)
	if err != nil {
		return nil, db.fail("find organizations", err)
	}
	out, err := collect(rows, func(r interface{ Scan(...any) error }) (*mobilite.Organization, error) {
		o := &mobilite.Organization{}
		return o, r.Scan(&o.ID, &o.Name, &o.ShortName, &o.Type, &o.Trusted, tm(&o.CreatedAt))
	})
	return out, db.fail("find organizations", err)
}

// UpdateOrganization saves the type and trust of o.
func (db *DB) UpdateOrganization(ctx context.Context, o *mobilite.Organization) error {
	res, err := db.exec(ctx, `UPDATE organizations SET name = ?, short_name = ?, type = ?, trusted = ? WHERE id = ?`,
		o.Name, o.ShortName, o.Type, o.Trusted, o.ID)
	return db.affected("update organization", res, err)
}

// stripTags turns HTML into text for the index: tags become spaces, entities are decoded.
func stripTags(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
			b.WriteByte(' ')
		case r == '>':
			in = false
		case !in:
			b.WriteRune(r)
		}
	}
	return html.UnescapeString(b.String())
}

// distinctWords returns the words of s (split at white space) once each, in the order they first
// appear, ASCII capitals lowered: for an engine whose document keeps which words an offer holds
// but no count or position of them (Dialect.IndexWordsOnce), its parser and stemmers then read
// a boilerplate word once instead of at each of its uses. White space ends every token of
// PostgreSQL's parser, and it lowers ASCII letters as it does, so the document is the same.
func distinctWords(s string) string {
	seen := make(map[string]struct{}, len(s)/8)
	var b strings.Builder
	b.Grow(len(s))
	var word []byte
	for w := range strings.FieldsSeq(s) {
		word = append(word[:0], w...)
		for i, c := range word {
			if 'A' <= c && c <= 'Z' {
				word[i] = c + 'a' - 'A'
			}
		}
		if _, dup := seen[string(word)]; dup {
			continue
		}
		seen[string(word)] = struct{}{}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(word)
	}
	return b.String()
}

// index puts an open offer in the full-text index and in job_facets, or takes a non-open one
// out of them. Inside IngestJobs the change waits in the batch's pending index, written once at
// the end.
func (db *DB) index(ctx context.Context, j *mobilite.Job, wasIndexed bool) error {
	if db.fts != nil {
		db.fts.add(j, wasIndexed)
		return nil
	}
	if wasIndexed {
		if err := db.unindex(ctx, j.ID); err != nil {
			return err
		}
	}
	if j.Status != mobilite.JobOpen {
		return nil
	}
	if _, err := db.exec(ctx, db.dialect.IndexJob, j.ID, j.Title, j.Organization, db.indexBody(j)); err != nil {
		return db.fail("index job", err)
	}
	_, err := db.exec(ctx, qInsertFacets+facetMarks, facetArgs(j)...)
	return db.fail("index job facets", err)
}

// unindex takes an offer out of the full-text index and job_facets.
func (db *DB) unindex(ctx context.Context, jobID int64) error {
	if _, err := db.exec(ctx, db.dialect.UnindexJob, jobID); err != nil {
		return db.fail("unindex job", err)
	}
	_, err := db.exec(ctx, `DELETE FROM job_facets WHERE id = ?`, jobID)
	return db.fail("unindex job facets", err)
}

// indexBody is the text of an offer's body in the index.
func (db *DB) indexBody(j *mobilite.Job) string {
	body := stripTags(j.Description) + " " + j.City + " " + j.IndexText
	if db.dialect.IndexWordsOnce {
		return distinctWords(body)
	}
	return body
}

const (
	facetColumns  = `id, country, organization_id, isco08, isco_major, contract, language, deadline, published_at, partner_id`
	qInsertFacets = `INSERT INTO job_facets (` + facetColumns + `) VALUES `
	facetMarks    = `(?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`
)

// facetArgs are the values of an offer's row of job_facets.
func facetArgs(j *mobilite.Job) []any {
	return []any{j.ID, j.Country, j.OrgID, j.ISCO08, iscoMajor(j.ISCO08), j.Contract, j.Language, ts(j.Deadline),
		ts(j.PublishedAt), idOrNull(j.PartnerID)}
}

// jobColumnsWritten are the columns of jobs an insert writes (jobArgs), the id apart.
const jobColumnsWritten = `title, organization_id, description, how_to_apply, apply_url, country, city,
	isco08, isco_major, isco_confidence, isco_manual, contract, deadline, language, status, close_reason, flags, no_fee,
	fingerprint, partner_id, external_id, published_at, updated_at, closed_at, req_languages, req_isced, req_years`

const qInsertJob = `INSERT INTO jobs (` + jobColumnsWritten + `)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

// qInsertJobs inserts n offers whose ids are given (the id, then jobArgs, for each).
func qInsertJobs(n int) string {
	return `INSERT INTO jobs (id, ` + jobColumnsWritten + `) VALUES ` + strings.TrimSuffix(strings.Repeat(
		"(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
}

const qUpdateJob = `UPDATE jobs SET title = ?, organization_id = ?, description = ?, how_to_apply = ?, apply_url = ?,
	country = ?, city = ?, isco08 = ?, isco_major = ?, isco_confidence = ?, isco_manual = ?, contract = ?, deadline = ?,
	language = ?, status = ?, close_reason = ?, flags = ?, no_fee = ?, fingerprint = ?, partner_id = ?, external_id = ?,
	published_at = ?, updated_at = ?, closed_at = ?, req_languages = ?, req_isced = ?, req_years = ? WHERE id = ?`

func (db *DB) insertJob(ctx context.Context, j *mobilite.Job) error {
	err := db.queryRowKept(ctx, qInsertJob+" RETURNING id", jobArgs(j)...).Scan(&j.ID)
	if err != nil {
		return db.fail("create job", err)
	}
	return db.index(ctx, j, false)
}

// jobArgs are the values of qInsertJob for j, in the order of jobColumnsWritten.
func jobArgs(j *mobilite.Job) []any {
	return []any{j.Title, j.OrgID, j.Description, j.HowToApply, j.ApplyURL, j.Country, j.City, j.ISCO08, iscoMajor(j.ISCO08),
		j.ISCOConfidence, j.ISCOManual, j.Contract, ts(j.Deadline), j.Language, j.Status, j.CloseReason, flagsJSON(j.Flags),
		j.NoFee, j.Fingerprint, idOrNull(j.PartnerID), j.ExternalID, ts(j.PublishedAt), ts(j.UpdatedAt), ts(j.ClosedAt),
		j.Requirements.LanguagesText(), j.Requirements.ISCED, j.Requirements.Years}
}

func (db *DB) updateJob(ctx context.Context, j *mobilite.Job, wasOpen bool) error {
	res, err := db.execKept(ctx, qUpdateJob, append(jobArgs(j), j.ID)...)
	if err := db.affected("update job", res, err); err != nil {
		return err
	}
	return db.index(ctx, j, wasOpen)
}

// CreateJob inserts an offer typed on the platform.
func (db *DB) CreateJob(ctx context.Context, j *mobilite.Job) error {
	return db.Tx(ctx, func(s mobilite.Store) error {
		tx := s.(*DB)
		if err := tx.orgName(ctx, j); err != nil {
			return err
		}
		return tx.insertJob(ctx, j)
	})
}

// orgName fills the organisation's name and type of j from its id.
func (db *DB) orgName(ctx context.Context, j *mobilite.Job) error {
	err := db.queryRow(ctx, `SELECT name, type FROM organizations WHERE id = ?`, j.OrgID).Scan(&j.Organization, &j.OrgType)
	return db.fail("find organization", err)
}

// UpdateJob saves j and its place in the index.
func (db *DB) UpdateJob(ctx context.Context, j *mobilite.Job) error {
	return db.Tx(ctx, func(s mobilite.Store) error {
		tx := s.(*DB)
		var status string
		if err := tx.queryRow(ctx, `SELECT status FROM jobs WHERE id = ?`, j.ID).Scan(&status); err != nil {
			return tx.fail("update job", err)
		}
		if err := tx.orgName(ctx, j); err != nil {
			return err
		}
		return tx.updateJob(ctx, j, status == mobilite.JobOpen)
	})
}

// FindJobByID returns an offer with its sources.
func (db *DB) FindJobByID(ctx context.Context, jobID int64) (*mobilite.Job, error) {
	j, err := scanJob(db.queryRow(ctx, `SELECT `+jobColumns+` FROM jobs j JOIN organizations o ON o.id = j.organization_id
		WHERE j.id = ?`, jobID))
	if err != nil {
		return nil, db.fail("find job", err)
	}
	srcs, err := db.FindJobSources(ctx, []int64{jobID})
	j.Sources = srcs[jobID]
	return j, err
}

// FindJobSources returns the sources of the offers ids, 500 offers per query.
func (db *DB) FindJobSources(ctx context.Context, ids []int64) (map[int64][]mobilite.JobSource, error) {
	out := make(map[int64][]mobilite.JobSource, len(ids))
	err := inChunks(ids, func(part []int64, marks string) error {
		rows, err := db.query(ctx, `SELECT js.job_id, js.source_id, s.name, js.external_id, js.url, js.first_seen, js.last_seen, js.gone
			FROM job_sources js JOIN sources s ON s.id = js.source_id WHERE js.job_id IN (`+marks+`)
			ORDER BY js.job_id, js.first_seen, js.source_id, js.external_id`, anys(part)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var id int64
			var s mobilite.JobSource
			if err := rows.Scan(&id, &s.SourceID, &s.SourceName, &s.ExternalID, &s.URL, tm(&s.FirstSeen), tm(&s.LastSeen), &s.Gone); err != nil {
				return err
			}
			out[id] = append(out[id], s)
		}
		return rows.Err()
	})
	return out, db.fail("find job sources", err)
}

// FindPartnerJob returns a partner's offer by its external id.
func (db *DB) FindPartnerJob(ctx context.Context, partnerID int64, externalID string) (*mobilite.Job, error) {
	var jobID int64
	err := db.queryRow(ctx, `SELECT id FROM jobs WHERE partner_id = ? AND external_id = ?`, partnerID, externalID).Scan(&jobID)
	if err != nil {
		return nil, db.fail("find partner job", err)
	}
	return db.FindJobByID(ctx, jobID)
}

// CloseMissing marks gone the items of a source not seen since a time, and closes the offers no
// source lists any more.
func (db *DB) CloseMissing(ctx context.Context, sourceID int64, notSeenSince, now time.Time) (int, error) {
	var n int
	err := db.Tx(ctx, func(s mobilite.Store) error {
		tx := s.(*DB)
		if _, err := tx.exec(ctx, `UPDATE job_sources SET gone = ? WHERE source_id = ? AND last_seen < ? AND gone = ?`,
			true, sourceID, ts(notSeenSince), false); err != nil {
			return tx.fail("mark gone", err)
		}
		rows, err := tx.query(ctx, `SELECT j.id FROM jobs j WHERE j.status = ? AND j.partner_id IS NULL
			AND EXISTS (SELECT 1 FROM job_sources js WHERE js.job_id = j.id AND js.source_id = ?)
			AND NOT EXISTS (SELECT 1 FROM job_sources js WHERE js.job_id = j.id AND js.gone = ?)`,
			mobilite.JobOpen, sourceID, false)
		if err != nil {
			return tx.fail("find gone jobs", err)
		}
		ids, err := collect(rows, func(r interface{ Scan(...any) error }) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		})
		if err != nil {
			return tx.fail("find gone jobs", err)
		}
		n = len(ids)
		return tx.closeJobs(ctx, ids, mobilite.CloseSource, now)
	})
	return n, err
}

// closeJobs closes open offers and takes them out of the index.
func (db *DB) closeJobs(ctx context.Context, ids []int64, reason string, now time.Time) error {
	for _, jobID := range ids {
		if _, err := db.exec(ctx, `UPDATE jobs SET status = ?, close_reason = ?, closed_at = ?, updated_at = ? WHERE id = ? AND status = ?`,
			mobilite.JobClosed, reason, ts(now), ts(now), jobID, mobilite.JobOpen); err != nil {
			return db.fail("close job", err)
		}
		if err := db.unindex(ctx, jobID); err != nil {
			return err
		}
	}
	return nil
}

// qExpired finds the open offers whose deadline passed, 'open' written out for the index of
// open offers' deadlines (migration 0019).
const qExpired = `SELECT id FROM jobs WHERE status = 'open' AND deadline < ?`

// CloseExpired closes open offers whose deadline passed.
func (db *DB) CloseExpired(ctx context.Context, now time.Time) (int, error) {
	var n int
	err := db.Tx(ctx, func(s mobilite.Store) error {
		tx := s.(*DB)
		rows, err := tx.query(ctx, qExpired, ts(now))
		if err != nil {
			return tx.fail("find expired jobs", err)
		}
		ids, err := collect(rows, func(r interface{ Scan(...any) error }) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		})
		if err != nil {
			return tx.fail("find expired jobs", err)
		}
		n = len(ids)
		return tx.closeJobs(ctx, ids, mobilite.CloseDeadline, now)
	})
	return n, err
}

// FindJobChanges lists offers changed after since, oldest first.
func (db *DB) FindJobChanges(ctx context.Context, since time.Time, limit int) ([]*mobilite.Job, error) {
	_, limit = page(0, limit, 1000)
	rows, err := db.query(ctx, `SELECT `+jobListColumns+` FROM jobs j JOIN organizations o ON o.id = j.organization_id
		WHERE j.updated_at > ? AND j.status IN (?, ?) ORDER BY j.updated_at, j.id LIMIT ?`,
		ts(since), mobilite.JobOpen, mobilite.JobClosed, limit)
	if err != nil {
		return nil, db.fail("find job changes", err)
	}
	out, err := collect(rows, scanJob)
	return out, db.fail("find job changes", err)
}

// CountJobs counts offers by status.
func (db *DB) CountJobs(ctx context.Context) (map[string]int, error) {
	rows, err := db.query(ctx, `SELECT status, count(*) FROM jobs GROUP BY status`)
	if err != nil {
		return nil, db.fail("count jobs", err)
	}
	defer rows.Close()
	out := map[string]int{}
	for rows.Next() {
		var s string
		var n int
		if err := rows.Scan(&s, &n); err != nil {
			return nil, db.fail("count jobs", err)
		}
		out[s] = n
	}
	return out, db.fail("count jobs", rows.Err())
}

// MaxJobID returns the greatest offer id.
func (db *DB) MaxJobID(ctx context.Context) (int64, error) {
	var n sql.NullInt64
	err := db.queryRow(ctx, `SELECT max(id) FROM jobs`).Scan(&n)
	return n.Int64, db.fail("max job id", err)
}

// itoa64 formats an id for facets.
func itoa64(n int64) string { return strconv.FormatInt(n, 10) }
