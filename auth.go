package mobilite

import (
	"context"
	"time"
)

// Session is a logged-in browser. The cookie holds a random token; the store keeps only its
// SHA-256 hash, so a copy of the database does not let anyone log in.
type Session struct {
	Hash       string
	UserID     int64
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	IP         string
	UserAgent  string
	KioskID    int64 // the shared office computer it was opened on; 0 elsewhere
}

// APIToken lets a program act as a user through the JSON API. Only its hash is stored; Prefix
// (the first characters) lets the owner tell tokens apart.
type APIToken struct {
	ID         int64
	UserID     int64
	Name       string
	Prefix     string
	Hash       string
	CreatedAt  time.Time
	LastUsedAt time.Time // zero if never used
}

// PasswordReset is a one-time link sent by e-mail; only the hash of its token is stored.
type PasswordReset struct {
	Hash      string
	UserID    int64
	CreatedAt time.Time
	ExpiresAt time.Time
}

// AuthStore keeps sessions, API tokens, password resets and failed-login records.
type AuthStore interface {
	// CreateSession inserts s.
	CreateSession(ctx context.Context, s *Session) error
	// FindSession returns the unexpired session with this hash at time now; ENOTFOUND otherwise.
	FindSession(ctx context.Context, hash string, now time.Time) (*Session, error)
	// TouchSession moves the last-seen and expiry times of a session.
	TouchSession(ctx context.Context, hash string, seen, expires time.Time) error
	// DeleteSession removes one session (log out). Deleting a missing session is not an error.
	DeleteSession(ctx context.Context, hash string) error
	// DeleteUserSessions removes every session of a user except keep (may be "").
	DeleteUserSessions(ctx context.Context, userID int64, keep string) error
	// DeleteExpiredSessions removes sessions that expired before now and returns how many.
	DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error)

	// CreateAPIToken inserts t and sets its ID.
	CreateAPIToken(ctx context.Context, t *APIToken) error
	// FindAPIToken returns the token with this hash; ENOTFOUND otherwise.
	FindAPIToken(ctx context.Context, hash string) (*APIToken, error)
	// FindAPITokens lists the tokens of a user, newest first.
	FindAPITokens(ctx context.Context, userID int64) ([]*APIToken, error)
	// TouchAPIToken records the last use of a token.
	TouchAPIToken(ctx context.Context, id int64, at time.Time) error
	// DeleteAPIToken revokes the token id of user userID; ENOTFOUND if the user has no such token.
	DeleteAPIToken(ctx context.Context, userID, id int64) error

	// CreatePasswordReset inserts r.
	CreatePasswordReset(ctx context.Context, r *PasswordReset) error
	// TakePasswordReset deletes and returns the unexpired reset with this hash (a link works once);
	// ENOTFOUND if there is none.
	TakePasswordReset(ctx context.Context, hash string, now time.Time) (*PasswordReset, error)

	// RecordLoginFailure notes a failed login for each key (an account, an address).
	RecordLoginFailure(ctx context.Context, keys []string, at time.Time) error
	// CountLoginFailures counts the failures of key since a time.
	CountLoginFailures(ctx context.Context, key string, since time.Time) (int, error)
	// ClearLoginFailures forgets the failures of key (after a successful login).
	ClearLoginFailures(ctx context.Context, key string) error
	// DeleteLoginFailuresBefore forgets failures older than t.
	DeleteLoginFailuresBefore(ctx context.Context, t time.Time) error
}
