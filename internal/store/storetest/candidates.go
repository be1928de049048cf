package storetest

import (
	"fmt"
	"slices"
	"testing"

	"mobilite"
	"mobilite/internal/store"
)

// testCandidatesFirst checks that the candidates of the offer's own unit group are read before
// the others of its minor group, whatever the order of the codes, the newest first in each.
func testCandidatesFirst(t *testing.T, s mobilite.Store) {
	db, ok := s.(*store.DB)
	if !ok {
		t.Skip("not the shared store")
	}
	var batch []*mobilite.Seeker
	for i := range 10 {
		sk := NewSeeker(fmt.Sprintf("+2289700%04d", i))
		code := "5221" // registered first, and sorting before 5223
		if i >= 6 {
			code = "5223"
		}
		sk.Occupations = []mobilite.SeekerOccupation{{ISCO08: code, Years: i, Kind: mobilite.OccupationSought}}
		if i == 9 { // both: one entry with its two occupations
			sk.Occupations = append(sk.Occupations, mobilite.SeekerOccupation{ISCO08: "5221", Years: 1, Kind: mobilite.OccupationHeld})
		}
		batch = append(batch, sk)
	}
	must(t, db.CreateSeekers(ctx, batch))
	units := func(cs []mobilite.MatchCandidate) []string {
		var out []string
		for _, c := range cs {
			for _, o := range c.Occupations {
				out = append(out, o.ISCO08)
			}
		}
		slices.Sort(out)
		return out
	}
	cs, err := s.MatchCandidates(ctx, mobilite.CandidateFilter{ISCOPrefix: "522", First: "5223", Limit: 4})
	must(t, err)
	if got := units(cs); len(cs) != 4 || !slices.Equal(got, []string{"5223", "5223", "5223", "5223"}) {
		t.Fatalf("limit 4, the offer's unit group first: %d candidates, occupations %v", len(cs), got)
	}
	cs, err = s.MatchCandidates(ctx, mobilite.CandidateFilter{ISCOPrefix: "522", First: "5223", Limit: 100})
	must(t, err)
	if got := units(cs); len(cs) != 10 || len(got) != 11 {
		t.Fatalf("all: %d candidates, occupations %v", len(cs), got)
	}
	for _, c := range cs {
		if c.ID == batch[9].ID && len(c.Occupations) != 2 {
			t.Errorf("the seeker of both unit groups: %+v", c.Occupations)
		}
	}
	// In each occupation the most recently registered first.
	cs, err = s.MatchCandidates(ctx, mobilite.CandidateFilter{ISCOPrefix: "522", First: "5221", Limit: 2})
	must(t, err)
	if len(cs) != 2 || cs[0].ID != batch[9].ID || cs[1].ID != batch[5].ID {
		t.Fatalf("limit 2 of 5221, newest first: %+v", cs)
	}
	// Without First (or with one outside the prefix), the range from its end.
	for _, first := range []string{"", "7411", "522"} {
		cs, err = s.MatchCandidates(ctx, mobilite.CandidateFilter{ISCOPrefix: "522", First: first, Limit: 3})
		must(t, err)
		if got := units(cs); !slices.Equal(got, []string{"5223", "5223", "5223"}) || cs[0].ID != batch[9].ID {
			t.Errorf("first %q, limit 3: occupations %v", first, got)
		}
	}
	// Deleted seekers are passed over, and the limit still filled.
	batch[8].Status = mobilite.SeekerDeleted
	must(t, s.UpdateSeeker(ctx, batch[8]))
	cs, err = s.MatchCandidates(ctx, mobilite.CandidateFilter{ISCOPrefix: "522", First: "5223", Limit: 3})
	must(t, err)
	if len(cs) != 3 || cs[0].ID != batch[9].ID || cs[1].ID != batch[7].ID || cs[2].ID != batch[6].ID {
		t.Errorf("a deleted seeker among the newest: %+v", cs)
	}
	cs, err = s.MatchCandidates(ctx, mobilite.CandidateFilter{ISCOPrefix: "522", First: "5223", Region: "TG-K", Limit: 100})
	must(t, err)
	if len(cs) != 0 {
		t.Errorf("region TG-K: %d candidates", len(cs))
	}
}
