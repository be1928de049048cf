package regulation

import (
	"bytes"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"mobilite"
)

func d(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// history builds events from "kind date [expiry]" lines.
func history(lines ...string) []*mobilite.LicenceEvent {
	var out []*mobilite.LicenceEvent
	for i, l := range lines {
		f := strings.Fields(l)
		e := &mobilite.LicenceEvent{ID: int64(i + 1), Kind: f[0], Date: d(f[1])}
		if len(f) > 2 {
			e.ExpiresOn = d(f[2])
		}
		out = append(out, e)
	}
	return out
}

func TestStatusAt(t *testing.T) {
	h := history("granted 2024-01-10 2025-01-09", "suspended 2024-06-01", "reinstated 2024-07-01",
		"renewed 2025-01-05 2027-01-04", "suspended 2026-03-03", "revoked 2026-05-05")
	for _, tc := range []struct {
		on   string
		want mobilite.LicenceStatus
	}{
		{"2024-01-09", mobilite.LicenceNotYet},
		{"2024-01-10", mobilite.LicenceValid},
		{"2024-05-31", mobilite.LicenceValid},
		{"2024-06-01", mobilite.LicenceSuspended},
		{"2024-07-01", mobilite.LicenceValid},
		{"2025-01-04", mobilite.LicenceValid},
		{"2025-01-05", mobilite.LicenceValid},
		{"2025-01-10", mobilite.LicenceValid}, // renewed before the old expiry
		{"2026-03-03", mobilite.LicenceSuspended},
		{"2026-05-04", mobilite.LicenceSuspended},
		{"2026-05-05", mobilite.LicenceRevoked},
		{"2030-01-01", mobilite.LicenceRevoked}, // revoked stays revoked after the expiry
	} {
		if got := StatusAt(h, d(tc.on)); got != tc.want {
			t.Errorf("StatusAt(%s) = %s, want %s", tc.on, got, tc.want)
		}
	}
	lapsed := history("granted 2023-01-01 2024-12-31", "suspended 2024-06-01")
	for on, want := range map[string]mobilite.LicenceStatus{
		"2024-12-31": mobilite.LicenceSuspended, "2025-01-01": mobilite.LicenceExpired,
	} {
		if got := StatusAt(lapsed, d(on)); got != want {
			t.Errorf("lapsed StatusAt(%s) = %s, want %s", on, got, want)
		}
	}
	// The time of day does not matter, and events of one day count in the order given.
	sameDay := history("granted 2023-01-01 2027-01-01", "suspended 2025-05-05", "reinstated 2025-05-05")
	if got := StatusAt(sameDay, d("2025-05-05").Add(23*time.Hour)); got != mobilite.LicenceValid {
		t.Errorf("same-day events: %s", got)
	}
	// The order of the slice does not matter across days.
	shuffled := []*mobilite.LicenceEvent{h[5], h[0], h[3], h[1], h[4], h[2]}
	if got := StatusAt(shuffled, d("2026-04-01")); got != mobilite.LicenceSuspended {
		t.Errorf("shuffled history: %s", got)
	}
	if got := StatusAt(nil, d("2026-04-01")); got != mobilite.LicenceNotYet {
		t.Errorf("no history: %s", got)
	}
	if got := ExpiryAt(h, d("2025-01-04")); !got.Equal(d("2025-01-09")) {
		t.Errorf("ExpiryAt before the renewal = %s", got)
	}
	if got := ExpiryAt(h, d("2025-01-05")); !got.Equal(d("2027-01-04")) {
		t.Errorf("ExpiryAt after the renewal = %s", got)
	}
}

func TestTransitions(t *testing.T) {
	for _, tc := range []struct {
		status mobilite.LicenceStatus
		want   string
	}{
		{mobilite.LicenceValid, "renewed suspended revoked"},
		{mobilite.LicenceSuspended, "reinstated revoked"},
		{mobilite.LicenceExpired, "renewed revoked"},
		{mobilite.LicenceRevoked, ""},
		{mobilite.LicenceNotYet, ""},
	} {
		if got := strings.Join(EventsAllowed(tc.status), " "); got != tc.want {
			t.Errorf("EventsAllowed(%s) = %q, want %q", tc.status, got, tc.want)
		}
	}
	for _, tc := range []struct {
		from, to string
		ok       bool
	}{
		{"received", "under_review", true},
		{"received", "referred", true},
		{"received", "resolved", false},
		{"under_review", "resolved", true},
		{"referred", "resolved", true},
		{"referred", "dismissed", true},
		{"resolved", "under_review", true},
		{"resolved", "referred", false},
		{"dismissed", "received", false},
		{"received", "received", false},
		{"bogus", "resolved", false},
	} {
		if got := MayMove(tc.from, tc.to); got != tc.ok {
			t.Errorf("MayMove(%s, %s) = %v", tc.from, tc.to, got)
		}
	}
	// Every status can be left, and every status but received can be reached.
	reached := map[string]bool{}
	for _, st := range mobilite.ComplaintStatuses {
		if len(NextStatuses(st)) == 0 {
			t.Errorf("%s is a dead end", st)
		}
		for _, n := range NextStatuses(st) {
			reached[n] = true
		}
	}
	if len(reached) != len(mobilite.ComplaintStatuses)-1 || reached[mobilite.ComplaintReceived] {
		t.Errorf("statuses reached: %v", reached)
	}
}

func TestReferenceAndCode(t *testing.T) {
	seen := map[string]bool{}
	r := rand.New(rand.NewPCG(1, 2))
	src := readerFunc(func(p []byte) (int, error) {
		for i := range p {
			p[i] = byte(r.UintN(256))
		}
		return len(p), nil
	})
	for range 2000 {
		ref, err := NewReference(2026, src)
		if err != nil {
			t.Fatal(err)
		}
		if len(ref) != len("PL-2026-ABCDEF") || !strings.HasPrefix(ref, "PL-2026-") || strings.ContainsAny(ref[8:], "01OIL") {
			t.Fatalf("reference %q", ref)
		}
		if seen[ref] {
			t.Fatalf("reference %q drawn twice in 2000", ref)
		}
		seen[ref] = true
	}
	code, err := NewFollowCode(src)
	if err != nil || len(code) != 12 {
		t.Fatalf("code %q %v", code, err)
	}
	if HashCode(code) != HashCode(" "+strings.ToLower(code)+" ") || HashCode(code) == HashCode(code[1:]) {
		t.Error("HashCode does not ignore case and spaces, or ignores more")
	}
	// The rejection keeps the letters equally likely: 248 and above are skipped.
	fixed := bytes.NewReader(append(bytes.Repeat([]byte{255}, 10), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9))
	if got, err := randomCode(fixed, 6); err != nil || got != "234567" {
		t.Errorf("randomCode over rejected bytes = %q, %v", got, err)
	}
	if _, err := randomCode(bytes.NewReader(nil), 6); err == nil {
		t.Error("randomCode with no randomness succeeded")
	}
}

type readerFunc func([]byte) (int, error)

func (f readerFunc) Read(p []byte) (int, error) { return f(p) }

func TestNormalizeLicence(t *testing.T) {
	for in, want := range map[string]string{
		"tg-agr-2024-017":   "TG-AGR-2024-017",
		" TG AGR 2024 017 ": "TG-AGR-2024-017",
		"tg_agr_2024__017":  "TG-AGR-2024-017",
		"TG-AGR-2024 - 017": "TG-AGR-2024-017",
		"":                  "",
	} {
		if got := NormalizeLicence(in); got != want {
			t.Errorf("NormalizeLicence(%q) = %q, want %q", in, got, want)
		}
	}
	if got := SearchWords("  Agence  ÉSPOIR-Plus "); strings.Join(got, ",") != "agence,espoir,plus" {
		t.Errorf("SearchWords = %q", got)
	}
	if got := SearchKey("Agence Espoir", "TG-AGR-2024-017"); got != "agence espoir tg agr 2024 017" {
		t.Errorf("SearchKey = %q", got)
	}
}
