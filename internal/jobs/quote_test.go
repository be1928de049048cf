package jobs

import (
	"strconv"
	"testing"
)

// FuzzAppendQuote: the content hash of an item must not change with the faster quoting, or
// every stored offer would be rewritten at the next run of its source.
func FuzzAppendQuote(f *testing.F) {
	for _, s := range []string{"", "Ingénieur", `<p class="x">a\b</p>`, "tab\there\nline", "\xff\xfeinvalid", "\u00ad soft hyphen",
		"emoji 🙂 and \u200b zero width", "\x7f del", "\ufffd replacement", "œuvre – “quotes”", "\xe2\x82"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if got, want := string(appendQuote([]byte("x"), s)), string(strconv.AppendQuote([]byte("x"), s)); got != want {
			t.Fatalf("appendQuote(%q) = %s, want %s", s, got, want)
		}
	})
}
