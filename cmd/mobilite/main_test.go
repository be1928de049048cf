package main

import (
	"context"
	"html"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/account"
	"mobilite/internal/demo"
	"mobilite/internal/locale"
	"mobilite/internal/mail"
	"mobilite/internal/store/storetest"
)

// testServer is a running Main on a loopback port with the demo data, for end-to-end tests.
type testServer struct {
	*Main
	URL string
	t   testing.TB
}

// quietLog drops the server's logs unless -v and MOBILITE_TEST_LOG are set.
func quietLog() *slog.Logger {
	if os.Getenv("MOBILITE_TEST_LOG") != "" {
		return slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	return slog.New(slog.NewTextHandler(io.Discard, nil))
}

// startServer boots the whole application on engine ("sqlite" or "postgres") with a throw-away
// database and the demo data. Every translation the pages ask for must exist: a missing key fails
// the test.
func startServer(t testing.TB, engine string) *testServer {
	t.Helper()
	c := Config{Addr: "127.0.0.1:0", Data: t.TempDir(), Demo: true, Shutdown: 5 * time.Second, SMTP: mailConfigForTest()}
	if engine == "postgres" {
		c.DB = storetest.PostgresDSN(t)
	}
	cat := locale.MustLoad()
	var mu sync.Mutex
	cat.OnMissing = func(lang, key string) {
		mu.Lock()
		defer mu.Unlock()
		t.Errorf("missing translation %s:%s", lang, key)
	}
	m := &Main{Config: c, Log: quietLog(), Hasher: &account.Hasher{Time: 1, Memory: 1024, Threads: 1}, Locale: cat}
	ctx := context.Background()
	if err := m.Open(ctx); err != nil {
		t.Fatalf("open: %v", err)
	}
	if err := m.Run(ctx); err != nil {
		t.Fatalf("run: %v", err)
	}
	// The base URL is known only once the port is chosen.
	t.Cleanup(func() {
		if err := m.Close(); err != nil {
			t.Errorf("close: %v", err)
		}
	})
	return &testServer{Main: m, URL: m.URL(), t: t}
}

// mailConfigForTest keeps mail in the outbox (no SMTP) unless a test sets one.
func mailConfigForTest() (c mail.Config) { return c }

// client is a browser-like HTTP client with its own cookies that does not follow redirects.
func (s *testServer) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 10 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// sessionFor returns a client logged in as the demo user with the given role ("" for none).
func (s *testServer) sessionFor(role mobilite.Role) *http.Client {
	s.t.Helper()
	c := s.client()
	if role == "" {
		return c
	}
	u := s.demoUser(role)
	token, err := s.Accounts.StartSession(context.Background(), u, "127.0.0.1", "test", 0)
	if err != nil {
		s.t.Fatal(err)
	}
	base, _ := url.Parse(s.URL)
	c.Jar.SetCookies(base, []*http.Cookie{{Name: "session", Value: token, Path: "/"}})
	return c
}

// demoUser returns the first demo account with the role.
func (s *testServer) demoUser(role mobilite.Role) *mobilite.User {
	s.t.Helper()
	users, _, err := s.DB.FindUsers(context.Background(), mobilite.UserFilter{Role: role, Limit: 500})
	if err != nil || len(users) == 0 {
		s.t.Fatalf("no demo user with role %s: %v", role, err)
	}
	for _, u := range users {
		if strings.HasSuffix(u.Email, "@mobilite.example") {
			return u
		}
	}
	return users[len(users)-1]
}

// do sends a request and returns the status and body.
func (s *testServer) do(c *http.Client, method, path string, body io.Reader, header map[string]string) (*http.Response, string) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.URL+path, body)
	if err != nil {
		s.t.Fatal(err)
	}
	for k, v := range header {
		req.Header.Set(k, v)
	}
	if body != nil && req.Header.Get("Content-Type") == "" {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	resp, err := c.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "text/html") {
		// Compare what a reader sees: html/template writes ' as &#39; and + as &#43;.
		return resp, html.UnescapeString(string(b))
	}
	return resp, string(b)
}

// form posts a form.
func (s *testServer) form(c *http.Client, path string, values url.Values) (*http.Response, string) {
	s.t.Helper()
	return s.do(c, "POST", path, strings.NewReader(values.Encode()), nil)
}

// outDir is the folder where tests write screenshots and other things to look at.
func outDir(t testing.TB) string {
	dir := os.Getenv("MOBILITE_TEST_OUT")
	if dir == "" {
		dir = filepath.Join(os.TempDir(), "mobilite-test-out")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	return dir
}

var _ = demo.Password
