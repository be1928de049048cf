package fairrec

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// genericNames are the words that name no one: "Confidentiel", "Entreprise", "Société
// internationale", "Our client", "Agence de recrutement", "N/A".
var genericNames = map[string]bool{
	"confidential": true, "confidentiel": true, "confidentielle": true, "confidentiality": true,
	"anonyme": true, "anonymous": true, "undisclosed": true, "disclosed": true, "unknown": true,
	"inconnu": true, "inconnue": true, "entreprise": true, "entreprises": true, "societe": true,
	"societes": true, "company": true, "companies": true, "firm": true, "firme": true,
	"client": true, "clients": true, "cliente": true, "customer": true, "agency": true,
	"agence": true, "agent": true, "recruteur": true, "recruteurs": true, "recruiter": true,
	"recruiters": true, "recrutement": true, "recruitment": true, "employeur": true,
	"employer": true, "cabinet": true, "private": true, "prive": true, "privee": true,
	"particulier": true, "particuliers": true, "famille": true, "family": true,
	"international": true, "internationale": true, "multinational": true, "multinationale": true,
	"grande": true, "grand": true, "leading": true, "large": true, "big": true, "major": true,
	"groupe": true, "group": true, "non": true, "not": true, "communique": true,
	"precise": true, "specified": true, "mentionne": true, "nd": true, "na": true, "xxx": true,
	"xx": true, "none": true, "aucun": true, "null": true, "nil": true,
	// words that glue the others
	"a": true, "an": true, "the": true, "our": true, "notre": true, "nos": true, "un": true,
	"une": true, "le": true, "la": true, "les": true, "l": true, "de": true, "du": true,
	"des": true, "d": true, "et": true, "and": true, "of": true, "in": true, "en": true,
	"au": true, "aux": true, "pour": true, "for": true, "based": true, "basee": true, "base": true,
}

// checkNoEmployer reports an organisation that is empty or named only with generic words; the
// evidence is the name as given.
func checkNoEmployer(org string) (evidence, bool) {
	var w plainWriter
	var links []link
	w.field(org, &links)
	f, _ := fold(nil, w.b.String())
	wordChar := func(i int) (bool, int) { // whether f[i:] starts with a letter or a digit, and its size
		r, n := utf8.DecodeRune(f[i:])
		return unicode.IsLetter(r) || unicode.IsDigit(r), n
	}
	for i := 0; i < len(f); {
		j := i
		for j < len(f) {
			ok, n := wordChar(j)
			if !ok {
				break
			}
			j += n
		}
		if j == i {
			_, n := wordChar(i)
			i += n
			continue
		}
		word := f[i:j]
		i = j
		if genericNames[string(word)] || len(word) == 1 && !isDigit(word[0]) {
			continue
		}
		return evidence{}, false
	}
	return evidence{lit: strings.TrimSpace(org), literal: true}, true
}
