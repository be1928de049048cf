package fairrec

import (
	"unicode"
	"unicode/utf8"
)

// Periods of an amount.
const (
	perUnknown = iota
	perHour
	perDay
	perWeek
	perMonth
	perYear
)

// amount is a number in the text, with its currency when one is written next to it.
type amount struct {
	value    float64
	currency string // ISO 4217 code, "" when none is written
	period   int
	grouped  bool  // written with thousands separators: "150 000", "1.500.000"
	a, b     int32 // fold byte range, currency included
	tok      int   // index of its first token
}

// Flags of doc.segAmount.
const (
	amountAny      uint8 = 1 << iota // a priced amount: with a currency, or grouped by thousands
	amountPeriodic                   // an amount per month, week, day or hour
)

// money reports whether the amount is a sum of money rather than any number.
func (m *amount) money() bool { return m.value > 0 && (m.currency != "" || m.grouped) }

// findAmounts reads the numbers of the folded text: French and English grouping ("1 500 000",
// "1.500.000", "1,500,000"), decimals ("3 500,50", "3,500.50"), "million", and a currency
// written before or after ("FCFA", "F CFA", "€", "$", "USD", "euros par mois"…).
func (d *doc) findAmounts() {
	f := d.fold
	for k := 0; k < len(d.toks); k++ {
		i := int(d.toks[k].a)
		if !isDigit(f[i]) || i > 0 && letterBefore(f, i) {
			continue
		}
		m, end := parseNumber(f, i)
		m.a = int32(i)
		if cur, n := currencyAfter(f, end, d.country); cur != "" {
			m.currency, end = cur, n
		} else if cur, n := currencyBefore(f, i, d.country); cur != "" {
			m.currency, m.a = cur, int32(n)
		}
		m.b = int32(end)
		m.tok = k
		if m.money() {
			m.period = d.periodOf(m)
			d.amounts = append(d.amounts, m)
		}
		for k+1 < len(d.toks) && int(d.toks[k+1].a) < end {
			k++
		}
	}
	if len(d.toks) == 0 {
		return
	}
	d.segAmount = make([]uint8, d.toks[len(d.toks)-1].seg+1)
	for _, m := range d.amounts {
		s := d.toks[m.tok].seg
		d.segAmount[s] |= amountAny
		if m.period != perUnknown {
			d.segAmount[s] |= amountPeriodic
		}
	}
}

func isWordByte(c byte) bool { return 'a' <= c && c <= 'z' || c >= utf8.RuneSelf }

// letterAt reports whether a letter starts at f[i].
func letterAt(f []byte, i int) bool {
	if f[i] < utf8.RuneSelf {
		return 'a' <= f[i] && f[i] <= 'z'
	}
	return isLetterAt(f, i)
}

// letterBefore reports whether a letter ends at f[i-1]: "A320" is a name, not an amount.
func letterBefore(f []byte, i int) bool {
	if f[i-1] < utf8.RuneSelf {
		return 'a' <= f[i-1] && f[i-1] <= 'z'
	}
	r, _ := utf8.DecodeLastRune(f[:i])
	return unicode.IsLetter(r)
}

// parseNumber reads the number that starts at f[i] and returns it with the offset after it.
func parseNumber(f []byte, i int) (amount, int) {
	var m amount
	j, v := i, 0.0
	for j < len(f) && isDigit(f[j]) {
		v = v*10 + float64(f[j]-'0')
		j++
	}
	first := j - i
	var sep byte
	// Thousands groups: a first group of one to three digits, then groups of exactly three
	// after the same separator.
	for first <= 3 && j+4 <= len(f) && (f[j] == ' ' || f[j] == '.' || f[j] == ',') &&
		(sep == 0 || f[j] == sep) && isDigit(f[j+1]) && isDigit(f[j+2]) && isDigit(f[j+3]) &&
		(j+4 == len(f) || !isDigit(f[j+4])) {
		sep = f[j]
		v = v*1000 + float64(f[j+1]-'0')*100 + float64(f[j+2]-'0')*10 + float64(f[j+3]-'0')
		j += 4
		m.grouped = true
	}
	// Decimals: one or two digits after the other separator.
	if j+1 < len(f) && (f[j] == ',' || f[j] == '.') && f[j] != sep && isDigit(f[j+1]) {
		k := j + 1
		for k < len(f) && isDigit(f[k]) {
			k++
		}
		if k-j-1 <= 2 {
			scale := 0.1
			for _, c := range f[j+1 : k] {
				v += float64(c-'0') * scale
				scale /= 10
			}
			j = k
		}
	}
	// "1,5 million", "2 millions de", "500 mille".
	if w, n := wordAt(f, skipSpaces(f, j)); is(w, "million", "millions", "mille", "k") {
		if is(w, "mille", "k") {
			v *= 1e3
		} else {
			v *= 1e6
		}
		m.grouped = true
		j = n
		if w2, n2 := wordAt(f, skipSpaces(f, j)); is(w2, "de", "d", "of") {
			j = n2
			if j < len(f) && f[j] == '\'' {
				j++
			}
		}
	}
	m.value = v
	return m, j
}

