package web

import (
	"net/url"
	"strings"
	"testing"
	"unicode/utf8"

	"mobilite/internal/jobs"
)

func TestCleanForm(t *testing.T) {
	in := url.Values{"name": {"Ama\x00 Kof\x7fi\tde\nLomé"}, "bad": {"\xff\xfeok"}, strings.Repeat("k", 101): {"dropped"},
		"long": {strings.Repeat("é", maxField+5)}, "description": {strings.Repeat("é", jobs.MaxDescription+5)},
		"how_to_apply": {strings.Repeat("x", maxField+5)}}
	out := cleanForm(in)
	if got := out.Get("name"); got != "Ama Kofi\tde\nLomé" {
		t.Errorf("name = %q", got)
	}
	if got := out.Get("bad"); got != "ok" {
		t.Errorf("bad = %q", got)
	}
	if len(out) != 5 {
		t.Errorf("an over-long key was kept: %v", out)
	}
	// Cut one past the limit, so that the service refuses the value instead of keeping it cut.
	if n := utf8.RuneCountInString(out.Get("long")); n != maxField+1 {
		t.Errorf("long value has %d characters", n)
	}
	if n := utf8.RuneCountInString(out.Get("description")); n != jobs.MaxDescription+1 {
		t.Errorf("description has %d characters", n)
	}
	if n := utf8.RuneCountInString(out.Get("how_to_apply")); n != maxField+5 {
		t.Errorf("how to apply has %d characters", n)
	}
}

// FuzzCleanForm: any posted body gives values that are valid UTF-8, without control characters
// other than tab and new lines, and no longer than one past their field's limit.
func FuzzCleanForm(f *testing.F) {
	for _, s := range []string{"a=b&c=d", "login=%FF%00&password=x", "name=Ko%C3%AFssi", "=&=&%20=%20", "a=" + strings.Repeat("x", 100)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		vals, err := url.ParseQuery(body)
		if err != nil {
			return
		}
		for k, vs := range cleanForm(vals) {
			if len(k) > 100 {
				t.Fatalf("key of %d bytes kept", len(k))
			}
			for _, v := range vs {
				limit := maxField
				if n, ok := longFields[k]; ok {
					limit = n
				}
				if !utf8.ValidString(v) || utf8.RuneCountInString(v) > limit+1 {
					t.Fatalf("bad value %q", v)
				}
				for _, r := range v {
					if r < 0x20 && r != '\t' && r != '\n' && r != '\r' || r == 0x7f {
						t.Fatalf("control character %U kept", r)
					}
				}
			}
		}
	})
}

func TestLocalPath(t *testing.T) {
	for next, want := range map[string]string{
		"/compte": "/compte", "/a?b=c": "/a?b=c", "": "/", "//evil.example": "/", "https://evil.example": "/",
		"/\\evil.example": "/", "javascript:x": "/", "/a\r\nSet-Cookie: x": "/",
	} {
		if got := localPath(next, "/"); got != want {
			t.Errorf("localPath(%q) = %q, want %q", next, got, want)
		}
	}
}
