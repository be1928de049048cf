package api

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"mobilite"
)

type sample struct {
	Name  string   `json:"name"`
	Count int      `json:"count"`
	Tags  []string `json:"tags"`
}

func TestDecode(t *testing.T) {
	for _, tt := range []struct {
		body  string
		code  mobilite.Code
		field string
	}{
		{`{"name":"a","count":2,"tags":["x"]}`, "", ""},
		{`{"name":"a","extra":1}`, mobilite.EINVALID, "extra"},
		{`{"count":"two"}`, mobilite.EINVALID, "count"},
		{`{"name":"a"}{"name":"b"}`, mobilite.EINVALID, ""},
		{`{"name":"a"} x`, mobilite.EINVALID, ""},
		{`{"name":`, mobilite.EINVALID, ""},
		{``, mobilite.EINVALID, ""},
		{`[]`, mobilite.EINVALID, ""},
		{`null`, "", ""},
		{"{\"name\":\"\xff\"}", "", ""},
	} {
		var v sample
		err := Decode(strings.NewReader(tt.body), &v)
		if got := mobilite.ErrorCode(err); got != tt.code {
			t.Errorf("%q: code %q (%v), want %q", tt.body, got, err, tt.code)
		}
		if fs := mobilite.ErrorFields(err); tt.field != "" && (len(fs) == 0 || fs[0].Field != tt.field) {
			t.Errorf("%q: fields %v, want %s", tt.body, fs, tt.field)
		}
	}
}

func TestDecodeTooLarge(t *testing.T) {
	body := `{"name":"` + strings.Repeat("x", 2000) + `"}`
	r := httptest.NewRequest("POST", "/", strings.NewReader(body))
	r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 100)
	var v sample
	if err := Decode(r.Body, &v); !errors.Is(err, errTooLarge) {
		t.Fatalf("got %v, want errTooLarge", err)
	}
}

// FuzzDecode: whatever the body, Decode returns nil, an EINVALID error or errTooLarge, and never panics.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{`{"name":"a","count":1}`, `{"tags":[1,2]}`, `{"x":}`, `{}{}`, "\x00", `{"name":"\ud800"}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/", strings.NewReader(body))
		r.Body = http.MaxBytesReader(httptest.NewRecorder(), r.Body, 512)
		var v sample
		err := Decode(r.Body, &v)
		if err != nil && !errors.Is(err, errTooLarge) && mobilite.ErrorCode(err) != mobilite.EINVALID {
			t.Fatalf("%q: unexpected error %v", body, err)
		}
	})
}
