package fairrec

import (
	"os"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
)

// base is an offer that trips nothing: a named employer and a web page to apply.
func base(description string) Offer {
	return Offer{Title: "Offre d'emploi", Organization: "Hôtel Atlantique SA", Description: description,
		ApplyURL: "https://emplois.example.org/postuler"}
}

// Each row is a sentence as offers write it and the exact flags it must raise.
var checkTests = []struct {
	name  string
	offer Offer
	want  []string
	noFee bool
}{
	// fee: must trip
	{"caution before departure", base("Une caution de 150 000 FCFA à verser avant le départ."), []string{"fee"}, false},
	{"caution lower case", base("caution de 150 000 FCFA à verser avant le départ"), []string{"fee"}, false},
	{"dossier fee by Flooz", base("Frais de dossier : 50 000 F CFA via Flooz"), []string{"fee", "payment_transfer"}, false},
	{"dossier fee compulsory", base("Pas de diplôme requis, frais de dossier obligatoires."), []string{"fee"}, false},
	{"negation of something else", base("Aucun diplôme exigé, frais de dossier 10 000 F."), []string{"fee"}, false},
	{"not a scam", base("Ce n'est pas une arnaque, frais de dossier 20 000 F."), []string{"fee"}, false},
	{"participation", base("Une participation aux frais de 75 000 FCFA est demandée à chaque candidat."), []string{"fee"}, false},
	{"avance exigée", base("Une avance de 200 000 F est exigée pour le billet."), []string{"fee"}, false},
	{"visa fee priced", base("Frais de visa : 300 000 FCFA."), []string{"fee"}, false},
	{"candidates pay visa", base("Les candidats retenus devront payer 250 000 FCFA pour les frais de visa."), []string{"fee"}, false},
	{"worker pays visa fees", base("Visa fees are paid by the worker."), []string{"fee"}, false},
	{"processing fee Western Union", base("Processing fee of $300 payable by Western Union or MoneyGram."), []string{"fee", "payment_transfer"}, false},
	{"security deposit", base("A refundable security deposit of USD 500 is required."), []string{"fee"}, false},
	{"lodging covered does not excuse the deposit", base("Logement pris en charge, caution de 100 000 F à verser."), []string{"fee"}, false},
	{"no fee said, fee asked", base("Aucun frais de recrutement. Caution : 100 000 FCFA à verser à la signature."), []string{"fee"}, false},
	{"wage deduction", base("Les frais de placement seront retenus sur votre salaire."), []string{"fee"}, false},
	{"HTML fee", base("<p><b>Frais&nbsp;d&#39;inscription</b> : 25&nbsp;000&nbsp;FCFA</p>"), []string{"fee"}, false},

	// fee: must not trip
	{"visa costs paid by employer", base("Les frais de visa sont pris en charge par l'employeur."), nil, false},
	{"all costs covered", base("All costs are covered by the employer."), nil, true},
	{"no fee is charged", base("No fee is charged."), nil, true},
	{"aucun frais demandé", base("Aucun frais n'est demandé aux candidats."), nil, true},
	{"UNICEF no fee", base("UNICEF does not charge a fee at any stage of the recruitment process."), nil, true},
	{"UN no fee", base("The United Nations does not charge a fee at any stage of the recruitment process (application, interview meeting, processing, or training)."), nil, true},
	{"transport reimbursed", base("Frais de transport remboursés."), nil, false},
	{"ANPE never asks", base("L'ANPE ne vous demandera jamais de frais de dossier."), nil, true},
	{"list paid by employer", base("Le billet d'avion, le visa et les frais de dossier sont pris en charge par l'employeur."), nil, false},
	{"employer pays the list", base("L'employeur prend en charge le billet d'avion, le visa et les frais de dossier."), nil, false},
	{"negated list", base("Aucun frais de dossier, aucune caution ne vous sera demandée."), nil, true},
	{"warning", base("Méfiez-vous des offres qui demandent des frais de dossier ou une caution."), nil, false},
	{"caution in English", base("Caution: beware of fraudulent offers asking for money."), nil, false},
	{"merci d'avance", base("Merci d'avance pour votre candidature."), nil, false},
	{"deposit a CV", base("Please deposit your application online before 30 June."), nil, false},
	{"transport allowance", base("Indemnité de frais de transport : 50 000 FCFA par mois."), nil, false},
	{"salary advance", base("Une avance sur salaire de 100 000 F peut être accordée après trois mois."), nil, false},
	{"fresh produce", base("Manutentionnaire au rayon produits frais : 1 900 € brut par mois."), nil, false},
	{"gratuit", base("Frais d'inscription : gratuit."), nil, true},

	// payment_transfer
	{"T-Money to reserve", base("Envoyez 20 000 F par T-Money au 90 00 00 00 pour réserver votre place."), []string{"fee", "payment_transfer"}, false},
	{"MoMo payment", base("Paiement par MTN MoMo avant la signature du contrat."), []string{"payment_transfer"}, false},
	{"send money warning", base("Never send money via Western Union, MoneyGram or mobile money."), nil, false},
	{"bank transfer of salary", base("Paiement du salaire par virement bancaire."), nil, false},
	{"salary by Orange Money", base("Salaire payé chaque mois par Orange Money."), nil, false},
	{"money transfer agency", base("Agence de transfert d'argent recrute des caissiers."), nil, false},
	{"remittances", base("Vous pourrez envoyer de l'argent à votre famille chaque mois."), nil, false},
	{"airport transfer", base("Free airport transfer on arrival."), nil, false},
	{"skills transfer", base("Le transfert de compétences est au cœur du projet."), nil, false},

	// tourist_visa
	{"visa touristique", base("Vous voyagerez avec un visa touristique, le permis de travail sera fait sur place."), []string{"tourist_visa"}, false},
	{"visit visa converted", base("You will travel on a visit visa which will be converted to a work visa."), []string{"tourist_visa"}, false},
	{"visa visiteur", base("Départ avec visa visiteur, régularisation sur place."), []string{"tourist_visa"}, false},
	{"NOT a tourist visa", base("You will NOT travel on a tourist visa; a work permit is provided."), nil, false},
	{"tourist visa does not allow", base("A tourist visa does not allow you to work in Dubai."), nil, false},
	{"visa de tourisme ne permet pas", base("Un visa de tourisme ne permet pas de travailler en Europe."), nil, false},

	// messaging_only
	{"WhatsApp or e-mail", Offer{Title: "Chauffeurs", Organization: "Transports Kodjo", Description: "Envoyez votre CV par WhatsApp ou par e-mail à rh@example.org"}, nil, false},
	{"WhatsApp only", Offer{Title: "Chauffeurs", Organization: "Transports Kodjo", Description: "Envoyez votre CV par WhatsApp au +228 90 12 34 56."}, []string{"messaging_only"}, false},
	{"Telegram only", Offer{Title: "Drivers", Organization: "Gulf Star Transport LLC", Description: "Contact us on Telegram for details."}, []string{"messaging_only"}, false},
	{"phone only", Offer{Title: "Maçons", Organization: "BTP Lomé", Description: "Pour postuler, appelez le 90 12 34 56."}, []string{"messaging_only"}, false},
	{"Togolese fixed line", Offer{Title: "Maçons", Organization: "ANPE Kara", Description: "Pour plus d'informations, contactez l'agence de Kara au (+228) 26 60 00 00."}, nil, false},
	{"wa.me apply link", Offer{Title: "Nannies", Organization: "Happy Homes", ApplyURL: "https://wa.me/97150123456"}, []string{"messaging_only"}, false},
	{"apply link in HTML", Offer{Title: "Nurses", Organization: "Klinikum Nord", HowToApply: `Questions on WhatsApp; apply <a href="https://jobs.example.de/123">online</a>.`}, nil, false},

	// no_employer
	{"confidential", Offer{Title: "Serveurs", Organization: "Confidentiel", Description: "Restaurant à Doha.", ApplyURL: "https://x.example.org"}, []string{"no_employer"}, false},
	{"empty employer", Offer{Title: "Serveurs", Description: "Restaurant à Doha.", ApplyURL: "https://x.example.org"}, []string{"no_employer"}, false},
	{"our client", Offer{Title: "Cleaners", Organization: "Our client, a leading company", Description: "Cleaning in Riyadh.", ApplyURL: "https://x.example.org"}, []string{"no_employer"}, false},
	{"n/a", Offer{Title: "Cleaners", Organization: " N/A ", Description: "Cleaning in Riyadh.", ApplyURL: "https://x.example.org"}, []string{"no_employer"}, false},
	{"named agency", Offer{Title: "Cleaners", Organization: "Agence Sahel Recrutement", Description: "Cleaning in Riyadh.", ApplyURL: "https://x.example.org"}, nil, false},

	// salary_unrealistic
	{"1.8 million FCFA for a cleaner", Offer{Title: "Femme de ménage", Organization: "Famille Haddad", Description: "Salaire : 1 800 000 FCFA par mois pour un poste de femme de ménage", ApplyURL: "https://x.example.org", ISCOMajor: "9"}, []string{"salary_unrealistic"}, false},
	{"gagnez jusqu'à", base("Gagnez jusqu'à 5 000 € par mois."), []string{"salary_unrealistic"}, false},
	{"high salary guaranteed", base("High salary guaranteed."), []string{"salary_unrealistic"}, false},
	{"salary field", Offer{Title: "Labourer", Organization: "Al Noor Contracting", Salary: "4,500$ / month", ApplyURL: "https://x.example.org", ISCOMajor: "9"}, []string{"salary_unrealistic"}, false},
	{"German minimum wage", Offer{Title: "Helfer", Organization: "Logistik GmbH", Description: "Salaire : 2 200 € brut par mois.", ApplyURL: "https://x.example.org", ISCOMajor: "9"}, nil, false},
	{"plausible Gulf wage", Offer{Title: "Labourer", Organization: "Al Noor Contracting", Description: "Salary: 1,800 AED per month plus accommodation.", ApplyURL: "https://x.example.org", ISCOMajor: "9"}, nil, false},
	{"skilled occupation", Offer{Title: "Engineer", Organization: "Siemens", Description: "Salary: USD 8,500 per month.", ApplyURL: "https://x.example.org", ISCOMajor: "2"}, nil, false},
	{"Swiss wage", Offer{Title: "Aide-soignant", Organization: "EMS Les Tilleuls", Description: "Salaire : 4 600 francs par mois.", ApplyURL: "https://x.example.org", ISCOMajor: "5", Country: "CHE"}, nil, false},
	{"deposit is not a wage", Offer{Title: "Cleaner", Organization: "Clean Co", Description: "Caution de 2 500 000 FCFA.", ApplyURL: "https://x.example.org", ISCOMajor: "9"}, []string{"fee"}, false},

	// passport_retention
	{"passeport conservé", base("Votre passeport sera conservé par l'employeur pendant toute la durée du contrat."), []string{"passport_retention"}, false},
	{"remettre votre passeport", base("Vous devez remettre votre passeport à l'agence dès votre arrivée."), []string{"passport_retention"}, false},
	{"kept by the employer", base("Your passport will be kept by the employer for safekeeping."), []string{"passport_retention"}, false},
	{"copy of passport", base("Remettre une copie de votre passeport."), nil, false},
	{"cannot keep", base("Your employer cannot keep your passport: it is illegal."), nil, false},
	{"embassy", base("Le passeport est conservé par l'ambassade pendant le traitement du visa."), nil, false},
	{"jamais confisqué", base("Votre passeport ne sera jamais confisqué."), nil, false},

	// no_contract
	{"pas de contrat", base("Pas de contrat, tout se fait sur la confiance."), []string{"no_contract"}, false},
	{"contrat verbal", base("Contrat verbal uniquement."), []string{"no_contract"}, false},
	{"no contract needed", base("No contract needed, start immediately."), []string{"no_contract"}, false},
	{"signed on arrival", base("Le contrat sera signé à l'arrivée."), []string{"no_contract"}, false},
	{"never without a contract", base("Ne partez jamais sans contrat écrit."), nil, false},
	{"signed before departure", base("Le contrat est signé avant le départ."), nil, false},
	{"fixed-term", base("Pas de contrat à durée indéterminée : il s'agit d'un poste de 12 mois."), nil, false},

	// urgency_pressure
	{"places limitées payez vite", base("Places limitées, payez vite !"), []string{"urgency_pressure"}, false},
	{"départ dans 48 h", base("Urgent, départ dans 48 h."), []string{"urgency_pressure"}, false},
	{"limited slots pay now", base("Limited slots, pay now."), []string{"urgency_pressure"}, false},
	{"urgent hiring alone", base("Recrutement urgent de 50 soudeurs pour le Canada."), nil, false},
	{"urgent and employer pays", base("Urgent : billet et visa pris en charge par l'employeur."), nil, false},

	// whole offers
	{"legit Canadian offer", Offer{Title: "Industrial butcher", Organization: "Prairie Meats Ltd.", Country: "CAN", ISCOMajor: "7",
		Description: "Location: Saskatoon, SK. Salary: $17.50 hourly / 40 hours per week. Terms of employment: permanent, full time. Start date: as soon as possible. Benefits: health and dental.",
		HowToApply:  "By email: hr@prairiemeats.example. Job Bank reminds you that employers cannot charge you fees for a job."}, nil, false},
	{"legit EURES offer", Offer{Title: "Soudeurs (H/F) en Allemagne", Organization: "Stahlbau Müller GmbH", Country: "DEU", ISCOMajor: "7",
		Description: "Nous recrutons pour un employeur allemand des soudeurs. Salaire : 16 € brut de l'heure. Logement trouvé par l'employeur, loyer d'environ 350 € par mois à la charge du salarié. Cours d'allemand financés par l'employeur. Frais de voyage remboursés après la période d'essai. Contrat à durée indéterminée.",
		HowToApply:  "Candidatures : eures@example.de"}, nil, false},
	{"Facebook scam", Offer{Title: "RECRUTEMENT URGENT", ISCOMajor: "6",
		Description: "🔥🔥 RECRUTEMENT URGENT 🔥🔥 Le Canada recrute 500 ouvriers agricoles, sans diplôme ! Salaire : 2 500 000 FCFA par mois, logé nourri. Visa et billet garantis. Frais de constitution du dossier : 35 000 F à envoyer par Flooz au 99 00 00 00 (M. Kodjo). Départ dans 3 semaines, places limitées !!! Inbox ou WhatsApp uniquement."},
		[]string{"fee", "payment_transfer", "messaging_only", "no_employer", "salary_unrealistic", "urgency_pressure"}, false},
	{"Gulf scam", Offer{Title: "Cleaners and drivers for Dubai", Organization: "Dubai Jobs Agency", ISCOMajor: "9",
		Description: "Urgent hiring for Dubai! Free visa and ticket. Salary 3500 AED + overtime. Processing fee 150,000 CFA only, payable before the medical. Travel on visit visa, employment visa will be processed after arrival. Contact Mr. John on WhatsApp +971 55 123 4567."},
		[]string{"fee", "tourist_visa", "messaging_only"}, false},

	// several at once
	{"the whole bait", Offer{Title: "URGENT !!! Femmes de ménage au Liban", Organization: "Agence", ISCOMajor: "9",
		Description: "Salaire très élevé garanti. Voyage avec visa touristique. Frais de dossier 75 000 F à envoyer par Moov Money. Votre passeport sera gardé par Madame. Places limitées, payez vite. Contactez-nous sur WhatsApp au 00961 70 123 456."},
		[]string{"fee", "payment_transfer", "tourist_visa", "messaging_only", "no_employer", "salary_unrealistic", "passport_retention", "urgency_pressure"}, false},
}

