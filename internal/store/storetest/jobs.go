package storetest

import (
	"fmt"
	"slices"
	"testing"
	"time"

	"mobilite"
)

// newSource creates a fetched source.
func newSource(t *testing.T, s mobilite.Store, name string) *mobilite.Source {
	src := &mobilite.Source{Name: name, Kind: "rss", URL: "https://example.org/" + name, IntervalMinutes: 60, Enabled: true,
		NextRunAt: t0, CreatedAt: t0, UpdatedAt: t0}
	must(t, s.CreateSource(ctx, src))
	return src
}

// item builds a batch entry.
func item(ext, title, org, country string, deadline time.Time) mobilite.IngestJob {
	return mobilite.IngestJob{
		Job: &mobilite.Job{Title: title, Organization: org, OrgType: mobilite.OrgUN, Description: "<p>Description de " + title + "</p>",
			Country: country, City: "Ville", ISCO08: "2512", ISCOConfidence: 0.6, Contract: mobilite.ContractEmployment,
			Deadline: deadline, Language: "fr", Status: mobilite.JobOpen, Fingerprint: "fp-" + title + country, PublishedAt: t0},
		OrgKey: org, ExternalID: ext, URL: "https://example.org/" + ext, ContentHash: "h-" + title,
	}
}

func testIngestJobs(t *testing.T, s mobilite.Store) {
	feed := newSource(t, s, "feed")
	other := newSource(t, s, "other")
	later := t0.AddDate(0, 1, 0)
	batch := []mobilite.IngestJob{
		item("a", "Ingénieur logiciel", "UNICEF", "SEN", later),
		item("b", "Chauffeur", "UNICEF", "TGO", later),
		item("c", "Comptable", "OIM", "CIV", time.Time{}),
	}
	res, err := s.IngestJobs(ctx, feed.ID, batch, t0)
	must(t, err)
	if res.New != 3 || res.Seen != 3 || len(res.NewIDs) != 3 {
		t.Fatalf("first batch: %+v", res)
	}
	// The same items again: nothing rewritten.
	res, err = s.IngestJobs(ctx, feed.ID, []mobilite.IngestJob{item("a", "Ingénieur logiciel", "UNICEF", "SEN", later)}, t0.Add(time.Hour))
	must(t, err)
	if res.Unchanged != 1 || res.New != 0 {
		t.Fatalf("same item: %+v", res)
	}
	// A counsellor corrects the occupation of a; the source then changes a's title: the
	// correction is kept.
	a := findByTitle(t, s, "Ingénieur logiciel")
	a.ISCO08, a.ISCOManual, a.ISCOConfidence = "2511", true, 1
	must(t, s.UpdateJob(ctx, a))
	changed := item("a", "Ingénieur logiciel senior", "UNICEF", "SEN", later)
	res, err = s.IngestJobs(ctx, feed.ID, []mobilite.IngestJob{changed}, t0.Add(2*time.Hour))
	must(t, err)
	if res.Updated != 1 {
		t.Fatalf("changed item: %+v", res)
	}
	got, err := s.FindJobByID(ctx, a.ID)
	must(t, err)
	if got.Title != "Ingénieur logiciel senior" || got.ISCO08 != "2511" || !got.ISCOManual || !got.PublishedAt.Equal(t0) {
		t.Fatalf("after update: %+v", got)
	}
	// The same offer from another source is merged: one offer, two sources.
	dup := item("x-99", "Chauffeur", "UNICEF", "TGO", later)
	res, err = s.IngestJobs(ctx, other.ID, []mobilite.IngestJob{dup}, t0.Add(3*time.Hour))
	must(t, err)
	if res.Merged != 1 || res.New != 0 {
		t.Fatalf("duplicate: %+v", res)
	}
	b := findByTitle(t, s, "Chauffeur")
	if len(b.Sources) != 2 || b.Sources[0].SourceName != "feed" || b.Sources[1].ExternalID != "x-99" {
		t.Fatalf("sources of the merged offer: %+v", b.Sources)
	}
	// The sources of a page of offers at once: the same, each offer's own, none for an unknown id.
	srcs, err := s.FindJobSources(ctx, []int64{a.ID, b.ID, b.ID + 1000})
	must(t, err)
	if len(srcs) != 2 || len(srcs[a.ID]) != 1 || srcs[a.ID][0].ExternalID != "a" || !slices.Equal(srcs[b.ID], b.Sources) {
		t.Fatalf("sources of a and b: %+v", srcs)
	}
	// A batch with a bad item writes nothing of the batch.
	bad := item("d", "Cuisinier", "UNICEF", "SEN", later)
	bad.Job.Status = "bogus"
	_, err = s.IngestJobs(ctx, feed.ID, []mobilite.IngestJob{item("e", "Maçon", "UNICEF", "SEN", later), bad}, t0)
	if err == nil {
		t.Fatal("a bad item was accepted")
	}
	r, _ := s.SearchJobs(ctx, mobilite.JobQuery{Text: "maçon", Now: t0})
	if r.Total != 0 {
		t.Fatal("half a batch was written")
	}

	// Feed stops listing b: b stays open through the other source. Other stops too: b closes.
	n, err := s.CloseMissing(ctx, feed.ID, t0.Add(90*time.Minute), t0.Add(4*time.Hour))
	must(t, err)
	if n != 1 { // c (only in feed, last seen at t0) closes; a was seen at +2h; b is still listed by other
		t.Fatalf("closed %d offers, want 1", n)
	}
	n, err = s.CloseMissing(ctx, other.ID, t0.Add(4*time.Hour), t0.Add(5*time.Hour))
	must(t, err)
	if n != 1 {
		t.Fatalf("closed %d offers when the last source dropped b, want 1", n)
	}
	b, _ = s.FindJobByID(ctx, b.ID)
	if b.Status != mobilite.JobClosed || b.CloseReason != mobilite.CloseSource || b.ClosedAt.IsZero() {
		t.Fatalf("b: %s %s", b.Status, b.CloseReason)
	}
	// Closed offers leave search but keep their page.
	r, _ = s.SearchJobs(ctx, mobilite.JobQuery{Text: "chauffeur", Now: t0})
	if r.Total != 0 {
		t.Fatal("a closed offer is still found")
	}
	r, _ = s.SearchJobs(ctx, mobilite.JobQuery{Text: "chauffeur", Status: "all", Now: t0})
	if r.Total != 1 {
		t.Fatalf("status=all finds %d", r.Total)
	}
	// "all" finds open offers by their whole text, as their own search does, and closed ones
	// by their title only: "description" is in every offer's text and in no title.
	r, _ = s.SearchJobs(ctx, mobilite.JobQuery{Text: "description", Status: "all", Now: t0})
	if r.Total != 1 || r.Items[0].Title != "Ingénieur logiciel senior" {
		t.Fatalf("status=all by a word of an open offer's text finds %d", r.Total)
	}
	r, _ = s.SearchJobs(ctx, mobilite.JobQuery{Text: "description", Status: mobilite.JobClosed, Now: t0})
	if r.Total != 0 {
		t.Fatalf("closed offers found by a word of their text: %d", r.Total)
	}
	// Its deadline passes: a closes too.
	n, err = s.CloseExpired(ctx, later.Add(time.Second))
	must(t, err)
	if n != 1 {
		t.Fatalf("expired: %d", n)
	}
	counts, err := s.CountJobs(ctx)
	must(t, err)
	if counts[mobilite.JobClosed] != 3 || counts[mobilite.JobOpen] != 0 {
		t.Fatalf("counts %v", counts)
	}
	// Closed offers are found by the words of their title, as it is now, accents and capitals
	// ignored.
	for _, text := range []string{"ingenieur", "INGÉNIEUR logiciel", "Ingénieur", "logiciel ingénieur", "senior"} {
		r, err := s.SearchJobs(ctx, mobilite.JobQuery{Text: text, Status: mobilite.JobClosed, Now: t0})
		must(t, err)
		if r.Total != 1 || r.Items[0].Title != "Ingénieur logiciel senior" {
			t.Fatalf("closed offers for %q: %d", text, r.Total)
		}
	}
	changes, err := s.FindJobChanges(ctx, t0.Add(30*time.Minute), 100)
	must(t, err)
	if len(changes) != 3 {
		t.Fatalf("changes since +30m: %d", len(changes))
	}
}

