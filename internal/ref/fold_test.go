package ref

import (
	"strings"
	"testing"
)

func TestFold(t *testing.T) {
	tests := []struct{ in, want string }{
		{"Côte d’Ivoire", "cote d ivoire"},
		{"Côte d'Ivoire", "cote d ivoire"},
		{"  ÉTATS-UNIS  ", "etats unis"},
		{"Agouè-Nyivé", "agoue nyive"},
		{"Main-d’œuvre", "main d oeuvre"},
		{"Æsir Straße", "aesir strasse"},
		{"Türkiye", "turkiye"},
		{"São Tomé & Príncipe", "sao tome principe"},
		{"Ǳ ﬁn", "dz fin"}, // compatibility forms
		{"ＴＧＯ", "tgo"},     // full-width
		{"Łódź", "lodz"},
		{"İstanbul", "istanbul"},
		{"Ελλάδα", "ελλαδα"},
		{"Россия", "россия"},
		{"a…b,,c", "a b c"},
		{"7411 — Électriciens", "7411 electriciens"},
		{"😀", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := Fold(tt.in); got != tt.want {
			t.Errorf("Fold(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"Côte d’Ivoire", "MAIN-D'ŒUVRE", "ﬁ", "İ", "  a  b  ", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Fold(s)
		if strings.HasPrefix(got, " ") || strings.HasSuffix(got, " ") || strings.Contains(got, "  ") {
			t.Fatalf("Fold(%q) = %q: spaces at an end or doubled", s, got)
		}
		if again := Fold(got); again != got {
			t.Fatalf("Fold(%q) = %q, but Fold of that = %q", s, got, again)
		}
	})
}
