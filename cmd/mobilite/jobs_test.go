package main

import (
	"bufio"
	"context"
	"encoding/json"
	"encoding/xml"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/store/storetest"
)

// partnerToken returns a bearer header for the demo partner.
func (s *testServer) partnerToken() map[string]string {
	s.t.Helper()
	raw, _, err := s.Accounts.CreateToken(context.Background(), s.demoUser(mobilite.RolePartner), "test")
	if err != nil {
		s.t.Fatal(err)
	}
	return map[string]string{"Authorization": "Bearer " + raw, "Content-Type": "application/json"}
}

func TestDemoOffersAndSearch(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			s := startServer(t, engine)
			c := s.client()
			sources, err := s.DB.FindSources(context.Background())
			if err != nil || len(sources) < 4 {
				t.Fatalf("demo sources: %d (%v)", len(sources), err)
			}
			// Searching without accents finds the accented title; the UNICEF offer seen in the RSS
			// feed and in ReliefWeb is one offer with two sources.
			_, body := s.do(c, "GET", "/offres?q=specialiste+protection+enfance", nil, nil)
			if !strings.Contains(body, "Spécialiste de la protection de l'enfance (P-3)") || !strings.Contains(body, "1 offre ouverte") {
				t.Fatalf("accent-free search: %s", excerpt(body, "offre"))
			}
			id := regexp.MustCompile(`href="/offres/(\d+)"`).FindStringSubmatch(body)[1]
			// A filter the page cannot read is ignored, and the page says so; the API refuses it.
			resp, body := s.do(c, "GET", "/offres?q=specialiste+protection+enfance&country=Atlantide&sort=bogus", nil, nil)
			if resp.StatusCode != 200 || !strings.Contains(body, "Pays inconnu : un code ISO 3166 (SN, SEN) ou un nom. Ce choix est ignoré.") ||
				!strings.Contains(body, "Tri inconnu (relevance, newest ou closing). Ce choix est ignoré.") || !strings.Contains(body, "1 offre ouverte") {
				t.Errorf("ignored filters: %d %s", resp.StatusCode, excerpt(body, "inconnu"))
			}
			if resp, out := s.do(c, "GET", "/api/v1/jobs?sort=bogus", nil, nil); resp.StatusCode != 400 || strings.Contains(out, "ignoré") ||
				!strings.Contains(out, `"field":"sort"`) {
				t.Errorf("API with a bad sort: %d %s", resp.StatusCode, out)
			}
			_, body = s.do(c, "GET", "/offres/"+id, nil, nil)
			if !strings.Contains(body, "application/ld+json") || !strings.Contains(body, `"@type":"JobPosting"`) {
				t.Error("no JobPosting JSON-LD on the offer page")
			}
			if strings.Count(body, "<li>") < 2 || !strings.Contains(body, "ReliefWeb") || !strings.Contains(body, "Nations unies") {
				t.Error("the merged offer does not list both sources")
			}
			if !strings.Contains(body, "Sans frais") {
				t.Error("no 'no fee' badge on an offer that says UNICEF charges no fee")
			}
			// The API's search and its changes name each offer's sources, as the offer does.
			var found struct{ Items []struct{ Sources []string } }
			_, out := s.do(c, "GET", "/api/v1/jobs?q=specialiste+protection+enfance", nil, nil)
			if err := json.Unmarshal([]byte(out), &found); err != nil || len(found.Items) != 1 || len(found.Items[0].Sources) != 2 ||
				!slices.ContainsFunc(found.Items[0].Sources, func(n string) bool { return strings.Contains(n, "ReliefWeb") }) {
				t.Errorf("sources of the merged offer in the API's search: %.400s", out)
			}
			_, out = s.do(c, "GET", "/api/v1/jobs/changes?since=2000-01-01T00:00:00Z", nil, nil)
			if err := json.Unmarshal([]byte(out), &found); err != nil || !slices.ContainsFunc(found.Items, func(it struct{ Sources []string }) bool {
				return len(it.Sources) == 2
			}) {
				t.Errorf("sources in the API's changes: %.400s", out)
			}
			// The fraudulent-looking offer is held for review: not found in search, 404 for visitors.
			_, body = s.do(c, "GET", "/offres?q=femme+de+menage", nil, nil)
			if !strings.Contains(body, "Aucune offre ne correspond") {
				t.Error("the flagged offer is searchable")
			}
			res, err := s.DB.SearchJobs(context.Background(), mobilite.JobQuery{Status: mobilite.JobHeld, Now: time.Now()})
			if err != nil || res.Total != 1 {
				t.Fatalf("held offers: %d (%v)", res.Total, err)
			}
			held := res.Items[0]
			rules := map[string]bool{}
			for _, f := range held.Flags {
				rules[f.Rule] = true
			}
			for _, r := range []string{"fee", "payment_transfer", "passport_retention", "tourist_visa"} {
				if !rules[r] {
					t.Errorf("held offer lacks flag %s: %+v", r, held.Flags)
				}
			}
			resp, _ = s.do(c, "GET", "/offres/"+itoa(held.ID), nil, nil)
			if resp.StatusCode != 404 {
				t.Errorf("held offer visible to a visitor: %d", resp.StatusCode)
			}
			staff := s.sessionFor(mobilite.RoleCounsellor)
			_, body = s.do(staff, "GET", "/moderation", nil, nil)
			if !strings.Contains(body, "Femme de ménage") {
				t.Error("the held offer is not in the moderation queue")
			}
			// Filters: country, region, facets.
			_, body = s.do(c, "GET", "/offres?country=DEU", nil, nil)
			if !strings.Contains(body, "Chauffeur poids lourds") || !strings.Contains(body, "1 offre ouverte") {
				t.Error("country filter")
			}
			_, body = s.do(c, "GET", "/offres?region=ecowas", nil, nil)
			if !strings.Contains(body, "Cuisinier") || strings.Contains(body, "Chauffeur poids lourds") {
				t.Error("region filter")
			}
			// Bad input never breaks the search.
			for _, q := range []string{`"`, `ingénieur" OR (`, "💼🌍", strings.Repeat("a ", 2000), "NEAR(a b)", "*", "%", "\x00", "'; DROP TABLE jobs; --"} {
				resp, _ := s.do(c, "GET", "/offres?q="+url.QueryEscape(q), nil, nil)
				if resp.StatusCode != 200 {
					t.Errorf("search %.20q: %d", q, resp.StatusCode)
				}
				resp, _ = s.do(c, "GET", "/api/v1/jobs?q="+url.QueryEscape(q), nil, nil)
				if resp.StatusCode != 200 {
					t.Errorf("API search %.20q: %d", q, resp.StatusCode)
				}
			}
			resp, _ = s.do(c, "GET", "/offres?country=Atlantide&deadline=3&isco=abc&page=-4", nil, nil)
			if resp.StatusCode != 200 {
				t.Errorf("bad filters: %d", resp.StatusCode)
			}
		})
	}
}