// testIngestWithinBatch: the new offers of a batch are written at its end; items of the same
// batch that refer to one of them (the same item again, changed or not; the same offer from
// the same source under another identifier) find it all the same.
func testIngestWithinBatch(t *testing.T, s mobilite.Store) {
	feed := newSource(t, s, "feed")
	later := t0.AddDate(0, 1, 0)
	changed := item("p", "Soudeur", "OIM", "SEN", later)
	changed.Job.Title, changed.ContentHash = "Soudeur qualifié", "h-changed"
	batch := []mobilite.IngestJob{
		item("p", "Soudeur", "OIM", "SEN", later),
		item("q", "Carreleur", "OIM", "GHA", later),
		item("q", "Carreleur", "OIM", "GHA", later), // listed twice, unchanged
		item("r", "Carreleur", "OIM", "GHA", later), // the same offer under another identifier
		changed, // p again, changed
		item("s", "Menuisier", "OIM", "MLI", later),
	}
	res, err := s.IngestJobs(ctx, feed.ID, batch, t0)
	must(t, err)
	if res.Seen != 6 || res.New != 3 || res.Unchanged != 1 || res.Merged != 1 || res.Updated != 1 || len(res.NewIDs) != 3 {
		t.Fatalf("batch: %+v", res)
	}
	p := findByTitle(t, s, "Soudeur qualifié")
	if p.Status != mobilite.JobOpen || len(p.Sources) != 1 {
		t.Fatalf("p: %s, sources %+v", p.Status, p.Sources)
	}
	q := findByTitle(t, s, "Carreleur")
	if len(q.Sources) != 2 || q.Sources[0].ExternalID != "q" || q.Sources[1].ExternalID != "r" {
		t.Fatalf("sources of q: %+v", q.Sources)
	}
	r, err := s.SearchJobs(ctx, mobilite.JobQuery{Text: "menuisier", Now: t0})
	must(t, err)
	if r.Total != 1 {
		t.Fatalf("menuisier found %d times", r.Total)
	}
	// New ids follow the batch's, whatever the engine.
	res, err = s.IngestJobs(ctx, feed.ID, []mobilite.IngestJob{item("t", "Plâtrier", "OIM", "MLI", later)}, t0.Add(time.Hour))
	must(t, err)
	for _, id := range []int64{p.ID, q.ID} {
		if res.NewIDs[0] <= id {
			t.Fatalf("new id %d after %d", res.NewIDs[0], id)
		}
	}
	r, err = s.SearchJobs(ctx, mobilite.JobQuery{Text: "platrier", Now: t0})
	must(t, err)
	if r.Total != 1 || r.Items[0].ID != res.NewIDs[0] {
		t.Fatalf("plâtrier: %+v", r)
	}
	// An item merged into another source's offer, then listed again changed in the same batch:
	// its source row keeps the second version, which the next run finds unchanged.
	other := newSource(t, s, "other")
	_, err = s.IngestJobs(ctx, other.ID, []mobilite.IngestJob{item("o-1", "Couvreur", "OIM", "SEN", later)}, t0)
	must(t, err)
	again := item("m", "Couvreur", "OIM", "SEN", later)
	again.ContentHash = "h-again"
	res, err = s.IngestJobs(ctx, feed.ID, []mobilite.IngestJob{item("m", "Couvreur", "OIM", "SEN", later), again}, t0.Add(time.Hour))
	must(t, err)
	if res.Merged != 1 || res.Updated != 1 {
		t.Fatalf("merged then changed: %+v", res)
	}
	res, err = s.IngestJobs(ctx, feed.ID, []mobilite.IngestJob{again}, t0.Add(2*time.Hour))
	must(t, err)
	if res.Unchanged != 1 {
		t.Fatalf("the second version was not kept: %+v", res)
	}
}

