package fairrec

import (
	"slices"
	"sort"
	"strings"
)

// negWindow is how many words a negation may stand before its trigger: "L'agence ne vous
// demandera jamais de frais de dossier", "you will not travel on a tourist visa".
const negWindow = 6

func bit(r role) uint64 { return 1 << r }

const feeTriggers = 1<<roleFeeStrong | 1<<roleFeeAmbig | 1<<roleFeeCost | 1<<roleFeeAmount

// Tiers of fee triggers.
const (
	tierStrong = iota
	tierAmbig
	tierCost
	tierPayer  // the worker pays something: a fee when it is priced or a recruitment cost
	tierAmount // "inscription : 10 000 F"
)

// checkFee finds a fee asked of the worker. A named fee ("frais de dossier", "processing fee")
// trips alone; a deposit or an advance ("caution", "avance", "deposit") only with an amount or
// a demand in its segment; a cost ("frais", "fees") only with an amount or with a demand ("à
// verser", "you must pay"); "inscription", "dossier" or "participation" only with an amount
// ("Inscription : 10 000 F"); the worker named as payer ("à la charge du candidat", "versez")
// only with an amount or a cost of recruitment (ticket, visa, medical examination), not for
// the rent. None trips when a negation stands just before it, when its segment says the
// employer pays, when it says "gratuit" or "free" without an amount, or when it is one item of
// a list that the employer pays or that is negated as a whole. A cost that is reimbursed, an
// allowance or an amount per month is no fee either.
func (d *doc) checkFee() (evidence, bool) {
	type cand struct {
		h    hit
		tier int
	}
	roles := [...]role{roleFeeStrong, roleFeeAmbig, roleFeeCost, roleWorkerPays, roleFeeAmount}
	n := 0
	for _, r := range roles {
		n += len(d.hits[r])
	}
	cands := make([]cand, 0, n)
	for tier, r := range roles {
		for _, h := range d.hits[r] {
			cands = append(cands, cand{h, tier})
		}
	}
	if len(cands) == 0 {
		return evidence{}, false
	}
	slices.SortFunc(cands, func(x, y cand) int { return int(x.h.a - y.h.a) })
	prev := hit{a: -1} // the last trigger covered by a negation, for lists: "aucun frais de dossier, caution ou avance"
	for _, c := range cands {
		h := c.h
		if d.overlaps(roleFeeExclude, h) || c.tier != tierStrong && d.overlaps(roleFeeStrong, h) ||
			(c.tier == tierCost || c.tier == tierAmount) && d.overlaps(roleFeeAmbig, h) ||
			c.tier == tierAmount && d.overlaps(roleFeeCost, h) ||
			c.tier == tierCost && d.overlaps(roleWorkerPays, h) { // "à vos frais": the payer speaks for it
			continue
		}
		s := d.seg(h)
		amt := d.segAmount[s]&amountAny != 0
		dem := d.segHas(s, bit(roleDemand)|bit(roleWorkerPays))
		switch {
		case c.tier == tierPayer && (d.segHas(s, feeTriggers) || !amt && !d.segHas(s, bit(roleRecruitCost))):
			continue // a fee trigger of the segment speaks for it; or the worker pays their rent
		case c.tier == tierAmount && (!amt || d.segAmount[s]&amountPeriodic != 0 || d.segHas(s, bit(roleSalary))):
			continue
		case (c.tier == tierAmbig || c.tier == tierCost) && !amt && !dem:
			continue
		}
		negated := d.negatedRightBefore(h) || !d.amountAfter(h) && d.negatedBefore(h, negWindow) ||
			prev.a >= 0 && d.clause(prev) == d.clause(h) && (d.seg(prev) < s && d.clean(d.seg(prev)+1, s) || d.seg(prev) == s && !d.amountAfter(h))
		if negated {
			prev = h
			continue
		}
		switch {
		case d.warned(h),
			d.segHas(s, bit(roleExempt)),
			!amt && d.segHas(s, bit(roleFree)),
			c.tier == tierCost && !dem && (d.segHas(s, bit(roleRefund)) || d.segAmount[s]&amountPeriodic != 0),
			c.tier == tierPayer && d.segAmount[s]&amountPeriodic != 0, // "vous payez 150 € de loyer par mois"
			!amt && !dem && d.listExcused(h):
			continue
		}
		return d.hitEvidence(h), true
	}
	return evidence{}, false
}

