package stats

import (
	"testing"
	"time"
)

func TestSexCode(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		ok   bool
	}{
		{"F", "SEX_F", true}, {"m", "SEX_M", true}, {" O ", "SEX_O", true}, {"", "", false}, {"X", "", false},
	} {
		got, ok := SexCode(tc.in)
		if got != tc.want || ok != tc.ok {
			t.Errorf("SexCode(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
		if ok {
			back, _ := SexFromCode(got)
			if back != string(rune(tc.want[4])) {
				t.Errorf("SexFromCode(%q) = %q", got, back)
			}
		}
	}
	if s, ok := SexFromCode(SexTotal); !ok || s != "" {
		t.Errorf("SexFromCode(SEX_T) = %q, %v", s, ok)
	}
}

func TestAgeCode(t *testing.T) {
	for _, tc := range []struct {
		s     AgeScheme
		years int
		want  string
	}{
		{AgeYouthAdult, 14, ""},
		{AgeYouthAdult, 15, "AGE_YTHADULT_Y15-24"},
		{AgeYouthAdult, 24, "AGE_YTHADULT_Y15-24"},
		{AgeYouthAdult, 25, "AGE_YTHADULT_YGE25"},
		{AgeYouthAdult, 99, "AGE_YTHADULT_YGE25"},
		{AgeAggregate, 24, "AGE_AGGREGATE_Y15-24"},
		{AgeAggregate, 25, "AGE_AGGREGATE_Y25-54"},
		{AgeAggregate, 54, "AGE_AGGREGATE_Y25-54"},
		{AgeAggregate, 55, "AGE_AGGREGATE_Y55-64"},
		{AgeAggregate, 64, "AGE_AGGREGATE_Y55-64"},
		{AgeAggregate, 65, "AGE_AGGREGATE_YGE65"},
		{Age10YrBands, 34, "AGE_10YRBANDS_Y25-34"},
		{Age10YrBands, 35, "AGE_10YRBANDS_Y35-44"},
		{Age10YrBands, 45, "AGE_10YRBANDS_Y45-54"},
		{Age10YrBands, 70, "AGE_10YRBANDS_YGE65"},
		{Age10YrBands, -3, ""},
		{AgeScheme("AGE_5YRBANDS"), 30, ""},
	} {
		got, ok := AgeCode(tc.s, tc.years)
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("AgeCode(%s, %d) = %q, %v; want %q", tc.s, tc.years, got, ok, tc.want)
		}
		if !ok {
			continue
		}
		lo, hi, ok := AgeBounds(got)
		if !ok || tc.years < lo || (hi >= 0 && tc.years > hi) {
			t.Errorf("AgeBounds(%q) = %d, %d, %v: does not hold %d", got, lo, hi, ok, tc.years)
		}
	}
	// Every scheme is a partition of 15+: each age falls in exactly one band.
	for _, s := range []AgeScheme{AgeYouthAdult, AgeAggregate, Age10YrBands} {
		for age := 15; age < 110; age++ {
			n := 0
			for _, c := range AgeCodes(s) {
				lo, hi, _ := AgeBounds(c)
				if age >= lo && (hi < 0 || age <= hi) {
					n++
				}
			}
			if n != 1 {
				t.Fatalf("%s: age %d in %d bands", s, age, n)
			}
		}
	}
	if lo, hi, ok := AgeBounds("AGE_YTHADULT_YGE15"); !ok || lo != 15 || hi != -1 {
		t.Errorf("AgeBounds(YGE15) = %d, %d, %v", lo, hi, ok)
	}
	if _, _, ok := AgeBounds("AGE_AGGREGATE_TOTAL"); ok {
		t.Error("AgeBounds(AGE_AGGREGATE_TOTAL) ok")
	}
}

func TestAgeAt(t *testing.T) {
	d := func(s string) time.Time { v, _ := time.Parse("2006-01-02", s); return v }
	for _, tc := range []struct {
		birth, at string
		want      int
	}{
		{"2000-06-15", "2025-06-14", 24}, {"2000-06-15", "2025-06-15", 25}, {"2004-02-29", "2025-02-28", 20}, {"2004-02-29", "2025-03-01", 21},
	} {
		if got := AgeAt(d(tc.birth), d(tc.at)); got != tc.want {
			t.Errorf("AgeAt(%s, %s) = %d, want %d", tc.birth, tc.at, got, tc.want)
		}
	}
}

