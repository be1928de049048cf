package jobs

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/ref"
	"mobilite/internal/store/storetest"
)

var ctx = context.Background()

// rss builds a small RSS feed with n items whose titles start with prefix.
func rss(prefix string, n int) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title><link>https://x.example</link><description>d</description>`)
	for i := range n {
		fmt.Fprintf(&b, `<item><title>%s %d</title><link>https://x.example/%s/%d</link><guid>%s-%d</guid><author>UNICEF</author><country>SEN</country><description>Poste à Dakar.</description></item>`,
			prefix, i, prefix, i, prefix, i)
	}
	b.WriteString(`</channel></rss>`)
	return b.String()
}

type fixture struct {
	store  mobilite.Store
	svc    *Service
	runner *Runner
	now    time.Time
}

func newFixture(t *testing.T) *fixture {
	s := storetest.Open(t, "sqlite")
	f := &fixture{store: s, now: time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)}
	f.svc = New(s, ref.MustLoad(), NewHub(), storetest.Quiet, func() time.Time { return f.now })
	fetcher := NewFetcher()
	fetcher.Client.Timeout = 2 * time.Second
	f.runner = &Runner{Jobs: f.svc, Fetcher: fetcher, Log: storetest.Quiet, Workers: 3}
	return f
}

func (f *fixture) source(t *testing.T, name, url string) *mobilite.Source {
	src := &mobilite.Source{Name: name, Kind: "rss", URL: url, IntervalMinutes: 60, Enabled: true, NextRunAt: f.now,
		CreatedAt: f.now, UpdatedAt: f.now}
	if err := f.store.CreateSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	return src
}

// TestBadSourcesDoNotStopTheOthers runs one good feed beside feeds that are malformed,
// truncated, gigantic, slow, redirect for ever, or answer HTML: the good one is read, each bad
// one records a readable reason and a back-off, and none leaves half an offer.
func TestBadSourcesDoNotStopTheOthers(t *testing.T) {
	f := newFixture(t)
	var hits atomic.Int32
	mux := http.NewServeMux()
	mux.HandleFunc("/good", func(w http.ResponseWriter, r *http.Request) { hits.Add(1); io.WriteString(w, rss("Chauffeur", 3)) })
	mux.HandleFunc("/malformed", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, `<rss><channel><item><title>x</ti`) })
	mux.HandleFunc("/truncated", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, rss("Tronqué", 5)[:300]) })
	mux.HandleFunc("/html", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		io.WriteString(w, "<!doctype html><html><body><h1>Maintenance</h1></body></html>")
	})
	mux.HandleFunc("/huge", func(w http.ResponseWriter, r *http.Request) {
		// Announced: refused on the headers.
		w.Header().Set("Content-Type", "application/rss+xml")
		w.Header().Set("Content-Length", "30000000")
		io.WriteString(w, "<rss>")
	})
	mux.HandleFunc("/stream", func(w http.ResponseWriter, r *http.Request) {
		// Not announced (chunked): cut while reading, past the limit of 512 KB set below.
		w.Header().Set("Content-Type", "application/rss+xml")
		chunk := strings.Repeat("x", 64<<10)
		for range 20 {
			if _, err := io.WriteString(w, chunk); err != nil {
				return
			}
			w.(http.Flusher).Flush()
		}
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-time.After(10 * time.Second):
		case <-r.Context().Done():
		}
	})
	mux.HandleFunc("/loop", func(w http.ResponseWriter, r *http.Request) { http.Redirect(w, r, "/loop", http.StatusFound) })
	mux.HandleFunc("/gone", func(w http.ResponseWriter, r *http.Request) { http.Error(w, "gone", http.StatusGone) })
	srv := httptest.NewServer(mux)
	defer srv.Close()

	want := map[string]string{
		"good":      "",
		"malformed": "",
		"truncated": "",
		"html":      "",
		"huge":      "larger than 512 KB", // announced as 30 MB
		"stream":    "larger than 512 KB",
		"slow":      "did not answer in time",
		"loop":      "redirects too many times",
		"gone":      "410 Gone",
	}
	for name := range want {
		f.source(t, name, srv.URL+"/"+name)
	}
	f.runner.Fetcher.MaxBytes = 512 << 10 // the real limit is 20 MB; a small one keeps the test fast
	f.runner.RunDue(ctx)

	sources, err := f.store.FindSources(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range sources {
		switch {
		case s.Name == "good":
			if s.LastError != "" || s.ItemsNew != 3 || s.LastSuccessAt.IsZero() || !s.NextRunAt.Equal(f.now.Add(time.Hour)) {
				t.Errorf("good source: %+v", s)
			}
		default:
			if s.LastError == "" || s.Failures != 1 || !s.NextRunAt.Equal(f.now.Add(5*time.Minute)) {
				t.Errorf("%s: error %q, failures %d, next %v", s.Name, s.LastError, s.Failures, s.NextRunAt)
			}
			if w := want[s.Name]; w != "" && !strings.Contains(s.LastError, w) {
				t.Errorf("%s: error %q, want it to say %q", s.Name, s.LastError, w)
			}
			t.Logf("%s: %s", s.Name, s.LastError)
		}
	}
	res, err := f.store.SearchJobs(ctx, mobilite.JobQuery{Status: "any", Now: f.now})
	if err != nil || res.Total != 3 {
		t.Fatalf("offers: %d (%v), want the good feed's 3 only", res.Total, err)
	}
}

// TestConditionalGetAndClosing checks ETag/Last-Modified and that an item the feed stops
// listing closes its offer.
func TestConditionalGetAndClosing(t *testing.T) {
	f := newFixture(t)
	body := rss("Infirmier", 3)
	var conditional atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		etag := fmt.Sprintf(`"%x"`, len(body))
		if r.Header.Get("If-None-Match") == etag {
			conditional.Add(1)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		w.Header().Set("ETag", etag)
		io.WriteString(w, body)
	}))
	defer srv.Close()
	src := f.source(t, "feed", srv.URL)
	if _, err := f.runner.RunSource(ctx, src, false); err != nil {
		t.Fatal(err)
	}
	f.now = f.now.Add(time.Hour)
	rep, err := f.runner.RunSource(ctx, src, false)
	if err != nil || !rep.NotModified || conditional.Load() != 1 {
		t.Fatalf("second run: %+v %v (conditional %d)", rep, err, conditional.Load())
	}
	// The feed drops one item.
	body = rss("Infirmier", 2)
	f.now = f.now.Add(time.Hour)
	rep, err = f.runner.RunSource(ctx, src, false)
	if err != nil || rep.Closed != 1 || rep.Result.Unchanged != 2 {
		t.Fatalf("third run: %+v %v", rep, err)
	}
	res, _ := f.store.SearchJobs(ctx, mobilite.JobQuery{Text: "infirmier", Now: f.now})
	if res.Total != 2 {
		t.Fatalf("open offers after the drop: %d", res.Total)
	}
}

func TestBackoff(t *testing.T) {
	for n, want := range map[int]time.Duration{1: 5 * time.Minute, 2: 10 * time.Minute, 3: 20 * time.Minute, 10: 12 * time.Hour, 50: 12 * time.Hour} {
		if got := backoff(n); got != want {
			t.Errorf("backoff(%d) = %v, want %v", n, got, want)
		}
	}
}
