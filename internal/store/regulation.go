package store

import (
	"context"
	"strings"

	"mobilite"
)

const agencyColumns = `id, name, search_key, licence, region, address, phone, email, granted_on, expires_on, source,
	created_at, updated_at`

func scanAgency(row interface{ Scan(...any) error }) (*mobilite.Agency, error) {
	a := &mobilite.Agency{}
	err := row.Scan(&a.ID, &a.Name, &a.SearchKey, &a.Licence, &a.Region, &a.Address, &a.Phone, &a.Email, tm(&a.GrantedOn),
		tm(&a.ExpiresOn), &a.Source, tm(&a.CreatedAt), tm(&a.UpdatedAt))
	return a, err
}

// CreateAgency inserts an agency of the licence register.
func (db *DB) CreateAgency(ctx context.Context, a *mobilite.Agency) error {
	var err error
	a.ID, err = db.insert(ctx, `INSERT INTO agencies (name, search_key, licence, region, address, phone, email, granted_on,
		expires_on, source, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		a.Name, a.SearchKey, a.Licence, a.Region, a.Address, a.Phone, a.Email, date(a.GrantedOn), date(a.ExpiresOn), a.Source,
		ts(a.CreatedAt), ts(a.UpdatedAt))
	return db.fail("create agency", err)
}

// UpdateAgency saves an agency's fields.
func (db *DB) UpdateAgency(ctx context.Context, a *mobilite.Agency) error {
	res, err := db.exec(ctx, `UPDATE agencies SET name = ?, search_key = ?, licence = ?, region = ?, address = ?, phone = ?,
		email = ?, granted_on = ?, expires_on = ?, updated_at = ? WHERE id = ?`,
		a.Name, a.SearchKey, a.Licence, a.Region, a.Address, a.Phone, a.Email, date(a.GrantedOn), date(a.ExpiresOn),
		ts(a.UpdatedAt), a.ID)
	return db.affected("update agency", res, err)
}

// FindAgency returns an agency with its history.
func (db *DB) FindAgency(ctx context.Context, agencyID int64) (*mobilite.Agency, error) {
	return db.findAgency(ctx, "id = ?", agencyID)
}

// FindAgencyByLicence returns the agency holding a licence number.
func (db *DB) FindAgencyByLicence(ctx context.Context, licence string) (*mobilite.Agency, error) {
	return db.findAgency(ctx, "licence = ?", strings.ToUpper(strings.TrimSpace(licence)))
}

func (db *DB) findAgency(ctx context.Context, cond string, arg any) (*mobilite.Agency, error) {
	a, err := scanAgency(db.queryRow(ctx, `SELECT `+agencyColumns+` FROM agencies WHERE `+cond, arg))
	if err != nil {
		return nil, db.fail("find agency", err)
	}
	if err := db.licenceEvents(ctx, []*mobilite.Agency{a}); err != nil {
		return nil, err
	}
	return a, nil
}

// FindAgencies lists agencies by name, with their histories.
func (db *DB) FindAgencies(ctx context.Context, f mobilite.AgencyFilter) ([]*mobilite.Agency, int, error) {
	var w where
	for _, word := range f.Words {
		w.add(`search_key LIKE ? ESCAPE '\'`, likePattern(word))
	}
	if f.Region != "" {
		w.add("region = ?", f.Region)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT count(*) FROM agencies`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, db.fail("count agencies", err)
	}
	offset, limit := page(f.Offset, f.Limit, 500)
	rows, err := db.query(ctx, `SELECT `+agencyColumns+` FROM agencies`+w.String()+` ORDER BY search_key, id LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, db.fail("find agencies", err)
	}
	out, err := collect(rows, scanAgency)
	if err != nil {
		return nil, 0, db.fail("find agencies", err)
	}
	return out, total, db.licenceEvents(ctx, out)
}

