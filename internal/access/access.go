// Package access says who may call which route: the permissions of the route tables, the user
// of the current request, and the client's address.
package access

import (
	"context"
	"net"
	"net/http"
	"slices"
	"strings"

	"mobilite"
)

// Perm is the permission of a route.
type Perm struct {
	name  string
	roles []mobilite.Role // nil: any logged-in user (when !public)
	open  bool            // anyone, logged in or not
	guest bool            // open, but logged-in users are redirected away
}

// Public routes are open to everyone.
var Public = Perm{name: "public", open: true}

// Guest routes are the log-in and sign-up pages: open to everyone, but a logged-in user is sent
// to their account page instead.
var Guest = Perm{name: "guest", open: true, guest: true}

// LoggedIn routes are open to every logged-in user, whatever the role.
var LoggedIn = Perm{name: "logged-in"}

// Roles returns the permission of routes open to these roles only.
func Roles(rs ...mobilite.Role) Perm {
	names := make([]string, len(rs))
	for i, r := range rs {
		names[i] = string(r)
	}
	return Perm{name: strings.Join(names, ","), roles: rs}
}

// Staff is the permission of the agency's and ministry's staff.
var Staff = Roles(mobilite.RoleAdmin, mobilite.RoleCounsellor, mobilite.RoleInspector, mobilite.RoleStatistician)

// String names the permission, for the route table's documentation.
func (p Perm) String() string { return p.name }

// ForGuests reports whether logged-in users are redirected away from the route.
func (p Perm) ForGuests() bool { return p.guest }

// Open reports whether the route needs no login.
func (p Perm) Open() bool { return p.open }

// Allows reports whether u (nil: not logged in) may use a route with this permission.
func (p Perm) Allows(u *mobilite.User) bool {
	switch {
	case p.open:
		return true
	case u == nil:
		return false
	case p.roles == nil:
		return true
	}
	return slices.Contains(p.roles, u.Role)
}

type userKey struct{}

// WithUser returns a context carrying the logged-in user.
func WithUser(ctx context.Context, u *mobilite.User) context.Context {
	return context.WithValue(ctx, userKey{}, u)
}

// User returns the logged-in user of the request, or nil.
func User(ctx context.Context) *mobilite.User {
	u, _ := ctx.Value(userKey{}).(*mobilite.User)
	return u
}

// ClientIP returns the address of the client: the connection's peer, or, behind a trusted
// reverse proxy, the last address the proxy appended to X-Forwarded-For.
func ClientIP(r *http.Request, trustProxy bool) string {
	if trustProxy {
		if xff := r.Header.Get("X-Forwarded-For"); xff != "" {
			parts := strings.Split(xff, ",")
			if ip := net.ParseIP(strings.TrimSpace(parts[len(parts)-1])); ip != nil {
				return ip.String()
			}
		}
	}
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// Route is one line of a route table: a method, a pattern, who may use it, the handler, and an
// example request with the status it must answer to an allowed user (for the role test).
type Route struct {
	Method  string
	Pattern string
	Perm    Perm
	Handler http.HandlerFunc
	Example string // a path with the {wildcards} filled; "" means Pattern
	Want    int    // the status an allowed user gets for Example, with an empty body for writes
}
