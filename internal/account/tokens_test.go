package account_test

import (
	"strings"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/account"
)

func TestCreateToken(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		seeker := f.seeker(t, "ama@example.tg")
		_, _, err := f.svc.CreateToken(ctx, seeker, "mon script")
		wantCode(t, err, mobilite.EFORBIDDEN)
		if ts, _ := f.store.FindAPITokens(ctx, seeker.ID); len(ts) != 0 {
			t.Fatal("a refused token was stored")
		}

		partner := f.user(t, "oim@example.org", mobilite.RolePartner)
		for _, name := range []string{"", "   ", strings.Repeat("n", 81)} {
			_, _, err := f.svc.CreateToken(ctx, partner, name)
			wantFields(t, err, mobilite.EINVALID, "name", "token.name.invalid")
		}
		raw, tok, err := f.svc.CreateToken(ctx, partner, "  synchro OIM ")
		if err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(raw, account.TokenPrefix) || account.TokenPrefix != "mob_" || len(raw) < 40 || tok.Prefix != raw[:12] ||
			tok.Name != "synchro OIM" || tok.UserID != partner.ID || tok.Hash == "" || strings.Contains(tok.Hash, raw) {
			t.Fatalf("CreateToken = %q, %+v", raw, tok)
		}
		raw2, _, err := f.svc.CreateToken(ctx, partner, "second")
		if err != nil || raw2 == raw {
			t.Fatalf("second token %q, %v", raw2, err)
		}

		f.advance(time.Hour)
		u, err := f.svc.TokenUser(ctx, raw)
		if err != nil || u.ID != partner.ID {
			t.Fatalf("TokenUser = %v, %v", u, err)
		}
		ts, err := f.store.FindAPITokens(ctx, partner.ID)
		if err != nil || len(ts) != 2 {
			t.Fatalf("FindAPITokens = %v, %v", ts, err)
		}
		for _, st := range ts {
			if st.ID == tok.ID && !st.LastUsedAt.Equal(f.now) {
				t.Errorf("last use %v, want %v", st.LastUsedAt, f.now)
			}
		}
		for _, bad := range []string{"", raw[4:], "mob_", raw + "x", strings.ToUpper(raw), account.TokenPrefix + strings.Repeat("a", 97)} {
			_, err := f.svc.TokenUser(ctx, bad)
			wantCode(t, err, mobilite.ENOTFOUND)
		}
	})
}

func TestRevokeToken(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		owner := f.user(t, "oim@example.org", mobilite.RolePartner)
		intruder := f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
		raw, tok, err := f.svc.CreateToken(ctx, owner, "synchro")
		if err != nil {
			t.Fatal(err)
		}
		wantCode(t, f.svc.RevokeToken(ctx, intruder, tok.ID), mobilite.ENOTFOUND)
		if _, err := f.svc.TokenUser(ctx, raw); err != nil {
			t.Fatalf("another user's revocation removed the token: %v", err)
		}
		if es := f.auditEntries(t, "token.revoke"); len(es) != 0 {
			t.Errorf("a refused revocation was audited: %+v", es[0])
		}
		if err := f.svc.RevokeToken(ctx, owner, tok.ID); err != nil {
			t.Fatal(err)
		}
		_, err = f.svc.TokenUser(ctx, raw)
		wantCode(t, err, mobilite.ENOTFOUND)
		wantCode(t, f.svc.RevokeToken(ctx, owner, tok.ID), mobilite.ENOTFOUND)
	})
}

func TestTokenOfDisabledUser(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		partner := f.user(t, "oim@example.org", mobilite.RolePartner)
		raw, _, err := f.svc.CreateToken(ctx, partner, "synchro")
		if err != nil {
			t.Fatal(err)
		}
		f.disable(t, partner)
		_, err = f.svc.TokenUser(ctx, raw)
		wantCode(t, err, mobilite.ENOTFOUND)
	})
}

// TestTokensAudit: staff tokens are staff writes and go to the audit log; a partner's are not.
func TestTokensAudit(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		partner := f.user(t, "oim@example.org", mobilite.RolePartner)
		stat := f.user(t, "stat@anpe.tg", mobilite.RoleStatistician)
		for _, u := range []*mobilite.User{partner, stat} {
			raw, tok, err := f.svc.CreateToken(ctx, u, "export")
			if err != nil {
				t.Fatal(err)
			}
			if err := f.svc.RevokeToken(ctx, u, tok.ID); err != nil {
				t.Fatal(err)
			}
			for _, action := range []string{"token.create", "token.revoke"} {
				es, _, err := f.store.FindAuditEntries(ctx, mobilite.AuditFilter{ActorID: u.ID, Action: action})
				if err != nil {
					t.Fatal(err)
				}
				want := 0
				if u.Role.Staff() {
					want = 1
				}
				if len(es) != want {
					t.Fatalf("%s %s: %d entries, want %d", u.Role, action, len(es), want)
				}
				for _, e := range es {
					if e.EntityID != tok.ID || e.Entity != "api_token" || strings.Contains(e.Before+e.After, raw) ||
						strings.Contains(e.Before+e.After, tok.Hash) {
						t.Errorf("%s: %+v", action, e)
					}
				}
			}
		}
	})
}
