package normalize

import (
	"cmp"
	"math"
	"slices"
	"strings"

	"mobilite/internal/ref"
)

// iscoIndex is what SuggestISCO searches: the lines of titleCodes, and the titles of the ISCO-08
// unit and minor groups weighted by how rare each word is. It is built once by New and only read
// afterwards.
type iscoIndex struct {
	phrases []iscoPhrase
	byStem  map[string][]int // stem → phrases that hold it

	docs     []iscoDoc
	postings map[string][]int // stem → docs that hold it
	df       map[string]int   // stem → number of groups whose titles hold it
	idf      map[string]float64
	maxIDF   float64 // the idf of a word found in one group
}

// iscoPhrase is one line of titleCodes, stemmed.
type iscoPhrase struct {
	stems   []string
	code    string
	conf    float64
	manager bool // it holds a manager word itself ("head chef", "finance manager")
	generic bool // from roleTitleCodes
}

// iscoDoc is the French or the English title of one group, stemmed.
type iscoDoc struct {
	code  string
	level int
	stems []string
	norm  float64 // √Σ idf², for the cosine
}

// iscoStop are words of ISCO titles that tell no group apart.
var iscoStop = map[string]bool{
	"other": true, "autre": true, "not": true, "elsewhere": true, "classified": true,
	"non": true, "classe": true, "ailleur": true, "related": true, "assimile": true,
	"excluding": true, "except": true, "sauf": true, "exception": true, "niveau": true,
	"intermediaire": true,
}

// roleWords say the rank or the kind of contract, not the trade: they are left out when a
// title is compared with ISCO's titles (where "chef" is a traditional chief and "director" a
// film director).
var roleWords = map[string]bool{
	"officer": true, "specialist": true, "specialiste": true, "coordinator": true,
	"coordinateur": true, "coordonnateur": true, "consultant": true, "consultancy": true,
	"consultance": true, "expert": true, "charge": true, "lead": true, "associate": true,
	"focal": true, "point": true, "principal": true, "chief": true, "head": true,
	"manager": true, "director": true, "directeur": true, "chef": true, "responsable": true,
	"advisor": true, "adviser": true, "conseiller": true, "intern": true, "internship": true,
	"stagiaire": true, "stage": true, "volunteer": true, "volontaire": true, "vnu": true,
	"unv": true, "team": true, "equipe": true, "leader": true, "deputy": true, "adjoint": true,
	"regional": true, "country": true, "field": true, "terrain": true, "poste": true,
	"position": true, "job": true, "emploi": true, "offre": true, "recrutement": true,
	"evaluation": true, "appui": true, "support": true, "mission": true, "service": true,
	"research": true, "recherche": true, "researcher": true, "chercheur": true,
	"office": true, "bureau": true,
}

// newISCOIndex stems titleCodes and the ISCO titles of levels 3 and 4.
func newISCOIndex(r *ref.Ref) *iscoIndex {
	ix := &iscoIndex{byStem: map[string][]int{}, postings: map[string][]int{}, df: map[string]int{}, idf: map[string]float64{}}
	lines := titleCodes
	generic := len(lines)
	lines = append(lines[:len(lines):len(lines)], roleTitleCodes...)
	for li, line := range lines {
		for _, t := range line.titles {
			st := dedupe(titleStems([]string{ref.Fold(t)}))
			if len(st) == 0 {
				continue
			}
			p := iscoPhrase{stems: st, code: line.code, conf: line.conf, generic: li >= generic}
			for _, s := range st {
				p.manager = p.manager || managerWords[s]
			}
			for _, s := range st {
				ix.byStem[s] = append(ix.byStem[s], len(ix.phrases))
			}
			ix.phrases = append(ix.phrases, p)
		}
	}
	if r == nil {
		return ix
	}
	groups := 0
	for _, o := range r.Occupations() {
		if o.Level < 3 {
			continue
		}
		groups++
		seen := map[string]bool{}
		for _, title := range []string{o.TitleFR, o.TitleEN} {
			var st []string
			for _, s := range titleStems([]string{ref.Fold(title)}) {
				if !iscoStop[s] {
					st = append(st, s)
				}
			}
			st = dedupe(st)
			if len(st) == 0 {
				continue
			}
			for _, s := range st {
				ix.postings[s] = append(ix.postings[s], len(ix.docs))
				if !seen[s] {
					seen[s] = true
					ix.df[s]++
				}
			}
			ix.docs = append(ix.docs, iscoDoc{code: o.Code, level: o.Level, stems: st})
		}
	}
	for s, n := range ix.df {
		ix.idf[s] = math.Log(1 + float64(groups)/float64(n))
	}
	ix.maxIDF = math.Log(1 + float64(groups))
	for i := range ix.docs {
		var sum float64
		for _, s := range ix.docs[i].stems {
			sum += ix.idf[s] * ix.idf[s]
		}
		ix.docs[i].norm = math.Sqrt(sum)
	}
	return ix
}

