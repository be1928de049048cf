package mail

import (
	"context"
	"fmt"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/store"
	"mobilite/internal/store/storetest"
)

var t0 = time.Date(2026, 5, 4, 8, 30, 0, 0, time.UTC)

// clock is a settable clock, safe for a Run goroutine.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	c.now = t
	c.mu.Unlock()
}

// setup returns a real SQLite store and a Sender on cfg whose clock reads t0.
func setup(t *testing.T, cfg Config) (*store.DB, *Sender, *clock) {
	t.Helper()
	db := storetest.Open(t, "sqlite")
	clk := &clock{now: t0}
	s := NewSender(db, cfg, storetest.Quiet)
	s.Now = clk.Now
	return db, s, clk
}

// setupPair is setup without the clock.
func setupPair(t *testing.T, cfg Config) (*store.DB, *Sender) {
	t.Helper()
	db, s, _ := setup(t, cfg)
	return db, s
}

func enqueue(t *testing.T, db *store.DB, to, subject, body string) int64 {
	t.Helper()
	m := &mobilite.Message{To: to, Subject: subject, Body: body, CreatedAt: t0}
	if err := db.EnqueueMessage(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	return m.ID
}

func load(t *testing.T, db *store.DB, id int64) *mobilite.Message {
	t.Helper()
	m, err := db.FindMessageByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func runOnce(t *testing.T, s *Sender, wantSent, wantFailed int) {
	t.Helper()
	sent, failed, err := s.RunOnce(context.Background())
	if err != nil {
		t.Fatalf("RunOnce: %v", err)
	}
	if sent != wantSent || failed != wantFailed {
		t.Fatalf("RunOnce: sent %d failed %d, want %d and %d", sent, failed, wantSent, wantFailed)
	}
}

func TestSendFrench(t *testing.T) {
	srv := startServer(t, &testServer{})
	db, s := setupPair(t, srv.config())
	subject := "Votre candidature à l'offre « Aide-soignant·e » a été reçue — prochaine étape : l'entretien à Lomé"
	body := "Bonjour Ama,\n\nNous avons bien reçu votre candidature. Déposez vos pièces (passeport, diplômes) à l'agence de Lomé avant le 15 mai.\n" +
		".Une ligne qui commence par un point, et une égalité = 100 %.\n" +
		"Ligne avec espaces en fin   \n\nCordialement,\nL'équipe Mobilité — ANPE Togo\n"
	id := enqueue(t, db, "Ama Koffi <ama@example.tg>", subject, body)
	runOnce(t, s, 1, 0)

	got := srv.messages()
	if len(got) != 1 {
		t.Fatalf("server received %d messages, want 1", len(got))
	}
	r := got[0]
	if r.From != "no-reply@anpe.tg" || len(r.To) != 1 || r.To[0] != "ama@example.tg" {
		t.Fatalf("envelope: from %q to %q", r.From, r.To)
	}
	for i, line := range strings.Split(strings.TrimSuffix(r.Data, "\r\n"), "\r\n") {
		if len(line) > 78 {
			t.Errorf("line %d is %d characters long: %q", i, len(line), line)
		}
		for _, c := range []byte(line) {
			if c >= 0x80 || c == '\r' || c == '\n' {
				t.Fatalf("line %d is not 7-bit text with CRLF ends: %q", i, line)
			}
		}
	}
	msg, err := mail.ReadMessage(strings.NewReader(r.Data))
	if err != nil {
		t.Fatal(err)
	}
	h := msg.Header
	from, err := mail.ParseAddress(h.Get("From"))
	if err != nil || from.Name != "Mobilité" || from.Address != "no-reply@anpe.tg" {
		t.Errorf("From %q decodes to %v, %v", h.Get("From"), from, err)
	}
	to, err := mail.ParseAddress(h.Get("To"))
	if err != nil || to.Name != "Ama Koffi" || to.Address != "ama@example.tg" {
		t.Errorf("To %q decodes to %v, %v", h.Get("To"), to, err)
	}
	if !strings.Contains(h.Get("Subject"), "=?UTF-8?q?") {
		t.Errorf("Subject is not RFC 2047 encoded: %q", h.Get("Subject"))
	}
	if dec, err := new(mime.WordDecoder).DecodeHeader(h.Get("Subject")); err != nil || dec != subject {
		t.Errorf("Subject decodes to %q, %v\nwant %q", dec, err, subject)
	}
	if date, err := h.Date(); err != nil || !date.Equal(t0) {
		t.Errorf("Date %q: %v, %v", h.Get("Date"), date, err)
	}
	if id := h.Get("Message-Id"); !regexp.MustCompile(`^<[A-Z2-7]{20,}@anpe\.tg>$`).MatchString(id) {
		t.Errorf("Message-ID %q", id)
	}
	if v := h.Get("Mime-Version"); v != "1.0" {
		t.Errorf("MIME-Version %q", v)
	}
	if mt, params, err := mime.ParseMediaType(h.Get("Content-Type")); err != nil || mt != "text/plain" || !strings.EqualFold(params["charset"], "utf-8") {
		t.Errorf("Content-Type %q", h.Get("Content-Type"))
	}
	if cte := h.Get("Content-Transfer-Encoding"); cte != "quoted-printable" {
		t.Errorf("Content-Transfer-Encoding %q", cte)
	}
	raw, err := io.ReadAll(quotedprintable.NewReader(msg.Body))
	if err != nil {
		t.Fatal(err)
	}
	if dec := strings.ReplaceAll(string(raw), "\r\n", "\n"); dec != body {
		t.Errorf("body decodes to\n%q\nwant\n%q", dec, body)
	}

	m := load(t, db, id)
	if m.Status != mobilite.MessageSent || !m.SentAt.Equal(t0) || m.Attempts != 1 || m.LastError != "" {
		t.Errorf("after sending: %+v", m)
	}
	runOnce(t, s, 0, 0) // sent messages are not sent again
}

func TestPermanentRejection(t *testing.T) {
	srv := startServer(t, &testServer{rcptReply: map[string]string{"nobody@example.tg": "550 5.1.1 no such user"}})
	db, s := setupPair(t, srv.config())
	id := enqueue(t, db, "nobody@example.tg", "Objet", "Corps\n")
	runOnce(t, s, 0, 1)
	m := load(t, db, id)
	if m.Status != mobilite.MessageFailed || m.Attempts != 1 || m.LastError != "550 5.1.1 no such user" {
		t.Errorf("after a 550: %+v", m)
	}
	if n := len(srv.messages()); n != 0 {
		t.Errorf("server received %d messages", n)
	}
}

func TestTemporaryRejection(t *testing.T) {
	srv := startServer(t, &testServer{rcptReply: map[string]string{"busy@example.tg": "451 4.3.0 try again later"}})
	db, s, clk := setup(t, srv.config())
	id := enqueue(t, db, "busy@example.tg", "Objet", "Corps\n")
	runOnce(t, s, 0, 1)
	m := load(t, db, id)
	if m.Status != mobilite.MessagePending || m.Attempts != 1 || !m.NextAttempt.Equal(t0.Add(Backoff(1))) ||
		m.LastError != "451 4.3.0 try again later" {
		t.Fatalf("after a 451: %+v", m)
	}
	clk.Set(m.NextAttempt.Add(-time.Second))
	runOnce(t, s, 0, 0) // not due yet
	for attempt := 2; attempt <= MaxAttempts; attempt++ {
		clk.Set(m.NextAttempt)
		runOnce(t, s, 0, 1)
		m = load(t, db, id)
		if m.Attempts != attempt {
			t.Fatalf("attempts %d, want %d", m.Attempts, attempt)
		}
		if attempt < MaxAttempts && (m.Status != mobilite.MessagePending || !m.NextAttempt.Equal(clk.Now().Add(Backoff(attempt)))) {
			t.Fatalf("after attempt %d: %+v", attempt, m)
		}
	}
	if m.Status != mobilite.MessageFailed || m.LastError != "451 4.3.0 try again later" {
		t.Fatalf("after %d attempts: %+v", MaxAttempts, m)
	}
	clk.Set(clk.Now().Add(24 * time.Hour))
	runOnce(t, s, 0, 0) // failed messages wait for an admin
}

func TestServerDown(t *testing.T) {
	srv := startServer(t, &testServer{})
	srv.Close()
	db, s := setupPair(t, srv.config())
	id := enqueue(t, db, "ama@example.tg", "Objet", "Corps\n")
	runOnce(t, s, 0, 1)
	m := load(t, db, id)
	if m.Status != mobilite.MessagePending || m.Attempts != 1 || !m.NextAttempt.Equal(t0.Add(time.Minute)) {
		t.Errorf("server down: %+v", m)
	}
	if !strings.HasPrefix(m.LastError, "dial tcp ") || !strings.Contains(m.LastError, "connection refused") {
		t.Errorf("LastError %q", m.LastError)
	}
}

func TestHeaderInjection(t *testing.T) {
	srv := startServer(t, &testServer{})
	db, s := setupPair(t, srv.config())
	ids := []int64{
		enqueue(t, db, "ama@example.tg\r\nBcc: victim@example.org", "Objet", "Corps\n"),
		enqueue(t, db, "ama@example.tg", "Objet\nBcc: victim@example.org", "Corps\n"),
		enqueue(t, db, "ama@example.tg", "Objet\r", "Corps\n"),
		enqueue(t, db, "pas une adresse", "Objet", "Corps\n"),
	}
	runOnce(t, s, 0, len(ids))
	for _, id := range ids {
		m := load(t, db, id)
		if m.Status != mobilite.MessageFailed || m.Attempts != 1 || m.LastError == "" {
			t.Errorf("message %d: %+v", id, m)
		}
	}
	if n := len(srv.messages()); n != 0 {
		t.Errorf("server received %d messages", n)
	}
}

func TestStartTLSAndAuth(t *testing.T) {
	serverTLS, roots := selfSigned(t)
	tests := []struct {
		name     string
		offerTLS bool
		mode     string
		wantTLS  bool
		wantErr  string // LastError when the message stays pending
	}{
		{"auto uses offered STARTTLS", true, StartTLSAuto, true, ""},
		{"empty means auto", true, "", true, ""},
		{"auto goes on in clear when not offered", false, StartTLSAuto, false, ""},
		{"always", true, StartTLSAlways, true, ""},
		{"always fails when not offered", false, StartTLSAlways, false, "smtp: the server does not offer STARTTLS"},
		{"never", true, StartTLSNever, false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			srv := &testServer{auth: true}
			if tt.offerTLS {
				srv.tls = serverTLS
			}
			startServer(t, srv)
			cfg := srv.config()
			cfg.StartTLS, cfg.Username, cfg.Password = tt.mode, "relay", "s3cret"
			db, s := setupPair(t, cfg)
			s.rootCAs = roots
			id := enqueue(t, db, "ama@example.tg", "Objet", "Corps\n")
			sent, _, err := s.RunOnce(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			m := load(t, db, id)
			if tt.wantErr != "" {
				if sent != 0 || m.Status != mobilite.MessagePending || m.LastError != tt.wantErr {
					t.Fatalf("want pending with %q: %+v", tt.wantErr, m)
				}
				return
			}
			got := srv.messages()
			if sent != 1 || len(got) != 1 {
				t.Fatalf("sent %d, server received %d (%+v)", sent, len(got), m)
			}
			if got[0].TLS != tt.wantTLS || got[0].Auth != "relay:s3cret" {
				t.Errorf("TLS %v auth %q, want TLS %v", got[0].TLS, got[0].Auth, tt.wantTLS)
			}
		})
	}
}

func TestUntrustedCertificate(t *testing.T) {
	serverTLS, _ := selfSigned(t)
	srv := startServer(t, &testServer{tls: serverTLS})
	db, s := setupPair(t, srv.config()) // system roots do not trust the test certificate
	id := enqueue(t, db, "ama@example.tg", "Objet", "Corps\n")
	runOnce(t, s, 0, 1)
	if m := load(t, db, id); m.Status != mobilite.MessagePending || !strings.Contains(m.LastError, "certificate") {
		t.Errorf("untrusted certificate: %+v", m)
	}
	if n := len(srv.messages()); n != 0 {
		t.Errorf("server received %d messages", n)
	}
}

func TestRunStopsOnCancel(t *testing.T) {
	srv := startServer(t, &testServer{})
	db, s := setupPair(t, srv.config())
	enqueue(t, db, "ama@example.tg", "Objet", "Corps\n")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.Run(ctx, 10*time.Millisecond)
		close(done)
	}()
	waitFor(t, func() bool { return len(srv.messages()) == 1 })
	// A message enqueued while Run sleeps is sent at the next tick.
	enqueue(t, db, "kossi@example.tg", "Objet", "Corps\n")
	waitFor(t, func() bool { return len(srv.messages()) == 2 })
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return after its context was cancelled")
	}
}