func TestCheck(t *testing.T) {
	for _, tt := range checkTests {
		t.Run(tt.name, func(t *testing.T) {
			flags, noFee := Check(tt.offer)
			var got []string
			for _, f := range flags {
				got = append(got, f.Rule)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("flags %v, want %v", got, tt.want)
				for _, f := range flags {
					t.Logf("%s: %q", f.Rule, f.Evidence)
				}
			}
			if noFee != tt.noFee {
				t.Errorf("noFee %v, want %v", noFee, tt.noFee)
			}
		})
	}
}

// A real UN vacancy, in HTML, with its fee statement and the words that could mislead a naive
// matcher ("transfer of funds", "knowledge transfer", "advance to the next stage", "travel").
func TestUNVacancy(t *testing.T) {
	b, err := os.ReadFile("testdata/un_vacancy.html")
	if err != nil {
		t.Fatal(err)
	}
	o := Offer{Title: "Education Specialist, P-3, Lomé, Togo", Organization: "UNICEF", Description: string(b),
		HowToApply: `<p>Apply on <a href="https://jobs.unicef.org/en-us/job/578123">UNICEF's careers site</a> by 30 June 2026.</p>`,
		ApplyURL:   "https://jobs.unicef.org/en-us/job/578123", Country: "TGO", ISCOMajor: "2",
		Salary: "USD 96,000 a year, net of tax"}
	flags, noFee := Check(o)
	if len(flags) != 0 {
		t.Errorf("flags %+v, want none", flags)
	}
	if !noFee {
		t.Error("noFee false, want true")
	}
	// The same text without its ISCO code and its apply links still raises nothing.
	o.ISCOMajor, o.ApplyURL, o.HowToApply = "", "", ""
	if flags, _ := Check(o); len(flags) != 0 {
		t.Errorf("without ISCO and links: flags %+v, want none", flags)
	}
}

