// Package seekers provides the register of job seekers: registration online and at the
// agency's desks (assisted, with the consent recorded by the counsellor), the detection of
// duplicates before a record is saved, and the rules of who may see a record.
package seekers

import (
	"context"
	"errors"
	"sort"
	"strconv"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/ref"
)

// Service holds the register's dependencies.
type Service struct {
	Store mobilite.Store
	Ref   *ref.Ref
	Now   func() time.Time
	// OpenAccount opens the account of a person registered at a desk, in the registration's
	// transaction, and returns the code to hand over (account.Service.Handover).
	OpenAccount func(ctx context.Context, tx mobilite.Store, actor *mobilite.User, sk *mobilite.Seeker) (string, error)
}

// New returns the service; now may be nil for time.Now.
func New(s mobilite.Store, r *ref.Ref, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{Store: s, Ref: r, Now: now}
}

func (s *Service) now() time.Time { return s.Now().UTC() }

// NameKey is the key under which two spellings of the same name meet: the given and family
// names folded (no accents, no case, no punctuation) and their words sorted, so that "Kossi
// Agbéko" and "AGBEKO Kossi" are the same person for the duplicate check.
func NameKey(given, family string) string {
	words := strings.Fields(ref.Fold(given + " " + family))
	sort.Strings(words)
	return strings.Join(words, " ")
}

// Input is a registration as typed in a form or sent to the API. Dates are YYYY-MM-DD.
type Input struct {
	GivenName, FamilyName, Sex, BirthDate, Nationality string
	IDType, IDNumber, Phone, Email                     string
	Region, Prefecture, Country, City                  string
	ISCEDLevel                                         *int
	EducationField, Diploma                            string
	GraduationYear                                     int
	Occupations                                        []mobilite.SeekerOccupation
	Languages                                          []mobilite.SeekerLanguage
	Skills, DrivingLicence, Availability               string
	MigrationIntent                                    string
	PreferredCountries                                 []string
	WantsAccompaniment                                 bool
	ConsentProcessing, ConsentShareCV, ConsentSurveys  bool
	ConfirmNew                                         bool // register even though likely duplicates exist
}

// IDTypes are the identity documents a seeker may give.
var IDTypes = []string{"national_id", "passport", "voter_card", "other"}

