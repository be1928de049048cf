package ref

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lowercases s and strips diacritics and punctuation to single spaces, with no space at
// either end ("Côte d’Ivoire" → "cote d ivoire", "MAIN-D'ŒUVRE" → "main d oeuvre"). Other
// packages use it to compare names the way people type them.
//
// It works on any script: s is decomposed (NFKD, which also turns "ﬁ" into "fi" and full-width
// letters into ASCII), combining marks that sit on a letter (Unicode category Mn) are dropped,
// letters and digits are lowercased, and a few letters that do not decompose are spelt out
// (œ → oe, ß → ss, ø → o…). Any other character separates words.
func Fold(s string) string {
	// norm leaves a segment undecomposed after an invalid byte; such a byte is not a letter anyway.
	s = strings.ToValidUTF8(s, " ")
	var b strings.Builder
	b.Grow(len(s))
	gap := false
	for _, r := range norm.NFKD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// An accent: drop it without separating the word.
		case unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.Is(unicode.Mc, r):
			if gap && b.Len() > 0 {
				b.WriteByte(' ')
			}
			gap = false
			r = unicode.ToLower(r)
			if x, ok := spelt[r]; ok {
				b.WriteString(x)
			} else {
				b.WriteRune(r)
			}
		default:
			gap = true
		}
	}
	return b.String()
}

// spelt spells out the Latin letters that Unicode does not decompose into a base letter and an
// accent, so that "Manœuvres" and "Manoeuvres" (both in the ISCO file) fold alike.
var spelt = map[rune]string{
	'œ': "oe",
	'æ': "ae",
	'ß': "ss",
	'ø': "o",
	'đ': "d",
	'ð': "d",
	'ł': "l",
	'ı': "i",
	'ħ': "h",
	'ŧ': "t",
	'þ': "th",
}

// queryWords folds q and returns its words, each with a leading space so that it can be looked
// for at the start of a word of a haystack built by haystack. A trailing "s" is dropped from
// words of four letters or more, so that a plural query also finds a singular title.
func queryWords(q string) []string {
	words := strings.Fields(Fold(q))
	for i, w := range words {
		if len(w) >= 4 && strings.HasSuffix(w, "s") {
			w = w[:len(w)-1]
		}
		words[i] = " " + w
	}
	return words
}

// haystack folds and joins parts into " part1 part2 … " (a space at both ends), the form that
// matchWords searches.
func haystack(parts ...string) string {
	var b strings.Builder
	b.WriteByte(' ')
	for _, p := range parts {
		if f := Fold(p); f != "" {
			b.WriteString(f)
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// matchWords reports whether every word (from queryWords) begins a word of hay (from haystack).
func matchWords(hay string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(hay, w) {
			return false
		}
	}
	return len(words) > 0
}
