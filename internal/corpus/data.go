package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"mobilite/internal/ref"
)

// commonTitles are the titles job seekers in Togo meet most often, with their ISCO-08 group.
var commonTitles = []occupation{
	{"Registered nurse", "Infirmier diplômé d'État", "2221", "health"},
	{"Nursing assistant", "Aide-soignant", "5321", "health"},
	{"Home care worker", "Auxiliaire de vie", "5322", "health"},
	{"Midwife", "Sage-femme", "2222", "health"},
	{"Medical doctor", "Médecin généraliste", "2211", "health"},
	{"Pharmacist", "Pharmacien", "2262", "health"},
	{"Laboratory technician", "Technicien de laboratoire", "3212", "health"},
	{"Heavy truck driver", "Chauffeur poids lourds", "8332", "trades"},
	{"Bus driver", "Chauffeur de bus", "8331", "trades"},
	{"Delivery driver", "Chauffeur-livreur", "8322", "trades"},
	{"Farm worker", "Ouvrier agricole", "9211", "farm"},
	{"Fruit picker", "Cueilleur de fruits", "9211", "farm"},
	{"Greenhouse worker", "Ouvrier en serre", "6113", "farm"},
	{"Poultry farm worker", "Ouvrier avicole", "6122", "farm"},
	{"Bricklayer", "Maçon", "7112", "trades"},
	{"Welder", "Soudeur", "7212", "trades"},
	{"Electrician", "Électricien du bâtiment", "7411", "trades"},
	{"Plumber", "Plombier", "7126", "trades"},
	{"Carpenter", "Menuisier", "7115", "trades"},
	{"Heavy equipment operator", "Conducteur d'engins", "8342", "trades"},
	{"Mechanic", "Mécanicien automobile", "7231", "trades"},
	{"Warehouse worker", "Magasinier", "4321", "trades"},
	{"Cook", "Cuisinier", "5120", "services"},
	{"Waiter", "Serveur", "5131", "services"},
	{"Housekeeper", "Femme de chambre", "9112", "services"},
	{"Domestic worker", "Employé de maison", "9111", "services"},
	{"Security guard", "Agent de sécurité", "5414", "services"},
	{"Cashier", "Caissier", "5230", "services"},
	{"Sales assistant", "Vendeur", "5223", "services"},
	{"Hotel receptionist", "Réceptionniste d'hôtel", "4224", "services"},
	{"Accountant", "Comptable", "2411", "admin"},
	{"Administrative assistant", "Assistant administratif", "3343", "admin"},
	{"Human resources officer", "Chargé des ressources humaines", "2423", "admin"},
	{"Procurement officer", "Chargé des achats", "3323", "admin"},
	{"Finance officer", "Chargé des finances", "2411", "admin"},
	{"Logistics officer", "Logisticien", "3331", "admin"},
	{"Customer service agent", "Téléconseiller", "4222", "admin"},
	{"Secretary", "Secrétaire de direction", "3343", "admin"},
	{"Software developer", "Développeur logiciel", "2512", "it"},
	{"Web developer", "Développeur web", "2513", "it"},
	{"Data analyst", "Analyste de données", "2511", "it"},
	{"Network administrator", "Administrateur réseau", "2522", "it"},
	{"IT support technician", "Technicien informatique", "3512", "it"},
	{"Civil engineer", "Ingénieur génie civil", "2142", "trades"},
	{"Electrical engineer", "Ingénieur électricien", "2151", "trades"},
	{"Teacher", "Enseignant", "2330", "programme"},
	{"Primary school teacher", "Instituteur", "2341", "programme"},
	{"Programme officer", "Chargé de programme", "2422", "programme"},
	{"Project manager", "Chef de projet", "1219", "programme"},
	{"Monitoring and evaluation officer", "Chargé de suivi-évaluation", "2422", "programme"},
	{"Protection officer", "Chargé de protection", "2635", "programme"},
	{"Child protection specialist", "Spécialiste de la protection de l'enfance", "2635", "programme"},
	{"WASH officer", "Chargé WASH", "2263", "programme"},
	{"Communication officer", "Chargé de communication", "2432", "programme"},
	{"Social worker", "Travailleur social", "2635", "programme"},
	{"Statistician", "Statisticien", "2120", "it"},
	{"Agronomist", "Agronome", "2132", "farm"},
	{"Nutrition officer", "Nutritionniste", "2265", "health"},
	{"Translator", "Traducteur", "2643", "admin"},
	{"Driver", "Chauffeur", "8322", "trades"},
}