// is reports whether w is one of the words.
func is(w []byte, words ...string) bool {
	for _, x := range words {
		if string(w) == x {
			return true
		}
	}
	return false
}

func skipSpaces(f []byte, i int) int {
	for i < len(f) && f[i] == ' ' {
		i++
	}
	return i
}

// wordAt returns the ASCII word that starts at f[i], and the offset after it.
func wordAt(f []byte, i int) ([]byte, int) {
	j := i
	for j < len(f) && 'a' <= f[j] && f[j] <= 'z' {
		j++
	}
	return f[i:j], j
}

func hasPrefix(f []byte, s string) bool { return len(f) >= len(s) && string(f[:len(s)]) == s }
func hasSuffix(f []byte, s string) bool { return len(f) >= len(s) && string(f[len(f)-len(s):]) == s }

// currencies maps the words written after an amount to their code. "F", "francs" and "$" are
// read with the workplace's country (see localCurrency).
var currencies = map[string]string{
	"fcfa": "XOF", "cfa": "XOF", "xof": "XOF", "xaf": "XOF", "f": "F", "fr": "F", "frs": "F",
	"franc": "F", "francs": "F", "eur": "EUR", "euro": "EUR", "euros": "EUR", "usd": "USD",
	"dollar": "$", "dollars": "$", "gbp": "GBP", "pound": "GBP", "pounds": "GBP", "livres": "GBP",
	"chf": "CHF", "cad": "CAD", "aud": "AUD", "aed": "AED", "dirham": "AED", "dirhams": "AED",
	"dh": "AED", "dhs": "AED", "sar": "SAR", "riyal": "SAR", "riyals": "SAR", "qar": "QAR",
}

// currencyAfter reads a currency written at f[i:] (after spaces) and returns its code and the
// offset after it, or "".
func currencyAfter(f []byte, i int, country string) (string, int) {
	i = skipSpaces(f, i)
	if i >= len(f) {
		return "", i
	}
	if c, n := currencySymbol(f, i); c != "" {
		if c == "$" && hasPrefix(f[i+n:], "us") && (i+n+2 == len(f) || !isWordByte(f[i+n+2])) {
			return "USD", i + n + 2
		}
		return localCurrency(c, country), i + n
	}
	w, j := wordAt(f, i)
	code, ok := currencies[string(w)]
	if !ok {
		if is(w, "us", "ca") && j < len(f) && f[j] == '$' {
			if string(w) == "ca" {
				return "CAD", j + 1
			}
			return "USD", j + 1
		}
		return "", i
	}
	// "F CFA", "francs CFA", "francs suisses", "dollars US", "dollars canadiens".
	if w2, j2 := wordAt(f, skipSpaces(f, j)); len(w2) > 0 {
		switch {
		case code == "F" && is(w2, "cfa", "fcfa"):
			return "XOF", j2
		case code == "F" && is(w2, "suisses", "suisse"):
			return "CHF", j2
		case code == "$" && is(w2, "us", "americains", "americain"):
			return "USD", j2
		case code == "$" && is(w2, "canadiens", "canadien", "cad"):
			return "CAD", j2
		case code == "GBP" && is(w2, "sterling"):
			return "GBP", j2
		}
	}
	return localCurrency(code, country), j
}

