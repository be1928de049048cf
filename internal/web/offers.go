package web

import (
	"bytes"
	"context"
	"encoding/json"
	"html/template"
	"math"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/audit"
	"mobilite/internal/jobs"
	"mobilite/internal/ref"
)

// offersPerPage is the length of a page of search results: short, for slow connections.
const offersPerPage = 20

// offerRow is an offer in a list, with what the list shows of it.
type offerRow struct {
	*mobilite.Job
	Place    string
	DaysLeft int // -1 when there is no deadline
}

// facetLink is one value of a facet: its label, its count, and the link that applies it.
type facetLink struct {
	Label  string
	Count  int
	URL    string
	Active bool
}

// facetGroup is a facet: a name and its values.
type facetGroup struct {
	Name  string
	Links []facetLink
}

// chip is an active filter with the link that removes it.
type chip struct{ Label, URL string }

// searchData is the data of the search page.
type searchData struct {
	Query    string
	Results  []offerRow
	Total    int
	Pager    Pager
	Facets   []facetGroup
	Chips    []chip
	Sorts    []facetLink
	Params   string // the canonical search, for the feed, the alert and the live updates
	FeedURL  string // the Atom feed of the search
	LastID   int64
	Problems []string
}

// place names an offer's city and country in the reader's language.
func (s *Server) place(lang string, j *mobilite.Job) string {
	country := ""
	if c, ok := s.ref.Country(j.Country); ok {
		country = c.NameEN
		if lang == "fr" {
			country = c.NameFR
		}
	}
	switch {
	case j.City != "" && country != "":
		return j.City + ", " + country
	case j.City != "":
		return j.City
	}
	return country
}

// daysLeft counts the days to a deadline (-1 for none).
func daysLeft(deadline, now time.Time) int {
	if deadline.IsZero() {
		return -1
	}
	return int(math.Max(0, math.Ceil(deadline.Sub(now).Hours()/24)))
}

// withParam returns the search link with one parameter set (or removed when value is "") and no page.
func withParam(v url.Values, key, value string) string {
	c := url.Values{}
	for k, xs := range v {
		if k != "page" && k != key {
			c[k] = xs
		}
	}
	if value != "" {
		c.Set(key, value)
	}
	if len(c) == 0 {
		return "/offres"
	}
	return "/offres?" + c.Encode()
}

// offers is the search page: full text, filters with counts, sorting, pagination.
func (s *Server) offers(w http.ResponseWriter, r *http.Request) {
	v := cleanForm(r.URL.Query())
	now := s.now()
	q, problems := jobs.ParseQuery(s.ref, v, now)
	q.Status = "" // the page shows open offers; closed ones are reached by their address
	n := pageNumber(r)
	q.Offset, q.Limit, q.Facets = (n-1)*offersPerPage, offersPerPage, true
	res, err := s.jobs.Store.SearchJobs(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "offers.title")
	d.Nav = "offers"
	d.Form = v
	lastID, err := s.lastJobID(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// A visitor without an account, a kiosk or a message to show gets the page rendered for
	// the same answer, if it was kept (jobs.Pages).
	cacheKey := ""
	if _, err := r.Cookie(flashCookie); err == http.ErrNoCookie && d.User == nil && d.Kiosk == nil {
		cacheKey = d.Lang + "\x00" + r.URL.RequestURI()
		if body := s.jobs.Pages.Get(cacheKey, res, lastID); body != nil {
			writePage(w, d, body)
			return
		}
	}
	sd := &searchData{Query: q.Text, Total: res.Total, Pager: newPager(r, n, offersPerPage, res.Total),
		Params: jobs.Canonical(v), LastID: lastID}
	sd.FeedURL = "/offres/flux.atom"
	if sd.Params != "" {
		sd.FeedURL += "?" + sd.Params
	}
	for _, f := range mobilite.ErrorFields(problems.Err()) {
		// The page searches without the filter it could not read, and says so.
		sd.Problems = append(sd.Problems, d.p.T("search.ignored", "problem", d.p.T(f.Key)))
	}
	for _, j := range res.Items {
		sd.Results = append(sd.Results, offerRow{Job: j, Place: s.place(d.Lang, j), DaysLeft: daysLeft(j.Deadline, now)})
	}
	if res.Facets != nil {
		sd.Facets = s.facetGroups(r, d, v, res.Facets)
	}
	sd.Chips = s.chips(d, v)
	for _, sort := range []string{"relevance", "newest", "closing"} {
		cur := v.Get("sort")
		if cur == "" {
			cur = "relevance"
		}
		value := sort
		if sort == "relevance" {
			value = ""
		}
		sd.Sorts = append(sd.Sorts, facetLink{Label: d.p.T("offers.sort." + sort), URL: withParam(v, "sort", value), Active: cur == sort})
	}
	d.Data = sd
	t := s.tpl[d.Lang]["offers"]
	if cacheKey == "" || t == nil {
		s.render(w, r, "offers", d)
		return
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		s.log.Error("web: render", "template", "offers", "err", err)
		http.Error(w, d.p.T("error.internal"), http.StatusInternalServerError)
		return
	}
	s.jobs.Pages.Put(cacheKey, res, lastID, buf.Bytes())
	writePage(w, d, buf.Bytes())
}

// writePage answers a page rendered beforehand, as render does.
func writePage(w http.ResponseWriter, d *Page, body []byte) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", d.Lang)
	_, _ = w.Write(body)
}

