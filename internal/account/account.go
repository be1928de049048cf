// Package account provides accounts: sign-up, log-in with throttling, server-side sessions,
// password reset through the mail outbox, API tokens, and the admin's management of staff
// accounts, every staff write recorded in the audit log.
package account

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/locale"
)

// Limits of the throttling and lifetimes of the secrets.
const (
	SessionIdle       = 7 * 24 * time.Hour // a session unused this long expires
	sessionTouchEvery = time.Minute        // at most one write per session per minute
	// KioskIdle is how long a session opened on a shared office computer lasts without use: the
	// next person must not find the previous one logged in.
	KioskIdle       = 5 * time.Minute
	kioskTouchEvery = 15 * time.Second
	ResetLifetime   = time.Hour
	InviteLifetime  = 72 * time.Hour
	throttleWindow  = 15 * time.Minute
	maxAccountFails = 5  // failed log-ins per account in the window
	maxAddressFails = 20 // failed log-ins per client address in the window
	maxResets       = 3  // reset requests per login per hour
)

// Service is the account service. Its fields are set once by main.
type Service struct {
	Store     mobilite.Store
	Hasher    *Hasher
	Catalogue *locale.Catalogue
	BaseURL   string // e.g. https://mobilite.anpe.tg, for the links in e-mails
	Now       func() time.Time
	// OnDelete, when set, runs in the transaction that deletes an account, before the account
	// goes: the register of job seekers anonymises the person's record there.
	OnDelete func(ctx context.Context, tx mobilite.Store, u *mobilite.User) error
	// dummy is a hash to verify against when the login is unknown, so that the answer takes as
	// long as for a known login.
	dummy string
}

// New returns a service; now may be nil for time.Now.
func New(s mobilite.Store, h *Hasher, c *locale.Catalogue, baseURL string, now func() time.Time) *Service {
	if now == nil {
		now = time.Now
	}
	return &Service{Store: s, Hasher: h, Catalogue: c, BaseURL: strings.TrimRight(baseURL, "/"), Now: now, dummy: h.Hash("not a password")}
}

func (s *Service) now() time.Time { return s.Now().UTC() }

// hashToken is how session, reset and API tokens are kept: SHA-256, hex.
func hashToken(t string) string {
	h := sha256.Sum256([]byte(t))
	return hex.EncodeToString(h[:])
}

// ParseLogin reads what a person types as a login: an e-mail address (if it holds an @) or a
// phone number. It returns EINVALID on field "login".
func ParseLogin(s string) (email, phone string, err error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return "", "", mobilite.Invalid("login", "user.login.required")
	}
	if strings.Contains(s, "@") {
		if email = mobilite.NormalizeEmail(s); email == "" {
			return "", "", mobilite.Invalid("login", "user.email.invalid")
		}
		return email, "", nil
	}
	phone, perr := mobilite.NormalizePhone(s)
	if perr != nil {
		return "", "", mobilite.Invalid("login", "user.login.invalid")
	}
	return "", phone, nil
}

// SignUp is what a job seeker gives to open an account.
type SignUp struct {
	Login    string // e-mail or phone
	Name     string
	Password string
	Language string
}

