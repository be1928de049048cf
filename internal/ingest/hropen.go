package ingest

import (
	"bytes"
	"encoding/json"
	"strings"
)

// HR Open Standards PositionOpening in JSON. Publishers differ: some nest everything in
// positionProfiles, others write the profile's fields on the opening itself; names come in
// camelCase or PascalCase (encoding/json matches them without regard to case).

type hrDoc struct {
	PositionOpenings *list[hrOpening] `json:"positionOpenings"`
	PositionOpening  *list[hrOpening] `json:"positionOpening"`
	Data             *list[hrOpening] `json:"data"`
	hrOpening
}

type hrOpening struct {
	DocumentID       valueText       `json:"documentId"`
	PositionProfiles list[hrProfile] `json:"positionProfiles"`
	PositionProfile  list[hrProfile] `json:"positionProfile"`
	hrProfile
}

type hrProfile struct {
	PositionID                    valueText           `json:"positionId"`
	Language                      text                `json:"language"`
	PositionTitle                 text                `json:"positionTitle"`
	PositionURI                   text                `json:"positionURI"`
	HiringOrganization            list[hrOrg]         `json:"hiringOrganization"`
	HiringOrganizations           list[hrOrg]         `json:"hiringOrganizations"`
	PositionOrganizations         list[hrOrg]         `json:"positionOrganizations"`
	PositionLocation              list[hrLocation]    `json:"positionLocation"`
	PositionLocations             list[hrLocation]    `json:"positionLocations"`
	PositionOfferingTypeCodes     texts               `json:"positionOfferingTypeCodes"`
	PositionOfferingTypeCode      texts               `json:"positionOfferingTypeCode"`
	PositionSchedule              texts               `json:"positionSchedule"`
	PositionScheduleTypeCodes     texts               `json:"positionScheduleTypeCodes"`
	ApplicationCloseDate          text                `json:"applicationCloseDate"`
	PostingInstructions           list[hrPosting]     `json:"postingInstructions"`
	PositionFormattedDescriptions list[hrDescription] `json:"positionFormattedDescriptions"`
	JobCategories                 list[hrCode]        `json:"jobCategories"`
	CareerLevels                  list[hrCode]        `json:"careerLevels"`
	OfferedRemunerationPackage    hrRemuneration      `json:"offeredRemunerationPackage"`
}

// hrOrg is an organisation ({"name", "responsibilityCode"}) or its name.
type hrOrg struct {
	Name               text `json:"name"`
	LegalName          text `json:"legalName"`
	ResponsibilityCode text `json:"responsibilityCode"`
}

func (o *hrOrg) UnmarshalJSON(b []byte) error {
	type plain hrOrg
	var v plain
	if jsonType(b) == "an object" {
		_ = json.Unmarshal(b, &v)
	} else {
		v.Name = text(readText(b, 0, "name"))
	}
	*o = hrOrg(v)
	return nil
}

// hrLocation is a location with an address, or with the address fields at its top.
type hrLocation struct {
	hrAddress
	Address hrAddress `json:"address"`
}

type hrAddress struct {
	City        text `json:"city"`
	CityName    text `json:"cityName"`
	CountryCode text `json:"countryCode"`
	Country     text `json:"country"`
}

func (l *hrLocation) UnmarshalJSON(b []byte) error {
	type plain hrLocation
	var v plain
	if jsonType(b) == "an object" {
		_ = json.Unmarshal(b, &v)
	} else {
		v.City = text(readText(b, 0, "name"))
	}
	*l = hrLocation(v)
	return nil
}

type hrPosting struct {
	Start              text                `json:"start"`
	End                text                `json:"end"`
	ApplicationMethods list[hrApplyMethod] `json:"applicationMethods"`
	ApplicationMethod  list[hrApplyMethod] `json:"applicationMethod"`
}

type hrApplyMethod struct {
	ApplicationURI text `json:"applicationUri"` // {"url": …} or a string
	Instructions   text `json:"instructions"`
	PersonContact  struct {
		Communication struct {
			Email list[hrEmail] `json:"email"`
		} `json:"communication"`
	} `json:"personContact"`
	Communication struct {
		Email list[hrEmail] `json:"email"`
	} `json:"communication"`
}

func (m *hrApplyMethod) UnmarshalJSON(b []byte) error {
	type plain hrApplyMethod
	var v plain
	if jsonType(b) == "an object" {
		_ = json.Unmarshal(b, &v)
		// applicationUri is {"url": "…"}; text reads "name" or "value" from objects.
		var uri struct {
			URI json.RawMessage `json:"applicationUri"`
		}
		_ = json.Unmarshal(b, &uri)
		v.ApplicationURI = text(readText(uri.URI, 0, "url", "value", "href"))
	}
	*m = hrApplyMethod(v)
	return nil
}

