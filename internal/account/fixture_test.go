package account_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"reflect"
	"regexp"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/account"
	"mobilite/internal/locale"
	"mobilite/internal/store"
	"mobilite/internal/store/storetest"
)

var ctx = context.Background()

// t0 is when every test starts; the service reads the fixture's clock.
var t0 = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)

const (
	goodPassword  = "une phrase facile à retenir"
	otherPassword = "le fleuve Mono en crue"
	ip            = "203.0.113.7"
)

// cheap is a hasher fast enough for tests.
func cheap() *account.Hasher { return &account.Hasher{Time: 1, Memory: 64, Threads: 1} }

// fixture is an account service on a real, empty store, with a clock that the test moves.
type fixture struct {
	store *store.DB
	svc   *account.Service
	now   time.Time
}

func newFixture(t *testing.T, engine string) *fixture {
	f := &fixture{store: storetest.Open(t, engine), now: t0}
	// The trailing slash checks that links do not get a double one.
	f.svc = account.New(f.store, cheap(), locale.MustLoad(), "https://mobilite.example/", func() time.Time { return f.now })
	return f
}

// onEngines runs fn with a fresh fixture on every engine under test.
func onEngines(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, e := range storetest.Engines(t) {
		t.Run(e, func(t *testing.T) { fn(t, newFixture(t, e)) })
	}
}

func (f *fixture) advance(d time.Duration) { f.now = f.now.Add(d) }

// seeker signs a job seeker up with goodPassword.
func (f *fixture) seeker(t *testing.T, login string) *mobilite.User {
	t.Helper()
	u, err := f.svc.SignUp(ctx, account.SignUp{Login: login, Name: "Ama Koffi", Password: goodPassword, Language: "fr"})
	if err != nil {
		t.Fatalf("sign up %s: %v", login, err)
	}
	return u
}

// user creates an account from the command line (no actor) with goodPassword.
func (f *fixture) user(t *testing.T, email string, role mobilite.Role) *mobilite.User {
	t.Helper()
	in := account.NewUser{Email: email, Name: "Kossi Mensah", Role: role, Password: goodPassword}
	switch role {
	case mobilite.RoleCounsellor:
		in.OfficeID = f.office(t, "LOM").ID
	case mobilite.RolePartner:
		in.Organization = "OIM"
	}
	u, err := f.svc.CreateUser(ctx, nil, in)
	if err != nil {
		t.Fatalf("create %s %s: %v", role, email, err)
	}
	return u
}

// office returns the office with this code, creating it if needed.
func (f *fixture) office(t *testing.T, code string) *mobilite.Office {
	t.Helper()
	offices, err := f.store.FindOffices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, o := range offices {
		if o.Code == code {
			return o
		}
	}
	o := &mobilite.Office{Code: code, Name: "Bureau " + code, Region: "TG-M", Country: "TGO", Active: true, CreatedAt: t0, UpdatedAt: t0}
	if err := f.store.CreateOffice(ctx, o); err != nil {
		t.Fatal(err)
	}
	return o
}

// reload reads u again from the store.
func (f *fixture) reload(t *testing.T, u *mobilite.User) *mobilite.User {
	t.Helper()
	got, err := f.store.FindUserByID(ctx, u.ID)
	if err != nil {
		t.Fatalf("find user %d: %v", u.ID, err)
	}
	return got
}

// disable marks u disabled in the store directly, leaving its sessions and tokens in place.
func (f *fixture) disable(t *testing.T, u *mobilite.User) {
	t.Helper()
	u = f.reload(t, u)
	u.Disabled = true
	if err := f.store.UpdateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
}

func (f *fixture) countUsers(t *testing.T) int {
	t.Helper()
	_, n, err := f.store.FindUsers(ctx, mobilite.UserFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// messages returns the outbox, newest first.
func (f *fixture) messages(t *testing.T) []*mobilite.Message {
	t.Helper()
	ms, _, err := f.store.FindMessages(ctx, mobilite.OutboxFilter{})
	if err != nil {
		t.Fatal(err)
	}
	return ms
}

// auditEntries returns the entries of an action, newest first.
func (f *fixture) auditEntries(t *testing.T, action string) []*mobilite.AuditEntry {
	t.Helper()
	es, _, err := f.store.FindAuditEntries(ctx, mobilite.AuditFilter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

// session starts a session for u and checks that it works.
func (f *fixture) session(t *testing.T, u *mobilite.User) string {
	t.Helper()
	token, err := f.svc.StartSession(ctx, u, ip, "Mozilla/5.0", 0)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.svc.SessionUser(ctx, token); err != nil {
		t.Fatalf("new session: %v", err)
	}
	return token
}

// sessionAlive reports whether the store still holds the session, whatever its user's state.
func (f *fixture) sessionAlive(t *testing.T, token string) bool {
	t.Helper()
	_, err := f.store.FindSession(ctx, sha256Hex(token), f.now)
	if err != nil && mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		t.Fatal(err)
	}
	return err == nil
}

func sha256Hex(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

var linkRE = regexp.MustCompile(`https://mobilite\.example/mot-de-passe/nouveau\?token=([A-Za-z0-9_-]{43})(\s|$)`)

// linkToken returns the token of the one-time link in a message body.
func linkToken(t *testing.T, body string) string {
	t.Helper()
	m := linkRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatalf("no link in %q", body)
	}
	return m[1]
}

func wantCode(t *testing.T, err error, code mobilite.Code) {
	t.Helper()
	if got := mobilite.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
}

// wantFields checks that err has this code and exactly these fields, given as field, key pairs.
func wantFields(t *testing.T, err error, code mobilite.Code, fieldKeys ...string) {
	t.Helper()
	wantCode(t, err, code)
	var want []mobilite.FieldError
	for i := 0; i+1 < len(fieldKeys); i += 2 {
		want = append(want, mobilite.FieldError{Field: fieldKeys[i], Key: fieldKeys[i+1]})
	}
	if got := mobilite.ErrorFields(err); !reflect.DeepEqual(got, want) {
		t.Fatalf("error %v: fields %v, want %v", err, got, want)
	}
}
