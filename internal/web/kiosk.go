package web

import (
	"net/http"

	"mobilite"
	"mobilite/internal/access"
)

// A kiosk is a shared computer in an office. A counsellor enrols it once; from then on its
// pages are not cached, its forms remember nothing, its sessions end after a few minutes
// without use (and the browser's cookie when the browser closes), and "Finish" ends the
// session and starts the next registration at once.
const kioskCookie = "borne"

type kioskKey struct{}

// kioskOf returns the kiosk the request comes from, or nil.
func kioskOf(r *http.Request) *mobilite.Kiosk {
	k, _ := r.Context().Value(kioskKey{}).(*mobilite.Kiosk)
	return k
}

// kioskPage is the start page of a kiosk: a new registration (the sign-up form, then the
// registration form), and the way in for a counsellor who registers the person. On an ordinary
// browser it explains kiosks and lets a counsellor enrol the computer.
func (s *Server) kioskPage(w http.ResponseWriter, r *http.Request) {
	k := kioskOf(r)
	u := access.User(r.Context())
	switch {
	case k != nil && u == nil:
		d := s.page(r, "kiosk.start")
		d.Nav = "signup"
		s.render(w, r, "signup", d)
	case k != nil && u.Role == mobilite.RoleSeeker:
		redirect(w, r, "/compte/inscription")
	default: // an ordinary browser, or staff on a kiosk (who may register someone or revoke it)
		d := s.page(r, "kiosk.title")
		d.Form.Set("name", "")
		s.render(w, r, "kiosk", d)
	}
}

// kioskEnrol makes this browser a kiosk of the counsellor's office and logs the counsellor
// out of it: the next person starts from a clean screen.
func (s *Server) kioskEnrol(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	token, _, err := s.accounts.EnrolKiosk(r.Context(), access.User(r.Context()), form.Get("name"))
	if err != nil {
		if d := s.formError(w, r, "kiosk.title", "", form, err); d != nil {
			s.render(w, r, "kiosk", d)
		}
		return
	}
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.accounts.EndSession(r.Context(), c.Value); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, s.cookie(r, sessionCookie, "", -1))
	c := s.cookie(r, kioskCookie, token, 5*365*24*3600)
	c.SameSite = http.SameSiteStrictMode
	http.SetCookie(w, c)
	s.flash(w, r, "flash.kiosk_enrolled")
	redirect(w, r, "/borne")
}

// kioskRevoke turns the kiosk back into an ordinary browser.
func (s *Server) kioskRevoke(w http.ResponseWriter, r *http.Request) {
	if _, ok := s.parseForm(w, r); !ok {
		return
	}
	k := kioskOf(r)
	if k == nil {
		s.fail(w, r, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "web: not a kiosk"))
		return
	}
	if err := s.accounts.RevokeKiosk(r.Context(), access.User(r.Context()), k); err != nil {
		s.fail(w, r, err)
		return
	}
	http.SetCookie(w, s.cookie(r, kioskCookie, "", -1))
	http.SetCookie(w, s.cookie(r, sessionCookie, "", -1))
	s.flash(w, r, "flash.kiosk_revoked")
	redirect(w, r, "/")
}

// kioskFinish ends the session of whoever used the computer, asks the browser to forget what
// it kept of the site (but the kiosk cookie, which is not the person's), and starts the next
// registration.
func (s *Server) kioskFinish(w http.ResponseWriter, r *http.Request) {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := s.accounts.EndSession(r.Context(), c.Value); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	http.SetCookie(w, s.cookie(r, sessionCookie, "", -1))
	w.Header().Set("Clear-Site-Data", `"cache", "storage"`)
	if kioskOf(r) == nil {
		redirect(w, r, "/")
		return
	}
	redirect(w, r, "/borne")
}
