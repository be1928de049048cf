package mobilite

import (
	"errors"
	"strings"
)

// errPhone is the internal cause of a phone number that cannot be read.
var errPhone = errors.New("not a phone number")

// NormalizePhone returns the number in E.164 form (+ and 8 to 15 digits). It accepts the
// international forms "+33 6 12 34 56 78" and "0033612345678", and Togo's national form of eight
// digits ("90 12 34 56"), which gets the +228 prefix. Spaces, dots, dashes and brackets are ignored.
func NormalizePhone(s string) (string, error) {
	s = strings.TrimSpace(s)
	var digits strings.Builder
	plus := false
	for _, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits.WriteRune(r)
		case r == '+' && digits.Len() == 0 && !plus:
			plus = true
		case r == ' ' || r == '.' || r == '-' || r == '(' || r == ')' || r == '\u00a0':
		default:
			return "", errPhone
		}
	}
	d := digits.String()
	switch {
	case plus:
	case strings.HasPrefix(d, "00"):
		d = d[2:]
	case len(d) == 8:
		// A Togolese number in national form: fixed lines start with 2, mobiles with 7 or 9.
		if d[0] != '2' && d[0] != '7' && d[0] != '9' {
			return "", errPhone
		}
		d = "228" + d
	default:
		return "", errPhone
	}
	if len(d) < 8 || len(d) > 15 || d[0] == '0' {
		return "", errPhone
	}
	if strings.HasPrefix(d, "228") && len(d) != 11 {
		return "", errPhone
	}
	return "+" + d, nil
}
