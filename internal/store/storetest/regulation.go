package storetest

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"mobilite"
)

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// NewAgency returns a valid agency of the licence register, granted on granted until expires
// (YYYY-MM-DD). Its SearchKey is a plain lower-case copy of the name and licence, as the
// service's folding would write it for names without accents.
func NewAgency(name, licence, granted, expires string) *mobilite.Agency {
	return &mobilite.Agency{Name: name, Licence: licence, Region: "TG-M", GrantedOn: day(granted), ExpiresOn: day(expires),
		SearchKey: strings.ToLower(name + " " + strings.ReplaceAll(licence, "-", " ")), Source: mobilite.RegulationFromForm,
		CreatedAt: t0, UpdatedAt: t0}
}

// agencyWith creates an agency and its history: the grant, then events written "kind date"
// or "renewed date expiry".
func agencyWith(t *testing.T, s mobilite.Store, licence, granted, expires string, events ...string) *mobilite.Agency {
	t.Helper()
	a := NewAgency("Agence "+licence, licence, granted, expires)
	must(t, s.CreateAgency(ctx, a))
	must(t, s.CreateLicenceEvent(ctx, &mobilite.LicenceEvent{AgencyID: a.ID, Kind: mobilite.LicenceGrant, Date: a.GrantedOn,
		ExpiresOn: a.ExpiresOn, CreatedAt: t0}))
	for _, ev := range events {
		f := strings.Fields(ev)
		e := &mobilite.LicenceEvent{AgencyID: a.ID, Kind: f[0], Date: day(f[1]), CreatedAt: t0}
		if len(f) > 2 {
			e.ExpiresOn = day(f[2])
		} else {
			e.Reason = "motif"
		}
		must(t, s.CreateLicenceEvent(ctx, e))
	}
	return a
}

