package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"mobilite"
)

// IngestJobs writes a batch from a source in one transaction. What the items need from the
// database (their organisations, the items seen before, the open offers they may duplicate) is
// read with one query each for the whole batch, and the full-text index is written once at the
// end: per item, only the rows that change are written. (Measured on 1 million offers: see
// docs/PERFORMANCE.md.)
func (db *DB) IngestJobs(ctx context.Context, sourceID int64, batch []mobilite.IngestJob, now time.Time) (mobilite.IngestResult, error) {
	var res mobilite.IngestResult
	err := db.Tx(ctx, func(s mobilite.Store) error {
		tx := s.(*DB)
		res = mobilite.IngestResult{}
		orgs, err := tx.batchOrgs(ctx, batch, now)
		if err != nil {
			return err
		}
		seen, err := tx.batchSeen(ctx, sourceID, batch)
		if err != nil {
			return err
		}
		dups, err := tx.batchDuplicates(ctx, batch, seen)
		if err != nil {
			return err
		}
		w, err := tx.newPendingWrites(ctx, sourceID, batch, seen, now)
		if err != nil {
			return err
		}
		tx.fts = &pendingIndex{added: map[int64]int{}, removed: map[int64]bool{}}
		for i := range batch {
			if err := tx.ingestOne(ctx, w, &batch[i], orgs, seen, dups, &res); err != nil {
				return fmt.Errorf("item %q: %w", batch[i].ExternalID, err)
			}
		}
		if err := tx.flushWrites(ctx, w); err != nil {
			return err
		}
		return tx.flushIndex(ctx)
	})
	if err == nil && !db.inTx && !db.open.analysed.Load() && db.dialect.NeverAnalysed != "" {
		db.firstStatistics(ctx)
	}
	return res, err
}

// firstStatistics analyses the offers' tables once they hold offers but were never analysed.
// Autovacuum looks at a database once a minute; until then PostgreSQL plans without statistics
// and guessed that few offers are open: the duplicate look-up of every batch read all the open
// offers through jobs_open instead of a few through jobs_fingerprint (94 ms a batch at 30,000
// open offers, a sixth slower ingestion from an empty database). After that, autovacuum keeps
// the statistics as the tables grow.
//
// The batch is committed before: a failure here is not the ingestion's, and the next batch
// tries again.
func (db *DB) firstStatistics(ctx context.Context) {
	var never bool
	if err := db.sql.QueryRowContext(ctx, db.dialect.NeverAnalysed).Scan(&never); err != nil {
		return
	}
	if never {
		if _, err := db.sql.ExecContext(ctx, db.dialect.Analyze); err != nil {
			return
		}
	}
	db.open.analysed.Store(true)
}

// pendingWrites holds the rows a batch adds (new offers, their job_sources rows, the items
// listed again unchanged) until its end, where they are written in bulk (PostgreSQL's COPY,
// else 100 or 250 rows per statement): PostgreSQL spent about 250 µs of its processor on the two
// single-row inserts of each new offer, and the application as much again on their round trips. The new offers' ids are
// taken from the engine beforehand, so that the batch can refer to them at once.
type pendingWrites struct {
	sourceID int64
	now      time.Time
	ids      []int64 // ids taken for new offers, not given yet
	jobs     []*mobilite.Job
	jobIDs   map[int64]bool  // the ids of jobs
	sources  []any           // the values of qInsertSources, 8 per row
	items    map[string]bool // the external ids of sources
	touched  []any           // external ids listed again unchanged
}

