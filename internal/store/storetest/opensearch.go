package storetest

import (
	"context"
	"fmt"
	"reflect"
	"sync"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/store"
	"mobilite/internal/store/postgres"
	"mobilite/internal/store/sqlite"
)

// testOpenCopy checks the in-memory copy of the open offers that answers their searches,
// on the offers of testSearchJobs: its counts, facets and orders equal SQL's, relevance puts
// offers with the words in their title first, and a write by another process (another store
// on the same database, with its own copy) is seen within a couple of seconds.
func testOpenCopy(t *testing.T, s mobilite.Store) {
	db, ok := s.(*store.DB)
	if !ok {
		t.Skip("not the shared store")
	}
	queries := []mobilite.JobQuery{
		{}, {Text: "ingenieur"}, {Text: "senegal"}, {Text: "zzzz"}, {Text: "👷"},
		{Countries: []string{"SEN", "TGO"}}, {Countries: []string{"XXX"}}, {ISCO: "2"}, {ISCO: "25"}, {ISCO: "9"},
		{Contract: "employment"}, {Contract: "nothing"}, {Language: "en"}, {Language: "fr", Text: "ingenieur"},
		{DeadlineWithin: 10}, {DeadlineWithin: 30, Countries: []string{"SEN"}}, {Since: t0.Add(4 * time.Hour)},
		{AfterID: 3}, {OrgID: 999999},
		{Sort: "newest"}, {Sort: "closing"}, {Sort: "newest", Text: "senegal"}, {Sort: "closing", Offset: 2, Limit: 3},
		{Offset: 3, Limit: 4}, {Offset: 50},
	}
	orgs, err := s.FindOrganizations(ctx)
	must(t, err)
	for _, o := range orgs {
		queries = append(queries, mobilite.JobQuery{OrgID: o.ID}, mobilite.JobQuery{OrgID: o.ID, Text: "senegal"})
	}
	for _, q := range queries {
		q.Now, q.Facets = t0, true
		mem, err := db.SearchJobs(ctx, q)
		must(t, err)
		sql, err := db.SearchJobsSQL(ctx, q)
		must(t, err)
		name := fmt.Sprintf("%+v", q)
		if mem.Total != sql.Total {
			t.Errorf("%s: total %d in memory, %d in SQL", name, mem.Total, sql.Total)
		}
		if !reflect.DeepEqual(mem.Facets, sql.Facets) {
			t.Errorf("%s: facets in memory\n%+v\nin SQL\n%+v", name, mem.Facets, sql.Facets)
		}
		// Relevance differs by design (title words, not bm25 or ts_rank); the other orders not.
		if q.Text == "" || q.Sort != "" {
			if got, want := titles(mem.Items), titles(sql.Items); !reflect.DeepEqual(got, want) {
				t.Errorf("%s: offers in memory %q, in SQL %q", name, got, want)
			}
		}
	}

	// Another process writes; this one sees it within a couple of seconds, without writing.
	d := sqlite.Dialect
	if db.Engine() == "postgres" {
		d = postgres.Dialect
	}
	other := store.New(db.SQL(), d) // shares the pool, not the copy; not closed (it would close the pool)
	src := newSource(t, other, "other process")
	it := item("op-1", "Soudeur qualifié", "OIM", "MLI", t0.AddDate(0, 0, 20))
	it.Job.PublishedAt = t0.Add(20 * time.Hour)
	waitFor := func(what string, ok func(r *mobilite.JobResults) bool, q mobilite.JobQuery) {
		t.Helper()
		q.Now, q.Facets = t0, true
		deadline := time.Now().Add(3 * time.Second)
		for {
			r, err := db.SearchJobs(ctx, q)
			must(t, err)
			if ok(r) {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: not seen after 3 s: %+v", what, r)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
	before, err := db.SearchJobs(ctx, mobilite.JobQuery{Now: t0, Facets: true}) // also fills the cache
	must(t, err)
	_, err = other.IngestJobs(ctx, src.ID, []mobilite.IngestJob{it}, t0)
	must(t, err)
	waitFor("another process's new offer", func(r *mobilite.JobResults) bool {
		return r.Total == 1 && r.Items[0].Title == "Soudeur qualifié"
	}, mobilite.JobQuery{Text: "soudeur"})
	waitFor("another process's new offer in the facets", func(r *mobilite.JobResults) bool {
		return r.Total == before.Total+1 && len(r.Items) > 0 && r.Items[0].Title == "Soudeur qualifié"
	}, mobilite.JobQuery{})
	_, err = other.CloseExpired(ctx, t0.AddDate(0, 0, 21))
	must(t, err)
	waitFor("another process's closing", func(r *mobilite.JobResults) bool { return r.Total == 0 },
		mobilite.JobQuery{Text: "soudeur"})
	// A process that missed changes the log no longer holds loads the whole copy again.
	var v0 int64
	must(t, db.SQL().QueryRowContext(ctx, `SELECT max(version) FROM job_index_log`).Scan(&v0))
	_, err = other.IngestJobs(ctx, src.ID, []mobilite.IngestJob{item("op-4", "Plombier", "OIM", "MLI", t0.AddDate(0, 1, 0))}, t0)
	must(t, err)
	_, err = other.IngestJobs(ctx, src.ID, []mobilite.IngestJob{item("op-5", "Carreleur", "OIM", "MLI", t0.AddDate(0, 1, 0))}, t0)
	must(t, err)
	mark := "?"
	if db.Engine() == "postgres" {
		mark = "$1"
	}
	_, err = db.SQL().ExecContext(ctx, `DELETE FROM job_index_log WHERE version = (SELECT min(version) FROM job_index_log WHERE version > `+mark+`)`, v0)
	must(t, err)
	waitFor("changes pruned from the log", func(r *mobilite.JobResults) bool { return r.Total == 2 },
		mobilite.JobQuery{Countries: []string{"MLI"}})
	// Searches running while another process writes (run with -race).
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 20 {
				q := mobilite.JobQuery{Now: t0, Facets: true, Countries: []string{"MLI"}, Offset: i % 3, Limit: 2}
				if g%2 == 0 {
					q.Text = "plombier"
				}
				if _, err := db.SearchJobs(ctx, q); err != nil {
					t.Error(err)
					return
				}
			}
		}()
	}
	for i := range 5 {
		_, err := other.IngestJobs(ctx, src.ID, []mobilite.IngestJob{item(fmt.Sprint("op-c", i), fmt.Sprint("Plombier ", i), "OIM", "MLI",
			t0.AddDate(0, 1, 0))}, t0)
		must(t, err)
	}
	wg.Wait()
	waitFor("writes during searches", func(r *mobilite.JobResults) bool { return r.Total == 7 },
		mobilite.JobQuery{Countries: []string{"MLI"}})
	// This process's own writes are seen at once. Relevance puts the offer with the word in its
	// title before a newer one with the word in its text only.
	inTitle := item("op-2", "Soudeuse", "OIM", "MLI", t0.AddDate(0, 1, 0))
	inTitle.Job.PublishedAt = t0.Add(25 * time.Hour)
	inText := item("op-3", "Électricien bâtiment", "OIM", "MLI", t0.AddDate(0, 1, 0))
	inText.Job.PublishedAt, inText.Job.IndexText = t0.Add(30*time.Hour), "soudeur soudeuse"
	_, err = db.IngestJobs(ctx, src.ID, []mobilite.IngestJob{inTitle, inText}, t0)
	must(t, err)
	r, err := db.SearchJobs(ctx, mobilite.JobQuery{Text: "soudeuse", Now: t0})
	must(t, err)
	if got := titles(r.Items); !reflect.DeepEqual(got, []string{"Soudeuse", "Électricien bâtiment"}) {
		t.Errorf("this process's write not seen at once, or title not first: %q", got)
	}
	r, err = db.SearchJobs(ctx, mobilite.JobQuery{Text: "soudeuse", Now: t0, Sort: "newest"})
	must(t, err)
	if got := titles(r.Items); !reflect.DeepEqual(got, []string{"Électricien bâtiment", "Soudeuse"}) {
		t.Errorf("newest first: %q", got)
	}
}

func titles(jobs []*mobilite.Job) []string {
	out := []string{}
	for _, j := range jobs {
		out = append(out, j.Title)
	}
	return out
}

// splitStore is a store whose searches of open offers can be tuned for small tests.
type splitStore interface {
	mobilite.Store
	SetSearchSplit(int)
	SetSearchCache(time.Duration)
	SearchJobsSQL(context.Context, mobilite.JobQuery) (*mobilite.JobResults, error)
}

// searchEvery makes s compute every search (no answers kept for a few seconds) and treat a
// search of split offers or more as one of many offers.
func searchEvery(s mobilite.Store, split int) splitStore {
	db := s.(splitStore)
	db.SetSearchCache(0)
	db.SetSearchSplit(split)
	return db
}

// testSearchHalves: a word found in many offers is read in two halves of the offers at once
// from its second search on (MatchIDsBetween, on two connections, where the engine has it) and
// counted in two halves; it finds what the first search and the SQL search find.
func testSearchHalves(t *testing.T, s mobilite.Store) {
	db := searchEvery(s, 3) // halves from 12 open offers, and lists of 21 bytes
	src := newSource(t, s, "feed")
	var batch []mobilite.IngestJob
	for i := range 40 {
		it := item(fmt.Sprint("h-", i), fmt.Sprint("Soudeur ", i), "OIM", []string{"SEN", "MLI"}[i%2], t0.AddDate(0, 1, 0))
		if i%3 == 0 {
			it.Job.Title, it.Job.Description = fmt.Sprint("Maçon ", i), "<p>Maçonnerie</p>"
		}
		batch = append(batch, it)
	}
	_, err := db.IngestJobs(ctx, src.ID, batch, t0)
	must(t, err)
	for _, q := range []mobilite.JobQuery{
		{Text: "soudeur", Now: t0, Facets: true, Limit: 10},
		{Text: "soudeur", Now: t0, Facets: true, Limit: 10, Countries: []string{"MLI"}, Sort: "newest"},
		{Text: "maçon", Now: t0, Facets: true, Limit: 5, Offset: 5},
	} {
		want, err := db.SearchJobsSQL(ctx, q)
		must(t, err)
		for run := range 3 { // the first one learns that the word is common
			got, err := db.SearchJobs(ctx, q)
			must(t, err)
			if got.Total != want.Total || !reflect.DeepEqual(got.Facets, want.Facets) || len(got.Items) != len(want.Items) {
				t.Fatalf("%q, run %d: %d offers, facets %+v; in SQL %d, %+v", q.Text, run, got.Total, got.Facets, want.Total, want.Facets)
			}
		}
	}
	r, err := db.SearchJobs(ctx, mobilite.JobQuery{Text: "soudeur", Now: t0})
	must(t, err)
	if r.Total != 26 {
		t.Fatalf("soudeur: %d offers, want 26", r.Total)
	}
}

// testSearchesAtOnce: many different searches at once in a server (answers cached) are
// computed a few at a time, those of closed offers too; every one of them ends, none waits for
// ever.
func testSearchesAtOnce(t *testing.T, s mobilite.Store) {
	src := newSource(t, s, "feed")
	var batch []mobilite.IngestJob
	for i := range 30 {
		batch = append(batch, item(fmt.Sprint("a-", i), fmt.Sprint("Électricien ", i), "OIM", "SEN", t0.AddDate(0, 1, 0)))
	}
	_, err := s.IngestJobs(ctx, src.ID, batch, t0)
	must(t, err)
	var wg sync.WaitGroup
	errs := make(chan error, 64)
	for g := range 64 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			q := mobilite.JobQuery{Text: fmt.Sprint("électricien ", g%30), Now: t0, Facets: true, Offset: g / 30}
			if g%4 == 3 {
				q.Status = "all" // searched in SQL, one per core at a time
			}
			r, err := s.SearchJobs(ctx, q)
			if err == nil && r.Total == 0 {
				err = fmt.Errorf("search %d found nothing", g)
			}
			errs <- err
		}()
	}
	done := make(chan struct{})
	go func() { wg.Wait(); close(done) }()
	select {
	case <-done:
	case <-time.After(30 * time.Second):
		t.Fatal("searches at once still running after 30 s")
	}
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
}

