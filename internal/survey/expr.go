package survey

import (
	"regexp"
	"strconv"
	"strings"
	"time"
)

// The simple XLSForm expressions understood: constraints made of comparisons of "." with a
// number, a quoted text, today() or date('YYYY-MM-DD'), joined by "and"; relevance conditions
// made of ${q} compared with such a literal or selected(${q}, 'x') (possibly inside not()),
// joined by "and" and "or" (and binds first, no parentheses across them). Anything else is kept
// in the form and reported as not enforced.

// operand is a literal of an expression.
type operand struct {
	num   float64
	isNum bool
	text  string
	today bool
}

// atom is one comparison "value OP literal".
type atom struct {
	op  string // = != < <= > >=
	lit operand
	ref string // the ${name} of a condition ("" in a constraint: the value itself)
	// selected(${ref}, 'lit'); negated by not()
	selected bool
	negate   bool
}

// constraint is a conjunction of comparisons of the value.
type constraint struct{ atoms []atom }

// condition is a disjunction of conjunctions.
type condition struct{ any [][]atom }

var (
	reDotCmp   = regexp.MustCompile(`^\.\s*(<=|>=|!=|=|<|>)\s*(.+)$`)
	reCmpDot   = regexp.MustCompile(`^(.+?)\s*(<=|>=|!=|=|<|>)\s*\.$`)
	reRefCmp   = regexp.MustCompile(`^\$\{([A-Za-z_][\w.\-]*)\}\s*(<=|>=|!=|=|<|>)\s*(.+)$`)
	reSelected = regexp.MustCompile(`^selected\(\s*\$\{([A-Za-z_][\w.\-]*)\}\s*,\s*(.+?)\s*\)$`)
	reNot      = regexp.MustCompile(`^not\s*\((.*)\)$`)
	reAnd      = regexp.MustCompile(`(?i)\s+and\s+`)
	reOr       = regexp.MustCompile(`(?i)\s+or\s+`)
	reDateLit  = regexp.MustCompile(`^date\(\s*'(\d{4}-\d{2}-\d{2})'\s*\)$`)
)

// flip turns "lit OP ." into ". OP' lit".
var flip = map[string]string{"<": ">", ">": "<", "<=": ">=", ">=": "<=", "=": "=", "!=": "!="}

func parseOperand(s string) (operand, bool) {
	s = strings.TrimSpace(s)
	switch {
	case s == "today()" || s == "now()":
		return operand{today: true}, true
	case len(s) >= 2 && (s[0] == '\'' && s[len(s)-1] == '\'' || s[0] == '"' && s[len(s)-1] == '"'):
		t := s[1 : len(s)-1]
		o := operand{text: t}
		if n, err := strconv.ParseFloat(t, 64); err == nil {
			o.num, o.isNum = n, true
		}
		return o, true
	}
	if m := reDateLit.FindStringSubmatch(s); m != nil {
		return operand{text: m[1]}, true
	}
	if n, err := strconv.ParseFloat(s, 64); err == nil {
		return operand{num: n, isNum: true, text: s}, true
	}
	return operand{}, false
}

// trimParens removes parentheses around a whole expression.
func trimParens(s string) string {
	s = strings.TrimSpace(s)
	for strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") && balanced(s[1:len(s)-1]) {
		s = strings.TrimSpace(s[1 : len(s)-1])
	}
	return s
}

func balanced(s string) bool {
	depth := 0
	for _, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth < 0 {
				return false
			}
		}
	}
	return depth == 0
}

// parseConstraint compiles a constraint; ok is false when it is not one of the simple forms.
func parseConstraint(s string) (*constraint, bool) {
	s = trimParens(s)
	if s == "" {
		return nil, true
	}
	c := &constraint{}
	for _, part := range reAnd.Split(s, -1) {
		part = trimParens(part)
		var op, lit string
		if m := reDotCmp.FindStringSubmatch(part); m != nil {
			op, lit = m[1], m[2]
		} else if m := reCmpDot.FindStringSubmatch(part); m != nil {
			op, lit = flip[m[2]], m[1]
		} else {
			return nil, false
		}
		o, ok := parseOperand(lit)
		if !ok {
			return nil, false
		}
		c.atoms = append(c.atoms, atom{op: op, lit: o})
	}
	return c, true
}

