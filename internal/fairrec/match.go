package fairrec

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// role is what a phrase means to the rules: a trigger, a word that gives a trigger its
// context, or one that excuses it.
type role uint8

// Directions in which an excuse reaches the other segments of its clause (see doc.listCovered).
const (
	dirSame   uint8 = iota // only its own segment
	dirAfter               // also the segments before it: "frais de dossier, de visa et de transport pris en charge"
	dirBefore              // also the segments after it: "l'employeur prend en charge le billet, le visa, les frais de dossier"
	dirBoth
)

// group is a set of phrases with one role, in the notation of compilePhrase.
type group struct {
	role    role
	dir     uint8
	phrases []string
}

// elem is one step of a compiled phrase: a word with its alternatives, or a gap.
type elem struct {
	alts []string
	gap  int // when > 0, the step skips 0 to gap words
}

type phrase struct {
	role  role
	dir   uint8
	lead  []elem // steps before the key word, matched backwards
	elems []elem // the key word, then the steps after it
}

// matcher finds phrases, indexed by their key word.
type matcher struct {
	phrases []phrase
	first   map[string][]int32
	maxLen  int32      // the most tokens a phrase can span
	filter  [64]uint64 // bit quickHash(w) is set for every key word w: most words need no map lookup
}

// quickHash is a cheap hash of a word, for matcher.filter.
func quickHash(w []byte) uint {
	n := len(w)
	h := uint(n)*31 + uint(w[0])*7 + uint(w[n-1])*17
	if n > 1 {
		h += uint(w[1]) * 131
	}
	return h & 4095
}

// compile builds the matcher of the groups; it panics on a malformed phrase, which any test of
// the package catches before a release.
func compile(groups []group) *matcher {
	m := &matcher{first: map[string][]int32{}}
	for _, g := range groups {
		for _, s := range g.phrases {
			lead, elems := compilePhrase(s)
			p := phrase{role: g.role, dir: g.dir, lead: lead, elems: elems}
			n := int32(0)
			for _, e := range append(slices.Clip(lead), elems...) {
				n += max(1, int32(e.gap))
			}
			m.maxLen = max(m.maxLen, n)
			id := int32(len(m.phrases))
			m.phrases = append(m.phrases, p)
			for _, w := range p.elems[0].alts {
				m.first[w] = append(m.first[w], id)
				h := quickHash([]byte(w))
				m.filter[h/64] |= 1 << (h % 64)
			}
		}
	}
	return m
}

// compilePhrase reads a phrase: words separated by spaces, written as in the offers (accents
// and apostrophes allowed, they are folded like the text), "a|b|c" for alternatives and "~N"
// for a gap of up to N words. "frais de|d dossier|inscription" matches "frais de dossier" and
// "frais d'inscription"; "employeur ~2 paie" matches "l'employeur paie" and "l'employeur vous
// paie". The phrase is found by its first word, its key, unless words before it end with ">":
// those are matched backwards from the key, so that "a> la> charge" is looked up by "charge",
// not by the very common "a". The key cannot be a gap; an alternative must fold to one word.
func compilePhrase(s string) (lead, elems []elem) {
	var out []elem
	inLead := true
	for _, f := range strings.Fields(s) {
		isLead := strings.HasSuffix(f, ">")
		if isLead && !inLead {
			panic(fmt.Sprintf("fairrec: phrase %q: %q after the key", s, f))
		}
		f = strings.TrimSuffix(f, ">")
		if !isLead && inLead {
			lead, out, inLead = out, nil, false
		}
		if n, ok := strings.CutPrefix(f, "~"); ok {
			k, err := strconv.Atoi(n)
			if err != nil || k < 1 || len(out) == 0 && !isLead {
				panic(fmt.Sprintf("fairrec: phrase %q: bad gap %q", s, f))
			}
			out = append(out, elem{gap: k})
			continue
		}
		var e elem
		var words []elem
		for _, alt := range strings.Split(f, "|") {
			toks := splitWords(foldString(alt))
			if len(toks) == 0 {
				panic(fmt.Sprintf("fairrec: phrase %q: empty alternative", s))
			}
			if len(toks) > 1 && strings.Contains(f, "|") {
				panic(fmt.Sprintf("fairrec: phrase %q: alternative %q is more than one word", s, alt))
			}
			if len(toks) > 1 { // "l'employeur" written as one word
				for _, t := range toks {
					words = append(words, elem{alts: []string{t}})
				}
				continue
			}
			e.alts = append(e.alts, toks[0])
		}
		if words != nil {
			out = append(out, words...)
			continue
		}
		out = append(out, e)
	}
	if inLead || len(out) == 0 {
		panic(fmt.Sprintf("fairrec: phrase %q has no key", s))
	}
	return lead, out
}

// splitWords cuts folded text into words as the tokenizer does.
func splitWords(s string) []string {
	d := &doc{fold: []byte(s), scratch: &scratch{}}
	d.tokenize()
	out := make([]string, len(d.toks))
	for i := range d.toks {
		out[i] = string(d.word(i))
	}
	return out
}

func (e *elem) matches(w []byte) bool {
	for _, a := range e.alts {
		if string(w) == a {
			return true
		}
	}
	return false
}

// hit is a phrase found in the text: tokens [a, b).
type hit struct {
	role role
	dir  uint8
	a, b int32
}