// testMatchCache: the answers of the bare query for common words are kept and brought up to
// date with every change of the open offers, so that a search always finds what SQL finds:
// new offers with the words, offers whose text changed, offers closed.
func testMatchCache(t *testing.T, s mobilite.Store) {
	db := searchEvery(s, 2) // answers of 14 bytes or more are kept
	src := newSource(t, s, "feed")
	later := t0.AddDate(0, 1, 0)
	var batch []mobilite.IngestJob
	for i := range 10 {
		batch = append(batch, item(fmt.Sprint("p-", i), fmt.Sprint("Plombier ", i), "OIM", "SEN", later))
	}
	_, err := db.IngestJobs(ctx, src.ID, batch, t0)
	must(t, err)
	same := func(step string, want int) {
		t.Helper()
		for _, q := range []mobilite.JobQuery{
			{Text: "plombier", Now: t0, Facets: true, Limit: 20},
			{Text: "plombier sen", Now: t0, Facets: true, Limit: 20},
		} {
			sql, err := db.SearchJobsSQL(ctx, q)
			must(t, err)
			for run := range 2 { // the first may fill the cache, the second reads it
				got, err := db.SearchJobs(ctx, q)
				must(t, err)
				if got.Total != sql.Total || !reflect.DeepEqual(got.Facets, sql.Facets) {
					t.Fatalf("%s, %q, run %d: %d offers, facets %+v; in SQL %d, %+v", step, q.Text, run, got.Total, got.Facets, sql.Total, sql.Facets)
				}
			}
			if q.Text == "plombier" && sql.Total != want {
				t.Fatalf("%s: SQL finds %d plumbers, want %d", step, sql.Total, want)
			}
		}
	}
	same("first", 10)
	changePlumbers(t, s, src, later, "Peintre", 3, 5, same)
	// Searches at once bring the same answer up to date at once.
	_, err = db.IngestJobs(ctx, src.ID, []mobilite.IngestJob{item("p-11", "Plombier 11", "OIM", "SEN", later)}, t0.Add(4*time.Hour))
	must(t, err)
	var wg sync.WaitGroup
	totals := make(chan int, 8)
	for range 8 {
		wg.Go(func() {
			r, err := db.SearchJobs(ctx, mobilite.JobQuery{Text: "plombier", Now: t0, Facets: true})
			if err != nil {
				t.Error(err)
				return
			}
			totals <- r.Total
		})
	}
	wg.Wait()
	close(totals)
	for n := range totals {
		if n != 10 {
			t.Fatalf("a search at once with others found %d plumbers, want 10", n)
		}
	}
}

