package storetest

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/store"
)

// testMatchOffersCopy checks that "offers for me" read from the copy of the open offers
// (MatchOffers) gives what SQL gives (MatchOffersSQL), offer for offer, and sees an offer
// close at once.
func testMatchOffersCopy(t *testing.T, s mobilite.Store) {
	db, ok := s.(*store.DB)
	if !ok {
		t.Skip("not the shared store")
	}
	feed := newSource(t, s, "match-copy")
	r := rand.New(rand.NewPCG(1, 2))
	iscos := []string{"2221", "2222", "3221", "5321", "5322", "8322", "8332", "2512", "", "7", "53"}
	countries := []string{"FRA", "DEU", "CAN", "QAT", "SEN", "CIV", "BEL"}
	var batch []mobilite.IngestJob
	for i := range 240 {
		it := item(fmt.Sprintf("mc-%d", i), fmt.Sprintf("Offre %d", i), "OIM", countries[r.IntN(len(countries))], t0.AddDate(0, 1, 0))
		// Distinct dates: SQL leaves the order of equal dates to its plan.
		it.Job.ISCO08, it.Job.PublishedAt = iscos[r.IntN(len(iscos))], t0.Add(time.Duration(r.IntN(1_000_000))*time.Second)
		it.Job.Language = []string{"fr", "en", ""}[i%3]
		it.Job.Fingerprint = fmt.Sprintf("fp-mc-%d", i)
		if i%17 == 0 {
			it.Job.Deadline = t0.AddDate(0, 0, 1) // closes below
		}
		batch = append(batch, it)
	}
	_, err := s.IngestJobs(ctx, feed.ID, batch, t0)
	must(t, err)
	compare := func(when string) {
		t.Helper()
		for _, q := range []struct {
			prefixes, countries []string
			limit               int
		}{
			{[]string{"222"}, nil, 100}, {[]string{"532", "222"}, []string{"BEL"}, 100}, {nil, []string{"FRA", "CAN"}, 20},
			{[]string{"5"}, []string{"QAT"}, 1000}, {[]string{"53"}, nil, 3}, {[]string{"x2-2"}, nil, 50},
			{[]string{"9"}, []string{"XXX"}, 10}, {nil, []string{""}, 10}, {[]string{"", "7"}, nil, 0},
		} {
			mem, err := db.MatchOffers(ctx, q.prefixes, q.countries, q.limit)
			must(t, err)
			sql, err := db.MatchOffersSQL(ctx, q.prefixes, q.countries, q.limit)
			must(t, err)
			if len(mem) == 0 && len(sql) == 0 {
				continue
			}
			if !reflect.DeepEqual(mem, sql) {
				t.Errorf("%s, %+v: the copy gives %d offers\n%+v\nSQL %d\n%+v", when, q, len(mem), mem, len(sql), sql)
			}
		}
	}
	compare("open")
	if all, err := db.MatchOffers(ctx, []string{"2", "3", "5", "7", "8"}, nil, 1000); err != nil || len(all) < 100 {
		t.Fatalf("offers of five major groups: %d, %v", len(all), err)
	}
	n, err := s.CloseExpired(ctx, t0.AddDate(0, 0, 2))
	must(t, err)
	if n == 0 {
		t.Fatal("no offer closed")
	}
	compare("after closing")
}
