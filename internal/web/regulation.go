package web

import (
	"cmp"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/audit"
	"mobilite/internal/ref"
	"mobilite/internal/regulation"
)

// The public side of the regulation registers: checking an agency's licence before paying
// anyone, filing a complaint without an account, and following it with its secret link.

const agenciesPerPage = 20

// agencyView is an agency with the state of its licence today, in the words the pages use.
type agencyView struct {
	*mobilite.Agency
	Status     mobilite.LicenceStatus
	Valid      bool
	Expiry     time.Time // the expiry in force today
	Since      time.Time // when the licence was suspended or revoked, or expired
	Reason     string    // of the suspension or revocation
	RegionName string
}

func (s *Server) agencyView(a *mobilite.Agency, regions map[string]string) agencyView {
	today := s.regulation.Today()
	v := agencyView{Agency: a, Status: regulation.StatusAt(a.Events, today), Expiry: regulation.ExpiryAt(a.Events, today),
		RegionName: regions[a.Region]}
	v.Valid = v.Status == mobilite.LicenceValid
	switch v.Status {
	case mobilite.LicenceSuspended, mobilite.LicenceRevoked:
		for _, e := range a.Events {
			if !e.Date.After(today) && string(v.Status) == e.Kind {
				v.Since, v.Reason = e.Date, e.Reason
			}
		}
	case mobilite.LicenceExpired:
		v.Since = v.Expiry
	}
	return v
}

// agencies is the public "check before you pay" page: the register, searched by name or
// licence number, each agency with its status in plain words.
func (s *Server) agencies(w http.ResponseWriter, r *http.Request) {
	q := strings.TrimSpace(r.URL.Query().Get("q"))
	if utf8.RuneCountInString(q) > 100 {
		q = string([]rune(q)[:100])
	}
	n := pageNumber(r)
	list, total, err := s.regulation.Search(r.Context(), q, "", (n-1)*agenciesPerPage, agenciesPerPage)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "agency.search.title")
	d.Nav = "agencies"
	d.Form.Set("q", q)
	regions := s.regionNames()
	views := make([]agencyView, len(list))
	for i, a := range list {
		views[i] = s.agencyView(a, regions)
	}
	report := "/plaintes/nouvelle?" + url.Values{"agence": {q}, "categorie": {mobilite.ComplaintUnlicensed}}.Encode()
	d.Data = map[string]any{"Query": q, "Agencies": views, "Total": total, "Pager": newPager(r, n, agenciesPerPage, total),
		"Report": report}
	s.render(w, r, "agencies", d)
}

// agency is the public page of one agency: its licence's status and history.
func (s *Server) agency(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var a *mobilite.Agency
	if err == nil {
		a, err = s.store.FindAgency(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "agency.search.title")
	d.Title = a.Name
	d.Nav = "agencies"
	d.Data = map[string]any{"Agency": s.agencyView(a, s.regionNames()),
		"Report": "/plaintes/nouvelle?" + url.Values{"agence": {a.Licence}}.Encode()}
	s.render(w, r, "agency", d)
}

// countryOption is a country of a select, named in the page's language.
type countryOption struct{ Code, Name string }

// frequentDestinations open the list of destinations: the countries Togolese workers leave for
// most, and those where complaints come from.
var frequentDestinations = []string{"CIV", "GHA", "NGA", "BEN", "SEN", "FRA", "DEU", "BEL", "CAN", "USA", "QAT", "SAU",
	"ARE", "KWT", "OMN", "LBN", "JOR", "MAR", "LBY", "DZA"}

// destinations lists the frequent destinations, then every country, by name in lang.
func (s *Server) destinations(lang string) (frequent, all []countryOption) {
	name := func(c ref.Country) string {
		if lang == "fr" {
			return c.NameFR
		}
		return c.NameEN
	}
	for _, code := range frequentDestinations {
		if c, ok := s.ref.Country(code); ok {
			frequent = append(frequent, countryOption{c.Alpha3, name(c)})
		}
	}
	for _, c := range s.ref.Countries() {
		all = append(all, countryOption{c.Alpha3, name(c)})
	}
	slices.SortFunc(frequent, func(a, b countryOption) int { return cmp.Compare(ref.Fold(a.Name), ref.Fold(b.Name)) })
	slices.SortStableFunc(all, func(a, b countryOption) int { return cmp.Compare(ref.Fold(a.Name), ref.Fold(b.Name)) })
	return frequent, all
}

func (s *Server) complaintFormData(lang string) map[string]any {
	frequent, all := s.destinations(lang)
	return map[string]any{"Categories": mobilite.ComplaintCategories, "Frequent": frequent, "Countries": all}
}

// complaintForm is the public complaint form; ?agence= and ?categorie= fill it from the agency
// pages.
func (s *Server) complaintForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "complaint.new.title")
	d.Nav = "complaint"
	q := r.URL.Query()
	if a := strings.TrimSpace(q.Get("agence")); utf8.RuneCountInString(a) <= 160 {
		d.Form.Set("agency", a)
	}
	if c := q.Get("categorie"); slices.Contains(mobilite.ComplaintCategories, c) {
		d.Form.Set("category", c)
	}
	d.Data = s.complaintFormData(d.Lang)
	s.render(w, r, "complaint_form", d)
}