func findByTitle(t *testing.T, s mobilite.Store, title string) *mobilite.Job {
	t.Helper()
	r, err := s.SearchJobs(ctx, mobilite.JobQuery{Text: title, Status: "all", Now: t0, Limit: 10})
	must(t, err)
	for _, j := range r.Items {
		if j.Title == title {
			full, err := s.FindJobByID(ctx, j.ID)
			must(t, err)
			return full
		}
	}
	t.Fatalf("no offer titled %q", title)
	return nil
}

func testSearchJobs(t *testing.T, s mobilite.Store) {
	src := newSource(t, s, "feed")
	var batch []mobilite.IngestJob
	titles := []string{"Ingénieur en génie civil", "Ingénieure des données", "Infirmière", "Chauffeur poids lourd", "Software engineer",
		"Comptable senior", "Électricien", "Nurse assistant", "Agents d'entretien", "Spécialiste protection de l'enfance"}
	countries := []string{"SEN", "SEN", "FRA", "TGO", "DEU", "CIV", "TGO", "CAN", "FRA", "SEN"}
	for i, title := range titles {
		it := item(fmt.Sprint("k", i), title, []string{"UNICEF", "OIM"}[i%2], countries[i], t0.AddDate(0, 0, 3+i*5))
		it.Job.PublishedAt = t0.Add(time.Duration(i) * time.Hour)
		it.Job.ISCO08 = []string{"2142", "2511", "2221", "8332", "2512", "2411", "7411", "5321", "9112", "2635"}[i]
		it.Job.Language = []string{"fr", "fr", "fr", "fr", "en", "fr", "fr", "en", "fr", "fr"}[i]
		it.Job.IndexText = map[string]string{"SEN": "Sénégal Senegal", "FRA": "France", "TGO": "Togo", "DEU": "Allemagne Germany",
			"CIV": "Côte d'Ivoire", "CAN": "Canada"}[countries[i]]
		batch = append(batch, it)
	}
	_, err := s.IngestJobs(ctx, src.ID, batch, t0)
	must(t, err)

	count := func(q mobilite.JobQuery) int {
		t.Helper()
		q.Now = t0
		r, err := s.SearchJobs(ctx, q)
		must(t, err)
		return r.Total
	}
	for text, want := range map[string]int{
		"ingenieur":                    2, // accents ignored, and the feminine form "ingénieure" found too
		"INGÉNIEUR":                    2,
		"ingénieurs":                   2, // plural
		"infirmiere":                   1,
		"ingenieur civil":              1,
		"électricien":                  1,
		"engineers":                    1,
		"allemagne":                    1, // the place's names are indexed
		"senegal":                      3,
		`"ingenieur" OR chauffeur`:     0, // operators are words, all required: nothing has "or"
		`ingénieur" AND (`:             2,
		"👷 ingénieur 🚀":                2,
		"":                             10,
		"zzzz":                         0,
		"protection l'enfance":         1,
		strings4000("ingénieur "):      2,
		"NEAR(ingenieur chauffeur, 2)": 0,
		"-ingenieur":                   2,
	} {
		if got := count(mobilite.JobQuery{Text: text}); got != want {
			t.Errorf("search %.40q: %d offers, want %d", text, got, want)
		}
	}
	if got := count(mobilite.JobQuery{Countries: []string{"SEN", "TGO"}}); got != 5 {
		t.Errorf("countries SEN, TGO: %d", got)
	}
	if got := count(mobilite.JobQuery{ISCO: "2"}); got != 6 {
		t.Errorf("ISCO major 2: %d", got)
	}
	if got := count(mobilite.JobQuery{ISCO: "25"}); got != 2 {
		t.Errorf("ISCO 25: %d", got)
	}
	if got := count(mobilite.JobQuery{Language: "en", Text: "nurse"}); got != 1 {
		t.Errorf("language en + nurse: %d", got)
	}
	if got := count(mobilite.JobQuery{DeadlineWithin: 10}); got != 2 { // deadlines at +3 and +8 days
		t.Errorf("deadline within 10 days: %d", got)
	}
	if got := count(mobilite.JobQuery{Since: t0.Add(8 * time.Hour)}); got != 2 {
		t.Errorf("posted since +8h: %d", got)
	}
	r, err := s.SearchJobs(ctx, mobilite.JobQuery{Text: "ingenieur", Facets: true, Now: t0, Limit: 1})
	must(t, err)
	if r.Total != 2 || len(r.Items) != 1 || r.Facets == nil {
		t.Fatalf("facets search: %+v", r)
	}
	if f := r.Facets.Countries; len(f) != 1 || f[0].Value != "SEN" || f[0].Count != 2 {
		t.Errorf("country facet: %+v", f)
	}
	if f := r.Facets.ISCOMajor; len(f) != 1 || f[0] != (mobilite.FacetCount{Value: "2", Count: 2}) {
		t.Errorf("ISCO facet: %+v", f)
	}
	all, err := s.SearchJobs(ctx, mobilite.JobQuery{Facets: true, Now: t0, Sort: "closing", Limit: 3})
	must(t, err)
	if all.Total != 10 || all.Items[0].Title != "Ingénieur en génie civil" {
		t.Errorf("closing soon first: %+v", all.Items[0])
	}
	sum := 0
	for _, f := range all.Facets.Countries {
		sum += f.Count
	}
	if sum != 10 || all.Facets.Deadline[0].Count != 1 || all.Facets.Deadline[1].Count != 6 {
		t.Errorf("facets of everything: countries sum %d, deadline %+v", sum, all.Facets.Deadline)
	}
	newest, _ := s.SearchJobs(ctx, mobilite.JobQuery{Now: t0, Limit: 2, Offset: 1})
	if len(newest.Items) != 2 || newest.Items[0].Title != "Agents d'entretien" {
		t.Errorf("newest, page 2: %+v", newest.Items)
	}
	max, err := s.MaxJobID(ctx)
	must(t, err)
	after, _ := s.SearchJobs(ctx, mobilite.JobQuery{AfterID: max - 2, Now: t0})
	if after.Total != 2 {
		t.Errorf("after id: %d", after.Total)
	}
	t.Run("OpenCopy", func(t *testing.T) { testOpenCopy(t, s) })
}

