package jobs

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"mobilite"
	"mobilite/internal/ingest"
)

// Runner is the ingestion task: it claims the sources that are due and hands them to a bounded
// pool of workers; each run fetches, parses, normalises and writes, then records the source's
// health. A failing source is retried with exponential back-off and never stops the others.
type Runner struct {
	Jobs    *Service
	Fetcher *Fetcher
	Log     *slog.Logger
	Workers int
}

// RunReport says what one run of a source did.
type RunReport struct {
	Result      mobilite.IngestResult
	Closed      int
	NotModified bool
	Notes       []string
}

// backoff is the wait after n consecutive failures: 5 min, 10, 20… at most 12 hours.
func backoff(n int) time.Duration {
	d := 5 * time.Minute
	for i := 1; i < n && d < 12*time.Hour; i++ {
		d *= 2
	}
	return min(d, 12*time.Hour)
}

// Run claims and runs due sources every period, and closes expired offers, until ctx ends.
func (r *Runner) Run(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		r.RunDue(ctx)
		if n, err := r.Jobs.Store.CloseExpired(ctx, r.Jobs.now()); err != nil && ctx.Err() == nil {
			r.Log.Warn("ingest: close expired offers", "err", err)
		} else if n > 0 {
			r.Log.Info("ingest: offers closed at their deadline", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// RunDue runs the sources that are due, in parallel up to Workers.
func (r *Runner) RunDue(ctx context.Context) {
	workers := max(r.Workers, 1)
	now := r.Jobs.now()
	sources, err := r.Jobs.Store.ClaimDueSources(ctx, now, now.Add(15*time.Minute), workers*4)
	if err != nil {
		if ctx.Err() == nil {
			r.Log.Warn("ingest: claim sources", "err", err)
		}
		return
	}
	queue := make(chan *mobilite.Source)
	var wg sync.WaitGroup
	for range min(workers, len(sources)) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for src := range queue {
				rep, err := r.RunSource(ctx, src, false)
				if err != nil {
					r.Log.Warn("ingest: source failed", "source", src.Name, "err", err)
					continue
				}
				r.Log.Info("ingest: source done", "source", src.Name, "seen", rep.Result.Seen, "new", rep.Result.New,
					"updated", rep.Result.Updated, "merged", rep.Result.Merged, "closed", rep.Closed, "not_modified", rep.NotModified)
			}
		}()
	}
	for _, s := range sources {
		select {
		case queue <- s:
		case <-ctx.Done():
		}
	}
	close(queue)
	wg.Wait()
}

// RunSource runs one source now and records its health. allowFiles lets a local file be read
// (the command line only). The error, if any, is also written to the source's health in plain words.
func (r *Runner) RunSource(ctx context.Context, src *mobilite.Source, allowFiles bool) (RunReport, error) {
	var rep RunReport
	started := r.Jobs.now()
	err := func() error {
		doc, err := r.Fetcher.Fetch(ctx, src.URL, src.ETag, src.LastModified, allowFiles)
		if err != nil {
			return err
		}
		if doc.NotModified {
			rep.NotModified = true
			return nil
		}
		kind := src.Kind
		if kind == "" || kind == "auto" {
			if kind = ingest.Detect(doc.Body, doc.ContentType, doc.URL.Path); kind == "" {
				return &FetchError{Reason: "the document is not a format Mobilité reads (RSS, Atom, ReliefWeb, JSON-LD, HR Open, CSV, XLSX)"}
			}
		}
		var items []ingest.Item
		if kind == ingest.KindCSV || kind == ingest.KindXLSX {
			var problems []ingest.RowError
			items, _, problems, err = ingest.ParseTable(kind, doc.Body)
			for _, p := range problems {
				rep.Notes = append(rep.Notes, fmt.Sprintf("line %d: %s %s", p.Line, p.Field, p.Key))
			}
		} else {
			items, err = ingest.Parse(kind, doc.Body, doc.URL)
		}
		if err != nil {
			return &FetchError{Reason: err.Error(), Err: err}
		}
		res, notes, err := r.Jobs.Ingest(ctx, src, items)
		rep.Result, rep.Notes = res, append(rep.Notes, notes...)
		if err != nil {
			return err
		}
		// The document lists every open offer of the source: what it no longer lists is gone.
		if rep.Closed, err = r.Jobs.Store.CloseMissing(ctx, src.ID, started, r.Jobs.now()); err != nil {
			return err
		}
		src.ETag, src.LastModified = doc.ETag, doc.LastModified
		return nil
	}()
	now := r.Jobs.now()
	src.LastRunAt, src.UpdatedAt = now, now
	if err != nil {
		src.Failures++
		src.LastError = err.Error()
		var fe *FetchError
		if !errors.As(err, &fe) && mobilite.ErrorCode(err) == mobilite.EINTERNAL {
			src.LastError = "the offers could not be saved; the technical team has the details in the log"
		}
		src.NextRunAt = now.Add(backoff(src.Failures))
	} else {
		src.Failures, src.LastError, src.LastSuccessAt = 0, "", now
		src.ItemsSeen, src.ItemsNew, src.ItemsUpdated, src.ItemsClosed = rep.Result.Seen, rep.Result.New, rep.Result.Updated+rep.Result.Merged, rep.Closed
		src.NextRunAt = now.Add(time.Duration(max(src.IntervalMinutes, 5)) * time.Minute)
	}
	if uerr := r.Jobs.Store.UpdateSource(context.WithoutCancel(ctx), src); uerr != nil {
		return rep, errors.Join(err, uerr)
	}
	return rep, err
}
