package survey

import (
	"bytes"
	"fmt"

	"github.com/xuri/excelize/v2"

	"mobilite"
)

// ModelFormID is the form_id of the model questionnaire: importing it gives its role mapping.
const ModelFormID = "mobilite_migration_travail"

// ModelRoles is the role mapping of the model questionnaire.
func ModelRoles() mobilite.SurveyRoles {
	return mobilite.SurveyRoles{
		Sex: "id/sex", SexValues: map[string]string{"male": "M", "female": "F"},
		Age: "id/age", BirthDate: "id/birth_date", BirthCountry: "id/birth_country", Citizenship: "id/citizenship", Home: "TGO",
		Worked: "lf/worked", Absent: "lf/absent", Looked: "lf/looked", Available: "lf/available",
		Weight: "weight", WorkedAbroad: "mig/worked_abroad", LastCountry: "mig/last_country", ReturnDate: "mig/return_date",
		Costs: "cost/costs_total", Earnings: "cost/first_wage",
	}
}

// modelSurvey is the survey sheet of the model: type, name, French label, English label, French
// hint, English hint, required, constraint, relevant, calculation.
var modelSurvey = [][]string{
	{"start", "start"}, {"end", "end"},
	{"begin group", "id", "Identification", "Identification"},
	{"note", "intro", "Cette enquête porte sur le travail à l'étranger. Vos réponses restent confidentielles et ne servent qu'aux statistiques.",
		"This survey is about working abroad. Your answers stay confidential and are used for statistics only."},
	{"select_one sex", "sex", "Sexe", "Sex", "", "", "yes"},
	{"date", "birth_date", "Date de naissance", "Date of birth", "AAAA-MM-JJ", "YYYY-MM-DD", "yes", ". <= today()"},
	{"integer", "age", "Âge en années révolues", "Age in completed years", "", "", "yes", ". >= 15 and . <= 99"},
	{"select_one country", "birth_country", "Pays de naissance", "Country of birth", "", "", "yes"},
	{"select_one country", "citizenship", "Nationalité (citoyenneté)", "Citizenship", "", "", "yes"},
	{"select_one region", "region", "Région de résidence au Togo", "Region of residence in Togo"},
	{"select_one education", "education", "Plus haut niveau d'études achevé", "Highest level of education completed"},
	{"end group"},
	{"begin group", "lf", "Situation d'activité", "Labour-force status"},
	{"select_one yesno", "worked", "Au cours des 7 derniers jours, avez-vous travaillé au moins une heure contre un salaire ou pour un bénéfice, même à votre compte ou pour l'entreprise familiale ?",
		"In the last 7 days, did you work for at least one hour for pay or profit, even on your own account or in a family business?", "", "", "yes"},
	{"select_one yesno", "absent", "Aviez-vous un emploi ou une activité dont vous étiez temporairement absent (congé, maladie…) ?",
		"Did you have a job or business from which you were temporarily absent (leave, illness…)?", "", "", "yes", "", "${worked} = 'no'"},
	{"select_one yesno", "looked", "Au cours des 4 dernières semaines, avez-vous cherché un emploi ou essayé de créer une activité ?",
		"In the last 4 weeks, did you look for a job or try to start a business?", "", "", "yes", "", "${worked} = 'no' and ${absent} = 'no'"},
	{"select_one yesno", "available", "Si un emploi vous était proposé, pourriez-vous commencer dans les 2 semaines ?",
		"If a job were offered to you, could you start within 2 weeks?", "", "", "yes", "", "${worked} = 'no' and ${absent} = 'no'"},
	{"text", "occupation", "Quel est votre métier principal ?", "What is your main occupation?", "", "", "", "",
		"${worked} = 'yes' or ${absent} = 'yes'"},
	{"end group"},
	{"begin group", "mig", "Travail à l'étranger", "Work abroad"},
	{"select_one yesno", "worked_abroad", "Avez-vous déjà travaillé ou cherché du travail dans un autre pays ?",
		"Have you ever worked or looked for work in another country?", "", "", "yes"},
	{"select_one country", "last_country", "Dernier pays où vous avez travaillé", "Last country where you worked", "", "", "yes", "", "${worked_abroad} = 'yes'"},
	{"decimal", "years_abroad", "Durée totale passée à l'étranger (années)", "Total time spent abroad (years)", "", "", "", ". >= 0 and . <= 60", "${worked_abroad} = 'yes'"},
	{"date", "return_date", "Date de votre retour au Togo", "Date of your return to Togo", "AAAA-MM-JJ", "YYYY-MM-DD", "", ". <= today()", "${worked_abroad} = 'yes'"},
	{"select_one return_type", "return_type", "Motif du retour", "Reason for return", "", "", "", "", "${worked_abroad} = 'yes'"},
	{"text", "occupation_abroad", "Dernier métier exercé à l'étranger", "Last occupation abroad", "", "", "", "", "${worked_abroad} = 'yes'"},
	{"end group"},
	{"begin group", "cost", "Coûts de recrutement et premier salaire", "Recruitment costs and first wage", "", "", "", "", "${worked_abroad} = 'yes'"},
	{"note", "cost_note", "Comptez tout ce que vous avez payé vous-même pour obtenir votre dernier emploi à l'étranger, en francs CFA.",
		"Count everything you paid yourself to get your last job abroad, in CFA francs."},
	{"select_multiple cost_item", "cost_paid", "Qu'avez-vous payé vous-même ?", "What did you pay yourself?", "Plusieurs réponses possibles",
		"Several answers possible"},
	{"decimal", "cost_fees", "Frais payés à un recruteur ou une agence", "Fees paid to a recruiter or agency", "", "", "", ". >= 0"},
	{"decimal", "cost_documents", "Passeport, visa et autres documents", "Passport, visa and other documents", "", "", "", ". >= 0"},
	{"decimal", "cost_medical", "Examens médicaux", "Medical examinations", "", "", "", ". >= 0"},
	{"decimal", "cost_training", "Formations et tests exigés", "Required training and tests", "", "", "", ". >= 0"},
	{"decimal", "cost_travel", "Voyage jusqu'au pays d'emploi", "Travel to the country of employment", "", "", "", ". >= 0"},
	{"decimal", "cost_other", "Autres frais (dont pots-de-vin)", "Other costs (including bribes)", "", "", "", ". >= 0"},
	{"decimal", "costs_total", "Total des coûts de recrutement payés", "Total recruitment costs paid", "La somme des postes ci-dessus",
		"The sum of the items above", "yes", ". >= 0"},
	{"decimal", "first_wage", "Premier salaire mensuel à l'étranger, en francs CFA", "First monthly wage abroad, in CFA francs", "", "", "", ". >= 0"},
	{"end group"},
	{"begin group", "plan", "Projet de départ", "Plans to leave"},
	{"select_one yesno", "plan_leave", "Prévoyez-vous de partir travailler à l'étranger dans les 12 prochains mois ?",
		"Do you plan to leave to work abroad in the next 12 months?"},
	{"select_one country", "plan_country", "Dans quel pays ?", "To which country?", "", "", "", "", "${plan_leave} = 'yes'"},
	{"end group"},
	{"calculate", "weight", "Poids de sondage", "Survey weight", "", "", "", "", "", "1"},
}

