package normalize

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"reflect"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// langs writes language requirements short: langs("en:C1", "fr:") is English at C1 and French
// at no level.
func langs(specs ...string) []LanguageRequirement {
	var out []LanguageRequirement
	for _, s := range specs {
		code, level, _ := strings.Cut(s, ":")
		out = append(out, LanguageRequirement{code, level})
	}
	return out
}

func TestExtractRequirements(t *testing.T) {
	tests := []struct {
		title, text string
		langs       []LanguageRequirement
		isced       int
		years       int
	}{
		// UN vacancies.
		{"", "Education: Advanced university degree (Master's degree or equivalent) in economics, social sciences or a related field.",
			nil, 7, 0},
		{"", "Education: Advanced university degree (Master's degree or equivalent) in public health. A first-level university degree in combination with two additional years of qualifying experience may be accepted in lieu of the advanced university degree.",
			nil, 6, 0},
		{"", "Work Experience: A minimum of seven years of progressively responsible experience in programme management is required.",
			nil, -1, 7},
		{"", "Languages: Fluency in English and French is required. Knowledge of Spanish is desirable.",
			langs("en:C1", "fr:C1", "es:"), -1, 0},
		{"", "English and French are the working languages of the United Nations Secretariat. For this position, fluency in English is required. Knowledge of another official UN language is an advantage.",
			langs("en:C1"), -1, 0},
		{"", "Knowledge of another UN official language (Arabic, Chinese, French, Russian or Spanish) is an asset.",
			nil, -1, 0},
		{"", "Knowledge of another UN language, preferably French, is desirable.",
			langs("fr:"), -1, 0},
		{"Programme Specialist (Education), P-4", "<h3>Education</h3><p>Master's degree in education, or a Bachelor's degree with 2 additional years of relevant experience.</p><h3>Experience</h3><p>At least 8 years of professional experience in education programming, including 3 years in emergencies.</p>",
			nil, 6, 8},
		{"", "<ul><li>Minimum of 5 years of relevant experience, of which 2 years of experience in West Africa is desirable.</li></ul>",
			nil, -1, 5},
		{"", "A PhD in epidemiology is required; 10 years of research experience.",
			nil, 8, 10},
		{"", "Minimum education: first-level university degree (Bachelor's or equivalent) in finance, accounting or business administration.",
			nil, 6, 0},
		{"", "Completion of secondary education is required, with 5 years of experience as a driver.",
			nil, 3, 5},
		{"Driver, G-2", "High school diploma or equivalent. Valid driving licence. Five (5) years of driving experience.",
			nil, 3, 5},
		{"", "Excellent command of English, both written and spoken; good working knowledge of French.",
			langs("en:C1", "fr:B2"), -1, 0},
		{"", "Proficiency in English is required; working knowledge of Portuguese or Spanish is desirable.",
			langs("en:", "pt:B2", "es:B2"), -1, 0},

		// Offers in French.
		{"Chauffeurs poids lourds (H/F) – Allemagne", "Nous recrutons 20 chauffeurs poids lourds, permis C, 3 ans d'expérience minimum, notions d'allemand.",
			langs("de:A2"), -1, 3},
		{"", "Profil : titulaire d'un BTS ou DUT en maintenance industrielle, 3 à 5 ans d'expérience dans un poste similaire.",
			nil, 5, 3},
		{"", "Diplôme : Bac+5 (Master, DESS/DEA) en finance ; expérience professionnelle d'au moins deux ans.",
			nil, 7, 2},
		{"", "Être titulaire d'une Licence en sciences économiques. Une première expérience serait un plus.",
			nil, 6, 1},
		{"", "Niveau Bac+2/Bac+3 en comptabilité ; anglais courant exigé.",
			langs("en:C1"), 5, 0},
		{"", "Maîtrise parfaite du français ; bonne connaissance de l'anglais ; la connaissance de l'éwé ou du kabiyè est un atout.",
			langs("fr:C1", "en:B2", "ee:", "kbp:"), -1, 0},
		{"", "Langue maternelle : éwé. Bilingue français-anglais.",
			langs("ee:C2", "fr:C1", "en:C1"), -1, 0},
		{"", "Langues : français (C2), anglais (niveau B1/B2).",
			langs("fr:C2", "en:B1"), -1, 0},
		{"Infirmier(ère) diplômé(e) d'État – Belgique", "Vous justifiez d'une expérience d'au moins 2 ans en milieu hospitalier. Connaissances de base en néerlandais appréciées.",
			nil, -1, 2},
		{"", "Baccalauréat exigé. Âgé de 25 à 40 ans. Durée du contrat : 24 mois renouvelable.",
			nil, 3, 0},
		{"", "Ouvriers agricoles saisonniers (H/F) pour le Canada, contrat de 2 ans, aucune expérience requise, âge 18 à 35 ans.",
			nil, -1, 0},
		{"", "Expérience : 5 ans minimum dans la logistique. Durée : 12 mois.",
			nil, -1, 5},
		{"", "Vous avez au moins deux ans d'expérience et un niveau B2 en anglais.",
			langs("en:B2"), -1, 2},
		{"", "Formation : CAP/BEP en électricité ou Bac Pro. Débutants acceptés.",
			nil, 3, 0},
		{"", "Titulaire d'un Doctorat en médecine ou d'un Master en santé publique, avec 10 ans d'expérience.",
			nil, 7, 10},
		{"", "Une expérience de 18 mois minimum dans la vente est exigée.",
			nil, -1, 1},
		{"", "Parler couramment l'anglais et avoir des notions d'arabe.",
			langs("en:C1", "ar:A2"), -1, 0},
		{"", "Vous êtes francophone et maîtrisez l'anglais (niveau C1).",
			langs("fr:", "en:C1"), -1, 0},
		{"", "Diplôme d'ingénieur ou Master 2 en génie civil, 7 ans d'expérience dont 3 ans en gestion de chantier.",
			nil, 7, 7},

		// Recruitment ads from the Gulf, Europe and North America, in English.
		{"Heavy Truck Drivers – Dubai", "Requirements: Minimum 2 years GCC experience, good English, valid UAE driving licence, age 25-45 years.",
			langs("en:B2"), -1, 2},
		{"Hotel Staff – Qatar", "Candidates must speak basic English; Arabic is an advantage. Secondary school certificate.",
			langs("en:A2", "ar:"), 3, 0},
		{"Care Assistant – UK", "Fluent English (IELTS 6.0 or equivalent). At least 1 year of experience in a care home.",
			langs("en:C1"), -1, 1},
		{"Software Engineer", "5+ years of backend development. Bachelor's degree in Computer Science. Native German speaker or C1 level German.",
			langs("de:C1"), 6, 5},
		{"Electrician", "Diploma in electrical engineering and 3-5 years of industrial experience. Working knowledge of English.",
			langs("en:B2"), 5, 3},
		{"Registered Nurse – Germany", "Bachelor of Science in Nursing; German B1 or willingness to learn; 2 years' experience as a nurse.",
			langs("de:B1"), 6, 2},
		{"Seasonal farm workers – Spain", "No experience required. Basic Spanish is a plus. Contract of 9 months.",
			langs("es:A2"), -1, 0},
		{"", "Strong written and verbal communication skills in English and French.",
			langs("en:", "fr:"), -1, 0},
		{"", "MBA or Master's in Business Administration; 3 years experience in sales; fluent in Russian and English.",
			langs("ru:C1", "en:C1"), 7, 3},
		{"", "Mandarin Chinese is essential; knowledge of Italian is desirable.",
			langs("zh:", "it:"), -1, 0},
		{"", "Associate degree or HND in hospitality management with one year of hotel experience.",
			nil, 5, 1},
		{"", "Experience: two to three years in a similar role.",
			nil, -1, 2},
		{"", "Years of experience: 4", nil, -1, 4},
		{"", "<h3>Langues</h3><ul><li>Français</li><li>Anglais (B2)</li></ul><h3>Comment postuler</h3><p>Envoyez votre CV en espagnol.</p>",
			langs("fr:", "en:B2"), -1, 0},
		{"", "Requirements:\n- Bachelor's degree in Civil Engineering\n- 5 years experience\n- Fluent in English and Arabic",
			langs("en:C1", "ar:C1"), 6, 5},
		{"", "Higher degree in economics; Bac+3 accepted with 4 years of experience.", nil, 6, 4},
		{"", "Le candidat doit avoir entre 25 et 45 ans et au moins 3 ans d'expérience.", nil, -1, 3},
		{"", "Must have at least five years in a similar position and a very good level of English.",
			langs("en:C1"), -1, 5},

		// Nothing to find, or traps.
		{"", "This vacancy is also published in English and Spanish.", nil, -1, 0},
		{"", "Cette offre est également disponible en anglais.", nil, -1, 0},
		{"", "The Embassy of Spain in Accra is recruiting a driver.", nil, -1, 0},
		{"Chef cuisinier", "Cuisinier spécialisé en cuisine italienne, 4 ans d'expérience requis.", nil, -1, 4},
		{"", "Our German client, a company with over 30 years of experience, is hiring.", nil, -1, 0},
		{"", "Fort de 20 ans d'expérience, notre cabinet recrute pour une société française.", nil, -1, 0},
		{"", "Contract of 2 years, renewable. Salary: 1,200 USD per month.", nil, -1, 0},
		{"", "Applications in English or French are accepted.", nil, -1, 0},
		{"Scrum Master", "The Scrum Master will coach the teams.", nil, -1, 0},
		{"", "Master Electrician needed for a 12 month project.", nil, -1, 0},
		{"", "Valid driving licence (C) required; passport valid for at least 6 months.", nil, -1, 0},
		{"", "Teacher for a secondary school in Doha.", nil, -1, 0},
		{"", "Nettoyer le bac de rétention chaque semaine.", nil, -1, 0},
		{"", "Candidates with a degree in French literature are welcome.", nil, 6, 0},
		{"", "We serve French-speaking countries across West Africa.", nil, -1, 0},
		{"", "Permis C1 exigé.", nil, -1, 0},
		{"", "The project started 3 years ago and will last 2 years.", nil, -1, 0},
		{"", "", nil, -1, 0},
	}
	for _, tt := range tests {
		got := ExtractRequirements(tt.title, tt.text)
		want := Requirements{Languages: tt.langs, ISCED: tt.isced, Years: tt.years}
		if !slices.Equal(got.Languages, want.Languages) || got.ISCED != want.ISCED || got.Years != want.Years {
			t.Errorf("ExtractRequirements(%q, %q)\n got %+v\nwant %+v", tt.title, tt.text, got, want)
		}
	}
}

