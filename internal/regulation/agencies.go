package regulation

import (
	"context"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/ref"
)

// AgencyInput is what an inspector types in the agency form. Dates are YYYY-MM-DD; GrantedOn
// and ExpiresOn are read only when the agency is created (they open its history), later changes
// are events.
type AgencyInput struct {
	Name, Licence, Region, Address, Phone, Email string
	GrantedOn, ExpiresOn                         string
}

// EventInput is an event of a licence as typed by an inspector.
type EventInput struct {
	Kind, Date, ExpiresOn, Reason string
}

// SearchKey is the folded name and licence number of an agency, which the public search reads.
func SearchKey(name, licence string) string {
	return ref.Fold(name) + " " + ref.Fold(licence)
}

// SearchWords splits what a person typed into the folded words to look for (at most eight).
func SearchWords(q string) []string {
	words := strings.Fields(ref.Fold(q))
	if len(words) > 8 {
		words = words[:8]
	}
	return words
}

// NormalizeLicence writes a licence number as the register keeps it: capitals, spaces and
// underscores turned into dashes ("tg agr 2024 017" → "TG-AGR-2024-017").
func NormalizeLicence(s string) string {
	s = strings.ToUpper(strings.Join(strings.Fields(strings.ReplaceAll(s, "_", " ")), "-"))
	for strings.Contains(s, "--") {
		s = strings.ReplaceAll(s, "--", "-")
	}
	return s
}

func parseDate(field, v string, p *mobilite.Problems) time.Time {
	v = strings.TrimSpace(v)
	if v == "" {
		p.Add(field, "agency.date.required")
		return time.Time{}
	}
	t, err := time.Parse("2006-01-02", v)
	if err != nil || t.Year() < 1950 || t.Year() > 2100 {
		p.Add(field, "flow.date.invalid")
		return time.Time{}
	}
	return t
}

// fill reads the identity fields of in into a and checks the whole agency.
func (s *Service) fill(in AgencyInput, a *mobilite.Agency, p *mobilite.Problems) {
	a.Name = strings.Join(strings.Fields(in.Name), " ")
	a.Licence = NormalizeLicence(in.Licence)
	a.Region = ""
	if reg, ok := s.Ref.Region(in.Region); ok {
		a.Region = reg.Code
	}
	a.Address = strings.TrimSpace(in.Address)
	a.Phone = ""
	if ph := strings.TrimSpace(in.Phone); ph != "" {
		n, err := mobilite.NormalizePhone(ph)
		if err != nil {
			p.Add("phone", "user.phone.invalid")
		}
		a.Phone = n
	}
	a.Email = ""
	if e := strings.TrimSpace(in.Email); e != "" {
		if a.Email = mobilite.NormalizeEmail(e); a.Email == "" {
			p.Add("email", "user.email.invalid")
		}
	}
	a.SearchKey = SearchKey(a.Name, a.Licence)
	if err := a.Validate(); err != nil {
		for _, f := range mobilite.ErrorFields(err) {
			p.Add(f.Field, f.Key)
		}
	}
}

func mayWrite(actor *mobilite.User) error {
	if actor != nil && actor.Role != mobilite.RoleAdmin && actor.Role != mobilite.RoleInspector {
		return mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "regulation: %s may not write the registers", actor.Role)
	}
	return nil
}

// licenceTaken puts a conflict on the licence number at its field.
func licenceTaken(err error) error {
	if mobilite.ErrorCode(err) != mobilite.ECONFLICT {
		return err
	}
	return &mobilite.Error{Code: mobilite.ECONFLICT, Key: "error.invalid",
		Fields: []mobilite.FieldError{{Field: "licence", Key: "agency.licence.taken"}}, Err: err}
}

// CreateAgency adds an agency to the register with its licence's grant, on behalf of an
// inspector or an admin (nil: the command line or the demo loader). EFORBIDDEN, EINVALID,
// ECONFLICT (field licence).
func (s *Service) CreateAgency(ctx context.Context, actor *mobilite.User, in AgencyInput, source string) (*mobilite.Agency, error) {
	if err := mayWrite(actor); err != nil {
		return nil, err
	}
	var p mobilite.Problems
	a := &mobilite.Agency{Source: source}
	a.GrantedOn = parseDate("granted_on", in.GrantedOn, &p)
	a.ExpiresOn = parseDate("expires_on", in.ExpiresOn, &p)
	if !a.GrantedOn.IsZero() && a.GrantedOn.After(s.Today()) {
		p.Add("granted_on", "agency.date.future")
	}
	s.fill(in, a, &p)
	if err := p.Err(); err != nil {
		return nil, err
	}
	now := s.now()
	a.CreatedAt, a.UpdatedAt = now, now
	grant := &mobilite.LicenceEvent{Kind: mobilite.LicenceGrant, Date: a.GrantedOn, ExpiresOn: a.ExpiresOn, CreatedAt: now}
	if actor != nil {
		grant.RecordedBy = actor.ID
	}
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.CreateAgency(ctx, a); err != nil {
			return licenceTaken(err)
		}
		grant.AgencyID = a.ID
		if err := tx.CreateLicenceEvent(ctx, grant); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, actor, "agency.create", "agency", a.ID, nil, a)
	})
	if err != nil {
		return nil, err
	}
	a.Events = []*mobilite.LicenceEvent{grant}
	return a, nil
}