func testAgencies(t *testing.T, s mobilite.Store) {
	a := NewAgency("Agence Espoir", "TG-AGR-2024-017", "2024-02-01", "2027-01-31")
	a.Phone, a.Email, a.Address = "+22890000017", "contact@espoir.example", "Rue 12, Lomé"
	must(t, s.CreateAgency(ctx, a))
	if a.ID == 0 {
		t.Fatal("no id set")
	}
	dup := NewAgency("Autre", "TG-AGR-2024-017", "2024-02-01", "2027-01-31")
	wantCode(t, s.CreateAgency(ctx, dup), mobilite.ECONFLICT)
	must(t, s.CreateLicenceEvent(ctx, &mobilite.LicenceEvent{AgencyID: a.ID, Kind: mobilite.LicenceGrant, Date: a.GrantedOn,
		ExpiresOn: a.ExpiresOn, RecordedBy: 0, CreatedAt: t0}))
	// Same day: the order recorded is kept.
	must(t, s.CreateLicenceEvent(ctx, &mobilite.LicenceEvent{AgencyID: a.ID, Kind: mobilite.LicenceSuspension, Date: day("2025-05-05"),
		Reason: "frais illégaux", CreatedAt: t0}))
	must(t, s.CreateLicenceEvent(ctx, &mobilite.LicenceEvent{AgencyID: a.ID, Kind: mobilite.LicenceReinstatement, Date: day("2025-05-05"),
		CreatedAt: t0}))
	wantCode(t, s.CreateLicenceEvent(ctx, &mobilite.LicenceEvent{AgencyID: a.ID + 1000, Kind: mobilite.LicenceRevocation,
		Date: day("2025-06-01"), Reason: "x", CreatedAt: t0}), mobilite.ENOTFOUND)

	got, err := s.FindAgencyByLicence(ctx, " tg-agr-2024-017 ")
	must(t, err)
	if got.ID != a.ID || got.Name != "Agence Espoir" || got.Phone != "+22890000017" || !got.GrantedOn.Equal(day("2024-02-01")) ||
		!got.ExpiresOn.Equal(day("2027-01-31")) || !got.CreatedAt.Equal(t0) || got.Source != mobilite.RegulationFromForm {
		t.Fatalf("round trip: %+v", got)
	}
	var kinds []string
	for _, e := range got.Events {
		kinds = append(kinds, e.Kind)
	}
	if strings.Join(kinds, ",") != "granted,suspended,reinstated" || got.Events[1].Reason != "frais illégaux" ||
		!got.Events[0].ExpiresOn.Equal(day("2027-01-31")) || !got.Events[1].ExpiresOn.IsZero() {
		t.Fatalf("history: %v %+v", kinds, got.Events)
	}
	_, err = s.FindAgency(ctx, a.ID+1000)
	wantCode(t, err, mobilite.ENOTFOUND)

	got.Name, got.SearchKey, got.Region, got.ExpiresOn, got.UpdatedAt = "Agence Espoir Plus", "agence espoir plus tg agr 2024 017", "TG-K", day("2028-01-31"), t0.Add(time.Hour)
	must(t, s.UpdateAgency(ctx, got))
	again, err := s.FindAgency(ctx, a.ID)
	must(t, err)
	if again.Name != "Agence Espoir Plus" || again.Region != "TG-K" || !again.ExpiresOn.Equal(day("2028-01-31")) || len(again.Events) != 3 {
		t.Fatalf("after update: %+v", again)
	}
	wantCode(t, s.UpdateAgency(ctx, &mobilite.Agency{ID: a.ID + 1000, Name: "x", Licence: "TG-X-1", GrantedOn: t0, ExpiresOn: t0}), mobilite.ENOTFOUND)
	other := NewAgency("Bureau Horizon", "TG-AGR-2023-002", "2023-01-01", "2026-01-01")
	must(t, s.CreateAgency(ctx, other))
	other.Licence = "TG-AGR-2024-017"
	wantCode(t, s.UpdateAgency(ctx, other), mobilite.ECONFLICT)
	must(t, s.CreateAgency(ctx, NewAgency("Bureau 100% Emploi_Plus", "TG-AGR-2023-100", "2023-01-01", "2026-01-01")))

	for _, tc := range []struct {
		words  []string
		region string
		want   []string
	}{
		{nil, "", []string{"Agence Espoir Plus", "Bureau 100% Emploi_Plus", "Bureau Horizon"}},
		{[]string{"espoir"}, "", []string{"Agence Espoir Plus"}},
		{[]string{"plus", "espoir"}, "", []string{"Agence Espoir Plus"}},
		{[]string{"bureau"}, "", []string{"Bureau 100% Emploi_Plus", "Bureau Horizon"}},
		{[]string{"2023"}, "", []string{"Bureau 100% Emploi_Plus", "Bureau Horizon"}},
		{[]string{"tg", "agr", "2024", "017"}, "", []string{"Agence Espoir Plus"}},
		{[]string{"espoir"}, "TG-M", nil},
		{[]string{"%"}, "", []string{"Bureau 100% Emploi_Plus"}}, // LIKE's wildcards are plain characters
		{[]string{"_"}, "", []string{"Bureau 100% Emploi_Plus"}},
		{[]string{"nulle", "part"}, "", nil},
	} {
		found, total, err := s.FindAgencies(ctx, mobilite.AgencyFilter{Words: tc.words, Region: tc.region})
		must(t, err)
		var names []string
		for _, f := range found {
			names = append(names, f.Name)
		}
		if strings.Join(names, "|") != strings.Join(tc.want, "|") || total != len(tc.want) {
			t.Errorf("FindAgencies(%q, %q) = %q (%d), want %q", tc.words, tc.region, names, total, tc.want)
		}
		if len(found) > 0 && found[0].Name == "Agence Espoir Plus" && len(found[0].Events) != 3 {
			t.Errorf("FindAgencies(%q): the history is not filled: %+v", tc.words, found[0].Events)
		}
	}
	page, total, err := s.FindAgencies(ctx, mobilite.AgencyFilter{Offset: 1, Limit: 1})
	must(t, err)
	if total != 3 || len(page) != 1 || page[0].Name != "Bureau 100% Emploi_Plus" {
		t.Errorf("second page: %d %+v", total, page)
	}
}

