package ingest

import (
	"bytes"
	"encoding/json"
	"strings"
)

// ldNode is a JSON-LD node: a schema.org JobPosting, or a container that may hold some
// (@graph, ItemList, ListItem, WebPage.mainEntity).
type ldNode struct {
	Type            texts           `json:"@type"`
	AtID            text            `json:"@id"`
	Graph           json.RawMessage `json:"@graph"`
	ItemListElement json.RawMessage `json:"itemListElement"`
	Item            json.RawMessage `json:"item"`
	MainEntity      json.RawMessage `json:"mainEntity"`

	Title                         text               `json:"title"`
	Name                          text               `json:"name"`
	Description                   text               `json:"description"`
	DatePosted                    text               `json:"datePosted"`
	DateModified                  text               `json:"dateModified"`
	ValidThrough                  text               `json:"validThrough"`
	EmploymentType                texts              `json:"employmentType"`
	HiringOrganization            ldOrg              `json:"hiringOrganization"`
	JobLocation                   list[ldPlace]      `json:"jobLocation"`
	JobLocationType               texts              `json:"jobLocationType"`
	ApplicantLocationRequirements texts              `json:"applicantLocationRequirements"`
	Identifier                    valueText          `json:"identifier"`
	URL                           text               `json:"url"`
	BaseSalary                    ldSalary           `json:"baseSalary"`
	EstimatedSalary               ldSalary           `json:"estimatedSalary"`
	SalaryCurrency                text               `json:"salaryCurrency"`
	InLanguage                    text               `json:"inLanguage"`
	ExperienceRequirements        ldExperience       `json:"experienceRequirements"`
	OccupationalCategory          list[ldCategory]   `json:"occupationalCategory"`
	RelevantOccupation            list[ldOccupation] `json:"relevantOccupation"`
	Industry                      texts              `json:"industry"`
}

// ldOrg is an Organization, or just its name.
type ldOrg struct {
	Name          text  `json:"name"`
	LegalName     text  `json:"legalName"`
	AlternateName text  `json:"alternateName"`
	Type          texts `json:"@type"`
}

func (o *ldOrg) UnmarshalJSON(b []byte) error {
	type plain ldOrg
	var p plain
	if jsonType(b) == "an object" {
		_ = json.Unmarshal(b, &p)
	} else {
		p.Name = text(readText(b, 0, "name"))
	}
	*o = ldOrg(p)
	return nil
}

// ldPlace is a Place with a PostalAddress, or an address written as one string.
type ldPlace struct {
	Address ldAddress `json:"address"`
	Name    text      `json:"name"`
}

func (p *ldPlace) UnmarshalJSON(b []byte) error {
	type plain ldPlace
	var v plain
	if jsonType(b) == "an object" {
		_ = json.Unmarshal(b, &v)
	} else {
		v.Address.Locality = text(readText(b, 0, "name"))
	}
	*p = ldPlace(v)
	return nil
}

type ldAddress struct {
	Locality text `json:"addressLocality"`
	Country  text `json:"addressCountry"` // a code, a name, or a Country object
}

func (a *ldAddress) UnmarshalJSON(b []byte) error {
	type plain ldAddress
	var v plain
	switch jsonType(b) {
	case "an object":
		_ = json.Unmarshal(b, &v)
	case "an array":
		var list []ldAddress
		_ = json.Unmarshal(b, &list)
		if len(list) > 0 {
			v = plain(list[0])
		}
	default:
		v.Locality = text(readText(b, 0))
	}
	*a = ldAddress(v)
	return nil
}

// ldSalary is a MonetaryAmount, or an amount written as a number or a string.
type ldSalary struct {
	Currency text    `json:"currency"`
	Value    ldValue `json:"value"`
}

func (s *ldSalary) UnmarshalJSON(b []byte) error {
	type plain ldSalary
	var v plain
	if jsonType(b) == "an object" {
		_ = json.Unmarshal(b, &v)
	} else {
		v.Value.Value = text(readText(b, 0, "value"))
	}
	*s = ldSalary(v)
	return nil
}

// ldValue is a QuantitativeValue, or a bare number.
type ldValue struct {
	Value    text `json:"value"`
	MinValue text `json:"minValue"`
	MaxValue text `json:"maxValue"`
	UnitText text `json:"unitText"`
}

func (q *ldValue) UnmarshalJSON(b []byte) error {
	type plain ldValue
	var v plain
	if jsonType(b) == "an object" {
		_ = json.Unmarshal(b, &v)
	} else {
		v.Value = text(readText(b, 0, "value"))
	}
	*q = ldValue(v)
	return nil
}

