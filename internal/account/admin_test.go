package account_test

import (
	"context"
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/account"
	"mobilite/internal/audit"
	"mobilite/internal/locale"
)

// auditJSON decodes the before or after of an audit entry.
func auditJSON(t *testing.T, s string) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		t.Fatalf("audit JSON %q: %v", s, err)
	}
	return m
}

// noSecrets fails if an audit record holds a password hash.
func noSecrets(t *testing.T, e *mobilite.AuditEntry) {
	t.Helper()
	for _, s := range []string{e.Before, e.After} {
		if strings.Contains(strings.ToLower(s), "password") || strings.Contains(s, "$argon2id$") {
			t.Errorf("audit entry %s %d keeps a password hash: %s", e.Action, e.EntityID, s)
		}
	}
}

func TestCreateUser(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		admin := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		lome := f.office(t, "LOM")
		adminCtx := audit.WithIP(ctx, "192.0.2.10")
		tests := []struct {
			in   account.NewUser
			want mobilite.User // the fields that CreateUser sets
		}{
			{account.NewUser{Email: " Kafui@ANPE.tg ", Name: " Kafui ", Role: mobilite.RoleCounsellor, OfficeID: lome.ID, Password: goodPassword},
				mobilite.User{Email: "kafui@anpe.tg", Name: "Kafui", Role: mobilite.RoleCounsellor, OfficeID: lome.ID, Language: "fr"}},
			{account.NewUser{Email: "insp@travail.gouv.tg", Phone: "90 12 34 56", Name: "Insp", Role: mobilite.RoleInspector, OfficeID: lome.ID,
				Organization: "x", Language: "en", Password: goodPassword},
				mobilite.User{Email: "insp@travail.gouv.tg", Phone: "+22890123456", Name: "Insp", Role: mobilite.RoleInspector, Language: "en"}},
			{account.NewUser{Email: "oim@example.org", Name: "OIM", Role: mobilite.RolePartner, Organization: " OIM Lomé ", Password: goodPassword},
				mobilite.User{Email: "oim@example.org", Name: "OIM", Role: mobilite.RolePartner, Organization: "OIM Lomé", Language: "fr"}},
			{account.NewUser{Phone: "+33 6 12 34 56 78", Name: "Afi", Role: mobilite.RoleSeeker, Password: goodPassword},
				mobilite.User{Phone: "+33612345678", Name: "Afi", Role: mobilite.RoleSeeker, Language: "fr"}},
		}
		for _, tt := range tests {
			u, err := f.svc.CreateUser(adminCtx, admin, tt.in)
			if err != nil {
				t.Fatalf("CreateUser(%+v): %v", tt.in, err)
			}
			got := f.reload(t, u)
			w := tt.want
			if got.Email != w.Email || got.Phone != w.Phone || got.Name != w.Name || got.Role != w.Role || got.OfficeID != w.OfficeID ||
				got.Organization != w.Organization || got.Language != w.Language || got.Disabled || !got.CreatedAt.Equal(t0) {
				t.Errorf("CreateUser(%+v) stored %+v", tt.in, got)
			}
			if ok, _ := cheap().Verify(tt.in.Password, got.PasswordHash); !ok {
				t.Errorf("CreateUser(%+v): the password does not verify", tt.in)
			}
			es, _, err := f.store.FindAuditEntries(ctx, mobilite.AuditFilter{Action: "user.create", Entity: "user"})
			if err != nil {
				t.Fatal(err)
			}
			e := es[0]
			if e.EntityID != u.ID || e.ActorID != admin.ID || e.Actor != "admin@anpe.tg" || e.IP != "192.0.2.10" || e.Before != "" || !e.At.Equal(f.now) {
				t.Errorf("audit entry %+v", e)
			}
			after := auditJSON(t, e.After)
			if after["email"] != w.Email || after["role"] != string(w.Role) || after["name"] != w.Name || after["id"] != float64(u.ID) {
				t.Errorf("audit after %s", e.After)
			}
			noSecrets(t, e)
		}
		if ms := f.messages(t); len(ms) != 0 {
			t.Errorf("%d messages for accounts created with a password", len(ms))
		}
	})
}

