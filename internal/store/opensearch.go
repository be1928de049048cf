package store

import (
	"context"
	"fmt"
	"math"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"time"

	"mobilite"
)

// searchOpen answers a search of the open offers from the in-memory copy: the database is asked
// for the ids holding the words (the bare full-text query) and for the offers of the page.
// Relevance is the number of the words searched found in the title, then the newest first:
// ranking every match by bm25 or ts_rank cost more than the whole search may. Answers are kept
// a few seconds for the version of the copy they come from (searchcache.go).
func (db *DB) searchOpen(ctx context.Context, q mobilite.JobQuery) (*mobilite.JobResults, error) {
	x, err := db.fresh(ctx)
	if err != nil {
		return nil, err
	}
	// Text without a word that can be searched finds nothing (as in SQL), not everything.
	text := strings.TrimSpace(q.Text)
	words := SearchWords(text)
	all := text == ""
	key := ""
	if db.cache != nil && (all || len(words) > 0) {
		key = cacheKey(q)
		x.mu.RLock()
		v := x.version
		x.mu.RUnlock()
		if res := db.cache.get(ctx, key, v); res != nil {
			return res, nil
		}
		defer db.cache.done(key) // when the search fails (put has ended it otherwise)
		// A few computed at a time, the others waiting their turn: a server started under
		// load (32 connections, 50 different searches) had every one of them computed at once,
		// and on PostgreSQL the last ones took over 2 s.
		select {
		case x.computing <- struct{}{}:
			defer func() { <-x.computing }()
		case <-ctx.Done():
			return nil, db.fail("search jobs", ctx.Err())
		}
	}
	var matches []string
	if len(words) > 0 {
		if matches, err = db.matchLists(ctx, x, text, words); err != nil {
			return nil, err
		}
	}
	x.mu.RLock()
	version := x.version
	found, err := x.search(q, all, matches, words)
	x.mu.RUnlock()
	if err != nil {
		return nil, db.fail("match jobs", err)
	}
	res := &mobilite.JobResults{Total: found.total, Facets: found.facets}
	if len(found.ids) > 0 {
		if res.Items, err = db.jobsByID(ctx, found.ids); err != nil {
			return nil, err
		}
	}
	if key != "" {
		db.cache.put(key, version, res)
	}
	return res, nil
}

// MatchIDs runs the engine's bare full-text query for the words of text: the ids of the open
// offers that hold them all, in no order. It is the lower bound of a search (bench search times
// it apart).
func (db *DB) MatchIDs(ctx context.Context, text string) ([]int64, error) {
	list, err := db.matchList(ctx, text)
	if err != nil {
		return nil, err
	}
	ids, err := parseIDList(list)
	return ids, db.fail("match jobs", err)
}

// matchLists runs the bare full-text query, in two halves of the offers at once (each on its
// own connection) where the engine can and the offers are many: on two processor cores a
// common word's 100,000 ids are read in about half the time. It returns the lists of ids,
// non-empty ones only.
func (db *DB) matchLists(ctx context.Context, x *openIndex, text string, words []string) ([]string, error) {
	key := strings.Join(words, " ")
	if list, ok, err := db.lexemeMatch(ctx, x, key); err != nil || ok {
		if list == "" {
			return nil, err
		}
		return []string{list}, nil
	}
	if list, ok, err := db.cachedMatchList(ctx, x, key, text); err != nil || ok {
		if list == "" {
			return nil, err
		}
		return []string{list}, nil
	}
	var mid int64
	x.mu.RLock()
	version := x.version // before the query, which answers for this version or a later one
	if db.dialect.MatchIDsBetween != nil && x.common.has(key) {
		mid = x.middleID()
	}
	x.mu.RUnlock()
	if mid == 0 {
		list, err := db.matchList(ctx, text)
		if err != nil || list == "" {
			return nil, err
		}
		if len(list) >= x.split*7 {
			x.common.add(key)
			x.matches.put(key, version, list)
		}
		return []string{list}, nil
	}
	query, args, ok := db.dialect.MatchIDsBetween(text)
	if !ok {
		return nil, nil
	}
	var lists [2]string
	var errs [2]error
	half := func(i int, lo, hi int64) {
		errs[i] = db.sql.QueryRowContext(ctx, db.rebind(query), append(args[:len(args):len(args)], lo, hi)...).Scan(&lists[i])
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		half(1, mid, math.MaxInt64)
	}()
	half(0, 0, mid)
	<-done
	var out []string
	for i, list := range lists {
		if errs[i] != nil {
			return nil, db.fail("match jobs", errs[i])
		}
		if list != "" {
			out = append(out, list)
		}
	}
	if len(out) > 0 {
		x.matches.put(key, version, strings.Join(out, ","))
	}
	return out, nil
}

