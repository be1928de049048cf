package normalize

import (
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// months names the months in French and English, folded, in full and abbreviated ("sept",
// "févr." → "fevr"). The abbreviation "mar" is March in both.
var months = map[string]time.Month{
	"janvier": 1, "janv": 1, "jan": 1, "january": 1,
	"fevrier": 2, "fevr": 2, "fev": 2, "feb": 2, "february": 2,
	"mars": 3, "mar": 3, "march": 3,
	"avril": 4, "avr": 4, "apr": 4, "april": 4,
	"mai": 5, "may": 5,
	"juin": 6, "jun": 6, "june": 6,
	"juillet": 7, "juil": 7, "jul": 7, "july": 7,
	"aout": 8, "aou": 8, "aug": 8, "august": 8,
	"septembre": 9, "sept": 9, "sep": 9, "september": 9,
	"octobre": 10, "oct": 10, "october": 10,
	"novembre": 11, "nov": 11, "november": 11,
	"decembre": 12, "dec": 12, "december": 12,
}

// zoneOffsets gives the offset in seconds of the zone names seen in deadlines. Go's time.Parse
// reads an abbreviation it does not know as a zero offset, which would move an EST deadline by
// five hours, so zones are read here instead. Names that mean two zones ("AST": Atlantic or
// Arabia, "IST") are left out: a deadline naming them is refused.
var zoneOffsets = map[string]int{
	"z": 0, "ut": 0, "utc": 0, "gmt": 0, "wet": 0, "tu": 0,
	"west": 3600, "bst": 3600, "cet": 3600, "wat": 3600,
	"cest": 7200, "eet": 7200, "cat": 7200, "sast": 7200,
	"eest": 3 * 3600, "eat": 3 * 3600, "msk": 3 * 3600,
	"gst": 4 * 3600, // Gulf Standard Time, as employers in the Emirates and Oman write it
	"est": -5 * 3600, "edt": -4 * 3600, "cst": -6 * 3600, "cdt": -5 * 3600,
	"mst": -7 * 3600, "mdt": -6 * 3600, "pst": -8 * 3600, "pdt": -7 * 3600,
}

// deadlineFiller are words that may surround a date and say nothing about it.
var deadlineFiller = map[string]bool{
	"le": true, "la": true, "the": true, "of": true, "de": true, "du": true, "at": true,
	"a": true, "by": true, "on": true, "avant": true, "before": true, "au": true,
	"plus": true, "tard": true, "heure": true, "heures": true, "hrs": true, "hours": true,
	"h": true, "t": true, "local": true, "locale": true, "time": true, "midnight": true,
	"minuit": true, "closing": true, "date": true, "deadline": true, "limite": true,
	"lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true,
	"samedi": true, "dimanche": true, "monday": true, "tuesday": true, "wednesday": true,
	"thursday": true, "friday": true, "saturday": true, "sunday": true, "mon": true,
	"tue": true, "tues": true, "wed": true, "thu": true, "thur": true, "thurs": true,
	"fri": true, "sat": true, "sun": true, "lun": true, "mer": true, "jeu": true,
	"ven": true, "sam": true, "dim": true, "er": true, "st": true, "nd": true, "rd": true,
	"th": true, "eme": true, "e": true, "est": true, "is": true, "fixee": true, "jusqu": true,
	"until": true, "inclus": true, "inclusive": true, "included": true,
	"lome": true, "togo": true, // "heure de Lomé", "heure du Togo": local time
}

// ParseDeadline reads a deadline as sources write it: RFC 3339 ("2026-03-14T17:00:00Z"), ISO
// dates with or without a time ("2026-03-14", "2026-03-14 23:59"), numeric dates day first
// ("14/03/2026", "14-03-2026", "14.03.26"; month first only when the day cannot be a month, as
// in "03/14/2026"), dates in words in French or English ("14 mars 2026", "1er mars 2026",
// "March 14, 2026", "14 Mar 2026", "lundi 14 mars 2026 à 17h00"), and RFC 1123, 822, 850 and
// ANSI C forms with a zone name ("GMT", "WAT", "EST"…) or an offset ("+0100", "GMT+1").
// Weekday names are ignored; other unknown words are not (a text with a stray number is
// refused rather than misread).
//
// A date without a time means the end of that day, 23:59:59, in loc, or in the zone the text
// names. loc nil means Africa/Lomé, which is UTC all year. A time without a zone is in loc.
// It returns false for anything else, and for impossible dates (31/02/2026, 24:30) or years
// outside 1970–2200.
func ParseDeadline(s string, loc *time.Location) (time.Time, bool) {
	if loc == nil {
		loc = time.UTC // Africa/Lomé: GMT, no daylight saving
	}
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 120 {
		return time.Time{}, false
	}
	if t, err := time.Parse(time.RFC3339Nano, s); err == nil {
		if !plausibleYear(t.Year()) {
			return time.Time{}, false
		}
		return t, true
	}
	var d deadlineParts
	if !d.scan(strings.ToLower(s)) {
		return time.Time{}, false
	}
	return d.time(loc)
}

// deadlineParts collects what scan finds in a deadline.
type deadlineParts struct {
	nums     []int  // numbers standing alone, in order
	numLen   []int  // how many digits each had
	ymd      [3]int // a numeric date, as written (the order is decided in time)
	ymdLen   [3]int
	hasYMD   bool
	month    time.Month
	hour     int
	min      int
	sec      int
	hasTime  bool
	ampm     string // "am", "pm" or ""
	zone     int    // offset in seconds
	hasZone  bool
	zoneName string // the name written, kept for the location's name
}

// scan tokenises a lower-case deadline. It returns false on anything it cannot place.
func (d *deadlineParts) scan(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c >= '0' && c <= '9':
			j := digitsEnd(s, i)
			n, nlen := atoi(s[i:j]), j-i
			switch {
			case j < len(s) && (s[j] == ':' || s[j] == 'h') && !d.hasTime && nlen <= 2:
				// 23:59, 23:59:59, 17h, 17h30
				if !d.scanTime(s, i, &j) {
					return false
				}
			case j+1 < len(s) && (s[j] == '/' || s[j] == '-' || s[j] == '.') && isDigit(s[j+1]) && !d.hasYMD:
				if !d.scanNumericDate(s, i, &j) {
					return false
				}
			default:
				if nlen > 4 {
					return false
				}
				d.nums = append(d.nums, n)
				d.numLen = append(d.numLen, nlen)
			}
			i = j
		case c == '+' || c == '-':
			// An offset follows a time ("+0100", "-05:00") or a zone name ("GMT+1").
			j := i + 1
			if j < len(s) && isDigit(s[j]) && (d.hasTime || d.zoneName != "") {
				if !d.scanOffset(s, c, &j) {
					return false
				}
				i = j
				continue
			}
			i++
		case c >= 'a' && c <= 'z' || c >= utf8.RuneSelf && isLetterAt(s, i):
			j := i
			for j < len(s) && (s[j] >= 'a' && s[j] <= 'z' || s[j] >= utf8.RuneSelf && isLetterAt(s, j)) {
				_, size := utf8.DecodeRuneInString(s[j:])
				j += size
			}
			if !d.word(s[i:j]) {
				return false
			}
			i = j
		case c >= utf8.RuneSelf:
			_, size := utf8.DecodeRuneInString(s[i:])
			i += size // a curly quote, a non-breaking space, a dash
		default:
			i++ // spaces, commas, dots, parentheses
		}
	}
	return true
}

