package main

import (
	"bytes"
	"cmp"
	"context"
	"fmt"
	"io"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"runtime"
	"runtime/pprof"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"mobilite"
	"mobilite/internal/corpus"
	"mobilite/internal/ingest"
	"mobilite/internal/jobs"
	"mobilite/internal/ref"
	"mobilite/internal/store"
)

const benchUsage = `usage:
  mobilite bench ingest --n N [--open M] [--batch-doc 2000] [--workers 2] [--seed S]   generate N offers (M open) and ingest them
  mobilite bench search [--n 2000] [--concurrency 4]                                    time a mix of searches against the bare full-text query
  mobilite bench seekers [--n 100000] [--batch 1000] [--samples 500]                   load generated seekers, time duplicates, matching and registration
  mobilite bench flows [--departures 1000000] [--returns 300000]                         load a generated flows register, time every indicator against hand-written queries
  mobilite bench survey [--n 100000]                                                     time the validation and load of a Kobo export`

// runBench measures the job portal on the configured database: `mobilite bench ingest` and
// `mobilite bench search` (docs/PERFORMANCE.md says how the figures were taken).
func runBench(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		return fmt.Errorf("%s", benchUsage)
	}
	switch args[0] {
	case "ingest":
		return benchIngest(ctx, args[1:], stdout, stderr)
	case "search":
		return benchSearch(ctx, args[1:], stdout, stderr)
	case "survey":
		return benchSurvey(ctx, args[1:], stdout, stderr)
	case "seekers":
		return benchSeekers(ctx, args[1:], stdout, stderr)
	case "flows":
		return benchFlows(ctx, args[1:], stdout, stderr)
	}
	return fmt.Errorf("unknown bench %q\n%s", args[0], benchUsage)
}

// benchDoc is one generated parser document.
type benchDoc struct {
	kind string
	src  *mobilite.Source
	path string
	n    int
}