func strings4000(s string) string {
	out := ""
	for len(out) < 4000 {
		out += s
	}
	return out
}

func testPartnerJobs(t *testing.T, s mobilite.Store) {
	p := NewUser("rh@partenaire.example", mobilite.RolePartner)
	must(t, s.CreateUser(ctx, p))
	o := &mobilite.Organization{Name: "Partenaire", Type: mobilite.OrgPrivate, CreatedAt: t0}
	must(t, s.EnsureOrganization(ctx, o, "partenaire"))
	again := &mobilite.Organization{Name: "Other name", CreatedAt: t0}
	must(t, s.EnsureOrganization(ctx, again, "partenaire"))
	if again.ID != o.ID || again.Name != "Partenaire" {
		t.Fatalf("same key, other organisation: %+v", again)
	}
	j := &mobilite.Job{Title: "Aide-soignant", OrgID: o.ID, Status: mobilite.JobHeld, PartnerID: p.ID, ExternalID: "RH-1",
		Country: "FRA", PublishedAt: t0, UpdatedAt: t0, Flags: []mobilite.JobFlag{{Rule: "fee", Evidence: "frais de dossier"}}}
	must(t, s.CreateJob(ctx, j))
	wantCode(t, s.CreateJob(ctx, &mobilite.Job{Title: "x", OrgID: o.ID, Status: mobilite.JobOpen, PartnerID: p.ID, ExternalID: "RH-1", PublishedAt: t0, UpdatedAt: t0}), mobilite.ECONFLICT)
	got, err := s.FindPartnerJob(ctx, p.ID, "RH-1")
	must(t, err)
	if got.ID != j.ID || got.Organization != "Partenaire" || len(got.Flags) != 1 || got.Flags[0].Evidence != "frais de dossier" {
		t.Fatalf("partner job: %+v", got)
	}
	r, _ := s.SearchJobs(ctx, mobilite.JobQuery{Text: "soignant", Now: t0})
	if r.Total != 0 {
		t.Fatal("a held offer is searchable")
	}
	got.Status = mobilite.JobOpen
	must(t, s.UpdateJob(ctx, got))
	r, _ = s.SearchJobs(ctx, mobilite.JobQuery{Text: "soignant", Now: t0})
	if r.Total != 1 {
		t.Fatal("the approved offer is not searchable")
	}
	_, err = s.FindPartnerJob(ctx, p.ID, "RH-2")
	wantCode(t, err, mobilite.ENOTFOUND)
	_, err = s.FindJobByID(ctx, 999999)
	wantCode(t, err, mobilite.ENOTFOUND)
	wantCode(t, s.UpdateJob(ctx, &mobilite.Job{ID: 999999, OrgID: o.ID, Title: "x", Status: mobilite.JobOpen}), mobilite.ENOTFOUND)

	// Reports.
	rep := &mobilite.JobReport{JobID: j.ID, Reason: "fee", Comment: "On m'a demandé 50 000 F", IP: "192.0.2.1", CreatedAt: t0}
	must(t, s.CreateJobReport(ctx, rep))
	reps, total, err := s.FindJobReports(ctx, "open", 0, 10)
	must(t, err)
	if total != 1 || reps[0].JobTitle != "Aide-soignant" || reps[0].Comment != rep.Comment {
		t.Fatalf("reports: %+v", reps)
	}
	rep.Status, rep.HandledBy, rep.HandledAt = "actioned", p.ID, t0.Add(time.Hour)
	must(t, s.UpdateJobReport(ctx, rep))
	_, total, _ = s.FindJobReports(ctx, "open", 0, 10)
	if total != 0 {
		t.Fatal("handled report still open")
	}

	// Saved searches.
	ss := &mobilite.SavedSearch{UserID: p.ID, Query: "q=soignant", Label: "soignant", Frequency: "daily", Unsubscribe: "tok", CreatedAt: t0}
	must(t, s.CreateSavedSearch(ctx, ss))
	due, err := s.FindDueSavedSearches(ctx, "daily", t0, 10)
	must(t, err)
	if len(due) != 1 {
		t.Fatalf("due: %d", len(due))
	}
	must(t, s.MarkSavedSearchSent(ctx, ss.ID, j.ID, t0.Add(time.Hour)))
	due, _ = s.FindDueSavedSearches(ctx, "daily", t0.Add(time.Minute), 10)
	if len(due) != 0 {
		t.Fatal("sent search still due")
	}
	wantCode(t, s.DeleteSavedSearch(ctx, p.ID+1, ss.ID), mobilite.ENOTFOUND)
	gone, err := s.DeleteSavedSearchByToken(ctx, "tok")
	must(t, err)
	if gone.ID != ss.ID {
		t.Fatal("wrong search unsubscribed")
	}
	_, err = s.DeleteSavedSearchByToken(ctx, "tok")
	wantCode(t, err, mobilite.ENOTFOUND)
}