type hrEmail struct {
	Address text `json:"address"`
}

func (e *hrEmail) UnmarshalJSON(b []byte) error {
	e.Address = text(readText(b, 0, "address", "value"))
	return nil
}

type hrDescription struct {
	Title   text `json:"title"`
	Content text `json:"content"`
}

func (d *hrDescription) UnmarshalJSON(b []byte) error {
	type plain hrDescription
	var v plain
	if jsonType(b) == "an object" {
		_ = json.Unmarshal(b, &v)
	} else {
		v.Content = text(readText(b, 0, "content"))
	}
	*d = hrDescription(v)
	return nil
}

// hrCode is a code of a list ({"code", "name", "schemeId"/"listName"}) or the code alone.
type hrCode struct {
	Code     text `json:"code"`
	Name     text `json:"name"`
	SchemeID text `json:"schemeId"`
	ListName text `json:"listName"`
	ListID   text `json:"listId"`
}

func (c *hrCode) UnmarshalJSON(b []byte) error {
	type plain hrCode
	var v plain
	if jsonType(b) == "an object" {
		_ = json.Unmarshal(b, &v)
		// The code may carry its scheme: {"code": {"value": "2211", "schemeId": "ISCO-08"}}.
		var inner struct {
			Code struct {
				SchemeID text `json:"schemeId"`
				ListName text `json:"listName"`
			} `json:"code"`
		}
		_ = json.Unmarshal(b, &inner)
		v.SchemeID = firstText(v.SchemeID, inner.Code.SchemeID)
		v.ListName = firstText(v.ListName, inner.Code.ListName)
	} else {
		v.Code = text(readText(b, 0, "code"))
	}
	*c = hrCode(v)
	return nil
}

func (c hrCode) isISCO() bool {
	scheme := strings.ToLower(string(c.SchemeID) + " " + string(c.ListName) + " " + string(c.ListID))
	return strings.Contains(scheme, "isco")
}

type hrRemuneration struct {
	Ranges list[struct {
		IntervalCode    text `json:"intervalCode"`
		TypeCode        text `json:"typeCode"`
		ReferenceAmount struct {
			Value    text `json:"value"`
			Currency text `json:"currency"`
		} `json:"referenceAmount"`
	}] `json:"ranges"`
}

// String writes the package as "EUR 2100-2600 Month".
func (r hrRemuneration) String() string {
	var amounts []string
	var currency, interval text
	for _, rg := range r.Ranges {
		if rg.ReferenceAmount.Value == "" {
			continue
		}
		amounts = append(amounts, string(rg.ReferenceAmount.Value))
		currency = firstText(currency, rg.ReferenceAmount.Currency)
		interval = firstText(interval, rg.IntervalCode)
	}
	if len(amounts) == 0 {
		return ""
	}
	return strings.Join(strings.Fields(string(currency)+" "+strings.Join(amounts, "-")+" "+string(interval)), " ")
}

// parseHROpen reads HR Open Standards PositionOpenings: an array of them, one alone, or a
// list of them under "positionOpenings".
func parseHROpen(data []byte) ([]Item, error) {
	const what = "HR Open position openings"
	data = bytes.TrimPrefix(data, utf8BOM)
	if err := checkJSON(KindHROpen, data); err != nil {
		return nil, err
	}
	var openings []hrOpening
	switch jsonType(data) {
	case "an array":
		elems, err := objects(KindHROpen, data, what)
		if err != nil {
			return nil, err
		}
		openings = make([]hrOpening, len(elems))
		for i, e := range elems {
			_ = json.Unmarshal(e, &openings[i])
		}
	case "an object":
		var doc hrDoc
		if err := json.Unmarshal(data, &doc); err != nil {
			return nil, jsonProblem(KindHROpen, data, err)
		}
		switch {
		case doc.PositionOpenings != nil:
			openings = *doc.PositionOpenings
		case doc.PositionOpening != nil:
			openings = *doc.PositionOpening
		case doc.Data != nil:
			openings = *doc.Data
		default:
			openings = []hrOpening{doc.hrOpening}
		}
	default:
		return nil, docErr(KindHROpen, "not %s: the document is %s", what, jsonType(data))
	}
	if len(openings) == 0 {
		return nil, nil
	}
	items := make([]Item, 0, len(openings))
	recognised := false
	for i := range openings {
		o := &openings[i]
		if o.DocumentID != "" || o.PositionTitle != "" || len(o.PositionProfiles)+len(o.PositionProfile) > 0 {
			recognised = true
		}
		items = append(items, openingItem(o))
	}
	if !recognised {
		return nil, docErr(KindHROpen, "not %s: no object has a documentId, a positionTitle or positionProfiles", what)
	}
	return items, nil
}

