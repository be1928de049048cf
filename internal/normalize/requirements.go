package normalize

import (
	"html"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// Requirements is what an offer asks of candidates, as far as its text says it.
type Requirements struct {
	Languages []LanguageRequirement // in the order the text names them; nil when it names none
	ISCED     int                   // minimum ISCED 2011 level asked (3 bac, 5 BTS, 6 licence, 7 master, 8 doctorate); -1 when not stated
	Years     int                   // minimum years of experience asked; 0 when not stated
}

// LanguageRequirement is a language an offer asks candidates to speak: its ISO 639 code ("fr",
// "en", "ee" for Ewe, "kbp" for Kabiyè) and the CEFR level asked ("A2" to "C2"), "" when the
// text gives none.
type LanguageRequirement struct{ Language, Level string }

// reqScanLimit is how much of a text ExtractRequirements reads: UN vacancies put their
// requirements after several pages of context, but nothing real is longer than this.
const reqScanLimit = 32 << 10

// ExtractRequirements reads what an offer asks of candidates from its title and its text
// (plain text, or HTML whose tags it skips and whose entities it decodes), in French and in
// English:
//
//   - Languages: the languages the text asks for or wishes ("Fluency in English is required",
//     "notions d'allemand", "Langues : anglais (C1)"), each with its CEFR level, written ("B2")
//     or read from the words: native, langue maternelle → C2; fluent, courant, bilingual,
//     excellent command, parfaite maîtrise → C1; good or working knowledge, bonne maîtrise → B2;
//     intermediate → B1; basic, notions → A2. A language named in a sentence that asks nothing
//     of candidates ("also published in English", "société allemande", "Embassy of Spain",
//     "degree in French literature") is no requirement, nor are the languages of "another UN
//     language (Arabic, Chinese…)".
//   - ISCED: the lowest level of education the text accepts, so that "Master's degree, or a
//     first-level degree with two additional years" is 6: doctorate 8; master, Bac+5, DESS,
//     DEA, MBA, advanced university degree 7; bachelor, licence, Bac+3, first-level university
//     degree 6; BTS, DUT, Bac+2, diploma 5; baccalauréat, high school diploma 3.
//   - Years: the fewest years of experience it asks ("at least five years", "3 à 5 ans
//     d'expérience" → 3, "une première expérience" → 1), leaving out durations that are not
//     experience (a contract, an age, a company's history). What an offer only wishes ("an
//     asset", "souhaité") counts when it asks for nothing firmer.
//
// It only reads: nothing fails, and what the text does not say stays at its zero (-1 for ISCED).
func ExtractRequirements(title, text string) Requirements {
	if len(text) > reqScanLimit {
		text = safeSlice(text, 0, reqScanLimit)
	}
	kept := reqTokensKept.Get().(*[]reqTok)
	toks := reqTokens((*kept)[:0], title, text)
	defer func() {
		if cap(toks) <= 64<<10 {
			*kept = toks
			reqTokensKept.Put(kept)
		}
	}()
	x := reqExtract{iscedHard: -1, iscedSoft: -1}
	start := 0
	for i := range toks {
		if toks[i].kind == tokBreak {
			if i > start {
				x.clause(toks[start:i])
			}
			start = i + 1
		}
	}
	if start < len(toks) {
		x.clause(toks[start:])
	}
	r := Requirements{Languages: x.langs, ISCED: x.iscedHard, Years: x.yearsHard}
	if r.ISCED < 0 {
		r.ISCED = x.iscedSoft
	}
	if r.Years == 0 {
		r.Years = x.yearsSoft
	}
	return r
}

// reqExtract collects what the clauses of a text ask.
type reqExtract struct {
	langs                []LanguageRequirement
	iscedHard, iscedSoft int // the lowest levels asked firmly and as a wish, -1 for none
	yearsHard, yearsSoft int // the same for years of experience, 0 for none
	langSection          int // clauses still under a "Languages:" heading
	expSection           int // clauses still under an "Experience:" heading
}

// clause reads one sentence, or one item of a list.
func (x *reqExtract) clause(c []reqTok) {
	var has uint32
	words, cues := 0, false
	for i := range c {
		has |= c[i].flags
		cues = cues || c[i].cue != 0
		if c[i].kind != tokPunct {
			words++
		}
	}
	// A short clause ending with a colon, or a few words alone, is a heading: the clauses under
	// "Languages" or "Experience" are about them even when they only list ("- English"), until
	// the next heading ("Comment postuler").
	heading := words <= 4 && (c[len(c)-1].w() == ":" || words == len(c))
	inLang, inExp := x.langSection > 0, x.expSection > 0
	x.langSection, x.expSection = max(x.langSection-1, 0), max(x.expSection-1, 0)
	if heading && (c[len(c)-1].w() == ":" || has&(reqLabel|reqExp) != 0 || has&reqLang == 0 && !cues) {
		x.langSection, x.expSection = 0, 0
		if has&reqLabel != 0 {
			x.langSection = 6
		}
		if has&reqExp != 0 {
			x.expSection = 2
		}
	}
	if has&reqLang != 0 {
		x.languages(c, has, inLang)
	}
	if has&reqEdu != 0 {
		x.education(c)
	}
	x.experience(c, inExp || has&(reqExp|reqRole) != 0)
}

// languages reads the languages a clause asks for. A level word applies to the languages after
// it until another one ("Fluency in English and French; good knowledge of Spanish"); a level
// written right after a language is its own ("anglais courant", "English (C1)").
func (x *reqExtract) languages(c []reqTok, has uint32, inSection bool) {
	type mention struct{ lang, level uint8 }
	var found [12]mention
	n := 0
	var cur uint8 // the level the last level word gave
	cued, anyOf, study := false, false, -10
	for i := 0; i < len(c); i++ {
		t := &c[i]
		switch {
		case t.lang != 0:
			if i-study == 2 && (c[i-1].flags&(reqConn|reqAlt) != 0 || c[i-1].w() == ",") || fieldOfStudy(c, i) {
				study = i // "a degree in French or English"
				continue
			}
			if anyOf || adjectival(c, i) || n == len(found) {
				continue
			}
			lvl, ok := levelAfter(c, i)
			if ok {
				cued = true
			} else {
				lvl = cur
			}
			found[n] = mention{t.lang, lvl}
			n++
		case t.flags&reqOther != 0:
			// "another UN language (Arabic, Chinese…)": none of them in particular.
			for k := i + 1; k < len(c) && k <= i+4; k++ {
				if c[k].flags&reqLabel != 0 {
					anyOf = true
					break
				}
			}
		case t.flags&reqSpecific != 0:
			anyOf = false // "another UN language, preferably French"
		case t.cue == cueStand:
			cur, cued = t.level, true
		case t.cue == cueQual || t.cue == cueIntens:
			if lvl, k, ok := qualifier(c, i); ok {
				cur, cued, i = lvl, true, k
			}
		case t.cue == cueNoun:
			cur, cued = 0, true
			if lvl, k := levelAfterNoun(c, i); k > i {
				cur, i = lvl, k
			}
		case t.cue == cueCEFR:
			if k := languageAhead(c, i); k > i {
				cur, cued, i = t.level, true, k-1
			}
		}
	}
	if n == 0 || !cued && !inSection && has&reqCtx == 0 && !asksLanguages(c) {
		return
	}
	if has&reqPub != 0 && !cued {
		return // "also published in English", "applications in French or English"
	}
	for _, m := range found[:n] {
		x.addLanguage(m.lang, m.level)
	}
}

// asksLanguages reports whether the clause speaks of languages otherwise than as an
// organisation's working or official languages ("English and French are the working languages
// of the Secretariat", "langue de travail : anglais").
func asksLanguages(c []reqTok) bool {
	for i := range c {
		if c[i].flags&reqLabel == 0 {
			continue
		}
		if i > 0 {
			switch c[i-1].w() {
			case "working", "official", "officielle", "officielles", "national", "nationale", "nationales", "local", "locale", "locales":
				continue
			}
		}
		if i+1 < len(c) {
			switch c[i+1].w() {
			case "officielle", "officielles", "nationale", "nationales", "locale", "locales":
				continue
			case "de":
				if i+2 < len(c) && c[i+2].w() == "travail" {
					continue
				}
			}
		}
		return true
	}
	return false
}

// addLanguage records a language once, with the lowest level the text asks of it.
func (x *reqExtract) addLanguage(lang, level uint8) {
	code, lvl := reqLanguages[lang], cefrLevels[level]
	for i := range x.langs {
		if x.langs[i].Language == code {
			if l := x.langs[i].Level; l == "" || lvl != "" && lvl < l {
				x.langs[i].Level = lvl
			}
			return
		}
	}
	x.langs = append(x.langs, LanguageRequirement{code, lvl})
}

// reqLanguages are the codes of the languages ExtractRequirements knows; a word's lang is an
// index in it.
var reqLanguages = [...]string{"", "fr", "en", "es", "pt", "ar", "de", "it", "ru", "zh", "ee", "kbp"}

// cefrLevels are the CEFR levels, in order; a word's level is an index in it.
var cefrLevels = [...]string{"", "A1", "A2", "B1", "B2", "C1", "C2"}

const (
	levelA2 = 2
	levelB1 = 3
	levelB2 = 4
	levelC1 = 5
)

// levelAfter reads a level written after the language at c[i]: "anglais courant", "English
// (C1)", "French: good", "allemand niveau B1/B2" (the lower).
func levelAfter(c []reqTok, i int) (uint8, bool) {
	for k := i + 1; k < len(c) && k <= i+4; k++ {
		t := &c[k]
		switch {
		case t.cue == cueCEFR:
			lvl := t.level
			if k+2 < len(c) && c[k+2].cue == cueCEFR && c[k+1].flags&reqAlt != 0 && c[k+2].level < lvl {
				lvl = c[k+2].level
			}
			return lvl, true
		case t.cue == cueStand:
			return t.level, true
		case t.cue == cueQual || t.cue == cueIntens:
			lvl, m := t.level, k+1
			if t.cue == cueIntens {
				if m >= len(c) || c[m].cue != cueQual {
					return 0, false
				}
				lvl, m = raiseLevel(c[m].level), m+1
			}
			// "English: good", "French (basic)", "anglais : bonne maîtrise", but not "English,
			// good knowledge of French".
			if m == len(c) || c[m].cue == cueNoun || c[m].flags&reqCtx != 0 || c[m].kind == tokPunct && c[m].w() != "(" {
				return lvl, true
			}
			return 0, false
		case t.flags&reqPostSkip != 0:
		default:
			return 0, false
		}
	}
	return 0, false
}

// qualifier reads the qualifier at c[i] ("good", "very good", "excellente") and what it
// qualifies: a noun of level ("knowledge", "command", "maîtrise") or a language, maybe past
// "written and spoken". It returns the level and the index of the noun, or of the token before
// the language; ok is false when it qualifies neither ("good communication skills").
func qualifier(c []reqTok, i int) (lvl uint8, k int, ok bool) {
	lvl, k = c[i].level, i+1
	if c[i].cue == cueIntens {
		if k >= len(c) || c[k].cue != cueQual {
			return 0, i, false
		}
		lvl, k = raiseLevel(c[k].level), k+1
	}
	for ; k < len(c) && k <= i+5; k++ {
		switch t := &c[k]; {
		case t.cue == cueNoun:
			return lvl, k, true
		case t.lang != 0:
			return lvl, k - 1, true
		case t.flags&reqConn != 0 || t.w() == "/" || t.w() == "&" || t.w() == ",":
		default:
			return 0, i, false
		}
	}
	return 0, i, false
}

// levelAfterNoun reads a level written after a noun of level: "connaissances de base",
// "maîtrise parfaite", "niveau avancé", "level: C1".
func levelAfterNoun(c []reqTok, i int) (uint8, int) {
	k := i + 1
	if k < len(c) && c[k].w() == ":" {
		k++
	}
	if k >= len(c) {
		return 0, i
	}
	switch t := &c[k]; {
	case t.cue == cueCEFR || t.cue == cueQual || t.cue == cueStand:
		return t.level, k
	case t.w() == "de" && k+1 < len(c) && c[k+1].w() == "base":
		return levelA2, k + 1
	}
	return 0, i
}

// languageAhead tells where the language is that a CEFR level at c[i] is given to ("C1
// English", "B2 level in German", "niveau B1 en allemand"), i when there is none.
func languageAhead(c []reqTok, i int) int {
	for k := i + 1; k < len(c) && k <= i+4; k++ {
		switch {
		case c[k].lang != 0:
			return k
		case c[k].flags&reqPostSkip == 0 && c[k].w() != "in" && c[k].w() != "en" && c[k].w() != "of":
			return i
		}
	}
	return i
}

// adjectival reports whether the language word at c[i] describes something else than a
// language: "cuisine italienne", "German company", "French-speaking countries".
func adjectival(c []reqTok, i int) bool {
	if i > 0 && c[i-1].flags&reqAdj != 0 {
		return true
	}
	k := i + 1
	if k < len(c) && (c[k].w() == "speaking" || c[k].w() == "parlant" || c[k].w() == "-") {
		k++
	}
	return k < len(c) && c[k].flags&reqAdj != 0
}

// fieldOfStudy reports whether the language at c[i] is what a degree is in: "Master en
// anglais", "degree in French".
func fieldOfStudy(c []reqTok, i int) bool {
	if i < 2 || c[i-2].flags&reqStudy == 0 {
		return false
	}
	switch c[i-1].w() {
	case "in", "en", "d", "de", "of", "es":
		return true
	}
	return false
}

// raiseLevel is the level "very" or "très" gives.
func raiseLevel(l uint8) uint8 {
	if l == levelB1 || l == levelB2 {
		return l + 1
	}
	return l
}

// education records the degrees a clause names.
func (x *reqExtract) education(c []reqTok) {
	for i := 0; i < len(c); i++ {
		if c[i].flags&reqEdu == 0 {
			continue
		}
		lvl, last := degreeAt(c, i)
		if lvl < 0 {
			continue
		}
		for k := i; k <= last; k++ {
			c[k].used = true // the 2 of "Bac+2" is no experience
		}
		if softNear(c, i, last) {
			x.iscedSoft = lowest(x.iscedSoft, lvl)
		} else {
			x.iscedHard = lowest(x.iscedHard, lvl)
		}
		i = last
	}
}

// lowest is the lower of two ISCED levels, -1 standing for none.
func lowest(a, b int) int {
	if a < 0 || b < a {
		return b
	}
	return a
}

// degreeAt reads the degree named at c[i]: its ISCED level and the index of its last token, or
// -1 when the word names none here ("Scrum Master", "driving licence", "bac de rétention").
func degreeAt(c []reqTok, i int) (int, int) {
	w := c[i].w()
	next := func(k int) string {
		if k < len(c) {
			return c[k].w()
		}
		return ""
	}
	prev := func(k int) string {
		if k >= 0 {
			return c[k].w()
		}
		return ""
	}
	switch w {
	case "bachelor", "bachelors", "bsc", "bba", "btech", "beng", "llb":
		return 6, degreeNoun(c, i)
	case "msc", "mba", "mphil", "mtech", "dess":
		return 7, degreeNoun(c, i)
	case "phd", "doctorate", "doctorat":
		return 8, degreeNoun(c, i)
	case "doctoral":
		if n := next(i + 1); n == "degree" || n == "diploma" {
			return 8, i + 1
		}
	case "ph":
		if next(i+1) == "d" {
			return 8, i + 1
		}
	case "sc":
		switch prev(i - 1) {
		case "b":
			return 6, i
		case "m":
			return 7, i
		}
	case "master", "masters":
		return masterAt(c, i)
	case "licence":
		return licenceAt(c, i)
	case "bac", "baccalaureat", "baccalaureate":
		switch next(i + 1) {
		case "de", "a", "du", "des", "sable", "retention", "au":
			if w == "bac" {
				return -1, i // "bac de rétention", "bac à sable"
			}
		}
		return bacLevel(c, i)
	case "bts", "dut", "deug", "dts", "hnd":
		return 5, i
	case "bepc":
		return 2, i
	case "cepd":
		return 1, i
	case "dea", "cap", "bep":
		if !c[i].upper {
			return -1, i
		}
		ok := false
		switch prev(i - 1) {
		case "un", "d", "ou", "or", "/", "niveau", "titulaire", "diplome", "dess", "cap", "bep":
			ok = true
		}
		switch next(i + 1) {
		case "ou", "or", "/", "dess", "cap", "bep", "en":
			ok = true
		}
		if ok && w == "dea" {
			return 7, i
		} else if ok {
			return 3, i
		}
	case "degree", "degrees":
		lvl, uni := degreeBefore(c, i)
		switch {
		case lvl > 0:
			return lvl, i
		case uni, next(i+1) == "in", next(i+1) == "from":
			return 6, i
		}
	case "diploma", "diplomas":
		lvl, uni := degreeBefore(c, i)
		switch {
		case lvl > 0:
			return lvl, i
		case uni:
			return 6, i
		case prev(i-1) == "ib":
			return 3, i
		}
		return 5, i
	case "diplome":
		switch {
		case next(i+1) == "d" && next(i+2) == "ingenieur":
			return 7, i + 2
		case next(i+1) == "universitaire" && next(i+2) == "superieur":
			return 7, i + 2
		case next(i+1) == "universitaire":
			return 6, i + 1
		}
	case "brevet":
		if next(i+1) == "de" && next(i+2) == "technicien" {
			if next(i+3) == "superieur" {
				return 5, i + 3
			}
			return 3, i + 2
		}
	case "high", "secondary":
		return schoolAt(c, i)
	case "secondaire", "secondaires":
		if p := prev(i - 1); p == "etudes" || p == "enseignement" {
			return 3, i
		}
	}
	return -1, i
}

// degreeNoun is the index of the last word of "Bachelor's degree", "PhD degree".
func degreeNoun(c []reqTok, i int) int {
	if i+1 < len(c) && c[i+1].w() == "s" {
		i++
	}
	if i+1 < len(c) {
		switch c[i+1].w() {
		case "degree", "degrees", "diploma":
			i++
		}
	}
	return i
}

// degreeBefore reads the words before "degree" or "diploma": "advanced university", "first-level
// university", "postgraduate", "associate". uni tells whether it is a university's.
func degreeBefore(c []reqTok, i int) (lvl int, uni bool) {
	for k := i - 1; k >= 0 && k >= i-4; k-- {
		switch c[k].w() {
		case "advanced", "graduate", "postgraduate", "second", "higher":
			return 7, uni
		case "undergraduate", "first":
			return 6, uni
		case "associate":
			return 5, uni
		case "university", "universitaire", "college", "academic":
			uni = true
		case "level", "relevant", "recognised", "recognized", "accredited", "formal", "a", "an", "post":
		default:
			return 0, uni
		}
	}
	return 0, uni
}

// masterAt reads "Master" as a degree only where it is one: "Master's", "Master en", "Master of
// Science", "un Master", "Master 2", "(Master)"; not "Scrum Master" nor "Master Electrician".
func masterAt(c []reqTok, i int) (int, int) {
	next, prev := "", ""
	if i+1 < len(c) {
		next = c[i+1].w()
	}
	if i > 0 {
		prev = c[i-1].w()
	}
	switch prev {
	case "scrum", "quiz", "head", "post", "web", "grand", "concert", "chess", "key", "ship", "yard":
		return -1, i
	}
	if next == "of" && i+2 < len(c) && (c[i+2].w() == "ceremonies" || c[i+2].w() == "ceremony") {
		return -1, i
	}
	if i+1 < len(c) && c[i+1].kind == tokNum {
		switch c[i+1].num {
		case 1:
			return 6, i + 1 // the first year of a master's: a licence and a year
		case 2:
			return 7, i + 1
		}
	}
	switch next {
	case "s", "degree", "degrees", "diploma", "level", "en", "in", "of", "es", "ou", "or", "et",
		"and", "professionnel", "professionnelle", "pro", "recherche", "universitaire", "ii", "/":
		return 7, degreeNoun(c, i)
	case ")":
		if prev == "(" {
			return 7, i
		}
	}
	switch prev {
	case "un", "niveau", "diplome", "titulaire", "bac", "/", "ou", "or", ":":
		return 7, i
	}
	return -1, i
}

// licenceAt reads the French "Licence" (a bachelor's degree), not the English licence to drive
// or to practise: "Licence en droit", "une licence", "niveau Licence", but not "driving licence",
// "licence de conduire", "licence to practise".
func licenceAt(c []reqTok, i int) (int, int) {
	next, prev := "", ""
	if i+1 < len(c) {
		next = c[i+1].w()
	}
	if i > 0 {
		prev = c[i-1].w()
	}
	switch prev {
	case "driving", "driver", "drivers", "valid", "full", "hgv", "uk", "pilot", "nursing",
		"professional", "trade", "commercial", "forklift", "gcc", "uae", "dha", "haad", "moh", "c", "b":
		return -1, i
	}
	switch next {
	case "de", "d":
		if i+2 < len(c) && c[i+2].flags&reqField != 0 {
			return 6, i
		}
		return -1, i // "licence de conduire", "licence d'exploitation"
	case "en":
		if i+2 < len(c) && c[i+2].w() == "cours" {
			return -1, i // "licence en cours de validité"
		}
		return 6, i
	case "es", "professionnelle", "pro", "universitaire", "fondamentale", "ou", "or", "et", "bac", "/", "(":
		return 6, i
	}
	switch prev {
	case "une", "niveau", "diplome":
		return 6, i
	}
	return -1, i
}

// bacLevel reads what follows "bac" at c[i]: nothing (the baccalauréat), "+2", "+ 3/4",
// "+2 à bac+5". It returns the lowest level named and the last token read.
func bacLevel(c []reqTok, i int) (int, int) {
	lvl, k := 3, i
	for first := true; ; first = false {
		m := k + 1
		if !first {
			if m >= len(c) || c[m].flags&reqAlt == 0 {
				break
			}
			m++
			if m < len(c) && c[m].w() == "bac" {
				m++
			}
		}
		if m < len(c) && c[m].w() == "+" {
			m++
		} else if first {
			break
		}
		if m >= len(c) || c[m].kind != tokNum {
			break
		}
		if l := bacPlus(int(c[m].num)); first || l < lvl {
			lvl = l
		}
		k = m
	}
	return lvl, k
}

// bacPlus is the ISCED level of "Bac+n": the last degree such studies certainly include.
func bacPlus(n int) int {
	switch {
	case n <= 0:
		return 3
	case n == 1:
		return 4
	case n == 2:
		return 5
	case n <= 4:
		return 6
	case n <= 7:
		return 7
	}
	return 8
}

// schoolAt reads "high school" and "secondary school" as an education asked ("High school
// diploma", "completion of secondary school", "secondary education"), not as a place ("a
// teacher for a secondary school").
func schoolAt(c []reqTok, i int) (int, int) {
	k := i + 1
	at := func(k int) string {
		if k >= 0 && k < len(c) {
			return c[k].w()
		}
		return ""
	}
	if at(k) == "school" {
		k++
	} else if c[i].w() == "high" {
		return -1, i
	}
	if at(k) == "leaving" {
		k++
	}
	switch at(k) {
	case "diploma", "certificate", "education", "level", "graduate", "degree", "completion",
		"qualification", "certification":
		return 3, k
	}
	switch at(i - 1) {
	case "completed", "complete", "finished", "minimum":
		return 3, k - 1
	case "of":
		if p := at(i - 2); p == "completion" || p == "graduation" {
			return 3, k - 1
		}
	}
	return -1, i
}

// softNear reports whether the mention at c[i:last+1] is a wish rather than a requirement:
// "… is an asset", "souhaité", "dont 2 ans…", "Desirable: …".
func softNear(c []reqTok, i, last int) bool {
	if len(c) > 1 && c[0].flags&reqSoft != 0 {
		return true
	}
	for k := max(0, i-3); k < i; k++ {
		if c[k].flags&reqIncl != 0 {
			return true
		}
	}
	for k := last + 1; k < min(len(c), last+10); k++ {
		if c[k].kind == tokNum || c[k].flags&reqEdu != 0 {
			break // another mention
		}
		if c[k].flags&reqSoft != 0 || c[k].w() == "plus" && (c[k-1].w() == "a" || c[k-1].w() == "un") {
			return true
		}
	}
	return false
}

// experience records the years of experience a clause asks. expClause tells whether the
// clause speaks of experience at all, or sits under an "Experience" heading: then "at least
// five years" alone is experience.
func (x *reqExtract) experience(c []reqTok, expClause bool) {
	for i := 0; i < len(c); i++ {
		t := &c[i]
		years, last := 0, i
		switch {
		case t.flags&reqExp != 0 && i > 0:
			// "une première expérience", "first experience", "1ère expérience"
			if p := c[i-1].w(); p == "premiere" || p == "first" || p == "ere" && i > 1 && c[i-2].num == 1 {
				years = 1
			}
		case t.used:
		case t.num > 0 || t.w() == "a" && i+1 < len(c) && c[i+1].w() == "year":
			years, last = yearsAt(c, i, expClause)
		}
		if years <= 0 {
			continue
		}
		if softNear(c, i, last) {
			x.yearsSoft = fewest(x.yearsSoft, years)
		} else {
			x.yearsHard = fewest(x.yearsHard, years)
		}
		i = last
	}
}

// fewest is the fewer of two counts of years, 0 standing for none.
func fewest(a, b int) int {
	if a == 0 || b < a {
		return b
	}
	return a
}

// yearsAt reads a duration of experience starting with the number at c[i]: "5 years of
// experience", "5+ years", "3 à 5 ans", "two (2) years", "Expérience : 3 ans", "18 mois
// d'expérience", "Years of experience: 5". It returns 0 when the number is no such duration.
func yearsAt(c []reqTok, i int, expClause bool) (int, int) {
	n := int(c[i].num)
	if c[i].w() == "a" {
		n = 1
	}
	at := func(k int) string {
		if k < len(c) {
			return c[k].w()
		}
		return ""
	}
	j := skipParenNumber(c, i+1)
	plus := at(j) == "+"
	if plus {
		j++
	}
	if j+1 < len(c) && c[j].flags&reqAlt != 0 && c[j+1].num > 0 {
		j = skipParenNumber(c, j+2) // "3 à 5 ans", "3-5 years", "two to three years"
		if at(j) == "+" {
			j++
		}
	}
	if w := at(j); w == "full" || w == "complete" || w == "pleines" {
		j++
	}
	if j >= len(c) || c[j].unit == 0 {
		return yearsAfterLabel(c, i), i
	}
	unit := c[j].unit
	// Before the number: a company's history ("our client, a company with over 30 years of
	// experience"), an age, a contract.
	for k := i - 1; k >= 0 && k >= i-6; k-- {
		if c[k].flags&reqOwn != 0 {
			return 0, i
		}
	}
	for k := i - 1; k >= 0 && k >= i-5; k-- {
		if c[k].flags&(reqStop|reqAge) != 0 {
			return 0, i
		}
		if c[k].w() == "," {
			break
		}
	}
	exp := false
	for k := j + 1; k < len(c) && k <= j+5; k++ {
		t := &c[k]
		if t.flags&(reqStop|reqAge|reqAdd) != 0 {
			return 0, i
		}
		if t.flags&(reqExp|reqRole) != 0 {
			exp = true
			break
		}
		if t.kind == tokNum || t.unit != 0 || t.w() == "," || t.w() == ":" || t.w() == "with" || t.w() == "avec" {
			break
		}
	}
	if c[i].w() == "a" && !exp {
		return 0, i // "30 000 € a year"
	}
	atLeast := false
	for k := i - 1; !exp && k >= 0 && k >= i-6; k-- {
		t := &c[k]
		if t.flags&reqExp != 0 {
			exp = true
		}
		if t.flags&reqLeast != 0 {
			atLeast = true
		}
		if t.kind == tokNum || t.unit != 0 || t.w() == "," {
			break
		}
	}
	if !exp && !plus && !(atLeast && expClause) {
		return 0, i
	}
	if unit == unitMonth {
		n = max(1, n/12)
	}
	if n > 30 {
		return 0, i
	}
	return n, j
}

// skipParenNumber skips the figures that follow a number in words: "two (2) years".
func skipParenNumber(c []reqTok, j int) int {
	if j+2 < len(c) && c[j].w() == "(" && c[j+1].kind == tokNum && c[j+2].w() == ")" {
		return j + 3
	}
	return j
}

// yearsAfterLabel reads the number at c[i] as years when a label says so: "Years of
// experience: 5", "Nombre d'années d'expérience : 3".
func yearsAfterLabel(c []reqTok, i int) int {
	k := i - 1
	for k >= 0 && (c[k].w() == ":" || c[k].w() == "(" || c[k].flags&reqLeast != 0) {
		k--
	}
	if k < 2 || c[k].flags&reqExp == 0 || c[k-2].unit != unitYear {
		return 0
	}
	switch c[k-1].w() {
	case "of", "d", "de":
		if n := int(c[i].num); n <= 30 {
			return n
		}
	}
	return 0
}

// The vocabulary. Words are folded: lower case, no accent.

const (
	tokWord uint8 = iota + 1
	tokNum
	tokPunct
	tokBreak
)

// What a word does in a level of language.
const (
	cueStand  uint8 = iota + 1 // a level by itself: fluent, courant, native, notions
	cueQual                    // a level for the noun or language it qualifies: good, excellent, basic
	cueIntens                  // very, très: one step more for the qualifier after
	cueNoun                    // knowledge, command, maîtrise: a level follows, or none is given
	cueCEFR                    // A1 … C2
)

const (
	unitYear uint8 = iota + 1
	unitMonth
)

// Flags of words.
const (
	reqLang     uint32 = 1 << iota // a language's name
	reqCtx                         // asks something of candidates: required, souhaité, speak, written
	reqLabel                       // language, langues, linguistique
	reqPub                         // about the offer or the application, not the candidate: published, apply
	reqAdj                         // makes a language's name an adjective next to it: company, cuisine, embassy
	reqOther                       // another, autre
	reqSpecific                    // preferably, notamment: a particular language follows
	reqConn                        // may stand between a qualifier and what it qualifies: written, and
	reqPostSkip                    // may stand between a language and its level: "(", niveau, level
	reqAlt                         // joins two figures or levels: "/", à, to, ou
	reqStudy                       // a degree or studies, which a language may be the field of
	reqField                       // a field of study after "Licence de"
	reqEdu                         // may name a degree
	reqExp                         // experience
	reqRole                        // after a duration, makes it one of experience: "as a", "in a similar role"
	reqStop                        // makes a duration something else than experience: contract, visa
	reqAge                         // age, âgé, old
	reqOwn                         // our, notre, fort de, company: the employer's own experience
	reqAdd                         // additional years, beyond a degree
	reqLeast                       // at least, minimum, over
	reqSoft                        // a wish: asset, souhaité
	reqIncl                        // including, dont: a part of a longer experience
)

// reqWord is what the vocabulary knows of a word.
type reqWord struct {
	flags uint32
	id    uint16 // index in reqVocab
	lang  uint8  // index in reqLanguages, for a language's name
	level uint8  // index in cefrLevels, for a level word
	num   int8   // value of a number in words
	cue   uint8
	unit  uint8
}

// reqLexicon is the vocabulary of requirements, by word. Besides the words that have a role
// in it, it holds every word the code compares a token with (reqPlainWords): a token is
// known by its index in reqVocab, so that tokens hold no pointer.
var reqLexicon, reqVocab = func() (map[string]reqWord, []string) {
	m := make(map[string]reqWord, 800)
	add := func(words string, f func(*reqWord)) {
		for w := range strings.FieldsSeq(words) {
			e := m[w]
			f(&e)
			m[w] = e
		}
	}
	flag := func(words string, fl uint32) { add(words, func(e *reqWord) { e.flags |= fl }) }
	for i, names := range [...]string{
		1:  "french francais francaise francophone francophones",
		2:  "english anglais anglaise anglophone anglophones",
		3:  "spanish espagnol espagnole espanol castillan hispanophone hispanophones",
		4:  "portuguese portugais portugaise lusophone lusophones",
		5:  "arabic arabe arabophone arabophones",
		6:  "german allemand allemande germanophone germanophones deutsch",
		7:  "italian italien italienne",
		8:  "russian russe russophone russophones",
		9:  "chinese chinois chinoise mandarin",
		10: "ewe evhe ewegbe eʋe eʋegbe",
		11: "kabiye kabye",
	} {
		add(names, func(e *reqWord) { e.lang, e.flags = uint8(i), e.flags|reqLang })
	}
	level := func(words string, cue uint8, lvl string) {
		for i, l := range cefrLevels {
			if l == lvl {
				add(words, func(e *reqWord) { e.cue, e.level = cue, uint8(i) })
			}
		}
	}
	level("fluent fluency fluently courant courante courants couramment bilingual bilingue bilingues", cueStand, "C1")
	level("native natif natifs maternelle tongue", cueStand, "C2")
	level("notions notion rudiments", cueStand, "A2")
	level(`excellent excellente excellentes parfait parfaite parfaites perfect full high strong
		advanced avance avancee avances avancees superior thorough approfondi approfondie
		approfondies solide solides solid`, cueQual, "C1")
	level(`good bonne bonnes bon bons working sound operational operationnel operationnelle correct
		correcte satisfactory adequate`, cueQual, "B2")
	level("intermediate intermediaire intermediaires moyen moyenne", cueQual, "B1")
	level(`basic base elementary elementaire elementaires limited minimal rudimentary
		rudimentaire`, cueQual, "A2")
	level("very tres", cueIntens, "")
	level(`knowledge command maitrise proficiency proficient mastery understanding comprehension
		skills skill competence competences connaissance connaissances level niveau usage
		pratique grasp ability aptitude capacite`, cueNoun, "")
	for _, l := range []string{"A1", "A2", "B1", "B2", "C1", "C2"} {
		level(strings.ToLower(l), cueCEFR, l)
	}
	flag(`required require requires requirement requirements requis requise requises exige
		exigee exigees exiges exigence exigences obligatoire obligatoires mandatory essential
		essentiel essentielle indispensable indispensables necessary necessaire must doit
		doivent devra devrait desirable desired souhaite souhaitee souhaitees souhaites
		souhaitable souhaitables asset atout atouts advantage advantageous avantage preferred
		preferable preferably preference apprecie appreciee appreciees appreciable ideally
		idealement need needed speak speaks speaking spoken parle parlee parles parler parlant
		write writes written writing ecrit ecrite ecrits ecrites ecrire read reading lire lu
		oral orale oraux verbal verbally communicate communiquer`, reqCtx)
	flag("language languages langue langues linguistic linguistique linguistiques", reqLabel)
	flag(`published publie publiee publiees publication available disponible disponibles
		version versions translated translation traduction traduit traduite apply applying
		application applications submit submitted soumettre soumis soumise soumises postuler
		candidature candidatures redige redigee redigees rediges interview interviews entretien
		entretiens conducted cv send envoyer envoyez adresser adressez`, reqPub)
	flag(`cuisine cuisines kitchen food dishes plats restaurant restaurants company companies
		firm group groupe societe entreprise entreprises employer employeur embassy ambassade
		consulate consulat government gouvernement authorities autorites national nationals
		nationality nationalite nationalites citizen citizens citizenship citoyen citoyens
		citoyennete passport passeport passports ressortissant ressortissants law droit market
		marche territory territoire army armee cooperation agency agence country countries pays
		emirats monde world ligue league republique republic federation culture style cooking
		school schools ecole lycee college university universite institute institut alliance
		red rouge cle literature litterature studies philology philologie bank banque
		client clients guiana polynesia riviera`, reqAdj)
	flag("another other others autre autres", reqOther)
	flag("preferably notamment especially particularly ideally idealement namely surtout specifically", reqSpecific)
	flag("written spoken oral orale verbal ecrit ecrite parle parlee and et reading writing lu both", reqConn)
	flag("niveau level at a au minimum min cefr cecrl du de langue mother is", reqPostSkip)
	add("(", func(e *reqWord) { e.flags |= reqPostSkip })
	add(":", func(e *reqWord) { e.flags |= reqPostSkip })
	add("-", func(e *reqWord) { e.flags |= reqPostSkip | reqAlt })
	add("/", func(e *reqWord) { e.flags |= reqAlt })
	flag("a to ou or et and", reqAlt)
	flag(`degree degrees diploma diplome licence master masters bachelor bachelors bsc msc ba ma
		phd doctorat doctorate studies etudes major specialisation specialization arts lettres`, reqStudy)
	flag(`droit lettres sciences economie gestion geographie histoire sociologie anglais
		mathematiques physique chimie biologie informatique comptabilite psychologie`, reqField)
	flag(`bachelor bachelors bsc bba btech beng llb msc mba mphil mtech dess phd doctorate
		doctorat doctoral ph sc master masters licence bac baccalaureat baccalaureate bts dut deug
		dts hnd bepc cepd dea cap bep degree degrees diploma diplomas diplome brevet high
		secondary secondaire secondaires`, reqEdu)
	flag("experience experiences exp", reqExp)
	flag(`similar similaire similaires equivalent role position poste capacity as comme tant
		working field domaine secteur sector industry industrie`, reqRole)
	flag(`contract contrat contrats duration duree period periode renewable renouvelable
		renouvelables visa permit passport passeport warranty garantie mission stay sejour gain acquire acquerir validity validite valid valable engagement commitment commit
		term assignment affectation after apres`, reqStop)
	flag("age ages aged agee agees old older born", reqAge)
	flag("our notre nos fort its company firm", reqOwn)
	flag("additional supplementaire supplementaires further additionnelle additionnelles additionnel extra", reqAdd)
	flag("least minimum min moins over than", reqLeast)
	flag(`desirable desired souhaitable souhaitables souhaite souhaitee souhaitees souhaites
		asset atout atouts advantage advantageous avantage apprecie appreciee appreciees
		appreciable bonus preferred preferable`, reqSoft)
	flag("including incl dont which among parmi", reqIncl)
	add("years year yrs yr ans an annees annee", func(e *reqWord) { e.unit = unitYear })
	add("months month mois mos", func(e *reqWord) { e.unit = unitMonth })
	for i, w := range strings.Fields(`one two three four five six seven eight nine ten eleven
		twelve thirteen fourteen fifteen`) {
		add(w, func(e *reqWord) { e.num = int8(i + 1) })
	}
	for i, w := range strings.Fields(`un deux trois quatre cinq six sept huit neuf dix onze douze
		treize quatorze quinze`) {
		add(w, func(e *reqWord) { e.num = int8(i + 1) })
	}
	add("une", func(e *reqWord) { e.num = 1 })
	add("twenty vingt", func(e *reqWord) { e.num = 20 })
	add(reqPlainWords, func(*reqWord) {})
	for w := range reqAbbrev {
		add(w, func(*reqWord) {})
	}
	for _, p := range reqPunct {
		if p != "" {
			add(p, func(*reqWord) {})
		}
	}
	vocab := make([]string, 1, len(m)+1) // 0: a word the vocabulary does not hold
	for w := range m {
		vocab = append(vocab, w)
	}
	slices.Sort(vocab[1:])
	for i, w := range vocab[1:] {
		e := m[w]
		e.id = uint16(i + 1)
		m[w] = e
	}
	return m, vocab
}()

// reqTable is reqLexicon as an open-addressing hash table of indexes in reqVocab, which
// ExtractRequirements reads faster than the map (a third of its time went to the map).
var reqTable = func() []uint16 {
	t := make([]uint16, 4096)
	for id, w := range reqVocab[1:] {
		h := reqHash([]byte(w))
		for t[h&uint32(len(t)-1)] != 0 {
			h++
		}
		t[h&uint32(len(t)-1)] = uint16(id + 1)
	}
	return t
}()

// reqEntries are the entries of reqLexicon, by index in reqVocab.
var reqEntries = func() []reqWord {
	e := make([]reqWord, len(reqVocab))
	for i, w := range reqVocab[1:] {
		e[i+1] = reqLexicon[w]
	}
	return e
}()

// reqHash is FNV-1a, which reqTable is laid out by.
func reqHash(b []byte) uint32 {
	h := uint32(2166136261)
	for _, c := range b {
		h = (h ^ uint32(c)) * 16777619
	}
	return h
}

// reqLookup is reqLexicon[string(w)].
func reqLookup(w []byte) reqWord {
	mask := uint32(len(reqTable) - 1)
	for h := reqHash(w); ; h++ {
		id := reqTable[h&mask]
		if id == 0 {
			return reqWord{}
		}
		if reqVocab[id] == string(w) {
			return reqEntries[id]
		}
	}
}

// reqPlainWords are words that have no role in reqLexicon but that the code looks for next to
// others ("licence en cours", "diplôme d'ingénieur", "Scrum Master").
const reqPlainWords = `s d l of in from en es ou or de du des la le the un une sable retention
	school leaving completion completed complete finished graduation graduate postgraduate
	undergraduate associate second first premiere ere university universitaire college academic
	relevant recognised recognized accredited formal an post scrum quiz head web grand concert
	chess key ship yard ceremonies ceremony driving driver drivers valid hgv uk pilot nursing
	professional trade commercial forklift gcc uae dha haad moh c b m ib professionnel
	professionnelle pro recherche ii fondamentale cours travail ingenieur superieur technicien
	titulaire diplome etudes enseignement certificate education graduate certification
	qualification year plus with avec full complete pleines speaking parlant official officielle
	officielles nationale nationales locale locales local higher`

// reqAbbrev are words after which a full stop ends no sentence.
var reqAbbrev = map[string]bool{
	"eg": true, "ie": true, "approx": true, "min": true, "max": true, "no": true, "nb": true,
	"cf": true, "env": true, "ex": true, "dr": true, "mr": true, "mrs": true, "ms": true,
	"st": true, "vs": true, "sc": true, "hons": true, "incl": true, "yrs": true, "exp": true,
}

// reqTok is a word, a number, a punctuation mark or the end of a clause.
type reqTok struct {
	num      int32 // value of a number, in figures or in words; 0 otherwise
	kind     uint8
	size     uint8 // length of the word folded, up to 255
	upper    bool  // written in capitals ("CAP", not "cap")
	afterDot bool  // right after a full stop, as the "A" of "B.A."
	used     bool  // already read as part of a degree
	reqWord
}

// w is the token's word, "" for a word out of the vocabulary and for a number.
func (t *reqTok) w() string { return reqVocab[t.id] }

// reqPunct are the punctuation marks tokens keep, each a string once.
var reqPunct = func() (p [128]string) {
	for _, c := range ",:()/+&-" {
		p[c] = string(c)
	}
	return p
}()

// reqTokensKept keeps the tokens' slices from one text to the next (ExtractRequirements): 9 KB
// an offer, a tenth of what an ingestion allocated (docs/PERFORMANCE.md, eighth round).
var reqTokensKept = sync.Pool{New: func() any { return new([]reqTok) }}

// reqTokens folds the title and the text into tokens appended to dst, a break between clauses.
// Tokens hold no pointer, which spares the garbage collector the slice.
func reqTokens(dst []reqTok, title, text string) []reqTok {
	z := reqScanner{toks: slices.Grow(dst, (len(title)+len(text))/5+8)}
	for _, s := range [2]string{title, text} {
		if strings.IndexByte(s, '&') >= 0 {
			s = html.UnescapeString(s)
		}
		z.scan(s)
		z.brk()
	}
	return z.toks
}

// reqScanner cuts a text into tokens.
type reqScanner struct {
	toks []reqTok
}

// brk ends the current clause.
func (z *reqScanner) brk() {
	if n := len(z.toks); n > 0 && z.toks[n-1].kind != tokBreak {
		z.toks = append(z.toks, reqTok{kind: tokBreak})
	}
}

// punct adds a punctuation mark.
func (z *reqScanner) punct(p byte) {
	z.toks = append(z.toks, reqTok{kind: tokPunct, reqWord: reqLookup([]byte{p})})
}

// scan adds the tokens of s.
func (z *reqScanner) scan(s string) {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			j := digitsEnd(s, i)
			n := int32(1000) // too long to be a count of years
			if j-i <= 3 {
				n = int32(atoi(s[i:j]))
			}
			z.toks = append(z.toks, reqTok{kind: tokNum, num: n})
			i = j
		case c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			i = z.word(s, i)
		case c < utf8.RuneSelf:
			i = z.sign(s, i)
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) {
				i = z.word(s, i)
				continue
			}
			switch r {
			case '–', '—', '‑', '−':
				z.punct('-')
			case '•', '·', '▪', '◦', '●', '■', '►', '➢', '✓', '✔', '\uf0b7', '\uf0a7':
				z.brk()
			}
			i += size
		}
	}
}

