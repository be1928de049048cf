package store

import (
	"context"
	"database/sql"

	"mobilite"
)

const userColumns = `id, email, phone, name, role, office_id, organization, language, password_hash,
	disabled, created_at, updated_at, last_login_at`

func scanUser(row interface{ Scan(...any) error }) (*mobilite.User, error) {
	u := &mobilite.User{}
	var role string
	err := row.Scan(&u.ID, str(&u.Email), str(&u.Phone), &u.Name, &role, id(&u.OfficeID), &u.Organization,
		&u.Language, &u.PasswordHash, &u.Disabled, tm(&u.CreatedAt), tm(&u.UpdatedAt), tm(&u.LastLoginAt))
	u.Role = mobilite.Role(role)
	return u, err
}

// CreateUser inserts u. ECONFLICT if the e-mail or the phone is taken.
func (db *DB) CreateUser(ctx context.Context, u *mobilite.User) error {
	var err error
	u.ID, err = db.insert(ctx, `INSERT INTO users (email, phone, name, role, office_id, organization, language,
		password_hash, disabled, created_at, updated_at, last_login_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		orNull(u.Email), orNull(u.Phone), u.Name, string(u.Role), idOrNull(u.OfficeID), u.Organization, u.Language,
		u.PasswordHash, u.Disabled, ts(u.CreatedAt), ts(u.UpdatedAt), ts(u.LastLoginAt))
	return db.fail("create user", err)
}

// FindUserByID returns a user or ENOTFOUND.
func (db *DB) FindUserByID(ctx context.Context, userID int64) (*mobilite.User, error) {
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE id = ?`, userID))
	if err != nil {
		return nil, db.fail("find user", err)
	}
	return u, nil
}

// FindUserByLogin returns the user whose e-mail or phone is login, or ENOTFOUND.
func (db *DB) FindUserByLogin(ctx context.Context, login string) (*mobilite.User, error) {
	if login == "" {
		return nil, notFound("find user by login")
	}
	u, err := scanUser(db.queryRow(ctx, `SELECT `+userColumns+` FROM users WHERE email = ? OR phone = ?`, login, login))
	if err != nil {
		return nil, db.fail("find user by login", err)
	}
	return u, nil
}

// FindUsers returns a page of users, newest first, and the total.
func (db *DB) FindUsers(ctx context.Context, f mobilite.UserFilter) ([]*mobilite.User, int, error) {
	var w where
	if f.ID != 0 {
		w.add("id = ?", f.ID)
	}
	if f.Login != "" {
		w.add("(email = ? OR phone = ?)", f.Login, f.Login)
	}
	if f.Role != "" {
		w.add("role = ?", string(f.Role))
	}
	if f.OfficeID != 0 {
		w.add("office_id = ?", f.OfficeID)
	}
	if f.Query != "" {
		p := likePattern(f.Query)
		w.add(`(lower(name) LIKE ? ESCAPE '\' OR lower(coalesce(email, '')) LIKE ? ESCAPE '\' OR coalesce(phone, '') LIKE ? ESCAPE '\')`, p, p, p)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT count(*) FROM users`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, db.fail("count users", err)
	}
	offset, limit := page(f.Offset, f.Limit, 500)
	rows, err := db.query(ctx, `SELECT `+userColumns+` FROM users`+w.String()+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, db.fail("find users", err)
	}
	users, err := collect(rows, scanUser)
	return users, total, db.fail("find users", err)
}

// UpdateUser saves every field of u.
func (db *DB) UpdateUser(ctx context.Context, u *mobilite.User) error {
	res, err := db.exec(ctx, `UPDATE users SET email = ?, phone = ?, name = ?, role = ?, office_id = ?,
		organization = ?, language = ?, password_hash = ?, disabled = ?, updated_at = ?, last_login_at = ?
		WHERE id = ?`,
		orNull(u.Email), orNull(u.Phone), u.Name, string(u.Role), idOrNull(u.OfficeID), u.Organization, u.Language,
		u.PasswordHash, u.Disabled, ts(u.UpdatedAt), ts(u.LastLoginAt), u.ID)
	return db.affected("update user", res, err)
}

// DeleteUser removes the account; sessions, tokens and resets go with it (ON DELETE CASCADE),
// audit entries keep the actor's login but lose the link.
func (db *DB) DeleteUser(ctx context.Context, userID int64) error {
	res, err := db.exec(ctx, `DELETE FROM users WHERE id = ?`, userID)
	return db.affected("delete user", res, err)
}

// collect scans every row with scan and closes rows.
func collect[T any](rows *sql.Rows, scan func(interface{ Scan(...any) error }) (T, error)) ([]T, error) {
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}