// commonWords are the searches known to find many offers (their last answer held more than
// x.split ids): those are read in two halves. A rare word read that way took longer (two
// queries for little), and the engines do not tell beforehand how many offers a word is in.
type commonWords struct {
	mu sync.Mutex
	m  map[string]bool
}

func (c *commonWords) has(key string) bool {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.m[key]
}

func (c *commonWords) add(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= 10000 {
		c.m = map[string]bool{}
	}
	c.m[key] = true
}

// middleID is an id that cuts the open offers in two halves of about the same size (from a
// sample of them), or 0 when they are too few to be worth cutting.
func (x *openIndex) middleID() int64 {
	n := len(x.rows)
	if n < 4*x.split {
		return 0
	}
	sample := make([]int64, 0, 65)
	for i := 0; i < n; i += max(n/64, 1) {
		sample = append(sample, x.rows[i].id)
	}
	slices.Sort(sample)
	return sample[len(sample)/2]
}

// matchList runs the bare full-text query and returns its answer as it comes: decimal ids
// separated by commas.
func (db *DB) matchList(ctx context.Context, text string) (string, error) {
	query, args, ok := db.dialect.MatchIDs(text)
	if !ok {
		return "", nil
	}
	var list string
	if err := db.sql.QueryRowContext(ctx, db.rebind(query), args...).Scan(&list); err != nil {
		return "", db.fail("match jobs", err)
	}
	return list, nil
}

// parseIDList reads decimal ids separated by commas.
func parseIDList(s string) ([]int64, error) {
	if s == "" {
		return nil, nil
	}
	ids := make([]int64, 0, strings.Count(s, ",")+1)
	err := eachID(s, func(id int64) { ids = append(ids, id) })
	if err != nil {
		return nil, err
	}
	return ids, nil
}

// eachID calls fn with each of the decimal ids, separated by commas, of a non-empty s.
func eachID(s string, fn func(int64)) error {
	var n int64
	digits := 0
	for i := 0; i <= len(s); i++ {
		if i == len(s) || s[i] == ',' {
			if digits == 0 {
				return fmt.Errorf("store: match jobs: empty id at %d", i)
			}
			fn(n)
			n, digits = 0, 0
			continue
		}
		c := s[i]
		if c < '0' || c > '9' || digits == 18 {
			return fmt.Errorf("store: match jobs: bad id at %d", i)
		}
		n = n*10 + int64(c-'0')
		digits++
	}
	return nil
}

// jobsByID reads the offers of a page, in the order of ids.
func (db *DB) jobsByID(ctx context.Context, ids []int64) ([]*mobilite.Job, error) {
	marks := strings.TrimSuffix(strings.Repeat("?, ", len(ids)), ", ")
	query := db.rebind(`SELECT ` + jobListColumns + ` FROM jobs j JOIN organizations o ON o.id = j.organization_id
		WHERE j.id IN (` + marks + `)`)
	// Prepared once per length of page (SQLite parsed it at every search).
	st, err := db.stmts.prepared(db.sql, query)
	if err != nil {
		return nil, db.fail("search jobs", err)
	}
	rows, err := st.QueryContext(ctx, anys(ids)...)
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
	out := make([]*mobilite.Job, 0, len(ids))
	for _, id := range ids {
		if j := byID[id]; j != nil {
			out = append(out, j)
		}
	}
	return out, nil
}

// openFound is what the copy answers: the ids of the page, the total and the facets.
type openFound struct {
	ids    []int64
	total  int
	facets *mobilite.JobFacets
}

// openFilter is a query turned into tests on the copy's small numbers.
type openFilter struct {
	none                 bool   // a value asked for that no open offer has
	countries, iscos     []bool // by interned value; nil: any
	org                  uint32
	hasOrg               bool
	contract, language   uint16
	hasContract, hasLang bool
	dlFrom, dlTo         int64 // deadline window (µs), when dlTo > 0
	since                int64
	afterID, partner     int64
}

