// Package api serves the JSON API under /api/v1: reference data now, offers, seekers and
// statistics as they come. Errors are {"error": {"code", "message", "field"}} with the right
// status; the OpenAPI document at /api/openapi.json describes every route.
package api

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/account"
	"mobilite/internal/flows"
	"mobilite/internal/indicators"
	"mobilite/internal/jobs"
	"mobilite/internal/locale"
	"mobilite/internal/match"
	"mobilite/internal/ref"
	"mobilite/internal/seekers"
	"mobilite/internal/web"
)

// API holds the dependencies of the JSON handlers.
type API struct {
	store      mobilite.Store
	accounts   *account.Service
	jobs       *jobs.Service
	seekers    *seekers.Service
	match      *match.Service
	flows      *flows.Service
	indicators *indicators.Service
	explain    *match.Explainer
	ref        *ref.Ref
	cat        *locale.Catalogue
	log        *slog.Logger
	baseURL    string
}

// Deps are what the API is built from.
type Deps struct {
	Store      mobilite.Store
	Accounts   *account.Service
	Jobs       *jobs.Service
	Seekers    *seekers.Service
	Flows      *flows.Service
	Indicators *indicators.Service
	Ref        *ref.Ref
	Locale     *locale.Catalogue
	Log        *slog.Logger
	BaseURL    string // the public address, for the links to the offers' pages
}

// New returns the API.
func New(d Deps) *API {
	return &API{store: d.Store, accounts: d.Accounts, jobs: d.Jobs, seekers: d.Seekers, ref: d.Ref, cat: d.Locale, log: d.Log, baseURL: d.BaseURL,
		match: &match.Service{Store: d.Store}, explain: &match.Explainer{Ref: d.Ref, Cat: d.Locale},
		flows: d.Flows, indicators: d.Indicators}
}

// Register adds the API routes to mux behind their permission checks, and JSON answers for
// unknown paths and wrong methods under /api/.
func (a *API) Register(mux *http.ServeMux) {
	for _, rt := range a.Routes() {
		mux.Handle(rt.Method+" "+rt.Pattern, a.guard(rt.Perm, rt.Handler))
	}
	mux.Handle("/api/", a.unmatched(mux))
}

// guard answers 401 to a caller without valid credentials and 403 to one without the role.
func (a *API) guard(p access.Perm, h http.HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		u := access.User(r.Context())
		if web.BadToken(r) && !p.Open() {
			a.fail(w, r, mobilite.Errorf(mobilite.EUNAUTHORIZED, "api.token.invalid", ""))
			return
		}
		if p.Allows(u) {
			h(w, r)
			return
		}
		if u == nil {
			a.fail(w, r, mobilite.Errorf(mobilite.EUNAUTHORIZED, "error.unauthorized", ""))
			return
		}
		a.fail(w, r, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "api: %s may not %s %s", u.Role, r.Method, r.URL.Path))
	})
}

func (a *API) unmatched(mux *http.ServeMux) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		var allow []string
		for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
			if m == r.Method {
				continue
			}
			r2 := r.Clone(r.Context())
			r2.Method = m
			if _, pattern := mux.Handler(r2); pattern != "/api/" && pattern != "" && pattern != "/" {
				allow = append(allow, m)
			}
		}
		if len(allow) > 0 {
			w.Header().Set("Allow", strings.Join(allow, ", "))
			a.writeError(w, r, http.StatusMethodNotAllowed, "method_not_allowed", "error.method", "")
			return
		}
		a.writeError(w, r, http.StatusNotFound, string(mobilite.ENOTFOUND), "error.page_not_found", "")
	})
}

// errorBody is the shape of every error answer.
type errorBody struct {
	Error errorDetail `json:"error"`
}

type errorDetail struct {
	Code    string        `json:"code"`
	Message string        `json:"message"`
	Field   string        `json:"field,omitempty"`
	Fields  []fieldDetail `json:"fields,omitempty"`
}

