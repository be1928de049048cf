// Package locale holds the catalogue of every string the interface shows, in French (first) and
// English, with CLDR plural rules and named placeholders ("{count}").
package locale

import (
	"embed"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
)

//go:embed catalogue/*.json
var files embed.FS

// Default is the language shown when nothing else is known.
const Default = "fr"

// Languages in order of preference of the platform.
var Languages = []string{"fr", "en"}

// entry is one message: a plain string, or plural forms by CLDR category ("one", "other"…).
type entry struct {
	text   string
	plural map[string]string
}

func (e *entry) UnmarshalJSON(b []byte) error {
	if len(b) > 0 && b[0] == '"' {
		return json.Unmarshal(b, &e.text)
	}
	return json.Unmarshal(b, &e.plural)
}

// Catalogue holds the messages of every language.
type Catalogue struct {
	langs map[string]map[string]entry
	// OnMissing, when set, is told of every key asked for that the catalogue lacks (tests set it
	// to fail on a missing translation).
	OnMissing func(lang, key string)
}

// Load reads the embedded catalogues.
func Load() (*Catalogue, error) {
	c := &Catalogue{langs: map[string]map[string]entry{}}
	for _, lang := range Languages {
		b, err := files.ReadFile("catalogue/" + lang + ".json")
		if err != nil {
			return nil, fmt.Errorf("locale: %w", err)
		}
		m := map[string]entry{}
		if err := json.Unmarshal(b, &m); err != nil {
			return nil, fmt.Errorf("locale: %s.json: %w", lang, err)
		}
		c.langs[lang] = m
	}
	return c, nil
}

// MustLoad is Load for main and tests; the catalogue is embedded, so an error is a build bug.
func MustLoad() *Catalogue {
	c, err := Load()
	if err != nil {
		panic(err)
	}
	return c
}

// Keys returns the sorted keys of a language, with the plural categories it defines
// (for the test that compares the catalogues).
func (c *Catalogue) Keys(lang string) []string {
	var keys []string
	for k, e := range c.langs[lang] {
		if e.plural == nil {
			keys = append(keys, k)
			continue
		}
		keys = append(keys, k+"#plural")
	}
	sort.Strings(keys)
	return keys
}

// Has reports whether key exists in lang.
func (c *Catalogue) Has(lang, key string) bool {
	_, ok := c.langs[lang][key]
	return ok
}

// Printer returns the translator of one language (the default for an unknown one).
func (c *Catalogue) Printer(lang string) *Printer {
	if _, ok := c.langs[lang]; !ok {
		lang = Default
	}
	return &Printer{lang: lang, msgs: c.langs[lang], cat: c}
}

// Printer translates into one language.
type Printer struct {
	lang string
	msgs map[string]entry
	cat  *Catalogue
}

func (p *Printer) missing(key string) string {
	if p.cat != nil && p.cat.OnMissing != nil {
		p.cat.OnMissing(p.lang, key)
	}
	return key
}

// Lang returns the language code.
func (p *Printer) Lang() string { return p.lang }

// T returns the message key with its {name} placeholders filled from args, given as name, value
// pairs. A missing key shows as the key itself, so that it is seen and fixed, never a blank.
func (p *Printer) T(key string, args ...any) string {
	e, ok := p.msgs[key]
	if !ok {
		return p.missing(key)
	}
	s := e.text
	if e.plural != nil {
		s = e.plural["other"]
	}
	return fill(s, args)
}

// N returns the plural form of key for count n, with {count} and the other placeholders filled.
func (p *Printer) N(key string, n int, args ...any) string {
	e, ok := p.msgs[key]
	if !ok {
		return p.missing(key)
	}
	s := e.text
	if e.plural != nil {
		s, ok = e.plural[PluralCategory(p.lang, n)]
		if !ok {
			s = e.plural["other"]
		}
	}
	return fill(s, append([]any{"count", p.Number(n)}, args...))
}

// Number formats an integer with the language's grouping: 12 345 in French (narrow no-break
// space), 12,345 in English.
func (p *Printer) Number(n int) string {
	s := strconv.Itoa(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	sep := ","
	if p.lang == "fr" {
		sep = "\u202f"
	}
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(r)
	}
	if neg {
		return "-" + b.String()
	}
	return b.String()
}

func fill(s string, args []any) string {
	if len(args) < 2 || !strings.Contains(s, "{") {
		return s
	}
	pairs := make([]string, 0, len(args))
	for i := 0; i+1 < len(args); i += 2 {
		pairs = append(pairs, "{"+fmt.Sprint(args[i])+"}", fmt.Sprint(args[i+1]))
	}
	return strings.NewReplacer(pairs...).Replace(s)
}

// PluralCategory returns the CLDR plural category of the integer n in lang. French: "one" for
// 0 and 1, "many" for multiples of a million, "other" else. English: "one" for 1, "other" else.
func PluralCategory(lang string, n int) string {
	if n < 0 {
		n = -n
	}
	switch lang {
	case "fr":
		switch {
		case n == 0 || n == 1:
			return "one"
		case n%1000000 == 0:
			return "many"
		}
	default:
		if n == 1 {
			return "one"
		}
	}
	return "other"
}

// Negotiate picks the language from an Accept-Language header ("en-GB,en;q=0.9,fr;q=0.8"),
// or Default when none of ours is acceptable.
func Negotiate(header string) string {
	best, bestQ := "", -1.0
	for _, part := range strings.Split(header, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if v, ok := strings.CutPrefix(strings.TrimSpace(params), "q="); ok {
			f, err := strconv.ParseFloat(v, 64)
			if err != nil {
				continue
			}
			q = f
		}
		base, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		for _, l := range Languages {
			if base == l && q > bestQ && q > 0 {
				best, bestQ = l, q
			}
		}
	}
	if best == "" {
		return Default
	}
	return best
}
