package main

import (
	"context"
	"encoding/json"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"mobilite"
)

func TestSeekersAPI(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	raw, _, err := s.Accounts.CreateToken(context.Background(), s.demoUser(mobilite.RoleCounsellor), "kiosque")
	if err != nil {
		t.Fatal(err)
	}
	auth := map[string]string{"Authorization": "Bearer " + raw, "Content-Type": "application/json"}
	body := `{"given_name":"Kossi","family_name":"Agbéko","sex":"M","birth_date":"1999-03-02","phone":"90 11 22 33",
		"nationality":"TGO","region":"TG-M","prefecture":"Golfe","isced_level":3,
		"occupations":[{"isco08":"7411","years":3}],"languages":[{"language":"fr","level":"C1"}],
		"migration_intent":"work","preferred_countries":["DEU","CAN"],"wants_accompaniment":true,
		"consent_processing":true,"consent_share_cv":true}`
	resp, out := s.do(c, "POST", "/api/v1/seekers", strings.NewReader(body), auth)
	if resp.StatusCode != 201 {
		t.Fatalf("create: %d %s", resp.StatusCode, out)
	}
	var created struct {
		ID     int64
		Number string `json:"registration_number"`
		Phone  string
	}
	if err := json.Unmarshal([]byte(out), &created); err != nil || created.Number == "" || created.Phone != "+22890112233" {
		t.Fatalf("created: %s", out)
	}
	// The same phone: 409 with the existing id, even with confirm_new.
	resp, out = s.do(c, "POST", "/api/v1/seekers", strings.NewReader(strings.Replace(body, `"Kossi"`, `"Komi"`, 1)), auth)
	if resp.StatusCode != 409 || !strings.Contains(out, `"code":"duplicate"`) || !strings.Contains(out, `"field":"phone"`) || !strings.Contains(out, `"existing_id":`+itoa(created.ID)) {
		t.Fatalf("same phone: %d %s", resp.StatusCode, out)
	}
	// Same name (other order, no accents) and birth date with another phone: 409 until confirmed.
	other := strings.Replace(strings.Replace(body, "90 11 22 33", "+228 91 00 00 00", 1), `"given_name":"Kossi","family_name":"Agbéko"`, `"given_name":"AGBEKO","family_name":"kossi"`, 1)
	resp, out = s.do(c, "POST", "/api/v1/seekers", strings.NewReader(other), auth)
	if resp.StatusCode != 409 || !strings.Contains(out, `"reason":"name_birth"`) || !strings.Contains(out, `"field":"confirm_new"`) {
		t.Fatalf("likely duplicate: %d %s", resp.StatusCode, out)
	}
	resp, _ = s.do(c, "POST", "/api/v1/seekers", strings.NewReader(strings.Replace(other, `"consent_share_cv":true`, `"consent_share_cv":true,"confirm_new":true`, 1)), auth)
	if resp.StatusCode != 201 {
		t.Fatalf("confirmed new: %d", resp.StatusCode)
	}
	// Bad input names the field.
	for _, tc := range []struct{ from, to, field string }{
		{`"1999-03-02"`, `"2031-01-01"`, "birth_date"},
		{`"1999-03-02"`, `"2018-01-01"`, "birth_date"},
		{`"90 11 22 33"`, `"abc"`, "phone"},
		{`"consent_processing":true`, `"consent_processing":false`, "consent_processing"},
		{`"isco08":"7411"`, `"isco08":"0000x"`, "occupations"},
		{`"sex":"M"`, `"sex":"X"`, "sex"},
		{`"nationality":"TGO"`, `"nationality":"TGO","shoe_size":42`, "shoe_size"},
	} {
		resp, out := s.do(c, "POST", "/api/v1/seekers", strings.NewReader(strings.Replace(body, tc.from, tc.to, 1)), auth)
		if resp.StatusCode != 400 || !strings.Contains(out, `"field":"`+tc.field+`"`) {
			t.Errorf("%s → %s: %d %s", tc.from, tc.to, resp.StatusCode, out)
		}
	}
	// Find by number, phone (local form) and name; read one (logged).
	for _, q := range []string{created.Number, "90112233", "agbeko"} {
		_, out = s.do(c, "GET", "/api/v1/seekers?q="+q, nil, auth)
		if !strings.Contains(out, `"id":`+itoa(created.ID)) {
			t.Errorf("find %q: %s", q, out)
		}
	}
	resp, out = s.do(c, "GET", "/api/v1/seekers/"+itoa(created.ID), nil, auth)
	if resp.StatusCode != 200 || !strings.Contains(out, `"preferred_countries":["DEU","CAN"]`) {
		t.Fatalf("get: %d %s", resp.StatusCode, out)
	}
	reads, _, _ := s.DB.FindAuditEntries(context.Background(), mobilite.AuditFilter{Action: "seeker.read"})
	if len(reads) != 1 || reads[0].EntityID != created.ID {
		t.Fatalf("logged reads: %+v", reads)
	}
	// A partner's token cannot touch the register.
	partner := s.partnerToken()
	resp, _ = s.do(c, "GET", "/api/v1/seekers?q=agbeko", nil, partner)
	if resp.StatusCode != 403 {
		t.Errorf("partner: %d", resp.StatusCode)
	}
}