// modelChoices are the choice lists of the model: list, value, French label, English label.
var modelChoices = [][]string{
	{"yesno", "yes", "Oui", "Yes"}, {"yesno", "no", "Non", "No"},
	{"sex", "male", "Homme", "Male"}, {"sex", "female", "Femme", "Female"},
	{"region", "TG-M", "Maritime", "Maritime"}, {"region", "TG-P", "Plateaux", "Plateaux"}, {"region", "TG-C", "Centrale", "Centrale"},
	{"region", "TG-K", "Kara", "Kara"}, {"region", "TG-S", "Savanes", "Savanes"},
	{"education", "isced_0", "Aucun ou préprimaire", "None or pre-primary"}, {"education", "isced_1", "Primaire", "Primary"},
	{"education", "isced_2", "Secondaire premier cycle", "Lower secondary"}, {"education", "isced_3", "Secondaire second cycle", "Upper secondary"},
	{"education", "isced_4", "Post-secondaire non supérieur", "Post-secondary non-tertiary"},
	{"education", "isced_5_8", "Supérieur", "Tertiary"},
	{"cost_item", "fees", "Frais de recrutement", "Recruitment fees"}, {"cost_item", "documents", "Documents et visa", "Documents and visa"},
	{"cost_item", "medical", "Examens médicaux", "Medical examinations"}, {"cost_item", "training", "Formations et tests", "Training and tests"},
	{"cost_item", "travel", "Voyage", "Travel"}, {"cost_item", "other", "Autres frais", "Other costs"},
	{"return_type", "end_contract", "Fin de contrat", "End of contract"}, {"return_type", "voluntary", "Retour volontaire anticipé", "Voluntary early return"},
	{"return_type", "forced", "Expulsion ou retour forcé", "Expelled or forced return"}, {"return_type", "assisted", "Retour assisté", "Assisted return"},
}

