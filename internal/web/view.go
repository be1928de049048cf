package web

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
	"io/fs"
	"net/http"
	"net/url"
	"path"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/indicators"
	"mobilite/internal/locale"
)

//go:embed templates
var templateFS embed.FS

// templates holds every page, parsed once per language with "t" bound to that language.
type templates map[string]map[string]*template.Template // lang → page name → template

func parseTemplates(cat *locale.Catalogue) (templates, error) {
	pages, err := fs.Glob(templateFS, "templates/pages/*.html")
	if err != nil {
		return nil, err
	}
	out := templates{}
	for _, lang := range locale.Languages {
		p := cat.Printer(lang)
		funcs := template.FuncMap{
			"t":  p.T,
			"tn": p.N,
			// colon is the colon of the language: " : " in French, ": " in English.
			"colon":    func() string { return p.T("punct.colon") },
			"num":      p.Number,
			"date":     func(t time.Time) string { return formatDate(lang, t) },
			"datetime": func(t time.Time) string { return formatDateTime(lang, t) },
			"field":    newField,
			"role":     func(r mobilite.Role) string { return p.T("role." + string(r)) },
			"add":      func(a, b int) int { return a + b },
			"years":    indicators.Years,
			// val writes a computed value with one decimal, "—" when there is none; sign adds + to gains.
			"val": func(v *float64, sign bool) string {
				if v == nil {
					return "—"
				}
				f := "%.1f"
				if *v == float64(int64(*v)) {
					f = "%.0f" // a count
				}
				if sign {
					f = "%+" + f[1:]
				}
				out := fmt.Sprintf(f, *v)
				if lang == "fr" {
					out = strings.Replace(out, ".", ",", 1)
				}
				return out
			},
			"list": func(s ...string) []string { return s },
			// safeHTML marks an offer's text as HTML: it was sanitised (bluemonday) when it was stored.
			"safeHTML": func(s string) template.HTML { return template.HTML(s) },
			// searchURL is the link of a saved search (a query already encoded by url.Values).
			"searchURL": func(q string) template.URL {
				if q == "" {
					return "/offres"
				}
				v, err := url.ParseQuery(q)
				if err != nil {
					return "/offres"
				}
				return template.URL("/offres?" + v.Encode())
			},
		}
		out[lang] = map[string]*template.Template{}
		for _, page := range pages {
			t, err := template.New("layout.html").Funcs(funcs).ParseFS(templateFS, "templates/layout.html", "templates/partials/*.html", page)
			if err != nil {
				return nil, fmt.Errorf("web: parse %s: %w", page, err)
			}
			out[lang][strings.TrimSuffix(path.Base(page), ".html")] = t
		}
	}
	return out, nil
}

var monthsFR = []string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre"}

// formatDate writes a date the way each language reads it: "3 mars 2026", "3 March 2026".
func formatDate(lang string, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	if lang == "fr" {
		return fmt.Sprintf("%d %s %d", t.Day(), monthsFR[t.Month()-1], t.Year())
	}
	return t.Format("2 January 2006")
}

func formatDateTime(lang string, t time.Time) string {
	if t.IsZero() {
		return "—"
	}
	t = t.In(lome)
	if lang == "fr" {
		return formatDate(lang, t) + " à " + t.Format("15:04")
	}
	return formatDate(lang, t) + ", " + t.Format("15:04")
}

// lome is the time zone of the agency (UTC+0, no daylight saving).
var lome = time.FixedZone("GMT", 0)

// field is what the "input" partial needs to draw one labelled form field with its error.
type field struct {
	Name, Type, Label, Value, Error, Hint, Autocomplete, List string
	Required                                                  bool
}