// build turns an input into a seeker, reading places, occupations and languages against the
// reference data. It collects every problem at once (EINVALID).
func (s *Service) build(in Input, now time.Time) (*mobilite.Seeker, error) {
	var p mobilite.Problems
	sk := &mobilite.Seeker{GivenName: strings.Join(strings.Fields(in.GivenName), " "),
		FamilyName: strings.Join(strings.Fields(in.FamilyName), " "), Sex: strings.ToUpper(strings.TrimSpace(in.Sex)),
		IDType: in.IDType, IDNumber: strings.ToUpper(strings.TrimSpace(in.IDNumber)),
		City: strings.TrimSpace(in.City), EducationField: strings.TrimSpace(in.EducationField),
		Diploma: strings.TrimSpace(in.Diploma), GraduationYear: in.GraduationYear, Skills: strings.TrimSpace(in.Skills),
		DrivingLicence: strings.TrimSpace(in.DrivingLicence), Availability: strings.TrimSpace(in.Availability),
		MigrationIntent: in.MigrationIntent, WantsAccompaniment: in.WantsAccompaniment, ISCEDLevel: -1}
	sk.NameKey = NameKey(sk.GivenName, sk.FamilyName)
	if sk.MigrationIntent == "" {
		sk.MigrationIntent = mobilite.IntentNone
	}
	if in.BirthDate != "" {
		if t, err := time.Parse("2006-01-02", strings.TrimSpace(in.BirthDate)); err == nil {
			sk.BirthDate = t
		} else {
			p.Add("birth_date", "seeker.birth_date.invalid")
		}
	}
	if c := strings.TrimSpace(in.Nationality); c != "" {
		if a3, ok := s.Ref.ResolveCountry(c); ok {
			sk.Nationality = a3
		} else {
			p.Add("nationality", "seeker.country.invalid")
		}
	}
	if in.IDType != "" {
		ok := false
		for _, t := range IDTypes {
			ok = ok || t == in.IDType
		}
		if !ok {
			p.Add("id_type", "seeker.id.invalid")
		}
	}
	if ph := strings.TrimSpace(in.Phone); ph != "" {
		n, err := mobilite.NormalizePhone(ph)
		if err != nil {
			p.Add("phone", "user.phone.invalid")
		}
		sk.Phone = n
	}
	if e := strings.TrimSpace(in.Email); e != "" {
		if sk.Email = mobilite.NormalizeEmail(e); sk.Email == "" {
			p.Add("email", "user.email.invalid")
		}
	}
	// Residence: a Togo region and prefecture, or a country (and city) abroad for the diaspora.
	country := strings.TrimSpace(in.Country)
	if country == "" && in.Region != "" {
		country = "TGO"
	}
	if country != "" {
		if a3, ok := s.Ref.ResolveCountry(country); ok {
			sk.Country = a3
		} else {
			p.Add("country", "seeker.country.invalid")
		}
	}
	if sk.Country == "TGO" {
		reg, ok := s.Ref.Region(strings.TrimSpace(in.Region))
		if !ok {
			p.Add("region", "seeker.region.required")
		} else {
			sk.Region = reg.Code
			if pref := strings.TrimSpace(in.Prefecture); pref != "" {
				found := false
				for _, pf := range reg.Prefectures {
					if ref.Fold(pf.Name) == ref.Fold(pref) {
						sk.Prefecture, found = pf.Name, true
					}
				}
				if !found {
					p.Add("prefecture", "seeker.prefecture.invalid")
				}
			}
		}
	}
	if in.ISCEDLevel != nil {
		if _, ok := s.Ref.Education(*in.ISCEDLevel); ok {
			sk.ISCEDLevel = *in.ISCEDLevel
		} else {
			p.Add("isced_level", "seeker.isced.invalid")
		}
	}
	for _, o := range in.Occupations {
		code, ok := s.Ref.ResolveOccupation(o.ISCO08)
		if !ok {
			p.Add("occupations", "seeker.occupation.invalid")
			continue
		}
		if o.Kind == "" {
			o.Kind = mobilite.OccupationSought
		}
		sk.Occupations = append(sk.Occupations, mobilite.SeekerOccupation{ISCO08: code, Years: o.Years, Kind: o.Kind})
	}
	for _, l := range in.Languages {
		l.Language = strings.TrimSpace(l.Language)
		if l.Level == "" {
			l.Level = "B1"
		}
		sk.Languages = append(sk.Languages, l)
	}
	for _, c := range in.PreferredCountries {
		if strings.TrimSpace(c) == "" {
			continue
		}
		if a3, ok := s.Ref.ResolveCountry(c); ok {
			sk.PreferredCountries = append(sk.PreferredCountries, a3)
		} else {
			p.Add("preferred_countries", "seeker.country.invalid")
		}
	}
	if in.ConsentProcessing {
		sk.ConsentProcessing = now
	}
	if in.ConsentShareCV {
		sk.ConsentShareCV = now
	}
	if in.ConsentSurveys {
		sk.ConsentSurveys = now
	}
	if err := sk.Validate(now); err != nil {
		for _, f := range mobilite.ErrorFields(err) {
			p.Add(f.Field, f.Key)
		}
	}
	return sk, p.Err()
}

// DuplicateError is the error of a registration that looks like existing records: the phone is
// already taken (always refused), or a likely duplicate exists and the registration was not
// confirmed as new. Its code is ECONFLICT.
type DuplicateError struct {
	Duplicates []mobilite.Duplicate
	PhoneTaken bool
}

func (e *DuplicateError) Error() string { return "seekers: likely duplicate" }

// AsDuplicate returns the duplicates of err, if it carries a DuplicateError.
func AsDuplicate(err error) (*DuplicateError, bool) {
	var d *DuplicateError
	ok := errors.As(err, &d)
	return d, ok
}

