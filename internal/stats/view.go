package stats

import (
	"math"
	"strconv"
	"strings"
)

// Statuses of a published cell, in exports and the JSON API.
const (
	StatusSuppressed = "suppressed" // withheld: small, or protecting a small cell
	StatusNoData     = "no_data"    // nothing to compute from (a zero denominator…)
	StatusLowN       = "low_n"      // survey estimate on few observations: to be used with care
)

// StatusLabel names a status in French ("fr", the default) or English ("en").
func StatusLabel(status, lang string) string {
	if key := "stats.status." + status; known(key) {
		return text(lang, key)
	}
	return status
}

// Order returns the codes of every cell of the table in display order: each dimension's
// categories in the order of Dim.Codes then its Total, the last dimension varying fastest. A
// table without dimensions has one cell, of no codes.
func (t *Table) Order() [][]string {
	out := [][]string{{}}
	for _, d := range t.Dims {
		codes := append(append([]string(nil), d.Codes...), Total)
		next := make([][]string, 0, len(out)*len(codes))
		for _, prefix := range out {
			for _, c := range codes {
				next = append(next, append(append([]string(nil), prefix...), c))
			}
		}
		out = next
	}
	return out
}

// published is what may leave the platform of one cell: its value (when ok) and its status.
type published struct {
	value  float64
	ok     bool
	status string
}

// publish reads the cell at codes as exports show it. A suppressed cell has no value, whatever
// else it is. A missing cell of a count table is a zero (nothing was recorded); of a rate table,
// "no data".
func (t *Table) publish(codes []string) published {
	c := t.Cells[Key(codes...)]
	switch {
	case c == nil && t.Rate:
		return published{status: StatusNoData}
	case c == nil:
		return published{ok: true}
	case c.Suppressed:
		return published{status: StatusSuppressed}
	case c.NoData:
		return published{status: StatusNoData}
	case math.IsNaN(c.Value) || math.IsInf(c.Value, 0):
		return published{status: StatusNoData}
	}
	return published{value: c.Value, ok: true, status: c.Flag}
}

// formatValue writes a value for people: counts as integers when they are, rates with one
// decimal; lang "fr" uses a decimal comma.
func (t *Table) formatValue(v float64, lang string) string {
	var s string
	switch {
	case t.Rate || v != math.Trunc(v):
		s = strconv.FormatFloat(math.Round(v*10)/10, 'f', 1, 64)
	default:
		s = strconv.FormatFloat(v, 'f', 0, 64)
	}
	if lang != "en" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// groupDigits inserts a thousands separator into an integer part (fr: narrow no-break space,
// en: comma), for charts.
func groupDigits(s, lang string) string {
	sep := ","
	if lang != "en" {
		sep = "\u202f"
	}
	intPart, frac := s, ""
	if i := strings.IndexAny(s, ".,"); i >= 0 {
		intPart, frac = s[:i], s[i:]
	}
	neg := strings.HasPrefix(intPart, "-")
	intPart = strings.TrimPrefix(intPart, "-")
	var b strings.Builder
	for i, r := range intPart {
		if i > 0 && (len(intPart)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	out := b.String() + frac
	if neg {
		out = "-" + out
	}
	return out
}

// UnitLabel names a Table.Unit in French ("fr", the default) or English ("en").
func UnitLabel(unit, lang string) string {
	if key := "stats.unit." + unit; known(key) {
		return text(lang, key)
	}
	return unit
}

// ruleOrNone is the rule said in an export: the table's, or "none".
func ruleOrNone(t *Table, lang string) string {
	if t.Rule == "" {
		return text(lang, "stats.rule.none")
	}
	return RuleText(t.Rule, lang)
}
