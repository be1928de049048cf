package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mobilite"
	"mobilite/internal/ingest"
)

// sessionAs returns a client logged in as the account with this login.
func (s *testServer) sessionAs(login string) (*http.Client, *mobilite.User) {
	s.t.Helper()
	u, err := s.DB.FindUserByLogin(context.Background(), login)
	if err != nil {
		s.t.Fatalf("no account %s: %v", login, err)
	}
	token, err := s.Accounts.StartSession(context.Background(), u, "127.0.0.1", "test", 0)
	if err != nil {
		s.t.Fatal(err)
	}
	c := s.client()
	base, _ := url.Parse(s.URL)
	c.Jar.SetCookies(base, []*http.Cookie{{Name: "session", Value: token, Path: "/"}})
	return c, u
}

// ingestOffers puts offers through the real pipeline (normalisation, requirements, checks) and
// returns their ids by title.
func (s *testServer) ingestOffers(items ...ingest.Item) map[string]int64 {
	s.t.Helper()
	ctx := context.Background()
	src := &mobilite.Source{Name: "Test matching", Kind: "rss", URL: "https://example.org/feed", IntervalMinutes: 60,
		Enabled: true, Trusted: true, CreatedAt: time.Now(), UpdatedAt: time.Now(), NextRunAt: time.Now().Add(time.Hour)}
	if err := s.DB.CreateSource(ctx, src); err != nil {
		s.t.Fatal(err)
	}
	if _, _, err := s.Jobs.Ingest(ctx, src, items); err != nil {
		s.t.Fatal(err)
	}
	ids := map[string]int64{}
	res, err := s.DB.SearchJobs(ctx, mobilite.JobQuery{Status: "open", Limit: 100, Now: time.Now()})
	if err != nil {
		s.t.Fatal(err)
	}
	for _, j := range res.Items {
		ids[j.Title] = j.ID
	}
	return ids
}

func matchingOffers() []ingest.Item {
	deadline := time.Now().AddDate(0, 1, 0)
	return []ingest.Item{
		{ExternalID: "m1", URL: "https://example.org/m1", Title: "Aide-soignant en maison de repos (H/F)", Organization: "Actiris",
			DescriptionHTML: "<p>Maison de repos à Liège. Vous parlez français couramment. Au moins 2 ans d'expérience.</p>",
			Country:         "Belgique", City: "Liège", ContractType: "employment", Deadline: deadline, Language: "fr", ISCO08: "5321"},
		{ExternalID: "m2", URL: "https://example.org/m2", Title: "Personal care worker", Organization: "Manitoba Health",
			DescriptionHTML: "<p>Home care in Winnipeg. Fluent English (C1) is required. Bachelor's degree in nursing required.</p>",
			Country:         "Canada", City: "Winnipeg", ContractType: "employment", Deadline: deadline, Language: "en", ISCO08: "5322"},
		{ExternalID: "m3", URL: "https://example.org/m3", Title: "Software developer", Organization: "Acme",
			DescriptionHTML: "<p>Backend developer.</p>", Country: "United States", ContractType: "employment", Deadline: deadline,
			Language: "en", ISCO08: "2512"},
	}
}

