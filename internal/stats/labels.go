package stats

import (
	"strconv"
	"strings"
)

// pair is a label in French and English.
type pair struct{ fr, en string }

func (p pair) in(lang string) string {
	if lang == "en" {
		return p.en
	}
	return p.fr
}

var codeLabels = map[string]pair{
	SexTotal:  {"Total", "Total"},
	SexMale:   {"Hommes", "Men"},
	SexFemale: {"Femmes", "Women"},
	SexOther:  {"Autre", "Other"},

	"EDU_ISCED11_X": {"Aucune scolarité", "No schooling"},
	"EDU_ISCED11_0": {"Éducation de la petite enfance", "Early childhood education"},
	"EDU_ISCED11_1": {"Enseignement primaire", "Primary education"},
	"EDU_ISCED11_2": {"Premier cycle du secondaire", "Lower secondary education"},
	"EDU_ISCED11_3": {"Deuxième cycle du secondaire", "Upper secondary education"},
	"EDU_ISCED11_4": {"Post-secondaire non supérieur", "Post-secondary non-tertiary education"},
	"EDU_ISCED11_5": {"Supérieur de cycle court", "Short-cycle tertiary education"},
	"EDU_ISCED11_6": {"Licence ou équivalent", "Bachelor's or equivalent"},
	"EDU_ISCED11_7": {"Master ou équivalent", "Master's or equivalent"},
	"EDU_ISCED11_8": {"Doctorat ou équivalent", "Doctoral or equivalent"},
	"EDU_ISCED11_9": {"Niveau non précisé", "Not elsewhere classified"},

	"EDU_AGGREGATE_LTB": {"Inférieur au niveau de base", "Less than basic"},
	"EDU_AGGREGATE_BAS": {"Niveau de base", "Basic"},
	"EDU_AGGREGATE_INT": {"Niveau intermédiaire", "Intermediate"},
	"EDU_AGGREGATE_ADV": {"Niveau avancé", "Advanced"},
	"EDU_AGGREGATE_X":   {"Niveau non précisé", "Level not stated"},

	"OCU_ISCO08_0": {"Professions militaires", "Armed forces occupations"},
	"OCU_ISCO08_1": {"Directeurs, cadres de direction et gérants", "Managers"},
	"OCU_ISCO08_2": {"Professions intellectuelles et scientifiques", "Professionals"},
	"OCU_ISCO08_3": {"Professions intermédiaires", "Technicians and associate professionals"},
	"OCU_ISCO08_4": {"Employés de type administratif", "Clerical support workers"},
	"OCU_ISCO08_5": {"Personnel des services directs aux particuliers, commerçants et vendeurs", "Service and sales workers"},
	"OCU_ISCO08_6": {"Agriculteurs et ouvriers qualifiés de l'agriculture, de la sylviculture et de la pêche", "Skilled agricultural, forestry and fishery workers"},
	"OCU_ISCO08_7": {"Métiers qualifiés de l'industrie et de l'artisanat", "Craft and related trades workers"},
	"OCU_ISCO08_8": {"Conducteurs d'installations et de machines, et ouvriers de l'assemblage", "Plant and machine operators and assemblers"},
	"OCU_ISCO08_9": {"Professions élémentaires", "Elementary occupations"},
	"OCU_ISCO08_X": {"Non classé ailleurs", "Not elsewhere classified"},
	"OC2_ISCO08_X": {"Non classé ailleurs", "Not elsewhere classified"},

	"ECO_ISIC4_A": {"Agriculture, sylviculture et pêche", "Agriculture, forestry and fishing"},
	"ECO_ISIC4_B": {"Activités extractives", "Mining and quarrying"},
	"ECO_ISIC4_C": {"Activités de fabrication", "Manufacturing"},
	"ECO_ISIC4_D": {"Électricité, gaz, vapeur et climatisation", "Electricity, gas, steam and air conditioning supply"},
	"ECO_ISIC4_E": {"Eau, assainissement, gestion des déchets et dépollution", "Water supply; sewerage, waste management and remediation"},
	"ECO_ISIC4_F": {"Construction", "Construction"},
	"ECO_ISIC4_G": {"Commerce ; réparation de véhicules automobiles et de motocycles", "Wholesale and retail trade; repair of motor vehicles and motorcycles"},
	"ECO_ISIC4_H": {"Transport et entreposage", "Transportation and storage"},
	"ECO_ISIC4_I": {"Hébergement et restauration", "Accommodation and food service activities"},
	"ECO_ISIC4_J": {"Information et communication", "Information and communication"},
	"ECO_ISIC4_K": {"Activités financières et d'assurance", "Financial and insurance activities"},
	"ECO_ISIC4_L": {"Activités immobilières", "Real estate activities"},
	"ECO_ISIC4_M": {"Activités professionnelles, scientifiques et techniques", "Professional, scientific and technical activities"},
	"ECO_ISIC4_N": {"Activités de services administratifs et d'appui", "Administrative and support service activities"},
	"ECO_ISIC4_O": {"Administration publique et défense ; sécurité sociale obligatoire", "Public administration and defence; compulsory social security"},
	"ECO_ISIC4_P": {"Éducation", "Education"},
	"ECO_ISIC4_Q": {"Santé humaine et action sociale", "Human health and social work activities"},
	"ECO_ISIC4_R": {"Arts, spectacles et loisirs", "Arts, entertainment and recreation"},
	"ECO_ISIC4_S": {"Autres activités de services", "Other service activities"},
	"ECO_ISIC4_T": {"Activités des ménages en tant qu'employeurs", "Activities of households as employers"},
	"ECO_ISIC4_U": {"Activités des organisations extraterritoriales", "Activities of extraterritorial organizations and bodies"},
	"ECO_ISIC4_X": {"Non classé ailleurs", "Not elsewhere classified"},

	"CDS_DES_X": {"Pays inconnu", "Unknown country"},
	"CPR_PRV_X": {"Pays inconnu", "Unknown country"},

	"XA": {"Registres administratifs", "Administrative records"},
	"BA": {"Enquête sur la population active", "Labour force survey"},
	"AA": {"Recensement de la population", "Population census"},
	"FX": {"Autres registres administratifs", "Other administrative records"},

	// Categories of the platform's own registers, which ILOSTAT does not code.
	"AGE_AGGREGATE_X":       {"Âge non déclaré", "Age not stated"},
	"REGION_X":              {"Hors Togo ou non déclarée", "Outside Togo or not stated"},
	"public_agency":         {"Agence publique (ANPE)", "Public agency (ANPE)"},
	"private_agency":        {"Agence privée agréée", "Licensed private agency"},
	"bilateral":             {"Programme bilatéral", "Bilateral programme"},
	"individual":            {"Démarche individuelle", "Individual"},
	"end_of_contract":       {"Fin de contrat", "End of contract"},
	"voluntary_early":       {"Retour volontaire anticipé", "Voluntary early return"},
	"forced":                {"Expulsion ou retour forcé", "Expelled or forced return"},
	"assisted":              {"Retour assisté", "Assisted return"},
	"recruitment_fees":      {"Frais de recrutement facturés au travailleur", "Recruitment fees charged to the worker"},
	"contract_substitution": {"Substitution de contrat", "Contract substitution"},
	"documents_retained":    {"Passeport ou papiers retenus", "Passport or documents retained"},
	"wages_unpaid":          {"Salaires impayés", "Unpaid wages"},
	"deception":             {"Tromperie sur l'emploi", "Deception about the job"},
	"trafficking":           {"Traite ou travail forcé", "Trafficking or forced labour"},
	"unlicensed_recruiter":  {"Recruteur sans agrément", "Unlicensed recruiter"},
	"suspended":             {"Suspensions", "Suspensions"},
	"revoked":               {"Retraits", "Revocations"},
	"YAB_LT1":               {"Moins d'un an", "Less than a year"},
	"YAB_1-2":               {"1 à 2 ans", "1 to 2 years"},
	"YAB_3-4":               {"3 à 4 ans", "3 to 4 years"},
	"YAB_GE5":               {"5 ans ou plus", "5 years or more"},
	"un":                    {"Nations unies et organisations internationales", "United Nations and international organisations"},
	"ngo":                   {"ONG", "NGOs"},
	"government":            {"Services publics", "Public services"},
	"private":               {"Employeurs et agences privées", "Employers and private agencies"},
	"other":                 {"Autres", "Other"},
}