// testCommonLexemes: searches whose every lexeme is among the engine's most common ones are
// answered from the offers kept for those lexemes (where the engine keeps them: PostgreSQL),
// and find what SQL finds, after new offers, a changed text and a closed offer too.
func testCommonLexemes(t *testing.T, s mobilite.Store) {
	searchEvery(s, 2)
	db := s.(*store.DB)
	db.SetMatchCache(false) // every answer from the lexemes or the bare query
	db.SetLexemeMin(3)
	src := newSource(t, s, "feed")
	later := t0.AddDate(0, 1, 0)
	var batch []mobilite.IngestJob
	for i := range 10 {
		it := item(fmt.Sprint("p-", i), fmt.Sprint("Plombier ", i), "OIM", "SEN", later)
		switch i % 3 {
		case 0:
			it.Job.Description = "<p>Plombiers et soudeurs, sécurité du chantier.</p>"
		case 1:
			// Only the English reading of "plumber" finds "plumbers", of "managing" "manager".
			it.Job.Description = "<p>Plumbers and welders wanted, a manager on site.</p>"
		case 2:
			it.Job.Description = "<p>Managing the welders on site.</p>"
		}
		batch = append(batch, it)
	}
	batch = append(batch, item("x-0", "Peintre", "OIM", "SEN", later))
	_, err := db.IngestJobs(ctx, src.ID, batch, t0)
	must(t, err)
	if db.Engine() == "postgres" {
		_, err := db.SQL().ExecContext(ctx, `ANALYZE jobs_search`) // the statistics autovacuum keeps
		must(t, err)
	}
	must(t, db.WarmOpenJobs(ctx))
	lexemes, _, _, _ := db.CommonLexemes()
	if db.Engine() == "postgres" && lexemes == 0 {
		t.Fatal("no common lexeme kept: the test would not reach them")
	}
	texts := []string{"plombier", "Plombiers", "plombier sen", "plombier soudeur", "plombier sécurité chantier",
		"plombier oim", "plombier peintre", "plombier zzzqq", "le la les", "plumber", "plumber welders", "managing", "managing welders"}
	same := func(step string, want int) {
		t.Helper()
		for _, text := range texts {
			q := mobilite.JobQuery{Text: text, Now: t0, Facets: true, Limit: 20}
			sql, err := db.SearchJobsSQL(ctx, q)
			must(t, err)
			got, err := db.SearchJobs(ctx, q)
			must(t, err)
			if got.Total != sql.Total || !reflect.DeepEqual(got.Facets, sql.Facets) {
				t.Fatalf("%s, %q: %d offers, facets %+v; in SQL %d, %+v", step, text, got.Total, got.Facets, sql.Total, sql.Facets)
			}
			if text == "plombier" && sql.Total != want {
				t.Fatalf("%s: SQL finds %d plumbers, want %d", step, sql.Total, want)
			}
			if (text == "plumber" || text == "managing") && sql.Total == 0 {
				t.Fatalf("%s: SQL finds nothing for %q", step, text)
			}
		}
	}
	same("first", 10)
	changePlumbers(t, s, src, later, "Peintre soudeur", 4, 6, same)
	if db.Engine() == "postgres" && db.LexemeAnswers() == 0 {
		t.Fatal("no search was answered from the common lexemes")
	}
}

