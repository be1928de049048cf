package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"text/tabwriter"
	"time"

	"mobilite"
	"mobilite/internal/indicators"
	"mobilite/internal/ref"
	"mobilite/internal/stats"
	"mobilite/internal/store"
)

// benchFlows loads a generated register of flows (departures and returns, see flowGen) through
// the store's bulk path, analyses the tables, then times every indicator of source A of the
// catalogue for the busiest year with each of its disaggregations in turn (Compute with one
// dimension), each beside one hand-written query that produces the same table (handQuery).
func benchFlows(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c Config
	var nDeps, nRets, nPersons, batch, runs, year int
	var seed uint64
	var noLoad bool
	fs := newFlags("bench flows", stderr)
	dbFlags(fs, &c)
	fs.IntVar(&nDeps, "departures", 1000000, "departures to generate")
	fs.IntVar(&nRets, "returns", 300000, "returns to generate")
	fs.IntVar(&nPersons, "persons", 0, "distinct persons who leave (default: 70 % of the departures)")
	fs.IntVar(&batch, "batch", 4000, "records per transaction when loading")
	fs.IntVar(&runs, "runs", 3, "timed runs of each measurement (after one untimed)")
	fs.IntVar(&year, "year", 0, "year to compute (default: the year with the most departures)")
	fs.Uint64Var(&seed, "seed", 1, "seed of the register")
	fs.BoolVar(&noLoad, "no-load", false, "load nothing, measure only")
	only := fs.String("only", "", "measure one indicator (LM-F01…)")
	firstOnly := fs.Bool("first", false, "measure each indicator by its first disaggregation only")
	cpuProfile := fs.String("cpuprofile", "", "write a CPU profile of the measurements to this file (go tool pprof)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if nPersons == 0 {
		nPersons = nDeps * 7 / 10
	}
	if nDeps <= 0 || nRets < 0 || nPersons <= 0 || nPersons > nDeps || batch <= 0 || runs <= 0 {
		return fmt.Errorf("bench flows: need --departures > 0, --returns >= 0, 0 < --persons <= --departures, --batch and --runs > 0")
	}
	db, _, err := openFor(ctx, &c, stderr)
	if err != nil {
		return err
	}
	defer db.Close()
	stored, err := countRows(ctx, db, "departures")
	if err != nil {
		return err
	}
	if !noLoad && stored > 0 {
		fmt.Fprintf(stderr, "bench flows: the register holds %d departures already; nothing loaded\n", stored)
	}
	if !noLoad && stored == 0 {
		if err := loadFlows(ctx, db, seed, nDeps, nPersons, nRets, batch, stdout, stderr); err != nil {
			return err
		}
	}
	if year == 0 {
		if year, err = busiestYear(ctx, db); err != nil {
			return err
		}
	}
	var inYear, persons, rets int
	from, to := fmt.Sprintf("%d-01-01", year), fmt.Sprintf("%d-01-01", year+1)
	if err := db.SQL().QueryRowContext(ctx, bind(db, `SELECT count(*), count(DISTINCT person_key) FROM departures WHERE date >= ? AND date < ?`),
		from, to).Scan(&inYear, &persons); err != nil {
		return err
	}
	if err := db.SQL().QueryRowContext(ctx, bind(db, `SELECT count(*) FROM returns WHERE date >= ? AND date < ?`), from, to).Scan(&rets); err != nil {
		return err
	}
	all, _ := countRows(ctx, db, "departures")
	allRets, _ := countRows(ctx, db, "returns")
	fmt.Fprintf(stdout, "%s: %d departures, %d returns; %d: %d departures by %d persons, %d returns; median of %d runs\n",
		db.Engine(), all, allRets, year, inYear, persons, rets, runs)

	stopProfile, err := startProfile(*cpuProfile)
	if err != nil {
		return err
	}
	defer stopProfile()
	return measureFlows(ctx, db, year, runs, *only, *firstOnly, stdout, stderr)
}

