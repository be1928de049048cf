package web

import (
	"net/http"

	"mobilite"
	"mobilite/internal/account"
	"mobilite/internal/audit"
)

func (s *Server) loginForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "login.title")
	d.Nav = "login"
	d.Form.Set("next", localPath(r.URL.Query().Get("next"), ""))
	d.Data = s.demoLogins()
	s.render(w, r, "login", d)
}

// demoLogins is what the log-in page of a demo site shows of its accounts (nil elsewhere).
func (s *Server) demoLogins() map[string]any {
	if !s.cfg.Demo || len(s.cfg.DemoAccounts) == 0 {
		return nil
	}
	type account struct{ Login, Role string }
	var list []account
	for _, a := range s.cfg.DemoAccounts {
		list = append(list, account{a[0], a[1]})
	}
	return map[string]any{"DemoAccounts": list, "DemoPassword": s.cfg.DemoPassword}
}

func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	ctx := r.Context()
	u, err := s.accounts.Authenticate(ctx, form.Get("login"), form.Get("password"), audit.IP(ctx))
	if err != nil {
		d := s.page(r, "login.title")
		d.Nav = "login"
		d.Form = form
		d.Data = s.demoLogins()
		d.Status = statusOf(mobilite.ErrorCode(err))
		switch mobilite.ErrorCode(err) {
		case mobilite.EINVALID:
			d.setErr(err)
		case mobilite.EUNAUTHORIZED, mobilite.ETHROTTLED:
			d.Alert = d.p.T(mobilite.ErrorKey(err))
		default:
			s.fail(w, r, err)
			return
		}
		s.render(w, r, "login", d)
		return
	}
	s.startSession(w, r, u)
	next := localPath(form.Get("next"), "")
	if next == "" {
		next = "/compte"
		if u.Role == mobilite.RoleAdmin {
			next = "/admin"
		}
	}
	redirect(w, r, next)
}

// startSession logs u in: a fresh session (never the one from before the log-in) and the
// language of the account.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u *mobilite.User) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		_ = s.accounts.EndSession(r.Context(), c.Value)
	}
	var kioskID int64
	maxAge := int(account.SessionIdle.Seconds())
	if k := kioskOf(r); k != nil {
		// On a shared computer the cookie dies with the browser, the session after a few minutes.
		kioskID, maxAge = k.ID, 0
	}
	token, err := s.accounts.StartSession(r.Context(), u, audit.IP(r.Context()), r.UserAgent(), kioskID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, s.cookie(r, sessionCookie, token, maxAge))
	http.SetCookie(w, s.cookie(r, "lang", u.Language, 365*24*3600))
}

func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.accounts.EndSession(r.Context(), c.Value); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, s.cookie(r, sessionCookie, "", -1))
	s.flash(w, r, "flash.logged_out")
	redirect(w, r, "/")
}

func (s *Server) signupForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "signup.title")
	d.Nav = "signup"
	s.render(w, r, "signup", d)
}

func (s *Server) signup(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	u, err := s.accounts.SignUp(r.Context(), account.SignUp{Login: form.Get("login"), Name: form.Get("name"),
		Password: form.Get("password"), Language: langOf(r)})
	if err != nil {
		code := mobilite.ErrorCode(err)
		if code != mobilite.EINVALID && code != mobilite.ECONFLICT {
			s.fail(w, r, err)
			return
		}
		d := s.page(r, "signup.title")
		d.Nav = "signup"
		d.Form = form
		d.Status = statusOf(code)
		d.setErr(err)
		s.render(w, r, "signup", d)
		return
	}
	s.startSession(w, r, u)
	s.flash(w, r, "flash.welcome")
	redirect(w, r, "/compte/inscription") // the registration as a job seeker comes next
}

func (s *Server) forgotForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "forgot.title")
	s.render(w, r, "forgot", d)
}

func (s *Server) forgot(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	err := s.accounts.RequestReset(r.Context(), form.Get("login"), audit.IP(r.Context()))
	d := s.page(r, "forgot.title")
	d.Form = form
	switch mobilite.ErrorCode(err) {
	case "":
		d.Data = map[string]bool{"Sent": true}
	case mobilite.EINVALID:
		d.Status = http.StatusUnprocessableEntity
		d.setErr(err)
	case mobilite.ETHROTTLED:
		d.Status = http.StatusTooManyRequests
		d.Alert = d.p.T(mobilite.ErrorKey(err))
	default:
		s.fail(w, r, err)
		return
	}
	s.render(w, r, "forgot", d)
}

func (s *Server) resetForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "reset.title")
	d.Form.Set("token", r.URL.Query().Get("token"))
	s.render(w, r, "reset", d)
}

func (s *Server) reset(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	_, err := s.accounts.ResetPassword(r.Context(), form.Get("token"), form.Get("password"))
	if err != nil {
		code := mobilite.ErrorCode(err)
		if code != mobilite.EINVALID && code != mobilite.ENOTFOUND {
			s.fail(w, r, err)
			return
		}
		d := s.page(r, "reset.title")
		d.Form.Set("token", form.Get("token"))
		d.Status = statusOf(code)
		d.setErr(err)
		s.render(w, r, "reset", d)
		return
	}
	s.flash(w, r, "flash.password_reset")
	redirect(w, r, "/connexion")
}
