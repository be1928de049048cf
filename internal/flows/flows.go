// Package flows keeps the register of labour-migration flows: departures abroad to work or
// study and returns, entered by counsellors, uploaded by licensed agencies and partners, sent
// by programs, or written by the accompaniment cases. It is the backbone of the outflow and
// return indicators: each record carries the person's statistical attributes and a key that
// recognises the same person in other records, so that persons are counted once.
package flows

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/ref"
	"mobilite/internal/seekers"
)

// Service records flows.
type Service struct {
	Store   mobilite.Store
	Ref     *ref.Ref
	Seekers *seekers.Service
	Now     func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// PersonInput is the person of a flow record sent without a seeker record: what the statistics
// need, and what recognises the person (national ID, else names with sex and birth date).
// Dates are YYYY-MM-DD.
type PersonInput struct {
	GivenName, FamilyName string
	Sex                   string
	BirthDate             string
	Nationality           string
	Region, Prefecture    string
	ISCEDLevel            *int
	NationalID            string
}

// DepartureInput is a departure as typed in a form, uploaded or sent to the API.
type DepartureInput struct {
	SeekerID            int64
	Person              PersonInput // used when SeekerID is 0
	Date                string
	Purpose             string // work (default) or study
	Destination         string // ISO alpha-2 or alpha-3, or a name
	City, Employer      string
	ISICSection         string
	ISCO08              string
	Channel             string
	AgencyLicence       string
	ContractVerified    bool
	OrientationAttended bool
	ContractMonths      int
	PlannedReturn       string
	WorkerCosts         *float64
	FirstMonthlyWage    *float64
	Currency            string
}

// ReturnInput is a return as typed, uploaded or sent.
type ReturnInput struct {
	SeekerID        int64
	Person          PersonInput
	DepartureID     int64
	Date            string
	PreviousCountry string
	MonthsAbroad    int
	ReturnType      string
	ISCO08          string
	Skills          string
	Status3M        string
	Status6M        string
	Status12M       string
}

// PersonKey is the key that recognises a person across flow records without keeping who the
// person is: a hash of the nationality and the national ID number when there is one, else of
// the folded names (in any order), sex and birth date. "" when neither can be made.
func PersonKey(nationality, nationalID, given, family, sex string, birth time.Time) string {
	if id := strings.Join(strings.Fields(strings.ToUpper(ref.Fold(nationalID))), ""); id != "" {
		return "n:" + digest(nationality+"|"+id)
	}
	if name := seekers.NameKey(given, family); name != "" && !birth.IsZero() && sex != "" {
		return "p:" + digest(name+"|"+sex+"|"+birth.Format("2006-01-02"))
	}
	return ""
}

func digest(s string) string {
	h := sha256.Sum256([]byte("mobilite-flow|" + s))
	return hex.EncodeToString(h[:16])
}

// uniqueKey is the key of a person who cannot be recognised: counted as a person of their own.
func uniqueKey() string {
	b := make([]byte, 12)
	_, _ = rand.Read(b)
	return "r:" + hex.EncodeToString(b)
}

func parseDate(s string) (time.Time, bool) {
	t, err := time.Parse("2006-01-02", strings.TrimSpace(s))
	return t, err == nil
}

// person builds the person of a record at the date of the event: from the seeker record (which
// actor must be allowed to read; partners may not name seekers) or from the input.
func (s *Service) person(ctx context.Context, actor *mobilite.User, seekerID int64, in PersonInput, at time.Time, p *mobilite.Problems) (mobilite.FlowPerson, error) {
	var fp mobilite.FlowPerson
	if seekerID != 0 {
		if actor == nil || !actor.Role.Staff() {
			p.Add("seeker_id", "flow.seeker.forbidden")
			return fp, nil
		}
		sk, err := s.Seekers.Read(ctx, actor, seekerID)
		if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
			p.Add("seeker_id", "flow.seeker.unknown")
			return fp, nil
		}
		if err != nil {
			return fp, err
		}
		fp = mobilite.FlowPerson{SeekerID: sk.ID, Sex: sk.Sex, BirthDate: sk.BirthDate, Nationality: sk.Nationality,
			Region: sk.Region, Prefecture: sk.Prefecture, ISCEDLevel: sk.ISCEDLevel,
			Key: PersonKey(sk.Nationality, sk.IDNumber, sk.GivenName, sk.FamilyName, sk.Sex, sk.BirthDate)}
	} else {
		fp.Sex = strings.ToUpper(strings.TrimSpace(in.Sex))
		if fp.Sex != "F" && fp.Sex != "M" {
			p.Add("person.sex", "seeker.sex.invalid")
		}
		if strings.TrimSpace(in.BirthDate) != "" {
			if b, ok := parseDate(in.BirthDate); ok {
				fp.BirthDate = b
			} else {
				p.Add("person.birth_date", "flow.date.invalid")
			}
		}
		if a3, ok := s.Ref.ResolveCountry(in.Nationality); ok {
			fp.Nationality = a3
		} else {
			p.Add("person.nationality", "seeker.nationality.required")
		}
		if r := strings.TrimSpace(in.Region); r != "" {
			reg, ok := s.Ref.Region(r)
			if !ok {
				p.Add("person.region", "seeker.region.invalid")
			} else {
				fp.Region = reg.Code
				if pref := strings.TrimSpace(in.Prefecture); pref != "" {
					for _, pf := range reg.Prefectures {
						if ref.Fold(pf.Name) == ref.Fold(pref) {
							fp.Prefecture = pf.Name
						}
					}
					if fp.Prefecture == "" {
						p.Add("person.prefecture", "seeker.prefecture.invalid")
					}
				}
			}
		}
		fp.ISCEDLevel = -1
		if in.ISCEDLevel != nil {
			if *in.ISCEDLevel < 0 || *in.ISCEDLevel > 8 {
				p.Add("person.isced_level", "seeker.isced.invalid")
			} else {
				fp.ISCEDLevel = *in.ISCEDLevel
			}
		}
		fp.Key = PersonKey(fp.Nationality, in.NationalID, in.GivenName, in.FamilyName, fp.Sex, fp.BirthDate)
	}
	if fp.Key == "" {
		fp.Key = uniqueKey()
	}
	fp.Age = -1
	if !fp.BirthDate.IsZero() && !at.IsZero() {
		fp.Age = mobilite.Age(fp.BirthDate, at)
		if fp.Age < 14 || fp.Age > 100 {
			field := "person.birth_date"
			if seekerID != 0 {
				field = "seeker_id"
			}
			p.Add(field, "flow.age.invalid")
		}
	}
	return fp, nil
}