func (d *deadlineParts) scanTime(s string, i int, j *int) bool {
	h := atoi(s[i:*j])
	k := *j + 1
	m, sec := 0, 0
	if k < len(s) && isDigit(s[k]) {
		e := digitsEnd(s, k)
		if e-k != 2 {
			return false
		}
		m = atoi(s[k:e])
		k = e
		if k+1 < len(s) && s[k] == ':' && isDigit(s[k+1]) {
			e = digitsEnd(s, k+1)
			if e-k-1 != 2 {
				return false
			}
			sec = atoi(s[k+1 : e])
			k = e
			if k+1 < len(s) && (s[k] == '.' || s[k] == ',') && isDigit(s[k+1]) {
				k = digitsEnd(s, k+1) // fractions of a second
			}
		}
	} else if s[*j] == ':' {
		return false // "17:" alone
	}
	if h > 23 || m > 59 || sec > 59 {
		return false
	}
	d.hour, d.min, d.sec, d.hasTime = h, m, sec, true
	*j = k
	return true
}

func (d *deadlineParts) scanNumericDate(s string, i int, j *int) bool {
	sep := s[*j]
	parts, lens := [3]int{}, [3]int{}
	k := i
	for p := 0; p < 3; p++ {
		if k >= len(s) || !isDigit(s[k]) {
			return false
		}
		e := digitsEnd(s, k)
		if e-k > 4 {
			return false
		}
		parts[p], lens[p] = atoi(s[k:e]), e-k
		k = e
		if p < 2 {
			if k >= len(s) || s[k] != sep {
				return false
			}
			k++
		}
	}
	if k < len(s) && isDigit(s[k]) {
		return false
	}
	d.ymd, d.ymdLen, d.hasYMD = parts, lens, true
	*j = k
	return true
}

func (d *deadlineParts) scanOffset(s string, sign byte, j *int) bool {
	e := digitsEnd(s, *j)
	var h, m int
	switch e - *j {
	case 1, 2: // +1, +01, +01:00
		h = atoi(s[*j:e])
		if e+2 < len(s) && s[e] == ':' && isDigit(s[e+1]) {
			m2 := digitsEnd(s, e+1)
			if m2-e-1 != 2 {
				return false
			}
			m = atoi(s[e+1 : m2])
			e = m2
		}
	case 4: // +0100
		h, m = atoi(s[*j:*j+2]), atoi(s[*j+2:e])
	default:
		return false
	}
	if h > 14 || m > 59 {
		return false
	}
	off := h*3600 + m*60
	if sign == '-' {
		off = -off
	}
	if d.zoneName != "" && d.hasZone {
		off += d.zone // "GMT+1": the offset is what counts, not the name
		d.zoneName = ""
	} else if d.hasZone {
		return false // two offsets
	}
	d.zone, d.hasZone = off, true
	*j = e
	return true
}

