package web

import (
	"net/http"
	"net/url"
	"strconv"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/account"
)

func (s *Server) adminHome(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	_, users, err := s.store.FindUsers(ctx, mobilite.UserFilter{Limit: 1})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, pending, err := s.store.FindMessages(ctx, mobilite.OutboxFilter{Status: mobilite.MessagePending, Limit: 1})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, failed, err := s.store.FindMessages(ctx, mobilite.OutboxFilter{Status: mobilite.MessageFailed, Limit: 1})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offices, err := s.store.FindOffices(ctx)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "admin.title")
	d.Nav = "admin"
	d.Data = map[string]any{"Users": users, "Offices": len(offices), "Pending": pending, "Failed": failed, "SMTP": s.cfg.SMTP}
	s.render(w, r, "admin", d)
}

const perPage = 50

func (s *Server) usersList(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	f := mobilite.UserFilter{Query: query(r), Role: mobilite.Role(q.Get("role"))}
	if !f.Role.Valid() {
		f.Role = ""
	}
	if id, err := strconv.ParseInt(q.Get("office"), 10, 64); err == nil {
		f.OfficeID = id
	}
	n := pageNumber(r)
	f.Offset, f.Limit = (n-1)*perPage, perPage
	users, total, err := s.store.FindUsers(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	offices, err := s.officeNames(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "users.title")
	d.Nav = "admin"
	d.Form = q
	d.Data = map[string]any{"Users": users, "Pager": newPager(r, n, perPage, total), "Roles": mobilite.Roles, "Offices": offices}
	s.render(w, r, "users", d)
}

// officeNames maps office ids to names.
func (s *Server) officeNames(r *http.Request) (map[int64]string, error) {
	offices, err := s.store.FindOffices(r.Context())
	m := map[int64]string{}
	for _, o := range offices {
		m[o.ID] = o.Name
	}
	return m, err
}

// userFormData is what the user form needs: the choices and the user being edited.
func (s *Server) userFormData(r *http.Request, u *mobilite.User) (map[string]any, error) {
	offices, err := s.store.FindOffices(r.Context())
	return map[string]any{"Roles": mobilite.Roles, "Offices": offices, "User": u}, err
}

func (s *Server) userNewForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "users.new")
	d.Nav = "admin"
	d.Form.Set("language", "fr")
	data, err := s.userFormData(r, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Data = data
	s.render(w, r, "user_form", d)
}

func (s *Server) userCreate(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	officeID, _ := strconv.ParseInt(form.Get("office"), 10, 64)
	u, err := s.accounts.CreateUser(r.Context(), access.User(r.Context()), account.NewUser{
		Email: form.Get("email"), Phone: form.Get("phone"), Name: form.Get("name"), Role: mobilite.Role(form.Get("role")),
		OfficeID: officeID, Organization: form.Get("organization"), Language: form.Get("language")})
	if err != nil {
		s.userFormError(w, r, "users.new", nil, form, err)
		return
	}
	s.flash(w, r, "flash.user_created")
	redirect(w, r, "/admin/utilisateurs/"+strconv.FormatInt(u.ID, 10))
}

// userFormError redraws the user form with the errors, or fails for other errors.
func (s *Server) userFormError(w http.ResponseWriter, r *http.Request, title string, u *mobilite.User, form url.Values, err error) {
	d := s.formError(w, r, title, "admin", form, err)
	if d == nil {
		return
	}
	data, derr := s.userFormData(r, u)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	d.Data = data
	s.render(w, r, "user_form", d)
}

func (s *Server) userEditForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var u *mobilite.User
	if err == nil {
		u, err = s.store.FindUserByID(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "users.edit")
	d.Nav = "admin"
	d.Form.Set("name", u.Name)
	d.Form.Set("role", string(u.Role))
	d.Form.Set("office", strconv.FormatInt(u.OfficeID, 10))
	d.Form.Set("organization", u.Organization)
	if u.Disabled {
		d.Form.Set("disabled", "1")
	}
	data, err := s.userFormData(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Data = data
	s.render(w, r, "user_form", d)
}

func (s *Server) userUpdate(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	u, err := s.store.FindUserByID(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	name, org := form.Get("name"), form.Get("organization")
	role := mobilite.Role(form.Get("role"))
	officeID, _ := strconv.ParseInt(form.Get("office"), 10, 64)
	disabled := form.Get("disabled") == "1"
	_, err = s.accounts.UpdateUser(r.Context(), access.User(r.Context()), id, account.UserUpdate{
		Name: &name, Role: &role, OfficeID: &officeID, Organization: &org, Disabled: &disabled})
	if err != nil {
		s.userFormError(w, r, "users.edit", u, form, err)
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/admin/utilisateurs/"+strconv.FormatInt(id, 10))
}

func (s *Server) userInvite(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.accounts.SendInvite(r.Context(), access.User(r.Context()), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.invite_sent")
	redirect(w, r, "/admin/utilisateurs/"+strconv.FormatInt(id, 10))
}
