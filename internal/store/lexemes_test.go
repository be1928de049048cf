package store

import (
	"slices"
	"strings"
	"testing"
)

func TestParseConjunction(t *testing.T) {
	for _, c := range []struct {
		in   string
		want []string
		ok   bool
	}{
		{"", nil, true},
		{"'protect'", []string{"protect"}, true},
		{"'secur' & 'don'", []string{"don", "secur"}, true},
		{"'b' & 'a' & 'b'", []string{"a", "b"}, true},
		{"'l''employeur' & 'c\\\\d'", []string{"c\\d", "l'employeur"}, true},
		{"'e-mail' & 'e' & 'mail'", []string{"e", "e-mail", "mail"}, true},
		{"'a' | 'b'", nil, false},
		{"'a' <-> 'b'", nil, false},
		{"'a':*", nil, false},
		{"'a':A", nil, false},
		{"!'a'", nil, false},
		{"'a' &", nil, false},
		{"'a", nil, false},
		{"( 'a' & 'b' )", nil, false},
	} {
		got, ok := parseConjunction(c.in)
		if ok != c.ok || !slices.Equal(got, c.want) {
			t.Errorf("parseConjunction(%q) = %q, %v; want %q, %v", c.in, got, ok, c.want, c.ok)
		}
	}
}

// FuzzParseConjunction: no panic, and what it reads, written again as a query, reads the same.
func FuzzParseConjunction(f *testing.F) {
	for _, s := range []string{"", "'a'", "'a' & 'b'", "'l''x' & 'c\\\\d'", "'a' | 'b'", "'"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		lexemes, ok := parseConjunction(s)
		if !ok {
			return
		}
		quoted := make([]string, len(lexemes))
		for i, l := range lexemes {
			quoted[i] = tsLexeme(l)
		}
		again, ok := parseConjunction(strings.Join(quoted, " & "))
		if !ok || !slices.Equal(again, lexemes) {
			t.Fatalf("%q read %q, written again read %q, %v", s, lexemes, again, ok)
		}
	})
}

func TestIDLists(t *testing.T) {
	a, b := []uint32{1, 3, 5, 7, 9}, []uint32{2, 3, 4, 9, 10}
	if got := intersectIDs(a, b); !slices.Equal(got, []uint32{3, 9}) {
		t.Errorf("intersect = %v", got)
	}
	if got := unionIDs(a, b); !slices.Equal(got, []uint32{1, 2, 3, 4, 5, 7, 9, 10}) {
		t.Errorf("union = %v", got)
	}
	if got := unionIDs(nil, b); !slices.Equal(got, b) {
		t.Errorf("union with none = %v", got)
	}
	if got := intersectIDs(a, nil); len(got) != 0 {
		t.Errorf("intersect with none = %v", got)
	}
	// 3 and 7 changed: 3 still holds the lexeme, 7 no longer; 8 is new.
	if got := patchIDs(a, []int64{3, 7, 8}, []uint32{3, 8}); !slices.Equal(got, []uint32{1, 3, 5, 8, 9}) {
		t.Errorf("patch = %v", got)
	}
	if got, ok := sortedIDs32([]int64{9, 1, 5}); !ok || !slices.Equal(got, []uint32{1, 5, 9}) {
		t.Errorf("sortedIDs32 = %v, %v", got, ok)
	}
	if _, ok := sortedIDs32([]int64{1, 1 << 32}); ok {
		t.Error("an id of 2³² fits in 32 bits")
	}
}
