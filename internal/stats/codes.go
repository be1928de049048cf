package stats

import (
	"strconv"
	"strings"
	"time"
)

// This file maps the platform's values (sex "F", an age in years, an ISCED level, an ISCO-08
// code, an ISIC section, an ISO 3166 alpha-3 country, a data source) to ILOSTAT classification
// codes and back, and names the codes in French and English. Code spellings follow ILOSTAT's
// code lists (SEX_F, AGE_AGGREGATE_Y15-24, EDU_ISCED11_3, OCU_ISCO08_7, OC2_ISCO08_71,
// ECO_ISIC4_C, CDS_DES_CIV, CPR_PRV_CIV); the total of a classification is SEX_T, or
// <scheme>_TOTAL (AGE_AGGREGATE_TOTAL, EDU_ISCED11_TOTAL…), except AGE_YTHADULT whose total is
// AGE_YTHADULT_YGE15, as in ILOSTAT.

// Sex codes (ILOSTAT).
const (
	SexTotal  = "SEX_T"
	SexMale   = "SEX_M"
	SexFemale = "SEX_F"
	SexOther  = "SEX_O"
)

// SexCodes returns the sex categories in display order (ILOSTAT's: men, then women), without the
// total.
func SexCodes() []string { return []string{SexMale, SexFemale} }

// SexCode maps the platform's sex ("F", "M", "O"; any case) to its ILOSTAT code. It returns false
// for anything else: ILOSTAT has no "unknown sex" category, so such a record can only be counted
// in the total.
func SexCode(sex string) (string, bool) {
	switch strings.ToUpper(strings.TrimSpace(sex)) {
	case "F":
		return SexFemale, true
	case "M":
		return SexMale, true
	case "O":
		return SexOther, true
	}
	return "", false
}

// SexFromCode is the inverse of SexCode ("SEX_F" → "F"); SEX_T gives "", true.
func SexFromCode(code string) (string, bool) {
	switch code {
	case SexFemale:
		return "F", true
	case SexMale:
		return "M", true
	case SexOther:
		return "O", true
	case SexTotal:
		return "", true
	}
	return "", false
}

// AgeScheme is one of ILOSTAT's age classifications.
type AgeScheme string

// The age classifications the platform derives from a date of birth.
const (
	AgeYouthAdult AgeScheme = "AGE_YTHADULT"  // Y15-24, YGE25; total YGE15
	AgeAggregate  AgeScheme = "AGE_AGGREGATE" // Y15-24, Y25-54, Y55-64, YGE65
	Age10YrBands  AgeScheme = "AGE_10YRBANDS" // Y15-24, Y25-34, Y35-44, Y45-54, Y55-64, YGE65
)

// ageBand is a band [lo, hi] in completed years; hi < 0 means open-ended.
type ageBand struct {
	suffix string
	lo, hi int
}

var ageBands = map[AgeScheme][]ageBand{
	AgeYouthAdult: {{"Y15-24", 15, 24}, {"YGE25", 25, -1}},
	AgeAggregate:  {{"Y15-24", 15, 24}, {"Y25-54", 25, 54}, {"Y55-64", 55, 64}, {"YGE65", 65, -1}},
	Age10YrBands: {{"Y15-24", 15, 24}, {"Y25-34", 25, 34}, {"Y35-44", 35, 44}, {"Y45-54", 45, 54},
		{"Y55-64", 55, 64}, {"YGE65", 65, -1}},
}

// AgeCodes returns the bands of a scheme in display order, without the total; nil for an
// unknown scheme.
func AgeCodes(s AgeScheme) []string {
	var out []string
	for _, b := range ageBands[s] {
		out = append(out, string(s)+"_"+b.suffix)
	}
	return out
}

// AgeCode returns the band of an age in completed years. Working-age statistics start at 15
// (ICLS 2018): an age under 15, or an unknown scheme, gives false, and the caller decides
// whether such a record is an error or counted only in the total.
func AgeCode(s AgeScheme, years int) (string, bool) {
	for _, b := range ageBands[s] {
		if years >= b.lo && (b.hi < 0 || years <= b.hi) {
			return string(s) + "_" + b.suffix, true
		}
	}
	return "", false
}