func testSources(t *testing.T, s mobilite.Store) {
	a := newSource(t, s, "a")
	b := newSource(t, s, "b")
	b.NextRunAt = t0.Add(time.Hour)
	must(t, s.UpdateSource(ctx, b))
	form := &mobilite.Source{Name: "form", Kind: mobilite.SourceForm, Enabled: true, NextRunAt: t0, CreatedAt: t0, UpdatedAt: t0}
	must(t, s.CreateSource(ctx, form))
	due, err := s.ClaimDueSources(ctx, t0, t0.Add(10*time.Minute), 10)
	must(t, err)
	if len(due) != 1 || due[0].ID != a.ID {
		t.Fatalf("due sources: %+v", due)
	}
	again, _ := s.ClaimDueSources(ctx, t0.Add(time.Minute), t0.Add(10*time.Minute), 10)
	if len(again) != 0 {
		t.Fatal("a leased source was claimed twice")
	}
	a.LastError, a.Failures, a.ItemsSeen = "le flux renvoie une page HTML", 2, 12
	must(t, s.UpdateSource(ctx, a))
	got, err := s.FindSourceByID(ctx, a.ID)
	must(t, err)
	if got.LastError != a.LastError || got.Failures != 2 || got.ItemsSeen != 12 {
		t.Fatalf("source: %+v", got)
	}
	list, _ := s.FindSources(ctx)
	if len(list) != 3 {
		t.Fatalf("sources: %d", len(list))
	}
}

