package regulation

import (
	"context"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"io"
	"strings"
	"time"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/audit"
)

// ComplaintInput is a complaint as typed in the public form, by the complainant or by a
// counsellor on their behalf.
type ComplaintInput struct {
	Category                                string
	Agency                                  string // a licence number, an agency's name, or any name
	Destination                             string // a country: code or name; "" when not said
	Sex                                     string // F, M or ""
	Account                                 string
	ContactName, ContactPhone, ContactEmail string
	Consent                                 bool // the complainant agrees to be contacted
}

// MaxComplaintsPerHour is how many complaints one address may file in an hour without an
// account (staff filing at an office are not limited).
const MaxComplaintsPerHour = 5

// codeAlphabet has no 0/O nor 1/I/L, which people misread when they copy a code.
const codeAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// randomCode returns n characters of codeAlphabet read from r.
func randomCode(r io.Reader, n int) (string, error) {
	b := make([]byte, n)
	out := make([]byte, 0, n)
	for len(out) < n {
		if _, err := io.ReadFull(r, b); err != nil {
			return "", fmt.Errorf("regulation: random: %w", err)
		}
		for _, c := range b {
			// Reject the values that would make some letters likelier than others.
			if int(c) < 256/len(codeAlphabet)*len(codeAlphabet) && len(out) < n {
				out = append(out, codeAlphabet[int(c)%len(codeAlphabet)])
			}
		}
	}
	return string(out), nil
}

// NewReference returns a complaint reference for the year: "PL-2026-" and six random
// characters, so that a reference cannot be guessed from another.
func NewReference(year int, r io.Reader) (string, error) {
	code, err := randomCode(r, 6)
	if err != nil {
		return "", err
	}
	return fmt.Sprintf("PL-%d-%s", year, code), nil
}

// NewFollowCode returns the secret code that, with the reference, opens a complaint's
// follow-up page: twelve characters (about 59 bits).
func NewFollowCode(r io.Reader) (string, error) { return randomCode(r, 12) }

// HashCode is what the store keeps of a follow-up code.
func HashCode(code string) string {
	sum := sha256.Sum256([]byte(strings.ToUpper(strings.TrimSpace(code))))
	return hex.EncodeToString(sum[:])
}

// build reads and checks a complaint. A licence number or the exact name of an agency of the
// register links the complaint to it.
func (s *Service) build(ctx context.Context, in ComplaintInput) (*mobilite.Complaint, error) {
	var p mobilite.Problems
	c := &mobilite.Complaint{Category: strings.TrimSpace(in.Category), Sex: strings.TrimSpace(in.Sex),
		Account: strings.TrimSpace(in.Account), ContactConsent: in.Consent, Status: mobilite.ComplaintReceived,
		ContactName: strings.Join(strings.Fields(in.ContactName), " ")}
	c.AgencyName = strings.Join(strings.Fields(in.Agency), " ")
	if c.AgencyName != "" {
		a, err := s.Resolve(ctx, c.AgencyName)
		switch mobilite.ErrorCode(err) {
		case "":
			c.AgencyID, c.AgencyName = a.ID, a.Name
		case mobilite.ENOTFOUND:
		default:
			return nil, err
		}
	}
	if d := strings.TrimSpace(in.Destination); d != "" {
		if a3, ok := s.Ref.ResolveCountry(d); ok {
			c.Destination = a3
		} else {
			p.Add("destination", "flow.country.invalid")
		}
	}
	if ph := strings.TrimSpace(in.ContactPhone); ph != "" {
		n, err := mobilite.NormalizePhone(ph)
		if err != nil {
			p.Add("contact_phone", "user.phone.invalid")
		}
		c.ContactPhone = n
	}
	if e := strings.TrimSpace(in.ContactEmail); e != "" {
		if c.ContactEmail = mobilite.NormalizeEmail(e); c.ContactEmail == "" {
			p.Add("contact_email", "user.email.invalid")
			c.ContactEmail = e
		}
	}
	if c.ContactConsent && strings.TrimSpace(in.ContactPhone) == "" && strings.TrimSpace(in.ContactEmail) == "" {
		p.Add("contact_phone", "complaint.contact.missing")
	}
	if err := c.Validate(); err != nil {
		for _, f := range mobilite.ErrorFields(err) {
			p.Add(f.Field, f.Key)
		}
	}
	return c, p.Err()
}

// File records a complaint and returns it with its secret follow-up code, shown once to the
// complainant. actor is nil (or any user: the complaint is not tied to the account) for the
// public form; staff file on someone's behalf from an office, without the hourly limit of an
// address. EINVALID with the fields in error; ETHROTTLED past MaxComplaintsPerHour from ip.
func (s *Service) File(ctx context.Context, actor *mobilite.User, in ComplaintInput, ip string) (*mobilite.Complaint, string, error) {
	c, err := s.build(ctx, in)
	if err != nil {
		return nil, "", err
	}
	now := s.now()
	staff := actor != nil && actor.Role.Staff()
	key := "complaint:" + ip
	c.Source = mobilite.RegulationFromForm
	if staff {
		c.Source, c.FiledBy, c.OfficeID = mobilite.RegulationFromOffice, actor.ID, actor.OfficeID
	} else {
		n, err := s.Store.CountLoginFailures(ctx, key, now.Add(-time.Hour))
		if err != nil {
			return nil, "", err
		}
		if n >= MaxComplaintsPerHour {
			return nil, "", mobilite.Errorf(mobilite.ETHROTTLED, "complaint.throttled", "regulation: %s", key)
		}
	}
	code, err := NewFollowCode(s.random())
	if err != nil {
		return nil, "", err
	}
	c.CodeHash, c.ReceivedAt, c.UpdatedAt = HashCode(code), now, now
	// A reference is random: on the rare collision, draw another.
	for try := 0; ; try++ {
		if c.Reference, err = NewReference(now.Year(), s.random()); err != nil {
			return nil, "", err
		}
		err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
			if err := tx.CreateComplaint(ctx, c); err != nil {
				return err
			}
			if !staff {
				return tx.RecordLoginFailure(ctx, []string{key}, now)
			}
			return audit.Record(ctx, tx, now, actor, "complaint.create", "complaint", c.ID, nil,
				map[string]any{"reference": c.Reference, "category": c.Category, "agency_id": c.AgencyID})
		})
		if mobilite.ErrorCode(err) != mobilite.ECONFLICT || try == 4 {
			break
		}
	}
	if err != nil {
		return nil, "", err
	}
	return c, code, nil
}