func duplicateErr(d *DuplicateError) error {
	key := "seeker.duplicate"
	if d.PhoneTaken {
		key = "seeker.phone.taken"
	}
	return &mobilite.Error{Code: mobilite.ECONFLICT, Key: key, Fields: []mobilite.FieldError{{Field: "phone", Key: key}}, Err: d}
}

// Register records a new seeker. actor is nil for a person registering alone (self service),
// a counsellor or admin for an assisted registration (the consent is then attributed to them),
// a staff program for the API (channel api). userID links the record to the person's account.
// Before saving, it looks for likely duplicates: the same phone is always refused; the same
// identity document or the same name with the same birth date is refused unless ConfirmNew.
// EINVALID, ECONFLICT (*DuplicateError inside), EFORBIDDEN.
func (s *Service) Register(ctx context.Context, actor *mobilite.User, userID int64, channel string, in Input) (*mobilite.Seeker, error) {
	return s.register(ctx, actor, userID, channel, in, nil)
}

// RegisterAssisted registers a person who is present at a counsellor's desk or a kiosk, and
// opens the person's account in the same transaction (OpenAccount) unless an account already
// has the person's phone or e-mail. It returns the one-time code with which the person chooses
// a password, to be handed over on paper ("" when no account was opened).
func (s *Service) RegisterAssisted(ctx context.Context, actor *mobilite.User, in Input) (*mobilite.Seeker, string, error) {
	var code string
	sk, err := s.register(ctx, actor, 0, mobilite.ChannelAssisted, in, func(tx mobilite.Store, sk *mobilite.Seeker) error {
		if s.OpenAccount == nil {
			return nil
		}
		var err error
		code, err = s.OpenAccount(ctx, tx, actor, sk)
		return err
	})
	return sk, code, err
}

func (s *Service) register(ctx context.Context, actor *mobilite.User, userID int64, channel string, in Input,
	after func(tx mobilite.Store, sk *mobilite.Seeker) error) (*mobilite.Seeker, error) {
	if actor != nil && !actor.Role.Staff() {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "seekers: %s may not register others", actor.Role)
	}
	now := s.now()
	sk, err := s.build(in, now)
	if err != nil {
		return nil, err
	}
	sk.UserID, sk.Channel, sk.Status, sk.CreatedAt, sk.UpdatedAt = userID, channel, mobilite.SeekerActive, now, now
	if actor != nil {
		sk.ConsentBy, sk.OfficeID = actor.ID, actor.OfficeID
	}
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		dups, err := tx.FindDuplicates(ctx, sk)
		if err != nil {
			return err
		}
		d := &DuplicateError{Duplicates: dups}
		for _, x := range dups {
			d.PhoneTaken = d.PhoneTaken || x.Reason == "phone"
		}
		if len(dups) > 0 && (d.PhoneTaken || !in.ConfirmNew) {
			return duplicateErr(d)
		}
		if err := tx.CreateSeeker(ctx, sk); err != nil {
			if mobilite.ErrorCode(err) == mobilite.ECONFLICT { // a registration at the same moment
				return duplicateErr(&DuplicateError{PhoneTaken: true})
			}
			return err
		}
		if after != nil {
			if err := after(tx, sk); err != nil {
				return err
			}
		}
		if actor != nil {
			return audit.Record(ctx, tx, now, actor, "seeker.create", "seeker", sk.ID, nil, auditView(sk))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return sk, nil
}

// auditView is what the audit log keeps of a seeker: the fields, without the lists.
func auditView(sk *mobilite.Seeker) map[string]any {
	return map[string]any{"number": sk.Number, "given_name": sk.GivenName, "family_name": sk.FamilyName, "sex": sk.Sex,
		"birth_date": sk.BirthDate.Format("2006-01-02"), "phone": sk.Phone, "email": sk.Email, "region": sk.Region,
		"country": sk.Country, "isced_level": sk.ISCEDLevel, "migration_intent": sk.MigrationIntent,
		"consent_processing": !sk.ConsentProcessing.IsZero(), "consent_share_cv": !sk.ConsentShareCV.IsZero(), "status": sk.Status}
}

