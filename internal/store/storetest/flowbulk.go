package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/store"
)

// testCreateFlows checks the bulk path of the flows benchmark's loader: departures and returns
// written in bulk read back as those CreateDeparture and CreateReturn write, with the ids they
// would have given, single inserts carry on after them, the indicators count them, and a bad
// row fails the whole batch.
func testCreateFlows(t *testing.T, s mobilite.Store) {
	db, ok := s.(*store.DB)
	if !ok {
		t.Skip("not the shared store")
	}
	day := func(d string) time.Time { x, _ := time.Parse("2006-01-02", d); return x }
	newDeparture := func(i int) *mobilite.Departure {
		d := &mobilite.Departure{FlowPerson: mobilite.FlowPerson{Key: fmt.Sprintf("n:%d", i%700), Sex: "F", BirthDate: day("1990-05-06"),
			Nationality: "TGO", Region: "TG-M", Prefecture: "Golfe", ISCEDLevel: 3, Age: 35}, Date: day("2025-01-01").AddDate(0, 0, i%365),
			Purpose: "work", Destination: "CIV", ISICSection: "Q", ISCO08: "5321", Channel: mobilite.ChannelPublicAgency,
			Source: mobilite.FlowFromUpload, CreatedAt: t0, UpdatedAt: t0}
		switch i % 3 {
		case 0:
			costs, wage := 150000.0, 250000.5
			d.SeekerID, d.Sex, d.Purpose, d.Destination, d.Channel, d.AgencyLicence = 0, "M", "study", "FRA", mobilite.ChannelPrivateAgency, "TG-AGR-7"
			d.ContractVerified, d.OrientationAttended, d.ContractMonths = true, true, 24
			d.PlannedReturn, d.WorkerCosts, d.FirstMonthlyWage, d.Currency = d.Date.AddDate(2, 0, 0), &costs, &wage, "XOF"
		case 1:
			d.BirthDate, d.Age, d.ISCEDLevel, d.Region, d.Prefecture = time.Time{}, -1, -1, "", ""
		}
		return d
	}
	first := newDeparture(0)
	must(t, s.CreateDeparture(ctx, first))
	var deps []*mobilite.Departure
	for i := range 1203 { // more than two statements
		deps = append(deps, newDeparture(i+1))
	}
	must(t, db.CreateDepartures(ctx, deps))
	for i, d := range deps {
		if d.ID != first.ID+1+int64(i) {
			t.Fatalf("departure %d: id %d after id %d", i, d.ID, first.ID)
		}
	}
	last := newDeparture(2000)
	must(t, s.CreateDeparture(ctx, last))
	if want := deps[len(deps)-1].ID + 1; last.ID != want {
		t.Fatalf("CreateDeparture after the batch: id %d, want %d", last.ID, want)
	}
	for _, i := range []int{0, 1, 2, 600, 1202} {
		one := newDeparture(i + 1)
		must(t, s.CreateDeparture(ctx, one))
		bulk, err := s.FindDeparture(ctx, deps[i].ID)
		must(t, err)
		back, err := s.FindDeparture(ctx, one.ID)
		must(t, err)
		bulk.ID = back.ID
		if !reflect.DeepEqual(bulk, back) {
			t.Errorf("departure %d in bulk\n%+v\none by one\n%+v", i, bulk, back)
		}
	}

	var rets []*mobilite.Return
	for i, d := range deps[:801] {
		r := &mobilite.Return{FlowPerson: d.FlowPerson, DepartureID: d.ID, Date: d.Date.AddDate(1, 0, 0), PreviousCountry: d.Destination,
			MonthsAbroad: 12, ReturnType: mobilite.ReturnTypes[i%len(mobilite.ReturnTypes)], ISCO08: d.ISCO08,
			Source: mobilite.FlowFromUpload, CreatedAt: t0, UpdatedAt: t0}
		if i%2 == 0 {
			r.DepartureID, r.Skills, r.Status3M, r.Status12M = 0, "CACES", mobilite.StatusUnemployed, mobilite.StatusEmployed
		}
		rets = append(rets, r)
	}
	must(t, db.CreateReturns(ctx, rets))
	for k, i := range []int{0, 1, 800} {
		one := *rets[i]
		must(t, s.CreateReturn(ctx, &one))
		if want := rets[len(rets)-1].ID + 1 + int64(k); one.ID != want {
			t.Errorf("CreateReturn after the batch: id %d, want %d", one.ID, want)
		}
		bulk, err := s.FindReturn(ctx, rets[i].ID)
		must(t, err)
		back, err := s.FindReturn(ctx, one.ID)
		must(t, err)
		bulk.ID = back.ID
		if !reflect.DeepEqual(bulk, back) {
			t.Errorf("return %d in bulk\n%+v\none by one\n%+v", i, bulk, back)
		}
	}

	// The indicators count the bulk rows: 700 persons left in 2025, 467 of them women for work.
	counts, err := s.CountFlows(ctx, mobilite.FlowQuery{Dataset: "departures", From: day("2025-01-01"), To: day("2026-01-01"),
		Persons: true, GroupBy: []string{"sex"}})
	must(t, err)
	persons := 0
	for _, c := range counts {
		persons += c.Count
	}
	if persons != 700 {
		t.Errorf("persons who left in 2025: %d, want 700 (%+v)", persons, counts)
	}

	// A bad row fails the batch, which leaves nothing behind.
	_, before, err := s.FindDepartures(ctx, mobilite.FlowFilter{})
	must(t, err)
	bad := newDeparture(5)
	bad.Channel = "smuggler"
	wantCode(t, db.CreateDepartures(ctx, []*mobilite.Departure{newDeparture(4), bad}), mobilite.EINTERNAL)
	_, after, err := s.FindDepartures(ctx, mobilite.FlowFilter{})
	must(t, err)
	if after != before {
		t.Fatalf("a failed batch left %d departures", after-before)
	}
	must(t, db.CreateDepartures(ctx, nil))
	must(t, db.CreateReturns(ctx, nil))
}
