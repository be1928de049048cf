package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"slices"
	"strconv"
	"sync/atomic"
	"text/tabwriter"
	"time"

	"mobilite"
	"mobilite/internal/corpus"
	"mobilite/internal/match"
	"mobilite/internal/ref"
	"mobilite/internal/seekers"
	"mobilite/internal/store"
)

// benchSeekers loads generated job seekers (internal/corpus) up to n in batches, each batch one
// transaction through the store's bulk path (or CreateSeeker, --one-by-one), analyses the
// tables, then times the four operations of issue 4 at concurrency 1, each beside its bare
// query: the duplicate check of a registration, "offers for me", candidates for an offer (with
// and without a region) and a registration end to end. The offers are those already in the
// database (bench ingest).
func benchSeekers(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c Config
	var n, from, batch, samples int
	var seed uint64
	var oneByOne, noLoad, sqlOnly bool
	fs := newFlags("bench seekers", stderr)
	dbFlags(fs, &c)
	fs.IntVar(&n, "n", 100000, "number of seekers the register should hold (the missing ones are generated and loaded)")
	fs.IntVar(&from, "from", -1, "number of the first seeker to generate (default: the number of seekers stored)")
	fs.IntVar(&batch, "batch", 1000, "seekers per transaction when loading")
	fs.BoolVar(&oneByOne, "one-by-one", false, "load through CreateSeeker, one seeker after the other, instead of the bulk path")
	fs.BoolVar(&noLoad, "no-load", false, "load nothing, measure only")
	fs.IntVar(&samples, "samples", 500, "samples of each measurement")
	fs.BoolVar(&sqlOnly, "sql", false, "match offers in SQL alone, without the in-memory copy of the open offers (the former way)")
	fs.Uint64Var(&seed, "seed", 1, "seed of the seekers and of the samples")
	only := fs.String("only", "", "run one measurement: duplicates, offers, candidates or register")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measurements to this file (go tool pprof)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if n <= 0 || n > maxLoaded || batch <= 0 || samples <= 0 {
		return fmt.Errorf("bench seekers: need 0 < --n <= %d, --batch and --samples > 0", maxLoaded)
	}
	db, _, err := openFor(ctx, &c, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	refs := ref.MustLoad()
	now := time.Now().UTC()
	gen := corpus.NewSeekers(refs, seed, now)

	stored, err := countRows(ctx, db, "seekers")
	if err != nil {
		return err
	}
	if from < 0 {
		from = stored
	}
	if !noLoad && from < n {
		if err := loadSeekers(ctx, db, gen, from, n, batch, oneByOne, stdout, stderr); err != nil {
			return err
		}
		// PostgreSQL reads an index alone only where its visibility map says the rows are
		// visible to all: autovacuum sets it after a load, and is off on the bench machine.
		analyse := "ANALYZE"
		if db.Engine() == "postgres" {
			analyse = "VACUUM ANALYZE"
		}
		fmt.Fprintln(stderr, "bench seekers: analysing the tables")
		t := time.Now()
		if _, err := db.SQL().ExecContext(ctx, analyse); err != nil {
			return err
		}
		fmt.Fprintf(stdout, "%s took %s\n", analyse, time.Since(t).Round(time.Millisecond))
	}
	if stored, err = countRows(ctx, db, "seekers"); err != nil {
		return err
	}
	open, err := countRows(ctx, db, "job_facets")
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "%d seekers, %d open offers, %s; %d samples of each, concurrency 1\n", stored, open, db.Engine(), samples)

	stopProfile, err := startProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	b := &seekerBench{db: db, gen: gen, refs: refs, stored: stored, r: rand.New(rand.NewPCG(seed, uint64(stored))), samples: samples,
		match: &match.Service{Store: db}, reg: seekers.New(db, refs, nil)}
	if sqlOnly {
		b.match.Store = sqlMatch{db}
	}
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "measurement\tsamples\tp50 ms\tp95\tp99\tbare query\tbare p50 ms\tp95\tp99\tnotes\t")
	for _, m := range []struct {
		name string
		run  func(ctx context.Context, tw io.Writer) error
	}{
		{"duplicates", b.duplicates}, {"offers", b.offers}, {"candidates", b.candidates}, {"register", b.register},
	} {
		if *only != "" && *only != m.name {
			continue
		}
		fmt.Fprintf(stderr, "bench seekers: measuring %s\n", m.name)
		if err := m.run(ctx, tw); err != nil {
			return fmt.Errorf("bench seekers: %s: %w", m.name, err)
		}
		if err := tw.Flush(); err != nil { // each line as soon as it is measured
			return err
		}
	}
	return nil
}

