package match

import (
	"strconv"

	"mobilite/internal/locale"
	"mobilite/internal/ref"
)

// Explainer says reasons in words, naming the codes in the reader's language.
type Explainer struct {
	Ref *ref.Ref
	Cat *locale.Catalogue
}

// Text says a reason in p's language.
func (e *Explainer) Text(p *locale.Printer, r Reason) string {
	lang := p.Lang()
	args := []any{}
	if r.ISCO != "" {
		args = append(args, "occupation", e.Occupation(lang, r.ISCO))
	}
	if r.Country != "" {
		args = append(args, "country", e.Country(lang, r.Country))
	}
	if r.Lang != "" {
		args = append(args, "language", e.Language(p, r.Lang), "level", r.Level, "has", r.Has)
	}
	if r.ISCED > 0 {
		args = append(args, "education", e.Education(lang, r.ISCED))
	}
	if r.Years > 0 {
		return p.N("match.reason."+r.Code, r.Years, append(args, "has", r.HasYrs)...)
	}
	key := "match.reason." + r.Code
	if r.Level == "" && (r.Code == "language" || r.Code == "language_missing") {
		key += "_any"
	}
	return p.T(key, args...)
}

// Split says reasons in words, those for and those against.
func (e *Explainer) Split(p *locale.Printer, rs []Reason) (pro, con []string) {
	for _, r := range rs {
		if r.Against {
			con = append(con, e.Text(p, r))
		} else {
			pro = append(pro, e.Text(p, r))
		}
	}
	return pro, con
}

// Occupation names an ISCO-08 group.
func (e *Explainer) Occupation(lang, code string) string {
	if o, ok := e.Ref.Occupation(code); ok {
		if lang == "fr" {
			return o.TitleFR
		}
		return o.TitleEN
	}
	return code
}

// Country names a country by its alpha-3 code.
func (e *Explainer) Country(lang, code string) string {
	if c, ok := e.Ref.Country(code); ok {
		if lang == "fr" {
			return c.NameFR
		}
		return c.NameEN
	}
	return code
}

// Education names an ISCED 2011 level.
func (e *Explainer) Education(lang string, level int) string {
	if ed, ok := e.Ref.Education(level); ok {
		if lang == "fr" {
			return ed.NameFR
		}
		return ed.NameEN
	}
	return strconv.Itoa(level)
}

// Language names a language by its ISO 639 code, or returns what the seeker typed.
func (e *Explainer) Language(p *locale.Printer, code string) string {
	if e.Cat.Has(p.Lang(), "language."+code) {
		return p.T("language." + code)
	}
	return code
}
