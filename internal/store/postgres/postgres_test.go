package postgres_test

import (
	"net/url"
	"slices"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/store/postgres"
	"mobilite/internal/store/storetest"
)

func TestStore(t *testing.T) {
	if !slices.Contains(storetest.Engines(t), "postgres") {
		t.Skip("no PostgreSQL server (set MOBILITE_TEST_POSTGRES)")
	}
	storetest.Run(t, func(t *testing.T) mobilite.Store { return storetest.Open(t, "postgres") })
}

// TestPlansForValues: the application's statements reach PostgreSQL unnamed, so that each one is
// planned for its values, while the session keeps plan_cache_mode=auto, so that the checks of
// foreign keys PostgreSQL runs for every inserted row keep their generic plan.
func TestPlansForValues(t *testing.T) {
	if !slices.Contains(storetest.Engines(t), "postgres") {
		t.Skip("no PostgreSQL server (set MOBILITE_TEST_POSTGRES)")
	}
	pool := storetest.Open(t, "postgres").SQL()
	pool.SetMaxOpenConns(1) // every statement below on the same session
	ctx := t.Context()
	const probe = `SELECT count(*) FROM jobs WHERE status = $1 AND country = $2`
	for range 8 {
		var n int
		if err := pool.QueryRowContext(ctx, probe, "open", "FRA").Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	var named int
	if err := pool.QueryRowContext(ctx, `SELECT count(*) FROM pg_prepared_statements WHERE statement = $1`, probe).Scan(&named); err != nil {
		t.Fatal(err)
	}
	if named != 0 {
		t.Errorf("the statement was prepared by name %d times: after five runs PostgreSQL may plan it without its values", named)
	}
	var mode string
	if err := pool.QueryRowContext(ctx, `SHOW plan_cache_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "auto" {
		t.Errorf("plan_cache_mode = %s, want auto (foreign-key checks would be planned at every row)", mode)
	}
}

// TestJITOff: the store's sessions run without JIT compilation (it cost seconds on searches of
// closed offers), unless the DSN asks for it.
func TestJITOff(t *testing.T) {
	if !slices.Contains(storetest.Engines(t), "postgres") {
		t.Skip("no PostgreSQL server (set MOBILITE_TEST_POSTGRES)")
	}
	ctx := t.Context()
	dsn := storetest.PostgresDSN(t)
	u, err := url.Parse(dsn)
	if err != nil {
		t.Fatal(err)
	}
	params := u.Query()
	params.Set("jit", "on")
	u.RawQuery = params.Encode()
	for _, tc := range []struct{ dsn, want string }{{dsn, "off"}, {u.String(), "on"}} {
		db, err := postgres.Open(ctx, tc.dsn, storetest.Quiet)
		if err != nil {
			t.Fatal(err)
		}
		var jit string
		if err := db.SQL().QueryRowContext(ctx, `SHOW jit`).Scan(&jit); err != nil {
			t.Fatal(err)
		}
		db.Close()
		if jit != tc.want {
			t.Errorf("%s: jit = %s, want %s", tc.dsn, jit, tc.want)
		}
	}
}

// TestWordsOnce: the body reaches to_tsvector with each word once (Dialect.IndexWordsOnce), and
// the document holds the same words as that of the whole text, word forms, capitals, accents,
// punctuation, addresses and numbers included.
func TestWordsOnce(t *testing.T) {
	if !slices.Contains(storetest.Engines(t), "postgres") {
		t.Skip("no PostgreSQL server (set MOBILITE_TEST_POSTGRES)")
	}
	s := storetest.Open(t, "postgres")
	ctx := t.Context()
	o := &mobilite.Organization{Name: "Agence Test", Type: mobilite.OrgPrivate, CreatedAt: time.Now()}
	if err := s.EnsureOrganization(ctx, o, "agence test"); err != nil {
		t.Fatal(err)
	}
	bodies := []string{
		"Protection des données. PROTECTION, protection; Protections! La protection (H/F) " +
			"l'employeur L'Employeur d’expérience ÉLECTRICIEN électricien Electricien électriciens",
		"Contact: rh@example.org RH@EXAMPLE.ORG https://jobs.example.org/Offre-12?x=1 www.Example.org " +
			"e-mail E-Mail co-operation 3.5 3,5 2026-12-01 1 000 € 10.1.2 C++ .NET Node.js node.js",
		"Managing managers manage MANAGED engineer Engineers engineering; santé sante SANTÉ Santé. " +
			"the The THE a à À ça Ça ÇA naïve NAÏVE œuvre Œuvre straße STRASSE İstanbul istanbul",
		"\tTabs\tand\u00a0non-breaking\u00a0spaces\nnew lines\r\n  double  spaces  — dashes – « guillemets » “quotes”",
	}
	for i, body := range bodies {
		j := &mobilite.Job{Title: "Offre test", OrgID: o.ID, Status: mobilite.JobOpen, Country: "FRA", City: "Lyon",
			Description: body, IndexText: "France Lyon", PublishedAt: time.Now(), UpdatedAt: time.Now()}
		if err := s.CreateJob(ctx, j); err != nil {
			t.Fatal(err)
		}
		full := body + " " + j.City + " " + j.IndexText
		var same bool
		var stored, want string
		err := s.SQL().QueryRowContext(ctx, `SELECT strip(doc)::text, strip(head || to_tsvector('mobilite_fr', $2) || to_tsvector('mobilite_en', $2))::text,
			strip(doc) = strip(head || to_tsvector('mobilite_fr', $2) || to_tsvector('mobilite_en', $2))
			FROM jobs_search WHERE job_id = $1`, j.ID, full).Scan(&stored, &want, &same)
		if err != nil {
			t.Fatal(err)
		}
		if !same {
			t.Errorf("body %d: document\n%s\nwant\n%s", i, stored, want)
		}
	}
}

// TestOfferTexts: the long texts of offers keep no statistics and, where the server has lz4,
// are compressed with it (migration 0020).
func TestOfferTexts(t *testing.T) {
	if !slices.Contains(storetest.Engines(t), "postgres") {
		t.Skip("no PostgreSQL server (set MOBILITE_TEST_POSTGRES)")
	}
	db := storetest.Open(t, "postgres").SQL()
	var lz4 bool
	if err := db.QueryRow(`SELECT 'lz4' = ANY (enumvals) FROM pg_settings WHERE name = 'default_toast_compression'`).Scan(&lz4); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT attrelid::regclass::text || '.' || attname, attcompression, attstattarget FROM pg_attribute
		WHERE attnum > 0 AND NOT attisdropped AND attrelid IN ('jobs'::regclass, 'jobs_search'::regclass)`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	compressed := map[string]bool{"jobs.description": true, "jobs.how_to_apply": true, "jobs_search.doc": true}
	noStats := map[string]bool{"jobs.title": true, "jobs.description": true, "jobs.how_to_apply": true, "jobs.apply_url": true,
		"jobs.city": true, "jobs.close_reason": true, "jobs.flags": true, "jobs.req_languages": true, "jobs_search.head": true}
	seen := 0
	for rows.Next() {
		var col, method string
		var target int
		if err := rows.Scan(&col, &method, &target); err != nil {
			t.Fatal(err)
		}
		if compressed[col] && lz4 && method != "l" {
			t.Errorf("%s: compression %q, want lz4 (l)", col, method)
		}
		if noStats[col] {
			seen++
		}
		if want := map[bool]int{true: 0, false: -1}[noStats[col]]; target != want {
			t.Errorf("%s: statistics target %d, want %d", col, target, want)
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if seen != len(noStats) {
		t.Errorf("%d of the %d columns without statistics found", seen, len(noStats))
	}
}

// TestFirstStatistics: the first ingestion into a database never analysed analyses the offers'
// tables, so that the duplicate look-up of the next batches goes through jobs_fingerprint.
func TestFirstStatistics(t *testing.T) {
	if !slices.Contains(storetest.Engines(t), "postgres") {
		t.Skip("no PostgreSQL server (set MOBILITE_TEST_POSTGRES)")
	}
	s := storetest.Open(t, "postgres")
	ctx := t.Context()
	analysed := func() bool {
		var at *time.Time
		if err := s.SQL().QueryRowContext(ctx, `SELECT last_analyze FROM pg_stat_user_tables WHERE relid = 'jobs'::regclass`).Scan(&at); err != nil {
			t.Fatal(err)
		}
		return at != nil
	}
	if analysed() {
		t.Fatal("a new database's offers were analysed before any ingestion")
	}
	now := time.Now()
	src := &mobilite.Source{Name: "Flux", Kind: "rss", URL: "https://example.org/rss", IntervalMinutes: 60, Enabled: true,
		NextRunAt: now, CreatedAt: now, UpdatedAt: now}
	if err := s.CreateSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	item := mobilite.IngestJob{Job: &mobilite.Job{Title: "Soudeur", Organization: "OIM", Country: "SEN", Status: mobilite.JobOpen,
		Fingerprint: "fp-1", PublishedAt: time.Now()}, OrgKey: "oim", ExternalID: "a-1", ContentHash: "h"}
	if _, err := s.IngestJobs(ctx, src.ID, []mobilite.IngestJob{item}, time.Now()); err != nil {
		t.Fatal(err)
	}
	if !analysed() {
		t.Error("the offers' tables were not analysed after the first ingestion")
	}
}
