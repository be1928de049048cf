package store

import (
	"context"
	"time"

	"mobilite"
)

const messageColumns = `id, recipient, subject, body, status, attempts, next_attempt, last_error, created_at, sent_at`

func scanMessage(row interface{ Scan(...any) error }) (*mobilite.Message, error) {
	m := &mobilite.Message{}
	err := row.Scan(&m.ID, &m.To, &m.Subject, &m.Body, &m.Status, &m.Attempts, tm(&m.NextAttempt), &m.LastError,
		tm(&m.CreatedAt), tm(&m.SentAt))
	return m, err
}

// EnqueueMessage inserts m as pending.
func (db *DB) EnqueueMessage(ctx context.Context, m *mobilite.Message) error {
	m.Status = mobilite.MessagePending
	if m.NextAttempt.IsZero() {
		m.NextAttempt = m.CreatedAt
	}
	var err error
	m.ID, err = db.insert(ctx, `INSERT INTO outbox (recipient, subject, body, status, attempts, next_attempt, last_error,
		created_at) VALUES (?, ?, ?, ?, 0, ?, '', ?)`,
		m.To, m.Subject, m.Body, m.Status, ts(m.NextAttempt), ts(m.CreatedAt))
	return db.fail("enqueue message", err)
}

// FindMessages returns a page of messages, newest first, and the total.
func (db *DB) FindMessages(ctx context.Context, f mobilite.OutboxFilter) ([]*mobilite.Message, int, error) {
	var w where
	if f.Status != "" {
		w.add("status = ?", f.Status)
	}
	if f.To != "" {
		w.add("recipient = ?", f.To)
	}
	var total int
	if err := db.queryRow(ctx, `SELECT count(*) FROM outbox`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, db.fail("count messages", err)
	}
	offset, limit := page(f.Offset, f.Limit, 500)
	rows, err := db.query(ctx, `SELECT `+messageColumns+` FROM outbox`+w.String()+` ORDER BY id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, db.fail("find messages", err)
	}
	ms, err := collect(rows, scanMessage)
	return ms, total, db.fail("find messages", err)
}

// FindMessageByID returns one message.
func (db *DB) FindMessageByID(ctx context.Context, msgID int64) (*mobilite.Message, error) {
	m, err := scanMessage(db.queryRow(ctx, `SELECT `+messageColumns+` FROM outbox WHERE id = ?`, msgID))
	if err != nil {
		return nil, db.fail("find message", err)
	}
	return m, nil
}

// ClaimDueMessages leases up to limit due messages until lease.
func (db *DB) ClaimDueMessages(ctx context.Context, now, lease time.Time, limit int) ([]*mobilite.Message, error) {
	var out []*mobilite.Message
	err := db.Tx(ctx, func(s mobilite.Store) error {
		tx := s.(*DB)
		rows, err := tx.query(ctx, `SELECT `+messageColumns+` FROM outbox WHERE status = ? AND next_attempt <= ?
			ORDER BY next_attempt, id LIMIT ?`+tx.dialect.SkipLocked, mobilite.MessagePending, ts(now), limit)
		if err != nil {
			return tx.fail("claim messages", err)
		}
		if out, err = collect(rows, scanMessage); err != nil {
			return tx.fail("claim messages", err)
		}
		for _, m := range out {
			if _, err := tx.exec(ctx, `UPDATE outbox SET next_attempt = ? WHERE id = ?`, ts(lease), m.ID); err != nil {
				return tx.fail("claim messages", err)
			}
		}
		return nil
	})
	return out, err
}

// MarkMessageSent records a delivery.
func (db *DB) MarkMessageSent(ctx context.Context, msgID int64, at time.Time) error {
	res, err := db.exec(ctx, `UPDATE outbox SET status = ?, attempts = attempts + 1, sent_at = ?, last_error = ''
		WHERE id = ?`, mobilite.MessageSent, ts(at), msgID)
	return db.affected("mark message sent", res, err)
}

// MarkMessageFailed records a failed attempt.
func (db *DB) MarkMessageFailed(ctx context.Context, msgID int64, status, lastErr string, next time.Time) error {
	res, err := db.exec(ctx, `UPDATE outbox SET status = ?, attempts = attempts + 1, last_error = ?, next_attempt = ?
		WHERE id = ?`, status, lastErr, ts(next), msgID)
	return db.affected("mark message failed", res, err)
}

// RetryMessage puts a failed message back in the queue.
func (db *DB) RetryMessage(ctx context.Context, msgID int64, at time.Time) error {
	res, err := db.exec(ctx, `UPDATE outbox SET status = ?, attempts = 0, next_attempt = ? WHERE id = ? AND status = ?`,
		mobilite.MessagePending, ts(at), msgID, mobilite.MessageFailed)
	return db.affected("retry message", res, err)
}
