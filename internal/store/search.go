package store

import (
	"bytes"
	"context"
	"database/sql"
	"sort"
	"strings"
	"time"

	"mobilite"
)

// jobFilter builds the FROM and WHERE of a search; the page and the facets share it. Open
// offers, the ones people search, are read from job_facets (their filter and facet columns,
// under the same names as in jobs), closed ones from jobs.
func (db *DB) jobFilter(q mobilite.JobQuery) (from string, w where, ft *FullText) {
	from = ` FROM jobs j`
	// Words are looked up in the index of titles, and only the offers found are checked for
	// their status: "|| ''" keeps the engine from reading every closed offer through the index
	// of statuses and checking its words instead (SQLite did: 175 ms for a word of no title at a
	// million offers, against 0.3).
	status := "j.status"
	if strings.TrimSpace(q.Text) != "" {
		status = "(j.status || '')"
	}
	switch q.Status {
	case "any":
	case "all":
		w.add(status+" IN (?, ?)", mobilite.JobOpen, mobilite.JobClosed)
	case mobilite.JobClosed, mobilite.JobHeld:
		w.add(status+" = ?", q.Status)
	default: // open
		from = ` FROM job_facets j`
	}
	if text := strings.TrimSpace(q.Text); text != "" {
		if q.Status == "" || q.Status == mobilite.JobOpen {
			// Open offers are in the full-text index.
			if m, ok := db.dialect.Match(text); ok {
				from += " " + m.Join
				w.add(m.Where, m.WhereArgs...)
				ft = &m
			} else {
				w.add("1 = 0")
			}
		} else if cond, args, ok := db.dialect.MatchTitles(text, q.Status == "all" || q.Status == "any"); ok {
			// Closed offers left the full-text index: they are found by the words of their title.
			w.add(cond, args...)
		} else {
			w.add("1 = 0")
		}
	}
	if len(q.Countries) > 0 {
		marks := strings.TrimSuffix(strings.Repeat("?, ", len(q.Countries)), ", ")
		args := make([]any, len(q.Countries))
		for i, c := range q.Countries {
			args[i] = c
		}
		w.add("j.country IN ("+marks+")", args...)
	}
	if q.PartnerID != 0 {
		w.add("j.partner_id = ?", q.PartnerID)
	}
	if q.OrgID != 0 {
		w.add("j.organization_id = ?", q.OrgID)
	}
	switch {
	case len(q.ISCO) == 1:
		w.add("j.isco_major = ?", q.ISCO)
	case q.ISCO != "":
		w.add(`j.isco08 LIKE ?`, digits(q.ISCO)+"%")
	}
	if q.Contract != "" {
		w.add("j.contract = ?", q.Contract)
	}
	if q.Language != "" {
		w.add("j.language = ?", q.Language)
	}
	if q.DeadlineWithin > 0 {
		w.add("j.deadline >= ? AND j.deadline < ?", ts(q.Now), ts(q.Now.AddDate(0, 0, q.DeadlineWithin)))
	}
	if !q.Since.IsZero() {
		w.add("j.published_at >= ?", ts(q.Since))
	}
	if q.AfterID > 0 {
		w.add("j.id > ?", q.AfterID)
	}
	return from, w, ft
}

// SearchJobs returns a page of offers, the total and the facets. Searches of open offers are
// answered from the in-memory copy of them (searchOpen, openjobs.go); others, and searches
// inside a transaction (which must see its own writes), in SQL.
func (db *DB) SearchJobs(ctx context.Context, q mobilite.JobQuery) (*mobilite.JobResults, error) {
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	if (q.Status == "" || q.Status == mobilite.JobOpen) && !db.inTx && db.open != nil {
		return db.searchOpen(ctx, q)
	}
	if !db.inTx && db.open != nil {
		// Searches of closed offers read every offer's title (seconds at a million offers):
		// one per core at a time, so that a burst of them cannot take the whole machine from
		// the searches of open offers, which do not wait here.
		select {
		case db.open.scanning <- struct{}{}:
			defer func() { <-db.open.scanning }()
		case <-ctx.Done():
			return nil, db.fail("search jobs", ctx.Err())
		}
	}
	return db.SearchJobsSQL(ctx, q)
}