func TestCreateUserRefuses(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		admin := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		lome := f.office(t, "LOM")
		for _, role := range []mobilite.Role{mobilite.RoleCounsellor, mobilite.RoleInspector, mobilite.RoleStatistician, mobilite.RolePartner, mobilite.RoleSeeker} {
			actor := f.user(t, string(role)+"@example.tg", role)
			_, err := f.svc.CreateUser(ctx, actor, account.NewUser{Email: "x@anpe.tg", Name: "X", Role: mobilite.RoleAdmin, Password: goodPassword})
			wantCode(t, err, mobilite.EFORBIDDEN)
		}
		users, audits := f.countUsers(t), len(f.auditEntries(t, "user.create"))

		tests := []struct {
			name      string
			in        account.NewUser
			fieldKeys []string
		}{
			{"staff without e-mail", account.NewUser{Phone: "90 12 34 56", Name: "X", Role: mobilite.RoleInspector, Password: goodPassword},
				[]string{"email", "user.email.required"}},
			{"partner without e-mail", account.NewUser{Phone: "90 12 34 56", Name: "X", Role: mobilite.RolePartner, Organization: "OIM", Password: goodPassword},
				[]string{"email", "user.email.required"}},
			{"seeker without e-mail or password", account.NewUser{Phone: "90 12 34 56", Name: "X", Role: mobilite.RoleSeeker},
				[]string{"email", "user.email.required"}},
			{"bad e-mail", account.NewUser{Email: "x@localhost", Name: "X", Role: mobilite.RoleInspector, Password: goodPassword},
				[]string{"email", "user.email.invalid"}},
			{"bad phone", account.NewUser{Email: "x@anpe.tg", Phone: "90 12", Name: "X", Role: mobilite.RoleInspector, Password: goodPassword},
				[]string{"phone", "user.phone.invalid"}},
			{"counsellor without office", account.NewUser{Email: "x@anpe.tg", Name: "X", Role: mobilite.RoleCounsellor, Password: goodPassword},
				[]string{"office", "user.office.required"}},
			{"counsellor in an unknown office", account.NewUser{Email: "x@anpe.tg", Name: "X", Role: mobilite.RoleCounsellor, OfficeID: lome.ID + 1000},
				[]string{"office", "user.office.required"}},
			{"partner without organisation", account.NewUser{Email: "x@anpe.tg", Name: "X", Role: mobilite.RolePartner, Password: goodPassword},
				[]string{"organization", "user.organization.required"}},
			{"no role", account.NewUser{Email: "x@anpe.tg", Name: "X", Password: goodPassword}, []string{"role", "user.role.invalid"}},
			{"unknown role", account.NewUser{Email: "x@anpe.tg", Name: "X", Role: "boss", Password: goodPassword}, []string{"role", "user.role.invalid"}},
			{"no name", account.NewUser{Email: "x@anpe.tg", Role: mobilite.RoleInspector, Password: goodPassword}, []string{"name", "user.name.required"}},
			{"unknown language", account.NewUser{Email: "x@anpe.tg", Name: "X", Role: mobilite.RoleInspector, Language: "ee", Password: goodPassword},
				[]string{"language", "user.language.invalid"}},
			{"weak password", account.NewUser{Email: "x@anpe.tg", Name: "X", Role: mobilite.RoleInspector, Password: "x@anpe.tg"},
				[]string{"password", "password.too_common"}},
			{"everything", account.NewUser{Phone: "x", Role: mobilite.RoleCounsellor, Language: "de", Password: "court"},
				[]string{"phone", "user.phone.invalid", "email", "user.email.required", "name", "user.name.required",
					"office", "user.office.required", "language", "user.language.invalid", "password", "password.too_short"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				u, err := f.svc.CreateUser(ctx, admin, tt.in)
				if u != nil {
					t.Errorf("user returned with the error")
				}
				wantFields(t, err, mobilite.EINVALID, tt.fieldKeys...)
			})
		}
		if n := f.countUsers(t); n != users {
			t.Errorf("%d users after refusals, want %d", n, users)
		}
		if n := len(f.auditEntries(t, "user.create")); n != audits {
			t.Errorf("%d audit entries after refusals, want %d", n, audits)
		}
		if ms := f.messages(t); len(ms) != 0 {
			t.Errorf("%d messages after refusals", len(ms))
		}
	})
}

