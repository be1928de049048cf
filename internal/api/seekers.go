package api

import (
	"net/http"
	"strconv"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/seekers"
	"mobilite/internal/web"
)

// seekerBody is how the API shows a seeker's record.
type seekerBody struct {
	ID                 int64                       `json:"id"`
	RegistrationNumber string                      `json:"registration_number"`
	GivenName          string                      `json:"given_name"`
	FamilyName         string                      `json:"family_name"`
	Sex                string                      `json:"sex"`
	BirthDate          string                      `json:"birth_date"`
	Nationality        string                      `json:"nationality"`
	Phone              string                      `json:"phone"`
	Email              string                      `json:"email,omitempty"`
	Region             string                      `json:"region,omitempty"`
	Prefecture         string                      `json:"prefecture,omitempty"`
	CountryOfResidence string                      `json:"country_of_residence"`
	City               string                      `json:"city,omitempty"`
	ISCEDLevel         *int                        `json:"isced_level"`
	Occupations        []mobilite.SeekerOccupation `json:"occupations"`
	Languages          []mobilite.SeekerLanguage   `json:"languages"`
	MigrationIntent    string                      `json:"migration_intent"`
	PreferredCountries []string                    `json:"preferred_countries"`
	WantsAccompaniment bool                        `json:"wants_accompaniment"`
	ConsentProcessing  *time.Time                  `json:"consent_processing"`
	ConsentShareCV     *time.Time                  `json:"consent_share_cv"`
	Channel            string                      `json:"channel"`
	OfficeID           int64                       `json:"office_id,omitempty"`
	CreatedAt          time.Time                   `json:"created_at"`
}

