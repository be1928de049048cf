package normalize

import (
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/ingest"
)

var testNow = time.Date(2026, 2, 1, 9, 30, 0, 0, time.UTC)

// typicalItem is an offer as ReliefWeb's API gives it, about 3 KB: the description is
// testdata/offer_fr.html.
func typicalItem(tb testing.TB) ingest.Item {
	tb.Helper()
	desc, err := os.ReadFile("testdata/offer_fr.html")
	if err != nil {
		tb.Fatal(err)
	}
	return ingest.Item{
		ExternalID:      "4153390",
		URL:             "https://reliefweb.int/job/4153390/specialiste-protection-de-lenfant-p-4-lome",
		Title:           "  Spécialiste  Protection de l&#39;enfant (P-4), Lomé  ",
		Organization:    "United Nations Children's Fund",
		OrgShortName:    "UNICEF",
		OrgType:         "International Organization",
		DescriptionHTML: string(desc),
		HowToApplyHTML: `<p>Les candidatures se font uniquement en ligne sur <a href="https://jobs.unicef.org/cw/fr/job/574113">le portail de recrutement de l'UNICEF</a>,
			avant la date limite. Les candidatures féminines sont vivement encouragées. Seuls les candidats présélectionnés seront contactés.</p>
			<p>Pour toute question : <a href="mailto:lome.recrutement@unicef.org">lome.recrutement@unicef.org</a></p>`,
		ApplyURL:     "https://jobs.unicef.org/cw/fr/job/574113",
		Country:      "Togo",
		City:         "Lome",
		ContractType: "Job",
		Deadline:     time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		Posted:       time.Date(2026, 1, 28, 10, 0, 0, 0, time.UTC),
		Updated:      time.Date(2026, 1, 30, 8, 0, 0, 0, time.UTC),
		Language:     "French",
		Categories:   []string{"Protection and Human Rights"},
	}
}

func TestJobEverything(t *testing.T) {
	n := New(testRef())
	j, notes := n.Job(typicalItem(t), Defaults{Country: "BEN", Language: "en", Organization: "Other", OrgType: mobilite.OrgNGO}, testNow)
	if len(notes) != 0 {
		t.Errorf("notes: %q", notes)
	}
	want := mobilite.Job{
		Title:        "Spécialiste Protection de l'enfant (P-4), Lomé",
		Organization: "United Nations Children's Fund",
		OrgType:      mobilite.OrgUN,
		ApplyURL:     "https://jobs.unicef.org/cw/fr/job/574113",
		Country:      "TGO",
		City:         "Lomé",
		Contract:     mobilite.ContractEmployment,
		Deadline:     time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC),
		Language:     "fr",
		ISCO08:       "2635",
		ExternalID:   "4153390",
		PublishedAt:  time.Date(2026, 1, 28, 10, 0, 0, 0, time.UTC),
		UpdatedAt:    time.Date(2026, 1, 30, 8, 0, 0, 0, time.UTC),
	}
	check := func(field string, got, want any) {
		t.Helper()
		if got != want {
			t.Errorf("%s = %v, want %v", field, got, want)
		}
	}
	check("Title", j.Title, want.Title)
	check("Organization", j.Organization, want.Organization)
	check("OrgType", j.OrgType, want.OrgType)
	check("ApplyURL", j.ApplyURL, want.ApplyURL)
	check("Country", j.Country, want.Country)
	check("City", j.City, want.City)
	check("Contract", j.Contract, want.Contract)
	check("Deadline", j.Deadline, want.Deadline)
	check("Language", j.Language, want.Language)
	check("ISCO08", j.ISCO08, want.ISCO08)
	check("ExternalID", j.ExternalID, want.ExternalID)
	check("PublishedAt", j.PublishedAt, want.PublishedAt)
	check("UpdatedAt", j.UpdatedAt, want.UpdatedAt)
	check("Status", j.Status, "")
	if j.ISCOConfidence < 0.8 {
		t.Errorf("ISCOConfidence = %v", j.ISCOConfidence)
	}
	for _, bad := range []string{"<script", "<img", "onclick", "style=", "class=", "target=", "<h1"} {
		if strings.Contains(j.Description, bad) {
			t.Errorf("description keeps %q", bad)
		}
	}
	for _, good := range []string{"<h2>Contexte</h2>", "<li>formations sur la gestion des cas ;</li>", `rel="nofollow noopener"`, "l’enfance"} {
		if !strings.Contains(j.Description, good) {
			t.Errorf("description lacks %q", good)
		}
	}
	if !strings.Contains(j.HowToApply, `<a href="mailto:lome.recrutement@unicef.org" rel="nofollow noopener">`) {
		t.Errorf("how to apply: %s", j.HowToApply)
	}
	if err := j.Validate(); err != nil {
		t.Errorf("Validate: %v", err)
	}

	// The same offer from UNICEF's own feed, written its way, merges with ReliefWeb's.
	own := ingest.Item{
		Title:           "Child Protection Specialist, P-4 — Lomé, Togo",
		Organization:    "UNICEF",
		DescriptionHTML: "<p>UNICEF works in over 190 countries and territories to save children's lives.</p>",
		Country:         "TG",
		Deadline:        time.Date(2026, 3, 14, 23, 55, 0, 0, time.FixedZone("GMT", 0)),
	}
	fr, _ := n.Job(ingest.Item{Title: "Spécialiste Protection de l'enfant (P-4), Lomé", Organization: "UNICEF", Country: "Togo", Deadline: own.Deadline}, Defaults{}, testNow)
	en, _ := n.Job(own, Defaults{}, testNow)
	rw, _ := n.Job(ingest.Item{Title: "Child Protection Specialist (P-4)", Organization: "United Nations Children's Fund", OrgShortName: "UNICEF", Country: "Togo", Deadline: time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)}, Defaults{}, testNow)
	if en.Fingerprint != rw.Fingerprint {
		t.Errorf("UNICEF's and ReliefWeb's offer differ: %s, %s", en.Fingerprint, rw.Fingerprint)
	}
	if fr.Fingerprint == en.Fingerprint {
		t.Errorf("the French and English titles are not expected to merge (no translation)")
	}
	if j.Fingerprint != fr.Fingerprint {
		t.Errorf("typical item %s, same title from another source %s", j.Fingerprint, fr.Fingerprint)
	}
}

