package web

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/survey"
)

// The survey pages: statisticians import XLSForms, map their questions to the roles of the
// survey indicators, upload KoboToolbox/ODK exports (report, then confirmed load) and type
// submissions in a form generated from the questionnaire.

const surveysPath = "/enquetes"

func (s *Server) surveys() *survey.Service { return &survey.Service{Store: s.store, Now: s.now} }

// surveyBodyLimit is the body limit of the survey uploads: an XLSForm, or a file of submissions.
func surveyBodyLimit(r *http.Request) (int64, bool) {
	if r.Method != http.MethodPost || !strings.HasPrefix(r.URL.Path, surveysPath) {
		return 0, false
	}
	switch {
	case r.URL.Path == surveysPath:
		return survey.MaxForm + 64<<10, true
	case strings.HasSuffix(r.URL.Path, "/envoi"):
		return survey.MaxUpload + 64<<10, true
	}
	return 0, false
}

// readUpload streams the "file" part of a multipart form into memory, at most max bytes. ok is
// false when there is no file; tooBig when it is larger.
func readUpload(r *http.Request, max int64) (name string, data []byte, ok, tooBig bool) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, false, false
	}
	for {
		part, err := mr.NextPart()
		if err != nil {
			var mbe *http.MaxBytesError
			return "", nil, false, errors.As(err, &mbe)
		}
		if part.FormName() != "file" || part.FileName() == "" {
			part.Close()
			continue
		}
		data, err = io.ReadAll(io.LimitReader(part, max+1))
		part.Close()
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) || int64(len(data)) > max {
			return "", nil, false, true
		}
		if err != nil || len(data) == 0 {
			return "", nil, false, false
		}
		return part.FileName(), data, true, false
	}
}

// surveysList lists the questionnaires, with the import form and the model's link.
func (s *Server) surveysList(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "survey.list.title")
	s.renderSurveys(w, r, d, nil)
}

func (s *Server) renderSurveys(w http.ResponseWriter, r *http.Request, d *Page, rep *survey.Report) {
	forms, err := s.store.FindSurveyForms(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Nav = "stats"
	d.Data = map[string]any{"Forms": forms, "Report": rep}
	s.render(w, r, "surveys", d)
}

// surveyImport reads an XLSForm: the form page when it loads, the report of its problems when not.
func (s *Server) surveyImport(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "survey.list.title")
	name, data, ok, tooBig := readUpload(r, survey.MaxForm)
	if tooBig {
		s.tooLarge(w, r)
		return
	}
	if !ok {
		d.Status = http.StatusUnprocessableEntity
		d.Errors["file"] = d.p.T("survey.import.file_required")
		s.renderSurveys(w, r, d, nil)
		return
	}
	sf, rep, err := s.surveys().ImportForm(r.Context(), access.User(r.Context()), name, data)
	if err != nil {
		if mobilite.ErrorCode(err) != mobilite.EINVALID {
			s.fail(w, r, err)
			return
		}
		d.Status = http.StatusUnprocessableEntity
		d.setErr(err)
		s.renderSurveys(w, r, d, rep)
		return
	}
	s.renderSurvey(w, r, d, sf.ID, map[string]any{"Import": rep})
}

// surveyModel serves the model questionnaire.
func (s *Server) surveyModel(w http.ResponseWriter, r *http.Request) {
	b, err := survey.ModelForm()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
	w.Header().Set("Content-Disposition", `attachment; filename="mobilite-enquete-migration-modele.xlsx"`)
	_, _ = w.Write(b)
}

// surveyShow shows a questionnaire: questions, roles, upload.
func (s *Server) surveyShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderSurvey(w, r, s.page(r, "survey.title"), id, nil)
}

// option is one choice of a select, radio or checkbox.
type option struct {
	Value, Label string
	Selected     bool
}

// roleRow is one role of the mapping form.
type roleRow struct {
	Name, Field, Label string
	Options            []option
}

// valueRow maps one choice value of a question to a code.
type valueRow struct {
	Field, Label string
	Options      []option
}

