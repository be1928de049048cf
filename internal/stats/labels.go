package stats

import (
	"strings"
	"sync"

	"mobilite/internal/locale"
)

// The package's words come from the platform's catalogue (internal/locale, keys "stats.…"),
// like every other text people read.
var catalogue = sync.OnceValue(locale.MustLoad)

// text returns the catalogue's message key in lang ("fr", the default, or "en"), its {name}
// placeholders filled from args (name, value pairs).
func text(lang, key string, args ...any) string { return catalogue().Printer(lang).T(key, args...) }

// known reports whether the catalogue has key.
func known(key string) bool { return catalogue().Has(locale.Default, key) }

// DimName returns the name of a dimension (by its Dim.ID) in French ("fr", the default) or
// English ("en"); an unknown id is returned as it is.
func DimName(id, lang string) string {
	if key := "stats.dimname." + id; known(key) {
		return text(lang, key)
	}
	return id
}

// Label returns the name of an ILOSTAT code (or Total) in French ("fr", the default) or English
// ("en"). Age bands are spelled out ("25-54 ans", "65 years and over"); countries are named by
// their alpha-3 code, ISCO sub-major groups by "ISCO-08 71": put better names (from the reference
// tables) in Dim.Labels. An unknown code is returned as it is.
func Label(code, lang string) string {
	if key := "stats.code." + code; known(key) {
		return text(lang, key)
	}
	if isTotalCode(code) {
		return text(lang, "stats.code.total_word")
	}
	if strings.HasPrefix(code, "AGE_") {
		if lo, hi, ok := AgeBounds(code); ok {
			if hi < 0 {
				return text(lang, "stats.code.age_over", "from", lo)
			}
			return text(lang, "stats.code.age_band", "from", lo, "to", hi)
		}
	}
	if a3, ok := CountryFromCode(code); ok && a3 != "" {
		return a3
	}
	if rest, ok := strings.CutPrefix(code, "OC2_ISCO08_"); ok {
		return text(lang, "stats.code.isco2", "group", rest)
	}
	return code
}

// Label returns the label of one of the dimension's codes: Labels[code] when set, else the
// generic Label. Total (or the dimension's ILOSTAT total code) reads "Total".
func (d Dim) Label(code, lang string) string {
	if l, ok := d.Labels[code]; ok && l != "" {
		return l
	}
	if code == Total {
		if l, ok := d.Labels[TotalCode(d)]; ok && l != "" {
			return l
		}
	}
	return Label(code, lang)
}