// newPendingWrites takes an id for every item of the batch that is not in seen.
func (db *DB) newPendingWrites(ctx context.Context, sourceID int64, batch []mobilite.IngestJob, seen map[string]seenItem, now time.Time) (*pendingWrites, error) {
	w := &pendingWrites{sourceID: sourceID, now: now, jobIDs: map[int64]bool{}, items: map[string]bool{}}
	n := 0
	for i := range batch {
		if _, ok := seen[batch[i].ExternalID]; !ok {
			n++
		}
	}
	if n == 0 {
		return w, nil
	}
	rows, err := db.query(ctx, db.dialect.NewJobIDs, n)
	if err != nil {
		return nil, db.fail("take job ids", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, db.fail("take job ids", err)
		}
		w.ids = append(w.ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, db.fail("take job ids", err)
	}
	if len(w.ids) != n {
		return nil, db.fail("take job ids", fmt.Errorf("%d ids for %d new items", len(w.ids), n))
	}
	return w, nil
}

// flushWrites writes the pending rows: offers first, which the job_sources rows refer to.
func (db *DB) flushWrites(ctx context.Context, w *pendingWrites) error {
	args := make([]any, 0, 28*len(w.jobs))
	for _, j := range w.jobs {
		args = append(append(args, j.ID), jobArgs(j)...)
	}
	if copied, err := db.copyRows(ctx, "jobs", "id, "+jobColumnsWritten, 28, args); err != nil {
		return db.fail("create jobs", err)
	} else if !copied {
		for start := 0; start < len(args); start += 28 * 100 {
			part := args[start:min(start+28*100, len(args))]
			if _, err := db.execKept(ctx, qInsertJobs(len(part)/28), part...); err != nil {
				return db.fail("create jobs", err)
			}
		}
	}
	if copied, err := db.copyRows(ctx, "job_sources", jobSourceColumns, 8, w.sources); err != nil {
		return db.fail("create job sources", err)
	} else if !copied {
		for start := 0; start < len(w.sources); start += 8 * 250 {
			part := w.sources[start:min(start+8*250, len(w.sources))]
			if _, err := db.execKept(ctx, qInsertSources(len(part)/8), part...); err != nil {
				return db.fail("create job sources", err)
			}
		}
	}
	err := inChunks(w.touched, func(part []any, marks string) error {
		_, err := db.exec(ctx, `UPDATE job_sources SET last_seen = ? WHERE source_id = ? AND external_id IN (`+marks+`)`,
			append([]any{ts(w.now), w.sourceID}, part...)...)
		return err
	})
	if err != nil {
		return db.fail("touch job sources", err)
	}
	w.jobs, w.sources, w.touched = nil, nil, nil
	clear(w.jobIDs)
	clear(w.items)
	return nil
}

// keptQueries are the queries that run for every offer of an ingestion, kept prepared;
// bulkInserts too, where the engine has no CopyFrom (flushWrites).
var (
	keptQueries = []string{qUpdateSource, qFindDuplicate, qFindJob, qInsertJob + " RETURNING id", qUpdateJob}
	bulkInserts = []string{qInsertJobs(100), qInsertSources(250)}
)

const (
	qUpdateSource = `UPDATE job_sources SET url = ?, content_hash = ?, last_seen = ?, gone = ? WHERE source_id = ? AND external_id = ?`
	// 'open' written out: the index of fingerprints holds open offers only (migration 0019), and
	// the engines use it only for a query that says so.
	qFindDuplicate = `SELECT id FROM jobs WHERE fingerprint = ? AND status = 'open' ORDER BY id LIMIT 1`
	qFindJob       = `SELECT ` + jobColumns + ` FROM jobs j JOIN organizations o ON o.id = j.organization_id WHERE j.id = ?`
)

// qOpenFingerprints finds the open offers of some fingerprints, through the index of open
// offers' fingerprints (migration 0019), which starts with the status so that SQLite prefers it
// to the other indexes of open offers (queryplan_test.go).
func qOpenFingerprints(marks string) string {
	return `SELECT fingerprint, id FROM jobs WHERE status = 'open' AND fingerprint IN (` + marks + `)`
}

const jobSourceColumns = `source_id, external_id, job_id, url, content_hash, first_seen, last_seen, gone`

// qInsertSources inserts n rows of job_sources.
func qInsertSources(n int) string {
	return `INSERT INTO job_sources (` + jobSourceColumns + `) VALUES ` +
		strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?, ?, ?, ?, ?), ", n), ", ")
}