// AgeBounds returns the ages in completed years an age code covers, hi = -1 when open-ended
// ("AGE_AGGREGATE_Y25-54" → 25, 54; "AGE_YTHADULT_YGE15" → 15, -1). Totals other than YGE15
// give false.
func AgeBounds(code string) (lo, hi int, ok bool) {
	i := strings.LastIndexByte(code, '_')
	if i < 0 || !strings.HasPrefix(code, "AGE_") {
		return 0, 0, false
	}
	suffix := code[i+1:]
	if rest, found := strings.CutPrefix(suffix, "YGE"); found {
		n, err := strconv.Atoi(rest)
		return n, -1, err == nil
	}
	if rest, found := strings.CutPrefix(suffix, "Y"); found {
		a, b, found := strings.Cut(rest, "-")
		x, err1 := strconv.Atoi(a)
		y, err2 := strconv.Atoi(b)
		return x, y, found && err1 == nil && err2 == nil && x <= y
	}
	return 0, 0, false
}

// AgeAt returns the age in completed years on a date of a person born on birth (a person born
// on 29 February has a birthday on 1 March in common years).
func AgeAt(birth, at time.Time) int {
	years := at.Year() - birth.Year()
	if at.Month() < birth.Month() || (at.Month() == birth.Month() && at.Day() < birth.Day()) {
		years--
	}
	return years
}

// ISCEDUnknown is the platform's ISCED level when the education is not stated.
const ISCEDUnknown = -1

// EducationCode maps an ISCED 2011 level to its ILOSTAT code: 0–8 → EDU_ISCED11_0…_8. A level
// not stated (ISCEDUnknown, or anything out of range) → EDU_ISCED11_9, "not elsewhere
// classified": in ILOSTAT's list EDU_ISCED11_X means "no schooling", a real level that the
// platform does not record separately (a person without schooling is recorded at level 0).
func EducationCode(level int) string {
	if level >= 0 && level <= 8 {
		return "EDU_ISCED11_" + strconv.Itoa(level)
	}
	return "EDU_ISCED11_9"
}

// EducationCodes returns the ISCED 2011 categories in display order, without the total:
// EDU_ISCED11_X (no schooling), _0 … _8, _9 (not elsewhere classified).
func EducationCodes() []string {
	out := []string{"EDU_ISCED11_X"}
	for l := 0; l <= 9; l++ {
		out = append(out, "EDU_ISCED11_"+strconv.Itoa(l))
	}
	return out
}

// EducationAggregateCode maps an ISCED 2011 level to ILOSTAT's aggregate: less than basic (0),
// basic (1–2), intermediate (3–4), advanced (5–8), and EDU_AGGREGATE_X (level not stated) for
// ISCEDUnknown or anything out of range.
func EducationAggregateCode(level int) string {
	switch {
	case level == 0:
		return "EDU_AGGREGATE_LTB"
	case level == 1 || level == 2:
		return "EDU_AGGREGATE_BAS"
	case level == 3 || level == 4:
		return "EDU_AGGREGATE_INT"
	case level >= 5 && level <= 8:
		return "EDU_AGGREGATE_ADV"
	}
	return "EDU_AGGREGATE_X"
}

// EducationAggregateCodes returns the aggregate education categories in display order, without
// the total.
func EducationAggregateCodes() []string {
	return []string{"EDU_AGGREGATE_LTB", "EDU_AGGREGATE_BAS", "EDU_AGGREGATE_INT", "EDU_AGGREGATE_ADV", "EDU_AGGREGATE_X"}
}

