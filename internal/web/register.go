package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/seekers"
)

// registration rows: how many occupations, languages and preferred countries the form offers.
const (
	formOccupations = 3
	formLanguages   = 4
	formCountries   = 3
)

// registerData is what the registration form needs.
type registerData struct {
	Seeker     *mobilite.Seeker
	Editing    bool // the form corrects Seeker
	Duplicates []mobilite.Duplicate
	Assisted   bool
	// HandoverURL is where a person registered at a desk chooses a password (the code inside
	// is printed once, for the person); "" when the person already had an account.
	HandoverURL string
	Rows        struct{ Occupations, Languages, Countries []int }
	Deps        map[string]any
	CV          *cvView // the uploaded CV of the seeker's own page, nil when none
	CVError     string  // why the last upload was refused
}

func (s *Server) registerData(assisted bool) *registerData {
	d := &registerData{Assisted: assisted, Deps: map[string]any{"Countries": s.ref.Countries(), "Regions": s.ref.Regions(),
		"Educations": s.ref.Educations(), "Occupations": s.unitGroups(), "Levels": mobilite.CEFRLevels, "IDTypes": seekers.IDTypes}}
	for i := range formOccupations {
		d.Rows.Occupations = append(d.Rows.Occupations, i)
	}
	for i := range formLanguages {
		d.Rows.Languages = append(d.Rows.Languages, i)
	}
	for i := range formCountries {
		d.Rows.Countries = append(d.Rows.Countries, i)
	}
	return d
}

// seekerInput reads the registration form.
func seekerInput(f url.Values) seekers.Input {
	in := seekers.Input{GivenName: f.Get("given_name"), FamilyName: f.Get("family_name"), Sex: f.Get("sex"),
		BirthDate: f.Get("birth_date"), Nationality: f.Get("nationality"), IDType: f.Get("id_type"), IDNumber: f.Get("id_number"),
		Phone: f.Get("phone"), Email: f.Get("email"), Region: f.Get("region"), Prefecture: f.Get("prefecture"),
		Country: f.Get("country"), City: f.Get("city"), EducationField: f.Get("education_field"), Diploma: f.Get("diploma"),
		Skills: f.Get("skills"), DrivingLicence: f.Get("driving_licence"), Availability: f.Get("availability"),
		MigrationIntent: f.Get("migration_intent"), WantsAccompaniment: f.Get("wants_accompaniment") == "1",
		ConsentProcessing: f.Get("consent_processing") == "1", ConsentShareCV: f.Get("consent_share_cv") == "1",
		ConsentSurveys: f.Get("consent_surveys") == "1", ConfirmNew: f.Get("confirm_new") == "1"}
	if in.Country == "" && in.Region == "" {
		in.Country = "TGO"
	}
	if lvl, err := strconv.Atoi(f.Get("isced_level")); err == nil {
		in.ISCEDLevel = &lvl
	}
	in.GraduationYear, _ = strconv.Atoi(f.Get("graduation_year"))
	for i := range formOccupations {
		k := strconv.Itoa(i)
		if code := strings.TrimSpace(f.Get("occ_isco_" + k)); code != "" {
			years, _ := strconv.Atoi(f.Get("occ_years_" + k))
			in.Occupations = append(in.Occupations, mobilite.SeekerOccupation{ISCO08: code, Years: years, Kind: f.Get("occ_kind_" + k)})
		}
	}
	for i := range formLanguages {
		k := strconv.Itoa(i)
		if l := strings.TrimSpace(f.Get("lang_" + k)); l != "" {
			in.Languages = append(in.Languages, mobilite.SeekerLanguage{Language: l, Level: f.Get("level_" + k)})
		}
	}
	for i := range formCountries {
		if c := strings.TrimSpace(f.Get("pref_" + strconv.Itoa(i))); c != "" {
			in.PreferredCountries = append(in.PreferredCountries, c)
		}
	}
	return in
}

