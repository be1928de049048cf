package mobilite

import (
	"context"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// The events of a recruitment agency's licence. Each is a row of the licence history; the
// status of the licence at a date is derived from them (see regulation.StatusAt).
const (
	LicenceGrant         = "granted"    // first licence, with its expiry
	LicenceRenewal       = "renewed"    // a new expiry
	LicenceSuspension    = "suspended"  // with a reason
	LicenceReinstatement = "reinstated" // the suspension is lifted
	LicenceRevocation    = "revoked"    // with a reason; final
)

// LicenceEventKinds lists the licence events in the order of a licence's life.
var LicenceEventKinds = []string{LicenceGrant, LicenceRenewal, LicenceSuspension, LicenceReinstatement, LicenceRevocation}

// LicenceStatus is the state of a licence at a date.
type LicenceStatus string

// The statuses of a licence.
const (
	LicenceValid     LicenceStatus = "valid"
	LicenceSuspended LicenceStatus = "suspended"
	LicenceRevoked   LicenceStatus = "revoked"
	LicenceExpired   LicenceStatus = "expired"
	LicenceNotYet    LicenceStatus = "not_yet" // the date is before the licence was granted
)

// Agency is a private recruitment agency of the licence register. GrantedOn and ExpiresOn are
// the dates of the first grant and of the current expiry (the last grant or renewal): copies of
// the history, for lists; the history itself is in Events.
type Agency struct {
	ID        int64
	Name      string
	SearchKey string // the folded name and licence number, for the public search
	Licence   string // the licence number, e.g. TG-AGR-2024-017
	Region    string // ISO 3166-2 code of a region of Togo
	Address   string
	Phone     string // E.164 or empty
	Email     string
	GrantedOn time.Time
	ExpiresOn time.Time // the licence is valid up to and including this day
	Source    string    // form or demo
	Events    []*LicenceEvent
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Sources of agencies and complaints.
const (
	RegulationFromForm   = "form"   // typed in a form (by staff for agencies, by anyone for complaints)
	RegulationFromOffice = "office" // a complaint filed by a counsellor on someone's behalf
	RegulationFromDemo   = "demo"   // demonstration data
)

// Validate checks an agency's own fields; whether Region names a region of Togo is checked by
// the service that knows the reference data. EINVALID.
func (a *Agency) Validate() error {
	var p Problems
	if n := utf8.RuneCountInString(strings.TrimSpace(a.Name)); n < 2 || n > 160 {
		p.Add("name", "agency.name.required")
	}
	if !ValidLicence(a.Licence) {
		p.Add("licence", "agency.licence.invalid")
	}
	if a.Region == "" {
		p.Add("region", "agency.region.required")
	}
	if utf8.RuneCountInString(a.Address) > 300 {
		p.Add("address", "agency.address.invalid")
	}
	if a.Phone != "" {
		if ph, err := NormalizePhone(a.Phone); err != nil || ph != a.Phone {
			p.Add("phone", "user.phone.invalid")
		}
	}
	if a.Email != "" && NormalizeEmail(a.Email) != a.Email {
		p.Add("email", "user.email.invalid")
	}
	if a.GrantedOn.IsZero() {
		p.Add("granted_on", "agency.date.required")
	}
	if a.ExpiresOn.IsZero() || !a.ExpiresOn.After(a.GrantedOn) {
		p.Add("expires_on", "agency.expiry.invalid")
	}
	return p.Err()
}

// ValidLicence accepts a licence number written in capitals: 4 to 30 letters, digits, dashes
// and slashes, starting with a letter.
func ValidLicence(s string) bool {
	if len(s) < 4 || len(s) > 30 || s[0] < 'A' || s[0] > 'Z' {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '/') {
			return false
		}
	}
	return true
}

// LicenceEvent is one event of a licence's history.
type LicenceEvent struct {
	ID         int64
	AgencyID   int64
	Kind       string
	Date       time.Time
	ExpiresOn  time.Time // granted, renewed: the new expiry; zero otherwise
	Reason     string    // suspended, revoked: why (public)
	RecordedBy int64
	CreatedAt  time.Time
}

// Validate checks an event's own fields; whether it may follow the history is the service's
// rule. EINVALID.
func (e *LicenceEvent) Validate() error {
	var p Problems
	if !slices.Contains(LicenceEventKinds, e.Kind) {
		p.Add("kind", "agency.event.kind.invalid")
	}
	if e.Date.IsZero() {
		p.Add("date", "agency.date.required")
	}
	switch e.Kind {
	case LicenceGrant, LicenceRenewal:
		if e.ExpiresOn.IsZero() || !e.ExpiresOn.After(e.Date) {
			p.Add("expires_on", "agency.expiry.invalid")
		}
	default:
		if !e.ExpiresOn.IsZero() {
			p.Add("expires_on", "agency.expiry.not_for_kind")
		}
	}
	reason := strings.TrimSpace(e.Reason)
	if (e.Kind == LicenceSuspension || e.Kind == LicenceRevocation) && reason == "" {
		p.Add("reason", "agency.reason.required")
	}
	if utf8.RuneCountInString(reason) > 1000 {
		p.Add("reason", "agency.reason.too_long")
	}
	return p.Err()
}

// AgencyFilter selects agencies for lists.
type AgencyFilter struct {
	Words  []string // folded words that the name or the licence number must all contain
	Region string
	Offset int
	Limit  int
}

// Complaint categories.
const (
	ComplaintFees        = "recruitment_fees"      // recruitment fees charged to the worker
	ComplaintContract    = "contract_substitution" // a different contract on arrival
	ComplaintDocuments   = "documents_retained"    // passport or documents kept
	ComplaintWages       = "wages_unpaid"
	ComplaintDeception   = "deception" // about the job, the pay, the country
	ComplaintTrafficking = "trafficking"
	ComplaintUnlicensed  = "unlicensed_recruiter"
	ComplaintOther       = "other"
)

// ComplaintCategories lists the categories in the order of the form.
var ComplaintCategories = []string{ComplaintFees, ComplaintContract, ComplaintDocuments, ComplaintWages, ComplaintDeception,
	ComplaintTrafficking, ComplaintUnlicensed, ComplaintOther}

// Complaint statuses.
const (
	ComplaintReceived    = "received"
	ComplaintUnderReview = "under_review"
	ComplaintReferred    = "referred" // to the police, the anti-trafficking unit or an embassy
	ComplaintResolved    = "resolved"
	ComplaintDismissed   = "dismissed"
)

// ComplaintStatuses lists the statuses in the order of a complaint's life.
var ComplaintStatuses = []string{ComplaintReceived, ComplaintUnderReview, ComplaintReferred, ComplaintResolved, ComplaintDismissed}

// ComplaintOpenStatuses are the statuses of a complaint still being handled.
var ComplaintOpenStatuses = []string{ComplaintReceived, ComplaintUnderReview, ComplaintReferred}

// ComplaintReferrals lists where a complaint can be referred.
var ComplaintReferrals = []string{"police", "anti_trafficking", "embassy"}

// Complaint is a complaint of abusive recruitment, filed by anyone, with or without an account.
// The complainant follows it with Reference and a secret code, kept here only as a hash. Contact
// details are kept only when the complainant agreed to be contacted.
type Complaint struct {
	ID             int64
	Reference      string // PL-2026-K7M4QX: a year and a random part
	CodeHash       string // SHA-256 (hex) of the follow-up code
	Category       string
	AgencyID       int64  // the licensed agency, when the complainant named one of the register
	AgencyName     string // the agency's name, or the name typed
	Destination    string // ISO 3166 alpha-3, or "" when not said
	Sex            string // F, M or "" (not said)
	Account        string // what happened, in the complainant's words
	ContactName    string
	ContactPhone   string // E.164
	ContactEmail   string
	ContactConsent bool // the complainant agreed to be contacted; no contact is kept without it
	Status         string
	ReferredTo     string // police, anti_trafficking or embassy, once referred
	PublicAnswer   string // what staff tell the complainant on the follow-up page
	Source         string // form, office or demo
	FiledBy        int64  // the counsellor who filed it on someone's behalf
	OfficeID       int64
	ReceivedAt     time.Time
	UpdatedAt      time.Time
	ClosedAt       time.Time // set when resolved or dismissed
	Events         []*ComplaintEvent
}

// MaxComplaintText is the longest account of a complaint, and of an answer or a note.
const MaxComplaintText = 4000

// HasContact reports whether the complaint holds contact details (personal data).
func (c *Complaint) HasContact() bool {
	return c.ContactName != "" || c.ContactPhone != "" || c.ContactEmail != ""
}

// Closed reports whether the complaint is resolved or dismissed.
func (c *Complaint) Closed() bool {
	return c.Status == ComplaintResolved || c.Status == ComplaintDismissed
}

// Validate checks a complaint's own fields. EINVALID.
func (c *Complaint) Validate() error {
	var p Problems
	if !slices.Contains(ComplaintCategories, c.Category) {
		p.Add("category", "complaint.category.required")
	}
	if utf8.RuneCountInString(c.AgencyName) > 160 {
		p.Add("agency", "complaint.agency.too_long")
	}
	if c.Destination != "" && len(c.Destination) != 3 {
		p.Add("destination", "flow.country.invalid")
	}
	if c.Sex != "" && c.Sex != "F" && c.Sex != "M" {
		p.Add("sex", "complaint.sex.invalid")
	}
	switch n := utf8.RuneCountInString(strings.TrimSpace(c.Account)); {
	case n < 20:
		p.Add("account", "complaint.account.short")
	case n > MaxComplaintText:
		p.Add("account", "complaint.account.long")
	}
	if c.HasContact() && !c.ContactConsent {
		p.Add("consent", "complaint.consent.required")
	}
	if utf8.RuneCountInString(c.ContactName) > 120 {
		p.Add("contact_name", "complaint.contact_name.too_long")
	}
	if c.ContactPhone != "" {
		if ph, err := NormalizePhone(c.ContactPhone); err != nil || ph != c.ContactPhone {
			p.Add("contact_phone", "user.phone.invalid")
		}
	}
	if c.ContactEmail != "" && NormalizeEmail(c.ContactEmail) != c.ContactEmail {
		p.Add("contact_email", "user.email.invalid")
	}
	if !slices.Contains(ComplaintStatuses, c.Status) {
		p.Add("status", "complaint.status.invalid")
	}
	if c.Status == ComplaintReferred && !slices.Contains(ComplaintReferrals, c.ReferredTo) {
		p.Add("referred_to", "complaint.referred_to.required")
	}
	if utf8.RuneCountInString(c.PublicAnswer) > MaxComplaintText {
		p.Add("public_answer", "complaint.text.too_long")
	}
	return p.Err()
}

// ComplaintEvent is one change of a complaint by staff: a new status, a new public answer, an
// internal note, or several at once.
type ComplaintEvent struct {
	ID           int64
	ComplaintID  int64
	At           time.Time
	ActorID      int64  // 0 once the account is deleted
	Actor        string // the actor's login at the time
	FromStatus   string
	ToStatus     string
	ReferredTo   string
	PublicAnswer string // the answer written, "" when it did not change
	Note         string // internal: never shown to the complainant
}

// ComplaintFilter selects complaints for the staff's queue.
type ComplaintFilter struct {
	Statuses []string // any of them; none: all
	Category string
	AgencyID int64
	Offset   int
	Limit    int
}

// RegulationStore keeps the licence register of private recruitment agencies and the register
// of complaints.
type RegulationStore interface {
	// CreateAgency inserts a and sets its ID (its events are written with CreateLicenceEvent);
	// ECONFLICT when the licence number is taken.
	CreateAgency(ctx context.Context, a *Agency) error
	// UpdateAgency saves a's fields (not its events). ENOTFOUND, ECONFLICT.
	UpdateAgency(ctx context.Context, a *Agency) error
	// FindAgency and FindAgencyByLicence return an agency with its history in date order.
	// ENOTFOUND.
	FindAgency(ctx context.Context, id int64) (*Agency, error)
	FindAgencyByLicence(ctx context.Context, licence string) (*Agency, error)
	// FindAgencies lists agencies by name, each with its history, and the total.
	FindAgencies(ctx context.Context, f AgencyFilter) ([]*Agency, int, error)
	// CreateLicenceEvent inserts an event of a licence's history and sets its ID. ENOTFOUND
	// when the agency does not exist.
	CreateLicenceEvent(ctx context.Context, e *LicenceEvent) error

	// CreateComplaint inserts c and sets its ID; ECONFLICT when the reference is taken.
	CreateComplaint(ctx context.Context, c *Complaint) error
	// UpdateComplaint saves c's status, referral, answer, closing date and update time. ENOTFOUND.
	UpdateComplaint(ctx context.Context, c *Complaint) error
	// FindComplaint and FindComplaintByReference return a complaint with its events, oldest
	// first. ENOTFOUND.
	FindComplaint(ctx context.Context, id int64) (*Complaint, error)
	FindComplaintByReference(ctx context.Context, reference string) (*Complaint, error)
	// FindComplaints lists complaints, newest first, without their events, and the total.
	FindComplaints(ctx context.Context, f ComplaintFilter) ([]*Complaint, int, error)
	// CreateComplaintEvent inserts a change of a complaint and sets its ID.
	CreateComplaintEvent(ctx context.Context, e *ComplaintEvent) error
}