// word places one word of letters.
func (d *deadlineParts) word(w string) bool {
	w = strings.TrimSuffix(w, ".")
	f := w
	if strings.ContainsFunc(w, func(r rune) bool { return r >= 0x80 }) {
		f = foldWord(w)
	}
	if m, ok := months[f]; ok {
		if d.month != 0 {
			return false
		}
		d.month = m
		return true
	}
	// A zone name only after a date or time: "est" before it is French for "is".
	if off, ok := zoneOffsets[f]; ok && (d.hasTime || len(d.nums) > 0 || d.hasYMD) {
		if d.hasZone {
			return false
		}
		d.zone, d.hasZone, d.zoneName = off, true, strings.ToUpper(f)
		return true
	}
	switch f {
	case "am", "pm":
		if !d.hasTime || d.ampm != "" {
			return false
		}
		d.ampm = f
		return true
	case "noon", "midi":
		if d.hasTime {
			return false
		}
		d.hour, d.hasTime = 12, true
		return true
	}
	return deadlineFiller[f]
}

// time assembles the parts into a time, or refuses.
func (d *deadlineParts) time(loc *time.Location) (time.Time, bool) {
	var year, day int
	var month time.Month
	switch {
	case d.hasYMD:
		if d.month != 0 || len(d.nums) > 0 {
			return time.Time{}, false
		}
		a, b, c := d.ymd[0], d.ymd[1], d.ymd[2]
		switch {
		case d.ymdLen[0] == 4 && d.ymdLen[1] <= 2 && d.ymdLen[2] <= 2: // 2026-03-14
			year, month, day = a, time.Month(b), c
		case d.ymdLen[0] <= 2 && d.ymdLen[1] <= 2 && (d.ymdLen[2] == 4 || d.ymdLen[2] == 2):
			year = c
			if d.ymdLen[2] == 2 {
				year += 2000
			}
			// Day first, as in Togo and in French; month first only when the first number
			// cannot be a month and the second can only be a day.
			if a <= 12 && b > 12 {
				month, day = time.Month(a), b
			} else {
				month, day = time.Month(b), a
			}
		default:
			return time.Time{}, false
		}
	case d.month != 0:
		month = d.month
		if len(d.nums) != 2 {
			return time.Time{}, false
		}
		a, b := d.nums[0], d.nums[1]
		switch {
		case d.numLen[0] == 4 && d.numLen[1] <= 2:
			year, day = a, b
		case d.numLen[1] == 4 && d.numLen[0] <= 2:
			day, year = a, b
		case d.numLen[0] <= 2 && d.numLen[1] == 2: // RFC 822: "14 Mar 26"
			day, year = a, 2000+b
		default:
			return time.Time{}, false
		}
	default:
		return time.Time{}, false
	}
	if !plausibleYear(year) || month < 1 || month > 12 || day < 1 || day > 31 {
		return time.Time{}, false
	}
	if d.hasZone {
		loc = time.FixedZone(d.zoneName, d.zone)
	}
	h, m, sec := 23, 59, 59
	if d.hasTime {
		h, m, sec = d.hour, d.min, d.sec
		switch d.ampm {
		case "am", "pm":
			if h < 1 || h > 12 {
				return time.Time{}, false
			}
			if h == 12 {
				h = 0
			}
			if d.ampm == "pm" {
				h += 12
			}
		}
	}
	t := time.Date(year, month, day, h, m, sec, 0, loc)
	if t.Day() != day || t.Month() != month {
		return time.Time{}, false // 31/02 rolled over into March
	}
	return t, true
}

// isLetterAt reports whether the character at s[i] is a letter or an accent.
func isLetterAt(s string, i int) bool {
	r, _ := utf8.DecodeRuneInString(s[i:])
	return unicode.IsLetter(r) || unicode.Is(unicode.Mn, r)
}

func plausibleYear(y int) bool { return y >= 1970 && y <= 2200 }

func isDigit(c byte) bool { return c >= '0' && c <= '9' }

func digitsEnd(s string, i int) int {
	for i < len(s) && isDigit(s[i]) {
		i++
	}
	return i
}

// atoi reads a short run of ASCII digits (at most 4, checked by the callers).
func atoi(s string) int {
	n := 0
	for i := 0; i < len(s) && i < 9; i++ {
		n = n*10 + int(s[i]-'0')
	}
	return n
}

// foldWord strips the accents of a lower-case word ("févr" → "fevr", "à" → "a").
func foldWord(w string) string {
	var b strings.Builder
	for _, r := range w {
		if r < utf8.RuneSelf {
			b.WriteRune(r)
		} else if f := foldLatin(r); f != "" {
			b.WriteString(f)
		}
	}
	return b.String()
}
