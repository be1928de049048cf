// Package web serves the HTML pages of Mobilité: server-rendered, French first, light enough for
// a cheap phone on a slow connection, and working without JavaScript.
package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/url"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/account"
	"mobilite/internal/audit"
	"mobilite/internal/flows"
	"mobilite/internal/indicators"
	"mobilite/internal/jobs"
	"mobilite/internal/locale"
	"mobilite/internal/match"
	"mobilite/internal/office"
	"mobilite/internal/ref"
	"mobilite/internal/regulation"
	"mobilite/internal/seekers"
)

// Config is what the web layer needs to know of the deployment.
type Config struct {
	BaseURL    string // the public address; https:// makes cookies Secure
	TrustProxy bool   // read the client address from X-Forwarded-For
	Demo       bool   // show the demo banner
	// DemoAccounts (login, role) and DemoPassword are shown on the log-in page of a demo site.
	DemoAccounts [][2]string
	DemoPassword string
	SMTP         bool // whether mail leaves the outbox (else admins read it there)
}

// Server holds the dependencies of the pages.
type Server struct {
	cfg        Config
	store      mobilite.Store
	accounts   *account.Service
	offices    *office.Service
	ref        *ref.Ref
	cat        *locale.Catalogue
	log        *slog.Logger
	tpl        templates
	now        func() time.Time
	files      http.Handler
	jobs       *jobs.Service
	alerts     *jobs.Alerts
	hub        *jobs.Hub
	seekers    *seekers.Service
	match      *match.Service
	explain    *match.Explainer
	flows      *flows.Service
	indicators *indicators.Service
	regulation *regulation.Service

	lastMu sync.Mutex // lastID: the greatest offer id, read at most once a second
	lastID int64
	lastAt time.Time

	orgMu  sync.Mutex
	orgMap map[string]string // organisation names by id, cached for the facets
	orgAt  time.Time
}

// Deps are the services a Server is built from.
type Deps struct {
	Store      mobilite.Store
	Accounts   *account.Service
	Offices    *office.Service
	Ref        *ref.Ref
	Locale     *locale.Catalogue
	Log        *slog.Logger
	Now        func() time.Time
	Jobs       *jobs.Service
	Alerts     *jobs.Alerts
	Hub        *jobs.Hub
	Seekers    *seekers.Service
	Flows      *flows.Service
	Indicators *indicators.Service
	Regulation *regulation.Service // built from Store, Ref and Now when nil
}

// New parses the templates and returns the server.
func New(cfg Config, d Deps) (*Server, error) {
	tpl, err := parseTemplates(d.Locale)
	if err != nil {
		return nil, err
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Regulation == nil {
		d.Regulation = &regulation.Service{Store: d.Store, Ref: d.Ref, Now: d.Now}
	}
	return &Server{cfg: cfg, store: d.Store, accounts: d.Accounts, offices: d.Offices, ref: d.Ref, cat: d.Locale,
		log: d.Log, tpl: tpl, now: d.Now, files: http.StripPrefix("/static/", http.FileServerFS(staticFS())),
		jobs: d.Jobs, alerts: d.Alerts, hub: d.Hub, seekers: d.Seekers, match: &match.Service{Store: d.Store},
		explain: &match.Explainer{Ref: d.Ref, Cat: d.Locale}, flows: d.Flows, indicators: d.Indicators,
		regulation: d.Regulation}, nil
}

// Route is a line of the route table.
type Route = access.Route

// Register adds the routes to mux, each behind its permission check, and the pages for unknown
// paths (404) and wrong methods (405).
func (s *Server) Register(mux *http.ServeMux) {
	for _, rt := range s.Routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, s.guard(rt.Perm, rt.Handler))
	}
	mux.Handle("/", s.unmatched(mux))
}

