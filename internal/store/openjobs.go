package store

import (
	"context"
	"database/sql"
	"runtime"
	"sync"
	"sync/atomic"
	"time"
)

// openIndex is this process's copy of what a search of the open offers needs from each of
// them — its filter and facet values, its dates and the words of its title — about 80 bytes an
// offer (16 MB for 200,000). A search asks the database only for the ids of the offers that hold
// its words (the bare full-text query) and for the 20 offers of its page; it filters, counts the
// facets, ranks and pages here (docs/PERFORMANCE.md: counting facets in SQL cost 3 µs per match).
//
// The copy is loaded from job_facets at the first search, then kept current from
// job_index_log, which triggers fill with every change of job_facets (migration 0009): before a
// search, at most once per refreshEvery, or at once after a transaction of this process, the
// offers changed since the last version seen are read again. Other processes' writes are
// therefore seen within refreshEvery; this process's own at once.
type openIndex struct {
	refresh sync.Mutex   // held while the copy is loaded or refreshed
	mu      sync.RWMutex // guards what follows; searches hold it for reading
	loaded  bool
	version int64     // the last version of job_index_log applied
	rows    []openRow // in no order; a removed row is replaced by the last one
	pos     []int32   // offer id → 1 + its position in rows; 0 when the offer is not open

	countries, iscos, contracts, languages interner
	orgIDs                                 []int64
	orgs                                   map[int64]uint32
	words                                  interner // the folded words of titles

	common commonWords // searches that find many offers
	split  int         // the number of offers above which a search is cut in two (splitFrom)

	matches     matchCache    // the bare query's answers for common words (matchcache.go)
	lexemes     lexemeIndex   // the offers of the most common lexemes (lexemes.go)
	changes     []indexChange // the offers changed at each refresh, oldest first
	changesFrom int64         // changes holds every change after this version

	computing chan struct{} // a token for each search of the open offers being computed (servers)
	scanning  chan struct{} // a token for each search of closed offers running

	analysed atomic.Bool  // the offers' tables have statistics (firstStatistics)
	checked  atomic.Int64 // when the version was last read (unix nanoseconds)
	commits  atomic.Int64 // transactions this process committed
	seen     atomic.Int64 // of which the copy has read the changes
	every    time.Duration
}

// refreshEvery is how often a process looks for other processes' changes of the open offers.
const refreshEvery = time.Second

// maxTitleWords is how many distinct words of a title are kept for relevance.
const maxTitleWords = 8

// openRow is one open offer in the copy. Times are Unix microseconds; a deadline of 0 means none.
type openRow struct {
	id, published, deadline, partner int64
	org                              uint32
	country, isco                    uint16
	contract, language               uint16
	nwords                           uint8
	words                            [maxTitleWords]uint32
}

// interner gives each distinct string a small number; "" is 0.
type interner struct {
	vals []string
	idx  map[string]uint32
}

func (in *interner) id(s string) uint32 {
	if in.idx == nil {
		in.idx = map[string]uint32{"": 0}
		in.vals = []string{""}
	}
	if i, ok := in.idx[s]; ok {
		return i
	}
	i := uint32(len(in.vals))
	in.vals = append(in.vals, s)
	in.idx[s] = i
	return i
}

// small interns a value of a dimension with few values (countries, occupations, contracts,
// languages); past 65,535 distinct values the others count as empty.
func (in *interner) small(s string) uint16 {
	if i, ok := in.idx[s]; ok || len(in.vals) >= 1<<16-1 {
		return uint16(i)
	}
	return uint16(in.id(s))
}

func newOpenIndex() *openIndex {
	// Two per processor core (4 on the machine of docs/PERFORMANCE.md).
	cores := max(runtime.GOMAXPROCS(0), 1)
	return &openIndex{every: refreshEvery, split: splitFrom, computing: make(chan struct{}, 2*cores), scanning: make(chan struct{}, cores)}
}

// openRowColumns are the columns read for the copy: job_facets and the title from jobs.
const openRowColumns = `SELECT f.id, f.country, f.organization_id, f.isco08, f.contract, f.language, f.deadline,
	f.published_at, f.partner_id, j.title FROM job_facets f JOIN jobs j ON j.id = f.id`

