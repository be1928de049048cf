package indicators

import (
	"bytes"
	"context"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/locale"
)

// Statuses of a year of the plan.
const (
	OnTrack  = "on_track"
	Late     = "late"
	NoData   = "no_data"
	Upcoming = "upcoming" // the year is not over
)

// mayEditPlan: statisticians and admins.
func mayEditPlan(u *mobilite.User) bool {
	return u != nil && (u.Role == mobilite.RoleStatistician || u.Role == mobilite.RoleAdmin)
}

// SaveObjective creates (id 0) or updates an objective of the plan. EINVALID (a code taken too),
// ENOTFOUND.
func (s *Service) SaveObjective(ctx context.Context, actor *mobilite.User, id int64, code, titleFR, titleEN string, position int) (*mobilite.PlanObjective, error) {
	if !mayEditPlan(actor) {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	if id != 0 { // a change to an objective that does not exist is not found, whatever the form says
		if _, err := s.findObjective(ctx, s.Store, id); err != nil {
			return nil, err
		}
	}
	var p mobilite.Problems
	o := &mobilite.PlanObjective{ID: id, Code: strings.TrimSpace(code), TitleFR: strings.TrimSpace(titleFR),
		TitleEN: strings.TrimSpace(titleEN), Position: position}
	if o.Code == "" || utf8.RuneCountInString(o.Code) > 20 {
		p.Add("code", "plan.code.invalid")
	}
	if o.TitleFR == "" || utf8.RuneCountInString(o.TitleFR) > 300 || utf8.RuneCountInString(o.TitleEN) > 300 {
		p.Add("title_fr", "plan.title.invalid")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	o.CreatedAt, o.UpdatedAt = now, now
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		var before map[string]any
		switch {
		case o.ID != 0: // a changed objective keeps its place
			old, err := s.findObjective(ctx, tx, o.ID)
			if err != nil {
				return err
			}
			before = map[string]any{"code": old.Code, "title_fr": old.TitleFR}
			o.CreatedAt = old.CreatedAt
			if o.Position == 0 {
				o.Position = old.Position
			}
		case o.Position == 0: // a new objective comes last
			plan, err := tx.FindPlan(ctx)
			if err != nil {
				return err
			}
			for _, x := range plan {
				o.Position = max(o.Position, x.Position+1)
			}
		}
		if err := tx.SaveObjective(ctx, o); err != nil {
			if mobilite.ErrorCode(err) == mobilite.ECONFLICT {
				return mobilite.Invalid("code", "plan.code.taken")
			}
			return err
		}
		return audit.Record(ctx, tx, now, actor, "plan.objective.save", "plan_objective", o.ID, before,
			map[string]any{"code": o.Code, "title_fr": o.TitleFR})
	})
	return o, err
}

// LineInput is a line of the plan as typed: numbers as text, targets as "2026=40; 2027=45".
type LineInput struct {
	ID                                     int64
	ObjectiveID                            int64
	IndicatorID                            string
	Baseline, BaselineYear, BaselineSource string
	Targets                                string
	HigherBetter                           bool
	Verification, Responsible              string
}

// ParseTargets reads "2026=40; 2027=45,5" (also with ":" and new lines).
func ParseTargets(s string) (map[int]float64, bool) {
	out := map[int]float64{}
	for _, part := range strings.FieldsFunc(s, func(r rune) bool { return r == ';' || r == '\n' }) {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		y, v, ok := strings.Cut(strings.ReplaceAll(part, ":", "="), "=")
		if !ok {
			return nil, false
		}
		year, err1 := strconv.Atoi(strings.TrimSpace(y))
		val, err2 := parseNumber(v)
		if err1 != nil || err2 != nil || year < 2000 || year > 2100 {
			return nil, false
		}
		out[year] = val
	}
	return out, true
}

func parseNumber(s string) (float64, error) {
	s = strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	s = strings.ReplaceAll(strings.TrimSuffix(s, "%"), ",", ".")
	return strconv.ParseFloat(s, 64)
}

