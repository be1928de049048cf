// Package storetest is the conformance suite that every store engine must pass, and the helpers
// that give a test a throw-away database on either engine.
package storetest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, to create throw-away databases

	"mobilite"
	"mobilite/internal/store"
	"mobilite/internal/store/postgres"
	"mobilite/internal/store/sqlite"
)

// Quiet is a logger that drops everything, for tests.
var Quiet = slog.New(slog.NewTextHandler(io.Discard, nil))

// Engines lists the engines a test should run on: always sqlite, and postgres when
// MOBILITE_TEST_POSTGRES names a server. In CI (CI=true) a missing PostgreSQL is a failure, never
// a silent skip.
func Engines(t testing.TB) []string {
	if os.Getenv("MOBILITE_TEST_POSTGRES") != "" {
		return []string{"sqlite", "postgres"}
	}
	if os.Getenv("CI") != "" {
		t.Fatal("MOBILITE_TEST_POSTGRES is not set: the PostgreSQL half of the suite cannot be skipped in CI")
	}
	t.Log("MOBILITE_TEST_POSTGRES is not set: PostgreSQL tests skipped (they run under `make test`)")
	return []string{"sqlite"}
}

// Open returns a fresh, migrated store on the named engine, dropped when the test ends.
func Open(t testing.TB, engine string) *store.DB {
	t.Helper()
	ctx := context.Background()
	var db *store.DB
	var err error
	switch engine {
	case "sqlite":
		db, err = sqlite.Open(ctx, filepath.Join(t.TempDir(), "test.db"), Quiet)
	case "postgres":
		db, err = postgres.Open(ctx, PostgresDSN(t), Quiet)
	default:
		t.Fatalf("unknown engine %q", engine)
	}
	if err != nil {
		t.Fatalf("open %s: %v", engine, err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// PostgresDSN creates a throw-away database on the server named by MOBILITE_TEST_POSTGRES and
// returns its DSN; the database is dropped when the test ends.
func PostgresDSN(t testing.TB) string {
	t.Helper()
	base := os.Getenv("MOBILITE_TEST_POSTGRES")
	if base == "" {
		t.Fatal("MOBILITE_TEST_POSTGRES is not set")
	}
	admin, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatalf("postgres: %v", err)
	}
	name := fmt.Sprintf("mobilite_test_%d_%d", os.Getpid(), time.Now().UnixNano())
	if _, err := admin.Exec(`CREATE DATABASE ` + name); err != nil {
		admin.Close()
		t.Fatalf("postgres: create database: %v", err)
	}
	t.Cleanup(func() {
		defer admin.Close()
		if _, err := admin.Exec(`DROP DATABASE IF EXISTS ` + name + ` WITH (FORCE)`); err != nil {
			t.Errorf("postgres: drop database %s: %v", name, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatalf("postgres: bad MOBILITE_TEST_POSTGRES: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// Run runs the conformance suite against a store made by open.
func Run(t *testing.T, open func(t *testing.T) mobilite.Store) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s mobilite.Store)
	}{
		{"Users", testUsers},
		{"UserConflicts", testUserConflicts},
		{"FindUsers", testFindUsers},
		{"Sessions", testSessions},
		{"APITokens", testAPITokens},
		{"PasswordResets", testPasswordResets},
		{"LoginFailures", testLoginFailures},
		{"Offices", testOffices},
		{"Audit", testAudit},
		{"Outbox", testOutbox},
		{"TxRollback", testTxRollback},
		{"Times", testTimes},
		{"IngestJobs", testIngestJobs},
		{"IngestWithinBatch", testIngestWithinBatch},
		{"IngestText", testIngestText},
		{"SearchHalves", testSearchHalves},
		{"SearchesAtOnce", testSearchesAtOnce},
		{"MatchCache", testMatchCache},
		{"CommonLexemes", testCommonLexemes},
		{"SearchJobs", testSearchJobs},
		{"PartnerJobs", testPartnerJobs},
		{"Sources", testSources},
		{"Seekers", testSeekers},
		{"SeekerCVs", testSeekerCVs},
		{"Matching", testMatching},
		{"Flows", testFlows},
		{"Plan", testPlan},
		{"Surveys", testSurveys},
		{"CreateSeekers", testCreateSeekers},
		{"MatchOffersCopy", testMatchOffersCopy},
		{"CandidatesFirst", testCandidatesFirst},
		{"CreateFlows", testCreateFlows},
		{"CountFlowsBatch", testCountFlowsBatch},
		{"Agencies", testAgencies},
		{"CountLicences", testCountLicences},
		{"Complaints", testComplaints},
		{"CountComplaints", testCountComplaints},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) { tt.fn(t, open(t)) })
	}
}

var ctx = context.Background()

// t0 is a fixed instant with microseconds, to check that times survive the round trip.
var t0 = time.Date(2026, 3, 14, 9, 26, 53, 589793000, time.UTC)

func wantCode(t *testing.T, err error, code mobilite.Code) {
	t.Helper()
	if got := mobilite.ErrorCode(err); got != code {
		t.Fatalf("error code = %q (%v), want %q", got, err, code)
	}
}

func must(t *testing.T, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

// NewUser returns a valid user with the given login (an e-mail or a +phone).
func NewUser(login string, role mobilite.Role) *mobilite.User {
	u := &mobilite.User{Name: "Ama Koffi", Role: role, Language: "fr", PasswordHash: "x", CreatedAt: t0, UpdatedAt: t0}
	if strings.HasPrefix(login, "+") {
		u.Phone = login
	} else {
		u.Email = login
	}
	if role == mobilite.RolePartner {
		u.Organization = "OIM"
	}
	return u
}

func testUsers(t *testing.T, s mobilite.Store) {
	u := NewUser("ama@example.tg", mobilite.RoleSeeker)
	must(t, s.CreateUser(ctx, u))
	if u.ID == 0 {
		t.Fatal("no id set")
	}
	got, err := s.FindUserByLogin(ctx, "ama@example.tg")
	must(t, err)
	if got.ID != u.ID || got.Name != "Ama Koffi" || got.Role != mobilite.RoleSeeker || got.Phone != "" || !got.LastLoginAt.IsZero() {
		t.Fatalf("got %+v", got)
	}
	got.Phone = "+22890123456"
	got.LastLoginAt = t0.Add(time.Hour)
	got.Disabled = true
	must(t, s.UpdateUser(ctx, got))
	again, err := s.FindUserByLogin(ctx, "+22890123456")
	must(t, err)
	if again.ID != u.ID || !again.Disabled || !again.LastLoginAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("after update: %+v", again)
	}
	_, err = s.FindUserByID(ctx, u.ID+1000)
	wantCode(t, err, mobilite.ENOTFOUND)
	_, err = s.FindUserByLogin(ctx, "")
	wantCode(t, err, mobilite.ENOTFOUND)
	wantCode(t, s.UpdateUser(ctx, &mobilite.User{ID: 9999, Email: "x@y.tg", Name: "x", Role: mobilite.RoleSeeker, Language: "fr"}), mobilite.ENOTFOUND)

	// Deleting a user takes its sessions and tokens with it, and keeps audit entries.
	must(t, s.CreateSession(ctx, &mobilite.Session{Hash: "h1", UserID: u.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	must(t, s.CreateAPIToken(ctx, &mobilite.APIToken{UserID: u.ID, Name: "n", Prefix: "p", Hash: "th", CreatedAt: t0}))
	e := mobilite.NewAuditEntry(u, "user.update", "user", u.ID, nil, map[string]string{"a": "b"})
	e.At = t0
	must(t, s.CreateAuditEntry(ctx, e))
	must(t, s.DeleteUser(ctx, u.ID))
	wantCode(t, s.DeleteUser(ctx, u.ID), mobilite.ENOTFOUND)
	_, err = s.FindSession(ctx, "h1", t0)
	wantCode(t, err, mobilite.ENOTFOUND)
	_, err = s.FindAPIToken(ctx, "th")
	wantCode(t, err, mobilite.ENOTFOUND)
	entries, n, err := s.FindAuditEntries(ctx, mobilite.AuditFilter{})
	must(t, err)
	if n != 1 || entries[0].ActorID != 0 || entries[0].Actor != "ama@example.tg" {
		t.Fatalf("audit after delete: %d %+v", n, entries)
	}
}

func testUserConflicts(t *testing.T, s mobilite.Store) {
	must(t, s.CreateUser(ctx, NewUser("a@example.tg", mobilite.RoleSeeker)))
	must(t, s.CreateUser(ctx, NewUser("+22890000001", mobilite.RoleSeeker)))
	must(t, s.CreateUser(ctx, NewUser("+22890000002", mobilite.RoleSeeker))) // two users without e-mail
	wantCode(t, s.CreateUser(ctx, NewUser("a@example.tg", mobilite.RoleAdmin)), mobilite.ECONFLICT)
	wantCode(t, s.CreateUser(ctx, NewUser("+22890000001", mobilite.RoleAdmin)), mobilite.ECONFLICT)
	b := NewUser("b@example.tg", mobilite.RoleSeeker)
	must(t, s.CreateUser(ctx, b))
	b.Email = "a@example.tg"
	wantCode(t, s.UpdateUser(ctx, b), mobilite.ECONFLICT)
}

func testFindUsers(t *testing.T, s mobilite.Store) {
	o := &mobilite.Office{Code: "KAR", Name: "Kara", Region: "TG-K", Country: "TGO", Active: true, CreatedAt: t0, UpdatedAt: t0}
	must(t, s.CreateOffice(ctx, o))
	for i := range 12 {
		u := NewUser(fmt.Sprintf("user%02d@example.tg", i), mobilite.RoleSeeker)
		if i%3 == 0 {
			u.Role, u.OfficeID = mobilite.RoleCounsellor, o.ID
		}
		must(t, s.CreateUser(ctx, u))
	}
	odd := NewUser("odd_100%@example.tg", mobilite.RoleSeeker)
	odd.Name = "Kossi Mensah"
	must(t, s.CreateUser(ctx, odd))

	users, total, err := s.FindUsers(ctx, mobilite.UserFilter{Limit: 5})
	must(t, err)
	if total != 13 || len(users) != 5 || users[0].ID != odd.ID {
		t.Fatalf("page 1: total %d, %d users, first %v", total, len(users), users[0].Email)
	}
	users, _, err = s.FindUsers(ctx, mobilite.UserFilter{Offset: 10, Limit: 5})
	must(t, err)
	if len(users) != 3 {
		t.Fatalf("last page: %d users", len(users))
	}
	users, total, err = s.FindUsers(ctx, mobilite.UserFilter{Role: mobilite.RoleCounsellor, OfficeID: o.ID})
	must(t, err)
	if total != 4 || len(users) != 4 {
		t.Fatalf("counsellors: %d", total)
	}
	// LIKE wildcards in the query are literal; the match ignores case.
	for q, want := range map[string]int{"100%": 1, "_": 1, "KOSSI": 1, "user0": 10, "%": 1, "nobody": 0} {
		_, total, err = s.FindUsers(ctx, mobilite.UserFilter{Query: q})
		must(t, err)
		if total != want {
			t.Errorf("query %q: %d users, want %d", q, total, want)
		}
	}
}

func testSessions(t *testing.T, s mobilite.Store) {
	u := NewUser("s@example.tg", mobilite.RoleSeeker)
	must(t, s.CreateUser(ctx, u))
	for _, h := range []string{"a", "b", "c"} {
		must(t, s.CreateSession(ctx, &mobilite.Session{Hash: h, UserID: u.ID, CreatedAt: t0, LastSeenAt: t0,
			ExpiresAt: t0.Add(time.Hour), IP: "192.0.2.1", UserAgent: "test"}))
	}
	got, err := s.FindSession(ctx, "a", t0.Add(59*time.Minute))
	must(t, err)
	if got.UserID != u.ID || got.IP != "192.0.2.1" || !got.ExpiresAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("got %+v", got)
	}
	_, err = s.FindSession(ctx, "a", t0.Add(time.Hour))
	wantCode(t, err, mobilite.ENOTFOUND)
	must(t, s.TouchSession(ctx, "a", t0.Add(30*time.Minute), t0.Add(3*time.Hour)))
	_, err = s.FindSession(ctx, "a", t0.Add(2*time.Hour))
	must(t, err)
	must(t, s.DeleteUserSessions(ctx, u.ID, "a"))
	_, err = s.FindSession(ctx, "b", t0)
	wantCode(t, err, mobilite.ENOTFOUND)
	must(t, s.CreateSession(ctx, &mobilite.Session{Hash: "d", UserID: u.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Minute)}))
	n, err := s.DeleteExpiredSessions(ctx, t0.Add(2*time.Hour))
	must(t, err)
	if n != 1 {
		t.Fatalf("expired sessions deleted: %d, want 1", n)
	}
	must(t, s.DeleteSession(ctx, "a"))
	must(t, s.DeleteSession(ctx, "a"))
	_, err = s.FindSession(ctx, "a", t0)
	wantCode(t, err, mobilite.ENOTFOUND)
}

func testAPITokens(t *testing.T, s mobilite.Store) {
	u := NewUser("p@example.tg", mobilite.RolePartner)
	other := NewUser("q@example.tg", mobilite.RolePartner)
	must(t, s.CreateUser(ctx, u))
	must(t, s.CreateUser(ctx, other))
	tok := &mobilite.APIToken{UserID: u.ID, Name: "ATS", Prefix: "mob_abcd", Hash: "hash1", CreatedAt: t0}
	must(t, s.CreateAPIToken(ctx, tok))
	must(t, s.CreateAPIToken(ctx, &mobilite.APIToken{UserID: u.ID, Name: "second", Prefix: "mob_efgh", Hash: "hash2", CreatedAt: t0}))
	wantCode(t, s.CreateAPIToken(ctx, &mobilite.APIToken{UserID: u.ID, Name: "dup", Prefix: "x", Hash: "hash1", CreatedAt: t0}), mobilite.ECONFLICT)
	got, err := s.FindAPIToken(ctx, "hash1")
	must(t, err)
	if got.ID != tok.ID || got.Name != "ATS" || !got.LastUsedAt.IsZero() {
		t.Fatalf("got %+v", got)
	}
	must(t, s.TouchAPIToken(ctx, tok.ID, t0.Add(time.Minute)))
	list, err := s.FindAPITokens(ctx, u.ID)
	must(t, err)
	if len(list) != 2 || list[1].LastUsedAt.IsZero() {
		t.Fatalf("list %+v", list)
	}
	wantCode(t, s.DeleteAPIToken(ctx, other.ID, tok.ID), mobilite.ENOTFOUND) // not yours
	must(t, s.DeleteAPIToken(ctx, u.ID, tok.ID))
	_, err = s.FindAPIToken(ctx, "hash1")
	wantCode(t, err, mobilite.ENOTFOUND)
}

func testPasswordResets(t *testing.T, s mobilite.Store) {
	u := NewUser("r@example.tg", mobilite.RoleSeeker)
	must(t, s.CreateUser(ctx, u))
	must(t, s.CreatePasswordReset(ctx, &mobilite.PasswordReset{Hash: "r1", UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	must(t, s.CreatePasswordReset(ctx, &mobilite.PasswordReset{Hash: "r2", UserID: u.ID, CreatedAt: t0, ExpiresAt: t0.Add(time.Hour)}))
	_, err := s.TakePasswordReset(ctx, "r2", t0.Add(2*time.Hour))
	wantCode(t, err, mobilite.ENOTFOUND) // expired
	r, err := s.TakePasswordReset(ctx, "r1", t0.Add(time.Minute))
	must(t, err)
	if r.UserID != u.ID {
		t.Fatalf("got %+v", r)
	}
	_, err = s.TakePasswordReset(ctx, "r1", t0.Add(time.Minute))
	wantCode(t, err, mobilite.ENOTFOUND) // used once
}

func testLoginFailures(t *testing.T, s mobilite.Store) {
	for i := range 4 {
		must(t, s.RecordLoginFailure(ctx, []string{"acct:a", "ip:1"}, t0.Add(time.Duration(i)*time.Minute)))
	}
	n, err := s.CountLoginFailures(ctx, "acct:a", t0.Add(2*time.Minute))
	must(t, err)
	if n != 2 {
		t.Fatalf("failures since +2m: %d, want 2", n)
	}
	must(t, s.ClearLoginFailures(ctx, "acct:a"))
	n, _ = s.CountLoginFailures(ctx, "acct:a", t0)
	m, _ := s.CountLoginFailures(ctx, "ip:1", t0)
	if n != 0 || m != 4 {
		t.Fatalf("after clear: acct %d ip %d", n, m)
	}
	must(t, s.DeleteLoginFailuresBefore(ctx, t0.Add(3*time.Minute)))
	m, _ = s.CountLoginFailures(ctx, "ip:1", t0)
	if m != 1 {
		t.Fatalf("after purge: %d, want 1", m)
	}
}

func testOffices(t *testing.T, s mobilite.Store) {
	o := &mobilite.Office{Code: "LOM", Name: "Lomé", Region: "TG-M", Country: "TGO", Town: "Lomé", Active: true, CreatedAt: t0, UpdatedAt: t0}
	must(t, s.CreateOffice(ctx, o))
	wantCode(t, s.CreateOffice(ctx, &mobilite.Office{Code: "LOM", Name: "Other", Country: "TGO", CreatedAt: t0, UpdatedAt: t0}), mobilite.ECONFLICT)
	must(t, s.CreateOffice(ctx, &mobilite.Office{Code: "DAP", Name: "Dapaong", Region: "TG-S", Country: "TGO", CreatedAt: t0, UpdatedAt: t0}))
	o.Active = false
	o.Address = "Boulevard du 13 janvier"
	must(t, s.UpdateOffice(ctx, o))
	got, err := s.FindOfficeByID(ctx, o.ID)
	must(t, err)
	if got.Active || got.Address != o.Address || got.Name != "Lomé" {
		t.Fatalf("got %+v", got)
	}
	list, err := s.FindOffices(ctx)
	must(t, err)
	if len(list) != 2 || list[0].Code != "DAP" {
		t.Fatalf("offices not by name: %+v", list)
	}
	_, err = s.FindOfficeByID(ctx, 999)
	wantCode(t, err, mobilite.ENOTFOUND)
	wantCode(t, s.UpdateOffice(ctx, &mobilite.Office{ID: 999, Code: "X1", Name: "x", Country: "TGO"}), mobilite.ENOTFOUND)
}

func testAudit(t *testing.T, s mobilite.Store) {
	admin := NewUser("admin@example.tg", mobilite.RoleAdmin)
	must(t, s.CreateUser(ctx, admin))
	for i := range 5 {
		e := mobilite.NewAuditEntry(admin, "office.update", "office", int64(i%2+1), map[string]int{"v": i}, map[string]int{"v": i + 1})
		e.At, e.IP = t0.Add(time.Duration(i)*time.Hour), "192.0.2.9"
		must(t, s.CreateAuditEntry(ctx, e))
	}
	e := mobilite.NewAuditEntry(nil, "user.create", "user", 7, nil, map[string]string{"email": "x"})
	e.At = t0
	must(t, s.CreateAuditEntry(ctx, e))

	all, total, err := s.FindAuditEntries(ctx, mobilite.AuditFilter{})
	must(t, err)
	if total != 6 || all[0].Action != "user.create" || all[0].Before != "" || all[0].After != `{"email":"x"}` {
		t.Fatalf("all: %d %+v", total, all[0])
	}
	_, total, _ = s.FindAuditEntries(ctx, mobilite.AuditFilter{ActorID: admin.ID, Since: t0.Add(2 * time.Hour), Until: t0.Add(4 * time.Hour)})
	if total != 2 {
		t.Fatalf("by actor and time: %d, want 2", total)
	}
	got, total, _ := s.FindAuditEntries(ctx, mobilite.AuditFilter{Entity: "office", Action: "office.update", Limit: 2, Offset: 1})
	if total != 5 || len(got) != 2 || got[0].Before != `{"v":3}` || got[0].IP != "192.0.2.9" {
		t.Fatalf("page: %d %+v", total, got)
	}
}

func testOutbox(t *testing.T, s mobilite.Store) {
	for i := range 3 {
		must(t, s.EnqueueMessage(ctx, &mobilite.Message{To: fmt.Sprintf("m%d@example.tg", i), Subject: "Objet é", Body: "Corps", CreatedAt: t0}))
	}
	claimed, err := s.ClaimDueMessages(ctx, t0, t0.Add(time.Minute), 2)
	must(t, err)
	if len(claimed) != 2 || claimed[0].To != "m0@example.tg" || claimed[0].Subject != "Objet é" {
		t.Fatalf("claimed %+v", claimed)
	}
	// Leased messages are not claimed again before the lease ends.
	again, err := s.ClaimDueMessages(ctx, t0.Add(time.Second), t0.Add(time.Minute), 10)
	must(t, err)
	if len(again) != 1 || again[0].To != "m2@example.tg" {
		t.Fatalf("second claim %+v", again)
	}
	must(t, s.MarkMessageSent(ctx, claimed[0].ID, t0.Add(time.Second)))
	must(t, s.MarkMessageFailed(ctx, claimed[1].ID, mobilite.MessageFailed, "550 no such user", t0.Add(time.Hour)))
	must(t, s.MarkMessageFailed(ctx, again[0].ID, mobilite.MessagePending, "timeout", t0.Add(10*time.Minute)))

	sent, err := s.FindMessageByID(ctx, claimed[0].ID)
	must(t, err)
	if sent.Status != mobilite.MessageSent || sent.Attempts != 1 || sent.SentAt.IsZero() {
		t.Fatalf("sent %+v", sent)
	}
	failed, total, err := s.FindMessages(ctx, mobilite.OutboxFilter{Status: mobilite.MessageFailed})
	must(t, err)
	if total != 1 || failed[0].LastError != "550 no such user" {
		t.Fatalf("failed %+v", failed)
	}
	due, _ := s.ClaimDueMessages(ctx, t0.Add(11*time.Minute), t0.Add(12*time.Minute), 10)
	if len(due) != 1 || due[0].Attempts != 1 {
		t.Fatalf("retry due %+v", due)
	}
	must(t, s.RetryMessage(ctx, failed[0].ID, t0.Add(2*time.Hour)))
	wantCode(t, s.RetryMessage(ctx, sent.ID, t0), mobilite.ENOTFOUND) // only failed messages go back
	_, err = s.FindMessageByID(ctx, 999)
	wantCode(t, err, mobilite.ENOTFOUND)
}

func testTxRollback(t *testing.T, s mobilite.Store) {
	boom := errors.New("boom")
	err := s.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.CreateUser(ctx, NewUser("tx@example.tg", mobilite.RoleSeeker)); err != nil {
			return err
		}
		if err := tx.EnqueueMessage(ctx, &mobilite.Message{To: "tx@example.tg", Subject: "s", Body: "b", CreatedAt: t0}); err != nil {
			return err
		}
		return boom
	})
	if !errors.Is(err, boom) {
		t.Fatalf("Tx returned %v", err)
	}
	_, err = s.FindUserByLogin(ctx, "tx@example.tg")
	wantCode(t, err, mobilite.ENOTFOUND)
	_, total, _ := s.FindMessages(ctx, mobilite.OutboxFilter{})
	if total != 0 {
		t.Fatalf("half-written: %d messages", total)
	}
	// A conflict inside a transaction rolls back what came before it.
	must(t, s.CreateUser(ctx, NewUser("taken@example.tg", mobilite.RoleSeeker)))
	err = s.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.CreateUser(ctx, NewUser("fresh@example.tg", mobilite.RoleSeeker)); err != nil {
			return err
		}
		return tx.Tx(ctx, func(inner mobilite.Store) error {
			return inner.CreateUser(ctx, NewUser("taken@example.tg", mobilite.RoleSeeker))
		})
	})
	wantCode(t, err, mobilite.ECONFLICT)
	_, err = s.FindUserByLogin(ctx, "fresh@example.tg")
	wantCode(t, err, mobilite.ENOTFOUND)
	// And a successful one lands whole.
	must(t, s.Tx(ctx, func(tx mobilite.Store) error {
		return tx.CreateUser(ctx, NewUser("ok@example.tg", mobilite.RoleSeeker))
	}))
	_, err = s.FindUserByLogin(ctx, "ok@example.tg")
	must(t, err)
}

func testTimes(t *testing.T, s mobilite.Store) {
	paris := time.FixedZone("CET", 3600)
	local := time.Date(2026, 7, 1, 23, 30, 0, 123456000, paris)
	u := NewUser("time@example.tg", mobilite.RoleSeeker)
	u.CreatedAt, u.UpdatedAt = local, local
	must(t, s.CreateUser(ctx, u))
	got, err := s.FindUserByID(ctx, u.ID)
	must(t, err)
	if !got.CreatedAt.Equal(local) || got.CreatedAt.Location() != time.UTC {
		t.Fatalf("time round trip: %v (%v), want %v in UTC", got.CreatedAt, got.CreatedAt.Location(), local)
	}
}