// word reads a word starting at s[i], folds it and looks it up, and returns where it ends.
func (z *reqScanner) word(s string, i int) int {
	var buf [24]byte // longer than any word of the vocabulary
	n := 0           // length of the folded word, which may exceed len(buf)
	lower := false
	afterDot := i > 0 && s[i-1] == '.'
loop:
	for i < len(s) {
		c := s[i]
		if c < utf8.RuneSelf {
			switch {
			case c >= 'a' && c <= 'z':
				lower = true
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			case c >= '0' && c <= '9':
			default:
				break loop
			}
			if n < len(buf) {
				buf[n] = c
			}
			n++
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent: the text was decomposed
		}
		if !unicode.IsLetter(r) {
			i -= size
			break
		}
		lr := unicode.ToLower(r)
		if lr == r {
			lower = true
		}
		f := foldLatin(lr)
		if f == "" {
			f = string(lr) // kept as it is: "ʋ" of "Eʋegbe"
		}
		if n+len(f) <= len(buf) {
			copy(buf[n:], f)
		}
		n += len(f)
	}
	t := reqTok{kind: tokWord, size: uint8(min(n, 255)), upper: !lower && n > 1, afterDot: afterDot}
	if n <= len(buf) {
		t.reqWord = reqLookup(buf[:n])
		t.num = int32(t.reqWord.num)
	}
	z.toks = append(z.toks, t)
	return i
}

