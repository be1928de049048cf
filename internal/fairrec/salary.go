package fairrec

// Monthly wage ceilings above which a wage offered for a low-skill occupation (ISCO-08 major
// groups 5 to 9: service and sales workers, farm workers, craft and trade workers, machine
// operators and drivers, elementary occupations) looks like bait. They are a first
// calibration, to be reviewed by the agency with the wage data of the labour attachés and
// partner employment services; they are meant to catch "1 800 000 FCFA par mois pour une femme
// de ménage", not to judge a wage that is merely good.
const (
	// ceilingEUR holds for euros, US dollars and pounds alike: at this coarse scale exchange
	// rates do not matter. Skilled trades in Germany or the Netherlands can pay slightly above
	// it (3,000 to 3,600 EUR gross for an electrician or a lorry driver): such offers will be
	// flagged and held when their source is not trusted.
	ceilingEUR = 3_000
	// ceilingXOF is about 3,050 EUR at the fixed parity of 655.957 FCFA to the euro.
	ceilingXOF = 2_000_000
	// ceilingCHF is higher because Swiss minimum wages (Geneva, Neuchâtel, Jura…) already
	// exceed 4,000 CHF a month.
	ceilingCHF = 6_000
	ceilingCAD = 4_500 // about 3,000 EUR
	ceilingAUD = 5_000 // about 3,000 EUR
	// ceilingGulf holds for UAE dirhams, Saudi riyals and Qatari riyals (about 2,500 EUR),
	// where wages for these occupations are usually a fraction of it.
	ceilingGulf = 10_000
	// elementaryShare lowers every ceiling for elementary occupations (ISCO major group 9:
	// cleaners, domestic workers, labourers, farm hands): 2,550 EUR, 1,700,000 FCFA. It keeps
	// legal minimum wages in Western Europe (about 2,200 to 2,400 EUR in Germany, Ireland and
	// the Netherlands in 2025-2026) below the ceiling.
	elementaryShare = 0.85
)

// ceiling returns the monthly ceiling for the currency and ISCO major group, or 0 when the
// currency has none.
func ceiling(currency string, major byte) float64 {
	var c float64
	switch currency {
	case "EUR", "USD", "GBP":
		c = ceilingEUR
	case "XOF":
		c = ceilingXOF
	case "CHF":
		c = ceilingCHF
	case "CAD":
		c = ceilingCAD
	case "AUD":
		c = ceilingAUD
	case "AED", "SAR", "QAR":
		c = ceilingGulf
	default:
		return 0
	}
	if major == '9' {
		c *= elementaryShare
	}
	return c
}

// checkSalary finds a bait salary: a phrase like "gagnez jusqu'à" or "high salary guaranteed"
// (unless the occupation is known to be skilled, ISCO 1 to 4), or, for ISCO major groups 5 to 9,
// a wage above its ceiling. An amount is read as a wage when it is in the Salary field, has a
// period ("par mois", "per hour") or stands beside a word of pay, and not beside a fee. An
// amount without a period is taken as monthly.
func (d *doc) checkSalary(isco string) (evidence, bool) {
	var major byte
	for i := 0; i < len(isco); i++ {
		if isDigit(isco[i]) {
			major = isco[i]
			break
		}
	}
	best := evidence{a: -1}
	if major < '1' || major > '4' {
		for _, h := range d.hits[roleSalaryBait] {
			if !d.negatedBefore(h, negWindow) && !d.warned(h) {
				best = d.hitEvidence(h)
				break
			}
		}
	}
	if major >= '5' && major <= '9' {
		for _, m := range d.amounts {
			if best.a >= 0 && m.a > best.a {
				break
			}
			c := ceiling(m.currency, major)
			if c == 0 || m.monthly() <= c {
				continue
			}
			s := d.toks[m.tok].seg
			inSalary := m.a >= d.salaryFrom
			if !inSalary && (d.segHas(s, feeTriggers) || m.period == perUnknown && !d.segHas(s, bit(roleSalary))) {
				continue
			}
			if d.warned(hit{a: int32(m.tok), b: int32(m.tok) + 1}) {
				continue
			}
			best = evidence{a: m.a, b: m.b}
			break
		}
	}
	return best, best.a >= 0
}
