package ingest

import (
	"bytes"
	"encoding/json"
	"strings"
)

// rwDoc is a response of the ReliefWeb jobs API ({"data": [{"id", "fields"}]}), or a single
// job as ReliefWeb's own records hold it, with the fields at the top.
type rwDoc struct {
	Data *list[rwEntry] `json:"data"`
	rwEntry
}

type rwEntry struct {
	ID     text      `json:"id"`
	Fields *rwFields `json:"fields"`
	rwFields
}

type rwFields struct {
	ID               text         `json:"id"`
	Title            text         `json:"title"`
	Body             text         `json:"body"`
	BodyHTML         text         `json:"body-html"`
	HowToApply       text         `json:"how_to_apply"`
	HowToApplyHTML   text         `json:"how_to_apply-html"`
	Date             rwDate       `json:"date"`
	Created          text         `json:"created"`
	Changed          text         `json:"changed"`
	ClosingDate      text         `json:"closing_date"`
	Country          list[rwTerm] `json:"country"`
	City             list[rwTerm] `json:"city"`
	Source           list[rwTerm] `json:"source"`
	Type             list[rwTerm] `json:"type"`
	JobType          list[rwTerm] `json:"job_type"`
	Experience       list[rwTerm] `json:"experience"`
	JobExperience    list[rwTerm] `json:"job_experience"`
	CareerCategories list[rwTerm] `json:"career_categories"`
	CareerCategory   list[rwTerm] `json:"career_category"`
	Theme            list[rwTerm] `json:"theme"`
	Language         list[rwTerm] `json:"language"`
	URL              text         `json:"url"`
	URLAlias         text         `json:"url_alias"`
}

// rwDate is the API's "date" object; anything else is ignored.
type rwDate struct {
	Created text `json:"created"`
	Changed text `json:"changed"`
	Closing text `json:"closing"`
}

func (d *rwDate) UnmarshalJSON(b []byte) error {
	type plain rwDate
	var p plain
	if jsonType(b) == "an object" {
		_ = json.Unmarshal(b, &p)
	}
	*d = rwDate(p)
	return nil
}

// rwTerm is a taxonomy term ({"name", "shortname", "iso3", "code", "type": {"name"}}), or
// just its name as a string. A bare number is a term's ID (the Post API writes "source":
// [1503]): it names nothing and is left out.
type rwTerm struct {
	Name      text `json:"name"`
	Shortname text `json:"shortname"`
	ISO3      text `json:"iso3"`
	Code      text `json:"code"`
	Primary   text `json:"primary"`
	Type      text `json:"type"`
}

func (t *rwTerm) UnmarshalJSON(b []byte) error {
	type plain rwTerm
	var p plain
	switch jsonType(b) {
	case "an object":
		_ = json.Unmarshal(b, &p)
	case "a string":
		p.Name = text(readText(b, 0))
	}
	*t = rwTerm(p)
	return nil
}

