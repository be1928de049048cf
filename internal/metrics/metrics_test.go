package metrics

import (
	"database/sql"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// scrape returns the exposition as served over HTTP.
func scrape(t *testing.T, reg *Registry) string {
	t.Helper()
	rec := httptest.NewRecorder()
	reg.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/metrics", nil))
	if got, want := rec.Header().Get("Content-Type"), "text/plain; version=0.0.4; charset=utf-8"; got != want {
		t.Errorf("Content-Type = %q, want %q", got, want)
	}
	return rec.Body.String()
}

// samples maps each sample's name and labels, as written, to its value.
func samples(t *testing.T, exposition string) map[string]string {
	t.Helper()
	m := make(map[string]string)
	for line := range strings.Lines(exposition) {
		line = strings.TrimSuffix(line, "\n")
		if strings.HasPrefix(line, "#") {
			continue
		}
		// Values hold no space; label values may.
		i := strings.LastIndexByte(line, ' ')
		if i < 0 {
			t.Fatalf("sample line without value: %q", line)
		}
		if _, dup := m[line[:i]]; dup {
			t.Errorf("sample %s written twice", line[:i])
		}
		m[line[:i]] = line[i+1:]
	}
	return m
}

func wantSample(t *testing.T, got map[string]string, key, want string) {
	t.Helper()
	if v, ok := got[key]; !ok {
		t.Errorf("no sample %s", key)
	} else if v != want {
		t.Errorf("%s = %s, want %s", key, v, want)
	}
}

func TestHistogramBuckets(t *testing.T) {
	reg := New()
	// Bounds are inclusive: 5ms falls in le="0.005", 10ms in le="0.01".
	for _, d := range []time.Duration{
		3 * time.Millisecond, 5 * time.Millisecond, 10 * time.Millisecond,
		30 * time.Millisecond, 200 * time.Millisecond, 3 * time.Second, 20 * time.Second,
	} {
		reg.ObserveRequest("GET /x", http.StatusOK, d)
	}
	reg.ObserveRequest("GET /x", http.StatusNotFound, time.Millisecond)
	got := samples(t, scrape(t, reg))

	wantBuckets := []struct{ le, n string }{
		{"0.005", "3"}, {"0.01", "4"}, {"0.025", "4"}, {"0.05", "5"}, {"0.1", "5"},
		{"0.25", "6"}, {"0.5", "6"}, {"1", "6"}, {"2.5", "6"}, {"5", "7"}, {"10", "7"}, {"+Inf", "8"},
	}
	for _, b := range wantBuckets {
		wantSample(t, got, `mobilite_http_request_duration_seconds_bucket{route="GET /x",le="`+b.le+`"}`, b.n)
	}
	wantSample(t, got, `mobilite_http_request_duration_seconds_count{route="GET /x"}`, "8")
	wantSample(t, got, `mobilite_http_requests_total{route="GET /x",code="200"}`, "7")
	wantSample(t, got, `mobilite_http_requests_total{route="GET /x",code="404"}`, "1")

	sum, err := strconv.ParseFloat(got[`mobilite_http_request_duration_seconds_sum{route="GET /x"}`], 64)
	if err != nil || math.Abs(sum-23.249) > 1e-9 {
		t.Errorf("sum = %v (%v), want 23.249", sum, err)
	}
}

func TestLabelEscaping(t *testing.T) {
	reg := New()
	reg.ObserveRequest("a\"b\\c\nd", http.StatusOK, time.Millisecond)
	reg.AddDB(`pg "main"`, fakeDB{})
	reg.AddGauge("mobilite_test_gauge", "Line one\\two\nthree.", func() float64 { return 1 })
	out := scrape(t, reg)

	for _, want := range []string{
		`mobilite_http_requests_total{route="a\"b\\c\nd",code="200"} 1`,
		`mobilite_http_request_duration_seconds_count{route="a\"b\\c\nd"} 1`,
		`mobilite_db_open_connections{db="pg \"main\""} 0`,
		`# HELP mobilite_test_gauge Line one\\two\nthree.`,
	} {
		if !strings.Contains(out, want+"\n") {
			t.Errorf("exposition lacks line %s", want)
		}
	}
}

// The grammar of format 0.0.4, strict enough to catch an unescaped quote or
// newline, a missing value or a stray space. Label values may hold "}", as
// route patterns do, so they are matched as quoted strings.
var (
	labelValue = `"(?:[^"\\\n]|\\[\\"n])*"`
	labelPair  = `[a-zA-Z_][a-zA-Z0-9_]*=` + labelValue
	sampleLine = regexp.MustCompile(`^([a-zA-Z_:][a-zA-Z0-9_:]*)` +
		`(\{` + labelPair + `(?:,` + labelPair + `)*\})? ` +
		`([-+]?(?:[0-9]+(?:\.[0-9]*)?(?:[eE][-+]?[0-9]+)?|Inf)|NaN)$`)
	helpLine = regexp.MustCompile(`^# HELP ([a-zA-Z_:][a-zA-Z0-9_:]*) (?:[^\\\n]|\\[\\n])*$`)
	typeLine = regexp.MustCompile(`^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram)$`)
)

func TestExpositionGrammar(t *testing.T) {
	reg := New()
	reg.ObserveRequest("GET /items/{id}", http.StatusOK, 42*time.Millisecond)
	reg.ObserveRequest("weird \"}\\\n{", http.StatusTeapot, time.Hour)
	reg.AddDB("sqlite", fakeDB{OpenConnections: 2, WaitDuration: 1500 * time.Millisecond})
	reg.AddGauge("mobilite_outbox_pending", "Messages waiting in the outbox.", func() float64 { return 12 })
	reg.AddGauge("mobilite_nan", "A gauge with no value.", math.NaN)
	reg.AddGauge("mobilite_big", "A large gauge.", func() float64 { return 1e300 })
	reg.AddGauge("mobilite_inf", "An infinite gauge.", func() float64 { return math.Inf(-1) })
	out := scrape(t, reg)

	if !strings.HasSuffix(out, "\n") {
		t.Error("exposition does not end with a newline")
	}
	typed := make(map[string]string) // family → type
	helped := make(map[string]bool)
	for line := range strings.Lines(out) {
		line = strings.TrimSuffix(line, "\n")
		switch {
		case strings.HasPrefix(line, "# HELP "):
			m := helpLine.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("bad HELP line: %q", line)
				continue
			}
			if helped[m[1]] || typed[m[1]] != "" {
				t.Errorf("HELP for %s repeated or after its TYPE", m[1])
			}
			helped[m[1]] = true
		case strings.HasPrefix(line, "# TYPE "):
			m := typeLine.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("bad TYPE line: %q", line)
				continue
			}
			if typed[m[1]] != "" {
				t.Errorf("TYPE for %s repeated", m[1])
			}
			typed[m[1]] = m[2]
		default:
			m := sampleLine.FindStringSubmatch(line)
			if m == nil {
				t.Errorf("bad sample line: %q", line)
				continue
			}
			family := m[1]
			for _, suffix := range []string{"_bucket", "_sum", "_count"} {
				if base, ok := strings.CutSuffix(m[1], suffix); ok && typed[base] == "histogram" {
					family = base
				}
			}
			if typed[family] == "" || !helped[family] {
				t.Errorf("sample %s before the HELP and TYPE of its family", m[1])
			}
		}
	}
	for _, name := range []string{
		"mobilite_http_requests_total", "mobilite_http_request_duration_seconds",
		"mobilite_http_requests_in_flight", "mobilite_db_wait_count_total",
		"mobilite_outbox_pending", "go_goroutines", "go_memstats_heap_alloc_bytes",
		"go_memstats_sys_bytes", "process_start_time_seconds",
	} {
		if typed[name] == "" {
			t.Errorf("family %s missing", name)
		}
	}
	got := samples(t, out)
	wantSample(t, got, "mobilite_nan", "NaN")
	wantSample(t, got, "mobilite_inf", "-Inf")
	wantSample(t, got, "mobilite_big", "1e+300")
}

