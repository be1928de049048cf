package survey

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"mobilite"
)

// RoleNames lists the roles a question can take, in the order the page shows them, with the
// question types that fit each.
var RoleNames = []struct {
	Name  string
	Types []string
}{
	{"sex", []string{TypeSelectOne, TypeText}},
	{"age", []string{TypeInteger, TypeDecimal, TypeCalculate}},
	{"birth_date", []string{TypeDate}},
	{"birth_country", []string{TypeSelectOne, TypeText}},
	{"citizenship", []string{TypeSelectOne, TypeText}},
	{"lf_status", []string{TypeSelectOne, TypeText, TypeCalculate}},
	{"worked", []string{TypeSelectOne}},
	{"absent", []string{TypeSelectOne}},
	{"looked", []string{TypeSelectOne}},
	{"available", []string{TypeSelectOne}},
	{"weight", []string{TypeDecimal, TypeInteger, TypeCalculate}},
	{"worked_abroad", []string{TypeSelectOne}},
	{"last_country", []string{TypeSelectOne, TypeText}},
	{"years_since_return", []string{TypeDecimal, TypeInteger, TypeCalculate}},
	{"return_date", []string{TypeDate}},
	{"costs", []string{TypeDecimal, TypeInteger, TypeCalculate}},
	{"earnings", []string{TypeDecimal, TypeInteger, TypeCalculate}},
}

// RolePath returns the question path given to a role by name, and a setter.
func RolePath(r *mobilite.SurveyRoles, name string) *string {
	m := map[string]*string{"sex": &r.Sex, "age": &r.Age, "birth_date": &r.BirthDate, "birth_country": &r.BirthCountry,
		"citizenship": &r.Citizenship, "lf_status": &r.LFStatus, "worked": &r.Worked, "absent": &r.Absent, "looked": &r.Looked,
		"available": &r.Available, "weight": &r.Weight, "worked_abroad": &r.WorkedAbroad, "last_country": &r.LastCountry,
		"years_since_return": &r.YearsSinceReturn, "return_date": &r.ReturnDate, "costs": &r.Costs, "earnings": &r.Earnings}
	return m[name]
}

// CheckRoles checks a mapping against a form: each role names a question of a fitting type,
// sex and labour-force values are choices mapped to known codes. EINVALID with the roles in error.
func CheckRoles(f *Form, r *mobilite.SurveyRoles) error {
	var p mobilite.Problems
	for _, rn := range RoleNames {
		path := *RolePath(r, rn.Name)
		if path == "" {
			continue
		}
		q := f.Question(path)
		if q == nil {
			p.Add("role_"+rn.Name, "survey.roles.unknown_question")
			continue
		}
		fits := false
		for _, t := range rn.Types {
			fits = fits || q.Type == t
		}
		if !fits {
			p.Add("role_"+rn.Name, "survey.roles.wrong_type")
		}
	}
	for v, code := range r.SexValues {
		if code != "M" && code != "F" && code != "O" && code != "" {
			p.Add("sex_"+v, "survey.roles.bad_value")
		}
	}
	for v, code := range r.LFValues {
		if code != mobilite.LFEmployed && code != mobilite.LFUnemployed && code != mobilite.LFOutside && code != "" {
			p.Add("lf_"+v, "survey.roles.bad_value")
		}
	}
	return p.Err()
}

// extractor computes the typed variables of submissions from their answers.
type extractor struct {
	roles *mobilite.SurveyRoles
	pos   map[string]int // path → position in the answers
	home  string
}

func newExtractor(f *Form, r *mobilite.SurveyRoles) *extractor {
	if r == nil {
		r = &mobilite.SurveyRoles{}
	}
	e := &extractor{roles: r, pos: map[string]int{}, home: strings.ToUpper(strings.TrimSpace(r.Home))}
	if e.home == "" {
		e.home = "TGO"
	}
	for i, q := range f.Questions {
		e.pos[q.Path] = i
	}
	return e
}

func (e *extractor) get(vals []string, path string) string {
	if path == "" {
		return ""
	}
	if i, ok := e.pos[path]; ok {
		return strings.TrimSpace(vals[i])
	}
	return ""
}