func TestJobNothing(t *testing.T) {
	n := New(testRef())
	j, notes := n.Job(ingest.Item{}, Defaults{}, testNow)
	if j == nil {
		t.Fatal("nil job")
	}
	if j.Title != "" || j.Organization != "" || j.Country != "" || j.Description != "" || j.ISCO08 != "" ||
		j.ISCOConfidence != 0 || j.Contract != "" || j.Language != "" || !j.Deadline.IsZero() || j.ApplyURL != "" {
		t.Errorf("job from nothing: %+v", j)
	}
	if !j.PublishedAt.Equal(testNow) || !j.UpdatedAt.Equal(testNow) {
		t.Errorf("dates: %v, %v", j.PublishedAt, j.UpdatedAt)
	}
	if len(j.Fingerprint) != 32 {
		t.Errorf("fingerprint %q", j.Fingerprint)
	}
	for _, want := range []string{"title missing", "organisation missing", "description missing", "country missing"} {
		if !slices.Contains(notes, want) {
			t.Errorf("notes %q lack %q", notes, want)
		}
	}
}

func TestJobUnreadable(t *testing.T) {
	n := New(testRef())
	it := ingest.Item{
		Title:           "Chauffeur",
		Organization:    "Société des Transports du Golfe SARL",
		OrgType:         "Coopérative",
		DescriptionHTML: "&lt;p&gt;Conduite des véhicules de la société et entretien courant du parc automobile.&lt;/p&gt;",
		ApplyURL:        "javascript:alert(1)",
		URL:             "/offres/12",
		Country:         "Atlantis",
		City:            "Kara",
		ContractType:    "Other",
		DeadlineRaw:     "ASAP",
		Posted:          testNow.AddDate(0, 1, 0),
		Language:        "Español",
		ISCO08:          "9999",
	}
	j, notes := n.Job(it, Defaults{Country: "BEN", Language: "fr", OrgType: mobilite.OrgPrivate}, testNow)
	want := []string{
		`organisation type "Coopérative" not recognised`,
		"description was HTML-escaped twice; unescaped once",
		`apply URL "javascript:alert(1)" is not an absolute http(s) or mailto link`,
		`country "Atlantis" not recognised`,
		`contract type "Other" not recognised`,
		`deadline "ASAP" not read`,
		`language "Español" is neither French nor English`,
		`ISCO-08 code "9999" unknown`,
		"publication date 2026-03-01 is in the future; now is used",
	}
	for _, w := range want {
		if !slices.Contains(notes, w) {
			t.Errorf("notes lack %q", w)
		}
	}
	if len(notes) != len(want) {
		t.Errorf("notes: %q", notes)
	}
	if j.Country != "TGO" || j.City != "Kara" {
		t.Errorf("place %q %q: the city, not the default, should give the country", j.Country, j.City)
	}
	if j.OrgType != mobilite.OrgPrivate || j.ApplyURL != "" || j.Language != "" || j.Contract != "" {
		t.Errorf("job: %+v", j)
	}
	if j.Description != "<p>Conduite des véhicules de la société et entretien courant du parc automobile.</p>" {
		t.Errorf("description %q", j.Description)
	}
	if j.ISCO08 != "8322" || !j.PublishedAt.Equal(testNow) {
		t.Errorf("ISCO %q, published %v", j.ISCO08, j.PublishedAt)
	}
}

