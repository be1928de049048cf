package mobilite

import (
	"context"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Seeker statuses. A deleted seeker keeps only what statistics need, anonymised.
const (
	SeekerActive  = "active"
	SeekerDeleted = "deleted"
)

// Registration channels.
const (
	ChannelSelf     = "self"     // the person registered alone, online or at a kiosk
	ChannelAssisted = "assisted" // a counsellor registered the person, who was present
	ChannelAPI      = "api"      // a staff program
)

// Migration intents.
const (
	IntentNone  = "none"
	IntentWork  = "work"
	IntentStudy = "study"
)

// Occupation kinds of a seeker.
const (
	OccupationSought = "sought"
	OccupationHeld   = "held"
)

// SeekerOccupation is an occupation a seeker looks for or has held, with years of experience.
type SeekerOccupation struct {
	ISCO08 string `json:"isco08"`
	Years  int    `json:"years"`
	Kind   string `json:"kind"`
}

// SeekerLanguage is a language with its CEFR level (A1…C2), or "native".
type SeekerLanguage struct {
	Language string `json:"language"`
	Level    string `json:"level"`
}

// CEFRLevels are the levels of the Common European Framework of Reference, and "native".
var CEFRLevels = []string{"A1", "A2", "B1", "B2", "C1", "C2", "native"}

// Seeker is a registered job seeker.
type Seeker struct {
	ID                 int64
	UserID             int64  // the account, 0 when the person has none
	Number             string // registration number, e.g. TG-2026-000123-7
	GivenName          string
	FamilyName         string
	NameKey            string // folded names in order, for finding duplicates
	Sex                string // F or M
	BirthDate          time.Time
	Nationality        string // ISO 3166 alpha-3
	IDType             string // national_id, passport, voter_card, other
	IDNumber           string
	Phone              string // E.164
	Email              string
	Region             string // ISO 3166-2 of a Togo region, for residents of Togo
	Prefecture         string
	Country            string // of residence, alpha-3
	City               string
	ISCEDLevel         int // 0–8; -1 when not given
	EducationField     string
	Diploma            string
	GraduationYear     int
	Occupations        []SeekerOccupation
	Languages          []SeekerLanguage
	Skills             string
	DrivingLicence     string
	Availability       string
	MigrationIntent    string
	PreferredCountries []string
	WantsAccompaniment bool
	ConsentProcessing  time.Time // when given; zero when not
	ConsentShareCV     time.Time
	ConsentSurveys     time.Time
	ConsentBy          int64 // the counsellor who recorded the consents of an assisted registration
	Channel            string
	OfficeID           int64
	Status             string
	CreatedAt          time.Time
	UpdatedAt          time.Time
}

// Validate checks the seeker's own fields against today's date now; what needs the reference
// data (countries, regions, occupations) is checked by the service. It returns EINVALID.
func (s *Seeker) Validate(now time.Time) error {
	var p Problems
	for field, v := range map[string]string{"given_name": s.GivenName, "family_name": s.FamilyName} {
		v = strings.TrimSpace(v)
		switch {
		case v == "":
			p.Add(field, "seeker.name.required")
		case utf8.RuneCountInString(v) > 100 || !ValidName(v):
			p.Add(field, "seeker.name.invalid")
		}
	}
	if s.Sex != "F" && s.Sex != "M" {
		p.Add("sex", "seeker.sex.invalid")
	}
	switch age := Age(s.BirthDate, now); {
	case s.BirthDate.IsZero():
		p.Add("birth_date", "seeker.birth_date.required")
	case s.BirthDate.After(now):
		p.Add("birth_date", "seeker.birth_date.future")
	case age < 15:
		p.Add("birth_date", "seeker.birth_date.too_young")
	case age > 100:
		p.Add("birth_date", "seeker.birth_date.too_old")
	}
	if len(s.Nationality) != 3 {
		p.Add("nationality", "seeker.nationality.required")
	}
	if s.Phone == "" {
		p.Add("phone", "seeker.phone.required")
	} else if ph, err := NormalizePhone(s.Phone); err != nil || ph != s.Phone {
		p.Add("phone", "user.phone.invalid")
	}
	if s.Email != "" && NormalizeEmail(s.Email) != s.Email {
		p.Add("email", "user.email.invalid")
	}
	if s.IDNumber != "" && (utf8.RuneCountInString(s.IDNumber) > 40 || s.IDType == "") {
		p.Add("id_number", "seeker.id.invalid")
	}
	if len(s.Country) != 3 {
		p.Add("country", "seeker.country.required")
	}
	if s.ISCEDLevel < -1 || s.ISCEDLevel > 8 {
		p.Add("isced_level", "seeker.isced.invalid")
	}
	if s.GraduationYear != 0 && (s.GraduationYear < 1940 || s.GraduationYear > now.Year()+1) {
		p.Add("graduation_year", "seeker.graduation_year.invalid")
	}
	for _, o := range s.Occupations {
		if o.Years < 0 || o.Years > 60 || (o.Kind != OccupationSought && o.Kind != OccupationHeld) {
			p.Add("occupations", "seeker.occupation.invalid")
		}
	}
	for _, l := range s.Languages {
		ok := false
		for _, lv := range CEFRLevels {
			ok = ok || l.Level == lv
		}
		if !ok || strings.TrimSpace(l.Language) == "" || utf8.RuneCountInString(l.Language) > 40 {
			p.Add("languages", "seeker.language.invalid")
		}
	}
	switch s.MigrationIntent {
	case IntentNone, IntentWork, IntentStudy:
	default:
		p.Add("migration_intent", "seeker.intent.invalid")
	}
	for _, c := range s.PreferredCountries {
		if len(c) != 3 {
			p.Add("preferred_countries", "seeker.country.invalid")
		}
	}
	for field, v := range map[string]string{"skills": s.Skills, "availability": s.Availability, "diploma": s.Diploma,
		"education_field": s.EducationField, "city": s.City} {
		if utf8.RuneCountInString(v) > 2000 {
			p.Add(field, "seeker.text.too_long")
		}
	}
	if s.ConsentProcessing.IsZero() {
		p.Add("consent_processing", "seeker.consent.required")
	}
	return p.Err()
}

// ValidName accepts names in every script, with spaces, apostrophes, hyphens and dots, and
// refuses digits, control characters and other symbols.
func ValidName(s string) bool {
	for _, r := range s {
		switch {
		case unicode.IsLetter(r), unicode.Is(unicode.Mn, r), unicode.Is(unicode.Mc, r):
		case r == ' ' || r == '\'' || r == '’' || r == '-' || r == '.' || r == '\u00a0':
		default:
			return false
		}
	}
	return true
}

// Age is the age in whole years at now of a person born on birth.
func Age(birth, now time.Time) int {
	if birth.IsZero() {
		return 0
	}
	y := now.Year() - birth.Year()
	if now.Month() < birth.Month() || (now.Month() == birth.Month() && now.Day() < birth.Day()) {
		y--
	}
	return y
}

// SeekerFilter selects seekers.
type SeekerFilter struct {
	Query    string // registration number, phone or part of a name
	OfficeID int64
	Region   string
	Intent   string
	Status   string // active (default) or deleted
	// Readable limits the list to what a counsellor may see: the seekers of this office, and
	// those of this region who asked for the agency's accompaniment. Zero: no limit (admins).
	ReadableOffice int64
	ReadableRegion string
	Offset         int
	Limit          int
}

// Duplicate is an existing seeker that looks like a new registration, and why.
type Duplicate struct {
	Seeker *Seeker
	Reason string // phone, id_number, name_birth
}

// SeekerStore keeps the register of job seekers.
type SeekerStore interface {
	// CreateSeeker inserts s with its occupations, languages and countries, and gives it its
	// registration number. ECONFLICT when an active seeker has the same phone.
	CreateSeeker(ctx context.Context, s *Seeker) error
	// UpdateSeeker saves every field of s. ENOTFOUND, ECONFLICT.
	UpdateSeeker(ctx context.Context, s *Seeker) error
	// FindSeekerByID returns a seeker with everything. ENOTFOUND.
	FindSeekerByID(ctx context.Context, id int64) (*Seeker, error)
	// FindSeekerByUser returns the seeker record of an account. ENOTFOUND.
	FindSeekerByUser(ctx context.Context, userID int64) (*Seeker, error)
	// FindSeekerByNumber returns a seeker by registration number. ENOTFOUND.
	FindSeekerByNumber(ctx context.Context, number string) (*Seeker, error)
	// FindSeekers returns a page of seekers (without their lists) and the total.
	FindSeekers(ctx context.Context, f SeekerFilter) ([]*Seeker, int, error)
	// FindDuplicates returns the active seekers with the same phone, the same identity document
	// number, or the same name key and birth date as s (s itself excluded when it has an id).
	FindDuplicates(ctx context.Context, s *Seeker) ([]Duplicate, error)
}