func TestEducationCodes(t *testing.T) {
	for _, tc := range []struct {
		level     int
		code, agg string
	}{
		{-1, "EDU_ISCED11_9", "EDU_AGGREGATE_X"},
		{0, "EDU_ISCED11_0", "EDU_AGGREGATE_LTB"},
		{1, "EDU_ISCED11_1", "EDU_AGGREGATE_BAS"},
		{2, "EDU_ISCED11_2", "EDU_AGGREGATE_BAS"},
		{3, "EDU_ISCED11_3", "EDU_AGGREGATE_INT"},
		{4, "EDU_ISCED11_4", "EDU_AGGREGATE_INT"},
		{5, "EDU_ISCED11_5", "EDU_AGGREGATE_ADV"},
		{8, "EDU_ISCED11_8", "EDU_AGGREGATE_ADV"},
		{9, "EDU_ISCED11_9", "EDU_AGGREGATE_X"},
	} {
		if got := EducationCode(tc.level); got != tc.code {
			t.Errorf("EducationCode(%d) = %q, want %q", tc.level, got, tc.code)
		}
		if got := EducationAggregateCode(tc.level); got != tc.agg {
			t.Errorf("EducationAggregateCode(%d) = %q, want %q", tc.level, got, tc.agg)
		}
		back, ok := EducationFromCode(tc.code)
		want := tc.level
		if want > 8 {
			want = ISCEDUnknown
		}
		if !ok || back != want {
			t.Errorf("EducationFromCode(%q) = %d, %v", tc.code, back, ok)
		}
	}
	if _, ok := EducationFromCode("EDU_ISCED11_X"); ok {
		t.Error("EDU_ISCED11_X (no schooling) maps back to a platform level")
	}
	if Label("EDU_ISCED11_X", "en") != "No schooling" || Label("EDU_AGGREGATE_INT", "fr") != "Niveau intermédiaire" {
		t.Error("education labels")
	}
}

