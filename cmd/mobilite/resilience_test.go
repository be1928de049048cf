package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"mobilite/internal/store/storetest"
)

// proxy is a TCP relay to the PostgreSQL server that a test can cut and restore, to play a
// database that goes down and comes back.
type proxy struct {
	t        *testing.T
	addr     string
	target   string
	ln       net.Listener
	refusing atomic.Bool // "down": connections are closed as soon as they are accepted
	mu       sync.Mutex
	conns    []net.Conn
}

// newProxy listens on a port of its own for the whole test: closing it while "down" and
// listening again would let another connection of the machine take the port in between.
func newProxy(t *testing.T, target string) *proxy {
	p := &proxy{t: t, target: target}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	p.ln, p.addr = ln, ln.Addr().String()
	go func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			if p.refusing.Load() {
				c.Close()
				continue
			}
			up, err := net.Dial("tcp", p.target)
			if err != nil {
				c.Close()
				continue
			}
			p.mu.Lock()
			p.conns = append(p.conns, c, up)
			p.mu.Unlock()
			go func() { io.Copy(up, c); up.Close() }()
			go func() { io.Copy(c, up); c.Close() }()
		}
	}()
	t.Cleanup(func() {
		p.down()
		ln.Close()
	})
	return p
}

// down cuts every open connection and turns new ones away.
func (p *proxy) down() {
	p.refusing.Store(true)
	p.mu.Lock()
	defer p.mu.Unlock()
	for _, c := range p.conns {
		c.Close()
	}
	p.conns = nil
}

// up lets connections through again.
func (p *proxy) up() { p.refusing.Store(false) }

// TestDatabaseDownAndBack cuts the connection to PostgreSQL under a running server: /healthz
// says 503, pages say plainly that the service is unavailable (no 500), and everything works
// again by itself when the database comes back.
func TestDatabaseDownAndBack(t *testing.T) {
	if os.Getenv("MOBILITE_TEST_POSTGRES") == "" {
		storetest.Engines(t) // fails in CI, logs otherwise
		t.Skip("needs PostgreSQL (MOBILITE_TEST_POSTGRES)")
	}
	dsn, _ := url.Parse(storetest.PostgresDSN(t))
	p := newProxy(t, dsn.Host)
	dsn.Host = p.addr
	q := dsn.Query()
	q.Set("connect_timeout", "2")
	dsn.RawQuery = q.Encode()

	c := Config{Addr: "127.0.0.1:0", DB: dsn.String(), Demo: true, Shutdown: 5 * time.Second}
	m := &Main{Config: c, Log: quietLog()}
	ctx := context.Background()
	if err := m.Open(ctx); err != nil {
		t.Fatal(err)
	}
	if err := m.Run(ctx); err != nil {
		t.Fatal(err)
	}
	defer m.Close()
	s := &testServer{Main: m, URL: m.URL(), t: t}
	client := s.client()

	status := func(path string) (int, string) {
		resp, body := s.do(client, "GET", path, nil, nil)
		return resp.StatusCode, body
	}
	if code, _ := status("/healthz"); code != 200 {
		t.Fatalf("healthz before: %d", code)
	}
	p.down()
	if code, body := status("/healthz"); code != 503 || !strings.Contains(body, "unavailable") {
		t.Fatalf("healthz while down: %d %s", code, body)
	}
	if code, body := status("/"); code != 503 || !strings.Contains(body, "momentanément indisponible") {
		t.Fatalf("home while down: %d", code)
	}
	if resp, _ := s.form(client, "/connexion", url.Values{"login": {"admin@mobilite.example"}, "password": {"demo-mobilite"}}); resp.StatusCode != 503 {
		t.Fatalf("login while down: %d", resp.StatusCode)
	}
	p.up()
	deadline := time.Now().Add(10 * time.Second)
	for {
		code, _ := status("/healthz")
		if code == 200 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the server did not recover: %d", code)
		}
		time.Sleep(100 * time.Millisecond)
	}
	if code, _ := status("/"); code != 200 {
		t.Fatalf("home after recovery: %d", code)
	}
}

// TestGracefulShutdown closes the server while a request is in flight: the request finishes.
func TestGracefulShutdown(t *testing.T) {
	c := Config{Addr: "127.0.0.1:0", Data: t.TempDir(), Shutdown: 5 * time.Second}
	m := &Main{Config: c, Log: quietLog()}
	ctx := context.Background()
	if err := m.Open(ctx); err != nil {
		t.Fatal(err)
	}
	started := make(chan struct{})
	inner := m.Handler
	m.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/slow" {
			close(started)
			time.Sleep(500 * time.Millisecond)
			w.Write([]byte("done"))
			return
		}
		inner.ServeHTTP(w, r)
	})
	if err := m.Run(ctx); err != nil {
		t.Fatal(err)
	}
	result := make(chan string, 1)
	go func() {
		resp, err := http.Get(m.URL() + "/slow")
		if err != nil {
			result <- err.Error()
			return
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		result <- string(b)
	}()
	<-started
	if err := m.Close(); err != nil {
		t.Fatal(err)
	}
	if got := <-result; got != "done" {
		t.Fatalf("in-flight request: %q", got)
	}
	if _, err := http.Get(m.URL() + "/"); err == nil {
		t.Fatal("the server still accepts connections after Close")
	}
}