// EducationFromCode is the inverse of EducationCode: "EDU_ISCED11_3" → 3; _9 → ISCEDUnknown.
// EDU_ISCED11_X (no schooling) and the totals give false.
func EducationFromCode(code string) (int, bool) {
	rest, ok := strings.CutPrefix(code, "EDU_ISCED11_")
	if !ok || len(rest) != 1 || rest[0] < '0' || rest[0] > '9' {
		return 0, false
	}
	if rest == "9" {
		return ISCEDUnknown, true
	}
	return int(rest[0] - '0'), true
}

func allDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return s != ""
}

// OccupationCode maps an ISCO-08 code of any level ("7", "71", "7126") to its major group,
// OCU_ISCO08_0…9; an empty or malformed code → OCU_ISCO08_X (not elsewhere classified).
func OccupationCode(isco string) string {
	isco = strings.TrimSpace(isco)
	if !allDigits(isco) || len(isco) > 4 {
		return "OCU_ISCO08_X"
	}
	return "OCU_ISCO08_" + isco[:1]
}

// Occupation2Code maps an ISCO-08 code of two digits or more to its sub-major group,
// OC2_ISCO08_xx ("7126" → OC2_ISCO08_71); anything shorter or malformed → OC2_ISCO08_X.
func Occupation2Code(isco string) string {
	isco = strings.TrimSpace(isco)
	if !allDigits(isco) || len(isco) < 2 || len(isco) > 4 {
		return "OC2_ISCO08_X"
	}
	return "OC2_ISCO08_" + isco[:2]
}

// OccupationCodes returns the ISCO-08 major groups in display order (1…9, 0, X), without the
// total.
func OccupationCodes() []string {
	out := make([]string, 0, 11)
	for _, d := range "1234567890X" {
		out = append(out, "OCU_ISCO08_"+string(d))
	}
	return out
}

// OccupationFromCode is the inverse of OccupationCode and Occupation2Code: "OCU_ISCO08_7" → "7",
// "OC2_ISCO08_71" → "71"; the X codes give "", true.
func OccupationFromCode(code string) (string, bool) {
	rest, ok := strings.CutPrefix(code, "OCU_ISCO08_")
	if ok && (rest == "X" || (len(rest) == 1 && allDigits(rest))) {
		return strings.TrimSuffix(rest, "X"), true
	}
	rest, ok = strings.CutPrefix(code, "OC2_ISCO08_")
	if ok && (rest == "X" || (len(rest) == 2 && allDigits(rest))) {
		return strings.TrimSuffix(rest, "X"), true
	}
	return "", false
}

// ActivityCode maps an ISIC Rev.4 section letter (any case) to ECO_ISIC4_A…U; anything else →
// ECO_ISIC4_X (not elsewhere classified).
func ActivityCode(section string) string {
	s := strings.ToUpper(strings.TrimSpace(section))
	if len(s) == 1 && s[0] >= 'A' && s[0] <= 'U' {
		return "ECO_ISIC4_" + s
	}
	return "ECO_ISIC4_X"
}

// ActivityCodes returns the ISIC Rev.4 sections in display order (A…U, X), without the total.
func ActivityCodes() []string {
	out := make([]string, 0, 22)
	for c := 'A'; c <= 'U'; c++ {
		out = append(out, "ECO_ISIC4_"+string(c))
	}
	return append(out, "ECO_ISIC4_X")
}

// ActivityFromCode is the inverse of ActivityCode: "ECO_ISIC4_C" → "C"; X gives "", true.
func ActivityFromCode(code string) (string, bool) {
	rest, ok := strings.CutPrefix(code, "ECO_ISIC4_")
	if !ok || len(rest) != 1 || rest[0] < 'A' || (rest[0] > 'U' && rest != "X") {
		return "", false
	}
	return strings.TrimSuffix(rest, "X"), true
}

// Country prefixes (ILOSTAT): country of destination, country of previous residence.
const (
	DestinationPrefix       = "CDS_DES_"
	PreviousResidencePrefix = "CPR_PRV_"
)