func TestCancelDuringSession(t *testing.T) {
	srv := startServer(t, &testServer{silent: true}) // never greets: the sender waits for its timeout
	cfg := srv.config()
	cfg.Timeout = time.Minute
	db, s := setupPair(t, cfg)
	id := enqueue(t, db, "ama@example.tg", "Objet", "Corps\n")
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		s.Run(ctx, time.Hour)
		close(done)
	}()
	// Once it has connected (the message claimed before), it waits for the greeting.
	waitFor(t, func() bool { srv.mu.Lock(); defer srv.mu.Unlock(); return len(srv.conn) > 0 })
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return promptly while a session was blocked")
	}
	// The interrupted attempt does not count; the lease brings the message back.
	if m := load(t, db, id); m.Status != mobilite.MessagePending || m.Attempts != 0 || !m.NextAttempt.Equal(t0.Add(lease)) {
		t.Errorf("after an interrupted attempt: %+v", m)
	}
}

func TestTimeout(t *testing.T) {
	srv := startServer(t, &testServer{silent: true})
	cfg := srv.config()
	cfg.Timeout = 200 * time.Millisecond
	db, s := setupPair(t, cfg)
	id := enqueue(t, db, "ama@example.tg", "Objet", "Corps\n")
	start := time.Now()
	runOnce(t, s, 0, 1)
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("attempt took %v with a 200ms timeout", d)
	}
	if m := load(t, db, id); m.Status != mobilite.MessagePending || m.Attempts != 1 || !strings.Contains(m.LastError, "timeout") {
		t.Errorf("after a timeout: %+v", m)
	}
}