// UpdateAgency changes an agency's name, licence number, region and contact details. EFORBIDDEN,
// ENOTFOUND, EINVALID, ECONFLICT (field licence).
func (s *Service) UpdateAgency(ctx context.Context, actor *mobilite.User, id int64, in AgencyInput) (*mobilite.Agency, error) {
	if err := mayWrite(actor); err != nil {
		return nil, err
	}
	var a *mobilite.Agency
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		var err error
		if a, err = tx.FindAgency(ctx, id); err != nil {
			return err
		}
		before := *a
		before.Events = nil
		var p mobilite.Problems
		s.fill(in, a, &p)
		if err := p.Err(); err != nil {
			return err
		}
		a.UpdatedAt = s.now()
		if err := tx.UpdateAgency(ctx, a); err != nil {
			return licenceTaken(err)
		}
		after := *a
		after.Events = nil
		return audit.Record(ctx, tx, a.UpdatedAt, actor, "agency.update", "agency", a.ID, before, after)
	})
	if err != nil {
		return nil, err
	}
	return a, nil
}

// AddEvent adds an event to a licence's history: a renewal (with the new expiry), a suspension
// or a revocation (with the reason), a reinstatement. The event must be allowed by the status of
// the licence on its date, which may not be in the future nor before the last event. A renewal
// moves the agency's expiry. EFORBIDDEN, ENOTFOUND, EINVALID.
func (s *Service) AddEvent(ctx context.Context, actor *mobilite.User, agencyID int64, in EventInput) (*mobilite.LicenceEvent, error) {
	if err := mayWrite(actor); err != nil {
		return nil, err
	}
	e := &mobilite.LicenceEvent{AgencyID: agencyID, Kind: strings.TrimSpace(in.Kind), Reason: strings.TrimSpace(in.Reason)}
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		a, err := tx.FindAgency(ctx, agencyID)
		if err != nil {
			return err
		}
		var p mobilite.Problems
		e.Date = parseDate("date", in.Date, &p)
		if e.Kind == mobilite.LicenceRenewal {
			e.ExpiresOn = parseDate("expires_on", in.ExpiresOn, &p)
		}
		if err := e.Validate(); err != nil {
			for _, f := range mobilite.ErrorFields(err) {
				p.Add(f.Field, f.Key)
			}
		}
		if e.Kind == mobilite.LicenceGrant {
			p.Add("kind", "agency.event.kind.invalid")
		}
		if !e.Date.IsZero() {
			if e.Date.After(s.Today()) {
				p.Add("date", "agency.date.future")
			}
			if n := len(a.Events); n > 0 && e.Date.Before(a.Events[n-1].Date) {
				p.Add("date", "agency.date.before_last")
			}
			if st := StatusAt(a.Events, e.Date); e.Kind != mobilite.LicenceGrant && !EventAllowed(st, e.Kind) {
				p.Add("kind", "agency.event.not_allowed."+string(st))
			}
			if e.Kind == mobilite.LicenceRenewal && !e.ExpiresOn.IsZero() && !e.ExpiresOn.After(ExpiryAt(a.Events, e.Date)) {
				p.Add("expires_on", "agency.expiry.not_later")
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		now := s.now()
		e.CreatedAt = now
		if actor != nil {
			e.RecordedBy = actor.ID
		}
		if err := tx.CreateLicenceEvent(ctx, e); err != nil {
			return err
		}
		if e.Kind == mobilite.LicenceRenewal {
			a.ExpiresOn, a.UpdatedAt = e.ExpiresOn, now
			if err := tx.UpdateAgency(ctx, a); err != nil {
				return err
			}
		}
		return audit.Record(ctx, tx, now, actor, "agency.event", "agency", agencyID, nil, e)
	})
	if err != nil {
		return nil, err
	}
	return e, nil
}

// Search returns the agencies whose name or licence number holds every word typed (accents and
// case ignored), by name, with their histories, and the total. An empty query lists them all.
func (s *Service) Search(ctx context.Context, q, region string, offset, limit int) ([]*mobilite.Agency, int, error) {
	return s.Store.FindAgencies(ctx, mobilite.AgencyFilter{Words: SearchWords(q), Region: region, Offset: offset, Limit: limit})
}

// Resolve finds the agency of the register that a complainant named: by its licence number
// (possibly followed by the name, as "TG-AGR-2024-017 — Agence Espoir"), else by its exact name
// (accents and case ignored) when a single agency bears it. ENOTFOUND otherwise.
func (s *Service) Resolve(ctx context.Context, text string) (*mobilite.Agency, error) {
	text = strings.TrimSpace(text)
	if text == "" {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "")
	}
	head, _, _ := strings.Cut(text, " ")
	for _, l := range []string{head, text} {
		if l = NormalizeLicence(l); mobilite.ValidLicence(l) {
			if a, err := s.Store.FindAgencyByLicence(ctx, l); err == nil || mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				return a, err
			}
		}
	}
	words := SearchWords(text)
	if len(words) == 0 {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "")
	}
	found, _, err := s.Store.FindAgencies(ctx, mobilite.AgencyFilter{Words: words, Limit: 20})
	if err != nil {
		return nil, err
	}
	var match *mobilite.Agency
	for _, a := range found {
		if ref.Fold(a.Name) == strings.Join(words, " ") {
			if match != nil {
				return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "regulation: %q names several agencies", text)
			}
			match = a
		}
	}
	if match == nil {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "regulation: no agency %q", text)
	}
	return match, nil
}
