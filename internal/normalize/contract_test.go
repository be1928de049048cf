package normalize

import (
	"testing"

	"mobilite"
)

func TestContract(t *testing.T) {
	const (
		emp  = mobilite.ContractEmployment
		cons = mobilite.ContractConsultancy
		intn = mobilite.ContractInternship
		vol  = mobilite.ContractVolunteer
	)
	tests := []struct {
		raw, title, text, want string
	}{
		// ReliefWeb types.
		{"Job", "Programme Officer", "", emp},
		{"Consultancy", "Evaluation of the WASH programme", "", cons},
		{"Internship", "Communication", "", intn},
		{"Volunteer Opportunity", "Teacher", "", vol},
		// schema.org employmentType, alone and several.
		{"FULL_TIME", "Driver", "", emp},
		{"PART_TIME", "Cleaner", "", emp},
		{"CONTRACTOR", "Data analyst", "", cons},
		{"TEMPORARY", "Harvest worker", "", emp},
		{"INTERN", "Marketing", "", intn},
		{"VOLUNTEER", "Nurse", "", vol},
		{"FULL_TIME, INTERN", "Graduate", "", intn},
		{`["FULL_TIME","CONTRACTOR"]`, "", "", cons},
		{"OTHER", "Driver", "", ""},
		// French words.
		{"CDI", "Comptable", "", emp},
		{"CDD de 6 mois", "Chauffeur", "", emp},
		{"Contrat à durée déterminée", "", "", emp},
		{"Stage", "", "", intn},
		{"Consultant", "", "", cons},
		{"Volontariat", "", "", vol},
		{"Bénévole", "", "", vol},
		{"VNU national", "", "", vol},
		{"UNV", "", "", vol},
		{"Temps partiel", "", "", emp},
		{"Prestation de service", "", "", cons},
		// Nothing in raw: the title decides.
		{"", "Consultant national – Évaluation WASH (H/F)", "", cons},
		{"", "Stagiaire en comptabilité", "", intn},
		{"", "Stage – Assistant(e) communication", "", intn},
		{"", "VNU – Chargé de communication", "", vol},
		{"", "International UN Volunteer - Programme Officer", "", vol},
		{"", "Intern, Human Resources", "", intn},
		{"", "Stage Manager for a theatre festival", "", ""},
		{"", "Staff Nurse", "", ""},
		{"", "Volunteer Coordinator", "", ""},
		{"", "Chauffeur", "", ""},
		// Then a labelled line of the text, or CDD/CDI in it.
		{"", "Chauffeur", "<p><strong>Type de contrat :</strong> CDD de 12 mois renouvelable</p>", emp},
		{"", "Expert en passation de marchés", "<p>Type de contrat : Consultance individuelle</p>", cons},
		{"", "Data Analyst", "<ul><li>Contract type: Internship (6 months)</li></ul>", intn},
		{"", "Accountant", "<p>Type of contract: Fixed-term, 1 year</p>", emp},
		{"", "Comptable", "<p>Poste à pourvoir en CDI à Lomé.</p>", emp},
		{"", "Comptable", "<p>Le CDDI n'est pas un contrat.</p>", ""},
		{"", "Driver", "<p>The driver will transport staff in the field.</p>", ""},
		// The source's words win over the title.
		{"Job", "Consultant national", "", emp},
	}
	for _, tt := range tests {
		if got := Contract(tt.raw, tt.title, tt.text); got != tt.want {
			t.Errorf("Contract(%q, %q, %q) = %q, want %q", tt.raw, tt.title, tt.text, got, tt.want)
		}
	}
}