// CountLicences counts through the register's datasets (CountFlowsBatch) the licences valid on
// the day before to, and the suspensions and revocations dated in [from, to).
func CountLicences(s mobilite.Store, from, to time.Time) (valid, suspended, revoked int, err error) {
	out, err := s.CountFlowsBatch(ctx, []mobilite.FlowQuery{{Dataset: "licences", From: from, To: to},
		{Dataset: "licence_events", From: from, To: to, GroupBy: []string{"kind"}}})
	if err != nil {
		return 0, 0, 0, err
	}
	for _, r := range out[0] {
		valid += r.Count
	}
	for _, r := range out[1] {
		switch r.Keys[0] {
		case mobilite.LicenceSuspension:
			suspended += r.Count
		case mobilite.LicenceRevocation:
			revoked += r.Count
		}
	}
	return valid, suspended, revoked, nil
}

// testCountLicences checks the datasets licences and licence_events against counts made by hand.
func testCountLicences(t *testing.T, s mobilite.Store) {
	agencyWith(t, s, "A", "2024-01-10", "2026-01-09")                                                  // valid in 2025, expired in 2026
	agencyWith(t, s, "B", "2023-03-01", "2025-06-30")                                                  // expired
	agencyWith(t, s, "C", "2023-03-01", "2025-06-30", "renewed 2025-06-15 2027-06-30")                 // valid
	agencyWith(t, s, "D", "2024-01-01", "2027-01-01", "suspended 2025-03-01")                          // suspended
	agencyWith(t, s, "E", "2024-01-01", "2027-01-01", "suspended 2024-11-01", "reinstated 2025-02-01") // valid
	agencyWith(t, s, "F", "2024-01-01", "2027-01-01", "suspended 2025-04-01", "revoked 2025-09-01")    // revoked
	agencyWith(t, s, "G", "2026-02-01", "2028-01-31")                                                  // not yet in 2025
	agencyWith(t, s, "H", "2024-01-01", "2025-12-31")                                                  // valid on its last day
	agencyWith(t, s, "I", "2024-01-01", "2027-01-01", "revoked 2026-01-01")                            // revoked the day after 2025
	agencyWith(t, s, "J", "2024-01-01", "2027-01-01", "suspended 2024-12-31")                          // suspended before 2025
	agencyWith(t, s, "K", "2024-01-01", "2027-01-01", "suspended 2025-05-05", "reinstated 2025-05-05") // same day: reinstated last
	for _, tc := range []struct {
		from, to                  string
		valid, suspended, revoked int
	}{
		{"2025-01-01", "2026-01-01", 6, 3, 1}, // on 2025-12-31 A C E H I K; suspended D F K; revoked F
		{"2026-01-01", "2027-01-01", 4, 0, 1}, // on 2026-12-31 C E G K; revoked I
		{"2025-01-01", "2025-01-02", 8, 0, 0}, // on 2025-01-01 A B C D F H I K (E and J suspended, G not yet)
		{"2024-01-01", "2024-01-02", 9, 0, 0}, // on 2024-01-01 B C D E F H I J K (A and G later)
		{"2023-01-01", "2023-03-01", 0, 0, 0}, // before any grant
	} {
		v, su, re, err := CountLicences(s, day(tc.from), day(tc.to))
		must(t, err)
		want := [3]int{tc.valid, tc.suspended, tc.revoked}
		if got := [3]int{v, su, re}; got != want {
			t.Errorf("CountLicences [%s, %s) = %v, want %v", tc.from, tc.to, got, want)
		}
	}
}

// NewComplaint returns a valid anonymous complaint received at at.
func NewComplaint(reference string, at time.Time) *mobilite.Complaint {
	return &mobilite.Complaint{Reference: reference, CodeHash: "hash-" + reference, Category: mobilite.ComplaintFees,
		Account: "On m'a demandé 300 000 francs pour un visa qui n'est jamais venu.", Status: mobilite.ComplaintReceived,
		Source: mobilite.RegulationFromForm, ReceivedAt: at, UpdatedAt: at}
}

