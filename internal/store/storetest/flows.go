package storetest

import (
	"testing"
	"time"

	"mobilite"
)

func testFlows(t *testing.T, s mobilite.Store) {
	day := func(d string) time.Time { x, _ := time.Parse("2006-01-02", d); return x }
	costs := 350000.0
	d := &mobilite.Departure{FlowPerson: mobilite.FlowPerson{Key: "n:abc", Sex: "F", BirthDate: day("1999-02-03"), Nationality: "TGO",
		Region: "TG-M", Prefecture: "Golfe", ISCEDLevel: 4, Age: 26}, Date: day("2025-04-05"), Purpose: "work", Destination: "QAT",
		City: "Doha", Employer: "Hôtel", ISICSection: "I", ISCO08: "5120", Channel: mobilite.ChannelPrivateAgency, AgencyLicence: "TG-7",
		ContractVerified: true, ContractMonths: 24, PlannedReturn: day("2027-04-05"), WorkerCosts: &costs, Currency: "XOF",
		Source: mobilite.FlowFromForm, CreatedAt: t0, UpdatedAt: t0}
	must(t, s.CreateDeparture(ctx, d))
	got, err := s.FindDeparture(ctx, d.ID)
	must(t, err)
	if got.Key != "n:abc" || !got.Date.Equal(d.Date) || !got.PlannedReturn.Equal(d.PlannedReturn) || got.WorkerCosts == nil ||
		*got.WorkerCosts != costs || got.FirstMonthlyWage != nil || !got.ContractVerified || got.OrientationAttended || got.Age != 26 {
		t.Fatalf("departure round trip: %+v", got)
	}
	r := &mobilite.Return{FlowPerson: d.FlowPerson, DepartureID: d.ID, Date: day("2026-01-10"), PreviousCountry: "QAT", MonthsAbroad: 9,
		ReturnType: mobilite.ReturnForced, Source: mobilite.FlowFromForm, CreatedAt: t0, UpdatedAt: t0}
	must(t, s.CreateReturn(ctx, r))
	r.Status12M, r.UpdatedAt = mobilite.StatusSelfEmployed, t0.Add(time.Hour)
	must(t, s.UpdateReturn(ctx, r))
	back, err := s.FindReturn(ctx, r.ID)
	must(t, err)
	if back.Status12M != mobilite.StatusSelfEmployed || back.DepartureID != d.ID || back.ReturnType != mobilite.ReturnForced {
		t.Fatalf("return round trip: %+v", back)
	}
	wantCode(t, s.UpdateReturn(ctx, &mobilite.Return{ID: 999999}), mobilite.ENOTFOUND)
	_, err = s.FindDeparture(ctx, 999999)
	wantCode(t, err, mobilite.ENOTFOUND)
	list, n, err := s.FindDepartures(ctx, mobilite.FlowFilter{From: day("2025-01-01"), To: day("2026-01-01")})
	must(t, err)
	if n != 1 || len(list) != 1 {
		t.Fatalf("FindDepartures: %d", n)
	}
	// Through an agency: the private agency's departure, not one on its own nor one through an
	// agency that gave no licence.
	alone := *d
	alone.ID, alone.Channel, alone.AgencyLicence = 0, mobilite.ChannelIndividual, ""
	must(t, s.CreateDeparture(ctx, &alone))
	unnamed := *d
	unnamed.ID, unnamed.AgencyLicence = 0, ""
	must(t, s.CreateDeparture(ctx, &unnamed))
	if list, n, err := s.FindDepartures(ctx, mobilite.FlowFilter{ThroughAgency: true}); err != nil || n != 1 || list[0].ID != d.ID {
		t.Fatalf("FindDepartures through an agency: %d %v", n, err)
	}
	if _, n, _ := s.FindReturns(ctx, mobilite.FlowFilter{From: day("2025-01-01"), To: day("2026-01-01")}); n != 0 {
		t.Errorf("FindReturns outside the period: %d", n)
	}
	// Booleans and groups read the same on both engines.
	counts, err := s.CountFlows(ctx, mobilite.FlowQuery{Dataset: "departures", From: day("2025-01-01"), To: day("2026-01-01"),
		Persons: true, GroupBy: []string{"contract_verified", "isco"}})
	must(t, err)
	if len(counts) != 1 || counts[0].Keys[0] != "1" || counts[0].Keys[1] != "5" || counts[0].Count != 1 {
		t.Fatalf("CountFlows: %+v", counts)
	}
	_, err = s.CountFlows(ctx, mobilite.FlowQuery{Dataset: "departures", GroupBy: []string{"name"}})
	wantCode(t, err, mobilite.EINVALID)
	_, err = s.CountFlows(ctx, mobilite.FlowQuery{Dataset: "users"})
	wantCode(t, err, mobilite.EINVALID)
	counts, err = s.CountFlows(ctx, mobilite.FlowQuery{Dataset: "returns", Where: []mobilite.FlowCond{{Field: "in_work_12m"}}})
	must(t, err)
	if len(counts) != 1 || counts[0].Count != 1 {
		t.Fatalf("CountFlows of returns in work: %+v", counts)
	}
}

func testPlan(t *testing.T, s mobilite.Store) {
	o := &mobilite.PlanObjective{Code: "OS1", TitleFR: "Objectif", CreatedAt: t0, UpdatedAt: t0}
	must(t, s.SaveObjective(ctx, o))
	wantCode(t, s.SaveObjective(ctx, &mobilite.PlanObjective{Code: "OS1", TitleFR: "Doublon", CreatedAt: t0, UpdatedAt: t0}), mobilite.ECONFLICT)
	base := 12.5
	l := &mobilite.PlanLine{ObjectiveID: o.ID, IndicatorID: "LM-F03", BaselineValue: &base, BaselineYear: 2024,
		Targets: map[int]float64{2026: 40, 2027: 45.5}, HigherBetter: true, Verification: "Registre", CreatedAt: t0, UpdatedAt: t0}
	must(t, s.SavePlanLine(ctx, l))
	wantCode(t, s.SavePlanLine(ctx, &mobilite.PlanLine{ObjectiveID: o.ID, IndicatorID: "LM-F03", Targets: map[int]float64{},
		CreatedAt: t0, UpdatedAt: t0}), mobilite.ECONFLICT)
	l.Targets[2028] = 50
	must(t, s.SavePlanLine(ctx, l))
	plan, err := s.FindPlan(ctx)
	must(t, err)
	if len(plan) != 1 || len(plan[0].Lines) != 1 {
		t.Fatalf("FindPlan: %+v", plan)
	}
	got := plan[0].Lines[0]
	if got.Targets[2027] != 45.5 || got.Targets[2028] != 50 || *got.BaselineValue != 12.5 || !got.HigherBetter {
		t.Fatalf("plan line round trip: %+v", got)
	}
	must(t, s.DeletePlanLine(ctx, l.ID))
	wantCode(t, s.DeletePlanLine(ctx, l.ID), mobilite.ENOTFOUND)
	// An objective goes with its lines.
	l.ID = 0
	must(t, s.SavePlanLine(ctx, l))
	must(t, s.DeleteObjective(ctx, o.ID))
	wantCode(t, s.DeleteObjective(ctx, o.ID), mobilite.ENOTFOUND)
	wantCode(t, s.DeletePlanLine(ctx, l.ID), mobilite.ENOTFOUND)
	if plan, err := s.FindPlan(ctx); err != nil || len(plan) != 0 {
		t.Fatalf("FindPlan after the objective's deletion: %+v %v", plan, err)
	}
}