func (x *openIndex) filter(q mobilite.JobQuery) openFilter {
	var f openFilter
	if len(q.Countries) > 0 {
		f.countries = make([]bool, len(x.countries.vals))
		for _, c := range q.Countries {
			if i, ok := x.countries.idx[c]; ok && c != "" {
				f.countries[i] = true
			}
		}
	}
	switch {
	case q.ISCO == "":
	case len(q.ISCO) == 1:
		f.iscos = make([]bool, len(x.iscos.vals))
		for i, code := range x.iscos.vals {
			f.iscos[i] = iscoMajor(code) == q.ISCO
		}
	default:
		prefix := strings.Map(func(r rune) rune {
			if r < '0' || r > '9' {
				return -1
			}
			return r
		}, q.ISCO)
		f.iscos = make([]bool, len(x.iscos.vals))
		for i, code := range x.iscos.vals {
			f.iscos[i] = strings.HasPrefix(code, prefix)
		}
	}
	if q.OrgID != 0 {
		f.org, f.hasOrg = x.orgs[q.OrgID]
		f.none = f.none || !f.hasOrg
		f.hasOrg = true
	}
	if q.Contract != "" {
		i, ok := x.contracts.idx[q.Contract]
		f.contract, f.hasContract, f.none = uint16(i), true, f.none || !ok
	}
	if q.Language != "" {
		i, ok := x.languages.idx[q.Language]
		f.language, f.hasLang, f.none = uint16(i), true, f.none || !ok
	}
	if q.DeadlineWithin > 0 {
		f.dlFrom, f.dlTo = q.Now.UnixMicro(), q.Now.AddDate(0, 0, q.DeadlineWithin).UnixMicro()
	}
	if !q.Since.IsZero() {
		f.since = q.Since.UnixMicro()
	}
	f.afterID, f.partner = q.AfterID, q.PartnerID
	return f
}

func (f *openFilter) keep(r *openRow) bool {
	switch {
	case f.countries != nil && !f.countries[r.country],
		f.iscos != nil && !f.iscos[r.isco],
		f.hasOrg && r.org != f.org,
		f.hasContract && r.contract != f.contract,
		f.hasLang && r.language != f.language,
		f.dlTo > 0 && (r.deadline == 0 || r.deadline < f.dlFrom || r.deadline >= f.dlTo),
		r.published < f.since,
		r.id <= f.afterID,
		f.partner != 0 && r.partner != f.partner:
		return false
	}
	return true
}

// search filters the offers (all of them, or those whose ids are in matches, a list of
// decimal ids separated by commas), counts them and their facets, and returns the ids of the
// page in the order asked. Above x.split offers (splitFrom) it looks at two halves at once.
func (x *openIndex) search(q mobilite.JobQuery, all bool, matches []string, words []string) (found openFound, err error) {
	f := x.filter(q)
	offset, limit := page(q.Offset, q.Limit, 100)
	if f.none || (!all && len(matches) == 0) {
		if q.Facets {
			found.facets = x.newFacetCounter(q.Now).result(x)
		}
		return found, nil
	}
	s := &searcher{x: x, q: q, f: &f, k: offset + limit}
	// The sort key of an offer: larger first.
	s.relevance = q.Sort != "newest" && q.Sort != "closing" && len(words) > 0
	if s.relevance {
		s.masks = x.wordMasks(words)
	}
	var first, second *searchPart
	switch {
	case all && len(x.rows) >= x.split:
		half := len(x.rows) / 2
		first, second = s.parallel(func(p *searchPart) error { return p.rows(x.rows[:half]) },
			func(p *searchPart) error { return p.rows(x.rows[half:]) })
	case all:
		first = s.part()
		first.rows(x.rows)
	default:
		size := 0
		for _, list := range matches {
			size += len(list)
		}
		if size >= x.split*7 && len(matches) == 1 { // ids of about seven characters and a comma
			list := matches[0]
			cut := len(list) / 2
			cut += strings.IndexByte(list[cut:], ',')
			matches = []string{list[:cut], list[cut+1:]}
		}
		if size >= x.split*7 && len(matches) == 2 {
			first, second = s.parallel(func(p *searchPart) error { return p.ids(matches[0]) },
				func(p *searchPart) error { return p.ids(matches[1]) })
			if first.err == nil {
				first.err = second.err
			}
			break
		}
		first = s.part()
		for _, list := range matches {
			if err := first.ids(list); err != nil {
				first.err = err
				break
			}
		}
	}
	if first.err != nil {
		return found, first.err
	}
	if second != nil {
		first.merge(second)
	}
	found.total = first.total
	if q.Facets {
		found.facets = first.counts.result(x)
	}
	ids := first.top.sorted()
	if offset < len(ids) {
		found.ids = ids[offset:]
	}
	return found, nil
}

// splitFrom is the number of offers above which a search looks at two halves at once. Each
// offer looked at is a cache miss or two (the copy is larger than the processor's caches), and
// two cores wait for two at a time: 17,000 offers in 0.56 instead of 0.75 ms, 41,000 in 1.1
// instead of 1.5 ms (BenchmarkOpenSearch).
const splitFrom = 10000

