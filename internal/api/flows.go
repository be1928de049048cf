package api

import (
	"net/http"
	"strconv"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/flows"
)

// personBody is the person of a flow record sent without a seeker record.
type personBody struct {
	GivenName   string `json:"given_name"`
	FamilyName  string `json:"family_name"`
	Sex         string `json:"sex"`
	BirthDate   string `json:"birth_date"`
	Nationality string `json:"nationality"`
	Region      string `json:"region"`
	Prefecture  string `json:"prefecture"`
	ISCEDLevel  *int   `json:"isced_level"`
	NationalID  string `json:"national_id"`
}

func (p personBody) input() flows.PersonInput {
	return flows.PersonInput{GivenName: p.GivenName, FamilyName: p.FamilyName, Sex: p.Sex, BirthDate: p.BirthDate,
		Nationality: p.Nationality, Region: p.Region, Prefecture: p.Prefecture, ISCEDLevel: p.ISCEDLevel, NationalID: p.NationalID}
}

// departureBody is the body of POST /api/v1/flows/departures.
type departureBody struct {
	SeekerID            int64      `json:"seeker_id"`
	Person              personBody `json:"person"`
	Date                string     `json:"date"`
	Purpose             string     `json:"purpose"`
	Destination         string     `json:"destination"`
	City                string     `json:"city"`
	Employer            string     `json:"employer"`
	ISICSection         string     `json:"isic_section"`
	ISCO08              string     `json:"isco08"`
	Channel             string     `json:"channel"`
	AgencyLicence       string     `json:"agency_licence"`
	ContractVerified    bool       `json:"contract_verified"`
	OrientationAttended bool       `json:"orientation_attended"`
	ContractMonths      int        `json:"contract_months"`
	PlannedReturn       string     `json:"planned_return"`
	WorkerCosts         *float64   `json:"worker_costs"`
	FirstMonthlyWage    *float64   `json:"first_monthly_wage"`
	Currency            string     `json:"currency"`
}

// returnBody is the body of POST /api/v1/flows/returns.
type returnBody struct {
	SeekerID        int64      `json:"seeker_id"`
	Person          personBody `json:"person"`
	DepartureID     int64      `json:"departure_id"`
	Date            string     `json:"date"`
	PreviousCountry string     `json:"previous_country"`
	MonthsAbroad    int        `json:"months_abroad"`
	ReturnType      string     `json:"return_type"`
	ISCO08          string     `json:"isco08"`
	Skills          string     `json:"skills"`
	Status3M        string     `json:"status_3m"`
	Status6M        string     `json:"status_6m"`
	Status12M       string     `json:"status_12m"`
}

// flowAnswer is what the API shows of a saved record: its id and what it counts as. The person
// appears only as the statistics keep it.
type flowAnswer struct {
	ID          int64  `json:"id"`
	Kind        string `json:"kind"`
	Date        string `json:"date"`
	Country     string `json:"country"`
	SeekerID    int64  `json:"seeker_id,omitempty"`
	Sex         string `json:"sex"`
	Age         *int   `json:"age"`
	Region      string `json:"region,omitempty"`
	Channel     string `json:"channel,omitempty"`
	ReturnType  string `json:"return_type,omitempty"`
	DepartureID int64  `json:"departure_id,omitempty"`
	// Warnings are facts for the labour inspection about a record saved all the same.
	Warnings []flowWarning `json:"warnings,omitempty"`
}

// flowWarning is a warning about one field of a saved record: a code of the catalogue.
type flowWarning struct {
	Field string `json:"field"`
	Code  string `json:"code"`
}

func ageOf(a int) *int {
	if a < 0 {
		return nil
	}
	return &a
}

// createDeparture records a departure: 201, or 400 with the field in error.
func (a *API) createDeparture(w http.ResponseWriter, r *http.Request) {
	var b departureBody
	if !a.decode(w, r, &b) {
		return
	}
	d, err := a.flows.RecordDeparture(r.Context(), access.User(r.Context()), mobilite.FlowFromAPI, flows.DepartureInput{
		SeekerID: b.SeekerID, Person: b.Person.input(), Date: b.Date, Purpose: b.Purpose, Destination: b.Destination,
		City: b.City, Employer: b.Employer, ISICSection: b.ISICSection, ISCO08: b.ISCO08, Channel: b.Channel,
		AgencyLicence: b.AgencyLicence, ContractVerified: b.ContractVerified, OrientationAttended: b.OrientationAttended,
		ContractMonths: b.ContractMonths, PlannedReturn: b.PlannedReturn, WorkerCosts: b.WorkerCosts,
		FirstMonthlyWage: b.FirstMonthlyWage, Currency: b.Currency})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	answer := flowAnswer{ID: d.ID, Kind: "departure", Date: d.Date.Format("2006-01-02"), Country: d.Destination,
		SeekerID: d.SeekerID, Sex: d.Sex, Age: ageOf(d.Age), Region: d.Region, Channel: d.Channel}
	if code, err := a.flows.LicenceWarning(r.Context(), d); err == nil && code != "" {
		answer.Warnings = []flowWarning{{Field: "agency_licence", Code: code}}
	}
	w.Header().Set("Location", "/api/v1/flows/departures/"+strconv.FormatInt(d.ID, 10))
	writeJSON(w, http.StatusCreated, answer)
}

// createReturn records a return: 201, or 400 with the field in error.
func (a *API) createReturn(w http.ResponseWriter, r *http.Request) {
	var b returnBody
	if !a.decode(w, r, &b) {
		return
	}
	ret, err := a.flows.RecordReturn(r.Context(), access.User(r.Context()), mobilite.FlowFromAPI, flows.ReturnInput{
		SeekerID: b.SeekerID, Person: b.Person.input(), DepartureID: b.DepartureID, Date: b.Date, PreviousCountry: b.PreviousCountry,
		MonthsAbroad: b.MonthsAbroad, ReturnType: b.ReturnType, ISCO08: b.ISCO08, Skills: b.Skills, Status3M: b.Status3M,
		Status6M: b.Status6M, Status12M: b.Status12M})
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Location", "/api/v1/flows/returns/"+strconv.FormatInt(ret.ID, 10))
	writeJSON(w, http.StatusCreated, flowAnswer{ID: ret.ID, Kind: "return", Date: ret.Date.Format("2006-01-02"), Country: ret.PreviousCountry,
		SeekerID: ret.SeekerID, Sex: ret.Sex, Age: ageOf(ret.Age), Region: ret.Region, ReturnType: ret.ReturnType, DepartureID: ret.DepartureID})
}