func registrationForm(given, family, phone string) url.Values {
	return url.Values{"given_name": {given}, "family_name": {family}, "sex": {"F"}, "birth_date": {"2001-06-15"},
		"nationality": {"TGO — Togo"}, "phone": {phone}, "region": {"TG-K"}, "prefecture": {"Kozah"}, "isced_level": {"3"},
		"occ_isco_0": {"5321 — Aides-soignants"}, "occ_years_0": {"2"}, "occ_kind_0": {"sought"},
		"lang_0": {"fr"}, "level_0": {"B2"}, "migration_intent": {"work"}, "pref_0": {"Belgique"},
		"wants_accompaniment": {"1"}, "consent_processing": {"1"}}
}

func TestRegistrationForms(t *testing.T) {
	s := startServer(t, "sqlite")
	// A seeker registers alone: bad input first, then right.
	seeker := s.sessionFor(mobilite.RoleSeeker)
	bad := registrationForm("Ama2", "Kpatcha", "90 55 66 77")
	bad.Set("birth_date", "2019-01-01")
	bad.Del("consent_processing")
	resp, body := s.form(seeker, "/compte/inscription", bad)
	if resp.StatusCode != 422 || !strings.Contains(body, "au moins 15 ans") || !strings.Contains(body, "ne peut contenir que des lettres") ||
		!strings.Contains(body, "Votre accord") || !strings.Contains(body, `value="90 55 66 77"`) {
		t.Fatalf("bad registration: %d", resp.StatusCode)
	}
	resp, _ = s.form(seeker, "/compte/inscription", registrationForm("Ama", "Kpatcha", "90 55 66 77"))
	if resp.StatusCode != 303 {
		t.Fatalf("registration: %d", resp.StatusCode)
	}
	_, body = s.do(seeker, "GET", "/compte/inscription", nil, nil)
	number := regexp.MustCompile(`TG-\d{4}-\d{6}-\d`).FindString(body)
	if number == "" {
		t.Fatal("no registration number shown")
	}
	// The card carries the number and a QR code of the public check page, which shows no
	// personal data but initials.
	resp, body = s.do(seeker, "GET", "/compte/inscription/carte", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, number) || !strings.Contains(body, `<svg`) || !strings.Contains(body, "/verifier/"+number) {
		t.Fatalf("card: %d", resp.StatusCode)
	}
	resp, body = s.do(s.client(), "GET", "/verifier/"+strings.ToLower(number), nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, "correspond à une inscription en cours") || !strings.Contains(body, "A. K.") ||
		strings.Contains(body, "Kpatcha") || strings.Contains(body, "90 55") || strings.Contains(body, "2001") {
		t.Fatalf("check page: %d %s", resp.StatusCode, excerpt(body, "inscription"))
	}
	resp, _ = s.do(s.client(), "GET", "/verifier/TG-2026-999999-1", nil, nil)
	if resp.StatusCode != 404 {
		t.Errorf("unknown number: %d", resp.StatusCode)
	}
	// The person downloads all their data.
	resp, body = s.do(seeker, "GET", "/compte/donnees", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") ||
		!strings.Contains(body, `"Number": "`+number+`"`) || !strings.Contains(body, `"Phone": "+22890556677"`) || strings.Contains(body, "argon2") {
		t.Fatalf("data download: %d %s", resp.StatusCode, excerpt(body, "Number"))
	}
	// The person corrects their data: a wrong date is refused at the field, a move is saved.
	fix := registrationForm("Ama", "Kpatcha", "90 55 66 77")
	fix.Set("birth_date", "2040-01-01")
	resp, body = s.form(seeker, "/compte/inscription/modifier", fix)
	if resp.StatusCode != 422 || !strings.Contains(body, "dans le futur") {
		t.Fatalf("bad correction: %d", resp.StatusCode)
	}
	fix = registrationForm("Ama", "Kpatcha", "90 55 66 77")
	fix.Set("region", "TG-S")
	fix.Set("prefecture", "Tône")
	resp, _ = s.form(seeker, "/compte/inscription/modifier", fix)
	if resp.StatusCode != 303 {
		t.Fatalf("correction: %d", resp.StatusCode)
	}
	if sk, err := s.DB.FindSeekerByNumber(context.Background(), number); err != nil || sk.Region != "TG-S" || sk.Prefecture != "Tône" || sk.Number != number {
		t.Fatalf("after correction: %+v %v", sk, err)
	}
	// A double click does not make two records.
	resp, _ = s.form(seeker, "/compte/inscription", registrationForm("Ama", "Kpatcha", "90 55 66 77"))
	if resp.StatusCode != 303 {
		t.Fatalf("second click: %d", resp.StatusCode)
	}
	_, total, _ := s.DB.FindSeekers(context.Background(), mobilite.SeekerFilter{Query: "kpatcha"})
	if total != 1 {
		t.Fatalf("records after a double click: %d", total)
	}
	// At the desk, the counsellor meets the duplicate (same name in another order, same birth
	// date), sees the existing record, and confirms a different person.
	desk := s.sessionFor(mobilite.RoleCounsellor)
	form := registrationForm("KPATCHA", "ama", "91 00 11 22")
	resp, body = s.form(desk, "/conseiller/inscription", form)
	if resp.StatusCode != 409 || !strings.Contains(body, "Une inscription semblable existe déjà") || !strings.Contains(body, "même nom et même date de naissance") {
		t.Fatalf("duplicate at the desk: %d", resp.StatusCode)
	}
	form.Set("confirm_new", "1")
	resp, body = s.form(desk, "/conseiller/inscription", form)
	if resp.StatusCode != 200 || !strings.Contains(body, "Remettez ce numéro à la personne") {
		t.Fatalf("confirmed: %d", resp.StatusCode)
	}
	// The same phone is refused whatever the counsellor says.
	form = registrationForm("Yawa", "Adjo", "90 55 66 77")
	form.Set("confirm_new", "1")
	resp, body = s.form(desk, "/conseiller/inscription", form)
	if resp.StatusCode != 409 || !strings.Contains(body, "même numéro de téléphone") {
		t.Fatalf("same phone at the desk: %d", resp.StatusCode)
	}
}

// TestDeletedAccountAnonymisesRegistration: deleting the account erases the person from the
// register and keeps only what statistics need.
func TestDeletedAccountAnonymisesRegistration(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	resp, _ := s.form(c, "/inscription", url.Values{"name": {"Ama Kpatcha"}, "login": {"ama@example.tg"}, "password": {"une phrase de passe"}})
	if resp.StatusCode != 303 {
		t.Fatalf("signup: %d", resp.StatusCode)
	}
	resp, _ = s.form(c, "/compte/inscription", registrationForm("Ama", "Kpatcha", "90 55 66 77"))
	if resp.StatusCode != 303 {
		t.Fatalf("registration: %d", resp.StatusCode)
	}
	list, _, _ := s.DB.FindSeekers(context.Background(), mobilite.SeekerFilter{Query: "kpatcha"})
	if len(list) != 1 {
		t.Fatal("no record")
	}
	id, number := list[0].ID, list[0].Number
	resp, _ = s.form(c, "/compte/supprimer", url.Values{"delete_password": {"une phrase de passe"}})
	if resp.StatusCode != 303 {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	sk, err := s.DB.FindSeekerByID(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	if sk.Status != mobilite.SeekerDeleted || sk.GivenName != "" || sk.FamilyName != "" || sk.Phone != "" || sk.UserID != 0 ||
		sk.BirthDate.Month() != 1 || sk.BirthDate.Day() != 1 || sk.Sex != "F" || sk.Region != "TG-K" || len(sk.Occupations) != 1 {
		t.Fatalf("after deletion: %+v", sk)
	}
	resp, _ = s.do(s.client(), "GET", "/verifier/"+number, nil, nil)
	if resp.StatusCode != 404 {
		t.Errorf("the card of a deleted registration still checks: %d", resp.StatusCode)
	}
	// The phone number is free again.
	desk := s.sessionFor(mobilite.RoleCounsellor)
	resp, _ = s.form(desk, "/conseiller/inscription", registrationForm("Yawa", "Adjo", "90 55 66 77"))
	if resp.StatusCode != 200 {
		t.Errorf("the phone of a deleted record is still taken: %d", resp.StatusCode)
	}
}
