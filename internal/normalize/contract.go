package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"mobilite"
)

// contractWords maps the folded words and pairs of words sources use for a type of contract:
// ReliefWeb's types ("Job", "Consultancy", "Internship", "Volunteer Opportunity"), schema.org's
// employmentType (FULL_TIME, PART_TIME, CONTRACTOR, TEMPORARY, INTERN, VOLUNTEER, PER_DIEM,
// SEASONAL), and French and English words of job ads. "Contract" alone is a fixed-term job;
// "contractor" is a consultant.
var contractWords = map[string]string{
	"job": mobilite.ContractEmployment, "jobs": mobilite.ContractEmployment,
	"full time": mobilite.ContractEmployment, "fulltime": mobilite.ContractEmployment,
	"part time": mobilite.ContractEmployment, "parttime": mobilite.ContractEmployment,
	"temporary": mobilite.ContractEmployment, "temp": mobilite.ContractEmployment,
	"permanent": mobilite.ContractEmployment, "per diem": mobilite.ContractEmployment,
	"seasonal": mobilite.ContractEmployment, "saisonnier": mobilite.ContractEmployment,
	"saisonniere": mobilite.ContractEmployment, "cdi": mobilite.ContractEmployment,
	"cdd": mobilite.ContractEmployment, "fixed term": mobilite.ContractEmployment,
	"contract": mobilite.ContractEmployment, "employment": mobilite.ContractEmployment,
	"employee": mobilite.ContractEmployment, "emploi": mobilite.ContractEmployment,
	"salarie": mobilite.ContractEmployment, "temps plein": mobilite.ContractEmployment,
	"temps partiel": mobilite.ContractEmployment, "interim": mobilite.ContractEmployment,
	"duree determinee": mobilite.ContractEmployment, "duree indeterminee": mobilite.ContractEmployment,
	"staff": mobilite.ContractEmployment, "fta": mobilite.ContractEmployment,
	"temporary appointment": mobilite.ContractEmployment,

	"consultancy": mobilite.ContractConsultancy, "consultancies": mobilite.ContractConsultancy,
	"consultant": mobilite.ContractConsultancy, "consultante": mobilite.ContractConsultancy,
	"consultants": mobilite.ContractConsultancy, "consulting": mobilite.ContractConsultancy,
	"consultance": mobilite.ContractConsultancy, "contractor": mobilite.ContractConsultancy,
	"freelance": mobilite.ContractConsultancy, "free lance": mobilite.ContractConsultancy,
	"freelancer": mobilite.ContractConsultancy, "independent contractor": mobilite.ContractConsultancy,
	"individual contractor": mobilite.ContractConsultancy, "individual contract": mobilite.ContractConsultancy,
	"ssa": mobilite.ContractConsultancy, "prestataire": mobilite.ContractConsultancy,
	"prestation": mobilite.ContractConsultancy, "prestation de service": mobilite.ContractConsultancy,

	"internship": mobilite.ContractInternship, "internships": mobilite.ContractInternship,
	"intern": mobilite.ContractInternship, "interns": mobilite.ContractInternship,
	"stage": mobilite.ContractInternship, "stages": mobilite.ContractInternship,
	"stagiaire": mobilite.ContractInternship, "stagiaires": mobilite.ContractInternship,
	"trainee": mobilite.ContractInternship, "traineeship": mobilite.ContractInternship,
	"apprenticeship": mobilite.ContractInternship, "apprentissage": mobilite.ContractInternship,
	"alternance": mobilite.ContractInternship, "apprenti": mobilite.ContractInternship,

	"volunteer": mobilite.ContractVolunteer, "volunteers": mobilite.ContractVolunteer,
	"volunteering": mobilite.ContractVolunteer, "volunteer opportunity": mobilite.ContractVolunteer,
	"volontariat": mobilite.ContractVolunteer, "volontaire": mobilite.ContractVolunteer,
	"volontaires": mobilite.ContractVolunteer, "benevole": mobilite.ContractVolunteer,
	"benevoles": mobilite.ContractVolunteer, "benevolat": mobilite.ContractVolunteer,
	"vnu": mobilite.ContractVolunteer, "unv": mobilite.ContractVolunteer,
	"service civique": mobilite.ContractVolunteer,
}

// contractRank orders the types when a source gives several ("FULL_TIME, INTERN"): the most
// particular one wins, since "full time" says little next to "intern".
var contractRank = map[string]int{
	mobilite.ContractEmployment:  1,
	mobilite.ContractConsultancy: 2,
	mobilite.ContractInternship:  3,
	mobilite.ContractVolunteer:   4,
}

// titleContractSkip are pairs in which a contract word of a title means something else.
var titleContractSkip = map[string]bool{
	"stage manager": true, "stage management": true, "stage technician": true,
	"job coach": true, "staff nurse": true, "staff officer": true, "staff accountant": true,
	"staff counsellor": true, "staff welfare": true, "staff development": true,
	"emploi jeunes": true, "employment officer": true, "employment services": true,
	"employment specialist": true, "volunteer management": true, "volunteer coordinator": true,
	"volunteer manager": true, "internship coordinator": true, "contract management": true,
	"contract manager": true, "contracts manager": true, "contract officer": true,
	"contracts officer": true, "contract specialist": true, "temporary works": true,
}

