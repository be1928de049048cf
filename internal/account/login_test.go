package account_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/account"
)

func TestAuthenticate(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		ama := f.seeker(t, "ama@example.tg")
		kossi := f.seeker(t, "90 12 34 56")
		gone := f.seeker(t, "gone@example.tg")
		f.disable(t, gone)
		f.advance(time.Hour)

		tests := []struct {
			login, password string
			want            *mobilite.User // nil: refused as a wrong pair
		}{
			{"ama@example.tg", goodPassword, ama},
			{" AMA@Example.TG ", goodPassword, ama},
			{"90 12 34 56", goodPassword, kossi},
			{"+228 90.12.34.56", goodPassword, kossi},
			{"ama@example.tg", otherPassword, nil},
			{"ama@example.tg", strings.ToUpper(goodPassword), nil},
			{"nobody@example.tg", goodPassword, nil},
			{"91 12 34 56", goodPassword, nil},
			{"not a login", goodPassword, nil},
			{"gone@example.tg", goodPassword, nil}, // disabled: the same answer as a wrong password
		}
		for _, tt := range tests {
			u, err := f.svc.Authenticate(ctx, tt.login, tt.password, ip)
			if tt.want == nil {
				if u != nil || mobilite.ErrorCode(err) != mobilite.EUNAUTHORIZED || mobilite.ErrorKey(err) != "login.failed" {
					t.Errorf("Authenticate(%q, %q) = %v, %v; want EUNAUTHORIZED login.failed", tt.login, tt.password, u, err)
				}
				continue
			}
			if err != nil || u == nil || u.ID != tt.want.ID {
				t.Errorf("Authenticate(%q, %q) = %v, %v; want user %d", tt.login, tt.password, u, err, tt.want.ID)
				continue
			}
			if got := f.reload(t, u); !got.LastLoginAt.Equal(f.now) {
				t.Errorf("Authenticate(%q): last log-in %v, want %v", tt.login, got.LastLoginAt, f.now)
			}
		}
	})
}

// TestAuthenticateRequiresBoth: an empty field is a mistake in the form, not a guess: it is
// answered field by field and not counted as a failure.
func TestAuthenticateRequiresBoth(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		f.seeker(t, "ama@example.tg")
		tests := []struct {
			login, password string
			fieldKeys       []string
		}{
			{"ama@example.tg", "", []string{"password", "password.required"}},
			{" ", goodPassword, []string{"login", "user.login.required"}},
			{"", "", []string{"login", "user.login.required", "password", "password.required"}},
		}
		for range 3 {
			for _, tt := range tests {
				u, err := f.svc.Authenticate(ctx, tt.login, tt.password, ip)
				if u != nil {
					t.Fatalf("Authenticate(%q, %q) returned a user", tt.login, tt.password)
				}
				wantFields(t, err, mobilite.EINVALID, tt.fieldKeys...)
			}
		}
		if _, err := f.svc.Authenticate(ctx, "ama@example.tg", goodPassword, ip); err != nil {
			t.Fatalf("after 9 empty forms: %v", err)
		}
	})
}

func TestAuthenticateThrottlesAccount(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		f.seeker(t, "ama@example.tg")
		// Five failures, under several spellings of the login and from two addresses.
		for i, login := range []string{"ama@example.tg", "AMA@example.tg", "ama@example.tg", " Ama@Example.tg", "ama@example.tg"} {
			_, err := f.svc.Authenticate(ctx, login, otherPassword, fmt.Sprintf("198.51.100.%d", i%2))
			wantCode(t, err, mobilite.EUNAUTHORIZED)
		}
		// The right password is refused too, from any address, until 15 minutes have passed.
		for _, at := range []time.Duration{0, time.Minute, 15*time.Minute - time.Second} {
			f.now = t0.Add(at)
			_, err := f.svc.Authenticate(ctx, "ama@example.tg", goodPassword, "192.0.2.99")
			if mobilite.ErrorCode(err) != mobilite.ETHROTTLED || mobilite.ErrorKey(err) != "login.throttled" {
				t.Fatalf("%v after the 5th failure: %v; want ETHROTTLED login.throttled", at, err)
			}
		}
		// Other accounts are not affected.
		f.seeker(t, "kossi@example.tg")
		if _, err := f.svc.Authenticate(ctx, "kossi@example.tg", goodPassword, "198.51.100.0"); err != nil {
			t.Fatalf("another account: %v", err)
		}
		f.now = t0.Add(15*time.Minute + time.Second)
		if _, err := f.svc.Authenticate(ctx, "ama@example.tg", goodPassword, ip); err != nil {
			t.Fatalf("15 minutes after the failures: %v", err)
		}
	})
}

// TestAuthenticateWindowSlides: the count is over the last 15 minutes, so failures spread out
// slowly never lock the account, and a burst does only until its oldest failure is 15 minutes old.
func TestAuthenticateWindowSlides(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		f.seeker(t, "ama@example.tg")
		for range 4 {
			_, err := f.svc.Authenticate(ctx, "ama@example.tg", otherPassword, ip)
			wantCode(t, err, mobilite.EUNAUTHORIZED)
		}
		f.advance(10 * time.Minute)
		_, err := f.svc.Authenticate(ctx, "ama@example.tg", otherPassword, ip) // the 5th, 10 minutes later
		wantCode(t, err, mobilite.EUNAUTHORIZED)
		f.advance(5*time.Minute - time.Second)
		_, err = f.svc.Authenticate(ctx, "ama@example.tg", goodPassword, ip)
		wantCode(t, err, mobilite.ETHROTTLED)
		f.advance(2 * time.Second) // the first four are now older than 15 minutes
		if _, err := f.svc.Authenticate(ctx, "ama@example.tg", goodPassword, ip); err != nil {
			t.Fatal(err)
		}
	})
}

