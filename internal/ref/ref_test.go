package ref

import (
	"slices"
	"strings"
	"sync"
	"testing"
)

// loaded parses the embedded files once for all tests; nothing modifies a *Ref.
var loaded = sync.OnceValue(MustLoad)

func TestCounts(t *testing.T) {
	r := loaded()
	countLevel := func(level int) int {
		n := 0
		for _, o := range r.Occupations() {
			if o.Level == level {
				n++
			}
		}
		return n
	}
	sections := 0
	for _, a := range r.Activities() {
		if a.Level == "section" {
			sections++
		}
	}
	prefectures := 0
	var grandLome []string
	for _, reg := range r.Regions() {
		prefectures += len(reg.Prefectures)
		for _, p := range reg.Prefectures {
			if p.GrandLome {
				grandLome = append(grandLome, p.Name)
			}
		}
	}
	tests := []struct {
		name      string
		got, want int
	}{
		{"ISCO groups", len(r.Occupations()), 619},
		{"ISCO major groups", countLevel(1), 10},
		{"ISCO sub-major groups", countLevel(2), 43},
		{"ISCO minor groups", countLevel(3), 130},
		{"ISCO unit groups", countLevel(4), 436},
		{"ISCED levels", len(r.Educations()), 9},
		{"ISIC items", len(r.Activities()), 766},
		{"ISIC sections", sections, 21},
		{"countries", len(r.Countries()), 249},
		{"regions", len(r.Regions()), 5},
		{"prefectures", prefectures, 39},
	}
	for _, tt := range tests {
		if tt.got != tt.want {
			t.Errorf("%s: got %d, want %d", tt.name, tt.got, tt.want)
		}
	}
	slices.Sort(grandLome)
	if want := []string{"Agouè-Nyivé", "Golfe"}; !slices.Equal(grandLome, want) {
		t.Errorf("Grand Lomé prefectures: got %q, want %q", grandLome, want)
	}
}

func TestLookups(t *testing.T) {
	r := loaded()
	if o, ok := r.Occupation("7411"); !ok || o.Level != 4 || o.TitleEN != "Building and related electricians" {
		t.Errorf("Occupation(7411) = %+v, %v", o, ok)
	}
	if o, ok := r.Occupation("0"); !ok || o.Level != 1 {
		t.Errorf("Occupation(0) = %+v, %v", o, ok)
	}
	if _, ok := r.Occupation("74111"); ok {
		t.Error("Occupation(74111) found")
	}
	if e, ok := r.Education(6); !ok || e.Code != "L6" || e.NameFR != "Licence ou niveau équivalent" {
		t.Errorf("Education(6) = %+v, %v", e, ok)
	}
	for _, level := range []int{-1, 9} {
		if _, ok := r.Education(level); ok {
			t.Errorf("Education(%d) found", level)
		}
	}
	activities := []struct {
		code, level string
		ok          bool
	}{
		{"A", "section", true},
		{"q", "section", true},
		{"01", "division", true},
		{"011", "group", true},
		{"0111", "class", true},
		{"Z", "", false},
		{"0", "", false},
	}
	for _, tt := range activities {
		a, ok := r.Activity(tt.code)
		if ok != tt.ok || a.Level != tt.level {
			t.Errorf("Activity(%q) = %+v, %v; want level %q, %v", tt.code, a, ok, tt.level, tt.ok)
		}
	}
	if c, ok := r.Country("civ"); !ok || c.Alpha2 != "CI" || c.Numeric != "384" || c.NameEN != "Côte d’Ivoire" {
		// name_en says "Ivory Coast" for CIV; the CLDR name must win.
		t.Errorf("Country(civ) = %+v, %v", c, ok)
	}
	if c, ok := r.Country("AND"); !ok || c.Numeric != "020" {
		t.Errorf("Country(AND) = %+v, %v; want numeric 020 with its zero", c, ok)
	}
	if c, _ := r.Country("GBR"); c.NameEN != "United Kingdom" || c.Independent != true {
		t.Errorf("Country(GBR) = %+v", c)
	}
	if c, _ := r.Country("GLP"); c.Independent {
		t.Errorf("Country(GLP) = %+v: Guadeloupe is not independent", c)
	}
	if _, ok := r.Country("XXX"); ok {
		t.Error("Country(XXX) found")
	}
}