// eventDate reads the date of an event: required, not before 1950, not after today.
func (s *Service) eventDate(field, v string, p *mobilite.Problems) time.Time {
	t, ok := parseDate(v)
	switch {
	case strings.TrimSpace(v) == "":
		p.Add(field, "flow.date.required")
	case !ok:
		p.Add(field, "flow.date.invalid")
	case t.Year() < 1950 || t.After(s.now()):
		p.Add(field, "flow.date.range")
	default:
		return t
	}
	return time.Time{}
}

// occupation checks an optional ISCO-08 code (a group at any level).
func (s *Service) occupation(field, code string, p *mobilite.Problems) string {
	code = strings.TrimSpace(code)
	if code == "" {
		return ""
	}
	if _, ok := s.Ref.Occupation(code); !ok {
		p.Add(field, "job.isco.invalid")
		return ""
	}
	return code
}

func (s *Service) abroad(field, v string, required bool, p *mobilite.Problems) string {
	if strings.TrimSpace(v) == "" {
		if required {
			p.Add(field, "flow.country.required")
		}
		return ""
	}
	a3, ok := s.Ref.ResolveCountry(v)
	switch {
	case !ok:
		p.Add(field, "flow.country.invalid")
	case a3 == "TGO":
		p.Add(field, "flow.country.togo")
	default:
		return a3
	}
	return ""
}

// RecordDeparture validates and saves a departure. actor is staff, a partner (who must describe
// the person; seeker records are not theirs to name), or nil for the accompaniment cases.
// EINVALID with the fields in error.
func (s *Service) RecordDeparture(ctx context.Context, actor *mobilite.User, source string, in DepartureInput) (*mobilite.Departure, error) {
	d, err := s.buildDeparture(ctx, actor, source, in)
	if err != nil {
		return nil, err
	}
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error { return s.saveDeparture(ctx, tx, actor, d) })
	if err != nil {
		return nil, err
	}
	return d, nil
}

// saveDeparture writes a checked departure and its audit entry in tx.
func (s *Service) saveDeparture(ctx context.Context, tx mobilite.Store, actor *mobilite.User, d *mobilite.Departure) error {
	if err := tx.CreateDeparture(ctx, d); err != nil {
		return err
	}
	return audit.Record(ctx, tx, d.CreatedAt, actor, "flow.departure.create", "departure", d.ID, nil,
		map[string]any{"date": d.Date.Format("2006-01-02"), "destination": d.Destination, "channel": d.Channel, "seeker_id": d.SeekerID})
}