func excerpt(body, near string) string {
	i := strings.Index(body, near)
	if i < 0 {
		return body[:min(len(body), 300)]
	}
	return body[max(0, i-150):min(len(body), i+150)]
}

func TestJobsAPI(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	auth := s.partnerToken()
	body := `{"external_id":"RH-42","title":"Aide-soignant(e) de nuit","description":"<p>Soins de nuit.</p><script>alert(1)</script>",
		"country":"FR","city":"Lyon","contract_type":"CDI","deadline":"` + time.Now().AddDate(0, 1, 0).Format("2006-01-02") + `",
		"apply_url":"https://rh.example.org/42","language":"fr","isco08":"5321"}`
	resp, out := s.do(c, "POST", "/api/v1/jobs", strings.NewReader(body), auth)
	if resp.StatusCode != 201 {
		t.Fatalf("push: %d %s", resp.StatusCode, out)
	}
	var j struct {
		ID           int64
		Status       string
		Country      string
		ContractType string `json:"contract_type"`
		ISCO08       string `json:"isco08"`
		Description  string
	}
	if err := json.Unmarshal([]byte(out), &j); err != nil || j.Country != "FRA" || j.ContractType != "employment" || j.ISCO08 != "5321" || j.Status != "held" {
		t.Fatalf("pushed offer: %+v (%v)", j, err)
	}
	if strings.Contains(j.Description, "script") {
		t.Error("the description was not sanitised")
	}
	// The same external id again updates the same offer.
	resp, out = s.do(c, "POST", "/api/v1/jobs", strings.NewReader(strings.Replace(body, "de nuit", "de jour", 1)), auth)
	if resp.StatusCode != 200 || !strings.Contains(out, `"id":`+itoa(j.ID)) || !strings.Contains(out, "de jour") {
		t.Fatalf("repeat: %d %s", resp.StatusCode, out)
	}
	// Held offers are the partner's and staff's only.
	resp, _ = s.do(c, "GET", "/api/v1/jobs/"+itoa(j.ID), nil, nil)
	if resp.StatusCode != 404 {
		t.Errorf("held offer to a visitor: %d", resp.StatusCode)
	}
	resp, _ = s.do(c, "GET", "/api/v1/jobs/"+itoa(j.ID), nil, auth)
	if resp.StatusCode != 200 {
		t.Errorf("held offer to its partner: %d", resp.StatusCode)
	}
	// Staff publish it; it is then found by everyone.
	admin := s.sessionFor(mobilite.RoleAdmin)
	resp, _ = s.form(admin, "/moderation/offres/"+itoa(j.ID), url.Values{"decision": {"approve"}})
	if resp.StatusCode != 303 {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	_, out = s.do(c, "GET", "/api/v1/jobs?q=aide-soignant&country=FRA", nil, nil)
	var list struct {
		Items  []struct{ ID int64 }
		Total  int
		Facets map[string][]struct{ Value string }
	}
	if err := json.Unmarshal([]byte(out), &list); err != nil || list.Total != 1 || list.Items[0].ID != j.ID || len(list.Facets["country"]) != 1 {
		t.Fatalf("search after approval: %s", out)
	}
	// Validation: the field in error is named.
	for _, tc := range []struct{ body, field string }{
		{`{"external_id":"x","title":"","country":"FR"}`, "title"},
		{`{"external_id":"x","title":"t","country":"Atlantide"}`, "country"},
		{`{"external_id":"x","title":"t","country":"FR","deadline":"31/02/2027"}`, "deadline"},
		{`{"external_id":"x","title":"t","country":"FR","deadline":"2020-01-01"}`, "deadline"},
		{`{"external_id":"x","title":"t","country":"FR","apply_url":"javascript:alert(1)"}`, "apply_url"},
		{`{"external_id":"x","title":"t","country":"FR","isco08":"99999"}`, "isco08"},
		{`{"title":"t","country":"FR"}`, "external_id"},
		{`{"external_id":"x","title":"t","country":"FR","salary":"1"}`, "salary"},
		// Too long or unusable: refused, never kept cut or dropped without a word.
		{`{"external_id":"x","title":"` + strings.Repeat("Ingénieur ", 31) + `","country":"FR"}`, "title"},
		{`{"external_id":"x","title":"t","country":"FR","description":"` + strings.Repeat("é", 100001) + `"}`, "description"},
		{`{"external_id":"x","title":"t","country":"FR","description":"` + strings.Repeat("é", 99000) + `"}`, "description"}, // 198 KB: cut by the sanitiser
		{`{"external_id":"x","title":"t","country":"FR","how_to_apply":"` + strings.Repeat("x", 20001) + `"}`, "how_to_apply"},
		{`{"external_id":"x","title":"t","country":"FR","city":"` + strings.Repeat("Lomé ", 41) + `"}`, "city"},
		{`{"external_id":"x","title":"t","country":"FR","city":"Berlin<script>alert(1)</script>"}`, "city"},
		{`{"external_id":"x","title":"t","country":"FR","organization":"` + strings.Repeat("ONG ", 51) + `"}`, "organization"},
		{`{"external_id":"x","title":"t","country":"FR","apply_url":"https://example.org/a b"}`, "apply_url"},
		{`{"external_id":"x","title":"t","country":"FR","apply_url":"https://example.org/<x>"}`, "apply_url"},
		{`{"external_id":"x","title":"t","country":"FR","apply_url":"https://"}`, "apply_url"},
	} {
		resp, out := s.do(c, "POST", "/api/v1/jobs", strings.NewReader(tc.body), auth)
		if resp.StatusCode != 400 || !strings.Contains(out, `"field":"`+tc.field+`"`) {
			t.Errorf("%s: %d %s", tc.body, resp.StatusCode, out)
		}
	}
	// A seeker's or a visitor's push is refused.
	resp, _ = s.do(c, "POST", "/api/v1/jobs", strings.NewReader(body), map[string]string{"Content-Type": "application/json"})
	if resp.StatusCode != 401 {
		t.Errorf("anonymous push: %d", resp.StatusCode)
	}
	// Changes since a time list the offer; DELETE closes it and it leaves search.
	since := time.Now().Add(-time.Hour).UTC().Format(time.RFC3339)
	_, out = s.do(c, "GET", "/api/v1/jobs/changes?since="+since, nil, nil)
	if !strings.Contains(out, `"id":`+itoa(j.ID)) {
		t.Errorf("changes lack the offer: %.300s", out)
	}
	resp, out = s.do(c, "DELETE", "/api/v1/jobs/"+itoa(j.ID), nil, auth)
	if resp.StatusCode != 200 || !strings.Contains(out, `"status":"closed"`) {
		t.Fatalf("delete: %d %s", resp.StatusCode, out)
	}
	_, out = s.do(c, "GET", "/api/v1/jobs?q=aide-soignant&country=FRA", nil, nil)
	if !strings.Contains(out, `"total":0`) {
		t.Errorf("closed offer still searched: %s", out)
	}
	resp, body2 := s.do(c, "GET", "/offres/"+itoa(j.ID), nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body2, "Cette offre est fermée") {
		t.Errorf("closed offer page: %d", resp.StatusCode)
	}
	_, out = s.do(c, "GET", "/api/v1/jobs/changes?since="+since, nil, nil)
	if !strings.Contains(out, `"change":"closed"`) {
		t.Errorf("changes lack the closing: %.300s", out)
	}
	resp, _ = s.do(c, "GET", "/api/v1/jobs/changes?since=yesterday", nil, nil)
	if resp.StatusCode != 400 {
		t.Errorf("bad since: %d", resp.StatusCode)
	}
}

func TestFeedReportAndAlerts(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	resp, body := s.do(c, "GET", "/offres/flux.atom?q=chauffeur", nil, nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var feed struct {
		Entries []struct {
			Title string `xml:"title"`
			Link  struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
		} `xml:"entry"`
	}
	if err := xml.Unmarshal([]byte(body), &feed); err != nil || len(feed.Entries) != 1 || !strings.Contains(feed.Entries[0].Title, "Chauffeur") {
		t.Fatalf("feed entries: %+v (%v)", feed.Entries, err)
	}
	id := feed.Entries[0].Link.Href[strings.LastIndex(feed.Entries[0].Link.Href, "/")+1:]
	// Anyone can report; a bad reason is refused at the field.
	resp, _ = s.form(c, "/offres/"+id+"/signaler", url.Values{"reason": {"nonsense"}})
	if resp.StatusCode != 422 {
		t.Errorf("bad reason: %d", resp.StatusCode)
	}
	// Sent twice (a double click), the report is recorded once.
	for range 2 {
		resp, _ = s.form(c, "/offres/"+id+"/signaler", url.Values{"reason": {"fee"}, "comment": {"On m'a demandé 100 000 F par WhatsApp."}})
		if resp.StatusCode != 303 {
			t.Fatalf("report: %d", resp.StatusCode)
		}
	}
	staff := s.sessionFor(mobilite.RoleInspector)
	_, body = s.do(staff, "GET", "/moderation", nil, nil)
	if n := strings.Count(body, "On m'a demandé 100 000 F"); n != 1 {
		t.Errorf("the report is %d times in the moderation queue, want 1", n)
	}
	// A seeker follows a search; a new matching offer arrives; the alert e-mail goes to the
	// outbox with an unsubscribe link that works without logging in.
	seeker := s.sessionFor(mobilite.RoleSeeker)
	resp, _ = s.form(seeker, "/compte/alertes", url.Values{"search": {"q=soudeur&country=CAN"}, "frequency": {"instant"}})
	if resp.StatusCode != 303 {
		t.Fatalf("save search: %d", resp.StatusCode)
	}
	partner := s.partnerToken()
	_, out := s.do(c, "POST", "/api/v1/jobs", strings.NewReader(`{"external_id":"S1","title":"Soudeur TIG","country":"CA","city":"Montréal"}`), partner)
	var pushed struct{ ID int64 }
	_ = json.Unmarshal([]byte(out), &pushed)
	if _, err := s.Jobs.Moderate(context.Background(), s.demoUser(mobilite.RoleAdmin), pushed.ID, true); err != nil {
		t.Fatal(err)
	}
	n, err := s.Alerts.SendDue(context.Background(), "instant")
	if err != nil || n != 1 {
		t.Fatalf("alerts sent: %d (%v)", n, err)
	}
	msgs, _, _ := s.DB.FindMessages(context.Background(), mobilite.OutboxFilter{To: "demandeur@mobilite.example"})
	if len(msgs) != 1 || !strings.Contains(msgs[0].Body, "Soudeur TIG") || strings.Contains(msgs[0].Body, "Soudeur / soudeuse") {
		t.Fatalf("alert e-mail: %+v", msgs)
	}
	if n, _ := s.Alerts.SendDue(context.Background(), "instant"); n != 0 {
		t.Error("the same offers were sent twice")
	}
	token := regexp.MustCompile(`token=([A-Za-z0-9_-]+)`).FindStringSubmatch(msgs[0].Body)[1]
	resp, body = s.form(s.client(), "/alertes/desabonner", url.Values{"token": {token}})
	if resp.StatusCode != 200 || !strings.Contains(body, "vous ne recevrez plus") {
		t.Fatalf("unsubscribe: %d", resp.StatusCode)
	}
	resp, _ = s.form(s.client(), "/alertes/desabonner", url.Values{"token": {token}})
	if resp.StatusCode != 404 {
		t.Errorf("second unsubscribe: %d", resp.StatusCode)
	}
}

// TestLiveOffers follows a search with Server-Sent Events and sees a new offer arrive.
func TestLiveOffers(t *testing.T) {
	s := startServer(t, "sqlite")
	max, _ := s.DB.MaxJobID(context.Background())
	req, _ := http.NewRequest("GET", s.URL+"/offres/direct?q=plombier&after="+strconv.FormatInt(max, 10)+"&timeout=20", nil)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	resp, err := http.DefaultClient.Do(req.WithContext(ctx))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get("Content-Type") != "text/event-stream" {
		t.Fatalf("content type %q", resp.Header.Get("Content-Type"))
	}
	got := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "data: ") {
				got <- sc.Text()
				return
			}
		}
	}()
	time.Sleep(200 * time.Millisecond)
	partner := s.partnerToken()
	for _, title := range []string{"Maçon", "Plombier chauffagiste"} {
		_, out := s.do(s.client(), "POST", "/api/v1/jobs", strings.NewReader(`{"external_id":"`+title+`","title":"`+title+`","country":"BE"}`), partner)
		var p struct{ ID int64 }
		_ = json.Unmarshal([]byte(out), &p)
		if _, err := s.Jobs.Moderate(context.Background(), s.demoUser(mobilite.RoleAdmin), p.ID, true); err != nil {
			t.Fatal(err)
		}
	}
	select {
	case line := <-got:
		if !strings.Contains(line, "Plombier chauffagiste") || strings.Contains(line, "Maçon") {
			t.Errorf("event: %s", line)
		}
	case <-ctx.Done():
		t.Fatal("no event arrived")
	}
}

