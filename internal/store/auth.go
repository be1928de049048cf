package store

import (
	"context"
	"time"

	"mobilite"
)

// CreateSession inserts s.
func (db *DB) CreateSession(ctx context.Context, s *mobilite.Session) error {
	_, err := db.exec(ctx, `INSERT INTO sessions (hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent, kiosk_id)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
		s.Hash, s.UserID, ts(s.CreatedAt), ts(s.LastSeenAt), ts(s.ExpiresAt), s.IP, s.UserAgent, idOrNull(s.KioskID))
	return db.fail("create session", err)
}

// FindSession returns the session with this hash if it has not expired at now.
func (db *DB) FindSession(ctx context.Context, hash string, now time.Time) (*mobilite.Session, error) {
	s := &mobilite.Session{}
	err := db.queryRow(ctx, `SELECT hash, user_id, created_at, last_seen_at, expires_at, ip, user_agent, kiosk_id
		FROM sessions WHERE hash = ? AND expires_at > ?`, hash, ts(now)).
		Scan(&s.Hash, &s.UserID, tm(&s.CreatedAt), tm(&s.LastSeenAt), tm(&s.ExpiresAt), &s.IP, &s.UserAgent, id(&s.KioskID))
	if err != nil {
		return nil, db.fail("find session", err)
	}
	return s, nil
}

// TouchSession moves a session's last-seen and expiry times.
func (db *DB) TouchSession(ctx context.Context, hash string, seen, expires time.Time) error {
	_, err := db.exec(ctx, `UPDATE sessions SET last_seen_at = ?, expires_at = ? WHERE hash = ?`, ts(seen), ts(expires), hash)
	return db.fail("touch session", err)
}

// DeleteSession removes one session.
func (db *DB) DeleteSession(ctx context.Context, hash string) error {
	_, err := db.exec(ctx, `DELETE FROM sessions WHERE hash = ?`, hash)
	return db.fail("delete session", err)
}

// DeleteUserSessions removes a user's sessions except keep.
func (db *DB) DeleteUserSessions(ctx context.Context, userID int64, keep string) error {
	_, err := db.exec(ctx, `DELETE FROM sessions WHERE user_id = ? AND hash <> ?`, userID, keep)
	return db.fail("delete user sessions", err)
}

// DeleteExpiredSessions removes expired sessions.
func (db *DB) DeleteExpiredSessions(ctx context.Context, now time.Time) (int, error) {
	res, err := db.exec(ctx, `DELETE FROM sessions WHERE expires_at <= ?`, ts(now))
	if err != nil {
		return 0, db.fail("delete expired sessions", err)
	}
	n, _ := res.RowsAffected()
	return int(n), nil
}

const tokenColumns = `id, user_id, name, prefix, hash, created_at, last_used_at`

func scanToken(row interface{ Scan(...any) error }) (*mobilite.APIToken, error) {
	t := &mobilite.APIToken{}
	err := row.Scan(&t.ID, &t.UserID, &t.Name, &t.Prefix, &t.Hash, tm(&t.CreatedAt), tm(&t.LastUsedAt))
	return t, err
}

// CreateAPIToken inserts t.
func (db *DB) CreateAPIToken(ctx context.Context, t *mobilite.APIToken) error {
	var err error
	t.ID, err = db.insert(ctx, `INSERT INTO api_tokens (user_id, name, prefix, hash, created_at, last_used_at)
		VALUES (?, ?, ?, ?, ?, ?)`, t.UserID, t.Name, t.Prefix, t.Hash, ts(t.CreatedAt), ts(t.LastUsedAt))
	return db.fail("create api token", err)
}

// FindAPIToken returns the token with this hash.
func (db *DB) FindAPIToken(ctx context.Context, hash string) (*mobilite.APIToken, error) {
	t, err := scanToken(db.queryRow(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE hash = ?`, hash))
	if err != nil {
		return nil, db.fail("find api token", err)
	}
	return t, nil
}

// FindAPITokens lists a user's tokens, newest first.
func (db *DB) FindAPITokens(ctx context.Context, userID int64) ([]*mobilite.APIToken, error) {
	rows, err := db.query(ctx, `SELECT `+tokenColumns+` FROM api_tokens WHERE user_id = ? ORDER BY id DESC`, userID)
	if err != nil {
		return nil, db.fail("find api tokens", err)
	}
	ts, err := collect(rows, scanToken)
	return ts, db.fail("find api tokens", err)
}

// TouchAPIToken records a token's last use.
func (db *DB) TouchAPIToken(ctx context.Context, tokenID int64, at time.Time) error {
	_, err := db.exec(ctx, `UPDATE api_tokens SET last_used_at = ? WHERE id = ?`, ts(at), tokenID)
	return db.fail("touch api token", err)
}

// DeleteAPIToken revokes a user's token.
func (db *DB) DeleteAPIToken(ctx context.Context, userID, tokenID int64) error {
	res, err := db.exec(ctx, `DELETE FROM api_tokens WHERE id = ? AND user_id = ?`, tokenID, userID)
	return db.affected("delete api token", res, err)
}

// CreatePasswordReset inserts r.
func (db *DB) CreatePasswordReset(ctx context.Context, r *mobilite.PasswordReset) error {
	_, err := db.exec(ctx, `INSERT INTO password_resets (hash, user_id, created_at, expires_at) VALUES (?, ?, ?, ?)`,
		r.Hash, r.UserID, ts(r.CreatedAt), ts(r.ExpiresAt))
	return db.fail("create password reset", err)
}

// TakePasswordReset deletes and returns an unexpired reset.
func (db *DB) TakePasswordReset(ctx context.Context, hash string, now time.Time) (*mobilite.PasswordReset, error) {
	r := &mobilite.PasswordReset{}
	err := db.queryRow(ctx, `DELETE FROM password_resets WHERE hash = ? AND expires_at > ?
		RETURNING hash, user_id, created_at, expires_at`, hash, ts(now)).
		Scan(&r.Hash, &r.UserID, tm(&r.CreatedAt), tm(&r.ExpiresAt))
	if err != nil {
		return nil, db.fail("take password reset", err)
	}
	return r, nil
}

// RecordLoginFailure notes a failure for each key.
func (db *DB) RecordLoginFailure(ctx context.Context, keys []string, at time.Time) error {
	for _, k := range keys {
		if _, err := db.exec(ctx, `INSERT INTO login_failures (key, at) VALUES (?, ?)`, k, ts(at)); err != nil {
			return db.fail("record login failure", err)
		}
	}
	return nil
}

// CountLoginFailures counts a key's failures since a time.
func (db *DB) CountLoginFailures(ctx context.Context, key string, since time.Time) (int, error) {
	var n int
	err := db.queryRow(ctx, `SELECT count(*) FROM login_failures WHERE key = ? AND at >= ?`, key, ts(since)).Scan(&n)
	return n, db.fail("count login failures", err)
}

// ClearLoginFailures forgets a key's failures.
func (db *DB) ClearLoginFailures(ctx context.Context, key string) error {
	_, err := db.exec(ctx, `DELETE FROM login_failures WHERE key = ?`, key)
	return db.fail("clear login failures", err)
}

// DeleteLoginFailuresBefore forgets old failures.
func (db *DB) DeleteLoginFailuresBefore(ctx context.Context, t time.Time) error {
	_, err := db.exec(ctx, `DELETE FROM login_failures WHERE at < ?`, ts(t))
	return db.fail("delete login failures", err)
}