// bind writes ? placeholders as the engine wants them.
func bind(db *store.DB, q string) string {
	if db.Engine() != "postgres" {
		return q
	}
	var b strings.Builder
	n := 0
	for _, r := range q {
		if r == '?' {
			n++
			b.WriteString("$" + strconv.Itoa(n))
			continue
		}
		b.WriteRune(r)
	}
	return b.String()
}

// busiestYear returns the year with the most departures.
func busiestYear(ctx context.Context, db *store.DB) (int, error) {
	var y string
	var n int
	err := db.SQL().QueryRowContext(ctx, `SELECT substr(CAST(date AS TEXT), 1, 4) AS y, count(*) FROM departures GROUP BY y ORDER BY 2 DESC LIMIT 1`).Scan(&y, &n)
	if err != nil {
		return 0, fmt.Errorf("bench flows: busiest year: %w", err)
	}
	return strconv.Atoi(y)
}

// loadFlows generates the register and stores it in transactions of batch records (the next
// batch is made while one is written), then analyses the tables.
func loadFlows(ctx context.Context, db *store.DB, seed uint64, nDeps, nPersons, nRets, batch int, stdout, stderr io.Writer) error {
	t := time.Now()
	g := newFlowGen(seed, nDeps, nPersons, nRets)
	fmt.Fprintf(stderr, "bench flows: generated %d departures by %d persons and %d returns in %s; loading into %s, %d per transaction\n",
		len(g.deps), len(g.persons), len(g.rets), time.Since(t).Round(time.Millisecond), db.Engine(), batch)
	depIDs := make([]int64, len(g.deps))
	load := func(what string, n int, write func(start, end int) error) error {
		var done atomic.Int64
		start := time.Now()
		stop := progress(stderr, what, int64(n), start, &done)
		for s := 0; s < n; s += batch {
			e := min(s+batch, n)
			if err := write(s, e); err != nil {
				stop()
				return fmt.Errorf("bench flows: load %s: %w", what, err)
			}
			done.Store(int64(e))
		}
		stop()
		elapsed := time.Since(start)
		fmt.Fprintf(stdout, "loaded %d %s in %s: %.0f/s\n", n, what, elapsed.Round(time.Millisecond), float64(n)/elapsed.Seconds())
		return nil
	}
	err := load("departures", len(g.deps), func(s, e int) error {
		ds := make([]*mobilite.Departure, 0, e-s)
		for i := s; i < e; i++ {
			ds = append(ds, g.departure(i))
		}
		if err := db.CreateDepartures(ctx, ds); err != nil {
			return err
		}
		for k, d := range ds {
			depIDs[s+k] = d.ID
		}
		return nil
	})
	if err != nil {
		return err
	}
	err = load("returns", len(g.rets), func(s, e int) error {
		rs := make([]*mobilite.Return, 0, e-s)
		for i := s; i < e; i++ {
			rs = append(rs, g.returnOf(i, depIDs))
		}
		return db.CreateReturns(ctx, rs)
	})
	if err != nil {
		return err
	}
	t = time.Now()
	if _, err := db.SQL().ExecContext(ctx, `ANALYZE`); err != nil {
		return err
	}
	fmt.Fprintf(stdout, "ANALYZE took %s\n", time.Since(t).Round(time.Millisecond))
	return nil
}

// median runs fn once untimed, then runs times, and returns the median time and the median
// processor time (see cpuClock).
func median(runs int, clock func() time.Duration, fn func() error) (wall, cpu time.Duration, err error) {
	if err := fn(); err != nil {
		return 0, 0, err
	}
	ts := make([]time.Duration, runs)
	cs := make([]time.Duration, runs)
	for i := range ts {
		t, c := time.Now(), clock()
		if err := fn(); err != nil {
			return 0, 0, err
		}
		ts[i], cs[i] = time.Since(t), clock()-c
	}
	slices.Sort(ts)
	slices.Sort(cs)
	return ts[runs/2], cs[runs/2], nil
}

