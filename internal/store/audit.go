package store

import (
	"context"

	"mobilite"
)

// CreateAuditEntry inserts e.
func (db *DB) CreateAuditEntry(ctx context.Context, e *mobilite.AuditEntry) error {
	var err error
	e.ID, err = db.insert(ctx, `INSERT INTO audit_log (at, actor_id, actor, action, entity, entity_id, before_json,
		after_json, ip) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ts(e.At), idOrNull(e.ActorID), e.Actor, e.Action, e.Entity, e.EntityID, e.Before, e.After, e.IP)
	return db.fail("create audit entry", err)
}

// FindAuditEntries returns a page of entries, newest first, and the total.
func (db *DB) FindAuditEntries(ctx context.Context, f mobilite.AuditFilter) ([]*mobilite.AuditEntry, int, error) {
	var w where
	if f.ActorID != 0 {
		w.add("actor_id = ?", f.ActorID)
	}
	if f.Entity != "" {
		w.add("entity = ?", f.Entity)
	}
	if f.Action != "" {
		w.add("action = ?", f.Action)
	}
	if !f.Since.IsZero() {
		w.add("at >= ?", ts(f.Since))
	}
	if !f.Until.IsZero() {
		w.add("at < ?", ts(f.Until))
	}
	var total int
	if err := db.queryRow(ctx, `SELECT count(*) FROM audit_log`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, db.fail("count audit entries", err)
	}
	offset, limit := page(f.Offset, f.Limit, 500)
	rows, err := db.query(ctx, `SELECT id, at, actor_id, actor, action, entity, entity_id, before_json, after_json, ip
		FROM audit_log`+w.String()+` ORDER BY id DESC LIMIT ? OFFSET ?`, append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, db.fail("find audit entries", err)
	}
	es, err := collect(rows, func(row interface{ Scan(...any) error }) (*mobilite.AuditEntry, error) {
		e := &mobilite.AuditEntry{}
		err := row.Scan(&e.ID, tm(&e.At), id(&e.ActorID), &e.Actor, &e.Action, &e.Entity, &e.EntityID,
			&e.Before, &e.After, &e.IP)
		return e, err
	})
	return es, total, db.fail("find audit entries", err)
}