// specialties are what feeds add after a dash.
func specialties(fr bool) []string {
	if fr {
		return []string{"pédiatrie", "gériatrie", "urgences", "bloc opératoire", "BTP", "logistique", "énergie solaire",
			"agroalimentaire", "hôtellerie", "restauration", "maraîchage", "migrations", "emploi des jeunes", "éducation",
			"santé communautaire", "sécurité alimentaire", "finances publiques", "numérique", "transport", "pêche"}
	}
	return []string{"paediatrics", "elderly care", "emergency", "operating theatre", "construction", "logistics",
		"solar energy", "food processing", "hospitality", "catering", "horticulture", "migration", "youth employment",
		"education", "community health", "food security", "public finance", "digital", "transport", "fisheries"}
}

// organisation publishes offers under one name or another.
type organisation struct {
	en, fr, short string
	kind          string // un, ngo, government, private
	host          string
	grades        bool // UN grades in titles
}

// name is how the item names the organisation: its name in the offer's language, sometimes
// its acronym alone.
func (o organisation) name(r *rand.Rand, fr bool) string {
	if o.short != "" && r.IntN(4) == 0 {
		return o.short
	}
	if fr && o.fr != "" {
		return o.fr
	}
	return o.en
}

// typeWord is the source's word for the organisation's type, as ReliefWeb writes it.
func (o organisation) typeWord(fr bool) string {
	switch o.kind {
	case "un":
		return "International Organization"
	case "ngo":
		if fr {
			return "ONG"
		}
		return "Non-governmental Organization"
	case "government":
		return "Government"
	}
	return map[bool]string{true: "Entreprise privée", false: "Private Sector"}[fr]
}

var internationalOrgs = [][4]string{
	{"UNICEF", "United Nations Children's Fund", "Fonds des Nations Unies pour l'enfance", "un"},
	{"UNDP", "United Nations Development Programme", "Programme des Nations Unies pour le développement", "un"},
	{"UNHCR", "United Nations High Commissioner for Refugees", "Haut Commissariat des Nations Unies pour les réfugiés", "un"},
	{"WFP", "World Food Programme", "Programme alimentaire mondial", "un"},
	{"WHO", "World Health Organization", "Organisation mondiale de la santé", "un"},
	{"ILO", "International Labour Organization", "Organisation internationale du travail", "un"},
	{"IOM", "International Organization for Migration", "Organisation internationale pour les migrations", "un"},
	{"FAO", "Food and Agriculture Organization", "Organisation des Nations Unies pour l'alimentation et l'agriculture", "un"},
	{"UNESCO", "United Nations Educational, Scientific and Cultural Organization", "Organisation des Nations Unies pour l'éducation, la science et la culture", "un"},
	{"UNFPA", "United Nations Population Fund", "Fonds des Nations Unies pour la population", "un"},
	{"UN Women", "UN Women", "ONU Femmes", "un"},
	{"OCHA", "Office for the Coordination of Humanitarian Affairs", "Bureau de la coordination des affaires humanitaires", "un"},
	{"UNOPS", "United Nations Office for Project Services", "Bureau des Nations Unies pour les services d'appui aux projets", "un"},
	{"UNV", "United Nations Volunteers", "Volontaires des Nations Unies", "un"},
	{"IFAD", "International Fund for Agricultural Development", "Fonds international de développement agricole", "un"},
	{"AfDB", "African Development Bank", "Banque africaine de développement", "un"},
	{"ECOWAS", "Economic Community of West African States", "Communauté économique des États de l'Afrique de l'Ouest", "un"},
	{"ICRC", "International Committee of the Red Cross", "Comité international de la Croix-Rouge", "un"},
	{"IRC", "International Rescue Committee", "Comité international de secours", "ngo"},
	{"MSF", "Doctors Without Borders", "Médecins Sans Frontières", "ngo"},
	{"NRC", "Norwegian Refugee Council", "Conseil norvégien pour les réfugiés", "ngo"},
	{"", "Save the Children", "Save the Children", "ngo"},
	{"", "Plan International", "Plan International", "ngo"},
	{"", "World Vision", "World Vision", "ngo"},
	{"", "Oxfam", "Oxfam", "ngo"},
	{"CRS", "Catholic Relief Services", "Catholic Relief Services", "ngo"},
	{"ACF", "Action Against Hunger", "Action contre la Faim", "ngo"},
	{"", "Humanity & Inclusion", "Handicap International", "ngo"},
	{"", "Terre des hommes", "Terre des hommes", "ngo"},
	{"", "Mercy Corps", "Mercy Corps", "ngo"},
	{"ACTED", "ACTED", "ACTED", "ngo"},
	{"", "Solidarités International", "Solidarités International", "ngo"},
	{"GIZ", "GIZ", "GIZ", "government"},
	{"AFD", "French Development Agency", "Agence française de développement", "government"},
	{"", "Enabel", "Enabel", "government"},
	{"ANPE", "National Employment Agency of Togo", "Agence nationale pour l'emploi", "government"},
	{"", "France Travail", "France Travail", "government"},
	{"", "Federal Employment Agency of Germany", "Agence fédérale pour l'emploi d'Allemagne", "government"},
	{"", "Actiris", "Actiris", "government"},
	{"", "Le Forem", "Le Forem", "government"},
	{"", "SEPE Spain", "Service public de l'emploi d'Espagne", "government"},
	{"", "Job Bank Canada", "Guichet-Emplois Canada", "government"},
	{"", "Emploi-Québec", "Emploi-Québec", "government"},
	{"", "Ministry of Human Resources and Emiratisation", "Ministère des ressources humaines des Émirats", "government"},
	{"", "Qatar Ministry of Labour", "Ministère du travail du Qatar", "government"},
	{"AGEPE", "AGEPE Côte d'Ivoire", "Agence Emploi Jeunes de Côte d'Ivoire", "government"},
	{"ANPEJ", "ANPEJ Senegal", "Agence nationale pour la promotion de l'emploi des jeunes", "government"},
	{"", "Ghana Public Employment Centre", "Centre public d'emploi du Ghana", "government"},
	{"", "IEFP Portugal", "Institut de l'emploi du Portugal", "government"},
	{"", "Italian Ministry of Labour", "Ministère italien du travail", "government"},
}

