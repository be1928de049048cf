package ingest

import (
	"strconv"
	"strings"
	"time"
)

// isoDateLayouts are the ISO 8601 forms dates take in feeds and JSON documents.
var isoDateLayouts = []string{
	time.RFC3339Nano,
	"2006-01-02T15:04:05",
	"2006-01-02T15:04",
	"2006-01-02 15:04:05Z07:00",
	"2006-01-02 15:04:05 -0700",
	"2006-01-02 15:04:05",
	"2006-01-02 15:04",
	"2006-01-02",
}

// feedDateLayouts are the other forms, RFC 822 first. Day numbers are written "2" so that
// one and two digits are both read.
var feedDateLayouts = []string{
	"Mon, 2 Jan 2006 15:04:05 -0700",
	"Mon, 2 Jan 2006 15:04:05 MST",
	"Mon, 2 Jan 2006 15:04 -0700",
	"Mon, 2 Jan 2006 15:04 MST",
	"Mon, 2 Jan 06 15:04:05 -0700",
	"Mon, 2 Jan 06 15:04:05 MST",
	"Mon, 2 January 2006 15:04:05 -0700",
	"Mon, 2 January 2006 15:04:05 MST",
	"Monday, 2 January 2006 15:04:05 -0700",
	"Monday, 2 January 2006 15:04:05 MST",
	"Mon, 2 Jan 2006",
	"2 Jan 2006 15:04:05 -0700",
	"2 Jan 2006 15:04:05 MST",
	"2 Jan 2006",
	"2 January 2006",
	"January 2, 2006",
	"Jan 2, 2006",
	time.RFC850,
	time.ANSIC,
	time.UnixDate,
}

// tableDateLayouts are the forms the upload template accepts: YYYY-MM-DD, DD/MM/YYYY and RFC 3339.
var tableDateLayouts = []string{
	"2006-01-02",
	"2/1/2006",
	time.RFC3339Nano,
}

// zoneOffsets gives the offset in minutes of the zone abbreviations seen in feeds. Go reads
// an abbreviation it does not know as a zero offset, which would move EST dates by five hours.
var zoneOffsets = map[string]int{
	"EST": -5 * 60, "EDT": -4 * 60, "CST": -6 * 60, "CDT": -5 * 60,
	"MST": -7 * 60, "MDT": -6 * 60, "PST": -8 * 60, "PDT": -7 * 60,
	"WEST": 60, "BST": 60, "CET": 60, "CEST": 2 * 60, "EET": 2 * 60, "EEST": 3 * 60,
	"WAT": 60, "CAT": 2 * 60, "EAT": 3 * 60, "IST": 5*60 + 30, "JST": 9 * 60,
	"AEST": 10 * 60, "AEDT": 11 * 60,
}

// parseDate reads a date as a feed or a JSON document writes it. It keeps the zone the
// source gave; a date or time without a zone is taken as UTC.
func parseDate(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) >= 10 && s[4] == '-' && s[0] >= '0' && s[0] <= '9' {
		return parseWith(s, isoDateLayouts)
	}
	return parseWith(s, feedDateLayouts)
}

// parseTableDate reads a deadline of the upload template.
func parseTableDate(s string) (time.Time, bool) {
	return parseWith(s, tableDateLayouts)
}

func parseWith(s string, layouts []string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if s == "" || len(s) > 64 {
		return time.Time{}, false
	}
	for _, layout := range layouts {
		t, err := time.Parse(layout, s)
		if err != nil {
			continue
		}
		return fixZone(t), true
	}
	return time.Time{}, false
}

// fixZone gives an abbreviated zone that Go read as a zero offset its real offset.
func fixZone(t time.Time) time.Time {
	name, off := t.Zone()
	if off != 0 || name == "" || name == "UTC" {
		return t
	}
	minutes, ok := zoneOffsets[strings.ToUpper(name)]
	if !ok {
		return t
	}
	y, mo, d := t.Date()
	return time.Date(y, mo, d, t.Hour(), t.Minute(), t.Second(), t.Nanosecond(), time.FixedZone(name, minutes*60))
}

// parseEpoch reads a Unix time in seconds written as a string of digits, as ReliefWeb's
// internal records do.
func parseEpoch(s string) (time.Time, bool) {
	s = strings.TrimSpace(s)
	if len(s) < 9 || len(s) > 11 {
		return time.Time{}, false
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return time.Time{}, false
	}
	return time.Unix(n, 0).UTC(), true
}

// setDeadline sets the deadline of it from s, keeping s in DeadlineRaw when it cannot be read.
func setDeadline(it *Item, s string) {
	s = strings.TrimSpace(s)
	if s == "" {
		return
	}
	if t, ok := parseDate(s); ok {
		it.Deadline = t
		return
	}
	it.DeadlineRaw = s
}

// dateOf reads s as a date, returning the zero time when it cannot be read.
func dateOf(s string) time.Time {
	if t, ok := parseDate(s); ok {
		return t
	}
	if t, ok := parseEpoch(s); ok {
		return t
	}
	return time.Time{}
}