// parseReliefWeb reads a response of the ReliefWeb jobs API (v1 or v2), tolerating fields
// written as a string where the API has a list and the other way round.
func parseReliefWeb(data []byte) ([]Item, error) {
	const what = "a ReliefWeb jobs response"
	data = bytes.TrimPrefix(data, utf8BOM)
	// No json.Valid first: Unmarshal validates the document, and a description read twice
	// over costs as much as its offer's other fields.
	if err := checkNotHTML(KindReliefWeb, data); err != nil {
		return nil, err
	}
	var entries []rwEntry
	switch jsonType(data) {
	case "an object":
		// The API's answer is read in one go into a plain list. Only an answer that does not
		// fit (a "data" that is not a list, a job at the top) is read again, with rwDoc's
		// tolerant list, which would otherwise read the whole list a second time.
		var answer struct {
			Data []rwEntry `json:"data"`
		}
		if err := json.Unmarshal(data, &answer); err == nil && answer.Data != nil {
			entries = answer.Data
			break
		}
		var doc rwDoc
		if err := json.Unmarshal(data, &doc); err != nil {
			return nil, jsonProblem(KindReliefWeb, data, err)
		}
		switch {
		case doc.Data != nil:
			entries = *doc.Data
		case doc.Fields != nil || doc.Title != "":
			entries = []rwEntry{doc.rwEntry}
		default:
			return nil, docErr(KindReliefWeb, "not %s: the object has no \"data\" list", what)
		}
	case "an array":
		elems, err := objects(KindReliefWeb, data, what)
		if err != nil {
			return nil, err
		}
		entries = make([]rwEntry, len(elems))
		for i, e := range elems {
			_ = json.Unmarshal(e, &entries[i])
		}
	default:
		if err := checkJSON(KindReliefWeb, data); err != nil {
			return nil, err
		}
		return nil, docErr(KindReliefWeb, "not %s: the document is %s", what, jsonType(data))
	}

	items := make([]Item, 0, len(entries))
	for i := range entries {
		items = append(items, reliefWebItem(&entries[i]))
	}
	return items, nil
}

func reliefWebItem(e *rwEntry) Item {
	f := e.Fields
	if f == nil {
		f = &e.rwFields
	}
	it := Item{
		ExternalID:      string(firstText(e.ID, f.ID)),
		URL:             string(firstText(f.URLAlias, f.URL)),
		Title:           string(f.Title),
		DescriptionHTML: string(firstText(f.BodyHTML, f.Body)),
		HowToApplyHTML:  string(firstText(f.HowToApplyHTML, f.HowToApply)),
		ContractType:    termName(f.Type, f.JobType),
		Experience:      termName(f.Experience, f.JobExperience),
		Posted:          dateOf(string(firstText(f.Date.Created, f.Created))),
		Updated:         dateOf(string(firstText(f.Date.Changed, f.Changed))),
	}
	// A how-to-apply that is only a link is where to apply.
	if how := strings.TrimSpace(string(f.HowToApply)); isHTTP(how) && !strings.ContainsAny(how, " \n<") {
		it.ApplyURL = how
	}
	setDeadline(&it, string(firstText(f.Date.Closing, f.ClosingDate)))
	if src := firstTerm(f.Source); src != nil {
		it.Organization = string(src.Name)
		it.OrgShortName = string(src.Shortname)
		it.OrgType = string(src.Type)
	}
	if c := primaryTerm(f.Country); c != nil {
		it.Country = string(firstText(c.ISO3, c.Name))
	}
	if c := firstTerm(f.City); c != nil {
		it.City = string(c.Name)
	}
	if l := firstTerm(f.Language); l != nil {
		it.Language = string(firstText(l.Code, l.Name))
	}
	for _, terms := range []list[rwTerm]{f.CareerCategories, f.CareerCategory, f.Theme} {
		for _, t := range terms {
			it.Categories = append(it.Categories, string(t.Name))
		}
	}
	return it
}

func firstText(values ...text) text {
	for _, v := range values {
		if strings.TrimSpace(string(v)) != "" {
			return v
		}
	}
	return ""
}

// firstTerm returns the first term that has a name or a code.
func firstTerm(terms list[rwTerm]) *rwTerm {
	for i := range terms {
		if terms[i].Name != "" || terms[i].ISO3 != "" || terms[i].Code != "" {
			return &terms[i]
		}
	}
	return nil
}

// primaryTerm returns the term marked primary (ReliefWeb marks the main country), else the first.
func primaryTerm(terms list[rwTerm]) *rwTerm {
	for i := range terms {
		if terms[i].Primary == "true" {
			return &terms[i]
		}
	}
	return firstTerm(terms)
}

func termName(lists ...list[rwTerm]) string {
	for _, l := range lists {
		if t := firstTerm(l); t != nil && t.Name != "" {
			return string(t.Name)
		}
	}
	return ""
}
