package account

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"golang.org/x/crypto/argon2"

	"mobilite"
)

// Hasher hashes passwords with argon2id and encodes them in the PHC string format
// ($argon2id$v=19$m=…,t=…,p=…$salt$hash), so that the parameters can be raised later.
type Hasher struct {
	Time    uint32
	Memory  uint32 // KiB
	Threads uint8
}

// DefaultHasher follows OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane.
func DefaultHasher() *Hasher { return &Hasher{Time: 2, Memory: 19 * 1024, Threads: 1} }

const keyLen = 32

// Hash returns the encoded hash of password with a fresh random salt.
func (h *Hasher) Hash(password string) string {
	salt := make([]byte, 16)
	_, _ = rand.Read(salt)
	key := argon2.IDKey([]byte(password), salt, h.Time, h.Memory, h.Threads, keyLen)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, h.Memory, h.Time, h.Threads,
		b64.EncodeToString(salt), b64.EncodeToString(key))
}

// Verify reports whether password matches encoded, and whether encoded was made with other
// parameters than h's (so that the caller re-hashes it).
func (h *Hasher) Verify(password, encoded string) (ok, stale bool) {
	parts := strings.Split(encoded, "$")
	if len(parts) != 6 || parts[0] != "" || parts[1] != "argon2id" {
		return false, false
	}
	var version int
	var m, t uint32
	var p uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version || parts[2] != fmt.Sprintf("v=%d", version) {
		return false, false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &p); err != nil || parts[3] != fmt.Sprintf("m=%d,t=%d,p=%d", m, t, p) {
		return false, false
	}
	// A stored hash far costlier than ours (corrupt, or planted) would let one log-in attempt
	// hold a core for minutes: refuse it.
	if m == 0 || t == 0 || p == 0 || m > 4*max(h.Memory, 19*1024) || t > 4*max(h.Time, 2) || p > 16 {
		return false, false
	}
	b64 := base64.RawStdEncoding
	salt, err1 := b64.DecodeString(parts[4])
	want, err2 := b64.DecodeString(parts[5])
	if err1 != nil || err2 != nil || len(want) == 0 || len(want) > 64 {
		return false, false
	}
	got := argon2.IDKey([]byte(password), salt, t, m, p, uint32(len(want)))
	ok = subtle.ConstantTimeCompare(got, want) == 1
	return ok, m != h.Memory || t != h.Time || p != h.Threads
}

// commonPasswords are refused whatever their length (a short list of the most used ones in
// French- and English-speaking countries).
var commonPasswords = map[string]bool{
	"12345678": true, "123456789": true, "1234567890": true, "password": true, "password1": true,
	"motdepasse": true, "azertyuiop": true, "qwertyuiop": true, "azerty123": true, "11111111": true,
	"00000000": true, "iloveyou": true, "abcd1234": true, "12341234": true, "soleil123": true,
	"bonjour123": true, "togo2024": true, "togo2025": true, "togo2026": true, "lome1234": true,
}

// CheckPassword enforces the password rules: 8 to 128 characters, not a common password, not
// one character repeated (eight spaces, "aaaaaaaa"), not the login itself. It returns EINVALID
// on field "password".
func CheckPassword(password, login string) error {
	n := utf8.RuneCountInString(password)
	switch {
	case n < 8:
		return mobilite.Invalid("password", "password.too_short")
	case n > 128:
		return mobilite.Invalid("password", "password.too_long")
	case commonPasswords[strings.ToLower(password)], strings.EqualFold(password, login),
		strings.Count(password, password[:utf8.RuneLen([]rune(password)[0])]) == n:
		return mobilite.Invalid("password", "password.too_common")
	}
	return nil
}

// randomToken returns n random bytes, base64url-encoded.
func randomToken(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