func yes(v string) *bool {
	switch strings.ToLower(v) {
	case "":
		return nil
	case "yes", "oui", "y", "o", "1", "true":
		t := true
		return &t
	}
	f := false
	return &f
}

func number(v string) *float64 {
	n, ok := parseNumber(v)
	if !ok {
		return nil
	}
	return &n
}

// years counts whole years from a date to another (an age).
func years(from, to time.Time) int {
	y := to.Year() - from.Year()
	if to.Month() < from.Month() || to.Month() == from.Month() && to.Day() < from.Day() {
		y--
	}
	return y
}

// record extracts the variables of one submission (vals in the form's order, checked).
func (e *extractor) record(vals []string, submitted time.Time) mobilite.SurveyRecord {
	r := e.roles
	rec := mobilite.SurveyRecord{SubmittedAt: submitted}
	if v := e.get(vals, r.Sex); v != "" {
		if code, ok := r.SexValues[v]; ok {
			rec.Sex = code
		} else {
			switch strings.ToLower(v) {
			case "m", "male", "homme", "h", "masculin", "man":
				rec.Sex = "M"
			case "f", "female", "femme", "féminin", "feminin", "woman":
				rec.Sex = "F"
			}
		}
	}
	if n := number(e.get(vals, r.Age)); n != nil && *n >= 0 && *n <= 120 {
		a := int(*n)
		rec.Age = &a
	} else if d, ok := parseDate(e.get(vals, r.BirthDate)); ok && !submitted.IsZero() {
		if a := years(d, submitted); a >= 0 && a <= 120 {
			rec.Age = &a
		}
	}
	abroad := func(v string) *bool {
		if v == "" {
			return nil
		}
		u := strings.ToUpper(v)
		b := u != e.home && !(e.home == "TGO" && (u == "TG" || u == "TOGO"))
		return &b
	}
	rec.BornAbroad = abroad(e.get(vals, r.BirthCountry))
	rec.ForeignCitizen = abroad(e.get(vals, r.Citizenship))
	if r.LFStatus != "" {
		v := e.get(vals, r.LFStatus)
		if code, ok := r.LFValues[v]; ok {
			rec.LFStatus = code
		} else if v == mobilite.LFEmployed || v == mobilite.LFUnemployed || v == mobilite.LFOutside {
			rec.LFStatus = v
		}
	} else if r.Worked != "" {
		worked, absent := yes(e.get(vals, r.Worked)), yes(e.get(vals, r.Absent))
		looked, available := yes(e.get(vals, r.Looked)), yes(e.get(vals, r.Available))
		switch {
		case worked == nil:
		case *worked || absent != nil && *absent:
			rec.LFStatus = mobilite.LFEmployed
		case looked != nil && *looked && available != nil && *available:
			rec.LFStatus = mobilite.LFUnemployed
		default:
			rec.LFStatus = mobilite.LFOutside
		}
	}
	rec.Weight = number(e.get(vals, r.Weight))
	rec.WorkedAbroad = yes(e.get(vals, r.WorkedAbroad))
	rec.LastCountry = e.get(vals, r.LastCountry)
	if len(rec.LastCountry) == 3 {
		rec.LastCountry = strings.ToUpper(rec.LastCountry)
	}
	if n := number(e.get(vals, r.YearsSinceReturn)); n != nil {
		rec.YearsSinceReturn = n
	} else if d, ok := parseDate(e.get(vals, r.ReturnDate)); ok && !submitted.IsZero() && !d.After(submitted) {
		y := submitted.Sub(d).Hours() / 24 / 365.25
		y = float64(int(y*100+0.5)) / 100
		rec.YearsSinceReturn = &y
	}
	rec.Costs = number(e.get(vals, r.Costs))
	rec.Earnings = number(e.get(vals, r.Earnings))
	return rec
}

// answerValues reads stored answers (JSON by path) into values in the form's order.
func answerValues(f *Form, answers []byte) ([]string, error) {
	var m map[string]string
	if err := json.Unmarshal(answers, &m); err != nil {
		return nil, fmt.Errorf("survey: answers: %w", err)
	}
	vals := make([]string, len(f.Questions))
	for i, q := range f.Questions {
		vals[i] = m[q.Path]
	}
	return vals, nil
}
