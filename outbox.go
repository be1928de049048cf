package mobilite

import (
	"context"
	"time"
)

// Message states.
const (
	MessagePending = "pending" // waiting for its first or next attempt
	MessageSent    = "sent"
	MessageFailed  = "failed" // gave up after the last attempt
)

// Message is an e-mail in the outbox. It is written in the same transaction as the action that
// causes it, then sent by the mail task.
type Message struct {
	ID          int64
	To          string
	Subject     string
	Body        string // plain text
	Status      string
	Attempts    int
	NextAttempt time.Time
	LastError   string
	CreatedAt   time.Time
	SentAt      time.Time // zero until sent
}

// OutboxFilter selects messages.
type OutboxFilter struct {
	Status string
	To     string
	Offset int
	Limit  int
}

// OutboxStore keeps the outgoing mail.
type OutboxStore interface {
	// EnqueueMessage inserts m as pending, to be tried at once.
	EnqueueMessage(ctx context.Context, m *Message) error
	// FindMessages returns a page of messages, newest first, and the total.
	FindMessages(ctx context.Context, f OutboxFilter) ([]*Message, int, error)
	// FindMessageByID returns one message; ENOTFOUND.
	FindMessageByID(ctx context.Context, id int64) (*Message, error)
	// ClaimDueMessages returns up to limit pending messages due at now and pushes their next attempt
	// to lease, so that another server process does not send them at the same time.
	ClaimDueMessages(ctx context.Context, now, lease time.Time, limit int) ([]*Message, error)
	// MarkMessageSent records a delivery.
	MarkMessageSent(ctx context.Context, id int64, at time.Time) error
	// MarkMessageFailed records a failed attempt; status is pending (retry at next) or failed.
	MarkMessageFailed(ctx context.Context, id int64, status, lastErr string, next time.Time) error
	// RetryMessage puts a failed message back in the queue; ENOTFOUND.
	RetryMessage(ctx context.Context, id int64, at time.Time) error
}
