package web

import (
	"net/http"
	"strconv"

	"mobilite"
	"mobilite/internal/access"
)

// moderation is the staff's queue: offers held for review and reports of offers.
func (s *Server) moderation(w http.ResponseWriter, r *http.Request) {
	held, err := s.jobs.Store.SearchJobs(r.Context(), mobilite.JobQuery{Status: mobilite.JobHeld, Limit: 100, Sort: "newest", Now: s.now()})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	reports, total, err := s.jobs.Store.FindJobReports(r.Context(), "open", 0, 100)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "moderation.title")
	d.Nav = "moderation"
	places := map[int64]string{}
	for _, j := range held.Items {
		places[j.ID] = s.place(d.Lang, j)
	}
	d.Data = map[string]any{"Held": held.Items, "HeldTotal": held.Total, "Reports": reports, "ReportsTotal": total, "Places": places}
	s.render(w, r, "moderation", d)
}

// moderateOffer publishes or rejects a held offer.
func (s *Server) moderateOffer(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	decision := form.Get("decision")
	if decision != "approve" && decision != "reject" {
		s.fail(w, r, mobilite.Invalid("decision", "moderation.decision.invalid"))
		return
	}
	if _, err := s.jobs.Moderate(r.Context(), access.User(r.Context()), id, decision == "approve"); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.moderated")
	redirect(w, r, "/moderation")
}

// handleReport closes a report: dismissed, actioned, or actioned with the offer closed.
func (s *Server) handleReport(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	var actioned, closeJob bool
	switch form.Get("decision") {
	case "dismiss":
	case "action":
		actioned = true
	case "close":
		actioned, closeJob = true, true
	default:
		s.fail(w, r, mobilite.Invalid("decision", "moderation.decision.invalid"))
		return
	}
	if err := s.jobs.HandleReport(r.Context(), access.User(r.Context()), id, actioned, closeJob); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.moderated")
	redirect(w, r, "/moderation#r"+strconv.FormatInt(id, 10))
}