// Contract tells the type of contract (mobilite.ContractEmployment, …Consultancy,
// …Internship, …Volunteer) from the source's words in raw; when raw says nothing it knows, from
// the title ("Consultant national", "Stagiaire en comptabilité", "VNU – Chargé de
// communication"); then from a "Type de contrat : …" or "Contract type: …" line in text, or a
// "CDD"/"CDI" in it. It returns "" when none of them tells.
func Contract(raw, title, text string) string {
	if c := contractOf(quickFold(raw), nil); c != "" {
		return c
	}
	if c := contractOf(quickFold(title), titleContractSkip); c != "" {
		return c
	}
	return contractInText(text)
}

// contractOf finds the contract words and pairs of words of folded s and returns the most
// particular type they name. Pairs in skip, and the words in them, count for nothing.
func contractOf(f string, skip map[string]bool) string {
	if f == "" {
		return ""
	}
	words := strings.Fields(f)
	best := ""
	for i, w := range words {
		if i+1 < len(words) {
			pair := w + " " + words[i+1]
			if skip[pair] || (i > 0 && skip[words[i-1]+" "+w]) {
				continue
			}
			if c, ok := contractWords[pair]; ok && contractRank[c] > contractRank[best] {
				best = c
			}
		} else if i > 0 && skip[words[i-1]+" "+w] {
			continue
		}
		if c, ok := contractWords[w]; ok && contractRank[c] > contractRank[best] {
			best = c
		}
	}
	return best
}

// contractLabels are the folded labels a job ad puts before its type of contract.
var contractLabels = []string{
	"type de contrat", "nature du contrat", "type du contrat", "contrat", "contract type",
	"type of contract", "employment type", "type of employment", "type of appointment",
	"appointment type", "type d emploi", "contract",
}

// contractInText looks for a labelled type of contract in an offer's text, and for the words
// CDD and CDI, which French ads use for nothing else. It folds only the few places where a
// label may start, so that a long text costs little.
func contractInText(text string) string {
	const window = 120
	if len(text) > 20000 {
		text = text[:20000]
	}
	found := ""
	for _, key := range []string{"ontra", "ONTRA", "ype d", "YPE D", "mployment", "MPLOYMENT", "ppointment", "PPOINTMENT"} {
		for off := 0; ; {
			i := strings.Index(text[off:], key)
			if i < 0 {
				break
			}
			i += off
			off = i + len(key)
			f := quickFold(safeSlice(text, max(0, i-20), min(len(text), i+window)))
			for _, label := range contractLabels {
				j := strings.Index(f, label)
				if j < 0 {
					continue
				}
				rest := strings.Fields(f[j+len(label):])
				if len(rest) > 6 {
					rest = rest[:6]
				}
				if c := contractOf(strings.Join(rest, " "), nil); contractRank[c] > contractRank[found] {
					found = c
				}
				break
			}
		}
	}
	if found != "" {
		return found
	}
	for _, w := range []string{"CDD", "CDI"} {
		if i := strings.Index(text, w); i >= 0 && wordAt(text, i, len(w)) {
			return mobilite.ContractEmployment
		}
	}
	return ""
}

// quickFold is ref.Fold for the Latin letters of French and English, several times faster:
// lower case, accents dropped, anything else than a letter or digit a single space. Other
// letters are kept as they are.
func quickFold(s string) string {
	b := make([]byte, 0, len(s))
	gap := false
	for _, r := range s {
		switch {
		case r >= 'A' && r <= 'Z':
			r += 'a' - 'A'
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
		case r < utf8.RuneSelf:
			gap = true
			continue
		case unicode.Is(unicode.Mn, r):
			continue // a combining accent
		default:
			if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
				gap = true
				continue
			}
		}
		if gap && len(b) > 0 {
			b = append(b, ' ')
		}
		gap = false
		if r < utf8.RuneSelf {
			b = append(b, byte(r))
		} else if f := foldLatin(unicode.ToLower(r)); f != "" {
			b = append(b, f...)
		} else {
			b = utf8.AppendRune(b, unicode.ToLower(r))
		}
	}
	return string(b)
}

// safeSlice cuts s[i:j] at character boundaries.
func safeSlice(s string, i, j int) string {
	for i > 0 && i < len(s) && s[i]&0xC0 == 0x80 {
		i--
	}
	for j < len(s) && j > 0 && s[j]&0xC0 == 0x80 {
		j++
	}
	return s[i:j]
}

// wordAt reports whether s[i:i+n] stands as a word of its own (no letter or digit either side).
func wordAt(s string, i, n int) bool {
	return (i == 0 || !isASCIIAlnum(s[i-1])) && (i+n >= len(s) || !isASCIIAlnum(s[i+n]))
}
