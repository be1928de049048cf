package web

import (
	"net/http"
	"strings"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/ref"
)

// home is the front page: what the platform is, the offer search box, the agency's offices.
func (s *Server) home(w http.ResponseWriter, r *http.Request) {
	offices, err := s.store.FindOffices(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var open []*mobilite.Office
	for _, o := range offices {
		if o.Active {
			open = append(open, o)
		}
	}
	latest, err := s.jobs.Store.SearchJobs(r.Context(), mobilite.JobQuery{Sort: "newest", Limit: 5, Now: s.now()})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "home.title")
	d.Nav = "home"
	var rows []offerRow
	for _, j := range latest.Items {
		rows = append(rows, offerRow{Job: j, Place: s.place(d.Lang, j), DaysLeft: daysLeft(j.Deadline, s.now())})
	}
	d.Data = map[string]any{"Offices": open, "Regions": s.regionNames(), "Latest": rows, "Total": latest.Total}
	s.render(w, r, "home", d)
}

// regionNames maps region codes to names, for display.
func (s *Server) regionNames() map[string]string {
	m := map[string]string{}
	for _, reg := range s.ref.Regions() {
		m[reg.Code] = reg.Name
	}
	return m
}

// switchLang sets the language cookie and goes back to the page the person was reading.
func (s *Server) switchLang(w http.ResponseWriter, r *http.Request) {
	lang := r.PathValue("lang")
	if !mobilite.ValidLanguage(lang) {
		s.fail(w, r, mobilite.Errorf(mobilite.ENOTFOUND, "error.page_not_found", ""))
		return
	}
	http.SetCookie(w, s.cookie(r, "lang", lang, 365*24*3600))
	redirect(w, r, localPath(r.URL.Query().Get("next"), "/"))
}

// refIndex presents the classifications the platform uses.
func (s *Server) refIndex(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "ref.title")
	d.Nav = "ref"
	d.Data = map[string]any{"Regions": s.ref.Regions(), "Educations": s.ref.Educations()}
	s.render(w, r, "ref", d)
}

// query reads the search words ?q=, cut to a sane length.
func query(r *http.Request) string {
	q := strings.TrimSpace(strings.ToValidUTF8(r.URL.Query().Get("q"), ""))
	if utf8.RuneCountInString(q) > 200 {
		q = string([]rune(q)[:200])
	}
	return q
}

// refOccupations searches ISCO-08 without JavaScript: the search box of the occupation fields.
func (s *Server) refOccupations(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	d := s.page(r, "ref.occupations.title")
	d.Nav = "ref"
	d.Form.Set("q", q)
	var found []ref.Occupation
	if q != "" {
		found = s.ref.SearchOccupations(q, 0, 50)
	}
	d.Data = map[string]any{"Query": q, "Occupations": found}
	s.render(w, r, "ref_occupations", d)
}

// refCountries searches the countries.
func (s *Server) refCountries(w http.ResponseWriter, r *http.Request) {
	q := query(r)
	d := s.page(r, "ref.countries.title")
	d.Nav = "ref"
	d.Form.Set("q", q)
	found := s.ref.Countries()
	if q != "" {
		found = s.ref.SearchCountries(q, 50)
	}
	d.Data = map[string]any{"Query": q, "Countries": found}
	s.render(w, r, "ref_countries", d)
}
