package main

import (
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/api"
	"mobilite/internal/store/storetest"
	"mobilite/internal/web"
)

// allRoutes returns the route tables of the pages and of the API, as registered.
func allRoutes(t *testing.T, s *testServer) []access.Route {
	w, err := web.New(web.Config{}, web.Deps{Locale: s.Locale, Log: s.Log})
	if err != nil {
		t.Fatal(err)
	}
	return append(w.Routes(), api.New(api.Deps{}).Routes()...)
}

// TestRoleMatrix walks every route of both tables with every role (and nobody logged in) and
// checks the answer against the route's permission: the route's own status for an allowed user,
// a redirect to the log-in page (pages) or 401 (API) for a visitor, 403 for a logged-in user
// without the role.
func TestRoleMatrix(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			s := startServer(t, engine)
			roles := append([]mobilite.Role{""}, mobilite.Roles...)
			routes := allRoutes(t, s)
			if len(routes) < 40 {
				t.Fatalf("only %d routes in the tables", len(routes))
			}
			for _, rt := range routes {
				path := rt.Example
				if path == "" {
					path = rt.Pattern
				}
				path = strings.TrimSuffix(path, "{$}")
				for _, role := range roles {
					// A fresh session for each request: some routes (log-out) end it.
					c := s.sessionFor(role)
					var u *mobilite.User
					if role != "" {
						u = s.demoUser(role)
					}
					var body *strings.Reader
					if rt.Method != "GET" {
						body = strings.NewReader("")
					}
					req, _ := http.NewRequest(rt.Method, s.URL+path, nil)
					if body != nil {
						req, _ = http.NewRequest(rt.Method, s.URL+path, body)
						req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
						if strings.HasPrefix(path, "/api/") {
							req.Header.Set("Content-Type", "application/json")
						}
					}
					resp, err := c.Do(req)
					if err != nil {
						t.Fatal(err)
					}
					resp.Body.Close()
					want := rt.Want
					switch {
					case rt.Perm.ForGuests() && u != nil:
						want = http.StatusSeeOther
					case rt.Perm.Allows(u):
					case role == "" && strings.HasPrefix(path, "/api/"):
						want = http.StatusUnauthorized
					case role == "":
						want = http.StatusSeeOther
						if loc := resp.Header.Get("Location"); resp.StatusCode == want && !strings.HasPrefix(loc, "/connexion?next=") {
							t.Errorf("%s %s as visitor: redirected to %q, not the log-in page", rt.Method, path, loc)
						}
					default:
						want = http.StatusForbidden
					}
					if resp.StatusCode != want {
						t.Errorf("%s %s as %q (%s): status %d, want %d", rt.Method, path, role, rt.Perm, resp.StatusCode, want)
					}
				}
			}
		})
	}
}

// TestOpenAPIDescribesEveryRoute checks that each API route is in the OpenAPI document, and
// that the document has no route the server does not serve.
func TestOpenAPIDescribesEveryRoute(t *testing.T) {
	s := startServer(t, "sqlite")
	resp, body := s.do(s.client(), "GET", "/api/openapi.json", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("status %d", resp.StatusCode)
	}
	var doc struct {
		OpenAPI string                                `json:"openapi"`
		Paths   map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal([]byte(body), &doc); err != nil || !strings.HasPrefix(doc.OpenAPI, "3.") {
		t.Fatalf("not an OpenAPI 3 document: %v", err)
	}
	served := map[string]bool{}
	for _, rt := range api.New(api.Deps{}).Routes() {
		served[rt.Method+" "+rt.Pattern] = true
		if _, ok := doc.Paths[rt.Pattern][strings.ToLower(rt.Method)]; !ok {
			t.Errorf("%s %s is not in the OpenAPI document", rt.Method, rt.Pattern)
		}
	}
	for path, ops := range doc.Paths {
		for method := range ops {
			if method == "parameters" {
				continue
			}
			if !served[strings.ToUpper(method)+" "+path] {
				t.Errorf("the OpenAPI document has %s %s, which the server does not serve", method, path)
			}
		}
	}
}
