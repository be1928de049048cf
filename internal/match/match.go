// Package match ranks offers for a seeker and seekers for an offer, and says why in plain words:
// each score is the sum of the reasons shown to the person, so that nothing in the order is
// hidden. The same rules serve both directions.
package match

import (
	"slices"
	"sort"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/ref"
)

// Reason is one point for or against a match, as a catalogue key and its arguments. The
// arguments are codes (ISCO, ISO 3166, ISO 639, CEFR, ISCED) that the page names in its language.
type Reason struct {
	Code    string // isco_unit, isco_minor, isco_submajor, isco_other, country, country_other, language, language_level, language_missing, text_language, education, education_low, experience, experience_low
	Against bool
	Points  int
	ISCO    string // the occupation concerned
	Country string
	Lang    string
	Level   string // the level asked
	Has     string // the seeker's level
	ISCED   int
	Years   int // asked
	HasYrs  int // the seeker's
}

// Weights of the reasons. An offer of the seeker's own occupation always comes before one in a
// preferred country only.
const (
	wUnit        = 40
	wMinor       = 25
	wSubMajor    = 10
	wCountry     = 20
	wCountryNot  = -5
	wLang        = 10
	wLangLow     = -10
	wLangMissing = -15
	wTextLang    = 5
	wTextLangNot = -5
	wEdu         = 10
	wEduLow      = -15
	wExp         = 10
	wExpLow      = -10
)

// Profile is the seeker's side of a match.
type Profile struct {
	Occupations []mobilite.SeekerOccupation
	Languages   []mobilite.SeekerLanguage
	ISCED       int // -1 when not given
	Countries   []string
}

// ProfileOf reads a seeker's record.
func ProfileOf(s *mobilite.Seeker) Profile {
	return Profile{Occupations: s.Occupations, Languages: s.Languages, ISCED: s.ISCEDLevel, Countries: s.PreferredCountries}
}

// ProfileOfCandidate reads a candidate.
func ProfileOfCandidate(c *mobilite.MatchCandidate) Profile {
	return Profile{Occupations: c.Occupations, Languages: c.Languages, ISCED: c.ISCEDLevel, Countries: c.Countries}
}

// Offer is the offer's side of a match.
type Offer struct {
	ISCO08       string
	Country      string
	Language     string // of the offer's text
	Requirements mobilite.Requirements
}

// OfferOf reads an offer.
func OfferOf(j *mobilite.Job) Offer {
	return Offer{ISCO08: j.ISCO08, Country: j.Country, Language: j.Language, Requirements: j.Requirements}
}

// OfferOfMatch reads an offer as the matching queries return it.
func OfferOfMatch(o *mobilite.MatchOffer) Offer {
	return Offer{ISCO08: o.ISCO08, Country: o.Country, Language: o.Language, Requirements: o.Requirements}
}

// Score sums the reasons for and against matching p with o.
func Score(p Profile, o Offer) (int, []Reason) {
	var rs []Reason
	add := func(r Reason) { rs = append(rs, r) }

	// Occupation: the closest of the seeker's occupations; a sought one before a held one.
	if o.ISCO08 != "" && len(p.Occupations) > 0 {
		best := Reason{Code: "isco_other", Against: true}
		for _, oc := range p.Occupations {
			n := commonPrefix(oc.ISCO08, o.ISCO08)
			var r Reason
			switch {
			case n >= 4:
				r = Reason{Code: "isco_unit", Points: wUnit, ISCO: o.ISCO08}
			case n == 3:
				r = Reason{Code: "isco_minor", Points: wMinor, ISCO: o.ISCO08[:3]}
			case n == 2:
				r = Reason{Code: "isco_submajor", Points: wSubMajor, ISCO: o.ISCO08[:2]}
			default:
				continue
			}
			if oc.Kind == mobilite.OccupationHeld {
				r.Points -= 2
			}
			if r.Points > best.Points {
				best = r
			}
		}
		add(best)
	}

	// Country.
	if o.Country != "" && len(p.Countries) > 0 {
		if slices.Contains(p.Countries, o.Country) {
			add(Reason{Code: "country", Points: wCountry, Country: o.Country})
		} else {
			add(Reason{Code: "country_other", Against: true, Points: wCountryNot, Country: o.Country})
		}
	}

	// Languages asked, or else the language of the offer's text.
	if len(o.Requirements.Languages) > 0 {
		for _, l := range o.Requirements.Languages {
			has, ok := p.level(l.Language)
			switch {
			case !ok:
				add(Reason{Code: "language_missing", Against: true, Points: wLangMissing, Lang: l.Language, Level: l.Level})
			case l.Level != "" && rank(has) < rank(l.Level):
				add(Reason{Code: "language_level", Against: true, Points: wLangLow, Lang: l.Language, Level: l.Level, Has: has})
			default:
				add(Reason{Code: "language", Points: wLang, Lang: l.Language, Level: l.Level, Has: has})
			}
		}
	} else if o.Language != "" && len(p.Languages) > 0 {
		if _, ok := p.level(o.Language); ok {
			add(Reason{Code: "text_language", Points: wTextLang, Lang: o.Language})
		} else {
			add(Reason{Code: "text_language_not", Against: true, Points: wTextLangNot, Lang: o.Language})
		}
	}

	// Education: ISCED 0 is early childhood; no offer asks for it, so ≤ 0 means not stated.
	if o.Requirements.ISCED > 0 && p.ISCED >= 0 {
		if p.ISCED >= o.Requirements.ISCED {
			add(Reason{Code: "education", Points: wEdu, ISCED: o.Requirements.ISCED})
		} else {
			add(Reason{Code: "education_low", Against: true, Points: wEduLow, ISCED: o.Requirements.ISCED})
		}
	}

	// Experience in the occupation's minor group (or, for an offer without one, any).
	if o.Requirements.Years > 0 {
		yrs := 0
		for _, oc := range p.Occupations {
			if o.ISCO08 == "" || commonPrefix(oc.ISCO08, o.ISCO08) >= 3 {
				yrs = max(yrs, oc.Years)
			}
		}
		if yrs >= o.Requirements.Years {
			add(Reason{Code: "experience", Points: wExp, Years: o.Requirements.Years, HasYrs: yrs})
		} else {
			add(Reason{Code: "experience_low", Against: true, Points: wExpLow, Years: o.Requirements.Years, HasYrs: yrs})
		}
	}

	score := 0
	for _, r := range rs {
		score += r.Points
	}
	// Reasons for first, then against, each by weight.
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].Against != rs[j].Against {
			return !rs[i].Against
		}
		return abs(rs[i].Points) > abs(rs[j].Points)
	})
	return score, rs
}