// myRegistration shows the seeker's registration, or the form to register.
func (s *Server) myRegistration(w http.ResponseWriter, r *http.Request) {
	u := access.User(r.Context())
	d := s.page(r, "register.title")
	d.Nav = "register"
	rd := s.registerData(false)
	sk, err := s.store.FindSeekerByUser(r.Context(), u.ID)
	switch {
	case err == nil:
		rd.Seeker, rd.Editing = sk, true
		if rd.CV, err = s.currentCV(r, d, sk); err != nil {
			s.fail(w, r, err)
			return
		}
		for k, v := range seekers.FormValues(sk) {
			d.Form.Set(k, v)
		}
	case mobilite.ErrorCode(err) != mobilite.ENOTFOUND:
		s.fail(w, r, err)
		return
	default:
		d.Form.Set("phone", u.Phone)
		d.Form.Set("email", u.Email)
		d.Form.Set("nationality", "TGO — Togo")
		d.Form.Set("migration_intent", mobilite.IntentNone)
		if given, family, ok := strings.Cut(u.Name, " "); ok {
			d.Form.Set("given_name", given)
			d.Form.Set("family_name", family)
		}
	}
	d.Data = rd
	s.render(w, r, "register", d)
}

// register saves a seeker's own registration.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	u := access.User(r.Context())
	if _, err := s.store.FindSeekerByUser(r.Context(), u.ID); err == nil {
		redirect(w, r, "/compte/inscription") // already registered (a second click)
		return
	}
	_, err := s.seekers.Register(r.Context(), nil, u.ID, mobilite.ChannelSelf, seekerInput(form))
	if err != nil {
		s.registerError(w, r, form, err, false)
		return
	}
	s.flash(w, r, "flash.registered")
	redirect(w, r, "/compte/inscription")
}

// registerError redraws the registration form with the errors and, for a likely duplicate, the
// records it looks like (to the staff only; a person registering alone is told to see a counsellor).
func (s *Server) registerError(w http.ResponseWriter, r *http.Request, form url.Values, err error, assisted bool) {
	title := "register.title"
	if assisted {
		title = "register.assisted"
	}
	d := s.formError(w, r, title, "register", form, err)
	if d == nil {
		return
	}
	rd := s.registerData(assisted)
	if dup, ok := seekers.AsDuplicate(err); ok && assisted {
		rd.Duplicates = dup.Duplicates
	}
	d.Data = rd
	s.render(w, r, "register", d)
}

// assistedForm is the counsellor's registration of a person who is present.
func (s *Server) assistedForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "register.assisted")
	d.Nav = "register"
	d.Form.Set("nationality", "TGO — Togo")
	d.Form.Set("migration_intent", mobilite.IntentNone)
	d.Data = s.registerData(true)
	s.render(w, r, "register", d)
}

func (s *Server) assistedRegister(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	sk, code, err := s.seekers.RegisterAssisted(r.Context(), access.User(r.Context()), seekerInput(form))
	if err != nil {
		s.registerError(w, r, form, err, true)
		return
	}
	d := s.page(r, "register.assisted")
	d.Nav = "register"
	rd := s.registerData(true)
	rd.Seeker = sk
	if code != "" {
		rd.HandoverURL = s.baseURL(r) + "/mot-de-passe/nouveau?token=" + code
	}
	d.Data = rd
	d.Flash = d.p.T("flash.registered_assisted", "number", sk.Number)
	s.render(w, r, "register", d)
}

// correctRegistration saves the seeker's corrections of their own record.
func (s *Server) correctRegistration(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	u := access.User(r.Context())
	sk, err := s.store.FindSeekerByUser(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.seekers.Update(r.Context(), nil, sk, seekerInput(form)); err != nil {
		code := mobilite.ErrorCode(err)
		if code != mobilite.EINVALID && code != mobilite.ECONFLICT {
			s.fail(w, r, err)
			return
		}
		d := s.page(r, "register.title")
		d.Nav = "register"
		d.Form = form
		d.Status = statusOf(code)
		d.setErr(err)
		rd := s.registerData(false)
		rd.Seeker, rd.Editing = sk, true
		rd.CV, _ = s.currentCV(r, d, sk) // the CV section is drawn on the page too; without it, "no CV"
		d.Data = rd
		s.render(w, r, "register", d)
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/compte/inscription")
}
