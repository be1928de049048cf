package regulation_test

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/ref"
	"mobilite/internal/regulation"
	"mobilite/internal/store/storetest"
)

var (
	ctx  = context.Background()
	refs = ref.MustLoad()
	now  = time.Date(2026, 3, 14, 9, 26, 53, 0, time.UTC)
)

type fixture struct {
	svc                                  *regulation.Service
	store                                mobilite.Store
	admin, inspector, counsellor, seeker *mobilite.User
}

func setup(t *testing.T, engine string) *fixture {
	t.Helper()
	s := storetest.Open(t, engine)
	f := &fixture{svc: &regulation.Service{Store: s, Ref: refs, Now: func() time.Time { return now }}, store: s}
	for _, u := range []struct {
		p    **mobilite.User
		role mobilite.Role
	}{{&f.admin, mobilite.RoleAdmin}, {&f.inspector, mobilite.RoleInspector}, {&f.counsellor, mobilite.RoleCounsellor}, {&f.seeker, mobilite.RoleSeeker}} {
		*u.p = storetest.NewUser(string(u.role)+"@example.tg", u.role)
		if err := s.CreateUser(ctx, *u.p); err != nil {
			t.Fatal(err)
		}
	}
	return f
}

func wantFields(t *testing.T, what string, err error, fields ...string) {
	t.Helper()
	var got []string
	for _, f := range mobilite.ErrorFields(err) {
		got = append(got, f.Field+"="+f.Key)
	}
	for _, want := range fields {
		found := false
		for _, g := range got {
			found = found || g == want
		}
		if !found {
			t.Errorf("%s: want %s among the errors, got %v (%v)", what, want, got, err)
		}
	}
	if len(fields) == 0 && err != nil {
		t.Errorf("%s: %v", what, err)
	}
}