var dimNames = map[string]pair{
	"sex":              {"Sexe", "Sex"},
	"age":              {"Âge", "Age"},
	"destination":      {"Pays de destination", "Country of destination"},
	"previous_country": {"Pays de résidence précédente", "Country of previous residence"},
	"isco":             {"Profession (CITP-08)", "Occupation (ISCO-08)"},
	"isco2":            {"Profession (CITP-08, 2 chiffres)", "Occupation (ISCO-08, 2 digits)"},
	"isic":             {"Branche d'activité (CITI rév. 4)", "Economic activity (ISIC Rev.4)"},
	"isced":            {"Niveau d'instruction (CITE 2011)", "Level of education (ISCED 2011)"},
	"region":           {"Région d'origine", "Region of origin"},
	"agency_region":    {"Région de l'agence", "Region of the agency"},
	"category":         {"Catégorie de plainte", "Complaint category"},
	"kind":             {"Décision", "Decision"},
	"channel":          {"Canal", "Channel"},
	"return_type":      {"Type de retour", "Type of return"},
	"years_abroad":     {"Durée à l'étranger", "Time abroad"},
	"org_type":         {"Type d'organisation", "Type of organisation"},
	"source":           {"Source", "Source"},
}

// DimName returns the name of a dimension (by its Dim.ID) in French ("fr", the default) or
// English ("en"); an unknown id is returned as it is.
func DimName(id, lang string) string {
	if p, ok := dimNames[id]; ok {
		return p.in(lang)
	}
	return id
}