// SaveLine creates or updates a line of the plan. EINVALID with the fields, ECONFLICT.
func (s *Service) SaveLine(ctx context.Context, actor *mobilite.User, in LineInput) (*mobilite.PlanLine, error) {
	if !mayEditPlan(actor) {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	var p mobilite.Problems
	l := &mobilite.PlanLine{ID: in.ID, ObjectiveID: in.ObjectiveID, BaselineSource: strings.TrimSpace(in.BaselineSource),
		HigherBetter: in.HigherBetter, Verification: strings.TrimSpace(in.Verification), Responsible: strings.TrimSpace(in.Responsible)}
	if ind, err := s.Find(ctx, in.IndicatorID); err != nil {
		p.Add("indicator_id", "plan.indicator.unknown")
	} else {
		l.IndicatorID = ind.ID
	}
	if b := strings.TrimSpace(in.Baseline); b != "" {
		v, err := parseNumber(b)
		if err != nil {
			p.Add("baseline", "plan.number.invalid")
		} else {
			l.BaselineValue = &v
		}
	}
	if y := strings.TrimSpace(in.BaselineYear); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 2000 || n > 2100 {
			p.Add("baseline_year", "plan.year.invalid")
		}
		l.BaselineYear = n
	}
	targets, ok := ParseTargets(in.Targets)
	if !ok {
		p.Add("targets", "plan.targets.invalid")
	}
	l.Targets = targets
	for field, v := range map[string]string{"baseline_source": l.BaselineSource, "verification": l.Verification, "responsible": l.Responsible} {
		if utf8.RuneCountInString(v) > 500 {
			p.Add(field, "seeker.text.too_long")
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	now := time.Now().UTC()
	l.CreatedAt, l.UpdatedAt = now, now
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		plan, err := tx.FindPlan(ctx)
		if err != nil {
			return err
		}
		found := false
		for _, o := range plan {
			found = found || o.ID == l.ObjectiveID
		}
		if !found {
			return mobilite.Invalid("objective_id", "plan.objective.unknown")
		}
		if err := tx.SavePlanLine(ctx, l); err != nil {
			if mobilite.ErrorCode(err) == mobilite.ECONFLICT {
				return mobilite.Invalid("indicator_id", "plan.indicator.twice")
			}
			return err
		}
		return audit.Record(ctx, tx, now, actor, "plan.line.save", "plan_line", l.ID, nil,
			map[string]any{"objective_id": l.ObjectiveID, "indicator": l.IndicatorID, "targets": l.Targets})
	})
	return l, err
}

// findObjective returns the objective id of the plan, with its lines. ENOTFOUND.
func (s *Service) findObjective(ctx context.Context, st mobilite.Store, id int64) (*mobilite.PlanObjective, error) {
	plan, err := st.FindPlan(ctx)
	if err != nil {
		return nil, err
	}
	for _, o := range plan {
		if o.ID == id {
			return o, nil
		}
	}
	return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "indicators: objective %d", id)
}

// DeleteObjective removes an objective of the plan. An objective that still follows indicators
// is refused (EINVALID): its lines are removed first, one by one, so that a slip of the mouse
// cannot take a whole objective's targets. ENOTFOUND.
func (s *Service) DeleteObjective(ctx context.Context, actor *mobilite.User, id int64) error {
	if !mayEditPlan(actor) {
		return mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		o, err := s.findObjective(ctx, tx, id)
		if err != nil {
			return err
		}
		if len(o.Lines) > 0 {
			return mobilite.Invalid("objective", "plan.objective.has_lines")
		}
		if err := tx.DeleteObjective(ctx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, time.Now().UTC(), actor, "plan.objective.delete", "plan_objective", id,
			map[string]any{"code": o.Code, "title_fr": o.TitleFR}, nil)
	})
}

// DeleteLine removes a line of the plan.
func (s *Service) DeleteLine(ctx context.Context, actor *mobilite.User, id int64) error {
	if !mayEditPlan(actor) {
		return mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.DeletePlanLine(ctx, id); err != nil {
			return err
		}
		return audit.Record(ctx, tx, time.Now().UTC(), actor, "plan.line.delete", "plan_line", id, nil, nil)
	})
}

// ReportYear is one year of a line: the target, the value computed, the gap and the status.
type ReportYear struct {
	Year   int
	Target *float64
	Actual *float64
	Gap    *float64 // actual − target
	Status string
}

// ReportLine is a line of the plan with its indicator and its years.
type ReportLine struct {
	Line      *mobilite.PlanLine
	Indicator *Indicator
	Years     []ReportYear
}

// ReportObjective is an objective with its lines.
type ReportObjective struct {
	Objective *mobilite.PlanObjective
	Lines     []ReportLine
}

