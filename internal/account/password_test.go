package account_test

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/account"
)

func TestHasher(t *testing.T) {
	h := cheap()
	enc := h.Hash(goodPassword)
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
		t.Fatalf("Hash = %q", enc)
	}
	if again := h.Hash(goodPassword); again == enc {
		t.Error("two hashes of one password are equal: no salt")
	}
	tests := []struct {
		name      string
		hasher    *account.Hasher
		password  string
		ok, stale bool
	}{
		{"right password", h, goodPassword, true, false},
		{"wrong password", h, otherPassword, false, false},
		{"empty password", h, "", false, false},
		{"case matters", h, strings.ToUpper(goodPassword), false, false},
		{"more passes now", &account.Hasher{Time: 2, Memory: 64, Threads: 1}, goodPassword, true, true},
		{"more memory now", &account.Hasher{Time: 1, Memory: 128, Threads: 1}, goodPassword, true, true},
		{"more lanes now", &account.Hasher{Time: 1, Memory: 64, Threads: 2}, goodPassword, true, true},
	}
	for _, tt := range tests {
		ok, stale := tt.hasher.Verify(tt.password, enc)
		if ok != tt.ok || ok && stale != tt.stale {
			t.Errorf("%s: Verify = %v, %v; want %v, %v", tt.name, ok, stale, tt.ok, tt.stale)
		}
	}
}

func TestDefaultHasher(t *testing.T) {
	h := account.DefaultHasher()
	enc := h.Hash(goodPassword)
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Fatalf("Hash = %q, not OWASP's baseline", enc)
	}
	if ok, stale := h.Verify(goodPassword, enc); !ok || stale {
		t.Errorf("Verify(right) = %v, %v", ok, stale)
	}
	if ok, _ := h.Verify(otherPassword, enc); ok {
		t.Error("Verify(wrong) = true")
	}
	// A hash made with the test parameters is stale for the default hasher.
	if ok, stale := h.Verify(goodPassword, cheap().Hash(goodPassword)); !ok || !stale {
		t.Errorf("Verify(cheap hash) = %v, %v; want true, true", ok, stale)
	}
}

func TestVerifyGarbage(t *testing.T) {
	h := cheap()
	good := h.Hash(goodPassword)
	parts := strings.Split(good, "$") // "", argon2id, v=19, m=64,t=1,p=1, salt, key
	with := func(i int, s string) string {
		p := append([]string(nil), parts...)
		p[i] = s
		return strings.Join(p, "$")
	}
	for _, enc := range []string{
		"",
		"!", // an account invited by an admin that has no password yet
		"$",
		"$$$$$",
		good + "$",
		strings.TrimPrefix(good, "$"),
		with(1, "argon2i"),
		with(1, "bcrypt"),
		with(2, "v=16"),
		with(2, "v="),
		with(2, "v=-19"),
		with(3, "m=0,t=1,p=1"),
		with(3, "m=64,t=0,p=1"),
		with(3, "m=64,t=1,p=0"),
		with(3, "m=64,t=1,p=256"),
		with(3, "m=64,t=-1,p=1"),
		with(3, "m=99999999999,t=1,p=1"),
		with(3, "m=4194304,t=1,p=1"), // 4 GiB
		with(3, "t=1,m=64,p=1"),
		with(3, ""),
		with(4, "not base64!"),
		with(5, "not base64!"),
		with(5, ""),
		with(4, ""), // no salt: the key cannot match
		"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy",
	} {
		func() {
			defer func() {
				if p := recover(); p != nil {
					t.Errorf("Verify(%q) panics: %v", enc, p)
				}
			}()
			if ok, _ := h.Verify(goodPassword, enc); ok {
				t.Errorf("Verify(%q) = true", enc)
			}
		}()
	}
}

// TestVerifyStrictEncoding: a string that is not exactly in the PHC form Hash writes is not a hash,
// even when the right key follows some garbage.
func TestVerifyStrictEncoding(t *testing.T) {
	h := cheap()
	good := h.Hash(goodPassword)
	for _, enc := range []string{
		"x" + good,
		"garbage" + good,
		strings.Replace(good, "p=1$", "p=1,x=9$", 1),
		strings.Replace(good, "v=19$", "v=19junk$", 1),
	} {
		if ok, _ := h.Verify(goodPassword, enc); ok {
			t.Errorf("Verify(%q) = true", enc)
		}
	}
}

// TestVerifyBoundsCost: the parameters come from the stored string, so a corrupt or planted hash
// chooses how long Verify runs (and how much memory it takes: up to 2 GiB are accepted). A hash
// with 2^18 passes over 8 KiB takes seconds to refuse instead of microseconds, on every
// log-in attempt against that account.
func TestVerifyBoundsCost(t *testing.T) {
	enc := fmt.Sprintf("$argon2id$v=19$m=8,t=%d,p=1$c2FsdHNhbHRzYWx0c2FsdA$a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2V5a2U", 1<<18)
	start := time.Now()
	ok, _ := cheap().Verify(goodPassword, enc)
	if d := time.Since(start); ok || d > 500*time.Millisecond {
		t.Errorf("Verify with t=%d: %v after %v; want a quick refusal of parameters far above the hasher's", 1<<18, ok, d)
	}
}