func testComplaints(t *testing.T, s mobilite.Store) {
	a := NewAgency("Agence Espoir", "TG-AGR-2024-017", "2024-02-01", "2027-01-31")
	must(t, s.CreateAgency(ctx, a))
	c := NewComplaint("PL-2026-ABC234", t0)
	c.AgencyID, c.AgencyName, c.Destination, c.Sex = a.ID, a.Name, "QAT", "F"
	c.ContactName, c.ContactPhone, c.ContactConsent = "Ama", "+22890112233", true
	must(t, s.CreateComplaint(ctx, c))
	if c.ID == 0 {
		t.Fatal("no id set")
	}
	wantCode(t, s.CreateComplaint(ctx, NewComplaint("PL-2026-ABC234", t0)), mobilite.ECONFLICT)
	// The engine refuses contact details without consent, whatever the code above it does.
	bad := NewComplaint("PL-2026-ZZZ999", t0)
	bad.ContactPhone = "+22890112233"
	if err := s.CreateComplaint(ctx, bad); err == nil {
		t.Fatal("a complaint with a phone and no consent was stored")
	}

	got, err := s.FindComplaintByReference(ctx, "pl-2026-abc234")
	must(t, err)
	if got.ID != c.ID || got.AgencyID != a.ID || got.ContactPhone != "+22890112233" || !got.ContactConsent || got.Sex != "F" ||
		!got.ReceivedAt.Equal(t0) || !got.ClosedAt.IsZero() || got.CodeHash != "hash-PL-2026-ABC234" || len(got.Events) != 0 {
		t.Fatalf("round trip: %+v", got)
	}
	_, err = s.FindComplaintByReference(ctx, "PL-2026-NOPE22")
	wantCode(t, err, mobilite.ENOTFOUND)

	got.Status, got.ReferredTo, got.PublicAnswer = mobilite.ComplaintReferred, "police", "Transmise à la police."
	got.UpdatedAt = t0.Add(time.Hour)
	must(t, s.UpdateComplaint(ctx, got))
	must(t, s.CreateComplaintEvent(ctx, &mobilite.ComplaintEvent{ComplaintID: c.ID, At: t0.Add(time.Hour), Actor: "inspection@x.tg",
		FromStatus: mobilite.ComplaintReceived, ToStatus: mobilite.ComplaintReferred, ReferredTo: "police", Note: "urgent"}))
	got.Status, got.ClosedAt, got.UpdatedAt = mobilite.ComplaintResolved, t0.Add(2*time.Hour), t0.Add(2*time.Hour)
	must(t, s.UpdateComplaint(ctx, got))
	must(t, s.CreateComplaintEvent(ctx, &mobilite.ComplaintEvent{ComplaintID: c.ID, At: t0.Add(2 * time.Hour), Actor: "inspection@x.tg",
		FromStatus: mobilite.ComplaintReferred, ToStatus: mobilite.ComplaintResolved}))
	again, err := s.FindComplaint(ctx, c.ID)
	must(t, err)
	if again.Status != mobilite.ComplaintResolved || again.ReferredTo != "police" || !again.ClosedAt.Equal(t0.Add(2*time.Hour)) ||
		len(again.Events) != 2 || again.Events[0].Note != "urgent" || again.Events[1].ToStatus != mobilite.ComplaintResolved {
		t.Fatalf("after update: %+v %+v", again, again.Events)
	}
	wantCode(t, s.UpdateComplaint(ctx, &mobilite.Complaint{ID: c.ID + 1000, Status: mobilite.ComplaintResolved}), mobilite.ENOTFOUND)

	for i := range 4 {
		o := NewComplaint(fmt.Sprintf("PL-2026-QUEUE%d", i), t0.Add(time.Duration(i+1)*time.Minute))
		if i%2 == 1 {
			o.Category = mobilite.ComplaintTrafficking
		}
		must(t, s.CreateComplaint(ctx, o))
	}
	for _, tc := range []struct {
		f    mobilite.ComplaintFilter
		want []string
	}{
		{mobilite.ComplaintFilter{}, []string{"PL-2026-QUEUE3", "PL-2026-QUEUE2", "PL-2026-QUEUE1", "PL-2026-QUEUE0", "PL-2026-ABC234"}},
		{mobilite.ComplaintFilter{Statuses: mobilite.ComplaintOpenStatuses}, []string{"PL-2026-QUEUE3", "PL-2026-QUEUE2", "PL-2026-QUEUE1", "PL-2026-QUEUE0"}},
		{mobilite.ComplaintFilter{Statuses: []string{mobilite.ComplaintResolved}}, []string{"PL-2026-ABC234"}},
		{mobilite.ComplaintFilter{Category: mobilite.ComplaintTrafficking}, []string{"PL-2026-QUEUE3", "PL-2026-QUEUE1"}},
		{mobilite.ComplaintFilter{AgencyID: a.ID}, []string{"PL-2026-ABC234"}},
		{mobilite.ComplaintFilter{Offset: 1, Limit: 2}, []string{"PL-2026-QUEUE2", "PL-2026-QUEUE1"}},
	} {
		found, total, err := s.FindComplaints(ctx, tc.f)
		must(t, err)
		var refs []string
		for _, f := range found {
			refs = append(refs, f.Reference)
		}
		wantTotal := len(tc.want)
		if tc.f.Limit > 0 {
			wantTotal = 5
		}
		if strings.Join(refs, " ") != strings.Join(tc.want, " ") || total != wantTotal {
			t.Errorf("FindComplaints(%+v) = %v (%d), want %v", tc.f, refs, total, tc.want)
		}
	}
}