// licenceEvents fills the histories of agencies, in date order (then in the order recorded).
func (db *DB) licenceEvents(ctx context.Context, agencies []*mobilite.Agency) error {
	if len(agencies) == 0 {
		return nil
	}
	byID := make(map[int64]*mobilite.Agency, len(agencies))
	ids := make([]int64, len(agencies))
	for i, a := range agencies {
		byID[a.ID], ids[i] = a, a.ID
		a.Events = nil
	}
	in, args := marks(ids)
	rows, err := db.query(ctx, `SELECT id, agency_id, kind, date, expires_on, reason, recorded_by, created_at FROM licence_events
		WHERE agency_id IN (`+in+`) ORDER BY agency_id, date, id`, args...)
	if err != nil {
		return db.fail("find licence events", err)
	}
	events, err := collect(rows, func(r interface{ Scan(...any) error }) (*mobilite.LicenceEvent, error) {
		e := &mobilite.LicenceEvent{}
		return e, r.Scan(&e.ID, &e.AgencyID, &e.Kind, tm(&e.Date), tm(&e.ExpiresOn), &e.Reason, id(&e.RecordedBy), tm(&e.CreatedAt))
	})
	if err != nil {
		return db.fail("find licence events", err)
	}
	for _, e := range events {
		byID[e.AgencyID].Events = append(byID[e.AgencyID].Events, e)
	}
	return nil
}

// CreateLicenceEvent inserts an event of a licence's history.
func (db *DB) CreateLicenceEvent(ctx context.Context, e *mobilite.LicenceEvent) error {
	var one int
	if err := db.queryRow(ctx, `SELECT 1 FROM agencies WHERE id = ?`, e.AgencyID).Scan(&one); err != nil {
		return db.fail("create licence event", err)
	}
	var err error
	e.ID, err = db.insert(ctx, `INSERT INTO licence_events (agency_id, kind, date, expires_on, reason, recorded_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?)`,
		e.AgencyID, e.Kind, date(e.Date), date(e.ExpiresOn), e.Reason, idOrNull(e.RecordedBy), ts(e.CreatedAt))
	return db.fail("create licence event", err)
}

const complaintColumns = `id, reference, code_hash, category, agency_id, agency_name, destination, sex, account, contact_name,
	contact_phone, contact_email, contact_consent, status, referred_to, public_answer, source, filed_by, office_id,
	received_at, updated_at, closed_at`

func scanComplaint(row interface{ Scan(...any) error }) (*mobilite.Complaint, error) {
	c := &mobilite.Complaint{}
	err := row.Scan(&c.ID, &c.Reference, &c.CodeHash, &c.Category, id(&c.AgencyID), &c.AgencyName, &c.Destination, &c.Sex,
		&c.Account, &c.ContactName, &c.ContactPhone, &c.ContactEmail, &c.ContactConsent, &c.Status, &c.ReferredTo,
		&c.PublicAnswer, &c.Source, id(&c.FiledBy), id(&c.OfficeID), tm(&c.ReceivedAt), tm(&c.UpdatedAt), tm(&c.ClosedAt))
	return c, err
}