// sqlMatch is the store with "offers for me" read in SQL alone.
type sqlMatch struct{ *store.DB }

func (s sqlMatch) MatchOffers(ctx context.Context, prefixes, countries []string, limit int) ([]mobilite.MatchOffer, error) {
	return s.DB.MatchOffersSQL(ctx, prefixes, countries, limit)
}

// countRows counts the rows of a table.
func countRows(ctx context.Context, db *store.DB, table string) (int, error) {
	var n int
	err := db.SQL().QueryRowContext(ctx, `SELECT count(*) FROM `+table).Scan(&n)
	return n, err
}

// loadSeekers generates seekers from to n-1 and stores them in transactions of batch seekers;
// the next batch is generated while one is written.
func loadSeekers(ctx context.Context, db *store.DB, gen *corpus.Seekers, from, n, batch int, oneByOne bool, stdout, stderr io.Writer) error {
	how := "the bulk path (CreateSeekers)"
	if oneByOne {
		how = "CreateSeeker, one by one"
	}
	fmt.Fprintf(stderr, "bench seekers: loading seekers %d to %d into %s, %d per transaction, through %s\n", from, n-1, db.Engine(), batch, how)
	batches := make(chan []*mobilite.Seeker, 2)
	go func() {
		defer close(batches)
		for start := from; start < n; start += batch {
			ss := make([]*mobilite.Seeker, 0, batch)
			for i := start; i < min(start+batch, n); i++ {
				ss = append(ss, gen.Seeker(i))
			}
			select {
			case batches <- ss:
			case <-ctx.Done():
				return
			}
		}
	}()
	var done atomic.Int64
	start := time.Now()
	stop := progress(stderr, "seekers", int64(n-from), start, &done)
	for ss := range batches {
		var err error
		if oneByOne {
			err = db.Tx(ctx, func(tx mobilite.Store) error {
				for _, s := range ss {
					if err := tx.CreateSeeker(ctx, s); err != nil {
						return err
					}
				}
				return nil
			})
		} else {
			err = db.CreateSeekers(ctx, ss)
		}
		if err != nil {
			stop()
			for range batches { // let the generator end
			}
			return err
		}
		done.Add(int64(len(ss)))
	}
	stop()
	elapsed := time.Since(start)
	fmt.Fprintf(stdout, "loaded %d seekers in %s: %.0f seekers/s through %s\n", n-from, elapsed.Round(time.Millisecond),
		float64(n-from)/elapsed.Seconds(), how)
	return nil
}

// seekerBench holds what the measurements share.
type seekerBench struct {
	db      *store.DB
	gen     *corpus.Seekers
	refs    *ref.Ref
	stored  int
	r       *rand.Rand
	samples int
	match   *match.Service
	reg     *seekers.Service
}

// maxLoaded bounds the seekers loaded: the new people the measurements register are drawn
// above it.
const maxLoaded = 2_000_000

// newPerson returns the index of a seeker the register does not hold: above those that can be
// loaded, and drawn at random so that a second run of the bench, whose draws follow the count
// of seekers, registers other people (the phones of indices below 11 million are distinct).
func (b *seekerBench) newPerson() int {
	const space = 11_000_000
	return maxLoaded + b.r.IntN(space-maxLoaded)
}

// errRollback ends a transaction that only reads, as Register's ends when it finds duplicates.
var errRollback = errors.New("rollback")

// duplicates times FindDuplicates as Register calls it (inside its transaction, on the seeker
// built from the form), for registrations of new people and of people already registered
// (whose phone, and for some ID or name and birth date, is found), beside the three index
// look-ups alone.
func (b *seekerBench) duplicates(ctx context.Context, tw io.Writer) error {
	var times, bare []time.Duration
	found := 0
	for k := range b.samples {
		i := b.newPerson() // 1 % of them a second registration of someone
		if k%2 == 1 {
			i = b.r.IntN(b.stored) // someone registered again
		}
		s := b.gen.Seeker(i)
		var d time.Duration
		err := b.db.Tx(ctx, func(tx mobilite.Store) error {
			t := time.Now()
			dups, err := tx.FindDuplicates(ctx, s)
			d = time.Since(t)
			if len(dups) > 0 {
				found++
			}
			if err != nil {
				return err
			}
			return errRollback
		})
		if !errors.Is(err, errRollback) {
			return err
		}
		times = append(times, d)
		t := time.Now()
		if err := bareDuplicates(ctx, b.db, s); err != nil {
			return err
		}
		bare = append(bare, time.Since(t))
	}
	row(tw, "duplicate check (FindDuplicates in Register's transaction)", times, "3 index look-ups, ids only", bare,
		fmt.Sprintf("half new people, half already registered; %d found duplicates", found))
	return nil
}

