package survey

import (
	"bytes"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// MaxForm is the largest XLSForm file accepted.
const MaxForm = 5 << 20

// Types understood but whose values are kept as text without any check (the web form shows a
// text box): the import says so.
var uncheckedTypes = map[string]bool{
	"geopoint": true, "geotrace": true, "geoshape": true, "image": true, "audio": true, "video": true,
	"file": true, "barcode": true, "range": true, "rank": true, "acknowledge": true, "background-audio": true,
	"select_one_from_file": true, "select_multiple_from_file": true, "xml-external": true, "csv-external": true,
}

// Metadata types: the collector fills them; the import ignores them and says so.
var metadataTypes = map[string]bool{
	"start": true, "end": true, "today": true, "deviceid": true, "username": true, "phonenumber": true,
	"simserial": true, "subscriberid": true, "audit": true, "email": true, "start-geopoint": true,
}

var reName = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_.\-]*$`)

// sheet is one sheet of the workbook as rows of cells, with its header's columns by name.
type sheet struct {
	name string
	rows [][]string
	cols map[string]int // normalised header ("type", "label::fr") → index
}

func (s *sheet) cell(row []string, col string) string {
	i, ok := s.cols[col]
	if !ok || i >= len(row) {
		return ""
	}
	return strings.TrimSpace(row[i])
}

// localized returns the cells of a column and its language variants ("label", "label::fr"…).
func (s *sheet) localized(row []string, base string) map[string]string {
	var out map[string]string
	for col, i := range s.cols {
		lang, ok := "", col == base
		if !ok && strings.HasPrefix(col, base+"::") {
			lang, ok = strings.TrimPrefix(col, base+"::"), true
		}
		if !ok || i >= len(row) || strings.TrimSpace(row[i]) == "" {
			continue
		}
		if out == nil {
			out = map[string]string{}
		}
		out[lang] = strings.TrimSpace(row[i])
	}
	return out
}

// readSheet reads a sheet and normalises its header: lower case, "list name" as "list_name",
// and label columns' languages as codes ("label::French" → "label::fr").
func readSheet(f *excelize.File, name string, langs map[string]bool) (*sheet, error) {
	rows, err := f.GetRows(name)
	if err != nil {
		return nil, err
	}
	s := &sheet{name: strings.ToLower(name), rows: rows, cols: map[string]int{}}
	if len(rows) == 0 {
		return s, nil
	}
	for i, h := range rows[0] {
		h = strings.TrimSpace(h)
		base, suffix, localized := strings.Cut(h, "::")
		base = strings.ReplaceAll(strings.ToLower(strings.TrimSpace(base)), " ", "_")
		if localized {
			lang := languageOf(suffix)
			if base == "label" || base == "hint" {
				langs[lang] = true
			}
			base += "::" + lang
		}
		if _, dup := s.cols[base]; !dup && base != "" {
			s.cols[base] = i
		}
	}
	return s, nil
}

func blankRow(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// ParseXLSForm reads an XLSForm workbook (sheets survey, choices, settings). It returns the form
// and the report of what was understood and not; when the report is Fatal the form is nil and
// nothing may be loaded. name is the file's name, the form's id when the settings give none.
func ParseXLSForm(data []byte, name string) (*Form, *Report) {
	rep := &Report{Types: map[string]int{}}
	if !bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		rep.add(Error, "", 0, "", "survey.problem.not_xlsx", "")
		return nil, rep
	}
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{UnzipSizeLimit: 64 << 20, UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		rep.add(Error, "", 0, "", "survey.problem.broken", "")
		return nil, rep
	}
	defer f.Close()
	sheets := map[string]string{}
	for _, s := range f.GetSheetList() {
		sheets[strings.ToLower(strings.TrimSpace(s))] = s
	}
	langs := map[string]bool{}
	read := func(name string) *sheet {
		real, ok := sheets[name]
		if !ok {
			return nil
		}
		s, err := readSheet(f, real, langs)
		if err != nil {
			rep.add(Error, name, 0, "", "survey.problem.broken", "")
			return nil
		}
		return s
	}
	survey, choices, settings := read("survey"), read("choices"), read("settings")
	if rep.Fatal() {
		return nil, rep
	}
	if survey == nil || len(survey.rows) == 0 {
		rep.add(Error, "survey", 0, "", "survey.problem.no_survey", "")
		return nil, rep
	}
	for _, col := range []string{"type", "name"} {
		if _, ok := survey.cols[col]; !ok {
			rep.add(Error, "survey", 1, col, "survey.problem.no_column", col)
		}
	}
	if rep.Fatal() {
		return nil, rep
	}
	form := &Form{Choices: map[string][]*Choice{}}
	readSettings(form, settings, name, rep)
	readChoices(form, choices, rep)
	readSurvey(form, survey, rep)
	for l := range langs {
		if l != "" {
			form.Languages = append(form.Languages, l)
		}
	}
	sort.Strings(form.Languages)
	if form.DefaultLanguage == "" && len(form.Languages) > 0 && !langs[""] {
		form.DefaultLanguage = form.Languages[0]
		if langs["fr"] {
			form.DefaultLanguage = "fr"
		}
	}
	rep.Groups, rep.Lists = len(form.Groups), len(form.Choices)
	if len(form.Questions) == 0 && !rep.Fatal() {
		rep.add(Error, "survey", 0, "", "survey.problem.no_question", "")
	}
	if rep.Fatal() {
		return nil, rep
	}
	form.prepare()
	return form, rep
}

func readSettings(form *Form, s *sheet, fileName string, rep *Report) {
	if s != nil && len(s.rows) > 1 {
		row := s.rows[1]
		form.ID = s.cell(row, "form_id")
		form.Title = s.cell(row, "form_title")
		form.Version = s.cell(row, "version")
		if d := s.cell(row, "default_language"); d != "" {
			form.DefaultLanguage = languageOf(d)
		}
	}
	if form.ID == "" {
		base := strings.TrimSuffix(path.Base(strings.ReplaceAll(fileName, `\`, "/")), path.Ext(fileName))
		form.ID = strings.Trim(regexp.MustCompile(`[^A-Za-z0-9_\-]+`).ReplaceAllString(base, "_"), "_")
		if form.ID == "" {
			form.ID = "form"
		}
		rep.add(Notice, "settings", 2, "form_id", "survey.problem.no_form_id", form.ID)
	}
	if form.Title == "" {
		form.Title = form.ID
	}
}

func readChoices(form *Form, s *sheet, rep *Report) {
	if s == nil {
		return
	}
	listCol := "list_name"
	if _, ok := s.cols[listCol]; !ok {
		if len(s.rows) > 1 {
			rep.add(Error, "choices", 1, "list_name", "survey.problem.no_column", "list_name")
		}
		return
	}
	for i, row := range s.rows[1:] {
		n := i + 2
		if blankRow(row) {
			continue
		}
		list, value := s.cell(row, listCol), s.cell(row, "name")
		switch {
		case list == "":
			rep.add(Error, "choices", n, "list_name", "survey.problem.no_list_name", value)
			continue
		case value == "":
			rep.add(Error, "choices", n, "name", "survey.problem.no_name", list)
			continue
		}
		for _, c := range form.Choices[list] {
			if c.Value == value {
				rep.add(Error, "choices", n, "name", "survey.problem.duplicate_choice", list+" / "+value)
			}
		}
		form.Choices[list] = append(form.Choices[list], &Choice{Value: value, Label: s.localized(row, "label")})
	}
	if _, ok := s.cols["choice_filter"]; ok {
		rep.add(Notice, "choices", 1, "choice_filter", "survey.problem.choice_filter", "")
	}
}

// frame is an open group (or repeat) while the survey sheet is read.
type frame struct {
	name     string
	repeat   bool
	row      int
	relevant string
}

func readSurvey(form *Form, s *sheet, rep *Report) {
	var stack []frame
	paths := map[string]int{} // path → row, to find duplicates
	inRepeat := func() bool {
		for _, f := range stack {
			if f.repeat {
				return true
			}
		}
		return false
	}
	groupPath := func() string {
		var names []string
		for _, f := range stack {
			names = append(names, f.name)
		}
		return strings.Join(names, "/")
	}
	for i, row := range s.rows[1:] {
		n := i + 2
		if blankRow(row) {
			continue
		}
		rawType := s.cell(row, "type")
		typ := strings.Join(strings.Fields(strings.ToLower(rawType)), " ")
		name := s.cell(row, "name")
		if typ == "" {
			rep.add(Notice, "survey", n, "type", "survey.problem.no_type", name)
			continue
		}
		word, _, _ := strings.Cut(typ, " ")
		switch typ {
		case "begin group", "begin_group", "begin repeat", "begin_repeat":
			if name == "" {
				rep.add(Error, "survey", n, "name", "survey.problem.no_name", typ)
				name = "group" + strconv.Itoa(n)
			} else if !reName.MatchString(name) {
				rep.add(Error, "survey", n, "name", "survey.problem.bad_name", name)
			}
			repeat := strings.Contains(typ, "repeat")
			if repeat && !inRepeat() {
				rep.add(Notice, "survey", n, "type", "survey.problem.repeat", name)
			}
			rel := s.cell(row, "relevant")
			if _, ok := parseCondition(rel); !ok {
				rep.add(Notice, "survey", n, "relevant", "survey.problem.relevant_ignored", rel)
				rel = ""
			}
			stack = append(stack, frame{name: name, repeat: repeat, row: n, relevant: rel})
			if !repeat && !inRepeat() {
				form.Groups = append(form.Groups, &Group{Path: groupPath(), Label: s.localized(row, "label"), Relevant: rel})
			}
			continue
		case "end group", "end_group", "end repeat", "end_repeat":
			if len(stack) == 0 || stack[len(stack)-1].repeat != strings.Contains(typ, "repeat") {
				rep.add(Error, "survey", n, "type", "survey.problem.unbalanced", typ)
				continue
			}
			stack = stack[:len(stack)-1]
			continue
		}
		if metadataTypes[typ] {
			rep.add(Notice, "survey", n, "type", "survey.problem.metadata", typ)
			continue
		}
		q := &Question{Name: name, XLSType: rawType, Label: s.localized(row, "label"), Hint: s.localized(row, "hint")}
		switch {
		case typ == TypeInteger || typ == "int", typ == TypeDecimal, typ == TypeText || typ == "string", typ == TypeDate,
			typ == TypeDateTime, typ == TypeTime, typ == TypeNote:
			q.Type = map[string]string{"int": TypeInteger, "string": TypeText}[typ]
			if q.Type == "" {
				q.Type = typ
			}
		case typ == TypeCalculate || typ == "hidden":
			q.Type, q.Calculation = TypeCalculate, s.cell(row, "calculation")
			rep.add(Notice, "survey", n, "type", "survey.problem.calculate", name)
		case word == "select_one" || word == "select_multiple" || strings.HasPrefix(typ, "select one ") || strings.HasPrefix(typ, "select multiple "):
			fields := strings.Fields(rawType) // list names keep their case
			if strings.EqualFold(fields[0], "select") {
				fields = append([]string{"select_" + strings.ToLower(fields[1])}, fields[2:]...)
			}
			q.Type = strings.ToLower(fields[0])
			if len(fields) > 1 {
				q.List = fields[1]
			}
			if q.List == "" {
				rep.add(Error, "survey", n, "type", "survey.problem.no_list", rawType)
			} else if _, ok := form.Choices[q.List]; !ok {
				rep.add(Error, "survey", n, "type", "survey.problem.missing_list", q.List)
			}
		case uncheckedTypes[word]:
			q.Type, q.Unchecked = TypeText, true
			rep.add(Notice, "survey", n, "type", "survey.problem.unchecked", typ)
		default:
			rep.add(Error, "survey", n, "type", "survey.problem.unknown_type", rawType)
			continue
		}
		if name == "" {
			rep.add(Error, "survey", n, "name", "survey.problem.no_name", rawType)
			continue
		}
		if !reName.MatchString(name) {
			rep.add(Error, "survey", n, "name", "survey.problem.bad_name", name)
			continue
		}
		if inRepeat() {
			continue // said once at the repeat
		}
		q.Group = groupPath()
		q.Path = name
		if q.Group != "" {
			q.Path = q.Group + "/" + name
		}
		if first, dup := paths[q.Path]; dup {
			rep.add(Error, "survey", n, "name", "survey.problem.duplicate_name", q.Path+" ("+strconv.Itoa(first)+")")
			continue
		}
		paths[q.Path] = n
		q.Required = isTrue(s.cell(row, "required")) && q.Type != TypeNote && q.Type != TypeCalculate
		if c := s.cell(row, "constraint"); c != "" {
			if _, ok := parseConstraint(c); ok {
				q.Constraint = c
			} else {
				rep.add(Notice, "survey", n, "constraint", "survey.problem.constraint_ignored", c)
			}
		}
		var rels []string
		for _, f := range stack {
			if f.relevant != "" {
				rels = append(rels, "("+f.relevant+")")
			}
		}
		if r := s.cell(row, "relevant"); r != "" {
			if _, ok := parseCondition(r); ok {
				rels = append(rels, "("+r+")")
			} else {
				rep.add(Notice, "survey", n, "relevant", "survey.problem.relevant_ignored", r)
			}
		}
		if len(rels) == 1 {
			q.Relevant = strings.TrimSuffix(strings.TrimPrefix(rels[0], "("), ")")
		} else if len(rels) > 1 {
			q.Relevant = strings.Join(rels, " and ")
			if _, ok := parseCondition(q.Relevant); !ok {
				// Conditions with "or" cannot be joined without parentheses: the innermost wins.
				q.Relevant = strings.TrimSuffix(strings.TrimPrefix(rels[len(rels)-1], "("), ")")
				rep.add(Notice, "survey", n, "relevant", "survey.problem.relevant_partial", q.Path)
			}
		}
		if s.cell(row, "choice_filter") != "" {
			rep.add(Notice, "survey", n, "choice_filter", "survey.problem.choice_filter", s.cell(row, "choice_filter"))
		}
		form.Questions = append(form.Questions, q)
		rep.Types[q.Type]++
	}
	for _, f := range stack {
		rep.add(Error, "survey", f.row, "type", "survey.problem.not_closed", f.name)
	}
}

// isTrue reads XLSForm's yes: yes, true, true(), 1.
func isTrue(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "yes", "true", "true()", "1", "y", "oui":
		return true
	}
	return false
}
