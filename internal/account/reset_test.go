package account_test

import (
	"strings"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/account"
	"mobilite/internal/locale"
)

// requestLink asks for a reset of login and returns the token of the one message it enqueued.
func (f *fixture) requestLink(t *testing.T, login string) string {
	t.Helper()
	before := len(f.messages(t))
	if err := f.svc.RequestReset(ctx, login, ip); err != nil {
		t.Fatalf("RequestReset(%q): %v", login, err)
	}
	ms := f.messages(t)
	if len(ms) != before+1 {
		t.Fatalf("RequestReset(%q) enqueued %d messages, want 1", login, len(ms)-before)
	}
	return linkToken(t, ms[0].Body)
}

func TestRequestReset(t *testing.T) {
	cat := locale.MustLoad()
	onEngines(t, func(t *testing.T, f *fixture) {
		for _, lang := range []string{"fr", "en"} {
			u, err := f.svc.SignUp(ctx, account.SignUp{Login: "ama-" + lang + "@example.tg", Name: "Ama " + lang, Password: goodPassword, Language: lang})
			if err != nil {
				t.Fatal(err)
			}
			if err := f.svc.RequestReset(ctx, " AMA-"+lang+"@example.TG", ip); err != nil {
				t.Fatal(err)
			}
			ms := f.messages(t)
			m := ms[0]
			p := cat.Printer(lang)
			if m.To != u.Email || m.Subject != p.T("mail.reset.subject") || m.Status != mobilite.MessagePending ||
				!strings.Contains(m.Body, "Ama "+lang) || !m.CreatedAt.Equal(t0) {
				t.Errorf("%s: message %+v", lang, m)
			}
			want := p.T("mail.reset.body", "name", u.Name, "link", "https://mobilite.example/mot-de-passe/nouveau?token="+linkToken(t, m.Body), "hours", 1)
			if m.Body != want {
				t.Errorf("%s: body\n%s\nwant\n%s", lang, m.Body, want)
			}
		}
		if n := len(f.messages(t)); n != 2 {
			t.Errorf("%d messages, want 2", n)
		}
		// Two requests give two links; each works.
		t1 := f.requestLink(t, "ama-fr@example.tg")
		t2 := f.requestLink(t, "ama-fr@example.tg")
		if t1 == t2 {
			t.Fatal("two requests gave the same link")
		}
		if _, err := f.svc.ResetPassword(ctx, t2, otherPassword); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.ResetPassword(ctx, t1, "encore une autre phrase"); err != nil {
			t.Fatal(err)
		}
	})
}

func TestRequestResetSendsNothing(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		f.seeker(t, "90 12 34 56") // no e-mail to send a link to
		f.disable(t, f.seeker(t, "gone@example.tg"))
		for _, login := range []string{"nobody@example.tg", "90 12 34 56", "+22890123456", "91 12 34 56", "gone@example.tg"} {
			if err := f.svc.RequestReset(ctx, login, ip); err != nil {
				t.Errorf("RequestReset(%q): %v; want nil, so that nobody learns which logins exist", login, err)
			}
		}
		if ms := f.messages(t); len(ms) != 0 {
			t.Errorf("%d messages enqueued, first to %s", len(ms), ms[0].To)
		}
		err := f.svc.RequestReset(ctx, "not a login", ip)
		wantFields(t, err, mobilite.EINVALID, "login", "user.login.invalid")
	})
}

func TestRequestResetThrottled(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		f.seeker(t, "ama@example.tg")
		for i := range 3 {
			f.requestLink(t, []string{"ama@example.tg", "AMA@example.tg", " ama@example.tg"}[i])
			f.advance(10 * time.Minute)
		}
		err := f.svc.RequestReset(ctx, "ama@example.tg", "192.0.2.1")
		if mobilite.ErrorCode(err) != mobilite.ETHROTTLED || mobilite.ErrorKey(err) != "reset.throttled" {
			t.Fatalf("4th request in an hour: %v; want ETHROTTLED reset.throttled", err)
		}
		if n := len(f.messages(t)); n != 3 {
			t.Fatalf("%d messages, want 3", n)
		}
		// Unknown logins are throttled the same way, so that the answer tells nothing.
		for range 3 {
			if err := f.svc.RequestReset(ctx, "nobody@example.tg", ip); err != nil {
				t.Fatal(err)
			}
		}
		wantCode(t, f.svc.RequestReset(ctx, "nobody@example.tg", ip), mobilite.ETHROTTLED)
		// An hour after the first request, one more is allowed.
		f.now = t0.Add(time.Hour + time.Second)
		f.requestLink(t, "ama@example.tg")
		wantCode(t, f.svc.RequestReset(ctx, "ama@example.tg", ip), mobilite.ETHROTTLED)
	})
}

