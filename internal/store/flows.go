package store

import (
	"context"
	"database/sql"
	"slices"

	"mobilite"
)

const departureColumns = `id, person_key, seeker_id, sex, birth_date, nationality, region, prefecture, isced_level, age,
	date, purpose, destination, city, employer, isic_section, isco08, channel, agency_licence, contract_verified,
	orientation_attended, contract_months, planned_return, worker_costs, first_monthly_wage, currency, source,
	recorded_by, office_id, created_at, updated_at`

func scanDeparture(row interface{ Scan(...any) error }) (*mobilite.Departure, error) {
	d := &mobilite.Departure{}
	var costs, wage sql.NullFloat64
	err := row.Scan(&d.ID, &d.Key, id(&d.SeekerID), &d.Sex, tm(&d.BirthDate), &d.Nationality, &d.Region, &d.Prefecture,
		&d.ISCEDLevel, &d.Age, tm(&d.Date), &d.Purpose, &d.Destination, &d.City, &d.Employer, &d.ISICSection, &d.ISCO08,
		&d.Channel, &d.AgencyLicence, &d.ContractVerified, &d.OrientationAttended, &d.ContractMonths, tm(&d.PlannedReturn),
		&costs, &wage, &d.Currency, &d.Source, id(&d.RecordedBy), id(&d.OfficeID), tm(&d.CreatedAt), tm(&d.UpdatedAt))
	if costs.Valid {
		d.WorkerCosts = &costs.Float64
	}
	if wage.Valid {
		d.FirstMonthlyWage = &wage.Float64
	}
	return d, err
}

func floatOrNull(f *float64) any {
	if f == nil {
		return nil
	}
	return *f
}

// CreateDeparture inserts a departure.
func (db *DB) CreateDeparture(ctx context.Context, d *mobilite.Departure) error {
	var err error
	d.ID, err = db.insert(ctx, `INSERT INTO departures (person_key, seeker_id, sex, birth_date, nationality, region, prefecture,
		isced_level, age, date, purpose, destination, city, employer, isic_section, isco08, channel, agency_licence,
		contract_verified, orientation_attended, contract_months, planned_return, worker_costs, first_monthly_wage, currency,
		source, recorded_by, office_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		d.Key, idOrNull(d.SeekerID), d.Sex, date(d.BirthDate), d.Nationality, d.Region, d.Prefecture, d.ISCEDLevel, d.Age,
		date(d.Date), d.Purpose, d.Destination, d.City, d.Employer, d.ISICSection, d.ISCO08, d.Channel, d.AgencyLicence,
		d.ContractVerified, d.OrientationAttended, d.ContractMonths, date(d.PlannedReturn), floatOrNull(d.WorkerCosts),
		floatOrNull(d.FirstMonthlyWage), d.Currency, d.Source, idOrNull(d.RecordedBy), idOrNull(d.OfficeID),
		ts(d.CreatedAt), ts(d.UpdatedAt))
	return db.fail("create departure", err)
}

// FindDeparture returns a departure.
func (db *DB) FindDeparture(ctx context.Context, depID int64) (*mobilite.Departure, error) {
	d, err := scanDeparture(db.queryRow(ctx, `SELECT `+departureColumns+` FROM departures WHERE id = ?`, depID))
	if err != nil {
		return nil, db.fail("find departure", err)
	}
	return d, nil
}

// flowWhere is the filter of a list of flow records.
func flowWhere(f mobilite.FlowFilter) where {
	var w where
	if !f.From.IsZero() {
		w.add("date >= ?", date(f.From))
	}
	if !f.To.IsZero() {
		w.add("date < ?", date(f.To))
	}
	if f.SeekerID != 0 {
		w.add("seeker_id = ?", f.SeekerID)
	}
	if f.OfficeID != 0 {
		w.add("office_id = ?", f.OfficeID)
	}
	if f.ThroughAgency {
		w.add("channel = ? AND agency_licence <> ''", mobilite.ChannelPrivateAgency)
	}
	return w
}

// FindDepartures lists departures, newest first.
func (db *DB) FindDepartures(ctx context.Context, f mobilite.FlowFilter) ([]*mobilite.Departure, int, error) {
	w := flowWhere(f)
	var total int
	if err := db.queryRow(ctx, `SELECT count(*) FROM departures`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, db.fail("count departures", err)
	}
	offset, limit := page(f.Offset, f.Limit, 500)
	rows, err := db.query(ctx, `SELECT `+departureColumns+` FROM departures`+w.String()+` ORDER BY date DESC, id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, db.fail("find departures", err)
	}
	out, err := collect(rows, scanDeparture)
	return out, total, db.fail("find departures", err)
}