// bareDuplicates runs the three look-ups of the duplicate check on their indexes, for ids only.
func bareDuplicates(ctx context.Context, db *store.DB, s *mobilite.Seeker) error {
	q := func(query string, args ...any) error {
		rows, err := db.SQL().QueryContext(ctx, rebind(db, query), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
		}
		return rows.Err()
	}
	if err := q(`SELECT id FROM seekers WHERE phone = ? AND status = 'active' AND phone <> ''`, s.Phone); err != nil {
		return err
	}
	if s.IDNumber != "" {
		if err := q(`SELECT id FROM seekers WHERE id_number = ? AND id_number <> ''`, s.IDNumber); err != nil {
			return err
		}
	}
	return q(`SELECT id FROM seekers WHERE name_key = ? AND birth_date = ?`, s.NameKey, s.BirthDate.Format("2006-01-02"))
}

// rebind numbers the placeholders for PostgreSQL.
func rebind(db *store.DB, query string) string {
	if db.Engine() != "postgres" {
		return query
	}
	out := make([]byte, 0, len(query)+8)
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			out = append(out, '$')
			out = strconv.AppendInt(out, int64(n), 10)
			continue
		}
		out = append(out, query[i])
	}
	return string(out)
}

// offers times "offers for me" (match.Service.OffersFor, 30 offers as the page shows) for
// random registered seekers, beside the range scans of job_facets alone (ids only, read to
// the end) for the same occupations and countries.
func (b *seekerBench) offers(ctx context.Context, tw io.Writer) error {
	var times, bare []time.Duration
	listed, scanned := 0, 0
	// The first call loads the copy of the open offers, as the first search after a start does.
	t := time.Now()
	sk, err := b.db.FindSeekerByID(ctx, 1+b.r.Int64N(int64(b.stored)))
	for mobilite.ErrorCode(err) == mobilite.ENOTFOUND { // ids are not all taken
		sk, err = b.db.FindSeekerByID(ctx, 1+b.r.Int64N(int64(b.stored)))
	}
	if err != nil {
		return err
	}
	if _, err := b.match.OffersFor(ctx, sk, 30); err != nil {
		return err
	}
	first := time.Since(t)
	for range b.samples {
		sk, err := b.db.FindSeekerByID(ctx, 1+b.r.Int64N(int64(b.stored)))
		for mobilite.ErrorCode(err) == mobilite.ENOTFOUND { // ids are not all taken
			sk, err = b.db.FindSeekerByID(ctx, 1+b.r.Int64N(int64(b.stored)))
		}
		if err != nil {
			return err
		}
		t := time.Now()
		ms, err := b.match.OffersFor(ctx, sk, 30)
		if err != nil {
			return err
		}
		times = append(times, time.Since(t))
		listed += len(ms)
		t = time.Now()
		k, err := bareOffers(ctx, b.db, match.Prefixes(sk.Occupations), sk.PreferredCountries)
		if err != nil {
			return err
		}
		bare = append(bare, time.Since(t))
		scanned += k
	}
	row(tw, "offers for me (OffersFor, 30)", times, "job_facets range scans, ids", bare,
		fmt.Sprintf("%d offers matched on average, %d listed; first call %s", scanned/b.samples, listed/b.samples,
			first.Round(time.Millisecond)))
	return nil
}

// bareOffers reads the ids of the open offers of the minor groups and countries.
func bareOffers(ctx context.Context, db *store.DB, prefixes, countries []string) (int, error) {
	n := 0
	q := func(query string, args ...any) error {
		rows, err := db.SQL().QueryContext(ctx, rebind(db, query), args...)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			n++
		}
		return rows.Err()
	}
	for _, p := range prefixes {
		if err := q(`SELECT id FROM job_facets WHERE isco08 >= ? AND isco08 < ?`, p, p+":"); err != nil {
			return 0, err
		}
	}
	for _, c := range countries {
		if err := q(`SELECT id FROM job_facets WHERE country = ?`, c); err != nil {
			return 0, err
		}
	}
	return n, nil
}

