package account

import (
	"context"
	"strings"

	"mobilite"
)

// NewUser is what an admin (or the command line) gives to create an account.
type NewUser struct {
	Email        string
	Phone        string
	Name         string
	Role         mobilite.Role
	OfficeID     int64
	Organization string
	Language     string
	// Password, when empty, leaves the account without a usable password and e-mails the person
	// a link to choose one (the e-mail is then required).
	Password string
}

// auditUser is what the audit log keeps of a user: everything but the password hash.
func auditUser(u *mobilite.User) map[string]any {
	return map[string]any{"id": u.ID, "email": u.Email, "phone": u.Phone, "name": u.Name, "role": u.Role,
		"office_id": u.OfficeID, "organization": u.Organization, "language": u.Language, "disabled": u.Disabled}
}

// CreateUser creates an account for actor (nil: the command line). Only admins may create staff
// and partner accounts. EFORBIDDEN, EINVALID (fields), ECONFLICT (field email or phone).
func (s *Service) CreateUser(ctx context.Context, actor *mobilite.User, in NewUser) (*mobilite.User, error) {
	if actor != nil && actor.Role != mobilite.RoleAdmin {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "account: %s may not create users", actor.Role)
	}
	var p mobilite.Problems
	u := &mobilite.User{Name: strings.TrimSpace(in.Name), Role: in.Role, OfficeID: in.OfficeID,
		Organization: strings.TrimSpace(in.Organization), Language: in.Language}
	if u.Language == "" {
		u.Language = "fr"
	}
	if e := strings.TrimSpace(in.Email); e != "" {
		if u.Email = mobilite.NormalizeEmail(e); u.Email == "" {
			p.Add("email", "user.email.invalid")
		}
	}
	if ph := strings.TrimSpace(in.Phone); ph != "" {
		var err error
		if u.Phone, err = mobilite.NormalizePhone(ph); err != nil {
			p.Add("phone", "user.phone.invalid")
		}
	}
	if u.Role != mobilite.RoleSeeker && u.Email == "" {
		p.Add("email", "user.email.required")
	}
	if in.Password == "" && u.Email == "" {
		p.Add("email", "user.email.required")
	}
	if u.Role != mobilite.RoleCounsellor {
		u.OfficeID = 0
	}
	if u.Role != mobilite.RolePartner {
		u.Organization = ""
	}
	if err := u.Validate(); err != nil {
		for _, f := range mobilite.ErrorFields(err) {
			if f.Field == "login" {
				f.Field = "email"
			}
			p.Add(f.Field, f.Key)
		}
	}
	if in.Password != "" {
		if err := CheckPassword(in.Password, u.Login()); err != nil {
			p.Add("password", mobilite.ErrorFields(err)[0].Key)
		}
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	if in.Password != "" {
		u.PasswordHash = s.Hasher.Hash(in.Password)
	} else {
		u.PasswordHash = "!" // matches no password until the invitation link is used
	}
	u.CreatedAt, u.UpdatedAt = s.now(), s.now()
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if u.OfficeID != 0 {
			if _, err := tx.FindOfficeByID(ctx, u.OfficeID); err != nil {
				if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
					return mobilite.Invalid("office", "user.office.required")
				}
				return err
			}
		}
		for field, login := range map[string]string{"email": u.Email, "phone": u.Phone} {
			if login == "" {
				continue
			}
			if _, err := tx.FindUserByLogin(ctx, login); err == nil {
				return &mobilite.Error{Code: mobilite.ECONFLICT, Key: "error.invalid", Fields: []mobilite.FieldError{{Field: field, Key: "user.login.taken"}}}
			} else if mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				return err
			}
		}
		if err := tx.CreateUser(ctx, u); err != nil {
			return conflictField(err, u)
		}
		if in.Password == "" {
			if err := s.sendLink(ctx, tx, u, "invite", InviteLifetime); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, actor, "user.create", "user", u.ID, nil, auditUser(u))
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// conflictField names the field of a unique violation on a user.
func conflictField(err error, u *mobilite.User) error {
	if mobilite.ErrorCode(err) != mobilite.ECONFLICT {
		return err
	}
	field := "email"
	if u.Email == "" {
		field = "phone"
	}
	return &mobilite.Error{Code: mobilite.ECONFLICT, Key: "error.invalid", Fields: []mobilite.FieldError{{Field: field, Key: "user.login.taken"}}, Err: err}
}

// UserUpdate holds the fields an admin may change; nil pointers are left alone.
type UserUpdate struct {
	Name         *string
	Role         *mobilite.Role
	OfficeID     *int64
	Organization *string
	Disabled     *bool
}

// UpdateUser applies upd to user id on behalf of an admin. An admin cannot disable or demote
// their own account (so that there is always one admin left to undo mistakes). Disabling an
// account logs it out everywhere. EFORBIDDEN, ENOTFOUND, EINVALID.
func (s *Service) UpdateUser(ctx context.Context, actor *mobilite.User, id int64, upd UserUpdate) (*mobilite.User, error) {
	if actor == nil || actor.Role != mobilite.RoleAdmin {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "account: only admins update users")
	}
	var u *mobilite.User
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		var err error
		if u, err = tx.FindUserByID(ctx, id); err != nil {
			return err
		}
		before := auditUser(u)
		if upd.Name != nil {
			u.Name = strings.TrimSpace(*upd.Name)
		}
		if upd.Role != nil {
			if u.ID == actor.ID && *upd.Role != mobilite.RoleAdmin {
				return mobilite.Invalid("role", "user.self_demote")
			}
			u.Role = *upd.Role
		}
		if upd.OfficeID != nil {
			u.OfficeID = *upd.OfficeID
		}
		if upd.Organization != nil {
			u.Organization = strings.TrimSpace(*upd.Organization)
		}
		if u.Role != mobilite.RoleCounsellor {
			u.OfficeID = 0
		}
		if u.Role != mobilite.RolePartner {
			u.Organization = ""
		}
		if upd.Disabled != nil {
			if u.ID == actor.ID && *upd.Disabled {
				return mobilite.Invalid("disabled", "user.self_disable")
			}
			u.Disabled = *upd.Disabled
		}
		if err := u.Validate(); err != nil {
			return err
		}
		if u.Role != mobilite.RoleSeeker && u.Email == "" {
			return mobilite.Invalid("role", "user.email.required")
		}
		if u.OfficeID != 0 {
			if _, err := tx.FindOfficeByID(ctx, u.OfficeID); err != nil {
				if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
					return mobilite.Invalid("office", "user.office.required")
				}
				return err
			}
		}
		u.UpdatedAt = s.now()
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		if u.Disabled {
			if err := tx.DeleteUserSessions(ctx, u.ID, ""); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, actor, "user.update", "user", u.ID, before, auditUser(u))
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// SendInvite (re)sends the link with which a person sets their password, on behalf of an admin.
func (s *Service) SendInvite(ctx context.Context, actor *mobilite.User, id int64) error {
	if actor == nil || actor.Role != mobilite.RoleAdmin {
		return mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		u, err := tx.FindUserByID(ctx, id)
		if err != nil {
			return err
		}
		if u.Email == "" {
			return mobilite.Invalid("email", "user.email.required")
		}
		if err := s.sendLink(ctx, tx, u, "invite", InviteLifetime); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, "user.invite", "user", u.ID, nil, map[string]any{"email": u.Email})
	})
}