// SearchJobsSQL is SearchJobs answered in SQL alone, without the in-memory copy of the open
// offers nor the cache: the reference the copy is tested against. Relevance is the engine's
// rank (bm25, ts_rank) there.
func (db *DB) SearchJobsSQL(ctx context.Context, q mobilite.JobQuery) (*mobilite.JobResults, error) {
	if q.Now.IsZero() {
		q.Now = time.Now()
	}
	from, w, ft := db.jobFilter(q)
	res := &mobilite.JobResults{}
	if q.Facets {
		f, total, err := db.facets(ctx, from, w, q.Now)
		if err != nil {
			return nil, err
		}
		res.Facets, res.Total = f, total
	} else {
		if err := db.queryRow(ctx, `SELECT count(*)`+from+w.String(), w.args...).Scan(&res.Total); err != nil {
			return nil, db.fail("count jobs", err)
		}
	}
	if res.Total == 0 && q.Offset == 0 {
		return res, nil
	}
	order := " ORDER BY j.published_at DESC, j.id DESC"
	args := append([]any{}, w.args...)
	switch {
	case q.Sort == "closing":
		order = " ORDER BY j.deadline IS NULL, j.deadline, j.id"
	case q.Sort == "newest" || ft == nil:
	default:
		order = " ORDER BY " + ft.Rank + ", j.id DESC"
		args = append(args, ft.RankArgs...)
	}
	// The page's ids first, from the narrow rows, then the offers of those ids alone.
	offset, limit := page(q.Offset, q.Limit, 100)
	rows, err := db.query(ctx, `SELECT j.id`+from+w.String()+order+` LIMIT ? OFFSET ?`, append(args, limit, offset)...)
	if err != nil {
		return nil, db.fail("search jobs", err)
	}
	ids, err := collect(rows, func(r interface{ Scan(...any) error }) (int64, error) {
		var id int64
		return id, r.Scan(&id)
	})
	if err != nil || len(ids) == 0 {
		return res, db.fail("search jobs", err)
	}
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	rows, err = db.query(ctx, `SELECT `+jobListColumns+` FROM jobs j JOIN organizations o ON o.id = j.organization_id
		WHERE j.id IN (`+marks+`)`, anys(ids)...)
	if err != nil {
		return nil, db.fail("search jobs", err)
	}
	found, err := collect(rows, scanJob)
	if err != nil {
		return nil, db.fail("search jobs", err)
	}
	byID := make(map[int64]*mobilite.Job, len(found))
	for _, j := range found {
		byID[j.ID] = j
	}
	for _, id := range ids {
		if j := byID[id]; j != nil {
			res.Items = append(res.Items, j)
		}
	}
	return res, nil
}

// facets counts the matching offers by every dimension, and the total, in one pass over the
// matches. Grouping by all six dimensions at once gives about one group per offer (a million
// offers: tens of thousands of groups for a common word), so each engine does better: PostgreSQL
// groups by each dimension apart (GROUPING SETS) and sends a few hundred counts; SQLite, which
// can only sort to group, sends the matching rows' six values, counted here.
func (db *DB) facets(ctx context.Context, from string, w where, now time.Time) (*mobilite.JobFacets, int, error) {
	var count [6]map[string]int
	var total int
	var err error
	if db.dialect.GroupingSets {
		count, total, err = db.facetsGrouped(ctx, from, w, now)
	} else {
		count, total, err = db.facetsCounted(ctx, from, w, now)
	}
	if err != nil {
		return nil, 0, db.fail("facets", err)
	}
	dl := count[5]
	deadline := []mobilite.FacetCount{{Value: "7", Count: dl["7"]}, {Value: "30", Count: dl["7"] + dl["30"]}, {Value: "none", Count: dl["none"]}}
	f := &mobilite.JobFacets{Countries: sorted(count[0], 0), Orgs: sorted(count[1], 20), ISCOMajor: sorted(count[2], 0),
		Contracts: sorted(count[3], 0), Languages: sorted(count[4], 0), Deadline: deadline}
	return f, total, nil
}

// deadlineBucket is the SQL of an offer's deadline bucket; its arguments are the times of now,
// in 7 and in 30 days.
const deadlineBucket = `CASE WHEN j.deadline IS NULL THEN 'none' WHEN j.deadline < ? THEN 'past' WHEN j.deadline < ? THEN '7'
	WHEN j.deadline < ? THEN '30' ELSE 'later' END`