func countryCode(prefix, alpha3 string) string {
	a := strings.ToUpper(strings.TrimSpace(alpha3))
	if len(a) == 3 && a[0] >= 'A' && a[0] <= 'Z' && a[1] >= 'A' && a[1] <= 'Z' && a[2] >= 'A' && a[2] <= 'Z' && a != "XXX" {
		return prefix + a
	}
	return prefix + "X"
}

// DestinationCode maps an ISO 3166 alpha-3 country to CDS_DES_xxx ("civ" → CDS_DES_CIV); an
// empty or malformed country → CDS_DES_X. The code is not checked against the ISO list: the
// register validates countries on entry.
func DestinationCode(alpha3 string) string { return countryCode(DestinationPrefix, alpha3) }

// PreviousResidenceCode maps an ISO 3166 alpha-3 country to CPR_PRV_xxx; unknown → CPR_PRV_X.
func PreviousResidenceCode(alpha3 string) string {
	return countryCode(PreviousResidencePrefix, alpha3)
}

// CountryFromCode is the inverse of DestinationCode and PreviousResidenceCode: "CDS_DES_CIV" →
// "CIV"; the X codes give "", true.
func CountryFromCode(code string) (string, bool) {
	for _, p := range []string{DestinationPrefix, PreviousResidencePrefix} {
		if rest, ok := strings.CutPrefix(code, p); ok {
			if rest == "X" {
				return "", true
			}
			if len(rest) == 3 && strings.ToUpper(rest) == rest {
				return rest, true
			}
		}
	}
	return "", false
}

// Source kinds of the indicator catalogue (INDICATORS.md, column "src"), plus the census.
const (
	SourceRegister  = "A" // the platform's administrative records
	SourceSurvey    = "S" // survey micro-data uploaded
	SourceAggregate = "E" // figures entered from other administrations
	SourceCensus    = "C" // population census
)

// SourceCode maps a source kind to ILOSTAT's source type used in the SOURCE column: register →
// XA (administrative records, as INDICATORS.md says), survey → BA (labour-force survey), census
// → AA, aggregates from other administrations → FX ("other administrative records and related
// sources"; to check against ILOSTAT's list). It returns false for an unknown kind.
func SourceCode(kind string) (string, bool) {
	switch kind {
	case SourceRegister:
		return "XA", true
	case SourceSurvey:
		return "BA", true
	case SourceCensus:
		return "AA", true
	case SourceAggregate:
		return "FX", true
	}
	return "", false
}

// SourceFromCode is the inverse of SourceCode.
func SourceFromCode(code string) (string, bool) {
	for _, k := range []string{SourceRegister, SourceSurvey, SourceCensus, SourceAggregate} {
		if c, _ := SourceCode(k); c == code {
			return k, true
		}
	}
	return "", false
}

// scheme returns the classification of a code: the code without its last "_" part
// ("AGE_AGGREGATE_Y15-24" → "AGE_AGGREGATE", "SEX_F" → "SEX"), or "" for a code without "_".
func scheme(code string) string {
	i := strings.LastIndexByte(code, '_')
	if i <= 0 {
		return ""
	}
	return code[:i]
}

// TotalCode returns the ILOSTAT code of the total of a dimension, from the classification of its
// codes: SEX_T, AGE_YTHADULT_YGE15, or <scheme>_TOTAL (AGE_AGGREGATE_TOTAL, CDS_DES_TOTAL…). A
// dimension whose codes are not ILOSTAT-shaped (regions, channels) gets Total ("_T").
func TotalCode(d Dim) string {
	s := ""
	for _, c := range d.Codes {
		s = scheme(c)
		break
	}
	switch s {
	case "":
		return Total
	case "SEX":
		return SexTotal
	case string(AgeYouthAdult):
		return "AGE_YTHADULT_YGE15"
	}
	return s + "_TOTAL"
}

// isTotalCode reports whether code is a total (Total itself, or an ILOSTAT total code).
func isTotalCode(code string) bool {
	return code == Total || code == SexTotal || code == "AGE_YTHADULT_YGE15" || strings.HasSuffix(code, "_TOTAL")
}