// Follow returns the complaint of a reference when code is its follow-up code. ENOTFOUND when
// either is wrong (the answer does not say which).
func (s *Service) Follow(ctx context.Context, reference, code string) (*mobilite.Complaint, error) {
	notFound := mobilite.Errorf(mobilite.ENOTFOUND, "complaint.follow.not_found", "regulation: no complaint %q with this code", reference)
	reference, code = strings.ToUpper(strings.TrimSpace(reference)), strings.TrimSpace(code)
	if reference == "" || code == "" || len(reference) > 40 || len(code) > 40 {
		return nil, notFound
	}
	c, err := s.Store.FindComplaintByReference(ctx, reference)
	if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	if subtle.ConstantTimeCompare([]byte(HashCode(code)), []byte(c.CodeHash)) != 1 {
		return nil, notFound
	}
	return c, nil
}

func mayHandle(actor *mobilite.User) error {
	if actor == nil || actor.Role != mobilite.RoleAdmin && actor.Role != mobilite.RoleInspector {
		return mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "regulation: only inspectors handle complaints")
	}
	return nil
}

// Read returns a complaint for an inspector or an admin, and records the read in the audit log
// when the complaint holds contact details (personal data). EFORBIDDEN, ENOTFOUND.
func (s *Service) Read(ctx context.Context, actor *mobilite.User, id int64) (*mobilite.Complaint, error) {
	if err := mayHandle(actor); err != nil {
		return nil, err
	}
	c, err := s.Store.FindComplaint(ctx, id)
	if err != nil {
		return nil, err
	}
	if c.HasContact() {
		if err := audit.Record(ctx, s.Store, s.now(), actor, "complaint.read", "complaint", c.ID, nil, nil); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// Change is what an inspector does to a complaint: a new status (with where it is referred),
// the answer the complainant reads, an internal note. Empty fields change nothing.
type Change struct {
	Status       string
	ReferredTo   string
	PublicAnswer string
	Note         string
}

// Update applies a change to a complaint, as one event with who and when, recorded in the audit
// log. Resolving or dismissing it sets its closing date; reopening clears it. EFORBIDDEN,
// ENOTFOUND, EINVALID (a move the statuses do not allow, a referral without its destination,
// a change that changes nothing).
func (s *Service) Update(ctx context.Context, actor *mobilite.User, id int64, ch Change) (*mobilite.Complaint, error) {
	if err := mayHandle(actor); err != nil {
		return nil, err
	}
	var c *mobilite.Complaint
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		var err error
		if c, err = tx.FindComplaint(ctx, id); err != nil {
			return err
		}
		before := map[string]any{"status": c.Status, "referred_to": c.ReferredTo, "public_answer": c.PublicAnswer}
		e := &mobilite.ComplaintEvent{ComplaintID: c.ID, ActorID: actor.ID, Actor: actor.Login(), FromStatus: c.Status,
			ToStatus: c.Status, Note: strings.TrimSpace(ch.Note)}
		var p mobilite.Problems
		changed := false
		if to := strings.TrimSpace(ch.Status); to != "" && to != c.Status {
			if !MayMove(c.Status, to) {
				p.Add("status", "complaint.status.transition")
			}
			e.ToStatus, c.Status, changed = to, to, true
		}
		if c.Status == mobilite.ComplaintReferred {
			if r := strings.TrimSpace(ch.ReferredTo); r != "" && r != c.ReferredTo {
				c.ReferredTo, changed = r, true
			}
			e.ReferredTo = c.ReferredTo
		}
		if a := strings.TrimSpace(ch.PublicAnswer); a != "" && a != c.PublicAnswer {
			c.PublicAnswer, e.PublicAnswer, changed = a, a, true
		}
		if utf8.RuneCountInString(e.Note) > mobilite.MaxComplaintText {
			p.Add("note", "complaint.text.too_long")
		}
		if !changed && e.Note == "" {
			p.Add("status", "complaint.update.empty")
		}
		if err := c.Validate(); err != nil {
			for _, f := range mobilite.ErrorFields(err) {
				p.Add(f.Field, f.Key)
			}
		}
		if err := p.Err(); err != nil {
			return err
		}
		now := s.now()
		c.UpdatedAt, e.At = now, now
		switch {
		case c.Closed() && c.ClosedAt.IsZero():
			c.ClosedAt = now
		case !c.Closed():
			c.ClosedAt = time.Time{}
		}
		if err := tx.UpdateComplaint(ctx, c); err != nil {
			return err
		}
		if err := tx.CreateComplaintEvent(ctx, e); err != nil {
			return err
		}
		c.Events = append(c.Events, e)
		after := map[string]any{"status": c.Status, "referred_to": c.ReferredTo, "public_answer": c.PublicAnswer, "note": e.Note}
		return audit.Record(ctx, tx, now, actor, "complaint.update", "complaint", c.ID, before, after)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}
