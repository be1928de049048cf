package corpus

import (
	"html"
	"math/rand/v2"
	"strconv"
	"strings"
)

// lang holds the sentences of one language.
type lang struct {
	intro, about, profile, conditions, filler, noFee, fee, channel []string
	tasks                                                          map[string][]string
	headTasks, headProfile, headConditions                         string
	apply                                                          []string
}

var french = lang{
	intro: []string{
		"{org} recrute un ou une {title} pour son équipe de {city}.",
		"Dans le cadre du renforcement de ses activités à {city}, {org} recherche un(e) {title}.",
		"{org} lance un appel à candidatures pour le poste de {title} basé à {city}.",
		"Nous recherchons un(e) {title} motivé(e) pour rejoindre {org} à {city}.",
	},
	about: []string{
		"{org} intervient depuis plus de vingt ans dans la région et emploie du personnel de nombreuses nationalités.",
		"{org} place l'égalité des chances au cœur de sa politique de recrutement et encourage les candidatures féminines.",
		"Créée il y a quinze ans, notre structure accompagne des milliers de bénéficiaires chaque année.",
		"{org} est un employeur engagé pour la diversité, la protection des données et la sécurité au travail.",
	},
	tasks: map[string][]string{
		"health": {"assurer les soins infirmiers et le suivi des patients", "administrer les traitements selon les prescriptions médicales",
			"accompagner les personnes âgées dans les actes de la vie quotidienne", "tenir à jour les dossiers médicaux",
			"participer aux campagnes de vaccination et de santé communautaire", "surveiller les paramètres vitaux et signaler toute anomalie",
			"préparer le matériel stérile du bloc opératoire", "éduquer les familles sur l'hygiène et la nutrition"},
		"it": {"développer et maintenir des applications web et mobiles", "analyser les données et produire des tableaux de bord",
			"administrer les serveurs, les réseaux et la sauvegarde", "rédiger la documentation technique",
			"assurer le support informatique des utilisateurs", "concevoir des bases de données et des requêtes SQL",
			"mettre en place des outils de collecte de données sur tablette", "sécuriser les systèmes d'information"},
		"admin": {"tenir la comptabilité générale et préparer les états financiers", "gérer les achats, les appels d'offres et les contrats",
			"organiser la logistique des missions et des ateliers", "suivre les dossiers du personnel et la paie",
			"accueillir et orienter les visiteurs et les appels", "préparer les rapports financiers pour les bailleurs",
			"gérer les stocks de l'entrepôt et les inventaires", "classer et archiver les documents administratifs"},
		"farm": {"récolter les fruits et légumes selon les consignes", "entretenir les cultures sous serre",
			"conduire le tracteur et le matériel agricole", "nourrir et soigner les volailles et le bétail",
			"trier, calibrer et conditionner la production", "appliquer les traitements phytosanitaires en sécurité",
			"irriguer les parcelles et entretenir le système goutte-à-goutte", "appuyer les coopératives de producteurs"},
		"trades": {"réaliser les travaux de maçonnerie et de coffrage", "souder des pièces métalliques selon les plans",
			"installer et dépanner les réseaux électriques", "conduire un camion et livrer les marchandises",
			"entretenir les véhicules et les engins de chantier", "respecter les règles de sécurité sur le chantier",
			"lire les plans et préparer les matériaux", "poser la plomberie sanitaire et le chauffage"},
		"services": {"préparer les repas dans le respect des normes d'hygiène", "accueillir les clients de l'hôtel",
			"assurer le nettoyage des chambres et des espaces communs", "servir en salle et au bar",
			"veiller à la sécurité des personnes et des biens", "encaisser et tenir la caisse",
			"s'occuper des enfants et de l'entretien de la maison", "réceptionner et ranger les marchandises"},
		"programme": {"coordonner la mise en œuvre du programme et le suivi des partenaires", "rédiger les rapports narratifs pour les bailleurs",
			"organiser des ateliers de formation avec les autorités locales", "assurer le suivi-évaluation et la collecte des indicateurs",
			"appuyer la protection des enfants et des personnes vulnérables", "sensibiliser les communautés sur la migration sûre",
			"animer des séances d'orientation avant le départ", "mobiliser les partenaires techniques et financiers"},
	},
	headTasks: "Missions", headProfile: "Profil recherché", headConditions: "Conditions",
	profile: []string{
		"Diplôme de niveau {level} dans le domaine concerné.", "Au moins {years} ans d'expérience professionnelle.",
		"Maîtrise du français ; l'anglais est un atout.", "Permis de conduire valide exigé.",
		"Bonne condition physique et capacité à travailler en équipe.", "Maîtrise des outils bureautiques (Word, Excel).",
		"Sens de l'organisation, rigueur et discrétion.", "Une première expérience à l'international est appréciée.",
	},
	conditions: []string{
		"Contrat de {months} mois renouvelable.", "Salaire selon la grille en vigueur, heures supplémentaires payées.",
		"Logement fourni par l'employeur.", "Billet d'avion et visa de travail pris en charge par l'employeur.",
		"Assurance maladie et congés payés.", "Poste à temps plein, 40 heures par semaine.",
		"Prise de poste immédiate.", "Formation à l'arrivée assurée par l'entreprise.",
	},
	filler: []string{
		"Les candidatures des personnes vivant avec un handicap sont vivement encouragées.",
		"Seuls les candidats présélectionnés seront contactés pour un entretien.",
		"Le poste est ouvert aux ressortissants des pays de la CEDEAO.",
		"Le ou la titulaire travaillera sous la supervision directe du chef de service.",
		"Des déplacements fréquents sont à prévoir dans les régions.",
		"L'équipe est composée de professionnels expérimentés et bienveillants.",
		"Le dossier comprend un CV, une lettre de motivation et les copies des diplômes.",
		"Les entretiens auront lieu à Lomé ou par visioconférence.",
		"Une période d'essai de trois mois est prévue.",
		"Le respect du code de conduite et de la politique de protection est exigé.",
	},
	noFee: []string{
		"{org} ne demande aucun frais à aucune étape du processus de recrutement.",
		"Le recrutement est entièrement gratuit pour les candidats.",
		"Aucun frais n'est demandé aux candidats.",
	},
	fee: []string{
		"Frais de dossier : {amount} FCFA à verser avant le départ.",
		"Une caution de {amount} FCFA est demandée au candidat pour réserver le poste.",
		"Les frais de visa et de billet d'avion sont à la charge du candidat ({amount} FCFA).",
	},
	channel: []string{
		"Contactez-nous uniquement sur WhatsApp au +228 9{phone}.",
		"Envoyez votre dossier sur WhatsApp : +228 7{phone}.",
	},
	apply: []string{
		"<p>Envoyez votre CV et votre lettre de motivation à recrutement@{org} avant la date limite.</p>",
		"<p>Postulez en ligne sur https://{org}/carrieres en indiquant la référence de l'offre.</p>",
		"<p>Déposez votre dossier à l'agence ANPE la plus proche ou postulez sur https://{org}.</p>",
	},
}