// seenItem is what job_sources holds of an item a source listed before.
type seenItem struct {
	jobID int64
	hash  string
	gone  bool
}

// inChunks calls fn with the values cut in slices of at most 500 (well under every engine's
// limit of bound parameters), and their placeholders.
func inChunks[T any](values []T, fn func(part []T, marks string) error) error {
	for start := 0; start < len(values); start += 500 {
		part := values[start:min(start+500, len(values))]
		if err := fn(part, strings.TrimSuffix(strings.Repeat("?, ", len(part)), ", ")); err != nil {
			return err
		}
	}
	return nil
}

func anys[T any](values []T) []any {
	out := make([]any, len(values))
	for i, v := range values {
		out[i] = v
	}
	return out
}

// batchOrgs returns the organisations of a batch by key, creating the missing ones in the
// order of their keys: two sources ingested at the same time then take the locks of new
// organisations in the same order and cannot deadlock (PostgreSQL did, on the unique key).
func (db *DB) batchOrgs(ctx context.Context, batch []mobilite.IngestJob, now time.Time) (map[string]*mobilite.Organization, error) {
	first := map[string]*mobilite.IngestJob{}
	var keys []string
	for i := range batch {
		if _, ok := first[batch[i].OrgKey]; !ok {
			first[batch[i].OrgKey] = &batch[i]
			keys = append(keys, batch[i].OrgKey)
		}
	}
	slices.Sort(keys)
	orgs := make(map[string]*mobilite.Organization, len(keys))
	err := inChunks(keys, func(part []string, marks string) error {
		rows, err := db.query(ctx, `SELECT id, name, short_name, type, trusted, created_at, name_key FROM organizations
			WHERE name_key IN (`+marks+`)`, anys(part)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			o := &mobilite.Organization{}
			var key string
			if err := rows.Scan(&o.ID, &o.Name, &o.ShortName, &o.Type, &o.Trusted, tm(&o.CreatedAt), &key); err != nil {
				return err
			}
			orgs[key] = o
		}
		return rows.Err()
	})
	if err != nil {
		return nil, db.fail("find organizations", err)
	}
	for _, key := range keys {
		if orgs[key] != nil {
			continue
		}
		in := first[key]
		o := &mobilite.Organization{Name: in.Job.Organization, ShortName: in.OrgShort, Type: in.Job.OrgType, CreatedAt: now}
		if err := db.EnsureOrganization(ctx, o, key); err != nil {
			return nil, err
		}
		orgs[key] = o
	}
	return orgs, nil
}

// batchSeen returns what job_sources holds of the batch's items, by external id.
func (db *DB) batchSeen(ctx context.Context, sourceID int64, batch []mobilite.IngestJob) (map[string]seenItem, error) {
	ids := make([]string, len(batch))
	for i := range batch {
		ids[i] = batch[i].ExternalID
	}
	seen := make(map[string]seenItem, len(batch))
	err := inChunks(ids, func(part []string, marks string) error {
		rows, err := db.query(ctx, `SELECT external_id, job_id, content_hash, gone FROM job_sources
			WHERE source_id = ? AND external_id IN (`+marks+`)`, append([]any{sourceID}, anys(part)...)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var ext string
			var s seenItem
			if err := rows.Scan(&ext, &s.jobID, &s.hash, &s.gone); err != nil {
				return err
			}
			seen[ext] = s
		}
		return rows.Err()
	})
	return seen, db.fail("find job sources", err)
}

// batchDuplicates returns, for the fingerprint of every new item of the batch, the first open
// offer that has it (0 for none).
func (db *DB) batchDuplicates(ctx context.Context, batch []mobilite.IngestJob, seen map[string]seenItem) (map[string]int64, error) {
	var fps []string
	dups := map[string]int64{}
	for i := range batch {
		fp := batch[i].Job.Fingerprint
		if _, ok := seen[batch[i].ExternalID]; ok || fp == "" {
			continue
		}
		if _, ok := dups[fp]; !ok {
			dups[fp] = 0
			fps = append(fps, fp)
		}
	}
	err := inChunks(fps, func(part []string, marks string) error {
		rows, err := db.query(ctx, qOpenFingerprints(marks), anys(part)...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var fp string
			var id int64
			if err := rows.Scan(&fp, &id); err != nil {
				return err
			}
			if dups[fp] == 0 || id < dups[fp] {
				dups[fp] = id
			}
		}
		return rows.Err()
	})
	return dups, db.fail("find duplicates", err)
}