func TestDisabled(t *testing.T) {
	db, s := setupPair(t, Config{From: "Mobilité <no-reply@anpe.tg>"})
	if s.Enabled() {
		t.Fatal("Enabled with no Host")
	}
	id := enqueue(t, db, "ama@example.tg", "Objet", "Corps\n")
	runOnce(t, s, 0, 0)
	done := make(chan struct{})
	go func() {
		s.Run(context.Background(), time.Millisecond) // would never return if it ran
		close(done)
	}()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("Run did not return at once when disabled")
	}
	if m := load(t, db, id); m.Status != mobilite.MessagePending || m.Attempts != 0 || !m.NextAttempt.Equal(t0) {
		t.Errorf("disabled sender touched the message: %+v", m)
	}
}

func TestInvalidConfig(t *testing.T) {
	for _, cfg := range []Config{
		{Host: "smtp.example.tg", From: "not an address"},
		{Host: "smtp.example.tg", From: "no-reply@anpe.tg", StartTLS: "sometimes"},
		{Host: "smtp.example.tg", From: "no-reply@anpe.tg", Port: 70000},
	} {
		if err := cfg.Validate(); mobilite.ErrorCode(err) != mobilite.EINVALID {
			t.Errorf("Validate(%+v) = %v, want EINVALID", cfg, err)
		}
		db, s := setupPair(t, cfg)
		id := enqueue(t, db, "ama@example.tg", "Objet", "Corps\n")
		if _, _, err := s.RunOnce(context.Background()); mobilite.ErrorCode(err) != mobilite.EINVALID {
			t.Errorf("RunOnce with %+v: %v, want EINVALID", cfg, err)
		}
		if m := load(t, db, id); m.Attempts != 0 || !m.NextAttempt.Equal(t0) {
			t.Errorf("bad config touched the message: %+v", m)
		}
	}
	if err := (Config{}).Validate(); err != nil {
		t.Errorf("empty Config: %v", err)
	}
	if err := (Config{Host: "smtp.example.tg", From: "Mobilité <no-reply@anpe.tg>", StartTLS: "always"}).Validate(); err != nil {
		t.Errorf("good Config: %v", err)
	}
}