func TestCreateUserConflict(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		admin := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		if _, err := f.svc.CreateUser(ctx, admin, account.NewUser{Email: "kossi@anpe.tg", Phone: "90 12 34 56", Name: "Kossi",
			Role: mobilite.RoleInspector, Password: goodPassword}); err != nil {
			t.Fatal(err)
		}
		users, audits := f.countUsers(t), len(f.auditEntries(t, "user.create"))
		tests := []struct {
			name  string
			in    account.NewUser
			field string
		}{
			{"e-mail taken", account.NewUser{Email: "KOSSI@anpe.tg", Name: "X", Role: mobilite.RoleInspector, Password: goodPassword}, "email"},
			{"phone taken, no e-mail", account.NewUser{Phone: "+22890123456", Name: "X", Role: mobilite.RoleSeeker, Password: goodPassword}, "phone"},
			{"new e-mail, phone taken", account.NewUser{Email: "autre@anpe.tg", Phone: "+228 90 12 34 56", Name: "X", Role: mobilite.RoleInspector, Password: goodPassword}, "phone"},
			{"invitation, phone taken", account.NewUser{Email: "autre@anpe.tg", Phone: "90123456", Name: "X", Role: mobilite.RoleInspector}, "phone"},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				_, err := f.svc.CreateUser(ctx, admin, tt.in)
				wantFields(t, err, mobilite.ECONFLICT, tt.field, "user.login.taken")
			})
		}
		if n := f.countUsers(t); n != users {
			t.Errorf("%d users after conflicts, want %d", n, users)
		}
		if n := len(f.auditEntries(t, "user.create")); n != audits {
			t.Errorf("%d audit entries after conflicts, want %d", n, audits)
		}
		if ms := f.messages(t); len(ms) != 0 {
			t.Errorf("%d messages after conflicts", len(ms))
		}
	})
}

func TestCreateUserInvite(t *testing.T) {
	cat := locale.MustLoad()
	onEngines(t, func(t *testing.T, f *fixture) {
		admin := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		u, err := f.svc.CreateUser(ctx, admin, account.NewUser{Email: "stat@anpe.tg", Name: "Yawa", Role: mobilite.RoleStatistician, Language: "en"})
		if err != nil {
			t.Fatal(err)
		}
		hash := f.reload(t, u).PasswordHash
		for _, pw := range []string{"", "!", hash, goodPassword} {
			if ok, _ := cheap().Verify(pw, hash); ok {
				t.Errorf("the hash of an invited account verifies %q", pw)
			}
		}
		for _, pw := range []string{"!", hash} {
			_, err := f.svc.Authenticate(ctx, "stat@anpe.tg", pw, ip)
			wantCode(t, err, mobilite.EUNAUTHORIZED)
		}
		ms := f.messages(t)
		if len(ms) != 1 {
			t.Fatalf("%d messages, want 1 invitation", len(ms))
		}
		p := cat.Printer("en")
		token := linkToken(t, ms[0].Body)
		want := p.T("mail.invite.body", "name", "Yawa", "link", "https://mobilite.example/mot-de-passe/nouveau?token="+token, "hours", 72)
		if ms[0].To != "stat@anpe.tg" || ms[0].Subject != p.T("mail.invite.subject") || ms[0].Body != want {
			t.Errorf("invitation %+v", ms[0])
		}
		es := f.auditEntries(t, "user.create") // the admin's (from the command line), then this one
		if len(es) != 2 || es[0].EntityID != u.ID || es[0].ActorID != admin.ID {
			t.Fatalf("audit entries %+v", es)
		}
		noSecrets(t, es[0])

		// The invitation outlives a reset link.
		f.advance(account.InviteLifetime - time.Minute)
		if _, err := f.svc.ResetPassword(ctx, token, otherPassword); err != nil {
			t.Fatalf("invitation link after %v: %v", account.InviteLifetime-time.Minute, err)
		}
		if _, err := f.svc.Authenticate(ctx, "stat@anpe.tg", otherPassword, ip); err != nil {
			t.Fatal(err)
		}
	})
}

