package store

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"mobilite"
)

// BenchmarkOpenSearch: the in-memory part of a search of 200,000 open offers (filters, facets,
// relevance, the page) for matches of a common word, in one pass and in two halves at once.
func BenchmarkOpenSearch(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	x := newOpenIndex()
	x.orgs = map[int64]uint32{}
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	countries := []string{"FRA", "CAN", "SEN", "DEU", "QAT", "BEL", "CIV", "GHA"}
	var buf []string
	for id := int64(800_000); id < 1_000_000; id++ {
		raw := rawOpenRow{id: id, org: int64(1 + r.IntN(320)), country: countries[r.IntN(len(countries))],
			isco: fmt.Sprint(1000 + r.IntN(90)*100), contract: "employment", language: "fr", title: fmt.Sprint("Titre ", r.IntN(5000), " poste ", r.IntN(300)),
			published: now.Add(-time.Duration(r.IntN(1000)) * time.Hour), deadline: now.Add(time.Duration(r.IntN(90*24)) * time.Hour)}
		buf = x.add(&raw, x, buf)
	}
	for _, n := range []int{6000, 17000, 41000, 112000} {
		var ids []string
		for id := int64(800_000); len(ids) < n; id++ {
			if r.IntN(200000) < n {
				ids = append(ids, fmt.Sprint(id))
			}
		}
		list := strings.Join(ids, ",")
		for _, split := range []int{1 << 40, splitFrom} {
			name := fmt.Sprintf("%d/one-pass", n)
			if split < 1<<40 {
				name = fmt.Sprintf("%d/halves", n)
			}
			b.Run(name, func(b *testing.B) {
				defer func() { x.split = splitFrom }()
				x.split = split
				q := mobilite.JobQuery{Facets: true, Limit: 20, Now: now}
				for b.Loop() {
					if _, err := x.search(q, false, []string{list}, []string{"poste"}); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}