var english = lang{
	intro: []string{
		"{org} is looking for a {title} to join its team in {city}.",
		"To strengthen its operations in {city}, {org} is recruiting a {title}.",
		"{org} invites applications for the position of {title} based in {city}.",
		"We are hiring a motivated {title} to work with {org} in {city}.",
	},
	about: []string{
		"{org} has worked in the region for over twenty years and employs staff of many nationalities.",
		"{org} is committed to equal opportunities and strongly encourages women to apply.",
		"Founded fifteen years ago, our organisation supports thousands of people every year.",
		"{org} is an employer committed to diversity, data protection and safety at work.",
	},
	tasks: map[string][]string{
		"health": {"provide nursing care and follow up patients", "administer treatments as prescribed by physicians",
			"support elderly people with daily living activities", "keep medical records up to date",
			"take part in vaccination and community health campaigns", "monitor vital signs and report any change",
			"prepare sterile equipment for the operating theatre", "educate families on hygiene and nutrition"},
		"it": {"develop and maintain web and mobile applications", "analyse data and build dashboards",
			"administer servers, networks and backups", "write technical documentation",
			"provide IT support to users", "design databases and SQL queries",
			"set up mobile data collection tools", "secure information systems"},
		"admin": {"keep the general ledger and prepare financial statements", "manage procurement, tenders and contracts",
			"organise logistics for missions and workshops", "follow personnel files and payroll",
			"welcome visitors and answer calls", "prepare financial reports for donors",
			"manage warehouse stock and inventories", "file and archive administrative documents"},
		"farm": {"harvest fruit and vegetables following instructions", "maintain greenhouse crops",
			"drive the tractor and farm machinery", "feed and care for poultry and livestock",
			"sort, grade and pack the produce", "apply crop protection products safely",
			"irrigate the plots and maintain the drip system", "support producer cooperatives"},
		"trades": {"carry out masonry and formwork", "weld metal parts according to drawings",
			"install and repair electrical networks", "drive a truck and deliver goods",
			"maintain vehicles and construction machinery", "follow health and safety rules on site",
			"read drawings and prepare materials", "install plumbing and heating"},
		"services": {"prepare meals following hygiene standards", "welcome hotel guests",
			"clean rooms and common areas", "serve customers in the restaurant and bar",
			"ensure the safety of people and property", "handle the cash register",
			"look after children and the household", "receive and store goods"},
		"programme": {"coordinate programme implementation and follow up partners", "write narrative reports for donors",
			"organise training workshops with local authorities", "run monitoring and evaluation and collect indicators",
			"support the protection of children and vulnerable people", "raise community awareness of safe migration",
			"run pre-departure orientation sessions", "mobilise technical and financial partners"},
	},
	headTasks: "Responsibilities", headProfile: "Requirements", headConditions: "What we offer",
	profile: []string{
		"A {level} degree in a relevant field.", "At least {years} years of professional experience.",
		"Fluency in English; French is an asset.", "A valid driving licence.",
		"Good physical condition and ability to work in a team.", "Good command of office software (Word, Excel).",
		"Organised, accurate and discreet.", "Previous international experience is an advantage.",
	},
	conditions: []string{
		"A {months}-month renewable contract.", "Salary according to the scale in force, overtime paid.",
		"Accommodation provided by the employer.", "Flight and work visa paid by the employer.",
		"Health insurance and paid leave.", "Full-time position, 40 hours a week.",
		"Immediate start.", "Training on arrival provided by the company.",
	},
	filler: []string{
		"Applications from persons with disabilities are strongly encouraged.",
		"Only shortlisted candidates will be contacted for an interview.",
		"The position is open to nationals of ECOWAS member states.",
		"The incumbent will work under the direct supervision of the head of unit.",
		"Frequent travel to the field is expected.",
		"The team is made of experienced and supportive professionals.",
		"Applications include a CV, a cover letter and copies of diplomas.",
		"Interviews will take place in Lomé or by video call.",
		"A three-month probation period applies.",
		"Staff must respect the code of conduct and the safeguarding policy.",
	},
	noFee: []string{
		"{org} does not charge a fee at any stage of the recruitment process.",
		"Recruitment is entirely free of charge for candidates.",
		"No fee is requested from applicants.",
	},
	fee: []string{
		"A processing fee of {amount} FCFA must be paid before departure.",
		"Candidates must pay a deposit of {amount} FCFA to reserve the position.",
		"Visa and flight costs are paid by the candidate ({amount} FCFA).",
	},
	channel: []string{
		"Contact us only on WhatsApp at +228 9{phone}.",
		"Send your application by WhatsApp: +228 7{phone}.",
	},
	apply: []string{
		"<p>Send your CV and cover letter to jobs@{org} before the deadline.</p>",
		"<p>Apply online at https://{org}/careers quoting the vacancy reference.</p>",
		"<p>Apply through https://{org}/vacancies; incomplete applications will not be considered.</p>",
	},
}

