package store

import (
	"maps"
	"math/rand/v2"
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
	if got := unionIDs(a, b); !slices.Equal(got, []uint32{1, 2, 3, 4, 5, 7, 9, 10}) {
		t.Errorf("union = %v", got)
	}
	if got := unionIDs(nil, b); !slices.Equal(got, b) {
		t.Errorf("union with none = %v", got)
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

// TestIDSets: both forms of a set hold what they were given, and intersections agree with a
// plain reckoning, for sparse and dense sets alike.
func TestIDSets(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	random := func(n, span int) []uint32 {
		seen := map[uint32]bool{}
		for range n {
			seen[uint32(1000+r.IntN(span))] = true
		}
		out := slices.Collect(maps.Keys(seen))
		slices.Sort(out)
		return out
	}
	for _, c := range []struct{ n, span int }{{0, 10}, {1, 10}, {50, 100000}, {5000, 10000}, {900, 1000}, {3000, 100000}} {
		ids := random(c.n, c.span)
		s := newIDSet(ids)
		if len(ids) > 0 { // the smaller form
			asList, asBits := 4*len(ids), 8*(int(ids[len(ids)-1]-ids[0])/64+1)
			if s.bytes() != min(asList, asBits) {
				t.Errorf("%d ids over %d: %d bytes, list %d, bitmap %d", len(ids), c.span, s.bytes(), asList, asBits)
			}
		}
		if got := s.list(); !slices.Equal(got, ids) && len(ids) > 0 {
			t.Errorf("%d ids over %d: list differs", len(ids), c.span)
		}
		if s.n != len(ids) {
			t.Errorf("%d ids over %d: n %d", len(ids), c.span, s.n)
		}
		for _, probe := range []uint32{0, 999, 1000, 1001, uint32(1000 + c.span), 1 << 31} {
			if s.has(probe) != slices.Contains(ids, probe) {
				t.Errorf("%d ids over %d: has(%d) wrong", len(ids), c.span, probe)
			}
		}
	}
	for range 50 {
		var sets []*idSet
		var lists [][]uint32
		for range 1 + r.IntN(3) {
			ids := random(r.IntN(3000), 1+r.IntN(20000))
			lists = append(lists, ids)
			sets = append(sets, newIDSet(ids))
		}
		var want []uint32
		for _, id := range lists[0] {
			in := true
			for _, l := range lists[1:] {
				in = in && slices.Contains(l, id)
			}
			if in {
				want = append(want, id)
			}
		}
		if got := intersectSets(sets); !slices.Equal(got, want) && len(want)+len(got) > 0 {
			t.Fatalf("intersection of %d sets: %d ids, want %d", len(sets), len(got), len(want))
		}
	}
}
