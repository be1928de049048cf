package fairrec

// Roles of the phrases. A rule trips on a trigger that has the context it needs and that no
// negation or excuse covers; doc.checkFee and the other checks say how each rule combines them.
const (
	roleFeeStrong         role = iota // a recruitment fee by its name: trips alone
	roleFeeAmbig                      // caution, avance, deposit: a fee only when money is at stake
	roleFeeCost                       // frais, fee, cost: a fee only when asked of the worker or priced
	roleFeeAmount                     // inscription, dossier, participation: a fee only when an amount stands beside it
	roleFeeExclude                    // "avance sur salaire", "direct deposit", "produits frais"…
	roleDemand                        // the worker is asked to pay: "à verser", "obligatoire", "you must pay"
	roleWorkerPays                    // the worker is the payer: "à la charge du candidat", "you must pay"
	roleRecruitCost                   // what a recruitment costs: ticket, visa, medical examination, training
	roleExempt                        // the employer pays: "pris en charge par l'employeur"
	roleFree                          // "gratuit", "free", "néant", "interdit": excuses a fee that has no amount
	roleRefund                        // reimbursed costs and allowances: excuse a cost, never a fee or deposit
	roleNeg                           // a negation, looked for in the few words before a trigger
	roleWarning                       // a fraud warning: "méfiez-vous", "beware of scams"
	roleNoFee                         // the offer says no fee is charged
	roleNoFeeExclude                  // "appel sans frais", "no hidden fees"
	roleTransfer                      // money-transfer services and mobile money
	roleSendMoney                     // "envoyer de l'argent", "send money"
	roleTransferWord                  // "transfert", "transfer": a money transfer only beside money
	roleTransferExclude               // bank transfers, airport transfers
	roleMoney                         // money, payment
	roleSalary                        // the wage: "salaire", "salary", "par mois"
	roleChannel                       // messaging applications and social networks
	roleTouristVisa                   // a tourist or visit visa
	roleDeny                          // "ne permet pas de travailler", "illegal": the text warns against the trigger
	roleNoContract                    // no written contract
	roleNoContractExclude             // "pas de contrat à durée indéterminée"
	rolePassport                      // the passport
	roleRetention                     // kept, confiscated, handed over
	rolePassportOK                    // a copy of the passport; kept by the worker
	roleAuthority                     // an embassy or consulate, which does hold passports for visas
	roleUrgency                       // pressure to act fast
	roleUrgencySelf                   // pressure to pay or leave fast, in one phrase
	roleUrgencyCtx                    // money or departure, which make urgency pressure
	roleSalaryBait                    // "gagnez jusqu'à", "high salary guaranteed"
	numRoles
)

// The roles of a segment, clause or sentence are bits of a uint64.
var _ [64 - numRoles]struct{}

// Words shared by several phrases.
const (
	employers = "employeur|employeurs|entreprise|entreprises|societe|agence|organisation|organisme|etat|anpe|structure|gouvernement|projet|programme|partenaire|recruteur|compagnie|patron|ferme|exploitation|hotel|groupe|employer|employers|company|organization|agency|government|project|program|client|farm|sponsor|sponsors|us|nous|we"
	workers   = "candidat|candidats|candidate|candidates|postulant|postulants|travailleur|travailleurs|demandeur|demandeurs|beneficiaire|beneficiaires|migrant|migrants|salarie|salaries|employe|employes|recrue|recrues|applicant|applicants|worker|workers|employee|employees|jobseeker|jobseekers|you|vous"
	salaryW   = "salaire|salaires|salary|salaries|wage|wages|remuneration"
)

