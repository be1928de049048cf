package ref

import (
	"cmp"
	"slices"
	"strings"
)

// countryAliases names countries the way people and feeds often write them, where the file's
// names do not: its official French and English names and CLDR names are looked up already, with
// and without their parenthesis ("Bolivie", "Pays-Bas", "Iran" need no alias). Spellings are
// folded at load; an alias that is another country's name is a load error.
var countryAliases = map[string][]string{
	"USA": {"États-Unis", "United States"}, // official: "… d’Amérique", "… of America"; CLDR: "US"
	"GBR": {"Royaume-Uni", "United Kingdom", "Grande-Bretagne", "Great Britain", "Britain", "Angleterre", "England"},
	"ARE": {"Émirats", "Emirates", "EAU", "UAE", "Dubaï"}, // Dubaï is a city, but a frequent answer
	"NLD": {"Hollande", "Holland"},
	"COD": {"RDC", "RD Congo", "DR Congo", "DRC", "Congo démocratique", "Zaïre"},
	"COG": {"République du Congo", "Republic of the Congo"},
	"KOR": {"Corée du Sud"},
	"PRK": {"Corée du Nord"},
	"RUS": {"Russie"},
	"SYR": {"Syrie"},
	"TZA": {"Tanzanie"},
	"MDA": {"Moldavie"},
	"MKD": {"Macédoine", "Macedonia"},
	"CPV": {"Cap-Vert"},
	"GIN": {"Guinée-Conakry", "Guinea-Conakry"},
	"CIV": {"RCI"},
	"CAF": {"Centrafrique", "RCA"},
	"TUR": {"Turquie", "Turkey"},
	"CZE": {"République tchèque", "Czech Republic"},
	"BLR": {"Biélorussie"},
	"MMR": {"Birmanie", "Burma"},
	"SWZ": {"Swaziland"},
	"VAT": {"Vatican"},
	"TLS": {"Timor oriental", "East Timor"},
	"BIH": {"Bosnie"},
	"MUS": {"Île Maurice"},
	"BFA": {"Burkina"},
}

// articles are the words a name may start with in a sentence ("l'Allemagne", "the Gambia").
var articles = []string{"the ", "le ", "la ", "les ", "l "}

// ResolveCountry turns what a person or a feed writes into an ISO alpha-3 code: alpha-2,
// alpha-3 or numeric codes in any case ("tg", "TGO", "768"), French or English names with or
// without accents, case or punctuation ("Cote d'Ivoire", "côte d’ivoire", "Ivory Coast",
// "Allemagne", "États-Unis", "USA"), a few common aliases ("Angleterre", "RDC"), and the form
// "TGO — Togo" or "TG - Togo" that a datalist input produces (there the code decides). It returns
// false when s names no country; it never guesses from a prefix ("To" is Tonga's code, "Tog" is
// nothing).
func (r *Ref) ResolveCountry(s string) (alpha3 string, ok bool) {
	t := &r.countries
	if i, ok := t.lookup(Fold(s)); ok {
		return t.all[i].Alpha3, true
	}
	for _, sep := range []string{"—", "–", " - "} {
		left, right, found := strings.Cut(s, sep)
		if !found {
			continue
		}
		left, right = Fold(left), Fold(right)
		for _, side := range []string{left, right} {
			if i, ok := t.codes[side]; ok {
				return t.all[i].Alpha3, true
			}
		}
		for _, side := range []string{left, right} {
			if i, ok := t.lookup(side); ok {
				return t.all[i].Alpha3, true
			}
		}
	}
	return "", false
}

// lookup finds the country whose code, name or alias is f (folded), also without a leading
// article or without spaces ("cote divoire", "U.S.A.").
func (t *countryTable) lookup(f string) (int, bool) {
	if f == "" {
		return 0, false
	}
	if i, ok := t.codes[f]; ok {
		return i, true
	}
	if i, ok := t.names[f]; ok {
		return i, true
	}
	for _, a := range articles {
		if rest, found := strings.CutPrefix(f, a); found {
			if i, ok := t.names[rest]; ok {
				return i, true
			}
		}
	}
	c := strings.ReplaceAll(f, " ", "")
	if i, ok := t.codes[c]; ok {
		return i, true
	}
	i, ok := t.compact[c]
	return i, ok
}

// SearchCountries returns up to limit countries (all of them if limit ≤ 0) whose alpha-2 or
// alpha-3 code starts with q or whose numeric code is q, or in whose names or aliases every word
// of q begins a word, ignoring accents and case ("cote" finds Côte d’Ivoire). Exact code
// matches come first, then countries whose French name starts with q, then those whose English
// name does, then other name matches, then code prefixes, each sorted by French name. An empty
// q finds nothing.
func (r *Ref) SearchCountries(q string, limit int) []Country {
	t := &r.countries
	words := queryWords(q)
	code := strings.ToUpper(strings.Join(strings.Fields(Fold(q)), ""))
	type hit struct{ i, rank int }
	var hits []hit
	for i, c := range t.all {
		rank := -1
		switch {
		case code != "" && (code == c.Alpha2 || code == c.Alpha3 || code == c.Numeric):
			rank = 0
		case matchWords(t.hay[i], words):
			switch {
			case strings.HasPrefix(t.heads[i][0], words[0]):
				rank = 1
			case strings.HasPrefix(t.heads[i][1], words[0]):
				rank = 2
			default:
				rank = 3
			}
		case code != "" && (strings.HasPrefix(c.Alpha2, code) || strings.HasPrefix(c.Alpha3, code)):
			rank = 4
		}
		if rank >= 0 {
			hits = append(hits, hit{i, rank})
		}
	}
	// t.all is in French order, so the index breaks ties.
	slices.SortFunc(hits, func(a, b hit) int {
		return cmp.Or(cmp.Compare(a.rank, b.rank), cmp.Compare(a.i, b.i))
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Country, len(hits))
	for k, h := range hits {
		out[k] = t.all[h.i]
	}
	return out
}