// complaintFile records a complaint and sends the complainant to its follow-up page, whose
// link holds the secret code.
func (s *Server) complaintFile(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	in := regulation.ComplaintInput{Category: form.Get("category"), Agency: form.Get("agency"), Destination: form.Get("destination"),
		Sex: form.Get("sex"), Account: form.Get("account"), ContactName: form.Get("contact_name"),
		ContactPhone: form.Get("contact_phone"), ContactEmail: form.Get("contact_email"), Consent: form.Get("consent") == "1"}
	c, code, err := s.regulation.File(r.Context(), access.User(r.Context()), in, audit.IP(r.Context()))
	if err != nil {
		if mobilite.ErrorCode(err) == mobilite.ETHROTTLED {
			d := s.page(r, "complaint.new.title")
			d.Nav, d.Form, d.Status = "complaint", form, http.StatusTooManyRequests
			d.setErr(err)
			d.Data = s.complaintFormData(d.Lang)
			s.render(w, r, "complaint_form", d)
			return
		}
		if d := s.formError(w, r, "complaint.new.title", "complaint", form, err); d != nil {
			d.Data = s.complaintFormData(d.Lang)
			s.render(w, r, "complaint_form", d)
		}
		return
	}
	s.flash(w, r, "flash.complaint_filed")
	redirect(w, r, followPath(c.Reference, code))
}

// followPath is the secret follow-up link of a complaint (path and query).
func followPath(reference, code string) string {
	return "/plaintes/suivi?" + url.Values{"ref": {reference}, "code": {code}}.Encode()
}

// complaintFollow shows a complaint's status and answer to whoever holds its reference and
// code, and nothing else of it; without them, the form to type them.
func (s *Server) complaintFollow(w http.ResponseWriter, r *http.Request) {
	// The link is a secret: no copy in caches, and none in the Referer of the next page.
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	d := s.page(r, "complaint.follow.title")
	d.Nav = "complaint"
	q := r.URL.Query()
	reference, code := strings.TrimSpace(q.Get("ref")), strings.TrimSpace(q.Get("code"))
	d.Form.Set("ref", reference)
	d.Form.Set("code", code)
	if reference == "" && code == "" {
		s.render(w, r, "complaint_follow", d)
		return
	}
	c, err := s.regulation.Follow(r.Context(), reference, code)
	if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
		d.Status = http.StatusNotFound
		d.Alert = d.p.T("complaint.follow.not_found")
		s.render(w, r, "complaint_follow", d)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Data = map[string]any{"Reference": c.Reference, "Code": code, "Status": c.Status, "ReferredTo": c.ReferredTo,
		"Answer": c.PublicAnswer, "ReceivedAt": c.ReceivedAt, "UpdatedAt": c.UpdatedAt,
		"Link": s.baseURL(r) + followPath(c.Reference, code)}
	s.render(w, r, "complaint_follow", d)
}