func audits(t *testing.T, s mobilite.Store, action string) int {
	t.Helper()
	_, n, err := s.FindAuditEntries(ctx, mobilite.AuditFilter{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestAgencies(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			f := setup(t, engine)
			in := regulation.AgencyInput{Name: "  Agence   Espoir ", Licence: "tg agr 2024 017", Region: "tg-m", Phone: "90 00 00 17",
				Email: "Contact@Espoir.example", GrantedOn: "2024-02-01", ExpiresOn: "2027-01-31"}
			if _, err := f.svc.CreateAgency(ctx, f.seeker, in, mobilite.RegulationFromForm); mobilite.ErrorCode(err) != mobilite.EFORBIDDEN {
				t.Errorf("a seeker created an agency: %v", err)
			}
			if _, err := f.svc.CreateAgency(ctx, f.counsellor, in, mobilite.RegulationFromForm); mobilite.ErrorCode(err) != mobilite.EFORBIDDEN {
				t.Errorf("a counsellor created an agency: %v", err)
			}
			a, err := f.svc.CreateAgency(ctx, f.inspector, in, mobilite.RegulationFromForm)
			if err != nil {
				t.Fatal(err)
			}
			if a.Name != "Agence Espoir" || a.Licence != "TG-AGR-2024-017" || a.Region != "TG-M" || a.Phone != "+22890000017" ||
				a.Email != "contact@espoir.example" || a.SearchKey != "agence espoir tg agr 2024 017" || len(a.Events) != 1 {
				t.Fatalf("created %+v", a)
			}
			if n := audits(t, f.store, "agency.create"); n != 1 {
				t.Errorf("%d agency.create entries", n)
			}
			_, err = f.svc.CreateAgency(ctx, f.admin, in, mobilite.RegulationFromForm)
			wantFields(t, "same licence", err, "licence=agency.licence.taken")
			_, err = f.svc.CreateAgency(ctx, f.admin, regulation.AgencyInput{Name: "X", Licence: "12", Region: "TG-Z",
				Phone: "abc", Email: "nope", GrantedOn: "2026-12-01", ExpiresOn: "2026-01-01"}, mobilite.RegulationFromForm)
			wantFields(t, "bad agency", err, "name=agency.name.required", "licence=agency.licence.invalid",
				"region=agency.region.required", "phone=user.phone.invalid", "email=user.email.invalid",
				"granted_on=agency.date.future", "expires_on=agency.expiry.invalid")
			_, err = f.svc.CreateAgency(ctx, f.admin, regulation.AgencyInput{Name: "Agence", Licence: "TG-AGR-2024-099",
				Region: "TG-M", GrantedOn: "01/02/2024"}, mobilite.RegulationFromForm)
			wantFields(t, "bad dates", err, "granted_on=flow.date.invalid", "expires_on=agency.date.required")

			in.Name, in.Region = "Agence Espoir Kara", "TG-K"
			up, err := f.svc.UpdateAgency(ctx, f.inspector, a.ID, in)
			if err != nil || up.Name != "Agence Espoir Kara" || up.SearchKey != "agence espoir kara tg agr 2024 017" || !up.ExpiresOn.Equal(a.ExpiresOn) {
				t.Fatalf("update: %+v %v", up, err)
			}
			if _, err := f.svc.UpdateAgency(ctx, f.inspector, a.ID+99, in); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Errorf("update of a missing agency: %v", err)
			}

			add := func(kind, date, expires, reason string) error {
				_, err := f.svc.AddEvent(ctx, f.inspector, a.ID, regulation.EventInput{Kind: kind, Date: date, ExpiresOn: expires, Reason: reason})
				return err
			}
			wantFields(t, "reinstating a valid licence", add("reinstated", "2025-01-01", "", ""), "kind=agency.event.not_allowed.valid")
			wantFields(t, "suspension without a reason", add("suspended", "2025-01-01", "", " "), "reason=agency.reason.required")
			wantFields(t, "a second grant", add("granted", "2025-01-01", "2030-01-01", ""), "kind=agency.event.kind.invalid")
			wantFields(t, "an event before the grant", add("suspended", "2023-01-01", "", "x"), "date=agency.date.before_last")
			wantFields(t, "an event tomorrow", add("suspended", "2026-03-15", "", "x"), "date=agency.date.future")
			wantFields(t, "no kind", add("", "2025-01-01", "", ""), "kind=agency.event.kind.invalid")
			wantFields(t, "suspension", add("suspended", "2025-01-01", "", "Frais demandés aux travailleurs"))
			wantFields(t, "renewal while suspended", add("renewed", "2025-02-01", "2029-01-31", ""), "kind=agency.event.not_allowed.suspended")
			wantFields(t, "reinstatement", add("reinstated", "2025-02-01", "", ""))
			wantFields(t, "renewal with an earlier expiry", add("renewed", "2025-03-01", "2026-01-31", ""), "expires_on=agency.expiry.not_later")
			wantFields(t, "renewal without an expiry", add("renewed", "2025-03-01", "", ""), "expires_on=agency.date.required")
			wantFields(t, "renewal", add("renewed", "2025-03-01", "2029-01-31", ""))
			wantFields(t, "revocation", add("revoked", "2026-03-14", "", "Travail forcé"))
			wantFields(t, "after the revocation", add("reinstated", "2026-03-14", "", ""), "kind=agency.event.not_allowed.revoked")
			if _, err := f.svc.AddEvent(ctx, f.counsellor, a.ID, regulation.EventInput{Kind: "revoked", Date: "2026-03-14", Reason: "x"}); mobilite.ErrorCode(err) != mobilite.EFORBIDDEN {
				t.Errorf("a counsellor added an event: %v", err)
			}
			if _, err := f.svc.AddEvent(ctx, f.inspector, a.ID+99, regulation.EventInput{Kind: "revoked", Date: "2026-03-14", Reason: "x"}); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Errorf("an event of a missing agency: %v", err)
			}
			got, err := f.store.FindAgency(ctx, a.ID)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Events) != 5 || !got.ExpiresOn.Equal(time.Date(2029, 1, 31, 0, 0, 0, 0, time.UTC)) {
				t.Errorf("after the events: %d events, expires %s", len(got.Events), got.ExpiresOn)
			}
			if st := regulation.StatusAt(got.Events, now); st != mobilite.LicenceRevoked {
				t.Errorf("status today = %s", st)
			}
			if n := audits(t, f.store, "agency.event"); n != 4 {
				t.Errorf("%d agency.event entries, want 4", n)
			}

			for _, q := range []string{"agence espoir", "ESPOIR", "espoir kara", "tg-agr-2024-017", "TG AGR 2024"} {
				found, n, err := f.svc.Search(ctx, q, "", 0, 10)
				if err != nil || n != 1 || found[0].ID != a.ID || len(found[0].Events) != 5 {
					t.Errorf("Search(%q) = %d %v", q, n, err)
				}
			}
			if _, n, _ := f.svc.Search(ctx, "espoir", "TG-M", 0, 10); n != 0 {
				t.Errorf("Search in the wrong region found %d", n)
			}
			for text, want := range map[string]int64{
				"TG-AGR-2024-017": a.ID, "tg-agr-2024-017 — Agence Espoir Kara": a.ID, "agence ESPOIR kara": a.ID,
				"Agence Espoir": 0, "Passeurs sans frontières": 0, "": 0,
			} {
				got, err := f.svc.Resolve(ctx, text)
				switch {
				case want == 0 && mobilite.ErrorCode(err) != mobilite.ENOTFOUND:
					t.Errorf("Resolve(%q) = %v, %v; want not found", text, got, err)
				case want != 0 && (err != nil || got.ID != want):
					t.Errorf("Resolve(%q) = %v, %v", text, got, err)
				}
			}
		})
	}
}

