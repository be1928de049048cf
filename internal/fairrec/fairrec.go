// Package fairrec checks job offers for the red flags of abusive recruitment and trafficking
// that the ILO General principles for fair recruitment, IOM's IRIS standard ("the employer
// pays") and government warnings describe: a fee or deposit asked of the worker, payment by money
// transfer or mobile money, a tourist visa for work, contact by messaging applications only, no
// named employer, a bait salary, a passport kept by the employer, no written contract, pressure
// to pay or leave fast.
//
// The checks read French and English text. They are explainable on purpose: each Flag carries
// the sentence that made its rule trip, and the plain-words explanation of a rule is the
// catalogue message "fairrec.<rule>.title" and "fairrec.<rule>.explain" (messages.fr.json and
// messages.en.json in this folder). They are word rules, not a model: they catch the usual
// wording of the usual baits and are meant to put an offer in front of a person, never to judge
// it alone.
//
// How a rule reads the text: the fields are stripped of their tags and folded (lower case, no
// accents, plain apostrophes), cut into words, and the words into sentences, clauses (cut at
// ";" and "mais", "but"…) and segments (cut at commas). A trigger ("frais de dossier", "visa
// touristique") trips unless a negation stands in the few words before it in its segment
// ("aucun frais de dossier", "you will not travel on a tourist visa"), its segment excuses it
// ("pris en charge par l'employeur", "gratuit"), a list carries the excuse to it ("le billet,
// le visa et les frais de dossier sont pris en charge"), or its sentence is a fraud warning
// ("méfiez-vous des offres qui demandent une caution"). The phrases are in lexicon.go.
//
// Known limits: a negation further than six words, or across a comma, is not seen; a fee asked
// without any of the words of lexicon.go ("apportez 50 000 F lundi") is not seen; a deposit for
// a flat at destination ("caution de 500 € pour l'appartement") is flagged like a recruitment
// deposit; the wage ceilings know the currency and the ISCO major group but not the country,
// and take an amount without a period as monthly; "no employer" cannot tell a real name from
// an invented one; "messaging only" cannot tell a mobile number from a foreign fixed line.
package fairrec

// Offer is what the checks read of an offer.
type Offer struct {
	// Title, Organization, Description, HowToApply, ApplyURL and Salary are as the source
	// wrote them, plain text or HTML (tags are stripped and entities decoded here).
	Title, Organization, Description, HowToApply, ApplyURL, Salary string

	// Country is the ISO 3166 alpha-3 code of the workplace, or "". It tells whether "francs"
	// are Swiss or CFA, and which dollars "$" means.
	Country string
	// ISCOMajor is the first digit of the ISCO-08 occupation, or "". Wage ceilings apply to
	// major groups 5 to 9 only.
	ISCOMajor string
}

// Flag is one rule that tripped, with the words that made it trip.
type Flag struct {
	Rule string // a Rule.ID
	// Evidence is the sentence (or a window of about 120 characters around the trigger when
	// the sentence is longer) that tripped the rule, as written: tags stripped, entities
	// decoded and runs of spaces collapsed, but accents and case kept. For no_employer it is
	// the Organization as given ("" when empty); for messaging_only it may be the ApplyURL.
	Evidence string
}

// Severities of a Rule.
const (
	High = "high" // the offer is held for staff review when its source is not trusted
	Low  = "low"  // only a notice is shown
)

// Rule is one check, with its severity.
type Rule struct {
	ID       string // stable identifier, used in catalogue keys and stored with the offer
	Severity string // High or Low
}

// Rule identifiers.
const (
	RuleFee               = "fee"
	RulePaymentTransfer   = "payment_transfer"
	RuleTouristVisa       = "tourist_visa"
	RuleMessagingOnly     = "messaging_only"
	RuleNoEmployer        = "no_employer"
	RuleSalaryUnrealistic = "salary_unrealistic"
	RulePassport          = "passport_retention"
	RuleNoContract        = "no_contract"
	RuleUrgency           = "urgency_pressure"
)

// Rules lists every rule in display order, with its severity. Only urgency_pressure is low:
// urgent wording alone is common in honest offers. It is read-only: callers must not modify it.
var Rules = []Rule{
	{RuleFee, High},
	{RulePaymentTransfer, High},
	{RuleTouristVisa, High},
	{RuleMessagingOnly, High},
	{RuleNoEmployer, High},
	{RuleSalaryUnrealistic, High},
	{RulePassport, High},
	{RuleNoContract, High},
	{RuleUrgency, Low},
}

// Check runs every rule on o and returns the flags, at most one per rule and in the order of
// Rules, and whether the offer says that no fee is charged to the worker (the "no fee" badge).
// The badge is never given to an offer that trips fee or payment_transfer: an offer that says
// "no fee" and then asks for a deposit must not carry it. Check is safe for concurrent use and
// never fails; any input, however malformed, gives an answer. It reads French and English; in
// an offer in another language, only the employer, the contacts and the amounts are checked.
func Check(o Offer) (flags []Flag, noFee bool) {
	d := newDoc(o)
	defer d.release()
	type result struct {
		ev evidence
		ok bool
	}
	r := func(ev evidence, ok bool) result { return result{ev, ok} }
	results := [...]result{ // in the order of Rules
		r(d.checkFee()),
		r(d.checkPaymentTransfer()),
		r(d.checkSimple(roleTouristVisa)),
		r(d.checkMessagingOnly(o.ApplyURL)),
		r(checkNoEmployer(o.Organization)),
		r(d.checkSalary(o.ISCOMajor)),
		r(d.checkPassport()),
		r(d.checkSimple(roleNoContract)),
		r(d.checkUrgency()),
	}
	for i, res := range results {
		if res.ok {
			flags = append(flags, Flag{Rule: Rules[i].ID, Evidence: res.ev.text(d)})
		}
	}
	return flags, d.saysNoFee() && !results[0].ok && !results[1].ok
}
