// Package audit records staff writes in the audit log, with the address the request came from.
package audit

import (
	"context"
	"time"

	"mobilite"
)

type ipKey struct{}

// WithIP returns a context that carries the client address of the request, for the audit log.
func WithIP(ctx context.Context, ip string) context.Context {
	return context.WithValue(ctx, ipKey{}, ip)
}

// IP returns the client address carried by ctx, or "".
func IP(ctx context.Context) string {
	ip, _ := ctx.Value(ipKey{}).(string)
	return ip
}

// Record writes one entry for a write by actor. Call it with the transaction's store so that
// the entry lands with the write or not at all. Writes by non-staff users are not recorded
// (their own account changes are not staff actions); a nil actor is the command line.
func Record(ctx context.Context, s mobilite.AuditStore, at time.Time, actor *mobilite.User, action, entity string, id int64, before, after any) error {
	if actor != nil && !actor.Role.Staff() {
		return nil
	}
	e := mobilite.NewAuditEntry(actor, action, entity, id, before, after)
	if actor == nil {
		e.Actor = "cli"
	}
	e.At, e.IP = at, IP(ctx)
	return s.CreateAuditEntry(ctx, e)
}