// TestExtractRequirementsOffer reads whole offers in HTML: the UNICEF vacancy of testdata and
// the offer of the benchmark.
func TestExtractRequirementsOffer(t *testing.T) {
	desc, err := os.ReadFile("testdata/offer_fr.html")
	if err != nil {
		t.Fatal(err)
	}
	got := ExtractRequirements("Spécialiste Protection de l'enfant (P-4), Lomé", string(desc))
	want := Requirements{Languages: langs("fr:", "en:"), ISCED: 7, Years: 8}
	if !slices.Equal(got.Languages, want.Languages) || got.ISCED != want.ISCED || got.Years != want.Years {
		t.Errorf("offer_fr.html: got %+v, want %+v", got, want)
	}
	got = ExtractRequirements("Logistics Officer, NO-B, Lomé", benchmarkOffer)
	want = Requirements{Languages: langs("en:C1", "fr:C1", "ee:", "kbp:"), ISCED: 6, Years: 5}
	if !slices.Equal(got.Languages, want.Languages) || got.ISCED != want.ISCED || got.Years != want.Years {
		t.Errorf("benchmarkOffer: got %+v, want %+v", got, want)
	}
}

func FuzzExtractRequirements(f *testing.F) {
	for _, s := range []string{
		"Fluency in English and French is required. Knowledge of Spanish is desirable.",
		"Nous recrutons 20 chauffeurs poids lourds, permis C, 3 ans d'expérience minimum, notions d'allemand",
		"Bac+2/+3 à Bac+5", "two (2) years", "3 à 5 ans d'expérience", "<p>Langues :</p><ul><li>Anglais</li></ul>",
		"Master's degree or Bachelor's with 2 additional years", "C1 C2 very very good", "a year of experience",
		"Years of experience: 99", "bac+999999", "e.g. B.Sc. in", "<", "<p", "&amp;", "-", "+", "(", ")",
	} {
		f.Add("", s)
	}
	cefr := map[string]bool{"": true, "A1": true, "A2": true, "B1": true, "B2": true, "C1": true, "C2": true}
	f.Fuzz(func(t *testing.T, title, text string) {
		r := ExtractRequirements(title, text)
		if r.ISCED < -1 || r.ISCED > 8 {
			t.Fatalf("ISCED %d for %q", r.ISCED, text)
		}
		if r.Years < 0 || r.Years > 60 {
			t.Fatalf("Years %d for %q", r.Years, text)
		}
		seen := map[string]bool{}
		for _, l := range r.Languages {
			if !cefr[l.Level] || l.Language == "" || seen[l.Language] {
				t.Fatalf("language %+v in %+v for %q", l, r.Languages, text)
			}
			seen[l.Language] = true
		}
	})
}

