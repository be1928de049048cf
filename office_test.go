package mobilite

import (
	"reflect"
	"strings"
	"testing"
)

func TestOfficeValidate(t *testing.T) {
	valid := func() *Office {
		return &Office{Code: "LOM", Name: "Lomé", Region: "TG-M", Country: "TGO", Town: "Lomé", Phone: "+22822210000",
			Email: "lome@anpe.tg", Active: true}
	}
	tests := []struct {
		name   string
		change func(o *Office)
		want   []FieldError // nil: valid
	}{
		{"Togo", func(o *Office) {}, nil},
		{"abroad, no region", func(o *Office) { o.Country, o.Region = "FRA", "" }, nil},
		{"code with digits and dash", func(o *Office) { o.Code = "KARA-2" }, nil},
		{"code of 2", func(o *Office) { o.Code = "LO" }, nil},
		{"code of 12", func(o *Office) { o.Code = "ABCDEFGHIJKL" }, nil},
		{"no phone, no e-mail", func(o *Office) { o.Phone, o.Email = "", "" }, nil},
		{"town of 120 accented letters", func(o *Office) { o.Town = strings.Repeat("é", 120) }, nil},

		{"no code", func(o *Office) { o.Code = "" }, []FieldError{{"code", "office.code.invalid"}}},
		{"code of 1", func(o *Office) { o.Code = "L" }, []FieldError{{"code", "office.code.invalid"}}},
		{"code of 13", func(o *Office) { o.Code = "ABCDEFGHIJKLM" }, []FieldError{{"code", "office.code.invalid"}}},
		{"lower-case code", func(o *Office) { o.Code = "lom" }, []FieldError{{"code", "office.code.invalid"}}},
		{"code with a space", func(o *Office) { o.Code = "LO M" }, []FieldError{{"code", "office.code.invalid"}}},
		{"code with an accent", func(o *Office) { o.Code = "LOMÉ" }, []FieldError{{"code", "office.code.invalid"}}},
		{"blank name", func(o *Office) { o.Name = " " }, []FieldError{{"name", "office.name.required"}}},
		{"name of 121", func(o *Office) { o.Name = strings.Repeat("n", 121) }, []FieldError{{"name", "office.name.required"}}},
		{"no country", func(o *Office) { o.Country = "" }, []FieldError{{"country", "office.country.invalid"}}},
		{"alpha-2 country", func(o *Office) { o.Country = "TG" }, []FieldError{{"country", "office.country.invalid"}}},
		{"Togo without region", func(o *Office) { o.Region = "" }, []FieldError{{"region", "office.region.required"}}},
		{"town of 121", func(o *Office) { o.Town = strings.Repeat("t", 121) }, []FieldError{{"town", "office.town.invalid"}}},
		{"address of 301", func(o *Office) { o.Address = strings.Repeat("a", 301) }, []FieldError{{"address", "office.address.invalid"}}},
		{"phone not normalised", func(o *Office) { o.Phone = "22 21 00 00" }, []FieldError{{"phone", "user.phone.invalid"}}},
		{"e-mail in capitals", func(o *Office) { o.Email = "LOME@anpe.tg" }, []FieldError{{"email", "user.email.invalid"}}},
		{"everything wrong at once", func(o *Office) { *o = Office{Country: "TGO", Phone: "x", Email: "x"} }, []FieldError{
			{"code", "office.code.invalid"}, {"name", "office.name.required"}, {"region", "office.region.required"},
			{"phone", "user.phone.invalid"}, {"email", "user.email.invalid"}}},
	}
	for _, tt := range tests {
		o := valid()
		tt.change(o)
		err := o.Validate()
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