// MayRead reports whether u may read a seeker's full record: the seeker themselves; admins;
// counsellors of the seeker's office, or of the seeker's region when the seeker asked for the
// agency's accompaniment; never partners (the CV sharing of issue 4's matching goes through
// consented exports only).
func (s *Service) MayRead(ctx context.Context, u *mobilite.User, sk *mobilite.Seeker) (bool, error) {
	switch {
	case u == nil:
		return false, nil
	case u.ID == sk.UserID && sk.UserID != 0:
		return true, nil
	case u.Role == mobilite.RoleAdmin:
		return true, nil
	case u.Role != mobilite.RoleCounsellor:
		return false, nil
	case u.OfficeID != 0 && u.OfficeID == sk.OfficeID:
		return true, nil
	case sk.WantsAccompaniment && sk.Region != "":
		o, err := s.Store.FindOfficeByID(ctx, u.OfficeID)
		if err != nil {
			if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
				return false, nil
			}
			return false, err
		}
		return o.Region == sk.Region, nil
	}
	return false, nil
}

// Read returns a seeker's full record for u, and logs the read when u is staff. ENOTFOUND
// when the record does not exist or u may not read it (so that its existence is not disclosed).
func (s *Service) Read(ctx context.Context, u *mobilite.User, id int64) (*mobilite.Seeker, error) {
	sk, err := s.Store.FindSeekerByID(ctx, id)
	if err != nil {
		return nil, err
	}
	ok, err := s.MayRead(ctx, u, sk)
	if err != nil {
		return nil, err
	}
	if !ok || sk.Status != mobilite.SeekerActive {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "seekers: %d not readable", id)
	}
	if u.Role.Staff() {
		if err := audit.Record(ctx, s.Store, s.now(), u, "seeker.read", "seeker", sk.ID, nil, nil); err != nil {
			return nil, err
		}
	}
	return sk, nil
}

// Anonymise erases what identifies the person of a seeker record and keeps, for statistics,
// what the indicators need: sex, year of birth, nationality, region and prefecture, country of
// residence, education level, occupations, migration project. The record is marked deleted and
// unlinked from the account, and its uploaded CV is deleted. It runs in the caller's transaction tx.
func Anonymise(ctx context.Context, tx mobilite.Store, sk *mobilite.Seeker, now time.Time) error {
	if !sk.BirthDate.IsZero() {
		sk.BirthDate = time.Date(sk.BirthDate.Year(), 1, 1, 0, 0, 0, 0, time.UTC)
	}
	sk.UserID, sk.GivenName, sk.FamilyName, sk.NameKey = 0, "", "", ""
	sk.IDType, sk.IDNumber, sk.Phone, sk.Email, sk.City = "", "", "", "", ""
	sk.EducationField, sk.Diploma, sk.Skills, sk.DrivingLicence, sk.Availability = "", "", "", "", ""
	sk.Languages = nil
	sk.ConsentShareCV, sk.ConsentSurveys = time.Time{}, time.Time{}
	sk.Status, sk.UpdatedAt = mobilite.SeekerDeleted, now
	if err := tx.DeleteSeekerCV(ctx, sk.ID); err != nil && mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		return err
	}
	return tx.UpdateSeeker(ctx, sk)
}

// OnAccountDeleted anonymises the seeker record of an account being deleted, in the same
// transaction (account.Service.OnDelete).
func (s *Service) OnAccountDeleted(ctx context.Context, tx mobilite.Store, u *mobilite.User) error {
	sk, err := tx.FindSeekerByUser(ctx, u.ID)
	if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
		return nil
	}
	if err != nil {
		return err
	}
	return Anonymise(ctx, tx, sk, s.now())
}