// facetGroups builds the filter lists from the counts.
func (s *Server) facetGroups(r *http.Request, d *Page, v url.Values, f *mobilite.JobFacets) []facetGroup {
	var groups []facetGroup
	// Regions of the world, summed from the countries.
	byRegion := map[string]int{}
	for _, c := range f.Countries {
		byRegion[s.ref.WorldRegion(c.Value)] += c.Count
	}
	g := facetGroup{Name: d.p.T("offers.facet.region")}
	for _, reg := range ref.WorldRegions {
		if byRegion[reg] > 0 || v.Get("region") == reg {
			g.Links = append(g.Links, facetLink{Label: d.p.T("region." + reg), Count: byRegion[reg], URL: withParam(v, "region", reg), Active: v.Get("region") == reg})
		}
	}
	groups = append(groups, g)
	g = facetGroup{Name: d.p.T("offers.facet.country")}
	for i, c := range f.Countries {
		if i == 15 {
			break
		}
		label := c.Value
		if country, ok := s.ref.Country(c.Value); ok {
			label = map[bool]string{true: country.NameFR, false: country.NameEN}[d.Lang == "fr"]
		}
		g.Links = append(g.Links, facetLink{Label: label, Count: c.Count, URL: withParam(v, "country", c.Value), Active: v.Get("country") == c.Value})
	}
	groups = append(groups, g)
	g = facetGroup{Name: d.p.T("offers.facet.isco")}
	for _, c := range f.ISCOMajor {
		label := c.Value
		if o, ok := s.ref.Occupation(c.Value); ok {
			label = map[bool]string{true: o.TitleFR, false: o.TitleEN}[d.Lang == "fr"]
		}
		g.Links = append(g.Links, facetLink{Label: label, Count: c.Count, URL: withParam(v, "isco", c.Value), Active: v.Get("isco") == c.Value})
	}
	groups = append(groups, g)
	g = facetGroup{Name: d.p.T("offers.facet.type")}
	for _, c := range f.Contracts {
		g.Links = append(g.Links, facetLink{Label: d.p.T("contract." + c.Value), Count: c.Count, URL: withParam(v, "type", c.Value), Active: v.Get("type") == c.Value})
	}
	groups = append(groups, g)
	if names, err := s.orgNames(r); err == nil {
		g = facetGroup{Name: d.p.T("offers.facet.org")}
		for _, c := range f.Orgs {
			g.Links = append(g.Links, facetLink{Label: names[c.Value], Count: c.Count, URL: withParam(v, "org", c.Value), Active: v.Get("org") == c.Value})
		}
		groups = append(groups, g)
	}
	g = facetGroup{Name: d.p.T("offers.facet.deadline")}
	for _, c := range f.Deadline {
		if c.Value == "none" || (c.Count == 0 && v.Get("deadline") != c.Value) {
			continue
		}
		g.Links = append(g.Links, facetLink{Label: d.p.T("offers.deadline." + c.Value), Count: c.Count, URL: withParam(v, "deadline", c.Value), Active: v.Get("deadline") == c.Value})
	}
	groups = append(groups, g)
	g = facetGroup{Name: d.p.T("offers.facet.lang")}
	for _, c := range f.Languages {
		g.Links = append(g.Links, facetLink{Label: d.p.T("lang." + c.Value), Count: c.Count, URL: withParam(v, "lang", c.Value), Active: v.Get("lang") == c.Value})
	}
	groups = append(groups, g)
	g = facetGroup{Name: d.p.T("offers.facet.posted")}
	for _, days := range []string{"1", "7", "30"} {
		g.Links = append(g.Links, facetLink{Label: d.p.T("offers.posted." + days), Count: -1, URL: withParam(v, "posted", days), Active: v.Get("posted") == days})
	}
	groups = append(groups, g)
	var out []facetGroup
	for _, g := range groups {
		if len(g.Links) > 0 {
			out = append(out, g)
		}
	}
	return out
}

