package mobilite

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"
)

// Office is a regional office of the agency, where counsellors work and kiosks stand.
type Office struct {
	ID        int64
	Code      string // short code, e.g. "LOM"
	Name      string
	Region    string // ISO 3166-2 code of a Togo region (TG-M…), or "" for an office abroad
	Country   string // ISO 3166 alpha-3; TGO for offices in Togo
	Town      string
	Address   string
	Phone     string // E.164 or empty
	Email     string
	Active    bool
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Validate checks the office's own fields; whether Region and Country name real places is checked
// by the service that knows the reference data. It returns EINVALID.
func (o *Office) Validate() error {
	var p Problems
	if !validCode(o.Code) {
		p.Add("code", "office.code.invalid")
	}
	if n := strings.TrimSpace(o.Name); n == "" || utf8.RuneCountInString(n) > 120 {
		p.Add("name", "office.name.required")
	}
	if len(o.Country) != 3 {
		p.Add("country", "office.country.invalid")
	}
	if o.Country == "TGO" && o.Region == "" {
		p.Add("region", "office.region.required")
	}
	if utf8.RuneCountInString(o.Town) > 120 {
		p.Add("town", "office.town.invalid")
	}
	if utf8.RuneCountInString(o.Address) > 300 {
		p.Add("address", "office.address.invalid")
	}
	if o.Phone != "" {
		if ph, err := NormalizePhone(o.Phone); err != nil || ph != o.Phone {
			p.Add("phone", "user.phone.invalid")
		}
	}
	if o.Email != "" && NormalizeEmail(o.Email) != o.Email {
		p.Add("email", "user.email.invalid")
	}
	return p.Err()
}

// validCode accepts 2 to 12 upper-case letters, digits and dashes.
func validCode(s string) bool {
	if len(s) < 2 || len(s) > 12 {
		return false
	}
	for _, r := range s {
		if !(r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-') {
			return false
		}
	}
	return true
}

// OfficeStore keeps the regional offices.
type OfficeStore interface {
	// CreateOffice inserts o and sets its ID; ECONFLICT if the code is taken.
	CreateOffice(ctx context.Context, o *Office) error
	// FindOfficeByID returns an office; ENOTFOUND.
	FindOfficeByID(ctx context.Context, id int64) (*Office, error)
	// FindOffices lists every office by name.
	FindOffices(ctx context.Context) ([]*Office, error)
	// UpdateOffice saves o; ENOTFOUND or ECONFLICT.
	UpdateOffice(ctx context.Context, o *Office) error
}
