package storetest

import (
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/store"
)

// NewSeeker returns a valid seeker with the given phone.
func NewSeeker(phone string) *mobilite.Seeker {
	return &mobilite.Seeker{GivenName: "Afi", FamilyName: "Mensah", NameKey: "afi mensah", Sex: "F",
		BirthDate: time.Date(1998, 4, 12, 0, 0, 0, 0, time.UTC), Nationality: "TGO", Phone: phone, Country: "TGO",
		Region: "TG-M", Prefecture: "Golfe", ISCEDLevel: 4, MigrationIntent: mobilite.IntentWork,
		Occupations:        []mobilite.SeekerOccupation{{ISCO08: "5321", Years: 3, Kind: mobilite.OccupationSought}, {ISCO08: "9112", Years: 1, Kind: mobilite.OccupationHeld}},
		Languages:          []mobilite.SeekerLanguage{{Language: "fr", Level: "C1"}, {Language: "ee", Level: "native"}},
		PreferredCountries: []string{"FRA", "BEL"}, WantsAccompaniment: true, ConsentProcessing: t0,
		Channel: mobilite.ChannelSelf, Status: mobilite.SeekerActive, CreatedAt: t0, UpdatedAt: t0}
}

func testSeekers(t *testing.T, s mobilite.Store) {
	a := NewSeeker("+22890000001")
	must(t, s.CreateSeeker(ctx, a))
	if a.ID == 0 || a.Number != store.RegistrationNumber(2026, a.ID) {
		t.Fatalf("number %q", a.Number)
	}
	got, err := s.FindSeekerByNumber(ctx, a.Number)
	must(t, err)
	if got.ID != a.ID || !got.BirthDate.Equal(a.BirthDate) || len(got.Occupations) != 2 || got.Occupations[1].ISCO08 != "9112" ||
		len(got.Languages) != 2 || got.Languages[1].Level != "native" || len(got.PreferredCountries) != 2 || got.PreferredCountries[1] != "BEL" ||
		!got.ConsentProcessing.Equal(t0) || !got.ConsentShareCV.IsZero() || got.ISCEDLevel != 4 || !got.WantsAccompaniment {
		t.Fatalf("round trip: %+v", got)
	}
	// One active record per phone number.
	wantCode(t, s.CreateSeeker(ctx, NewSeeker("+22890000001")), mobilite.ECONFLICT)
	// Duplicates: same national id; same name and birth date.
	b := NewSeeker("+22890000002")
	b.IDType, b.IDNumber = "national_id", "0123-456"
	must(t, s.CreateSeeker(ctx, b))
	c := NewSeeker("+22890000003")
	c.NameKey, c.BirthDate = "kossi agbeko", time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	must(t, s.CreateSeeker(ctx, c))
	probe := NewSeeker("+22890000001")
	probe.IDNumber = "0123-456"
	dups, err := s.FindDuplicates(ctx, probe)
	must(t, err)
	reasons := map[string]int64{}
	for _, d := range dups {
		reasons[d.Reason] = d.Seeker.ID
	}
	if len(dups) != 2 || reasons["phone"] != a.ID || reasons["id_number"] != b.ID {
		t.Fatalf("duplicates: %+v", reasons)
	}
	probe = NewSeeker("+22899999999")
	probe.NameKey, probe.BirthDate = "kossi agbeko", c.BirthDate
	dups, _ = s.FindDuplicates(ctx, probe)
	if len(dups) != 1 || dups[0].Reason != "name_birth" || dups[0].Seeker.ID != c.ID {
		t.Fatalf("name and birth date: %+v", dups)
	}
	dups, _ = s.FindDuplicates(ctx, c) // itself is not its own duplicate
	if len(dups) != 0 {
		t.Fatalf("self-duplicate: %+v", dups)
	}
	// Update: lists replaced; a deleted record frees its phone.
	got.Occupations = got.Occupations[:1]
	got.Languages = nil
	got.Status, got.Phone = mobilite.SeekerDeleted, "+22890000001"
	must(t, s.UpdateSeeker(ctx, got))
	must(t, s.CreateSeeker(ctx, NewSeeker("+22890000001")))
	again, _ := s.FindSeekerByID(ctx, a.ID)
	if len(again.Occupations) != 1 || len(again.Languages) != 0 || again.Status != mobilite.SeekerDeleted {
		t.Fatalf("after update: %+v", again)
	}
	list, total, err := s.FindSeekers(ctx, mobilite.SeekerFilter{Query: "kossi"})
	must(t, err)
	if total != 1 || list[0].ID != c.ID {
		t.Fatalf("find by name: %d", total)
	}
	_, total, _ = s.FindSeekers(ctx, mobilite.SeekerFilter{Query: b.Number})
	if total != 1 {
		t.Fatalf("find by number: %d", total)
	}
	_, total, _ = s.FindSeekers(ctx, mobilite.SeekerFilter{})
	if total != 3 {
		t.Fatalf("active seekers: %d", total)
	}
	_, err = s.FindSeekerByID(ctx, 99999)
	wantCode(t, err, mobilite.ENOTFOUND)
}