// Label returns the name of an ILOSTAT code (or Total) in French ("fr", the default) or English
// ("en"). Age bands are spelled out ("25-54 ans", "65 years and over"); countries are named by
// their alpha-3 code, ISCO sub-major groups by "ISCO-08 71": put better names (from the reference
// tables) in Dim.Labels. An unknown code is returned as it is.
func Label(code, lang string) string {
	if p, ok := codeLabels[code]; ok {
		return p.in(lang)
	}
	if isTotalCode(code) {
		return pair{"Total", "Total"}.in(lang)
	}
	if strings.HasPrefix(code, "AGE_") {
		if lo, hi, ok := AgeBounds(code); ok {
			if hi < 0 {
				return pair{itoa(lo) + " ans et plus", itoa(lo) + " years and over"}.in(lang)
			}
			return pair{itoa(lo) + "-" + itoa(hi) + " ans", itoa(lo) + "-" + itoa(hi) + " years"}.in(lang)
		}
	}
	if a3, ok := CountryFromCode(code); ok && a3 != "" {
		return a3
	}
	if rest, ok := strings.CutPrefix(code, "OC2_ISCO08_"); ok {
		return pair{"CITP-08 " + rest, "ISCO-08 " + rest}.in(lang)
	}
	return code
}

// Label returns the label of one of the dimension's codes: Labels[code] when set, else the
// generic Label. Total (or the dimension's ILOSTAT total code) reads "Total".
func (d Dim) Label(code, lang string) string {
	if l, ok := d.Labels[code]; ok && l != "" {
		return l
	}
	if code == Total {
		if l, ok := d.Labels[TotalCode(d)]; ok && l != "" {
			return l
		}
	}
	return Label(code, lang)
}

func itoa(n int) string { return strconv.Itoa(n) }