// guard checks the permission of a route: a visitor who is not logged in is sent to the log-in
// page (and back afterwards); a logged-in user without the role gets 403.
func (s *Server) guard(p access.Perm, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := access.User(r.Context())
		if p.ForGuests() && u != nil {
			redirect(w, r, "/compte")
			return
		}
		if p.Allows(u) {
			h(w, r)
			return
		}
		if u == nil {
			next := r.URL.RequestURI()
			if r.Method != http.MethodGet {
				next = r.Referer()
			}
			redirect(w, r, "/connexion?next="+url.QueryEscape(localPath(next, "/")))
			return
		}
		s.fail(w, r, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "web: %s may not %s %s", u.Role, r.Method, r.URL.Path))
	})
}

// unmatched answers paths that no route matches: 405 with Allow when another method would
// match, 404 otherwise.
func (s *Server) unmatched(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			if m == r.Method {
				continue
			}
			r2 := r.Clone(r.Context())
			r2.Method = m
			if _, pattern := mux.Handler(r2); pattern != "/" && pattern != "" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			d := s.page(r, "error.title")
			d.Status = http.StatusMethodNotAllowed
			d.Data = map[string]string{"Message": d.p.T("error.method"), "Code": "405"}
			s.render(w, r, "error", d)
			return
		}
		s.fail(w, r, mobilite.Errorf(mobilite.ENOTFOUND, "error.page_not_found", ""))
	})
}

// MaxBody is the largest request body accepted unless a route says otherwise.
const MaxBody = 1 << 20

// Wrap puts the middleware around the whole site (pages and API): panic recovery, security
// headers, body limit, cross-site request protection, the user and the language of the request.
func (s *Server) Wrap(h http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, mobilite.Errorf(mobilite.EFORBIDDEN, "error.cross_origin", "web: cross-origin %s %s", r.Method, r.URL.Path))
	}))
	h = cop.Handler(h)
	h = s.limitBody(h) // after identify, so that a refusal speaks the user's language
	h = s.identify(h)
	return s.recover(s.headers(h))
}

// headers sets the security headers.
func (s *Server) headers(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "+
			"form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("X-Frame-Options", "DENY")
		if s.secure(r) {
			h.Set("Strict-Transport-Security", "max-age=31536000")
		}
		next.ServeHTTP(w, r)
	})
}

// limitBody refuses a body longer than the route allows (413), before reading it when its
// length is announced, and limits what the handler can read of it.
func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := int64(MaxBody)
		if r.URL.Path == "/admin/import" {
			limit = jobs.MaxUpload + 64<<10 // a file of offers, with the form around it
		}
		if r.Method == http.MethodPost && r.URL.Path == "/flux/import" {
			limit = flows.MaxFile // a file of departures or returns, with the form around it
		}
		if r.Method == http.MethodPost && r.URL.Path == "/donnees-agregees" {
			limit = indicators.MaxValuesFile
		}
		if l, ok := surveyBodyLimit(r); ok {
			limit = l // a questionnaire or a file of submissions
		}
		ownCheck := r.URL.Path == cvUploadPath && r.Method == http.MethodPost
		if ownCheck {
			limit = cvBodyLimit // and the handler refuses a longer body at the form's field
		}
		if r.ContentLength > limit && !ownCheck {
			s.tooLarge(w, r)
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request) {
	if strings.HasPrefix(r.URL.Path, "/api/") {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusRequestEntityTooLarge)
		_, _ = w.Write([]byte(`{"error":{"code":"too_large","message":"` + s.cat.Printer(langOf(r)).T("error.too_large") + `"}}`))
		return
	}
	d := s.page(r, "error.title")
	d.Status = http.StatusRequestEntityTooLarge
	d.Data = map[string]string{"Message": d.p.T("error.too_large"), "Code": "413"}
	s.render(w, r, "error", d)
}

// recover turns a panic into a 500 page and a log line with the stack.
func (s *Server) recover(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("web: panic", "path", r.URL.Path, "panic", p, "stack", string(debug.Stack()))
				http.Error(w, "500 internal error", http.StatusInternalServerError)
			}
		}()
		next.ServeHTTP(w, r)
	})
}

const sessionCookie = "session"

