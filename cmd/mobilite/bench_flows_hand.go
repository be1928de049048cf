package main

import (
	"strings"

	"mobilite/internal/indicators"
	"mobilite/internal/ref"
	"mobilite/internal/store"
)

// handSpec is an indicator of source A written by hand: its table, the date that puts a record
// in the period, the condition of its denominator (or of its only measure) and the further
// condition of its numerator ("" when the indicator is not a rate).
type handSpec struct {
	dataset string // departures, returns, offers, seekers
	date    string
	base    string
	num     string
}

// handQueries are the bounds of `bench flows`: for each indicator and disaggregation, one
// GROUP BY query a developer would write by hand for the same table, with the same rule for
// persons (each person counted once, in the group of their first record of the period: the
// first by date, then id, among the records that meet the condition). A rate is one query that
// counts its numerator and its denominator in one pass (two row numbers), where Compute runs
// two CountFlows.
type handQueries struct {
	specs  map[string]handSpec
	fields map[string]map[string]string // dataset → dimension → column
}

func newHandQueries(refs *ref.Ref) *handQueries {
	var ecowas []string
	for _, c := range refs.Countries() {
		if c.ECOWAS {
			ecowas = append(ecowas, "'"+c.Alpha3+"'") // ISO codes from the reference data
		}
	}
	work := "t.purpose = 'work'"
	return &handQueries{
		specs: map[string]handSpec{
			"LM-F01": {dataset: "departures", date: "t.date", base: work},
			"LM-F02": {dataset: "departures", date: "t.date", base: work, num: "t.sex = 'F'"},
			"LM-F03": {dataset: "departures", date: "t.date", base: work, num: "t.contract_verified"},
			"LM-F04": {dataset: "departures", date: "t.date", base: work, num: "t.destination IN (" + strings.Join(ecowas, ", ") + ")"},
			"LM-F05": {dataset: "departures", date: "t.date", base: work, num: "t.orientation_attended"},
			"LM-F06": {dataset: "returns", date: "t.date"},
			"LM-F07": {dataset: "returns", date: "t.date", num: "t.status_12m IN ('employed', 'self_employed')"},
			"LM-F08": {dataset: "departures", date: "t.planned_return", base: "t.planned_return IS NOT NULL",
				num: "EXISTS (SELECT 1 FROM returns r WHERE r.person_key = t.person_key AND r.date >= t.date AND r.date <= t.planned_return)"},
			"LM-J01": {dataset: "offers"},
			"LM-J02": {dataset: "seekers", base: "t.migration_intent = 'work'"},
		},
		fields: map[string]map[string]string{
			"departures": {"sex": "t.sex", "age": "t.age", "destination": "t.destination", "isco": "substr(t.isco08, 1, 1)",
				"isic": "t.isic_section", "isced": "t.isced_level", "region": "t.region", "channel": "t.channel"},
			"returns": {"sex": "t.sex", "age": "t.age", "previous_country": "t.previous_country", "years_abroad": "t.months_abroad",
				"return_type": "t.return_type", "isco": "substr(t.isco08, 1, 1)", "region": "t.region"},
			"seekers": {"sex": "t.sex", "age": "substr(CAST(t.birth_date AS TEXT), 1, 4)", "region": "t.region", "isced": "t.isced_level"},
			"offers":  {"destination": "t.country", "isco": "substr(t.isco08, 1, 1)", "org_type": "o.type"},
		},
	}
}

// query returns the hand-written query of an indicator by one dimension for a period, with its
// arguments; its columns are the group, the numerator and, for a rate, the denominator. ok is
// false for the indicators that have no data to count (LM-P01, LM-P02).
func (h *handQueries) query(db *store.DB, id, dim string, p indicators.Period) (q string, args []any, ok bool) {
	s, ok := h.specs[id]
	if !ok {
		return "", nil, false
	}
	g := h.fields[s.dataset][dim]
	from, to := p.From.Format("2006-01-02"), p.To.Format("2006-01-02")
	const stamp = "2006-01-02T15:04:05.000000Z"
	switch s.dataset {
	case "offers": // open at any time in the period
		q = `SELECT ` + g + ` AS g, count(*) FROM jobs t JOIN organizations o ON o.id = t.organization_id
			WHERE t.published_at < ? AND (t.closed_at IS NULL OR t.closed_at >= ?) AND t.status IN ('open', 'closed') GROUP BY g`
		return bind(db, q), []any{p.To.Format(stamp), p.From.Format(stamp)}, true
	case "seekers": // registered at the end of the period
		q = `SELECT ` + g + ` AS g, count(*) FROM seekers t WHERE t.created_at < ? AND t.status IN ('active', 'deleted') AND ` + s.base + ` GROUP BY g`
		return bind(db, q), []any{p.To.Format(stamp)}, true
	}
	where := s.date + ` >= ? AND ` + s.date + ` < ?`
	if s.base != "" {
		where += " AND " + s.base
	}
	first := `ROW_NUMBER() OVER (PARTITION BY t.person_key ORDER BY ` + s.date + `, t.id)`
	if s.num == "" {
		q = `SELECT g, count(*) FROM (SELECT ` + g + ` AS g, ` + first + ` AS rn FROM ` + s.dataset + ` t WHERE ` + where + `) x
			WHERE rn = 1 GROUP BY g`
	} else {
		q = `SELECT g, sum(CASE WHEN c AND rc = 1 THEN 1 ELSE 0 END), sum(CASE WHEN rn = 1 THEN 1 ELSE 0 END) FROM (
			SELECT ` + g + ` AS g, (` + s.num + `) AS c, ` + first + ` AS rn,
				ROW_NUMBER() OVER (PARTITION BY t.person_key, (` + s.num + `) ORDER BY ` + s.date + `, t.id) AS rc
			FROM ` + s.dataset + ` t WHERE ` + where + `) x GROUP BY g`
	}
	return bind(db, q), []any{from, to}, true
}
