package normalize

// titleCodes maps the words of common job titles, in French and English, to their ISCO-08
// group. A line is matched when all its words (folded and stemmed, articles ignored, in any
// order) are in the title; the line with most words wins, so "assistant comptable" beats
// "comptable". The confidence is that of a clear match (0.9 for two words or more, 0.85 for
// one) unless the line says otherwise: a lower one marks a title that fits its group only
// roughly. Every code was checked against internal/ref/data/isco08.csv, and a test fails if
// one is missing there. Where the choice was not obvious, the reason is noted.
var titleCodes = []struct {
	code   string
	conf   float64
	titles []string
}{
	// Drivers and transport.
	{"8322", 0, []string{"chauffeur", "driver", "car driver", "taxi driver", "delivery driver", "chauffeur livreur", "van driver", "family driver", "private driver"}},
	{"8332", 0, []string{"chauffeur poids lourds", "truck driver", "lorry driver", "heavy vehicle driver", "heavy truck driver", "camionneur", "chauffeur camion", "trailer driver"}},
	{"8331", 0, []string{"bus driver", "chauffeur bus", "chauffeur autobus", "tram driver"}},
	{"8321", 0, []string{"motorcycle driver", "moto taxi", "zemidjan", "conducteur moto", "motorcycle rider"}},
	{"8342", 0, []string{"excavator operator", "conducteur engins", "heavy equipment operator", "bulldozer operator", "grader operator"}},
	{"8343", 0, []string{"crane operator", "grutier"}},
	{"8344", 0, []string{"forklift", "forklift operator", "cariste", "chariot elevateur", "forklift driver"}},
	{"9621", 0, []string{"livreur", "coursier", "messenger", "courier", "delivery rider"}},
	{"3153", 0, []string{"pilot", "pilote avion", "airline pilot"}},
	{"5111", 0, []string{"flight attendant", "cabin crew", "hotesse air", "steward air"}},
	{"8350", 0, []string{"seafarer", "matelot", "deckhand", "sailor", "marin"}},

	// Health.
	{"2221", 0, []string{"infirmier", "nurse", "registered nurse", "staff nurse", "infirmier etat", "nurse practitioner", "charge nurse"}},
	// An assistant nurse (enrolled, practical nurse) is a nursing associate professional; a
	// nursing assistant or aide-soignant is a health care assistant (5321).
	{"3221", 0, []string{"assistant nurse", "nurse assistant", "infirmier assistant", "infirmier auxiliaire", "enrolled nurse", "practical nurse", "auxiliary nurse"}},
	{"5321", 0, []string{"aide soignant", "nursing assistant", "nursing aide", "nurse aide", "care assistant", "healthcare assistant", "health care assistant", "aide infirmier", "patient care assistant"}},
	{"5322", 0, []string{"caregiver", "care giver", "auxiliaire vie", "aide domicile", "home care", "home care worker", "personal care worker", "elderly care", "aide personne agee"}},
	{"2222", 0, []string{"sage femme", "midwife", "maieuticien"}},
	{"221", 0.8, []string{"medecin", "medical doctor", "physician", "medical officer"}},
	{"2211", 0, []string{"medecin generaliste", "general practitioner", "generalist doctor"}},
	{"2212", 0, []string{"medecin specialiste", "specialist doctor", "surgeon", "chirurgien", "pediatre", "pediatrician", "gynecologue", "gynecologist", "anesthesiste", "anaesthetist", "anesthesiologist"}},
	{"2262", 0, []string{"pharmacien", "pharmacist"}},
	{"3213", 0, []string{"pharmacy technician", "preparateur pharmacie", "assistant pharmacie", "pharmacy assistant", "technicien pharmacie"}},
	{"3212", 0, []string{"laboratory technician", "lab technician", "technicien laboratoire", "laborantin", "medical laboratory technologist"}},
	{"3253", 0, []string{"community health worker", "agent sante communautaire", "relais communautaire", "community health volunteer"}},
	{"2265", 0.8, []string{"nutritionist", "nutritionniste", "nutrition", "dietitian", "dieteticien", "nutrition officer", "charge nutrition"}},
	// ISCO-08 puts epidemiologists with the life science professionals.
	{"2131", 0.8, []string{"epidemiologist", "epidemiologiste", "biologist", "biologiste"}},
	{"2261", 0, []string{"dentist", "dentiste", "chirurgien dentiste"}},
	{"2264", 0, []string{"physiotherapist", "physiotherapeute", "kinesitherapeute", "kine"}},
	{"2634", 0, []string{"psychologist", "psychologue", "clinical psychologist"}},
	{"3256", 0, []string{"medical assistant", "assistant medical"}},
	{"2250", 0, []string{"veterinary officer", "veterinaire", "veterinarian", "veterinary surgeon", "docteur veterinaire"}},
	{"3258", 0, []string{"ambulance driver", "ambulancier", "ambulance technician"}},

	// Finance and accounting.
	{"2411", 0, []string{"comptable", "accountant", "expert comptable", "chartered accountant", "chef comptable", "chief accountant", "auditor", "auditeur", "internal auditor", "auditeur interne", "chief financial officer"}},
	// An accounting assistant and a book-keeper are accounting associate professionals (ISCO
	// index: "Assistant, accounting" 3313); an "aide-comptable" or accounts clerk keeps records (4311).
	{"3313", 0, []string{"assistant comptable", "accounting assistant", "comptable assistant", "accounts assistant", "bookkeeper", "teneur livres", "finance assistant", "assistant financier", "finance associate", "assistant administratif financier"}},
	{"4311", 0, []string{"aide comptable", "accounting clerk", "accounts clerk", "bookkeeping clerk"}},
	{"2411", 0.75, []string{"finance", "finance officer", "charge finance", "finance specialist", "gestionnaire financier", "financial officer"}},
	{"2413", 0, []string{"financial analyst", "analyste financier"}},
	{"2412", 0, []string{"financial advisor", "financial adviser", "conseiller financier", "investment advisor"}},
	{"3312", 0, []string{"credit officer", "agent credit", "loan officer", "charge credit", "loans officer", "microfinance officer"}},
	{"4211", 0, []string{"bank teller", "guichetier", "teller"}},
	{"5230", 0, []string{"caissier", "cashier", "ticket clerk", "billettiste"}},
	{"4313", 0, []string{"payroll", "payroll clerk", "gestionnaire paie", "payroll officer"}},
	{"1211", 0, []string{"finance manager", "directeur financier", "responsable financier", "daf", "head finance", "chief finance", "directeur administratif financier", "responsable administratif financier", "finance director"}},
	{"2120", 0, []string{"statisticien", "statistician", "biostatistician", "statistics officer", "charge statistique", "statistics specialist", "ingenieur statisticien"}},
	{"3314", 0, []string{"statistical assistant", "assistant statistique", "agent statistique", "statistics assistant"}},
	// ESCO files "data analyst" and "data scientist" under 2511, systems analysts.
	{"2511", 0, []string{"data analyst", "analyste donnee", "data scientist", "business analyst", "systems analyst", "analyste systeme", "analyste fonctionnel"}},
	{"4132", 0, []string{"data entry", "data entry clerk", "operateur saisie", "agent saisie", "data clerk", "data encoder", "encodeur"}},
	{"2631", 0, []string{"economist", "economiste"}},

	// Information and communication technology.
	{"2512", 0, []string{"developer", "developpeur", "software developer", "software engineer", "ingenieur logiciel", "developpeur logiciel", "backend developer", "full stack developer", "developpeur full stack"}},
	{"2513", 0, []string{"web developer", "developpeur web", "front end developer", "frontend developer", "webmaster", "web designer"}},
	{"2514", 0, []string{"programmer", "programmeur", "mobile developer", "developpeur mobile", "android developer", "ios developer"}},
	{"3512", 0, []string{"it officer", "it assistant", "informaticien", "technicien informatique", "it support", "support informatique", "helpdesk", "help desk", "it technician", "ict assistant", "ict officer", "assistant informatique", "ict support", "it associate", "ict associate"}},
	{"2523", 0, []string{"network administrator", "administrateur reseau", "network engineer", "ingenieur reseau"}},
	{"2522", 0, []string{"system administrator", "systems administrator", "administrateur systeme", "sysadmin"}},
	{"2521", 0, []string{"database administrator", "administrateur base donnee", "database developer", "data manager", "gestionnaire donnee", "gestionnaire base donnee"}},
	{"2529", 0, []string{"data protection", "data protection officer", "cybersecurity", "cyber security", "cybersecurite", "information security", "securite informatique", "securite information"}},
	{"1330", 0, []string{"chef projet informatique", "it project manager", "ict project manager", "ict manager", "it manager", "responsable informatique", "directeur systeme information", "dsi", "head ict", "chief information officer", "directeur informatique"}},
	{"2166", 0, []string{"graphic designer", "graphiste", "infographiste", "designer graphique", "motion designer"}},
	{"2153", 0, []string{"telecommunications engineer", "telecom engineer", "ingenieur telecom", "ingenieur telecommunication"}},
	{"3522", 0, []string{"telecom technician", "technicien telecom", "technicien telecommunication", "telecommunications technician"}},

	// Administration, human resources, law.
	{"3343", 0, []string{"administrative assistant", "assistant administratif", "admin assistant", "administrative associate", "assistant direction", "executive assistant", "secretaire direction", "executive secretary", "office manager", "assistant administratif logistique"}},
	{"4120", 0, []string{"secretaire", "secretary", "secretaire bureautique"}},
	{"4226", 0, []string{"receptionniste", "receptionist", "hotesse accueil", "front desk", "agent accueil", "standardiste"}},
	{"4224", 0, []string{"hotel receptionist", "receptionniste hotel", "front office agent", "night auditor"}},
	{"4110", 0, []string{"office assistant", "office clerk", "employe bureau", "clerk", "agent administratif", "general clerk"}},
	{"2621", 0, []string{"archivist", "archiviste"}},
	{"2622", 0, []string{"librarian", "bibliothecaire", "documentaliste"}},
	{"2423", 0, []string{"human resources officer", "hr officer", "charge ressources humaines", "charge rh", "gestionnaire rh", "gestionnaire ressources humaines", "recruiter", "recruteur", "talent acquisition", "human resources specialist", "hr specialist", "charge recrutement", "hr business partner"}},
	{"4416", 0, []string{"hr assistant", "assistant rh", "human resources assistant", "assistant ressources humaines", "hr clerk", "personnel clerk"}},
	{"1212", 0, []string{"hr manager", "drh", "directeur ressources humaines", "responsable ressources humaines", "responsable rh", "head hr", "human resources manager", "head human resources", "chief human resources"}},
	{"2424", 0.75, []string{"trainer", "formateur", "training officer", "learning development", "charge formation", "responsable formation"}},
	{"2619", 0, []string{"juriste", "legal officer", "legal advisor", "legal adviser", "conseiller juridique", "legal specialist", "legal analyst", "compliance officer"}},
	{"2611", 0, []string{"avocat", "lawyer", "attorney", "solicitor", "barrister"}},
	{"3411", 0, []string{"legal assistant", "assistant juridique", "paralegal", "clerc"}},
	{"2612", 0, []string{"magistrat", "judge", "juge"}},

	// Supply, logistics, procurement.
	// A logistician plans and runs supply, storage, transport and the fleet: the work of
	// ISCO's supply and distribution managers (1324), not of buyers (3323), who only purchase.
	{"1324", 0.8, []string{"logisticien", "logistics officer", "logistics", "logistique", "logistics coordinator", "responsable logistique", "logistics manager", "supply chain", "supply chain manager", "warehouse manager", "responsable entrepot", "chef magasinier", "fleet manager", "procurement manager", "responsable achat", "charge logistique", "logistician"}},
	{"4323", 0.75, []string{"logistics assistant", "assistant logistique", "assistant logisticien", "logistics clerk", "transport clerk", "fleet assistant", "dispatcher", "agent logistique"}},
	{"3323", 0, []string{"passation marche", "procurement officer", "procurement", "acheteur", "buyer", "charge achat", "purchasing officer", "procurement assistant", "assistant achat", "procurement specialist", "purchasing agent", "approvisionneur", "procurement associate"}},
	{"4321", 0, []string{"storekeeper", "magasinier", "warehouse keeper", "gestionnaire stock", "stock keeper", "stock clerk", "warehouse assistant", "store keeper", "inventory clerk", "warehouse clerk"}},
	{"3331", 0, []string{"transitaire", "freight forwarder", "declarant douane", "customs broker", "clearing agent", "forwarding agent"}},

	// Programmes, projects, policy, communication.
	// UN and NGO programme officers analyse, design and follow programmes: policy
	// administration professionals.
	{"2422", 0, []string{"policy officer", "policy analyst", "policy advisor", "policy adviser", "analyste politique", "monitoring evaluation", "suivi evaluation", "m e officer", "m e specialist", "meal officer", "meal", "charge suivi evaluation", "responsable suivi evaluation", "planning officer", "humanitarian affairs officer", "gender specialist", "specialiste genre"}},
	{"2432", 0, []string{"communication officer", "communications officer", "charge communication", "communication specialist", "communications specialist", "public relations", "relations publiques", "press officer", "attache presse", "community manager", "social media", "responsable communication", "communication assistant", "assistant communication", "chargee communication", "external relations", "donor relations"}},
	{"1222", 0, []string{"communication manager", "communications manager", "directeur communication", "head communication", "chief communication"}},
	{"2431", 0, []string{"marketing", "charge marketing", "marketing officer", "digital marketing", "marketing specialist", "responsable marketing", "marketing executive"}},
	{"2642", 0, []string{"journaliste", "journalist", "reporter", "redacteur", "editor"}},
	{"2643", 0, []string{"translator", "traducteur", "interpreter", "interprete", "traducteur interprete"}},
	{"3431", 0, []string{"photographer", "photographe"}},
	{"3521", 0, []string{"videaste", "cameraman", "video editor", "monteur video", "sound engineer"}},

	// Social work and protection.
	{"2635", 0, []string{"child protection", "protection enfance", "protection enfant", "gbv", "vbg", "gender based violence", "violence basee genre", "case worker", "caseworker", "case manager", "gestionnaire cas", "social worker", "travailleur social", "assistant social", "psychosocial", "mhpss", "counsellor", "counselor", "conseiller psychosocial", "safeguarding"}},
	{"3412", 0, []string{"agent social", "social work assistant", "community mobilizer", "community mobiliser", "mobilisateur communautaire", "animateur communautaire", "community worker", "community facilitator", "animateur social", "outreach worker", "youth worker", "educateur specialise"}},

	// Water, sanitation, environment, safety.
	// WASH officers promote and oversee water, sanitation and hygiene: environmental and
	// occupational health and hygiene professionals.
	{"2263", 0.8, []string{"wash", "eau hygiene assainissement", "eha", "water sanitation hygiene", "watsan", "hse", "qhse", "health safety officer", "hse officer", "safety officer", "responsable hse", "agent hse", "hygiene officer", "environmental health officer", "occupational health safety"}},
	{"3257", 0.75, []string{"hygiene promoter", "promoteur hygiene", "hygienist", "hygieniste"}},
	{"2142", 0, []string{"wash engineer", "ingenieur wash", "ingenieur hydraulique", "hydraulic engineer", "water engineer", "civil engineer", "ingenieur genie civil", "ingenieur civil", "ingenieur btp", "structural engineer", "ingenieur structure", "ingenieur hydraulicien"}},
	{"2133", 0.8, []string{"environmental officer", "environmental specialist", "specialiste environnement", "charge environnement", "environmentalist", "environnementaliste", "climate change specialist", "natural resource management", "environmental protection", "protection environnement"}},

	// Agriculture and food.
	{"2132", 0.8, []string{"agronome", "agronomist", "ingenieur agronome", "agricultural advisor", "agricultural adviser", "conseiller agricole", "agricultural officer", "extension officer", "vulgarisateur agricole", "livelihoods officer", "food security officer", "charge securite alimentaire"}},
	{"3142", 0, []string{"technicien agricole", "agricultural technician", "technicien agriculture", "technicien elevage", "livestock technician"}},
	{"9211", 0, []string{"ouvrier agricole", "agricultural worker", "farm worker", "farm labourer", "farm laborer", "farmhand", "farm hand", "manoeuvre agricole", "fruit picker", "cueilleur", "seasonal agricultural worker", "travailleur agricole", "harvest worker", "crop worker", "agricultural labourer", "picker", "saisonnier agricole", "ouvrier maraicher"}},
	{"9212", 0, []string{"livestock worker", "ouvrier elevage", "dairy worker", "farm animal worker", "berger", "shepherd", "poultry worker", "ouvrier avicole"}},
	{"9214", 0, []string{"greenhouse worker", "horticultural worker", "ouvrier horticole", "ouvrier serre", "nursery worker", "garden labourer"}},
	{"6113", 0, []string{"gardener", "jardinier", "horticulteur", "landscaper", "paysagiste"}},
	{"6121", 0, []string{"eleveur", "livestock farmer", "cattle farmer", "dairy farmer"}},
	{"6111", 0.75, []string{"agriculteur", "farmer", "cultivateur", "maraicher", "vegetable grower"}},
	{"6222", 0, []string{"fisherman", "pecheur", "fisher"}},
	{"1311", 0, []string{"farm manager", "chef exploitation agricole", "plantation manager", "responsable exploitation agricole"}},

	// Building, crafts and trades.
	{"7112", 0, []string{"macon", "mason", "bricklayer", "brick layer", "block layer"}},
	{"7113", 0, []string{"stonemason", "tailleur pierre", "stone cutter"}},
	{"7114", 0, []string{"ferrailleur", "steel fixer", "rebar", "concrete finisher", "coffreur", "formwork carpenter", "shuttering carpenter", "concrete worker"}},
	{"7115", 0, []string{"carpenter", "charpentier", "joiner", "menuisier batiment", "menuisier coffreur"}},
	{"7522", 0, []string{"menuisier", "ebeniste", "cabinet maker", "furniture maker", "menuisier ebeniste"}},
	{"7126", 0, []string{"plombier", "plumber", "pipe fitter", "pipefitter", "plombier sanitaire"}},
	{"7411", 0, []string{"electricien", "electrician", "electricien batiment", "building electrician", "installateur electrique"}},
	{"7412", 0, []string{"electricien industriel", "industrial electrician", "electromecanicien", "electrical fitter", "electromechanic"}},
	{"2151", 0, []string{"ingenieur electricien", "electrical engineer", "ingenieur electrique", "ingenieur electrotechnique"}},
	{"3113", 0, []string{"technicien electricien", "electrical technician", "technicien electricite", "technicien electrotechnique"}},
	{"7212", 0, []string{"soudeur", "welder", "welding", "soudeur tuyauteur", "soudeur monteur"}},
	{"7213", 0, []string{"tolier", "sheet metal worker", "chaudronnier"}},
	{"7214", 0, []string{"structural steel erector", "steel erector", "charpentier metallique"}},
	{"7122", 0, []string{"carreleur", "tiler", "tile setter", "floor layer"}},
	{"7131", 0, []string{"peintre batiment", "painter", "peintre", "building painter", "house painter"}},
	{"7123", 0, []string{"platrier", "plasterer", "plaquiste", "drywall installer"}},
	{"7121", 0, []string{"couvreur", "roofer"}},
	{"7125", 0, []string{"vitrier", "glazier"}},
	{"7127", 0, []string{"hvac technician", "frigoriste", "climatisation", "refrigeration technician", "air conditioning technician", "technicien froid", "technicien froid climatisation"}},
	{"7119", 0, []string{"scaffolder", "echafaudeur"}},
	{"9313", 0.75, []string{"construction worker", "ouvrier batiment", "manoeuvre", "labourer", "laborer", "construction labourer", "general labourer", "manoeuvre batiment", "aide macon", "helper construction"}},
	{"9312", 0, []string{"civil engineering labourer", "ouvrier travaux publics", "road worker", "manoeuvre travaux publics"}},
	{"3123", 0, []string{"chef chantier", "site supervisor", "conducteur travaux", "construction supervisor", "foreman", "contremaitre", "site foreman", "superviseur chantier"}},
	{"1323", 0, []string{"construction manager", "directeur travaux", "project manager construction"}},
	{"3112", 0, []string{"technicien genie civil", "civil engineering technician", "technicien btp", "technicien batiment"}},
	{"2161", 0, []string{"architecte", "architect"}},
	{"2165", 0, []string{"geometre", "surveyor", "topographe", "land surveyor", "cartographe", "cartographer"}},
	{"3118", 0, []string{"draughtsman", "dessinateur", "draftsman", "autocad", "dessinateur projeteur"}},
	{"7231", 0, []string{"mecanicien", "mechanic", "car mechanic", "auto mechanic", "mecanicien auto", "mecanicien automobile", "motor mechanic", "vehicle mechanic", "diesel mechanic"}},
	{"7233", 0, []string{"heavy equipment mechanic", "mecanicien engin", "mecanicien engins lourds", "plant mechanic", "industrial mechanic", "mecanicien industriel"}},
	{"7232", 0, []string{"aircraft mechanic", "mecanicien avion", "aircraft maintenance technician"}},
	{"7223", 0, []string{"machinist", "tourneur", "fraiseur", "cnc operator", "operateur cnc", "tourneur fraiseur"}},
	{"7531", 0, []string{"tailleur", "tailor", "couturier", "dressmaker", "seamstress", "modiste"}},
	{"8153", 0, []string{"sewing machine operator", "operateur machine coudre", "piqueur", "machiniste couture"}},
	{"7536", 0, []string{"cordonnier", "shoemaker", "shoe repairer"}},
	{"7512", 0, []string{"boulanger", "baker", "patissier", "pastry cook", "pastry chef", "boulanger patissier"}},
	{"7511", 0, []string{"boucher", "butcher", "meat cutter", "ouvrier abattoir", "meat processing worker", "slaughterer", "poissonnier", "fishmonger"}},
	{"8111", 0, []string{"miner", "mineur", "mine worker", "underground miner"}},
	{"2144", 0, []string{"mechanical engineer", "ingenieur mecanique", "ingenieur mecanicien"}},
	{"2145", 0, []string{"chemical engineer", "ingenieur chimiste", "ingenieur chimie"}},
	{"2146", 0, []string{"mining engineer", "ingenieur mine", "metallurgist", "ingenieur metallurgiste"}},
	{"2141", 0, []string{"industrial engineer", "ingenieur industriel", "production engineer", "ingenieur production", "process engineer", "ingenieur procede"}},
	{"2152", 0, []string{"electronics engineer", "ingenieur electronique", "ingenieur electronicien"}},
	{"2143", 0, []string{"environmental engineer", "ingenieur environnement"}},
	{"2114", 0, []string{"geologist", "geologue", "hydrogeologist", "hydrogeologue", "geophysicist"}},
	{"2113", 0, []string{"chemist", "chimiste"}},

	// Hotels, restaurants, homes, personal services.
	{"5120", 0, []string{"cuisinier", "cook", "commis cook", "line cook", "cuisine", "cuisinier collectivite", "cook chef"}},
	{"3434", 0, []string{"chef cuisinier", "head chef", "executive chef", "sous chef", "chef cuisine", "chef partie", "chef de partie"}},
	{"9412", 0, []string{"commis cuisine", "kitchen helper", "kitchen assistant", "aide cuisinier", "aide cuisine", "plongeur", "dishwasher", "kitchen porter", "kitchen steward"}},
	{"9411", 0, []string{"fast food", "fast food crew", "equipier restauration rapide"}},
	{"5131", 0, []string{"serveur", "waiter", "waitress", "waiting staff", "chef rang", "commis salle", "food server"}},
	{"5132", 0, []string{"barman", "bartender", "barista", "barmaid"}},
	{"9112", 0, []string{"femme chambre", "room attendant", "chambermaid", "hotel housekeeper", "valet chambre", "cleaner", "agent entretien", "agent nettoyage", "agent menage", "nettoyeur", "janitor", "technicien surface", "cleaning operative", "office cleaner", "housekeeping attendant", "laundry attendant"}},
	{"9111", 0, []string{"housekeeper", "femme menage", "domestic worker", "travailleur domestique", "employe maison", "aide menagere", "house maid", "housemaid", "maid", "domestique", "menagere", "domestic helper", "domestic cleaner", "house help", "houseboy"}},
	{"5311", 0, []string{"nanny", "nounou", "babysitter", "baby sitter", "garde enfant", "au pair", "child minder", "childminder", "child care worker"}},
	{"5152", 0, []string{"gouvernante", "domestic housekeeper", "butler", "majordome", "house manager"}},
	{"5153", 0, []string{"caretaker", "concierge", "gardien immeuble", "building caretaker"}},
	{"1411", 0, []string{"hotel manager", "directeur hotel", "gerant hotel"}},
	{"1412", 0, []string{"restaurant manager", "gerant restaurant", "directeur restaurant"}},
	{"5113", 0, []string{"tour guide", "guide touristique", "guide"}},
	{"5141", 0, []string{"coiffeur", "hairdresser", "barber", "barbier", "hair stylist"}},
	{"3255", 0, []string{"masseur", "massage therapist", "physiotherapy assistant"}},
	{"5142", 0, []string{"spa therapist", "estheticien", "beautician", "manucure", "manicurist", "make up artist", "maquilleur", "beauty therapist"}},
	{"9122", 0, []string{"car washer", "laveur voiture", "vehicle cleaner"}},
	{"9611", 0, []string{"garbage collector", "eboueur", "refuse collector", "waste collector"}},
	{"9613", 0, []string{"street sweeper", "balayeur", "sweeper"}},

	// Sales and customer service.
	{"5223", 0, []string{"vendeur", "sales assistant", "shop assistant", "conseiller vente", "sales associate", "retail assistant", "shop attendant", "vendeur magasin"}},
	{"3322", 0, []string{"commercial", "sales representative", "delegue commercial", "agent commercial", "technico commercial", "sales executive", "business developer", "sales officer", "charge clientele", "account manager", "sales agent", "attache commercial", "representant commercial", "sales representative"}},
	{"1221", 0, []string{"sales manager", "directeur commercial", "responsable commercial", "head sales", "sales director", "chef ventes", "directeur vente"}},
	{"2433", 0, []string{"delegue medical", "medical representative", "visiteur medical", "medical sales representative"}},
	{"4222", 0, []string{"call center agent", "call centre agent", "teleconseiller", "customer service", "service client", "conseiller clientele", "customer care", "customer service representative", "contact center agent"}},
	{"5244", 0, []string{"telemarketer", "televendeur", "telemarketing", "teleprospecteur"}},
	{"9334", 0, []string{"merchandiser", "shelf filler", "shelf stacker", "mise rayon", "employe libre service"}},
	{"5245", 0, []string{"pompiste", "service station attendant", "petrol attendant", "fuel attendant"}},

	// Elementary work in factories and warehouses.
	{"9321", 0, []string{"packer", "emballeur", "ouvrier emballage", "hand packer", "packing operative", "conditionneur"}},
	{"9329", 0.7, []string{"factory worker", "ouvrier usine", "production worker", "operateur production", "agent production", "production operative", "ouvrier production", "production line worker"}},
	{"9333", 0.75, []string{"warehouse worker", "manutentionnaire", "warehouse operative", "freight handler", "order picker", "preparateur commande", "mover", "demenageur", "porter", "porteur", "docker", "loader", "warehouse associate", "picker packer"}},

	// Security.
	{"5414", 0, []string{"security guard", "agent securite", "gardien", "vigile", "watchman", "guard", "agent gardiennage", "security agent", "gate keeper", "gatekeeper"}},
	{"5412", 0, []string{"police officer", "policier", "agent police"}},
	{"5411", 0, []string{"firefighter", "pompier", "sapeur pompier", "fire fighter"}},

	// Teaching.
	{"2341", 0, []string{"instituteur", "primary teacher", "primary school teacher", "enseignant primaire", "maitre ecole", "professeur ecole", "elementary teacher", "elementary school teacher"}},
	{"2330", 0, []string{"secondary teacher", "secondary school teacher", "professeur lycee", "professeur college", "enseignant secondaire", "high school teacher", "mathematics teacher", "math teacher", "maths teacher", "professeur mathematique", "enseignant mathematique", "enseignant physique", "enseignant svt", "enseignant science", "science teacher", "physics teacher", "professeur physique", "professeur science", "biology teacher", "chemistry teacher", "history teacher", "professeur histoire", "professeur svt"}},
	// A language teacher outside the school system: other language teachers.
	{"2353", 0.7, []string{"english teacher", "professeur anglais", "language teacher", "esl teacher", "teacher english", "professeur francais", "french teacher", "fle", "enseignant anglais", "enseignant francais", "professeur langue", "tefl", "language instructor"}},
	{"2342", 0, []string{"kindergarten teacher", "preschool teacher", "pre school teacher", "educatrice petite enfance", "educateur jeune enfant", "enseignant maternelle", "early childhood", "early childhood educator", "nursery teacher", "jardiniere enfant"}},
	{"2310", 0, []string{"lecturer", "university teacher", "enseignant chercheur", "professeur universite", "assistant professor", "associate professor", "maitre conference", "university lecturer", "professor"}},
	{"2320", 0, []string{"vocational teacher", "formateur technique", "formateur professionnel", "vocational trainer", "vocational instructor", "tvet instructor", "tvet teacher"}},
	{"2352", 0, []string{"special needs teacher", "enseignant specialise", "special education teacher"}},
	{"5312", 0, []string{"teaching assistant", "teacher aide", "assistant enseignant", "teacher assistant", "classroom assistant"}},
	{"2351", 0, []string{"education officer", "education specialist", "specialiste education", "charge education", "conseiller pedagogique", "pedagogical advisor", "education advisor", "education adviser", "curriculum specialist", "inspecteur pedagogique"}},
	{"2356", 0, []string{"it trainer", "formateur informatique", "ict trainer"}},
	{"2359", 0.7, []string{"tutor", "repetiteur", "private tutor"}},
	{"1345", 0, []string{"headteacher", "head teacher", "directeur ecole", "school director", "proviseur", "school principal", "directrice ecole", "education manager"}},

	// Research and social sciences.
	{"2632", 0, []string{"sociologist", "sociologue", "anthropologist", "anthropologue"}},

	// Managers.
	{"1120", 0, []string{"country director", "directeur pays", "country representative", "representant pays", "chief executive", "ceo", "directeur general", "executive director", "directeur executif", "managing director", "country manager", "directrice pays"}},
	{"1342", 0, []string{"health manager", "hospital director", "directeur hopital", "medical coordinator", "coordinateur medical", "health coordinator", "coordinateur sante", "directeur sante"}},
	{"1344", 0, []string{"social welfare manager", "protection manager", "protection coordinator", "coordinateur protection", "child protection manager"}},
}

