package match

import (
	"testing"

	"mobilite"
)

func TestScore(t *testing.T) {
	mason := Profile{
		Occupations: []mobilite.SeekerOccupation{{ISCO08: "7112", Years: 4, Kind: mobilite.OccupationSought},
			{ISCO08: "8322", Years: 2, Kind: mobilite.OccupationHeld}},
		Languages: []mobilite.SeekerLanguage{{Language: "Français", Level: "C2"}, {Language: "en", Level: "A2"}},
		ISCED:     3,
		Countries: []string{"DEU", "CAN"},
	}
	req := func(isced, years int, langs ...mobilite.SeekerLanguage) mobilite.Requirements {
		return mobilite.Requirements{ISCED: isced, Years: years, Languages: langs}
	}
	tests := []struct {
		name  string
		p     Profile
		o     Offer
		words string
		score int
	}{
		{"same unit group, preferred country, French text", mason,
			Offer{ISCO08: "7112", Country: "DEU", Language: "fr", Requirements: mobilite.NoRequirements},
			"isco_unit country text_language", wUnit + wCountry + wTextLang},
		{"held occupation counts a little less", mason,
			Offer{ISCO08: "8322", Requirements: mobilite.NoRequirements}, "isco_unit", wUnit - 2},
		{"same minor group, other country", mason,
			Offer{ISCO08: "7115", Country: "QAT", Requirements: mobilite.NoRequirements},
			"isco_minor -country_other", wMinor + wCountryNot},
		{"same sub-major group", mason, Offer{ISCO08: "7126", Requirements: mobilite.NoRequirements}, "isco_submajor", wSubMajor},
		{"another occupation", mason, Offer{ISCO08: "2211", Requirements: mobilite.NoRequirements}, "-isco_other", 0},
		{"offer without occupation: no occupation reason", mason, Offer{Country: "CAN", Requirements: mobilite.NoRequirements}, "country", wCountry},
		{"English C1 asked, A2 held; German missing", mason,
			Offer{ISCO08: "7112", Requirements: req(-1, 0, mobilite.SeekerLanguage{Language: "en", Level: "C1"},
				mobilite.SeekerLanguage{Language: "de", Level: ""})},
			"isco_unit -language_missing -language_level", wUnit + wLangMissing + wLangLow},
		{"French asked without level", mason,
			Offer{ISCO08: "7112", Requirements: req(-1, 0, mobilite.SeekerLanguage{Language: "fr"})},
			"isco_unit language", wUnit + wLang},
		{"English text not spoken", Profile{Languages: []mobilite.SeekerLanguage{{Language: "ee", Level: "native"}}},
			Offer{Language: "en", Requirements: mobilite.NoRequirements}, "-text_language_not", wTextLangNot},
		{"education enough, experience enough", mason, Offer{ISCO08: "7112", Requirements: req(3, 3)},
			"isco_unit education experience", wUnit + wEdu + wExp},
		{"master asked, experience short", mason, Offer{ISCO08: "7115", Requirements: req(7, 5)},
			"isco_minor -education_low -experience_low", wMinor + wEduLow + wExpLow},
		{"experience in another group does not count", mason, Offer{ISCO08: "7112", Requirements: req(-1, 2)},
			"isco_unit experience", wUnit + wExp},
		{"education unknown on the seeker: no reason", Profile{ISCED: -1}, Offer{Requirements: req(6, 0)}, "", 0},
		{"ISCED 0 on an offer means not stated", mason, Offer{ISCO08: "7112", Requirements: req(0, 0)}, "isco_unit", wUnit},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			score, rs := Score(tt.p, tt.o)
			if got := Words(rs); got != tt.words || score != tt.score {
				t.Errorf("Score = %d %q, want %d %q", score, got, tt.score, tt.words)
			}
		})
	}
}

func TestLanguageCode(t *testing.T) {
	for in, want := range map[string]string{"fr": "fr", "Français": "fr", " ENGLISH ": "en", "Kabiyè": "kbp", "Éwé": "ee", "Lingala": "lingala"} {
		if got := LanguageCode(in); got != want {
			t.Errorf("LanguageCode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSortAndKeep(t *testing.T) {
	rs := []Ranked{{ID: 1, Score: 10}, {ID: 2, Score: 30}, {ID: 3, Score: 10}}
	Sort(rs)
	if rs[0].ID != 2 || rs[1].ID != 3 || rs[2].ID != 1 {
		t.Errorf("Sort = %v", rs)
	}
	if Keep([]Reason{{Code: "isco_other", Against: true}}) || !Keep([]Reason{{Code: "country"}}) {
		t.Error("Keep wrong")
	}
	if got := Prefixes([]mobilite.SeekerOccupation{{ISCO08: "7112"}, {ISCO08: "7115"}, {ISCO08: "51"}}); len(got) != 1 || got[0] != "711" {
		t.Errorf("Prefixes = %v", got)
	}
}
