package web

import (
	"errors"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/indicators"
	"mobilite/internal/stats"
)

// aggregatesPage lists the data elements and takes a data value file (DHIS2's CSV shape).
func (s *Server) aggregatesPage(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "aggregate.title")
	s.renderAggregates(w, r, d, nil, -1)
}

func (s *Server) renderAggregates(w http.ResponseWriter, r *http.Request, d *Page, problems []indicators.RowError, loaded int) {
	d.Nav = "stats"
	list, err := s.store.FindDataElements(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	type problem struct {
		Row     int
		Column  string
		Message string
	}
	var ps []problem
	for _, p := range problems {
		ps = append(ps, problem{Row: p.Row, Column: p.Column, Message: d.p.T(p.Key)})
	}
	d.Data = map[string]any{"Elements": list, "Problems": ps, "Loaded": loaded}
	s.render(w, r, "aggregates", d)
}

// aggregatesImport checks a data value file and loads it when it has no errors, or its valid
// lines when the user asked for it.
func (s *Server) aggregatesImport(w http.ResponseWriter, r *http.Request) {
	file, ok := s.uploadedFile(w, r)
	if !ok {
		d := s.page(r, "aggregate.title")
		d.Status = http.StatusUnprocessableEntity
		d.Alert = d.p.T("aggregate.file.missing")
		s.renderAggregates(w, r, d, nil, -1)
		return
	}
	if file == nil {
		return // answered: too large
	}
	defer file.Close()
	problems, n, err := s.indicators.ImportValues(r.Context(), access.User(r.Context()), file, r.FormValue("load_valid") == "1")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "aggregate.title")
	if len(problems) > 0 {
		d.Status = http.StatusUnprocessableEntity
	}
	s.renderAggregates(w, r, d, problems, n)
}

// uploadedFile returns the "file" field of a multipart form. A body over the site's limit is
// answered here (413) and gives a nil file with ok true; a form without a file gives ok false.
func (s *Server) uploadedFile(w http.ResponseWriter, r *http.Request) (multipart.File, bool) {
	file, _, err := r.FormFile("file")
	var mbe *http.MaxBytesError
	switch {
	case errors.As(err, &mbe):
		s.tooLarge(w, r)
		return nil, true
	case err != nil:
		return nil, false
	}
	return file, true
}

// aggregateForm is the entry grid of one element for a period and an organisation unit.
func (s *Server) aggregateForm(w http.ResponseWriter, r *http.Request) {
	e, err := s.indicators.Element(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "aggregate.title")
	d.Form.Set("period", r.URL.Query().Get("period"))
	d.Form.Set("org_unit", r.URL.Query().Get("org_unit"))
	if p, u := d.Form.Get("period"), d.Form.Get("org_unit"); p != "" && u != "" {
		values, err := s.store.FindDataValues(r.Context(), e.ID, strings.ToUpper(p))
		if err != nil {
			s.fail(w, r, err)
			return
		}
		for _, v := range values {
			if v.Period == strings.ToUpper(p) && strings.EqualFold(v.OrgUnit, u) {
				d.Form.Set("v_"+v.Category, formatValue("en", v.Value, "count"))
			}
		}
	}
	s.renderAggregateForm(w, r, d, e)
}

func (s *Server) renderAggregateForm(w http.ResponseWriter, r *http.Request, d *Page, e *mobilite.DataElement) {
	d.Nav = "stats"
	d.Title = e.NameFR
	if d.Lang == "en" {
		d.Title = e.NameEN
	}
	type cat struct{ Code, Label string }
	var cats []cat
	for _, c := range indicators.Categories(e) {
		var labels []string
		for _, part := range strings.Split(c, "|") {
			labels = append(labels, stats.Label(part, d.Lang))
		}
		label := strings.Join(labels, " · ")
		if c == "" {
			label = d.p.T("stats.total")
		}
		cats = append(cats, cat{Code: c, Label: label})
	}
	d.Data = map[string]any{"Element": e, "Categories": cats, "Countries": s.ref.Countries(), "Regions": s.ref.Regions()}
	s.render(w, r, "aggregate", d)
}

func (s *Server) aggregateSave(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	e, err := s.indicators.Element(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	typed := map[string]string{}
	for k, v := range form {
		if c, ok := strings.CutPrefix(k, "v_"); ok && len(v) > 0 {
			typed[c] = v[0]
		}
	}
	if _, err := s.indicators.EnterValues(r.Context(), access.User(r.Context()), e.ID, form.Get("period"), form.Get("org_unit"), typed); err != nil {
		if d := s.formError(w, r, "aggregate.title", "stats", form, err); d != nil {
			s.renderAggregateForm(w, r, d, e)
		}
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/donnees-agregees/"+e.ID+"?"+url.Values{"period": {form.Get("period")}, "org_unit": {form.Get("org_unit")}}.Encode())
}
