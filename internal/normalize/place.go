package normalize

import (
	_ "embed"
	"encoding/csv"
	"fmt"
	"html"
	"strings"
	"sync"

	"mobilite/internal/ref"
)

//go:embed cities.csv
var citiesCSV string

// city is one entry of the gazetteer.
type city struct {
	Name   string // as the file spells it
	Alpha3 string
}

// gazetteer maps the folded names and aliases of cities.csv to their city. It is parsed once,
// on first use, and never changed.
var gazetteer = sync.OnceValue(func() map[string]city {
	g, err := parseGazetteer(citiesCSV)
	if err != nil {
		panic(err) // the embedded file is broken: a bug of the build, caught by the tests
	}
	return g
})

// parseGazetteer reads a gazetteer: a header "city,alpha3,aliases", one city a line, aliases
// separated by '|', comment lines starting with '#'. Two places with the same folded name, an
// alpha-3 code that is not three capitals or an empty name are errors.
func parseGazetteer(data string) (map[string]city, error) {
	cr := csv.NewReader(strings.NewReader(data))
	cr.Comment = '#'
	cr.FieldsPerRecord = 3
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("normalize: cities.csv: %w", err)
	}
	if len(rows) == 0 || strings.Join(rows[0], ",") != "city,alpha3,aliases" {
		return nil, fmt.Errorf("normalize: cities.csv: header is not city,alpha3,aliases")
	}
	g := make(map[string]city, 2*len(rows))
	for i, row := range rows[1:] {
		c := city{Name: strings.TrimSpace(row[0]), Alpha3: row[1]}
		if c.Name == "" || len(c.Alpha3) != 3 || strings.ToUpper(c.Alpha3) != c.Alpha3 {
			return nil, fmt.Errorf("normalize: cities.csv row %d: bad city %q or code %q", i+2, row[0], row[1])
		}
		names := []string{c.Name}
		if row[2] != "" {
			names = append(names, strings.Split(row[2], "|")...)
		}
		for _, n := range names {
			f := ref.Fold(n)
			if f == "" {
				return nil, fmt.Errorf("normalize: cities.csv row %d: empty alias", i+2)
			}
			if prev, dup := g[f]; dup && prev != c {
				return nil, fmt.Errorf("normalize: cities.csv row %d: %q is also %s (%s)", i+2, n, prev.Name, prev.Alpha3)
			}
			g[f] = c
		}
	}
	return g, nil
}

// lookupCity finds a city by its folded name or alias.
func lookupCity(folded string) (city, bool) {
	c, ok := gazetteer()[folded]
	return c, ok
}

// noPlace are folded city fields that name no place: remote work, several places, unknown.
var noPlace = map[string]bool{
	"remote": true, "remote work": true, "fully remote": true, "home based": true,
	"homebased": true, "work from home": true, "teletravail": true, "a distance": true,
	"en ligne": true, "online": true, "anywhere": true, "worldwide": true, "global": true,
	"various": true, "various locations": true, "multiple": true, "multiple locations": true,
	"several locations": true, "plusieurs localites": true, "plusieurs villes": true,
	"n a": true, "na": true, "none": true, "tbd": true, "to be determined": true,
	"a determiner": true, "a definir": true, "flexible": true, "any": true, "other": true,
	"autre": true, "divers": true, "field": true, "terrain": true,
}

