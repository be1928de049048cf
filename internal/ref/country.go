package ref

import (
	"cmp"
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"
)

// Country is a country or territory of ISO 3166-1. NameEN is the common English name (CLDR's,
// "Côte d’Ivoire"), NameFR the official French one (UN's, "Royaume-Uni de Grande-Bretagne et
// d’Irlande du Nord"). ECOWAS is true for the current members of the Economic Community of West
// African States (12 since Burkina Faso, Mali and Niger left in 2025); Independent is false for
// dependencies and territories (Guadeloupe, Hong Kong…).
type Country struct {
	Alpha2      string `json:"alpha2"`
	Alpha3      string `json:"alpha3"`
	Numeric     string `json:"numeric"`
	NameEN      string `json:"name_en"`
	NameFR      string `json:"name_fr"`
	ECOWAS      bool   `json:"ecowas"`
	Independent bool   `json:"independent"`
}

type countryTable struct {
	all     []Country      // sorted by folded French name
	byCode  map[string]int // alpha-3 → index in all
	codes   map[string]int // folded alpha-2, alpha-3 and numeric codes → index in all
	names   map[string]int // folded names, short forms and aliases → index in all
	compact map[string]int // the keys of names without spaces ("cotedivoire") → index in all
	hay     []string       // per index: folded names and aliases, for search
	heads   [][2]string    // per index: " " + folded French name, " " + folded English name
}

// englishNames replaces three CLDR names of the file that are abbreviations or cut short, and
// would read badly in a list of countries.
var englishNames = map[string]string{
	"GBR": "United Kingdom",
	"USA": "United States",
	"BIH": "Bosnia and Herzegovina",
}

// parenthesis matches a parenthetical part of an official name: "Bolivie (État plurinational
// de)" is also known as "Bolivie".
var parenthesis = regexp.MustCompile(`\s*\([^)]*\)`)

func loadCountries(fsys fs.FS) (countryTable, error) {
	const name = "countries.csv"
	rows, err := readCSV(fsys, name, "alpha2", "alpha3", "numeric", "name_en", "name_fr", "name_en_cldr",
		"is_independent", "ecowas_member", "ecowas_member_until_2025")
	if err != nil {
		return countryTable{}, err
	}
	type entry struct {
		c       Country
		officEN string // name_en: the official name, "Ivory Coast" for CIV in this file
		cldr    string // name_en_cldr as in the file, "UK" for GBR
		sortKey string
	}
	entries := make([]entry, 0, len(rows))
	for i, row := range rows {
		c := Country{Alpha2: row[0], Alpha3: row[1], Numeric: row[2], NameFR: row[4]}
		if !isUpper(c.Alpha2, 2) || !isUpper(c.Alpha3, 3) || len(c.Numeric) != 3 || !isDigits(c.Numeric) {
			return countryTable{}, rowError(name, i, "bad codes %q %q %q", c.Alpha2, c.Alpha3, c.Numeric)
		}
		// ecowas_member is the current composition (12 members); ecowas_member_until_2025 still
		// counts Burkina Faso, Mali and Niger, which left in 2025. Only the first is kept.
		if (row[7] != "0" && row[7] != "1") || (row[8] != "0" && row[8] != "1") {
			return countryTable{}, rowError(name, i, "ECOWAS flags %q %q, want 0 or 1", row[7], row[8])
		}
		c.ECOWAS = row[7] == "1"
		c.Independent = row[6] == "Yes"
		c.NameEN = cmp.Or(englishNames[c.Alpha3], row[5], row[3])
		if row[3] == "" || c.NameFR == "" {
			return countryTable{}, rowError(name, i, "%s has no name", c.Alpha3)
		}
		entries = append(entries, entry{c: c, officEN: row[3], cldr: row[5], sortKey: Fold(c.NameFR)})
	}
	slices.SortFunc(entries, func(a, b entry) int {
		return cmp.Or(strings.Compare(a.sortKey, b.sortKey), strings.Compare(a.c.Alpha3, b.c.Alpha3))
	})

	t := countryTable{
		all:    make([]Country, len(entries)),
		byCode: make(map[string]int, len(entries)),
		codes:  make(map[string]int, 3*len(entries)),
		hay:    make([]string, len(entries)),
		heads:  make([][2]string, len(entries)),
	}
	names := keySet{}   // official and CLDR names
	shorter := keySet{} // the same without their parenthesis
	for i, e := range entries {
		c := e.c
		t.all[i] = c
		t.byCode[c.Alpha3] = i
		for _, code := range []string{c.Alpha2, c.Alpha3, c.Numeric} {
			if _, dup := t.codes[Fold(code)]; dup {
				return countryTable{}, fmt.Errorf("ref: %s: duplicate code %s", name, code)
			}
			t.codes[Fold(code)] = i
		}
		for _, n := range []string{c.NameFR, c.NameEN, e.officEN, e.cldr} {
			names.add(Fold(n), i)
			shorter.add(Fold(parenthesis.ReplaceAllString(n, "")), i)
		}
	}

	t.names = names.resolved()
	for k, i := range shorter.resolved() {
		if _, taken := names[k]; !taken {
			t.names[k] = i
		}
	}
	for a3, aliases := range countryAliases {
		i, ok := t.byCode[a3]
		if !ok {
			return countryTable{}, fmt.Errorf("ref: country aliases name unknown code %s", a3)
		}
		for _, alias := range aliases {
			k := Fold(alias)
			if j, taken := t.names[k]; k == "" || (taken && j != i) {
				return countryTable{}, fmt.Errorf("ref: country alias %q of %s is empty or names another country", alias, a3)
			}
			t.names[k] = i
		}
	}

	compact := keySet{}
	for k, i := range t.names {
		compact.add(strings.ReplaceAll(k, " ", ""), i)
	}
	t.compact = compact.resolved()

	for i, e := range entries {
		parts := append([]string{e.c.NameFR, e.c.NameEN, e.officEN, e.cldr}, countryAliases[e.c.Alpha3]...)
		t.hay[i] = haystack(parts...)
		t.heads[i] = [2]string{" " + Fold(e.c.NameFR), " " + Fold(e.c.NameEN)}
	}
	return t, nil
}

// keySet collects name keys and forgets those that two countries share ("saint martin" is the
// French part of Saint-Martin, and Sint Maarten too).
type keySet map[string][]int

func (s keySet) add(k string, i int) {
	if k != "" && !slices.Contains(s[k], i) {
		s[k] = append(s[k], i)
	}
}

func (s keySet) resolved() map[string]int {
	m := make(map[string]int, len(s))
	for k, is := range s {
		if len(is) == 1 {
			m[k] = is[0]
		}
	}
	return m
}

// isUpper reports whether s is n ASCII capital letters.
func isUpper(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for _, c := range []byte(s) {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// Countries returns every country and territory, sorted by French name with accents and case
// folded ("Égypte" sorts as "egypte", before "El Salvador").
func (r *Ref) Countries() []Country {
	return slices.Clone(r.countries.all)
}

// Country returns the country with this ISO alpha-3 code ("TGO", any case), or false.
func (r *Ref) Country(alpha3 string) (Country, bool) {
	i, ok := r.countries.byCode[strings.ToUpper(strings.TrimSpace(alpha3))]
	if !ok {
		return Country{}, false
	}
	return r.countries.all[i], true
}
