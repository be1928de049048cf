// Package metrics exposes the server's Prometheus metrics: HTTP requests by
// route, database pool statistics, gauges computed at scrape time and a few Go
// runtime figures. It writes the text exposition format 0.0.4 itself rather
// than pulling in a client library.
package metrics

import (
	"cmp"
	"database/sql"
	"fmt"
	"maps"
	"net/http"
	"regexp"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// durationBuckets are the upper bounds, in seconds, of the request duration
// histogram, in increasing order; the +Inf bucket is implicit.
var durationBuckets = [...]float64{0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}

// metricName is the grammar of a metric name in the exposition format.
var metricName = regexp.MustCompile(`^[a-zA-Z_:][a-zA-Z0-9_:]*$`)

// builtinNames are the families the Registry always writes; AddGauge refuses
// them so that no family appears twice (Prometheus rejects the whole scrape).
var builtinNames = []string{
	"mobilite_http_requests_total", "mobilite_http_request_duration_seconds",
	"mobilite_http_requests_in_flight",
	"mobilite_db_open_connections", "mobilite_db_in_use_connections",
	"mobilite_db_idle_connections", "mobilite_db_max_open_connections",
	"mobilite_db_wait_count_total", "mobilite_db_wait_duration_seconds_total",
	"go_goroutines", "go_memstats_heap_alloc_bytes", "go_memstats_sys_bytes",
	"process_start_time_seconds",
}

// Registry collects the server's metrics and writes them in the Prometheus
// text exposition format 0.0.4. It is safe for concurrent use; the zero value
// is not usable, call New.
type Registry struct {
	started  time.Time
	inFlight atomic.Int64

	mu        sync.Mutex
	requests  map[requestKey]uint64
	durations map[string]*histogram
	dbs       map[string]statser
	gauges    map[string]gauge
}

type requestKey struct {
	route string
	code  int
}

// histogram counts observations per bucket, not cumulatively: counts[i]
// holds the values in (durationBuckets[i-1], durationBuckets[i]], and values
// above the last bound only show in count.
type histogram struct {
	counts [len(durationBuckets)]uint64
	sum    float64
	count  uint64
}

func (h *histogram) observe(v float64) {
	// BinarySearch gives the first bound >= v, which is the bucket "le" means.
	if i, _ := slices.BinarySearch(durationBuckets[:], v); i < len(h.counts) {
		h.counts[i]++
	}
	h.sum += v
	h.count++
}

type statser interface{ Stats() sql.DBStats }

type gauge struct {
	help string
	fn   func() float64
}

// New returns an empty Registry. Its process_start_time_seconds is the time
// New is called, which main does at start-up.
func New() *Registry {
	return &Registry{
		started:   time.Now(),
		requests:  make(map[requestKey]uint64),
		durations: make(map[string]*histogram),
		dbs:       make(map[string]statser),
		gauges:    make(map[string]gauge),
	}
}

// ObserveRequest records one HTTP request: route is the ServeMux pattern
// that matched (e.g. "GET /admin/users/{id}"), never the raw path, so that
// the number of series stays bounded; status is the HTTP status and d the
// time the request took.
func (r *Registry) ObserveRequest(route string, status int, d time.Duration) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.requests[requestKey{route, status}]++
	h := r.durations[route]
	if h == nil {
		h = new(histogram)
		r.durations[route] = h
	}
	h.observe(d.Seconds())
}

// AddDB registers a database pool whose sql.DBStats are exported at each
// scrape with the label db=name (e.g. the engine). It panics if name is
// already registered: that is a programming error found at start-up.
func (r *Registry) AddDB(name string, db interface{ Stats() sql.DBStats }) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.dbs[name]; dup {
		panic(fmt.Sprintf("metrics: database %q registered twice", name))
	}
	r.dbs[name] = db
}