// ResolvePlace reads where an offer is. The country, as a source writes it (a name in French or
// English, an alpha-2 or alpha-3 code), is resolved by r.ResolveCountry. The city field may hold
// just a city ("Lomé", "LOME"), a city and its country ("Lomé, Togo", "Geneva, Switzerland",
// "Dakar (Sénégal)"), a country alone, or no place at all ("Remote", "Multiple locations", "N/A"),
// which gives "". When the country field is empty or unknown, the country comes from the city
// field: the country it names, or the gazetteer's country for a city it knows (capitals of
// every country and the main cities of ECOWAS, the Maghreb, Europe, the Gulf and North
// America). A known city is given as the gazetteer spells it ("LOME" → "Lomé") when its country
// agrees; other cities are kept as written, tidied; of several cities, the first is kept.
func ResolvePlace(r *ref.Ref, country, cityField string) (alpha3, cleanCity string) {
	country = tidy(country)
	if country != "" {
		alpha3, _ = r.ResolveCountry(country)
	}
	cityField = tidy(cityField)
	if cityField == "" {
		return alpha3, ""
	}
	whole := ref.Fold(cityField)
	if noPlace[whole] {
		return alpha3, ""
	}
	if c, ok := lookupCity(whole); ok { // "Washington, D.C." before it is split at the comma
		if alpha3 == "" {
			alpha3 = c.Alpha3
		}
		if alpha3 == c.Alpha3 {
			return alpha3, c.Name
		}
		return alpha3, cityField
	}
	parts := splitPlace(cityField)
	isCountry := make([]bool, len(parts))
	named := ""
	for i, part := range parts {
		f := ref.Fold(part)
		if _, city := lookupCity(f); city || f == "" {
			continue
		}
		// A part that names a country; a code only when it is not the first part, so that a
		// city written "Bo" or "Ho" is not taken for a code.
		if a3, ok := r.ResolveCountry(part); ok && (i > 0 || len(f) > 3) {
			isCountry[i] = true
			if named == "" {
				named = a3
			}
		}
	}
	if alpha3 == "" {
		alpha3 = named
	}
	for i, part := range parts {
		f := ref.Fold(part)
		if isCountry[i] || f == "" || noPlace[f] {
			continue
		}
		if c, ok := lookupCity(f); ok {
			if alpha3 == "" {
				alpha3 = c.Alpha3
			}
			if alpha3 == c.Alpha3 {
				return alpha3, c.Name
			}
		}
		return alpha3, part
	}
	return alpha3, ""
}

// splitPlace splits a city field at commas, semicolons, slashes, brackets and spaced dashes.
func splitPlace(s string) []string {
	s = strings.ReplaceAll(s, " - ", ",")
	parts := strings.FieldsFunc(s, func(r rune) bool {
		switch r {
		case ',', ';', '/', '(', ')', '[', ']', '|', '–', '—':
			return true
		}
		return false
	})
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// tidy decodes entities and collapses whitespace.
func tidy(s string) string {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	return strings.Join(strings.Fields(s), " ")
}

// placeChecker returns the test titleSegments uses to drop place segments: a city of the
// gazetteer and, when r is not nil, a country name (never a code: "IT" or "NO" in a title are
// not Italy or Norway). "Remote" and the like are titleNoise.
func placeChecker(r *ref.Ref) func(folded string) bool {
	return func(f string) bool {
		if _, ok := lookupCity(f); ok {
			return true
		}
		if r == nil || len(f) < 4 {
			return false
		}
		_, ok := r.ResolveCountry(f)
		return ok
	}
}

// placeFromTitle finds a country, and the city before it, among the comma- or dash-separated
// parts of a title, from the end: "Child Protection Specialist, N0-3, Ankara, Türkiye, Post #
// 87009" gives TUR and Ankara; "Chauffeur – Lomé" gives TGO and Lomé. Parts of one word of
// fewer than 4 letters are not read as places (grades, "UN", "H/F").
func placeFromTitle(r *ref.Ref, title string) (alpha3, city string) {
	parts := strings.FieldsFunc(title, func(c rune) bool {
		switch c {
		case ',', ';', '|', '(', ')', '[', ']', '–', '—':
			return true
		}
		return false
	})
	for i := len(parts) - 1; i >= 1; i-- { // the first part is the job itself
		p := strings.TrimSpace(parts[i])
		if len([]rune(p)) < 4 || len(p) > 60 {
			continue
		}
		if r != nil {
			if a3, ok := r.ResolveCountry(p); ok {
				c := ""
				if i > 1 {
					if _, ok := lookupCity(ref.Fold(parts[i-1])); ok {
						c = strings.TrimSpace(parts[i-1])
					}
				}
				return a3, c
			}
		}
		if c, ok := lookupCity(ref.Fold(p)); ok {
			return c.Alpha3, c.Name
		}
	}
	return "", ""
}
