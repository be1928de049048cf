package mobilite

import (
	"context"
	"time"
)

// Source kinds that are not fetched: offers typed or uploaded on the platform.
const (
	SourceForm = "form" // a partner's form or the push API
	SourceFile = "file" // a CSV or XLSX upload by staff
)

// Source is a place offers come from: a feed, an API, an upload. It keeps its health.
type Source struct {
	ID              int64
	Name            string
	Kind            string // ingest kinds (rss, atom, reliefweb, jsonld, hropen, csv, xlsx), form or file
	URL             string
	OrgID           int64  // the organisation whose offers these are, 0 when the items say it
	DefaultCountry  string // alpha-3, for items that do not say
	DefaultLanguage string
	IntervalMinutes int
	Enabled         bool
	Trusted         bool // its flagged offers are published (with a notice) instead of held
	ETag            string
	LastModified    string
	LastRunAt       time.Time
	LastSuccessAt   time.Time
	LastError       string // plain words, "" after a success
	ItemsSeen       int    // of the last successful run
	ItemsNew        int
	ItemsUpdated    int
	ItemsClosed     int
	Failures        int // consecutive failed runs, for the back-off
	NextRunAt       time.Time
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// IngestJob is one normalised offer of a batch, with where it was seen.
type IngestJob struct {
	Job         *Job
	OrgKey      string // the organisation's folded name or acronym
	OrgShort    string
	ExternalID  string // the source's identifier (never empty: the URL or a hash when the source has none)
	URL         string
	ContentHash string // of the item as fetched: an unchanged item is not rewritten
}

// IngestResult counts what a batch did.
type IngestResult struct {
	Seen, New, Updated, Merged, Unchanged int
	Skipped                               int     // items that could not become an offer (no title…)
	NewIDs                                []int64 // offers created and open, for live updates and alerts
}

// JobQuery selects offers. Zero fields select everything.
type JobQuery struct {
	Text           string
	Countries      []string // alpha-3; any of them
	OrgID          int64
	ISCO           string // code prefix: "2" (major group), "25", "2512"
	Contract       string
	Language       string
	DeadlineWithin int       // days from Now; 0 = any
	Since          time.Time // published since
	Status         string    // open (default), closed, held, all (open and closed), any (every status)
	PartnerID      int64     // only the offers of this partner
	Sort           string    // relevance (default when Text), newest (default otherwise), closing
	AfterID        int64     // only offers with a greater id (live updates)
	Now            time.Time
	Offset, Limit  int
	Facets         bool
}

// FacetCount is one value of a facet with its number of offers.
type FacetCount struct {
	Value string
	Count int
}

// JobFacets are the counts of the offers matching a query, by dimension.
type JobFacets struct {
	Countries []FacetCount // by alpha-3
	Orgs      []FacetCount // by organisation id (as text), the 20 largest
	ISCOMajor []FacetCount
	Contracts []FacetCount
	Languages []FacetCount
	Deadline  []FacetCount // "7", "30" days, "none"
}

// JobResults is a page of offers with the total and the facets.
type JobResults struct {
	Items  []*Job
	Total  int
	Facets *JobFacets
}

// JobReport is a report of an offer by anyone: a suspected scam, an error, a closed offer.
type JobReport struct {
	ID         int64
	JobID      int64
	JobTitle   string // filled by FindJobReports
	Reason     string
	Comment    string
	ReporterID int64
	IP         string
	Status     string // open, dismissed, actioned
	HandledBy  int64
	HandledAt  time.Time
	CreatedAt  time.Time
}

// SavedSearch is a search a user follows by e-mail.
type SavedSearch struct {
	ID          int64
	UserID      int64
	Query       string // the search's URL query (q=…&country=…)
	Label       string
	Frequency   string // instant or daily
	Unsubscribe string // the token of the unsubscribe link: it can only stop this alert
	LastJobID   int64  // the newest offer already sent
	LastSentAt  time.Time
	CreatedAt   time.Time
}

// Upload is a file of offers sent by staff, kept until they confirm its import.
type Upload struct {
	ID        int64
	UserID    int64
	Name      string
	Kind      string // csv or xlsx
	Data      []byte
	CreatedAt time.Time
}

// JobStore keeps offers, their organisations and sources, reports and saved searches.
type JobStore interface {
	// EnsureOrganization returns the organisation with this key, creating it if needed.
	EnsureOrganization(ctx context.Context, o *Organization, key string) error
	// FindOrganizations lists the organisations by name.
	FindOrganizations(ctx context.Context) ([]*Organization, error)
	// UpdateOrganization saves o (type, trust). ENOTFOUND.
	UpdateOrganization(ctx context.Context, o *Organization) error

	// IngestJobs writes a batch of offers from a source in one transaction: an item seen before
	// updates its offer (unless a counsellor corrected the occupation, which is kept); a new item
	// whose fingerprint matches an open offer is merged into it as one more source; else a new
	// offer is created.
	IngestJobs(ctx context.Context, sourceID int64, batch []IngestJob, now time.Time) (IngestResult, error)
	// CloseMissing marks gone the items of a source not seen since a time, and closes the offers
	// that no source lists any more. It returns how many offers closed.
	CloseMissing(ctx context.Context, sourceID int64, notSeenSince, now time.Time) (int, error)
	// CloseExpired closes the open offers whose deadline passed.
	CloseExpired(ctx context.Context, now time.Time) (int, error)

	// CreateJob inserts an offer typed on the platform (form, API, upload) and sets its ID.
	// ECONFLICT when the partner already has an offer with that external id.
	CreateJob(ctx context.Context, j *Job) error
	// UpdateJob saves every field of j and its place in the search index. ENOTFOUND.
	UpdateJob(ctx context.Context, j *Job) error
	// FindJobByID returns an offer with its sources. ENOTFOUND.
	FindJobByID(ctx context.Context, id int64) (*Job, error)
	// FindJobSources returns the sources of some offers (a page of a search), by offer id, each
	// offer's in the order it was first seen; an offer typed on the platform has none.
	FindJobSources(ctx context.Context, ids []int64) (map[int64][]JobSource, error)
	// FindPartnerJob returns the offer a partner published under an external id. ENOTFOUND.
	FindPartnerJob(ctx context.Context, partnerID int64, externalID string) (*Job, error)
	// SearchJobs returns a page of offers matching q, with the total and, if asked, the facets.
	SearchJobs(ctx context.Context, q JobQuery) (*JobResults, error)
	// FindJobChanges lists offers changed after since (created, updated or closed), oldest first.
	FindJobChanges(ctx context.Context, since time.Time, limit int) ([]*Job, error)
	// CountJobs counts offers by status.
	CountJobs(ctx context.Context) (map[string]int, error)
	// MaxJobID returns the greatest offer id (0 when none), for live updates.
	MaxJobID(ctx context.Context) (int64, error)

	// CreateSource inserts s. FindSources lists them; FindSourceByID returns one (ENOTFOUND).
	CreateSource(ctx context.Context, s *Source) error
	FindSources(ctx context.Context) ([]*Source, error)
	FindSourceByID(ctx context.Context, id int64) (*Source, error)
	// UpdateSource saves the configuration and the health of s. ENOTFOUND.
	UpdateSource(ctx context.Context, s *Source) error
	// ClaimDueSources returns up to limit enabled, fetched sources due at now, and moves their next
	// run to lease so that another process does not run them at the same time.
	ClaimDueSources(ctx context.Context, now, lease time.Time, limit int) ([]*Source, error)

	// CreateJobReport inserts r. FindJobReports lists reports by status, newest first, with the total.
	CreateJobReport(ctx context.Context, r *JobReport) error
	FindJobReports(ctx context.Context, status string, offset, limit int) ([]*JobReport, int, error)
	// FindJobReportByID returns one report. ENOTFOUND.
	FindJobReportByID(ctx context.Context, id int64) (*JobReport, error)
	// UpdateJobReport saves the handling of a report. ENOTFOUND.
	UpdateJobReport(ctx context.Context, r *JobReport) error

	// CreateUpload keeps an uploaded file until its import is confirmed; FindUpload returns it
	// (ENOTFOUND); DeleteUpload removes it.
	CreateUpload(ctx context.Context, u *Upload) error
	FindUpload(ctx context.Context, id int64) (*Upload, error)
	DeleteUpload(ctx context.Context, id int64) error

	// CreateSavedSearch inserts s; FindSavedSearches lists a user's; DeleteSavedSearch removes one
	// of a user's (ENOTFOUND); DeleteSavedSearchByToken removes the one whose unsubscribe token is
	// given (ENOTFOUND).
	CreateSavedSearch(ctx context.Context, s *SavedSearch) error
	FindSavedSearches(ctx context.Context, userID int64) ([]*SavedSearch, error)
	DeleteSavedSearch(ctx context.Context, userID, id int64) error
	DeleteSavedSearchByToken(ctx context.Context, hash string) (*SavedSearch, error)
	// FindDueSavedSearches lists the saved searches of a frequency last sent before a time.
	FindDueSavedSearches(ctx context.Context, frequency string, sentBefore time.Time, limit int) ([]*SavedSearch, error)
	// MarkSavedSearchSent records what was sent.
	MarkSavedSearchSent(ctx context.Context, id, lastJobID int64, at time.Time) error
}
