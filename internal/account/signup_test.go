package account_test

import (
	"strings"
	"testing"

	"mobilite"
	"mobilite/internal/account"
)

func TestSignUp(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		tests := []struct {
			in                 account.SignUp
			email, phone, lang string
		}{
			{account.SignUp{Login: " Ama@Example.TG ", Name: " Ama Koffi ", Password: goodPassword, Language: "en"}, "ama@example.tg", "", "en"},
			{account.SignUp{Login: "90 12 34 56", Name: "Kossi", Password: goodPassword, Language: "fr"}, "", "+22890123456", "fr"},
			{account.SignUp{Login: "0033 6 12 34 56 78", Name: "Afi", Password: goodPassword}, "", "+33612345678", "fr"},
			{account.SignUp{Login: "afi@example.tg", Name: "Afi", Password: goodPassword, Language: "de"}, "afi@example.tg", "", "fr"},
		}
		for _, tt := range tests {
			u, err := f.svc.SignUp(ctx, tt.in)
			if err != nil {
				t.Fatalf("SignUp(%+v): %v", tt.in, err)
			}
			got := f.reload(t, u)
			if got.Email != tt.email || got.Phone != tt.phone || got.Language != tt.lang || got.Role != mobilite.RoleSeeker ||
				got.Name != strings.TrimSpace(tt.in.Name) || !got.CreatedAt.Equal(t0) || got.Disabled {
				t.Errorf("SignUp(%+v) stored %+v", tt.in, got)
			}
			if ok, stale := cheap().Verify(tt.in.Password, got.PasswordHash); !ok || stale {
				t.Errorf("SignUp(%+v): the stored hash does not verify the password", tt.in)
			}
		}
	})
}

func TestSignUpRefuses(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		tests := []struct {
			name      string
			in        account.SignUp
			fieldKeys []string
		}{
			{"no login", account.SignUp{Name: "Ama", Password: goodPassword}, []string{"login", "user.login.required"}},
			{"bad e-mail", account.SignUp{Login: "ama@localhost", Name: "Ama", Password: goodPassword}, []string{"login", "user.email.invalid"}},
			{"neither e-mail nor phone", account.SignUp{Login: "ama", Name: "Ama", Password: goodPassword}, []string{"login", "user.login.invalid"}},
			{"short phone", account.SignUp{Login: "90 12 34", Name: "Ama", Password: goodPassword}, []string{"login", "user.login.invalid"}},
			{"no name", account.SignUp{Login: "ama@example.tg", Name: "  ", Password: goodPassword}, []string{"name", "user.name.required"}},
			{"name with a control", account.SignUp{Login: "ama@example.tg", Name: "Ama\x00", Password: goodPassword}, []string{"name", "user.name.invalid"}},
			{"short password", account.SignUp{Login: "ama@example.tg", Name: "Ama", Password: "court"}, []string{"password", "password.too_short"}},
			{"common password", account.SignUp{Login: "ama@example.tg", Name: "Ama", Password: "motdepasse"}, []string{"password", "password.too_common"}},
			{"password is the login", account.SignUp{Login: "Ama@example.tg", Name: "Ama", Password: "ama@example.tg"}, []string{"password", "password.too_common"}},
			{"everything at once", account.SignUp{Login: "ama@", Name: "", Password: "x"},
				[]string{"login", "user.email.invalid", "name", "user.name.required", "password", "password.too_short"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				u, err := f.svc.SignUp(ctx, tt.in)
				if u != nil {
					t.Errorf("user %+v returned with the error", u)
				}
				wantFields(t, err, mobilite.EINVALID, tt.fieldKeys...)
			})
		}
		if n := f.countUsers(t); n != 0 {
			t.Errorf("%d users stored by refused sign-ups", n)
		}
	})
}

// TestSignUpRefusesLoginAsPassword: "not the login itself" must hold for the login as stored, not
// only as typed. A seeker who types "90 12 34 56" logs in as +22890123456, and that is the first
// password an attacker who knows the number tries.
func TestSignUpRefusesLoginAsPassword(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		_, err := f.svc.SignUp(ctx, account.SignUp{Login: "90 12 34 56", Name: "Kossi", Password: "+22890123456"})
		wantFields(t, err, mobilite.EINVALID, "password", "password.too_common")
	})
}

func TestSignUpConflict(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		f.seeker(t, "ama@example.tg")
		f.seeker(t, "90 12 34 56")
		for _, login := range []string{"ama@example.tg", "AMA@Example.tg", "+228 90 12 34 56", "0022890123456"} {
			u, err := f.svc.SignUp(ctx, account.SignUp{Login: login, Name: "Autre", Password: otherPassword})
			if u != nil {
				t.Errorf("%s: user returned with the error", login)
			}
			wantFields(t, err, mobilite.ECONFLICT, "login", "user.login.taken")
		}
		if n := f.countUsers(t); n != 2 {
			t.Errorf("%d users, want 2", n)
		}
	})
}