// findHits finds every phrase of the rules in the text, and notes in which segment, clause and
// sentence each role occurs.
func (d *doc) findHits() {
	m := lexicon
	// All hits go to one slice, then are laid out by role: one allocation, not one per role.
	all := make([]hit, 0, len(d.toks)/4+16)
	var lastOf [numRoles]int32 // index in all of the last hit of each role, plus one
	for i := range d.toks {
		w := d.word(i)
		if h := quickHash(w); m.filter[h/64]&(1<<(h%64)) == 0 {
			continue
		}
		ids, ok := m.first[string(w)]
		if !ok {
			continue
		}
		for _, id := range ids {
			p := &m.phrases[id]
			start, ok := i, true
			if p.lead != nil {
				start, ok = d.matchBack(p.lead, i, d.toks[i].clause, d.toks[i].seg)
			}
			if !ok {
				continue
			}
			end, ok := d.matchRest(p.elems[1:], i+1, d.toks[i].clause, d.toks[i].seg)
			if !ok {
				continue
			}
			if k := lastOf[p.role] - 1; k >= 0 {
				prev := &all[k]
				if prev.a <= int32(start) && prev.b >= int32(end) {
					continue // within a longer hit of the role: "frais de dossier" holds "dossier"
				}
				if prev.a == int32(start) {
					prev.b, prev.dir = int32(end), p.dir
					continue
				}
			}
			all = append(all, hit{role: p.role, dir: p.dir, a: int32(start), b: int32(end)})
			lastOf[p.role] = int32(len(all))
		}
	}
	var count [numRoles + 1]int
	for _, h := range all {
		count[h.role+1]++
	}
	for r := 1; r <= int(numRoles); r++ {
		count[r] += count[r-1]
	}
	byRole := make([]hit, len(all))
	next := count
	for _, h := range all {
		byRole[next[h.role]] = h
		next[h.role]++
	}
	for r := range d.hits {
		hs := byRole[count[r]:count[r+1]:count[r+1]]
		// A lead can start a hit before the previous one of its role: keep text order.
		if !slices.IsSortedFunc(hs, func(x, y hit) int { return int(x.a - y.a) }) {
			slices.SortStableFunc(hs, func(x, y hit) int { return int(x.a - y.a) })
		}
		if len(hs) > 0 {
			d.hits[r] = hs
		}
	}
	// "pas pris en charge", "not covered by the employer", "l'employeur ne prend pas en charge":
	// a negated excuse excuses nothing.
	d.hits[roleExempt] = slices.DeleteFunc(d.hits[roleExempt], func(e hit) bool {
		for _, n := range d.hitsIn(roleNeg, e.a-m.maxLen, e.b+1) {
			if (n.b == e.a || n.a >= e.a) && d.toks[n.a].seg == d.toks[e.a].seg {
				return true
			}
		}
		return false
	})
	if len(d.toks) == 0 {
		return
	}
	last := d.toks[len(d.toks)-1]
	d.segRoles = make([]uint64, last.seg+1)
	d.clauseRoles = make([]uint64, last.clause+1)
	d.sentRoles = make([]uint64, last.sent+1)
	for r := range d.hits {
		for _, h := range d.hits[r] {
			t := d.toks[h.a]
			d.segRoles[t.seg] |= 1 << r
			d.clauseRoles[t.clause] |= 1 << r
			d.sentRoles[t.sent] |= 1 << r
		}
	}
}

// matchBack matches the lead steps els backwards from the token before i and returns the
// first token of the match.
func (d *doc) matchBack(els []elem, i int, clause, seg int32) (int, bool) {
	if len(els) == 0 {
		return i, true
	}
	e := &els[len(els)-1]
	if e.gap > 0 {
		for g := 0; g <= e.gap && i-g >= 0; g++ {
			if g > 0 && d.toks[i-g].clause != clause {
				break
			}
			if start, ok := d.matchBack(els[:len(els)-1], i-g, clause, -1); ok {
				return start, true
			}
		}
		return 0, false
	}
	if i == 0 {
		return 0, false
	}
	t := d.toks[i-1]
	if t.clause != clause || seg >= 0 && t.seg != seg || !e.matches(d.fold[t.a:t.b]) {
		return 0, false
	}
	return d.matchBack(els[:len(els)-1], i-1, clause, t.seg)
}

// matchRest matches the steps els from token i on, within one clause; consecutive words must
// also be in one segment. It returns the end of the match.
func (d *doc) matchRest(els []elem, i int, clause, seg int32) (int, bool) {
	if len(els) == 0 {
		return i, true
	}
	e := &els[0]
	if e.gap > 0 {
		for g := 0; g <= e.gap && i+g <= len(d.toks); g++ {
			if g > 0 && d.toks[i+g-1].clause != clause {
				break
			}
			if end, ok := d.matchRest(els[1:], i+g, clause, -1); ok {
				return end, true
			}
		}
		return 0, false
	}
	if i >= len(d.toks) {
		return 0, false
	}
	t := d.toks[i]
	if t.clause != clause || seg >= 0 && t.seg != seg || !e.matches(d.fold[t.a:t.b]) {
		return 0, false
	}
	return d.matchRest(els[1:], i+1, clause, t.seg)
}
