package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/locale"
	"mobilite/internal/ref"
)

// matchView is an offer or a candidate with its reasons in words.
type matchView struct {
	Job       *mobilite.Job
	Candidate *mobilite.MatchCandidate
	Place     string
	Score     int
	For       []string
	Against   []string
	Applied   string // the seeker's application status for the offer, if any
	Listed    bool   // the candidate is on the shortlist
}

func (s *Server) occupationName(lang, code string) string { return s.explain.Occupation(lang, code) }

func (s *Server) countryName(lang, code string) string { return s.explain.Country(lang, code) }

func (s *Server) educationName(lang string, level int) string {
	return s.explain.Education(lang, level)
}

func (s *Server) languageName(p *locale.Printer, code string) string {
	return s.explain.Language(p, code)
}

// mySeeker returns the seeker record of the logged-in seeker; ENOTFOUND when there is none.
func (s *Server) mySeeker(r *http.Request) (*mobilite.Seeker, error) {
	return s.store.FindSeekerByUser(r.Context(), access.User(r.Context()).ID)
}

// offersForMe lists the open offers ranked for the seeker, with the reasons.
func (s *Server) offersForMe(w http.ResponseWriter, r *http.Request) {
	sk, err := s.mySeeker(r)
	if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
		s.flash(w, r, "flash.register_first")
		redirect(w, r, "/compte/inscription")
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "matches.title")
	d.Nav = "matches"
	views, err := s.offerViews(r.Context(), d, sk, 30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Data = map[string]any{"Items": views, "Seeker": sk, "Profile": len(sk.Occupations) > 0 || len(sk.PreferredCountries) > 0}
	s.render(w, r, "matches", d)
}

// offerViews ranks the offers for a seeker and marks those the seeker applied to.
func (s *Server) offerViews(ctx context.Context, d *Page, sk *mobilite.Seeker, limit int) ([]matchView, error) {
	ms, err := s.match.OffersFor(ctx, sk, limit)
	if err != nil {
		return nil, err
	}
	apps, err := s.store.SeekerApplications(ctx, sk.ID)
	if err != nil {
		return nil, err
	}
	status := map[int64]string{}
	for _, a := range apps {
		status[a.JobID] = a.Status
	}
	views := make([]matchView, 0, len(ms))
	for _, m := range ms {
		v := matchView{Job: m.Job, Place: s.place(d.Lang, m.Job), Score: m.Score, Applied: status[m.Job.ID]}
		v.For, v.Against = s.explain.Split(d.p, m.Reasons)
		views = append(views, v)
	}
	return views, nil
}

// myApplications lists the seeker's applications with a form to record what happened.
func (s *Server) myApplications(w http.ResponseWriter, r *http.Request) {
	sk, err := s.mySeeker(r)
	if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
		s.flash(w, r, "flash.register_first")
		redirect(w, r, "/compte/inscription")
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderApplications(w, r, s.page(r, "applications.title"), sk)
}

