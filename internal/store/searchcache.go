package store

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"time"

	"mobilite"
)

// searchCache keeps the answers of recent searches of the open offers for a few seconds, so
// that a popular search page is not searched again for every visitor. An answer is valid for
// the version of the open offers it was computed from: any change of an open offer (this
// process's or, once seen, another's) makes every answer stale. What the time changes — the
// deadline facets and "closing within N days", counted from the moment of the first search —
// may lag by the cache's lifetime.
type searchCache struct {
	ttl      time.Duration
	mu       sync.Mutex
	m        map[string]cachedSearch
	inFlight map[string]chan struct{} // searches being computed, closed when done
}

type cachedSearch struct {
	version int64
	at      time.Time
	res     *mobilite.JobResults
}

// searchCacheTTL is how long an answer is kept; searchCacheSize how many at most.
const (
	searchCacheTTL  = 10 * time.Second
	searchCacheSize = 2000
)

func newSearchCache(ttl time.Duration) *searchCache {
	if ttl <= 0 {
		return nil
	}
	return &searchCache{ttl: ttl, m: map[string]cachedSearch{}, inFlight: map[string]chan struct{}{}}
}

// SetSearchCache sets how long the answers of searches of open offers are kept (0: not at all,
// as bench search measures the search itself). Call it before the store is used.
func (db *DB) SetSearchCache(ttl time.Duration) { db.cache = newSearchCache(ttl) }

// get returns a copy of the answer kept for key at this version. When there is none, it
// returns nil and the caller computes it and calls put; if another search is computing it, get
// waits for that one first (a popular page whose answer expired is not computed 32 times), or
// returns the expired answer when the offers have not changed since.
func (c *searchCache) get(ctx context.Context, key string, version int64) *mobilite.JobResults {
	c.mu.Lock()
	e, ok := c.m[key]
	if !ok || e.version != version || time.Since(e.at) > c.ttl {
		wait, busy := c.inFlight[key]
		if !busy {
			c.inFlight[key] = make(chan struct{})
			c.mu.Unlock()
			return nil
		}
		if ok && e.version == version {
			// Only expired, the offers unchanged: while another search computes it again, the
			// old answer is served rather than making every request wait for it.
			c.mu.Unlock()
			return e.copy()
		}
		c.mu.Unlock()
		select {
		case <-wait:
		case <-ctx.Done():
			return nil
		}
		c.mu.Lock()
		e, ok = c.m[key]
		if !ok || e.version != version {
			c.mu.Unlock()
			return nil // computed for another version: compute it for this one
		}
	}
	c.mu.Unlock()
	return e.copy()
}

// copy returns the kept answer. The caller may change its fields; the offers and facets are
// shared, read only.
func (e cachedSearch) copy() *mobilite.JobResults {
	res := *e.res
	res.Items = append([]*mobilite.Job(nil), e.res.Items...)
	return &res
}

// done ends the computation of key that get handed to the caller; put calls it.
func (c *searchCache) done(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if ch, ok := c.inFlight[key]; ok {
		close(ch)
		delete(c.inFlight, key)
	}
}

func (c *searchCache) put(key string, version int64, res *mobilite.JobResults) {
	defer c.done(key)
	kept := *res
	kept.Items = append([]*mobilite.Job(nil), res.Items...)
	now := time.Now()
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= searchCacheSize {
		for k, e := range c.m {
			if e.version != version || now.Sub(e.at) > c.ttl {
				delete(c.m, k)
			}
		}
		if len(c.m) >= searchCacheSize {
			clear(c.m)
		}
	}
	c.m[key] = cachedSearch{version: version, at: now, res: &kept}
}

// cacheKey writes every field of a search that changes its answer, but the time: Since to the
// second, Now not at all.
func cacheKey(q mobilite.JobQuery) string {
	var b strings.Builder
	field := func(s string) {
		b.WriteString(s)
		b.WriteByte(0)
	}
	num := func(n int64) { field(strconv.FormatInt(n, 10)) }
	field(strings.Join(SearchWords(q.Text), " "))
	field(strings.Join(q.Countries, ","))
	num(q.OrgID)
	field(q.ISCO)
	field(q.Contract)
	field(q.Language)
	num(int64(q.DeadlineWithin))
	if !q.Since.IsZero() {
		num(q.Since.Unix())
	} else {
		field("")
	}
	field(q.Status)
	num(q.PartnerID)
	field(q.Sort)
	num(q.AfterID)
	num(int64(q.Offset))
	num(int64(q.Limit))
	if q.Facets {
		field("f")
	}
	return b.String()
}
