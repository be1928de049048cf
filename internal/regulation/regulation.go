// Package regulation keeps the two registers of the labour inspection: the licences of private
// recruitment agencies, which the public checks before paying anyone, and the complaints of
// abusive recruitment, which anyone may file without an account and follow with a secret link.
// It holds the rules: the status of a licence at a date, the events and status changes allowed,
// and the references and follow-up codes of complaints.
package regulation

import (
	"crypto/rand"
	"io"
	"slices"
	"time"

	"mobilite"
	"mobilite/internal/ref"
)

// Service manages the registers. Writes by staff are recorded in the audit log.
type Service struct {
	Store mobilite.Store
	Ref   *ref.Ref
	Now   func() time.Time
	// Rand is the source of the references and follow-up codes (crypto/rand when nil).
	Rand io.Reader
}

func (s *Service) now() time.Time {
	if s.Now == nil {
		return time.Now().UTC()
	}
	return s.Now().UTC()
}

// Today is the current day in Lomé (UTC, no daylight saving), at midnight.
func (s *Service) Today() time.Time { return Day(s.now()) }

// Day returns the calendar day of t (UTC) at midnight.
func Day(t time.Time) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
}

func (s *Service) random() io.Reader {
	if s.Rand == nil {
		return rand.Reader
	}
	return s.Rand
}

// StatusAt derives the status of a licence on day d from its history: the last event dated on
// or before d decides (a grant, a renewal or a reinstatement makes it valid, a suspension
// suspends it, a revocation revokes it), and a valid or suspended licence whose expiry — set by
// the last grant or renewal up to d — is before d has expired. Events of the same day count in
// the order given (the store's order: as recorded). Before the grant the status is LicenceNotYet.
// The store's dataset "licences" (CountFlows) applies the same rule in SQL.
func StatusAt(events []*mobilite.LicenceEvent, d time.Time) mobilite.LicenceStatus {
	day := Day(d)
	status := mobilite.LicenceNotYet
	var expires time.Time
	for _, e := range byDate(events) {
		if e.Date.After(day) {
			break
		}
		switch e.Kind {
		case mobilite.LicenceGrant, mobilite.LicenceRenewal:
			status, expires = mobilite.LicenceValid, e.ExpiresOn
		case mobilite.LicenceReinstatement:
			status = mobilite.LicenceValid
		case mobilite.LicenceSuspension:
			status = mobilite.LicenceSuspended
		case mobilite.LicenceRevocation:
			status = mobilite.LicenceRevoked
		}
	}
	if (status == mobilite.LicenceValid || status == mobilite.LicenceSuspended) && day.After(expires) {
		return mobilite.LicenceExpired
	}
	return status
}

// ExpiryAt is the expiry in force on day d: that of the last grant or renewal up to d (zero
// before the grant).
func ExpiryAt(events []*mobilite.LicenceEvent, d time.Time) time.Time {
	var expires time.Time
	for _, e := range byDate(events) {
		if e.Date.After(Day(d)) {
			break
		}
		if e.Kind == mobilite.LicenceGrant || e.Kind == mobilite.LicenceRenewal {
			expires = e.ExpiresOn
		}
	}
	return expires
}

// byDate returns the events in date order, keeping the given order within a day.
func byDate(events []*mobilite.LicenceEvent) []*mobilite.LicenceEvent {
	out := slices.Clone(events)
	slices.SortStableFunc(out, func(a, b *mobilite.LicenceEvent) int { return a.Date.Compare(b.Date) })
	return out
}

// eventFrom lists, for each event that may be added to a history, the statuses the licence may
// be in on the event's date. A grant only opens a history.
var eventFrom = map[string][]mobilite.LicenceStatus{
	mobilite.LicenceRenewal:       {mobilite.LicenceValid, mobilite.LicenceExpired},
	mobilite.LicenceSuspension:    {mobilite.LicenceValid},
	mobilite.LicenceReinstatement: {mobilite.LicenceSuspended},
	mobilite.LicenceRevocation:    {mobilite.LicenceValid, mobilite.LicenceSuspended, mobilite.LicenceExpired},
}

// EventAllowed reports whether an event of kind may follow a licence in status.
func EventAllowed(status mobilite.LicenceStatus, kind string) bool {
	return slices.Contains(eventFrom[kind], status)
}

// EventsAllowed lists the events that may follow a licence in status, in the order of a
// licence's life.
func EventsAllowed(status mobilite.LicenceStatus) []string {
	var out []string
	for _, k := range mobilite.LicenceEventKinds {
		if EventAllowed(status, k) {
			out = append(out, k)
		}
	}
	return out
}

// complaintNext lists the statuses a complaint may move to from each status. A complaint may be
// referred at once (trafficking cannot wait for a review), and a closed one may be reopened.
var complaintNext = map[string][]string{
	mobilite.ComplaintReceived:    {mobilite.ComplaintUnderReview, mobilite.ComplaintReferred, mobilite.ComplaintDismissed},
	mobilite.ComplaintUnderReview: {mobilite.ComplaintReferred, mobilite.ComplaintResolved, mobilite.ComplaintDismissed},
	mobilite.ComplaintReferred:    {mobilite.ComplaintUnderReview, mobilite.ComplaintResolved, mobilite.ComplaintDismissed},
	mobilite.ComplaintResolved:    {mobilite.ComplaintUnderReview},
	mobilite.ComplaintDismissed:   {mobilite.ComplaintUnderReview},
}

// NextStatuses lists the statuses a complaint in status may move to.
func NextStatuses(status string) []string { return slices.Clone(complaintNext[status]) }

// MayMove reports whether a complaint may move from one status to another.
func MayMove(from, to string) bool { return slices.Contains(complaintNext[from], to) }
