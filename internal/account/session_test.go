package account_test

import (
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/account"
)

func TestSessions(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		ama := f.seeker(t, "ama@example.tg")
		kossi := f.seeker(t, "kossi@example.tg")
		a1, err := f.svc.StartSession(ctx, ama, ip, "Mozilla/5.0", 0)
		if err != nil {
			t.Fatal(err)
		}
		a2 := f.session(t, ama)
		k := f.session(t, kossi)
		if a1 == a2 || len(a1) < 43 {
			t.Fatalf("session tokens %q and %q", a1, a2)
		}
		for token, want := range map[string]*mobilite.User{a1: ama, a2: ama, k: kossi} {
			u, err := f.svc.SessionUser(ctx, token)
			if err != nil || u.ID != want.ID {
				t.Fatalf("SessionUser: %v, %v; want user %d", u, err, want.ID)
			}
		}
		if !f.sessionAlive(t, a1) {
			t.Fatal("the store does not find the session by the SHA-256 of its token")
		}
		if err := f.svc.EndSession(ctx, a1); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.SessionUser(ctx, a1)
		wantCode(t, err, mobilite.ENOTFOUND)
		if _, err := f.svc.SessionUser(ctx, a2); err != nil {
			t.Errorf("ending one session ended another: %v", err)
		}
		if err := f.svc.EndSession(ctx, a1); err != nil {
			t.Errorf("ending an ended session: %v", err)
		}
		if err := f.svc.EndSession(ctx, ""); err != nil {
			t.Errorf("ending no session: %v", err)
		}
		for _, token := range []string{"", "nope", strings.Repeat("a", 101), a2 + "x", sha256Hex(a2)} {
			_, err := f.svc.SessionUser(ctx, token)
			wantCode(t, err, mobilite.ENOTFOUND)
		}
	})
}

func TestSessionExpiresAfterIdle(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		u := f.seeker(t, "ama@example.tg")
		token := f.session(t, u)
		// Used within the idle time, the session lives on, past the first expiry.
		for range 3 {
			f.advance(account.SessionIdle - time.Hour)
			if _, err := f.svc.SessionUser(ctx, token); err != nil {
				t.Fatalf("used after %v: %v", f.now.Sub(t0), err)
			}
		}
		f.advance(account.SessionIdle - time.Second)
		if _, err := f.svc.SessionUser(ctx, token); err != nil {
			t.Fatalf("unused for %v: %v", account.SessionIdle-time.Second, err)
		}
		f.advance(account.SessionIdle)
		_, err := f.svc.SessionUser(ctx, token)
		wantCode(t, err, mobilite.ENOTFOUND)
		if _, err := f.store.DeleteExpiredSessions(ctx, f.now); err != nil {
			t.Fatal(err)
		}
		if f.sessionAlive(t, token) {
			t.Error("an expired session survives the clean-up")
		}
	})
}

func TestSessionOfDisabledUser(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		u := f.seeker(t, "ama@example.tg")
		token := f.session(t, u)
		f.disable(t, u) // in the store only: the session is still there
		_, err := f.svc.SessionUser(ctx, token)
		wantCode(t, err, mobilite.ENOTFOUND)
		if !f.sessionAlive(t, token) {
			t.Fatal("the session is gone: the test no longer checks SessionUser's own refusal")
		}
	})
}

// TestSessionLongUserAgent: StartSession keeps 300 bytes of the user agent; a cut in the middle of
// a character leaves invalid UTF-8, which PostgreSQL refuses outright (the log-in fails).
func TestSessionLongUserAgent(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		u := f.seeker(t, "ama@example.tg")
		for _, ua := range []string{strings.Repeat("a", 400), strings.Repeat("a", 299) + strings.Repeat("é", 50), strings.Repeat("€", 200)} {
			token, err := f.svc.StartSession(ctx, u, ip, ua, 0)
			if err != nil {
				t.Errorf("StartSession with a %d-byte user agent: %v", len(ua), err)
				continue
			}
			s, err := f.store.FindSession(ctx, sha256Hex(token), f.now)
			if err != nil {
				t.Fatal(err)
			}
			if len(s.UserAgent) > 300 || len(s.UserAgent) < 297 || !utf8.ValidString(s.UserAgent) || !strings.HasPrefix(ua, s.UserAgent) {
				t.Errorf("user agent of %d bytes stored as %q (%d bytes)", len(ua), s.UserAgent, len(s.UserAgent))
			}
		}
	})
}

func TestKioskSessionExpiresAfterMinutes(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		u := f.seeker(t, "kossi@example.tg")
		k := &mobilite.Kiosk{Hash: "h-kiosk", Name: "Lomé 1", CreatedAt: f.now}
		if err := f.store.CreateKiosk(ctx, k); err != nil {
			t.Fatal(err)
		}
		token, err := f.svc.StartSession(ctx, u, ip, "Mozilla/5.0", k.ID)
		if err != nil {
			t.Fatal(err)
		}
		// In use, it lives on past its first expiry.
		for range 3 {
			f.advance(account.KioskIdle - time.Minute)
			if _, err := f.svc.SessionUser(ctx, token); err != nil {
				t.Fatalf("used after %v: %v", f.now.Sub(t0), err)
			}
		}
		f.advance(account.KioskIdle + time.Second)
		_, err = f.svc.SessionUser(ctx, token)
		wantCode(t, err, mobilite.ENOTFOUND)

		// Revoking the kiosk ends its sessions at once.
		token, err = f.svc.StartSession(ctx, u, ip, "Mozilla/5.0", k.ID)
		if err != nil {
			t.Fatal(err)
		}
		if err := f.store.RevokeKiosk(ctx, k.ID, f.now); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.SessionUser(ctx, token)
		wantCode(t, err, mobilite.ENOTFOUND)
		if _, err := f.store.FindKiosk(ctx, "h-kiosk"); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
			t.Errorf("FindKiosk of a revoked kiosk: %v", err)
		}
	})
}
