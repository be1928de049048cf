package mobilite

import (
	"context"
	"time"
)

// SurveyForm is a questionnaire imported from an XLSForm, with the statistician's mapping of
// its questions to the roles the survey indicators need.
type SurveyForm struct {
	ID          int64
	Key         string // the form_id of the XLSForm's settings sheet: one form per key
	Title       string
	Version     string
	Definition  string // the parsed questionnaire, as JSON (package survey reads it)
	Roles       SurveyRoles
	CreatedBy   int64
	CreatedAt   time.Time
	UpdatedAt   time.Time
	Submissions int // filled by FindSurveyForms and FindSurveyFormByID
}

// Labour-force statuses of a survey record (ICLS).
const (
	LFEmployed   = "employed"
	LFUnemployed = "unemployed"
	LFOutside    = "outside" // outside the labour force
)

// SurveyRoles says which question of a form (by its path, "grp/question") gives each variable
// of the survey indicators. An empty path means the form does not have it.
type SurveyRoles struct {
	Sex       string            `json:"sex,omitempty"`
	SexValues map[string]string `json:"sex_values,omitempty"` // choice value → M, F or O; empty: guessed from common values
	Age       string            `json:"age,omitempty"`
	BirthDate string            `json:"birth_date,omitempty"` // used when Age is not set

	BirthCountry string `json:"birth_country,omitempty"`
	Citizenship  string `json:"citizenship,omitempty"`
	Home         string `json:"home,omitempty"` // the value meaning "this country" for the two above; "" is TGO

	// LFStatus is one question whose choice values LFValues maps to employed, unemployed or
	// outside. When it is not set, the status is derived the ICLS way from Worked (worked for
	// pay or profit last week), Absent (temporarily absent from a job), Looked (looked for work
	// in the last 4 weeks) and Available (available to start), each answered yes or no.
	LFStatus  string            `json:"lf_status,omitempty"`
	LFValues  map[string]string `json:"lf_values,omitempty"`
	Worked    string            `json:"worked,omitempty"`
	Absent    string            `json:"absent,omitempty"`
	Looked    string            `json:"looked,omitempty"`
	Available string            `json:"available,omitempty"`

	Weight           string `json:"weight,omitempty"`
	WorkedAbroad     string `json:"worked_abroad,omitempty"`
	LastCountry      string `json:"last_country,omitempty"`
	YearsSinceReturn string `json:"years_since_return,omitempty"`
	ReturnDate       string `json:"return_date,omitempty"` // used when YearsSinceReturn is not set
	Costs            string `json:"costs,omitempty"`
	Earnings         string `json:"earnings,omitempty"`
}

// SurveyRecord is the typed variables of one submission, extracted from its answers through the
// form's roles: what the weighted survey indicators (LM-S01, S02, S03, S06, O01) are computed
// from. A nil field is unknown.
type SurveyRecord struct {
	SubmissionID     int64
	SubmittedAt      time.Time
	Sex              string // M, F, O or ""
	Age              *int
	BornAbroad       *bool
	ForeignCitizen   *bool
	LFStatus         string // LFEmployed, LFUnemployed, LFOutside or ""
	Weight           *float64
	WorkedAbroad     *bool
	LastCountry      string
	YearsSinceReturn *float64
	Costs            *float64
	Earnings         *float64
}

// SurveySubmission is one filled questionnaire: its answers and the variables extracted from them.
type SurveySubmission struct {
	ID          int64
	FormID      int64
	UUID        string // the collector's instance id (_uuid); unique within a form
	SubmittedAt time.Time
	UploadedBy  int64
	CreatedAt   time.Time
	Answers     []byte // compact JSON object: question path → value as written
	Record      SurveyRecord
}

// SurveyUpload is a file of submissions kept, validated, until its user confirms the load. The
// store keeps the file in chunks, so that neither engine's driver handles it in one piece and
// the load can read it as a stream.
type SurveyUpload struct {
	ID        int64
	FormID    int64
	UserID    int64
	Name      string
	Kind      string // csv, csv-windows-1252 or xlsx
	Size      int64
	Data      []byte // written by CreateSurveyUpload; not filled by FindSurveyUpload (read the chunks)
	Valid     int    // rows that passed the checks
	Loaded    int    // valid rows written so far by a confirmed load (it runs in batches)
	CreatedAt time.Time
}

// SurveyChunkSize is the size of the chunks a kept upload is stored in.
const SurveyChunkSize = 1 << 20

// SurveyStore keeps questionnaires, their submissions and the uploads waiting for confirmation.
type SurveyStore interface {
	// CreateSurveyForm inserts f and sets its ID. ECONFLICT when a form has the same key.
	CreateSurveyForm(ctx context.Context, f *SurveyForm) error
	// UpdateSurveyForm saves the title, version, definition and roles of f. ENOTFOUND.
	UpdateSurveyForm(ctx context.Context, f *SurveyForm) error
	// FindSurveyForms lists the forms by title with their number of submissions.
	FindSurveyForms(ctx context.Context) ([]*SurveyForm, error)
	// FindSurveyFormByID and FindSurveyFormByKey return one form. ENOTFOUND.
	FindSurveyFormByID(ctx context.Context, id int64) (*SurveyForm, error)
	FindSurveyFormByKey(ctx context.Context, key string) (*SurveyForm, error)

	// CreateSurveyUpload keeps a validated file, in chunks of SurveyChunkSize; FindSurveyUpload
	// returns it without its content (ENOTFOUND); FindSurveyUploadChunk returns chunk seq (from
	// 0) of its content (ENOTFOUND past the end); DeleteSurveyUpload removes it.
	CreateSurveyUpload(ctx context.Context, u *SurveyUpload) error
	FindSurveyUpload(ctx context.Context, id int64) (*SurveyUpload, error)
	FindSurveyUploadChunk(ctx context.Context, id int64, seq int) ([]byte, error)
	// FindSurveyUploads lists the kept uploads of a form, oldest first, without their content.
	FindSurveyUploads(ctx context.Context, formID int64) ([]*SurveyUpload, error)
	// SetSurveyUploadLoaded records how many valid rows of an upload a load has written. ENOTFOUND.
	SetSurveyUploadLoaded(ctx context.Context, id int64, loaded int) error
	DeleteSurveyUpload(ctx context.Context, id int64) error
	// DeleteSurveyUploadsBefore removes the files kept since before a time (never confirmed, or
	// whose load stopped) and returns how many.
	DeleteSurveyUploadsBefore(ctx context.Context, before time.Time) (int, error)

	// InsertSurveySubmissions writes a batch of submissions of a form with their extracted
	// variables. A submission whose UUID the form already has is left as it was (first load
	// wins); the count of rows actually inserted is returned. IDs are not set.
	InsertSurveySubmissions(ctx context.Context, batch []*SurveySubmission) (int, error)
	// FindSurveySubmissions returns up to limit submissions of a form with an id above afterID,
	// in id order, with their answers.
	FindSurveySubmissions(ctx context.Context, formID, afterID int64, limit int) ([]*SurveySubmission, error)
	// UpdateSurveyRecords rewrites the extracted variables of submissions (by Record.SubmissionID).
	UpdateSurveyRecords(ctx context.Context, records []*SurveyRecord) error
	// FindSurveyRecords returns the typed variables of a form's submissions made in [from, to)
	// (a zero bound is open), in submission order.
	FindSurveyRecords(ctx context.Context, formID int64, from, to time.Time) ([]*SurveyRecord, error)
}