// benchIngest generates n offers, m of them open (the others with a past deadline, so closed
// on arrival), writes them as RSS and ReliefWeb documents of batchDoc items, and runs each
// document through the real pipeline: ingest.Parse, then jobs.Service.Ingest (normalisation,
// fair-recruitment check, upsert and full-text index in transactions of 2,000). The documents
// are generated first into temporary files, then ingested by workers, as the ingestion task
// runs sources; only the ingestion is timed.
func benchIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c Config
	var n, open, batchDoc, workers, nsources int
	var seed uint64
	fs := newFlags("bench ingest", stderr)
	dbFlags(fs, &c)
	fs.IntVar(&n, "n", 10000, "number of offers to generate")
	fs.IntVar(&open, "open", -1, "how many of them are open (default: a fifth)")
	fs.IntVar(&batchDoc, "batch-doc", 2000, "offers per parser document")
	fs.IntVar(&workers, "workers", 2, "documents ingested at the same time (the ingestion task runs 4)")
	fs.IntVar(&nsources, "sources", 8, "number of sources the documents come from")
	fs.Uint64Var(&seed, "seed", 0, "seed of the corpus (default: 1 + the number of offers already stored, so that a second run adds new offers)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	memProfile := fs.String("memprofile", "", "write the allocations to this file, and those before the ingestion to FILE.before (go tool pprof -sample_index=alloc_space -base FILE.before FILE)")
	if err := parse(fs, args); err != nil {
		return err
	}
	stopProfile, err := startProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	if open < 0 {
		open = n / 5
	}
	if n <= 0 || open > n || batchDoc <= 0 || workers <= 0 || nsources <= 0 {
		return fmt.Errorf("bench ingest: need --n > 0, 0 <= --open <= --n, --batch-doc > 0, --workers > 0, --sources > 0")
	}
	db, log, err := openFor(ctx, &c, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	before, err := db.CountJobs(ctx)
	if err != nil {
		return err
	}
	stored := 0
	for _, k := range before {
		stored += k
	}
	if seed == 0 {
		seed = uint64(stored) + 1
	}
	refs := ref.MustLoad()
	now := time.Now().UTC()
	gen := corpus.New(refs, seed, now)
	svc := jobs.New(db, refs, nil, log, time.Now)
	var sources []*mobilite.Source
	for k := range nsources {
		kind := []string{ingest.KindRSS, ingest.KindReliefWeb}[k%2]
		src, err := findOrCreateSource(ctx, db, fmt.Sprintf("bench://%s/%d", kind, k), kind, fmt.Sprintf("Bench %s %d", kind, k), "", "", false)
		if err != nil {
			return err
		}
		sources = append(sources, src)
	}
	fmt.Fprintf(stderr, "bench ingest: %d offers (%d open) into %s holding %d, seed %d, documents of %d, %d workers\n",
		n, open, db.Engine(), stored, seed, batchDoc, workers)

	// The documents are generated first, into files, so that the time measured is the
	// pipeline's alone: reading a document, parsing it and everything after.
	dir, err := os.MkdirTemp("", "mobilite-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	isOpen := corpus.Spread(n, open)
	var files []benchDoc
	var generated atomic.Int64
	genStart := time.Now()
	stopGen := progress(stderr, "offers generated", int64(n), genStart, &generated)
	for d, start := 0, 0; start < n; d, start = d+1, start+batchDoc {
		src := sources[d%len(sources)]
		items := gen.Items(start, min(batchDoc, n-start), isOpen)
		var buf bytes.Buffer
		write := corpus.WriteRSS
		if src.Kind == ingest.KindReliefWeb {
			write = corpus.WriteReliefWeb
		}
		if err := write(&buf, items); err != nil {
			stopGen()
			return err
		}
		path := filepath.Join(dir, fmt.Sprintf("%06d.%s", d, src.Kind))
		if err := os.WriteFile(path, buf.Bytes(), 0o600); err != nil {
			stopGen()
			return err
		}
		files = append(files, benchDoc{kind: src.Kind, src: src, path: path, n: len(items)})
		generated.Add(int64(len(items)))
		if ctx.Err() != nil {
			stopGen()
			return ctx.Err()
		}
	}
	stopGen()
	genTime := time.Since(genStart)
	docs := make(chan benchDoc)
	go func() {
		defer close(docs)
		for _, d := range files {
			select {
			case docs <- d:
			case <-ctx.Done():
				return
			}
		}
	}()

	// PostgreSQL plans from statistics that autovacuum refreshes as tables grow (by a tenth). On
	// a server where it is off, the plans of a growing table go wrong (a sequential scan per
	// batch), so the bench analyses the tables itself as autovacuum would: it looks once per
	// autovacuum_naptime (a minute) and analyses when the tables grew by a tenth since. (Until
	// 2026-11-23 it looked every second: 21 ANALYZE taking 34–39 s beside 300,000 offers, where
	// autovacuum would run one. The first statistics of an empty database come from the store
	// itself, after its first ingestion: store.firstStatistics.)
	analysed, ingested := make(chan struct{}), make(chan struct{})
	var analyses int
	var analysing time.Duration // written by the goroutine below, read after analysed closes
	var done atomic.Int64
	go func() {
		defer close(analysed)
		if db.Engine() != "postgres" {
			return
		}
		// As autovacuum, from the tables' size at the start: a run that adds to a database
		// already analysed does not analyse it again at once.
		last := int64(0)
		for {
			select {
			case <-ctx.Done():
				return
			case <-ingested:
				return
			case <-time.After(autovacuumNaptime):
			}
			d := done.Load()
			if float64(int64(stored)+d) > 1.1*float64(int64(stored)+last)+1000 {
				t := time.Now()
				if _, err := db.SQL().ExecContext(ctx, `ANALYZE`); err != nil && ctx.Err() == nil {
					fmt.Fprintln(stderr, "bench ingest: analyse:", err)
				}
				analyses, analysing = analyses+1, analysing+time.Since(t)
				last = d
			}
		}
	}()
	// What the generation allocated, to leave out: go tool pprof -base FILE.before FILE.
	if *memProfile != "" {
		if err := writeAllocs(*memProfile + ".before"); err != nil {
			return err
		}
	}
	var mu sync.Mutex
	var total mobilite.IngestResult
	var firstErr error
	start := time.Now()
	stopProgress := progress(stderr, "offers", int64(n), start, &done)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for d := range docs {
				data, err := os.ReadFile(d.path)
				var items []ingest.Item
				if err == nil {
					items, err = ingest.Parse(d.kind, data, nil)
				}
				var res mobilite.IngestResult
				if err == nil {
					res, _, err = svc.Ingest(ctx, d.src, items)
				}
				mu.Lock()
				if err != nil && firstErr == nil {
					firstErr = fmt.Errorf("bench ingest: %s document: %w", d.kind, err)
				}
				total.Seen += res.Seen
				total.New += res.New
				total.Merged += res.Merged
				total.Updated += res.Updated
				total.Unchanged += res.Unchanged
				mu.Unlock()
				done.Add(int64(d.n))
				if err != nil {
					for range docs { // drain so that the generator stops
					}
					return
				}
			}
		}()
	}
	wg.Wait()
	stopProgress()
	elapsed := time.Since(start)
	if err := writeAllocs(*memProfile); err != nil {
		return err
	}
	done.Store(int64(n))
	close(ingested)
	<-analysed
	if firstErr != nil {
		return firstErr
	}
	after, err := db.CountJobs(ctx)
	if err != nil {
		return err
	}
	rate := float64(n) / elapsed.Seconds()
	fmt.Fprintf(stdout, "ingested %d offers in %s: %.0f offers/s sustained (parse, normalise, fair-recruitment check, upsert, full-text index)\n",
		n, elapsed.Round(time.Millisecond), rate)
	fmt.Fprintf(stdout, "  %d new, %d merged with an offer from another source, %d updated, %d unchanged\n",
		total.New, total.Merged, total.Updated, total.Unchanged)
	fmt.Fprintf(stdout, "  generating the %d documents beforehand took %s (not included)\n", len(files), genTime.Round(time.Millisecond))
	fmt.Fprintf(stdout, "  offers stored now: open %d, closed %d, held %d (engine %s)\n",
		after[mobilite.JobOpen], after[mobilite.JobClosed], after[mobilite.JobHeld], db.Engine())
	if analyses > 0 {
		fmt.Fprintf(stdout, "  ANALYZE ran %d times during the ingestion, %s in all (included, beside it)\n",
			analyses, analysing.Round(time.Millisecond))
	}
	if db.Engine() == "postgres" {
		// What autovacuum does after many inserts (off on the bench machine): the visibility map
		// and hint bits that the full-text query's visits of the heap rely on.
		t := time.Now()
		if _, err := db.SQL().ExecContext(ctx, `VACUUM (ANALYZE) jobs, jobs_search, job_facets`); err != nil {
			return fmt.Errorf("bench ingest: vacuum: %w", err)
		}
		fmt.Fprintf(stdout, "  VACUUM (ANALYZE) of the offers' tables took %s (not included)\n", time.Since(t).Round(time.Millisecond))
	}
	return nil
}

