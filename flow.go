package mobilite

import (
	"context"
	"time"
)

// Departure channels.
const (
	ChannelPublicAgency  = "public_agency"  // the agency itself
	ChannelPrivateAgency = "private_agency" // a licensed private recruitment agency (licence number given)
	ChannelBilateral     = "bilateral"      // a bilateral or government-to-government programme
	ChannelIndividual    = "individual"     // the person found the job alone
)

// FlowChannels lists the departure channels.
var FlowChannels = []string{ChannelPublicAgency, ChannelPrivateAgency, ChannelBilateral, ChannelIndividual}

// Return types.
const (
	ReturnEndOfContract  = "end_of_contract"
	ReturnVoluntaryEarly = "voluntary_early"
	ReturnForced         = "forced" // expelled or deported
	ReturnAssisted       = "assisted"
)

// ReturnTypes lists the return types.
var ReturnTypes = []string{ReturnEndOfContract, ReturnVoluntaryEarly, ReturnForced, ReturnAssisted}

// Labour-market statuses of a returnee after 3, 6 and 12 months, for reintegration.
const (
	StatusEmployed     = "employed"
	StatusSelfEmployed = "self_employed"
	StatusUnemployed   = "unemployed"
	StatusOutside      = "outside" // outside the labour force
)

// LabourStatuses lists them; "" means not known (yet).
var LabourStatuses = []string{StatusEmployed, StatusSelfEmployed, StatusUnemployed, StatusOutside}

// Where a flow record came from.
const (
	FlowFromForm   = "form"   // a counsellor's form
	FlowFromUpload = "upload" // a CSV/XLSX file of a licensed agency or a partner
	FlowFromAPI    = "api"
	FlowFromCase   = "case" // an accompaniment case (written by the accompaniment module)
	FlowFromDemo   = "demo" // demonstration data
)

// FlowPerson is what a flow record keeps of the person: what the statistics disaggregate by,
// and the key that recognises the same person in other records. Names and identity numbers
// are used to make the key and are not kept.
type FlowPerson struct {
	Key         string // see flows.PersonKey
	SeekerID    int64  // the seeker record, when there is one
	Sex         string // F or M
	BirthDate   time.Time
	Nationality string // ISO 3166 alpha-3
	Region      string // of origin in Togo (ISO 3166-2)
	Prefecture  string
	ISCEDLevel  int // -1 when not known
	Age         int // at the event; -1 when the birth date is not known
}

// Departure is a departure abroad to work (or to study).
type Departure struct {
	ID int64
	FlowPerson
	Date                time.Time
	Purpose             string // work or study
	Destination         string // ISO 3166 alpha-3
	City                string
	Employer            string
	ISICSection         string // A…U
	ISCO08              string // occupation abroad
	Channel             string
	AgencyLicence       string
	ContractVerified    bool
	OrientationAttended bool
	ContractMonths      int
	PlannedReturn       time.Time // zero when none (circular migration sets it)
	WorkerCosts         *float64  // recruitment costs paid by the worker (SDG 10.7.1), in Currency
	FirstMonthlyWage    *float64
	Currency            string // ISO 4217
	Source              string
	RecordedBy          int64
	OfficeID            int64
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// Return is a return from abroad.
type Return struct {
	ID int64
	FlowPerson
	DepartureID     int64 // the departure it ends, when known
	Date            time.Time
	PreviousCountry string // ISO 3166 alpha-3
	MonthsAbroad    int
	ReturnType      string
	ISCO08          string // last occupation abroad
	Skills          string // skills or certificates acquired
	Status3M        string // labour-market status 3, 6 and 12 months after the return; "" unknown
	Status6M        string
	Status12M       string
	Source          string
	RecordedBy      int64
	OfficeID        int64
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// FlowFilter selects flow records for lists.
type FlowFilter struct {
	From, To time.Time // dates of the event, To excluded; zero: open
	SeekerID int64
	OfficeID int64
	// ThroughAgency keeps the departures through a private agency that name its licence.
	ThroughAgency bool
	Offset        int
	Limit         int
}

// FlowStore keeps the register of departures and returns.
type FlowStore interface {
	// CreateDeparture and CreateReturn insert a record and set its ID; UpdateReturn saves a
	// return's follow-up (status after 3/6/12 months). ENOTFOUND.
	CreateDeparture(ctx context.Context, d *Departure) error
	CreateReturn(ctx context.Context, r *Return) error
	UpdateReturn(ctx context.Context, r *Return) error
	FindDeparture(ctx context.Context, id int64) (*Departure, error)
	FindReturn(ctx context.Context, id int64) (*Return, error)
	// FindDepartures and FindReturns list records, newest first, with the total.
	FindDepartures(ctx context.Context, f FlowFilter) ([]*Departure, int, error)
	FindReturns(ctx context.Context, f FlowFilter) ([]*Return, int, error)
	// CountFlows runs an aggregation of the register for the indicators (see FlowQuery).
	CountFlows(ctx context.Context, q FlowQuery) ([]FlowCount, error)
	// CountFlowsBatch runs several aggregations at once: out[i] answers qs[i]. Counts of persons
	// over the same dataset and period share one reading of the records.
	CountFlowsBatch(ctx context.Context, qs []FlowQuery) ([][]FlowCount, error)
}

// FlowQuery is one aggregation of the register: the records of a dataset whose date falls in
// [From, To), kept when they pass the conditions, counted as persons (each person once, with
// the attributes of their first record in the period) or as events, grouped by up to two fields.
type FlowQuery struct {
	Dataset  string // departures, returns, departures_due (by planned return), seekers, offers
	From, To time.Time
	Persons  bool
	Where    []FlowCond
	GroupBy  []string // fields of the dataset, at most two
}

// FlowCond is a condition on a field: equal to one of Values, or (no values) true.
type FlowCond struct {
	Field  string
	Values []string
	Not    bool
}

// FlowCount is one group of a FlowQuery: the fields' values in GroupBy order, and the count.
type FlowCount struct {
	Keys  []string
	Count int
}