func when(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

func showSeeker(s *mobilite.Seeker) seekerBody {
	b := seekerBody{ID: s.ID, RegistrationNumber: s.Number, GivenName: s.GivenName, FamilyName: s.FamilyName, Sex: s.Sex,
		BirthDate: s.BirthDate.Format("2006-01-02"), Nationality: s.Nationality, Phone: s.Phone, Email: s.Email,
		Region: s.Region, Prefecture: s.Prefecture, CountryOfResidence: s.Country, City: s.City,
		Occupations: s.Occupations, Languages: s.Languages, MigrationIntent: s.MigrationIntent,
		PreferredCountries: s.PreferredCountries, WantsAccompaniment: s.WantsAccompaniment,
		ConsentProcessing: when(s.ConsentProcessing), ConsentShareCV: when(s.ConsentShareCV), Channel: s.Channel,
		OfficeID: s.OfficeID, CreatedAt: s.CreatedAt}
	if s.ISCEDLevel >= 0 {
		lvl := s.ISCEDLevel
		b.ISCEDLevel = &lvl
	}
	for _, l := range []*[]string{&b.PreferredCountries} {
		if *l == nil {
			*l = []string{}
		}
	}
	if b.Occupations == nil {
		b.Occupations = []mobilite.SeekerOccupation{}
	}
	if b.Languages == nil {
		b.Languages = []mobilite.SeekerLanguage{}
	}
	return b
}

// seekerInput is the body of POST /api/v1/seekers.
type seekerInput struct {
	GivenName          string                      `json:"given_name"`
	FamilyName         string                      `json:"family_name"`
	Sex                string                      `json:"sex"`
	BirthDate          string                      `json:"birth_date"`
	Phone              string                      `json:"phone"`
	Email              string                      `json:"email"`
	Nationality        string                      `json:"nationality"`
	IDType             string                      `json:"id_type"`
	IDNumber           string                      `json:"id_number"`
	Region             string                      `json:"region"`
	Prefecture         string                      `json:"prefecture"`
	CountryOfResidence string                      `json:"country_of_residence"`
	City               string                      `json:"city"`
	ISCEDLevel         *int                        `json:"isced_level"`
	Occupations        []mobilite.SeekerOccupation `json:"occupations"`
	Languages          []mobilite.SeekerLanguage   `json:"languages"`
	MigrationIntent    string                      `json:"migration_intent"`
	PreferredCountries []string                    `json:"preferred_countries"`
	WantsAccompaniment bool                        `json:"wants_accompaniment"`
	ConsentProcessing  bool                        `json:"consent_processing"`
	ConsentShareCV     bool                        `json:"consent_share_cv"`
	ConsentSurveys     bool                        `json:"consent_surveys"`
	ConfirmNew         bool                        `json:"confirm_new"`
}

// duplicateBody is the 409 answer: the existing record(s) the new one looks like.
type duplicateBody struct {
	Error struct {
		Code       string          `json:"code"`
		Message    string          `json:"message"`
		Field      string          `json:"field"`
		ExistingID int64           `json:"existing_id"`
		Duplicates []duplicateItem `json:"duplicates"`
	} `json:"error"`
}

type duplicateItem struct {
	ID                 int64  `json:"id"`
	RegistrationNumber string `json:"registration_number"`
	Reason             string `json:"reason"`
}

// input turns the body into the service's input.
func (in *seekerInput) input() seekers.Input {
	return seekers.Input{
		GivenName: in.GivenName, FamilyName: in.FamilyName, Sex: in.Sex, BirthDate: in.BirthDate, Phone: in.Phone,
		Email: in.Email, Nationality: in.Nationality, IDType: in.IDType, IDNumber: in.IDNumber, Region: in.Region,
		Prefecture: in.Prefecture, Country: in.CountryOfResidence, City: in.City, ISCEDLevel: in.ISCEDLevel,
		Occupations: in.Occupations, Languages: in.Languages, MigrationIntent: in.MigrationIntent,
		PreferredCountries: in.PreferredCountries, WantsAccompaniment: in.WantsAccompaniment,
		ConsentProcessing: in.ConsentProcessing, ConsentShareCV: in.ConsentShareCV, ConsentSurveys: in.ConsentSurveys,
		ConfirmNew: in.ConfirmNew}
}

// bodyOf is a record as a body, the starting point of a partial update (PATCH).
func bodyOf(sk *mobilite.Seeker) seekerInput {
	in := seekerInput{GivenName: sk.GivenName, FamilyName: sk.FamilyName, Sex: sk.Sex, BirthDate: sk.BirthDate.Format("2006-01-02"),
		Phone: sk.Phone, Email: sk.Email, Nationality: sk.Nationality, IDType: sk.IDType, IDNumber: sk.IDNumber, Region: sk.Region,
		Prefecture: sk.Prefecture, CountryOfResidence: sk.Country, City: sk.City, Occupations: sk.Occupations,
		Languages: sk.Languages, MigrationIntent: sk.MigrationIntent, PreferredCountries: sk.PreferredCountries,
		WantsAccompaniment: sk.WantsAccompaniment, ConsentProcessing: !sk.ConsentProcessing.IsZero(),
		ConsentShareCV: !sk.ConsentShareCV.IsZero(), ConsentSurveys: !sk.ConsentSurveys.IsZero()}
	if sk.ISCEDLevel >= 0 {
		lvl := sk.ISCEDLevel
		in.ISCEDLevel = &lvl
	}
	return in
}

// duplicate answers 409 "duplicate" with the existing records when err is a duplicate.
func (a *API) duplicate(w http.ResponseWriter, r *http.Request, err error) bool {
	d, ok := seekers.AsDuplicate(err)
	if !ok {
		return false
	}
	var body duplicateBody
	// The phone number is unique: it is the field to change. A record of the same name and birth
	// date may be another person: sending confirm_new true registers the new one all the same.
	body.Error.Code, body.Error.Field = "duplicate", "confirm_new"
	if d.PhoneTaken {
		body.Error.Field = "phone"
	}
	body.Error.Message = a.cat.Printer(web.LangOf(r)).T(mobilite.ErrorKey(err))
	body.Error.Duplicates = []duplicateItem{}
	for _, x := range d.Duplicates {
		body.Error.Duplicates = append(body.Error.Duplicates, duplicateItem{ID: x.Seeker.ID, RegistrationNumber: x.Seeker.Number, Reason: x.Reason})
	}
	if len(d.Duplicates) > 0 {
		body.Error.ExistingID = d.Duplicates[0].Seeker.ID
	}
	writeJSON(w, http.StatusConflict, body)
	return true
}

// createSeeker registers a seeker for a staff program, with the same validation and duplicate
// rules as the forms: 201, 400 with the field in error, or 409 "duplicate" with the existing id.
func (a *API) createSeeker(w http.ResponseWriter, r *http.Request) {
	var in seekerInput
	if !a.decode(w, r, &in) {
		return
	}
	sk, err := a.seekers.Register(r.Context(), access.User(r.Context()), 0, mobilite.ChannelAPI, in.input())
	if a.duplicate(w, r, err) {
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/seekers/"+strconv.FormatInt(sk.ID, 10))
	writeJSON(w, http.StatusCreated, showSeeker(sk))
}

// updateSeeker corrects a record: the fields sent replace the record's, the others stay. The
// same rules as for a registration apply: 200, 400 with the field in error, 404, 409.
func (a *API) updateSeeker(w http.ResponseWriter, r *http.Request) {
	sk, ok := a.readSeeker(w, r)
	if !ok {
		return
	}
	in := bodyOf(sk)
	if !a.decode(w, r, &in) {
		return
	}
	next, err := a.seekers.Update(r.Context(), access.User(r.Context()), sk, in.input())
	if a.duplicate(w, r, err) {
		return
	}
	if err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, showSeeker(next))
}

// readSeeker reads the record of the path for the caller (logged); it answers 404 itself.
func (a *API) readSeeker(w http.ResponseWriter, r *http.Request) (*mobilite.Seeker, bool) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		a.fail(w, r, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", ""))
		return nil, false
	}
	sk, err := a.seekers.Read(r.Context(), access.User(r.Context()), id)
	if err != nil {
		a.fail(w, r, err)
		return nil, false
	}
	return sk, true
}