// renderSurvey draws the page of a form, with extra data (import report, upload report…).
func (s *Server) renderSurvey(w http.ResponseWriter, r *http.Request, d *Page, id int64, extra map[string]any) {
	sf, f, err := s.surveys().Form(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Nav = "stats"
	d.Title = sf.Title
	type qrow struct {
		Path, Type, Label, Constraint, Relevant string
		Required, Unchecked                     bool
	}
	var qs []qrow
	for _, q := range f.Questions {
		qs = append(qs, qrow{Path: q.Path, Type: q.XLSType, Label: f.Label(q, d.Lang), Constraint: q.Constraint, Relevant: q.Relevant,
			Required: q.Required, Unchecked: q.Unchecked})
	}
	roles := sf.Roles
	var rows []roleRow
	for _, rn := range survey.RoleNames {
		cur := *survey.RolePath(&roles, rn.Name)
		row := roleRow{Name: rn.Name, Field: "role_" + rn.Name, Label: d.p.T("survey.role." + rn.Name),
			Options: []option{{Value: "", Label: "—"}}}
		for _, q := range f.Questions {
			fits := false
			for _, t := range rn.Types {
				fits = fits || q.Type == t
			}
			if fits {
				row.Options = append(row.Options, option{Value: q.Path, Label: q.Path + " — " + f.Label(q, d.Lang), Selected: q.Path == cur})
			}
		}
		rows = append(rows, row)
	}
	values := func(path, prefix string, m map[string]string, codes []string) []valueRow {
		q := f.Question(path)
		if q == nil || q.Type != survey.TypeSelectOne {
			return nil
		}
		var out []valueRow
		for _, c := range f.Choices[q.List] {
			vr := valueRow{Field: prefix + c.Value, Label: c.Value + " — " + f.ChoiceLabel(c, d.Lang), Options: []option{{Value: "", Label: "—"}}}
			for _, code := range codes {
				vr.Options = append(vr.Options, option{Value: code, Label: d.p.T("survey.code." + code), Selected: m[c.Value] == code})
			}
			out = append(out, vr)
		}
		return out
	}
	pending, err := s.store.FindSurveyUploads(r.Context(), sf.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := map[string]any{"Form": sf, "Def": f, "Questions": qs, "Roles": rows, "Home": roles.Home, "Pending": pending,
		"SexValues": values(roles.Sex, "sex_", roles.SexValues, []string{"M", "F", "O"}),
		"LFValues":  values(roles.LFStatus, "lf_", roles.LFValues, []string{mobilite.LFEmployed, mobilite.LFUnemployed, mobilite.LFOutside})}
	for k, v := range extra {
		data[k] = v
	}
	d.Data = data
	s.render(w, r, "survey", d)
}

// surveyRoles saves the role mapping.
func (s *Server) surveyRoles(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.store.FindSurveyFormByID(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	var roles mobilite.SurveyRoles
	for _, rn := range survey.RoleNames {
		*survey.RolePath(&roles, rn.Name) = form.Get("role_" + rn.Name)
	}
	roles.Home = strings.ToUpper(strings.TrimSpace(form.Get("home")))
	for k := range form {
		v := form.Get(k)
		switch {
		case v == "":
		case strings.HasPrefix(k, "sex_"):
			if roles.SexValues == nil {
				roles.SexValues = map[string]string{}
			}
			roles.SexValues[strings.TrimPrefix(k, "sex_")] = v
		case strings.HasPrefix(k, "lf_"):
			if roles.LFValues == nil {
				roles.LFValues = map[string]string{}
			}
			roles.LFValues[strings.TrimPrefix(k, "lf_")] = v
		}
	}
	if err := s.surveys().SetRoles(r.Context(), access.User(r.Context()), id, roles); err != nil {
		if mobilite.ErrorCode(err) != mobilite.EINVALID {
			s.fail(w, r, err)
			return
		}
		d := s.page(r, "survey.title")
		d.Status = http.StatusUnprocessableEntity
		d.setErr(err)
		s.renderSurvey(w, r, d, id, nil)
		return
	}
	s.flash(w, r, "flash.survey_roles")
	redirect(w, r, surveysPath+"/"+strconv.FormatInt(id, 10))
}

// surveyUpload checks a file of submissions and shows the report; the file is kept until confirmed.
func (s *Server) surveyUpload(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.store.FindSurveyFormByID(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "survey.title")
	name, data, ok, tooBig := readUpload(r, survey.MaxUpload)
	if tooBig {
		s.tooLarge(w, r)
		return
	}
	if !ok {
		d.Status = http.StatusUnprocessableEntity
		d.Errors["file"] = d.p.T("survey.upload.file_required")
		s.renderSurvey(w, r, d, id, nil)
		return
	}
	up, rep, err := s.surveys().PrepareUpload(r.Context(), access.User(r.Context()), id, name, data)
	if err != nil {
		if mobilite.ErrorCode(err) != mobilite.EINVALID {
			s.fail(w, r, err)
			return
		}
		d.Status = http.StatusUnprocessableEntity
		d.setErr(err)
		s.renderSurvey(w, r, d, id, nil)
		return
	}
	s.renderSurvey(w, r, d, id, map[string]any{"Upload": up, "Check": rep})
}

// surveyConfirm loads the valid rows of a kept upload.
func (s *Server) surveyConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// The load goes on if the user leaves the page: it runs in batches that the form's page
	// shows, and a load cut short can be confirmed again without doubling anything.
	res, err := s.surveys().ConfirmUpload(context.WithoutCancel(r.Context()), access.User(r.Context()), id, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderSurvey(w, r, s.page(r, "survey.title"), res.FormID, map[string]any{"Loaded": res})
}

// entryItem is one question or group of the generated form.
type entryItem struct {
	Group                              bool
	Legend                             string
	Items                              []*entryItem
	Name, ID, Label, Hint, Kind, Value string
	Error, Step, Conditional           string
	Required                           bool
	Choices                            []option
}

// entryItems builds the items of the generated form, nesting groups as fieldsets.
func entryItems(f *survey.Form, lang string, form url.Values, errs map[string]string, p func(string, ...any) string) []*entryItem {
	root := &entryItem{}
	open := map[string]*entryItem{"": root}
	var groupOf func(path string) *entryItem
	groupOf = func(path string) *entryItem {
		if g, ok := open[path]; ok {
			return g
		}
		parent := ""
		if i := strings.LastIndex(path, "/"); i >= 0 {
			parent = path[:i]
		}
		pg := groupOf(parent)
		legend := path[strings.LastIndex(path, "/")+1:]
		for _, g := range f.Groups {
			if g.Path == path {
				legend = survey.Text(g.Label, lang, f.DefaultLanguage, legend)
			}
		}
		g := &entryItem{Group: true, Legend: legend}
		pg.Items = append(pg.Items, g)
		open[path] = g
		return g
	}
	for _, q := range f.Questions {
		if q.Type == survey.TypeCalculate {
			continue
		}
		it := &entryItem{Name: q.Path, ID: "q-" + strings.NewReplacer("/", "-", ".", "-").Replace(q.Path), Label: f.Label(q, lang),
			Hint: survey.Text(q.Hint, lang, f.DefaultLanguage, ""), Required: q.Required, Value: form.Get(q.Path), Error: errs[q.Path]}
		if q.Relevant != "" {
			it.Conditional = p("survey.entry.conditional")
		}
		switch q.Type {
		case survey.TypeNote:
			it.Kind = "note"
		case survey.TypeInteger:
			it.Kind, it.Step = "number", "1"
		case survey.TypeDecimal:
			it.Kind, it.Step = "number", "any"
		case survey.TypeDate:
			it.Kind = "date"
		case survey.TypeDateTime:
			it.Kind = "datetime-local"
		case survey.TypeTime:
			it.Kind = "time"
		case survey.TypeSelectOne, survey.TypeSelectMul:
			it.Kind = "radio"
			if q.Type == survey.TypeSelectMul {
				it.Kind = "checkbox"
			} else if len(f.Choices[q.List]) > 6 {
				it.Kind = "select"
			}
			chosen := form[q.Path]
			for _, c := range f.Choices[q.List] {
				sel := false
				for _, v := range chosen {
					sel = sel || v == c.Value
				}
				it.Choices = append(it.Choices, option{Value: c.Value, Label: f.ChoiceLabel(c, lang), Selected: sel})
			}
		default:
			it.Kind = "text"
		}
		g := groupOf(q.Group)
		g.Items = append(g.Items, it)
	}
	return root.Items
}

// surveyEntryForm shows the generated form.
func (s *Server) surveyEntryForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderEntry(w, r, s.page(r, "survey.entry.title"), id)
}

func (s *Server) renderEntry(w http.ResponseWriter, r *http.Request, d *Page, id int64) {
	sf, f, err := s.surveys().Form(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Nav = "stats"
	d.Data = map[string]any{"Form": sf, "Items": entryItems(f, d.Lang, d.Form, d.Errors, d.p.T)}
	s.render(w, r, "survey_entry", d)
}

// surveyEntry stores a typed submission, or draws the form again with the answers in error.
func (s *Server) surveyEntry(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.store.FindSurveyFormByID(r.Context(), id); err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	if _, err := s.surveys().Enter(r.Context(), access.User(r.Context()), id, form); err != nil {
		d := s.formError(w, r, "survey.entry.title", "stats", form, err)
		if d == nil {
			return
		}
		s.renderEntry(w, r, d, id)
		return
	}
	s.flash(w, r, "flash.survey_entry")
	redirect(w, r, surveysPath+"/"+strconv.FormatInt(id, 10)+"/saisie")
}