func TestExpositionDeterministic(t *testing.T) {
	reg := New()
	for i := range 50 {
		reg.ObserveRequest(fmt.Sprintf("GET /r%d", i%7), 200+i%3, time.Millisecond)
	}
	for _, name := range []string{"c", "a", "b"} {
		reg.AddDB(name, fakeDB{})
		reg.AddGauge("mobilite_g_"+name, "G.", func() float64 { return 1 })
	}
	// Drop the runtime figures, which change between two scrapes.
	stable := func(s string) string { return s[:strings.Index(s, "# HELP go_goroutines")] }
	first := stable(scrape(t, reg))
	for range 20 {
		if again := stable(scrape(t, reg)); again != first {
			t.Fatalf("two scrapes differ:\n%s\n---\n%s", first, again)
		}
	}
	if a, b := strings.Index(first, `{db="a"}`), strings.Index(first, `{db="b"}`); a < 0 || a > b {
		t.Error("pools not sorted by name")
	}
	if a, b := strings.Index(first, `{route="GET /r0",code="200"}`), strings.Index(first, `{route="GET /r0",code="201"}`); a < 0 || a > b {
		t.Error("request series not sorted by code")
	}
}

type fakeDB sql.DBStats

func (f fakeDB) Stats() sql.DBStats { return sql.DBStats(f) }

// statsFunc lets a test change a pool's figures between scrapes.
type statsFunc func() sql.DBStats

func (f statsFunc) Stats() sql.DBStats { return f() }