var privateWords = struct{ first, second, suffixFR, suffixEN []string }{
	first: []string{"Sahel", "Atlantique", "Golfe", "Benin", "Mono", "Kara", "Baobab", "Harmattan", "Lagune", "Savane",
		"Oti", "Volta", "Nord", "Sud", "Global", "Euro", "Gulf", "Atlas", "Premier", "Horizon", "Alpine", "Maple", "Desert", "Coastal"},
	second: []string{"Logistique", "Santé", "Bâtiment", "Agro", "Services", "Énergie", "Transport", "Hôtellerie", "Sécurité",
		"Recrutement", "Care", "Construction", "Foods", "Staffing", "Facility", "Hospitality", "Farms", "Engineering"},
	suffixFR: []string{"SARL", "SA", "Group", "& Fils", "Togo", "International", "Afrique"},
	suffixEN: []string{"Ltd", "LLC", "GmbH", "Inc.", "Group", "Holdings", "Services"},
}

// organisations lists about 300 organisations: the international ones, then private
// employers and agencies whose names are made of words of the region.
func organisations() []organisation {
	var out []organisation
	for _, o := range internationalOrgs {
		host := strings.ToLower(strings.NewReplacer(" ", "", "'", "", "(", "", ")", "", "&", "", ",", "").Replace(o[1]))
		if o[0] != "" {
			host = strings.ToLower(strings.ReplaceAll(o[0], " ", ""))
		}
		out = append(out, organisation{short: o[0], en: o[1], fr: o[2], kind: o[3], host: host + ".example.org", grades: o[3] == "un"})
	}
	w := privateWords
	for i := 0; len(out) < 320; i++ {
		a, b := w.first[i%len(w.first)], w.second[(i/len(w.first)+i)%len(w.second)]
		name := a + " " + b
		if i%2 == 0 {
			name += " " + w.suffixFR[i%len(w.suffixFR)]
		} else {
			name += " " + w.suffixEN[i%len(w.suffixEN)]
		}
		host := strings.ToLower(a+b) + fmt.Sprint(i) + ".example.com"
		out = append(out, organisation{en: name, fr: name, kind: "private", host: host})
	}
	return out
}

// destination is a country where offers are, with a few of its cities and its wages.
type destination struct {
	alpha3, alpha2, nameEN, nameFR string
	cities                         []string
	currency                       string
	wage                           int // a typical monthly wage, for salaries in the text
}

