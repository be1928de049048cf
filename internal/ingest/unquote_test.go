package ingest

import (
	"bytes"
	"encoding/json"
	"testing"
)

// unquoteJSON must read every string literal as encoding/json does, and refuse what
// encoding/json refuses, so that the fast path never changes an offer's text.
func checkUnquote(t *testing.T, lit []byte) {
	t.Helper()
	lit = bytes.TrimSpace(lit) // as readText does
	var want string
	wantErr := json.Unmarshal(lit, &want)
	got, ok := unquoteJSON(lit)
	switch {
	case wantErr == nil && !ok:
		t.Fatalf("unquoteJSON(%q) refused a literal that encoding/json reads as %q", lit, want)
	case wantErr == nil && got != want:
		t.Fatalf("unquoteJSON(%q) = %q, encoding/json reads %q", lit, got, want)
	case wantErr != nil && ok && len(lit) > 0 && lit[0] == '"':
		t.Fatalf("unquoteJSON(%q) = %q, but encoding/json refuses it: %v", lit, got, wantErr)
	}
}

func TestUnquoteJSON(t *testing.T) {
	for _, lit := range []string{
		`""`, `"plain ascii"`, `"Ingénieur"`, `"<p class=\"x\">a<\/p>\n\tb"`, `"\u00e9t\u00E9"`,
		`"\ud83d\ude00 emoji"`, `"\ud83d alone"`, `"\ude00 low alone"`, `"\ud83d\u0041"`,
		"\"bad \xff byte\"", `"\b\f\r"`, `"\u003cscript\u003e"`,
		// refused by both
		`"unterminated`, `"bad \x escape"`, `"\u12"`, "\"tab\there\"", `"a"b"`,
	} {
		checkUnquote(t, []byte(lit))
	}
}

func FuzzUnquoteJSON(f *testing.F) {
	for _, s := range []string{`"a"`, `"\u00e9\n"`, `"\ud83d\ude00"`, "\"\xff\"", `"\"\\\/"`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, lit []byte) { checkUnquote(t, lit) })
}