// TestPartnerForm: the partner's form refuses what is too long or unusable, says why at the
// field and keeps what was typed; a long description (past the 10,000 characters other fields
// may hold) is kept whole.
func TestPartnerForm(t *testing.T) {
	s := startServer(t, "sqlite")
	c, _ := s.sessionAs("partenaire@mobilite.example") // reads English
	long := strings.TrimSpace(strings.Repeat("Ingénieur ", 31))
	resp, body := s.form(c, "/partenaire/offres", url.Values{"title": {long}, "country": {"FRA"},
		"apply_url": {"https://example.org/a b"}, "language": {"de"}, "city": {"Berlin<script>"}})
	if resp.StatusCode != 422 {
		t.Fatalf("bad offer: %d", resp.StatusCode)
	}
	for _, want := range []string{"Title too long", "Invalid address: a full link", "Language: fr or en.", "Invalid city name",
		`value="` + long + `"`, `value="https://example.org/a b"`} {
		if !strings.Contains(body, want) {
			t.Errorf("the refused form lacks %q", want)
		}
	}
	// The form carries the offer's identifier: sent twice, it makes one offer.
	form, page := s.do(c, "GET", "/partenaire/offres/nouvelle", nil, nil)
	m := regexp.MustCompile(`name="external_id" value="(web-[0-9a-f]{16})"`).FindStringSubmatch(page)
	if m == nil || form.Header.Get("Cache-Control") != "no-store" {
		t.Fatalf("the new offer's form: identifier %v, Cache-Control %q", m, form.Header.Get("Cache-Control"))
	}
	desc := strings.Repeat("Mission de soudure. ", 800) // 16,000 characters
	offer := url.Values{"external_id": {m[1]}, "title": {"Soudeur TIG"}, "country": {"FRA"}, "description": {desc}, "language": {"fr"}}
	resp, _ = s.form(c, "/partenaire/offres", offer)
	if resp.StatusCode != 303 {
		t.Fatalf("long description: %d", resp.StatusCode)
	}
	// Sent again, changed (the back button), it leads to the offer made and changes nothing.
	changed := url.Values{}
	for k, v := range offer {
		changed[k] = v
	}
	changed.Set("title", "Autre offre")
	if again, _ := s.form(c, "/partenaire/offres", changed); again.StatusCode != 303 || again.Header.Get("Location") != resp.Header.Get("Location") {
		t.Errorf("the form sent twice: %d %s, then %s", again.StatusCode, resp.Header.Get("Location"), again.Header.Get("Location"))
	}
	offer.Set("external_id", "S1") // not one of the form's: a new identifier
	if other, _ := s.form(c, "/partenaire/offres", offer); other.StatusCode != 303 || other.Header.Get("Location") == resp.Header.Get("Location") {
		t.Errorf("a form without its identifier: %d %s", other.StatusCode, other.Header.Get("Location"))
	}
	id, err := strconv.ParseInt(strings.TrimPrefix(resp.Header.Get("Location"), "/partenaire/offres/"), 10, 64)
	if err != nil {
		t.Fatalf("location %q", resp.Header.Get("Location"))
	}
	j, err := s.DB.FindJobByID(context.Background(), id)
	if err != nil || j.Title != "Soudeur TIG" {
		t.Errorf("the form sent again changed the offer: %+v %v", j, err)
	}
	if err != nil || strings.Count(j.Description, "Mission de soudure.") != 800 {
		t.Errorf("the description was cut: %d of 800 sentences (%v)", strings.Count(j.Description, "Mission de soudure."), err)
	}
}
