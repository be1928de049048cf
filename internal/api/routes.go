package api

import (
	"context"
	"net/http"
	"strconv"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/ref"
)

// Routes is the route table of the API; a test walks it with every role, and another checks
// that the OpenAPI document describes every route.
func (a *API) Routes() []access.Route {
	registrars := access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor)
	flowWriters := access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor, mobilite.RolePartner)
	return []access.Route{
		{Method: "GET", Pattern: "/healthz", Perm: access.Public, Handler: a.health, Want: 200},
		{Method: "GET", Pattern: "/api/openapi.json", Perm: access.Public, Handler: a.openapi, Want: 200},
		{Method: "GET", Pattern: "/api/v1/ref/isco08", Perm: access.Public, Handler: a.refISCO, Example: "/api/v1/ref/isco08?level=1", Want: 200},
		{Method: "GET", Pattern: "/api/v1/ref/isced2011", Perm: access.Public, Handler: a.refISCED, Want: 200},
		{Method: "GET", Pattern: "/api/v1/ref/isic4", Perm: access.Public, Handler: a.refISIC, Example: "/api/v1/ref/isic4?level=section", Want: 200},
		{Method: "GET", Pattern: "/api/v1/ref/countries", Perm: access.Public, Handler: a.refCountries, Want: 200},
		{Method: "GET", Pattern: "/api/v1/ref/regions", Perm: access.Public, Handler: a.refRegions, Want: 200},
		{Method: "GET", Pattern: "/api/v1/jobs", Perm: access.Public, Handler: a.searchJobs, Example: "/api/v1/jobs?q=chauffeur&country=DEU&status=all", Want: 200},
		{Method: "GET", Pattern: "/api/v1/jobs/changes", Perm: access.Public, Handler: a.jobChanges, Example: "/api/v1/jobs/changes?since=2026-01-01T00:00:00Z", Want: 200},
		{Method: "GET", Pattern: "/api/v1/jobs/{id}", Perm: access.Public, Handler: a.getJob, Example: "/api/v1/jobs/1", Want: 200},
		{Method: "POST", Pattern: "/api/v1/jobs", Perm: access.Roles(mobilite.RolePartner), Handler: a.pushJob, Want: 400},
		{Method: "DELETE", Pattern: "/api/v1/jobs/{id}", Perm: access.Roles(mobilite.RolePartner), Handler: a.closeJob, Example: "/api/v1/jobs/999999", Want: 404},
		{Method: "POST", Pattern: "/api/v1/seekers", Perm: registrars, Handler: a.createSeeker, Want: 400},
		{Method: "GET", Pattern: "/api/v1/seekers", Perm: registrars, Handler: a.findSeekers, Example: "/api/v1/seekers?q=mensah", Want: 200},
		{Method: "GET", Pattern: "/api/v1/seekers/{id}", Perm: registrars, Handler: a.getSeeker, Example: "/api/v1/seekers/999999", Want: 404},
		{Method: "PATCH", Pattern: "/api/v1/seekers/{id}", Perm: registrars, Handler: a.updateSeeker, Example: "/api/v1/seekers/999999", Want: 404},
		{Method: "GET", Pattern: "/api/v1/seekers/{id}/matches", Perm: registrars, Handler: a.seekerMatches, Example: "/api/v1/seekers/999999/matches", Want: 404},
		{Method: "POST", Pattern: "/api/v1/flows/departures", Perm: flowWriters, Handler: a.createDeparture, Want: 400},
		{Method: "POST", Pattern: "/api/v1/flows/returns", Perm: flowWriters, Handler: a.createReturn, Want: 400},
		{Method: "GET", Pattern: "/api/v1/stats/indicators", Perm: access.Public, Handler: a.listIndicators, Want: 200},
		{Method: "GET", Pattern: "/api/v1/stats/indicators/{id}", Perm: access.Public, Handler: a.getIndicator, Example: "/api/v1/stats/indicators/LM-F01?period=2025&by=sex,destination", Want: 200},
		{Method: "GET", Pattern: "/api/v1/stats/indicators/{id}/export", Perm: access.Public, Handler: a.exportIndicator, Example: "/api/v1/stats/indicators/LM-F01/export?period=2025&by=sex,destination&format=sdmx-csv", Want: 200},
		{Method: "GET", Pattern: "/api/v1/me", Perm: access.LoggedIn, Handler: a.me, Want: 200},
		{Method: "PATCH", Pattern: "/api/v1/me", Perm: access.LoggedIn, Handler: a.updateMe, Want: 400},
	}
}

