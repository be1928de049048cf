package storetest

import (
	"slices"
	"testing"
	"time"

	"mobilite"
)

func testMatching(t *testing.T, s mobilite.Store) {
	feed := newSource(t, s, "match")
	mk := func(ext, isco, country string, published time.Time, req mobilite.Requirements) mobilite.IngestJob {
		it := item(ext, "Offre "+ext, "OIM", country, t0.AddDate(0, 1, 0))
		it.Job.ISCO08, it.Job.PublishedAt, it.Job.Requirements = isco, published, req
		it.Job.Fingerprint = "fp-match-" + ext
		return it
	}
	batch := []mobilite.IngestJob{
		mk("nurse", "2221", "DEU", t0, mobilite.Requirements{ISCED: 6, Years: 3,
			Languages: []mobilite.SeekerLanguage{{Language: "de", Level: "B2"}, {Language: "en", Level: ""}}}),
		mk("nurse-assoc", "3221", "CAN", t0.Add(time.Hour), mobilite.NoRequirements),
		mk("carer", "5321", "FRA", t0.Add(2*time.Hour), mobilite.NoRequirements),
		mk("carer-qat", "5322", "QAT", t0.Add(3*time.Hour), mobilite.NoRequirements),
		mk("driver", "8322", "BEL", t0.Add(4*time.Hour), mobilite.NoRequirements),
		mk("other", "2512", "USA", t0.Add(5*time.Hour), mobilite.NoRequirements),
	}
	_, err := s.IngestJobs(ctx, feed.ID, batch, t0)
	must(t, err)
	nurse := findByTitle(t, s, "Offre nurse")
	if r := nurse.Requirements; r.ISCED != 6 || r.Years != 3 || len(r.Languages) != 2 || r.Languages[0] != (mobilite.SeekerLanguage{Language: "de", Level: "B2"}) ||
		r.Languages[1].Language != "en" || r.Languages[1].Level != "" {
		t.Fatalf("requirements round trip: %+v", r)
	}

	// Offers of the minor groups 532 and 222, or in Belgium: newest first.
	offers, err := s.MatchOffers(ctx, []string{"532", "222"}, []string{"BEL"}, 100)
	must(t, err)
	var got []string
	for _, o := range offers {
		got = append(got, o.ISCO08+"/"+o.Country)
		if o.Requirements.ISCED != -1 {
			t.Errorf("MatchOffers fills no requirements: %+v", o)
		}
	}
	if want := []string{"8322/BEL", "5322/QAT", "5321/FRA", "2221/DEU"}; !slices.Equal(got, want) {
		t.Fatalf("MatchOffers = %v, want %v", got, want)
	}
	if o, err := s.MatchOffers(ctx, []string{"53"}, nil, 1); err != nil || len(o) != 1 || o[0].ISCO08 != "5322" {
		t.Fatalf("MatchOffers limit 1 = %v, %v", o, err)
	}
	if o, err := s.MatchOffers(ctx, nil, nil, 10); err != nil || len(o) != 0 {
		t.Fatalf("MatchOffers of nothing = %v, %v", o, err)
	}
	must(t, s.OfferRequirements(ctx, offers))
	if r := offers[3].Requirements; r.ISCED != 6 || len(r.Languages) != 2 {
		t.Errorf("OfferRequirements: %+v", r)
	}
	byIDs, err := s.FindJobsByIDs(ctx, []int64{nurse.ID, offers[0].ID, 99999999})
	must(t, err)
	if len(byIDs) != 2 {
		t.Errorf("FindJobsByIDs: %d offers", len(byIDs))
	}
	// A closed offer is no longer matched.
	_, err = s.CloseExpired(ctx, t0.AddDate(0, 2, 0))
	must(t, err)
	if o, err := s.MatchOffers(ctx, []string{"532"}, nil, 10); err != nil || len(o) != 0 {
		t.Fatalf("MatchOffers after the deadline = %v, %v", o, err)
	}

	// Candidates: seekers with an occupation in the minor group, by region and reach.
	office := &mobilite.Office{Name: "Kara", Region: "TG-K", CreatedAt: t0, UpdatedAt: t0}
	must(t, s.CreateOffice(ctx, office))
	a := NewSeeker("+22891000001") // 5321 sought, 9112 held; Maritime; accompaniment
	must(t, s.CreateSeeker(ctx, a))
	b := NewSeeker("+22891000002")
	b.GivenName, b.NameKey, b.Region, b.OfficeID, b.WantsAccompaniment, b.ConsentShareCV = "Kodjo", "kodjo mensah", "TG-K", office.ID, false, t0
	b.Occupations = []mobilite.SeekerOccupation{{ISCO08: "5322", Years: 6, Kind: mobilite.OccupationHeld}, {ISCO08: "5321", Years: 2, Kind: mobilite.OccupationSought}}
	must(t, s.CreateSeeker(ctx, b))
	c := NewSeeker("+22891000003")
	c.GivenName, c.NameKey, c.Occupations = "Yao", "yao mensah", []mobilite.SeekerOccupation{{ISCO08: "2512", Years: 1, Kind: mobilite.OccupationSought}}
	must(t, s.CreateSeeker(ctx, c))

	cs, err := s.MatchCandidates(ctx, mobilite.CandidateFilter{ISCOPrefix: "532"})
	must(t, err)
	if len(cs) != 2 {
		t.Fatalf("MatchCandidates 532: %d", len(cs))
	}
	for _, cand := range cs {
		switch cand.ID {
		case a.ID:
			if len(cand.Occupations) != 1 || cand.ConsentShareCV || cand.Number != a.Number || cand.ISCEDLevel != 4 {
				t.Errorf("candidate a: %+v", cand)
			}
		case b.ID:
			if len(cand.Occupations) != 2 || !cand.ConsentShareCV || cand.Region != "TG-K" {
				t.Errorf("candidate b: %+v", cand)
			}
		default:
			t.Errorf("unexpected candidate %+v", cand)
		}
	}
	if cs, _ := s.MatchCandidates(ctx, mobilite.CandidateFilter{ISCOPrefix: "532", Region: "TG-K"}); len(cs) != 1 || cs[0].ID != b.ID {
		t.Errorf("MatchCandidates in Kara: %+v", cs)
	}
	// A counsellor of another office of Maritime sees a (accompaniment in the region), not b.
	if cs, _ := s.MatchCandidates(ctx, mobilite.CandidateFilter{ISCOPrefix: "532", ReadableOffice: 999, ReadableRegion: "TG-M"}); len(cs) != 1 || cs[0].ID != a.ID {
		t.Errorf("MatchCandidates in reach: %+v", cs)
	}
	must(t, s.CandidateDetails(ctx, cs))
	if len(cs[0].Languages) != 2 || cs[0].Languages[1].Level != "native" || !slices.Equal(cs[0].Countries, []string{"FRA", "BEL"}) {
		t.Errorf("CandidateDetails: %+v", cs[0])
	}

	// Applications: one per seeker and offer; a change of status is an event; the same status
	// again changes nothing.
	app := &mobilite.Application{SeekerID: a.ID, JobID: nurse.ID}
	must(t, s.SaveApplication(ctx, app, mobilite.ApplicationEvent{Status: mobilite.AppApplied, ByUserID: 0, At: t0}))
	first := app.ID
	again := &mobilite.Application{SeekerID: a.ID, JobID: nurse.ID}
	must(t, s.SaveApplication(ctx, again, mobilite.ApplicationEvent{Status: mobilite.AppApplied, At: t0.Add(time.Minute)}))
	must(t, s.SaveApplication(ctx, again, mobilite.ApplicationEvent{Status: mobilite.AppInterview, ByStaff: true, At: t0.Add(time.Hour)}))
	if again.ID != first || again.Status != mobilite.AppInterview || !again.CreatedAt.Equal(t0) {
		t.Fatalf("application: %+v", again)
	}
	full, err := s.FindApplication(ctx, first)
	must(t, err)
	if len(full.Events) != 2 || full.Events[0].Status != mobilite.AppApplied || !full.Events[1].ByStaff || !full.UpdatedAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("events: %+v", full)
	}
	_, err = s.FindApplicationFor(ctx, b.ID, nurse.ID)
	wantCode(t, err, mobilite.ENOTFOUND)
	must(t, s.SaveApplication(ctx, &mobilite.Application{SeekerID: a.ID, JobID: offers[0].ID}, mobilite.ApplicationEvent{Status: mobilite.AppHired, At: t0.Add(2 * time.Hour)}))
	apps, err := s.SeekerApplications(ctx, a.ID)
	must(t, err)
	if len(apps) != 2 || apps[0].JobID != offers[0].ID || apps[0].Job == nil || apps[0].Job.Title != "Offre driver" || apps[1].Status != mobilite.AppInterview {
		t.Fatalf("SeekerApplications: %+v", apps)
	}

	// Shortlists.
	must(t, s.AddToShortlist(ctx, nurse.ID, b.ID, 0, t0))
	must(t, s.AddToShortlist(ctx, nurse.ID, b.ID, 0, t0)) // again: no error
	must(t, s.AddToShortlist(ctx, nurse.ID, a.ID, 0, t0.Add(time.Minute)))
	list, err := s.Shortlist(ctx, nurse.ID)
	must(t, err)
	if len(list) != 2 || list[0].ID != b.ID || len(list[0].Occupations) != 2 {
		t.Fatalf("Shortlist: %+v", list)
	}
	must(t, s.RemoveFromShortlist(ctx, nurse.ID, b.ID))
	if list, _ := s.Shortlist(ctx, nurse.ID); len(list) != 1 || list[0].ID != a.ID {
		t.Fatalf("Shortlist after removal: %+v", list)
	}

	// Kiosks.
	k := &mobilite.Kiosk{Hash: "kiosk-hash", OfficeID: office.ID, Name: "Kara accueil", CreatedAt: t0}
	must(t, s.CreateKiosk(ctx, k))
	got2, err := s.FindKiosk(ctx, "kiosk-hash")
	must(t, err)
	if got2.ID != k.ID || got2.OfficeID != office.ID || got2.Name != "Kara accueil" {
		t.Fatalf("FindKiosk: %+v", got2)
	}
	u := NewUser("kiosk@example.tg", mobilite.RoleSeeker)
	must(t, s.CreateUser(ctx, u))
	must(t, s.CreateSession(ctx, &mobilite.Session{Hash: "sess-k", UserID: u.ID, CreatedAt: t0, LastSeenAt: t0, ExpiresAt: t0.Add(time.Hour), KioskID: k.ID}))
	sess, err := s.FindSession(ctx, "sess-k", t0)
	must(t, err)
	if sess.KioskID != k.ID {
		t.Fatalf("session kiosk: %+v", sess)
	}
	must(t, s.RevokeKiosk(ctx, k.ID, t0))
	_, err = s.FindKiosk(ctx, "kiosk-hash")
	wantCode(t, err, mobilite.ENOTFOUND)
	_, err = s.FindSession(ctx, "sess-k", t0)
	wantCode(t, err, mobilite.ENOTFOUND)
	wantCode(t, s.RevokeKiosk(ctx, k.ID, t0), mobilite.ENOTFOUND)
}