// SignUp creates a seeker account. EINVALID with the fields in error; ECONFLICT (field login)
// when the login is taken.
func (s *Service) SignUp(ctx context.Context, in SignUp) (*mobilite.User, error) {
	var p mobilite.Problems
	email, phone, err := ParseLogin(in.Login)
	if err != nil {
		for _, f := range mobilite.ErrorFields(err) {
			p.Add(f.Field, f.Key)
		}
	}
	name := strings.TrimSpace(in.Name)
	u := &mobilite.User{Email: email, Phone: phone, Name: name, Role: mobilite.RoleSeeker, Language: in.Language}
	if !mobilite.ValidLanguage(u.Language) {
		u.Language = locale.Default
	}
	if err := u.Validate(); err != nil {
		for _, f := range mobilite.ErrorFields(err) {
			if f.Field != "login" && f.Field != "email" && f.Field != "phone" {
				p.Add(f.Field, f.Key)
			}
		}
	}
	if err := CheckPassword(in.Password, strings.TrimSpace(in.Login)); err != nil {
		p.Add("password", mobilite.ErrorFields(err)[0].Key)
	} else if err := CheckPassword(in.Password, u.Login()); err != nil && u.Login() != "" {
		p.Add("password", mobilite.ErrorFields(err)[0].Key)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	u.PasswordHash = s.Hasher.Hash(in.Password)
	u.CreatedAt, u.UpdatedAt = s.now(), s.now()
	if err := s.Store.CreateUser(ctx, u); err != nil {
		if mobilite.ErrorCode(err) == mobilite.ECONFLICT {
			return nil, &mobilite.Error{Code: mobilite.ECONFLICT, Key: "error.invalid", Fields: []mobilite.FieldError{{Field: "login", Key: "user.login.taken"}}, Err: err}
		}
		return nil, err
	}
	return u, nil
}

// Authenticate checks a login and password from a client address. EUNAUTHORIZED for a wrong
// pair (or a disabled account: the answer does not tell which), ETHROTTLED after too many failures.
func (s *Service) Authenticate(ctx context.Context, login, password, ip string) (*mobilite.User, error) {
	now := s.now()
	var p mobilite.Problems
	if strings.TrimSpace(login) == "" {
		p.Add("login", "user.login.required")
	}
	if password == "" {
		p.Add("password", "password.required")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	email, phone, err := ParseLogin(login)
	// Failures count per account, whichever of its logins is typed; per login typed when there
	// is no such account.
	key := "acct:" + email + phone
	if err != nil {
		key = "acct:" + strings.ToLower(strings.TrimSpace(login))
	}
	var u *mobilite.User
	if err == nil {
		u, err = s.Store.FindUserByLogin(ctx, email+phone)
		if err != nil && mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
			return nil, err
		}
		if u != nil {
			key = "acct:id:" + strconv.FormatInt(u.ID, 10)
		}
	}
	for _, lim := range []struct {
		key string
		max int
	}{{key, maxAccountFails}, {"ip:" + ip, maxAddressFails}} {
		n, err := s.Store.CountLoginFailures(ctx, lim.key, now.Add(-throttleWindow))
		if err != nil {
			return nil, err
		}
		if n >= lim.max {
			return nil, mobilite.Errorf(mobilite.ETHROTTLED, "login.throttled", "account: %s throttled", lim.key)
		}
	}

	hash := s.dummy
	if u != nil {
		hash = u.PasswordHash
	}
	ok, stale := s.Hasher.Verify(password, hash)
	if u == nil || !ok || u.Disabled {
		if err := s.Store.RecordLoginFailure(ctx, []string{key, "ip:" + ip}, now); err != nil {
			return nil, err
		}
		return nil, mobilite.Errorf(mobilite.EUNAUTHORIZED, "login.failed", "account: bad login for %s", key)
	}
	if err := s.Store.ClearLoginFailures(ctx, key); err != nil {
		return nil, err
	}
	u.LastLoginAt = now
	if stale {
		u.PasswordHash = s.Hasher.Hash(password)
	}
	if err := s.Store.UpdateUser(ctx, u); err != nil {
		return nil, err
	}
	return u, nil
}

// StartSession opens a session for u and returns the token for the cookie. kioskID is the
// shared office computer it is opened on (0 elsewhere): such a session expires after KioskIdle.
func (s *Service) StartSession(ctx context.Context, u *mobilite.User, ip, userAgent string, kioskID int64) (string, error) {
	token := randomToken(32)
	now := s.now()
	if len(userAgent) > 300 {
		userAgent = strings.ToValidUTF8(userAgent[:300], "")
	}
	idle := SessionIdle
	if kioskID != 0 {
		idle = KioskIdle
	}
	err := s.Store.CreateSession(ctx, &mobilite.Session{Hash: hashToken(token), UserID: u.ID, CreatedAt: now,
		LastSeenAt: now, ExpiresAt: now.Add(idle), IP: ip, UserAgent: userAgent, KioskID: kioskID})
	return token, err
}

// SessionUser returns the user of a session token and moves its expiry. ENOTFOUND when the
// session does not exist, expired, or its user is disabled.
func (s *Service) SessionUser(ctx context.Context, token string) (*mobilite.User, error) {
	if token == "" || len(token) > 100 {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "")
	}
	now := s.now()
	hash := hashToken(token)
	sess, err := s.Store.FindSession(ctx, hash, now)
	if err != nil {
		return nil, err
	}
	u, err := s.Store.FindUserByID(ctx, sess.UserID)
	if err != nil {
		return nil, err
	}
	if u.Disabled {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "account: user %d disabled", u.ID)
	}
	idle, every := SessionIdle, sessionTouchEvery
	if sess.KioskID != 0 {
		idle, every = KioskIdle, kioskTouchEvery
	}
	if now.Sub(sess.LastSeenAt) > every {
		if err := s.Store.TouchSession(ctx, hash, now, now.Add(idle)); err != nil {
			return nil, err
		}
	}
	return u, nil
}

// EndSession logs a session out.
func (s *Service) EndSession(ctx context.Context, token string) error {
	if token == "" {
		return nil
	}
	return s.Store.DeleteSession(ctx, hashToken(token))
}

