package demo

import (
	"context"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/account"
	"mobilite/internal/regulation"
	"mobilite/internal/store/storetest"
)

func TestLoadRegulation(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	ctx := context.Background()
	now := time.Date(2026, 3, 14, 10, 0, 0, 0, time.UTC)
	if _, err := Load(ctx, s, &account.Hasher{Time: 1, Memory: 64, Threads: 1}, now); err != nil {
		t.Fatal(err)
	}
	res, err := LoadRegulation(ctx, s, now)
	if err != nil {
		t.Fatal(err)
	}
	if res.Agencies != 15 || res.Complaints != 40 {
		t.Fatalf("loaded %+v", res)
	}
	agencies, _, err := s.FindAgencies(ctx, mobilite.AgencyFilter{})
	if err != nil {
		t.Fatal(err)
	}
	statuses := map[mobilite.LicenceStatus]int{}
	for _, a := range agencies {
		statuses[regulation.StatusAt(a.Events, now)]++
		if a.Source != mobilite.RegulationFromDemo {
			t.Errorf("%s is not marked as demo", a.Name)
		}
	}
	want := map[mobilite.LicenceStatus]int{mobilite.LicenceValid: 11, mobilite.LicenceSuspended: 2, mobilite.LicenceRevoked: 1, mobilite.LicenceExpired: 1}
	for st, n := range want {
		if statuses[st] != n {
			t.Errorf("%d %s agencies, want %d (%v)", statuses[st], st, n, statuses)
		}
	}
	complaints, _, err := s.FindComplaints(ctx, mobilite.ComplaintFilter{})
	if err != nil {
		t.Fatal(err)
	}
	byStatus := map[string]int{}
	for _, c := range complaints {
		byStatus[c.Status]++
		if c.Source != mobilite.RegulationFromDemo || c.ReceivedAt.Year() < 2023 || c.ReceivedAt.After(now) {
			t.Errorf("complaint %s: source %s, received %s", c.Reference, c.Source, c.ReceivedAt)
		}
		if c.Closed() != !c.ClosedAt.IsZero() {
			t.Errorf("complaint %s: %s closed at %s", c.Reference, c.Status, c.ClosedAt)
		}
	}
	for _, st := range mobilite.ComplaintStatuses {
		if byStatus[st] == 0 {
			t.Errorf("no demo complaint is %s: %v", st, byStatus)
		}
	}
	again, err := LoadRegulation(ctx, s, now)
	if err != nil || again != (RegulationResult{}) {
		t.Fatalf("second load: %+v %v", again, err)
	}
}
