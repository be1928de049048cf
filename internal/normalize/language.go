package normalize

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// langWords marks words that only one of the two languages uses: +1 French, -1 English, and 2
// for a few Spanish and Portuguese ones. They
// are folded (lower case, no accent); "l", "d" and "qu" are what remains of "l'", "d'" and "qu'".
// Words both languages write alike are left out ("experience", "programme", "position", "a",
// "on", "en", "office", "support", "manager", "location"), and so are words that are also
// acronyms in the other language ("un" is the UN in English, "it" is IT in French, "an" is a
// year in French). Job titles are short, so a few common title words are listed
// with the function words.
var langWords = func() map[string]int8 {
	fr := `le la les l une des du de d au aux et est sont ou pour par avec dans sur sous sans
		chez entre ce cet cette ces qui que qu dont nous vous ils elles il elle leur leurs notre
		nos votre vos son sa ses pas tres aussi etre avoir sera seront doit doivent peut peuvent
		ainsi afin selon aupres lors depuis pendant mais donc comme tout tous toute toutes
		autre autres meme chaque poste postes candidat candidats candidate candidature
		candidatures dossier dossiers competences connaissance connaissances annees ans travail
		emploi equipe niveau diplome diplomee requis requise exigee exigees profil titulaire
		maitrise bonne capacite limite depot lettre motivation recrutement recrute offre
		charge chargee responsable stage stagiaire technicien technicienne ingenieur infirmier
		infirmiere comptable conseiller conseillere coordonnateur coordonnatrice
		coordinateur coordinatrice directeur directrice developpeur gestionnaire projet projets
		sante eau enfant enfants enfance formateur formatrice enseignant enseignante ouvrier
		ouvriere macon cuisinier cuisiniere secretaire caissier caissiere logisticien specialiste
		administrateur administratrice juriste medecin chef societe entreprise ressources humaines
		securite alimentaire developpement vendeur vendeuse menage femme homme suivi appui
		fonctionnaire consultante basee administratif financier`
	en := `the and of to in for with is are be been will would this that these those from by
		at or we you our your their they its which who whom has have had not all must
		should shall can may within including other such into about under over also more than
		any each both as do does years work working skills knowledge required requirements
		ability strong team job apply candidates responsibilities duties degree officer
		specialist driver nurse teacher analyst coordinator advisor adviser engineer developer
		accountant intern internship project projects health child children water sanitation
		field human resources lead staff worker workers clerk head chief deadline closing
		salary contract based country development security food program`
	// Spanish and Portuguese words, so that an offer in those languages is not taken for French.
	other := `el los las con para por una del y es muy nuestro nuestra empresa trabajo empleo
		puesto oficina experiencia requisitos salario uma nao voce trabalho emprego vaga`
	m := make(map[string]int8, 450)
	for w := range strings.FieldsSeq(fr) {
		m[w] = 1
	}
	for w := range strings.FieldsSeq(en) {
		m[w] = -1
	}
	for w := range strings.FieldsSeq(other) {
		m[w] = 2
	}
	return m
}()

// langScanLimit is how much of a text DetectLanguage reads: the language of an offer is settled
// long before its end.
const langScanLimit = 6000

// DetectLanguage tells whether text is French ("fr") or English ("en") by counting the words
// that only one of them uses (articles, prepositions, pronouns and common job-ad words), on the
// folded text. It returns "" when it cannot tell: fewer than two such words, no language with
// half as many again as the other (a bilingual offer), or as many Spanish or Portuguese words. A French text with English words
// in it ("Data Analyst – Lomé, poste basé au Togo") is French.
func DetectLanguage(text string) string {
	if len(text) > langScanLimit {
		text = text[:langScanLimit]
	}
	var fr, en, other int
	var word [24]byte
	n := 0
	skip := false // the word is too long or has a letter outside Latin: it counts for neither
	done := false // one language leads so far that the rest cannot change the answer
	end := func() {
		if n > 0 && !skip {
			switch langWords[string(word[:n])] {
			case 1:
				fr++
			case -1:
				en++
			case 2:
				other++
			}
			if t := fr + en + other; t >= 30 && (fr > 4*(en+other) || en > 4*(fr+other)) {
				done = true
			}
		}
		n, skip = 0, false
	}
	for i := 0; i < len(text) && !done; {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c >= 'a' && c <= 'z':
			case c >= 'A' && c <= 'Z':
				c += 'a' - 'A'
			default:
				end()
				continue
			}
			if n < len(word) {
				word[n] = c
				n++
			} else {
				skip = true
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if unicode.Is(unicode.Mn, r) {
			continue // a combining accent: the text was decomposed
		}
		if !unicode.IsLetter(r) {
			end()
			continue
		}
		base := foldLatin(unicode.ToLower(r))
		if base == "" {
			skip = true
			continue
		}
		if n+len(base) <= len(word) {
			n += copy(word[n:], base)
		} else {
			skip = true
		}
	}
	end()
	switch {
	case other > 0 && other >= max(fr, en):
		return ""
	case fr >= 2 && 2*fr > 3*en:
		return "fr"
	case en >= 2 && 2*en > 3*fr:
		return "en"
	}
	return ""
}

// foldLatin gives the base letters of the accented Latin letters of French and the languages
// near it, "" for any other letter.
func foldLatin(r rune) string {
	switch r {
	case 'à', 'â', 'ä', 'á', 'ã', 'å':
		return "a"
	case 'é', 'è', 'ê', 'ë':
		return "e"
	case 'î', 'ï', 'í', 'ì':
		return "i"
	case 'ô', 'ö', 'ó', 'ò', 'õ', 'ø':
		return "o"
	case 'ù', 'û', 'ü', 'ú':
		return "u"
	case 'ç':
		return "c"
	case 'ñ':
		return "n"
	case 'ÿ', 'ý':
		return "y"
	case 'œ':
		return "oe"
	case 'æ':
		return "ae"
	case 'ß':
		return "ss"
	}
	return ""
}