// level returns the seeker's level in a language given as an ISO 639 code.
func (p Profile) level(code string) (string, bool) {
	for _, l := range p.Languages {
		if LanguageCode(l.Language) == code {
			return l.Level, true
		}
	}
	return "", false
}

// rank orders CEFR levels; a native speaker is above C2.
func rank(level string) int {
	switch level {
	case "A1":
		return 1
	case "A2":
		return 2
	case "B1":
		return 3
	case "B2":
		return 4
	case "C1":
		return 5
	case "C2":
		return 6
	case "native":
		return 7
	}
	return 0
}

// languageNames maps folded language names in French and English to ISO 639 codes.
var languageNames = map[string]string{
	"francais": "fr", "french": "fr", "anglais": "en", "english": "en", "ewe": "ee", "eve": "ee", "evegbe": "ee",
	"kabiye": "kbp", "kabye": "kbp", "kabiyè": "kbp", "allemand": "de", "german": "de", "deutsch": "de",
	"espagnol": "es", "spanish": "es", "espanol": "es", "arabe": "ar", "arabic": "ar", "portugais": "pt",
	"portuguese": "pt", "italien": "it", "italian": "it", "russe": "ru", "russian": "ru", "chinois": "zh",
	"chinese": "zh", "mandarin": "zh", "mina": "gej", "gen": "gej", "haoussa": "ha", "hausa": "ha",
	"yoruba": "yo", "tem": "kdh", "kotokoli": "kdh",
}

// LanguageCode reads a language as seekers type it ("fr", "Français", "english") and returns
// its ISO 639 code, or the folded text when it is not known.
func LanguageCode(s string) string {
	f := ref.Fold(s)
	if c, ok := languageNames[f]; ok {
		return c
	}
	return f
}

func commonPrefix(a, b string) int {
	n := 0
	for n < len(a) && n < len(b) && a[n] == b[n] {
		n++
	}
	return n
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

// Ranked is an offer or a seeker with its score and reasons.
type Ranked struct {
	ID          int64
	Score       int
	Reasons     []Reason
	PublishedAt time.Time // offers: the newer first among equal scores
	Index       int       // position in the list that was ranked
}

// Sort orders by score, then newest, then id.
func Sort(rs []Ranked) {
	sort.Slice(rs, func(i, j int) bool {
		if rs[i].Score != rs[j].Score {
			return rs[i].Score > rs[j].Score
		}
		if !rs[i].PublishedAt.Equal(rs[j].PublishedAt) {
			return rs[i].PublishedAt.After(rs[j].PublishedAt)
		}
		return rs[i].ID > rs[j].ID
	})
}

// Prefixes returns the ISCO minor groups (three digits) of a seeker's occupations, which is
// where "offers for me" looks.
func Prefixes(occs []mobilite.SeekerOccupation) []string {
	var out []string
	for _, o := range occs {
		if len(o.ISCO08) >= 3 && !slices.Contains(out, o.ISCO08[:3]) {
			out = append(out, o.ISCO08[:3])
		}
	}
	return out
}

// Minor returns an offer's minor group, where candidates are looked for; "" when the offer's
// occupation is not known that precisely.
func Minor(isco string) string {
	if len(isco) < 3 {
		return ""
	}
	return isco[:3]
}

// Keep returns whether a strict ranking keeps an entry: it must have a reason for it.
func Keep(rs []Reason) bool {
	for _, r := range rs {
		if !r.Against {
			return true
		}
	}
	return false
}

// Words is a small helper for tests and logs: the codes of the reasons, "-" before those against.
func Words(rs []Reason) string {
	var b strings.Builder
	for i, r := range rs {
		if i > 0 {
			b.WriteByte(' ')
		}
		if r.Against {
			b.WriteByte('-')
		}
		b.WriteString(r.Code)
	}
	return b.String()
}