// candidates times the candidates for random open offers (match.Service.CandidatesFor, 50 as
// the page shows, as an admin sees them), without a region and with one, beside the range scan
// of seeker_occupations alone (seeker ids, read to the end).
func (b *seekerBench) candidates(ctx context.Context, tw io.Writer) error {
	rows, err := b.db.SQL().QueryContext(ctx, `SELECT id FROM job_facets WHERE length(isco08) >= 3`)
	if err != nil {
		return err
	}
	var jobIDs []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		jobIDs = append(jobIDs, id)
	}
	rows.Close()
	if len(jobIDs) == 0 {
		return errors.New("no open offer with an occupation: run bench ingest first")
	}
	regions := b.refs.Regions()
	for _, withRegion := range []bool{false, true} {
		var times, bare []time.Duration
		found, scanned := 0, 0
		for range b.samples {
			j, err := b.db.FindJobByID(ctx, jobIDs[b.r.IntN(len(jobIDs))])
			if err != nil {
				return err
			}
			f := mobilite.CandidateFilter{}
			if withRegion {
				f.Region = regions[b.r.IntN(len(regions))].Code
			}
			t := time.Now()
			ms, err := b.match.CandidatesFor(ctx, j, f, 50)
			if err != nil {
				return err
			}
			times = append(times, time.Since(t))
			found += len(ms)
			t = time.Now()
			k, err := bareCandidates(ctx, b.db, match.Minor(j.ISCO08))
			if err != nil {
				return err
			}
			bare = append(bare, time.Since(t))
			scanned += k
		}
		name := "candidates for an offer (CandidatesFor, 50)"
		if withRegion {
			name = "candidates for an offer, one region"
		}
		row(tw, name, times, "seeker_occupations range scan, ids", bare,
			fmt.Sprintf("%d occupations of seekers in the minor group on average, %d listed", scanned/b.samples, found/b.samples))
	}
	return nil
}

// bareCandidates reads the seeker ids of the occupations of a minor group.
func bareCandidates(ctx context.Context, db *store.DB, prefix string) (int, error) {
	rows, err := db.SQL().QueryContext(ctx, rebind(db, `SELECT seeker_id FROM seeker_occupations WHERE isco08 >= ? AND isco08 < ?`), prefix, prefix+":")
	if err != nil {
		return 0, err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		n++
	}
	return n, rows.Err()
}

// register times registrations of new people end to end (seekers.Service.Register: the form's
// rules, the duplicate check and the insert in one transaction), beside a write transaction
// of one row, the floor of any registration (the commit).
func (b *seekerBench) register(ctx context.Context, tw io.Writer) error {
	var times, bare []time.Duration
	refused := 0
	for range b.samples {
		i := b.newPerson()
		in := corpus.Input(b.gen.Seeker(i))
		t := time.Now()
		_, err := b.reg.Register(ctx, nil, 0, mobilite.ChannelSelf, in)
		times = append(times, time.Since(t))
		if _, ok := seekers.AsDuplicate(err); ok {
			refused++
		} else if err != nil {
			return fmt.Errorf("seeker %d: %w", i, err)
		}
	}
	// Afterwards: on SQLite a write on another connection than the store's writer would empty
	// the writer's page cache before the next registration.
	for range b.samples {
		t := time.Now()
		tx, err := b.db.SQL().BeginTx(ctx, nil)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, rebind(b.db, `UPDATE seekers SET updated_at = updated_at WHERE id = ?`),
			1+b.r.Int64N(int64(b.stored))); err != nil {
			tx.Rollback()
			return err
		}
		if err := tx.Commit(); err != nil {
			return err
		}
		bare = append(bare, time.Since(t))
	}
	row(tw, "registration (Register, new person)", times, "a one-row write transaction", bare,
		fmt.Sprintf("%d shown as likely duplicates", refused))
	return nil
}

// row prints one measurement and its bare query.
func row(tw io.Writer, name string, times []time.Duration, bareName string, bare []time.Duration, notes string) {
	slices.Sort(times)
	slices.Sort(bare)
	p := func(xs []time.Duration, q float64) string {
		if len(xs) == 0 {
			return "—"
		}
		d := xs[min(len(xs)-1, int(q*float64(len(xs))))]
		return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64)
	}
	fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t\n", name, len(times), p(times, .5), p(times, .95), p(times, .99),
		bareName, p(bare, .5), p(bare, .95), p(bare, .99), notes)
}
