package ingest

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mmcdole/gofeed"
	"golang.org/x/text/encoding/charmap"
)

// parseFeed reads an RSS (0.9x, 1.0, 2.0) or Atom feed; either kind accepts both.
func parseFeed(kind string, data []byte) ([]Item, error) {
	switch sniff(data) {
	case formatJSON:
		return nil, docErr(kind, "not an RSS or Atom feed: the document is JSON")
	case formatHTML:
		return nil, docErr(kind, "not an RSS or Atom feed: the document is HTML")
	case formatXML:
	default:
		return nil, docErr(kind, "not an RSS or Atom feed: the document is not XML")
	}
	switch root := xmlRoot(data); root {
	case "rss", "rdf", "feed":
	case "":
		return nil, docErr(kind, "not an RSS or Atom feed: no root element found")
	default:
		return nil, docErr(kind, "not an RSS or Atom feed: the root element is <%s>, not <rss> or <feed>", root)
	}
	data = feedUTF8(data)

	fp := gofeed.NewParser()
	// The image scan parses every description as HTML again; we have no use for images.
	fp.RSSTranslator = &gofeed.DefaultRSSTranslator{DisableContentImageScan: true}
	feed, err := fp.Parse(bytes.NewReader(data))
	if err != nil {
		return nil, docErr(kind, "%s", xmlProblem(err))
	}

	items := make([]Item, 0, len(feed.Items))
	for _, fi := range feed.Items {
		if fi == nil {
			continue
		}
		items = append(items, feedItem(fi, feed.Language))
	}
	splitCompanyTitles(items)
	return items, nil
}

// feedItem maps one item or entry; extension elements that job boards add (We Work Remotely's
// <expires_at>, <type>, <region>…) fill the fields RSS lacks.
func feedItem(fi *gofeed.Item, language string) Item {
	it := Item{
		ExternalID: fi.GUID,
		URL:        fi.Link,
		Title:      fi.Title,
		Language:   language,
		Categories: append([]string(nil), fi.Categories...),
	}
	if it.URL == "" && len(fi.Links) > 0 {
		it.URL = fi.Links[0]
	}
	if it.URL == "" && isHTTP(fi.GUID) {
		it.URL = fi.GUID // an RSS guid is a permalink unless it says otherwise
	}
	if it.ExternalID == "" {
		it.ExternalID = it.URL
	}
	// content:encoded (or Atom content) is usually the full text and the description a summary.
	it.DescriptionHTML = fi.Description
	if len(strings.TrimSpace(fi.Content)) > len(strings.TrimSpace(fi.Description)) {
		it.DescriptionHTML = fi.Content
	}
	it.Posted = feedDate(fi.Published, fi.PublishedParsed)
	it.Updated = feedDate(fi.Updated, fi.UpdatedParsed)
	if fi.Author != nil {
		it.Organization = fi.Author.Name
	} else if len(fi.Authors) > 0 && fi.Authors[0] != nil {
		it.Organization = fi.Authors[0].Name
	}
	if dc := fi.DublinCoreExt; dc != nil && len(dc.Language) > 0 && dc.Language[0] != "" {
		it.Language = dc.Language[0]
	}

	for name, value := range feedExtras(fi) {
		switch name {
		case "expires_at", "expires", "expiry", "expiry_date", "expiration", "expiration_date",
			"deadline", "closing", "closing_date", "closingdate", "closes", "apply_by",
			"validthrough", "valid_through", "application_deadline", "applicationclosedate":
			if it.Deadline.IsZero() && it.DeadlineRaw == "" {
				setDeadline(&it, value)
			}
		case "type", "job_type", "jobtype", "contract", "contract_type", "contracttype",
			"employment_type", "employmenttype":
			it.ContractType = firstNonEmpty(it.ContractType, value)
		case "company", "company_name", "organization", "organisation", "employer", "hiringorganization":
			it.Organization = firstNonEmpty(it.Organization, value)
		case "country", "countrycode", "country_code":
			it.Country = firstNonEmpty(it.Country, value)
		case "city":
			it.City = value
		case "location":
			it.City = firstNonEmpty(it.City, value)
		case "region":
			// We Work Remotely's "Anywhere in the World", "USA Only": where applicants may live.
			it.Categories = append(it.Categories, value)
		case "salary":
			it.Salary = value
		case "experience":
			it.Experience = value
		case "isco", "isco08", "isco_08":
			it.ISCO08 = value
		}
	}
	return it
}