// CreateComplaint inserts a complaint.
func (db *DB) CreateComplaint(ctx context.Context, c *mobilite.Complaint) error {
	var err error
	c.ID, err = db.insert(ctx, `INSERT INTO complaints (reference, code_hash, category, agency_id, agency_name, destination, sex,
		account, contact_name, contact_phone, contact_email, contact_consent, status, referred_to, public_answer, source,
		filed_by, office_id, received_at, updated_at, closed_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		c.Reference, c.CodeHash, c.Category, idOrNull(c.AgencyID), c.AgencyName, c.Destination, c.Sex, c.Account,
		c.ContactName, c.ContactPhone, c.ContactEmail, c.ContactConsent, c.Status, c.ReferredTo, c.PublicAnswer, c.Source,
		idOrNull(c.FiledBy), idOrNull(c.OfficeID), ts(c.ReceivedAt), ts(c.UpdatedAt), ts(c.ClosedAt))
	return db.fail("create complaint", err)
}

// UpdateComplaint saves what staff change in a complaint.
func (db *DB) UpdateComplaint(ctx context.Context, c *mobilite.Complaint) error {
	res, err := db.exec(ctx, `UPDATE complaints SET status = ?, referred_to = ?, public_answer = ?, updated_at = ?, closed_at = ?
		WHERE id = ?`, c.Status, c.ReferredTo, c.PublicAnswer, ts(c.UpdatedAt), ts(c.ClosedAt), c.ID)
	return db.affected("update complaint", res, err)
}

// FindComplaint returns a complaint with its events.
func (db *DB) FindComplaint(ctx context.Context, complaintID int64) (*mobilite.Complaint, error) {
	return db.findComplaint(ctx, "id = ?", complaintID)
}

// FindComplaintByReference returns the complaint with a reference.
func (db *DB) FindComplaintByReference(ctx context.Context, reference string) (*mobilite.Complaint, error) {
	return db.findComplaint(ctx, "reference = ?", strings.ToUpper(strings.TrimSpace(reference)))
}

func (db *DB) findComplaint(ctx context.Context, cond string, arg any) (*mobilite.Complaint, error) {
	c, err := scanComplaint(db.queryRow(ctx, `SELECT `+complaintColumns+` FROM complaints WHERE `+cond, arg))
	if err != nil {
		return nil, db.fail("find complaint", err)
	}
	rows, err := db.query(ctx, `SELECT id, complaint_id, at, actor_id, actor, from_status, to_status, referred_to, public_answer,
		note FROM complaint_events WHERE complaint_id = ? ORDER BY id`, c.ID)
	if err != nil {
		return nil, db.fail("find complaint events", err)
	}
	c.Events, err = collect(rows, func(r interface{ Scan(...any) error }) (*mobilite.ComplaintEvent, error) {
		e := &mobilite.ComplaintEvent{}
		return e, r.Scan(&e.ID, &e.ComplaintID, tm(&e.At), id(&e.ActorID), &e.Actor, &e.FromStatus, &e.ToStatus, &e.ReferredTo,
			&e.PublicAnswer, &e.Note)
	})
	if err != nil {
		return nil, db.fail("find complaint events", err)
	}
	return c, nil
}

// FindComplaints lists complaints, newest first.
func (db *DB) FindComplaints(ctx context.Context, f mobilite.ComplaintFilter) ([]*mobilite.Complaint, int, error) {
	var w where
	if len(f.Statuses) > 0 {
		in, args := marks(f.Statuses)
		w.add("status IN ("+in+")", args...)
	}
	if f.Category != "" {
		w.add("category = ?", f.Category)
	}
	if f.AgencyID != 0 {
		w.add("agency_id = ?", f.AgencyID)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT count(*) FROM complaints`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, db.fail("count complaints", err)
	}
	offset, limit := page(f.Offset, f.Limit, 500)
	rows, err := db.query(ctx, `SELECT `+complaintColumns+` FROM complaints`+w.String()+` ORDER BY received_at DESC, id DESC
		LIMIT ? OFFSET ?`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, db.fail("find complaints", err)
	}
	out, err := collect(rows, scanComplaint)
	return out, total, db.fail("find complaints", err)
}

// CreateComplaintEvent inserts a change of a complaint.
func (db *DB) CreateComplaintEvent(ctx context.Context, e *mobilite.ComplaintEvent) error {
	var err error
	e.ID, err = db.insert(ctx, `INSERT INTO complaint_events (complaint_id, at, actor_id, actor, from_status, to_status,
		referred_to, public_answer, note) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ComplaintID, ts(e.At), idOrNull(e.ActorID), e.Actor, e.FromStatus, e.ToStatus, e.ReferredTo, e.PublicAnswer, e.Note)
	return db.fail("create complaint event", err)
}
