package account

import (
	"context"
	"strings"
	"unicode/utf8"

	"mobilite"
)

// TokenPrefix starts every API token, so that a leaked one is easy to recognise in logs and code.
const TokenPrefix = "mob_"

// MayHoldTokens reports whether a role may create API tokens: partners and staff programs.
func MayHoldTokens(r mobilite.Role) bool { return r == mobilite.RolePartner || r.Staff() }

// CreateToken creates an API token named name for u and returns it in clear, once.
// EFORBIDDEN for seekers; EINVALID (field name) for an empty or too long name.
func (s *Service) CreateToken(ctx context.Context, u *mobilite.User, name string) (string, *mobilite.APIToken, error) {
	if !MayHoldTokens(u.Role) {
		return "", nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "account: %s may not hold tokens", u.Role)
	}
	name = strings.TrimSpace(name)
	if name == "" || utf8.RuneCountInString(name) > 80 {
		return "", nil, mobilite.Invalid("name", "token.name.invalid")
	}
	raw := TokenPrefix + randomToken(32)
	t := &mobilite.APIToken{UserID: u.ID, Name: name, Prefix: raw[:12], Hash: hashToken(raw), CreatedAt: s.now()}
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.CreateAPIToken(ctx, t); err != nil {
			return err
		}
		return s.record(ctx, tx, u, "token.create", "api_token", t.ID, nil, map[string]any{"name": t.Name, "prefix": t.Prefix, "user_id": u.ID})
	})
	if err != nil {
		return "", nil, err
	}
	return raw, t, nil
}

// RevokeToken deletes one of u's tokens. ENOTFOUND if u has no such token.
func (s *Service) RevokeToken(ctx context.Context, u *mobilite.User, id int64) error {
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.DeleteAPIToken(ctx, u.ID, id); err != nil {
			return err
		}
		return s.record(ctx, tx, u, "token.revoke", "api_token", id, map[string]any{"user_id": u.ID}, nil)
	})
}

// TokenUser returns the user of a bearer token. ENOTFOUND for an unknown token or a disabled user.
func (s *Service) TokenUser(ctx context.Context, raw string) (*mobilite.User, error) {
	if !strings.HasPrefix(raw, TokenPrefix) || len(raw) > 100 {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "")
	}
	t, err := s.Store.FindAPIToken(ctx, hashToken(raw))
	if err != nil {
		return nil, err
	}
	u, err := s.Store.FindUserByID(ctx, t.UserID)
	if err != nil {
		return nil, err
	}
	if u.Disabled || !MayHoldTokens(u.Role) {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "account: token of disabled user %d", u.ID)
	}
	now := s.now()
	if now.Sub(t.LastUsedAt) > sessionTouchEvery {
		if err := s.Store.TouchAPIToken(ctx, t.ID, now); err != nil {
			return nil, err
		}
	}
	return u, nil
}