func (db *DB) ingestOne(ctx context.Context, w *pendingWrites, in *mobilite.IngestJob, orgs map[string]*mobilite.Organization,
	seen map[string]seenItem, dups map[string]int64, res *mobilite.IngestResult) error {
	j := in.Job
	now := w.now
	res.Seen++
	o := orgs[in.OrgKey]
	j.OrgID, j.Organization, j.OrgType = o.ID, o.Name, o.Type
	s, ok := seen[in.ExternalID]
	// Later items of the batch with the same identifier find this one as the database would.
	seen[in.ExternalID] = seenItem{jobID: s.jobID, hash: in.ContentHash}
	switch {
	case ok && s.hash == in.ContentHash && !s.gone:
		res.Unchanged++
		w.touched = append(w.touched, in.ExternalID)
		return nil
	case ok:
		if w.jobIDs[s.jobID] || w.items[in.ExternalID] {
			// Listed twice in the batch: the first one's rows must be in the database to be
			// read and updated.
			if err := db.flushWrites(ctx, w); err != nil {
				return err
			}
		}
		old, err := scanJob(db.queryRowKept(ctx, qFindJob, s.jobID))
		if err != nil {
			return db.fail("find job", err)
		}
		merge(old, j, now)
		if err := db.updateJob(ctx, j, old.Status == mobilite.JobOpen); err != nil {
			return err
		}
		// The offer's fingerprint or status may have changed: the duplicates known for the
		// old and new fingerprints are read again when needed.
		delete(dups, old.Fingerprint)
		delete(dups, j.Fingerprint)
		res.Updated++
		_, err = db.execKept(ctx, qUpdateSource, in.URL, in.ContentHash, ts(now), false, w.sourceID, in.ExternalID)
		return db.fail("update job source", err)
	}

	// A new item: the same offer may already be open from another source.
	var jobID int64
	if j.Fingerprint != "" {
		id, known := dups[j.Fingerprint]
		if !known {
			// The query must see the offers of the batch so far.
			if err := db.flushWrites(ctx, w); err != nil {
				return err
			}
			err := db.queryRowKept(ctx, qFindDuplicate, j.Fingerprint).Scan(&id)
			if err != nil && err != sql.ErrNoRows {
				return db.fail("find duplicate", err)
			}
		}
		jobID = id
	}
	if jobID != 0 {
		res.Merged++
	} else {
		if len(w.ids) == 0 {
			return db.fail("take job ids", errors.New("more new items than ids taken"))
		}
		j.ID, w.ids = w.ids[0], w.ids[1:]
		j.UpdatedAt = now
		w.jobs = append(w.jobs, j)
		w.jobIDs[j.ID] = true
		if err := db.index(ctx, j, false); err != nil {
			return err
		}
		jobID = j.ID
		res.New++
		if j.Status == mobilite.JobOpen {
			res.NewIDs = append(res.NewIDs, j.ID)
			if id, known := dups[j.Fingerprint]; known && id == 0 && j.Fingerprint != "" {
				dups[j.Fingerprint] = j.ID
			}
		}
	}
	seen[in.ExternalID] = seenItem{jobID: jobID, hash: in.ContentHash}
	w.sources = append(w.sources, w.sourceID, in.ExternalID, jobID, in.URL, in.ContentHash, ts(now), ts(now), false)
	w.items[in.ExternalID] = true
	return nil
}

