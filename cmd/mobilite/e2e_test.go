package main

import (
	"compress/gzip"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"mobilite"
	"mobilite/internal/demo"
)

func TestSecurityHeadersAndLanguage(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	resp, body := s.do(c, "GET", "/", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("home: %d", resp.StatusCode)
	}
	for h, want := range map[string]string{
		"Content-Security-Policy": "script-src 'self'",
		"X-Content-Type-Options":  "nosniff",
		"Referrer-Policy":         "strict-origin-when-cross-origin",
		"X-Frame-Options":         "DENY",
		"Content-Language":        "fr",
	} {
		if got := resp.Header.Get(h); !strings.Contains(got, want) {
			t.Errorf("%s = %q, want it to contain %q", h, got, want)
		}
	}
	if strings.Contains(resp.Header.Get("Content-Security-Policy"), "unsafe-inline") {
		t.Error("the CSP allows inline code")
	}
	if !strings.Contains(body, `<html lang="fr">`) || !strings.Contains(body, "Travailler à l'étranger") {
		t.Error("home is not in French by default")
	}
	// Nothing is loaded from another site.
	if m := regexp.MustCompile(`(?:src|href)="(?:https?:)?//`).FindString(body); m != "" {
		t.Errorf("the home page loads something from outside: %s", m)
	}
	// The demo data shows.
	if !strings.Contains(body, "Direction régionale de la Kara") {
		t.Error("the demo offices are not on the home page")
	}

	_, body = s.do(c, "GET", "/", nil, map[string]string{"Accept-Language": "en-GB,en;q=0.9"})
	if !strings.Contains(body, `<html lang="en">`) || !strings.Contains(body, "Work abroad, legally and safely") {
		t.Error("Accept-Language: en does not give English")
	}
	// The switch sets a cookie that wins over Accept-Language, and comes back to the page.
	resp, _ = s.do(c, "GET", "/langue/en?next=/referentiels", nil, nil)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/referentiels" {
		t.Fatalf("switch: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = s.do(c, "GET", "/referentiels", nil, map[string]string{"Accept-Language": "fr"})
	if !strings.Contains(body, `<html lang="en">`) {
		t.Error("the language cookie does not win")
	}
	// No open redirect through the switch.
	for _, next := range []string{"//evil.example/x", "https://evil.example", "/\\evil.example", "javascript:alert(1)"} {
		resp, _ = s.do(c, "GET", "/langue/fr?next="+url.QueryEscape(next), nil, nil)
		if loc := resp.Header.Get("Location"); loc != "/" {
			t.Errorf("next=%q redirected to %q", next, loc)
		}
	}
	resp, _ = s.do(c, "GET", "/langue/de", nil, nil)
	if resp.StatusCode != 404 {
		t.Errorf("unknown language: %d", resp.StatusCode)
	}
}

func TestFirstPageWeight(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	total := 0
	// The home page and everything it loads (one stylesheet, one icon), compressed.
	for _, path := range []string{"/", "/static/style.css", "/static/icon.svg"} {
		req, _ := http.NewRequest("GET", s.URL+path, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("%s: %d", path, resp.StatusCode)
		}
		if path != "/static/icon.svg" && resp.Header.Get("Content-Encoding") != "gzip" {
			t.Errorf("%s is not compressed", path)
		}
		total += int(n)
	}
	t.Logf("first page view: %d bytes transferred", total)
	if total > 60*1024 {
		t.Errorf("first page view weighs %d bytes, over 60 KB", total)
	}
	// And the compressed answer decodes to the page.
	req, _ := http.NewRequest("GET", s.URL+"/", nil)
	req.Header.Set("Accept-Encoding", "gzip")
	resp, _ := c.Do(req)
	zr, err := gzip.NewReader(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(zr)
	resp.Body.Close()
	if !strings.Contains(string(b), "</html>") {
		t.Error("compressed page is cut")
	}
}

func TestAccountLifecycle(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	// Bad input: every field explained, nothing stored.
	resp, body := s.form(c, "/inscription", url.Values{"name": {""}, "login": {"pas un login"}, "password": {"court"}})
	if resp.StatusCode != 422 {
		t.Fatalf("bad signup: %d", resp.StatusCode)
	}
	for _, want := range []string{"Indiquez le nom", "ni une adresse e-mail ni un numéro", "au moins 8 caractères", `aria-invalid="true"`, `value="pas un login"`} {
		if !strings.Contains(body, want) {
			t.Errorf("bad signup page lacks %q", want)
		}
	}
	// A phone number in Togo's national form is a login.
	resp, _ = s.form(c, "/inscription", url.Values{"name": {"Kossi Mensah"}, "login": {"90 12 34 56"}, "password": {"une phrase de passe"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/compte/inscription" {
		t.Fatalf("signup: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	var sessionCookie *http.Cookie
	for _, ck := range resp.Cookies() {
		if ck.Name == "session" {
			sessionCookie = ck
		}
	}
	if sessionCookie == nil || !sessionCookie.HttpOnly || sessionCookie.SameSite != http.SameSiteLaxMode {
		t.Fatalf("session cookie: %+v", sessionCookie)
	}
	_, body = s.do(c, "GET", "/compte", nil, nil)
	if !strings.Contains(body, "+22890123456") || !strings.Contains(body, "Bienvenue") {
		t.Error("account page does not show the new account and the welcome")
	}
	// The same login again is refused, at the field.
	resp, body = s.form(s.client(), "/inscription", url.Values{"name": {"Autre"}, "login": {"+228 90 12 34 56"}, "password": {"une autre phrase"}})
	if resp.StatusCode != 409 || !strings.Contains(body, "Un compte existe déjà") {
		t.Errorf("duplicate signup: %d", resp.StatusCode)
	}
	// Log out, then in again.
	resp, _ = s.form(c, "/deconnexion", nil)
	if resp.StatusCode != 303 {
		t.Fatalf("logout: %d", resp.StatusCode)
	}
	resp, _ = s.do(c, "GET", "/compte", nil, nil)
	if resp.StatusCode != 303 || !strings.HasPrefix(resp.Header.Get("Location"), "/connexion?next=%2Fcompte") {
		t.Fatalf("after logout /compte: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// A demo site's log-in page lists its accounts and their password, as serve says.
	_, body = s.do(c, "GET", "/connexion", nil, nil)
	for _, want := range []string{"Comptes de démonstration", "<code>" + demo.Password + "</code>",
		"<code>demandeur@mobilite.example</code></li>", "<code>partenaire@mobilite.example</code>"} {
		if !strings.Contains(body, want) {
			t.Errorf("the demo log-in page lacks %q: %s", want, excerpt(body, "demandeur@"))
		}
	}
	resp, body = s.form(c, "/connexion", url.Values{"login": {"90123456"}, "password": {"mauvais mot de passe"}})
	if resp.StatusCode != 401 || !strings.Contains(body, "Identifiant ou mot de passe incorrect") {
		t.Fatalf("wrong password: %d", resp.StatusCode)
	}
	if !strings.Contains(body, "Comptes de démonstration") || strings.Contains(body, "mauvais mot de passe") {
		t.Error("the refused log-in lost the demo accounts, or shows the password typed")
	}
	resp, _ = s.form(c, "/connexion", url.Values{"login": {"90123456"}, "password": {"une phrase de passe"}, "next": {"/referentiels"}})
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/referentiels" {
		t.Fatalf("login: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	// Delete the account: wrong password first, then the right one.
	resp, body = s.form(c, "/compte/supprimer", url.Values{"delete_password": {"non"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "Mot de passe incorrect") {
		t.Fatalf("delete with wrong password: %d", resp.StatusCode)
	}
	resp, _ = s.form(c, "/compte/supprimer", url.Values{"delete_password": {"une phrase de passe"}})
	if resp.StatusCode != 303 {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if _, err := s.DB.FindUserByLogin(context.Background(), "+22890123456"); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		t.Fatalf("account still there: %v", err)
	}
}

func TestPasswordResetThroughOutbox(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	ctx := context.Background()
	resp, body := s.form(c, "/mot-de-passe/oubli", url.Values{"login": {"demandeur@mobilite.example"}})
	if resp.StatusCode != 200 || !strings.Contains(body, "Si un compte correspond") {
		t.Fatalf("forgot: %d", resp.StatusCode)
	}
	// An unknown address gets the same answer, and no message.
	_, body2 := s.form(c, "/mot-de-passe/oubli", url.Values{"login": {"personne@mobilite.example"}})
	if !strings.Contains(body2, "Si un compte correspond") {
		t.Error("unknown login answered differently")
	}
	msgs, total, err := s.DB.FindMessages(ctx, mobilite.OutboxFilter{})
	if err != nil || total != 1 || msgs[0].To != "demandeur@mobilite.example" {
		t.Fatalf("outbox: %d messages (%v)", total, err)
	}
	link := regexp.MustCompile(`https?://\S+/mot-de-passe/nouveau\?token=\S+`).FindString(msgs[0].Body)
	if link == "" {
		t.Fatalf("no link in %q", msgs[0].Body)
	}
	u, _ := url.Parse(link)
	token := u.Query().Get("token")
	// A weak password is refused and the link still works.
	resp, _ = s.form(c, "/mot-de-passe/nouveau", url.Values{"token": {token}, "password": {"123"}})
	if resp.StatusCode != 422 {
		t.Fatalf("weak password: %d", resp.StatusCode)
	}
	resp, _ = s.form(c, "/mot-de-passe/nouveau", url.Values{"token": {token}, "password": {"nouvelle phrase secrète"}})
	if resp.StatusCode != 303 {
		t.Fatalf("reset: %d", resp.StatusCode)
	}
	resp, body = s.form(c, "/mot-de-passe/nouveau", url.Values{"token": {token}, "password": {"encore une autre"}})
	if resp.StatusCode != 404 || !strings.Contains(body, "n'est plus valable") {
		t.Fatalf("second use of the link: %d", resp.StatusCode)
	}
	resp, _ = s.form(c, "/connexion", url.Values{"login": {"demandeur@mobilite.example"}, "password": {"nouvelle phrase secrète"}})
	if resp.StatusCode != 303 {
		t.Fatalf("login with the new password: %d", resp.StatusCode)
	}
	// The admin reads the message in the outbox page.
	admin := s.sessionFor(mobilite.RoleAdmin)
	_, body = s.do(admin, "GET", "/admin/courriels", nil, nil)
	if !strings.Contains(body, "choisir un nouveau mot de passe") {
		t.Error("the outbox page does not list the reset message")
	}
}

func TestAdminWritesAreAudited(t *testing.T) {
	s := startServer(t, "sqlite")
	admin := s.sessionFor(mobilite.RoleAdmin)
	kara := s.demoUser(mobilite.RoleCounsellor).OfficeID
	resp, body := s.form(admin, "/admin/utilisateurs", url.Values{"email": {"agent@anpe.example"}, "name": {"Afi Agbeko"},
		"role": {"counsellor"}, "office": {"0"}, "language": {"fr"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "rattaché à un bureau") {
		t.Fatalf("counsellor without office: %d", resp.StatusCode)
	}
	resp, _ = s.form(admin, "/admin/utilisateurs", url.Values{"email": {"agent@anpe.example"}, "name": {"Afi Agbeko"},
		"role": {"counsellor"}, "office": {itoa(kara)}, "language": {"fr"}})
	if resp.StatusCode != 303 {
		t.Fatalf("create: %d", resp.StatusCode)
	}
	loc := resp.Header.Get("Location")
	resp, _ = s.form(admin, loc, url.Values{"name": {"Afi Agbeko-Mensah"}, "role": {"counsellor"}, "office": {itoa(kara)}, "disabled": {"1"}})
	if resp.StatusCode != 303 {
		t.Fatalf("update: %d", resp.StatusCode)
	}
	// The admin cannot lock themselves out.
	me := s.demoUser(mobilite.RoleAdmin)
	resp, body = s.form(admin, "/admin/utilisateurs/"+itoa(me.ID), url.Values{"name": {me.Name}, "role": {"seeker"}})
	if resp.StatusCode != 422 || !strings.Contains(body, "propre rôle") {
		t.Fatalf("self-demotion: %d", resp.StatusCode)
	}
	entries, _, err := s.DB.FindAuditEntries(context.Background(), mobilite.AuditFilter{Entity: "user"})
	if err != nil || len(entries) != 2 {
		t.Fatalf("audit: %d entries (%v)", len(entries), err)
	}
	upd := entries[0]
	if upd.Action != "user.update" || upd.Actor != "admin@mobilite.example" || upd.IP == "" ||
		!strings.Contains(upd.Before, `"disabled":false`) || !strings.Contains(upd.After, `"disabled":true`) ||
		strings.Contains(upd.After+entries[1].After, "argon2") {
		t.Errorf("update entry: %+v", upd)
	}
	_, body = s.do(admin, "GET", "/admin/journal", nil, nil)
	if !strings.Contains(body, "modification de compte") || !strings.Contains(body, "<code>disabled</code>") {
		t.Error("the audit page does not show the change")
	}
	// The invitation waits in the outbox.
	_, total, _ := s.DB.FindMessages(context.Background(), mobilite.OutboxFilter{To: "agent@anpe.example"})
	if total != 1 {
		t.Errorf("invitation messages: %d", total)
	}
}

func TestErrorsAreAnswered(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	resp, body := s.do(c, "GET", "/nulle-part", nil, nil)
	if resp.StatusCode != 404 || !strings.Contains(body, "Cette page n'existe pas") {
		t.Errorf("404: %d", resp.StatusCode)
	}
	resp, _ = s.do(c, "DELETE", "/connexion", nil, nil)
	if resp.StatusCode != 405 || !strings.Contains(resp.Header.Get("Allow"), "POST") {
		t.Errorf("405: %d allow %q", resp.StatusCode, resp.Header.Get("Allow"))
	}
	resp, body = s.do(c, "GET", "/api/v1/nothing", nil, nil)
	if resp.StatusCode != 404 || !strings.Contains(body, `"code":"not_found"`) {
		t.Errorf("API 404: %d %s", resp.StatusCode, body)
	}
	resp, body = s.do(c, "POST", "/api/v1/ref/countries", strings.NewReader("{}"), nil)
	if resp.StatusCode != 405 || !strings.Contains(body, `"code":"method_not_allowed"`) {
		t.Errorf("API 405: %d %s", resp.StatusCode, body)
	}
	big := strings.NewReader("login=" + strings.Repeat("a", 2<<20))
	resp, _ = s.do(c, "POST", "/connexion", big, nil)
	if resp.StatusCode != 413 {
		t.Errorf("big form: %d", resp.StatusCode)
	}
	for _, id := range []string{"999", "abc", "-1", "99999999999999999999"} {
		resp, _ = s.do(s.sessionFor(mobilite.RoleAdmin), "GET", "/admin/utilisateurs/"+id, nil, nil)
		if resp.StatusCode != 404 {
			t.Errorf("user %s: %d", id, resp.StatusCode)
		}
	}
	// A form with garbage bytes does not break anything.
	resp, _ = s.do(c, "POST", "/connexion", strings.NewReader("login=%FF%FE%00&password=%00"), nil)
	if resp.StatusCode >= 500 {
		t.Errorf("garbage form: %d", resp.StatusCode)
	}
	resp, _ = s.do(c, "POST", "/connexion", strings.NewReader("%zz=%"), nil)
	if resp.StatusCode != 400 {
		t.Errorf("malformed form: %d", resp.StatusCode)
	}
}

func TestAPITokensAndJSONErrors(t *testing.T) {
	s := startServer(t, "sqlite")
	partner := s.sessionFor(mobilite.RolePartner)
	// A refused name comes back in the field, with its message; so does a refused language.
	long := strings.Repeat("Système RH ", 10)
	if resp, body := s.form(partner, "/compte/jetons", url.Values{"name": {long}}); resp.StatusCode != 422 ||
		!strings.Contains(body, `value="`+long+`"`) || !strings.Contains(body, "1 to 80 characters") {
		t.Errorf("refused token name: %d %s", resp.StatusCode, excerpt(body, "token"))
	}
	if resp, body := s.form(partner, "/compte/langue", url.Values{"language": {"xx"}}); resp.StatusCode != 422 ||
		!strings.Contains(body, `<p class="error">`) {
		t.Errorf("refused language: %d %s", resp.StatusCode, excerpt(body, "error"))
	}
	resp, body := s.form(partner, "/compte/jetons", url.Values{"name": {"Système RH"}})
	if resp.StatusCode != 200 {
		t.Fatalf("create token: %d", resp.StatusCode)
	}
	token := regexp.MustCompile(`mob_[A-Za-z0-9_-]+`).FindString(body)
	if token == "" {
		t.Fatal("token not shown")
	}
	bearer := map[string]string{"Authorization": "Bearer " + token}
	c := s.client()
	resp, body = s.do(c, "GET", "/api/v1/me", nil, bearer)
	var me struct {
		Role, Organization string
	}
	if resp.StatusCode != 200 || json.Unmarshal([]byte(body), &me) != nil || me.Role != "partner" {
		t.Fatalf("me: %d %s", resp.StatusCode, body)
	}
	resp, body = s.do(c, "GET", "/api/v1/me", nil, map[string]string{"Authorization": "Bearer mob_nope"})
	if resp.StatusCode != 401 || resp.Header.Get("WWW-Authenticate") == "" || !strings.Contains(body, `"code":"unauthorized"`) {
		t.Errorf("bad token: %d %s", resp.StatusCode, body)
	}
	json := map[string]string{"Authorization": "Bearer " + token, "Content-Type": "application/json"}
	for _, tc := range []struct {
		body, field string
		status      int
	}{
		{`{"language":"en","admin":true}`, "admin", 400},
		{`{"language":42}`, "language", 400},
		{`{"language":"de"}`, "language", 400},
		{`{"language":"en"} {"x":1}`, "", 400},
		{`{"language":`, "", 400},
		{``, "", 400},
		{`{"language":"en"}`, "", 200},
	} {
		resp, body = s.do(c, "PATCH", "/api/v1/me", strings.NewReader(tc.body), json)
		if resp.StatusCode != tc.status || (tc.field != "" && !strings.Contains(body, `"field":"`+tc.field+`"`)) {
			t.Errorf("PATCH %s: %d %s", tc.body, resp.StatusCode, body)
		}
	}
	// Too large: refused before it is read, in the account's language (English now).
	resp, body = s.do(c, "PATCH", "/api/v1/me", strings.NewReader(`{"language":"`+strings.Repeat("x", 2<<20)+`"}`), json)
	if resp.StatusCode != 413 || !strings.Contains(body, `"code":"too_large"`) || !strings.Contains(body, "too large") {
		t.Errorf("big JSON: %d %s", resp.StatusCode, body)
	}
	// Revoking the token closes the door.
	tokens, _ := s.DB.FindAPITokens(context.Background(), s.demoUser(mobilite.RolePartner).ID)
	resp, _ = s.form(partner, "/compte/jetons/"+itoa(tokens[0].ID)+"/revoquer", nil)
	if resp.StatusCode != 303 {
		t.Fatalf("revoke: %d", resp.StatusCode)
	}
	resp, _ = s.do(c, "GET", "/api/v1/me", nil, bearer)
	if resp.StatusCode != 401 {
		t.Errorf("revoked token: %d", resp.StatusCode)
	}
}

func TestCrossSiteRequestsRefused(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.sessionFor(mobilite.RoleSeeker)
	resp, body := s.do(c, "POST", "/deconnexion", strings.NewReader(""), map[string]string{"Sec-Fetch-Site": "cross-site", "Origin": "https://evil.example"})
	if resp.StatusCode != 403 || !strings.Contains(body, "autre site") {
		t.Errorf("cross-site POST: %d", resp.StatusCode)
	}
	resp, _ = s.do(c, "GET", "/compte", nil, nil)
	if resp.StatusCode != 200 {
		t.Error("the cross-site request logged the user out")
	}
	resp, _ = s.do(c, "POST", "/deconnexion", strings.NewReader(""), map[string]string{"Sec-Fetch-Site": "same-origin"})
	if resp.StatusCode != 303 {
		t.Errorf("same-origin POST: %d", resp.StatusCode)
	}
}

func TestHealthAndMetrics(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	resp, body := s.do(c, "GET", "/healthz", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `"status":"ok"`) {
		t.Fatalf("healthz: %d %s", resp.StatusCode, body)
	}
	s.do(c, "GET", "/", nil, nil)
	s.do(c, "GET", "/admin/utilisateurs/42", nil, nil)
	_, body = s.do(c, "GET", "/metrics", nil, nil)
	for _, want := range []string{`mobilite_http_requests_total{route="GET /{$}",code="200"} 1`, `route="GET /admin/utilisateurs/{id}"`,
		`mobilite_db_open_connections{db="sqlite"}`, "mobilite_http_request_duration_seconds_bucket"} {
		if !strings.Contains(body, want) {
			t.Errorf("metrics lack %s", want)
		}
	}
}

func itoa(n int64) string { return strconv.FormatInt(n, 10) }
