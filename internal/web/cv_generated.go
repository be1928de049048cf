package web

import (
	"net/http"
	"strings"

	"mobilite"
	"mobilite/internal/access"
)

// generatedCV is the CV made from a seeker's profile: what an employer needs, in the reader's
// language, and nothing sensitive (no identity document, no birth date, no sex, no consents).
type generatedCV struct {
	Seeker      *mobilite.Seeker
	Residence   string
	Education   string // the ISCED 2011 level, named
	Occupations []cvOccupation
	Languages   []cvLanguage
	Back        string // the page the CV was opened from
}

type cvOccupation struct {
	Code, Title string
	Years       int
	Held        bool
}

type cvLanguage struct{ Name, Level string }

// myGeneratedCV is the seeker's own CV made from the profile, to print or save as PDF.
func (s *Server) myGeneratedCV(w http.ResponseWriter, r *http.Request) {
	sk, err := s.ownSeeker(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderGeneratedCV(w, r, sk, "/compte/inscription#cv")
}

// staffGeneratedCV is the CV made from the profile of a seeker, for staff under the rule of
// seekers.Service.MayReadCV (the read is logged).
func (s *Server) staffGeneratedCV(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var sk *mobilite.Seeker
	if err == nil {
		sk, _, err = s.seekers.ReadCV(r.Context(), access.User(r.Context()), id, false)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderGeneratedCV(w, r, sk, "/conseiller/inscription")
}

func (s *Server) renderGeneratedCV(w http.ResponseWriter, r *http.Request, sk *mobilite.Seeker, back string) {
	d := s.page(r, "cv.generated.title")
	d.Nav = "register"
	fr := d.Lang == "fr"
	pick := func(french, english string) string {
		if fr {
			return french
		}
		return english
	}
	g := &generatedCV{Seeker: sk, Back: back}
	var place []string
	if sk.City != "" {
		place = append(place, sk.City)
	}
	if sk.Prefecture != "" {
		place = append(place, sk.Prefecture)
	}
	if reg, ok := s.ref.Region(sk.Region); ok && sk.Region != "" {
		place = append(place, reg.Name)
	}
	if c, ok := s.ref.Country(sk.Country); ok {
		place = append(place, pick(c.NameFR, c.NameEN))
	}
	g.Residence = strings.Join(place, ", ")
	if e, ok := s.ref.Education(sk.ISCEDLevel); ok && sk.ISCEDLevel >= 0 {
		g.Education = pick(e.NameFR, e.NameEN)
	}
	for _, o := range sk.Occupations {
		co := cvOccupation{Code: o.ISCO08, Years: o.Years, Held: o.Kind == mobilite.OccupationHeld}
		if occ, ok := s.ref.Occupation(o.ISCO08); ok {
			co.Title = pick(occ.TitleFR, occ.TitleEN)
		}
		g.Occupations = append(g.Occupations, co)
	}
	for _, l := range sk.Languages {
		cl := cvLanguage{Name: l.Language, Level: l.Level}
		// Languages are a free list: the common codes are named, anything else shows as typed.
		if key := "lang." + strings.ToLower(l.Language); s.cat.Has(d.Lang, key) {
			cl.Name = d.p.T(key)
		}
		if key := "register.level." + l.Level; s.cat.Has(d.Lang, key) {
			cl.Level = d.p.T(key)
		}
		g.Languages = append(g.Languages, cl)
	}
	d.Data = g
	w.Header().Set("Cache-Control", "private, no-store")
	s.render(w, r, "cv", d)
}