// Evidence quotes the words as written, accents and case kept, and only the sentence that tripped.
func TestEvidence(t *testing.T) {
	desc := "Poste de cuisinier à Dubaï. Logement et repas offerts. " +
		"Une caution de 150 000 FCFA doit être versée avant le départ, par Flooz ou T-Money. " +
		"Votre passeport sera conservé par l'employeur. Réservez vite votre place : départ immédiat !"
	flags, _ := Check(base(desc))
	want := map[string]string{
		"fee":                "Une caution de 150 000 FCFA doit être versée avant le départ, par Flooz ou T-Money.",
		"payment_transfer":   "Une caution de 150 000 FCFA doit être versée avant le départ, par Flooz ou T-Money.",
		"passport_retention": "Votre passeport sera conservé par l'employeur.",
		"urgency_pressure":   "Réservez vite votre place : départ immédiat !",
	}
	if len(flags) != len(want) {
		t.Fatalf("flags %+v, want %d", flags, len(want))
	}
	for _, f := range flags {
		if f.Evidence != want[f.Rule] {
			t.Errorf("%s: evidence %q, want %q", f.Rule, f.Evidence, want[f.Rule])
		}
	}
}

// A long sentence is cut to a window around the trigger, at spaces.
func TestEvidenceWindow(t *testing.T) {
	long := strings.Repeat("Nous recrutons des agents d'entretien sérieux et motivés pour nos hôtels ", 4) +
		"et un dépôt de garantie de 300 000 FCFA est exigé à l'inscription " +
		strings.Repeat("pour des contrats de deux ans renouvelables dans plusieurs villes du Golfe ", 4) + "."
	flags, _ := Check(base(long))
	if len(flags) != 1 || flags[0].Rule != "fee" {
		t.Fatalf("flags %+v, want fee", flags)
	}
	ev := flags[0].Evidence
	if !strings.Contains(ev, "dépôt de garantie") || len(ev) > 2*window || !strings.Contains(long, ev) {
		t.Errorf("evidence %q (%d bytes)", ev, len(ev))
	}
	if strings.HasPrefix(ev, " ") || strings.HasSuffix(ev, " ") {
		t.Errorf("evidence %q has spaces at its ends", ev)
	}
}