func TestCreateUserFromCommandLine(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		u := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		es := f.auditEntries(t, "user.create")
		if len(es) != 1 || es[0].Actor != "cli" || es[0].ActorID != 0 || es[0].EntityID != u.ID {
			t.Fatalf("audit entries %+v", es)
		}
	})
}

// auditDown is a store whose audit log refuses every write, to check that a write and its audit
// entry land together or not at all.
type auditDown struct{ mobilite.Store }

func (s auditDown) CreateAuditEntry(context.Context, *mobilite.AuditEntry) error {
	return errors.New("audit log unavailable")
}

func (s auditDown) Tx(ctx context.Context, fn func(mobilite.Store) error) error {
	return s.Store.Tx(ctx, func(tx mobilite.Store) error { return fn(auditDown{tx}) })
}

func TestAdminWritesRollBackWithoutAudit(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		admin := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		target := f.user(t, "insp@anpe.tg", mobilite.RoleInspector)
		session := f.session(t, target)
		svc := account.New(auditDown{f.store}, cheap(), locale.MustLoad(), "https://mobilite.example", func() time.Time { return f.now })
		users := f.countUsers(t)

		if _, err := svc.CreateUser(ctx, admin, account.NewUser{Email: "new@anpe.tg", Name: "New", Role: mobilite.RoleInspector}); err == nil {
			t.Fatal("CreateUser succeeded without its audit entry")
		}
		if n := f.countUsers(t); n != users {
			t.Errorf("%d users, want %d: the user stayed without its audit entry", n, users)
		}
		if ms := f.messages(t); len(ms) != 0 {
			t.Errorf("the invitation to an account that does not exist was enqueued")
		}

		if _, _, err := svc.CreateToken(ctx, target, "export"); err == nil {
			t.Fatal("CreateToken succeeded without its audit entry")
		}
		if ts, err := f.store.FindAPITokens(ctx, target.ID); err != nil || len(ts) != 0 {
			t.Errorf("tokens %v (%v): the token stayed without its audit entry", ts, err)
		}

		disabled := true
		if _, err := svc.UpdateUser(ctx, admin, target.ID, account.UserUpdate{Disabled: &disabled}); err == nil {
			t.Fatal("UpdateUser succeeded without its audit entry")
		}
		if f.reload(t, target).Disabled || !f.sessionAlive(t, session) {
			t.Error("the update stayed without its audit entry")
		}
	})
}

