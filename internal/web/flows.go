package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/flows"
)

// flowDeps are the lists the flow forms offer.
func (s *Server) flowDeps() map[string]any {
	return map[string]any{"Countries": s.ref.Countries(), "Regions": s.ref.Regions(), "Educations": s.ref.Educations(),
		"Channels": mobilite.FlowChannels, "ReturnTypes": mobilite.ReturnTypes, "Statuses": mobilite.LabourStatuses,
		"Sections": s.ref.Activities()}
}

// flowsPage lists the latest departures and returns recorded by the counsellor's office.
func (s *Server) flowsPage(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "flows.title")
	d.Nav = "flows"
	u := access.User(r.Context())
	f := mobilite.FlowFilter{Limit: 20}
	if u.Role != mobilite.RoleAdmin {
		f.OfficeID = u.OfficeID
	}
	deps, nDeps, err := s.store.FindDepartures(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rets, nRets, err := s.store.FindReturns(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Data = map[string]any{"Departures": deps, "Returns": rets, "NDepartures": nDeps, "NReturns": nRets, "Statuses": mobilite.LabourStatuses}
	s.render(w, r, "flows", d)
}

// seekerRef reads the seeker field of a flow form: a registration number or an id.
func (s *Server) seekerRef(r *http.Request, v string) int64 {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if id, err := strconv.ParseInt(v, 10, 64); err == nil {
		return id
	}
	if sk, err := s.store.FindSeekerByNumber(r.Context(), v); err == nil {
		return sk.ID
	}
	return -1 // said unknown by the service
}

func personInput(f url.Values) flows.PersonInput {
	in := flows.PersonInput{GivenName: f.Get("given_name"), FamilyName: f.Get("family_name"), Sex: f.Get("sex"),
		BirthDate: f.Get("birth_date"), Nationality: f.Get("nationality"), Region: f.Get("region"), Prefecture: f.Get("prefecture"),
		NationalID: f.Get("national_id")}
	if lvl, err := strconv.Atoi(f.Get("isced_level")); err == nil {
		in.ISCEDLevel = &lvl
	}
	return in
}

func amount(v string) *float64 {
	v = strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(v), " ", ""), ",", ".")
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		f = -1 // refused by the service, at the field
	}
	return &f
}

// departureForm is the counsellor's form of a departure; ?seeker= fills the person.
func (s *Server) departureForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "flows.departure")
	d.Nav = "flows"
	d.Form.Set("seeker", r.URL.Query().Get("seeker"))
	d.Form.Set("nationality", "TGO")
	d.Data = s.flowDeps()
	s.render(w, r, "departure", d)
}

func (s *Server) departureSave(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	months, _ := strconv.Atoi(strings.TrimSpace(form.Get("contract_months")))
	in := flows.DepartureInput{SeekerID: s.seekerRef(r, form.Get("seeker")), Person: personInput(form), Date: form.Get("date"),
		Purpose: form.Get("purpose"), Destination: form.Get("destination"), City: form.Get("city"), Employer: form.Get("employer"),
		ISICSection: form.Get("isic_section"), ISCO08: isco(form.Get("isco08")), Channel: form.Get("channel"),
		AgencyLicence: form.Get("agency_licence"), ContractVerified: form.Get("contract_verified") == "1",
		OrientationAttended: form.Get("orientation_attended") == "1", ContractMonths: months,
		PlannedReturn: form.Get("planned_return"), WorkerCosts: amount(form.Get("worker_costs")),
		FirstMonthlyWage: amount(form.Get("first_monthly_wage")), Currency: form.Get("currency")}
	dep, err := s.flows.RecordDeparture(r.Context(), access.User(r.Context()), mobilite.FlowFromForm, in)
	if err != nil {
		if d := s.formError(w, r, "flows.departure", "flows", form, err); d != nil {
			personErrors(d)
			d.Data = s.flowDeps()
			s.render(w, r, "departure", d)
		}
		return
	}
	if warning, err := s.flows.LicenceWarning(r.Context(), dep); err == nil && warning != "" {
		s.flash(w, r, "flash.departure_saved_licence") // saved; the agency is for the inspection
	} else {
		s.flash(w, r, "flash.departure_saved")
	}
	redirect(w, r, "/conseiller/flux")
}

// personErrors puts the service's errors about the person (person.sex, seeker_id…) at the
// form's fields, which carry the plain names.
func personErrors(d *Page) {
	for k, v := range d.Errors {
		if name, ok := strings.CutPrefix(k, "person."); ok {
			d.Errors[name] = v
		}
	}
	if v, ok := d.Errors["seeker_id"]; ok {
		d.Errors["seeker"] = v
	}
}