// fresh returns the copy of the open offers, loaded, and refreshed if it may be behind: always
// after a transaction of this process, else once per refreshEvery. A search that finds another
// one refreshing uses the copy as it is, unless this process wrote since.
func (db *DB) fresh(ctx context.Context) (*openIndex, error) {
	x := db.open
	now := time.Now().UnixNano()
	x.mu.RLock()
	loaded := x.loaded
	x.mu.RUnlock()
	behind := x.seen.Load() != x.commits.Load()
	if loaded && !behind && now-x.checked.Load() < int64(x.every) {
		return x, nil
	}
	if loaded && !behind {
		if !x.refresh.TryLock() {
			return x, nil
		}
	} else {
		// A search after a commit of this process waits for the refresh, even one another
		// search started: it must see the commit.
		x.refresh.Lock()
	}
	defer x.refresh.Unlock()
	// Read before refreshing: a commit after this point is read at the next refresh.
	commits := x.commits.Load()
	if x.loaded && x.seen.Load() == commits && time.Now().UnixNano()-x.checked.Load() < int64(x.every) {
		return x, nil // refreshed by another search while this one waited
	}
	start := time.Now()
	var err error
	if x.loaded {
		err = db.refreshOpen(ctx, x)
	} else {
		err = db.loadOpen(ctx, x)
	}
	if err != nil {
		return nil, db.fail("refresh open jobs", err)
	}
	x.seen.Store(commits)
	x.checked.Store(start.UnixNano())
	return x, nil
}

// indexVersion reads the last version of job_index_log.
func (db *DB) indexVersion(ctx context.Context) (int64, error) {
	var v sql.NullInt64
	err := db.sql.QueryRowContext(ctx, `SELECT max(version) FROM job_index_log`).Scan(&v)
	return v.Int64, err
}