// facetsGrouped counts with one grouping set per dimension.
func (db *DB) facetsGrouped(ctx context.Context, from string, w where, now time.Time) ([6]map[string]int, int, error) {
	count := [6]map[string]int{{}, {}, {}, {}, {}, {}}
	args := append([]any{ts(now), ts(now.AddDate(0, 0, 7)), ts(now.AddDate(0, 0, 30))}, w.args...)
	rows, err := db.query(ctx, `SELECT GROUPING(country, organization_id, isco_major, contract, language, dl),
		country, organization_id, isco_major, contract, language, dl, count(*)
		FROM (SELECT j.country, j.organization_id, j.isco_major, j.contract, j.language, `+deadlineBucket+` AS dl`+
		from+w.String()+`) f
		GROUP BY GROUPING SETS ((country), (organization_id), (isco_major), (contract), (language), (dl))`, args...)
	if err != nil {
		return count, 0, err
	}
	defer rows.Close()
	total := 0
	for rows.Next() {
		var set, n int
		var country, major, contract, lang, dl sql.NullString
		var org sql.NullInt64
		if err := rows.Scan(&set, &country, &org, &major, &contract, &lang, &dl, &n); err != nil {
			return count, 0, err
		}
		// GROUPING has a bit per dimension, from the first (high) to the last, set when the
		// row is not grouped by it: the one bit clear names the dimension of the row.
		switch set ^ 0b111111 {
		case 1 << 5:
			count[0][country.String] += n
			total += n
		case 1 << 4:
			count[1][itoa64(org.Int64)] += n
		case 1 << 3:
			count[2][major.String] += n
		case 1 << 2:
			count[3][contract.String] += n
		case 1 << 1:
			count[4][lang.String] += n
		case 1:
			count[5][dl.String] += n
		}
	}
	return count, total, rows.Err()
}

// facetsCounted reads the six values of every matching offer and counts them.
func (db *DB) facetsCounted(ctx context.Context, from string, w where, now time.Time) ([6]map[string]int, int, error) {
	count := [6]map[string]int{{}, {}, {}, {}, {}, {}}
	rows, err := db.query(ctx, `SELECT j.country, j.organization_id, j.isco_major, j.contract, j.language, j.deadline`+
		from+w.String(), w.args...)
	if err != nil {
		return count, 0, err
	}
	defer rows.Close()
	// Deadlines are fixed-width UTC text in SQLite: their order is the order of the text.
	in0, in7, in30 := []byte(ts(now).(string)), []byte(ts(now.AddDate(0, 0, 7)).(string)), []byte(ts(now.AddDate(0, 0, 30)).(string))
	inc := func(m map[string]int, k []byte) {
		if n, ok := m[string(k)]; ok {
			m[string(k)] = n + 1
		} else {
			m[string(k)] = 1
		}
	}
	orgs := map[int64]int{}
	total := 0
	var country, major, contract, lang, deadline sql.RawBytes
	var org int64
	for rows.Next() {
		if err := rows.Scan(&country, &org, &major, &contract, &lang, &deadline); err != nil {
			return count, 0, err
		}
		total++
		inc(count[0], country)
		orgs[org]++
		inc(count[2], major)
		inc(count[3], contract)
		inc(count[4], lang)
		switch {
		case deadline == nil:
			count[5]["none"]++
		case bytes.Compare(deadline, in0) < 0:
		case bytes.Compare(deadline, in7) < 0:
			count[5]["7"]++
		case bytes.Compare(deadline, in30) < 0:
			count[5]["30"]++
		}
	}
	for id, n := range orgs {
		count[1][itoa64(id)] = n
	}
	return count, total, rows.Err()
}

// sorted turns counts into a list, largest first (then by value), without the empty value,
// keeping at most max entries (0: all).
func sorted(m map[string]int, max int) []mobilite.FacetCount {
	out := make([]mobilite.FacetCount, 0, len(m))
	for v, n := range m {
		if v != "" && n > 0 {
			out = append(out, mobilite.FacetCount{Value: v, Count: n})
		}
	}
	sort.Slice(out, func(i, k int) bool {
		if out[i].Count != out[k].Count {
			return out[i].Count > out[k].Count
		}
		return out[i].Value < out[k].Value
	})
	if max > 0 && len(out) > max {
		out = out[:max]
	}
	return out
}