// benchmarkOffer is an offer of about 2 KB, its requirements at the end as in most.
const benchmarkOffer = `<p>Under the overall supervision of the Country Representative and the direct supervision of the
Chief of Operations, the Logistics Officer manages the supply chain of the country office: procurement
planning, warehousing, fleet management and the distribution of programme supplies to implementing
partners in the five regions of the country. The incumbent supervises a team of twelve drivers and
storekeepers and works closely with programme sections, government counterparts and suppliers.</p>
<h3>Duties and responsibilities</h3>
<ul><li>Prepare the annual supply and procurement plan, in consultation with programme sections;</li>
<li>Manage warehouses in Lomé and Kara, including stock control and physical inventories twice a year;</li>
<li>Oversee the fleet of 25 vehicles, their maintenance, fuel consumption and insurance;</li>
<li>Ensure that goods are received, stored and dispatched in line with the organisation's rules;</li>
<li>Train partners in supply management and report monthly to the Chief of Operations.</li></ul>
<h3>Qualifications</h3>
<ul><li>Education: Advanced university degree (Master's degree or equivalent) in logistics, supply chain
management, business administration or a related field. A first-level university degree in combination
with two additional years of qualifying experience may be accepted in lieu of the advanced degree.</li>
<li>Work experience: A minimum of five years of progressively responsible experience in logistics or
procurement, of which at least two years in a humanitarian context, is required.</li>
<li>Languages: Fluency in English and French is required. Knowledge of Ewe or Kabiyè is an asset.</li></ul>
<p>This vacancy is also published in French. Contract of one year, renewable.</p>`