// SuggestISCO suggests the ISCO-08 group of an offer from its title, with a confidence from 0
// to 1. The title is first rid of what is not the job (grades, places, "(H/F)", "Senior",
// "national"…). Then a table of common job titles in French and English decides when it can
// ("Chauffeur" → 8322, "Assistant comptable" → 3313, "Chief, Child Protection" → 1344): its
// answers have a confidence of 0.8 or more, less for titles that fit their group roughly
// ("Enseignant" → 23, teaching professionals, 0.6), or when two lines of the table fit equally
// (then the words of text decide between them, else the first in the title). Otherwise the
// title's words are compared with the French and English titles of the ISCO unit and minor
// groups, each word weighted by how rare it is among them (the cosine of the two, times 0.85:
// only a title that is an ISCO title, "Cuisiniers", reaches 0.85); a guess below about 0.47 is
// dropped. It returns "" and 0 when nothing fits.
func (n *Normalizer) SuggestISCO(title, text string) (code string, confidence float64) {
	return n.suggestISCO(titleSegments(title, placeChecker(n.Ref)), text)
}

// suggestISCO is SuggestISCO on a title already split by titleSegments.
func (n *Normalizer) suggestISCO(segments []string, text string) (string, float64) {
	ix := n.index()
	stems := titleStems(segments)
	if len(stems) == 0 {
		return "", 0
	}
	if code, conf, ok := ix.matchTable(stems, text); ok {
		return code, conf
	}
	return ix.matchTitles(stems)
}

// matchTable finds the longest line of titleCodes whose words are all in the title, else the
// longest of roleTitleCodes.
func (ix *iscoIndex) matchTable(stems []string, text string) (string, float64, bool) {
	pos := make(map[string]int, len(stems))
	for i, s := range stems {
		if _, ok := pos[s]; !ok {
			pos[s] = i
		}
	}
	var best []int
	bestLen, bestGeneric := 0, true
	for _, s := range stems {
		for _, pi := range ix.byStem[s] {
			p := &ix.phrases[pi]
			if (p.generic && !bestGeneric) || (p.generic == bestGeneric && len(p.stems) < bestLen) || slices.Contains(best, pi) {
				continue
			}
			all := true
			for _, w := range p.stems {
				if _, ok := pos[w]; !ok {
					all = false
					break
				}
			}
			if !all {
				continue
			}
			if len(p.stems) > bestLen || (bestGeneric && !p.generic) {
				best, bestLen, bestGeneric = best[:0], len(p.stems), p.generic
			}
			best = append(best, pi)
		}
	}
	if len(best) == 0 {
		return "", 0, false
	}
	p := ix.phrases[best[0]]
	tie := false
	for _, pi := range best[1:] {
		if ix.phrases[pi].code != p.code {
			tie = true
		}
	}
	if tie {
		p = ix.breakTie(best, pos, text)
	}
	conf := p.conf
	if conf == 0 {
		conf = 0.85
		if len(p.stems) > 1 {
			conf = 0.9
		}
	}
	if tie {
		conf = min(conf, 0.6)
	}
	code := p.code
	if !p.manager && hasManagerWord(stems) {
		if m, ok := managerOf[code]; ok {
			code, conf = m, min(conf, 0.8)
		} else {
			conf *= 0.85
		}
	}
	return code, conf, true
}