func TestLeaseRunsOut(t *testing.T) {
	srv := startServer(t, &testServer{})
	db, s := setupPair(t, srv.config())
	id := enqueue(t, db, "ama@example.tg", "Objet", "Corps\n")
	calls := 0
	s.Now = func() time.Time { // the claim happens at t0; then the lease is nearly over
		calls++
		if calls == 1 {
			return t0
		}
		return t0.Add(lease - time.Second)
	}
	runOnce(t, s, 0, 0)
	if m := load(t, db, id); m.Attempts != 0 || !m.NextAttempt.Equal(t0.Add(lease)) || len(srv.messages()) != 0 {
		t.Errorf("a message was tried at the end of its lease: %+v", m)
	}
}

func TestConcurrentSenders(t *testing.T) {
	srv := startServer(t, &testServer{})
	db := storetest.Open(t, "sqlite")
	const n = 45
	for i := range n {
		enqueue(t, db, fmt.Sprintf("m%02d@example.tg", i), "Objet", "Corps\n")
	}
	var wg sync.WaitGroup
	for range 3 {
		s := NewSender(db, srv.config(), storetest.Quiet)
		s.Now = func() time.Time { return t0 }
		wg.Go(func() {
			for {
				sent, failed, err := s.RunOnce(context.Background())
				if err != nil {
					t.Error(err)
					return
				}
				if sent+failed == 0 {
					return
				}
			}
		})
	}
	wg.Wait()
	seen := map[string]int{}
	for _, r := range srv.messages() {
		seen[r.To[0]]++
	}
	for to, k := range seen {
		if k != 1 {
			t.Errorf("%s received %d copies", to, k)
		}
	}
	if len(seen) != n {
		t.Errorf("%d recipients reached, want %d", len(seen), n)
	}
}

func TestBackoff(t *testing.T) {
	for attempt, want := range map[int]time.Duration{
		0: time.Minute, 1: time.Minute, 2: 2 * time.Minute, 3: 4 * time.Minute, 7: 64 * time.Minute,
		9: 256 * time.Minute, 10: 6 * time.Hour, 64: 6 * time.Hour, 1 << 30: 6 * time.Hour,
	} {
		if got := Backoff(attempt); got != want {
			t.Errorf("Backoff(%d) = %v, want %v", attempt, got, want)
		}
	}
}

func waitFor(t *testing.T, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatal("timed out waiting")
		}
		time.Sleep(5 * time.Millisecond)
	}
}