// health answers {"status":"ok"} when the database answers, 503 otherwise.
func (a *API) health(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	w.Header().Set("Cache-Control", "no-store")
	if err := a.store.Ping(ctx); err != nil {
		a.log.Warn("health: database does not answer", "err", err)
		writeJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable", "database": "down"})
		return
	}
	writeJSON(w, http.StatusOK, map[string]string{"status": "ok", "database": a.store.Engine()})
}

// list is the envelope of list answers.
type list[T any] struct {
	Items []T `json:"items"`
	Total int `json:"total"`
}

func newList[T any](items []T) list[T] {
	if items == nil {
		items = []T{}
	}
	return list[T]{Items: items, Total: len(items)}
}

// cacheable marks reference answers as cacheable for a day: they change only with a release.
func cacheable(w http.ResponseWriter) { w.Header().Set("Cache-Control", "public, max-age=86400") }

func (a *API) refISCO(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	level, _ := strconv.Atoi(q.Get("level"))
	var out []ref.Occupation
	if s := q.Get("q"); s != "" {
		out = a.ref.SearchOccupations(s, level, 100)
	} else {
		for _, o := range a.ref.Occupations() {
			if level == 0 || o.Level == level {
				out = append(out, o)
			}
		}
	}
	cacheable(w)
	writeJSON(w, http.StatusOK, newList(out))
}

func (a *API) refISCED(w http.ResponseWriter, r *http.Request) {
	cacheable(w)
	writeJSON(w, http.StatusOK, newList(a.ref.Educations()))
}

func (a *API) refISIC(w http.ResponseWriter, r *http.Request) {
	level := r.URL.Query().Get("level")
	var out []ref.Activity
	for _, x := range a.ref.Activities() {
		if level == "" || x.Level == level {
			out = append(out, x)
		}
	}
	cacheable(w)
	writeJSON(w, http.StatusOK, newList(out))
}

func (a *API) refCountries(w http.ResponseWriter, r *http.Request) {
	out := a.ref.Countries()
	if s := r.URL.Query().Get("q"); s != "" {
		out = a.ref.SearchCountries(s, 50)
	}
	cacheable(w)
	writeJSON(w, http.StatusOK, newList(out))
}

func (a *API) refRegions(w http.ResponseWriter, r *http.Request) {
	cacheable(w)
	writeJSON(w, http.StatusOK, newList(a.ref.Regions()))
}

// meBody is how the API shows the caller's own account.
type meBody struct {
	ID           int64         `json:"id"`
	Name         string        `json:"name"`
	Email        string        `json:"email,omitempty"`
	Phone        string        `json:"phone,omitempty"`
	Role         mobilite.Role `json:"role"`
	OfficeID     int64         `json:"office_id,omitempty"`
	Organization string        `json:"organization,omitempty"`
	Language     string        `json:"language"`
}

func showMe(u *mobilite.User) meBody {
	return meBody{ID: u.ID, Name: u.Name, Email: u.Email, Phone: u.Phone, Role: u.Role, OfficeID: u.OfficeID,
		Organization: u.Organization, Language: u.Language}
}

func (a *API) me(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, showMe(access.User(r.Context())))
}

// updateMe changes the caller's language (the only setting a program may change for now).
func (a *API) updateMe(w http.ResponseWriter, r *http.Request) {
	var in struct {
		Language *string `json:"language"`
	}
	if !a.decode(w, r, &in) {
		return
	}
	if in.Language == nil {
		a.fail(w, r, mobilite.Invalid("language", "user.language.invalid"))
		return
	}
	u := access.User(r.Context())
	if err := a.accounts.SetLanguage(r.Context(), u, *in.Language); err != nil {
		a.fail(w, r, err)
		return
	}
	writeJSON(w, http.StatusOK, showMe(u))
}