// lexicon is every phrase of the rules, compiled once; it is read-only.
var lexicon = compile([]group{
	{role: roleFeeStrong, phrases: []string{
		"frais de|d dossier|dossiers|inscription|inscriptions|recrutement|placement|traitement|procedure|procedures|agence|candidature|candidatures|selection|courtage|intermediation|intermediaire|reservation|demarche|demarches|constitution|ouverture|enregistrement|adhesion|prospection|gestion|mise|service|services|embauche|engagement|positionnement|accompagnement",
		"frais administratifs|administratif",
		"droit|droits d|de inscription|dossier|entree|adhesion|embauche",
		"participation|contribution aux|au frais",
		"participation|contribution financiere",
		"commission de|d placement|recrutement|agence|intermediation|embauche",
		"depot de garantie|caution",
		"recruitment|registration|processing|placement|application|agency|agent|service|booking|reservation|enrollment|enrolment|admin|administrative|administration|handling|documentation|file|commitment|consultancy|consulting|hiring|job|training|onboarding|sponsorship|medical fee|fees",
		"visa processing fee|fees",
		"security deposit|deposits",
		"advance fee|fees|payment|payments",
		"upfront fee|fees|payment|payments|cost|costs",
		"up front fee|fees|payment|payments",
		"pay|paid upfront",
		"pay in advance",
		"paiement|paiements|versement anticipe|prealable",
		"paiement|paiements|versement a l avance",
		"paiement|paiements|versement d avance",
	}},
	{role: roleFeeAmbig, phrases: []string{"caution", "cautions", "avance", "avances", "deposit", "deposits"}},
	{role: roleFeeCost, phrases: []string{"frais", "fee", "fees", "cout", "couts", "cost", "costs", "coute", "coutent", "coutera"}},
	{role: roleFeeAmount, phrases: []string{"inscription|inscriptions|registration|adhesion|enrolment|enrollment|dossier|dossiers|participation|reservation|booking"}},
	{role: roleFeeExclude, phrases: []string{
		"avance|avances sur ~2 salaire|salaires|paie|remuneration",
		"salary|wage advance|advances",
		"advance|advances on ~2 salary|salaries|wage|wages|pay",
		"direct deposit",
		"en> avance", "merci d avance", "d> avance merci", "avec caution",
		"cout|couts de la vie", "cost|costs of living",
		"produits|produit|fruits|fruit|legumes|legume|aliments|aliment|poissons|poisson|viande|viandes|lait|air|rayon|rayons|denrees frais",
		"au> frais",
	}},
	{role: roleDemand, phrases: []string{
		"exige|exiges|exigee|exigees|exigible|exigibles|obligatoire|obligatoires|requis|requise|requises|payable|payables|required|mandatory|compulsory|imperatif",
		"a> payer|verser|regler|deposer|envoyer|acquitter|prevoir",
		"non remboursable|remboursables|refundable|returnable",
		"payez|versez|reglez|envoyez|deposez|acquittez|pay",
		"vous> devez|devrez|devriez|aurez ~1 payer|verser|regler|envoyer|deposer|prevoir|acquitter",
		"vous> payez|paierez|payerez|verserez|reglerez",
		"il> faut|faudra ~1 payer|verser|regler|prevoir",
		workers + "> doit|doivent|devra|devront ~2 payer|verser|regler|acquitter|envoyer|deposer",
		"a> la> charge du|des|de ~1 " + workers,
		"a> votre|leur|sa> charge",
		"a> vos|ses|leurs ~1 frais",
		"doit|doivent etre paye|payes|payee|payees|verse|verses|versee|versees|regle|regles|reglee|reglees",
		"est|sont|sera|seront> demande|demandes|demandee|demandees",
		"retenu|retenus|retenue|retenues|preleve|preleves|prelevee|prelevees|deduit|deduits|deduite|deduites sur ~2 salaire|salaires|paie|remuneration",
		"nous> demandons|exigeons|facturons",
		workers + "> must|will|shall|should|need|needs|have|has ~2 pay|deposit|send|transfer|wire",
		"to|must> be> paid", "is|are> payable",
		"paid|payable|borne|charged by|to|from ~1 " + workers,
		"at> your> expense", "at> your> own> expense",
		"at> their|his|her> own> expense",
		"at> the> candidate|candidates|applicant|applicants|worker|workers|employee|employees ~1 expense",
		"deducted from ~2 salary|salaries|wage|wages|pay|earnings|paycheck",
		"we> charge|require|request|collect",
		"charge|charges a|an ~2 fee|fees",
		"veuillez|merci|priere ~1 payer|verser|regler|envoyer|deposer|transferer|acquitter",
		"send|pay|transfer|wire|submit your|the|a ~2 deposit|fee|fees|payment|money",
		"envoyez|payez|versez|reglez|envoyer|payer|verser|regler votre|vos|la|les|le ~1 caution|avance|frais|paiement|montant",
	}},
	{role: roleWorkerPays, phrases: []string{
		workers + "> doit|doivent|devra|devront ~2 payer|verser|regler|acquitter|prevoir|financer|supporter",
		"vous> devez|devrez|aurez ~1 payer|verser|regler|prevoir|financer|supporter",
		"vous> payez|paierez|payerez|verserez|reglerez|financez|financerez",
		"a> la> charge du|des|de ~1 " + workers,
		"a> votre|leur|sa> charge",
		"a> vos|ses|leurs ~1 frais",
		workers + "> must|will|shall|should|need|needs|have|has ~2 pay|deposit|send|transfer|wire|cover|bear|fund",
		"paid|payable|borne by ~1 " + workers,
		"at> your> expense", "at> your> own> expense",
		"at> their|his|her> own> expense",
		"at> the> candidate|candidates|applicant|applicants|worker|workers|employee|employees ~1 expense",
		"payant|payante|payants|payantes",
		"payez|versez|reglez|envoyez|deposez|acquittez|transferez",
		"rembourse|remboursable|remboursables|remboursez|rembourserez|rembourser sur ~2 salaire|salaires|paie|remuneration",
		"repay|repaid|repayable ~3 salary|salaries|wage|wages|earnings",
		"retenu|retenus|retenue|retenues|preleve|preleves|prelevee|prelevees|deduit|deduits|deduite|deduites sur ~2 salaire|salaires|paie|remuneration",
		"deducted from ~2 salary|salaries|wage|wages|pay|earnings|paycheck",
	}},
	{role: roleRecruitCost, phrases: []string{
		"billet|billets|vol|vols|flight|flights|ticket|tickets|airfare|visa|visas|medical|medicale|medicales|medicaux|formation|training|passeport|passport|permis|permit|documents|transport|voyage|travel|orientation|examen|examens|examination|test|tests",
	}},
	{role: roleExempt, dir: dirAfter, phrases: []string{
		"pris|prise|prises en charge",
		"paye|payes|payee|payees|finance|finances|financee|financees|supporte|supportes|supportee|supportees|assume|assumes|assumee|assumees|couvert|couverts|couverte|couvertes|offert|offerts|offerte|offertes|fourni|fournis|fournie|fournies|regle|regles par ~2 " + employers,
		"sont|seront|est|sera> couverts|couvert|couverte|couvertes",
		"paid|covered|borne|financed|funded|met|sponsored|provided by ~2 " + employers,
		"are|is|be> covered", "are|is|be> fully|entirely|all> covered",
	}},
	{role: roleExempt, dir: dirBoth, phrases: []string{
		"a> la> charge de|du|d ~1 " + employers,
		"aux frais de|du ~1 " + employers,
		"at> the|our|its> " + employers + " ~1 expense|cost", "at> " + employers + " ~1 expense|cost",
		"employer|employers paid",
	}},
	{role: roleExempt, dir: dirBefore, phrases: []string{
		employers + "> ~2> prend|prendra|prennent|prendront|prenons|paie|paye|paiera|payera|paient|payent|payons|paierons|couvre|couvrira|couvrent|couvrons|assume|assumera|assumons|supporte|supportera|supportons|finance|financera|financons|pays|pay|covers|cover|bears|bear|meets|absorbs|funds|fund|shoulders",
	}},
	{role: roleFree, dir: dirAfter, phrases: []string{
		"gratuit|gratuits|gratuite|gratuites|gratuitement|offert|offerts|offerte|offertes|free|waived|neant|none|nil|zero|0|rien|nothing",
		"interdit|interdits|interdite|interdites|prohibited|illegal|illegaux|illegale|illegales|forbidden|defendu|defendus|banned",
		"not> allowed|permitted",
		"at> no> cost", "free of charge|cost", "without charge", "a> titre gratuit",
	}},
	{role: roleRefund, phrases: []string{
		"rembourse|rembourses|remboursee|remboursees|remboursement|remboursements|reimbursed|reimbursement|refunded",
		"indemnite|indemnites|allocation|allocations|allowance|allowances|perdiem|prime|primes|avantage|avantages|benefit|benefits|bonus|package|stipend|grant|subsidy|subvention",
		"per diem",
	}},
	{role: roleNeg, phrases: []string{
		"sans|aucun|aucune|aucuns|aucunes|pas|ni|jamais|nul|nulle|no|not|never|without|nor|neither|none|zero|cannot|exempt|exempte|exemptes|exemption|refusez|refuser|refuse|evitez|avoid",
		"don|doesn|didn|won|isn|aren|can|shouldn|mustn|wouldn t",
		"free of", "au> lieu de|d", "instead of", "plutot que|qu",
		"interdit|interdits|interdite|interdites|prohibited|illegal|illegale|forbidden|defendu|banned",
	}},
	{role: roleWarning, phrases: []string{
		"mefiez|mefiance|mefier|beware|arnaque|arnaques|arnaqueur|arnaqueurs|escroquerie|escroqueries|escroc|escrocs|fraud|fraude|fraudes|frauduleux|frauduleuse|frauduleuses|fraudulent|fraudster|fraudsters|scam|scams|scammer|scammers|vigilant|vigilante|vigilants|vigilance|fake|trafficking",
		"faux|fausse|fausses recruteur|recruteurs|offre|offres|agence|agences",
		"attention aux|a ~1 offres|arnaques|faux|fausses|escrocs",
		"traite des personnes|etres",
	}},
	{role: roleNoFee, phrases: []string{
		"aucun|aucuns|aucune frais|paiement|somme|contribution|participation|versement|caution|cout",
		"sans frais", "pas de frais",
		"jamais ~2 argent|frais|paiement|somme",
		"demande|demandons|demandera|exige|exigera|facture|facturons|percoit|percevra|reclame|reclamera ~3 aucun|aucune|jamais|pas ~2 frais|argent|paiement|somme",
		"gratuit|gratuits|gratuite|gratuites pour|aux ~2 " + workers,
		"recrutement|service|procedure|processus|inscription|candidature|selection|placement ~3 gratuit|gratuite|gratuits|gratuites",
		"no|zero> fee|fees|charge|charges|cost|costs|payment|payments",
		"no recruitment|placement|registration|processing|application|agency fee|fees|cost|costs",
		"not|never|t> ~1> charge|charges|ask|asks|request|requests|require|requires|collect|collects|accept|accepts ~3 fee|fees|money|payment|payments|deposit",
		"free of charge",
		"at> no> cost to|for ~2 " + workers,
		"free for ~2 " + workers,
		"tous les frais sont|seront ~6 " + employers,
		"tous les frais de|d recrutement|placement|migration|deplacement sont|seront ~6 " + employers,
		"all> ~2> costs|fees|expenses are|will ~3 covered|paid|borne ~3 " + employers,
		"employer|employers pays|pay|will|covers|cover ~2 all ~2 recruitment|placement fees|costs",
		"employer pays principle",
	}},
	{role: roleNoFeeExclude, phrases: []string{
		"appel|appels|numero|ligne|telephone|call sans frais",
		"sans|aucun frais supplementaires|supplementaire|additionnels|additionnel|caches|cache",
		"no additional|extra|hidden|other fee|fees|cost|costs|charge|charges",
	}},
	{role: roleTransfer, phrases: []string{
		"western union", "westernunion", "moneygram", "money gram", "ria money|transfer|envia",
		"worldremit", "world remit", "wari", "t money", "tmoney", "flooz", "moov money",
		"moov africa money", "orange money", "mtn momo|money", "mtn mobile money", "momo",
		"mobile money", "airtel money", "m pesa", "mpesa", "mandat cash|postal|express",
	}},
	{role: roleSendMoney, phrases: []string{
		"transfert|transferts|envoi|envois d argent",
		"transfert|transferts de fonds",
		"envoyer|envoyez|envoie|envoyes|transferer|transferez|virer|virez ~2 argent|somme|montant|fonds",
		"money transfer|transfers",
		"send|sending|transfer|wire ~2 money|funds|cash",
	}},
	{role: roleTransferWord, phrases: []string{"transfert", "transferts", "transfer", "transfers", "transferer", "transferez"}},
	{role: roleTransferExclude, phrases: []string{
		"bank|wire transfer|transfers", "virement|virements bancaire|bancaires",
		"transfert|transferts bancaire|bancaires",
		"transfer of salary|salaries|wages", "salary|wage transfer|transfers",
		"transfert|transferts|transfer|transfers aeroport|airport|hotel",
		"airport|hotel transfer|transfers",
		"transfert|transferts a|de|depuis|vers ~1 aeroport|hotel",
		"transfert|transferts de|des competences|connaissances|technologie|technologies|savoir",
		"transfer of knowledge|skills|technology",
		"knowledge|skills|technology transfer",
	}},
	{role: roleMoney, phrases: []string{
		"argent|money|fonds|funds|cash|espece|especes|paiement|paiements|payer|payez|pay|payment|payments|versement|versements|verser|versez|montant|somme|amount|sum|cotisation",
	}},
	{role: roleSalary, phrases: []string{
		salaryW + "|paie|earn|earns|earning|earnings|gagnez|gagner|gagnerez|revenu|revenus|income|brut|net|gross|mensuel|mensuelle|mensuels|monthly|paid|paye|payes|payee",
		"par|per> mois|month",
	}},
	{role: roleChannel, phrases: []string{
		"whatsapp|whatsap|watsapp|watsap|whatapp|whattsapp|wassap|wasap|watsup|whatsup|telegram|facebook|fb|messenger|instagram|insta|tiktok|viber|inbox|wechat|snapchat",
		"whats app", "tik tok", "wa me", "t me",
		"sur|via|par|on|ou|or|et|and|au> imo|signal",
		"imo|signal app|number|numero",
		"message|messages prive|prives|privee|privees",
		"en> prive|mp|dm|inbox", "direct message|messages", "in|by> dm|inbox",
	}},
	{role: roleTouristVisa, phrases: []string{
		"visa|visas touristique|touristiques|touriste|touristes|visiteur|visiteurs",
		"visa|visas de|d tourisme|touriste|touristes|visite|visiteur|visiteurs",
		"tourist|tourism|visit|visitor|visiting|visitors visa|visas",
		"entrer|entrez|entrerez|voyager|voyagez|voyagerez|partir|partez|partirez|irez|arriverez|travel|travelling|traveling|enter|entering|go|fly|arrive ~3 comme|en|as ~1 touriste|touristes|tourist|tourists|visiteur|visiteurs|visitor|visitors",
	}},
	{role: roleDeny, phrases: []string{
		"permet|permettent|autorise|autorisent pas",
		"interdit|interdits|interdite|prohibited|illegal|illegale|forbidden|banned",
		"not> allowed|permitted|valid|authorized|authorised|legal",
		"not> allow|permit|authorize|authorise",
		"pas> valable|valide|autorise|legal|legale",
		"pas un visa de travail",
		"not> a> work|working|employment visa|permit",
	}},
	{role: roleNoContract, phrases: []string{
		"pas> de> contrat|contrats", "pas> besoin de|d ~1 contrat|contrats",
		"sans> contrat|contrats", "aucun> contrat",
		"contrat|contrats verbal|verbaux|oral|oraux",
		"accord|accords|engagement|entente|arrangement verbal|verbale|verbaux|oral|orale",
		"no> contract|contracts", "no> written contract|contracts|agreement",
		"no> need for|of ~1 contract|contracts",
		"contract|contracts|paperwork not needed|required|necessary",
		"contract|contracts is|are not needed|required|necessary",
		"without> ~2> contract|contracts",
		"verbal|oral agreement|agreements|contract|contracts|deal",
		"contrat|contrats ~2 signe|signes|signer|signera|signerez|signature|remis|donne|fourni|etabli a|des|apres|lors ~2 arrivee",
		"contrat|contrats sur place",
		"contract|contracts ~3 signed|sign|signing|given|provided on|upon|after ~1 arrival|arriving",
		"contract|contracts on|upon arrival",
	}},
	{role: roleNoContractExclude, phrases: []string{
		"pas> de> contrat a|de duree", "aucun> contrat a|de duree", "pas> de> cdi|cdd",
		"no> contract extension|extensions|renewal|renewals",
	}},
	{role: rolePassport, phrases: []string{"passeport|passeports|passport|passports"}},
	{role: roleRetention, phrases: []string{
		"sera|seront|est|sont|serait|seraient|restera|resteront|reste|restent> conserve|conserves|conservee|conservees|garde|gardes|gardee|gardees|retenu|retenus|retenue|retenues|confisque|confisques|confisquee|confisquees|detenu|detenus|detenue|detenues",
		"conserve|conserves|conservee|conservees|garde|gardes|gardee|gardees|retenu|retenue|retenus|retenues|detenu|detenue|detenus|detenues par",
		"confisque|confisques|confisquee|confisquees|confisquer|confisquera|confiscation|confiscated|confiscate|confiscates|confiscating",
		"remettre|remettez|remettrez|remettra|remis|remise|confier|confiez|laisser|laissez ~1 passeport|passeports",
		"be> kept|held|retained|collected|taken|confiscated",
		"is|are|being> kept|held|retained|confiscated",
		"kept|held|retained|taken by",
		"hand|hands|handed|handing over", "surrender|surrenders|surrendered|surrendering",
		"give|leave|deposit> your|the> passport|passports",
		"employeur|employeurs|employer|employers|agence|agency|agent|agents|entreprise|company|sponsor|kafil|patron|recruteur|recruiter|boss> ~3> garde|gardera|gardent|garderont|conserve|conservera|conservent|conserveront|retient|retiendra|retiennent|detient|detiendra|confisque|keeps|keep|holds|hold|retains|retain|takes",
	}},
	{role: rolePassportOK, phrases: []string{
		"copie|copies|photocopie|photocopies|copy|photocopy|scan|scans|scanne|scannee|scanned",
		"par> vous", "par> le> travailleur|salarie|candidat",
		"by> you|yourself", "by> the> worker|employee", "yourself",
		"interdit|interdits|interdite|prohibited|illegal|illegale|forbidden|banned",
		"not> allowed|permitted",
	}},
	{role: roleAuthority, phrases: []string{
		"ambassade|ambassades|consulat|consulats|embassy|embassies|consulate|consulates|vfs|tlscontact|immigration",
	}},
	{role: roleUrgency, phrases: []string{
		"places|place limitees|limitee|limite|limites",
		"nombre de places limite|limitees",
		"places sont limitees",
		"dernieres|derniere places|place|chance",
		"urgent|urgente|urgents|urgentes|urgence|urgemment|vite|immediatement|hurry|immediately|asap",
		"au> plus> vite", "depechez|depeche vous|toi", "faites vite", "ne> tardez|trainez pas",
		"des> maintenant", "aujourd hui meme|seulement|uniquement", "avant> ce> soir", "avant> demain",
		"dans|sous|en|within|in> 24|48|72 h|heures|hours|hrs|hr",
		"premier|premiers arrive|arrives premier|premiers servi|servis",
		"first come first served",
		"limited slots|places|seats|spots|positions|vacancies|offer",
		"only ~2 slots|places|seats|spots left|remaining",
		"slots|places|seats|spots left|remaining",
		"act now|fast|quickly", "don> t> miss", "ne> ratez|manquez pas", "last chance",
		"today only", "right now", "offre limitee",
	}},
	{role: roleUrgencySelf, phrases: []string{
		"payez|payer|versez|verser|reglez|regler|envoyez vite|rapidement|immediatement|maintenant",
		"pay|send|transfer now|today|immediately|quickly|fast|asap",
		"depart|departs immediat|immediats|imminent",
		"immediate departure",
	}},
	{role: roleUrgencyCtx, phrases: []string{
		"payez|payer|paiement|pay|payment|versez|verser|versement|frais|fee|fees|caution|deposit|avance|argent|money|depart|departs|departure|partir|partez|voyage|voyager|voyagez|travel|vol|vols|flight|flights|fly|billet|billets|ticket|tickets|visa|visas|embarquement",
	}},
	{role: roleSalaryBait, phrases: []string{
		salaryW + " tres eleve|eleves|elevee|elevees",
		salaryW + " eleve|eleves garanti|garantis",
		"tres gros|grand|haut ~1 " + salaryW,
		"gros salaire|salaires",
		"gagnez|gagner|gagnerez|gagnerait jusqu a",
		"earn|earning|earns up to",
		"earn as much as",
		"high|huge|big|attractive salary|salaries|income|pay guaranteed",
		"guaranteed high|huge|big salary|salaries|income|pay",
		"very high|huge|big salary|salaries|income|pay|wages",
		"tres bien paye|payes|payee|remunere|remuneres|remuneree",
		"salaire|salaires de reve", "dream salary",
	}},
})
