package locale

import (
	"bytes"
	"encoding/json"
	"slices"
	"strings"
	"testing"
)

// Every key must exist in every language, with plural forms in both or neither.
func TestCataloguesMatch(t *testing.T) {
	c := MustLoad()
	fr, en := c.Keys("fr"), c.Keys("en")
	if len(fr) == 0 {
		t.Fatal("empty catalogue")
	}
	for _, k := range fr {
		if !slices.Contains(en, k) {
			t.Errorf("%s is in fr but not in en", k)
		}
	}
	for _, k := range en {
		if !slices.Contains(fr, k) {
			t.Errorf("%s is in en but not in fr", k)
		}
	}
}

// Each message must use the same placeholders in both languages, and plural messages must have
// the forms their language needs.
func TestPlaceholdersAndForms(t *testing.T) {
	c := MustLoad()
	for key, e := range c.langs["fr"] {
		other, ok := c.langs["en"][key]
		if !ok {
			continue
		}
		if a, b := placeholders(e), placeholders(other); !slices.Equal(a, b) {
			t.Errorf("%s: placeholders fr %v, en %v", key, a, b)
		}
		if e.plural != nil && (e.plural["one"] == "" || e.plural["other"] == "") {
			t.Errorf("%s: French plural needs one and other", key)
		}
		if other.plural != nil && (other.plural["one"] == "" || other.plural["other"] == "") {
			t.Errorf("%s: English plural needs one and other", key)
		}
	}
}

func placeholders(e entry) []string {
	s := e.text
	for _, v := range e.plural {
		s += v
	}
	var out []string
	for {
		i := strings.IndexByte(s, '{')
		if i < 0 {
			break
		}
		j := strings.IndexByte(s[i:], '}')
		if j < 0 {
			break
		}
		if name := s[i+1 : i+j]; !slices.Contains(out, name) {
			out = append(out, name)
		}
		s = s[i+j+1:]
	}
	slices.Sort(out)
	return out
}

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		{"fr", 0, "one"}, {"fr", 1, "one"}, {"fr", 2, "other"}, {"fr", 1000000, "many"}, {"fr", 1500, "other"},
		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"}, {"en", 1000000, "other"},
	} {
		if got := PluralCategory(tt.lang, tt.n); got != tt.want {
			t.Errorf("PluralCategory(%s, %d) = %s, want %s", tt.lang, tt.n, got, tt.want)
		}
	}
	p := &Printer{lang: "fr", msgs: map[string]entry{"x": {plural: map[string]string{"one": "{count} offre", "other": "{count} offres"}}}}
	if got := p.N("x", 0); got != "0 offre" {
		t.Errorf("fr 0: %q", got)
	}
	if got := p.N("x", 12345); got != "12\u202f345 offres" {
		t.Errorf("fr 12345: %q", got)
	}
	en := &Printer{lang: "en", msgs: map[string]entry{"x": {plural: map[string]string{"one": "{count} offer", "other": "{count} offers"}}}}
	if got := en.N("x", 0); got != "0 offers" {
		t.Errorf("en 0: %q", got)
	}
	if got := en.N("x", 1234); got != "1,234 offers" {
		t.Errorf("en 1234: %q", got)
	}
}

func TestFill(t *testing.T) {
	p := &Printer{lang: "en", msgs: map[string]entry{"hi": {text: "Hello {name}, {name}!"}}}
	if got := p.T("hi", "name", "Ama"); got != "Hello Ama, Ama!" {
		t.Errorf("got %q", got)
	}
	if got := p.T("missing.key"); got != "missing.key" {
		t.Errorf("missing key shows %q", got)
	}
}

func TestNegotiate(t *testing.T) {
	for h, want := range map[string]string{
		"":                          "fr",
		"en":                        "en",
		"en-GB,en;q=0.9,fr;q=0.8":   "en",
		"fr-FR,fr;q=0.9,en;q=0.8":   "fr",
		"de-DE,de;q=0.9":            "fr",
		"de;q=0.9,en;q=0.5":         "en",
		"en;q=0.2,fr;q=0.7":         "fr",
		"en;q=0":                    "fr",
		"en;q=abc,fr":               "fr",
		"*":                         "fr",
		",,;;==":                    "fr",
		"EN-us":                     "en",
		strings.Repeat("en,", 1000): "en",
	} {
		if got := Negotiate(h); got != want {
			t.Errorf("Negotiate(%q) = %s, want %s", h, got, want)
		}
	}
}

// A key is defined once per catalogue: JSON keeps the last of two, so a second definition
// silently replaces the first ("import.valid" did, on the offers' import report).
func TestNoKeyTwice(t *testing.T) {
	for _, lang := range Languages {
		b, err := files.ReadFile("catalogue/" + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		dec := json.NewDecoder(bytes.NewReader(b))
		if _, err := dec.Token(); err != nil { // {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		for dec.More() {
			tok, err := dec.Token()
			if err != nil {
				t.Fatal(err)
			}
			key := tok.(string)
			if seen[key] {
				t.Errorf("%s.json: %s is defined twice", lang, key)
			}
			seen[key] = true
			var skip json.RawMessage
			if err := dec.Decode(&skip); err != nil {
				t.Fatal(err)
			}
		}
		if len(seen) < 500 {
			t.Errorf("%s.json: only %d keys read", lang, len(seen))
		}
	}
}
