package mobilite

import (
	"context"
	"encoding/json"
	"time"
)

// AuditEntry records one write by a staff member (or by the system on a staff member's behalf):
// who, what, when, and the record before and after, as JSON.
type AuditEntry struct {
	ID       int64
	At       time.Time
	ActorID  int64  // 0 when the actor's account was deleted, or for the command line
	Actor    string // the actor's login at the time, kept when the account goes
	Action   string // e.g. "user.create"
	Entity   string // e.g. "user"
	EntityID int64
	Before   string // JSON, "" for a creation
	After    string // JSON, "" for a deletion
	IP       string
}

// NewAuditEntry builds an entry; before and after are marshalled to JSON (nil gives "").
// Fields that must not be kept (password hashes) should be left out of the values passed.
func NewAuditEntry(actor *User, action, entity string, entityID int64, before, after any) *AuditEntry {
	e := &AuditEntry{Action: action, Entity: entity, EntityID: entityID, Before: toJSON(before), After: toJSON(after)}
	if actor != nil {
		e.ActorID, e.Actor = actor.ID, actor.Login()
	}
	return e
}

func toJSON(v any) string {
	if v == nil {
		return ""
	}
	b, err := json.Marshal(v)
	if err != nil {
		return `{"error":"unmarshallable"}`
	}
	return string(b)
}

// AuditFilter selects audit entries. Zero fields select everything.
type AuditFilter struct {
	ActorID int64
	Entity  string
	Action  string
	Since   time.Time
	Until   time.Time
	Offset  int
	Limit   int
}

// AuditStore keeps the audit log. Entries are never updated or deleted by the application.
type AuditStore interface {
	// CreateAuditEntry inserts e and sets its ID.
	CreateAuditEntry(ctx context.Context, e *AuditEntry) error
	// FindAuditEntries returns a page of entries matching f, newest first, and the total.
	FindAuditEntries(ctx context.Context, f AuditFilter) ([]*AuditEntry, int, error)
}
