package fairrec

import (
	"slices"
	"sort"
)

// The helpers of the checks: where a hit stands, and what stands around it.

func (d *doc) seg(h hit) int32    { return d.toks[h.a].seg }
func (d *doc) clause(h hit) int32 { return d.toks[h.a].clause }
func (d *doc) sent(h hit) int32   { return d.toks[h.a].sent }

func (d *doc) segHas(s int32, mask uint64) bool    { return d.segRoles[s]&mask != 0 }
func (d *doc) clauseHas(c int32, mask uint64) bool { return d.clauseRoles[c]&mask != 0 }
func (d *doc) sentHas(s int32, mask uint64) bool   { return d.sentRoles[s]&mask != 0 }

// Scopes of a token.
const (
	inSeg = iota
	inClause
	inSent
)

// scope returns the tokens [from, to) of the segment, clause or sentence of token k. The ids
// grow with the tokens, so a binary search finds the ends.
func (d *doc) scope(k int32, level int) (int32, int32) {
	id := func(i int) int32 {
		switch level {
		case inSeg:
			return d.toks[i].seg
		case inClause:
			return d.toks[i].clause
		}
		return d.toks[i].sent
	}
	v := id(int(k))
	from := sort.Search(int(k), func(i int) bool { return id(i) >= v })
	to := int(k) + sort.Search(len(d.toks)-int(k), func(i int) bool { return id(int(k)+i) > v })
	return int32(from), int32(to)
}

// hitsIn returns the hits of role r that start in tokens [from, to); hits are in text order.
func (d *doc) hitsIn(r role, from, to int32) []hit {
	hs := d.hits[r]
	i := sort.Search(len(hs), func(k int) bool { return hs[k].a >= from })
	j := i + sort.Search(len(hs)-i, func(k int) bool { return hs[i+k].a >= to })
	return hs[i:j]
}

// amountsIn returns the amounts that start in tokens [from, to).
func (d *doc) amountsIn(from, to int32) []amount {
	ms := d.amounts
	i := sort.Search(len(ms), func(k int) bool { return ms[k].tok >= int(from) })
	j := i + sort.Search(len(ms)-i, func(k int) bool { return ms[i+k].tok >= int(to) })
	return ms[i:j]
}

// overlaps reports whether a hit of role r shares a token with h.
func (d *doc) overlaps(r role, h hit) bool {
	for _, o := range d.hitsIn(r, h.a-lexicon.maxLen, h.b) {
		if o.b > h.a {
			return true
		}
	}
	return false
}

// other reports whether a hit of role r that does not overlap h lies in the segment, clause or
// sentence of h.
func (d *doc) other(r role, h hit, level int) bool {
	from, to := d.scope(h.a, level)
	for _, o := range d.hitsIn(r, from, to) {
		if o.b <= h.a || o.a >= h.b {
			return true
		}
	}
	return false
}

// negatedBefore reports whether a negation ends at most window words before h, in its segment.
func (d *doc) negatedBefore(h hit, window int32) bool {
	for _, n := range d.hitsIn(roleNeg, h.a-window-lexicon.maxLen, h.a) {
		if n.b <= h.a && h.a-n.b <= window && d.seg(n) == d.seg(h) {
			return true
		}
	}
	return false
}

// negatedRightBefore is negatedBefore for a trigger followed by an amount, where a negation
// further away belongs to something else ("Vous ne serez pas déçu : frais de dossier 10 000 F"):
// only "aucun frais", "pas de caution", "no deposit", "sans aucune avance" count.
func (d *doc) negatedRightBefore(h hit) bool {
	k := h.a
	for skipped := 0; k > 0 && skipped < 2 && is(d.word(int(k-1)), "de", "d", "des", "du", "la", "le", "les", "l", "un", "une", "aucun", "aucune", "a", "an", "any", "the", "of"); skipped++ {
		k--
	}
	for _, n := range d.hitsIn(roleNeg, k-lexicon.maxLen, h.a) {
		if n.b >= k && n.b <= h.a && d.seg(n) == d.seg(h) {
			return true
		}
	}
	return false
}

