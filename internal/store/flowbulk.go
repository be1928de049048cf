package store

import (
	"context"

	"mobilite"
)

// flowRows is the number of records per INSERT of the bulk paths: 500 rows of 31 values stay
// under SQLite's 32,766 arguments (PostgreSQL takes 65,535).
const flowRows = 500

// CreateDepartures inserts many departures at once, in one transaction, with multi-row
// statements: the rows CreateDeparture would write for each, with the ids it would have given
// (set on the departures). It is for loading a register (benchmarks, a migration from another
// system), not for entry: it checks nothing. Nothing is written when one row fails.
func (db *DB) CreateDepartures(ctx context.Context, ds []*mobilite.Departure) error {
	if len(ds) == 0 {
		return nil
	}
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		ids, err := tx.reserveIDs(ctx, "departures", len(ds))
		if err != nil {
			return tx.fail("reserve departure ids", err)
		}
		for start := 0; start < len(ds); start += flowRows {
			part := ds[start:min(start+flowRows, len(ds))]
			args := make([]any, 0, len(part)*31)
			for i, d := range part {
				d.ID = ids[start+i]
				args = append(args, d.ID, d.Key, idOrNull(d.SeekerID), d.Sex, date(d.BirthDate), d.Nationality, d.Region,
					d.Prefecture, d.ISCEDLevel, d.Age, date(d.Date), d.Purpose, d.Destination, d.City, d.Employer, d.ISICSection,
					d.ISCO08, d.Channel, d.AgencyLicence, d.ContractVerified, d.OrientationAttended, d.ContractMonths,
					date(d.PlannedReturn), floatOrNull(d.WorkerCosts), floatOrNull(d.FirstMonthlyWage), d.Currency, d.Source,
					idOrNull(d.RecordedBy), idOrNull(d.OfficeID), ts(d.CreatedAt), ts(d.UpdatedAt))
			}
			if _, err := tx.execBatch(ctx, `INSERT INTO departures (id, person_key, seeker_id, sex, birth_date, nationality, region,
				prefecture, isced_level, age, date, purpose, destination, city, employer, isic_section, isco08, channel,
				agency_licence, contract_verified, orientation_attended, contract_months, planned_return, worker_costs,
				first_monthly_wage, currency, source, recorded_by, office_id, created_at, updated_at) VALUES `+rowMarks(len(part), 31),
				args...); err != nil {
				return tx.fail("create departures", err)
			}
		}
		return nil
	})
}

// CreateReturns inserts many returns at once, as CreateDepartures does departures; the ids
// CreateReturn would have given are set on the returns.
func (db *DB) CreateReturns(ctx context.Context, rs []*mobilite.Return) error {
	if len(rs) == 0 {
		return nil
	}
	return db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		ids, err := tx.reserveIDs(ctx, "returns", len(rs))
		if err != nil {
			return tx.fail("reserve return ids", err)
		}
		for start := 0; start < len(rs); start += flowRows {
			part := rs[start:min(start+flowRows, len(rs))]
			args := make([]any, 0, len(part)*25)
			for i, r := range part {
				r.ID = ids[start+i]
				args = append(args, r.ID, r.Key, idOrNull(r.SeekerID), idOrNull(r.DepartureID), r.Sex, date(r.BirthDate),
					r.Nationality, r.Region, r.Prefecture, r.ISCEDLevel, r.Age, date(r.Date), r.PreviousCountry, r.MonthsAbroad,
					r.ReturnType, r.ISCO08, r.Skills, r.Status3M, r.Status6M, r.Status12M, r.Source, idOrNull(r.RecordedBy),
					idOrNull(r.OfficeID), ts(r.CreatedAt), ts(r.UpdatedAt))
			}
			if _, err := tx.execBatch(ctx, `INSERT INTO returns (id, person_key, seeker_id, departure_id, sex, birth_date, nationality,
				region, prefecture, isced_level, age, date, previous_country, months_abroad, return_type, isco08, skills,
				status_3m, status_6m, status_12m, source, recorded_by, office_id, created_at, updated_at) VALUES `+rowMarks(len(part), 25),
				args...); err != nil {
				return tx.fail("create returns", err)
			}
		}
		return nil
	})
}

// reserveIDs returns the next n ids of a table with an identity key (departures, returns),
// those n single inserts would get: from the identity sequence on PostgreSQL; after the
// greatest id on SQLite, whose transactions hold the database's one write lock.
func (db *DB) reserveIDs(ctx context.Context, table string, n int) ([]int64, error) {
	if table != "departures" && table != "returns" { // the name reaches the SQL
		return nil, mobilite.Errorf(mobilite.EINTERNAL, "error.internal", "store: no bulk ids for %q", table)
	}
	if db.dialect.Name == "postgres" {
		rows, err := db.query(ctx, `SELECT nextval(pg_get_serial_sequence('`+table+`', 'id')) FROM generate_series(1, ?) ORDER BY 1`, n)
		if err != nil {
			return nil, err
		}
		return collect(rows, func(r interface{ Scan(...any) error }) (int64, error) {
			var id int64
			return id, r.Scan(&id)
		})
	}
	var last int64
	if err := db.queryRow(ctx, `SELECT coalesce(max(id), 0) FROM `+table).Scan(&last); err != nil {
		return nil, err
	}
	ids := make([]int64, 0, n)
	for k := range n {
		ids = append(ids, last+1+int64(k))
	}
	return ids, nil
}