// written is how the item writes the country: its code, or its name in the offer's language.
func (d destination) written(r *rand.Rand, fr bool) string {
	switch r.IntN(10) {
	case 0, 1, 2, 3:
		return d.alpha3
	case 4:
		return d.alpha2
	case 5, 6, 7:
		if fr {
			return d.nameFR
		}
		return d.nameEN
	case 8:
		return strings.ToLower(d.alpha3)
	}
	return d.nameEN
}

var destinationTable = []struct {
	alpha3   string
	weight   float64
	cities   string
	currency string
	wage     int
}{
	{"TGO", 14, "Lomé|Kara|Sokodé|Kpalimé|Atakpamé|Dapaong", "FCFA", 150000},
	{"CIV", 8, "Abidjan|Bouaké|Yamoussoukro|San-Pédro", "FCFA", 200000},
	{"SEN", 6, "Dakar|Thiès|Saint-Louis|Ziguinchor", "FCFA", 200000},
	{"GHA", 6, "Accra|Kumasi|Tamale|Takoradi", "GHS", 3000},
	{"NGA", 5, "Lagos|Abuja|Kano|Port Harcourt", "NGN", 300000},
	{"BEN", 5, "Cotonou|Porto-Novo|Parakou", "FCFA", 150000},
	{"BFA", 3, "Ouagadougou|Bobo-Dioulasso", "FCFA", 150000},
	{"MLI", 3, "Bamako|Mopti|Gao", "FCFA", 150000},
	{"NER", 3, "Niamey|Zinder|Agadez", "FCFA", 150000},
	{"GIN", 2, "Conakry|Kankan", "GNF", 2500000},
	{"CMR", 2, "Douala|Yaoundé", "FCFA", 200000},
	{"GAB", 1, "Libreville|Port-Gentil", "FCFA", 300000},
	{"MAR", 2, "Casablanca|Rabat|Tanger|Agadir", "MAD", 5000},
	{"TUN", 1, "Tunis|Sfax", "TND", 1500},
	{"KEN", 1, "Nairobi|Mombasa", "KES", 80000},
	{"COD", 1, "Kinshasa|Goma|Lubumbashi", "USD", 800},
	{"FRA", 7, "Paris|Lyon|Marseille|Bordeaux|Lille|Toulouse", "EUR", 2000},
	{"DEU", 5, "Berlin|Munich|Hamburg|Frankfurt|Cologne", "EUR", 2800},
	{"BEL", 3, "Brussels|Liège|Antwerp", "EUR", 2500},
	{"ESP", 3, "Madrid|Barcelona|Almería|Huelva", "EUR", 1600},
	{"ITA", 2, "Rome|Milan|Naples|Foggia", "EUR", 1700},
	{"CHE", 3, "Geneva|Lausanne|Zurich", "CHF", 5000},
	{"PRT", 1, "Lisbon|Porto", "EUR", 1100},
	{"NLD", 1, "Amsterdam|Rotterdam|The Hague", "EUR", 2600},
	{"GBR", 2, "London|Manchester|Leeds", "GBP", 2300},
	{"SAU", 3, "Riyadh|Jeddah|Dammam", "SAR", 2500},
	{"ARE", 4, "Dubai|Abu Dhabi|Sharjah", "AED", 3000},
	{"QAT", 3, "Doha", "QAR", 2500},
	{"KWT", 2, "Kuwait City", "KWD", 250},
	{"OMN", 1, "Muscat", "OMR", 250},
	{"BHR", 1, "Manama", "BHD", 250},
	{"LBN", 1, "Beirut", "USD", 500},
	{"JOR", 1, "Amman", "JOD", 400},
	{"CAN", 5, "Montréal|Toronto|Québec|Vancouver|Ottawa|Calgary", "CAD", 3500},
	{"USA", 3, "New York|Washington|Houston|Atlanta", "USD", 3500},
	{"CHN", 0.5, "Beijing|Shanghai", "CNY", 8000},
	{"JPN", 0.5, "Tokyo|Osaka", "JPY", 250000},
}

func destinations(r *ref.Ref) weighted[destination] {
	var w weighted[destination]
	for _, d := range destinationTable {
		c, ok := r.Country(d.alpha3)
		if !ok {
			continue
		}
		w.add(destination{alpha3: c.Alpha3, alpha2: c.Alpha2, nameEN: c.NameEN, nameFR: c.NameFR,
			cities: strings.Split(d.cities, "|"), currency: d.currency, wage: d.wage}, d.weight)
	}
	return w
}