// newField builds a field from the page data: name, input type and the catalogue key of the label,
// then optional "required", "hint=KEY", "auto=VALUE", "list=ID" words.
func newField(d *Page, name, typ, label string, opts ...string) field {
	f := field{Name: name, Type: typ, Label: d.p.T(label), Value: d.Form.Get(name), Error: d.Errors[name]}
	if typ == "password" {
		f.Value = ""
	}
	for _, o := range opts {
		switch {
		case o == "required":
			f.Required = true
		case strings.HasPrefix(o, "hint="):
			f.Hint = d.p.T(strings.TrimPrefix(o, "hint="))
		case strings.HasPrefix(o, "auto="):
			f.Autocomplete = strings.TrimPrefix(o, "auto=")
		case strings.HasPrefix(o, "list="):
			f.List = strings.TrimPrefix(o, "list=")
		}
	}
	if d.Kiosk != nil {
		f.Autocomplete = "off" // a shared computer remembers nothing typed
	}
	return f
}

// Page is the data of every page: the common part filled by the server, and the page's own Data.
type Page struct {
	Lang   string
	Title  string
	User   *mobilite.User
	Path   string            // the current path and query, for the language switch and the login return
	Flash  string            // a confirmation, shown once
	Alert  string            // an error about the whole form (wrong password…), shown as an alert
	Errors map[string]string // field → translated message
	Form   url.Values        // the values typed, to fill the form again
	Demo   bool
	Data   any
	Status int
	Nav    string          // the section of the navigation to mark as current
	Kiosk  *mobilite.Kiosk // the shared office computer the page is shown on, if it is one
	p      *locale.Printer
}

// OtherLang is the language the switch offers.
func (d *Page) OtherLang() string {
	if d.Lang == "fr" {
		return "en"
	}
	return "fr"
}

// SwitchURL is the link of the language switch, which comes back to the current page.
func (d *Page) SwitchURL() string {
	return "/langue/" + d.OtherLang() + "?next=" + url.QueryEscape(d.Path)
}

// Staff reports whether the user is staff, for the navigation.
func (d *Page) Staff() bool { return d.User != nil && d.User.Role.Staff() }

// Partner reports whether the user is a partner organisation.
func (d *Page) Partner() bool { return d.User != nil && d.User.Role == mobilite.RolePartner }

// Seeker reports whether the user is a job seeker.
func (d *Page) Seeker() bool { return d.User != nil && d.User.Role == mobilite.RoleSeeker }

// Registrar reports whether the user registers people at the agency's desks.
func (d *Page) Registrar() bool {
	return d.User != nil && (d.User.Role == mobilite.RoleCounsellor || d.User.Role == mobilite.RoleAdmin)
}

// Inspector reports whether the user handles the regulation registers (labour inspectors and
// admins).
func (d *Page) Inspector() bool {
	return d.User != nil && (d.User.Role == mobilite.RoleInspector || d.User.Role == mobilite.RoleAdmin)
}

// Admin reports whether the user is an admin.
func (d *Page) Admin() bool { return d.User != nil && d.User.Role == mobilite.RoleAdmin }

// page returns the common data of a page for request r.
func (s *Server) page(r *http.Request, titleKey string) *Page {
	lang := langOf(r)
	p := s.cat.Printer(lang)
	d := &Page{Lang: lang, Title: p.T(titleKey), User: access.User(r.Context()), Path: r.URL.RequestURI(),
		Errors: map[string]string{}, Form: url.Values{}, Demo: s.cfg.Demo, Kiosk: kioskOf(r), p: p}
	return d
}

// setErr fills d.Errors from a validation error, and returns the translated general message for
// the others.
func (d *Page) setErr(err error) {
	for _, f := range mobilite.ErrorFields(err) {
		d.Errors[f.Field] = d.p.T(f.Key)
	}
	if len(d.Errors) == 0 {
		d.Alert = d.p.T(mobilite.ErrorKey(err))
	}
}