func TestUpdateUser(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		admin := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		target := f.user(t, "kafui@anpe.tg", mobilite.RoleCounsellor)
		lome := f.office(t, "LOM")
		session := f.session(t, target)
		f.advance(time.Hour)

		name, role := "  Kafui Amegah ", mobilite.RoleInspector
		u, err := f.svc.UpdateUser(audit.WithIP(ctx, "192.0.2.10"), admin, target.ID, account.UserUpdate{Name: &name, Role: &role})
		if err != nil {
			t.Fatal(err)
		}
		got := f.reload(t, target)
		if u.Name != "Kafui Amegah" || got.Name != "Kafui Amegah" || got.Role != mobilite.RoleInspector || got.OfficeID != 0 || !got.UpdatedAt.Equal(f.now) {
			t.Fatalf("stored %+v", got)
		}
		es := f.auditEntries(t, "user.update")
		if len(es) != 1 || es[0].ActorID != admin.ID || es[0].EntityID != target.ID || es[0].IP != "192.0.2.10" {
			t.Fatalf("audit entries %+v", es)
		}
		before, after := auditJSON(t, es[0].Before), auditJSON(t, es[0].After)
		if before["name"] != "Kossi Mensah" || after["name"] != "Kafui Amegah" || before["role"] != "counsellor" || after["role"] != "inspector" ||
			before["office_id"] != float64(lome.ID) || after["office_id"] != float64(0) || before["disabled"] != false || after["disabled"] != false {
			t.Errorf("audit before %s after %s", es[0].Before, es[0].After)
		}
		noSecrets(t, es[0])
		if !f.sessionAlive(t, session) {
			t.Error("a change of role ended the sessions")
		}

		// Disabling logs the account out everywhere, for good.
		disabled, enabled := true, false
		if _, err := f.svc.UpdateUser(ctx, admin, target.ID, account.UserUpdate{Disabled: &disabled}); err != nil {
			t.Fatal(err)
		}
		if f.sessionAlive(t, session) {
			t.Error("the disabled user's session is still in the store")
		}
		if _, err := f.svc.UpdateUser(ctx, admin, target.ID, account.UserUpdate{Disabled: &enabled}); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.SessionUser(ctx, session)
		wantCode(t, err, mobilite.ENOTFOUND)
		es = f.auditEntries(t, "user.update")
		if len(es) != 3 || auditJSON(t, es[1].Before)["disabled"] != false || auditJSON(t, es[1].After)["disabled"] != true ||
			auditJSON(t, es[0].After)["disabled"] != false {
			t.Errorf("audit of disable and enable: %+v", es)
		}

		// Back to counsellor: an office is needed, and it must exist.
		counsellor := mobilite.RoleCounsellor
		nowhere, there := lome.ID+1000, lome.ID
		_, err = f.svc.UpdateUser(ctx, admin, target.ID, account.UserUpdate{Role: &counsellor})
		wantFields(t, err, mobilite.EINVALID, "office", "user.office.required")
		_, err = f.svc.UpdateUser(ctx, admin, target.ID, account.UserUpdate{Role: &counsellor, OfficeID: &nowhere})
		wantFields(t, err, mobilite.EINVALID, "office", "user.office.required")
		if got := f.reload(t, target); got.Role != mobilite.RoleInspector {
			t.Fatalf("a refused update changed the role to %s", got.Role)
		}
		if _, err := f.svc.UpdateUser(ctx, admin, target.ID, account.UserUpdate{Role: &counsellor, OfficeID: &there}); err != nil {
			t.Fatal(err)
		}
		if got := f.reload(t, target); got.Role != mobilite.RoleCounsellor || got.OfficeID != lome.ID {
			t.Errorf("stored %+v", got)
		}
		if n := len(f.auditEntries(t, "user.update")); n != 4 {
			t.Errorf("%d audit entries, want 4: refused updates are not audited", n)
		}
	})
}

