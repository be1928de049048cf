package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/flows"
	"mobilite/internal/regulation"
)

// The labour inspectors' side of the regulation registers: the licence register of private
// recruitment agencies, the queue of complaints, and the departures through agencies whose
// licence was not valid. Every write goes through the regulation
// service, which records it in the audit log.

const inspectionPerPage = 30

// inspectionAgencies lists the register for staff, with each licence's status today.
func (s *Server) inspectionAgencies(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	region := q.Get("region")
	if _, ok := s.ref.Region(region); !ok {
		region = ""
	}
	n := pageNumber(r)
	list, total, err := s.regulation.Search(r.Context(), q.Get("q"), region, (n-1)*inspectionPerPage, inspectionPerPage)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "inspection.agencies.title")
	d.Nav = "inspection"
	d.Form.Set("q", q.Get("q"))
	d.Form.Set("region", region)
	regions := s.regionNames()
	views := make([]agencyView, len(list))
	for i, a := range list {
		views[i] = s.agencyView(a, regions)
	}
	d.Data = map[string]any{"Agencies": views, "Pager": newPager(r, n, inspectionPerPage, total), "Regions": s.ref.Regions()}
	s.render(w, r, "inspection_agencies", d)
}

// agencyFormData holds what the agency page of staff shows besides the form.
func (s *Server) agencyFormData(a *mobilite.Agency) map[string]any {
	data := map[string]any{"Regions": s.ref.Regions()}
	if a != nil {
		v := s.agencyView(a, s.regionNames())
		data["Agency"] = v
		data["Kinds"] = regulation.EventsAllowed(v.Status)
	}
	return data
}

func (s *Server) agencyNewForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "inspection.agency.new")
	d.Nav = "inspection"
	d.Data = s.agencyFormData(nil)
	s.render(w, r, "inspection_agency", d)
}

func agencyInput(f url.Values) regulation.AgencyInput {
	return regulation.AgencyInput{Name: f.Get("name"), Licence: f.Get("licence"), Region: f.Get("region"), Address: f.Get("address"),
		Phone: f.Get("phone"), Email: f.Get("email"), GrantedOn: f.Get("granted_on"), ExpiresOn: f.Get("expires_on")}
}

