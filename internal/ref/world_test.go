package ref

import "testing"

func TestWorldRegions(t *testing.T) {
	r := MustLoad()
	for code, want := range map[string]string{
		"TGO": WorldECOWAS, "NGA": WorldECOWAS, "CIV": WorldECOWAS, "MLI": WorldAfrica, "BFA": WorldAfrica, "MAR": WorldAfrica,
		"FRA": WorldEurope, "DEU": WorldEurope, "ARE": WorldMiddleEast, "SAU": WorldMiddleEast, "QAT": WorldMiddleEast,
		"CAN": WorldAmericas, "USA": WorldAmericas, "CHN": WorldAsia, "AUS": WorldAsia, "XXX": "",
	} {
		if got := r.WorldRegion(code); got != want {
			t.Errorf("WorldRegion(%s) = %q, want %q", code, got, want)
		}
	}
	// Every country of the file has a region, and no code of the table is unknown.
	for _, c := range r.Countries() {
		if r.WorldRegion(c.Alpha3) == "" {
			t.Errorf("%s (%s) has no world region", c.Alpha3, c.NameEN)
		}
	}
	for region, codes := range continents {
		for _, code := range codes {
			if _, ok := r.Country(code); !ok && code != "XKX" {
				t.Errorf("%s lists %s, which is not a country of the file", region, code)
			}
		}
	}
	if n := len(r.CountriesIn(WorldECOWAS)); n != 12 {
		t.Errorf("ECOWAS has %d countries", n)
	}
}