// pendingIndex holds the index changes of a batch (full text and job_facets) until its end:
// SQLite's FTS5 writes its pending terms to disk at the start of every statement of the
// transaction, so indexing offer by offer wrote one index segment per offer; one statement for
// the batch writes one.
type pendingIndex struct {
	remove  []int64        // offers to take out of the index as it was before the batch
	removed map[int64]bool // the same, as a set
	jobs    []*mobilite.Job
	added   map[int64]int // offer id → its position in jobs (nil there: dropped)
}

func (p *pendingIndex) add(j *mobilite.Job, wasIndexed bool) {
	if wasIndexed {
		if k, ok := p.added[j.ID]; ok {
			// Added earlier in this batch: it is not in the index yet.
			p.jobs[k] = nil
			delete(p.added, j.ID)
		} else if !p.removed[j.ID] {
			p.removed[j.ID] = true
			p.remove = append(p.remove, j.ID)
		}
	}
	if j.Status != mobilite.JobOpen {
		return
	}
	c := *j
	p.added[j.ID] = len(p.jobs)
	p.jobs = append(p.jobs, &c)
}

// flushIndex writes the pending index changes of the batch: removals, then additions, 100
// offers per statement.
func (db *DB) flushIndex(ctx context.Context) error {
	p := db.fts
	db.fts = nil
	if p == nil {
		return nil
	}
	err := inChunks(p.remove, func(part []int64, marks string) error {
		if _, err := db.exec(ctx, db.dialect.UnindexJobs(len(part)), anys(part)...); err != nil {
			return err
		}
		_, err := db.exec(ctx, `DELETE FROM job_facets WHERE id IN (`+marks+`)`, anys(part)...)
		return err
	})
	if err != nil {
		return db.fail("unindex jobs", err)
	}
	var jobs []*mobilite.Job
	for _, j := range p.jobs {
		if j != nil {
			jobs = append(jobs, j)
		}
	}
	for start := 0; start < len(jobs); start += 100 {
		part := jobs[start:min(start+100, len(jobs))]
		text := make([]any, 0, 4*len(part))
		for _, j := range part {
			text = append(text, j.ID, j.Title, j.Organization, db.indexBody(j))
		}
		if _, err := db.execBatch(ctx, db.dialect.IndexJobs(len(part)), text...); err != nil {
			return db.fail("index jobs", err)
		}
	}
	facets := make([]any, 0, 10*len(jobs))
	for _, j := range jobs {
		facets = append(facets, facetArgs(j)...)
	}
	if copied, err := db.copyRows(ctx, "job_facets", facetColumns, 10, facets); err != nil {
		return db.fail("index job facets", err)
	} else if !copied {
		for start := 0; start < len(facets); start += 10 * 100 {
			part := facets[start:min(start+10*100, len(facets))]
			marks := strings.TrimSuffix(strings.Repeat(facetMarks+", ", len(part)/10), ", ")
			if _, err := db.execBatch(ctx, qInsertFacets+marks, part...); err != nil {
				return db.fail("index job facets", err)
			}
		}
	}
	return nil
}

// merge carries over to the new version j of an offer what must survive an update: its id and
// first publication, a counsellor's occupation, and a staff decision (rejected, closed by hand).
func merge(old, j *mobilite.Job, now time.Time) {
	j.ID, j.PublishedAt, j.UpdatedAt = old.ID, old.PublishedAt, now
	j.PartnerID, j.ExternalID = old.PartnerID, old.ExternalID
	if old.ISCOManual {
		j.ISCO08, j.ISCOConfidence, j.ISCOManual = old.ISCO08, old.ISCOConfidence, true
	}
	switch {
	case old.Status == mobilite.JobRejected:
		j.Status = mobilite.JobRejected
	case old.Status == mobilite.JobClosed && (old.CloseReason == mobilite.CloseStaff || old.CloseReason == mobilite.ClosePartner):
		j.Status, j.CloseReason, j.ClosedAt = old.Status, old.CloseReason, old.ClosedAt
	}
	if j.Status == mobilite.JobClosed && j.ClosedAt.IsZero() {
		j.ClosedAt = now
	}
	if j.Status != mobilite.JobClosed {
		j.CloseReason, j.ClosedAt = "", time.Time{}
	}
}
