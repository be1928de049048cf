package fairrec

import (
	"os"
	"strings"
	"testing"
)

// benchOffer is an offer with a 3.5 KB HTML description (3.2 KB of text), in French and
// English, that goes through every check: a fee statement, amounts, a telephone number, links,
// a list of costs paid by the employer, "transfer of funds".
func benchOffer(b *testing.B) Offer {
	html, err := os.ReadFile("testdata/un_vacancy.html")
	if err != nil {
		b.Fatal(err)
	}
	fr := `<p>Le Groupe hôtelier Atlantique recrute pour ses établissements de Doha des agents d'entretien et des commis de cuisine.</p>
<ul><li>Salaire : 450 000 FCFA par mois, logement et repas fournis ;</li>
<li>Le billet d'avion, le visa, la visite médicale et les frais de dossier sont pris en charge par l'employeur ;</li>
<li>Contrat écrit de deux ans, signé avant le départ, visé par le ministère.</li></ul>
<p>Aucun frais n'est demandé aux candidats. Pour toute question, appelez le +228 22 21 00 00 ou écrivez à recrutement@atlantique.example.</p>`
	desc := fr + string(html)
	for len(desc) < 3072 {
		desc += fr
	}
	desc = desc[:strings.LastIndex(desc[:3072+512], "</p>")+4]
	return Offer{Title: "Agents d'entretien et commis de cuisine (H/F) – Doha", Organization: "Groupe hôtelier Atlantique",
		Description: desc, HowToApply: `<p>Postulez sur <a href="https://emplois.example.org/123">le site</a>.</p>`,
		ApplyURL: "https://emplois.example.org/123", Country: "QAT", ISCOMajor: "9", Salary: "450 000 FCFA / mois"}
}

func BenchmarkCheck(b *testing.B) {
	o := benchOffer(b)
	if flags, noFee := Check(o); len(flags) != 0 || !noFee {
		b.Fatalf("flags %+v, noFee %v: the offer should be clean", flags, noFee)
	}
	b.SetBytes(int64(len(o.Title) + len(o.Description) + len(o.HowToApply) + len(o.Salary)))
	b.ReportAllocs()
	for b.Loop() {
		Check(o)
	}
}