// Matching ignores case and accents, on word boundaries.
func TestMatching(t *testing.T) {
	for _, s := range []string{
		"FRAIS DE DOSSIER : 10 000 F",
		"Frais de Dossier : 10 000 F",
		"Frais de dossiér : 10 000 F",
		"frais\u00a0de\u00a0dossier\u00a0: 10\u00a0000\u00a0F",
		"𝗙𝗿𝗮𝗶𝘀 𝗱𝗲 𝗱𝗼𝘀𝘀𝗶𝗲𝗿 : 10 000 F",
		"Frais de dos\u200bsier : 10 000 F",
	} {
		if flags, _ := Check(base(s)); len(flags) != 1 || flags[0].Rule != "fee" {
			t.Errorf("%q: flags %+v, want fee", s, flags)
		}
	}
	// Inside other words, the phrases do not match.
	for _, s := range []string{"Fraisdedossier10000", "Les fraiseuses de dossiers", "momonga"} {
		if flags, _ := Check(base(s)); len(flags) != 0 {
			t.Errorf("%q: flags %+v, want none", s, flags)
		}
	}
}

func TestAmounts(t *testing.T) {
	for _, tt := range []struct {
		text     string
		value    float64
		currency string
		period   int
	}{
		{"1 500 000 FCFA", 1500000, "XOF", perUnknown},
		{"1.500.000 F CFA par mois", 1500000, "XOF", perMonth},
		{"1,500,000 XOF", 1500000, "XOF", perUnknown},
		{"3,500$", 3500, "USD", perUnknown},
		{"$3,500 per month", 3500, "USD", perMonth},
		{"4000 euros par mois", 4000, "EUR", perMonth},
		{"3 500,50 € / mois", 3500.5, "EUR", perMonth},
		{"€ 2.800,00 netto per month", 2800, "EUR", perMonth},
		{"USD 96,000 a year", 96000, "USD", perYear},
		{"salaire mensuel : 250 000 francs", 250000, "XOF", perMonth},
		{"1,5 million de FCFA", 1500000, "XOF", perUnknown},
		{"15 €/h", 15, "EUR", perHour},
		{"1 200 dollars canadiens par semaine", 1200, "CAD", perWeek},
		{"2 000 US$", 2000, "USD", perUnknown},
		{"£2,100 monthly", 2100, "GBP", perMonth},
		{"4 600 CHF par mois", 4600, "CHF", perMonth},
		{"50 000 F", 50000, "XOF", perUnknown},
		{"150 000", 150000, "", perUnknown},
	} {
		d := newDoc(Offer{Description: tt.text})
		if len(d.amounts) != 1 {
			t.Errorf("%q: %d amounts %+v, want 1", tt.text, len(d.amounts), d.amounts)
			continue
		}
		m := d.amounts[0]
		if m.value != tt.value || m.currency != tt.currency || m.period != tt.period {
			t.Errorf("%q: %v %s period %d, want %v %s period %d", tt.text, m.value, m.currency, m.period, tt.value, tt.currency, tt.period)
		}
	}
	for _, s := range []string{"2025", "90 12 34 56", "5 ans", "48 h", "En 2024 500 postes"} {
		if d := newDoc(Offer{Description: s}); len(d.amounts) != 0 {
			t.Errorf("%q: amounts %+v, want none", s, d.amounts)
		}
	}
}