// isco reads an occupation typed from the list ("5321 — Aides-soignants") as its code.
func isco(v string) string {
	code, _, _ := strings.Cut(strings.TrimSpace(v), " ")
	return code
}

// returnForm is the counsellor's form of a return; ?departure= or ?seeker= fills the person.
func (s *Server) returnForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "flows.return")
	d.Nav = "flows"
	d.Form.Set("seeker", r.URL.Query().Get("seeker"))
	d.Form.Set("departure_id", r.URL.Query().Get("departure"))
	d.Form.Set("nationality", "TGO")
	d.Data = s.flowDeps()
	s.render(w, r, "return", d)
}

func (s *Server) returnSave(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	months, _ := strconv.Atoi(strings.TrimSpace(form.Get("months_abroad")))
	depID, _ := strconv.ParseInt(strings.TrimSpace(form.Get("departure_id")), 10, 64)
	in := flows.ReturnInput{SeekerID: s.seekerRef(r, form.Get("seeker")), Person: personInput(form), DepartureID: depID,
		Date: form.Get("date"), PreviousCountry: form.Get("previous_country"), MonthsAbroad: months,
		ReturnType: form.Get("return_type"), ISCO08: isco(form.Get("isco08")), Skills: form.Get("skills"),
		Status3M: form.Get("status_3m"), Status6M: form.Get("status_6m"), Status12M: form.Get("status_12m")}
	if _, err := s.flows.RecordReturn(r.Context(), access.User(r.Context()), mobilite.FlowFromForm, in); err != nil {
		if d := s.formError(w, r, "flows.return", "flows", form, err); d != nil {
			personErrors(d)
			d.Data = s.flowDeps()
			s.render(w, r, "return", d)
		}
		return
	}
	s.flash(w, r, "flash.return_saved")
	redirect(w, r, "/conseiller/flux")
}

// followUp records a returnee's situation 3, 6 or 12 months after the return.
func (s *Server) followUp(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	after, _ := strconv.Atoi(form.Get("after"))
	if _, err := s.flows.FollowUp(r.Context(), access.User(r.Context()), id, after, form.Get("status")); err != nil {
		if mobilite.ErrorCode(err) == mobilite.EINVALID {
			s.flash(w, r, "flash.follow_up_invalid")
			redirect(w, r, "/conseiller/flux")
			return
		}
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/conseiller/flux")
}

// flowsImportForm is where licensed agencies, partners and staff upload a file of departures.
func (s *Server) flowsImportForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "flows.import")
	d.Nav = "flows"
	d.Data = importData()
	s.render(w, r, "flows_import", d)
}

func importData() map[string]any {
	return map[string]any{"Columns": flows.TemplateColumns, "ReturnColumns": flows.ReturnColumns}
}

// flowsTemplate downloads the file to fill in.
func (s *Server) flowsTemplate(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="modele-departs.csv"`)
	_, _ = w.Write(flows.Template())
}

// returnsTemplate downloads the returns file to fill in.
func (s *Server) returnsTemplate(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="modele-retours.csv"`)
	_, _ = w.Write(flows.ReturnTemplate())
}

// flowsImport checks a file of departures line by line and loads it when it is clean, or its
// valid lines when the user asked for it.
func (s *Server) flowsImport(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "flows.import")
	d.Nav = "flows"
	data := importData()
	d.Data = data
	file, ok := s.uploadedFile(w, r)
	if !ok {
		d.Status = http.StatusUnprocessableEntity
		d.Alert = d.p.T("flow.file.missing")
		s.render(w, r, "flows_import", d)
		return
	}
	if file == nil {
		return // answered: too large
	}
	defer file.Close()
	load := s.flows.ImportDepartures
	if r.FormValue("kind") == "returns" {
		load = s.flows.ImportReturns
	}
	res, err := load(r.Context(), access.User(r.Context()), file, r.FormValue("load_valid") == "1")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type problem struct {
		Row          int
		Field, Label string
	}
	label := func(list []flows.RowProblem) []problem {
		var out []problem
		for _, p := range list {
			out = append(out, problem{Row: p.Row, Field: p.Field, Label: d.p.T(p.Key)})
		}
		return out
	}
	data["Result"], data["Problems"], data["Warnings"] = res, label(res.Problems), label(res.Warnings)
	if len(res.Problems) > 0 {
		d.Status = http.StatusUnprocessableEntity
	}
	s.render(w, r, "flows_import", d)
}
