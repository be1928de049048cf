// Package indicators computes the labour-migration indicators of the ministry's action plan.
// An indicator is data, not code: a numerator and an optional denominator written as measures
// over a dataset ("departures.persons[purpose=work; contract_verified]"), a factor, a unit and
// the disaggregations allowed. The catalogue of INDICATORS.md ships in catalogue.json;
// statisticians add their own. Computing one gives a stats.Table for a period and one or two
// disaggregations, with ILOSTAT codes for every category.
package indicators

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"mobilite"
)

// Indicator is the definition of an indicator.
type Indicator struct {
	ID           string   `json:"id"`
	Level        string   `json:"level"`  // impact, outcome, output, context
	Source       string   `json:"source"` // A administrative records, S survey, E entered from other administrations
	Unit         string   `json:"unit"`   // persons, events, offers, count, percent, ratio
	Factor       float64  `json:"factor,omitempty"`
	NameFR       string   `json:"name_fr"`
	NameEN       string   `json:"name_en"`
	DefinitionFR string   `json:"definition_fr"`
	DefinitionEN string   `json:"definition_en"`
	Numerator    string   `json:"numerator"`
	Denominator  string   `json:"denominator,omitempty"`
	By           []string `json:"by"`
	ILOSTAT      string   `json:"ilostat,omitempty"` // the ILOSTAT indicator (dataflow) code, when there is one
	Measure      string   `json:"measure,omitempty"` // the SDMX MEASURE, when there is one
	SDG          string   `json:"sdg,omitempty"`
	Builtin      bool     `json:"builtin,omitempty"`
}

// Name is the indicator's name in lang.
func (i *Indicator) Name(lang string) string {
	if lang == "en" {
		return i.NameEN
	}
	return i.NameFR
}

// Definition is the indicator's definition in lang.
func (i *Indicator) Definition(lang string) string {
	if lang == "en" {
		return i.DefinitionEN
	}
	return i.DefinitionFR
}

// Rate reports whether the indicator is a ratio of two measures.
func (i *Indicator) Rate() bool { return i.Denominator != "" }

// Levels, sources and units an indicator may have.
var (
	Levels  = []string{"impact", "outcome", "output", "context"}
	Sources = []string{"A", "S", "E"}
	Units   = []string{"persons", "events", "offers", "count", "percent", "ratio"}
)

//go:embed catalogue.json
var catalogueJSON []byte

// Catalogue returns the indicators of INDICATORS.md, marked built in.
func Catalogue() []*Indicator {
	var list []*Indicator
	if err := json.Unmarshal(catalogueJSON, &list); err != nil {
		panic("indicators: catalogue.json: " + err.Error()) // a test reads it; it cannot fail at run time
	}
	for _, i := range list {
		i.Builtin = true
	}
	return list
}

// Measure is a numerator or a denominator: a dataset, what is counted, and conditions.
type Measure struct {
	Dataset string
	Kind    string // persons, events, weighted, cost_ratio, values
	Where   []mobilite.FlowCond
}

// kinds lists what each dataset can count.
var kinds = map[string][]string{
	"departures": {"persons", "events"}, "departures_due": {"persons", "events"}, "returns": {"persons", "events"},
	"seekers": {"persons"}, "offers": {"events"}, "survey": {"weighted", "cost_ratio"}, "aggregates": {"values"},
	"complaints": {"events"}, "licences": {"events"}, "licence_events": {"events"},
}