// writeAllocs writes the allocation profile so far to file, when it is not "" (runtime.GC
// first: the profile counts allocations up to the last collection).
func writeAllocs(file string) error {
	if file == "" {
		return nil
	}
	runtime.GC()
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// autovacuumNaptime is how often PostgreSQL's autovacuum looks at a database (its default).
const autovacuumNaptime = time.Minute

// startProfile starts a CPU profile into file when it is not "".
func startProfile(file string) (stop func(), err error) {
	if file == "" {
		return func() {}, nil
	}
	f, err := os.Create(file)
	if err != nil {
		return nil, err
	}
	if err := pprof.StartCPUProfile(f); err != nil {
		f.Close()
		return nil, err
	}
	return func() { pprof.StopCPUProfile(); f.Close() }, nil
}

// progressLine says how far a long task is: done of total, the rate, and the time left (not
// guessed before the first item is done).
func progressLine(done, total int64, what string, elapsed time.Duration) string {
	rate := float64(done) / max(elapsed.Seconds(), 0.001)
	if done == 0 {
		return fmt.Sprintf("%d / %d %s · time left unknown yet", done, total, what)
	}
	left := time.Duration(float64(total-done) / rate * float64(time.Second))
	return fmt.Sprintf("%d / %d %s · %.0f/s · %s left", done, total, what, rate, left.Round(time.Second))
}

// progress prints done/total, the rate and the time left on w every second until stopped.
func progress(w io.Writer, what string, total int64, start time.Time, done *atomic.Int64) (stop func()) {
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	show := func() { fmt.Fprint(w, "\r"+progressLine(done.Load(), total, what, time.Since(start))+"   ") }
	go func() {
		defer wg.Done()
		t := time.NewTicker(time.Second)
		defer t.Stop()
		for {
			select {
			case <-quit:
				show()
				fmt.Fprintln(w)
				return
			case <-t.C:
				show()
			}
		}
	}()
	return func() { close(quit); wg.Wait() }
}

// benchQuery is one search of the mix: its class and its URL parameters, as the API reads them.
type benchQuery struct {
	class  string
	params url.Values
}

// Words people type, in French and English: occupations and fields.
var (
	benchOneWord = []string{"infirmier", "nurse", "chauffeur", "driver", "comptable", "accountant", "logistique", "developer",
		"soudeur", "welder", "agricole", "santé", "protection", "cuisinier", "electrician", "data", "maçon", "teacher", "sécurité", "engineer"}
	benchTwoWords = []string{"chauffeur poids", "data analyst", "aide soignant", "software developer", "ouvrier agricole",
		"protection enfance", "chef projet", "registered nurse", "génie civil", "hotel receptionist"}
	benchFilters = []url.Values{{"country": {"FRA"}}, {"country": {"CAN"}}, {"region": {"europe"}}, {"region": {"middle_east"}},
		{"isco": {"2"}}, {"type": {"employment"}}, {"lang": {"fr"}}, {"deadline": {"30"}}}
)

// benchMix returns n searches: a third of one word, a third of two words, a third of one word
// with a filter (country, region, occupation group, contract, language or deadline).
func benchMix(r *rand.Rand, n int) []benchQuery {
	out := make([]benchQuery, n)
	for i := range out {
		switch i % 3 {
		case 0:
			out[i] = benchQuery{"one word", url.Values{"q": {benchOneWord[r.IntN(len(benchOneWord))]}}}
		case 1:
			out[i] = benchQuery{"two words", url.Values{"q": {benchTwoWords[r.IntN(len(benchTwoWords))]}}}
		default:
			v := url.Values{"q": {benchOneWord[r.IntN(len(benchOneWord))]}}
			for k, x := range benchFilters[r.IntN(len(benchFilters))] {
				v[k] = x
			}
			out[i] = benchQuery{"filtered", v}
		}
	}
	r.Shuffle(len(out), func(i, k int) { out[i], out[k] = out[k], out[i] })
	return out
}

// benchSearch runs a mix of searches as the API does them (SearchJobs with facets, 20 per page)
// and, for each, the bare full-text query of the same words, and prints the percentiles of both.
func benchSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c Config
	var n, conc int
	var seed uint64
	fs := newFlags("bench search", stderr)
	dbFlags(fs, &c)
	fs.IntVar(&n, "n", 2000, "number of searches")
	fs.IntVar(&conc, "concurrency", 4, "searches running at the same time")
	fs.Uint64Var(&seed, "seed", 1, "seed of the mix")
	var sqlOnly bool
	fs.BoolVar(&sqlOnly, "sql", false, "search in SQL alone, without the in-memory copy of the open offers (the former way)")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the run to this file (go tool pprof)")
	cold := fs.Bool("cold", false, "without the answers kept of texts searched before: every search as the first of its text (the offers of common lexemes, kept from the start, stay)")
	byWords := fs.Bool("by-words", false, "also print the medians of each distinct text searched, the slowest bare queries first")
	if err := parse(fs, args); err != nil {
		return err
	}
	stopProfile, err := startProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	if n <= 0 || conc <= 0 {
		return fmt.Errorf("bench search: need --n > 0 and --concurrency > 0")
	}
	db, _, err := openFor(ctx, &c, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	// The search itself is measured, not the cache of recent answers that serves a popular page.
	db.SetSearchCache(0)
	db.SetMatchCache(!*cold)
	// As serve does at its start: the copy of the open offers, and the offers of the most common
	// lexemes where the engine keeps them (not a cache of searches: built from the engine's
	// statistics, before any search).
	warm := time.Now()
	if err := db.WarmOpenJobs(ctx); err != nil {
		return err
	}
	if lexemes, ids, bytes, took := db.CommonLexemes(); lexemes > 0 {
		fmt.Fprintf(stdout, "bench search: open offers loaded in %s; the offers of %d common lexemes kept (%d ids in %.1f MB, read in %s)\n",
			time.Since(warm).Round(time.Millisecond), lexemes, ids, float64(bytes)/(1<<20), took.Round(time.Millisecond))
	}
	refs := ref.MustLoad()
	bare := bareMatch(db)
	mix := benchMix(rand.New(rand.NewPCG(seed, 2)), n)

	type timing struct {
		class, words  string
		search, match time.Duration
		total, ids    int
	}
	// Every other run times the bare query first: the second of the two finds the index's pages
	// that the first read still in the engine's cache, and neither should always have them.
	var turn atomic.Int64
	run := func(bq benchQuery) (timing, error) {
		now := time.Now()
		q, problems := jobs.ParseQuery(refs, bq.params, now)
		if err := problems.Err(); err != nil {
			return timing{}, err
		}
		q.Limit, q.Facets = 20, true
		search := db.SearchJobs
		if sqlOnly {
			search = db.SearchJobsSQL
		}
		out := timing{class: bq.class, words: bq.params.Get("q")}
		timeSearch := func() error {
			t := time.Now()
			res, err := search(ctx, q)
			if err != nil {
				return err
			}
			out.search, out.total = time.Since(t), res.Total
			return nil
		}
		timeBare := func() error {
			t := time.Now()
			ids, err := bare(ctx, q.Text)
			out.match, out.ids = time.Since(t), ids
			return err
		}
		first, second := timeSearch, timeBare
		if turn.Add(1)%2 == 0 {
			first, second = timeBare, timeSearch
		}
		if err := first(); err != nil {
			return timing{}, err
		}
		if err := second(); err != nil {
			return timing{}, err
		}
		return out, nil
	}
	// Warm up: each distinct search once, unmeasured.
	seen := map[string]bool{}
	for _, bq := range mix {
		if k := bq.params.Encode(); !seen[k] {
			seen[k] = true
			if _, err := run(bq); err != nil {
				return err
			}
		}
	}
	fmt.Fprintf(stderr, "bench search: %d searches (%d distinct), concurrency %d, on %s\n", n, len(seen), conc, db.Engine())

	queue := make(chan benchQuery)
	results := make(chan timing, n)
	errs := make(chan error, conc)
	var done atomic.Int64
	start := time.Now()
	stopProgress := progress(stderr, "searches", int64(n), start, &done)
	var wg sync.WaitGroup
	for range conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for bq := range queue {
				t, err := run(bq)
				if err != nil {
					errs <- err
					for range queue {
					}
					return
				}
				results <- t
				done.Add(1)
			}
		}()
	}
	for _, bq := range mix {
		queue <- bq
	}
	close(queue)
	wg.Wait()
	stopProgress()
	elapsed := time.Since(start)
	close(results)
	select {
	case err := <-errs:
		return err
	default:
	}

	byClass := map[string][]timing{}
	byText := map[string][]timing{}
	var classes []string
	for t := range results {
		byText[t.words] = append(byText[t.words], t)
		if byClass[t.class] == nil {
			classes = append(classes, t.class)
		}
		byClass[t.class] = append(byClass[t.class], t)
		byClass["all"] = append(byClass["all"], t)
	}
	slices.Sort(classes)
	classes = append(classes, "all")
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) }
	fmt.Fprintf(stdout, "%d searches in %s (%.0f/s, each with its bare query), concurrency %d, %s\n",
		n, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds(), conc, db.Engine())
	if a := db.LexemeAnswers(); a > 0 {
		fmt.Fprintf(stdout, "%d of them matched from the offers of common lexemes\n", a)
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "class\tsearches\tmatches (mean)\tsearch p50 ms\tp95\tp99\tbare p50 ms\tp95\tp99\tp95 ratio\t")
	for _, cl := range classes {
		ts := byClass[cl]
		search := make([]time.Duration, len(ts))
		match := make([]time.Duration, len(ts))
		sum := 0
		for i, t := range ts {
			search[i], match[i] = t.search, t.match
			sum += t.total
		}
		slices.Sort(search)
		slices.Sort(match)
		p := func(xs []time.Duration, q float64) time.Duration { return xs[min(len(xs)-1, int(q*float64(len(xs))))] }
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%.2f\t\n", cl, len(ts), sum/len(ts),
			ms(p(search, .5)), ms(p(search, .95)), ms(p(search, .99)), ms(p(match, .5)), ms(p(match, .95)), ms(p(match, .99)),
			float64(p(search, .95))/float64(max(p(match, .95), 1)))
	}
	if err := tw.Flush(); err != nil || !*byWords {
		return err
	}
	// The same words, with or without a filter, side by side: the ratio of the medians.
	type row struct {
		words             string
		searches, matches int
		search, match     time.Duration
	}
	var rows []row
	for words, ts := range byText {
		search := make([]time.Duration, len(ts))
		match := make([]time.Duration, len(ts))
		for i, t := range ts {
			search[i], match[i] = t.search, t.match
		}
		slices.Sort(search)
		slices.Sort(match)
		rows = append(rows, row{words, len(ts), ts[0].ids, search[len(search)/2], match[len(match)/2]})
	}
	slices.SortFunc(rows, func(a, b row) int { return cmp.Compare(b.match, a.match) })
	fmt.Fprintln(stdout)
	tw = tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "words\tsearches\tbare matches\tsearch p50 ms\tbare p50 ms\tratio\t")
	for _, r := range rows {
		fmt.Fprintf(tw, "%s\t%d\t%d\t%s\t%s\t%.2f\t\n", r.words, r.searches, r.matches, ms(r.search), ms(r.match),
			float64(r.search)/float64(max(r.match, 1)))
	}
	return tw.Flush()
}

// bareMatch returns the engine's bare full-text query, the lower bound of a search: every id
// the index holds for the words, read to the end (the query SearchJobs itself runs). It returns
// how many there were.
func bareMatch(db *store.DB) func(ctx context.Context, text string) (int, error) {
	return func(ctx context.Context, text string) (int, error) {
		ids, err := db.MatchIDs(ctx, text)
		return len(ids), err
	}
}