// formError prepares the page that redraws a submitted form with its errors: for a validation
// or conflict error it returns the page (the values typed kept, the messages at their fields,
// the status set); for any other error it answers the error page itself and returns nil.
func (s *Server) formError(w http.ResponseWriter, r *http.Request, title, nav string, form url.Values, err error) *Page {
	code := mobilite.ErrorCode(err)
	if code != mobilite.EINVALID && code != mobilite.ECONFLICT {
		s.fail(w, r, err)
		return nil
	}
	d := s.page(r, title)
	d.Nav, d.Form, d.Status = nav, form, statusOf(code)
	d.setErr(err)
	return d
}

// render writes a page with its status (200 unless d.Status is set). The template is rendered to
// a buffer first, so that a template error gives a clean error page, not half a page.
func (s *Server) render(w http.ResponseWriter, r *http.Request, name string, d *Page) {
	if d.Flash == "" {
		d.Flash = s.takeFlash(w, r, d.p)
	}
	t := s.tpl[d.Lang][name]
	if t == nil {
		s.log.Error("web: no such template", "name", name)
		http.Error(w, "internal error", http.StatusInternalServerError)
		return
	}
	var buf bytes.Buffer
	if err := t.Execute(&buf, d); err != nil {
		s.log.Error("web: render", "template", name, "err", err)
		http.Error(w, d.p.T("error.internal"), http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Language", d.Lang)
	if d.Status != 0 {
		w.WriteHeader(d.Status)
	}
	_, _ = w.Write(buf.Bytes())
}

// fail answers an error from a service with the matching page: 404, 403, 503… The cause goes to
// the log; the user reads a translated message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := mobilite.ErrorCode(err)
	status := statusOf(code)
	if status >= 500 {
		s.log.Error("web: request failed", "path", r.URL.Path, "err", err)
	}
	d := s.page(r, "error.title")
	d.Status = status
	d.Data = map[string]string{"Message": d.p.T(mobilite.ErrorKey(err)), "Code": fmt.Sprint(status)}
	if code == mobilite.EINVALID || code == mobilite.ECONFLICT {
		d.Data = map[string]string{"Message": d.p.T("error.invalid"), "Code": fmt.Sprint(status)}
	}
	s.render(w, r, "error", d)
}

// statusOf maps an error code to its HTTP status.
func statusOf(code mobilite.Code) int {
	switch code {
	case mobilite.ENOTFOUND:
		return http.StatusNotFound
	case mobilite.EINVALID:
		return http.StatusUnprocessableEntity
	case mobilite.ECONFLICT:
		return http.StatusConflict
	case mobilite.EUNAUTHORIZED:
		return http.StatusUnauthorized
	case mobilite.EFORBIDDEN:
		return http.StatusForbidden
	case mobilite.ETHROTTLED:
		return http.StatusTooManyRequests
	case mobilite.EUNAVAILABLE:
		return http.StatusServiceUnavailable
	}
	return http.StatusInternalServerError
}

// StatusOf is statusOf for the API package.
func StatusOf(code mobilite.Code) int { return statusOf(code) }

const flashCookie = "flash"

// flash stores a catalogue key to show once on the next page.
func (s *Server) flash(w http.ResponseWriter, r *http.Request, key string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: key, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r), MaxAge: 60})
}

func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request, p *locale.Printer) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Path: "/", MaxAge: -1, HttpOnly: true, SameSite: http.SameSiteLaxMode, Secure: s.secure(r)})
	// Only messages of the catalogue are shown: a forged cookie cannot put text on the page.
	if !s.cat.Has(p.Lang(), c.Value) || !strings.HasPrefix(c.Value, "flash.") {
		return ""
	}
	return p.T(c.Value)
}

// redirect answers a form with 303 See Other (post/redirect/get).
func redirect(w http.ResponseWriter, r *http.Request, to string) {
	http.Redirect(w, r, to, http.StatusSeeOther)
}

// localPath returns next if it is a path on this site, else fallback: no open redirects.
func localPath(next, fallback string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") || strings.ContainsAny(next, "\r\n") {
		return fallback
	}
	return next
}