// String writes the salary as "EUR 2000-2600 MONTH".
func (s ldSalary) String(currency text) string {
	amount := string(s.Value.Value)
	if amount == "" && (s.Value.MinValue != "" || s.Value.MaxValue != "") {
		amount = strings.Trim(string(s.Value.MinValue)+"-"+string(s.Value.MaxValue), "-")
	}
	if amount == "" {
		return ""
	}
	return strings.Join(strings.Fields(string(firstText(s.Currency, currency))+" "+amount+" "+string(s.Value.UnitText)), " ")
}

// ldExperience is experienceRequirements: text, or OccupationalExperienceRequirements.
type ldExperience string

func (e *ldExperience) UnmarshalJSON(b []byte) error {
	if jsonType(b) == "an object" {
		var v struct {
			Months      text `json:"monthsOfExperience"`
			Description text `json:"description"`
		}
		_ = json.Unmarshal(b, &v)
		switch {
		case v.Description != "":
			*e = ldExperience(v.Description)
		case v.Months != "":
			*e = ldExperience(string(v.Months) + " months")
		}
		return nil
	}
	*e = ldExperience(readText(b, 0, "name", "description"))
	return nil
}

// ldCategory is an occupationalCategory: a CategoryCode, or text.
type ldCategory struct {
	CodeValue text `json:"codeValue"`
	Name      text `json:"name"`
	InCodeSet text `json:"inCodeSet"`
}

func (c *ldCategory) UnmarshalJSON(b []byte) error {
	if jsonType(b) != "an object" {
		*c = ldCategory{Name: text(readText(b, 0, "name"))}
		return nil
	}
	var v struct {
		CodeValue text            `json:"codeValue"`
		Name      text            `json:"name"`
		InCodeSet json.RawMessage `json:"inCodeSet"`
	}
	_ = json.Unmarshal(b, &v)
	*c = ldCategory{
		CodeValue: v.CodeValue,
		Name:      v.Name,
		InCodeSet: text(readText(v.InCodeSet, 0, "name", "url", "@id")),
	}
	return nil
}

// isISCO reports whether the category's code set is ISCO (ISCO-08).
func (c ldCategory) isISCO() bool {
	return strings.Contains(strings.ToLower(string(c.InCodeSet)), "isco")
}

type ldOccupation struct {
	OccupationalCategory list[ldCategory] `json:"occupationalCategory"`
}

// maxLDDepth bounds how deep postings are looked for in containers.
const maxLDDepth = 6

// parseJSONLD reads schema.org JobPostings from a JSON-LD document (one object, an array, an
// @graph, an ItemList) or from the <script type="application/ld+json"> of an HTML page.
func parseJSONLD(data []byte) ([]Item, error) {
	data = bytes.TrimPrefix(data, utf8BOM)
	var postings []ldNode
	switch sniff(data) {
	case formatHTML:
		scripts := ldScripts(data)
		if len(scripts) == 0 {
			return nil, docErr(KindJSONLD, "no JSON-LD in the page: it has no <script type=\"application/ld+json\">")
		}
		var firstBad error
		for i, s := range scripts {
			if !json.Valid(s) {
				if firstBad == nil {
					firstBad = docErr(KindJSONLD, "JSON-LD script %d of the page: %s",
						i+1, jsonReason(s, json.Unmarshal(s, new(struct{}))))
				}
				continue
			}
			collectPostings(s, 0, &postings)
		}
		if len(postings) == 0 {
			if firstBad != nil {
				return nil, firstBad
			}
			return nil, docErr(KindJSONLD, "no schema.org JobPosting in the JSON-LD of the page")
		}
	case formatXML:
		return nil, docErr(KindJSONLD, "not JSON-LD: the document is XML")
	case formatJSON:
		if err := checkJSON(KindJSONLD, data); err != nil {
			return nil, err
		}
		if jsonType(data) == "an array" {
			elems, err := objects(KindJSONLD, data, "a JSON-LD document")
			if err != nil {
				return nil, err
			}
			if len(elems) == 0 {
				return nil, nil
			}
		}
		collectPostings(data, 0, &postings)
		if len(postings) == 0 {
			return nil, docErr(KindJSONLD, "no schema.org JobPosting in the JSON-LD document")
		}
	default:
		return nil, docErr(KindJSONLD, "not JSON-LD: the document is neither JSON nor an HTML page")
	}
	items := make([]Item, 0, len(postings))
	for i := range postings {
		items = append(items, postingItem(&postings[i]))
	}
	return items, nil
}

// collectPostings appends the JobPostings found in a JSON-LD value to out.
func collectPostings(raw []byte, depth int, out *[]ldNode) {
	if depth > maxLDDepth {
		return
	}
	switch jsonType(raw) {
	case "an array":
		var elems []json.RawMessage
		_ = json.Unmarshal(raw, &elems)
		for _, e := range elems {
			collectPostings(e, depth+1, out)
		}
	case "an object":
		var n ldNode
		_ = json.Unmarshal(raw, &n)
		if n.isJobPosting() {
			n.Graph, n.ItemListElement, n.Item, n.MainEntity = nil, nil, nil, nil
			*out = append(*out, n)
			return
		}
		for _, inner := range []json.RawMessage{n.Graph, n.ItemListElement, n.Item, n.MainEntity} {
			if inner != nil {
				collectPostings(inner, depth+1, out)
			}
		}
	}
}

