package store

import (
	"cmp"
	"context"
	"slices"
	"strings"
	"time"

	"mobilite"
)

// matchOpen is MatchOffers on this process's copy of the open offers (openjobs.go): one pass
// over the copy's rows, the occupations and countries compared as the small numbers the copy
// keeps them as. At 200,000 open offers it takes a few milliseconds where SQL took 0.3–1.3 s
// for a seeker whose countries hold 15,000 offers: SQL read every match from the index and sorted
// them to keep the newest 5,000 (docs/PERFORMANCE.md, issue 4).
func (db *DB) matchOpen(ctx context.Context, prefixes, countries []string, limit int) ([]mobilite.MatchOffer, error) {
	x, err := db.fresh(ctx)
	if err != nil {
		return nil, err
	}
	x.mu.RLock()
	defer x.mu.RUnlock()
	isco := make([]bool, len(x.iscos.vals))
	for k, v := range x.iscos.vals {
		for _, p := range prefixes {
			isco[k] = isco[k] || (v != "" && strings.HasPrefix(v, p))
		}
	}
	country := make([]bool, len(x.countries.vals))
	for _, c := range countries {
		if k, ok := x.countries.idx[c]; ok && c != "" {
			country[k] = true
		}
	}
	var hits []int32
	for i := range x.rows {
		r := &x.rows[i]
		if isco[r.isco] || country[r.country] {
			hits = append(hits, int32(i))
		}
	}
	// Newest first, then the greater id: SQL left the order of equal dates to the plan.
	slices.SortFunc(hits, func(a, b int32) int {
		ra, rb := &x.rows[a], &x.rows[b]
		if c := cmp.Compare(rb.published, ra.published); c != 0 {
			return c
		}
		return cmp.Compare(rb.id, ra.id)
	})
	hits = hits[:min(len(hits), limit)]
	out := make([]mobilite.MatchOffer, len(hits))
	for k, i := range hits {
		r := &x.rows[i]
		out[k] = mobilite.MatchOffer{ID: r.id, ISCO08: x.iscos.vals[r.isco], Country: x.countries.vals[r.country],
			Language: x.languages.vals[r.language], Requirements: mobilite.NoRequirements}
		if r.published != 0 {
			out[k].PublishedAt = time.UnixMicro(r.published).UTC()
		}
	}
	return out, nil
}
