package main

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"mobilite"
)

// The search page and the API answer from caches (the store's recent answers, the rendered
// page of visitors): a change of the offers shows at once, and a logged-in user never gets a
// visitor's page.
func TestSearchCachesFollowChanges(t *testing.T) {
	s := startServer(t, "sqlite")
	visitor := s.client()
	const search = "/offres?q=carreleur"
	_, before := s.do(visitor, "GET", search, nil, nil)
	_, again := s.do(visitor, "GET", search, nil, nil)
	if before != again || !strings.Contains(before, "Aucune offre ne correspond") {
		t.Fatalf("the same search twice differs, or finds something: %s", excerpt(again, "offre"))
	}
	// A partner publishes, staff approve: the very next search finds the offer.
	body := `{"external_id":"RH-77","title":"Carreleur qualifié","description":"<p>Pose de carrelage.</p>",
		"country":"FR","city":"Lyon","contract_type":"CDI","deadline":"` + time.Now().AddDate(0, 1, 0).Format("2006-01-02") + `",
		"apply_url":"https://rh.example.org/77","language":"fr"}`
	resp, out := s.do(visitor, "POST", "/api/v1/jobs", strings.NewReader(body), s.partnerToken())
	if resp.StatusCode != 201 {
		t.Fatalf("push: %d %s", resp.StatusCode, out)
	}
	id := strings.Split(strings.SplitN(out, `"id":`, 2)[1], ",")[0]
	admin := s.sessionFor(mobilite.RoleAdmin)
	if resp, _ := s.form(admin, "/moderation/offres/"+id, url.Values{"decision": {"approve"}}); resp.StatusCode != 303 {
		t.Fatalf("approve: %d", resp.StatusCode)
	}
	_, after := s.do(visitor, "GET", search, nil, nil)
	if !strings.Contains(after, "Carreleur qualifié") || !strings.Contains(after, "1 offre ouverte") {
		t.Fatalf("the cached page outlived the change: %s", excerpt(after, "offre"))
	}
	_, api := s.do(visitor, "GET", "/api/v1/jobs?q=carreleur", nil, nil)
	if !strings.Contains(api, `"total":1`) {
		t.Fatalf("the cached answer outlived the change: %s", api)
	}
	// A logged-in user gets a page of their own (the alert form), not the visitor's.
	_, mine := s.do(admin, "GET", search, nil, nil)
	if mine == after || !strings.Contains(mine, `action="/compte/alertes"`) {
		t.Error("a logged-in user got the visitor's page")
	}
}
