package corpus

import (
	"bufio"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"time"

	"mobilite/internal/ingest"
)

// WriteRSS writes items as an RSS 2.0 feed the way job boards write theirs: the organisation
// as <author>, and <country>, <city>, <type>, <deadline>, <salary> and <dc:language> elements.
func WriteRSS(w io.Writer, items []ingest.Item) error {
	bw := bufio.NewWriter(w)
	bw.WriteString(`<?xml version="1.0" encoding="utf-8"?>` + "\n" +
		`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel>` +
		`<title>Offres (corpus de test)</title><link>https://corpus.example.org/</link><description>Corpus généré</description>` + "\n")
	el := func(name, value string) {
		if value == "" {
			return
		}
		bw.WriteString("<" + name + ">")
		xml.EscapeText(bw, []byte(value))
		bw.WriteString("</" + name + ">")
	}
	for i := range items {
		it := &items[i]
		bw.WriteString("<item>")
		el("title", it.Title)
		el("link", it.URL)
		bw.WriteString(`<guid isPermaLink="false">`)
		xml.EscapeText(bw, []byte(it.ExternalID))
		bw.WriteString("</guid>")
		el("author", it.Organization)
		el("country", it.Country)
		el("city", it.City)
		el("type", it.ContractType)
		if !it.Deadline.IsZero() {
			el("deadline", it.Deadline.Format(time.DateOnly))
		}
		if !it.Posted.IsZero() {
			el("pubDate", it.Posted.Format(time.RFC1123Z))
		}
		el("salary", it.Salary)
		el("dc:language", it.Language)
		desc := it.DescriptionHTML
		if it.HowToApplyHTML != "" {
			desc += it.HowToApplyHTML // RSS has no field for it: feeds append it
		}
		el("description", desc)
		bw.WriteString("</item>\n")
	}
	bw.WriteString("</channel></rss>\n")
	return bw.Flush()
}

// rwOut is a job of the ReliefWeb API (v2, profile=full), as far as Mobilité reads it.
type rwOut struct {
	ID     string   `json:"id"`
	Fields rwFields `json:"fields"`
}

type rwFields struct {
	ID         string            `json:"id"`
	Title      string            `json:"title"`
	BodyHTML   string            `json:"body-html"`
	HowToApply string            `json:"how_to_apply-html,omitempty"`
	Date       map[string]string `json:"date"`
	Country    []map[string]any  `json:"country,omitempty"`
	City       []map[string]any  `json:"city,omitempty"`
	Source     []map[string]any  `json:"source"`
	Type       []map[string]any  `json:"type,omitempty"`
	Language   []map[string]any  `json:"language,omitempty"`
	URL        string            `json:"url"`
}

// WriteReliefWeb writes items as a response of the ReliefWeb jobs API v2.
func WriteReliefWeb(w io.Writer, items []ingest.Item) error {
	data := make([]rwOut, len(items))
	for i := range items {
		it := &items[i]
		f := rwFields{ID: it.ExternalID, Title: it.Title, BodyHTML: it.DescriptionHTML, HowToApply: it.HowToApplyHTML,
			Date: map[string]string{}, URL: it.URL,
			Source: []map[string]any{{"name": it.Organization, "shortname": it.OrgShortName, "type": map[string]string{"name": it.OrgType}}}}
		if !it.Posted.IsZero() {
			f.Date["created"] = it.Posted.Format(time.RFC3339)
			f.Date["changed"] = it.Posted.Format(time.RFC3339)
		}
		if !it.Deadline.IsZero() {
			f.Date["closing"] = it.Deadline.Format(time.RFC3339)
		}
		if it.Country != "" {
			c := map[string]any{"name": it.Country, "primary": true}
			if len(it.Country) == 3 && strings.ToUpper(it.Country) == it.Country {
				c["iso3"] = strings.ToLower(it.Country)
			}
			f.Country = []map[string]any{c}
		}
		if it.City != "" {
			f.City = []map[string]any{{"name": it.City}}
		}
		if it.ContractType != "" {
			f.Type = []map[string]any{{"name": it.ContractType}}
		}
		if it.Language != "" {
			f.Language = []map[string]any{{"code": it.Language, "name": it.Language}}
		}
		data[i] = rwOut{ID: it.ExternalID, Fields: f}
	}
	return json.NewEncoder(w).Encode(map[string]any{
		"href": "https://api.reliefweb.int/v2/jobs?appname=mobilite-bench&profile=full", "totalCount": len(items),
		"count": len(items), "data": data})
}