// testCountComplaints checks the dataset complaints against counts made by hand.
func testCountComplaints(t *testing.T, s mobilite.Store) {
	at := func(v string) time.Time {
		t, err := time.Parse(time.RFC3339Nano, v)
		if err != nil {
			panic(err)
		}
		return t
	}
	for i, c := range []struct{ at, category, sex, dest, status string }{
		{"2024-12-31T23:59:59Z", mobilite.ComplaintFees, "F", "BEL", mobilite.ComplaintReceived}, // before the period
		{"2025-01-01T00:00:00Z", mobilite.ComplaintFees, "F", "QAT", mobilite.ComplaintUnderReview},
		{"2025-03-10T12:00:00Z", mobilite.ComplaintTrafficking, "M", "LBN", mobilite.ComplaintReferred},
		{"2025-06-01T08:30:00Z", mobilite.ComplaintFees, "", "", mobilite.ComplaintReceived},
		{"2025-12-31T23:59:59.999Z", mobilite.ComplaintDocuments, "F", "QAT", mobilite.ComplaintResolved},
		{"2026-01-01T00:00:00Z", mobilite.ComplaintFees, "M", "QAT", mobilite.ComplaintReceived}, // after it
	} {
		x := NewComplaint(fmt.Sprintf("PL-2025-COUNT%d", i), at(c.at))
		x.Category, x.Sex, x.Destination, x.Status = c.category, c.sex, c.dest, c.status
		if c.status == mobilite.ComplaintReferred {
			x.ReferredTo = "police"
		}
		must(t, s.CreateComplaint(ctx, x))
	}
	from, to := day("2025-01-01"), day("2026-01-01")
	for _, tc := range []struct {
		by   string
		want map[string]int
	}{
		{"", map[string]int{"": 4}},
		{"category", map[string]int{"recruitment_fees": 2, "trafficking": 1, "documents_retained": 1}},
		{"sex", map[string]int{"F": 2, "M": 1, "": 1}},
		{"destination", map[string]int{"QAT": 2, "LBN": 1, "": 1}},
		{"status", map[string]int{"received": 1, "under_review": 1, "referred": 1, "resolved": 1}},
	} {
		q := mobilite.FlowQuery{Dataset: "complaints", From: from, To: to}
		if tc.by != "" {
			q.GroupBy = []string{tc.by}
		}
		rows, err := s.CountFlows(ctx, q)
		must(t, err)
		got := map[string]int{}
		for _, r := range rows {
			if len(r.Keys) != len(q.GroupBy) {
				t.Errorf("by %q: keys %q", tc.by, r.Keys)
			}
			got[strings.Join(r.Keys, "|")] = r.Count
		}
		if fmt.Sprint(got) != fmt.Sprint(tc.want) {
			t.Errorf("complaints by %q = %v, want %v", tc.by, got, tc.want)
		}
	}
	rows, err := s.CountFlows(ctx, mobilite.FlowQuery{Dataset: "complaints", From: day("2030-01-01"), To: day("2031-01-01")})
	must(t, err)
	if len(rows) != 1 || rows[0].Count != 0 {
		t.Errorf("an empty period: %+v", rows)
	}
	_, err = s.CountFlows(ctx, mobilite.FlowQuery{Dataset: "complaints", From: from, To: to, GroupBy: []string{"agency_name; DROP TABLE complaints"}})
	wantCode(t, err, mobilite.EINVALID)
}