// checkPaymentTransfer finds a payment by money transfer or mobile money. A service's name
// ("Western Union", "Flooz", "Orange Money") or "envoyer de l'argent" trips when its clause also
// speaks of money (an amount, a fee, a payment, another service; for "envoyer l'argent", a
// telephone number to send it to); the bare word "transfert" only with an amount, money or a fee
// in its segment. A transfer of the salary is not a payment by the worker, nor is a bank
// transfer, nor is money sent home to the family.
func (d *doc) checkPaymentTransfer() (evidence, bool) {
	hs := append(append(slices.Clip(d.hits[roleTransfer]), d.hits[roleSendMoney]...), d.hits[roleTransferWord]...)
	slices.SortFunc(hs, func(x, y hit) int { return int(x.a - y.a) })
	prev := hit{a: -1}
	for _, h := range hs {
		generic := h.role == roleTransferWord
		if generic && (d.overlaps(roleTransfer, h) || d.overlaps(roleSendMoney, h)) || d.overlaps(roleTransferExclude, h) {
			continue
		}
		s, c := d.seg(h), d.clause(h)
		var context bool
		if generic {
			context = d.segAmount[s]&amountAny != 0 || d.other(roleMoney, h, inSeg) || d.segHas(s, feeTriggers)
		} else {
			context = d.clauseAmount(h) || d.other(roleMoney, h, inClause) || d.other(roleTransfer, h, inClause) ||
				d.other(roleSendMoney, h, inClause) || d.clauseHas(c, feeTriggers|bit(roleDemand)) ||
				h.role == roleSendMoney && d.clausePhone(h)
		}
		if !context {
			continue
		}
		if d.negatedBefore(h, negWindow) || prev.a >= 0 && d.clause(prev) == c && d.clean(d.seg(prev)+1, s) {
			prev = h
			continue
		}
		if d.warned(h) || d.clauseHas(c, bit(roleSalary)) && !d.clauseHas(c, feeTriggers|bit(roleDemand)) {
			continue
		}
		return d.hitEvidence(h), true
	}
	return evidence{}, false
}

// clausePhone reports whether a telephone number is written in the clause of h.
func (d *doc) clausePhone(h hit) bool {
	if d.phoneToks == nil {
		d.phoneToks = []int32{}
		phones(d, func(at int) { d.phoneToks = append(d.phoneToks, int32(d.tokenAt(int32(at)))) })
	}
	from, to := d.scope(h.a, inClause)
	i := sort.Search(len(d.phoneToks), func(k int) bool { return d.phoneToks[k] >= from })
	return i < len(d.phoneToks) && d.phoneToks[i] < to
}

// checkSimple runs the rules that trip on their phrase unless it is negated, denied or in a
// warning: tourist_visa ("visa touristique", "visit visa") and no_contract ("contrat verbal",
// "no contract needed"). "You will not travel on a tourist visa" and "Un visa de tourisme ne
// permet pas de travailler" do not trip.
func (d *doc) checkSimple(r role) (evidence, bool) {
	for _, h := range d.hits[r] {
		if r == roleNoContract && d.overlaps(roleNoContractExclude, h) {
			continue
		}
		if d.negatedBefore(h, negWindow) || d.deniedAfter(h) || d.warned(h) {
			continue
		}
		return d.hitEvidence(h), true
	}
	return evidence{}, false
}

