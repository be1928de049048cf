package mobilite

import (
	"reflect"
	"strings"
	"testing"
	"unicode/utf8"
)

// address returns an e-mail address of exactly n bytes (n > 192): a host of 191 bytes with labels
// of at most 63 letters, and a local part of n-192 letters (valid up to 64, that is n ≤ 256).
func address(n int) string {
	host := strings.Repeat("b", 63) + "." + strings.Repeat("c", 63) + "." + strings.Repeat("d", 60) + ".tg"
	return strings.Repeat("a", n-len(host)-1) + "@" + host
}

func TestAddressHelper(t *testing.T) {
	for _, n := range []int{193, 254, 255, 256, 300} {
		if a := address(n); len(a) != n {
			t.Errorf("address(%d) has %d bytes", n, len(a))
		}
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct {
		in, want string // want "" when the address must be refused
	}{
		{"ama@example.tg", "ama@example.tg"},
		{"Ama.Koffi@Example.TG", "ama.koffi@example.tg"},
		{"  ama@example.tg\t", "ama@example.tg"},
		{"ama.koffi+mobilite@anpe.gouv.tg", "ama.koffi+mobilite@anpe.gouv.tg"},
		{"ÉLODIE@ÉCOLE.TG", "élodie@école.tg"},
		{"kɔfi@example.tg", "kɔfi@example.tg"}, // Ewe letters
		{"ama@sub.domain.example.tg", "ama@sub.domain.example.tg"},

		// Display names, brackets, comments and lists are not plain addresses.
		{"Ama Koffi <ama@example.tg>", ""},
		{`"Ama Koffi" <ama@example.tg>`, ""},
		{"<ama@example.tg>", ""},
		{"ama@example.tg (Ama)", ""},
		{"ama@example.tg, kofi@example.tg", ""},

		// Hosts without a dot, or with a dot at an end.
		{"ama@localhost", ""},
		{"ama@example.", ""},
		{"ama@.example.tg", ""},
		{"ama@example..tg", ""},

		// Not addresses at all.
		{"", ""},
		{"   ", ""},
		{"ama", ""},
		{"ama@", ""},
		{"@example.tg", ""},
		{"ama@@example.tg", ""},
		{"ama koffi@example.tg", ""},
		{"ama@exa mple.tg", ""},
		{"ama@example.tg\nBcc: x@example.tg", ""},

		// Length: 254 bytes at most.
		{address(254), address(254)},
		{strings.ToUpper(address(254)), address(254)},
		{address(255), ""},
		{address(400), ""},
	}
	for _, tt := range tests {
		if got := NormalizeEmail(tt.in); got != tt.want {
			t.Errorf("NormalizeEmail(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// FuzzNormalizeEmail checks that an accepted address is a fixed point, in lower case and at most
// 254 bytes: the stores find users by comparing e-mails as text.
func FuzzNormalizeEmail(f *testing.F) {
	for _, s := range []string{"ama@example.tg", "Ama.Koffi@Example.TG", "ÉLODIE@ÉCOLE.TG", "Ama <ama@example.tg>",
		"ama@localhost", `"a b"@example.tg`, "ama@[192.0.2.1]", "İ@example.tg", address(254)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out := NormalizeEmail(in)
		if out == "" {
			return
		}
		if again := NormalizeEmail(out); again != out {
			t.Fatalf("NormalizeEmail(%q) = %q, but NormalizeEmail(%q) = %q", in, out, out, again)
		}
		if out != strings.ToLower(out) || len(out) > 254 || strings.Count(out, "@") < 1 || !utf8.ValidString(out) {
			t.Fatalf("NormalizeEmail(%q) = %q", in, out)
		}
	})
}

func validUser() *User {
	return &User{Email: "ama@example.tg", Name: "Ama Koffi", Role: RoleSeeker, Language: "fr"}
}

func TestUserValidate(t *testing.T) {
	tests := []struct {
		name   string
		change func(u *User)
		want   []FieldError // nil: valid
	}{
		{"seeker with e-mail", func(u *User) {}, nil},
		{"seeker with phone only", func(u *User) { u.Email, u.Phone = "", "+22890123456" }, nil},
		{"both logins", func(u *User) { u.Phone = "+33612345678" }, nil},
		{"counsellor with office", func(u *User) { u.Role, u.OfficeID = RoleCounsellor, 3 }, nil},
		{"partner with organisation", func(u *User) { u.Role, u.Organization = RolePartner, "OIM" }, nil},
		{"name of 120 accented letters", func(u *User) { u.Name = strings.Repeat("é", 120) }, nil},
		{"english", func(u *User) { u.Language = "en" }, nil},

		{"no login", func(u *User) { u.Email = "" }, []FieldError{{"login", "user.login.required"}}},
		{"e-mail not lower case", func(u *User) { u.Email = "Ama@example.tg" }, []FieldError{{"email", "user.email.invalid"}}},
		{"e-mail with a name", func(u *User) { u.Email = "Ama <ama@example.tg>" }, []FieldError{{"email", "user.email.invalid"}}},
		{"phone not normalised", func(u *User) { u.Phone = "90 12 34 56" }, []FieldError{{"phone", "user.phone.invalid"}}},
		{"phone not a number", func(u *User) { u.Phone = "+228 nine" }, []FieldError{{"phone", "user.phone.invalid"}}},
		{"blank name", func(u *User) { u.Name = "  " }, []FieldError{{"name", "user.name.required"}}},
		{"name of 121 letters", func(u *User) { u.Name = strings.Repeat("a", 121) }, []FieldError{{"name", "user.name.invalid"}}},
		{"name with a new line", func(u *User) { u.Name = "Ama\nKoffi" }, []FieldError{{"name", "user.name.invalid"}}},
		{"no role", func(u *User) { u.Role = "" }, []FieldError{{"role", "user.role.invalid"}}},
		{"unknown role", func(u *User) { u.Role = "boss" }, []FieldError{{"role", "user.role.invalid"}}},
		{"counsellor without office", func(u *User) { u.Role = RoleCounsellor }, []FieldError{{"office", "user.office.required"}}},
		{"partner without organisation", func(u *User) { u.Role, u.Organization = RolePartner, " " }, []FieldError{{"organization", "user.organization.required"}}},
		{"organisation of 201 letters", func(u *User) { u.Organization = strings.Repeat("o", 201) }, []FieldError{{"organization", "user.organization.invalid"}}},
		{"no language", func(u *User) { u.Language = "" }, []FieldError{{"language", "user.language.invalid"}}},
		{"german", func(u *User) { u.Language = "de" }, []FieldError{{"language", "user.language.invalid"}}},
		{"everything wrong at once", func(u *User) { *u = User{Name: "", Role: RoleCounsellor} }, []FieldError{
			{"login", "user.login.required"}, {"name", "user.name.required"}, {"office", "user.office.required"},
			{"language", "user.language.invalid"}}},
	}
	for _, tt := range tests {
		u := validUser()
		tt.change(u)
		err := u.Validate()
		if tt.want == nil {
			if err != nil {
				t.Errorf("%s: %v", tt.name, err)
			}
			continue
		}
		if ErrorCode(err) != EINVALID {
			t.Errorf("%s: error %v, want %s", tt.name, err, EINVALID)
		}
		if got := ErrorFields(err); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: fields %v, want %v", tt.name, got, tt.want)
		}
	}
}

func TestUserLogin(t *testing.T) {
	tests := []struct {
		email, phone, want string
	}{
		{"ama@example.tg", "+22890123456", "ama@example.tg"},
		{"", "+22890123456", "+22890123456"},
		{"ama@example.tg", "", "ama@example.tg"},
	}
	for _, tt := range tests {
		u := &User{Email: tt.email, Phone: tt.phone}
		if got := u.Login(); got != tt.want {
			t.Errorf("Login() of %q, %q = %q, want %q", tt.email, tt.phone, got, tt.want)
		}
	}
}

func TestRoles(t *testing.T) {
	tests := []struct {
		role         Role
		valid, staff bool
	}{
		{RoleAdmin, true, true},
		{RoleCounsellor, true, true},
		{RoleInspector, true, true},
		{RoleStatistician, true, true},
		{RolePartner, true, false},
		{RoleSeeker, true, false},
		{"", false, false},
		{"Admin", false, false},
	}
	for _, tt := range tests {
		if tt.role.Valid() != tt.valid || tt.role.Staff() != tt.staff {
			t.Errorf("%q: Valid %v Staff %v, want %v %v", tt.role, tt.role.Valid(), tt.role.Staff(), tt.valid, tt.staff)
		}
	}
}