func BenchmarkExtractRequirements(b *testing.B) {
	b.SetBytes(int64(len(benchmarkOffer)))
	b.ReportAllocs()
	for b.Loop() {
		ExtractRequirements("Logistics Officer, NO-B, Lomé", benchmarkOffer)
	}
}

// TestRequirementWordsKnown checks that every word the code of requirements.go compares a
// token with is in the vocabulary: a word out of it reads as "" and would never match.
func TestRequirementWordsKnown(t *testing.T) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, "requirements.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	check := func(e ast.Expr) {
		lit, ok := e.(*ast.BasicLit)
		if !ok || lit.Kind != token.STRING {
			return
		}
		w, err := strconv.Unquote(lit.Value)
		if err != nil || w == "" {
			return
		}
		if _, ok := reqLexicon[w]; !ok {
			t.Errorf("%s: %q is not in the vocabulary (add it to reqPlainWords)", fset.Position(lit.Pos()), w)
		}
	}
	for _, d := range f.Decls {
		fn, ok := d.(*ast.FuncDecl)
		if !ok || fn.Name.Name == "tag" || fn.Name.Name == "addLanguage" {
			continue // HTML tag names; levels
		}
		ast.Inspect(fn.Body, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.CaseClause:
				for _, e := range n.List {
					check(e)
				}
			case *ast.BinaryExpr:
				if n.Op == token.EQL || n.Op == token.NEQ {
					check(n.X)
					check(n.Y)
				}
			}
			return true
		})
	}
}

// TestExtractRequirementsConcurrent: the token slices kept from one text to the next are never
// shared by two extractions at once.
func TestExtractRequirementsConcurrent(t *testing.T) {
	texts := []string{
		"Education: Advanced university degree (Master's degree or equivalent) in economics. Languages: Fluency in English and French is required.",
		"Diplôme : Licence en comptabilité. Expérience : 5 ans minimum. Langues : français courant, anglais B2.",
		"Work Experience: A minimum of seven years of progressively responsible experience in programme management is required.",
		strings.Repeat("Niveau Bac+3, 3 années d'expérience, maîtrise de l'anglais (C1). ", 40),
	}
	want := make([]Requirements, len(texts))
	for i, s := range texts {
		want[i] = ExtractRequirements("", s)
	}
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for k := range 200 {
				i := (k + g) % len(texts)
				if got := ExtractRequirements("", texts[i]); !reflect.DeepEqual(got, want[i]) {
					t.Errorf("text %d: %+v at once, %+v alone", i, got, want[i])
					return
				}
			}
		})
	}
	wg.Wait()
}
