package main

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"mobilite"
)

// TestAgencyLookup checks the public "check before you pay" page on the demo register: an agency
// found whatever the case and accents, a warning for a revoked one and for a name not in the
// register.
func TestAgencyLookup(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	for _, q := range []string{"agence espoir", "espoir", "ESPÔIR", "tg-agr-2021-003", "TG AGR 2021 003"} {
		resp, page := s.do(c, "GET", "/agences?"+url.Values{"q": {q}}.Encode(), nil, nil)
		if resp.StatusCode != 200 || !strings.Contains(page, "Agence Espoir") || !strings.Contains(page, "Agrément valide jusqu'au") ||
			!strings.Contains(page, "1 agence trouvée") {
			t.Errorf("search %q: %d\n%s", q, resp.StatusCode, excerpt(page, "<main"))
		}
	}
	resp, page := s.do(c, "GET", "/agences?q=atlantique", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "Atlantique Placement") || !strings.Contains(page, `class="verdict bad"`) ||
		!strings.Contains(page, "n'a plus le droit de recruter. Ne lui payez rien") {
		t.Errorf("revoked agency: %d\n%s", resp.StatusCode, excerpt(page, "Atlantique"))
	}
	for q, want := range map[string]string{"savanes": "Agrément suspendu depuis le", "golfe talents": "Agrément expiré le"} {
		if _, page := s.do(c, "GET", "/agences?q="+url.QueryEscape(q), nil, nil); !strings.Contains(page, want) {
			t.Errorf("%s: no %q", q, want)
		}
	}
	resp, page = s.do(c, "GET", "/agences?q="+url.QueryEscape("Passeurs Fantômes"), nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "Aucune agence agréée ne porte ce nom : ne payez rien, signalez-la.") ||
		!strings.Contains(page, `/plaintes/nouvelle?agence=Passeurs+Fant%C3%B4mes&categorie=unlicensed_recruiter`) {
		t.Errorf("unknown agency: %d\n%s", resp.StatusCode, excerpt(page, "<main"))
	}
	// The whole register, with its statuses, and one agency's history.
	if _, page := s.do(c, "GET", "/agences", nil, nil); !strings.Contains(page, "15 agences dans le registre") {
		t.Errorf("register: %s", excerpt(page, "<main"))
	}
	a, err := s.DB.FindAgencyByLicence(context.Background(), "TG-AGR-2020-002")
	if err != nil {
		t.Fatal(err)
	}
	resp, page = s.do(c, "GET", "/agences/"+itoa(a.ID), nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "Agrément suspendu") || !strings.Contains(page, "Passeports retenus par l'agence.") ||
		!strings.Contains(page, "Agrément retiré") || !strings.Contains(page, "/plaintes/nouvelle?agence=TG-AGR-2020-002") {
		t.Errorf("agency page: %d\n%s", resp.StatusCode, excerpt(page, "<main"))
	}
	if resp, _ := s.do(c, "GET", "/agences/999999", nil, nil); resp.StatusCode != 404 {
		t.Errorf("missing agency: %d", resp.StatusCode)
	}
	// The home page leads to the register and to the complaint form.
	if _, page := s.do(c, "GET", "/", nil, nil); !strings.Contains(page, `href="/agences">Vérifier une agence`) ||
		!strings.Contains(page, `href="/plaintes/nouvelle">Signaler un abus`) {
		t.Error("the home page does not link to the regulation registers")
	}
}

var followRE = regexp.MustCompile(`^/plaintes/suivi\?code=([0-9A-Z]{12})&ref=(PL-\d{4}-[0-9A-Z]{6})$`)

