package corpus

// The names of job seekers, by the language communities of Togo the generator draws from. Each
// community has given names for women and men and family names; Christians of every community
// also bear French given names, and Muslims (the Tem of the Centrale region, the north) Muslim
// ones. Spellings are those of Togolese civil registers: accents, apostrophes and hyphens kept.
type community struct {
	key            string
	women, men     []string
	families       []string
	muslim         float64 // share of its members with a Muslim given name
	mother         string  // ISO 639 code of the language spoken at home
	motherLanguage float64 // share who list it
}

var (
	frenchWomen = []string{"Marie", "Jeanne", "Josiane", "Florence", "Grâce", "Espérance", "Edwige", "Béatrice", "Clarisse",
		"Christelle", "Régine", "Carine", "Sandrine", "Nadège", "Mireille", "Pélagie", "Odile", "Victoire", "Rosine", "Léa",
		"Prisca", "Ruth", "Esther", "Judith", "Solange", "Bénédicte", "Germaine", "Honorine"}
	frenchMen = []string{"Jean", "Pierre", "Paul", "Emmanuel", "Joseph", "Célestin", "Rodrigue", "Aimé", "Patrice", "Didier",
		"Sylvain", "Gilbert", "Fabrice", "Armel", "Jean-Baptiste", "Jean-Marie", "Hervé", "Serge", "Innocent", "Prosper",
		"Théophile", "Gérard", "Fiacre", "Christian", "Eric", "Justin", "Ulrich", "Marcel", "Basile", "Romaric"}
	muslimWomen = []string{"Mariama", "Aïcha", "Fatoumata", "Zeinabou", "Rakia", "Hadiza", "Sahoudatou", "Nafissatou",
		"Rachida", "Hawa", "Safiatou", "Balkissa", "Kadidja", "Adjara", "Ramatou", "Faïda", "Amina", "Sadia"}
	muslimMen = []string{"Abdoul-Rachid", "Ibrahim", "Moussa", "Issa", "Aboubakar", "Alassane", "Mohamed", "Ousmane",
		"Salifou", "Fousséni", "Abdel-Kader", "Idrissou", "Souleymane", "Yacoubou", "Razak", "Mouhamadou", "Zakari",
		"Nouhoum", "Inoussa", "Tchaguéri", "Abdou-Salam", "Daouda"}

	communities = []community{
		{key: "ewe", mother: "ee", motherLanguage: 0.9, muslim: 0.02,
			women: []string{"Ama", "Afi", "Akossiwa", "Adjoa", "Ayaba", "Abla", "Dzifa", "Sena", "Kafui", "Mawuena", "Delali",
				"Enyonam", "Akpene", "Yawa", "Afiwa", "Elinam", "Esinam", "Dela", "Mawunyo", "Akouvi", "Kokoè", "Yaoa"},
			men: []string{"Kossi", "Kodjo", "Komi", "Koffi", "Kwami", "Yawo", "Kokou", "Mawuli", "Elikem", "Edem", "Selom",
				"Yao", "Kouami", "Kodzo", "Komla", "Mensah", "Dodzi", "Mawulolo", "Kwasi", "Atsu", "Agbéko", "Yévi"},
			families: []string{"Agbeko", "Amegah", "Akakpo", "Amouzou", "Dogbe", "Ekoué", "Gbadoé", "Kpodar", "Ayité",
				"Agbodjan", "Aziaka", "Kpogo", "Adzoh", "Attiogbé", "Agbényéga", "Gaba", "Tsogbé", "Kuevidjen", "Afanou",
				"Ahiadzro", "Amedomé", "Dzakpasu", "Sodji", "Kpotufe", "Agbobli", "Komlanvi", "Amenyo", "Fiawoo",
				"Dotsè", "Klutsè", "Edoh", "Ameganvi", "Apedo", "Nyuiadzi", "Tété", "Anani", "Dossou", "Gbeasor"}},
		{key: "mina", mother: "ee", motherLanguage: 0.7, muslim: 0.03,
			women: []string{"Kossiwa", "Afiwa", "Ablavi", "Amavi", "Akouvi", "Dédé", "Massan", "Mawussi", "Sénam", "Adjovi",
				"Ayélé", "Akuyo", "Yawavi", "Amévi", "Dopé"},
			men: []string{"Kodzo", "Komlan", "Kossivi", "Yaovi", "Kokouvi", "Messan", "Ayikoé", "Koudjo", "Kwassi",
				"Tchassanti", "Folly", "Komlavi", "Adjéoda", "Foli"},
			families: []string{"Lawson", "Mensah", "d'Almeida", "de Souza", "Olympio", "Adjovi", "Ajavon", "Johnson",
				"Wilson", "Santos", "Aquereburu", "Akué", "Quashie", "Amorin", "Ayivi", "Tossou", "Sossou", "Agboyibor",
				"Kuassi", "Attipoe", "Houénou", "Mivedor", "Bruce", "Hunlédé", "Assogba"}},
		{key: "kabiye", mother: "kbp", motherLanguage: 0.9, muslim: 0.05,
			women: []string{"Essowè", "Essozimna", "Essohana", "Pakiziwè", "Pitalounani", "Essotina", "Akawélé", "Pidénam",
				"Magnoudéwa", "Kézié", "Abiré", "Hodabalo", "Essinam", "Maténa", "Tchilalo", "Padawè", "Mazalo"},
			men: []string{"Tchilabalo", "Hodalo", "Abalo", "Kpatcha", "Piyabalo", "Tchao", "Bawoubadi", "Padakale", "Wiyao",
				"Essowavana", "Essodina", "Pakabalo", "Tcha", "Batassé", "Kodjo", "Palakiyèm", "Essoham", "Balakiyèm", "Tchédré"},
			families: []string{"Gnassingbé", "Tchangaï", "Pali", "Assih", "Badjam", "Bodjona", "Tchalla", "Pitassa",
				"Padjoudoum", "Kagbara", "Batassi", "Awaté", "Kpemissi", "Pouwi", "Tchakondo", "Gbeleou", "Katanga", "Akpaki",
				"Kadanga", "Tchamdja", "Essowè", "Walla", "Hodabalo", "Kpatcha", "Tcharié", "Bakali", "Agba", "Kolani-Pali",
				"Atcholi", "Pikabalo", "Solitoki", "Tagba", "Dadja", "Simtokina"}},
		{key: "tem", mother: "kdh", motherLanguage: 0.6, muslim: 0.85,
			women: []string{"Samiratou", "Fatima", "Nimatou", "Zalia", "Wassila", "Latifatou"},
			men:   []string{"Tchédré", "Ouro-Sama", "Bassirou", "Affo", "Tchakala", "Bouwessodjo"},
			families: []string{"Ouro-Agoro", "Ouro-Bodi", "Ouro-Djobo", "Issifou", "Mama", "Adam", "Bouraïma", "Tchagnao",
				"Alassani", "Salifou", "Moumouni", "Tchadjobo", "Koura", "Djobo", "Tchédré", "Idrissou", "Gbadamassi",
				"Akondo", "Aboudou", "Tchakpélé", "Fofana", "Traoré", "Assouma", "Ouattara", "Tchatagba", "Sama"}},
		{key: "moba", mother: "mfq", motherLanguage: 0.5, muslim: 0.2,
			women: []string{"Lardja", "Yendoubé", "Damipi", "Nanfame", "Lamoussa", "Yempabou", "Pouguini", "Mipoada"},
			men:   []string{"Yendoubé", "Lardja", "Yentcharé", "Nagbandja", "Damitonou", "Tipoabe", "Lalle", "Yempabou", "Kanfitine"},
			families: []string{"Lamboni", "Sambiani", "Douti", "Kombaté", "Lalle", "Nabine", "Tchable", "Yentcharé", "Gnandi",
				"Kolani", "Dapiyinam", "Bindi", "Nadjombé", "Tankpinou", "Kondo", "Lare", "Mindi", "Yabré", "Kpandja"}},
	}
)

// regionCommunities weighs the communities in each region of Togo and in the diaspora.
var regionCommunities = map[string][]float64{ // ewe, mina, kabiye, tem, moba
	"TG-M": {0.50, 0.30, 0.09, 0.08, 0.03},
	"TG-P": {0.74, 0.06, 0.10, 0.08, 0.02},
	"TG-C": {0.12, 0.02, 0.26, 0.55, 0.05},
	"TG-K": {0.06, 0.01, 0.78, 0.10, 0.05},
	"TG-S": {0.03, 0.01, 0.12, 0.14, 0.70},
	"":     {0.45, 0.20, 0.20, 0.10, 0.05},
}
