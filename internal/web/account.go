package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/account"
)

// accountData is what the account page shows besides the forms.
type accountData struct {
	Office    *mobilite.Office
	Tokens    []*mobilite.APIToken
	MayTokens bool
	MayDelete bool
	NewToken  string
	ErrorsOf  string // which form the errors belong to
}

func (s *Server) accountPage(w http.ResponseWriter, r *http.Request) {
	s.renderAccount(w, r, s.page(r, "account.title"), "")
}

// renderAccount draws the account page; form names the form whose errors d carries.
func (s *Server) renderAccount(w http.ResponseWriter, r *http.Request, d *Page, form string) {
	u := access.User(r.Context())
	ad := accountData{MayTokens: account.MayHoldTokens(u.Role), MayDelete: !u.Role.Staff(), ErrorsOf: form}
	if nt, ok := d.Data.(string); ok {
		ad.NewToken = nt
	}
	if u.OfficeID != 0 {
		o, err := s.store.FindOfficeByID(r.Context(), u.OfficeID)
		if err != nil && mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		ad.Office = o
	}
	if ad.MayTokens {
		var err error
		if ad.Tokens, err = s.store.FindAPITokens(r.Context(), u.ID); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	d.Nav = "account"
	d.Data = ad
	s.render(w, r, "account", d)
}

// accountFormError redraws the account page with the error of one of its forms and the values
// typed in it (never pass a password), or fails.
func (s *Server) accountFormError(w http.ResponseWriter, r *http.Request, form string, typed url.Values, err error) {
	code := mobilite.ErrorCode(err)
	if code != mobilite.EINVALID {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "account.title")
	d.Status = statusOf(code)
	d.setErr(err)
	d.Form = typed
	s.renderAccount(w, r, d, form)
}

func (s *Server) accountLanguage(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	u := access.User(r.Context())
	if err := s.accounts.SetLanguage(r.Context(), u, form.Get("language")); err != nil {
		s.accountFormError(w, r, "language", nil, err)
		return
	}
	http.SetCookie(w, s.cookie(r, "lang", u.Language, 365*24*3600))
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/compte")
}

func (s *Server) accountPassword(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	c, _ := r.Cookie(sessionCookie)
	token := ""
	if c != nil {
		token = c.Value
	}
	if err := s.accounts.ChangePassword(r.Context(), access.User(r.Context()), form.Get("current"), form.Get("password"), token); err != nil {
		s.accountFormError(w, r, "password", nil, err)
		return
	}
	s.flash(w, r, "flash.password_changed")
	redirect(w, r, "/compte")
}

func (s *Server) accountDelete(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	if err := s.accounts.DeleteAccount(r.Context(), access.User(r.Context()), form.Get("delete_password")); err != nil {
		if mobilite.ErrorCode(err) == mobilite.EINVALID {
			err = mobilite.Invalid("delete_password", "password.wrong") // the page has another password field
		}
		s.accountFormError(w, r, "delete", nil, err)
		return
	}
	http.SetCookie(w, s.cookie(r, sessionCookie, "", -1))
	s.flash(w, r, "flash.account_deleted")
	redirect(w, r, "/")
}

func (s *Server) tokenCreate(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	raw, _, err := s.accounts.CreateToken(r.Context(), access.User(r.Context()), form.Get("name"))
	if err != nil {
		s.accountFormError(w, r, "token", url.Values{"name": {form.Get("name")}}, err)
		return
	}
	// The token is shown once, on this answer, and never stored in clear.
	d := s.page(r, "account.title")
	d.Data = raw
	w.Header().Set("Cache-Control", "no-store")
	s.renderAccount(w, r, d, "")
}

func (s *Server) tokenRevoke(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.accounts.RevokeToken(r.Context(), access.User(r.Context()), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.token_revoked")
	redirect(w, r, "/compte")
}

// myData gives the person all the data the platform holds about them, as one JSON file
// (the right of access of law no. 2019-014): the account (without the password's hash), the
// seeker record and the description of the uploaded CV, the saved searches and the API tokens' names.
func (s *Server) myData(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := access.User(ctx)
	out := map[string]any{
		"exported_at": s.now().Format(time.RFC3339),
		"account": map[string]any{"id": u.ID, "email": u.Email, "phone": u.Phone, "name": u.Name, "role": u.Role,
			"organization": u.Organization, "language": u.Language, "created_at": u.CreatedAt, "last_login_at": u.LastLoginAt},
	}
	if sk, err := s.store.FindSeekerByUser(ctx, u.ID); err == nil {
		out["registration"] = sk
		// The uploaded CV is described here; the file itself is downloaded from /compte/cv.
		cv, err := s.store.FindSeekerCVInfo(ctx, sk.ID)
		if err != nil && mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		if cv != nil {
			out["cv"] = map[string]any{"file_name": cv.FileName, "size": cv.Size, "sha256": cv.SHA256, "uploaded_at": cv.UploadedAt,
				"download": s.baseURL(r) + "/compte/cv"}
		}
		apps, err := s.store.SeekerApplications(ctx, sk.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var list []map[string]any
		for _, a := range apps {
			list = append(list, map[string]any{"offer_id": a.JobID, "offer": a.Job.Title, "organization": a.Job.Organization,
				"status": a.Status, "since": a.CreatedAt, "updated_at": a.UpdatedAt})
		}
		out["applications"] = list
	} else if mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		s.fail(w, r, err)
		return
	}
	searches, err := s.store.FindSavedSearches(ctx, u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var saved []map[string]any
	for _, ss := range searches {
		saved = append(saved, map[string]any{"search": ss.Query, "label": ss.Label, "frequency": ss.Frequency, "created_at": ss.CreatedAt})
	}
	out["saved_searches"] = saved
	if account.MayHoldTokens(u.Role) {
		tokens, err := s.store.FindAPITokens(ctx, u.ID)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		var list []map[string]any
		for _, t := range tokens {
			list = append(list, map[string]any{"name": t.Name, "prefix": t.Prefix, "created_at": t.CreatedAt, "last_used_at": t.LastUsedAt})
		}
		out["api_tokens"] = list
	}
	b, err := json.MarshalIndent(out, "", "  ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="mobilite-mes-donnees.json"`)
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(b)
}