// cpuClock returns a clock of the processor time the queries use, which other programs on the
// machine do not inflate as they do the elapsed time: this process's (SQLite runs in it) and,
// on PostgreSQL, that of the server process of the one connection the bench keeps (read from
// /proc, so only for a server on this machine; 10 ms steps).
func cpuClock(ctx context.Context, db *store.DB) func() time.Duration {
	own := func() time.Duration {
		var ru syscall.Rusage
		if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
			return 0
		}
		return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
	}
	if db.Engine() != "postgres" {
		return own
	}
	var pid int
	if err := db.SQL().QueryRowContext(ctx, `SELECT pg_backend_pid()`).Scan(&pid); err != nil {
		return own
	}
	return func() time.Duration {
		b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
		if err != nil {
			return own()
		}
		_, rest, _ := strings.Cut(string(b), ") ") // after the command name
		f := strings.Fields(rest)
		if len(f) < 13 {
			return own()
		}
		u, _ := strconv.ParseInt(f[11], 10, 64) // utime, stime: fields 14 and 15 of stat
		st, _ := strconv.ParseInt(f[12], 10, 64)
		return own() + time.Duration(u+st)*10*time.Millisecond
	}
}

// measureFlows times each indicator of source A with each of its disaggregations, beside its
// hand-written query, and checks that both count the same totals.
func measureFlows(ctx context.Context, db *store.DB, year, runs int, only string, firstOnly bool, stdout, stderr io.Writer) error {
	refs := ref.MustLoad()
	svc := indicators.New(db, refs)
	if db.Engine() == "postgres" {
		// One server process to read the processor time of. (Not on SQLite: the writer's
		// connection, once the load has taken it, would hold the pool's only place.)
		db.SQL().SetMaxOpenConns(1)
	}
	clock := cpuClock(ctx, db)
	hand := newHandQueries(refs)
	period := indicators.Year(year)
	ms := func(d time.Duration) string { return strconv.FormatFloat(float64(d.Microseconds())/1000, 'f', 1, 64) }
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "indicator\tby\tcompute ms\thand query ms\tratio\tcompute cpu ms\thand cpu ms\tcpu ratio\ttotal num / den\tsame totals\t")
	var firstC, firstH, allC, allH, firstCC, firstHC, allCC, allHC time.Duration
	for _, ind := range indicators.Catalogue() {
		if ind.Source != "A" || (only != "" && ind.ID != only) {
			continue
		}
		for k, dim := range ind.By {
			if firstOnly && k > 0 {
				break
			}
			fmt.Fprintf(stderr, "bench flows: %s by %s\n", ind.ID, dim)
			var res *indicators.Result
			tc, cc, err := median(runs, clock, func() error {
				var err error
				res, err = svc.Compute(ctx, indicators.Request{Indicator: ind, Period: period, By: []string{dim}}, "fr")
				return err
			})
			if err != nil {
				return fmt.Errorf("bench flows: %s by %s: %w", ind.ID, dim, err)
			}
			total := res.Table.Cell(stats.Total)
			q, args, ok := hand.query(db, ind.ID, dim, period)
			th, hc, same := time.Duration(0), time.Duration(0), "no data"
			if ok {
				var num, den float64
				th, hc, err = median(runs, clock, func() error {
					num, den, err = runHand(ctx, db, q, args)
					return err
				})
				if err != nil {
					return fmt.Errorf("bench flows: hand query of %s by %s: %w\n%s", ind.ID, dim, err, q)
				}
				same = "yes"
				if num != total.Num || (ind.Rate() && den != total.Den) {
					same = fmt.Sprintf("NO: %.0f / %.0f", num, den)
				}
			}
			ratio := func(a, b time.Duration) string {
				if b <= 0 {
					return "—"
				}
				return fmt.Sprintf("%.2f", float64(a)/float64(b))
			}
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%.0f / %.0f\t%s\t\n", ind.ID, dim, ms(tc), ms(th), ratio(tc, th),
				ms(cc), ms(hc), ratio(cc, hc), total.Num, total.Den, same)
			allC, allH, allCC, allHC = allC+tc, allH+th, allCC+cc, allHC+hc
			if k == 0 {
				firstC, firstH, firstCC, firstHC = firstC+tc, firstH+th, firstCC+cc, firstHC+hc
			}
		}
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	// The statistics pages and the action plan compute several indicators at once (ComputeAll):
	// the counts of the same records and period share one reading.
	var reqs []indicators.Request
	for _, ind := range indicators.Catalogue() {
		if ind.Source == "A" && (only == "" || ind.ID == only) && len(ind.By) > 0 {
			reqs = append(reqs, indicators.Request{Indicator: ind, Period: period, By: ind.By[:1]})
		}
	}
	fmt.Fprintf(stderr, "bench flows: %d indicators together\n", len(reqs))
	var together []*indicators.Result
	tt, tcpu, err := median(runs, clock, func() error {
		var err error
		together, err = svc.ComputeAll(ctx, reqs, "fr")
		return err
	})
	if err != nil {
		return fmt.Errorf("bench flows: together: %w", err)
	}
	for i, r := range reqs {
		alone, err := svc.Compute(ctx, r, "fr")
		if err != nil {
			return err
		}
		a, b := alone.Table.Cell(stats.Total), together[i].Table.Cell(stats.Total)
		if a.Num != b.Num || a.Den != b.Den {
			return fmt.Errorf("bench flows: %s computed together differs: %.0f / %.0f against %.0f / %.0f", r.Indicator.ID, b.Num, b.Den, a.Num, a.Den)
		}
	}
	fmt.Fprintf(stdout, "every A indicator, first disaggregation each, computed together (ComputeAll): %s ms, cpu %s ms; same totals as one by one\n",
		ms(tt), ms(tcpu))
	fmt.Fprintf(stdout, "every A indicator, first disaggregation each: compute %s ms, hand queries %s ms, ratio %.2f; cpu %s / %s ms, ratio %.2f\n",
		ms(firstC), ms(firstH), float64(firstC)/float64(max(firstH, 1)), ms(firstCC), ms(firstHC), float64(firstCC)/float64(max(firstHC, 1)))
	fmt.Fprintf(stdout, "every A indicator × every disaggregation:    compute %s ms, hand queries %s ms, ratio %.2f; cpu %s / %s ms, ratio %.2f\n",
		ms(allC), ms(allH), float64(allC)/float64(max(allH, 1)), ms(allCC), ms(allHC), float64(allCC)/float64(max(allHC, 1)))
	return nil
}

// runHand runs a hand-written query and returns the sums of its count columns: the numerator
// (second column) and, for a rate, the denominator (third). On PostgreSQL it runs with JIT off,
// as CountFlows does, so that both sides compare query shapes, not JIT compilations.
func runHand(ctx context.Context, db *store.DB, q string, args []any) (num, den float64, err error) {
	tx, err := db.SQL().BeginTx(ctx, nil)
	if err != nil {
		return 0, 0, err
	}
	defer tx.Rollback() //nolint:errcheck // read only
	if db.Engine() == "postgres" {
		if _, err := tx.ExecContext(ctx, `SET LOCAL jit = off`); err != nil {
			return 0, 0, err
		}
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return 0, 0, err
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return 0, 0, err
	}
	for rows.Next() {
		var g any
		var a, b float64
		dest := []any{&g, &a}
		if len(cols) == 3 {
			dest = append(dest, &b)
		}
		if err := rows.Scan(dest...); err != nil {
			return 0, 0, err
		}
		num += a
		den += b
	}
	return num, den, rows.Err()
}
