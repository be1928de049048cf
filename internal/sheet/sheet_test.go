package sheet

import (
	"strings"
	"testing"
)

func TestCell(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"Ama Mensah", "Ama Mensah"},
		{`=HYPERLINK("http://evil.example","clic")`, `'=HYPERLINK("http://evil.example","clic")`},
		{"+cmd|' /C calc'!A0", "'+cmd|' /C calc'!A0"},
		{"-2+3+cmd|' /C calc'!A0", "'-2+3+cmd|' /C calc'!A0"},
		{"@SUM(A1:A9)", "'@SUM(A1:A9)"},
		{"\t=1+1", "'\t=1+1"},
		{"\r=1+1", "'\r=1+1"},
		{"-", "'-"},
		{"+", "'+"},
		{"+22890112233", "+22890112233"},
		{"+228 90 11 22 33", "+228 90 11 22 33"},
		{"-3,5", "-3,5"},
		{"-1 234.5", "-1 234.5"},
		{"-3,", "'-3,"},
		{"- 3", "'- 3"},
		{"a=1", "a=1"},
		{"1+1", "1+1"},
	} {
		if got := Cell(tc.in); got != tc.want {
			t.Errorf("Cell(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	row := []string{"=1", "ok"}
	if got := Row(row); got[0] != "'=1" || got[1] != "ok" || row[0] != "=1" {
		t.Errorf("Row = %q (input now %q)", got, row)
	}
}

// FuzzCell: no cell that Cell returns begins like a formula, and a cell is changed only by a
// leading apostrophe.
func FuzzCell(f *testing.F) {
	for _, s := range []string{"=1+1", "+228", "-3,5", "@x", "\t=x", "plain"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got := Cell(s)
		if got != s && got != "'"+s {
			t.Fatalf("Cell(%q) = %q", s, got)
		}
		if got != "" && strings.ContainsRune("=@\t\r", rune(got[0])) {
			t.Fatalf("Cell(%q) = %q begins like a formula", s, got)
		}
		if got != "" && (got[0] == '+' || got[0] == '-') && !number(got) {
			t.Fatalf("Cell(%q) = %q begins with a sign and is not a number", s, got)
		}
	})
}
