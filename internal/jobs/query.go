package jobs

import (
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"mobilite"
	"mobilite/internal/ref"
)

// Params are the search parameters of the offer pages, the Atom feed and the API, in the order
// they are written back into links.
var Params = []string{"q", "country", "region", "org", "isco", "type", "lang", "deadline", "posted", "since", "status", "sort"}

// ParseQuery reads a search from URL parameters: q, country (alpha-3, alpha-2 or a name; may
// repeat), region (a world region), org (an id), isco (an ISCO-08 code prefix), type (a contract
// type), lang, deadline (closing within 7 or 30 days), posted (published within N days), since
// (a date or an RFC 3339 time), status (open, closed, all), sort (relevance, newest, closing).
// What cannot be read is named in the returned problems and left out of the query.
func ParseQuery(r *ref.Ref, v url.Values, now time.Time) (mobilite.JobQuery, *mobilite.Problems) {
	var p mobilite.Problems
	q := mobilite.JobQuery{Now: now, Text: strings.TrimSpace(v.Get("q"))}
	if len(q.Text) > 4000 {
		q.Text = q.Text[:4000]
	}
	for _, c := range v["country"] {
		if c = strings.TrimSpace(c); c == "" {
			continue
		}
		if a3, ok := r.ResolveCountry(c); ok {
			q.Countries = append(q.Countries, a3)
		} else {
			p.Add("country", "search.country.invalid")
		}
	}
	if reg := v.Get("region"); reg != "" {
		if countries := r.CountriesIn(reg); len(countries) > 0 {
			if len(q.Countries) == 0 {
				q.Countries = countries
			}
		} else {
			p.Add("region", "search.region.invalid")
		}
	}
	if o := v.Get("org"); o != "" {
		if id, err := strconv.ParseInt(o, 10, 64); err == nil && id > 0 {
			q.OrgID = id
		} else {
			p.Add("org", "search.org.invalid")
		}
	}
	if c := v.Get("isco"); c != "" {
		if len(c) <= 4 && strings.Trim(c, "0123456789") == "" {
			q.ISCO = c
		} else {
			p.Add("isco", "search.isco.invalid")
		}
	}
	if t := v.Get("type"); t != "" {
		ok := false
		for _, c := range mobilite.ContractTypes {
			ok = ok || c == t
		}
		if ok {
			q.Contract = t
		} else {
			p.Add("type", "search.type.invalid")
		}
	}
	if l := v.Get("lang"); l != "" {
		if l == "fr" || l == "en" {
			q.Language = l
		} else {
			p.Add("lang", "search.lang.invalid")
		}
	}
	if d := v.Get("deadline"); d != "" {
		if n, err := strconv.Atoi(d); err == nil && (n == 7 || n == 30) {
			q.DeadlineWithin = n
		} else {
			p.Add("deadline", "search.deadline.invalid")
		}
	}
	if d := v.Get("posted"); d != "" {
		if n, err := strconv.Atoi(d); err == nil && n > 0 && n <= 365 {
			q.Since = now.AddDate(0, 0, -n)
		} else {
			p.Add("posted", "search.posted.invalid")
		}
	}
	if s := v.Get("since"); s != "" {
		if t, err := time.Parse(time.RFC3339, s); err == nil {
			q.Since = t
		} else if t, err := time.Parse("2006-01-02", s); err == nil {
			q.Since = t
		} else {
			p.Add("since", "search.since.invalid")
		}
	}
	switch st := v.Get("status"); st {
	case "", mobilite.JobOpen:
	case mobilite.JobClosed, "all":
		q.Status = st
	default:
		p.Add("status", "search.status.invalid")
	}
	switch s := v.Get("sort"); s {
	case "", "relevance":
	case "newest", "closing":
		q.Sort = s
	default:
		p.Add("sort", "search.sort.invalid")
	}
	return q, &p
}

// Canonical writes the search parameters of v back in a fixed order, without the empty ones
// and the page: the key of a saved search and of a feed.
func Canonical(v url.Values) string {
	out := url.Values{}
	for _, k := range Params {
		for _, x := range v[k] {
			if x = strings.TrimSpace(x); x != "" {
				out.Add(k, x)
			}
		}
	}
	return out.Encode() // sorted by key

}

// Pages keeps rendered search pages (of visitors without an account) for as long as the store
// answers their search from its cache of recent answers: a page is served again only while the
// search gives the very answer it was rendered from — the same facets, which the store's cache
// shares between the copies of one answer it hands out. Rendering the page costs ten times more
// than a cached answer (docs/PERFORMANCE.md). A nil *Pages keeps nothing.
type Pages struct {
	mu sync.Mutex
	m  map[string]renderedPage
}

type renderedPage struct {
	of     *mobilite.JobFacets
	lastID int64
	body   []byte
	at     time.Time
}

// pagesTTL bounds how long a page is kept whatever the store says; pagesSize how many.
const (
	pagesTTL  = 10 * time.Second
	pagesSize = 1000
)

// NewPages returns an empty cache of pages.
func NewPages() *Pages { return &Pages{m: map[string]renderedPage{}} }

// Get returns the page kept under key if it was rendered from res (and the same greatest offer
// id, which the page carries for live updates), or nil.
func (p *Pages) Get(key string, res *mobilite.JobResults, lastID int64) []byte {
	if p == nil || res.Facets == nil {
		return nil
	}
	p.mu.Lock()
	e, ok := p.m[key]
	p.mu.Unlock()
	if !ok || e.of != res.Facets || e.lastID != lastID || time.Since(e.at) > pagesTTL {
		return nil
	}
	return e.body
}

// Put keeps the page rendered from res under key.
func (p *Pages) Put(key string, res *mobilite.JobResults, lastID int64, body []byte) {
	if p == nil || res.Facets == nil {
		return
	}
	now := time.Now()
	p.mu.Lock()
	defer p.mu.Unlock()
	if len(p.m) >= pagesSize {
		for k, e := range p.m {
			if now.Sub(e.at) > pagesTTL {
				delete(p.m, k)
			}
		}
		if len(p.m) >= pagesSize {
			clear(p.m)
		}
	}
	p.m[key] = renderedPage{of: res.Facets, lastID: lastID, body: body, at: now}
}