func TestCountriesSortedByFrenchName(t *testing.T) {
	cs := loaded().Countries()
	if !slices.IsSortedFunc(cs, func(a, b Country) int { return strings.Compare(Fold(a.NameFR), Fold(b.NameFR)) }) {
		t.Error("Countries() is not sorted by folded French name")
	}
	// "Égypte" must sort as "egypte", not after "Zimbabwe" as its É would.
	i := slices.IndexFunc(cs, func(c Country) bool { return c.Alpha3 == "EGY" })
	if i < 0 || cs[i+1].Alpha3 != "SLV" {
		t.Errorf("Égypte is at %d, followed by %v; want El Salvador", i, cs[i+1])
	}
}

// TestECOWAS checks the ecowas_member column, the current composition (12 members). The file's
// other column, ecowas_member_until_2025, still counts Burkina Faso, Mali and Niger.
func TestECOWAS(t *testing.T) {
	r := loaded()
	tests := []struct {
		alpha3 string
		want   bool
	}{
		{"TGO", true}, {"CIV", true}, {"NGA", true}, {"SEN", true}, {"GHA", true}, {"CPV", true},
		{"FRA", false}, {"BFA", false}, {"MLI", false}, {"NER", false}, {"CMR", false},
	}
	for _, tt := range tests {
		c, ok := r.Country(tt.alpha3)
		if !ok || c.ECOWAS != tt.want {
			t.Errorf("Country(%s).ECOWAS = %v (found %v), want %v", tt.alpha3, c.ECOWAS, ok, tt.want)
		}
	}
	n := 0
	for _, c := range r.Countries() {
		if c.ECOWAS {
			n++
		}
	}
	if n != 12 {
		t.Errorf("%d ECOWAS members, want 12", n)
	}
}

func TestRegions(t *testing.T) {
	r := loaded()
	var codes []string
	for _, reg := range r.Regions() {
		codes = append(codes, reg.Code)
	}
	if want := []string{"TG-S", "TG-K", "TG-C", "TG-P", "TG-M"}; !slices.Equal(codes, want) {
		t.Errorf("regions %v, want %v (north to south)", codes, want)
	}
	if reg, ok := r.Region("tg-k"); !ok || reg.Name != "Kara" || len(reg.Prefectures) != 7 {
		t.Errorf("Region(tg-k) = %+v, %v", reg, ok)
	}
	if _, ok := r.Region("TG-L"); ok {
		t.Error("Region(TG-L) found")
	}
	tests := []struct {
		name, want string // want "" means not found
	}{
		{"Golfe", "TG-M"},
		{"agoue nyive", "TG-M"},
		{"AGOUÈ-NYIVÉ", "TG-M"},
		{"Mô", "TG-C"},
		{"mo", "TG-C"},
		{"Kozah", "TG-K"},
		{"tone", "TG-S"},
		{"Kpendjal-Ouest", "TG-S"},
		{"Kpendjal", "TG-S"},
		{"Ogou", "TG-P"},
		{"Lomé", ""},     // a city, the seat of Golfe
		{"Maritime", ""}, // a region
		{"", ""},
	}
	for _, tt := range tests {
		reg, ok := r.RegionOfPrefecture(tt.name)
		if ok != (tt.want != "") || reg.Code != tt.want {
			t.Errorf("RegionOfPrefecture(%q) = %q, %v; want %q", tt.name, reg.Code, ok, tt.want)
		}
	}
}