func TestAddDB(t *testing.T) {
	reg := New()
	stats := sql.DBStats{
		MaxOpenConnections: 10, OpenConnections: 4, InUse: 3, Idle: 1,
		WaitCount: 7, WaitDuration: 1500 * time.Millisecond,
	}
	var mu sync.Mutex
	reg.AddDB("sqlite", statsFunc(func() sql.DBStats { mu.Lock(); defer mu.Unlock(); return stats }))
	reg.AddDB("postgres", fakeDB{MaxOpenConnections: 25})

	got := samples(t, scrape(t, reg))
	wantSample(t, got, `mobilite_db_open_connections{db="sqlite"}`, "4")
	wantSample(t, got, `mobilite_db_in_use_connections{db="sqlite"}`, "3")
	wantSample(t, got, `mobilite_db_idle_connections{db="sqlite"}`, "1")
	wantSample(t, got, `mobilite_db_max_open_connections{db="sqlite"}`, "10")
	wantSample(t, got, `mobilite_db_wait_count_total{db="sqlite"}`, "7")
	wantSample(t, got, `mobilite_db_wait_duration_seconds_total{db="sqlite"}`, "1.5")
	wantSample(t, got, `mobilite_db_max_open_connections{db="postgres"}`, "25")
	wantSample(t, got, `mobilite_db_open_connections{db="postgres"}`, "0")

	// Stats are read at each scrape, not at registration.
	mu.Lock()
	stats.InUse, stats.WaitCount = 9, 8
	mu.Unlock()
	got = samples(t, scrape(t, reg))
	wantSample(t, got, `mobilite_db_in_use_connections{db="sqlite"}`, "9")
	wantSample(t, got, `mobilite_db_wait_count_total{db="sqlite"}`, "8")
}

func TestAddGauge(t *testing.T) {
	reg := New()
	n := 3.0
	reg.AddGauge("mobilite_outbox_pending", "Messages waiting in the outbox.", func() float64 { return n })
	out := scrape(t, reg)
	if !strings.Contains(out, "# HELP mobilite_outbox_pending Messages waiting in the outbox.\n# TYPE mobilite_outbox_pending gauge\nmobilite_outbox_pending 3\n") {
		t.Errorf("gauge not exposed as expected:\n%s", out)
	}
	n = 0.25
	wantSample(t, samples(t, scrape(t, reg)), "mobilite_outbox_pending", "0.25")
}

func TestRegistrationPanics(t *testing.T) {
	tests := []struct {
		name     string
		register func(*Registry)
	}{
		{"invalid gauge name", func(r *Registry) { r.AddGauge("outbox-pending", "", nil) }},
		{"duplicate gauge", func(r *Registry) {
			r.AddGauge("mobilite_x", "", nil)
			r.AddGauge("mobilite_x", "", nil)
		}},
		{"gauge named like a built-in", func(r *Registry) { r.AddGauge("go_goroutines", "", nil) }},
		{"duplicate pool", func(r *Registry) {
			r.AddDB("sqlite", fakeDB{})
			r.AddDB("sqlite", fakeDB{})
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			defer func() {
				if recover() == nil {
					t.Error("no panic")
				}
			}()
			tt.register(New())
		})
	}
}

func TestRuntimeMetrics(t *testing.T) {
	before := time.Now()
	reg := New()
	got := samples(t, scrape(t, reg))
	for _, name := range []string{"go_goroutines", "go_memstats_heap_alloc_bytes", "go_memstats_sys_bytes"} {
		if v, err := strconv.ParseFloat(got[name], 64); err != nil || v <= 0 {
			t.Errorf("%s = %q, want a positive number", name, got[name])
		}
	}
	start, err := strconv.ParseFloat(got["process_start_time_seconds"], 64)
	if err != nil || math.Abs(start-float64(before.Unix())) > 5 {
		t.Errorf("process_start_time_seconds = %q, want about %d", got["process_start_time_seconds"], before.Unix())
	}
}

func TestConcurrentObserve(t *testing.T) {
	reg := New()
	const workers, each = 16, 500
	var wg sync.WaitGroup
	for w := range workers {
		wg.Go(func() {
			for i := range each {
				reg.ObserveRequest(fmt.Sprintf("GET /r%d", w%4), 200, time.Duration(i)*time.Millisecond)
			}
		})
	}
	// Scrapes run while the counts move.
	wg.Go(func() {
		for range 20 {
			var e exposition
			reg.write(&e)
		}
	})
	wg.Wait()

	got := samples(t, scrape(t, reg))
	for r := range 4 {
		route := fmt.Sprintf("GET /r%d", r)
		want := strconv.Itoa(workers / 4 * each)
		wantSample(t, got, `mobilite_http_requests_total{route="`+route+`",code="200"}`, want)
		wantSample(t, got, `mobilite_http_request_duration_seconds_bucket{route="`+route+`",le="+Inf"}`, want)
	}
}