// sign reads the ASCII sign at s[i] and returns where the next token may start.
func (z *reqScanner) sign(s string, i int) int {
	c := s[i]
	switch c {
	case '.':
		if z.sentenceEnd(s, i) {
			z.brk()
		}
	case '!', '?', ';', '|':
		z.brk()
	case '\n':
		if lineBreak(s, i) {
			z.brk()
		}
	case ',', ':', '(', ')', '/', '+', '&':
		z.punct(c)
	case '[':
		z.punct('(')
	case ']':
		z.punct(')')
	case '-':
		k := i - 1
		for k >= 0 && (s[k] == ' ' || s[k] == '\t') {
			k--
		}
		switch {
		case k < 0 || s[k] == '\n' || s[k] == '>':
			z.brk() // a dash that starts a line is a bullet
		case isDigit(s[i-1]) || i+1 < len(s) && isDigit(s[i+1]) || s[i-1] == ' ' && (i+1 == len(s) || s[i+1] == ' '):
			z.punct('-') // "3-5 years", "English - fluent"; not "first-level"
		}
	case '<':
		return z.tag(s, i)
	}
	return i + 1
}

// sentenceEnd reports whether the full stop at s[i] ends a clause: it is followed by a space
// and does not end an abbreviation ("e.g.", "B.Sc.", "min.").
func (z *reqScanner) sentenceEnd(s string, i int) bool {
	if i+1 < len(s) {
		switch n := s[i+1]; {
		case n == ' ', n == '\n', n == '\r', n == '\t', n == '<', n == '"', n == ')', n >= utf8.RuneSelf:
		default:
			return false
		}
	}
	n := len(z.toks)
	if n == 0 || z.toks[n-1].kind != tokWord {
		return true
	}
	t := &z.toks[n-1]
	if t.size == 1 {
		return !t.afterDot
	}
	return !reqAbbrev[t.w()]
}