// changePlumbers changes the ten plumbers ("Plombier 0" to "Plombier 9", items p-0 to p-9 of
// src) as kept answers must follow, and calls same after each change with the number of
// plumbers SQL must find: a new plumber and a new offer titled other, then plumber retitled
// (its text no longer holds the word), then plumber closed.
func changePlumbers(t *testing.T, s mobilite.Store, src *mobilite.Source, deadline time.Time, other string, retitled, closed int,
	same func(step string, want int)) {
	t.Helper()
	_, err := s.IngestJobs(ctx, src.ID, []mobilite.IngestJob{
		item("p-10", "Plombier 10", "OIM", "MLI", deadline), item("x-1", other, "OIM", "SEN", deadline),
	}, t0.Add(time.Hour))
	must(t, err)
	same("new offers", 11)
	_, err = s.IngestJobs(ctx, src.ID, []mobilite.IngestJob{
		item(fmt.Sprint("p-", retitled), fmt.Sprint("Carreleur ", retitled), "OIM", "SEN", deadline),
	}, t0.Add(2*time.Hour))
	must(t, err)
	same("changed text", 10)
	j := findByTitle(t, s, fmt.Sprint("Plombier ", closed))
	j.Status, j.CloseReason, j.ClosedAt = mobilite.JobClosed, mobilite.CloseSource, t0.Add(3*time.Hour)
	must(t, s.UpdateJob(ctx, j))
	same("closed", 9)
}