func (n *ldNode) isJobPosting() bool {
	for _, t := range n.Type {
		// "JobPosting", "schema:JobPosting", "http://schema.org/JobPosting"
		if t == "JobPosting" || strings.HasSuffix(t, ":JobPosting") || strings.HasSuffix(t, "/JobPosting") {
			return true
		}
	}
	return false
}

func postingItem(n *ldNode) Item {
	it := Item{
		ExternalID:      string(firstText(text(n.Identifier), n.AtID)),
		URL:             string(n.URL),
		Title:           string(firstText(n.Title, n.Name)),
		DescriptionHTML: string(n.Description),
		Organization:    string(firstText(n.HiringOrganization.Name, n.HiringOrganization.LegalName)),
		OrgShortName:    string(n.HiringOrganization.AlternateName),
		ContractType:    strings.Join(n.EmploymentType, ", "),
		Posted:          dateOf(string(n.DatePosted)),
		Updated:         dateOf(string(n.DateModified)),
		Language:        string(n.InLanguage),
		Experience:      string(n.ExperienceRequirements),
		Salary:          n.BaseSalary.String(n.SalaryCurrency),
	}
	if it.Salary == "" {
		it.Salary = n.EstimatedSalary.String(n.SalaryCurrency)
	}
	for _, t := range n.HiringOrganization.Type {
		if t != "Organization" { // "NGO", "GovernmentOrganization"… say more than the default
			it.OrgType = t
			break
		}
	}
	setDeadline(&it, string(n.ValidThrough))
	for _, p := range n.JobLocation {
		if p.Address.Country != "" || p.Address.Locality != "" {
			it.Country = string(p.Address.Country)
			it.City = string(p.Address.Locality)
			break
		}
	}
	if it.Country == "" && len(n.ApplicantLocationRequirements) > 0 {
		it.Country = n.ApplicantLocationRequirements[0]
	}
	it.Categories = append(it.Categories, n.JobLocationType...)
	cats := append([]ldCategory(nil), n.OccupationalCategory...)
	for _, o := range n.RelevantOccupation {
		cats = append(cats, o.OccupationalCategory...)
	}
	for _, c := range cats {
		if c.isISCO() && c.CodeValue != "" {
			if it.ISCO08 == "" {
				it.ISCO08 = string(c.CodeValue)
			}
			continue
		}
		it.Categories = append(it.Categories, string(firstText(c.Name, c.CodeValue)))
	}
	it.Categories = append(it.Categories, n.Industry...)
	return it
}

// ldScripts returns the contents of the <script type="application/ld+json"> elements of an
// HTML page, without the HTML comment or CDATA wrappers some sites put around them.
func ldScripts(page []byte) [][]byte {
	var out [][]byte
	lower := asciiLower(page)
	for i := 0; ; {
		start := bytes.Index(lower[i:], []byte("<script"))
		if start < 0 {
			return out
		}
		start += i
		tagEnd := bytes.IndexByte(lower[start:], '>')
		if tagEnd < 0 {
			return out
		}
		tagEnd += start
		end := bytes.Index(lower[tagEnd:], []byte("</script"))
		if end < 0 {
			end = len(lower) - tagEnd
		}
		end += tagEnd
		if bytes.Contains(lower[start:tagEnd], []byte("application/ld+json")) {
			out = append(out, unwrapScript(page[tagEnd+1:end]))
		}
		i = end
		if i >= len(lower) {
			return out
		}
	}
}

func unwrapScript(b []byte) []byte {
	for {
		before := len(b)
		b = bytes.TrimSpace(b)
		for _, p := range []string{"<!--", "//<![CDATA[", "/*<![CDATA[*/", "<![CDATA["} {
			b = bytes.TrimPrefix(b, []byte(p))
		}
		b = bytes.TrimSpace(b)
		for _, s := range []string{"-->", "//]]>", "/*]]>*/", "]]>"} {
			b = bytes.TrimSuffix(b, []byte(s))
		}
		if len(b) == before {
			return b
		}
	}
}

// htmlHasJobPosting reports whether an HTML page holds a JobPosting in its JSON-LD.
func htmlHasJobPosting(page []byte) bool {
	for _, s := range ldScripts(page) {
		if bytes.Contains(s, []byte("JobPosting")) {
			return true
		}
	}
	return false
}

// asciiLower lower-cases the ASCII letters of b only, so that offsets in the result are
// offsets in b.
func asciiLower(b []byte) []byte {
	out := make([]byte, len(b))
	for i, c := range b {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		out[i] = c
	}
	return out
}