// loadOpen reads every open offer into x, replacing what it held. The version is read first: a
// change committed during the load is read again at the next refresh.
func (db *DB) loadOpen(ctx context.Context, x *openIndex) error {
	v, err := db.indexVersion(ctx)
	if err != nil {
		return err
	}
	fresh := &openIndex{}
	rows, err := db.sql.QueryContext(ctx, openRowColumns)
	if err != nil {
		return err
	}
	if err := fresh.scan(rows); err != nil {
		return err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	x.rows, x.pos = fresh.rows, fresh.pos
	x.countries, x.iscos, x.contracts, x.languages, x.words = fresh.countries, fresh.iscos, fresh.contracts, fresh.languages, fresh.words
	x.orgIDs, x.orgs = fresh.orgIDs, fresh.orgs
	x.version, x.loaded = v, true
	x.forgetChanges(v)
	return nil
}

// refreshOpen applies the changes logged since x.version: each changed offer is read again
// from job_facets (gone from it: no longer open). When the log no longer holds the next
// version, the process fell too far behind and loads everything again.
func (db *DB) refreshOpen(ctx context.Context, x *openIndex) error {
	v, err := db.indexVersion(ctx)
	if err != nil {
		return err
	}
	x.mu.RLock()
	from := x.version
	x.mu.RUnlock()
	if v == from {
		return nil
	}
	if v < from {
		return db.loadOpen(ctx, x) // the log was emptied or recreated
	}
	rows, err := db.sql.QueryContext(ctx, db.rebind(`SELECT version, job_id FROM job_index_log WHERE version > ? AND version <= ?
		ORDER BY version`), from, v)
	if err != nil {
		return err
	}
	var ids []int64
	var log []indexChange
	seen := map[int64]bool{}
	first := int64(-1)
	for rows.Next() {
		var ver, id int64
		if err := rows.Scan(&ver, &id); err != nil {
			rows.Close()
			return err
		}
		if first < 0 {
			first = ver
		}
		log = append(log, indexChange{ver, id})
		if !seen[id] {
			seen[id] = true
			ids = append(ids, id)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	if first != from+1 {
		return db.loadOpen(ctx, x) // pruned before this process read it
	}
	changed := &openIndex{}
	err = inChunks(ids, func(part []int64, marks string) error {
		rows, err := db.sql.QueryContext(ctx, db.rebind(openRowColumns+` WHERE f.id IN (`+marks+`)`), anys(part)...)
		if err != nil {
			return err
		}
		return changed.scanInto(rows, x)
	})
	if err != nil {
		return err
	}
	x.mu.Lock()
	defer x.mu.Unlock()
	for _, id := range ids {
		x.remove(id)
	}
	for i := range changed.rows {
		x.put(changed.rows[i])
	}
	x.version = v
	x.logChanges(log)
	return nil
}

// scan reads rows of openRowColumns into x (which nobody else sees yet).
func (x *openIndex) scan(rows *sql.Rows) error {
	x.orgs = map[int64]uint32{}
	return x.scanInto(rows, x)
}

// scanInto reads rows of openRowColumns into x.rows, interning their values in dict: x itself
// when loading (row by row), or the live copy when refreshing (whose lock is then taken once the
// rows are read, not while the database is).
func (x *openIndex) scanInto(rows *sql.Rows, dict *openIndex) error {
	defer rows.Close()
	var batch []rawOpenRow
	var words []string
	for rows.Next() {
		var r rawOpenRow
		if err := rows.Scan(&r.id, &r.country, &r.org, &r.isco, &r.contract, &r.language, tm(&r.deadline),
			tm(&r.published), id(&r.partner), &r.title); err != nil {
			return err
		}
		if dict == x {
			words = x.add(&r, x, words)
		} else {
			batch = append(batch, r)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(batch) > 0 {
		dict.mu.Lock()
		defer dict.mu.Unlock()
		for i := range batch {
			words = x.add(&batch[i], dict, words)
		}
	}
	return nil
}

// rawOpenRow is a row of openRowColumns as read.
type rawOpenRow struct {
	id, org, partner                         int64
	country, isco, contract, language, title string
	deadline, published                      time.Time
}

// add appends r to x.rows (or puts it in x when x is its own dictionary), its values interned
// in dict. words is a buffer, returned for the next call.
func (x *openIndex) add(r *rawOpenRow, dict *openIndex, words []string) []string {
	o := openRow{id: r.id, published: micros(r.published), deadline: micros(r.deadline), partner: r.partner,
		country: dict.countries.small(r.country), isco: dict.iscos.small(r.isco),
		contract: dict.contracts.small(r.contract), language: dict.languages.small(r.language)}
	org, ok := dict.orgs[r.org]
	if !ok {
		org = uint32(len(dict.orgIDs))
		dict.orgIDs = append(dict.orgIDs, r.org)
		dict.orgs[r.org] = org
	}
	o.org = org
	words = titleWords(words[:0], r.title)
next:
	for _, w := range words {
		wid := dict.words.id(w)
		for _, have := range o.words[:o.nwords] {
			if have == wid {
				continue next
			}
		}
		o.words[o.nwords] = wid
		if o.nwords++; int(o.nwords) == maxTitleWords {
			break
		}
	}
	if x == dict {
		x.put(o)
	} else {
		x.rows = append(x.rows, o)
	}
	return words
}

// micros is a time in Unix microseconds, 0 for the zero time.
func micros(t time.Time) int64 {
	if t.IsZero() {
		return 0
	}
	return t.UnixMicro()
}

// put adds or replaces an offer.
func (x *openIndex) put(o openRow) {
	if o.id <= 0 {
		return
	}
	if o.id >= int64(len(x.pos)) {
		grown := make([]int32, o.id+o.id/4+1024)
		copy(grown, x.pos)
		x.pos = grown
	}
	if p := x.pos[o.id]; p > 0 {
		x.rows[p-1] = o
		return
	}
	x.rows = append(x.rows, o)
	x.pos[o.id] = int32(len(x.rows))
}

// remove takes an offer out, if it is there.
func (x *openIndex) remove(id int64) {
	if id <= 0 || id >= int64(len(x.pos)) || x.pos[id] == 0 {
		return
	}
	p := x.pos[id] - 1
	last := len(x.rows) - 1
	if int(p) != last {
		x.rows[p] = x.rows[last]
		x.pos[x.rows[p].id] = p + 1
	}
	x.rows = x.rows[:last]
	x.pos[id] = 0
}

// WarmOpenJobs loads the copy of the open offers, so that the first search after a start does
// not wait for it, then, where the engine tells them, the offers of the most common lexemes
// (lexemes.go). serve calls it in the background.
func (db *DB) WarmOpenJobs(ctx context.Context) error {
	x, err := db.fresh(ctx)
	if err != nil {
		return err
	}
	return db.buildLexemes(ctx, x)
}