// RequestReset sends a one-time reset link to the account's e-mail, if there is such an account
// with an e-mail. It answers nil in every case but throttling and failures of the database, so
// that nobody can learn which logins exist.
func (s *Service) RequestReset(ctx context.Context, login, ip string) error {
	now := s.now()
	email, phone, err := ParseLogin(login)
	if err != nil {
		return err
	}
	key := "reset:" + email + phone
	n, err := s.Store.CountLoginFailures(ctx, key, now.Add(-time.Hour))
	if err != nil {
		return err
	}
	if n >= maxResets {
		return mobilite.Errorf(mobilite.ETHROTTLED, "reset.throttled", "account: %s", key)
	}
	if err := s.Store.RecordLoginFailure(ctx, []string{key}, now); err != nil {
		return err
	}
	u, err := s.Store.FindUserByLogin(ctx, email+phone)
	if mobilite.ErrorCode(err) == mobilite.ENOTFOUND || (err == nil && (u.Email == "" || u.Disabled)) {
		return nil
	} else if err != nil {
		return err
	}
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		return s.sendLink(ctx, tx, u, "reset", ResetLifetime)
	})
}

// sendLink creates a reset token for u and writes the e-mail carrying it, in tx. kind is
// "reset" (forgotten password) or "invite" (account created by an admin).
func (s *Service) sendLink(ctx context.Context, tx mobilite.Store, u *mobilite.User, kind string, life time.Duration) error {
	now := s.now()
	token := randomToken(32)
	if err := tx.CreatePasswordReset(ctx, &mobilite.PasswordReset{Hash: hashToken(token), UserID: u.ID, CreatedAt: now, ExpiresAt: now.Add(life)}); err != nil {
		return err
	}
	p := s.Catalogue.Printer(u.Language)
	link := s.BaseURL + "/mot-de-passe/nouveau?token=" + token
	return tx.EnqueueMessage(ctx, &mobilite.Message{
		To:        u.Email,
		Subject:   p.T("mail." + kind + ".subject"),
		Body:      p.T("mail."+kind+".body", "name", u.Name, "link", link, "hours", int(life.Hours())),
		CreatedAt: now,
	})
}

// ResetPassword sets a new password with a one-time token and logs every session out.
// EINVALID (field password) for a weak password — the link stays usable; ENOTFOUND (field
// token) for an unknown, used or expired link.
func (s *Service) ResetPassword(ctx context.Context, token, password string) (*mobilite.User, error) {
	if err := CheckPassword(password, ""); err != nil {
		return nil, err
	}
	var u *mobilite.User
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		r, err := tx.TakePasswordReset(ctx, hashToken(token), s.now())
		if err != nil {
			if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
				return &mobilite.Error{Code: mobilite.ENOTFOUND, Key: "reset.link_invalid", Err: err}
			}
			return err
		}
		if u, err = tx.FindUserByID(ctx, r.UserID); err != nil {
			return err
		}
		if err := CheckPassword(password, u.Login()); err != nil {
			return err
		}
		u.PasswordHash, u.UpdatedAt = s.Hasher.Hash(password), s.now()
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		return tx.DeleteUserSessions(ctx, u.ID, "")
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// ChangePassword replaces the password of u after checking the current one, and logs out every
// other session. EINVALID on field current or password.
func (s *Service) ChangePassword(ctx context.Context, u *mobilite.User, current, password, sessionToken string) error {
	if ok, _ := s.Hasher.Verify(current, u.PasswordHash); !ok {
		return mobilite.Invalid("current", "password.wrong")
	}
	if err := CheckPassword(password, u.Login()); err != nil {
		return err
	}
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		u.PasswordHash, u.UpdatedAt = s.Hasher.Hash(password), s.now()
		if err := tx.UpdateUser(ctx, u); err != nil {
			return err
		}
		return tx.DeleteUserSessions(ctx, u.ID, hashToken(sessionToken))
	})
}

// SetLanguage saves the interface language of u. EINVALID for an unknown language.
func (s *Service) SetLanguage(ctx context.Context, u *mobilite.User, lang string) error {
	if !mobilite.ValidLanguage(lang) {
		return mobilite.Invalid("language", "user.language.invalid")
	}
	u.Language, u.UpdatedAt = lang, s.now()
	return s.Store.UpdateUser(ctx, u)
}

// DeleteAccount erases the account of u after checking its password. Staff accounts are closed
// by an admin instead (EFORBIDDEN), so that the audit trail keeps a responsible person.
func (s *Service) DeleteAccount(ctx context.Context, u *mobilite.User, password string) error {
	if u.Role.Staff() {
		return mobilite.Errorf(mobilite.EFORBIDDEN, "account.delete.staff", "")
	}
	if ok, _ := s.Hasher.Verify(password, u.PasswordHash); !ok {
		return mobilite.Invalid("password", "password.wrong")
	}
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if s.OnDelete != nil {
			if err := s.OnDelete(ctx, tx, u); err != nil {
				return err
			}
		}
		return tx.DeleteUser(ctx, u.ID)
	})
}

// record writes an audit entry in tx for a write by actor.
func (s *Service) record(ctx context.Context, tx mobilite.Store, actor *mobilite.User, action, entity string, id int64, before, after any) error {
	return audit.Record(ctx, tx, s.now(), actor, action, entity, id, before, after)
}
