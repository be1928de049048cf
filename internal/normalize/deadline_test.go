package normalize

import (
	"testing"
	"time"
)

func TestParseDeadline(t *testing.T) {
	utc := time.UTC
	paris := time.FixedZone("CET", 3600)
	endOf := func(y int, m time.Month, d int) time.Time { return time.Date(y, m, d, 23, 59, 59, 0, utc) }
	tests := []struct {
		in   string
		loc  *time.Location
		want time.Time // zero: refused
	}{
		{"2026-03-14T17:00:00Z", nil, time.Date(2026, 3, 14, 17, 0, 0, 0, utc)},
		{"2026-03-14T23:59:00+01:00", nil, time.Date(2026, 3, 14, 22, 59, 0, 0, utc)},
		{"2026-03-14T23:59:59.000Z", nil, time.Date(2026, 3, 14, 23, 59, 59, 0, utc)},
		{"2026-03-14", nil, endOf(2026, 3, 14)},
		{"2026-03-14", paris, time.Date(2026, 3, 14, 23, 59, 59, 0, paris)},
		{"2026-03-14 23:59", nil, time.Date(2026, 3, 14, 23, 59, 0, 0, utc)},
		{"2026-03-14T17:00", nil, time.Date(2026, 3, 14, 17, 0, 0, 0, utc)},
		{"2026/03/14", nil, endOf(2026, 3, 14)},
		{"14/03/2026", nil, endOf(2026, 3, 14)},
		{"14-03-2026", nil, endOf(2026, 3, 14)},
		{"14.03.26", nil, endOf(2026, 3, 14)},
		{"03/04/2026", nil, endOf(2026, 4, 3)},  // day first when both could be a month
		{"03/14/2026", nil, endOf(2026, 3, 14)}, // month first only when it must be
		{"14 mars 2026", nil, endOf(2026, 3, 14)},
		{"1er mars 2026", nil, endOf(2026, 3, 1)},
		{"Lundi 14 février 2026", nil, endOf(2026, 2, 14)},
		{"14 févr. 2026", nil, endOf(2026, 2, 14)},
		{"14 août 2026 à 17h00", nil, time.Date(2026, 8, 14, 17, 0, 0, 0, utc)},
		{"14 mars 2026 à 23h59 (heure de Lomé)", nil, time.Date(2026, 3, 14, 23, 59, 0, 0, utc)},
		{"Date limite : le 14 mars 2026", nil, endOf(2026, 3, 14)},
		{"March 14, 2026", nil, endOf(2026, 3, 14)},
		{"March 1st, 2026", nil, endOf(2026, 3, 1)},
		{"14 Mar 2026", nil, endOf(2026, 3, 14)},
		{"Mar 14 2026", nil, endOf(2026, 3, 14)},
		{"14 March 2026 11:59 PM GMT", nil, time.Date(2026, 3, 14, 23, 59, 0, 0, utc)},
		{"Friday, March 13, 2026 5:00 PM EST", nil, time.Date(2026, 3, 13, 22, 0, 0, 0, utc)},
		{"Sat, 14 Mar 2026 23:59:00 GMT", nil, time.Date(2026, 3, 14, 23, 59, 0, 0, utc)},
		{"Sat, 14 Mar 2026 23:59:00 +0100", nil, time.Date(2026, 3, 14, 22, 59, 0, 0, utc)},
		{"14 Mar 26 23:59 GMT", nil, time.Date(2026, 3, 14, 23, 59, 0, 0, utc)},
		{"Saturday, 14-Mar-26 23:59:00 WAT", nil, time.Date(2026, 3, 14, 22, 59, 0, 0, utc)},
		{"Sat Mar 14 23:59:00 2026", nil, time.Date(2026, 3, 14, 23, 59, 0, 0, utc)},
		{"14 Mar 2026 GMT+1", nil, time.Date(2026, 3, 14, 22, 59, 59, 0, utc)},
		{"2026-03-14 17:00 -05:00", nil, time.Date(2026, 3, 14, 22, 0, 0, 0, utc)},
		{"12:00 PM, 14 March 2026", nil, time.Date(2026, 3, 14, 12, 0, 0, 0, utc)},
		{"29/02/2028", nil, endOf(2028, 2, 29)}, // a leap year
		{"Avant le 14 mars 2026 à 12h00 — heure locale", nil, time.Date(2026, 3, 14, 12, 0, 0, 0, utc)},
		{"14\u00a0mars\u00a02026", nil, endOf(2026, 3, 14)},
		{"14 fe\u0301vrier 2026", nil, endOf(2026, 2, 14)}, // a decomposed accent
		{"  2026-03-14  ", nil, endOf(2026, 3, 14)},

		// Refused.
		{"31/02/2026", nil, time.Time{}},
		{"29/02/2026", nil, time.Time{}},
		{"2026-02-31", nil, time.Time{}},
		{"2026-13-01", nil, time.Time{}},
		{"13/13/2026", nil, time.Time{}},
		{"32 mars 2026", nil, time.Time{}},
		{"14 mars 2026 25:00", nil, time.Time{}},
		{"14 mars", nil, time.Time{}},
		{"mars 2026", nil, time.Time{}},
		{"2026", nil, time.Time{}},
		{"ASAP", nil, time.Time{}},
		{"Open until filled", nil, time.Time{}},
		{"Ouvert jusqu'à ce que le poste soit pourvu", nil, time.Time{}},
		{"14 mars 2026 ou 2 semaines après publication", nil, time.Time{}},
		{"14 Mar 2026 23:59 IST", nil, time.Time{}}, // IST is India, Ireland or Israel
		{"0001-01-01", nil, time.Time{}},
		{"", nil, time.Time{}},
		{"14 March 2026 13:00 PM", nil, time.Time{}},
	}
	for _, tt := range tests {
		got, ok := ParseDeadline(tt.in, tt.loc)
		if ok != !tt.want.IsZero() || (ok && !got.Equal(tt.want)) {
			t.Errorf("ParseDeadline(%q) = %v, %v; want %v", tt.in, got, ok, tt.want)
		}
	}
}

func TestParseDeadlineKeepsLocation(t *testing.T) {
	got, ok := ParseDeadline("14/03/2026", time.FixedZone("WAT", 3600))
	if !ok || got.Location().String() != "WAT" || got.Hour() != 23 {
		t.Fatalf("got %v, %v", got, ok)
	}
}

func FuzzParseDeadline(f *testing.F) {
	for _, s := range []string{"2026-03-14", "14/03/2026", "14 mars 2026 à 17h00", "March 14, 2026 5:00 PM EST",
		"Sat, 14 Mar 2026 23:59:00 +0100", "1er janv. 2026", "GMT+14:59", "99:99", "-", "+", "14h", "2026-03-14T25:61"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, ok := ParseDeadline(s, nil)
		if ok && (got.Year() < 1970 || got.Year() > 2200) {
			t.Fatalf("ParseDeadline(%q) = %v", s, got)
		}
		if !ok && !got.IsZero() {
			t.Fatalf("ParseDeadline(%q) refused but returned %v", s, got)
		}
	})
}