// testIngestText: what a batch writes in bulk (PostgreSQL's COPY, SQLite's INSERT of many rows)
// reads back as it was, whatever the text holds: tabs, line ends, backslashes, COPY's own
// markers, quotes, emoji, empty values and NULLs. More than 250 offers, so that the batch's rows
// do not fit one INSERT.
func testIngestText(t *testing.T, s mobilite.Store) {
	feed := newSource(t, s, "feed")
	later := t0.AddDate(0, 1, 0)
	texts := []string{"a\tb", "line\nnext", "crlf\r\nend", `back\slash`, `\N`, `\.`, "\\.\n", `ends\`, `\\N`,
		`"quoted" 'single'`, "émoji 🧑‍🔧 ok", ""}
	var batch []mobilite.IngestJob
	for i := range 300 {
		txt := texts[i%len(texts)]
		it := item(fmt.Sprintf("ext\t%d\\%s", i, txt), fmt.Sprintf("Poste %d %s", i, txt), "OIT", "SEN", later)
		j := it.Job
		j.Description = "<p>" + txt + "</p>"
		j.HowToApply = txt
		j.ApplyURL = "https://example.org/apply?q=" + txt
		j.City = txt
		j.ISCOManual, j.NoFee, j.ISCOConfidence = i%2 == 0, i%3 == 0, float64(i%10)/10
		j.Flags = []mobilite.JobFlag{{Rule: "fee", Evidence: txt}}
		j.Requirements = mobilite.Requirements{Languages: []mobilite.SeekerLanguage{{Language: "fr", Level: "B2"}}, ISCED: 4, Years: i % 7}
		if i%4 == 0 {
			j.Deadline = time.Time{} // NULL
		}
		it.URL, it.ContentHash = "https://example.org/"+txt, "h\t"+txt
		batch = append(batch, it)
	}
	res, err := s.IngestJobs(ctx, feed.ID, batch, t0)
	must(t, err)
	if res.New != len(batch) || len(res.NewIDs) != len(batch) {
		t.Fatalf("batch: %+v", res)
	}
	for i, id := range res.NewIDs {
		want := batch[i]
		got, err := s.FindJobByID(ctx, id)
		must(t, err)
		w := want.Job
		if got.Title != w.Title || got.Description != w.Description || got.HowToApply != w.HowToApply ||
			got.ApplyURL != w.ApplyURL || got.City != w.City || got.ISCOManual != w.ISCOManual || got.NoFee != w.NoFee ||
			got.ISCOConfidence != w.ISCOConfidence || !got.Deadline.Equal(w.Deadline) ||
			len(got.Flags) != 1 || got.Flags[0] != w.Flags[0] || got.Requirements.Years != w.Requirements.Years ||
			got.Requirements.LanguagesText() != w.Requirements.LanguagesText() || got.Requirements.ISCED != 4 {
			t.Fatalf("offer %d read back as\n%+v\nwritten as\n%+v", i, got, w)
		}
		if len(got.Sources) != 1 || got.Sources[0].ExternalID != want.ExternalID || got.Sources[0].URL != want.URL {
			t.Fatalf("offer %d: sources %+v, want %q %q", i, got.Sources, want.ExternalID, want.URL)
		}
	}
	// Listed again as they were: every item is found unchanged by its identifier and hash.
	res, err = s.IngestJobs(ctx, feed.ID, batch, t0.Add(time.Hour))
	must(t, err)
	if res.Unchanged != len(batch) {
		t.Fatalf("again: %+v", res)
	}
	// The facets were written for each: counted by country.
	r, err := s.SearchJobs(ctx, mobilite.JobQuery{Countries: []string{"SEN"}, Now: t0, Facets: true})
	must(t, err)
	if r.Total != len(batch) {
		t.Fatalf("by country: %d of %d", r.Total, len(batch))
	}
}
