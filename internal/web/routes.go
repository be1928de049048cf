package web

import (
	"embed"
	"io/fs"
	"net/http"

	"mobilite"
	"mobilite/internal/access"
)

// Routes is the route table of the pages: each route's permission is stated here and nowhere
// else, and a test walks it with every role.
func (s *Server) Routes() []Route {
	admin := access.Roles(mobilite.RoleAdmin)
	return []Route{
		route("GET", "/{$}", access.Public, s.home, "/", 200),
		route("GET", "/langue/{lang}", access.Public, s.switchLang, "/langue/en?next=/", 303),
		route("GET", "/static/{file...}", access.Public, s.static, "/static/style.css", 200),
		route("GET", "/referentiels", access.Public, s.refIndex, "", 200),
		route("GET", "/referentiels/metiers", access.Public, s.refOccupations, "/referentiels/metiers?q=electricien", 200),
		route("GET", "/referentiels/pays", access.Public, s.refCountries, "/referentiels/pays?q=cote", 200),

		route("GET", "/connexion", access.Guest, s.loginForm, "", 200),
		route("POST", "/connexion", access.Public, s.login, "", 422),
		route("POST", "/deconnexion", access.Public, s.logout, "", 303),
		route("GET", "/inscription", access.Guest, s.signupForm, "", 200),
		route("POST", "/inscription", access.Public, s.signup, "", 422),
		route("GET", "/mot-de-passe/oubli", access.Public, s.forgotForm, "", 200),
		route("POST", "/mot-de-passe/oubli", access.Public, s.forgot, "", 422),
		route("GET", "/mot-de-passe/nouveau", access.Public, s.resetForm, "/mot-de-passe/nouveau?token=x", 200),
		route("POST", "/mot-de-passe/nouveau", access.Public, s.reset, "", 422),

		route("GET", "/compte", access.LoggedIn, s.accountPage, "", 200),
		route("POST", "/compte/langue", access.LoggedIn, s.accountLanguage, "", 422),
		route("POST", "/compte/mot-de-passe", access.LoggedIn, s.accountPassword, "", 422),
		route("POST", "/compte/supprimer", access.Roles(mobilite.RolePartner, mobilite.RoleSeeker), s.accountDelete, "", 422),
		route("POST", "/compte/jetons", access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor, mobilite.RoleInspector,
			mobilite.RoleStatistician, mobilite.RolePartner), s.tokenCreate, "", 422),
		route("POST", "/compte/jetons/{id}/revoquer", access.Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor, mobilite.RoleInspector,
			mobilite.RoleStatistician, mobilite.RolePartner), s.tokenRevoke, "/compte/jetons/999/revoquer", 404),

		route("GET", "/admin", admin, s.adminHome, "", 200),
		route("GET", "/admin/utilisateurs", admin, s.usersList, "/admin/utilisateurs?q=a&role=admin", 200),
		route("GET", "/admin/utilisateurs/nouveau", admin, s.userNewForm, "", 200),
		route("POST", "/admin/utilisateurs", admin, s.userCreate, "", 422),
		route("GET", "/admin/utilisateurs/{id}", admin, s.userEditForm, "/admin/utilisateurs/1", 200),
		route("POST", "/admin/utilisateurs/{id}", admin, s.userUpdate, "/admin/utilisateurs/1", 422),
		route("POST", "/admin/utilisateurs/{id}/invitation", admin, s.userInvite, "/admin/utilisateurs/999/invitation", 404),
		route("GET", "/admin/bureaux", admin, s.officesList, "", 200),
		route("GET", "/admin/bureaux/nouveau", admin, s.officeNewForm, "", 200),
		route("POST", "/admin/bureaux", admin, s.officeCreate, "", 422),
		route("GET", "/admin/bureaux/{id}", admin, s.officeEditForm, "/admin/bureaux/1", 200),
		route("POST", "/admin/bureaux/{id}", admin, s.officeUpdate, "/admin/bureaux/1", 422),
		route("GET", "/admin/journal", admin, s.auditList, "/admin/journal?entity=user", 200),
		route("GET", "/admin/courriels", admin, s.outboxList, "", 200),
		route("GET", "/admin/courriels/{id}", admin, s.outboxShow, "/admin/courriels/999", 404),
		route("POST", "/admin/courriels/{id}/renvoyer", admin, s.outboxRetry, "/admin/courriels/999/renvoyer", 404),
	}
}

// route builds a line of the route table.
func route(method, pattern string, p access.Perm, h http.HandlerFunc, example string, want int) Route {
	return Route{Method: method, Pattern: pattern, Perm: p, Handler: h, Example: example, Want: want}
}

// static serves the embedded CSS and images, cached for a day (the names do not change between
// releases yet, so not longer).
func (s *Server) static(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "public, max-age=86400")
	s.files.ServeHTTP(w, r)
}

//go:embed static
var staticDir embed.FS

func staticFS() fs.FS {
	sub, _ := fs.Sub(staticDir, "static")
	return sub
}
