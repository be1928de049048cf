package web

import (
	"net/http"
	"strconv"

	"mobilite/internal/access"
	"mobilite/internal/indicators"
)

// planReport shows the action plan: each objective's indicators with baseline, targets, the
// values computed, the gap and the status, year by year. Printable.
func (s *Server) planReport(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "plan.title")
	d.Nav = "stats"
	u := access.User(r.Context())
	report, years, err := s.indicators.Report(r.Context(), d.Lang, indicators.MaySeeRaw(u), s.now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Data = map[string]any{"Report": report, "Years": years, "Editor": indicators.MaySeeRaw(u)}
	s.render(w, r, "plan", d)
}

// planXLSX downloads the report as a workbook.
func (s *Server) planXLSX(w http.ResponseWriter, r *http.Request) {
	lang := langOf(r)
	report, _, err := s.indicators.Report(r.Context(), lang, indicators.MaySeeRaw(access.User(r.Context())), s.now())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := indicators.PlanXLSX(report, s.cat.Printer(lang))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="plan-action-migration.xlsx"`)
	_, _ = w.Write(b)
}

// planEdit is the statisticians' page to build the plan.
func (s *Server) planEdit(w http.ResponseWriter, r *http.Request) {
	s.renderPlanEdit(w, r, s.page(r, "plan.edit"))
}

func (s *Server) renderPlanEdit(w http.ResponseWriter, r *http.Request, d *Page) {
	d.Nav = "stats"
	plan, err := s.store.FindPlan(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	all, err := s.indicators.All(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Data = map[string]any{"Plan": plan, "Indicators": all}
	s.render(w, r, "plan_edit", d)
}

func (s *Server) planObjectiveSave(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	// A new objective (no id in the path), or a change to one (its id): the form of a change
	// carries the objective's id so that its errors show in that form.
	var id int64
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err != nil {
			s.fail(w, r, err)
			return
		}
		form.Set("objective", strconv.FormatInt(id, 10))
	}
	pos, _ := strconv.Atoi(form.Get("position"))
	if _, err := s.indicators.SaveObjective(r.Context(), access.User(r.Context()), id, form.Get("code"), form.Get("title_fr"),
		form.Get("title_en"), pos); err != nil {
		if d := s.formError(w, r, "plan.edit", "stats", form, err); d != nil {
			s.renderPlanEdit(w, r, d)
		}
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/statistiques/plan/modifier")
}

func (s *Server) planObjectiveDelete(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	id, err := pathID(r)
	if err == nil {
		err = s.indicators.DeleteObjective(r.Context(), access.User(r.Context()), id)
	}
	if err != nil {
		form.Set("objective", strconv.FormatInt(id, 10))
		if d := s.formError(w, r, "plan.edit", "stats", form, err); d != nil {
			s.renderPlanEdit(w, r, d)
		}
		return
	}
	s.flash(w, r, "flash.deleted")
	redirect(w, r, "/statistiques/plan/modifier")
}

func (s *Server) planLineSave(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	objID, _ := strconv.ParseInt(form.Get("objective_id"), 10, 64)
	_, err := s.indicators.SaveLine(r.Context(), access.User(r.Context()), indicators.LineInput{ObjectiveID: objID,
		IndicatorID: form.Get("indicator_id"), Baseline: form.Get("baseline"), BaselineYear: form.Get("baseline_year"),
		BaselineSource: form.Get("baseline_source"), Targets: form.Get("targets"), HigherBetter: form.Get("lower_better") != "1",
		Verification: form.Get("verification"), Responsible: form.Get("responsible")})
	if err != nil {
		if d := s.formError(w, r, "plan.edit", "stats", form, err); d != nil {
			s.renderPlanEdit(w, r, d)
		}
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/statistiques/plan/modifier")
}

func (s *Server) planLineDelete(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.parseForm(w, r); !ok {
		return
	}
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.indicators.DeleteLine(r.Context(), access.User(r.Context()), id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.deleted")
	redirect(w, r, "/statistiques/plan/modifier")
}