// SetSearchSplit sets the number of offers above which a search of the open offers is cut in
// two (splitFrom unless set): for tests, which cannot store tens of thousands of offers.
func (db *DB) SetSearchSplit(n int) {
	db.open.mu.Lock()
	db.open.split = max(n, 1)
	db.open.mu.Unlock()
}

// searcher holds what the parts of one search share, read-only.
type searcher struct {
	x         *openIndex
	q         mobilite.JobQuery
	f         *openFilter
	k         int
	relevance bool
	masks     []uint16
}

// searchPart counts the offers of one part of a search.
type searchPart struct {
	s      *searcher
	total  int
	counts *facetCounter
	top    *topK
	err    error
}

func (s *searcher) part() *searchPart {
	p := &searchPart{s: s, top: newTopK(s.k)}
	if s.q.Facets {
		p.counts = s.x.newFacetCounter(s.q.Now)
	}
	return p
}

// parallel runs a and b on two new parts at the same time.
func (s *searcher) parallel(a, b func(*searchPart) error) (*searchPart, *searchPart) {
	pa, pb := s.part(), s.part()
	done := make(chan struct{})
	go func() {
		defer close(done)
		pb.err = b(pb)
	}()
	pa.err = a(pa)
	<-done
	return pa, pb
}

// rows and ids count in a local variable: p.total, written at every offer, would share a
// cache line with the other part's and make both cores wait for it.
func (p *searchPart) rows(rows []openRow) error {
	total := 0
	for i := range rows {
		if p.consider(&rows[i]) {
			total++
		}
	}
	p.total += total
	return nil
}

func (p *searchPart) ids(list string) error {
	x := p.s.x
	total := 0
	err := eachID(list, func(id int64) {
		if id > 0 && id < int64(len(x.pos)) {
			if i := x.pos[id]; i > 0 && p.consider(&x.rows[i-1]) {
				total++
			}
		}
	})
	p.total += total
	return err
}

// consider counts r and offers it to the page if it passes the filters, and tells whether.
func (p *searchPart) consider(r *openRow) bool {
	s := p.s
	if !s.f.keep(r) {
		return false
	}
	if p.counts != nil {
		p.counts.add(r)
	}
	var k sortKey
	switch {
	case s.q.Sort == "closing":
		// Closing soonest first, offers without a deadline last, then by id.
		k = sortKey{a: math.MinInt64, b: -r.id}
		if r.deadline != 0 {
			k.a = -r.deadline
		}
	case s.relevance:
		var m uint16
		for _, w := range r.words[:r.nwords] {
			m |= s.masks[w]
		}
		k = sortKey{a: int64(bits.OnesCount16(m)), b: r.published, c: r.id}
	default:
		k = sortKey{a: r.published, b: r.id}
	}
	p.top.offer(k, r.id)
	return true
}

// merge adds the counts and the best offers of o to p.
func (p *searchPart) merge(o *searchPart) {
	p.total += o.total
	if p.counts != nil {
		p.counts.merge(o.counts)
	}
	for i, k := range o.top.keys {
		p.top.offer(k, o.top.ids[i])
	}
}

// wordMasks gives every word of the titles the set of searched words it answers (bit i for
// words[i]).
func (x *openIndex) wordMasks(words []string) []uint16 {
	folded := make([]string, 0, len(words))
	for _, w := range words {
		folded = append(folded, foldWord(w))
	}
	masks := make([]uint16, len(x.words.vals))
	for i, t := range x.words.vals {
		for k, w := range folded {
			if sameWord(w, t) {
				masks[i] |= 1 << k
			}
		}
	}
	return masks
}

// sortKey orders offers: the larger a, then b, then c, first.
type sortKey struct{ a, b, c int64 }

func (k sortKey) less(o sortKey) bool {
	if k.a != o.a {
		return k.a < o.a
	}
	if k.b != o.b {
		return k.b < o.b
	}
	return k.c < o.c
}

// topK keeps the k offers of largest keys seen, in a heap whose root is the smallest kept.
type topK struct {
	k    int
	keys []sortKey
	ids  []int64
}

func newTopK(k int) *topK { return &topK{k: k} }

func (t *topK) offer(k sortKey, id int64) {
	if len(t.keys) < t.k {
		t.keys = append(t.keys, k)
		t.ids = append(t.ids, id)
		for i := len(t.keys) - 1; i > 0; {
			p := (i - 1) / 2
			if !t.keys[i].less(t.keys[p]) {
				break
			}
			t.swap(i, p)
			i = p
		}
		return
	}
	if t.k == 0 || !t.keys[0].less(k) {
		return
	}
	t.keys[0], t.ids[0] = k, id
	t.down(0, len(t.keys))
}