func TestResetPassword(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		u := f.seeker(t, "ama@example.tg")
		other := f.seeker(t, "kossi@example.tg")
		s1, s2, so := f.session(t, u), f.session(t, u), f.session(t, other)
		token := f.requestLink(t, "ama@example.tg")

		// A weak password is refused and the link still works afterwards.
		for _, tt := range []struct{ password, key string }{
			{"court", "password.too_short"},
			{"motdepasse", "password.too_common"},
			{"ama@example.tg", "password.too_common"}, // refused after the link was taken: the take must roll back
		} {
			got, err := f.svc.ResetPassword(ctx, token, tt.password)
			wantFields(t, err, mobilite.EINVALID, "password", tt.key)
			if got != nil {
				t.Errorf("ResetPassword(%q) returned a user with its error", tt.password)
			}
		}
		if !f.sessionAlive(t, s1) {
			t.Fatal("a refused reset logged the user out")
		}
		f.advance(30 * time.Minute)
		got, err := f.svc.ResetPassword(ctx, token, otherPassword)
		if err != nil {
			t.Fatalf("the link after refused passwords: %v", err)
		}
		if got.ID != u.ID || !f.reload(t, u).UpdatedAt.Equal(f.now) {
			t.Errorf("ResetPassword = %+v", got)
		}
		if _, err := f.svc.Authenticate(ctx, "ama@example.tg", otherPassword, ip); err != nil {
			t.Errorf("new password: %v", err)
		}
		_, err = f.svc.Authenticate(ctx, "ama@example.tg", goodPassword, ip)
		wantCode(t, err, mobilite.EUNAUTHORIZED)
		for _, s := range []string{s1, s2} {
			if f.sessionAlive(t, s) {
				t.Error("a session of the user survived the reset")
			}
		}
		if !f.sessionAlive(t, so) {
			t.Error("another user's session was ended")
		}

		// The link works once.
		_, err = f.svc.ResetPassword(ctx, token, "encore une autre phrase")
		wantCode(t, err, mobilite.ENOTFOUND)
		if k := mobilite.ErrorKey(err); k != "reset.link_invalid" {
			t.Errorf("used link: key %q", k)
		}
		for _, bad := range []string{"", "nope", token + "x"} {
			_, err := f.svc.ResetPassword(ctx, bad, "encore une autre phrase")
			if mobilite.ErrorCode(err) != mobilite.ENOTFOUND || mobilite.ErrorKey(err) != "reset.link_invalid" {
				t.Errorf("ResetPassword(%q): %v", bad, err)
			}
		}
	})
}

func TestResetLinkExpires(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		u := f.seeker(t, "ama@example.tg")
		early := f.requestLink(t, "ama@example.tg")
		late := f.requestLink(t, "ama@example.tg")
		f.advance(account.ResetLifetime - time.Second)
		if _, err := f.svc.ResetPassword(ctx, early, otherPassword); err != nil {
			t.Fatalf("a second before expiry: %v", err)
		}
		f.advance(time.Second)
		_, err := f.svc.ResetPassword(ctx, late, "encore une autre phrase")
		wantCode(t, err, mobilite.ENOTFOUND)
		if k := mobilite.ErrorKey(err); k != "reset.link_invalid" {
			t.Errorf("expired link: key %q", k)
		}
		if ok, _ := cheap().Verify(otherPassword, f.reload(t, u).PasswordHash); !ok {
			t.Error("an expired link changed the password")
		}
	})
}

func TestChangePassword(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		u := f.seeker(t, "ama@example.tg")
		current, other := f.session(t, u), f.session(t, u)
		hash := f.reload(t, u).PasswordHash

		err := f.svc.ChangePassword(ctx, u, otherPassword, "encore une autre phrase", current)
		wantFields(t, err, mobilite.EINVALID, "current", "password.wrong")
		err = f.svc.ChangePassword(ctx, u, goodPassword, "court", current)
		wantFields(t, err, mobilite.EINVALID, "password", "password.too_short")
		err = f.svc.ChangePassword(ctx, u, goodPassword, "AMA@example.tg", current)
		wantFields(t, err, mobilite.EINVALID, "password", "password.too_common")
		if f.reload(t, u).PasswordHash != hash || !f.sessionAlive(t, other) {
			t.Fatal("a refused change changed something")
		}

		f.advance(time.Minute)
		if err := f.svc.ChangePassword(ctx, u, goodPassword, otherPassword, current); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.SessionUser(ctx, current); err != nil {
			t.Errorf("the current session was ended: %v", err)
		}
		if f.sessionAlive(t, other) {
			t.Error("another session survived the change")
		}
		if _, err := f.svc.Authenticate(ctx, "ama@example.tg", otherPassword, ip); err != nil {
			t.Errorf("new password: %v", err)
		}
		if got := f.reload(t, u); !got.UpdatedAt.Equal(f.now) {
			t.Errorf("updated at %v, want %v", got.UpdatedAt, f.now)
		}
	})
}

func TestDeleteAccount(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		for _, role := range []mobilite.Role{mobilite.RoleAdmin, mobilite.RoleCounsellor, mobilite.RoleInspector, mobilite.RoleStatistician} {
			u := f.user(t, string(role)+"@anpe.tg", role)
			wantCode(t, f.svc.DeleteAccount(ctx, u, goodPassword), mobilite.EFORBIDDEN)
			f.reload(t, u)
		}

		u := f.seeker(t, "ama@example.tg")
		session := f.session(t, u)
		err := f.svc.DeleteAccount(ctx, u, otherPassword)
		wantFields(t, err, mobilite.EINVALID, "password", "password.wrong")
		f.reload(t, u)

		if err := f.svc.DeleteAccount(ctx, u, goodPassword); err != nil {
			t.Fatal(err)
		}
		_, err = f.store.FindUserByID(ctx, u.ID)
		wantCode(t, err, mobilite.ENOTFOUND)
		_, err = f.svc.SessionUser(ctx, session)
		wantCode(t, err, mobilite.ENOTFOUND)
		// The login is free again.
		f.seeker(t, "ama@example.tg")

		partner := f.user(t, "oim@example.org", mobilite.RolePartner)
		if err := f.svc.DeleteAccount(ctx, partner, goodPassword); err != nil {
			t.Errorf("a partner closes their own account: %v", err)
		}
	})
}
