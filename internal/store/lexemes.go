package store

import (
	"context"
	"math"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// lexemeIndex keeps, for the words the documents of most open offers hold, the ids of those
// offers: the first search of such a word is then answered here instead of by the bare query.
// On PostgreSQL that query visits jobs_search once for each match (45–60 ms for a word found in
// 40,000 offers), whereas its answer changes little from one search to the next.
//
// The words are the engine's own lexemes (its stemmed forms), chosen from the statistics it
// keeps of the documents (Dialect.CommonLexemes) when WarmOpenJobs runs, and their lists are
// the answers of the engine's own query for each of them: a search reads its text through the
// engine (Dialect.QueryLexemes), and when every lexeme of the reading is kept, its answer is
// composed from their lists as the engine would have matched them. Each list is valid for a
// version of the copy of the open offers and is brought up to date, before use, from the copy's
// log of changes, as the kept answers of whole texts are (matchcache.go).
type lexemeIndex struct {
	mu      sync.Mutex
	m       map[string]*lexemeList // lexeme → the open offers whose document holds it
	bytes   int                    // the length of the lists, in bytes
	queries map[string][][]string  // text → its reading: alternatives of lexemes that must all be held
	min     int                    // the fewest offers a kept lexeme is found in (0: x.split)
	took    time.Duration          // how long the last build took
	answers atomic.Int64           // searches answered from the kept lists
}

// lexemeList is the answer of the engine's query for one lexeme, valid for a version of the copy.
type lexemeList struct {
	version int64
	set     *idSet // ids are far below 2³² (a lexeme with a larger one is not kept)
}

const (
	// lexemeBytes bounds the lists kept: 32 MB is 8 million ids as lists, or 256 bitmaps of a
	// million ids each (idset.go).
	lexemeBytes = 32 << 20
	// maxLexemeQueries is how many readings of texts are remembered.
	maxLexemeQueries = 10000
)

// SetLexemeMin sets the fewest open offers a lexeme must be found in to be kept when
// WarmOpenJobs builds the index of common lexemes (the default: as many as make a search be cut
// in two). Tests lower it.
func (db *DB) SetLexemeMin(n int) {
	c := &db.open.lexemes
	c.mu.Lock()
	c.min = n
	c.mu.Unlock()
}

// buildLexemes keeps the lists of the lexemes the engine's statistics say most documents hold,
// the most frequent first, within lexemeBytes. It replaces what was kept.
func (db *DB) buildLexemes(ctx context.Context, x *openIndex) error {
	d := db.dialect
	if d.CommonLexemes == "" {
		return nil
	}
	start := time.Now()
	x.mu.RLock()
	open := len(x.rows)
	var lo, hi int64
	for i := range x.rows {
		if id := x.rows[i].id; lo == 0 || id < lo {
			lo = id
		}
		hi = max(hi, x.rows[i].id)
	}
	x.mu.RUnlock()
	bitmap := int(hi-lo)/8 + 8 // the room of a bitmap of the open offers' ids
	c := &x.lexemes
	c.mu.Lock()
	least := c.min
	c.mu.Unlock()
	if least <= 0 {
		least = x.split
	}
	rows, err := db.sql.QueryContext(ctx, d.CommonLexemes)
	if err != nil {
		return db.fail("common lexemes", err)
	}
	type common struct {
		lexeme string
		share  float64
	}
	var commons []common
	for rows.Next() {
		var e common
		if err := rows.Scan(&e.lexeme, &e.share); err != nil {
			rows.Close()
			return db.fail("common lexemes", err)
		}
		if e.share*float64(open) >= float64(least) {
			commons = append(commons, e)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return db.fail("common lexemes", err)
	}
	kept, bytes := map[string]*lexemeList{}, 0
	for _, e := range commons {
		if bytes+min(int(e.share*float64(open))*4*9/10, bitmap) > lexemeBytes {
			continue // would not fit by the statistics' estimate; a less frequent one may
		}
		x.mu.RLock()
		version := x.version // before the query, which answers for this version or a later one
		x.mu.RUnlock()
		var list string
		if err := db.sql.QueryRowContext(ctx, db.rebind(d.LexemeMatch), tsLexeme(e.lexeme)).Scan(&list); err != nil {
			return db.fail("common lexemes", err)
		}
		ids, err := parseIDList(list)
		if err != nil {
			return db.fail("common lexemes", err)
		}
		small, ok := sortedIDs32(ids)
		if !ok {
			continue
		}
		set := newIDSet(small)
		if bytes+set.bytes() > lexemeBytes {
			continue // a less frequent one may still fit
		}
		kept[e.lexeme], bytes = &lexemeList{version: version, set: set}, bytes+set.bytes()
	}
	c.mu.Lock()
	c.m, c.bytes, c.took = kept, bytes, time.Since(start)
	c.mu.Unlock()
	return nil
}

// LexemeAnswers is how many searches were answered from the offers of common lexemes.
func (db *DB) LexemeAnswers() int64 { return db.open.lexemes.answers.Load() }

// CommonLexemes says how many lexemes WarmOpenJobs kept the offers of, how many ids that is in
// all, the room they take, and how long it took to read them.
func (db *DB) CommonLexemes() (lexemes, ids, bytes int, took time.Duration) {
	c := &db.open.lexemes
	c.mu.Lock()
	defer c.mu.Unlock()
	for _, l := range c.m {
		ids += l.set.n
	}
	return len(c.m), ids, c.bytes, c.took
}

// lexemeMatch answers the bare query of words (a search's words, SearchWords, joined by spaces)
// from the kept lexemes, as a list of decimal ids separated by commas, or "", false when a
// lexeme of its reading is not kept.
func (db *DB) lexemeMatch(ctx context.Context, x *openIndex, words string) (string, bool, error) {
	c := &x.lexemes
	c.mu.Lock()
	if len(c.m) == 0 {
		c.mu.Unlock()
		return "", false, nil
	}
	reading, read := c.queries[words]
	c.mu.Unlock()
	if !read {
		var err error
		if reading, err = db.readLexemes(ctx, words); err != nil {
			return "", false, err
		}
		c.mu.Lock()
		if c.queries == nil || len(c.queries) >= maxLexemeQueries {
			c.queries = map[string][][]string{}
		}
		c.queries[words] = reading
		c.mu.Unlock()
	}
	if reading == nil {
		return "", false, nil
	}
	lists := map[string]*lexemeList{}
	c.mu.Lock()
	for _, alt := range reading {
		for _, lex := range alt {
			if lists[lex] = c.m[lex]; lists[lex] == nil {
				c.mu.Unlock()
				return "", false, nil
			}
		}
	}
	c.mu.Unlock()
	for lex, l := range lists {
		fresh, err := db.currentLexeme(ctx, x, lex, l)
		if err != nil || fresh == nil {
			return "", false, err
		}
		lists[lex] = fresh
	}
	var matched []uint32
	for _, alt := range reading {
		sets := make([]*idSet, len(alt))
		for i, lex := range alt {
			sets[i] = lists[lex].set
		}
		matched = unionIDs(matched, intersectSets(sets))
	}
	c.answers.Add(1)
	out := make([]byte, 0, 8*len(matched))
	for i, id := range matched {
		if i > 0 {
			out = append(out, ',')
		}
		out = strconv.AppendUint(out, uint64(id), 10)
	}
	return string(out), true, nil
}

// readLexemes reads words as the engine's bare query does: the alternatives of its query, each
// the lexemes an offer's document must all hold; nil when the engine's query is not of that shape.
func (db *DB) readLexemes(ctx context.Context, words string) ([][]string, error) {
	var fr, en string
	if err := db.sql.QueryRowContext(ctx, db.rebind(db.dialect.QueryLexemes), words, words).Scan(&fr, &en); err != nil {
		return nil, db.fail("read lexemes", err)
	}
	var reading [][]string
	for _, q := range []string{fr, en} {
		alt, ok := parseConjunction(q)
		if !ok {
			return nil, nil
		}
		if len(alt) > 0 && !slices.ContainsFunc(reading, func(a []string) bool { return slices.Equal(a, alt) }) {
			reading = append(reading, alt)
		}
	}
	if len(reading) == 0 {
		return nil, nil // no word the engine searches: the bare query finds nothing either
	}
	return reading, nil
}

// parseConjunction reads a tsquery written as PostgreSQL writes it, 'a' & 'b' & …, into its
// lexemes, sorted; "" is none. Any other operator, weight or prefix: false.
func parseConjunction(q string) ([]string, bool) {
	var out []string
	s := strings.TrimSpace(q)
	for s != "" {
		lex, rest, ok := readQuoted(s)
		if !ok {
			return nil, false
		}
		out = append(out, lex)
		if s = strings.TrimSpace(rest); s == "" {
			break
		}
		if s, ok = strings.CutPrefix(s, "& "); !ok || strings.TrimSpace(s) == "" {
			return nil, false
		}
		s = strings.TrimSpace(s)
	}
	slices.Sort(out)
	return slices.Compact(out), true
}

// readQuoted reads the quoted lexeme at the start of s (” is a quote, a backslash escapes the
// next byte) and returns it and what follows it.
func readQuoted(s string) (lex, rest string, ok bool) {
	if s == "" || s[0] != '\'' {
		return "", "", false
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch {
		case s[i] == '\'' && i+1 < len(s) && s[i+1] == '\'':
			b.WriteByte('\'')
			i++
		case s[i] == '\'':
			return b.String(), s[i+1:], true
		case s[i] == '\\' && i+1 < len(s):
			b.WriteByte(s[i+1])
			i++
		default:
			b.WriteByte(s[i])
		}
	}
	return "", "", false
}

// tsLexeme writes a lexeme as a tsquery that matches it alone.
func tsLexeme(lex string) string {
	return "'" + strings.ReplaceAll(strings.ReplaceAll(lex, `\`, `\\`), "'", "''") + "'"
}

// currentLexeme returns the list of lex brought up to the copy's version: the offers changed
// since the list's version are asked again; when the copy no longer knows them all, the whole
// list is read again. nil: the list can no longer be kept (an id too large).
func (db *DB) currentLexeme(ctx context.Context, x *openIndex, lex string, l *lexemeList) (*lexemeList, error) {
	d := db.dialect
	x.mu.RLock()
	version := x.version
	changed, ok := x.changedSince(l.version)
	x.mu.RUnlock()
	if ok && len(changed) == 0 {
		return l, nil
	}
	var found []int64
	var err error
	if ok {
		err = inChunks(changed, func(part []int64, marks string) error {
			var list string
			err := db.sql.QueryRowContext(ctx, db.rebind(d.LexemeMatchAmong+marks+`)`), append([]any{tsLexeme(lex)}, anys(part)...)...).Scan(&list)
			if err != nil {
				return err
			}
			more, err := parseIDList(list)
			found = append(found, more...)
			return err
		})
	} else {
		var list string
		if err = db.sql.QueryRowContext(ctx, db.rebind(d.LexemeMatch), tsLexeme(lex)).Scan(&list); err == nil {
			found, err = parseIDList(list)
		}
	}
	if err != nil {
		return nil, db.fail("match jobs", err)
	}
	found32, fits := sortedIDs32(found)
	var ids []uint32
	switch {
	case !fits:
		ids = nil
	case ok:
		ids = patchIDs(l.set.list(), changed, found32)
	default:
		ids = found32
	}
	c := &x.lexemes
	c.mu.Lock()
	defer c.mu.Unlock()
	old := c.m[lex]
	if old == nil || old.version > version {
		if ids == nil {
			return nil, nil
		}
		return &lexemeList{version: version, set: newIDSet(ids)}, nil // another search kept a later one
	}
	if ids == nil {
		c.bytes -= old.set.bytes()
		delete(c.m, lex)
		return nil, nil
	}
	fresh := &lexemeList{version: version, set: newIDSet(ids)}
	c.bytes += fresh.set.bytes() - old.set.bytes()
	c.m[lex] = fresh
	return fresh, nil
}

// sortedIDs32 returns ids sorted as uint32, or false when one does not fit.
func sortedIDs32(ids []int64) ([]uint32, bool) {
	out := make([]uint32, len(ids))
	for i, id := range ids {
		if id < 0 || id > math.MaxUint32 {
			return nil, false
		}
		out[i] = uint32(id)
	}
	slices.Sort(out)
	return out, true
}

// patchIDs is ids (sorted) without the changed ones (sorted), with found (sorted) added, sorted.
func patchIDs(ids []uint32, changed []int64, found []uint32) []uint32 {
	out := make([]uint32, 0, len(ids)+len(found))
	for _, id := range ids {
		if _, gone := slices.BinarySearch(changed, int64(id)); !gone {
			out = append(out, id)
		}
	}
	out = append(out, found...)
	slices.Sort(out)
	return slices.Compact(out)
}

// unionIDs returns the ids in either sorted list, once each.
func unionIDs(a, b []uint32) []uint32 {
	if len(a) == 0 {
		return b
	}
	out := make([]uint32, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		switch {
		case a[i] < b[j]:
			out = append(out, a[i])
			i++
		case a[i] > b[j]:
			out = append(out, b[j])
			j++
		default:
			out = append(out, a[i])
			i, j = i+1, j+1
		}
	}
	return append(append(out, a[i:]...), b[j:]...)
}