// roleTitleCodes are lines whose words say a role more than a trade ("Programme Officer",
// "Project Manager", "Teacher", "Chef"): they are used only when no line of titleCodes fits,
// so that "Chargé de projet WASH" is a WASH officer and "Project Officer, Education" an
// education specialist. A project manager is classified by the field of the project; with no
// field given, as a policy administration professional, with less confidence.
var roleTitleCodes = []struct {
	code   string
	conf   float64
	titles []string
}{
	{"2422", 0.8, []string{"programme officer", "program officer", "charge programme", "programme specialist", "program specialist", "programme analyst", "programme associate", "project officer", "charge projet", "programme coordinator", "program coordinator", "coordinateur programme", "coordonnateur programme"}},
	{"2422", 0.6, []string{"project manager", "chef projet", "gestionnaire projet", "project coordinator", "coordinateur projet", "coordonnateur projet", "programme manager", "program manager", "responsable projet"}},
	{"2635", 0.7, []string{"protection officer", "charge protection", "protection", "protection specialist", "protection associate"}},
	{"23", 0.6, []string{"enseignant", "teacher", "professeur", "educator", "teaching"}},
	{"1120", 0.7, []string{"representant", "representant resident", "resident representative", "representative"}},
	{"1219", 0.6, []string{"head office", "chef bureau", "head sub office", "chef sous bureau", "operations manager", "responsable operation", "directeur operation", "administration manager", "responsable administratif", "office director", "chief field office", "head field office"}},
	{"3434", 0.7, []string{"chef"}},
}