const returnColumns = `id, person_key, seeker_id, departure_id, sex, birth_date, nationality, region, prefecture, isced_level,
	age, date, previous_country, months_abroad, return_type, isco08, skills, status_3m, status_6m, status_12m, source,
	recorded_by, office_id, created_at, updated_at`

func scanReturn(row interface{ Scan(...any) error }) (*mobilite.Return, error) {
	r := &mobilite.Return{}
	err := row.Scan(&r.ID, &r.Key, id(&r.SeekerID), id(&r.DepartureID), &r.Sex, tm(&r.BirthDate), &r.Nationality, &r.Region,
		&r.Prefecture, &r.ISCEDLevel, &r.Age, tm(&r.Date), &r.PreviousCountry, &r.MonthsAbroad, &r.ReturnType, &r.ISCO08,
		&r.Skills, &r.Status3M, &r.Status6M, &r.Status12M, &r.Source, id(&r.RecordedBy), id(&r.OfficeID), tm(&r.CreatedAt),
		tm(&r.UpdatedAt))
	return r, err
}

// CreateReturn inserts a return.
func (db *DB) CreateReturn(ctx context.Context, r *mobilite.Return) error {
	var err error
	r.ID, err = db.insert(ctx, `INSERT INTO returns (person_key, seeker_id, departure_id, sex, birth_date, nationality, region,
		prefecture, isced_level, age, date, previous_country, months_abroad, return_type, isco08, skills, status_3m, status_6m,
		status_12m, source, recorded_by, office_id, created_at, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		r.Key, idOrNull(r.SeekerID), idOrNull(r.DepartureID), r.Sex, date(r.BirthDate), r.Nationality, r.Region, r.Prefecture,
		r.ISCEDLevel, r.Age, date(r.Date), r.PreviousCountry, r.MonthsAbroad, r.ReturnType, r.ISCO08, r.Skills, r.Status3M,
		r.Status6M, r.Status12M, r.Source, idOrNull(r.RecordedBy), idOrNull(r.OfficeID), ts(r.CreatedAt), ts(r.UpdatedAt))
	return db.fail("create return", err)
}

// UpdateReturn saves the follow-up of a return.
func (db *DB) UpdateReturn(ctx context.Context, r *mobilite.Return) error {
	res, err := db.exec(ctx, `UPDATE returns SET status_3m = ?, status_6m = ?, status_12m = ?, skills = ?, updated_at = ? WHERE id = ?`,
		r.Status3M, r.Status6M, r.Status12M, r.Skills, ts(r.UpdatedAt), r.ID)
	return db.affected("update return", res, err)
}

// FindReturn returns a return.
func (db *DB) FindReturn(ctx context.Context, retID int64) (*mobilite.Return, error) {
	r, err := scanReturn(db.queryRow(ctx, `SELECT `+returnColumns+` FROM returns WHERE id = ?`, retID))
	if err != nil {
		return nil, db.fail("find return", err)
	}
	return r, nil
}

// FindReturns lists returns, newest first.
func (db *DB) FindReturns(ctx context.Context, f mobilite.FlowFilter) ([]*mobilite.Return, int, error) {
	w := flowWhere(f)
	var total int
	if err := db.queryRow(ctx, `SELECT count(*) FROM returns`+w.String(), w.args...).Scan(&total); err != nil {
		return nil, 0, db.fail("count returns", err)
	}
	offset, limit := page(f.Offset, f.Limit, 500)
	rows, err := db.query(ctx, `SELECT `+returnColumns+` FROM returns`+w.String()+` ORDER BY date DESC, id DESC LIMIT ? OFFSET ?`,
		append(w.args, limit, offset)...)
	if err != nil {
		return nil, 0, db.fail("find returns", err)
	}
	out, err := collect(rows, scanReturn)
	return out, total, db.fail("find returns", err)
}

// flowDataset describes a dataset the indicators aggregate: its table, the date that puts a
// record in a period, how a record names its person, and the fields that may be filtered and
// grouped (each an SQL expression over the table, aliased t).
type flowDataset struct {
	from    string
	date    string // the column that puts a record in a period
	stamp   bool   // date is a time stamp, not a day
	person  string // "" when each row is a person or when persons do not apply
	order   string // the order that picks a person's first record
	extra   string // a condition every row must meet
	fields  map[string]string
	boolean map[string]bool // fields that are conditions (filtered with no value)
}

var flowDatasets = map[string]flowDataset{
	"departures": {
		from: "departures t", date: "t.date", person: "t.person_key", order: "t.date, t.id",
		fields: map[string]string{
			"sex": "t.sex", "age": "t.age", "destination": "t.destination", "isco": "substr(t.isco08, 1, 1)",
			"isco2": "substr(t.isco08, 1, 2)", "isic": "t.isic_section", "isced": "t.isced_level", "region": "t.region",
			"channel": "t.channel", "purpose": "t.purpose", "contract_verified": "t.contract_verified",
			"orientation_attended": "t.orientation_attended",
		},
		boolean: map[string]bool{"contract_verified": true, "orientation_attended": true},
	},
	// departures_due: the departures whose planned return falls in the period (circular migration).
	"departures_due": {
		from: "departures t", date: "t.planned_return", person: "t.person_key", order: "t.planned_return, t.id",
		extra: "t.planned_return IS NOT NULL",
		fields: map[string]string{
			"sex": "t.sex", "age": "t.age", "destination": "t.destination", "channel": "t.channel", "region": "t.region",
			"returned_on_time": "(EXISTS (SELECT 1 FROM returns r WHERE r.person_key = t.person_key AND r.date >= t.date AND r.date <= t.planned_return))",
		},
		boolean: map[string]bool{"returned_on_time": true},
	},
	"returns": {
		from: "returns t", date: "t.date", person: "t.person_key", order: "t.date, t.id",
		fields: map[string]string{
			"sex": "t.sex", "age": "t.age", "previous_country": "t.previous_country", "return_type": "t.return_type",
			"isco": "substr(t.isco08, 1, 1)", "region": "t.region", "isced": "t.isced_level", "months_abroad": "t.months_abroad",
			"status_12m":       "t.status_12m",
			"status_12m_known": "(t.status_12m <> '')",
			"in_work_12m":      "(t.status_12m IN ('employed', 'self_employed'))",
		},
		boolean: map[string]bool{"status_12m_known": true, "in_work_12m": true},
	},
	// seekers: the register of job seekers as it stood at the end of the period (a stock; each
	// row is a person; anonymised records still count).
	"seekers": {
		from: "seekers t", date: "t.created_at", extra: "t.status IN ('active', 'deleted')",
		fields: map[string]string{
			"sex": "t.sex", "birth_year": "substr(CAST(t.birth_date AS TEXT), 1, 4)", "region": "t.region",
			"isced": "t.isced_level", "intent": "t.migration_intent", "accompaniment": "t.wants_accompaniment",
		},
		boolean: map[string]bool{"accompaniment": true},
	},
	// complaints: the complaints of abusive recruitment received in the period.
	"complaints": {
		from: "complaints t", date: "t.received_at", stamp: true,
		fields: map[string]string{
			"category": "t.category", "sex": "t.sex", "destination": "t.destination", "status": "t.status",
			"resolved": "(t.status = 'resolved')", "closed": "(t.closed_at IS NOT NULL)",
		},
		boolean: map[string]bool{"resolved": true, "closed": true},
	},
	// licences: the licences of private recruitment agencies valid on the last day of the period
	// (a stock; see periodWhere).
	"licences": {
		from: "agencies t", date: "t.granted_on",
		fields: map[string]string{"region": "t.region"},
	},
	// licence_events: the suspensions and revocations of licences dated in the period.
	"licence_events": {
		from: "licence_events t JOIN agencies a ON a.id = t.agency_id", date: "t.date",
		extra:  "t.kind IN ('suspended', 'revoked')",
		fields: map[string]string{"kind": "t.kind", "region": "a.region"},
	},
	// offers: the offers open at any time in the period.
	"offers": {
		from: "jobs t JOIN organizations o ON o.id = t.organization_id", date: "t.published_at",
		extra: "t.status IN ('open', 'closed')",
		fields: map[string]string{
			"destination": "t.country", "isco": "substr(t.isco08, 1, 1)", "org_type": "o.type", "contract": "t.contract",
		},
	},
}

// FlowDatasets lists the datasets the indicators count, each with the fields a query may use,
// sorted.
func FlowDatasets() map[string][]string {
	out := map[string][]string{}
	for name, ds := range flowDatasets {
		for f := range ds.fields {
			out[name] = append(out[name], f)
		}
		slices.Sort(out[name])
	}
	return out
}