// FuzzVerify checks that Verify never panics on what it reads from the store, and that whatever
// it accepts for one password it refuses for another.
func FuzzVerify(f *testing.F) {
	h := cheap()
	good := h.Hash(goodPassword)
	f.Add(goodPassword, good)
	f.Add("", good)
	f.Add(goodPassword, "!")
	f.Add(goodPassword, "$argon2id$v=19$m=64,t=1,p=1$$")
	f.Add(goodPassword, strings.Replace(good, "p=1", "p=0", 1))
	f.Add("é", h.Hash("é"))
	f.Fuzz(func(t *testing.T, password, enc string) {
		// Keep the fuzzer away from costly parameters: TestVerifyBoundsCost covers them.
		if parts := strings.Split(enc, "$"); len(parts) > 3 {
			var m, tm uint64
			var p uint64
			if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &tm, &p); err == nil && (m > 1<<12 || tm > 8 || p > 8) {
				t.Skip()
			}
		}
		ok, _ := h.Verify(password, enc)
		if ok {
			if other, _ := h.Verify(password+"x", enc); other {
				t.Fatalf("%q verifies both %q and %q", enc, password, password+"x")
			}
		}
		if enc == good && ok != (password == goodPassword) {
			t.Fatalf("Verify(%q, good hash) = %v", password, ok)
		}
		if ok, stale := h.Verify(password, h.Hash(password)); !ok || stale {
			t.Fatalf("Verify(%q, Hash(%q)) = %v, %v", password, password, ok, stale)
		}
	})
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		password, login string
		key             string // "" when accepted
	}{
		{goodPassword, "ama@example.tg", ""},
		{"8 chars!", "", ""},
		{"éèéèéèéè", "", ""}, // 8 characters, 16 bytes
		{strings.Repeat("ab", 64), "", ""},
		{"Password", "", "password.too_common"},
		{"AZERTYUIOP", "", "password.too_common"},
		{"togo2026", "", "password.too_common"},
		{"12345678", "", "password.too_common"},
		{"ama@example.tg", "ama@example.tg", "password.too_common"},
		{"AMA@example.tg", "ama@example.tg", "password.too_common"},
		{"+22890123456", "+22890123456", "password.too_common"},
		{"        ", "", "password.too_common"},
		{"aaaaaaaaaaaa", "", "password.too_common"},
		{"éééééééé", "", "password.too_common"},
		{"", "", "password.too_short"},
		{"1234567", "", "password.too_short"},
		{"ééééééé", "", "password.too_short"}, // 7 characters, 14 bytes
		{strings.Repeat("a", 129), "", "password.too_long"},
		{strings.Repeat("é", 129), "", "password.too_long"},
	}
	for _, tt := range tests {
		err := account.CheckPassword(tt.password, tt.login)
		if tt.key == "" {
			if err != nil {
				t.Errorf("CheckPassword(%q, %q): %v", tt.password, tt.login, err)
			}
			continue
		}
		want := []mobilite.FieldError{{Field: "password", Key: tt.key}}
		if fs := mobilite.ErrorFields(err); mobilite.ErrorCode(err) != mobilite.EINVALID || len(fs) != 1 || fs[0] != want[0] {
			t.Errorf("CheckPassword(%q, %q) = %v, want %v", tt.password, tt.login, err, want)
		}
	}
}

func TestParseLogin(t *testing.T) {
	tests := []struct {
		in           string
		email, phone string
		key          string // the key on field login; "" when accepted
	}{
		{"ama@example.tg", "ama@example.tg", "", ""},
		{"  Ama@Example.TG ", "ama@example.tg", "", ""},
		{"90 12 34 56", "", "+22890123456", ""},
		{"+228 90-12-34-56", "", "+22890123456", ""},
		{"0033 6 12 34 56 78", "", "+33612345678", ""},
		{"", "", "", "user.login.required"},
		{" \t ", "", "", "user.login.required"},
		{"ama@", "", "", "user.email.invalid"},
		{"Ama <ama@example.tg>", "", "", "user.email.invalid"},
		{"ama@localhost", "", "", "user.email.invalid"},
		{"ama", "", "", "user.login.invalid"},
		{"90 12 34", "", "", "user.login.invalid"},
	}
	for _, tt := range tests {
		email, phone, err := account.ParseLogin(tt.in)
		if tt.key == "" {
			if err != nil || email != tt.email || phone != tt.phone {
				t.Errorf("ParseLogin(%q) = %q, %q, %v; want %q, %q", tt.in, email, phone, err, tt.email, tt.phone)
			}
			continue
		}
		fs := mobilite.ErrorFields(err)
		if mobilite.ErrorCode(err) != mobilite.EINVALID || len(fs) != 1 || fs[0] != (mobilite.FieldError{Field: "login", Key: tt.key}) {
			t.Errorf("ParseLogin(%q) = %q, %q, %v; want login: %s", tt.in, email, phone, err, tt.key)
		}
	}
}
