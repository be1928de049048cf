package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"mobilite"
	"mobilite/internal/regulation"
)

// RegulationResult says what LoadRegulation created.
type RegulationResult struct{ Agencies, Complaints int }

// demoAgency is an agency of the demonstration register: its licence granted some months
// before the demo's day, and the events that follow, each some months after the grant.
type demoAgency struct {
	name, licence, region, town string
	grantedAgo, validMonths     int           // months before now; months of validity
	events                      []demoLicence // in order
}

type demoLicence struct {
	kind        string
	afterMonths int // after the grant
	months      int // renewed: months of validity from the event
	reason      string
}

// demoAgencies are invented agencies (the site says it is a demo): most valid, two suspended,
// one revoked, one expired, one whose suspension was lifted.
var demoAgencies = []demoAgency{
	{"Agence Espoir", "TG-AGR-2021-003", "TG-M", "Lomé", 60, 36, []demoLicence{{kind: mobilite.LicenceRenewal, afterMonths: 34, months: 36}}},
	{"Horizon Emploi International", "TG-AGR-2022-011", "TG-M", "Lomé", 40, 60, nil},
	{"Kara Travail Sans Frontières", "TG-AGR-2023-021", "TG-K", "Kara", 30, 48, nil},
	{"Savanes Main-d'Œuvre Services", "TG-AGR-2022-014", "TG-S", "Dapaong", 44, 60, []demoLicence{{kind: mobilite.LicenceSuspension, afterMonths: 40,
		reason: "Frais de recrutement de 250 000 F CFA demandés aux travailleurs (plaintes PL-2025)."}}},
	{"Plateaux Carrières", "TG-AGR-2021-007", "TG-P", "Atakpamé", 55, 72, []demoLicence{
		{kind: mobilite.LicenceSuspension, afterMonths: 20, reason: "Contrats non visés par l'inspection du travail."},
		{kind: mobilite.LicenceReinstatement, afterMonths: 23}}},
	{"Centrale Recrutement Sokodé", "TG-AGR-2023-025", "TG-C", "Sokodé", 28, 48, nil},
	{"Atlantique Placement", "TG-AGR-2020-002", "TG-M", "Lomé", 70, 60, []demoLicence{
		{kind: mobilite.LicenceSuspension, afterMonths: 30, reason: "Passeports retenus par l'agence."},
		{kind: mobilite.LicenceRevocation, afterMonths: 33, reason: "Travail forcé signalé au Liban ; dossier transmis à la justice."}}},
	{"Golfe Talents", "TG-AGR-2019-001", "TG-M", "Lomé", 86, 60, nil}, // expired, not renewed
	{"Agence Étoile du Nord", "TG-AGR-2024-031", "TG-K", "Niamtougou", 20, 48, nil},
	{"Mono Services Emploi", "TG-AGR-2024-034", "TG-P", "Kpalimé", 16, 48, nil},
	{"Bénédiction Recrutement", "TG-AGR-2022-016", "TG-M", "Aného", 44, 60, []demoLicence{{kind: mobilite.LicenceSuspension, afterMonths: 41,
		reason: "Offres publiées sur WhatsApp sans employeur nommé."}}},
	{"Avenir Diaspora Conseil", "TG-AGR-2023-027", "TG-M", "Lomé", 30, 48, nil},
	{"Oti Ressources Humaines", "TG-AGR-2024-038", "TG-S", "Mango", 18, 48, nil},
	{"Kozah Emploi Plus", "TG-AGR-2021-009", "TG-K", "Kara", 52, 36, []demoLicence{{kind: mobilite.LicenceRenewal, afterMonths: 35, months: 36}}},
	{"Agbodrafo Marine Crew", "TG-AGR-2025-041", "TG-M", "Agbodrafo", 5, 36, nil},
}