// modelCountries are the countries of the model's list (ISO 3166 alpha-3).
var modelCountries = [][3]string{
	{"TGO", "Togo", "Togo"}, {"BEN", "Bénin", "Benin"}, {"BFA", "Burkina Faso", "Burkina Faso"}, {"CIV", "Côte d'Ivoire", "Côte d'Ivoire"},
	{"GHA", "Ghana", "Ghana"}, {"NGA", "Nigeria", "Nigeria"}, {"NER", "Niger", "Niger"}, {"MLI", "Mali", "Mali"},
	{"SEN", "Sénégal", "Senegal"}, {"GAB", "Gabon", "Gabon"}, {"CMR", "Cameroun", "Cameroon"}, {"FRA", "France", "France"},
	{"DEU", "Allemagne", "Germany"}, {"BEL", "Belgique", "Belgium"}, {"ITA", "Italie", "Italy"}, {"ESP", "Espagne", "Spain"},
	{"GBR", "Royaume-Uni", "United Kingdom"}, {"USA", "États-Unis", "United States"}, {"CAN", "Canada", "Canada"},
	{"LBN", "Liban", "Lebanon"}, {"SAU", "Arabie saoudite", "Saudi Arabia"}, {"ARE", "Émirats arabes unis", "United Arab Emirates"},
	{"QAT", "Qatar", "Qatar"}, {"KWT", "Koweït", "Kuwait"}, {"CHN", "Chine", "China"}, {"OTH", "Autre pays", "Other country"},
}

// ModelForm returns the model questionnaire as an XLSForm workbook, in French and English: a
// survey of returning migrants and departing workers built on the ICLS 2018 concepts (sex, date
// of birth, country of birth, citizenship, labour-force status asked the ICLS way, work abroad,
// last country, return, recruitment costs by item and first wage for SDG 10.7.1, survey weight).
func ModelForm() ([]byte, error) { return modelWorkbook("2026.1") }

// modelWorkbook writes the model with a version.
func modelWorkbook(version string) ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "survey"); err != nil {
		return nil, err
	}
	header := []any{"type", "name", "label::Français (fr)", "label::English (en)", "hint::Français (fr)", "hint::English (en)",
		"required", "constraint", "relevant", "calculation"}
	if err := f.SetSheetRow("survey", "A1", &header); err != nil {
		return nil, err
	}
	for i, r := range modelSurvey {
		row := make([]any, len(r))
		for j, c := range r {
			row[j] = c
		}
		if err := f.SetSheetRow("survey", fmt.Sprintf("A%d", i+2), &row); err != nil {
			return nil, err
		}
	}
	if _, err := f.NewSheet("choices"); err != nil {
		return nil, err
	}
	ch := [][]string{{"list_name", "name", "label::Français (fr)", "label::English (en)"}}
	ch = append(ch, modelChoices...)
	for _, c := range modelCountries {
		ch = append(ch, []string{"country", c[0], c[1], c[2]})
	}
	for i, r := range ch {
		row := []any{r[0], r[1], r[2], r[3]}
		if err := f.SetSheetRow("choices", fmt.Sprintf("A%d", i+1), &row); err != nil {
			return nil, err
		}
	}
	if _, err := f.NewSheet("settings"); err != nil {
		return nil, err
	}
	for i, r := range [][]any{{"form_id", "form_title", "version", "default_language"},
		{ModelFormID, "Enquête sur la migration de travail (retours et départs)", version, "Français (fr)"}} {
		if err := f.SetSheetRow("settings", fmt.Sprintf("A%d", i+1), &r); err != nil {
			return nil, err
		}
	}
	_ = f.SetColWidth("survey", "C", "D", 60)
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