func TestMatchingApplicationsAndShortlist(t *testing.T) {
	s := startServer(t, "sqlite")
	ctx := context.Background()
	ids := s.ingestOffers(matchingOffers()...)
	carer, care, dev := ids["Aide-soignant en maison de repos (H/F)"], ids["Personal care worker"], ids["Software developer"]
	if carer == 0 || care == 0 || dev == 0 {
		t.Fatalf("offers: %v", ids)
	}
	if j, _ := s.DB.FindJobByID(ctx, care); j.Requirements.ISCED != 6 || len(j.Requirements.Languages) != 1 || j.Requirements.Languages[0].Level != "C1" {
		t.Errorf("requirements read from the text: %+v", j.Requirements)
	}

	// Before registering, "offers for me" sends the seeker to the registration.
	seeker := s.sessionFor(mobilite.RoleSeeker)
	if resp, _ := s.do(seeker, "GET", "/compte/offres-pour-moi", nil, nil); resp.StatusCode != 303 || resp.Header.Get("Location") != "/compte/inscription" {
		t.Fatalf("offers for me before registering: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if resp, _ := s.form(seeker, "/compte/inscription", registrationForm("Ama", "Kpatcha", "90 55 66 77")); resp.StatusCode != 303 {
		t.Fatalf("registration: %d", resp.StatusCode)
	}
	sk, err := s.DB.FindSeekerByUser(ctx, s.demoUser(mobilite.RoleSeeker).ID)
	if err != nil {
		t.Fatal(err)
	}

	resp, body := s.do(seeker, "GET", "/compte/offres-pour-moi", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("offers for me: %d", resp.StatusCode)
	}
	iCarer, iCare := strings.Index(body, "Aide-soignant en maison de repos"), strings.Index(body, "Personal care worker")
	if iCarer < 0 || iCare < 0 || iCarer > iCare || strings.Contains(body, "Software developer") {
		t.Fatalf("ranking: carer at %d, care worker at %d, developer listed %v", iCarer, iCare, strings.Contains(body, "Software developer"))
	}
	for _, want := range []string{"Même métier que dans le profil : Aides-soignants", "Pays parmi les préférences : Belgique",
		"Langue demandée : français au niveau C1 ; niveau du profil : B2", "2 ans d'expérience demandés, 2 dans le profil", "Métier proche", "Langue demandée : anglais (C1), absente du profil",
		"Canada n'est pas parmi les pays préférés", "Niveau d'études demandé"} {
		if !strings.Contains(body, want) {
			t.Errorf("offers for me lacks %q", want)
		}
	}

	// The seeker marks one applied (twice: one application), then records an interview.
	apply := url.Values{"job_id": {itoa(carer)}, "status": {"applied"}, "next": {"/compte/offres-pour-moi"}}
	for range 2 {
		if resp, _ := s.form(seeker, "/compte/candidatures", apply); resp.StatusCode != 303 || resp.Header.Get("Location") != "/compte/offres-pour-moi" {
			t.Fatalf("applied: %d %s", resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	if _, body := s.do(seeker, "GET", "/compte/offres-pour-moi", nil, nil); !strings.Contains(body, "A postulé") {
		t.Error("the offer is not marked applied")
	}
	if resp, body := s.form(seeker, "/compte/candidatures", url.Values{"job_id": {itoa(carer)}, "status": {"won"}}); resp.StatusCode != 422 || !strings.Contains(body, "Choisissez une étape") {
		t.Errorf("bad status: %d", resp.StatusCode)
	}
	if resp, _ := s.form(seeker, "/compte/candidatures", url.Values{"job_id": {"99999999"}, "status": {"applied"}}); resp.StatusCode != 404 {
		t.Errorf("unknown offer: %d", resp.StatusCode)
	}
	if resp, _ := s.form(seeker, "/compte/candidatures", url.Values{"job_id": {itoa(carer)}, "status": {"interview"}}); resp.StatusCode != 303 {
		t.Fatalf("interview: %d", resp.StatusCode)
	}
	_, body = s.do(seeker, "GET", "/compte/candidatures", nil, nil)
	if !strings.Contains(body, `<option value="interview" selected>`) {
		t.Error("the interview is not shown")
	}
	if _, body := s.do(seeker, "GET", "/offres/"+itoa(carer), nil, nil); !strings.Contains(body, "Entretien") {
		t.Error("the offer's page does not show the application")
	}

	// The counsellor of Kara (the seeker's region; the seeker asked for accompaniment) sees the
	// candidates of the offer; Lomé's does not see this seeker.
	kara, _ := s.sessionAs("conseillere.kara@mobilite.example")
	lome, _ := s.sessionAs("conseiller.lome@mobilite.example")
	resp, body = s.do(kara, "GET", "/conseiller/offres/"+itoa(carer)+"/candidats", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "Ama Kpatcha") || !strings.Contains(body, "Même métier que dans le profil") ||
		!strings.Contains(body, "N'a pas accepté le partage de son CV") {
		t.Fatalf("candidates: %d %s", resp.StatusCode, excerpt(body, "Candidats classés"))
	}
	if _, body := s.do(lome, "GET", "/conseiller/offres/"+itoa(carer)+"/candidats", nil, nil); strings.Contains(body, "Ama Kpatcha") {
		t.Error("a counsellor of another region sees the seeker")
	}
	if _, body := s.do(kara, "GET", "/conseiller/offres/"+itoa(carer)+"/candidats?region=TG-M", nil, nil); strings.Contains(body, "Ama Kpatcha") {
		t.Error("the region filter keeps a seeker of Kara")
	}
	// Without consent to share the CV, nobody is shortlisted nor exported.
	add := url.Values{"seeker_id": {itoa(sk.ID)}}
	if resp, _ := s.form(kara, "/conseiller/offres/"+itoa(carer)+"/preselection", add); resp.StatusCode != 303 {
		t.Fatalf("shortlist without consent: %d", resp.StatusCode)
	}
	if list, _ := s.DB.Shortlist(ctx, carer); len(list) != 0 {
		t.Fatal("shortlisted without consent")
	}
	withCV := registrationForm("Ama", "Kpatcha", "90 55 66 77")
	withCV.Set("consent_share_cv", "1")
	withCV.Set("diploma", `=HYPERLINK("http://evil.example","clic")`) // must not run in a spreadsheet
	withCV.Set("lang_1", "ee")
	withCV.Set("level_1", "native")
	if resp, _ := s.form(seeker, "/compte/inscription/modifier", withCV); resp.StatusCode != 303 {
		t.Fatalf("consent: %d", resp.StatusCode)
	}
	if resp, _ := s.form(kara, "/conseiller/offres/"+itoa(carer)+"/preselection", add); resp.StatusCode != 303 {
		t.Fatalf("shortlist: %d", resp.StatusCode)
	}
	resp, body = s.do(kara, "GET", "/conseiller/offres/"+itoa(carer)+"/preselection.csv", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, sk.Number) || !strings.Contains(body, "Kpatcha") || !strings.Contains(body, "+22890556677") ||
		!strings.HasPrefix(resp.Header.Get("Content-Type"), "text/csv") {
		t.Fatalf("CSV export: %d %q", resp.StatusCode, body)
	}
	if !strings.Contains(body, ",E-mail,") || !strings.Contains(body, "français B2; éwé (langue maternelle)") {
		t.Errorf("CSV export: header or languages: %q", body)
	}
	if !strings.Contains(body, `"'=HYPERLINK(""http://evil.example""`) {
		t.Errorf("CSV export: the diploma may run as a formula: %q", body)
	}
	resp, body = s.do(kara, "GET", "/conseiller/offres/"+itoa(carer)+"/preselection.xlsx", nil, nil)
	f, err := excelize.OpenReader(bytes.NewReader([]byte(body)))
	if resp.StatusCode != 200 || err != nil {
		t.Fatalf("XLSX export: %d %v", resp.StatusCode, err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	if len(rows) != 2 || rows[1][0] != sk.Number || rows[0][0] != "Numéro d'inscription" {
		t.Fatalf("XLSX rows: %v", rows)
	}
	// Lomé's counsellor exports nobody; a withdrawn consent leaves the export at once.
	if _, body := s.do(lome, "GET", "/conseiller/offres/"+itoa(carer)+"/preselection.csv", nil, nil); strings.Contains(body, "Kpatcha") {
		t.Error("a counsellor out of reach exports the seeker")
	}
	if resp, _ := s.form(seeker, "/compte/inscription/modifier", registrationForm("Ama", "Kpatcha", "90 55 66 77")); resp.StatusCode != 303 {
		t.Fatal("withdraw consent")
	}
	if _, body := s.do(kara, "GET", "/conseiller/offres/"+itoa(carer)+"/preselection.csv", nil, nil); strings.Contains(body, "Kpatcha") {
		t.Error("the export keeps a seeker who withdrew consent")
	}

	// The counsellor finds the seeker, opens the record (logged) and records the hire.
	resp, body = s.do(kara, "GET", "/conseiller/demandeurs?q=kpatcha", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "Ama Kpatcha") {
		t.Fatalf("search: %d", resp.StatusCode)
	}
	if _, body := s.do(kara, "GET", "/conseiller/demandeurs?q=90+55+66+77", nil, nil); !strings.Contains(body, "Ama Kpatcha") {
		t.Error("search by phone as typed")
	}
	if _, body := s.do(lome, "GET", "/conseiller/demandeurs?q=kpatcha", nil, nil); strings.Contains(body, "Ama Kpatcha") {
		t.Error("Lomé finds a seeker out of reach")
	}
	if resp, _ := s.do(lome, "GET", "/conseiller/demandeurs/"+itoa(sk.ID), nil, nil); resp.StatusCode != 404 {
		t.Errorf("Lomé opens the record: %d", resp.StatusCode)
	}
	resp, body = s.do(kara, "GET", "/conseiller/demandeurs/"+itoa(sk.ID), nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, sk.Number) || !strings.Contains(body, "Aide-soignant en maison de repos") {
		t.Fatalf("record: %d", resp.StatusCode)
	}
	if resp, _ := s.form(kara, "/conseiller/demandeurs/"+itoa(sk.ID)+"/candidatures", url.Values{"job_id": {itoa(carer)}, "status": {"hired"}}); resp.StatusCode != 303 {
		t.Fatalf("hired: %d", resp.StatusCode)
	}
	if resp, body := s.form(kara, "/conseiller/demandeurs/"+itoa(sk.ID)+"/candidatures", url.Values{"job_id": {"abc"}, "status": {"applied"}}); resp.StatusCode != 404 || !strings.Contains(body, "vérifiez son numéro") {
		t.Errorf("bad offer number: %d", resp.StatusCode)
	}
	a, err := s.DB.FindApplicationFor(ctx, sk.ID, carer)
	if err != nil {
		t.Fatal(err)
	}
	if a, _ = s.DB.FindApplication(ctx, a.ID); a.Status != mobilite.AppHired || len(a.Events) != 3 || !a.Events[2].ByStaff || a.Events[0].ByStaff {
		t.Fatalf("application: %+v", a)
	}
	entries, _, err := s.DB.FindAuditEntries(ctx, mobilite.AuditFilter{Entity: "seeker", Action: "seeker.read", Limit: 50})
	if err != nil {
		t.Fatal(err)
	}
	reads := 0
	for _, e := range entries {
		if e.EntityID == sk.ID {
			reads++
		}
	}
	if reads < 2 {
		t.Errorf("staff reads logged: %d", reads)
	}

	// The API: a partial correction and the matches with reasons.
	raw, _, err := s.Accounts.CreateToken(ctx, s.demoUser(mobilite.RoleAdmin), "matching")
	if err != nil {
		t.Fatal(err)
	}
	auth := map[string]string{"Authorization": "Bearer " + raw, "Content-Type": "application/json"}
	resp, out := s.do(s.client(), "PATCH", "/api/v1/seekers/"+itoa(sk.ID), strings.NewReader(`{"isced_level": 6, "city": "Kara"}`), auth)
	if resp.StatusCode != 200 || !strings.Contains(out, `"isced_level":6`) || !strings.Contains(out, `"given_name":"Ama"`) {
		t.Fatalf("PATCH: %d %s", resp.StatusCode, out)
	}
	resp, out = s.do(s.client(), "PATCH", "/api/v1/seekers/"+itoa(sk.ID), strings.NewReader(`{"birth_date": "2031-01-01"}`), auth)
	if resp.StatusCode != 400 || !strings.Contains(out, `"birth_date"`) {
		t.Errorf("PATCH bad date: %d %s", resp.StatusCode, out)
	}
	if got, _ := s.DB.FindSeekerByID(ctx, sk.ID); got.BirthDate.Year() != 2001 || got.ISCEDLevel != 6 {
		t.Errorf("after a refused PATCH: %+v", got)
	}
	resp, out = s.do(s.client(), "GET", "/api/v1/seekers/"+itoa(sk.ID)+"/matches", nil, auth)
	var matches struct {
		Items []struct {
			Job struct {
				ID int64 `json:"id"`
			} `json:"job"`
			Score   int `json:"score"`
			Reasons []struct {
				Code    string `json:"code"`
				Against bool   `json:"against"`
				Text    string `json:"text"`
			} `json:"reasons"`
		} `json:"items"`
	}
	if err := json.Unmarshal([]byte(out), &matches); err != nil || resp.StatusCode != 200 || len(matches.Items) < 2 {
		t.Fatalf("matches: %d %s", resp.StatusCode, out)
	}
	found := false
	for _, m := range matches.Items {
		if m.Job.ID == carer {
			found = true
			if m.Reasons[0].Code != "isco_unit" || m.Reasons[0].Text == "" || m.Score <= 0 {
				t.Errorf("match of the carer's offer: %+v", m)
			}
		}
		if m.Job.ID == dev {
			t.Errorf("the developer's offer matches: %+v", m)
		}
	}
	if !found {
		t.Errorf("the carer's offer is not among the matches: %s", out)
	}
}

func TestKiosk(t *testing.T) {
	s := startServer(t, "sqlite")
	ctx := context.Background()
	desk, counsellor := s.sessionAs("conseillere.kara@mobilite.example")

	// An ordinary browser: the page explains; a counsellor enrols the computer (a name is needed).
	if resp, body := s.do(s.client(), "GET", "/borne", nil, nil); resp.StatusCode != 200 || !strings.Contains(body, "Ordinateurs partagés") {
		t.Fatalf("kiosk page: %d", resp.StatusCode)
	}
	if resp, body := s.form(desk, "/borne/activer", url.Values{"name": {" "}}); resp.StatusCode != 422 || !strings.Contains(body, "Donnez un nom") {
		t.Fatalf("enrol without a name: %d", resp.StatusCode)
	}
	resp, _ := s.form(desk, "/borne/activer", url.Values{"name": {"Kara, accueil"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/borne" {
		t.Fatalf("enrol: %d", resp.StatusCode)
	}
	kiosk := desk // the same browser, now a kiosk: the counsellor is logged out of it
	resp, body := s.do(kiosk, "GET", "/borne", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "Nouvelle inscription") || !strings.Contains(body, "Ordinateur partagé de l'agence (Kara, accueil)") ||
		resp.Header.Get("Cache-Control") != "no-store" || !strings.Contains(body, `autocomplete="off"`) || !strings.Contains(body, "/static/kiosk.js") {
		t.Fatalf("kiosk start: %d %q %s", resp.StatusCode, resp.Header.Get("Cache-Control"), excerpt(body, "<main"))
	}

	// A young person signs up: the session cookie dies with the browser and the registration
	// form comes next; "Finish" ends the session and opens a new registration.
	resp, _ = s.form(kiosk, "/inscription", url.Values{"name": {"Essowè Pali"}, "login": {"90 12 12 12"}, "password": {"kara-borne-2026"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/compte/inscription" {
		t.Fatalf("sign-up at the kiosk: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	var sessionCookie *http.Cookie
	for _, c := range resp.Cookies() {
		if c.Name == "session" {
			sessionCookie = c
		}
	}
	if sessionCookie == nil || sessionCookie.MaxAge != 0 || !sessionCookie.Expires.IsZero() {
		t.Fatalf("kiosk session cookie: %+v", sessionCookie)
	}
	u, err := s.DB.FindUserByLogin(ctx, "+22890121212")
	if err != nil {
		t.Fatal(err)
	}
	if resp, _ := s.do(kiosk, "GET", "/compte/inscription", nil, nil); resp.StatusCode != 200 {
		t.Fatalf("registration form at the kiosk: %d", resp.StatusCode)
	}
	resp, _ = s.do(kiosk, "POST", "/borne/terminer", strings.NewReader(""), nil)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/borne" || !strings.Contains(resp.Header.Get("Clear-Site-Data"), "cache") {
		t.Fatalf("finish: %d %s %q", resp.StatusCode, resp.Header.Get("Location"), resp.Header.Get("Clear-Site-Data"))
	}
	if resp, _ := s.do(kiosk, "GET", "/compte", nil, nil); resp.StatusCode != 303 {
		t.Fatalf("after finish the person is still logged in: %d", resp.StatusCode)
	}
	// The server ends the session too: none of the person's sessions is left.
	var live int
	if err := s.DB.SQL().QueryRow(`SELECT count(*) FROM sessions WHERE user_id = ?`, u.ID).Scan(&live); err != nil || live != 0 {
		t.Fatalf("sessions left: %d %v", live, err)
	}

	// A counsellor logs in at the kiosk, meets a duplicate, then registers a new person and
	// hands over the login; the person chooses a password with it and logs in.
	resp, _ = s.form(kiosk, "/connexion", url.Values{"login": {counsellor.Email}, "password": {"demo-mobilite"}, "next": {"/conseiller/inscription"}})
	if resp.StatusCode != 303 {
		t.Fatalf("counsellor login at the kiosk: %d", resp.StatusCode)
	}
	first := registrationForm("Kafui", "Dogbe", "91 23 45 67")
	if resp, _ := s.form(kiosk, "/conseiller/inscription", first); resp.StatusCode != 200 {
		t.Fatalf("first registration: %d", resp.StatusCode)
	}
	again := registrationForm("DOGBE", "kafui", "92 00 00 01")
	resp, body = s.form(kiosk, "/conseiller/inscription", again)
	if resp.StatusCode != 409 || !strings.Contains(body, "ouvrir ce dossier") {
		t.Fatalf("duplicate at the kiosk: %d", resp.StatusCode)
	}
	next := registrationForm("Mawuli", "Akakpo", "93 11 22 33")
	resp, body = s.form(kiosk, "/conseiller/inscription", next)
	if resp.StatusCode != 200 || !strings.Contains(body, "Un compte est ouvert avec l'identifiant +22893112233") {
		t.Fatalf("assisted registration with handover: %d", resp.StatusCode)
	}
	i := strings.Index(body, "/mot-de-passe/nouveau?token=")
	if i < 0 {
		t.Fatal("no handover link")
	}
	token := body[i+len("/mot-de-passe/nouveau?token="):]
	token = token[:strings.IndexAny(token, "<\" ")]
	person := s.client()
	if resp, _ := s.form(person, "/mot-de-passe/nouveau", url.Values{"token": {token}, "password": {"mawuli-akakpo-1"}}); resp.StatusCode != 303 {
		t.Fatalf("choose a password: %d", resp.StatusCode)
	}
	if resp, _ := s.form(person, "/connexion", url.Values{"login": {"93 11 22 33"}, "password": {"mawuli-akakpo-1"}}); resp.StatusCode != 303 {
		t.Fatalf("the person logs in: %d", resp.StatusCode)
	}
	if _, body := s.do(person, "GET", "/compte/inscription", nil, nil); !strings.Contains(body, "Mawuli") {
		t.Error("the account is not linked to the registration")
	}
	if resp, _ := s.form(s.client(), "/mot-de-passe/nouveau", url.Values{"token": {token}, "password": {"another-pass-2"}}); resp.StatusCode != 404 {
		t.Errorf("the handover code works twice: %d", resp.StatusCode)
	}

	// Finish, then the counsellor turns the kiosk back into an ordinary browser.
	if resp, _ := s.do(kiosk, "POST", "/borne/terminer", strings.NewReader(""), nil); resp.StatusCode != 303 {
		t.Fatal("finish")
	}
	if resp, _ := s.form(kiosk, "/connexion", url.Values{"login": {counsellor.Email}, "password": {"demo-mobilite"}}); resp.StatusCode != 303 {
		t.Fatal("login again")
	}
	if _, body := s.do(kiosk, "GET", "/borne", nil, nil); !strings.Contains(body, "Ce n'est plus une borne") {
		t.Error("a counsellor on the kiosk cannot find how to revoke it")
	}
	if resp, _ := s.do(kiosk, "POST", "/borne/desactiver", strings.NewReader(""), nil); resp.StatusCode != 303 {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	if resp, _ := s.do(kiosk, "GET", "/borne", nil, nil); resp.Header.Get("Cache-Control") == "no-store" {
		t.Error("still a kiosk after revocation")
	}
}
