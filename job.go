package mobilite

import (
	"strings"
	"time"
	"unicode/utf8"
)

// Job statuses. Only open offers are searched; closed ones keep their page and their statistics.
const (
	JobOpen     = "open"
	JobClosed   = "closed"
	JobHeld     = "held"     // waiting for a staff review (flagged, or sent by a partner's form)
	JobRejected = "rejected" // refused by staff; never shown
)

// Why an offer closed.
const (
	CloseDeadline = "deadline" // its deadline passed
	CloseSource   = "source"   // every source that listed it stopped listing it
	ClosePartner  = "partner"  // the publishing partner closed it
	CloseStaff    = "staff"    // a staff member closed it
)

// Contract types, from the sources' words.
const (
	ContractEmployment  = "employment"
	ContractConsultancy = "consultancy"
	ContractInternship  = "internship"
	ContractVolunteer   = "volunteer"
)

// ContractTypes lists the contract types in display order.
var ContractTypes = []string{ContractEmployment, ContractConsultancy, ContractInternship, ContractVolunteer}

// Organization types.
const (
	OrgUN         = "un"         // United Nations system and other international organisations
	OrgNGO        = "ngo"        // non-governmental organisations
	OrgGovernment = "government" // public employment services and other administrations
	OrgPrivate    = "private"    // employers and licensed private agencies
	OrgOther      = "other"
)

// Organization publishes offers. It is kept as an entity so that the same employer from two
// sources is one organisation.
type Organization struct {
	ID        int64
	Name      string
	ShortName string
	Type      string
	Trusted   bool // its offers are published even when flagged (a notice still shows)
	CreatedAt time.Time
}

// JobFlag is a fair-recruitment rule that an offer trips, with the words that made it trip.
type JobFlag struct {
	Rule     string `json:"rule"`
	Evidence string `json:"evidence"`
}

// JobSource is one place an offer was seen.
type JobSource struct {
	SourceID   int64
	SourceName string
	ExternalID string
	URL        string
	FirstSeen  time.Time
	LastSeen   time.Time
	Gone       bool // the source no longer lists it
}

// Job is a job offer.
type Job struct {
	ID             int64
	Title          string
	OrgID          int64
	Organization   string // the organisation's name, for display
	OrgType        string
	Description    string // sanitised HTML
	HowToApply     string // sanitised HTML
	ApplyURL       string
	Country        string // ISO 3166 alpha-3, "" when unknown
	City           string
	ISCO08         string  // suggested or corrected occupation (unit group or broader)
	ISCOConfidence float64 // 0–1 for a suggestion; 1 for a correction
	ISCOManual     bool    // corrected by a counsellor: later ingestion keeps it
	Contract       string
	Deadline       time.Time // zero when none
	Language       string    // fr, en, or "" when unknown
	Status         string
	CloseReason    string
	Flags          []JobFlag
	NoFee          bool
	Fingerprint    string // the key that merges the same offer from several sources
	PublishedAt    time.Time
	UpdatedAt      time.Time
	ClosedAt       time.Time
	PartnerID      int64 // the partner account that published it by form or API, 0 otherwise
	ExternalID     string
	Requirements   Requirements // what the offer asks of candidates (languages, education, experience)
	Sources        []JobSource  // filled by FindJobByID
	// IndexText holds extra words for the search index (the place's names in both languages),
	// set by the service that writes the offer; it is not stored.
	IndexText string
}

// MaxJobTitle is the longest title of an offer, in characters.
const MaxJobTitle = 300

// Validate checks what every offer must have, whatever its origin. EINVALID with the fields.
func (j *Job) Validate() error {
	var p Problems
	if t := strings.TrimSpace(j.Title); t == "" {
		p.Add("title", "job.title.required")
	} else if utf8.RuneCountInString(t) > MaxJobTitle {
		p.Add("title", "job.title.too_long")
	}
	if strings.TrimSpace(j.Organization) == "" {
		p.Add("organization", "job.organization.required")
	}
	if j.Country != "" && len(j.Country) != 3 {
		p.Add("country", "job.country.invalid")
	}
	switch j.Contract {
	case "", ContractEmployment, ContractConsultancy, ContractInternship, ContractVolunteer:
	default:
		p.Add("contract_type", "job.contract.invalid")
	}
	if j.Language != "" && j.Language != "fr" && j.Language != "en" {
		p.Add("language", "job.language.invalid")
	}
	if len(j.Description) > 200000 {
		p.Add("description", "job.description.too_long")
	}
	if j.ApplyURL != "" && !strings.HasPrefix(j.ApplyURL, "https://") && !strings.HasPrefix(j.ApplyURL, "http://") && !strings.HasPrefix(j.ApplyURL, "mailto:") {
		p.Add("apply_url", "job.apply_url.invalid")
	}
	return p.Err()
}

// Open reports whether the offer is open at time now: status open and deadline not passed.
func (j *Job) Open(now time.Time) bool {
	return j.Status == JobOpen && (j.Deadline.IsZero() || j.Deadline.After(now))
}