// Update corrects a seeker's record with in, on behalf of the person themselves (actor nil) or
// of staff who may read the record (recorded in the audit log). The same rules as for a
// registration apply; the duplicate checks leave the record itself out. Consents keep their
// first date while they stay given. EINVALID, ECONFLICT, ENOTFOUND.
func (s *Service) Update(ctx context.Context, actor *mobilite.User, sk *mobilite.Seeker, in Input) (*mobilite.Seeker, error) {
	if actor != nil {
		ok, err := s.MayRead(ctx, actor, sk)
		if err != nil {
			return nil, err
		}
		if !ok || !actor.Role.Staff() {
			return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "seekers: %d not writable", sk.ID)
		}
	}
	now := s.now()
	next, err := s.build(in, now)
	if err != nil {
		return nil, err
	}
	next.ID, next.Number, next.UserID, next.Channel, next.OfficeID = sk.ID, sk.Number, sk.UserID, sk.Channel, sk.OfficeID
	next.Status, next.CreatedAt, next.UpdatedAt, next.ConsentBy = sk.Status, sk.CreatedAt, now, sk.ConsentBy
	for _, c := range []struct{ old, cur *time.Time }{{&sk.ConsentProcessing, &next.ConsentProcessing},
		{&sk.ConsentShareCV, &next.ConsentShareCV}, {&sk.ConsentSurveys, &next.ConsentSurveys}} {
		if !c.cur.IsZero() && !c.old.IsZero() {
			*c.cur = *c.old
		}
	}
	if actor != nil && (next.ConsentProcessing != sk.ConsentProcessing || next.ConsentShareCV != sk.ConsentShareCV) {
		next.ConsentBy = actor.ID
	}
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		dups, err := tx.FindDuplicates(ctx, next)
		if err != nil {
			return err
		}
		d := &DuplicateError{Duplicates: dups}
		for _, x := range dups {
			d.PhoneTaken = d.PhoneTaken || x.Reason == "phone"
		}
		if len(dups) > 0 && (d.PhoneTaken || !in.ConfirmNew) {
			return duplicateErr(d)
		}
		if err := tx.UpdateSeeker(ctx, next); err != nil {
			if mobilite.ErrorCode(err) == mobilite.ECONFLICT {
				return duplicateErr(&DuplicateError{PhoneTaken: true})
			}
			return err
		}
		if actor != nil {
			return audit.Record(ctx, tx, now, actor, "seeker.update", "seeker", next.ID, auditView(sk), auditView(next))
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return next, nil
}

// FormValues writes a record back as the values of the registration form, for editing.
func FormValues(sk *mobilite.Seeker) map[string]string {
	v := map[string]string{"given_name": sk.GivenName, "family_name": sk.FamilyName, "sex": sk.Sex,
		"birth_date": sk.BirthDate.Format("2006-01-02"), "nationality": sk.Nationality, "id_type": sk.IDType,
		"id_number": sk.IDNumber, "phone": sk.Phone, "email": sk.Email, "region": sk.Region, "prefecture": sk.Prefecture,
		"country": sk.Country, "city": sk.City, "education_field": sk.EducationField, "diploma": sk.Diploma,
		"skills": sk.Skills, "driving_licence": sk.DrivingLicence, "availability": sk.Availability,
		"migration_intent": sk.MigrationIntent}
	if sk.ISCEDLevel >= 0 {
		v["isced_level"] = strconv.Itoa(sk.ISCEDLevel)
	}
	if sk.GraduationYear != 0 {
		v["graduation_year"] = strconv.Itoa(sk.GraduationYear)
	}
	for i, o := range sk.Occupations {
		k := strconv.Itoa(i)
		v["occ_isco_"+k], v["occ_years_"+k], v["occ_kind_"+k] = o.ISCO08, strconv.Itoa(o.Years), o.Kind
	}
	for i, l := range sk.Languages {
		k := strconv.Itoa(i)
		v["lang_"+k], v["level_"+k] = l.Language, l.Level
	}
	for i, c := range sk.PreferredCountries {
		v["pref_"+strconv.Itoa(i)] = c
	}
	for name, t := range map[string]time.Time{"consent_processing": sk.ConsentProcessing, "consent_share_cv": sk.ConsentShareCV, "consent_surveys": sk.ConsentSurveys} {
		if !t.IsZero() {
			v[name] = "1"
		}
	}
	if sk.WantsAccompaniment {
		v["wants_accompaniment"] = "1"
	}
	return v
}