// managerOf gives the manager group of some groups: a "Chief, Child Protection" or a "Head of
// Finance" manages the work of 2635 or 2411. It is used when the title has a manager word and
// the line that matched has none.
var managerOf = map[string]string{
	"2635": "1344", "3412": "1344",
	"2221": "1342", "2222": "1342", "221": "1342", "2211": "1342", "2212": "1342",
	"2262": "1342", "2265": "1342", "3253": "1342", "3221": "1342", "5321": "1342",
	"23": "1345", "2310": "1345", "2320": "1345", "2330": "1345", "2341": "1345",
	"2342": "1345", "2351": "1345", "2352": "1345", "2353": "1345", "2359": "1345",
	"2411": "1211", "2412": "1211", "2413": "1211", "3313": "1211", "4311": "1211",
	"2423": "1212", "4416": "1212", "2424": "1212",
	"2511": "1330", "2512": "1330", "2513": "1330", "2514": "1330", "2521": "1330",
	"2522": "1330", "2523": "1330", "2529": "1330", "3512": "1330",
	"2431": "1221", "3322": "1221", "5223": "1221",
	"2432": "1222",
	"3323": "1324", "4321": "1324", "4323": "1324", "9333": "1324",
	"2142": "1323", "3112": "1323", "3123": "1323",
	"5131": "1412",
	"2132": "1311", "3142": "1311",
}

// managerWords are the folded stems that make a title a manager's. "Responsable" is not one:
// French ads use it at every level. "Chef" is one only in "chef de service", "chef de
// section"…, since alone it is a cook in English and a team leader in French.
var managerWords = map[string]bool{
	"manager": true, "head": true, "chief": true, "director": true, "directeur": true,
}

var managerPairs = [][2]string{
	{"chef", "service"}, {"chef", "section"}, {"chef", "division"}, {"chef", "departement"},
	{"chef", "unite"}, {"chef", "bureau"},
}