// reasonBody is a reason for or against a match, as a code and in words.
type reasonBody struct {
	Code    string `json:"code"`
	Against bool   `json:"against"`
	Points  int    `json:"points"`
	Text    string `json:"text"`
}

// seekerMatches returns the open offers ranked for a seeker, with the reasons.
func (a *API) seekerMatches(w http.ResponseWriter, r *http.Request) {
	sk, ok := a.readSeeker(w, r)
	if !ok {
		return
	}
	limit, err := strconv.Atoi(r.URL.Query().Get("limit"))
	if err != nil || limit <= 0 || limit > 100 {
		limit = 20
	}
	ms, err := a.match.OffersFor(r.Context(), sk, limit)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	p := a.cat.Printer(web.LangOf(r))
	type item struct {
		Job     jobBody      `json:"job"`
		Score   int          `json:"score"`
		Reasons []reasonBody `json:"reasons"`
	}
	out := struct {
		Items []item `json:"items"`
	}{Items: []item{}}
	for _, m := range ms {
		it := item{Job: a.showJob(r, m.Job, false), Score: m.Score, Reasons: []reasonBody{}}
		for _, rs := range m.Reasons {
			it.Reasons = append(it.Reasons, reasonBody{Code: rs.Code, Against: rs.Against, Points: rs.Points, Text: a.explain.Text(p, rs)})
		}
		out.Items = append(out.Items, it)
	}
	writeJSON(w, http.StatusOK, out)
}

// findSeekers finds seekers by registration number, phone or name (?q=).
func (a *API) findSeekers(w http.ResponseWriter, r *http.Request) {
	u := access.User(r.Context())
	office, region, err := a.seekers.Reach(r.Context(), u)
	if err != nil {
		a.fail(w, r, err)
		return
	}
	q := r.URL.Query().Get("q")
	if ph, err := mobilite.NormalizePhone(q); err == nil {
		q = ph
	}
	list, total, err := a.store.FindSeekers(r.Context(), mobilite.SeekerFilter{Query: q, ReadableOffice: office, ReadableRegion: region, Limit: 50})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	out := struct {
		Items []seekerBody `json:"items"`
		Total int          `json:"total"`
	}{Items: []seekerBody{}, Total: total}
	for _, s := range list {
		out.Items = append(out.Items, showSeeker(s))
	}
	writeJSON(w, http.StatusOK, out)
}

// getSeeker returns one record; each staff read is logged.
func (a *API) getSeeker(w http.ResponseWriter, r *http.Request) {
	if sk, ok := a.readSeeker(w, r); ok {
		writeJSON(w, http.StatusOK, showSeeker(sk))
	}
}