// buildDeparture checks a departure and returns it ready to be saved. EINVALID with the fields.
func (s *Service) buildDeparture(ctx context.Context, actor *mobilite.User, source string, in DepartureInput) (*mobilite.Departure, error) {
	var p mobilite.Problems
	d := &mobilite.Departure{Source: source, City: strings.TrimSpace(in.City), Employer: strings.TrimSpace(in.Employer),
		AgencyLicence: strings.TrimSpace(in.AgencyLicence), ContractVerified: in.ContractVerified,
		OrientationAttended: in.OrientationAttended, ContractMonths: in.ContractMonths}
	d.Date = s.eventDate("date", in.Date, &p)
	fp, err := s.person(ctx, actor, in.SeekerID, in.Person, d.Date, &p)
	if err != nil {
		return nil, err
	}
	d.FlowPerson = fp
	switch d.Purpose = strings.TrimSpace(in.Purpose); d.Purpose {
	case "":
		d.Purpose = "work"
	case "work", "study":
	default:
		p.Add("purpose", "flow.purpose.invalid")
	}
	d.Destination = s.abroad("destination", in.Destination, true, &p)
	if sec := strings.ToUpper(strings.TrimSpace(in.ISICSection)); sec != "" {
		if _, ok := s.Ref.Activity(sec); !ok || len(sec) != 1 {
			p.Add("isic_section", "flow.isic.invalid")
		} else {
			d.ISICSection = sec
		}
	}
	d.ISCO08 = s.occupation("isco08", in.ISCO08, &p)
	if d.Channel = strings.TrimSpace(in.Channel); !slices.Contains(mobilite.FlowChannels, d.Channel) {
		p.Add("channel", "flow.channel.invalid")
	}
	if d.Channel == mobilite.ChannelPrivateAgency && d.AgencyLicence == "" {
		p.Add("agency_licence", "flow.licence.required")
	}
	if d.ContractMonths < 0 || d.ContractMonths > 600 {
		p.Add("contract_months", "flow.months.invalid")
	}
	if strings.TrimSpace(in.PlannedReturn) != "" {
		pr, ok := parseDate(in.PlannedReturn)
		if !ok || (!d.Date.IsZero() && !pr.After(d.Date)) || pr.Year() > 2100 {
			p.Add("planned_return", "flow.planned_return.invalid")
		} else {
			d.PlannedReturn = pr
		}
	}
	for field, v := range map[string]*float64{"worker_costs": in.WorkerCosts, "first_monthly_wage": in.FirstMonthlyWage} {
		if v != nil && (*v < 0 || *v > 1e9) {
			p.Add(field, "flow.amount.invalid")
		}
	}
	d.WorkerCosts, d.FirstMonthlyWage = in.WorkerCosts, in.FirstMonthlyWage
	d.Currency = strings.ToUpper(strings.TrimSpace(in.Currency))
	if (d.WorkerCosts != nil || d.FirstMonthlyWage != nil) && !validCurrency(d.Currency) {
		p.Add("currency", "flow.currency.invalid")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	now := s.now()
	d.CreatedAt, d.UpdatedAt = now, now
	if actor != nil {
		d.RecordedBy, d.OfficeID = actor.ID, actor.OfficeID
	}
	return d, nil
}

// validCurrency accepts ISO 4217 codes: three capital letters.
func validCurrency(c string) bool {
	if len(c) != 3 {
		return false
	}
	for _, r := range c {
		if r < 'A' || r > 'Z' {
			return false
		}
	}
	return true
}

// RecordReturn validates and saves a return. A return that names a departure takes its person
// from it, so that both count as the same person. EINVALID with the fields in error.
func (s *Service) RecordReturn(ctx context.Context, actor *mobilite.User, source string, in ReturnInput) (*mobilite.Return, error) {
	r, err := s.buildReturn(ctx, actor, source, in)
	if err != nil {
		return nil, err
	}
	if err := s.Store.Tx(ctx, func(tx mobilite.Store) error { return s.saveReturn(ctx, tx, actor, r) }); err != nil {
		return nil, err
	}
	return r, nil
}

// saveReturn writes a checked return and its audit entry in tx.
func (s *Service) saveReturn(ctx context.Context, tx mobilite.Store, actor *mobilite.User, r *mobilite.Return) error {
	if err := tx.CreateReturn(ctx, r); err != nil {
		return err
	}
	return audit.Record(ctx, tx, r.CreatedAt, actor, "flow.return.create", "return", r.ID, nil,
		map[string]any{"date": r.Date.Format("2006-01-02"), "previous_country": r.PreviousCountry, "return_type": r.ReturnType,
			"departure_id": r.DepartureID, "seeker_id": r.SeekerID})
}

// buildReturn checks a return and returns it ready to be saved. EINVALID with the fields.
func (s *Service) buildReturn(ctx context.Context, actor *mobilite.User, source string, in ReturnInput) (*mobilite.Return, error) {
	var p mobilite.Problems
	r := &mobilite.Return{Source: source, MonthsAbroad: in.MonthsAbroad, Skills: strings.TrimSpace(in.Skills)}
	r.Date = s.eventDate("date", in.Date, &p)
	if in.DepartureID != 0 {
		dep, err := s.Store.FindDeparture(ctx, in.DepartureID)
		switch {
		case mobilite.ErrorCode(err) == mobilite.ENOTFOUND:
			p.Add("departure_id", "flow.departure.unknown")
		case err != nil:
			return nil, err
		case actor != nil && !actor.Role.Staff() && dep.RecordedBy != actor.ID:
			p.Add("departure_id", "flow.departure.unknown") // a partner names only its own departures
		default:
			r.DepartureID, r.FlowPerson = dep.ID, dep.FlowPerson
			r.Age = -1
			if !r.BirthDate.IsZero() && !r.Date.IsZero() {
				r.Age = mobilite.Age(r.BirthDate, r.Date)
			}
			if !r.Date.IsZero() && r.Date.Before(dep.Date) {
				p.Add("date", "flow.return.before_departure")
			}
			if r.MonthsAbroad == 0 && !r.Date.IsZero() {
				r.MonthsAbroad = months(dep.Date, r.Date)
			}
			if strings.TrimSpace(in.PreviousCountry) == "" {
				in.PreviousCountry = dep.Destination
			}
		}
	} else {
		fp, err := s.person(ctx, actor, in.SeekerID, in.Person, r.Date, &p)
		if err != nil {
			return nil, err
		}
		r.FlowPerson = fp
	}
	r.PreviousCountry = s.abroad("previous_country", in.PreviousCountry, true, &p)
	if r.ReturnType = strings.TrimSpace(in.ReturnType); !slices.Contains(mobilite.ReturnTypes, r.ReturnType) {
		p.Add("return_type", "flow.return_type.invalid")
	}
	if r.MonthsAbroad < 0 || r.MonthsAbroad > 900 {
		p.Add("months_abroad", "flow.months.invalid")
	}
	r.ISCO08 = s.occupation("isco08", in.ISCO08, &p)
	for field, v := range map[string]*string{"status_3m": &in.Status3M, "status_6m": &in.Status6M, "status_12m": &in.Status12M} {
		*v = strings.TrimSpace(*v)
		if *v != "" && !slices.Contains(mobilite.LabourStatuses, *v) {
			p.Add(field, "flow.status.invalid")
		}
	}
	r.Status3M, r.Status6M, r.Status12M = in.Status3M, in.Status6M, in.Status12M
	if len(r.Skills) > 2000 {
		p.Add("skills", "seeker.text.too_long")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	now := s.now()
	r.CreatedAt, r.UpdatedAt = now, now
	if actor != nil {
		r.RecordedBy, r.OfficeID = actor.ID, actor.OfficeID
	}
	return r, nil
}

// months counts whole months from a to b.
func months(a, b time.Time) int {
	m := (b.Year()-a.Year())*12 + int(b.Month()) - int(a.Month())
	if b.Day() < a.Day() {
		m--
	}
	return max(m, 0)
}

// FollowUp records a returnee's labour-market status 3, 6 or 12 months after the return, by a
// counsellor of the office that recorded the return, or an admin. ENOTFOUND otherwise.
func (s *Service) FollowUp(ctx context.Context, actor *mobilite.User, id int64, after int, status string) (*mobilite.Return, error) {
	if status != "" && !slices.Contains(mobilite.LabourStatuses, status) {
		return nil, mobilite.Invalid("status", "flow.status.invalid")
	}
	var out *mobilite.Return
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		r, err := tx.FindReturn(ctx, id)
		if err != nil {
			return err
		}
		if actor == nil || !(actor.Role == mobilite.RoleAdmin || (actor.Role == mobilite.RoleCounsellor && actor.OfficeID != 0 && actor.OfficeID == r.OfficeID)) {
			return mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "flows: return %d not followed by this office", id)
		}
		before := map[string]string{"3": r.Status3M, "6": r.Status6M, "12": r.Status12M}
		switch after {
		case 3:
			r.Status3M = status
		case 6:
			r.Status6M = status
		case 12:
			r.Status12M = status
		default:
			return mobilite.Invalid("after", "flow.after.invalid")
		}
		r.UpdatedAt = s.now()
		if err := tx.UpdateReturn(ctx, r); err != nil {
			return err
		}
		out = r
		return audit.Record(ctx, tx, r.UpdatedAt, actor, "flow.return.follow_up", "return", r.ID, before,
			map[string]string{strconv.Itoa(after): status})
	})
	return out, err
}
