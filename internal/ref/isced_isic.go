package ref

import (
	"fmt"
	"io/fs"
	"slices"
	"strconv"
	"strings"
)

// Education is a level of the International Standard Classification of Education (ISCED 2011),
// from 0 (early childhood education, code "L0") to 8 (doctoral or equivalent, "L8"). Names are
// UNESCO UIS's, verbatim.
type Education struct {
	Level  int    `json:"level"`
	Code   string `json:"code"`
	NameEN string `json:"name_en"`
	NameFR string `json:"name_fr"`
}

func loadISCED(fsys fs.FS) ([]Education, error) {
	const name = "isced2011.csv"
	rows, err := readCSV(fsys, name, "level", "unesco_uis_code", "name_en", "name_fr")
	if err != nil {
		return nil, err
	}
	all := make([]Education, 0, len(rows))
	for i, row := range rows {
		e := Education{Code: row[1], NameEN: row[2], NameFR: row[3]}
		e.Level, err = strconv.Atoi(row[0])
		// Education(level) indexes the slice by level, so the rows must be 0, 1, 2… in order.
		if err != nil || e.Level != i || e.Code != "L"+row[0] {
			return nil, rowError(name, i, "level %q, code %q: want level %d, code L%d", row[0], row[1], i, i)
		}
		if e.NameEN == "" || e.NameFR == "" {
			return nil, rowError(name, i, "level %d has no name", e.Level)
		}
		all = append(all, e)
	}
	return all, nil
}

// Educations returns the nine ISCED 2011 levels, from 0 to 8.
func (r *Ref) Educations() []Education {
	return slices.Clone(r.isced)
}

// Education returns the ISCED 2011 level (0–8), or false if there is none.
func (r *Ref) Education(level int) (Education, bool) {
	if level < 0 || level >= len(r.isced) {
		return Education{}, false
	}
	return r.isced[level], true
}

// Activity is an item of the International Standard Industrial Classification of All Economic
// Activities (ISIC Rev.4): a "section" (code "A"), "division" ("01"), "group" ("011") or "class"
// ("0111"). Titles are UNSD's, verbatim.
type Activity struct {
	Code    string `json:"code"`
	Level   string `json:"level"`
	TitleEN string `json:"title_en"`
	TitleFR string `json:"title_fr"`
}

type isicTable struct {
	all    []Activity     // file order: each section followed by its divisions, groups, classes
	byCode map[string]int // code → index in all
}

// isicLevel gives the level an ISIC code has by its form, or "" if it is not a code.
func isicLevel(code string) string {
	switch {
	case len(code) == 1 && code[0] >= 'A' && code[0] <= 'Z':
		return "section"
	case len(code) == 2 && isDigits(code):
		return "division"
	case len(code) == 3 && isDigits(code):
		return "group"
	case len(code) == 4 && isDigits(code):
		return "class"
	}
	return ""
}

func loadISIC(fsys fs.FS) (isicTable, error) {
	const name = "isic4_full.csv"
	rows, err := readCSV(fsys, name, "code", "level", "title_en", "title_fr")
	if err != nil {
		return isicTable{}, err
	}
	t := isicTable{
		all:    make([]Activity, 0, len(rows)),
		byCode: make(map[string]int, len(rows)),
	}
	for i, row := range rows {
		a := Activity{Code: row[0], Level: row[1], TitleEN: row[2], TitleFR: row[3]}
		if lv := isicLevel(a.Code); lv == "" || lv != a.Level {
			return isicTable{}, rowError(name, i, "code %q does not fit level %q", a.Code, a.Level)
		}
		if a.TitleEN == "" || a.TitleFR == "" {
			return isicTable{}, rowError(name, i, "code %s has no title", a.Code)
		}
		if _, dup := t.byCode[a.Code]; dup {
			return isicTable{}, rowError(name, i, "duplicate code %s", a.Code)
		}
		t.byCode[a.Code] = len(t.all)
		t.all = append(t.all, a)
	}

	// isic4_sections.csv repeats the sections; check that the two files agree rather than
	// trusting either silently.
	const sections = "isic4_sections.csv"
	rows, err = readCSV(fsys, sections, "section", "title_en", "title_fr")
	if err != nil {
		return isicTable{}, err
	}
	n := 0
	for _, a := range t.all {
		if a.Level == "section" {
			n++
		}
	}
	if n != len(rows) {
		return isicTable{}, fmt.Errorf("ref: %s has %d sections, %s has %d", name, n, sections, len(rows))
	}
	for i, row := range rows {
		j, ok := t.byCode[row[0]]
		if !ok || t.all[j].Level != "section" || t.all[j].TitleEN != row[1] || t.all[j].TitleFR != row[2] {
			return isicTable{}, rowError(sections, i, "section %q differs from %s", row[0], name)
		}
	}
	return t, nil
}

// Activities returns every ISIC Rev.4 item, in file order (each section followed by its
// divisions, groups and classes).
func (r *Ref) Activities() []Activity {
	return slices.Clone(r.isic.all)
}

// Activity returns the ISIC Rev.4 item with this code ("A", "01", "0111"; a section letter may be
// lower case), or false if there is none.
func (r *Ref) Activity(code string) (Activity, bool) {
	i, ok := r.isic.byCode[strings.ToUpper(strings.TrimSpace(code))]
	if !ok {
		return Activity{}, false
	}
	return r.isic.all[i], true
}