// fill replaces the {name} placeholders of a template by the values given as name, value pairs.
func fill(t string, pairs ...string) string {
	if !strings.Contains(t, "{") {
		return t
	}
	return strings.NewReplacer(pairs...).Replace(t)
}

// description assembles an offer's description (0.5–3 KB of HTML) and its how-to-apply.
func (g *Generator) description(r *rand.Rand, occ occupation, org organisation, fr bool, city string) (string, string) {
	l := &english
	if fr {
		l = &french
	}
	title := occ.en
	if fr {
		title = occ.fr
	}
	orgName := org.en
	if fr {
		orgName = org.fr
	}
	target := 500 + r.IntN(2500)
	var b strings.Builder
	b.Grow(target + 512)
	p := func(s string) { b.WriteString("<p>" + html.EscapeString(s) + "</p>") }
	p(fill(pick(r, l.intro), "{org}", orgName, "{title}", lowerFirst(title), "{city}", city))
	b.WriteString("<p><strong>" + l.headTasks + "</strong></p><ul>")
	tasks := l.tasks[occ.domain]
	for _, k := range r.Perm(len(tasks))[:3+r.IntN(5)] {
		b.WriteString("<li>" + html.EscapeString(tasks[k]) + "</li>")
	}
	b.WriteString("</ul>")
	redFlag := r.Float64() < g.RedFlagShare
	noFee := !redFlag && r.Float64() < g.NoFeeShare
	if b.Len() < target {
		levels := []string{"bac+2", "bac+3", "master", "BTS", "CAP"}
		if !fr {
			levels = []string{"bachelor's", "master's", "technical", "vocational", "university"}
		}
		b.WriteString("<p><strong>" + l.headProfile + "</strong></p><ul>")
		for _, k := range r.Perm(len(l.profile))[:2+r.IntN(4)] {
			b.WriteString("<li>" + html.EscapeString(fill(l.profile[k], "{level}", pick(r, levels), "{years}", strconv.Itoa(1+r.IntN(8)))) + "</li>")
		}
		b.WriteString("</ul>")
	}
	if b.Len() < target {
		b.WriteString("<p><strong>" + l.headConditions + "</strong></p><ul>")
		for _, k := range r.Perm(len(l.conditions))[:2+r.IntN(3)] {
			b.WriteString("<li>" + html.EscapeString(fill(l.conditions[k], "{months}", strconv.Itoa(6*(1+r.IntN(4))))) + "</li>")
		}
		b.WriteString("</ul>")
	}
	if redFlag {
		p(fill(pick(r, l.fee), "{amount}", strconv.Itoa(50000*(1+r.IntN(10)))) + " " +
			fill(pick(r, l.channel), "{phone}", strconv.Itoa(1000000+r.IntN(8999999))))
	}
	for b.Len() < target-80 {
		if r.IntN(3) == 0 {
			p(fill(pick(r, l.about), "{org}", orgName))
		} else {
			p(pick(r, l.filler) + " " + pick(r, l.filler))
		}
	}
	if noFee {
		p(fill(pick(r, l.noFee), "{org}", orgName))
	}
	return b.String(), fill(pick(r, l.apply), "{host}", org.host)
}