// TestComplaintWalk files a complaint without an account (a mistake first), follows it with its
// secret link, and has an inspector handle it to the end; people without the role are kept out.
func TestComplaintWalk(t *testing.T) {
	s := startServer(t, "sqlite")
	ctx := context.Background()
	visitor := s.client()
	const story = "Un recruteur m'a demandé 300 000 F CFA par mobile money pour un visa de travail au Liban."
	if resp, page := s.do(visitor, "GET", "/plaintes/nouvelle?agence=TG-AGR-2021-003&categorie=recruitment_fees", nil, nil); resp.StatusCode != 200 ||
		!strings.Contains(page, `value="TG-AGR-2021-003"`) || !strings.Contains(page, `value="recruitment_fees" checked`) {
		t.Fatalf("form from an agency page: %d", resp.StatusCode)
	}

	bad := url.Values{"agency": {"Agence Espoir"}, "account": {"Trop court"}, "destination": {"LBN"}, "sex": {"F"},
		"contact_name": {"Akouvi Mensah"}, "contact_phone": {"90 11 22 33"}}
	resp, page := s.form(visitor, "/plaintes", bad)
	if resp.StatusCode != 422 {
		t.Fatalf("complaint with mistakes: %d", resp.StatusCode)
	}
	for _, want := range []string{"Le formulaire contient des erreurs", "Choisissez de quoi il s'agit.", "20 caractères au moins",
		"Cochez la case pour que nous gardions vos coordonnées", `value="Agence Espoir"`, ">Trop court</textarea>",
		`value="90 11 22 33"`, `value="Akouvi Mensah"`, `<option value="LBN" selected>`, `<option value="F" selected>`} {
		if !strings.Contains(page, want) {
			t.Errorf("the form after mistakes lacks %q", want)
		}
	}
	_, before, _ := s.DB.FindComplaints(ctx, mobilite.ComplaintFilter{})

	good := bad // the same values, corrected
	good.Set("category", "recruitment_fees")
	good.Set("account", story)
	good.Set("consent", "1")
	resp, _ = s.form(visitor, "/plaintes", good)
	m := followRE.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != 303 || m == nil {
		t.Fatalf("complaint: %d, Location %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	code, reference := m[1], m[2]
	link := resp.Header.Get("Location")
	resp, page = s.do(visitor, "GET", link, nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "Votre plainte est enregistrée") || !strings.Contains(page, reference) ||
		!strings.Contains(page, "Reçue") || !strings.Contains(page, "Pas encore de réponse.") || resp.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("follow-up page: %d\n%s", resp.StatusCode, excerpt(page, "<main"))
	}
	for _, private := range []string{"Akouvi", "+22890112233", "90 11 22 33", "mobile money"} {
		if strings.Contains(page, private) {
			t.Errorf("the follow-up page shows %q", private)
		}
	}
	c, err := s.DB.FindComplaintByReference(ctx, reference)
	if err != nil {
		t.Fatal(err)
	}
	espoir, _ := s.DB.FindAgencyByLicence(ctx, "TG-AGR-2021-003")
	if c.AgencyID != espoir.ID || c.ContactPhone != "+22890112233" || !c.ContactConsent || c.Source != mobilite.RegulationFromForm {
		t.Errorf("stored %+v", c)
	}
	if _, after, _ := s.DB.FindComplaints(ctx, mobilite.ComplaintFilter{}); after != before+1 {
		t.Errorf("%d complaints stored, want 1", after-before)
	}
	for _, wrong := range []string{"/plaintes/suivi?ref=" + reference + "&code=AAAAAAAAAAAA", "/plaintes/suivi?ref=PL-2026-AAAAAA&code=" + code} {
		if resp, page := s.do(visitor, "GET", wrong, nil, nil); resp.StatusCode != 404 || !strings.Contains(page, "Aucune plainte ne correspond") {
			t.Errorf("%s: %d", wrong, resp.StatusCode)
		}
	}
	if resp, page := s.do(visitor, "GET", "/plaintes/suivi", nil, nil); resp.StatusCode != 200 || !strings.Contains(page, `name="code"`) {
		t.Errorf("follow-up form: %d", resp.StatusCode)
	}

	// Nobody but inspectors and admins reaches the queue.
	for _, role := range []mobilite.Role{mobilite.RoleSeeker, mobilite.RoleCounsellor, mobilite.RolePartner, mobilite.RoleStatistician} {
		for _, path := range []string{"/inspection/plaintes", "/inspection/plaintes/" + itoa(c.ID), "/inspection/agences"} {
			if resp, _ := s.do(s.sessionFor(role), "GET", path, nil, nil); resp.StatusCode != http.StatusForbidden {
				t.Errorf("%s on %s: %d", role, path, resp.StatusCode)
			}
		}
	}
	if resp, _ := s.do(visitor, "GET", "/inspection/plaintes", nil, nil); resp.StatusCode != 303 ||
		!strings.HasPrefix(resp.Header.Get("Location"), "/connexion") {
		t.Errorf("visitor on the queue: %d", resp.StatusCode)
	}
	if resp, _ := s.form(s.sessionFor(mobilite.RoleSeeker), "/inspection/plaintes/"+itoa(c.ID), url.Values{"status": {"dismissed"}}); resp.StatusCode != 403 {
		t.Errorf("a seeker closing a complaint: %d", resp.StatusCode)
	}

	// The inspector finds it in the queue, reads it (logged: it holds contact details) and
	// handles it.
	inspector := s.sessionFor(mobilite.RoleInspector)
	resp, page = s.do(inspector, "GET", "/inspection/plaintes?category=recruitment_fees", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, reference) || !strings.Contains(page, "Inspection") {
		t.Fatalf("queue: %d", resp.StatusCode)
	}
	path := "/inspection/plaintes/" + itoa(c.ID)
	resp, page = s.do(inspector, "GET", path, nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "+22890112233") || !strings.Contains(page, story) || !strings.Contains(page, "Agence Espoir") {
		t.Fatalf("complaint page: %d", resp.StatusCode)
	}
	if reads, _, _ := s.DB.FindAuditEntries(ctx, mobilite.AuditFilter{Action: "complaint.read"}); len(reads) != 1 || reads[0].EntityID != c.ID {
		t.Errorf("reads logged: %+v", reads)
	}
	resp, page = s.form(inspector, path, url.Values{"status": {"resolved"}, "note": {"trop tôt"}})
	if resp.StatusCode != 422 || !strings.Contains(page, "Ce changement d'état n'est pas possible") || !strings.Contains(page, "trop tôt</textarea>") {
		t.Errorf("received → resolved: %d", resp.StatusCode)
	}
	steps := []url.Values{
		{"status": {"under_review"}, "note": {"Appeler la plaignante lundi."}},
		{"status": {"referred"}, "referred_to": {"police"}, "public_answer": {"Votre plainte est transmise à la police."}},
		{"status": {"resolved"}, "public_answer": {"L'agence a été sanctionnée ; vos frais doivent vous être remboursés."}},
	}
	for _, v := range steps {
		if resp, page := s.form(inspector, path, v); resp.StatusCode != 303 {
			t.Fatalf("%v: %d\n%s", v, resp.StatusCode, excerpt(page, `class="error"`))
		}
	}
	c, _ = s.DB.FindComplaint(ctx, c.ID)
	if c.Status != mobilite.ComplaintResolved || c.ClosedAt.IsZero() || len(c.Events) != 3 || c.Events[0].Note != "Appeler la plaignante lundi." ||
		c.Events[2].Actor != "inspection@mobilite.example" {
		t.Errorf("after handling: %+v %+v", c, c.Events)
	}
	if updates, _, _ := s.DB.FindAuditEntries(ctx, mobilite.AuditFilter{Action: "complaint.update"}); len(updates) != 3 {
		t.Errorf("%d complaint.update entries, want 3", len(updates))
	}
	resp, page = s.do(visitor, "GET", link, nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "Traitée") || !strings.Contains(page, "vos frais doivent vous être remboursés") ||
		strings.Contains(page, "Appeler la plaignante") {
		t.Errorf("follow-up after handling: %d\n%s", resp.StatusCode, excerpt(page, "<main"))
	}

	// Five complaints an hour from one address; a counsellor at an office is not limited.
	anon := url.Values{"category": {"other"}, "account": {story}}
	for range 4 {
		if resp, _ := s.form(s.client(), "/plaintes", anon); resp.StatusCode != 303 {
			t.Fatalf("complaint: %d", resp.StatusCode)
		}
	}
	resp, page = s.form(s.client(), "/plaintes", anon)
	if resp.StatusCode != 429 || !strings.Contains(page, "Réessayez dans une heure") || !strings.Contains(page, story+"</textarea>") {
		t.Errorf("sixth complaint of the hour: %d", resp.StatusCode)
	}
	desk, _ := s.sessionAs("conseiller.lome@mobilite.example")
	resp, _ = s.form(desk, "/plaintes", anon)
	m = followRE.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != 303 || m == nil {
		t.Fatalf("complaint filed by a counsellor: %d", resp.StatusCode)
	}
	if office, err := s.DB.FindComplaintByReference(ctx, m[2]); err != nil || office.Source != mobilite.RegulationFromOffice || office.FiledBy == 0 {
		t.Errorf("filed at an office: %+v %v", office, err)
	}
}

// TestAgencyRegister has an inspector add an agency (a mistake first), suspend it, and the
// public see it suspended; every write is in the audit log.
func TestAgencyRegister(t *testing.T) {
	s := startServer(t, "sqlite")
	ctx := context.Background()
	inspector := s.sessionFor(mobilite.RoleInspector)
	if resp, page := s.do(inspector, "GET", "/inspection/agences?q=espoir", nil, nil); resp.StatusCode != 200 || !strings.Contains(page, "TG-AGR-2021-003") {
		t.Fatalf("staff register: %d", resp.StatusCode)
	}
	form := url.Values{"name": {"Lumière Recrutement"}, "licence": {"tg agr 2026 050"}, "region": {"TG-C"}, "phone": {"90 50 50 50"},
		"granted_on": {"2026-01-15"}, "expires_on": {"2025-01-15"}}
	resp, page := s.form(inspector, "/inspection/agences", form)
	if resp.StatusCode != 422 || !strings.Contains(page, "La date d'expiration doit suivre") || !strings.Contains(page, `value="Lumière Recrutement"`) {
		t.Fatalf("agency with a mistake: %d", resp.StatusCode)
	}
	form.Set("granted_on", "2025-01-15")
	form.Set("expires_on", time.Now().AddDate(10, 0, 0).Format("2006-01-02")) // valid whatever the day the test runs
	resp, _ = s.form(inspector, "/inspection/agences", form)
	if resp.StatusCode != 303 {
		t.Fatalf("new agency: %d", resp.StatusCode)
	}
	a, err := s.DB.FindAgencyByLicence(ctx, "TG-AGR-2026-050")
	if err != nil {
		t.Fatal(err)
	}
	path := "/inspection/agences/" + itoa(a.ID)
	if resp.Header.Get("Location") != path {
		t.Errorf("redirected to %s", resp.Header.Get("Location"))
	}
	form.Set("licence", "TG-AGR-2021-003")
	if resp, page := s.form(inspector, path, form); resp.StatusCode != 409 || !strings.Contains(page, "Une autre agence a déjà ce numéro") {
		t.Errorf("licence taken: %d", resp.StatusCode)
	}
	resp, page = s.form(inspector, path+"/evenements", url.Values{"kind": {"suspended"}, "date": {"2025-06-01"}})
	if resp.StatusCode != 422 || !strings.Contains(page, "Indiquez le motif") || !strings.Contains(page, `value="Lumière Recrutement"`) {
		t.Errorf("suspension without a reason: %d", resp.StatusCode)
	}
	resp, _ = s.form(inspector, path+"/evenements", url.Values{"kind": {"suspended"}, "date": {"2025-06-01"}, "reason": {"Frais illégaux."}})
	if resp.StatusCode != 303 {
		t.Fatalf("suspension: %d", resp.StatusCode)
	}
	resp, page = s.do(s.client(), "GET", "/agences?q=lumiere", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "Lumière Recrutement") || !strings.Contains(page, "Agrément suspendu depuis le 1 juin 2025") {
		t.Errorf("public view of the suspended agency: %d\n%s", resp.StatusCode, excerpt(page, "Lumière"))
	}
	for action, n := range map[string]int{"agency.create": 1, "agency.event": 1} {
		if es, _, _ := s.DB.FindAuditEntries(ctx, mobilite.AuditFilter{Action: action, Entity: "agency"}); len(es) != n {
			t.Errorf("%d %s entries, want %d", len(es), action, n)
		}
	}
	if resp, page := s.do(s.sessionFor(mobilite.RoleAdmin), "GET", "/admin/journal?entity=agency", nil, nil); resp.StatusCode != 200 ||
		!strings.Contains(page, "ajout d'une agence au registre") {
		t.Errorf("audit page: %d", resp.StatusCode)
	}
}