// feedExtras gathers the item's unknown and extension elements by lower-case local name;
// elements of the common namespaces gofeed already maps are left out.
func feedExtras(fi *gofeed.Item) map[string]string {
	extras := make(map[string]string, len(fi.Custom))
	for k, v := range fi.Custom {
		if v = strings.TrimSpace(v); v != "" {
			extras[strings.ToLower(k)] = v
		}
	}
	for prefix, elems := range fi.Extensions {
		switch prefix {
		case "dc", "content", "media", "atom", "itunes", "georss", "slash", "wfw", "sy":
			continue
		}
		for name, list := range elems {
			name = strings.ToLower(name)
			if _, seen := extras[name]; seen || len(list) == 0 {
				continue
			}
			if v := strings.TrimSpace(list[0].Value); v != "" {
				extras[name] = v
			}
		}
	}
	return extras
}

// feedDate reads a feed date keeping the zone the feed wrote (gofeed moves RSS dates to UTC).
func feedDate(raw string, parsed *time.Time) time.Time {
	if t, ok := parseDate(raw); ok {
		return t
	}
	if parsed != nil {
		return *parsed
	}
	return time.Time{}
}

// splitCompanyTitles turns titles of the form "Company: Job title" (We Work Remotely) into an
// organisation and a title, but only when every item of the feed, at least two, has that form
// and no other organisation: a lone "Re-advertisement: Manager" is a title, not a company.
func splitCompanyTitles(items []Item) {
	if len(items) < 2 {
		return
	}
	for _, it := range items {
		company, title, ok := strings.Cut(it.Title, ": ")
		company = strings.TrimSpace(company)
		if !ok || it.Organization != "" || company == "" || strings.TrimSpace(title) == "" ||
			utf8.RuneCountInString(company) > 80 {
			return
		}
	}
	for i := range items {
		company, title, _ := strings.Cut(items[i].Title, ": ")
		items[i].Organization = company
		items[i].Title = title
	}
}

// feedUTF8 returns the feed as UTF-8. A feed that declares no encoding (or UTF-8) but is not
// valid UTF-8 was almost always written in Windows-1252; a declared encoding is left to the
// XML decoder.
func feedUTF8(data []byte) []byte {
	if utf8.Valid(data) {
		return data
	}
	if enc := xmlEncoding(data); enc != "" && enc != "utf-8" && enc != "utf8" {
		return data
	}
	out, err := charmap.Windows1252.NewDecoder().Bytes(data)
	if err != nil {
		return data
	}
	return out
}

// xmlEncoding returns the lower-case encoding named in the XML declaration, "" if none.
func xmlEncoding(data []byte) string {
	head := data[:min(len(data), 200)]
	if !bytes.HasPrefix(bytes.TrimSpace(head), []byte("<?xml")) {
		return ""
	}
	end := bytes.Index(head, []byte("?>"))
	if end < 0 {
		return ""
	}
	decl := string(head[:end])
	i := strings.Index(decl, "encoding")
	if i < 0 {
		return ""
	}
	rest := strings.TrimLeft(decl[i+len("encoding"):], " =")
	if rest == "" || (rest[0] != '"' && rest[0] != '\'') {
		return ""
	}
	name, _, _ := strings.Cut(rest[1:], rest[:1])
	return strings.ToLower(strings.TrimSpace(name))
}

// xmlProblem says in plain words why an XML document could not be read.
func xmlProblem(err error) string {
	var syn *xml.SyntaxError
	switch {
	case errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF),
		strings.Contains(err.Error(), "unexpected EOF"):
		return "truncated XML: the document ends before its elements are closed"
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed XML at line %d: %s", syn.Line, syn.Msg)
	case errors.Is(err, gofeed.ErrFeedTypeNotDetected):
		return "not an RSS or Atom feed"
	}
	return "malformed feed: " + err.Error()
}

func isHTTP(s string) bool {
	return strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://")
}