type fieldDetail struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// fail answers an error with its status and a translated, safe message; the cause goes to the log.
func (a *API) fail(w http.ResponseWriter, r *http.Request, err error) {
	code := mobilite.ErrorCode(err)
	status := web.StatusOf(code)
	if status >= 500 {
		a.log.Error("api: request failed", "path", r.URL.Path, "err", err)
	}
	p := a.cat.Printer(web.LangOf(r))
	body := errorBody{Error: errorDetail{Code: string(code), Message: p.T(mobilite.ErrorKey(err))}}
	if code == mobilite.EINVALID && len(mobilite.ErrorFields(err)) == 0 {
		status = http.StatusBadRequest
	}
	for _, f := range mobilite.ErrorFields(err) {
		body.Error.Fields = append(body.Error.Fields, fieldDetail{Field: f.Field, Message: p.T(f.Key)})
	}
	if len(body.Error.Fields) > 0 {
		body.Error.Field = body.Error.Fields[0].Field
		body.Error.Message = body.Error.Fields[0].Message
		if code == mobilite.EINVALID {
			status = http.StatusBadRequest
		}
	}
	if code == mobilite.EUNAUTHORIZED {
		w.Header().Set("WWW-Authenticate", `Bearer realm="mobilite"`)
	}
	writeJSON(w, status, body)
}

func (a *API) writeError(w http.ResponseWriter, r *http.Request, status int, code, key, field string) {
	p := a.cat.Printer(web.LangOf(r))
	writeJSON(w, status, errorBody{Error: errorDetail{Code: code, Message: p.T(key), Field: field}})
}

// writeJSON writes v as the answer.
func writeJSON(w http.ResponseWriter, status int, v any) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		http.Error(w, `{"error":{"code":"internal","message":"encoding"}}`, http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(buf.Bytes())
}

// errTooLarge is the decoding error of an oversized body.
var errTooLarge = errors.New("body too large")

// Decode reads one JSON object from the request body into v. It refuses unknown fields, trailing
// data and bodies over the limit set by the server. The error is an EINVALID *mobilite.Error
// (naming the field when it can) or errTooLarge.
func Decode(body io.Reader, v any) error {
	dec := json.NewDecoder(body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		var ute *json.UnmarshalTypeError
		switch {
		case errors.As(err, &mbe):
			return errTooLarge
		case errors.As(err, &ute):
			return &mobilite.Error{Code: mobilite.EINVALID, Key: "error.invalid", Fields: []mobilite.FieldError{{Field: ute.Field, Key: "api.field.type"}}, Err: err}
		case strings.HasPrefix(err.Error(), "json: unknown field "):
			field := strings.Trim(strings.TrimPrefix(err.Error(), "json: unknown field "), `"`)
			return &mobilite.Error{Code: mobilite.EINVALID, Key: "error.invalid", Fields: []mobilite.FieldError{{Field: field, Key: "error.unknown_field"}}, Err: err}
		}
		return &mobilite.Error{Code: mobilite.EINVALID, Key: "error.bad_json", Err: err}
	}
	if dec.More() {
		return &mobilite.Error{Code: mobilite.EINVALID, Key: "error.bad_json", Err: fmt.Errorf("api: trailing data")}
	}
	if _, err := dec.Token(); err != io.EOF {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return errTooLarge
		}
		return &mobilite.Error{Code: mobilite.EINVALID, Key: "error.bad_json", Err: fmt.Errorf("api: trailing data")}
	}
	return nil
}

// decode is Decode for a handler: it answers the error itself and returns false.
func (a *API) decode(w http.ResponseWriter, r *http.Request, v any) bool {
	if ct := r.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "application/json") {
		a.writeError(w, r, http.StatusUnsupportedMediaType, "unsupported_media_type", "api.content_type", "")
		return false
	}
	err := Decode(r.Body, v)
	if errors.Is(err, errTooLarge) {
		a.writeError(w, r, http.StatusRequestEntityTooLarge, "too_large", "error.too_large", "")
		return false
	}
	if err != nil {
		a.fail(w, r, err)
		return false
	}
	return true
}