// demoAccounts are the complainants' words, by category.
var demoAccounts = map[string][]string{
	mobilite.ComplaintFees: {
		"L'agence m'a demandé 350 000 F CFA pour le visa et le billet, à payer par mobile money avant de voir le contrat.",
		"On m'a fait payer une « caution » de 200 000 F CFA, remboursable au retour. Je n'ai jamais été remboursée.",
	},
	mobilite.ComplaintContract: {
		"Le contrat signé à Lomé parlait de 400 dollars par mois comme aide-soignante. À l'arrivée, on m'a fait signer un autre contrat de ménage à 150 dollars.",
	},
	mobilite.ComplaintDocuments: {
		"Mon employeur garde mon passeport depuis mon arrivée et refuse de me le rendre pour que je rentre.",
		"L'agence a gardé nos passeports « pour les formalités » et ne répond plus au téléphone.",
	},
	mobilite.ComplaintWages: {
		"Trois mois de salaire impayés sur le chantier ; le chef d'équipe dit que l'agence a déjà pris l'argent.",
	},
	mobilite.ComplaintDeception: {
		"On nous avait promis un travail dans un hôtel en Europe ; nous nous sommes retrouvés dans une ferme sans contrat.",
	},
	mobilite.ComplaintTrafficking: {
		"Ma sœur est enfermée chez son employeur, elle travaille jour et nuit, on lui a pris son téléphone. Elle a pu m'appeler une fois.",
	},
	mobilite.ComplaintUnlicensed: {
		"Un recruteur sur Facebook propose des visas de travail pour le Canada contre 500 000 F CFA. Il dit travailler avec l'ANPE.",
		"Un monsieur passe dans les villages et inscrit les jeunes pour l'Arabie saoudite contre 50 000 F CFA chacun.",
	},
	mobilite.ComplaintOther: {
		"L'agence a annulé mon départ la veille sans explication et garde mes diplômes originaux.",
	},
}

// LoadRegulation fills an empty licence register with demonstration agencies and complaints
// over the last three years (source "demo"), in various states. It does nothing when the
// register already holds an agency.
func LoadRegulation(ctx context.Context, s mobilite.Store, now time.Time) (RegulationResult, error) {
	var res RegulationResult
	if _, n, err := s.FindAgencies(ctx, mobilite.AgencyFilter{Limit: 1}); err != nil || n > 0 {
		return res, err
	}
	today := regulation.Day(now)
	inspector, err := s.FindUserByLogin(ctx, "inspection@mobilite.example")
	if err != nil && mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		return res, err
	}
	r := rand.New(rand.NewPCG(2026, 16))
	err = s.Tx(ctx, func(tx mobilite.Store) error {
		res = RegulationResult{}
		var agencies []*mobilite.Agency
		for _, d := range demoAgencies {
			granted := today.AddDate(0, -d.grantedAgo, 0)
			a := &mobilite.Agency{Name: d.name, Licence: d.licence, Region: d.region, SearchKey: regulation.SearchKey(d.name, d.licence),
				Address: "Quartier administratif, " + d.town, GrantedOn: granted, ExpiresOn: granted.AddDate(0, d.validMonths, -1),
				Source: mobilite.RegulationFromDemo, CreatedAt: granted, UpdatedAt: granted}
			events := []*mobilite.LicenceEvent{{Kind: mobilite.LicenceGrant, Date: granted, ExpiresOn: a.ExpiresOn, CreatedAt: granted}}
			for _, e := range d.events {
				on := granted.AddDate(0, e.afterMonths, 0)
				ev := &mobilite.LicenceEvent{Kind: e.kind, Date: on, Reason: e.reason, CreatedAt: on}
				if e.kind == mobilite.LicenceRenewal {
					ev.ExpiresOn = on.AddDate(0, e.months, -1)
					a.ExpiresOn = ev.ExpiresOn
				}
				events = append(events, ev)
			}
			if err := a.Validate(); err != nil {
				return err
			}
			if err := tx.CreateAgency(ctx, a); err != nil {
				return err
			}
			for _, e := range events {
				e.AgencyID = a.ID
				if inspector != nil && e.Kind != mobilite.LicenceGrant {
					e.RecordedBy = inspector.ID
				}
				if err := tx.CreateLicenceEvent(ctx, e); err != nil {
					return err
				}
			}
			a.Events = events
			agencies = append(agencies, a)
			res.Agencies++
		}
		return loadComplaints(ctx, tx, r, agencies, inspector, today, &res)
	})
	return res, err
}

