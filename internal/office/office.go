// Package office provides the management of the agency's regional offices, checked against the
// reference data and recorded in the audit log.
package office

import (
	"context"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/ref"
)

// Service manages offices.
type Service struct {
	Store mobilite.Store
	Ref   *ref.Ref
	Now   func() time.Time
}

// Input is what an admin types in the office form.
type Input struct {
	Code, Name, Region, Country, Town, Address, Phone, Email string
	Active                                                   bool
}

// normalize reads the input into o, resolving the country and the phone, and checks it.
func (s *Service) normalize(in Input, o *mobilite.Office) error {
	var p mobilite.Problems
	o.Code = strings.ToUpper(strings.TrimSpace(in.Code))
	o.Name = strings.TrimSpace(in.Name)
	o.Town = strings.TrimSpace(in.Town)
	o.Address = strings.TrimSpace(in.Address)
	o.Active = in.Active
	o.Country = "TGO"
	known := true
	if c := strings.TrimSpace(in.Country); c != "" {
		if a3, ok := s.Ref.ResolveCountry(c); ok {
			o.Country = a3
		} else {
			known = false
			o.Country = ""
			p.Add("country", "office.country.invalid")
		}
	}
	o.Region = ""
	if o.Country == "TGO" && known {
		if reg, ok := s.Ref.Region(strings.TrimSpace(in.Region)); ok {
			o.Region = reg.Code
		} else {
			p.Add("region", "office.region.required")
		}
	}
	o.Phone = ""
	if ph := strings.TrimSpace(in.Phone); ph != "" {
		n, err := mobilite.NormalizePhone(ph)
		if err != nil {
			p.Add("phone", "user.phone.invalid")
		}
		o.Phone = n
	}
	o.Email = ""
	if e := strings.TrimSpace(in.Email); e != "" {
		if o.Email = mobilite.NormalizeEmail(e); o.Email == "" {
			p.Add("email", "user.email.invalid")
		}
	}
	if err := o.Validate(); err != nil {
		for _, f := range mobilite.ErrorFields(err) {
			p.Add(f.Field, f.Key)
		}
	}
	return p.Err()
}

// Create adds an office on behalf of an admin. EFORBIDDEN, EINVALID, ECONFLICT (field code).
func (s *Service) Create(ctx context.Context, actor *mobilite.User, in Input) (*mobilite.Office, error) {
	if actor != nil && actor.Role != mobilite.RoleAdmin {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	o := &mobilite.Office{}
	if err := s.normalize(in, o); err != nil {
		return nil, err
	}
	now := s.Now().UTC()
	o.CreatedAt, o.UpdatedAt = now, now
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.CreateOffice(ctx, o); err != nil {
			return codeTaken(err)
		}
		return audit.Record(ctx, tx, now, actor, "office.create", "office", o.ID, nil, o)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// Update changes an office on behalf of an admin. EFORBIDDEN, ENOTFOUND, EINVALID, ECONFLICT.
func (s *Service) Update(ctx context.Context, actor *mobilite.User, id int64, in Input) (*mobilite.Office, error) {
	if actor != nil && actor.Role != mobilite.RoleAdmin {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	var o *mobilite.Office
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		var err error
		if o, err = tx.FindOfficeByID(ctx, id); err != nil {
			return err
		}
		before := *o
		if err := s.normalize(in, o); err != nil {
			return err
		}
		o.UpdatedAt = s.Now().UTC()
		if err := tx.UpdateOffice(ctx, o); err != nil {
			return codeTaken(err)
		}
		return audit.Record(ctx, tx, o.UpdatedAt, actor, "office.update", "office", o.ID, before, o)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

func codeTaken(err error) error {
	if mobilite.ErrorCode(err) != mobilite.ECONFLICT {
		return err
	}
	return &mobilite.Error{Code: mobilite.ECONFLICT, Key: "error.invalid", Fields: []mobilite.FieldError{{Field: "code", Key: "office.code.taken"}}, Err: err}
}