func (s *Server) agencyCreate(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	a, err := s.regulation.CreateAgency(r.Context(), access.User(r.Context()), agencyInput(form), mobilite.RegulationFromForm)
	if err != nil {
		if d := s.formError(w, r, "inspection.agency.new", "inspection", form, err); d != nil {
			d.Data = s.agencyFormData(nil)
			s.render(w, r, "inspection_agency", d)
		}
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/inspection/agences/"+strconv.FormatInt(a.ID, 10))
}

// findAgency reads the agency of the path.
func (s *Server) findAgency(r *http.Request) (*mobilite.Agency, error) {
	id, err := pathID(r)
	if err != nil {
		return nil, err
	}
	return s.store.FindAgency(r.Context(), id)
}

// agencyFields fills a form with an agency's fields.
func agencyFields(form url.Values, a *mobilite.Agency) {
	for k, v := range map[string]string{"name": a.Name, "licence": a.Licence, "region": a.Region, "address": a.Address,
		"phone": a.Phone, "email": a.Email} {
		form.Set(k, v)
	}
}

// agencyEditForm shows an agency to staff: its fields to correct, its history, and the form of
// the next event of its licence.
func (s *Server) agencyEditForm(w http.ResponseWriter, r *http.Request) {
	a, err := s.findAgency(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "inspection.agency.edit")
	d.Nav = "inspection"
	agencyFields(d.Form, a)
	d.Form.Set("date", s.regulation.Today().Format("2006-01-02"))
	d.Data = s.agencyFormData(a)
	s.render(w, r, "inspection_agency", d)
}

func (s *Server) agencyUpdate(w http.ResponseWriter, r *http.Request) {
	a, err := s.findAgency(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	if _, err := s.regulation.UpdateAgency(r.Context(), access.User(r.Context()), a.ID, agencyInput(form)); err != nil {
		if d := s.formError(w, r, "inspection.agency.edit", "inspection", form, err); d != nil {
			d.Form.Set("date", s.regulation.Today().Format("2006-01-02"))
			d.Data = s.agencyFormData(a)
			s.render(w, r, "inspection_agency", d)
		}
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/inspection/agences/"+strconv.FormatInt(a.ID, 10))
}

// agencyEvent adds an event to a licence's history: renewal, suspension, reinstatement,
// revocation.
func (s *Server) agencyEvent(w http.ResponseWriter, r *http.Request) {
	a, err := s.findAgency(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	in := regulation.EventInput{Kind: form.Get("kind"), Date: form.Get("date"), ExpiresOn: form.Get("expires_on"), Reason: form.Get("reason")}
	if _, err := s.regulation.AddEvent(r.Context(), access.User(r.Context()), a.ID, in); err != nil {
		if d := s.formError(w, r, "inspection.agency.edit", "inspection", form, err); d != nil {
			// The page holds two forms: the agency's fields come from the record.
			agencyFields(d.Form, a)
			d.Data = s.agencyFormData(a)
			s.render(w, r, "inspection_agency", d)
		}
		return
	}
	s.flash(w, r, "flash.licence_event")
	redirect(w, r, "/inspection/agences/"+strconv.FormatInt(a.ID, 10))
}

// inspectionComplaints is the queue of complaints: open ones by default, newest first.
func (s *Server) inspectionComplaints(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := mobilite.ComplaintFilter{}
	status := q.Get("status")
	switch {
	case status == "all":
	case slices.Contains(mobilite.ComplaintStatuses, status):
		f.Statuses = []string{status}
	default:
		status, f.Statuses = "open", mobilite.ComplaintOpenStatuses
	}
	if c := q.Get("category"); slices.Contains(mobilite.ComplaintCategories, c) {
		f.Category = c
	}
	var agency *mobilite.Agency
	if id, err := strconv.ParseInt(q.Get("agency"), 10, 64); err == nil && id > 0 {
		if agency, err = s.store.FindAgency(r.Context(), id); err != nil {
			s.fail(w, r, err)
			return
		}
		f.AgencyID = id
	}
	n := pageNumber(r)
	f.Offset, f.Limit = (n-1)*inspectionPerPage, inspectionPerPage
	list, total, err := s.store.FindComplaints(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "inspection.complaints.title")
	d.Nav = "inspection"
	d.Form.Set("status", status)
	d.Form.Set("category", f.Category)
	d.Data = map[string]any{"Complaints": list, "Total": total, "Pager": newPager(r, n, inspectionPerPage, total),
		"Statuses": mobilite.ComplaintStatuses, "Categories": mobilite.ComplaintCategories, "Agency": agency}
	s.render(w, r, "inspection_complaints", d)
}

// complaintData holds what the complaint page of staff shows.
func (s *Server) complaintData(ctx context.Context, c *mobilite.Complaint, lang string) map[string]any {
	data := map[string]any{"Complaint": c, "Next": regulation.NextStatuses(c.Status), "Referrals": mobilite.ComplaintReferrals}
	if country, ok := s.ref.Country(c.Destination); ok {
		data["Destination"] = map[bool]string{true: country.NameFR, false: country.NameEN}[lang == "fr"]
	}
	if c.FiledBy != 0 {
		if u, err := s.store.FindUserByID(ctx, c.FiledBy); err == nil {
			data["FiledBy"] = u.Name
		}
	}
	return data
}

// inspectionComplaint shows a complaint to an inspector; reading contact details is logged.
func (s *Server) inspectionComplaint(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var c *mobilite.Complaint
	if err == nil {
		c, err = s.regulation.Read(r.Context(), access.User(r.Context()), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "inspection.complaint.title")
	d.Title = c.Reference
	d.Nav = "inspection"
	d.Form.Set("status", c.Status)
	d.Form.Set("referred_to", c.ReferredTo)
	d.Form.Set("public_answer", c.PublicAnswer)
	d.Data = s.complaintData(r.Context(), c, d.Lang)
	s.render(w, r, "inspection_complaint", d)
}

// complaintUpdate changes a complaint's status, answer or notes.
func (s *Server) complaintUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	u := access.User(r.Context())
	ch := regulation.Change{Status: form.Get("status"), ReferredTo: form.Get("referred_to"),
		PublicAnswer: form.Get("public_answer"), Note: form.Get("note")}
	if _, err := s.regulation.Update(r.Context(), u, id, ch); err != nil {
		d := s.formError(w, r, "inspection.complaint.title", "inspection", form, err)
		if d == nil {
			return
		}
		c, rerr := s.regulation.Read(r.Context(), u, id)
		if rerr != nil {
			s.fail(w, r, rerr)
			return
		}
		d.Title = c.Reference
		d.Data = s.complaintData(r.Context(), c, d.Lang)
		s.render(w, r, "inspection_complaint", d)
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/inspection/plaintes/"+strconv.FormatInt(id, 10))
}

// flaggedRow is a departure of the inspection's list.
type flaggedRow struct {
	Date        time.Time
	Destination string
	Licence     string
	Agency      *mobilite.Agency
	Status      string // catalogue key of the licence's status on the day
}

// inspectionDepartures lists the departures through agencies whose licence was unknown or not
// valid on the day, for a period (?from=, ?to=, dates; the last twelve months by default).
func (s *Server) inspectionDepartures(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "inspection.departures.title")
	d.Nav = "inspection"
	q := r.URL.Query()
	today := regulation.Day(s.now())
	from, to := today.AddDate(-1, 0, 0), today
	var p mobilite.Problems
	for _, f := range []struct {
		name string
		day  *time.Time
	}{{"from", &from}, {"to", &to}} {
		v := strings.TrimSpace(q.Get(f.name))
		if v == "" {
			continue
		}
		t, err := time.Parse("2006-01-02", v)
		if err != nil || t.Year() < 1950 || t.Year() > 2100 {
			p.Add(f.name, "inspection.departures.date_invalid")
			continue
		}
		*f.day = t
	}
	if !from.Before(to.AddDate(0, 0, 1)) {
		p.Add("to", "inspection.departures.order")
		from, to = today.AddDate(-1, 0, 0), today
	}
	if err := p.Err(); err != nil {
		d.setErr(err) // the list is still shown, for the period it could read
		d.Status = http.StatusUnprocessableEntity
	}
	d.Form.Set("from", q.Get("from"))
	d.Form.Set("to", q.Get("to"))
	list, more, err := s.flows.FlaggedDepartures(r.Context(), access.User(r.Context()), from, to.AddDate(0, 0, 1))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := make([]flaggedRow, len(list))
	for i, f := range list {
		rows[i] = flaggedRow{Date: f.Departure.Date, Destination: s.countryName(d.Lang, f.Departure.Destination),
			Licence: f.Departure.AgencyLicence, Agency: f.Agency, Status: "inspection.departures.unknown"}
		if f.Agency != nil {
			rows[i].Status = "agency.status." + string(f.Status)
		}
	}
	d.Data = map[string]any{"Rows": rows, "More": more, "From": from, "To": to, "Max": flows.MaxFlaggedScan}
	s.render(w, r, "inspection_departures", d)
}
