package account

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"mobilite"
)

// EnrolKiosk makes the browser of a staff member a kiosk of the staff member's office: it
// returns the token the browser keeps in a cookie (in clear, once). Sessions opened on a kiosk
// expire after KioskIdle. EFORBIDDEN for anyone but counsellors and admins; EINVALID (name).
func (s *Service) EnrolKiosk(ctx context.Context, actor *mobilite.User, name string) (string, *mobilite.Kiosk, error) {
	if actor.Role != mobilite.RoleCounsellor && actor.Role != mobilite.RoleAdmin {
		return "", nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "account: %s may not enrol kiosks", actor.Role)
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 80 {
		return "", nil, mobilite.Invalid("name", "kiosk.name.invalid")
	}
	raw := randomToken(32)
	k := &mobilite.Kiosk{Hash: hashToken(raw), OfficeID: actor.OfficeID, Name: name, CreatedBy: actor.ID, CreatedAt: s.now()}
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.CreateKiosk(ctx, k); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, "kiosk.create", "kiosk", k.ID, nil, map[string]any{"name": k.Name, "office_id": k.OfficeID})
	})
	if err != nil {
		return "", nil, err
	}
	return raw, k, nil
}

// Kiosk returns the kiosk of a token. ENOTFOUND when there is none or it was revoked.
func (s *Service) Kiosk(ctx context.Context, token string) (*mobilite.Kiosk, error) {
	if token == "" || len(token) > 100 {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "")
	}
	return s.Store.FindKiosk(ctx, hashToken(token))
}

// RevokeKiosk turns a kiosk back into an ordinary browser and ends its sessions.
func (s *Service) RevokeKiosk(ctx context.Context, actor *mobilite.User, k *mobilite.Kiosk) error {
	if actor.Role != mobilite.RoleCounsellor && actor.Role != mobilite.RoleAdmin {
		return mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "account: %s may not revoke kiosks", actor.Role)
	}
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.RevokeKiosk(ctx, k.ID, s.now()); err != nil {
			return err
		}
		return s.record(ctx, tx, actor, "kiosk.revoke", "kiosk", k.ID, map[string]any{"name": k.Name}, nil)
	})
}

// HandoverLifetime is how long the code handed to a person registered at a desk stays usable.
const HandoverLifetime = 30 * 24 * time.Hour

// Handover opens the account of a seeker registered at a desk, in tx, with the seeker's phone
// (and e-mail) as login and no password yet, links the record to it, and returns the one-time
// code with which the person chooses a password (the reset page reads it). It opens nothing
// and returns "" when an account already has that phone or e-mail: the person logs in with it.
func (s *Service) Handover(ctx context.Context, tx mobilite.Store, actor *mobilite.User, sk *mobilite.Seeker) (string, error) {
	for _, login := range []string{sk.Phone, sk.Email} {
		if login == "" {
			continue
		}
		if _, err := tx.FindUserByLogin(ctx, login); err == nil {
			return "", nil
		} else if mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
			return "", err
		}
	}
	now := s.now()
	u := &mobilite.User{Email: sk.Email, Phone: sk.Phone, Name: strings.TrimSpace(sk.GivenName + " " + sk.FamilyName),
		Role: mobilite.RoleSeeker, Language: "fr", CreatedAt: now, UpdatedAt: now}
	if err := tx.CreateUser(ctx, u); err != nil {
		return "", err
	}
	code := randomToken(24)
	if err := tx.CreatePasswordReset(ctx, &mobilite.PasswordReset{Hash: hashToken(code), UserID: u.ID, CreatedAt: now,
		ExpiresAt: now.Add(HandoverLifetime)}); err != nil {
		return "", err
	}
	sk.UserID = u.ID
	if err := tx.UpdateSeeker(ctx, sk); err != nil {
		return "", err
	}
	return code, s.record(ctx, tx, actor, "user.create", "user", u.ID, nil, map[string]any{"role": u.Role, "login": u.Login(), "seeker": sk.Number})
}