func (s *Server) renderApplications(w http.ResponseWriter, r *http.Request, d *Page, sk *mobilite.Seeker) {
	apps, err := s.store.SeekerApplications(r.Context(), sk.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Nav = "applications"
	d.Data = map[string]any{"Applications": apps, "Statuses": mobilite.AppStatuses}
	s.render(w, r, "applications", d)
}

// saveMyApplication records "I applied" or what came of it.
func (s *Server) saveMyApplication(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	sk, err := s.mySeeker(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	jobID, _ := strconv.ParseInt(form.Get("job_id"), 10, 64)
	if _, err := s.seekers.SetApplication(r.Context(), access.User(r.Context()), sk, jobID, form.Get("status")); err != nil {
		if mobilite.ErrorCode(err) != mobilite.EINVALID {
			s.fail(w, r, err)
			return
		}
		d := s.page(r, "applications.title")
		d.Status = http.StatusUnprocessableEntity
		d.setErr(err)
		d.Alert = d.p.T("application.status.invalid")
		s.renderApplications(w, r, d, sk)
		return
	}
	s.flash(w, r, "flash.application_saved")
	redirect(w, r, localPath(form.Get("next"), "/compte/candidatures"))
}

// seekersList is the counsellor's search of the register: by number, phone or name.
func (s *Server) seekersList(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "seekers.title")
	d.Nav = "seekers"
	q := r.URL.Query()
	d.Form.Set("q", q.Get("q"))
	d.Form.Set("region", q.Get("region"))
	office, region, err := s.seekers.Reach(r.Context(), access.User(r.Context()))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pageNo, _ := strconv.Atoi(q.Get("page"))
	pageNo = max(pageNo, 1)
	f := mobilite.SeekerFilter{Query: strings.TrimSpace(q.Get("q")), Region: q.Get("region"), ReadableOffice: office,
		ReadableRegion: region, Offset: (pageNo - 1) * 50, Limit: 50}
	if ph, err := mobilite.NormalizePhone(f.Query); err == nil {
		f.Query = ph // a phone typed as people write it
	} else if f.Query != "" && !strings.HasPrefix(strings.ToUpper(f.Query), "TG-") {
		f.Query = strings.Join(strings.Fields(ref.Fold(f.Query)), " ")
	}
	list, total, err := s.store.FindSeekers(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Data = map[string]any{"Seekers": list, "Total": total, "Page": pageNo, "More": pageNo*50 < total, "Regions": s.ref.Regions()}
	s.render(w, r, "seekers", d)
}

// seekerRecord shows a seeker's full record to staff who may read it; the read is logged.
func (s *Server) seekerRecord(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "seekers.record")
	s.renderSeekerRecord(w, r, d)
}

func (s *Server) renderSeekerRecord(w http.ResponseWriter, r *http.Request, d *Page) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sk, err := s.seekers.Read(r.Context(), access.User(r.Context()), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	apps, err := s.store.SeekerApplications(r.Context(), sk.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	views, err := s.offerViews(r.Context(), d, sk, 10)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Nav = "seekers"
	d.Title = sk.GivenName + " " + sk.FamilyName
	d.Data = map[string]any{"Seeker": sk, "Applications": apps, "Statuses": mobilite.AppStatuses, "Offers": views,
		"Residence": s.residence(d.Lang, sk), "Education": s.educationName(d.Lang, sk.ISCEDLevel)}
	s.render(w, r, "seeker", d)
}

// residence says where a seeker lives.
func (s *Server) residence(lang string, sk *mobilite.Seeker) string {
	if reg, ok := s.ref.Region(sk.Region); ok {
		if sk.Prefecture != "" {
			return sk.Prefecture + ", " + reg.Name
		}
		return reg.Name
	}
	place := s.countryName(lang, sk.Country)
	if sk.City != "" {
		place = sk.City + ", " + place
	}
	return place
}

// saveSeekerApplication records an application or its outcome on behalf of a seeker.
func (s *Server) saveSeekerApplication(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := access.User(r.Context())
	sk, err := s.seekers.Read(r.Context(), u, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	jobID, _ := strconv.ParseInt(strings.TrimSpace(form.Get("job_id")), 10, 64)
	if _, err := s.seekers.SetApplication(r.Context(), u, sk, jobID, form.Get("status")); err != nil {
		code := mobilite.ErrorCode(err)
		if code != mobilite.EINVALID && code != mobilite.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		d := s.page(r, "seekers.record")
		d.Status = statusOf(code)
		d.Alert = d.p.T("application.error")
		if code == mobilite.EINVALID {
			d.Alert = d.p.T("application.status.invalid")
		}
		s.renderSeekerRecord(w, r, d)
		return
	}
	s.flash(w, r, "flash.application_saved")
	redirect(w, r, "/conseiller/demandeurs/"+strconv.FormatInt(sk.ID, 10))
}

// candidates ranks the seekers for an offer, in the counsellor's reach and the region chosen,
// with the shortlist.
func (s *Server) candidates(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "candidates.title")
	d.Nav = "seekers"
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	j, err := s.store.FindJobByID(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u := access.User(r.Context())
	office, region, err := s.seekers.Reach(r.Context(), u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	chosen := r.URL.Query().Get("region")
	if _, ok := s.ref.Region(chosen); !ok {
		chosen = ""
	}
	d.Form.Set("region", chosen)
	ms, err := s.match.CandidatesFor(r.Context(), j, mobilite.CandidateFilter{Region: chosen, ReadableOffice: office, ReadableRegion: region}, 50)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	listed, err := s.seekers.ShortlistFor(r.Context(), u, j.ID, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	on := map[int64]bool{}
	for _, sk := range listed {
		on[sk.ID] = true
	}
	views := make([]matchView, 0, len(ms))
	for i := range ms {
		v := matchView{Candidate: &ms[i].Candidate, Score: ms[i].Score, Listed: on[ms[i].Candidate.ID],
			Place: s.regionName(ms[i].Candidate.Region)}
		v.For, v.Against = s.explain.Split(d.p, ms[i].Reasons)
		views = append(views, v)
	}
	d.Title = d.p.T("candidates.title") + " — " + j.Title
	d.Data = map[string]any{"Job": j, "Items": views, "Shortlist": listed, "Regions": s.ref.Regions(),
		"Occupation": s.occupationName(d.Lang, j.ISCO08)}
	s.render(w, r, "candidates", d)
}

func (s *Server) regionName(code string) string {
	if reg, ok := s.ref.Region(code); ok {
		return reg.Name
	}
	return ""
}

// saveShortlist puts a candidate on the offer's shortlist or takes them off.
func (s *Server) saveShortlist(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	seekerID, _ := strconv.ParseInt(form.Get("seeker_id"), 10, 64)
	err = s.seekers.Shortlist(r.Context(), access.User(r.Context()), id, seekerID, form.Get("action") != "remove")
	switch mobilite.ErrorCode(err) {
	case "":
		s.flash(w, r, "flash.saved")
	case mobilite.EINVALID:
		s.flash(w, r, "flash.shortlist_no_consent")
	default:
		s.fail(w, r, err)
		return
	}
	back := "/conseiller/offres/" + strconv.FormatInt(id, 10) + "/candidats"
	if reg := form.Get("region"); reg != "" {
		back += "?region=" + reg
	}
	redirect(w, r, localPath(back, "/conseiller/demandeurs"))
}