func openingItem(o *hrOpening) Item {
	p := &o.hrProfile
	if len(o.PositionProfiles) > 0 {
		p = &o.PositionProfiles[0]
	} else if len(o.PositionProfile) > 0 {
		p = &o.PositionProfile[0]
	}
	top := &o.hrProfile
	it := Item{
		ExternalID: string(firstText(text(o.DocumentID), text(p.PositionID), text(top.PositionID))),
		URL:        string(firstText(p.PositionURI, top.PositionURI)),
		Title:      string(firstText(p.PositionTitle, top.PositionTitle)),
		Language:   string(firstText(p.Language, top.Language)),
		Salary:     p.OfferedRemunerationPackage.String(),
	}
	if it.Salary == "" {
		it.Salary = top.OfferedRemunerationPackage.String()
	}
	it.Organization = hiringOrganization(p, top)
	if l := firstLocation(p.PositionLocations, p.PositionLocation, top.PositionLocations, top.PositionLocation); l != nil {
		it.City = string(firstText(l.Address.CityName, l.Address.City, l.CityName, l.City))
		it.Country = string(firstText(l.Address.CountryCode, l.Address.Country, l.CountryCode, l.Country))
	}
	var kinds []string
	for _, list := range []texts{p.PositionOfferingTypeCodes, p.PositionOfferingTypeCode, p.PositionSchedule,
		p.PositionScheduleTypeCodes, top.PositionOfferingTypeCodes, top.PositionSchedule, top.PositionScheduleTypeCodes} {
		for _, k := range list {
			if !contains(kinds, k) {
				kinds = append(kinds, k)
			}
		}
	}
	it.ContractType = strings.Join(kinds, ", ")

	postings := append(append(list[hrPosting](nil), p.PostingInstructions...), top.PostingInstructions...)
	closing := string(firstText(p.ApplicationCloseDate, top.ApplicationCloseDate))
	var email string
	for _, pi := range postings {
		if closing == "" {
			closing = string(pi.End)
		}
		if it.Posted.IsZero() {
			it.Posted = dateOf(string(pi.Start))
		}
		for _, m := range append(append(list[hrApplyMethod](nil), pi.ApplicationMethods...), pi.ApplicationMethod...) {
			it.ApplyURL = firstNonEmpty(it.ApplyURL, string(m.ApplicationURI))
			it.HowToApplyHTML = firstNonEmpty(it.HowToApplyHTML, string(m.Instructions))
			for _, e := range append(append(list[hrEmail](nil), m.PersonContact.Communication.Email...), m.Communication.Email...) {
				email = firstNonEmpty(email, string(e.Address))
			}
		}
	}
	if it.HowToApplyHTML == "" {
		it.HowToApplyHTML = email
	}
	setDeadline(&it, closing)

	var parts []string
	for _, d := range append(append(list[hrDescription](nil), p.PositionFormattedDescriptions...), top.PositionFormattedDescriptions...) {
		if s := strings.TrimSpace(string(d.Content)); s != "" && !contains(parts, s) {
			parts = append(parts, s)
		}
	}
	it.DescriptionHTML = strings.Join(parts, "\n\n")

	for _, c := range append(append(list[hrCode](nil), p.JobCategories...), top.JobCategories...) {
		if c.isISCO() && c.Code != "" {
			it.ISCO08 = firstNonEmpty(it.ISCO08, string(c.Code))
			continue
		}
		it.Categories = append(it.Categories, string(firstText(c.Name, c.Code)))
	}
	for _, c := range append(append(list[hrCode](nil), p.CareerLevels...), top.CareerLevels...) {
		it.Experience = firstNonEmpty(it.Experience, string(firstText(c.Name, c.Code)))
	}
	return it
}

// hiringOrganization names the employer: the hiring organisation, else a position
// organisation that is not a department, else any.
func hiringOrganization(profiles ...*hrProfile) string {
	for _, p := range profiles {
		for _, l := range []list[hrOrg]{p.HiringOrganization, p.HiringOrganizations} {
			for _, o := range l {
				if n := firstText(o.Name, o.LegalName); n != "" {
					return string(n)
				}
			}
		}
	}
	for _, departments := range []bool{false, true} {
		for _, p := range profiles {
			for _, o := range p.PositionOrganizations {
				isDept := strings.EqualFold(string(o.ResponsibilityCode), "department")
				if n := firstText(o.Name, o.LegalName); n != "" && isDept == departments {
					return string(n)
				}
			}
		}
	}
	return ""
}

func firstLocation(lists ...list[hrLocation]) *hrLocation {
	for _, l := range lists {
		for i := range l {
			a, b := l[i].Address, l[i].hrAddress
			if a != (hrAddress{}) || b != (hrAddress{}) {
				return &l[i]
			}
		}
	}
	return nil
}