// currencyBefore reads a currency written just before the number at f[i]: "€ 3 000", "$3,500",
// "USD 3,500", "US$ 3500".
func currencyBefore(f []byte, i int, country string) (string, int) {
	j := i
	for j > 0 && f[j-1] == ' ' {
		j--
	}
	if j == 0 {
		return "", i
	}
	for _, sym := range [...]string{"€", "$", "£"} {
		if hasSuffix(f[:j], sym) {
			k := j - len(sym)
			if sym == "$" && hasSuffix(f[:k], "us") && (k == 2 || !isWordByte(f[k-3])) {
				return "USD", k - 2
			}
			if sym == "$" && hasSuffix(f[:k], "ca") && (k == 2 || !isWordByte(f[k-3])) {
				return "CAD", k - 2
			}
			c, _ := currencySymbol(f, k)
			return localCurrency(c, country), k
		}
	}
	k := j
	for k > 0 && 'a' <= f[k-1] && f[k-1] <= 'z' {
		k--
	}
	if k > 0 && isWordByte(f[k-1]) {
		return "", i
	}
	if w := f[k:j]; is(w, "eur", "usd", "gbp", "chf", "cad", "aud", "aed", "sar", "qar", "xof", "fcfa") {
		return currencies[string(w)], k
	}
	return "", i
}

func currencySymbol(f []byte, i int) (string, int) {
	switch {
	case f[i] == '$':
		return "$", 1
	case hasPrefix(f[i:], "€"):
		return "EUR", len("€")
	case hasPrefix(f[i:], "£"):
		return "GBP", len("£")
	}
	return "", 0
}

// localCurrency resolves "F" and "$" with the workplace's country: francs are Swiss in
// Switzerland and CFA elsewhere (the readers are in Togo); dollars are Canadian in Canada,
// Australian in Australia, American elsewhere.
func localCurrency(code, country string) string {
	switch code {
	case "F":
		if country == "CHE" || country == "LIE" {
			return "CHF"
		}
		return "XOF"
	case "$":
		switch country {
		case "CAN":
			return "CAD"
		case "AUS":
			return "AUD"
		}
		return "USD"
	}
	return code
}

// periodOf finds the period of an amount in the few words after it ("par mois", "/month",
// "per year", "de l'heure"), or else in the few words before it ("salaire mensuel :").
func (d *doc) periodOf(m amount) int {
	seg := d.toks[m.tok].seg
	end := d.tokenAt(m.b)
	for k := end; k < len(d.toks) && k < end+4 && d.toks[k].seg == seg; k++ {
		if isDigit(d.fold[d.toks[k].a]) {
			break
		}
		if p := periodWord(d.word(k)); p != perUnknown {
			return p
		}
	}
	for k := m.tok - 1; k >= 0 && k >= m.tok-4 && d.toks[k].seg == seg; k-- {
		if p := periodWord(d.word(k)); p != perUnknown && p != perHour {
			return p
		}
	}
	return perUnknown
}

func periodWord(w []byte) int {
	switch string(w) {
	case "mois", "month", "months", "monthly", "mensuel", "mensuelle", "mensuels", "mensuelles", "mensuellement", "mo":
		return perMonth
	case "an", "ans", "annee", "annuel", "annuelle", "annuels", "year", "years", "yearly", "annual", "annually", "annum", "yr":
		return perYear
	case "semaine", "semaines", "week", "weekly", "hebdomadaire", "wk":
		return perWeek
	case "jour", "jours", "day", "daily", "journalier", "journaliere", "j":
		return perDay
	case "heure", "heures", "hour", "hourly", "horaire", "h", "hr":
		return perHour
	}
	return perUnknown
}

// monthly is the amount per month: 173 hours (40 a week), 22 working days, 4.33 weeks. An
// amount with no period is taken as monthly, the way wages are quoted to workers in Togo.
func (m *amount) monthly() float64 {
	switch m.period {
	case perHour:
		return m.value * 173
	case perDay:
		return m.value * 22
	case perWeek:
		return m.value * 4.33
	case perYear:
		return m.value / 12
	}
	return m.value
}
