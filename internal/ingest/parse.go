package ingest

import (
	"bytes"
	"fmt"
	"net/url"
	"strings"
	"unicode/utf8"
)

// MaxDocumentSize is the largest document Parse and ParseTable accept: 20 MB.
const MaxDocumentSize = 20 << 20

// MaxFieldLength is the number of characters each text field of an Item is cut to.
const MaxFieldLength = 100_000

// DocumentError is the error of a document that is not of the expected kind, is malformed or is
// too large. Its Reason says in plain words what is wrong ("truncated JSON at byte 1234"); it
// is meant for the administrator of the source and the log (it is in English: the web layer
// shows a translated message).
type DocumentError struct {
	Kind   string // the kind the document was parsed as
	Reason string
}

func (e *DocumentError) Error() string {
	return "ingest: " + e.Kind + ": " + e.Reason
}

func docErr(kind, format string, args ...any) error {
	return &DocumentError{Kind: kind, Reason: fmt.Sprintf(format, args...)}
}

// Document is what Parse found in one document.
type Document struct {
	Items    []Item
	Untitled int // items the source gave without a title, dropped
}

// Parse parses one fetched document of a kind into items. base is the document's URL, used to
// resolve relative links of items (may be nil). A document that is not of that kind, is
// malformed or is over MaxDocumentSize is a *DocumentError. Items without a title are dropped
// (ParseDocument counts them); every text field is cut to MaxFieldLength characters.
func Parse(kind string, data []byte, base *url.URL) ([]Item, error) {
	doc, err := ParseDocument(kind, data, base)
	return doc.Items, err
}

// ParseDocument is Parse that also reports how many untitled items were dropped.
func ParseDocument(kind string, data []byte, base *url.URL) (Document, error) {
	if err := checkSize(kind, data); err != nil {
		return Document{}, err
	}
	var (
		items []Item
		err   error
	)
	switch kind {
	case KindRSS, KindAtom:
		items, err = parseFeed(kind, data)
	case KindReliefWeb:
		items, err = parseReliefWeb(data)
	case KindJSONLD:
		items, err = parseJSONLD(data)
	case KindHROpen:
		items, err = parseHROpen(data)
	case KindCSV, KindXLSX:
		// A fetched table is read like an upload; rows with problems are left out.
		items, _, _, err = ParseTable(kind, data)
	default:
		return Document{}, docErr(kind, "unknown kind of source")
	}
	if err != nil {
		return Document{}, err
	}
	return finish(items, base), nil
}

func checkSize(kind string, data []byte) error {
	if len(data) > MaxDocumentSize {
		return docErr(kind, "document too large: %.1f MB, the limit is %d MB",
			float64(len(data))/(1<<20), MaxDocumentSize>>20)
	}
	if len(bytes.TrimSpace(bytes.TrimPrefix(data, utf8BOM))) == 0 {
		return docErr(kind, "empty document")
	}
	return nil
}

// finish trims and cuts the fields of every item, resolves relative links against base, and
// drops the items without a title.
func finish(items []Item, base *url.URL) Document {
	doc := Document{Items: items[:0]}
	for _, it := range items {
		it.ExternalID = clean(it.ExternalID)
		link := clean(it.URL)
		it.URL = resolve(base, link)
		if it.ExternalID == link { // the link stands for the identifier: keep them equal
			it.ExternalID = it.URL
		}
		it.Title = clean(it.Title)
		it.Organization = clean(it.Organization)
		it.OrgShortName = clean(it.OrgShortName)
		it.OrgType = clean(it.OrgType)
		it.DescriptionHTML = cut(strings.TrimSpace(it.DescriptionHTML))
		it.HowToApplyHTML = cut(strings.TrimSpace(it.HowToApplyHTML))
		it.ApplyURL = resolve(base, clean(it.ApplyURL))
		it.Country = clean(it.Country)
		it.City = clean(it.City)
		it.ContractType = clean(it.ContractType)
		it.DeadlineRaw = clean(it.DeadlineRaw)
		it.Language = clean(it.Language)
		it.ISCO08 = clean(it.ISCO08)
		it.Salary = clean(it.Salary)
		it.Experience = clean(it.Experience)
		cats := it.Categories[:0]
		for _, c := range it.Categories {
			if c = clean(c); c != "" && !contains(cats, c) {
				cats = append(cats, c)
			}
		}
		it.Categories = nil
		if len(cats) > 0 {
			it.Categories = cats
		}
		if it.Title == "" {
			doc.Untitled++
			continue
		}
		doc.Items = append(doc.Items, it)
	}
	if len(doc.Items) == 0 {
		doc.Items = nil
	}
	return doc
}

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// clean trims s, folds its inner runs of white space (titles and names spread over several
// lines in XML) and cuts it to MaxFieldLength characters.
func clean(s string) string {
	s = strings.TrimSpace(s)
	if strings.ContainsAny(s, "\n\r\t") || strings.Contains(s, "  ") {
		s = strings.Join(strings.Fields(s), " ")
	}
	return cut(s)
}

// cut cuts s to MaxFieldLength characters, never inside a character.
func cut(s string) string {
	if len(s) <= MaxFieldLength {
		return s
	}
	n := 0
	for i := range s {
		if n == MaxFieldLength {
			return s[:i]
		}
		n++
	}
	return s
}

// cutRunes cuts s to n characters; for values quoted in RowErrors.
func cutRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// resolve makes a relative link absolute against base; other values are kept as written.
func resolve(base *url.URL, link string) string {
	if base == nil || link == "" {
		return link
	}
	u, err := url.Parse(link)
	if err != nil || u.IsAbs() {
		return link
	}
	return base.ResolveReference(u).String()
}

// firstNonEmpty returns the first of values that is not blank.
func firstNonEmpty(values ...string) string {
	for _, v := range values {
		if strings.TrimSpace(v) != "" {
			return v
		}
	}
	return ""
}
