package normalize

import (
	"testing"

	"mobilite/internal/ref"
)

func TestPlaceFromTitle(t *testing.T) {
	r := ref.MustLoad()
	for title, want := range map[string][2]string{
		"Re-advertised: Child Protection Specialist, N0-3, Fixed Term, Ankara, Türkiye, Post # 87009": {"TUR", "Ankara"},
		"Chauffeur – Lomé":                              {"TGO", "Lomé"},
		"Programme Officer (Education), Dakar, Senegal": {"SEN", "Dakar"},
		"Spécialiste WASH, P-3, Niamey (Niger)":         {"NER", "Niamey"},
		"Data analyst":                                  {"", ""},
		"Consultant, UN, H/F":                           {"", ""},
		"Togo country office driver":                    {"", ""},
		"Assistant administratif, Côte d'Ivoire":        {"CIV", ""},
	} {
		a3, city := placeFromTitle(r, title)
		if a3 != want[0] || city != want[1] {
			t.Errorf("placeFromTitle(%q) = %q, %q; want %q, %q", title, a3, city, want[0], want[1])
		}
	}
}
