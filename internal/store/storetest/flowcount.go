package storetest

import (
	"fmt"
	"maps"
	"slices"
	"strings"
	"testing"
	"time"

	"mobilite"
)

// testCountFlowsBatch checks the counts of persons and events against a register worked out by
// hand: a person counts once, in the group of their first record of the period (by date, then
// id) among the records meeting the conditions; a batch answers as its queries one by one.
func testCountFlowsBatch(t *testing.T, s mobilite.Store) {
	day := func(d string) time.Time { x, _ := time.Parse("2006-01-02", d); return x }
	dep := func(key, date, sex, dest, purpose string, contract, orientation bool) {
		t.Helper()
		must(t, s.CreateDeparture(ctx, &mobilite.Departure{FlowPerson: mobilite.FlowPerson{Key: key, Sex: sex, ISCEDLevel: -1, Age: 30},
			Date: day(date), Purpose: purpose, Destination: dest, Channel: mobilite.ChannelIndividual, ContractVerified: contract,
			OrientationAttended: orientation, Source: mobilite.FlowFromForm, CreatedAt: t0, UpdatedAt: t0}))
	}
	dep("a", "2025-02-01", "F", "QAT", "work", false, false)
	dep("a", "2025-06-01", "F", "FRA", "work", true, false)
	dep("b", "2025-03-01", "M", "FRA", "work", true, false)
	dep("b", "2025-03-01", "M", "SEN", "study", false, false) // same day, later id: second
	dep("c", "2024-12-31", "M", "CIV", "work", false, false)  // the year before
	dep("c", "2025-01-15", "M", "CIV", "work", false, false)
	dep("d", "2025-12-31", "F", "SEN", "work", false, true)
	dep("e", "2026-01-01", "F", "QAT", "work", false, false) // the year after
	y2025 := func(q mobilite.FlowQuery) mobilite.FlowQuery {
		q.Dataset, q.From, q.To = "departures", day("2025-01-01"), day("2026-01-01")
		return q
	}
	work := mobilite.FlowCond{Field: "purpose", Values: []string{"work"}}
	cases := []struct {
		q    mobilite.FlowQuery
		want string // groups "key|key=count", sorted, comma-separated
	}{
		{y2025(mobilite.FlowQuery{Persons: true, Where: []mobilite.FlowCond{work}, GroupBy: []string{"destination"}}),
			"CIV=1,FRA=1,QAT=1,SEN=1"},
		{y2025(mobilite.FlowQuery{Persons: true, Where: []mobilite.FlowCond{work, {Field: "contract_verified"}}, GroupBy: []string{"destination"}}),
			"FRA=2"}, // a's first record with a verified contract is their second
		{y2025(mobilite.FlowQuery{Persons: true, GroupBy: []string{"purpose"}}), "work=4"}, // b: the first of the day by id
		{y2025(mobilite.FlowQuery{Where: []mobilite.FlowCond{work}, GroupBy: []string{"destination"}}),
			"CIV=1,FRA=2,QAT=1,SEN=1"}, // events
		{y2025(mobilite.FlowQuery{Persons: true, Where: []mobilite.FlowCond{{Field: "destination", Values: []string{"FRA"}, Not: true}},
			GroupBy: []string{"sex"}}), "F=2,M=2"},
		{mobilite.FlowQuery{Dataset: "departures", From: day("2024-01-01"), To: day("2025-01-01"), Persons: true, GroupBy: []string{"sex"}}, "M=1"},
		{y2025(mobilite.FlowQuery{Persons: true, Where: []mobilite.FlowCond{{Field: "orientation_attended"}}}), "=1"},
		{y2025(mobilite.FlowQuery{Persons: true, Where: []mobilite.FlowCond{work}, GroupBy: []string{"contract_verified", "sex"}}),
			"0|F=2,0|M=1,1|M=1"},
		{y2025(mobilite.FlowQuery{Persons: true, Where: []mobilite.FlowCond{{Field: "destination", Values: []string{"USA"}}}}), ""},
		{mobilite.FlowQuery{Dataset: "departures", Persons: true, GroupBy: []string{"sex"}}, "F=3,M=2"}, // no period: every record
	}
	var qs []mobilite.FlowQuery
	for _, c := range cases {
		qs = append(qs, c.q)
	}
	batch, err := s.CountFlowsBatch(ctx, qs)
	must(t, err)
	for i, c := range cases {
		one, err := s.CountFlows(ctx, c.q)
		must(t, err)
		if got := flowCounts(one); got != c.want {
			t.Errorf("query %d alone: %s, want %s", i, got, c.want)
		}
		if got := flowCounts(batch[i]); got != c.want {
			t.Errorf("query %d in the batch: %s, want %s", i, got, c.want)
		}
	}
	_, err = s.CountFlowsBatch(ctx, append(qs, mobilite.FlowQuery{Dataset: "departures", GroupBy: []string{"person_key"}}))
	wantCode(t, err, mobilite.EINVALID)
}

// flowCounts writes counts as "key|key=count", sorted, comma-separated.
func flowCounts(rows []mobilite.FlowCount) string {
	m := map[string]int{}
	for _, r := range rows {
		m[strings.Join(r.Keys, "|")] += r.Count
	}
	var out []string
	for _, k := range slices.Sorted(maps.Keys(m)) {
		out = append(out, fmt.Sprintf("%s=%d", k, m[k]))
	}
	return strings.Join(out, ",")
}