func TestOccupationAndActivityCodes(t *testing.T) {
	for _, tc := range []struct{ in, major, sub string }{
		{"7126", "OCU_ISCO08_7", "OC2_ISCO08_71"},
		{"71", "OCU_ISCO08_7", "OC2_ISCO08_71"},
		{"7", "OCU_ISCO08_7", "OC2_ISCO08_X"},
		{"0110", "OCU_ISCO08_0", "OC2_ISCO08_01"},
		{"", "OCU_ISCO08_X", "OC2_ISCO08_X"},
		{"7a", "OCU_ISCO08_X", "OC2_ISCO08_X"},
		{"71261", "OCU_ISCO08_X", "OC2_ISCO08_X"},
	} {
		if got := OccupationCode(tc.in); got != tc.major {
			t.Errorf("OccupationCode(%q) = %q, want %q", tc.in, got, tc.major)
		}
		if got := Occupation2Code(tc.in); got != tc.sub {
			t.Errorf("Occupation2Code(%q) = %q, want %q", tc.in, got, tc.sub)
		}
	}
	if g, ok := OccupationFromCode("OC2_ISCO08_71"); !ok || g != "71" {
		t.Errorf("OccupationFromCode(OC2_ISCO08_71) = %q, %v", g, ok)
	}
	if g, ok := OccupationFromCode("OCU_ISCO08_X"); !ok || g != "" {
		t.Errorf("OccupationFromCode(OCU_ISCO08_X) = %q, %v", g, ok)
	}
	if len(OccupationCodes()) != 11 || len(ActivityCodes()) != 22 {
		t.Error("code lists")
	}
	for _, tc := range []struct{ in, want string }{{"C", "ECO_ISIC4_C"}, {"u", "ECO_ISIC4_U"}, {"V", "ECO_ISIC4_X"}, {"", "ECO_ISIC4_X"}, {"CC", "ECO_ISIC4_X"}} {
		if got := ActivityCode(tc.in); got != tc.want {
			t.Errorf("ActivityCode(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, c := range ActivityCodes() {
		s, ok := ActivityFromCode(c)
		if !ok || ActivityCode(s) != c {
			t.Errorf("round trip of %s: %q, %v", c, s, ok)
		}
		if Label(c, "fr") == c || Label(c, "en") == c {
			t.Errorf("%s has no label", c)
		}
	}
	for _, c := range OccupationCodes() {
		if Label(c, "fr") == c || Label(c, "en") == c {
			t.Errorf("%s has no label", c)
		}
	}
}

func TestCountryAndSourceCodes(t *testing.T) {
	for _, tc := range []struct{ in, dest, prev string }{
		{"CIV", "CDS_DES_CIV", "CPR_PRV_CIV"}, {"fra", "CDS_DES_FRA", "CPR_PRV_FRA"},
		{"", "CDS_DES_X", "CPR_PRV_X"}, {"FR", "CDS_DES_X", "CPR_PRV_X"}, {"C1V", "CDS_DES_X", "CPR_PRV_X"},
	} {
		if got := DestinationCode(tc.in); got != tc.dest {
			t.Errorf("DestinationCode(%q) = %q, want %q", tc.in, got, tc.dest)
		}
		if got := PreviousResidenceCode(tc.in); got != tc.prev {
			t.Errorf("PreviousResidenceCode(%q) = %q, want %q", tc.in, got, tc.prev)
		}
	}
	if a, ok := CountryFromCode("CPR_PRV_GHA"); !ok || a != "GHA" {
		t.Errorf("CountryFromCode = %q, %v", a, ok)
	}
	for kind, want := range map[string]string{SourceRegister: "XA", SourceSurvey: "BA", SourceCensus: "AA", SourceAggregate: "FX"} {
		got, ok := SourceCode(kind)
		back, ok2 := SourceFromCode(got)
		if !ok || got != want || !ok2 || back != kind {
			t.Errorf("SourceCode(%q) = %q; back %q", kind, got, back)
		}
	}
	if _, ok := SourceCode("Z"); ok {
		t.Error("unknown source kind accepted")
	}
}

func TestTotalCodeAndLabels(t *testing.T) {
	for _, tc := range []struct {
		codes []string
		want  string
	}{
		{SexCodes(), "SEX_T"},
		{AgeCodes(AgeYouthAdult), "AGE_YTHADULT_YGE15"},
		{AgeCodes(AgeAggregate), "AGE_AGGREGATE_TOTAL"},
		{EducationAggregateCodes(), "EDU_AGGREGATE_TOTAL"},
		{OccupationCodes(), "OCU_ISCO08_TOTAL"},
		{[]string{"CDS_DES_CIV"}, "CDS_DES_TOTAL"},
		{[]string{"maritime"}, Total},
		{nil, Total},
	} {
		if got := TotalCode(Dim{Codes: tc.codes}); got != tc.want {
			t.Errorf("TotalCode(%v) = %q, want %q", tc.codes, got, tc.want)
		}
	}
	for code, want := range map[string]string{
		"SEX_F": "Femmes", "AGE_AGGREGATE_Y25-54": "25-54 ans", "AGE_AGGREGATE_YGE65": "65 ans et plus",
		Total: "Total", "CDS_DES_CIV": "CIV", "AGE_AGGREGATE_TOTAL": "Total", "OC2_ISCO08_71": "CITP-08 71",
	} {
		if got := Label(code, "fr"); got != want {
			t.Errorf("Label(%q, fr) = %q, want %q", code, got, want)
		}
	}
	if got := Label("AGE_10YRBANDS_Y35-44", "en"); got != "35-44 years" {
		t.Errorf("Label en = %q", got)
	}
	d := Dim{ID: "destination", Codes: []string{"CDS_DES_CIV"}, Labels: map[string]string{"CDS_DES_CIV": "Côte d'Ivoire"}}
	if d.Label("CDS_DES_CIV", "fr") != "Côte d'Ivoire" || d.Label("CDS_DES_GHA", "fr") != "GHA" {
		t.Error("Dim.Label does not prefer Labels")
	}
	if DimName("destination", "en") != "Country of destination" || DimName("foo", "fr") != "foo" {
		t.Error("DimName")
	}
}
