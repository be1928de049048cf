package store

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// stopWords are dropped from searches in both engines alike: the small words of French and
// English, and the operators people type ("AND", "OR", "NOT") which are words like the others.
var stopWords = map[string]bool{
	"a": true, "à": true, "au": true, "aux": true, "d": true, "de": true, "des": true, "du": true, "en": true, "et": true,
	"l": true, "la": true, "le": true, "les": true, "ou": true, "par": true, "pour": true, "sur": true, "un": true,
	"une": true, "dans": true, "avec": true, "an": true, "and": true, "or": true, "not": true, "near": true, "the": true,
	"of": true, "in": true, "on": true, "to": true, "for": true, "with": true, "at": true, "s": true,
}

// SearchWords splits what a person typed into at most 16 words of letters and digits, lower
// case: quotes, operators, emoji, punctuation and small words are dropped, so that no input can
// break the engine's query syntax and both engines read the same words.
func SearchWords(text string) []string {
	if len(text) > 1000 {
		text = text[:1000]
	}
	var words []string
	for _, w := range strings.FieldsFunc(strings.ToLower(text), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if !stopWords[w] {
			words = append(words, w)
		}
		if len(words) == 16 {
			break
		}
	}
	return words
}

// foldWord lowercases a word and takes its accents off ("Ingénieure" → "ingenieure"), as both
// engines' indexes read words.
func foldWord(w string) string {
	ascii := true
	for i := 0; i < len(w); i++ {
		if w[i] >= 0x80 || ('A' <= w[i] && w[i] <= 'Z') {
			ascii = false
			break
		}
	}
	if ascii {
		return w
	}
	var b strings.Builder
	for _, r := range norm.NFKD.String(w) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'œ':
			b.WriteString("oe")
		case r == 'æ':
			b.WriteString("ae")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// titleWords appends to dst the folded words of a title, small words left out.
func titleWords(dst []string, title string) []string {
	for _, w := range strings.FieldsFunc(strings.ToLower(title), func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r)
	}) {
		if !stopWords[w] {
			dst = append(dst, foldWord(w))
		}
	}
	return dst
}

// sameWord tells whether a word of a title answers a word searched, as far as can be told
// without the engines' stemmers: the same folded word, or two words sharing all but their last
// two letters and at least three ("ingenieur" and "ingenieures", "nurse" and "nursing",
// "engineer" and "engineers"). It only ranks offers the full-text index already matched.
func sameWord(searched, title string) bool {
	if searched == title {
		return true
	}
	n := 0
	for n < len(searched) && n < len(title) && searched[n] == title[n] {
		n++
	}
	return n >= 3 && n >= min(len(searched), len(title))-2
}