func (t *topK) swap(i, j int) {
	t.keys[i], t.keys[j] = t.keys[j], t.keys[i]
	t.ids[i], t.ids[j] = t.ids[j], t.ids[i]
}

func (t *topK) down(i, n int) {
	for {
		l := 2*i + 1
		if l >= n {
			return
		}
		m := l
		if r := l + 1; r < n && t.keys[r].less(t.keys[l]) {
			m = r
		}
		if !t.keys[m].less(t.keys[i]) {
			return
		}
		t.swap(i, m)
		i = m
	}
}

// sorted empties the heap and returns its ids, largest key first.
func (t *topK) sorted() []int64 {
	out := make([]int64, len(t.keys))
	for n := len(t.keys); n > 0; n-- {
		out[n-1] = t.ids[0]
		t.swap(0, n-1)
		t.down(0, n-1)
	}
	return out
}

// facetCounter counts the facets of the offers found, by the copy's small numbers.
type facetCounter struct {
	countries, iscos, contracts, languages, orgs []int
	deadline                                     []int // none, 7 days, 30 days, other
	in0, in7, in30                               int64
}

// newFacetCounter makes the counts of a search, all in one block with 128 bytes free at each
// end: the counts of the two halves of a search, written by two cores, never share a cache
// line (sharing one made a search in halves twice as slow as one pass).
func (x *openIndex) newFacetCounter(now time.Time) *facetCounter {
	const pad = 16
	sizes := []int{len(x.countries.vals), len(x.iscos.vals), len(x.contracts.vals), len(x.languages.vals), len(x.orgIDs), 4}
	n := 2 * pad
	for _, size := range sizes {
		n += size
	}
	block := make([]int, n)[pad:]
	next := func(size int) []int {
		s := block[:size:size]
		block = block[size:]
		return s
	}
	return &facetCounter{countries: next(sizes[0]), iscos: next(sizes[1]), contracts: next(sizes[2]), languages: next(sizes[3]),
		orgs: next(sizes[4]), deadline: next(sizes[5]), in0: now.UnixMicro(), in7: now.AddDate(0, 0, 7).UnixMicro(),
		in30: now.AddDate(0, 0, 30).UnixMicro()}
}

func (c *facetCounter) add(r *openRow) {
	c.countries[r.country]++
	c.iscos[r.isco]++
	c.contracts[r.contract]++
	c.languages[r.language]++
	c.orgs[r.org]++
	switch d := r.deadline; {
	case d == 0:
		c.deadline[0]++
	case d < c.in0:
		c.deadline[3]++
	case d < c.in7:
		c.deadline[1]++
	case d < c.in30:
		c.deadline[2]++
	default:
		c.deadline[3]++
	}
}

// merge adds the counts of o to c.
func (c *facetCounter) merge(o *facetCounter) {
	for _, pair := range [][2][]int{{c.countries, o.countries}, {c.iscos, o.iscos}, {c.contracts, o.contracts},
		{c.languages, o.languages}, {c.orgs, o.orgs}, {c.deadline, o.deadline}} {
		for i, n := range pair[1] {
			pair[0][i] += n
		}
	}
}

// result turns the counts into the facets SearchJobs returns, as the SQL counts would be.
func (c *facetCounter) result(x *openIndex) *mobilite.JobFacets {
	byValue := func(in *interner, counts []int) map[string]int {
		m := make(map[string]int, len(counts))
		for i, n := range counts {
			if n > 0 {
				m[in.vals[i]] += n
			}
		}
		return m
	}
	majors := map[string]int{}
	for i, n := range c.iscos {
		if n > 0 {
			majors[iscoMajor(x.iscos.vals[i])] += n
		}
	}
	orgs := make(map[string]int, len(c.orgs))
	for i, n := range c.orgs {
		if n > 0 {
			orgs[itoa64(x.orgIDs[i])] = n
		}
	}
	dl := c.deadline
	return &mobilite.JobFacets{Countries: sorted(byValue(&x.countries, c.countries), 0), Orgs: sorted(orgs, 20),
		ISCOMajor: sorted(majors, 0), Contracts: sorted(byValue(&x.contracts, c.contracts), 0),
		Languages: sorted(byValue(&x.languages, c.languages), 0),
		Deadline: []mobilite.FacetCount{{Value: "7", Count: dl[1]}, {Value: "30", Count: dl[1] + dl[2]},
			{Value: "none", Count: dl[0]}}}
}