// checkPassport finds the passport kept by the employer or an agent: a phrase of keeping or
// handing over in a clause about the passport, unless negated, about a copy, kept by the worker,
// or held by an embassy for a visa.
func (d *doc) checkPassport() (evidence, bool) {
	for _, h := range d.hits[roleRetention] {
		s, c := d.seg(h), d.clause(h)
		if !d.clauseHas(c, bit(rolePassport)) {
			continue
		}
		if d.negatedBefore(h, negWindow) || d.negatedInside(h) || d.deniedAfter(h) || d.warned(h) ||
			d.segHas(s, bit(rolePassportOK)) || d.clauseHas(c, bit(roleAuthority)) {
			continue
		}
		return d.hitEvidence(h), true
	}
	return evidence{}, false
}

// checkUrgency finds pressure to pay or leave fast: "payez vite", "pay now", "départ immédiat",
// or urgency ("urgent", "places limitées", "dans 48 h") with money or a departure in the same
// sentence, unless the sentence says the employer pays.
func (d *doc) checkUrgency() (evidence, bool) {
	best := hit{a: -1}
	for _, h := range d.hits[roleUrgencySelf] {
		if !d.warned(h) && !d.negatedBefore(h, 2) {
			best = h
			break
		}
	}
	for _, h := range d.hits[roleUrgency] {
		if best.a >= 0 && h.a > best.a {
			break
		}
		if d.warned(h) || d.negatedBefore(h, 2) || d.sentHas(d.sent(h), bit(roleExempt)) {
			continue
		}
		ctx := d.sentHas(d.sent(h), bit(roleUrgencyCtx)) && d.other(roleUrgencyCtx, h, inSent)
		from, to := d.scope(h.a, inSent)
		for _, m := range d.amountsIn(from, to) {
			ctx = ctx || m.currency != ""
		}
		if ctx {
			best = h
			break
		}
	}
	if best.a < 0 {
		return evidence{}, false
	}
	return d.hitEvidence(best), true
}

// checkMessagingOnly finds an offer whose only contact is a messaging application, a social
// network or a telephone number: no e-mail address, no web link to apply, and no ApplyURL
// other than a chat link.
func (d *doc) checkMessagingOnly(applyURL string) (evidence, bool) {
	kind := classifyURL(applyURL)
	if kind == contactApply || hasEmail(d.fold) {
		return evidence{}, false
	}
	for _, l := range d.links {
		if classifyURL(l.href) == contactApply {
			return evidence{}, false
		}
	}
	apply, chat := false, int32(-1)
	webLinks(d.fold, func(at int, messaging bool) {
		if !messaging {
			apply = true
		} else if chat < 0 {
			chat = int32(at)
		}
	})
	if apply {
		return evidence{}, false
	}
	for _, h := range d.hits[roleChannel] {
		if !d.negatedBefore(h, negWindow) && !d.warned(h) {
			if chat < 0 || d.toks[h.a].a < chat {
				chat = d.toks[h.a].a
			}
			break
		}
	}
	phones(d, func(at int) {
		if chat < 0 || int32(at) < chat {
			chat = int32(at)
		}
	})
	var href string // a chat link behind an empty text
	for _, l := range d.links {
		if classifyURL(l.href) == contactMessage {
			at := d.offsets.foldAt(int32(l.pos))
			if len(d.toks) == 0 {
				href = l.href
			} else if chat < 0 || at < chat {
				chat = at
			}
		}
	}
	switch {
	case href != "":
		return evidence{lit: href, literal: true}, true
	case chat >= 0:
		return evidence{a: chat, b: chat + 1}, true
	case kind == contactMessage:
		return evidence{lit: strings.TrimSpace(applyURL), literal: true}, true
	}
	return evidence{}, false
}

// saysNoFee reports whether the offer says that no fee is charged to the worker.
func (d *doc) saysNoFee() bool {
	for _, h := range d.hits[roleNoFee] {
		if !d.overlaps(roleNoFeeExclude, h) {
			return true
		}
	}
	return false
}