// negatedInside reports whether the words of h, or the one after, hold a negation: "l'employeur
// ne gardera pas votre passeport".
func (d *doc) negatedInside(h hit) bool {
	for _, n := range d.hitsIn(roleNeg, h.a, h.b+1) {
		if d.seg(n) == d.seg(h) {
			return true
		}
	}
	return false
}

// deniedAfter reports whether the segment of h, after h, says that what h names is forbidden
// or not valid: "un visa de tourisme ne permet pas de travailler".
func (d *doc) deniedAfter(h hit) bool {
	_, to := d.scope(h.a, inSeg)
	return len(d.hitsIn(roleDeny, h.b, to)) > 0
}

// warned reports whether h stands in a fraud warning: "Méfiez-vous des offres qui demandent
// des frais de dossier" warns against the trigger, it does not ask for it. "Ce n'est pas une
// arnaque" is no warning.
func (d *doc) warned(h hit) bool {
	if !d.sentHas(d.sent(h), bit(roleWarning)) {
		return false
	}
	from, to := d.scope(h.a, inSent)
	for _, w := range d.hitsIn(roleWarning, from, to) {
		if !d.negatedBefore(w, 3) {
			return true
		}
	}
	return false
}

// amountAfter reports whether an amount follows h in its segment.
func (d *doc) amountAfter(h hit) bool {
	_, to := d.scope(h.a, inSeg)
	return len(d.amountsIn(h.b, to)) > 0
}

// clauseAmount reports whether the clause of h holds an amount.
func (d *doc) clauseAmount(h hit) bool {
	from, to := d.scope(h.a, inClause)
	return len(d.amountsIn(from, to)) > 0
}

// clean reports whether segments from to to (both included) hold no amount and no demand:
// they read as a list ("les frais de dossier, de visa et de transport…"), not as a price.
func (d *doc) clean(from, to int32) bool {
	if from > to {
		return true
	}
	return d.dirty[to+1]-d.dirty[from] == 0
}

// listExcused reports whether an excuse (roleExempt or roleFree) in another segment of the
// clause of h reaches it through a list: "Le billet, le visa et les frais de dossier sont pris
// en charge par l'employeur", "L'employeur paie le billet, le visa, les frais de dossier".
func (d *doc) listExcused(h hit) bool {
	if !d.excusesBuilt {
		d.excusesBuilt = true
		for _, r := range [...]role{roleExempt, roleFree} {
			for _, e := range d.hits[r] {
				if e.dir&dirAfter != 0 {
					d.excuses[0] = append(d.excuses[0], e)
				}
				if e.dir&dirBefore != 0 {
					d.excuses[1] = append(d.excuses[1], e)
				}
			}
		}
		for _, l := range d.excuses {
			slices.SortFunc(l, func(x, y hit) int { return int(x.a - y.a) })
		}
	}
	s, c := d.seg(h), d.clause(h)
	// The nearest excuse in a later segment: past a segment with a price or a demand, none
	// reaches h, so a farther one cannot do better.
	after := d.excuses[0]
	k := sort.Search(len(after), func(i int) bool { return d.seg(after[i]) > s })
	for es := int32(-1); k < len(after) && d.clause(after[k]) == c; k++ {
		e := after[k]
		if es >= 0 && d.seg(e) != es {
			break
		}
		es = d.seg(e)
		if d.clean(s, es-1) && (e.role == roleExempt || d.segAmount[es]&amountAny == 0) {
			return true
		}
	}
	before := d.excuses[1]
	k = sort.Search(len(before), func(i int) bool { return d.seg(before[i]) >= s }) - 1
	return k >= 0 && d.clause(before[k]) == c && d.clean(d.seg(before[k])+1, s)
}