// AddGauge registers a gauge named name whose value fn computes at each
// scrape (e.g. the outbox queue length). fn is called without the Registry's
// lock held and must be safe for concurrent use. AddGauge panics if name is
// not a valid metric name or is already taken: a programming error found at
// start-up.
func (r *Registry) AddGauge(name, help string, fn func() float64) {
	if !metricName.MatchString(name) {
		panic(fmt.Sprintf("metrics: invalid metric name %q", name))
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if _, dup := r.gauges[name]; dup || slices.Contains(builtinNames, name) {
		panic(fmt.Sprintf("metrics: metric %q registered twice", name))
	}
	r.gauges[name] = gauge{help: help, fn: fn}
}

// ServeHTTP writes the exposition, families in a fixed order and label sets
// sorted, so that two scrapes of the same state are byte for byte equal.
func (r *Registry) ServeHTTP(w http.ResponseWriter, _ *http.Request) {
	var e exposition
	r.write(&e)
	w.Header().Set("Content-Type", "text/plain; version=0.0.4; charset=utf-8")
	// A failed write means the scraper went away; there is no one to tell.
	w.Write(e.Bytes())
}

// write snapshots the registry under its lock, then calls the pools and
// gauges outside it so that a slow Stats or gauge never blocks requests.
func (r *Registry) write(e *exposition) {
	r.mu.Lock()
	type requestCount struct {
		requestKey
		n uint64
	}
	requests := make([]requestCount, 0, len(r.requests))
	for k, n := range r.requests {
		requests = append(requests, requestCount{k, n})
	}
	durations := make(map[string]histogram, len(r.durations))
	for route, h := range r.durations {
		durations[route] = *h
	}
	dbs := maps.Clone(r.dbs)
	gauges := maps.Clone(r.gauges)
	r.mu.Unlock()

	slices.SortFunc(requests, func(a, b requestCount) int {
		return cmp.Or(strings.Compare(a.route, b.route), cmp.Compare(a.code, b.code))
	})
	e.family("mobilite_http_requests_total", "counter", "HTTP requests served, by route pattern and status code.")
	for _, c := range requests {
		e.sample("mobilite_http_requests_total", uintValue(c.n), "route", c.route, "code", strconv.Itoa(c.code))
	}

	e.family("mobilite_http_request_duration_seconds", "histogram", "Time taken to serve HTTP requests, by route pattern.")
	for _, route := range sortedKeys(durations) {
		h := durations[route]
		var cumulative uint64
		for i, bound := range durationBuckets {
			cumulative += h.counts[i]
			e.sample("mobilite_http_request_duration_seconds_bucket", uintValue(cumulative), "route", route, "le", floatValue(bound))
		}
		e.sample("mobilite_http_request_duration_seconds_bucket", uintValue(h.count), "route", route, "le", "+Inf")
		e.sample("mobilite_http_request_duration_seconds_sum", floatValue(h.sum), "route", route)
		e.sample("mobilite_http_request_duration_seconds_count", uintValue(h.count), "route", route)
	}

	e.family("mobilite_http_requests_in_flight", "gauge", "HTTP requests being served.")
	e.sample("mobilite_http_requests_in_flight", strconv.FormatInt(r.inFlight.Load(), 10))

	writeDBs(e, dbs)

	for _, name := range sortedKeys(gauges) {
		g := gauges[name]
		e.family(name, "gauge", g.help)
		e.sample(name, floatValue(g.fn()))
	}

	var mem runtime.MemStats
	runtime.ReadMemStats(&mem)
	e.family("go_goroutines", "gauge", "Number of goroutines that currently exist.")
	e.sample("go_goroutines", strconv.Itoa(runtime.NumGoroutine()))
	e.family("go_memstats_heap_alloc_bytes", "gauge", "Number of heap bytes allocated and still in use.")
	e.sample("go_memstats_heap_alloc_bytes", uintValue(mem.HeapAlloc))
	e.family("go_memstats_sys_bytes", "gauge", "Number of bytes obtained from the system.")
	e.sample("go_memstats_sys_bytes", uintValue(mem.Sys))
	e.family("process_start_time_seconds", "gauge", "Start time of the process since unix epoch in seconds.")
	e.sample("process_start_time_seconds", floatValue(float64(r.started.UnixNano())/1e9))
}

// writeDBs writes the pool families, each pool's Stats read once per scrape.
func writeDBs(e *exposition, dbs map[string]statser) {
	names := sortedKeys(dbs)
	stats := make([]sql.DBStats, len(names))
	for i, name := range names {
		stats[i] = dbs[name].Stats()
	}
	families := []struct {
		name, typ, help string
		value           func(s sql.DBStats) string
	}{
		{"mobilite_db_open_connections", "gauge", "Established connections to the database, in use or idle.",
			func(s sql.DBStats) string { return strconv.Itoa(s.OpenConnections) }},
		{"mobilite_db_in_use_connections", "gauge", "Database connections currently in use.",
			func(s sql.DBStats) string { return strconv.Itoa(s.InUse) }},
		{"mobilite_db_idle_connections", "gauge", "Idle database connections.",
			func(s sql.DBStats) string { return strconv.Itoa(s.Idle) }},
		{"mobilite_db_max_open_connections", "gauge", "Maximum number of open database connections (0 is unlimited).",
			func(s sql.DBStats) string { return strconv.Itoa(s.MaxOpenConnections) }},
		{"mobilite_db_wait_count_total", "counter", "Times a caller waited for a database connection.",
			func(s sql.DBStats) string { return strconv.FormatInt(s.WaitCount, 10) }},
		{"mobilite_db_wait_duration_seconds_total", "counter", "Time spent waiting for a database connection.",
			func(s sql.DBStats) string { return floatValue(s.WaitDuration.Seconds()) }},
	}
	for _, f := range families {
		e.family(f.name, f.typ, f.help)
		for i, name := range names {
			e.sample(f.name, f.value(stats[i]), "db", name)
		}
	}
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}