// TestStatusAgreesWithCount builds random licence histories through the service and checks,
// at many dates, that the store's datasets licences and licence_events count as valid exactly the licences StatusAt
// says are valid, and counts the suspensions and revocations of the history.
func TestStatusAgreesWithCount(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			f := setup(t, engine)
			f.svc.Now = func() time.Time { return time.Date(2031, 1, 1, 0, 0, 0, 0, time.UTC) }
			r := rand.New(rand.NewPCG(7, 11))
			start := time.Date(2022, 1, 1, 0, 0, 0, 0, time.UTC)
			var all []*mobilite.Agency
			kinds := map[string]int{}
			for i := range 40 {
				granted := start.AddDate(0, 0, r.IntN(1500))
				a, err := f.svc.CreateAgency(ctx, f.inspector, regulation.AgencyInput{Name: fmt.Sprintf("Agence %d", i),
					Licence: fmt.Sprintf("TG-AGR-%d-%03d", granted.Year(), i), Region: "TG-P",
					GrantedOn: granted.Format("2006-01-02"), ExpiresOn: granted.AddDate(0, 6+r.IntN(30), 0).Format("2006-01-02")}, mobilite.RegulationFromForm)
				if err != nil {
					t.Fatal(err)
				}
				on := granted
				for range r.IntN(6) {
					if r.IntN(5) > 0 { // else a second event on the same day
						on = on.AddDate(0, 0, 1+r.IntN(200))
					}
					st := regulation.StatusAt(a.Events, on)
					next := regulation.EventsAllowed(st)
					if len(next) == 0 {
						break
					}
					kind := next[r.IntN(len(next))]
					in := regulation.EventInput{Kind: kind, Date: on.Format("2006-01-02"), Reason: "motif"}
					if kind == mobilite.LicenceRenewal {
						in.ExpiresOn = regulation.ExpiryAt(a.Events, on).AddDate(1+r.IntN(3), 0, 0).Format("2006-01-02")
					}
					e, err := f.svc.AddEvent(ctx, f.inspector, a.ID, in)
					if err != nil {
						t.Fatalf("agency %d: %s on %s from %s: %v", i, kind, in.Date, st, err)
					}
					a.Events = append(a.Events, e)
					kinds[kind]++
					if n := len(a.Events); a.Events[n-2].Date.Equal(e.Date) {
						kinds["same day"]++
					}
				}
				all = append(all, a)
			}
			// The histories hold every kind of event, and events sharing a day.
			if len(kinds) != 5 {
				t.Fatalf("the random histories are too poor: %v", kinds)
			}
			for day := start; day.Before(time.Date(2030, 6, 1, 0, 0, 0, 0, time.UTC)); day = day.AddDate(0, 0, 37) {
				from, to := day.AddDate(-1, 0, 0), day.AddDate(0, 0, 1)
				var want [3]int
				for _, a := range all {
					if regulation.StatusAt(a.Events, day) == mobilite.LicenceValid {
						want[0]++
					}
					for _, e := range a.Events {
						if !e.Date.Before(from) && e.Date.Before(to) {
							want[1] += map[bool]int{true: 1}[e.Kind == mobilite.LicenceSuspension]
							want[2] += map[bool]int{true: 1}[e.Kind == mobilite.LicenceRevocation]
						}
					}
				}
				v, s, rv, err := storetest.CountLicences(f.store, from, to)
				if err != nil {
					t.Fatal(err)
				}
				if got := [3]int{v, s, rv}; got != want {
					t.Fatalf("on %s: the store counts %v, StatusAt and the history say %v", day.Format("2006-01-02"), got, want)
				}
			}
		})
	}
}