// orgNames maps organisation ids (as text) to names. The map is kept for a minute: the search
// page needs it on every request, and organisations change rarely.
func (s *Server) orgNames(r *http.Request) (map[string]string, error) {
	s.orgMu.Lock()
	defer s.orgMu.Unlock()
	if s.orgMap != nil && time.Since(s.orgAt) < time.Minute {
		return s.orgMap, nil
	}
	orgs, err := s.store.FindOrganizations(r.Context())
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(orgs))
	for _, o := range orgs {
		m[strconv.FormatInt(o.ID, 10)] = o.Name
	}
	s.orgMap, s.orgAt = m, time.Now()
	return m, nil
}

// chips lists the active filters with the links that remove them.
func (s *Server) chips(d *Page, v url.Values) []chip {
	var out []chip
	for _, k := range []string{"region", "country", "isco", "type", "org", "deadline", "lang", "posted", "since"} {
		val := v.Get(k)
		if val == "" {
			continue
		}
		label := ""
		switch k {
		case "region":
			if len(s.ref.CountriesIn(val)) > 0 {
				label = d.p.T("region." + val)
			}
		case "country":
			if a3, ok := s.ref.ResolveCountry(val); ok {
				c, _ := s.ref.Country(a3)
				label = map[bool]string{true: c.NameFR, false: c.NameEN}[d.Lang == "fr"]
			}
		case "isco":
			if o, ok := s.ref.Occupation(val); ok {
				label = map[bool]string{true: o.TitleFR, false: o.TitleEN}[d.Lang == "fr"]
			}
		case "type":
			for _, c := range mobilite.ContractTypes {
				if c == val {
					label = d.p.T("contract." + val)
				}
			}
		case "deadline":
			if val == "7" || val == "30" {
				label = d.p.T("offers.deadline." + val)
			}
		case "lang":
			if val == "fr" || val == "en" {
				label = d.p.T("lang." + val)
			}
		case "posted":
			if val == "1" || val == "7" || val == "30" {
				label = d.p.T("offers.posted." + val)
			}
		case "org", "since":
			label = d.p.T("offers.facet." + map[string]string{"org": "org", "since": "posted"}[k])
		}
		if label == "" {
			continue // a filter that could not be read is named in the notices, not offered as a chip
		}
		out = append(out, chip{Label: label, URL: withParam(v, k, "")})
	}
	return out
}

// offerData is the data of an offer's page.
type offerData struct {
	Job       *mobilite.Job
	Place     string
	DaysLeft  int
	URL       string
	ShareText string
	JSONLD    template.JS
	Reasons   []string
	Staff     bool
	Flags     []flagView
	// For a registered seeker: whether they can mark the offer applied, and what they recorded.
	Registered bool
	Applied    string
}

// flagView is a fair-recruitment flag as the page explains it.
type flagView struct{ Title, Explain, Evidence string }

// offer is an offer's page. Held and rejected offers are seen only by staff and their partner.
func (s *Server) offer(w http.ResponseWriter, r *http.Request) {
	j, err := s.visibleOffer(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderOffer(w, r, j, s.page(r, "offers.title"))
}

// visibleOffer loads the offer of the path if the user may see it; ENOTFOUND otherwise.
func (s *Server) visibleOffer(r *http.Request) (*mobilite.Job, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	j, err := s.jobs.Store.FindJobByID(r.Context(), id)
	if err != nil {
		return nil, err
	}
	u := access.User(r.Context())
	visible := j.Status == mobilite.JobOpen || j.Status == mobilite.JobClosed
	if !visible && (u == nil || !(u.Role.Staff() || u.ID == j.PartnerID)) {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "web: offer %d is %s", id, j.Status)
	}
	return j, nil
}

// renderOffer draws an offer's page with d (which may carry a form error).
func (s *Server) renderOffer(w http.ResponseWriter, r *http.Request, j *mobilite.Job, d *Page) {
	u := access.User(r.Context())
	now := s.now()
	if j.Status == mobilite.JobOpen && !j.Open(now) {
		j.Status, j.CloseReason = mobilite.JobClosed, mobilite.CloseDeadline // closed by the next run of the task
	}
	d.Title = j.Title
	d.Nav = "offers"
	od := &offerData{Job: j, Place: s.place(d.Lang, j), DaysLeft: daysLeft(j.Deadline, now),
		URL: s.baseURL(r) + "/offres/" + strconv.FormatInt(j.ID, 10), Reasons: jobs.ReportReasons,
		Staff: u != nil && u.Role.Staff()}
	od.ShareText = j.Title + " — " + j.Organization + " " + od.URL
	for _, f := range j.Flags {
		od.Flags = append(od.Flags, flagView{Title: d.p.T("fairrec." + f.Rule + ".title"), Explain: d.p.T("fairrec." + f.Rule + ".explain"), Evidence: f.Evidence})
	}
	if j.Status == mobilite.JobOpen {
		od.JSONLD = s.jobPostingLD(j, od.URL)
	}
	if u != nil && u.Role == mobilite.RoleSeeker {
		if sk, err := s.store.FindSeekerByUser(r.Context(), u.ID); err == nil {
			od.Registered = true
			if a, err := s.store.FindApplicationFor(r.Context(), sk.ID, j.ID); err == nil {
				od.Applied = a.Status
			}
		}
	}
	d.Data = od
	s.render(w, r, "offer", d)
}

