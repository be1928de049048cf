package survey

import (
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"mobilite"
)

// FieldProblem is one answer in error: the question's path, a catalogue key and the value.
type FieldProblem struct {
	Path  string
	Key   string
	Value string
}

// Checker checks the answers of one submission against a form: required questions (when
// relevant), types, choice values, the simple constraints and impossible values. It is not
// safe for concurrent use.
type Checker struct {
	form   *Form
	roles  *mobilite.SurveyRoles
	today  time.Time
	byName map[string]int // question name → position (the first when a name repeats in groups)
	// Serials reads numbers in date questions as Excel serial dates (XLSX exports).
	Serials bool
	out     []FieldProblem
}

// NewChecker returns a checker of submissions made on or before today.
func NewChecker(f *Form, roles *mobilite.SurveyRoles, today time.Time) *Checker {
	if f.index == nil {
		f.prepare()
	}
	c := &Checker{form: f, roles: roles, today: today.UTC().Truncate(24 * time.Hour), byName: map[string]int{}}
	for i, q := range f.Questions {
		if _, ok := c.byName[q.Name]; !ok {
			c.byName[q.Name] = i
		}
	}
	if c.roles == nil {
		c.roles = &mobilite.SurveyRoles{}
	}
	return c
}

// Check checks vals (one per question of the form, in order), cleaning them in place (numbers
// and dates written the standard way, repeated choices removed). The problems returned are
// valid until the next call.
func (c *Checker) Check(vals []string) []FieldProblem {
	c.out = c.out[:0]
	qs := c.form.Questions
	for i, q := range qs {
		v := strings.TrimSpace(vals[i])
		if q.Type == TypeNote {
			vals[i] = ""
			continue
		}
		if v == "" {
			continue
		}
		clean, key := c.value(q, v)
		vals[i] = clean
		if key != "" {
			c.out = append(c.out, FieldProblem{Path: q.Path, Key: key, Value: v})
		}
	}
	lookup := func(name string) string {
		if i, ok := c.byName[name]; ok {
			return vals[i]
		}
		return ""
	}
	// As in ODK, the answer to a question that does not apply is dropped, with its problems; the
	// questions are taken in order, so that a condition sees the answers dropped before it.
	for i, q := range qs {
		if q.rel != nil && !q.rel.holds(lookup, c.today) {
			if vals[i] != "" {
				vals[i] = ""
				c.drop(q.Path)
			}
			continue
		}
		if q.Required && vals[i] == "" && !c.failed(q.Path) {
			c.out = append(c.out, FieldProblem{Path: q.Path, Key: "survey.value.required"})
		}
	}
	return c.out
}

func (c *Checker) drop(path string) {
	kept := c.out[:0]
	for _, p := range c.out {
		if p.Path != path {
			kept = append(kept, p)
		}
	}
	c.out = kept
}

func (c *Checker) failed(path string) bool {
	for _, p := range c.out {
		if p.Path == path {
			return true
		}
	}
	return false
}

// value checks one non-empty answer: the cleaned value, and the problem's key or "".
func (c *Checker) value(q *Question, v string) (string, string) {
	if !utf8.ValidString(v) {
		return v, "survey.value.encoding"
	}
	switch q.Type {
	case TypeInteger:
		n, ok := parseNumber(v)
		if !ok || n != float64(int64(n)) || n > 1e15 || n < -1e15 {
			return v, "survey.value.integer"
		}
		v = strconv.FormatInt(int64(n), 10)
		if q.Path == c.roles.Age && (n < 0 || n > 120) {
			return v, "survey.value.impossible_age"
		}
	case TypeDecimal:
		n, ok := parseNumber(v)
		if !ok || n > 1e15 || n < -1e15 {
			return v, "survey.value.decimal"
		}
		v = strconv.FormatFloat(n, 'f', -1, 64)
		if n < 0 && (q.Path == c.roles.Weight || q.Path == c.roles.Costs || q.Path == c.roles.Earnings) {
			return v, "survey.value.negative"
		}
	case TypeDate:
		d, ok := c.date(v)
		if !ok {
			return v, "survey.value.date"
		}
		v = d.Format("2006-01-02")
		switch {
		case d.Year() < 1900 || d.After(c.today.AddDate(10, 0, 0)):
			return v, "survey.value.impossible_date"
		case d.After(c.today) && (q.Path == c.roles.BirthDate || q.Path == c.roles.ReturnDate):
			return v, "survey.value.future_date"
		}
	case TypeDateTime:
		t, ok := parseDateTime(v)
		if !ok {
			if d, ok2 := c.date(v); ok2 {
				t, ok = d, true
			}
		}
		if !ok {
			return v, "survey.value.datetime"
		}
		if t.Year() < 1900 || t.After(c.today.AddDate(10, 0, 0)) {
			return v, "survey.value.impossible_date"
		}
	case TypeTime:
		if _, err := time.Parse("15:04", v[:min(len(v), 5)]); err != nil {
			return v, "survey.value.time"
		}
	case TypeSelectOne:
		if !c.form.HasChoice(q, v) {
			return v, "survey.value.choice"
		}
	case TypeSelectMul:
		parts := strings.Fields(v)
		seen := make([]string, 0, len(parts))
		for _, p := range parts {
			if !c.form.HasChoice(q, p) {
				return v, "survey.value.choice"
			}
			dup := false
			for _, s := range seen {
				dup = dup || s == p
			}
			if !dup {
				seen = append(seen, p)
			}
		}
		if len(seen) != len(parts) {
			v = strings.Join(seen, " ")
		}
	}
	if !q.cons.holds(v, c.today) {
		return v, "survey.value.constraint"
	}
	return v, ""
}

// date reads a date answer, and an Excel serial number when the file is a workbook.
func (c *Checker) date(v string) (time.Time, bool) {
	if d, ok := parseDate(v); ok {
		return d, true
	}
	if c.Serials {
		if n, err := strconv.ParseFloat(v, 64); err == nil && n >= 1 && n < 2958466 {
			// Excel's day 1 is 1900-01-01 and it counts a 29 February 1900 that did not exist.
			base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
			return base.AddDate(0, 0, int(n)), true
		}
	}
	return time.Time{}, false
}

// appendAnswers writes the non-empty answers as a compact JSON object keyed by path.
func appendAnswers(b []byte, f *Form, vals []string) []byte {
	b = append(b, '{')
	first := true
	for i, q := range f.Questions {
		if vals[i] == "" {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendJSONString(b, q.Path)
		b = append(b, ':')
		b = appendJSONString(b, vals[i])
	}
	return append(b, '}')
}

const hexDigits = "0123456789abcdef"

// appendJSONString writes s as a JSON string (s is valid UTF-8).
func appendJSONString(b []byte, s string) []byte {
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hexDigits[c>>4], hexDigits[c&0xF])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}
