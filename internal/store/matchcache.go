package store

import (
	"context"
	"slices"
	"strconv"
	"sync"
)

// matchCache keeps the answers of the bare full-text query for the common words (those found
// in more than x.split open offers), and keeps them current with the changes of the open
// offers, as the in-memory copy is kept: a later search of the same words asks the database
// only which of the offers changed since hold them. The bare query of a common word is the
// largest part of its search (on PostgreSQL, 40–55 ms for 40,000 offers: every match is a visit
// of the table), and the same common words are searched again and again.
//
// An answer is valid for the version of the copy read before its query: the database answered
// for that version or a later one. Every offer changed since that version is asked again, which
// gives the same answer for those the query had already seen changed.
type matchCache struct {
	mu    sync.Mutex
	m     map[string]*cachedMatch
	bytes int // the length of the lists kept
	tick  int64
	off   bool
}

// SetMatchCache turns the cache of the bare query's answers on (the default) or off, as
// bench search --cold measures the first search of each text. Call it before the store is used.
func (db *DB) SetMatchCache(on bool) {
	c := &db.open.matches
	c.mu.Lock()
	c.off, c.m = !on, nil
	c.mu.Unlock()
}

type cachedMatch struct {
	version int64  // the version of the copy the list is valid for
	list    string // decimal ids separated by commas, as the bare query answers
	used    int64  // tick of the last use, to forget the least used first
}

const (
	// matchCacheSize is how many answers are kept at most, and matchCacheBytes how long their
	// lists may be in all: 24 MB is 40 lists of 100,000 ids, and the server's memory stays
	// well under 300 MB at a million offers (docs/PERFORMANCE.md).
	matchCacheSize  = 64
	matchCacheBytes = 24 << 20
	// maxMatchPatch is how many changed offers an answer is brought up to date for; with
	// more, the bare query runs again.
	maxMatchPatch = 2000
	// maxChanges is how many changes of the open offers the copy remembers for the cache.
	maxChanges = 100000
)

// indexChange is an offer changed at a version of the copy.
type indexChange struct{ version, id int64 }

// changedSince returns the ids of the offers changed after version up to x.version, and false
// when the copy no longer remembers them all, or never saw version. The caller holds x.mu.
func (x *openIndex) changedSince(version int64) ([]int64, bool) {
	if version < x.changesFrom || version > x.version { // later: the log was started again
		return nil, false
	}
	i, _ := slices.BinarySearchFunc(x.changes, version+1, func(c indexChange, v int64) int {
		switch {
		case c.version < v:
			return -1
		case c.version > v:
			return 1
		}
		return 0
	})
	if len(x.changes)-i > maxMatchPatch {
		return nil, false
	}
	ids := make([]int64, 0, len(x.changes)-i)
	for _, c := range x.changes[i:] {
		ids = append(ids, c.id)
	}
	slices.Sort(ids)
	return slices.Compact(ids), true
}

// logChanges remembers the offers changed at a refresh, forgetting the oldest beyond
// maxChanges. The caller holds x.mu for writing.
func (x *openIndex) logChanges(changes []indexChange) {
	x.changes = append(x.changes, changes...)
	if over := len(x.changes) - maxChanges; over > 0 {
		x.changesFrom = x.changes[over-1].version
		x.changes = slices.Delete(x.changes, 0, over)
	}
}

// forgetChanges starts the log of changes again from version (a full load of the copy).
func (x *openIndex) forgetChanges(version int64) {
	x.changes, x.changesFrom = nil, version
}

// cachedMatchList returns the cached answer of the bare query for words, brought up to date
// for the version of the copy, or "", false when there is none worth using.
func (db *DB) cachedMatchList(ctx context.Context, x *openIndex, key, text string) (string, bool, error) {
	c := &x.matches
	c.mu.Lock()
	e := c.m[key] // nil when off
	if e == nil {
		c.mu.Unlock()
		return "", false, nil
	}
	c.tick++
	e.used = c.tick
	since, kept := e.version, e.list // put may replace them once the lock is let go
	c.mu.Unlock()
	x.mu.RLock()
	version := x.version
	changed, ok := x.changedSince(since)
	x.mu.RUnlock()
	if !ok {
		return "", false, nil
	}
	if len(changed) == 0 {
		return kept, true, nil
	}
	query, args, ok := db.dialect.MatchIDsAmong(text)
	if !ok {
		return "", false, nil
	}
	var found []string
	err := inChunks(changed, func(part []int64, marks string) error {
		var list string
		err := db.sql.QueryRowContext(ctx, db.rebind(query+marks+`)`), append(args[:len(args):len(args)], anys(part)...)...).Scan(&list)
		if list != "" {
			found = append(found, list)
		}
		return err
	})
	if err != nil {
		return "", false, db.fail("match jobs", err)
	}
	list, err := patchList(kept, changed, found)
	if err != nil {
		return "", false, db.fail("match jobs", err)
	}
	c.put(key, version, list)
	return list, true, nil
}

// put keeps the answer list of the bare query for key, valid for version.
func (c *matchCache) put(key string, version int64, list string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.off {
		return
	}
	if c.m == nil {
		c.m = map[string]*cachedMatch{}
	}
	c.tick++
	if e := c.m[key]; e != nil {
		if e.version <= version {
			c.bytes += len(list) - len(e.list)
			e.version, e.list, e.used = version, list, c.tick
		}
	} else {
		c.m[key] = &cachedMatch{version: version, list: list, used: c.tick}
		c.bytes += len(list)
	}
	// The least used go first; the answer just kept stays, whatever its size.
	for len(c.m) > 1 && (len(c.m) > matchCacheSize || c.bytes > matchCacheBytes) {
		oldest := ""
		for k, e := range c.m {
			if k != key && (oldest == "" || e.used < c.m[oldest].used) {
				oldest = k
			}
		}
		c.bytes -= len(c.m[oldest].list)
		delete(c.m, oldest)
	}
}

// patchList is list without the changed ids (sorted), then the ids found among them.
func patchList(list string, changed []int64, found []string) (string, error) {
	out := make([]byte, 0, len(list)+8*len(changed))
	if list != "" {
		err := eachID(list, func(id int64) {
			if _, gone := slices.BinarySearch(changed, id); !gone {
				out = strconv.AppendInt(out, id, 10)
				out = append(out, ',')
			}
		})
		if err != nil {
			return "", err
		}
	}
	for _, f := range found {
		out = append(append(out, f...), ',')
	}
	if len(out) > 0 {
		out = out[:len(out)-1]
	}
	return string(out), nil
}