func TestJobDefaults(t *testing.T) {
	n := New(testRef())
	it := ingest.Item{
		Title:           "Recrutement d'un comptable &amp;amp; caissier",
		DescriptionHTML: "Nous recrutons un comptable pour notre agence de Lomé.\n\nProfil : BTS en comptabilité, 3 ans d'expérience.",
		ApplyURL:        " emplois@example.tg ",
		ISCO08:          "2411",
	}
	j, notes := n.Job(it, Defaults{Country: "TGO", Language: "en", Organization: "ANPE Togo", OrgType: mobilite.OrgGovernment}, testNow)
	if len(notes) != 0 {
		t.Errorf("notes: %q", notes)
	}
	if j.Title != "Recrutement d'un comptable & caissier" || j.Organization != "ANPE Togo" || j.OrgType != mobilite.OrgGovernment ||
		j.Country != "TGO" || j.ApplyURL != "mailto:emplois@example.tg" || j.ISCO08 != "2411" || j.ISCOConfidence != 0.9 {
		t.Errorf("job: %+v", j)
	}
	if j.Language != "fr" {
		t.Errorf("language %q: the text is French, whatever the default", j.Language)
	}
	j, _ = n.Job(ingest.Item{Title: "Comptable"}, Defaults{Language: "en"}, testNow)
	if j.Language != "en" {
		t.Errorf("language %q: too short to tell, the default should be used", j.Language)
	}
}

func TestJobLongTitle(t *testing.T) {
	n := New(testRef())
	title := strings.Repeat("Spécialiste de la protection de l'enfant ", 20)
	j, notes := n.Job(ingest.Item{Title: title}, Defaults{}, testNow)
	if r := []rune(j.Title); len(r) > maxTitle || !strings.HasSuffix(j.Title, "…") {
		t.Errorf("title of %d characters: %q", len(r), j.Title)
	}
	if !slices.Contains(notes, "title cut to 300 characters") {
		t.Errorf("notes: %q", notes)
	}
}

func TestApplyURL(t *testing.T) {
	tests := []struct{ in, want string }{
		{"https://jobs.example.org/apply?id=1&x=2", "https://jobs.example.org/apply?id=1&x=2"},
		{"HTTP://EXAMPLE.ORG/a", "http://EXAMPLE.ORG/a"},
		{"https://example.org/a&amp;b", "https://example.org/a&b"},
		{"mailto:jobs@example.org", "mailto:jobs@example.org"},
		{"mailto:jobs@example.org?subject=Chauffeur", "mailto:jobs@example.org?subject=Chauffeur"},
		{"jobs@example.org", "mailto:jobs@example.org"},
		{"javascript:alert(1)", ""},
		{"data:text/html,<script>", ""},
		{"/apply", ""},
		{"www.example.org", ""},
		{"ftp://example.org", ""},
		{"https://user:pass@example.org", ""},
		{"mailto:", ""},
		{"https://", ""},
		{"https://exa mple.org", ""},
		{"", ""},
	}
	for _, tt := range tests {
		if got := ApplyURL(tt.in); got != tt.want {
			t.Errorf("ApplyURL(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestLanguageCode(t *testing.T) {
	for in, want := range map[string]string{"fr": "fr", "fr-FR": "fr", "FR_ca": "fr", "French": "fr", "Français": "fr",
		"fra": "fr", "en": "en", "en-GB": "en", "English": "en", "anglais": "en", "eng": "en", "es": "", "Español": "", "": ""} {
		if got := languageCode(in); got != want {
			t.Errorf("languageCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestOrgType(t *testing.T) {
	for in, want := range map[string]string{
		"International Organization": mobilite.OrgUN, "Non-governmental Organization": mobilite.OrgNGO,
		"ONG": mobilite.OrgNGO, "Government": mobilite.OrgGovernment, "Red Cross/Red Crescent Movement": mobilite.OrgUN,
		"Academic and Research Institution": mobilite.OrgOther, "Other": mobilite.OrgOther, "private": mobilite.OrgPrivate,
		"Secteur privé": mobilite.OrgPrivate, "Coopérative": "", "": "",
	} {
		if got := orgType(in); got != want {
			t.Errorf("orgType(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestJobConcurrent(t *testing.T) {
	n := &Normalizer{Ref: testRef()} // the index is built on first use, by whichever goroutine
	it := typicalItem(t)
	done := make(chan string)
	for range 8 {
		go func() {
			j, _ := n.Job(it, Defaults{}, testNow)
			done <- j.Fingerprint + j.ISCO08
		}()
	}
	first := <-done
	for range 7 {
		if got := <-done; got != first {
			t.Errorf("%s != %s", got, first)
		}
	}
}

func BenchmarkJob(b *testing.B) {
	n := New(testRef())
	it := typicalItem(b)
	b.SetBytes(int64(len(it.Title) + len(it.DescriptionHTML) + len(it.HowToApplyHTML)))
	b.ReportAllocs()
	for b.Loop() {
		n.Job(it, Defaults{}, testNow)
	}
}