// ParseMeasure reads "dataset.kind[cond; cond]" where a condition is "field", "!field",
// "field=v1|v2" or "field!=v". Values starting with @ name a group (@ecowas).
func ParseMeasure(s string) (Measure, error) {
	var m Measure
	s = strings.TrimSpace(s)
	head, conds, hasConds := strings.Cut(s, "[")
	if hasConds {
		var ok bool
		if conds, ok = strings.CutSuffix(strings.TrimSpace(conds), "]"); !ok {
			return m, fmt.Errorf("missing ] in %q", s)
		}
	}
	ds, kind, ok := strings.Cut(strings.TrimSpace(head), ".")
	if !ok {
		return m, fmt.Errorf("%q: want dataset.kind", head)
	}
	allowed, known := kinds[ds]
	if !known {
		return m, fmt.Errorf("unknown dataset %q", ds)
	}
	if !slices.Contains(allowed, kind) {
		return m, fmt.Errorf("%s cannot count %q (only %s)", ds, kind, strings.Join(allowed, ", "))
	}
	m.Dataset, m.Kind = ds, kind
	if !hasConds {
		return m, nil
	}
	for _, c := range strings.Split(conds, ";") {
		c = strings.TrimSpace(c)
		if c == "" {
			continue
		}
		var fc mobilite.FlowCond
		switch {
		case strings.Contains(c, "!="):
			f, v, _ := strings.Cut(c, "!=")
			fc = mobilite.FlowCond{Field: strings.TrimSpace(f), Values: values(v), Not: true}
		case strings.Contains(c, "="):
			f, v, _ := strings.Cut(c, "=")
			fc = mobilite.FlowCond{Field: strings.TrimSpace(f), Values: values(v)}
		case strings.HasPrefix(c, "!"):
			fc = mobilite.FlowCond{Field: strings.TrimSpace(c[1:]), Not: true}
		default:
			fc = mobilite.FlowCond{Field: c}
		}
		if !validName(fc.Field) || (strings.Contains(c, "=") && len(fc.Values) == 0) {
			return m, fmt.Errorf("condition %q", c)
		}
		m.Where = append(m.Where, fc)
	}
	return m, nil
}

func values(s string) []string {
	var out []string
	for _, v := range strings.Split(s, "|") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

func validName(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return false
		}
	}
	return true
}

// Period is a reference period: a year (2025), a quarter (2025Q1), a month (202503) or a range
// of days (2025-01-01/2025-06-30, both included).
type Period struct {
	Code     string
	From, To time.Time // To excluded
}

// ParsePeriod reads a period code.
func ParsePeriod(s string) (Period, error) {
	s = strings.TrimSpace(s)
	p := Period{Code: s}
	bad := fmt.Errorf("period %q: want 2025, 2025Q1, 202503 or 2025-01-01/2025-06-30", s)
	switch {
	case len(s) == 4:
		y, err := strconv.Atoi(s)
		if err != nil || y < 1950 || y > 2100 {
			return p, bad
		}
		p.From = time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC)
		p.To = p.From.AddDate(1, 0, 0)
	case len(s) == 6 && (s[4] == 'Q' || s[4] == 'q'):
		y, err := strconv.Atoi(s[:4])
		q := int(s[5] - '0')
		if err != nil || y < 1950 || y > 2100 || q < 1 || q > 4 {
			return p, bad
		}
		p.Code = s[:4] + "Q" + s[5:]
		p.From = time.Date(y, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		p.To = p.From.AddDate(0, 3, 0)
	case len(s) == 6:
		y, err1 := strconv.Atoi(s[:4])
		mo, err2 := strconv.Atoi(s[4:])
		if err1 != nil || err2 != nil || y < 1950 || y > 2100 || mo < 1 || mo > 12 {
			return p, bad
		}
		p.From = time.Date(y, time.Month(mo), 1, 0, 0, 0, 0, time.UTC)
		p.To = p.From.AddDate(0, 1, 0)
	case strings.Contains(s, "/"):
		a, b, _ := strings.Cut(s, "/")
		from, err1 := time.Parse("2006-01-02", strings.TrimSpace(a))
		to, err2 := time.Parse("2006-01-02", strings.TrimSpace(b))
		if err1 != nil || err2 != nil || to.Before(from) || from.Year() < 1950 || to.Year() > 2100 {
			return p, bad
		}
		p.From, p.To = from, to.AddDate(0, 0, 1)
	default:
		return p, bad
	}
	return p, nil
}

// Year returns the period of a year.
func Year(y int) Period {
	p, _ := ParsePeriod(strconv.Itoa(y))
	return p
}