// breakTie chooses between lines of the table that fit a title equally: the one whose words the
// text uses most, else the more particular line (the one with the higher confidence:
// "Programme Specialist (Education)" is an education specialist), else the one whose first
// word comes first in the title.
func (ix *iscoIndex) breakTie(cands []int, pos map[string]int, text string) iscoPhrase {
	var counts map[string]int
	if text != "" {
		counts = map[string]int{}
		for _, s := range titleStems([]string{ref.Fold(safeSlice(text, 0, min(len(text), 2000)))}) {
			counts[s]++
		}
	}
	score := func(p iscoPhrase) (int, float64, int) {
		c, first := 0, math.MaxInt
		for _, s := range p.stems {
			c += counts[s]
			first = min(first, pos[s])
		}
		conf := p.conf
		if conf == 0 {
			conf = 1
		}
		return c, conf, first
	}
	best := ix.phrases[cands[0]]
	bc, bconf, bf := score(best)
	for _, pi := range cands[1:] {
		p := ix.phrases[pi]
		c, conf, f := score(p)
		if cmp.Or(cmp.Compare(c, bc), cmp.Compare(conf, bconf), cmp.Compare(bf, f)) > 0 {
			best, bc, bconf, bf = p, c, conf, f
		}
	}
	return best
}

func hasManagerWord(stems []string) bool {
	for i, s := range stems {
		if managerWords[s] {
			return true
		}
		if i+1 < len(stems) {
			for _, p := range managerPairs {
				if s == p[0] && stems[i+1] == p[1] {
					return true
				}
			}
		}
	}
	return false
}

// matchTitles compares the title's words with ISCO's titles by the cosine of their word
// vectors, each word weighted by its inverse group frequency. At least one word shared must be
// rare (in 8 groups or fewer), so that "assistant" or "worker" alone decide nothing.
func (ix *iscoIndex) matchTitles(stems []string) (string, float64) {
	// A word no ISCO title has weighs as much as the rarest: "passation de marchés" is not a
	// market stall.
	var q []string
	var qnorm float64
	for _, s := range dedupe(stems) {
		if roleWords[s] {
			continue
		}
		w, ok := ix.idf[s]
		if !ok {
			w = ix.maxIDF
		} else {
			q = append(q, s)
		}
		qnorm += w * w
	}
	if len(q) == 0 {
		return "", 0
	}
	qnorm = math.Sqrt(qnorm)
	dot := map[int]float64{}
	rare := map[int]bool{}
	for _, s := range q {
		w := ix.idf[s] * ix.idf[s]
		for _, d := range ix.postings[s] {
			dot[d] += w
			if ix.df[s] <= 8 {
				rare[d] = true
			}
		}
	}
	type hit struct {
		doc int
		cos float64
	}
	var hits []hit
	for d, v := range dot {
		if rare[d] {
			hits = append(hits, hit{d, v / (qnorm * ix.docs[d].norm)})
		}
	}
	if len(hits) == 0 {
		return "", 0
	}
	slices.SortFunc(hits, func(a, b hit) int {
		da, db := ix.docs[a.doc], ix.docs[b.doc]
		return cmp.Or(cmp.Compare(b.cos, a.cos), cmp.Compare(db.level, da.level),
			cmp.Compare(len(da.stems), len(db.stems)), strings.Compare(da.code, db.code))
	})
	best := hits[0]
	if best.cos < 0.55 {
		return "", 0
	}
	return ix.docs[best.doc].code, math.Round(0.85*best.cos*100) / 100
}

// dedupe removes repeated words, keeping the first of each.
func dedupe(words []string) []string {
	out := words[:0:0]
	for _, w := range words {
		if !slices.Contains(out, w) {
			out = append(out, w)
		}
	}
	return out
}
