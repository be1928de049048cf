package ref

import (
	"cmp"
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Occupation is a group of the International Standard Classification of Occupations (ISCO-08):
// a major group (level 1, code "7"), sub-major group (2, "74"), minor group (3, "741") or unit
// group (4, "7411"). Titles are ESCO's, in sentence case.
type Occupation struct {
	Code    string `json:"code"`
	Level   int    `json:"level"`
	TitleEN string `json:"title_en"`
	TitleFR string `json:"title_fr"`
}

type iscoTable struct {
	all    []Occupation   // file order: each group followed by its subgroups
	byCode map[string]int // code → index in all
	hay    []string       // per index: folded titles and extra keywords, for search
	// byTitle maps a folded French or English title to the most detailed group that bears it,
	// or to "" when two groups of the same level share it.
	byTitle map[string]titleCode
}

type titleCode struct {
	code  string
	level int
}

// iscoKeywords adds the words job seekers in Togo use for some unit groups and that ESCO's
// titles lack, so that a search for them finds the group. Keep it short: it is a search aid,
// not a second classification.
var iscoKeywords = map[string]string{
	"2512": "développeur, ingénieur logiciel",
	"2513": "développeur web",
	"2514": "développeur",
	"5311": "nounou",
	"8332": "chauffeur poids lourds, camionneur",
	"9111": "domestique, employé de maison, femme de ménage",
	"9211": "ouvrier agricole",
	"9212": "ouvrier agricole",
}

func loadISCO(fsys fs.FS) (iscoTable, error) {
	const name = "isco08.csv"
	rows, err := readCSV(fsys, name, "code", "level", "title_en", "title_fr")
	if err != nil {
		return iscoTable{}, err
	}
	t := iscoTable{
		all:    make([]Occupation, 0, len(rows)),
		byCode: make(map[string]int, len(rows)),
		hay:    make([]string, 0, len(rows)),

		byTitle: make(map[string]titleCode, 2*len(rows)),
	}
	for i, row := range rows {
		o := Occupation{Code: row[0], TitleEN: row[2], TitleFR: row[3]}
		o.Level, err = strconv.Atoi(row[1])
		if err != nil || o.Level != len(o.Code) || !isDigits(o.Code) {
			return iscoTable{}, rowError(name, i, "code %q does not fit level %q", row[0], row[1])
		}
		if o.TitleEN == "" || o.TitleFR == "" {
			return iscoTable{}, rowError(name, i, "code %s has no title", o.Code)
		}
		if _, dup := t.byCode[o.Code]; dup {
			return iscoTable{}, rowError(name, i, "duplicate code %s", o.Code)
		}
		t.byCode[o.Code] = len(t.all)
		t.all = append(t.all, o)
		t.hay = append(t.hay, haystack(o.TitleFR, o.TitleEN, iscoKeywords[o.Code]))
		for _, title := range []string{Fold(o.TitleFR), Fold(o.TitleEN)} {
			prev, seen := t.byTitle[title]
			switch {
			case !seen || prev.level < o.Level:
				t.byTitle[title] = titleCode{o.Code, o.Level}
			case prev.level == o.Level && prev.code != o.Code:
				t.byTitle[title] = titleCode{"", o.Level}
			}
		}
	}
	for code := range iscoKeywords {
		if _, ok := t.byCode[code]; !ok {
			return iscoTable{}, fmt.Errorf("ref: ISCO keyword table names unknown code %s", code)
		}
	}
	return t, nil
}

// Occupations returns every ISCO-08 group, in file order (each group followed by its subgroups).
func (r *Ref) Occupations() []Occupation {
	return slices.Clone(r.isco.all)
}

// Occupation returns the ISCO-08 group with this code ("7411"), or false if there is none.
func (r *Ref) Occupation(code string) (Occupation, bool) {
	i, ok := r.isco.byCode[strings.TrimSpace(code)]
	if !ok {
		return Occupation{}, false
	}
	return r.isco.all[i], true
}

// ResolveOccupation accepts an ISCO code ("7411"), or "7411 — Électriciens…" from a datalist
// (the code decides, whatever follows it), or a title written exactly as in the classification in
// French or English, ignoring accents and case; it returns the code, or false if s names no group.
// A title that groups of several levels share ("Cuisiniers": 512 and 5120) resolves to the most
// detailed group; one that two groups of the same level share would resolve to none.
func (r *Ref) ResolveOccupation(s string) (code string, ok bool) {
	s = strings.TrimSpace(s)
	end := strings.IndexFunc(s, func(c rune) bool { return c < '0' || c > '9' })
	if end < 0 {
		end = len(s)
	}
	if end > 0 {
		// A datalist puts the code first, then a separator; "7411abc" is neither form.
		next, _ := utf8.DecodeRuneInString(s[end:])
		if end < len(s) && (unicode.IsLetter(next) || unicode.IsNumber(next)) {
			return "", false
		}
		if _, ok := r.isco.byCode[s[:end]]; !ok {
			return "", false
		}
		return s[:end], true
	}
	t, ok := r.isco.byTitle[Fold(s)]
	if !ok || t.code == "" {
		return "", false
	}
	return t.code, true
}

// SearchOccupations returns up to limit occupations (all of them if limit ≤ 0) whose code starts
// with q, or in whose French or English title every word of q begins a word, ignoring accents,
// case and punctuation ("electricien" finds "Électriciens du bâtiment…"). A few common job names
// missing from the titles are searched too ("développeur"). level 1–4 keeps that level only, 0
// keeps all. An exact code comes first, then unit groups (level 4), then the rest, each by code.
// An empty q finds nothing.
func (r *Ref) SearchOccupations(q string, level int, limit int) []Occupation {
	words := queryWords(q)
	code := strings.Join(strings.Fields(Fold(q)), "")
	if !isDigits(code) {
		code = ""
	}
	var hits []int
	for i, o := range r.isco.all {
		if level != 0 && o.Level != level {
			continue
		}
		if (code != "" && strings.HasPrefix(o.Code, code)) || matchWords(r.isco.hay[i], words) {
			hits = append(hits, i)
		}
	}
	rank := func(o Occupation) int {
		switch {
		case o.Code == code:
			return 0
		case o.Level == 4:
			return 1
		}
		return 2
	}
	slices.SortFunc(hits, func(a, b int) int {
		oa, ob := r.isco.all[a], r.isco.all[b]
		return cmp.Or(cmp.Compare(rank(oa), rank(ob)), strings.Compare(oa.Code, ob.Code))
	})
	if limit > 0 && len(hits) > limit {
		hits = hits[:limit]
	}
	out := make([]Occupation, len(hits))
	for k, i := range hits {
		out[k] = r.isco.all[i]
	}
	return out
}

// isDigits reports whether s is a non-empty run of ASCII digits.
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, c := range []byte(s) {
		if c < '0' || c > '9' {
			return false
		}
	}
	return true
}
