package web

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/jobs"
)

// atomFeed is an Atom 1.0 document (RFC 4287).
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   string      `xml:"title"`
	Updated string      `xml:"updated"`
	Links   []atomLink  `xml:"link"`
	Author  atomAuthor  `xml:"author"`
	Entries []atomEntry `xml:"entry"`
}

type atomLink struct {
	Href string `xml:"href,attr"`
	Rel  string `xml:"rel,attr,omitempty"`
	Type string `xml:"type,attr,omitempty"`
}

type atomAuthor struct {
	Name string `xml:"name"`
}

type atomEntry struct {
	ID        string     `xml:"id"`
	Title     string     `xml:"title"`
	Updated   string     `xml:"updated"`
	Published string     `xml:"published"`
	Link      atomLink   `xml:"link"`
	Author    atomAuthor `xml:"author"`
	Summary   string     `xml:"summary"`
	Category  []atomCat  `xml:"category,omitempty"`
}

type atomCat struct {
	Term string `xml:"term,attr"`
}

// feed serves any search as an Atom feed, without an account: the newest 50 matching offers.
func (s *Server) feed(w http.ResponseWriter, r *http.Request) {
	v := cleanForm(r.URL.Query())
	now := s.now()
	q, _ := jobs.ParseQuery(s.ref, v, now)
	q.Status, q.Sort, q.Limit = "", "newest", 50
	res, err := s.jobs.Store.SearchJobs(r.Context(), q)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := langOf(r)
	p := s.cat.Printer(lang)
	search := jobs.Canonical(v)
	page := s.baseURL(r) + "/offres"
	if search != "" {
		page += "?" + search
	}
	f := atomFeed{Lang: lang, ID: page, Title: p.T("feed.title"), Updated: now.UTC().Format(time.RFC3339),
		Links:  []atomLink{{Href: page, Rel: "alternate", Type: "text/html"}, {Href: s.baseURL(r) + r.URL.RequestURI(), Rel: "self", Type: "application/atom+xml"}},
		Author: atomAuthor{Name: "Mobilité — ANPE"}}
	if q.Text != "" {
		f.Title = p.T("feed.title.query", "q", q.Text)
	}
	for _, j := range res.Items {
		link := s.baseURL(r) + "/offres/" + strconv.FormatInt(j.ID, 10)
		summary := j.Organization
		if pl := s.place(lang, j); pl != "" {
			summary += " — " + pl
		}
		if !j.Deadline.IsZero() {
			summary += " — " + p.T("offer.deadline") + " " + formatDate(lang, j.Deadline)
		}
		e := atomEntry{ID: link, Title: j.Title, Updated: j.UpdatedAt.UTC().Format(time.RFC3339), Published: j.PublishedAt.UTC().Format(time.RFC3339),
			Link: atomLink{Href: link, Rel: "alternate", Type: "text/html"}, Author: atomAuthor{Name: j.Organization}, Summary: summary}
		if j.Country != "" {
			e.Category = append(e.Category, atomCat{Term: j.Country})
		}
		f.Entries = append(f.Entries, e)
	}
	var buf bytes.Buffer
	buf.WriteString(xml.Header)
	if err := xml.NewEncoder(&buf).Encode(f); err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/atom+xml; charset=utf-8")
	w.Header().Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write(buf.Bytes())
}

