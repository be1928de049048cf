package store

import (
	"strings"
	"unicode"
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
