package store

import (
	"context"

	"mobilite"
)

const officeColumns = `id, code, name, region, country, town, address, phone, email, active, created_at, updated_at`

func scanOffice(row interface{ Scan(...any) error }) (*mobilite.Office, error) {
	o := &mobilite.Office{}
	err := row.Scan(&o.ID, &o.Code, &o.Name, &o.Region, &o.Country, &o.Town, &o.Address, &o.Phone, &o.Email,
		&o.Active, tm(&o.CreatedAt), tm(&o.UpdatedAt))
	return o, err
}

// CreateOffice inserts o; ECONFLICT if its code is taken.
func (db *DB) CreateOffice(ctx context.Context, o *mobilite.Office) error {
	var err error
	o.ID, err = db.insert(ctx, `INSERT INTO offices (code, name, region, country, town, address, phone, email, active,
		created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		o.Code, o.Name, o.Region, o.Country, o.Town, o.Address, o.Phone, o.Email, o.Active, ts(o.CreatedAt), ts(o.UpdatedAt))
	return db.fail("create office", err)
}

// FindOfficeByID returns an office or ENOTFOUND.
func (db *DB) FindOfficeByID(ctx context.Context, officeID int64) (*mobilite.Office, error) {
	o, err := scanOffice(db.queryRow(ctx, `SELECT `+officeColumns+` FROM offices WHERE id = ?`, officeID))
	if err != nil {
		return nil, db.fail("find office", err)
	}
	return o, nil
}

// FindOffices lists the offices by name.
func (db *DB) FindOffices(ctx context.Context) ([]*mobilite.Office, error) {
	rows, err := db.query(ctx, `SELECT `+officeColumns+` FROM offices ORDER BY name, id`)
	if err != nil {
		return nil, db.fail("find offices", err)
	}
	os, err := collect(rows, scanOffice)
	return os, db.fail("find offices", err)
}

// UpdateOffice saves o.
func (db *DB) UpdateOffice(ctx context.Context, o *mobilite.Office) error {
	res, err := db.exec(ctx, `UPDATE offices SET code = ?, name = ?, region = ?, country = ?, town = ?, address = ?,
		phone = ?, email = ?, active = ?, updated_at = ? WHERE id = ?`,
		o.Code, o.Name, o.Region, o.Country, o.Town, o.Address, o.Phone, o.Email, o.Active, ts(o.UpdatedAt), o.ID)
	return db.affected("update office", res, err)
}
