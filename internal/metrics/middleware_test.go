package metrics

import (
	"bufio"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestMiddlewareRecordsPattern(t *testing.T) {
	reg := New()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) {
		if r.PathValue("id") == "missing" {
			http.Error(w, "no such item", http.StatusNotFound)
			return
		}
		fmt.Fprint(w, "item ", r.PathValue("id")) // no WriteHeader: 200
	})
	mux.HandleFunc("POST /items", func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusEarlyHints) // informational, not the final status
		w.WriteHeader(http.StatusCreated)
	})
	mux.HandleFunc("GET /empty", func(http.ResponseWriter, *http.Request) {}) // writes nothing: 200
	h := reg.Middleware(mux)

	for _, req := range []struct{ method, path string }{
		{"GET", "/items/1"}, {"GET", "/items/2"}, {"GET", "/items/missing"},
		{"POST", "/items"}, {"GET", "/empty"},
		{"GET", "/nowhere"},    // the mux's 404
		{"DELETE", "/items/1"}, // the mux's 405
	} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(req.method, req.path, nil))
	}
	out := scrape(t, reg)
	got := samples(t, out)

	wantSample(t, got, `mobilite_http_requests_total{route="GET /items/{id}",code="200"}`, "2")
	wantSample(t, got, `mobilite_http_requests_total{route="GET /items/{id}",code="404"}`, "1")
	wantSample(t, got, `mobilite_http_requests_total{route="POST /items",code="201"}`, "1")
	wantSample(t, got, `mobilite_http_requests_total{route="GET /empty",code="200"}`, "1")
	wantSample(t, got, `mobilite_http_requests_total{route="unmatched",code="404"}`, "1")
	wantSample(t, got, `mobilite_http_requests_total{route="unmatched",code="405"}`, "1")
	wantSample(t, got, `mobilite_http_request_duration_seconds_count{route="GET /items/{id}"}`, "3")
	wantSample(t, got, `mobilite_http_requests_in_flight`, "0")
	if n := strings.Count(out, "mobilite_http_requests_total{"); n != 6 {
		t.Errorf("%d request series, want 6:\n%s", n, out)
	}
	for _, raw := range []string{"/items/1", "/items/2", "/items/missing", "/nowhere"} {
		if strings.Contains(out, `"`+raw+`"`) || strings.Contains(out, " "+raw+`"`) {
			t.Errorf("raw path %s leaked into the exposition", raw)
		}
	}
}

// Wrapping the handler registered on the mux, rather than the mux, works
// too: the pattern is already set when the handler runs.
func TestMiddlewareInsideMux(t *testing.T) {
	reg := New()
	mux := http.NewServeMux()
	mux.Handle("GET /users/{id}", reg.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusNoContent)
	})))
	mux.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/users/7", nil))
	wantSample(t, samples(t, scrape(t, reg)), `mobilite_http_requests_total{route="GET /users/{id}",code="204"}`, "1")
}

func TestMiddlewareInFlight(t *testing.T) {
	reg := New()
	var during string
	h := reg.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		during = samples(t, scrape(t, reg))["mobilite_http_requests_in_flight"]
	}))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	if during != "1" {
		t.Errorf("in flight during the request = %q, want 1", during)
	}
	wantSample(t, samples(t, scrape(t, reg)), "mobilite_http_requests_in_flight", "0")
}

func TestMiddlewarePanic(t *testing.T) {
	reg := New()
	h := reg.Middleware(http.HandlerFunc(func(http.ResponseWriter, *http.Request) {
		panic(http.ErrAbortHandler)
	}))
	func() {
		defer func() {
			if p := recover(); p != http.ErrAbortHandler {
				t.Errorf("recovered %v, want the handler's panic to go on", p)
			}
		}()
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/", nil))
	}()
	got := samples(t, scrape(t, reg))
	wantSample(t, got, `mobilite_http_requests_total{route="unmatched",code="500"}`, "1")
	wantSample(t, got, "mobilite_http_requests_in_flight", "0")
}

func TestMiddlewareFlush(t *testing.T) {
	reg := New()
	release := make(chan struct{})
	mux := http.NewServeMux()
	mux.HandleFunc("GET /events", func(w http.ResponseWriter, r *http.Request) {
		// http.ResponseController reaches the real writer through Unwrap:
		// statusWriter has no SetWriteDeadline of its own.
		if err := http.NewResponseController(w).SetWriteDeadline(time.Now().Add(time.Minute)); err != nil {
			t.Errorf("SetWriteDeadline through the middleware: %v", err)
		}
		f, ok := w.(http.Flusher)
		if !ok {
			t.Error("ResponseWriter is no longer an http.Flusher")
			return
		}
		w.Header().Set("Content-Type", "text/event-stream")
		fmt.Fprint(w, "data: one\n\n")
		f.Flush()
		// The client must read the event while the handler still runs.
		select {
		case <-release:
		case <-time.After(5 * time.Second):
			t.Error("flushed event did not reach the client")
		}
	})
	srv := httptest.NewServer(reg.Middleware(mux))
	defer srv.Close()

	resp, err := http.Get(srv.URL + "/events")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	line, err := bufio.NewReader(resp.Body).ReadString('\n')
	close(release)
	if err != nil || line != "data: one\n" {
		t.Fatalf("first line = %q, %v", line, err)
	}
}

func TestMiddlewareFlushRecorder(t *testing.T) {
	reg := New()
	h := reg.Middleware(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := http.NewResponseController(w).Flush(); err != nil {
			t.Errorf("ResponseController.Flush: %v", err)
		}
	}))
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", "/", nil))
	if !rec.Flushed {
		t.Error("Flush did not reach the underlying writer")
	}
}

func TestMiddlewareConcurrent(t *testing.T) {
	reg := New()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /items/{id}", func(w http.ResponseWriter, r *http.Request) { fmt.Fprint(w, "ok") })
	mux.Handle("GET /metrics", reg)
	srv := httptest.NewServer(reg.Middleware(mux))
	defer srv.Close()

	const n = 100
	errs := make(chan error, n)
	for i := range n {
		go func() {
			path := fmt.Sprintf("/items/%d", i)
			if i%10 == 0 {
				path = "/metrics"
			}
			resp, err := http.Get(srv.URL + path)
			if err == nil {
				resp.Body.Close()
			}
			errs <- err
		}()
	}
	for range n {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	// The client can read a response before the middleware records it;
	// Close waits for the handlers to return.
	srv.Close()
	got := samples(t, scrape(t, reg))
	wantSample(t, got, `mobilite_http_requests_total{route="GET /items/{id}",code="200"}`, "90")
	wantSample(t, got, `mobilite_http_requests_total{route="GET /metrics",code="200"}`, "10")
}