// parseCondition compiles a relevance condition; ok is false when it is not a simple one.
func parseCondition(s string) (*condition, bool) {
	s = trimParens(s)
	if s == "" {
		return nil, true
	}
	c := &condition{}
	for _, alt := range reOr.Split(s, -1) {
		var all []atom
		for _, part := range reAnd.Split(trimParens(alt), -1) {
			a, ok := parseAtom(trimParens(part))
			if !ok {
				return nil, false
			}
			all = append(all, a)
		}
		c.any = append(c.any, all)
	}
	return c, true
}

func parseAtom(s string) (atom, bool) {
	if m := reNot.FindStringSubmatch(s); m != nil {
		a, ok := parseAtom(trimParens(m[1]))
		a.negate = !a.negate
		return a, ok
	}
	if m := reSelected.FindStringSubmatch(s); m != nil {
		o, ok := parseOperand(m[2])
		return atom{ref: m[1], selected: true, lit: o}, ok
	}
	if m := reRefCmp.FindStringSubmatch(s); m != nil {
		o, ok := parseOperand(m[3])
		return atom{ref: m[1], op: m[2], lit: o}, ok
	}
	return atom{}, false
}

// compare applies op to a value and a literal: as numbers when both are, as dates when the
// literal is a date or today(), else as texts (only = and != then hold meaning).
func compare(v, op string, lit operand, today time.Time) bool {
	var c int
	switch {
	case lit.today:
		d, ok := parseDate(v)
		if !ok {
			return false
		}
		c = d.Compare(today.Truncate(24 * time.Hour))
	case lit.isNum:
		n, ok := parseNumber(v)
		if !ok {
			return op == "!="
		}
		switch {
		case n < lit.num:
			c = -1
		case n > lit.num:
			c = 1
		}
	default:
		c = strings.Compare(v, lit.text)
	}
	switch op {
	case "=":
		return c == 0
	case "!=":
		return c != 0
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return false
}

// holds reports whether a value meets the constraint (a nil constraint always holds).
func (c *constraint) holds(v string, today time.Time) bool {
	if c == nil {
		return true
	}
	for _, a := range c.atoms {
		if !compare(v, a.op, a.lit, today) {
			return false
		}
	}
	return true
}

// holds reports whether the condition is true, reading the answers by question name (a nil
// condition is always true).
func (c *condition) holds(value func(name string) string, today time.Time) bool {
	if c == nil {
		return true
	}
	for _, all := range c.any {
		ok := true
		for _, a := range all {
			v := value(a.ref)
			var r bool
			if a.selected {
				for _, s := range strings.Fields(v) {
					if s == a.lit.text {
						r = true
					}
				}
			} else {
				if v == "" && a.lit.text != "" {
					r = a.op == "!=" // an unanswered question equals no value
				} else {
					r = compare(v, a.op, a.lit, today)
				}
			}
			if a.negate {
				r = !r
			}
			if !r {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// parseNumber reads an integer or decimal as typed or exported: "12", "12.5", "12,5", " 7 ".
func parseNumber(s string) (float64, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if strings.Count(s, ",") == 1 && !strings.Contains(s, ".") {
		s = strings.Replace(s, ",", ".", 1)
	}
	n, err := strconv.ParseFloat(s, 64)
	if err != nil || n != n { // NaN
		return 0, false
	}
	return n, true
}

// parseDate reads a date as YYYY-MM-DD or an ISO date-time (its date part counts).
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return time.Time{}, false
	}
	d, err := time.Parse("2006-01-02", s[:10])
	if err != nil {
		return time.Time{}, false
	}
	if len(s) > 10 {
		if _, ok := parseDateTime(s); !ok {
			return time.Time{}, false
		}
	}
	return d, true
}

// parseDateTime reads an ISO date-time as exports write it (Kobo's _submission_time has no zone:
// UTC), or a date alone (midnight UTC).
func parseDateTime(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05.999999999", "2006-01-02 15:04:05.999999999",
		"2006-01-02T15:04:05.999999999-0700", "2006-01-02T15:04", "2006-01-02 15:04", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			return t.UTC(), true
		}
	}
	return time.Time{}, false
}
