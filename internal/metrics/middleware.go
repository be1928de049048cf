package metrics

import (
	"io"
	"net/http"
	"time"
)

// Middleware wraps next so that each request is timed, counted in
// mobilite_http_requests_in_flight while it runs, and recorded with
// ObserveRequest under the ServeMux pattern that matched ("unmatched" when
// none did, as for the mux's own 404 and 405) and the status written (200
// when the handler wrote a body, or nothing, without calling WriteHeader; 500
// when it panicked before writing; the panic then continues up to net/http).
//
// The pattern is read from Request.Pattern after next returns, which works
// when Middleware wraps the ServeMux itself or a handler registered on it. A
// layer between the two that calls Request.WithContext hands the mux a copy,
// and every request then reads as "unmatched": put such layers outside.
//
// The ResponseWriter given to next still implements http.Flusher and unwraps
// for http.ResponseController (deadlines, hijacking).
func (r *Registry) Middleware(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		start := time.Now()
		r.inFlight.Add(1)
		sw := &statusWriter{ResponseWriter: w}
		defer func() {
			r.inFlight.Add(-1)
			status := sw.status()
			p := recover()
			if p != nil && sw.code == 0 {
				status = http.StatusInternalServerError
			}
			route := req.Pattern
			if route == "" {
				route = "unmatched"
			}
			r.ObserveRequest(route, status, time.Since(start))
			if p != nil {
				panic(p)
			}
		}()
		next.ServeHTTP(sw, req)
	})
}

// statusWriter remembers the final status sent through it.
type statusWriter struct {
	http.ResponseWriter
	code int // 0 until the header is sent
}

func (w *statusWriter) status() int {
	if w.code == 0 {
		return http.StatusOK // net/http sends 200 for a handler that wrote nothing
	}
	return w.code
}

func (w *statusWriter) WriteHeader(code int) {
	// 1xx responses such as 103 Early Hints come before the final status;
	// 101 Switching Protocols is final.
	if w.code == 0 && (code >= 200 || code == http.StatusSwitchingProtocols) {
		w.code = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return w.ResponseWriter.Write(b)
}

// Flush keeps Server-Sent Events working through the middleware; a writer
// that cannot flush makes it a no-op, as http.Flusher has no error to return.
func (w *statusWriter) Flush() {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	http.NewResponseController(w.ResponseWriter).Flush()
}

// ReadFrom lets io.Copy reach the underlying writer's ReadFrom, which
// net/http uses to send files with sendfile.
func (w *statusWriter) ReadFrom(src io.Reader) (int64, error) {
	if w.code == 0 {
		w.code = http.StatusOK
	}
	return io.Copy(w.ResponseWriter, src)
}

// Unwrap gives http.ResponseController the underlying ResponseWriter.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
