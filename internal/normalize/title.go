package normalize

import (
	"html"
	"strings"
	"unicode"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/ref"
)

// maxTitle is the longest title Job keeps, in characters (Job.Validate refuses longer ones).
const maxTitle = mobilite.MaxJobTitle

// cleanDisplayTitle tidies a title for display: tags dropped, entities decoded (twice escaped
// ones too: "&amp;eacute;"), whitespace collapsed, cut to maxTitle characters at a word
// boundary. It reports whether it had to cut.
func cleanDisplayTitle(s string) (string, bool) {
	if strings.IndexByte(s, '<') >= 0 && hasTag(s) {
		s = stripTags(s)
	}
	for range 2 {
		if strings.IndexByte(s, '&') < 0 {
			break
		}
		s = html.UnescapeString(s)
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= maxTitle {
		return s, false
	}
	r := []rune(s)[:maxTitle-1]
	cut := string(r)
	if i := strings.LastIndexByte(cut, ' '); i > maxTitle/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-–") + "…", true
}

// stripTags removes anything between '<' and '>' and leaves a space in its place.
func stripTags(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	in := false
	for _, r := range s {
		switch {
		case r == '<':
			in = true
		case r == '>' && in:
			in = false
			b.WriteByte(' ')
		case !in:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// titleNoise are folded segments of a title that are no part of the job: announcements,
// re-advertisements, appointment types, remote work, gender markers left once brackets are
// gone.
var titleNoise = map[string]bool{
	"h f": true, "f h": true, "m f": true, "f m": true, "m f d": true, "m w d": true, "f m x": true,
	"re advertised": true, "readvertised": true, "re advertisement": true, "readvertisement": true,
	"re advertising": true, "reposted": true, "re posted": true, "reouverture": true,
	"republication": true, "relance": true, "urgent": true, "tres urgent": true, "vacancy": true,
	"vacancy announcement": true, "vacancy notice": true, "job opening": true, "job offer": true,
	"offre d emploi": true, "avis de recrutement": true, "avis de vacance": true,
	"avis de vacance de poste": true, "recrutement": true, "on recrute": true,
	"nous recrutons": true, "we are hiring": true, "hiring": true, "appel a candidatures": true,
	"appel a candidature": true, "call for applications": true, "call for application": true,
	"temporary appointment": true, "fixed term": true, "fixed term appointment": true,
	"continuing appointment": true, "ta": true, "fta": true, "national position": true,
	"national post": true, "international position": true, "local position": true,
	"remote": true, "remote work": true, "fully remote": true, "home based": true,
	"homebased": true, "teletravail": true, "en teletravail": true, "online": true,
	"multiple locations": true, "various locations": true, "several locations": true,
	"multiple duty stations": true, "plusieurs localites": true, "nationals only": true,
	"open to nationals only": true, "open to nationals": true, "internal": true,
	"external": true, "internal external": true, "internal and external": true,
	"interne": true, "externe": true, "female candidates encouraged": true,
	"women are encouraged to apply": true, "candidatures feminines encouragees": true,
	"h f d": true, "m w x": true, "f m d": true, "all genders": true,
	// What is left of inclusive writing once brackets are gone: "Infirmier(ère)", "Chargé(e)".
	"e": true, "es": true, "ne": true, "ere": true, "euse": true, "trice": true, "ve": true, "le": true,
}

// refWords are words that, next to a number, make a segment a reference ("VA No. 2026/014").
var refWords = map[string]bool{
	"ref": true, "reference": true, "no": true, "n": true, "num": true, "number": true,
	"numero": true, "va": true, "vn": true, "job": true, "id": true, "req": true,
	"requisition": true, "jr": true, "post": true, "poste": true, "tor": true, "tdr": true,
	"vacancy": true, "avis": true, "code": true, "ja": true, "jo": true, "ic": true,
}

// durationUnits make a segment a duration ("6 mois", "11 months").
var durationUnits = map[string]bool{
	"mois": true, "month": true, "months": true, "jours": true, "days": true, "day": true,
	"semaines": true, "weeks": true, "ans": true, "an": true, "years": true, "year": true,
}

// titleSegments splits a title at its separators (commas, dashes with spaces, colons, brackets,
// bars) and returns, folded, the segments that name the job: without grades, gender markers
// ("(H/F)", "(m/f/d)", "(e)"), references, durations, announcements, and without segments that isPlace recognises (cities,
// "Remote") nor the short segments that follow one ("Lomé, Togo"). At least one segment is kept
// when the title has any text.
func titleSegments(title string, isPlace func(folded string) bool) []string {
	raw := strings.FieldsFunc(title, func(r rune) bool {
		switch r {
		case ',', ';', '|', '(', ')', '[', ']', ':', '–', '—', '«', '»':
			return true
		}
		return false
	})
	var kept, fallback []string
	afterPlace := false
	for _, seg := range raw {
		for _, part := range splitSpaced(seg) {
			f := stripGrades(ref.Fold(part))
			if f == "" {
				continue
			}
			if fallback == nil {
				fallback = []string{f}
			}
			if titleNoise[f] || isReference(f) || isDuration(f) {
				continue
			}
			// What follows a place is its country or region ("Lomé, Togo", "Ho, Volta"), even
			// when isPlace does not know countries.
			if (isPlace != nil && isPlace(f)) || (afterPlace && strings.Count(f, " ") < 3) {
				afterPlace = true
				continue
			}
			afterPlace = false
			kept = append(kept, f)
		}
	}
	if len(kept) == 0 {
		return fallback
	}
	return kept
}

// splitSpaced splits at " - " and " / ", the separators that need spaces around them (a hyphen
// or slash inside a word, as in "aide-soignant" or "Driver/Mechanic", joins).
func splitSpaced(s string) []string {
	if !strings.Contains(s, " - ") && !strings.Contains(s, " / ") {
		return []string{s}
	}
	s = strings.ReplaceAll(s, " / ", " - ")
	return strings.Split(s, " - ")
}

// gradePrefixes are the folded letters of the grades of the UN common system and of agencies:
// P-3, D-1, G-5, GS-4, FS-5, SB-4, ICS-10, LICA-6, NPSA-8, IPSA-10, PSA-5, SC-7, L-4; NO-A…NO-E
// are apart.
var gradePrefixes = map[string]bool{
	"p": true, "d": true, "g": true, "gs": true, "fs": true, "sb": true, "ics": true,
	"lica": true, "npsa": true, "ipsa": true, "psa": true, "sc": true, "l": true,
}

// gradeLabels may come before a grade ("Grade: P-4", "niveau G5").
var gradeLabels = map[string]bool{"grade": true, "level": true, "niveau": true, "classe": true}

// stripGrades removes the grades of a folded segment ("p 4", "p4", "no b", "nob", "ics 10"),
// with the word "grade" or "level" before them.
func stripGrades(f string) string {
	if !strings.ContainsFunc(f, func(r rune) bool { return r >= '0' && r <= '9' }) && !strings.Contains(f, "no") {
		return f
	}
	words := strings.Fields(f)
	out := words[:0]
	changed := false
	for i := 0; i < len(words); i++ {
		w := words[i]
		n := 0 // words the grade takes
		switch {
		case i+1 < len(words) && gradePrefixes[w] && isGradeNumber(words[i+1]):
			n = 2
		case i+1 < len(words) && w == "no" && len(words[i+1]) == 1 && words[i+1][0] >= 'a' && words[i+1][0] <= 'e':
			n = 2
		case isGradeWord(w):
			n = 1
		}
		if n == 0 {
			out = append(out, w)
			continue
		}
		if len(out) > 0 && gradeLabels[out[len(out)-1]] {
			out = out[:len(out)-1]
		}
		i += n - 1
		changed = true
	}
	if !changed {
		return f
	}
	return strings.Join(out, " ")
}

// isGradeNumber reports whether w is a grade's step: one or two digits.
func isGradeNumber(w string) bool {
	return (len(w) == 1 || len(w) == 2) && isDigit(w[0]) && isDigit(w[len(w)-1])
}

// isGradeWord reports whether w is a grade written in one word: "p4", "g7", "ics10", "nob".
func isGradeWord(w string) bool {
	if len(w) == 3 && strings.HasPrefix(w, "no") && w[2] >= 'a' && w[2] <= 'e' {
		return true
	}
	i := strings.IndexFunc(w, func(r rune) bool { return r >= '0' && r <= '9' })
	return i > 0 && gradePrefixes[w[:i]] && isGradeNumber(w[i:])
}

// isReference reports whether a folded segment is a reference number ("va no 2026 014").
func isReference(f string) bool {
	digits := false
	for w := range strings.FieldsSeq(f) {
		switch {
		case strings.ContainsFunc(w, unicode.IsDigit):
			digits = true
		case !refWords[w]:
			return false
		}
	}
	return digits
}

// isDuration reports whether a folded segment is a duration ("6 mois", "3 months renewable").
func isDuration(f string) bool {
	w := strings.Fields(f)
	if len(w) < 2 || len(w) > 3 || !strings.ContainsFunc(w[0], unicode.IsDigit) || !durationUnits[w[1]] {
		return false
	}
	return len(w) == 2 || w[2] == "renewable" || w[2] == "renouvelable" || w[2] == "renouvelables"
}

// titleStop are folded words that say nothing of a job: articles and prepositions, seniority,
// staff category, roman numerals of levels.
var titleStop = map[string]bool{
	"de": true, "du": true, "des": true, "d": true, "la": true, "le": true, "les": true, "l": true,
	"et": true, "en": true, "a": true, "au": true, "aux": true, "pour": true, "par": true,
	"sur": true, "dans": true, "avec": true, "un": true, "une": true, "of": true, "the": true,
	"and": true, "for": true, "in": true, "on": true, "to": true, "at": true, "with": true,
	"an": true, "by": true, "senior": true, "junior": true, "sr": true, "jr": true, "snr": true,
	"national": true, "nationale": true, "nationaux": true, "international": true,
	"internationale": true, "internationaux": true, "intl": true, "ii": true, "iii": true,
	"iv": true, "h": true, "f": true, "m": true, "w": true, "x": true, "e": true,
}

// titleStems returns the stems of the words of folded segments, without stop words, in order.
func titleStems(segments []string) []string {
	var out []string
	for _, seg := range segments {
		prev := ""
		for w := range strings.FieldsSeq(seg) {
			switch {
			case prev == "m" && w == "e": // "M&E": monitoring and evaluation
				out = append(out, "m&e")
			case titleStop[w]:
			default:
				out = append(out, stem(w))
			}
			prev = w
		}
	}
	return out
}

// stem reduces a folded French or English word to a form its plural and feminine share:
// "infirmières" and "infirmier" → "infirmier", "secretaries" → "secretary", "chargée" →
// "charge", "directrice" → "directeur". It is crude and only needs to be consistent: both
// sides of every comparison go through it.
func stem(w string) string {
	if len(w) <= 3 {
		return w
	}
	switch {
	case strings.HasSuffix(w, "ies") && len(w) > 4:
		w = w[:len(w)-3] + "y"
	case strings.HasSuffix(w, "eaux"):
		w = w[:len(w)-1]
	case strings.HasSuffix(w, "aux") && len(w) > 4:
		w = w[:len(w)-3] + "al"
	case strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") && !strings.HasSuffix(w, "us") && !strings.HasSuffix(w, "is"):
		w = w[:len(w)-1]
	}
	for _, r := range feminine {
		if strings.HasSuffix(w, r[0]) && len(w) > len(r[0])+2 {
			return w[:len(w)-len(r[0])] + r[1]
		}
	}
	return w
}

// feminine maps French feminine endings to the masculine ones.
var feminine = [][2]string{
	{"trice", "teur"}, {"euse", "eur"}, {"iere", "ier"}, {"ienne", "ien"}, {"elle", "el"},
	{"ante", "ant"}, {"ale", "al"}, {"ee", "e"},
}
