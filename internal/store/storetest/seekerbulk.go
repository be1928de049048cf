package storetest

import (
	"fmt"
	"reflect"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/store"
)

// testCreateSeekers checks the bulk path of the benchmarks' loader: the rows it writes read
// back as those CreateSeeker writes, with the ids and registration numbers CreateSeeker would
// have given, and CreateSeeker carries on after them; a taken phone fails the whole batch.
func testCreateSeekers(t *testing.T, s mobilite.Store) {
	db, ok := s.(*store.DB)
	if !ok {
		t.Skip("not the shared store")
	}
	first := NewSeeker("+22891000000")
	must(t, s.CreateSeeker(ctx, first))

	// Seekers that differ in every field the lists and the nullable columns can take.
	var batch []*mobilite.Seeker
	for i := range 1203 { // more than one statement of each kind
		sk := NewSeeker(fmt.Sprintf("+2289100%04d", i+1))
		sk.GivenName, sk.NameKey = fmt.Sprintf("Kossi%c", 'a'+i%26), fmt.Sprintf("agbeko kossi%c", 'a'+i%26)
		sk.CreatedAt = t0.AddDate(-i%3, 0, 0)
		sk.UpdatedAt = sk.CreatedAt.Add(time.Hour)
		switch i % 4 {
		case 0:
			sk.Occupations, sk.Languages, sk.PreferredCountries = nil, nil, nil
			sk.ISCEDLevel, sk.Region, sk.Prefecture, sk.Country, sk.City = -1, "", "", "FRA", "Lyon"
		case 1:
			sk.IDType, sk.IDNumber, sk.Email = "national_id", fmt.Sprintf("0000-%04d", i), fmt.Sprintf("k%d@example.org", i)
			sk.ConsentShareCV, sk.ConsentSurveys = t0, t0.Add(time.Minute)
		case 2:
			sk.Occupations = append(sk.Occupations, mobilite.SeekerOccupation{ISCO08: "2221", Years: 0, Kind: mobilite.OccupationSought})
			sk.PreferredCountries = []string{"CAN"}
			sk.MigrationIntent, sk.WantsAccompaniment = mobilite.IntentNone, false
		}
		batch = append(batch, sk)
	}
	must(t, db.CreateSeekers(ctx, batch))
	for i, sk := range batch {
		if sk.ID != first.ID+1+int64(i) || sk.Number != store.RegistrationNumber(sk.CreatedAt.Year(), sk.ID) {
			t.Fatalf("seeker %d: id %d, number %s after id %d", i, sk.ID, sk.Number, first.ID)
		}
	}
	last := NewSeeker("+22892000000")
	must(t, s.CreateSeeker(ctx, last))
	if want := batch[len(batch)-1].ID + 1; last.ID != want {
		t.Fatalf("CreateSeeker after the batch: id %d, want %d", last.ID, want)
	}

	// Each one reads back as the same seeker written by CreateSeeker.
	for _, i := range []int{0, 1, 2, 3, 601, 1202} {
		want := *batch[i]
		want.ID, want.Number = 0, ""
		want.Phone = fmt.Sprintf("+2289300%04d", i)
		if want.IDNumber != "" {
			want.IDNumber += "x"
		}
		must(t, s.CreateSeeker(ctx, &want))
		bulk, err := s.FindSeekerByID(ctx, batch[i].ID)
		must(t, err)
		one, err := s.FindSeekerByID(ctx, want.ID)
		must(t, err)
		if bulk.Number != batch[i].Number {
			t.Errorf("seeker %d: number %s, want %s", i, bulk.Number, batch[i].Number)
		}
		bulk.ID, bulk.Number, bulk.Phone, bulk.IDNumber = one.ID, one.Number, one.Phone, one.IDNumber
		if !reflect.DeepEqual(bulk, one) {
			t.Errorf("seeker %d in bulk\n%+v\none by one\n%+v", i, bulk, one)
		}
	}
	dups, err := s.FindDuplicates(ctx, &mobilite.Seeker{Phone: batch[5].Phone})
	must(t, err)
	if len(dups) != 1 || dups[0].Seeker.ID != batch[5].ID {
		t.Fatalf("duplicate by phone of a bulk seeker: %+v", dups)
	}

	// A taken phone fails the batch, which leaves nothing behind.
	_, before, err := s.FindSeekers(ctx, mobilite.SeekerFilter{})
	must(t, err)
	wantCode(t, db.CreateSeekers(ctx, []*mobilite.Seeker{NewSeeker("+22894000000"), NewSeeker(batch[7].Phone)}), mobilite.ECONFLICT)
	_, after, err := s.FindSeekers(ctx, mobilite.SeekerFilter{})
	must(t, err)
	if after != before {
		t.Fatalf("a failed batch left %d seekers", after-before)
	}
	must(t, db.CreateSeekers(ctx, nil))
}
