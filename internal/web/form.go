package web

import (
	"errors"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/jobs"
)

// maxField is the longest value a form field may hold (longer text comes by upload), and
// longFields the fields that may hold more.
const maxField = 10000

var longFields = map[string]int{"description": jobs.MaxDescription, "how_to_apply": jobs.MaxHowToApply}

// parseForm reads a posted form. It answers 413 itself for an oversized body and 400 for a
// malformed one, and then returns false.
func (s *Server) parseForm(w http.ResponseWriter, r *http.Request) (url.Values, bool) {
	if err := r.ParseForm(); err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.tooLarge(w, r)
			return nil, false
		}
		d := s.page(r, "error.title")
		d.Status = http.StatusBadRequest
		d.Data = map[string]string{"Message": d.p.T("error.bad_form"), "Code": "400"}
		s.render(w, r, "error", d)
		return nil, false
	}
	return cleanForm(r.PostForm), true
}

// cleanForm drops invalid UTF-8 and control characters (but tabs and new lines) and cuts
// over-long values, so that nothing a user can type makes a service or a template fail. A value
// is cut one character past its field's limit, so that the service, whose limit is at most
// that, refuses it with a field error rather than keeping a text cut without a word.
func cleanForm(in url.Values) url.Values {
	out := url.Values{}
	for k, vs := range in {
		if len(k) > 100 {
			continue
		}
		for _, v := range vs {
			v = strings.ToValidUTF8(v, "")
			v = strings.Map(func(r rune) rune {
				if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
					return -1
				}
				return r
			}, v)
			limit := maxField
			if n, ok := longFields[k]; ok {
				limit = n
			}
			if utf8.RuneCountInString(v) > limit+1 {
				v = string([]rune(v)[:limit+1])
			}
			out.Add(k, v)
		}
	}
	return out
}

// pathID reads the {id} wildcard; a malformed id is a missing record.
func pathID(r *http.Request) (int64, error) {
	id, err := strconv.ParseInt(r.PathValue("id"), 10, 64)
	if err != nil || id <= 0 {
		return 0, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "web: bad id %q", r.PathValue("id"))
	}
	return id, nil
}

// pageNumber reads ?page= (1 when absent or wrong).
func pageNumber(r *http.Request) int {
	n, err := strconv.Atoi(r.URL.Query().Get("page"))
	if err != nil || n < 1 || n > 100000 {
		return 1
	}
	return n
}

// Pager is the data of the pagination links.
type Pager struct {
	Page, Pages, Total int
	Prev, Next         string
}

// newPager builds the links for page n of total items shown per page, keeping the query q.
func newPager(r *http.Request, n, per, total int) Pager {
	p := Pager{Page: n, Total: total, Pages: (total + per - 1) / per}
	link := func(i int) string {
		q := r.URL.Query()
		q.Set("page", strconv.Itoa(i))
		return r.URL.Path + "?" + q.Encode()
	}
	if n > 1 {
		p.Prev = link(n - 1)
	}
	if n < p.Pages {
		p.Next = link(n + 1)
	}
	return p
}
