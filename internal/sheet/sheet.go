// Package sheet holds what the exports to spreadsheet programs share: text cells of a CSV file
// that Excel or LibreOffice cannot take for formulas.
package sheet

// Cell returns s made safe for a CSV cell. A spreadsheet program runs a cell that begins with
// =, +, - or @ as a formula (=HYPERLINK(…), +cmd|…: "CSV injection"), and also one that begins
// with a tab or a carriage return followed by those; such a cell gets a leading apostrophe, as
// OWASP advises. Numbers ("-3,5", "+22890112233") are left as they are: they are read as
// numbers, not formulas, and a phone number must stay dialable.
func Cell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		if number(s) {
			return s
		}
		return "'" + s
	}
	return s
}

// Row returns the row with every cell made safe by Cell, in a new slice.
func Row(row []string) []string {
	out := make([]string, len(row))
	for i, c := range row {
		out[i] = Cell(c)
	}
	return out
}

// number reports whether s is a signed number: a sign, then digits with spaces, dots and commas
// between them (decimal and thousands separators of either language).
func number(s string) bool {
	if s[0] != '+' && s[0] != '-' {
		return false
	}
	digits := 0
	for i := 1; i < len(s); i++ {
		switch c := s[i]; {
		case c >= '0' && c <= '9':
			digits++
		case (c == ' ' || c == '.' || c == ',') && digits > 0 && i < len(s)-1:
		default:
			return false
		}
	}
	return digits > 0
}