// loadComplaints writes about forty complaints received since the first of January three years
// ago: the older, the likelier they are closed.
func loadComplaints(ctx context.Context, tx mobilite.Store, r *rand.Rand, agencies []*mobilite.Agency, inspector *mobilite.User,
	today time.Time, res *RegulationResult) error {
	start := time.Date(today.Year()-3, 1, 1, 0, 0, 0, 0, time.UTC)
	span := today.Sub(start)
	var times []time.Time
	for range 40 {
		times = append(times, start.Add(time.Duration(r.Int64N(int64(span)))).Truncate(time.Minute))
	}
	slices.SortFunc(times, func(a, b time.Time) int { return a.Compare(b) })
	category := newWeighted(mobilite.ComplaintCategories, []int{12, 4, 6, 5, 5, 3, 7, 2})
	dest := newWeighted([]string{"LBN", "SAU", "QAT", "ARE", "KWT", "CIV", "GHA", "NGA", "FRA", "", ""}, []int{8, 7, 5, 4, 3, 4, 3, 2, 2, 3, 3})
	random := rand.NewChaCha8([32]byte{20, 26, 16})
	for i, at := range times {
		cat := category.pick(r)
		words := demoAccounts[cat]
		c := &mobilite.Complaint{Category: cat, Destination: dest.pick(r), Sex: []string{"F", "F", "M", ""}[r.IntN(4)],
			Account: words[r.IntN(len(words))], Status: mobilite.ComplaintReceived, Source: mobilite.RegulationFromDemo,
			ReceivedAt: at, UpdatedAt: at}
		switch n := r.IntN(10); {
		case n < 5:
			a := agencies[r.IntN(len(agencies))]
			c.AgencyID, c.AgencyName = a.ID, a.Name
		case cat == mobilite.ComplaintUnlicensed || n < 7:
			c.AgencyName = []string{"Global Visa Express", "Recruteur « Monsieur Koffi »", "Eurojob Afrique", "Gulf Jobs Togo"}[r.IntN(4)]
		}
		if r.IntN(3) == 0 {
			c.ContactName, c.ContactPhone, c.ContactConsent = []string{"Afi (démo)", "Komi (démo)", "Essi (démo)", "Yao (démo)"}[r.IntN(4)],
				fmt.Sprintf("+2289000%04d", i), true
		}
		code, err := regulation.NewFollowCode(random)
		if err != nil {
			return err
		}
		if c.Reference, err = regulation.NewReference(at.Year(), random); err != nil {
			return err
		}
		c.CodeHash = regulation.HashCode(code)
		// The path the complaint took: received, then perhaps examined, referred, closed.
		age := today.Sub(at).Hours() / 24
		var path []string
		switch {
		case age > 365:
			path = [][]string{{"under_review", "resolved"}, {"under_review", "referred", "resolved"}, {"dismissed"}, {"under_review", "dismissed"}}[r.IntN(4)]
		case age > 90:
			path = [][]string{{"under_review"}, {"under_review", "referred"}, {"under_review", "resolved"}, {"referred"}}[r.IntN(4)]
		case age > 14:
			path = [][]string{{}, {"under_review"}}[r.IntN(2)]
		}
		// Trafficking cannot wait for a review: it is referred at once.
		if k := slices.Index(path, mobilite.ComplaintUnderReview); cat == mobilite.ComplaintTrafficking && k >= 0 &&
			!slices.Contains(path, mobilite.ComplaintReferred) {
			path[k] = mobilite.ComplaintReferred
		}
		var events []*mobilite.ComplaintEvent
		when := at
		for _, to := range path {
			when = when.Add(time.Duration(24+r.IntN(24*30)) * time.Hour)
			if when.After(today) {
				break
			}
			e := &mobilite.ComplaintEvent{At: when, FromStatus: c.Status, ToStatus: to}
			if inspector != nil {
				e.ActorID, e.Actor = inspector.ID, inspector.Login()
			}
			switch to {
			case mobilite.ComplaintReferred:
				c.ReferredTo = map[bool]string{true: "anti_trafficking", false: []string{"police", "embassy"}[r.IntN(2)]}[cat == mobilite.ComplaintTrafficking]
				e.ReferredTo = c.ReferredTo
				e.PublicAnswer = "Votre plainte a été transmise au service compétent, qui vous contactera si besoin."
			case mobilite.ComplaintResolved:
				e.PublicAnswer = "L'agence a été convoquée par l'inspection du travail ; les sommes versées doivent vous être remboursées."
			case mobilite.ComplaintDismissed:
				e.PublicAnswer = "Les faits décrits ne relèvent pas du recrutement pour l'étranger. Adressez-vous au tribunal du travail."
			case mobilite.ComplaintUnderReview:
				e.Note = "Dossier ouvert, vérifier les reçus de paiement."
			}
			if e.PublicAnswer != "" {
				c.PublicAnswer = e.PublicAnswer
			}
			c.Status, c.UpdatedAt = to, when
			if c.Closed() {
				c.ClosedAt = when
			}
			events = append(events, e)
		}
		if err := c.Validate(); err != nil {
			return err
		}
		if err := tx.CreateComplaint(ctx, c); err != nil {
			return err
		}
		for _, e := range events {
			e.ComplaintID = c.ID
			if err := tx.CreateComplaintEvent(ctx, e); err != nil {
				return err
			}
		}
		res.Complaints++
	}
	return nil
}