func TestComplaints(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			f := setup(t, engine)
			a, err := f.svc.CreateAgency(ctx, f.inspector, regulation.AgencyInput{Name: "Agence Espoir", Licence: "TG-AGR-2024-017",
				Region: "TG-M", GrantedOn: "2024-02-01", ExpiresOn: "2027-01-31"}, mobilite.RegulationFromForm)
			if err != nil {
				t.Fatal(err)
			}
			const story = "On m'a demandé 300 000 francs pour un visa de travail au Liban."
			_, _, err = f.svc.File(ctx, nil, regulation.ComplaintInput{Category: "bribes", Account: "trop court", Destination: "Atlantide",
				Sex: "X", ContactPhone: "90 11 22 33"}, "192.0.2.1")
			wantFields(t, "bad complaint", err, "category=complaint.category.required", "account=complaint.account.short",
				"destination=flow.country.invalid", "sex=complaint.sex.invalid", "consent=complaint.consent.required")
			_, _, err = f.svc.File(ctx, nil, regulation.ComplaintInput{Category: "wages_unpaid", Account: story, Consent: true}, "192.0.2.1")
			wantFields(t, "consent without a contact", err, "contact_phone=complaint.contact.missing")
			_, _, err = f.svc.File(ctx, nil, regulation.ComplaintInput{Category: "wages_unpaid", Account: story, Consent: true,
				ContactPhone: "12", ContactEmail: "x@"}, "192.0.2.1")
			wantFields(t, "bad contact", err, "contact_phone=user.phone.invalid", "contact_email=user.email.invalid")

			c, code, err := f.svc.File(ctx, f.seeker, regulation.ComplaintInput{Category: "recruitment_fees", Agency: "tg-agr-2024-017 — Agence Espoir",
				Destination: "Liban", Sex: "F", Account: story, ContactName: "Ama", ContactPhone: "90 11 22 33", Consent: true}, "192.0.2.1")
			if err != nil {
				t.Fatal(err)
			}
			if c.AgencyID != a.ID || c.AgencyName != "Agence Espoir" || c.Destination != "LBN" || c.ContactPhone != "+22890112233" ||
				c.Status != mobilite.ComplaintReceived || c.Source != mobilite.RegulationFromForm || c.FiledBy != 0 || len(code) != 12 ||
				c.CodeHash == code || len(c.Reference) != 14 {
				t.Fatalf("filed %+v (code %q)", c, code)
			}
			if n := audits(t, f.store, "complaint.create"); n != 0 {
				t.Errorf("a public complaint was audited as a staff write: %d", n)
			}
			free, _, err := f.svc.File(ctx, nil, regulation.ComplaintInput{Category: "unlicensed_recruiter", Agency: "  Passeurs   Express ",
				Account: story}, "192.0.2.1")
			if err != nil || free.AgencyID != 0 || free.AgencyName != "Passeurs Express" || free.HasContact() {
				t.Fatalf("free name: %+v %v", free, err)
			}
			byName, _, err := f.svc.File(ctx, nil, regulation.ComplaintInput{Category: "other", Agency: "AGENCE ESPOIR", Account: story}, "192.0.2.1")
			if err != nil || byName.AgencyID != a.ID {
				t.Fatalf("by name: %+v %v", byName, err)
			}

			got, err := f.svc.Follow(ctx, " "+c.Reference+" ", code)
			if err != nil || got.ID != c.ID {
				t.Fatalf("follow: %v", err)
			}
			// A wrong code differs from the right one in its last character, whatever that is.
			wrong := code[:11] + "2"
			if code[11] == '2' {
				wrong = code[:11] + "3"
			}
			for _, bad := range [][2]string{{c.Reference, wrong}, {c.Reference, ""}, {free.Reference, code}, {"", code}} {
				if _, err := f.svc.Follow(ctx, bad[0], bad[1]); mobilite.ErrorKey(err) != "complaint.follow.not_found" {
					t.Errorf("Follow(%q, %q) = %v", bad[0], bad[1], err)
				}
			}

			// Five complaints an hour from one address; staff at an office are not limited.
			for i := 3; i < regulation.MaxComplaintsPerHour; i++ {
				if _, _, err := f.svc.File(ctx, nil, regulation.ComplaintInput{Category: "other", Account: story}, "192.0.2.1"); err != nil {
					t.Fatal(err)
				}
			}
			if _, _, err := f.svc.File(ctx, nil, regulation.ComplaintInput{Category: "other", Account: story}, "192.0.2.1"); mobilite.ErrorCode(err) != mobilite.ETHROTTLED {
				t.Errorf("complaint past the limit: %v", err)
			}
			if _, _, err := f.svc.File(ctx, nil, regulation.ComplaintInput{Category: "other", Account: story}, "192.0.2.2"); err != nil {
				t.Errorf("another address: %v", err)
			}
			office, _, err := f.svc.File(audit.WithIP(ctx, "192.0.2.1"), f.counsellor, regulation.ComplaintInput{Category: "wages_unpaid", Account: story}, "192.0.2.1")
			if err != nil || office.Source != mobilite.RegulationFromOffice || office.FiledBy != f.counsellor.ID {
				t.Fatalf("filed at an office: %+v %v", office, err)
			}
			if n := audits(t, f.store, "complaint.create"); n != 1 {
				t.Errorf("%d complaint.create entries, want 1 (the counsellor's)", n)
			}

			// Reading a complaint with contact details is logged; without, it is not.
			if _, err := f.svc.Read(ctx, f.counsellor, c.ID); mobilite.ErrorCode(err) != mobilite.EFORBIDDEN {
				t.Errorf("a counsellor read a complaint: %v", err)
			}
			if _, err := f.svc.Read(ctx, f.inspector, free.ID); err != nil {
				t.Fatal(err)
			}
			if n := audits(t, f.store, "complaint.read"); n != 0 {
				t.Errorf("reading an anonymous complaint was logged")
			}
			if _, err := f.svc.Read(ctx, f.inspector, c.ID); err != nil {
				t.Fatal(err)
			}
			if n := audits(t, f.store, "complaint.read"); n != 1 {
				t.Errorf("%d complaint.read entries, want 1", n)
			}

			update := func(ch regulation.Change) (*mobilite.Complaint, error) {
				return f.svc.Update(ctx, f.inspector, c.ID, ch)
			}
			_, err = update(regulation.Change{Status: "resolved"})
			wantFields(t, "received to resolved", err, "status=complaint.status.transition")
			_, err = update(regulation.Change{})
			wantFields(t, "nothing", err, "status=complaint.update.empty")
			_, err = update(regulation.Change{Status: "referred"})
			wantFields(t, "referred nowhere", err, "referred_to=complaint.referred_to.required")
			_, err = update(regulation.Change{Status: "referred", ReferredTo: "interpol"})
			wantFields(t, "referred to an unknown body", err, "referred_to=complaint.referred_to.required")
			if _, err := f.svc.Update(ctx, f.seeker, c.ID, regulation.Change{Status: "under_review"}); mobilite.ErrorCode(err) != mobilite.EFORBIDDEN {
				t.Errorf("a seeker updated a complaint: %v", err)
			}
			if _, err := update(regulation.Change{Status: "under_review", Note: "Appeler la plaignante"}); err != nil {
				t.Fatal(err)
			}
			if _, err := update(regulation.Change{Status: "referred", ReferredTo: "anti_trafficking", PublicAnswer: "Transmise à l'unité de lutte contre la traite."}); err != nil {
				t.Fatal(err)
			}
			done, err := update(regulation.Change{Status: "resolved", PublicAnswer: "L'agence a remboursé les frais."})
			if err != nil {
				t.Fatal(err)
			}
			if !done.ClosedAt.Equal(now) || done.Status != mobilite.ComplaintResolved || done.ReferredTo != "anti_trafficking" {
				t.Errorf("resolved: %+v", done)
			}
			reopened, err := update(regulation.Change{Status: "under_review"})
			if err != nil || !reopened.ClosedAt.IsZero() {
				t.Errorf("reopened: %+v %v", reopened, err)
			}
			if _, err := update(regulation.Change{Note: "Note seule"}); err != nil {
				t.Errorf("a note alone: %v", err)
			}
			final, err := f.store.FindComplaint(ctx, c.ID)
			if err != nil {
				t.Fatal(err)
			}
			var moves []string
			for _, e := range final.Events {
				moves = append(moves, e.FromStatus+">"+e.ToStatus)
				if e.ActorID != f.inspector.ID || e.Actor != "inspector@example.tg" || !e.At.Equal(now) {
					t.Errorf("event without who or when: %+v", e)
				}
			}
			want := []string{"received>under_review", "under_review>referred", "referred>resolved", "resolved>under_review", "under_review>under_review"}
			if !slices.Equal(moves, want) || final.Events[0].Note != "Appeler la plaignante" || final.Events[1].ReferredTo != "anti_trafficking" ||
				final.PublicAnswer != "L'agence a remboursé les frais." || final.Events[2].PublicAnswer != final.PublicAnswer {
				t.Errorf("events %v, want %v: %+v", moves, want, final.Events)
			}
			if n := audits(t, f.store, "complaint.update"); n != 5 {
				t.Errorf("%d complaint.update entries, want 5", n)
			}
		})
	}
}
