package jobs

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"time"
)

// MaxDocument is the largest document a source may send.
const MaxDocument = 20 << 20

// Fetcher downloads source documents politely: a time limit, a size cap, at most a few
// requests at once per host, at most 5 redirects, and conditional requests (ETag,
// Last-Modified) so that an unchanged feed costs nothing.
type Fetcher struct {
	Client    *http.Client
	PerHost   int
	UserAgent string
	MaxBytes  int64 // the largest document read; MaxDocument when 0

	mu    sync.Mutex
	hosts map[string]chan struct{}
}

// NewFetcher returns a fetcher with a 30-second limit per document.
func NewFetcher() *Fetcher {
	return &Fetcher{
		Client: &http.Client{
			Timeout: 30 * time.Second,
			CheckRedirect: func(req *http.Request, via []*http.Request) error {
				if len(via) >= 5 {
					return errTooManyRedirects
				}
				return nil
			},
		},
		PerHost:   2,
		UserAgent: "Mobilite/1.0 (job portal of the national employment agency)",
		hosts:     map[string]chan struct{}{},
	}
}

var errTooManyRedirects = errors.New("too many redirects")

// Document is what a fetch brings back.
type Document struct {
	Body         []byte
	ContentType  string
	ETag         string
	LastModified string
	NotModified  bool // the source answered 304: nothing changed since the last run
	URL          *url.URL
}

// FetchError is a failed fetch, with a reason in plain words for the source's health page.
type FetchError struct {
	Reason string
	Err    error
}

func (e *FetchError) Error() string { return e.Reason }
func (e *FetchError) Unwrap() error { return e.Err }

func fetchErr(err error, format string, args ...any) error {
	return &FetchError{Reason: fmt.Sprintf(format, args...), Err: err}
}

// slot waits for a free place among the requests to host.
func (f *Fetcher) slot(ctx context.Context, host string) (func(), error) {
	f.mu.Lock()
	ch, ok := f.hosts[host]
	if !ok {
		n := f.PerHost
		if n < 1 {
			n = 1
		}
		ch = make(chan struct{}, n)
		f.hosts[host] = ch
	}
	f.mu.Unlock()
	select {
	case ch <- struct{}{}:
		return func() { <-ch }, nil
	case <-ctx.Done():
		return nil, ctx.Err()
	}
}

// Fetch downloads rawURL, conditionally on the etag and lastModified of the previous run.
// A local path or file:// URL is read from disk only when allowFiles is set (the command line).
func (f *Fetcher) Fetch(ctx context.Context, rawURL, etag, lastModified string, allowFiles bool) (*Document, error) {
	u, err := url.Parse(rawURL)
	if err != nil || rawURL == "" {
		return nil, fetchErr(err, "the address %q cannot be read", rawURL)
	}
	if u.Scheme == "" || u.Scheme == "file" {
		if !allowFiles {
			return nil, fetchErr(nil, "only http and https addresses can be fetched")
		}
		path := u.Path
		if u.Scheme == "" {
			path = rawURL
		}
		return readFile(path)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fetchErr(nil, "only http and https addresses can be fetched, not %s", u.Scheme)
	}
	release, err := f.slot(ctx, u.Host)
	if err != nil {
		return nil, fetchErr(err, "cancelled")
	}
	defer release()
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u.String(), nil)
	if err != nil {
		return nil, fetchErr(err, "the address %q cannot be read", rawURL)
	}
	req.Header.Set("User-Agent", f.UserAgent)
	req.Header.Set("Accept", "application/rss+xml, application/atom+xml, application/json, application/ld+json, text/html;q=0.8, */*;q=0.5")
	if etag != "" {
		req.Header.Set("If-None-Match", etag)
	}
	if lastModified != "" {
		req.Header.Set("If-Modified-Since", lastModified)
	}
	resp, err := f.Client.Do(req)
	if err != nil {
		return nil, describeNetError(err)
	}
	defer resp.Body.Close()
	doc := &Document{ContentType: resp.Header.Get("Content-Type"), ETag: resp.Header.Get("ETag"),
		LastModified: resp.Header.Get("Last-Modified"), URL: resp.Request.URL}
	switch {
	case resp.StatusCode == http.StatusNotModified:
		doc.NotModified = true
		doc.ETag, doc.LastModified = etag, lastModified
		return doc, nil
	case resp.StatusCode >= 300:
		return nil, fetchErr(nil, "the server answered %s", resp.Status)
	}
	limit := f.MaxBytes
	if limit <= 0 {
		limit = MaxDocument
	}
	if resp.ContentLength > limit {
		return nil, tooLarge(limit)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, limit+1))
	if err != nil {
		return nil, describeNetError(err)
	}
	if int64(len(body)) > limit {
		return nil, tooLarge(limit)
	}
	doc.Body = body
	return doc, nil
}

func tooLarge(limit int64) error {
	if limit >= 1<<20 {
		return fetchErr(nil, "the document is larger than %d MB", limit>>20)
	}
	return fetchErr(nil, "the document is larger than %d KB", limit>>10)
}

func readFile(path string) (*Document, error) {
	fi, err := os.Stat(path)
	if err != nil {
		return nil, fetchErr(err, "the file %s cannot be read: %v", path, err)
	}
	if fi.Size() > MaxDocument {
		return nil, fetchErr(nil, "the document is larger than %d MB", MaxDocument>>20)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fetchErr(err, "the file %s cannot be read: %v", path, err)
	}
	return &Document{Body: b, URL: &url.URL{Scheme: "file", Path: path}}, nil
}

// describeNetError says in plain words why a request failed.
func describeNetError(err error) error {
	var ne net.Error
	var dnsErr *net.DNSError
	var opErr *net.OpError
	switch {
	case errors.Is(err, errTooManyRedirects):
		return fetchErr(err, "the server redirects too many times")
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &ne) && ne.Timeout():
		return fetchErr(err, "the server did not answer in time")
	case errors.Is(err, context.Canceled):
		return fetchErr(err, "cancelled")
	case errors.As(err, &dnsErr):
		return fetchErr(err, "the host name %s is unknown", dnsErr.Name)
	case errors.As(err, &opErr) && strings.Contains(err.Error(), "refused"):
		return fetchErr(err, "the server refused the connection")
	}
	return fetchErr(err, "the download failed: %v", err)
}