// Report computes the plan: for each line, each year from the baseline to the last target, the
// value of the indicator (national total; suppressed unless raw), the gap to the target and the
// status. It returns the years shown.
func (s *Service) Report(ctx context.Context, lang string, raw bool, now time.Time) ([]ReportObjective, []int, error) {
	plan, err := s.Store.FindPlan(ctx)
	if err != nil {
		return nil, nil, err
	}
	first, last := now.Year()-3, now.Year()
	for _, o := range plan {
		for _, l := range o.Lines {
			if l.BaselineYear != 0 && l.BaselineYear+1 < first {
				first = l.BaselineYear + 1
			}
			for y := range l.Targets {
				last = max(last, y)
				first = min(first, y)
			}
		}
	}
	first = max(first, last-9) // ten columns at most
	var years []int
	for y := first; y <= last; y++ {
		years = append(years, y)
	}
	// The values of every indicator of the plan for every year up to this one, computed together.
	all, err := s.All(ctx)
	if err != nil {
		return nil, nil, err
	}
	byID := map[string]*Indicator{}
	for _, ind := range all {
		byID[ind.ID] = ind
	}
	actuals := map[string]*float64{} // by indicator|year
	var reqs []Request
	var keys []string
	for _, o := range plan {
		for _, l := range o.Lines {
			ind := byID[l.IndicatorID]
			for _, y := range years {
				key := l.IndicatorID + "|" + strconv.Itoa(y)
				if _, seen := actuals[key]; ind == nil || seen || y > now.Year() {
					continue
				}
				actuals[key] = nil
				reqs = append(reqs, Request{Indicator: ind, Period: Year(y)})
				keys = append(keys, key)
			}
		}
	}
	results, err := s.Tables(ctx, reqs, lang, raw)
	if err != nil {
		return nil, nil, err
	}
	for i, res := range results {
		if c := res.Table.Cells[""]; res.NoData == "" && c != nil && !c.NoData && (raw || !c.Suppressed) {
			v := c.Value
			actuals[keys[i]] = &v
		}
	}
	var out []ReportObjective
	for _, o := range plan {
		ro := ReportObjective{Objective: o}
		for _, l := range o.Lines {
			ind := byID[l.IndicatorID]
			if ind == nil {
				continue // an indicator removed from the catalogue: its line is not shown
			}
			rl := ReportLine{Line: l, Indicator: ind}
			for _, y := range years {
				ry := ReportYear{Year: y}
				if t, ok := l.Targets[y]; ok {
					ry.Target = &t
				}
				ry.Actual = actuals[l.IndicatorID+"|"+strconv.Itoa(y)]
				switch {
				case y >= now.Year():
					ry.Status = Upcoming
				case ry.Actual == nil:
					ry.Status = NoData
				case ry.Target == nil:
					ry.Status = ""
				case (l.HigherBetter && *ry.Actual >= *ry.Target) || (!l.HigherBetter && *ry.Actual <= *ry.Target):
					ry.Status = OnTrack
				default:
					ry.Status = Late
				}
				if ry.Actual != nil && ry.Target != nil {
					g := *ry.Actual - *ry.Target
					ry.Gap = &g
				}
				rl.Years = append(rl.Years, ry)
			}
			ro.Lines = append(ro.Lines, rl)
		}
		out = append(out, ro)
	}
	return out, years, nil
}

// PlanXLSX writes the plan report as a workbook: one row per line and year.
func PlanXLSX(report []ReportObjective, p *locale.Printer) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	sheet := f.GetSheetName(0)
	head := []any{p.T("plan.objective"), p.T("stats.indicator"), p.T("plan.level"), p.T("plan.baseline"), p.T("plan.baseline_year"),
		p.T("plan.year"), p.T("plan.target"), p.T("plan.actual"), p.T("plan.gap"), p.T("plan.status"), p.T("plan.verification"), p.T("plan.responsible")}
	if err := f.SetSheetRow(sheet, "A1", &head); err != nil {
		return nil, err
	}
	row := 2
	num := func(v *float64) any {
		if v == nil {
			return ""
		}
		return *v
	}
	for _, o := range report {
		title := o.Objective.TitleFR
		if p.Lang() == "en" && o.Objective.TitleEN != "" {
			title = o.Objective.TitleEN
		}
		for _, l := range o.Lines {
			for _, y := range l.Years {
				status := ""
				if y.Status != "" {
					status = p.T("plan.status." + y.Status)
				}
				vals := []any{o.Objective.Code + " " + title, l.Indicator.ID + " " + l.Indicator.Name(p.Lang()),
					p.T("stats.level." + l.Indicator.Level), num(l.Line.BaselineValue), l.Line.BaselineYear, y.Year,
					num(y.Target), num(y.Actual), num(y.Gap), status, l.Line.Verification, l.Line.Responsible}
				cell, _ := excelize.CoordinatesToCellName(1, row)
				if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
					return nil, err
				}
				row++
			}
		}
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Years lists the target years of a line in order, for forms.
func Years(l *mobilite.PlanLine) string {
	var ys []int
	for y := range l.Targets {
		ys = append(ys, y)
	}
	sort.Ints(ys)
	var parts []string
	for _, y := range ys {
		parts = append(parts, strconv.Itoa(y)+"="+strconv.FormatFloat(l.Targets[y], 'f', -1, 64))
	}
	return strings.Join(parts, "; ")
}
