package mobilite

import (
	"context"
	"net/mail"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// Role is what a user account may do on the platform.
type Role string

// The roles. Seekers sign up themselves; the others are created by an admin.
const (
	RoleAdmin        Role = "admin"
	RoleCounsellor   Role = "counsellor"
	RoleInspector    Role = "inspector"
	RoleStatistician Role = "statistician"
	RolePartner      Role = "partner"
	RoleSeeker       Role = "seeker"
)

// Roles lists every role, staff first.
var Roles = []Role{RoleAdmin, RoleCounsellor, RoleInspector, RoleStatistician, RolePartner, RoleSeeker}

// Valid reports whether r is one of the roles.
func (r Role) Valid() bool {
	for _, x := range Roles {
		if r == x {
			return true
		}
	}
	return false
}

// Staff reports whether r is a role of the agency or the ministry, whose writes are audited.
func (r Role) Staff() bool {
	return r == RoleAdmin || r == RoleCounsellor || r == RoleInspector || r == RoleStatistician
}

// Languages the interface speaks, French first.
var Languages = []string{"fr", "en"}

// ValidLanguage reports whether lang is one of Languages.
func ValidLanguage(lang string) bool { return lang == "fr" || lang == "en" }

// User is an account. Login is what the person types to log in: the e-mail address or, when
// there is none, the phone number in E.164 form.
type User struct {
	ID           int64
	Email        string // lower case; may be empty for a seeker who signed up by phone
	Phone        string // E.164; may be empty
	Name         string
	Role         Role
	OfficeID     int64  // the regional office of a counsellor; 0 otherwise
	Organization string // the organisation of a partner
	Language     string
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
	UpdatedAt    time.Time
	LastLoginAt  time.Time // zero if never
}

// Login is the identifier shown for the account: its e-mail, else its phone.
func (u *User) Login() string {
	if u.Email != "" {
		return u.Email
	}
	return u.Phone
}

// Validate checks the fields a store would keep. It returns EINVALID with the fields in error.
func (u *User) Validate() error {
	var p Problems
	if u.Email == "" && u.Phone == "" {
		p.Add("login", "user.login.required")
	}
	if u.Email != "" && NormalizeEmail(u.Email) != u.Email {
		p.Add("email", "user.email.invalid")
	}
	if u.Phone != "" {
		if ph, err := NormalizePhone(u.Phone); err != nil || ph != u.Phone {
			p.Add("phone", "user.phone.invalid")
		}
	}
	if n := strings.TrimSpace(u.Name); n == "" {
		p.Add("name", "user.name.required")
	} else if utf8.RuneCountInString(n) > 120 || strings.ContainsFunc(n, unicode.IsControl) {
		p.Add("name", "user.name.invalid")
	}
	if !u.Role.Valid() {
		p.Add("role", "user.role.invalid")
	}
	if u.Role == RoleCounsellor && u.OfficeID == 0 {
		p.Add("office", "user.office.required")
	}
	if u.Role == RolePartner && strings.TrimSpace(u.Organization) == "" {
		p.Add("organization", "user.organization.required")
	}
	if utf8.RuneCountInString(u.Organization) > 200 {
		p.Add("organization", "user.organization.invalid")
	}
	if !ValidLanguage(u.Language) {
		p.Add("language", "user.language.invalid")
	}
	return p.Err()
}

// NormalizeEmail returns the address in lower case, or "" if s is not a plain address.
func NormalizeEmail(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if len(s) > 254 || !strings.Contains(s, "@") {
		return ""
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || a.Name != "" {
		return ""
	}
	host := s[strings.LastIndexByte(s, '@')+1:]
	if !strings.Contains(host, ".") || strings.HasPrefix(host, ".") || strings.HasSuffix(host, ".") {
		return ""
	}
	return s
}

// UserFilter selects users. Zero fields select everything.
type UserFilter struct {
	ID       int64
	Login    string // e-mail or E.164 phone, exact
	Role     Role
	OfficeID int64
	Query    string // part of the name, e-mail or phone
	Offset   int
	Limit    int
}

// UserStore keeps accounts.
type UserStore interface {
	// CreateUser inserts u and sets its ID and times. ECONFLICT if its e-mail or phone is taken.
	CreateUser(ctx context.Context, u *User) error
	// FindUserByID returns a user; ENOTFOUND if there is none.
	FindUserByID(ctx context.Context, id int64) (*User, error)
	// FindUserByLogin returns the user whose e-mail or phone is login; ENOTFOUND if none.
	FindUserByLogin(ctx context.Context, login string) (*User, error)
	// FindUsers returns a page of users matching f, newest first, and the total count.
	FindUsers(ctx context.Context, f UserFilter) ([]*User, int, error)
	// UpdateUser saves every field of u. ENOTFOUND or ECONFLICT.
	UpdateUser(ctx context.Context, u *User) error
	// DeleteUser removes the account and what hangs on it (sessions, tokens). ENOTFOUND.
	DeleteUser(ctx context.Context, id int64) error
}