// jobPostingLD is the schema.org JobPosting of an offer, so that search engines index it.
func (s *Server) jobPostingLD(j *mobilite.Job, pageURL string) template.JS {
	ld := map[string]any{
		"@context":           "https://schema.org",
		"@type":              "JobPosting",
		"title":              j.Title,
		"description":        j.Description,
		"datePosted":         j.PublishedAt.Format("2006-01-02"),
		"url":                pageURL,
		"identifier":         map[string]any{"@type": "PropertyValue", "name": "Mobilité", "value": strconv.FormatInt(j.ID, 10)},
		"hiringOrganization": map[string]any{"@type": "Organization", "name": j.Organization},
	}
	if !j.Deadline.IsZero() {
		ld["validThrough"] = j.Deadline.Format(time.RFC3339)
	}
	if t := map[string]string{mobilite.ContractEmployment: "FULL_TIME", mobilite.ContractConsultancy: "CONTRACTOR",
		mobilite.ContractInternship: "INTERN", mobilite.ContractVolunteer: "VOLUNTEER"}[j.Contract]; t != "" {
		ld["employmentType"] = t
	}
	if c, ok := s.ref.Country(j.Country); ok {
		ld["jobLocation"] = map[string]any{"@type": "Place", "address": map[string]any{"@type": "PostalAddress",
			"addressLocality": j.City, "addressCountry": c.Alpha2}}
	}
	b, err := json.Marshal(ld) // escapes <, > and & inside strings, so the script cannot be closed early
	if err != nil {
		return ""
	}
	return template.JS(b)
}

// report records a report of an offer by anyone, then comes back to the offer.
func (s *Server) report(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	err = s.jobs.Report(r.Context(), access.User(r.Context()), id, form.Get("reason"), form.Get("comment"), audit.IP(r.Context()))
	if err != nil {
		if code := mobilite.ErrorCode(err); code == mobilite.EINVALID || code == mobilite.ETHROTTLED {
			d := s.page(r, "report.title")
			d.Status = statusOf(code)
			d.setErr(err)
			d.Form = form
			d.Data = map[string]any{"ID": id, "Reasons": jobs.ReportReasons}
			s.render(w, r, "report", d)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.reported")
	redirect(w, r, "/offres/"+strconv.FormatInt(id, 10))
}

// correctISCO sets an offer's occupation on behalf of staff (the correction wins over suggestions).
func (s *Server) correctISCO(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	if _, err := s.jobs.CorrectISCO(r.Context(), access.User(r.Context()), id, form.Get("isco08")); err != nil {
		if mobilite.ErrorCode(err) != mobilite.EINVALID {
			s.fail(w, r, err)
			return
		}
		j, lerr := s.visibleOffer(r)
		if lerr != nil {
			s.fail(w, r, lerr)
			return
		}
		d := s.page(r, "offers.title")
		d.Status = http.StatusUnprocessableEntity
		d.setErr(err)
		d.Form = form
		s.renderOffer(w, r, j, d)
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/offres/"+strconv.FormatInt(id, 10))
}

// closeOffer closes an offer on behalf of staff.
func (s *Server) closeOffer(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		_, err = s.jobs.CloseByStaff(r.Context(), access.User(r.Context()), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.offer_closed")
	redirect(w, r, "/offres/"+strconv.FormatInt(id, 10))
}

// lastJobID is the greatest offer id, where the page's live stream starts, read at most once a
// second: every search page needs it, and the stream catches anything newer anyway.
func (s *Server) lastJobID(ctx context.Context) (int64, error) {
	s.lastMu.Lock()
	defer s.lastMu.Unlock()
	if time.Since(s.lastAt) < time.Second {
		return s.lastID, nil
	}
	id, err := s.jobs.Store.MaxJobID(ctx)
	if err != nil {
		return 0, err
	}
	s.lastID, s.lastAt = id, time.Now()
	return id, nil
}