// live streams, as Server-Sent Events, the new offers matching a search: the search page's
// script shows them as they come. Each event is one offer as a small HTML fragment's data.
func (s *Server) live(w http.ResponseWriter, r *http.Request) {
	flusher, ok := w.(http.Flusher)
	if !ok || s.hub == nil {
		s.fail(w, r, mobilite.Errorf(mobilite.EUNAVAILABLE, "error.unavailable", "web: no streaming"))
		return
	}
	v := cleanForm(r.URL.Query())
	q, _ := jobs.ParseQuery(s.ref, v, s.now())
	q.Status, q.Sort, q.Limit = "", "newest", 20
	after, _ := strconv.ParseInt(v.Get("after"), 10, 64)
	// The stream ends after a while (the browser reconnects with Last-Event-ID): no answer stays
	// open for ever on a server behind a proxy.
	limit := 10 * time.Minute
	if t, err := strconv.Atoi(v.Get("timeout")); err == nil && t > 0 && t < 600 {
		limit = time.Duration(t) * time.Second
	}
	end := time.NewTimer(limit)
	defer end.Stop()
	if id := r.Header.Get("Last-Event-ID"); id != "" {
		after, _ = strconv.ParseInt(id, 10, 64)
	}
	news, leave := s.hub.Subscribe()
	defer leave()
	// The server's write timeout would cut the stream: this answer may stay open.
	rc := http.NewResponseController(w)
	_ = rc.SetWriteDeadline(time.Time{})
	w.Header().Set("Content-Type", "text/event-stream")
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("X-Accel-Buffering", "no")
	fmt.Fprintf(w, "retry: 15000\n\n")
	flusher.Flush()
	lang := langOf(r)
	keepalive := time.NewTicker(25 * time.Second)
	defer keepalive.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case <-end.C:
			return
		case <-keepalive.C:
			fmt.Fprint(w, ": keep-alive\n\n")
			flusher.Flush()
		case <-news:
			q.AfterID, q.Now = after, s.now()
			res, err := s.jobs.Store.SearchJobs(r.Context(), q)
			if err != nil {
				return
			}
			for i := len(res.Items) - 1; i >= 0; i-- {
				j := res.Items[i]
				data, _ := jsonLine(map[string]any{"id": j.ID, "title": j.Title, "organization": j.Organization, "place": s.place(lang, j),
					"url": "/offres/" + strconv.FormatInt(j.ID, 10)})
				fmt.Fprintf(w, "id: %d\nevent: offer\ndata: %s\n\n", j.ID, data)
				after = max(after, j.ID)
			}
			flusher.Flush()
		}
	}
}

// saveSearch follows a search by e-mail for the logged-in user.
func (s *Server) saveSearch(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	u := access.User(r.Context())
	_, err := s.alerts.Save(r.Context(), u, form.Get("search"), form.Get("frequency"))
	if err != nil {
		code := mobilite.ErrorCode(err)
		if code != mobilite.EINVALID && code != mobilite.ECONFLICT {
			s.fail(w, r, err)
			return
		}
		d := s.page(r, "alerts.title")
		d.Status = statusOf(code)
		d.setErr(err)
		if len(d.Errors) > 0 && d.Alert == "" {
			for _, msg := range d.Errors {
				d.Alert = msg
			}
		}
		s.renderAlerts(w, r, d)
		return
	}
	s.flash(w, r, "flash.alert_saved")
	redirect(w, r, "/compte/alertes")
}

// alertsPage lists the user's saved searches.
func (s *Server) alertsPage(w http.ResponseWriter, r *http.Request) {
	s.renderAlerts(w, r, s.page(r, "alerts.title"))
}

func (s *Server) renderAlerts(w http.ResponseWriter, r *http.Request, d *Page) {
	u := access.User(r.Context())
	list, err := s.store.FindSavedSearches(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Nav = "account"
	d.Data = map[string]any{"Searches": list}
	s.render(w, r, "alerts", d)
}

// deleteSearch stops one of the user's saved searches.
func (s *Server) deleteSearch(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.store.DeleteSavedSearch(r.Context(), access.User(r.Context()).ID, id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.alert_deleted")
	redirect(w, r, "/compte/alertes")
}

// unsubscribeForm asks to confirm the end of an alert, from the link of its e-mail (no login).
func (s *Server) unsubscribeForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "unsubscribe.title")
	d.Form.Set("token", r.URL.Query().Get("token"))
	s.render(w, r, "unsubscribe", d)
}

func (s *Server) unsubscribe(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	saved, err := s.alerts.Unsubscribe(r.Context(), form.Get("token"))
	d := s.page(r, "unsubscribe.title")
	if err != nil {
		if mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		d.Status = http.StatusNotFound
		d.Alert = d.p.T(mobilite.ErrorKey(err))
		s.render(w, r, "unsubscribe", d)
		return
	}
	d.Data = saved
	s.render(w, r, "unsubscribe", d)
}

// jsonLine encodes v on one line for an event's data.
func jsonLine(v any) (string, error) {
	b, err := json.Marshal(v)
	return string(b), err
}