// lineBreak reports whether the new line at s[i] ends a clause: not when the line goes on
// with a small letter or a figure, as in text wrapped by hand.
func lineBreak(s string, i int) bool {
	k := i + 1
	for k < len(s) && (s[k] == ' ' || s[k] == '\t' || s[k] == '\r') {
		k++
	}
	if k == len(s) {
		return true
	}
	c := s[k]
	if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
		return false
	}
	if c >= utf8.RuneSelf {
		r, _ := utf8.DecodeRuneInString(s[k:])
		return !unicode.IsLower(r)
	}
	return true
}

// tag skips the HTML tag at s[i]; a tag that starts a block ends a clause, a table cell acts
// as a colon ("Langue | Anglais | Courant"). A '<' that starts no tag is skipped alone.
func (z *reqScanner) tag(s string, i int) int {
	if i+1 >= len(s) {
		return i + 1
	}
	if n := s[i+1]; !(n >= 'a' && n <= 'z' || n >= 'A' && n <= 'Z' || n == '/' || n == '!') {
		return i + 1
	}
	end := strings.IndexByte(s[i:], '>')
	if end < 0 {
		return i + 1
	}
	name := s[i+1 : i+end]
	name = strings.TrimPrefix(name, "/")
	if k := strings.IndexAny(name, " \t\n\r/"); k >= 0 {
		name = name[:k]
	}
	switch strings.ToLower(name) {
	case "p", "br", "li", "div", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "tr", "table",
		"dt", "dd", "hr", "section", "article", "blockquote", "header", "footer", "pre", "tbody", "thead":
		z.brk()
	case "td", "th":
		z.punct(':')
	}
	return i + end + 1
}
