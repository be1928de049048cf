package normalize

import (
	"testing"

	"mobilite/internal/ref"
)

func TestResolvePlace(t *testing.T) {
	r := testRef()
	tests := []struct {
		country, city        string
		wantAlpha3, wantCity string
	}{
		{"Togo", "Lomé", "TGO", "Lomé"},
		{"TG", "LOME", "TGO", "Lomé"},
		{"TGO", "lome", "TGO", "Lomé"},
		{"Côte d'Ivoire", "Abidjan", "CIV", "Abidjan"},
		{"", "Lomé, Togo", "TGO", "Lomé"},
		{"", "Geneva, Switzerland", "CHE", "Geneva"},
		{"", "Genève", "CHE", "Geneva"},
		{"", "Dakar (Sénégal)", "SEN", "Dakar"},
		{"", "Ouagadougou", "BFA", "Ouagadougou"},
		{"", "Dubaï", "ARE", "Dubai"},
		{"", "Riyadh", "SAU", "Riyadh"},
		{"", "Montréal", "CAN", "Montréal"},
		{"", "Washington, D.C.", "USA", "Washington DC"},
		{"", "Kara; Sokodé", "TGO", "Kara"},
		{"", "Togo", "TGO", ""},
		{"", "Burkina Faso", "BFA", ""},
		{"Mali", "Remote", "MLI", ""},
		{"", "Home-based", "", ""},
		{"", "Multiple locations", "", ""},
		{"", "N/A", "", ""},
		{"Atlantis", "Lomé", "TGO", "Lomé"}, // an unknown country: the city decides
		{"Atlantis", "", "", ""},            // nothing to go on
		{"", "Tsévié", "TGO", "Tsévié"},
		{"", "Some Village", "", "Some Village"}, // unknown city, kept as written
		{"Ghana", "Some  Village ", "GHA", "Some Village"},
		{"United States", "Paris", "USA", "Paris"}, // the country field wins over the gazetteer
		{"", "Paris, USA", "USA", "Paris"},         // so does a country in the city field
		{"", "Kingston", "", "Kingston"},           // ambiguous, left out of the gazetteer
		{"", "Bo", "SLE", "Bo"},
		{"", "Ho, Volta Region", "GHA", "Ho"},
		{"Nigeria", "Port Harcourt, Rivers State", "NGA", "Port Harcourt"},
		{"", "", "", ""},
		{"&nbsp;Togo", "Lom&eacute;", "TGO", "Lomé"},
	}
	for _, tt := range tests {
		a3, city := ResolvePlace(r, tt.country, tt.city)
		if a3 != tt.wantAlpha3 || city != tt.wantCity {
			t.Errorf("ResolvePlace(%q, %q) = %q, %q; want %q, %q", tt.country, tt.city, a3, city, tt.wantAlpha3, tt.wantCity)
		}
	}
}

// TestGazetteer checks the embedded file: it parses, every code is a country of the reference
// data, every independent country has a city but for the capitals left out on purpose, and
// names said to be ambiguous are not in it.
func TestGazetteer(t *testing.T) {
	r := testRef()
	g, err := parseGazetteer(citiesCSV)
	if err != nil {
		t.Fatal(err)
	}
	has := map[string]bool{}
	for _, c := range g {
		if _, ok := r.Country(c.Alpha3); !ok {
			t.Errorf("%s: %s is not a country", c.Name, c.Alpha3)
		}
		has[c.Alpha3] = true
	}
	leftOut := map[string]bool{ // capitals shared with other well-known places
		"ATG": true, "BHS": true, "CRI": true, "GRD": true, "GUY": true, "JAM": true, "PAN": true, "SYC": true,
	}
	for _, c := range r.Countries() {
		if c.Independent && !has[c.Alpha3] && !leftOut[c.Alpha3] {
			t.Errorf("no city for %s (%s)", c.NameEN, c.Alpha3)
		}
	}
	for _, name := range []string{"Kingston", "Victoria", "San José", "Tripoli", "Georgetown", "Santiago", "Valencia", "Alexandria", "Hamilton"} {
		if c, ok := g[ref.Fold(name)]; ok {
			t.Errorf("ambiguous %q is in the gazetteer as %s", name, c.Alpha3)
		}
	}
	for _, bad := range []string{
		"city,alpha3\nLomé,TGO\n",
		"city,alpha3,aliases\nLomé,TG,\n",
		"city,alpha3,aliases\nLomé,TGO,\nLome,BEN,\n",
		"city,alpha3,aliases\n,TGO,\n",
	} {
		if _, err := parseGazetteer(bad); err == nil {
			t.Errorf("parseGazetteer(%q) accepted", bad)
		}
	}
}
