package fairrec

import (
	"strings"
	"unicode/utf8"
)

// Lengths of evidence, in bytes of the plain text (a few more than characters in French).
const (
	maxSentence = 200 // a longer sentence is cut to a window around the trigger
	window      = 120
)

// evidence is what a rule quotes: the sentence around a fold range, or a literal.
type evidence struct {
	a, b    int32  // fold range of the trigger
	lit     string // quoted as is when literal is set: an ApplyURL, an Organization
	literal bool
}

func (d *doc) hitEvidence(h hit) evidence {
	return evidence{a: d.toks[h.a].a, b: d.toks[h.b-1].b}
}

// text returns the sentence of the trigger as written, or a window of about 120 characters
// around it, cut at spaces, when the sentence is long. It is always a substring of doc.plain.
func (e evidence) text(d *doc) string {
	if e.literal {
		return e.lit
	}
	if len(d.toks) == 0 {
		return ""
	}
	s := d.toks[min(d.tokenAt(e.a), len(d.toks)-1)].sent
	sa, sb := d.sentRange(s)
	pa, pb := d.plainAt(sa), d.plainEnd(sb)
	ma, mb := d.plainAt(e.a), d.plainEnd(e.b)
	pa, pb = trimSpaces(d.plain, pa, pb)
	if pb-pa <= maxSentence || ma < pa || mb > pb {
		return d.plain[pa:pb]
	}
	extra := max(0, window-(mb-ma))
	left, right := max(pa, ma-extra/2), min(pb, mb+extra/2)
	if left == pa {
		right = min(pb, ma+window)
	} else if right == pb {
		left = max(pa, mb-window)
	}
	// Cut at spaces, never inside a word or a character.
	if left > pa {
		if k := strings.IndexByte(d.plain[left:ma], ' '); k >= 0 {
			left += k + 1
		}
		for left < ma && !utf8.RuneStart(d.plain[left]) {
			left++
		}
	}
	if right < pb {
		if k := strings.LastIndexByte(d.plain[mb:right], ' '); k >= 0 {
			right = mb + k
		}
		for right > mb && right < len(d.plain) && !utf8.RuneStart(d.plain[right]) {
			right--
		}
	}
	left, right = trimSpaces(d.plain, left, right)
	return d.plain[left:right]
}

func trimSpaces(s string, a, b int) (int, int) {
	for a < b && (s[a] == ' ' || s[a] == '\n') {
		a++
	}
	for b > a && (s[b-1] == ' ' || s[b-1] == '\n') {
		b--
	}
	return a, b
}
