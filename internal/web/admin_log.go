package web

import (
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/audit"
)

// auditRow is an audit entry with the fields that changed, for reading.
type auditRow struct {
	*mobilite.AuditEntry
	Changed []string
}

// changedKeys lists the top-level keys whose values differ between two JSON objects.
func changedKeys(before, after string) []string {
	var b, a map[string]any
	_ = json.Unmarshal([]byte(before), &b)
	_ = json.Unmarshal([]byte(after), &a)
	var keys []string
	for k, v := range a {
		if bv, ok := b[k]; !ok || !jsonEqual(bv, v) {
			keys = append(keys, k)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	return keys
}

func jsonEqual(x, y any) bool {
	bx, _ := json.Marshal(x)
	by, _ := json.Marshal(y)
	return string(bx) == string(by)
}

func (s *Server) auditList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := mobilite.AuditFilter{Entity: q.Get("entity"), Action: q.Get("action")}
	if id, err := strconv.ParseInt(q.Get("actor"), 10, 64); err == nil {
		f.ActorID = id
	}
	d := s.page(r, "audit.title")
	if v := q.Get("since"); v != "" {
		if t, err := time.Parse("2006-01-02", v); err == nil {
			f.Since = t
		} else {
			d.Errors["since"] = d.p.T("form.date.invalid")
		}
	}
	if v := q.Get("until"); v != "" {
		if t, err := time.Parse("2006-01-02", v); err == nil {
			f.Until = t.AddDate(0, 0, 1)
		} else {
			d.Errors["until"] = d.p.T("form.date.invalid")
		}
	}
	n := pageNumber(r)
	f.Offset, f.Limit = (n-1)*perPage, perPage
	entries, total, err := s.store.FindAuditEntries(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	rows := make([]auditRow, len(entries))
	for i, e := range entries {
		rows[i] = auditRow{AuditEntry: e}
		if e.Before != "" && e.After != "" {
			rows[i].Changed = changedKeys(e.Before, e.After)
		}
	}
	d.Nav = "admin"
	d.Form = q
	d.Data = map[string]any{"Entries": rows, "Pager": newPager(r, n, perPage, total)}
	s.render(w, r, "audit", d)
}

func (s *Server) outboxList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := mobilite.OutboxFilter{Status: q.Get("status")}
	if f.Status != mobilite.MessagePending && f.Status != mobilite.MessageSent && f.Status != mobilite.MessageFailed {
		f.Status = ""
	}
	n := pageNumber(r)
	f.Offset, f.Limit = (n-1)*perPage, perPage
	msgs, total, err := s.store.FindMessages(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "outbox.title")
	d.Nav = "admin"
	d.Form = q
	d.Data = map[string]any{"Messages": msgs, "Pager": newPager(r, n, perPage, total), "SMTP": s.cfg.SMTP}
	s.render(w, r, "outbox", d)
}

func (s *Server) outboxShow(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var m *mobilite.Message
	if err == nil {
		m, err = s.store.FindMessageByID(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "outbox.message")
	d.Nav = "admin"
	d.Data = map[string]any{"Message": m, "SMTP": s.cfg.SMTP}
	s.render(w, r, "message", d)
}

func (s *Server) outboxRetry(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		// A staff write: the retry and its audit entry land together.
		err = s.store.Tx(r.Context(), func(tx mobilite.Store) error {
			if err := tx.RetryMessage(r.Context(), id, s.now()); err != nil {
				return err
			}
			return audit.Record(r.Context(), tx, s.now(), access.User(r.Context()), "message.retry", "message", id, nil, nil)
		})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.message_requeued")
	redirect(w, r, "/admin/courriels/"+strconv.FormatInt(id, 10))
}
