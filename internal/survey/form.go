// Package survey collects survey micro-data: it imports questionnaires written as XLSForms,
// reads the submissions exported by KoboToolbox or ODK (CSV or XLSX) and those typed in the web
// form it generates, checks them against the questionnaire, and extracts the variables of the
// survey indicators through the roles a statistician gives the questions.
package survey

import (
	"encoding/json"
	"fmt"
	"sort"
	"strings"
)

// Question types understood. Other XLSForm types are refused or kept as text (see xlsform.go).
const (
	TypeInteger   = "integer"
	TypeDecimal   = "decimal"
	TypeText      = "text"
	TypeDate      = "date"
	TypeDateTime  = "datetime"
	TypeTime      = "time"
	TypeSelectOne = "select_one"
	TypeSelectMul = "select_multiple"
	TypeNote      = "note"
	TypeCalculate = "calculate" // its value comes with exports; not shown in the web form
)

// Form is a questionnaire: its questions in order, with their group paths, and its choice lists.
type Form struct {
	ID              string               `json:"id"` // settings form_id
	Title           string               `json:"title"`
	Version         string               `json:"version,omitempty"`
	DefaultLanguage string               `json:"default_language,omitempty"`
	Languages       []string             `json:"languages,omitempty"` // of the labels: fr, en, or as written
	Groups          []*Group             `json:"groups,omitempty"`
	Questions       []*Question          `json:"questions"`
	Choices         map[string][]*Choice `json:"choices,omitempty"`
	index           map[string]int       // path → position in Questions
}

// Group is a "begin group" of the form, by path.
type Group struct {
	Path     string            `json:"path"`
	Label    map[string]string `json:"label,omitempty"`
	Relevant string            `json:"relevant,omitempty"`
}

// Question is one row of the survey sheet that holds a value.
type Question struct {
	Name        string            `json:"name"`
	Path        string            `json:"path"`            // group names and the name, joined by "/"
	Group       string            `json:"group,omitempty"` // the path of its innermost group
	Type        string            `json:"type"`            // one of the Type constants
	XLSType     string            `json:"xls_type"`        // as written in the sheet
	List        string            `json:"list,omitempty"`  // choice list of selects
	Label       map[string]string `json:"label,omitempty"` // by language ("" when the column has none)
	Hint        map[string]string `json:"hint,omitempty"`
	Required    bool              `json:"required,omitempty"`
	Constraint  string            `json:"constraint,omitempty"`
	Relevant    string            `json:"relevant,omitempty"` // its own and its groups', joined by "and"
	Calculation string            `json:"calculation,omitempty"`
	Unchecked   bool              `json:"unchecked,omitempty"` // a type kept as text without checks

	cons *constraint
	rel  *condition
}

// Choice is one answer of a choice list.
type Choice struct {
	Value string            `json:"value"`
	Label map[string]string `json:"label,omitempty"`
}

// Text returns the text of a label in a language: the language's own, else the one without
// language, else the form's default language, else any, else fallback.
func Text(m map[string]string, lang, def, fallback string) string {
	for _, k := range []string{lang, "", def} {
		if v := m[k]; v != "" {
			return v
		}
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if m[k] != "" {
			return m[k]
		}
	}
	return fallback
}

// Label returns the question's label in a language.
func (f *Form) Label(q *Question, lang string) string {
	return Text(q.Label, lang, f.DefaultLanguage, q.Name)
}

// ChoiceLabel returns a choice's label in a language.
func (f *Form) ChoiceLabel(c *Choice, lang string) string {
	return Text(c.Label, lang, f.DefaultLanguage, c.Value)
}

// Question returns the question at a path, or nil.
func (f *Form) Question(path string) *Question {
	if f.index == nil {
		f.prepare()
	}
	if i, ok := f.index[path]; ok {
		return f.Questions[i]
	}
	return nil
}

// HasChoice reports whether a question's list holds a value.
func (f *Form) HasChoice(q *Question, v string) bool {
	for _, c := range f.Choices[q.List] {
		if c.Value == v {
			return true
		}
	}
	return false
}

// prepare builds the index and compiles the constraints and relevance conditions.
func (f *Form) prepare() {
	f.index = make(map[string]int, len(f.Questions))
	for i, q := range f.Questions {
		f.index[q.Path] = i
		q.cons, _ = parseConstraint(q.Constraint)
		q.rel, _ = parseCondition(q.Relevant)
	}
}

// Marshal returns the form as JSON, for the store.
func (f *Form) Marshal() (string, error) {
	b, err := json.Marshal(f)
	return string(b), err
}

// Unmarshal reads a form stored by Marshal.
func Unmarshal(s string) (*Form, error) {
	f := &Form{}
	if err := json.Unmarshal([]byte(s), f); err != nil {
		return nil, fmt.Errorf("survey: stored form: %w", err)
	}
	f.prepare()
	return f, nil
}

// Levels of a problem.
const (
	Error  = "error"  // stops the import (forms) or keeps the row out (submissions)
	Notice = "notice" // something ignored or not enforced: said, not blocking
)

// Problem is one thing said about an input file: where (sheet, row, column), what (a catalogue
// key) and the value concerned.
type Problem struct {
	Level  string `json:"level"`
	Sheet  string `json:"sheet,omitempty"`
	Row    int    `json:"row,omitempty"` // 1 is the header row
	Column string `json:"column,omitempty"`
	Key    string `json:"key"` // survey.problem.* in the catalogue; {value} is Value
	Value  string `json:"value,omitempty"`
}

// Report is what an import understood and did not.
type Report struct {
	Problems []Problem
	Types    map[string]int // questions by type
	Groups   int
	Lists    int
}

func (r *Report) add(level, sheet string, row int, column, key, value string) {
	r.Problems = append(r.Problems, Problem{Level: level, Sheet: sheet, Row: row, Column: column, Key: key, Value: value})
}

// Fatal reports whether a problem stops the import.
func (r *Report) Fatal() bool {
	for _, p := range r.Problems {
		if p.Level == Error {
			return true
		}
	}
	return false
}

// Errors returns the problems that stop the import.
func (r *Report) Errors() []Problem { return r.filter(Error) }

// Notices returns the problems that do not.
func (r *Report) Notices() []Problem { return r.filter(Notice) }

func (r *Report) filter(level string) []Problem {
	var out []Problem
	for _, p := range r.Problems {
		if p.Level == level {
			out = append(out, p)
		}
	}
	return out
}

// languageOf reads the language of a label column suffix: "French", "Français (fr)", "fr",
// "English (en)"… give fr or en; another language is kept as written, lower-cased.
func languageOf(suffix string) string {
	s := strings.ToLower(strings.TrimSpace(suffix))
	if i := strings.LastIndex(s, "("); i >= 0 && strings.HasSuffix(s, ")") {
		if code := strings.TrimSpace(s[i+1 : len(s)-1]); code != "" {
			return code
		}
	}
	switch {
	case s == "fr", strings.HasPrefix(s, "fran"), strings.HasPrefix(s, "french"):
		return "fr"
	case s == "en", strings.HasPrefix(s, "english"), strings.HasPrefix(s, "anglais"):
		return "en"
	}
	return s
}
