package mobilite

import (
	"context"
	"strings"
	"time"
)

// Requirements is what an offer asks of candidates, as far as its text says it.
type Requirements struct {
	Languages []SeekerLanguage // Level "" when the text names the language without a level
	ISCED     int              // the lowest ISCED 2011 level accepted; -1 when not stated
	Years     int              // years of experience; 0 when not stated
}

// NoRequirements is the Requirements of an offer whose text states none.
var NoRequirements = Requirements{ISCED: -1}

// LanguagesText writes the languages as stored: "en:C1 fr:".
func (r Requirements) LanguagesText() string {
	var b strings.Builder
	for i, l := range r.Languages {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(l.Language + ":" + l.Level)
	}
	return b.String()
}

// ParseLanguages reads what LanguagesText wrote.
func ParseLanguages(s string) []SeekerLanguage {
	var out []SeekerLanguage
	for _, f := range strings.Fields(s) {
		lang, level, _ := strings.Cut(f, ":")
		out = append(out, SeekerLanguage{Language: lang, Level: level})
	}
	return out
}

// Application statuses: a seeker applied, then was interviewed, hired or not selected.
const (
	AppApplied     = "applied"
	AppInterview   = "interview"
	AppHired       = "hired"
	AppNotSelected = "not_selected"
)

// AppStatuses lists the application statuses in the order they happen.
var AppStatuses = []string{AppApplied, AppInterview, AppHired, AppNotSelected}

// ValidAppStatus reports whether s is one of AppStatuses.
func ValidAppStatus(s string) bool {
	for _, x := range AppStatuses {
		if s == x {
			return true
		}
	}
	return false
}

// Application is a seeker's application to an offer and what came of it.
type Application struct {
	ID        int64
	SeekerID  int64
	JobID     int64
	Status    string
	CreatedAt time.Time
	UpdatedAt time.Time
	Job       *Job               // the offer, without its long texts, in lists
	Events    []ApplicationEvent // oldest first, by FindApplication
}

// ApplicationEvent is one change of an application's status.
type ApplicationEvent struct {
	Status   string
	ByUserID int64
	ByStaff  bool // recorded by a counsellor rather than by the seeker
	At       time.Time
}

// MatchOffer is an open offer with what matching reads.
type MatchOffer struct {
	ID           int64
	ISCO08       string
	Country      string
	Language     string
	PublishedAt  time.Time
	Requirements Requirements // filled by OfferRequirements
}

// MatchCandidate is an active seeker with what matching reads.
type MatchCandidate struct {
	ID             int64
	Number         string
	GivenName      string
	FamilyName     string
	Region         string
	ISCEDLevel     int
	Intent         string
	ConsentShareCV bool
	Occupations    []SeekerOccupation
	Languages      []SeekerLanguage // filled by CandidateDetails
	Countries      []string         // filled by CandidateDetails
}

// CandidateFilter selects the seekers considered for an offer.
type CandidateFilter struct {
	ISCOPrefix     string // the occupations looked at (a minor group: three digits)
	First          string // an occupation under ISCOPrefix read before the others (the offer's unit group), or ""
	Region         string // only seekers living in this region of Togo
	ReadableOffice int64  // as in SeekerFilter: what a counsellor may see
	ReadableRegion string
	Limit          int
}

// Kiosk is a shared computer in an office, on which sessions expire after a few minutes.
type Kiosk struct {
	ID        int64
	Hash      string
	OfficeID  int64
	Name      string
	CreatedBy int64
	CreatedAt time.Time
	RevokedAt time.Time
}

// MatchStore holds what matching, applications, shortlists and kiosks need.
type MatchStore interface {
	// MatchOffers returns open offers whose occupation starts with one of the prefixes or whose
	// country is one of countries, newest first, at most limit.
	MatchOffers(ctx context.Context, iscoPrefixes, countries []string, limit int) ([]MatchOffer, error)
	// FindJobsByIDs returns the offers with these ids (without their long texts), in any order.
	FindJobsByIDs(ctx context.Context, ids []int64) ([]*Job, error)
	// OfferRequirements fills the Requirements of the offers.
	OfferRequirements(ctx context.Context, offers []MatchOffer) error
	// MatchCandidates returns active seekers with an occupation under f.ISCOPrefix, those of
	// f.First read first, at most f.Limit of their occupations.
	MatchCandidates(ctx context.Context, f CandidateFilter) ([]MatchCandidate, error)
	// CandidateDetails fills the Languages and Countries of the candidates.
	CandidateDetails(ctx context.Context, cs []MatchCandidate) error

	// SaveApplication creates the application of a seeker to an offer, or moves its status, and
	// records the event. It sets a's ID, dates and status.
	SaveApplication(ctx context.Context, a *Application, ev ApplicationEvent) error
	// FindApplication returns an application with its events. ENOTFOUND.
	FindApplication(ctx context.Context, id int64) (*Application, error)
	// FindApplicationFor returns the application of a seeker to an offer. ENOTFOUND.
	FindApplicationFor(ctx context.Context, seekerID, jobID int64) (*Application, error)
	// SeekerApplications returns a seeker's applications with their offers, newest first.
	SeekerApplications(ctx context.Context, seekerID int64) ([]*Application, error)

	// AddToShortlist puts a seeker on an offer's shortlist (again: no error);
	// RemoveFromShortlist takes them off; Shortlist lists the seekers on it.
	AddToShortlist(ctx context.Context, jobID, seekerID, by int64, at time.Time) error
	RemoveFromShortlist(ctx context.Context, jobID, seekerID int64) error
	Shortlist(ctx context.Context, jobID int64) ([]*Seeker, error)

	// CreateKiosk inserts k; FindKiosk returns the kiosk with this hash that is not revoked
	// (ENOTFOUND); RevokeKiosk revokes it.
	CreateKiosk(ctx context.Context, k *Kiosk) error
	FindKiosk(ctx context.Context, hash string) (*Kiosk, error)
	RevokeKiosk(ctx context.Context, id int64, at time.Time) error
}
