package main

import (
	"context"
	"fmt"
	"io"
	"net/url"
	"time"

	"mobilite"
	"mobilite/internal/ingest"
	"mobilite/internal/jobs"
	"mobilite/internal/ref"
)

// runIngest runs one ingestion of a file or an address into the configured database and prints
// what it did: `mobilite ingest FILE_OR_URL [--kind auto|rss|atom|reliefweb|jsonld|hropen|csv|xlsx]`.
// The file or address becomes a source (found again by its address on the next run), so that
// offers it stops listing are closed.
func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c Config
	var kind, name, country, lang string
	var trusted bool
	fs := newFlags("ingest", stderr)
	dbFlags(fs, &c)
	fs.StringVar(&kind, "kind", "auto", "format: auto, rss, atom, reliefweb, jsonld, hropen, csv, xlsx")
	fs.StringVar(&name, "name", "", "name of the source (default: the file or address); it stands for the organisation of items that name none")
	fs.StringVar(&country, "country", "", "country (ISO alpha-3) of items that do not say")
	fs.StringVar(&lang, "lang", "", "language (fr or en) of items that do not say")
	fs.BoolVar(&trusted, "trusted", false, "publish flagged offers of this source with a notice instead of holding them for review")
	// The address comes first or last: flags may follow it.
	var target string
	if len(args) > 0 && len(args[0]) > 0 && args[0][0] != '-' {
		target, args = args[0], args[1:]
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if target == "" && fs.NArg() == 1 {
		target = fs.Arg(0)
	} else if fs.NArg() > 0 || target == "" {
		return fmt.Errorf("usage: mobilite ingest FILE_OR_URL [--kind auto|rss|atom|reliefweb|jsonld|hropen|csv|xlsx]")
	}
	if kind != "auto" && !validKind(kind) {
		return fmt.Errorf("unknown --kind %q", kind)
	}
	if err := parse(fs, nil); err != nil {
		return err
	}
	db, log, err := openFor(ctx, &c, stderr)
	if err != nil {
		return err
	}
	defer db.Close()

	refs := ref.MustLoad()
	svc := jobs.New(db, refs, nil, log, time.Now)
	start := time.Now()
	svc.Progress = func(done, total int) {
		fmt.Fprint(stderr, "\r"+progressLine(int64(done), int64(total), "offers", time.Since(start))+"   ")
	}
	src, err := findOrCreateSource(ctx, db, target, kind, name, country, lang, trusted)
	if err != nil {
		return err
	}
	runner := &jobs.Runner{Jobs: svc, Fetcher: jobs.NewFetcher(), Log: log, Workers: 1}
	rep, err := runner.RunSource(ctx, src, true)
	fmt.Fprintln(stderr)
	for _, n := range rep.Notes {
		fmt.Fprintln(stdout, "note:", n)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", target, err)
	}
	if rep.NotModified {
		fmt.Fprintf(stdout, "%s: not modified since the last run\n", target)
		return nil
	}
	r := rep.Result
	fmt.Fprintf(stdout, "%s: %d offers read (%d skipped), %d new, %d updated, %d merged with an offer from another source, %d unchanged, %d closed (no longer listed) in %s\n",
		target, r.Seen, r.Skipped, r.New, r.Updated, r.Merged, r.Unchanged, rep.Closed, time.Since(start).Round(time.Millisecond))
	return nil
}

func validKind(k string) bool {
	for _, x := range ingest.Kinds {
		if x == k {
			return true
		}
	}
	return false
}

// findOrCreateSource returns the source of this address, creating it (disabled for the
// scheduler when it is a local file) on the first run.
func findOrCreateSource(ctx context.Context, db mobilite.Store, target, kind, name, country, lang string, trusted bool) (*mobilite.Source, error) {
	sources, err := db.FindSources(ctx)
	if err != nil {
		return nil, err
	}
	for _, s := range sources {
		if s.URL == target {
			if kind != "auto" {
				s.Kind = kind
			}
			return s, nil
		}
	}
	if name == "" {
		name = target
	}
	now := time.Now().UTC()
	u, _ := url.Parse(target)
	remote := u != nil && (u.Scheme == "http" || u.Scheme == "https")
	s := &mobilite.Source{Name: name, Kind: kind, URL: target, DefaultCountry: country, DefaultLanguage: lang,
		IntervalMinutes: 60, Enabled: remote, Trusted: trusted, NextRunAt: now.Add(time.Hour), CreatedAt: now, UpdatedAt: now}
	if s.Kind == "auto" {
		s.Kind = ""
	}
	return s, db.CreateSource(ctx, s)
}