type langKey struct{}

// langOf returns the language chosen for the request by identify.
func langOf(r *http.Request) string {
	if l, ok := r.Context().Value(langKey{}).(string); ok {
		return l
	}
	return locale.Default
}

// LangOf is langOf for the API package.
func LangOf(r *http.Request) string { return langOf(r) }

// identify finds the user (session cookie, or bearer token for programs) and the language, and
// puts them in the request's context with the client address for the audit log.
func (s *Server) identify(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" || r.URL.Path == "/metrics" {
			next.ServeHTTP(w, r)
			return
		}
		ctx := audit.WithIP(r.Context(), access.ClientIP(r, s.cfg.TrustProxy))
		var u *mobilite.User
		var err error
		if bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			u, err = s.accounts.TokenUser(ctx, strings.TrimSpace(bearer))
			if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
				u, err = nil, nil
				ctx = context.WithValue(ctx, badTokenKey{}, true)
			}
		} else if c, cerr := r.Cookie(sessionCookie); cerr == nil {
			u, err = s.accounts.SessionUser(ctx, c.Value)
			if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
				u, err = nil, nil
				http.SetCookie(w, s.cookie(r, sessionCookie, "", -1))
			}
		}
		if c, cerr := r.Cookie(kioskCookie); cerr == nil && err == nil {
			k, kerr := s.accounts.Kiosk(ctx, c.Value)
			switch mobilite.ErrorCode(kerr) {
			case "":
				ctx = context.WithValue(ctx, kioskKey{}, k)
				// Nothing of a shared computer's pages stays in its browser.
				w.Header().Set("Cache-Control", "no-store")
			case mobilite.ENOTFOUND:
				http.SetCookie(w, s.cookie(r, kioskCookie, "", -1))
			default:
				err = kerr
			}
		}
		lang := locale.Default
		if c, cerr := r.Cookie("lang"); cerr == nil && mobilite.ValidLanguage(c.Value) {
			lang = c.Value
		} else if u != nil && mobilite.ValidLanguage(u.Language) {
			lang = u.Language
		} else if h := r.Header.Get("Accept-Language"); h != "" {
			lang = locale.Negotiate(h)
		}
		ctx = context.WithValue(ctx, langKey{}, lang)
		r = r.WithContext(ctx)
		if err != nil {
			// The database does not answer: say so plainly rather than pretend nobody is logged in.
			if strings.HasPrefix(r.URL.Path, "/api/") {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(statusOf(mobilite.ErrorCode(err)))
				_, _ = w.Write([]byte(`{"error":{"code":"` + string(mobilite.ErrorCode(err)) + `","message":"` + s.cat.Printer(lang).T(mobilite.ErrorKey(err)) + `"}}`))
				return
			}
			s.fail(w, r, err)
			return
		}
		next.ServeHTTP(w, r.WithContext(access.WithUser(ctx, u)))
	})
}

type badTokenKey struct{}

// BadToken reports whether the request carried a bearer token that matched no valid token.
func BadToken(r *http.Request) bool {
	b, _ := r.Context().Value(badTokenKey{}).(bool)
	return b
}

// baseURL is the site's public address: the configured one, else the one the request came to.
func (s *Server) baseURL(r *http.Request) string {
	if s.cfg.BaseURL != "" {
		return strings.TrimRight(s.cfg.BaseURL, "/")
	}
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

// secure reports whether cookies must be Secure: the site is served over TLS.
func (s *Server) secure(r *http.Request) bool {
	return r.TLS != nil || strings.HasPrefix(s.cfg.BaseURL, "https://")
}

// cookie builds an HttpOnly, SameSite=Lax cookie for the whole site (maxAge < 0 deletes it).
func (s *Server) cookie(r *http.Request, name, value string, maxAge int) *http.Cookie {
	return &http.Cookie{Name: name, Value: value, Path: "/", MaxAge: maxAge, HttpOnly: true,
		SameSite: http.SameSiteLaxMode, Secure: s.secure(r)}
}
