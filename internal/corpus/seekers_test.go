package corpus

import (
	"context"
	"reflect"
	"slices"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/ref"
	"mobilite/internal/seekers"
	"mobilite/internal/store/storetest"
)

func TestSeekersDeterministic(t *testing.T) {
	r := ref.MustLoad()
	a, b := NewSeekers(r, 3, now), NewSeekers(r, 3, now)
	// The second generator makes them in another order: seeker i depends on nothing else.
	for _, i := range []int{123456, 0, 1, 999, 77} {
		if x, y := a.Seeker(i), b.Seeker(i); !reflect.DeepEqual(x, y) {
			t.Fatalf("seeker %d differs between two generators of the same seed:\n%+v\n%+v", i, x, y)
		}
	}
	same := 0
	for i := range 50 {
		x, y := a.Seeker(i), NewSeekers(r, 4, now).Seeker(i)
		if x.NameKey == y.NameKey && x.BirthDate.Equal(y.BirthDate) {
			same++
		}
	}
	if same > 2 {
		t.Errorf("seeds 3 and 4 give %d of 50 seekers with the same name and birth date", same)
	}
}

// TestSeekersValid checks every seeker of a sample against the domain's rules and the reference
// data, and the shares the generator promises.
func TestSeekersValid(t *testing.T) {
	r := ref.MustLoad()
	g := NewSeekers(r, 1, now)
	const n = 20000
	phones := map[string]int{}
	ids := map[string]int{} // ID number → person
	var dup, diaspora, withID, young, work, consentCV int
	occs := map[string]int{}
	for i := range n {
		s := g.Seeker(i)
		if err := s.Validate(now); err != nil {
			t.Fatalf("seeker %d: %v\n%+v", i, err, s)
		}
		if j, ok := phones[s.Phone]; ok {
			t.Fatalf("seekers %d and %d have the phone %s", j, i, s.Phone)
		}
		phones[s.Phone] = i
		if ph, err := mobilite.NormalizePhone(s.Phone); err != nil || ph != s.Phone || len(s.Phone) != 12 ||
			(s.Phone[4] != '9' && s.Phone[4] != '7') {
			t.Fatalf("seeker %d: phone %q is not a Togolese mobile", i, s.Phone)
		}
		if s.NameKey != seekers.NameKey(s.GivenName, s.FamilyName) {
			t.Fatalf("seeker %d: name key %q", i, s.NameKey)
		}
		if y := s.BirthDate.Year(); y < 1960 || y > 2010 {
			t.Fatalf("seeker %d: born %s", i, s.BirthDate)
		}
		if a := mobilite.Age(s.BirthDate, now); a >= 18 && a <= 35 {
			young++
		}
		if p := g.Person(i); p != i {
			dup++
			orig := g.Seeker(p)
			if orig.NameKey != s.NameKey || !orig.BirthDate.Equal(s.BirthDate) || orig.Sex != s.Sex || orig.Phone == s.Phone {
				t.Fatalf("seeker %d is a second registration of %d but differs:\n%+v\n%+v", i, p, s, orig)
			}
		}
		if s.IDNumber != "" {
			withID++
			if p, ok := ids[s.IDNumber]; ok && p != g.Person(i) {
				t.Fatalf("ID number %s of persons %d and %d", s.IDNumber, p, g.Person(i))
			}
			ids[s.IDNumber] = g.Person(i)
		}
		if s.Country == "TGO" {
			reg, ok := r.Region(s.Region)
			if !ok || !slices.ContainsFunc(reg.Prefectures, func(p ref.Prefecture) bool { return p.Name == s.Prefecture }) {
				t.Fatalf("seeker %d: prefecture %q of region %q", i, s.Prefecture, s.Region)
			}
		} else {
			diaspora++
			if _, ok := r.Country(s.Country); !ok || s.Region != "" {
				t.Fatalf("seeker %d: abroad in %q, region %q", i, s.Country, s.Region)
			}
		}
		if len(s.Occupations) < 1 || len(s.Occupations) > 3 || s.Occupations[0].Kind != mobilite.OccupationSought {
			t.Fatalf("seeker %d: occupations %+v", i, s.Occupations)
		}
		for _, o := range s.Occupations {
			if oc, ok := r.Occupation(o.ISCO08); !ok || oc.Level != 4 {
				t.Fatalf("seeker %d: occupation %q is not an ISCO-08 unit group", i, o.ISCO08)
			}
			occs[o.ISCO08]++
		}
		for _, c := range s.PreferredCountries {
			if _, ok := r.Country(c); !ok {
				t.Fatalf("seeker %d: preferred country %q", i, c)
			}
		}
		if s.MigrationIntent == mobilite.IntentWork {
			work++
		}
		if !s.ConsentShareCV.IsZero() {
			consentCV++
		}
	}
	share := func(k int) float64 { return float64(k) / n }
	for _, c := range []struct {
		what   string
		got    float64
		lo, hi float64
	}{
		{"second registrations", share(dup), 0.007, 0.013},
		{"diaspora", share(diaspora), 0.07, 0.09},
		{"with an ID number", share(withID), 0.27, 0.33},
		{"aged 18–35", share(young), 0.60, 0.75},
		{"wanting to work abroad", share(work), 0.44, 0.52},
		{"consenting to share their CV", share(consentCV), 0.57, 0.63},
		{"naming a shop keeper (5221)", float64(occs["5221"]) / n, 0.04, 0.12},
	} {
		if c.got < c.lo || c.got > c.hi {
			t.Errorf("%s: %.3f, want %.3f–%.3f", c.what, c.got, c.lo, c.hi)
		}
	}
	if len(occs) < 200 {
		t.Errorf("only %d distinct occupations: the long tail is missing", len(occs))
	}
}

// TestSeekersRegister registers generated seekers through the registration form's rules (the
// reference data resolve every field), and finds the second registrations as duplicates.
func TestSeekersRegister(t *testing.T) {
	ctx := context.Background()
	r := ref.MustLoad()
	g := NewSeekers(r, 1, now)
	svc := seekers.New(storetest.Open(t, "sqlite"), r, func() time.Time { return now })
	conflicts := 0
	for i := range 300 {
		s := g.Seeker(i)
		sk, err := svc.Register(ctx, nil, 0, mobilite.ChannelSelf, Input(s))
		if g.Person(i) != i {
			d, ok := seekers.AsDuplicate(err)
			if !ok || d.PhoneTaken || len(d.Duplicates) == 0 {
				t.Fatalf("second registration %d of %d: %v", i, g.Person(i), err)
			}
			conflicts++
			continue
		}
		if err != nil {
			t.Fatalf("seeker %d: %v\n%+v", i, err, s)
		}
		if sk.NameKey != s.NameKey || sk.Region != s.Region || sk.Prefecture != s.Prefecture || sk.ISCEDLevel != s.ISCEDLevel ||
			!reflect.DeepEqual(sk.Occupations, s.Occupations) || !reflect.DeepEqual(sk.PreferredCountries, s.PreferredCountries) {
			t.Fatalf("seeker %d registered as\n%+v\nwant\n%+v", i, sk, s)
		}
	}
	if conflicts == 0 {
		t.Log("no second registration among the first 300")
	}
	if _, err := svc.Register(ctx, nil, 0, mobilite.ChannelSelf, Input(g.Seeker(5))); err == nil {
		t.Fatal("the same phone registered twice")
	}
}