func TestNoEmployer(t *testing.T) {
	for org, want := range map[string]bool{
		"": true, "-": true, "N/A": true, "Confidentiel": true, "Entreprise confidentielle": true,
		"Société": true, "Client": true, "Agency": true, "Recruteur": true, "<b>Confidential</b>": true,
		"Grande société internationale": true, "Particulier": true,
		"UNICEF": false, "Hôtel Sofitel Lomé": false, "3M": false, "Agence Sahel Recrutement": false,
		"Organisation internationale pour les migrations": false,
	} {
		if _, got := checkNoEmployer(org); got != want {
			t.Errorf("%q: no_employer %v, want %v", org, got, want)
		}
	}
}

// Rules has each rule once, with a known severity, and Check reports them in its order.
func TestRules(t *testing.T) {
	seen := map[string]bool{}
	for _, r := range Rules {
		if seen[r.ID] || r.Severity != High && r.Severity != Low {
			t.Errorf("rule %+v repeated or with an unknown severity", r)
		}
		seen[r.ID] = true
	}
	if len(Rules) != 9 {
		t.Errorf("%d rules, want 9", len(Rules))
	}
}

// TestCheckConcurrent: the slices a check reuses from the one before (scratch) are never shared
// by two checks at once: the whole table, checked on eight goroutines together, gives what it
// gives one at a time.
func TestCheckConcurrent(t *testing.T) {
	type answer struct {
		flags []Flag
		noFee bool
	}
	want := make([]answer, len(checkTests))
	for i, c := range checkTests {
		want[i].flags, want[i].noFee = Check(c.offer)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 3 * len(checkTests) {
				i := (k + g*7) % len(checkTests)
				flags, noFee := Check(checkTests[i].offer)
				if !reflect.DeepEqual(flags, want[i].flags) || noFee != want[i].noFee {
					t.Errorf("%s: %v %v at once, %v %v alone", checkTests[i].name, flags, noFee, want[i].flags, want[i].noFee)
					return
				}
			}
		})
	}
	wg.Wait()
}