// TestListsAreCopies checks that a caller cannot change the shared data through a result.
func TestListsAreCopies(t *testing.T) {
	r, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	r.Occupations()[0].Code = "X"
	r.Countries()[0].Alpha3 = "X"
	r.Regions()[0].Prefectures[0].Name = "X"
	reg, _ := r.Region("TG-S")
	reg.Prefectures[0].Name = "X"
	if r.Occupations()[0].Code == "X" || r.Countries()[0].Alpha3 == "X" || r.Regions()[0].Prefectures[0].Name == "X" {
		t.Error("a returned slice shares memory with the Ref")
	}
}

func TestResolveCountry(t *testing.T) {
	r := loaded()
	tests := []struct {
		in, want string // want "" means !ok
	}{
		{"TGO", "TGO"},
		{"tg", "TGO"},
		{" Tgo ", "TGO"},
		{"768", "TGO"},
		{"Togo", "TGO"},
		{"TGO — Togo", "TGO"},
		{"TG - Togo", "TGO"},
		{"TGO – Togo", "TGO"},
		{"Togo — TGO", "TGO"},
		{"CIV — Côte d’Ivoire", "CIV"},
		{"Cote d'Ivoire", "CIV"},
		{"côte d’ivoire", "CIV"},
		{"COTE DIVOIRE", "CIV"},
		{"Ivory Coast", "CIV"},
		{"Allemagne", "DEU"},
		{"l'Allemagne", "DEU"},
		{"germany", "DEU"},
		{"États-Unis", "USA"},
		{"etats unis", "USA"},
		{"United States", "USA"},
		{"USA", "USA"},
		{"U.S.A.", "USA"},
		{"Royaume-Uni", "GBR"},
		{"Angleterre", "GBR"},
		{"UK", "GBR"},
		{"Grande Bretagne", "GBR"},
		{"Emirats", "ARE"},
		{"Hollande", "NLD"},
		{"Pays-Bas", "NLD"},
		{"RDC", "COD"},
		{"Congo-Kinshasa", "COD"},
		{"Congo - Kinshasa", "COD"},
		{"Congo-Brazzaville", "COG"},
		{"Congo", "COG"},
		{"Corée du Sud", "KOR"},
		{"Russie", "RUS"},
		{"Vietnam", "VNM"},
		{"Viet Nam", "VNM"},
		{"Laos", "LAO"},
		{"Iran", "IRN"},
		{"Syrie", "SYR"},
		{"Tanzanie", "TZA"},
		{"Bolivie", "BOL"},
		{"Venezuela", "VEN"},
		{"Moldavie", "MDA"},
		{"Macédoine", "MKD"},
		{"Cap-Vert", "CPV"},
		{"Cabo Verde", "CPV"},
		{"Turquie", "TUR"},
		{"the Gambia", "GMB"},
		{"Niger", "NER"},
		{"Nigéria", "NGA"},
		{"Guinée", "GIN"},
		{"Guinée-Bissau", "GNB"},
		{"To", "TON"}, // Tonga's alpha-2 code, not a prefix of Togo
		{"Tog", ""},
		{"", ""},
		{"   ", ""},
		{"xx", ""},
		{"XXX", ""},
		{"000", ""},
		{"Atlantis", ""},
		{"😀", ""},
		{"—", ""},
		{"Corée", ""},        // North or South: not guessed
		{"Saint-Martin", ""}, // the French part or Sint Maarten: not guessed
		{"Lomé", ""},
		{"Togo Ghana", ""},
	}
	for _, tt := range tests {
		got, ok := r.ResolveCountry(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("ResolveCountry(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func TestResolveOccupation(t *testing.T) {
	r := loaded()
	tests := []struct {
		in, want string // want "" means !ok
	}{
		{"7411", "7411"},
		{" 7411 ", "7411"},
		{"7411 — Électriciens du bâtiment et assimilés", "7411"},
		{"7411 - Building and related electricians", "7411"},
		{"0110", "0110"},
		{"74", "74"},
		{"Électriciens du bâtiment et assimilés", "7411"},
		{"building and related electricians", "7411"},
		{"Commissioned armed forces officers", "0110"}, // shared by 01, 011 and 0110: the most detailed
		{"7411abc", ""},
		{"74111", ""},
		{"110", ""},
		{"99", ""},
		{"Électriciens", ""},
		{"", ""},
		{"—", ""},
	}
	for _, tt := range tests {
		got, ok := r.ResolveOccupation(tt.in)
		if got != tt.want || ok != (tt.want != "") {
			t.Errorf("ResolveOccupation(%q) = %q, %v; want %q", tt.in, got, ok, tt.want)
		}
	}
}

func codesOf[T any](xs []T, code func(T) string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = code(x)
	}
	return out
}

func TestSearchOccupations(t *testing.T) {
	r := loaded()
	code := func(o Occupation) string { return o.Code }
	tests := []struct {
		q            string
		level, limit int
		first        string   // the first result, "" if none is expected
		contains     []string // codes that must be among the results
		n            int      // exact number of results, -1 to skip
	}{
		{"electricien", 0, 10, "2151", []string{"7411", "71"}, 3},
		{"ÉLECTRICIENS", 4, 10, "2151", []string{"7411"}, 2},
		{"ingénieur logiciel", 0, 10, "2512", nil, 1},
		{"software developer", 0, 10, "2512", []string{"2519", "251"}, 3},
		{"developpeur", 0, 10, "2512", []string{"2513", "2514"}, -1},
		{"manoeuvre batiment", 0, 10, "9313", nil, -1},
		{"manœuvres", 4, 0, "8312", []string{"9211", "9313"}, -1},
		{"74", 0, 10, "74", []string{"741", "7411", "7422"}, 8},
		{"74", 4, 0, "7411", nil, 5},
		{"74", 0, 2, "74", []string{"7411"}, 2},
		{"7411", 0, 10, "7411", nil, 1},
		{"maçon", 0, 10, "7112", []string{"7114"}, -1},
		{"", 0, 10, "", nil, 0},
		{"  ,; ", 0, 10, "", nil, 0},
		{"electricien zzz", 0, 10, "", nil, 0},
		{"electricien", 3, 10, "", nil, 0},
		{"electricien", 7, 10, "", nil, 0},
	}
	for _, tt := range tests {
		got := codesOf(r.SearchOccupations(tt.q, tt.level, tt.limit), code)
		switch {
		case tt.first == "" && len(got) > 0, tt.first != "" && (len(got) == 0 || got[0] != tt.first):
			t.Errorf("SearchOccupations(%q, %d, %d) = %v; want %q first", tt.q, tt.level, tt.limit, got, tt.first)
		case tt.n >= 0 && len(got) != tt.n:
			t.Errorf("SearchOccupations(%q, %d, %d) = %v; want %d results", tt.q, tt.level, tt.limit, got, tt.n)
		}
		for _, c := range tt.contains {
			if !slices.Contains(got, c) {
				t.Errorf("SearchOccupations(%q, %d, %d) = %v; want %s among them", tt.q, tt.level, tt.limit, got, c)
			}
		}
		for i, o := range r.SearchOccupations(tt.q, tt.level, tt.limit) {
			if tt.level != 0 && o.Level != tt.level {
				t.Errorf("SearchOccupations(%q, %d, …)[%d] has level %d", tt.q, tt.level, i, o.Level)
			}
		}
	}
	// Unit groups first, then the others, each by code (after an exact code).
	got := r.SearchOccupations("74", 0, 0)
	if codes := codesOf(got, code); !slices.Equal(codes, []string{"74", "7411", "7412", "7413", "7421", "7422", "741", "742"}) {
		t.Errorf("SearchOccupations(74) order = %v", codes)
	}
}

func TestSearchCountries(t *testing.T) {
	r := loaded()
	code := func(c Country) string { return c.Alpha3 }
	tests := []struct {
		q        string
		limit    int
		first    string
		contains []string
		n        int
	}{
		{"cote", 10, "CIV", nil, 1},
		{"COTE D'IV", 10, "CIV", nil, 1},
		{"ivory", 10, "CIV", nil, 1},
		{"tg", 10, "TGO", nil, 1},
		{"TGO", 10, "TGO", nil, 1},
		{"768", 10, "TGO", nil, 1},
		{"to", 5, "TON", []string{"TGO"}, -1}, // Tonga's code first, then Togo by name
		{"ma", 3, "MAR", []string{"MKD"}, 3},
		{"allemagne", 10, "DEU", nil, 1},
		{"germ", 10, "DEU", nil, 1},
		{"angleterre", 10, "GBR", nil, 1},
		{"guinee", 10, "GIN", []string{"GNB", "GNQ", "PNG"}, 4},
		{"congo", 10, "COG", []string{"COD"}, 2},
		{"etats unis", 10, "USA", []string{"UMI"}, 2},
		{"etats", 10, "PSE", []string{"USA", "FSM"}, -1}, // "État de Palestine" sorts first
		{"", 10, "", nil, 0},
		{"atlantis", 10, "", nil, 0},
	}
	for _, tt := range tests {
		got := codesOf(r.SearchCountries(tt.q, tt.limit), code)
		switch {
		case tt.first == "" && len(got) > 0, tt.first != "" && (len(got) == 0 || got[0] != tt.first):
			t.Errorf("SearchCountries(%q, %d) = %v; want %q first", tt.q, tt.limit, got, tt.first)
		case tt.n >= 0 && len(got) != tt.n:
			t.Errorf("SearchCountries(%q, %d) = %v; want %d results", tt.q, tt.limit, got, tt.n)
		}
		for _, c := range tt.contains {
			if !slices.Contains(got, c) {
				t.Errorf("SearchCountries(%q, %d) = %v; want %s among them", tt.q, tt.limit, got, c)
			}
		}
	}
}

// TestSearchAllocations checks that searches use the titles folded at load: the allocations of
// a query must not grow with the number of entries.
func TestSearchAllocations(t *testing.T) {
	r := loaded()
	tests := []struct {
		name   string
		search func()
	}{
		{"SearchOccupations", func() { r.SearchOccupations("électricien bâtiment", 0, 10) }},
		{"SearchCountries", func() { r.SearchCountries("Côte", 10) }},
	}
	for _, tt := range tests {
		if n := testing.AllocsPerRun(20, tt.search); n > 20 {
			t.Errorf("%s: %.0f allocations per query, want at most 20", tt.name, n)
		}
	}
}

func FuzzResolveCountry(f *testing.F) {
	for _, s := range []string{"TGO", "tg", "TGO — Togo", "TG - Togo", "Côte d’Ivoire", "États-Unis",
		"Congo - Kinshasa", "l'Allemagne", "U.S.A.", "768", "", "😀", "— –  - ", "\xff\xfe"} {
		f.Add(s)
	}
	r := loaded()
	f.Fuzz(func(t *testing.T, s string) {
		a3, ok := r.ResolveCountry(s)
		if !ok {
			if a3 != "" {
				t.Fatalf("ResolveCountry(%q) = %q, false", s, a3)
			}
			return
		}
		if _, known := r.Country(a3); !known || len(a3) != 3 || a3 != strings.ToUpper(a3) {
			t.Fatalf("ResolveCountry(%q) = %q, not a known alpha-3 code", s, a3)
		}
		if again, _ := r.ResolveCountry(a3); again != a3 {
			t.Fatalf("ResolveCountry(%q) = %q, but ResolveCountry(%q) = %q", s, a3, a3, again)
		}
	})
}