// TestAuthenticateThrottlesAccountAcrossLogins: an account with an e-mail and a phone is one
// account; five failures on it are five, whichever login they were typed with.
func TestAuthenticateThrottlesAccountAcrossLogins(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		_, err := f.svc.CreateUser(ctx, nil, account.NewUser{Email: "kossi@anpe.tg", Phone: "90 12 34 56", Name: "Kossi",
			Role: mobilite.RoleInspector, Password: goodPassword})
		if err != nil {
			t.Fatal(err)
		}
		for _, login := range []string{"kossi@anpe.tg", "90 12 34 56", "kossi@anpe.tg", "90 12 34 56", "kossi@anpe.tg"} {
			_, err := f.svc.Authenticate(ctx, login, otherPassword, ip)
			wantCode(t, err, mobilite.EUNAUTHORIZED)
		}
		for _, login := range []string{"kossi@anpe.tg", "90 12 34 56"} {
			_, err := f.svc.Authenticate(ctx, login, goodPassword, ip)
			if mobilite.ErrorCode(err) != mobilite.ETHROTTLED {
				t.Errorf("%s after 5 failures on the account: %v; want ETHROTTLED", login, err)
			}
		}
	})
}

func TestAuthenticateThrottlesAddress(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		f.seeker(t, "ama@example.tg")
		f.seeker(t, "90 12 34 56")
		// Twenty failures from one address, spread over accounts that exist or not, none over 4.
		for i := range 20 {
			login := fmt.Sprintf("inconnu%d@example.tg", i)
			switch i % 5 {
			case 0:
				login = "ama@example.tg"
			case 1:
				login = "90 12 34 56"
			}
			_, err := f.svc.Authenticate(ctx, login, otherPassword, ip)
			wantCode(t, err, mobilite.EUNAUTHORIZED)
			f.advance(10 * time.Second)
		}
		for _, login := range []string{"ama@example.tg", "90 12 34 56", "nouveau@example.tg"} {
			_, err := f.svc.Authenticate(ctx, login, goodPassword, ip)
			if mobilite.ErrorCode(err) != mobilite.ETHROTTLED {
				t.Errorf("%s from the address after 20 failures: %v; want ETHROTTLED", login, err)
			}
		}
		if _, err := f.svc.Authenticate(ctx, "ama@example.tg", goodPassword, "192.0.2.1"); err != nil {
			t.Errorf("from another address: %v", err)
		}
		f.advance(15 * time.Minute)
		if _, err := f.svc.Authenticate(ctx, "90 12 34 56", goodPassword, ip); err != nil {
			t.Errorf("15 minutes later: %v", err)
		}
	})
}

func TestAuthenticateSuccessClearsFailures(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		f.seeker(t, "ama@example.tg")
		for round := range 3 {
			for range 4 {
				_, err := f.svc.Authenticate(ctx, "ama@example.tg", otherPassword, fmt.Sprintf("198.51.100.%d", round))
				wantCode(t, err, mobilite.EUNAUTHORIZED)
			}
			if _, err := f.svc.Authenticate(ctx, "ama@example.tg", goodPassword, ip); err != nil {
				t.Fatalf("round %d: %v", round, err)
			}
		}
	})
}

func TestAuthenticateRehashesStaleHash(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		old := &account.Hasher{Time: 2, Memory: 32, Threads: 1}
		u := &mobilite.User{Email: "ama@example.tg", Name: "Ama", Role: mobilite.RoleSeeker, Language: "fr",
			PasswordHash: old.Hash(goodPassword), CreatedAt: t0, UpdatedAt: t0}
		if err := f.store.CreateUser(ctx, u); err != nil {
			t.Fatal(err)
		}
		if _, err := f.svc.Authenticate(ctx, "ama@example.tg", otherPassword, ip); err == nil {
			t.Fatal("wrong password accepted")
		}
		if got := f.reload(t, u).PasswordHash; got != u.PasswordHash {
			t.Fatal("a failed log-in re-hashed the password")
		}
		if _, err := f.svc.Authenticate(ctx, "ama@example.tg", goodPassword, ip); err != nil {
			t.Fatal(err)
		}
		fresh := f.reload(t, u).PasswordHash
		if ok, stale := cheap().Verify(goodPassword, fresh); !ok || stale || !strings.HasPrefix(fresh, "$argon2id$v=19$m=64,t=1,p=1$") {
			t.Fatalf("after log-in the hash is %q (ok %v, stale %v)", fresh, ok, stale)
		}
		// A current hash is left alone.
		if _, err := f.svc.Authenticate(ctx, "ama@example.tg", goodPassword, ip); err != nil {
			t.Fatal(err)
		}
		if got := f.reload(t, u).PasswordHash; got != fresh {
			t.Error("a current hash was re-hashed")
		}
	})
}