func TestUpdateUserRefuses(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		admin := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		other := f.user(t, "admin2@anpe.tg", mobilite.RoleAdmin)
		session := f.session(t, admin)
		name := "X"
		for _, actor := range []*mobilite.User{nil, f.user(t, "insp@anpe.tg", mobilite.RoleInspector), f.seeker(t, "ama@example.tg")} {
			_, err := f.svc.UpdateUser(ctx, actor, other.ID, account.UserUpdate{Name: &name})
			wantCode(t, err, mobilite.EFORBIDDEN)
		}
		_, err := f.svc.UpdateUser(ctx, admin, other.ID+1000, account.UserUpdate{Name: &name})
		wantCode(t, err, mobilite.ENOTFOUND)

		seeker, partner, disabled := mobilite.RoleSeeker, mobilite.RolePartner, true
		_, err = f.svc.UpdateUser(ctx, admin, admin.ID, account.UserUpdate{Role: &seeker})
		wantFields(t, err, mobilite.EINVALID, "role", "user.self_demote")
		_, err = f.svc.UpdateUser(ctx, admin, admin.ID, account.UserUpdate{Name: &name, Disabled: &disabled})
		wantFields(t, err, mobilite.EINVALID, "disabled", "user.self_disable")
		_, err = f.svc.UpdateUser(ctx, admin, other.ID, account.UserUpdate{Role: &partner})
		wantFields(t, err, mobilite.EINVALID, "organization", "user.organization.required")
		blank := " "
		_, err = f.svc.UpdateUser(ctx, admin, other.ID, account.UserUpdate{Name: &blank})
		wantFields(t, err, mobilite.EINVALID, "name", "user.name.required")
		if got := f.reload(t, admin); got.Role != mobilite.RoleAdmin || got.Disabled || got.Name != "Kossi Mensah" || !f.sessionAlive(t, session) {
			t.Errorf("refused updates changed the admin: %+v", got)
		}
		if got := f.reload(t, other); got.Role != mobilite.RoleAdmin || got.Name != "Kossi Mensah" {
			t.Errorf("refused updates changed the other admin: %+v", got)
		}
		if es := f.auditEntries(t, "user.update"); len(es) != 0 {
			t.Errorf("refused updates were audited: %+v", es[0])
		}
		// Another admin may be demoted and disabled.
		if _, err := f.svc.UpdateUser(ctx, admin, other.ID, account.UserUpdate{Role: &seeker, Disabled: &disabled}); err != nil {
			t.Fatal(err)
		}
	})
}

// TestUpdateUserPromotionNeedsEmail: staff and partners need an e-mail (CreateUser refuses them
// without one, and invitations and resets go by e-mail); promoting a seeker who signed up by phone
// must be refused the same way — on the role field, the one the admin changed in the form.
func TestUpdateUserPromotionNeedsEmail(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		admin := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		byPhone := f.seeker(t, "90 12 34 56")
		for _, role := range []mobilite.Role{mobilite.RoleAdmin, mobilite.RoleInspector, mobilite.RoleStatistician} {
			_, err := f.svc.UpdateUser(ctx, admin, byPhone.ID, account.UserUpdate{Role: &role})
			if fs := mobilite.ErrorFields(err); mobilite.ErrorCode(err) != mobilite.EINVALID || len(fs) != 1 || fs[0].Field != "role" || fs[0].Key != "user.email.required" {
				t.Errorf("promoting a seeker without e-mail to %s: %v; want EINVALID on field role", role, err)
			}
		}
		if got := f.reload(t, byPhone); got.Role != mobilite.RoleSeeker {
			t.Errorf("a seeker without e-mail became %s", got.Role)
		}
	})
}

func TestSendInvite(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		admin := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		target := f.user(t, "insp@anpe.tg", mobilite.RoleInspector)
		byPhone := f.seeker(t, "90 12 34 56")
		for _, actor := range []*mobilite.User{nil, target} {
			wantCode(t, f.svc.SendInvite(ctx, actor, target.ID), mobilite.EFORBIDDEN)
		}
		wantCode(t, f.svc.SendInvite(ctx, admin, target.ID+1000), mobilite.ENOTFOUND)
		wantFields(t, f.svc.SendInvite(ctx, admin, byPhone.ID), mobilite.EINVALID, "email", "user.email.required")
		if ms := f.messages(t); len(ms) != 0 {
			t.Fatalf("%d messages after refusals", len(ms))
		}
		if err := f.svc.SendInvite(ctx, admin, target.ID); err != nil {
			t.Fatal(err)
		}
		ms := f.messages(t)
		if len(ms) != 1 || ms[0].To != "insp@anpe.tg" {
			t.Fatalf("messages %+v", ms)
		}
		es := f.auditEntries(t, "user.invite")
		if len(es) != 1 || es[0].ActorID != admin.ID || es[0].EntityID != target.ID {
			t.Errorf("audit entries %+v", es)
		}
		if _, err := f.svc.ResetPassword(ctx, linkToken(t, ms[0].Body), otherPassword); err != nil {
			t.Fatal(err)
		}
	})
}
