package normalize

import "testing"

func TestDetectLanguage(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"french offer", `Le Programme des Nations Unies pour le développement (PNUD) recrute un(e) chauffeur
			pour son bureau de Lomé. Sous la supervision du chef des services généraux, le titulaire du poste
			assure le transport du personnel et entretient le véhicule. Profil : permis de conduire
			catégorie B et C, au moins 5 ans d'expérience, bonne connaissance de la ville.`, "fr"},
		{"english offer", `UNICEF is looking for a Child Protection Specialist to lead the programme in Togo.
			The incumbent will work with the government and partners to strengthen the child protection
			system. Required: an advanced university degree in social sciences and at least eight years
			of relevant work experience. Fluency in French and English is required.`, "en"},
		{"french with english title words", "Data Analyst – Lomé, poste basé au Togo", "fr"},
		{"french title", "Chargé(e) de programme", "fr"},
		{"french title with grade", "Assistant administratif et financier, G-5", "fr"},
		{"english title", "Registered Nurse for a hospital in Riyadh", "en"},
		{"english title with officer", "Programme Officer, Health and Nutrition", "en"},
		{"french html", `<h2>Missions</h2><ul><li>Assurer le suivi des projets</li><li>Rédiger les rapports
			mensuels pour le bailleur</li></ul><p>Date limite de dépôt des candidatures : 14 mars 2026</p>`, "fr"},
		{"english html", `<p><strong>How to apply:</strong> send your CV and a cover letter to the HR
			team before the deadline. Only shortlisted candidates will be contacted.</p>`, "en"},
		{"one word", "Comptable", ""},
		{"english one word", "Driver", ""},
		{"empty", "", ""},
		{"numbers and codes", "P-4 / 2026-03-14 / VA-123", ""},
		{"bilingual offer", `Offre d'emploi pour le poste de chauffeur au bureau. Job offer for the position
			of driver in the office.`, ""},
		{"french with accents decomposed", "Le poste est basé à Lome\u0301 et les candidats doivent être disponibles", "fr"},
		{"spanish is neither", "Se busca conductor con experiencia para la oficina de Madrid", ""},
		{"english ad with french place names", `Seasonal agricultural workers are needed for a farm near
			Saint-Louis. The employer pays the travel and the visa; workers must be at least 21 years old.`, "en"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := DetectLanguage(tt.text); got != tt.want {
				t.Errorf("DetectLanguage(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
