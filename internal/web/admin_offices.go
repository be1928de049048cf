package web

import (
	"net/http"
	"net/url"
	"strconv"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/office"
)

func (s *Server) officesList(w http.ResponseWriter, r *http.Request) {
	offices, err := s.store.FindOffices(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "offices.title")
	d.Nav = "admin"
	d.Data = map[string]any{"Offices": offices, "Regions": s.regionNames()}
	s.render(w, r, "offices", d)
}

// officeFormData holds the choices of the office form.
func (s *Server) officeFormData(o *mobilite.Office) map[string]any {
	return map[string]any{"Office": o, "Regions": s.ref.Regions(), "Countries": s.ref.Countries()}
}

func (s *Server) officeNewForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "offices.new")
	d.Nav = "admin"
	d.Form.Set("country", "TGO")
	d.Form.Set("active", "1")
	d.Data = s.officeFormData(nil)
	s.render(w, r, "office_form", d)
}

func officeInput(f url.Values) office.Input {
	return office.Input{Code: f.Get("code"), Name: f.Get("name"), Region: f.Get("region"), Country: f.Get("country"),
		Town: f.Get("town"), Address: f.Get("address"), Phone: f.Get("phone"), Email: f.Get("email"), Active: f.Get("active") == "1"}
}

func (s *Server) officeCreate(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	o, err := s.offices.Create(r.Context(), access.User(r.Context()), officeInput(form))
	if err != nil {
		s.officeFormError(w, r, "offices.new", nil, form, err)
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/admin/bureaux/"+strconv.FormatInt(o.ID, 10))
}

func (s *Server) officeFormError(w http.ResponseWriter, r *http.Request, title string, o *mobilite.Office, form url.Values, err error) {
	d := s.formError(w, r, title, "admin", form, err)
	if d == nil {
		return
	}
	d.Data = s.officeFormData(o)
	s.render(w, r, "office_form", d)
}

func (s *Server) officeEditForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var o *mobilite.Office
	if err == nil {
		o, err = s.store.FindOfficeByID(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "offices.edit")
	d.Nav = "admin"
	for k, v := range map[string]string{"code": o.Code, "name": o.Name, "region": o.Region, "country": o.Country,
		"town": o.Town, "address": o.Address, "phone": o.Phone, "email": o.Email} {
		d.Form.Set(k, v)
	}
	if o.Active {
		d.Form.Set("active", "1")
	}
	d.Data = s.officeFormData(o)
	s.render(w, r, "office_form", d)
}

func (s *Server) officeUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var o *mobilite.Office
	if err == nil {
		o, err = s.store.FindOfficeByID(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	if _, err := s.offices.Update(r.Context(), access.User(r.Context()), id, officeInput(form)); err != nil {
		s.officeFormError(w, r, "offices.edit", o, form, err)
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/admin/bureaux/"+strconv.FormatInt(id, 10))
}
