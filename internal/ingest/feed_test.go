package ingest

import (
	"net/url"
	"strings"
	"testing"

	"golang.org/x/text/encoding/charmap"
)

func TestParseFeeds(t *testing.T) {
	tests := []struct {
		name, kind, path string
		count, untitled  int
		want             map[int]fields
	}{
		{
			// Our own UN-like feed: French channel, <source>, CDATA, escaped HTML. Titles with a
			// colon in one item only must not be split into organisation and title.
			name: "un shaped", kind: KindRSS, path: "testdata/rss/unicef_shape.xml", count: 3,
			want: map[int]fields{
				0: {"Title": "Spécialiste de la protection de l'enfance, P-3, contrat à durée déterminée, Lomé, Togo #00141207",
					"ExternalID": "3108840215566120", "URL": "https://careers.example.org/671/cw/fr/job/600112",
					"Language": "fr", "Posted": "2026-05-01T08:00:00Z", "Organization": "", "Deadline": ""},
				1: {"Title": "Re-advertisement: Education Officer (Skills and Employability), NOB, Temporary Appointment (364 days), Abidjan, Côte d'Ivoire",
					"Organization": "",
					"Description":  "The Education Officer supports the country office in designing <strong>youth skills and employability</strong> programmes, including apprenticeships and the recognition of prior learning for returning migrants."},
				2: {"Title": "Stage – Communication digitale, Dakar, Sénégal",
					"Description": "<p>Rejoignez le bureau régional pour l'Afrique de l'Ouest et du Centre en tant que stagiaire en communication digitale.</p><p>Durée : 6 mois.</p>"},
			},
		},
		{
			// We Work Remotely's shape: "Company: Title", <expires_at>, <type>, <region>.
			name: "wwr shaped", kind: KindRSS, path: "testdata/rss/wwr_shape.rss", count: 3,
			want: map[int]fields{
				0: {"Organization": "Santé Plus Clinics", "Title": "Remote Medical Coder (French speaking)",
					"ContractType": "Full-Time", "Deadline": "2026-06-04T16:28:46Z", "Posted": "2026-05-05T16:28:46Z",
					"ExternalID": "https://remote.example.com/listings/sante-plus-clinics-remote-medical-coder",
					"Language":   "en-US", "Categories": "Health and Care|Anywhere in the World"},
				2: {"Organization": "Afya Digital", "Title": "Head of Finance & Operations", "ContractType": "Full-Time"},
			},
		},
		{
			// Helvetas' shape: xml:base on the root, relative links, GMT and EST dates, German.
			name: "xml:base", kind: KindRSS, path: "testdata/rss/xmlbase.xml", count: 2,
			want: map[int]fields{
				0: {"URL": "https://www.ngo.example.org/de/jobs/dialoger-innen-spendenwerbung",
					"Title": "Dialoger:innen Spendenwerbung (m/w/d) 60-100%", "Organization": "",
					"ExternalID": "20260216191900", "Language": "de", "Posted": "2026-02-16T19:19:00Z"},
				1: {"Posted": "2026-02-10T08:00:00-05:00"},
			},
		},
		{
			// ljdursi's board (CC0): descriptions are raw XHTML child elements, with stray CRs.
			name: "raw xhtml descriptions", kind: KindRSS, path: "testdata/rss/research_computing_jobs.rss", count: 20,
			want: map[int]fields{
				0: {"Title": "Manager, Computational Scientific Programming, Research Computing - Empire AI",
					"ExternalID": "job-3520", "URL": "https://www.linkedin.com/jobs/view/4370561599",
					"Posted": "2026-02-09T05:00:00Z", "Organization": "", "Language": ""},
			},
		},
		{
			// The shape of Recruityard's feed (written here): leading blank line, no XML declaration,
			// no version, no pubDate, no guid, everything in CDATA.
			name: "cdata, no guid", kind: KindRSS, path: "testdata/rss/cdata_noguid.xml", count: 3,
			want: map[int]fields{
				0: {"Title": "Conseiller clientèle francophone",
					"ExternalID": "https://agence-portugal.example.pt/offres/conseiller-clientele-francophone-lisbonne?id=CC-0512-1&utm_source=RSS_FEED",
					"URL":        "https://agence-portugal.example.pt/offres/conseiller-clientele-francophone-lisbonne?id=CC-0512-1&utm_source=RSS_FEED",
					"Posted":     ""},
			},
		},
		{
			name: "atom", kind: KindAtom, path: "testdata/atom/ngo_jobs.atom", count: 2, untitled: 1,
			want: map[int]fields{
				0: {"Title": "Responsable logistique – Niamey (Niger)", "ExternalID": "urn:ngo:offre:2026-041",
					"URL":          "https://recrutement.ngo.example.org/offres/2026-041-responsable-logistique",
					"Organization": "Solidarité Sahel", "Language": "fr", "Country": "NE", "City": "Niamey",
					"ContractType": "CDD 12 mois", "Deadline": "2026-05-31T23:59:00+01:00",
					"Posted": "2026-05-04T09:30:00+01:00", "Updated": "2026-05-05T14:00:00+01:00",
					"Categories": "Logistique|Niger"},
				1: {"Title": "Chargé·e de suivi-évaluation – Lomé (Togo)", "Country": "Togo",
					"Deadline": "", "DeadlineRaw": "15/06/2026", "Posted": "2026-05-03T08:00:00Z"},
			},
		},
		{
			// An Atom feed given as "rss" is read all the same.
			name: "atom as rss", kind: KindRSS, path: "testdata/atom/ngo_jobs.atom", count: 2, untitled: 1,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, err := ParseDocument(tt.kind, readFixture(t, tt.path), nil)
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, doc.Items, tt.count, tt.want)
			if doc.Untitled != tt.untitled {
				t.Errorf("untitled = %d, want %d", doc.Untitled, tt.untitled)
			}
		})
	}
}

func TestParseFeedQuirks(t *testing.T) {
	t.Run("raw xhtml is kept as markup", func(t *testing.T) {
		items, err := Parse(KindRSS, readFixture(t, "testdata/rss/research_computing_jobs.rss"), nil)
		if err != nil {
			t.Fatal(err)
		}
		d := items[0].DescriptionHTML
		if !strings.HasPrefix(d, "<p>Empire AI is establishing") || !strings.Contains(d, "<strong>Location:</strong> New York City NY USA") {
			t.Errorf("description lost its markup: %.200q", d)
		}
		if !strings.Contains(d, "\r") {
			t.Errorf("the stray CR of the source should be kept as written")
		}
	})
	t.Run("content:encoded preferred when longer", func(t *testing.T) {
		feed := `<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>x</title>
<item><title>Chauffeur</title><link>https://a.example/1</link><description>Court.</description>
<content:encoded><![CDATA[<p>Description complète du poste de chauffeur.</p>]]></content:encoded></item>
<item><title>Cuisinier</title><link>https://a.example/2</link><description>Une description plus longue que le contenu.</description>
<content:encoded>Bref.</content:encoded></item></channel></rss>`
		items, err := Parse(KindRSS, []byte(feed), nil)
		if err != nil {
			t.Fatal(err)
		}
		checkItems(t, items, 2, map[int]fields{
			0: {"Description": "<p>Description complète du poste de chauffeur.</p>"},
			1: {"Description": "Une description plus longue que le contenu."},
		})
	})
	t.Run("relative links resolved against the document URL", func(t *testing.T) {
		feed := `<rss version="2.0"><channel><title>x</title><item><title>Maçon</title><link>/offres/12</link></item></channel></rss>`
		base, _ := url.Parse("https://emplois.example.tg/flux.xml")
		items, err := Parse(KindRSS, []byte(feed), base)
		if err != nil {
			t.Fatal(err)
		}
		checkItems(t, items, 1, map[int]fields{0: {"URL": "https://emplois.example.tg/offres/12", "ExternalID": "https://emplois.example.tg/offres/12"}})
	})
	t.Run("windows-1252 without declaration", func(t *testing.T) {
		feed, _ := charmap.Windows1252.NewEncoder().String(`<?xml version="1.0"?><rss version="2.0"><channel><title>x</title>
<item><title>Ingénieur électricien – Côte d’Ivoire</title><guid>a1</guid><dc:creator xmlns:dc="http://purl.org/dc/elements/1.1/">Société Énergie</dc:creator></item></channel></rss>`)
		items, err := Parse(KindRSS, []byte(feed), nil)
		if err != nil {
			t.Fatal(err)
		}
		checkItems(t, items, 1, map[int]fields{0: {"Title": "Ingénieur électricien – Côte d’Ivoire", "Organization": "Société Énergie"}})
	})
	t.Run("declared iso-8859-1", func(t *testing.T) {
		feed, _ := charmap.ISO8859_1.NewEncoder().String(`<?xml version="1.0" encoding="ISO-8859-1"?><rss version="2.0"><channel><title>x</title><language>fr-FR</language>
<item><title>Aide-ménagère</title><guid>b2</guid></item></channel></rss>`)
		items, err := Parse(KindRSS, []byte(feed), nil)
		if err != nil {
			t.Fatal(err)
		}
		checkItems(t, items, 1, map[int]fields{0: {"Title": "Aide-ménagère", "Language": "fr-FR"}})
	})
	t.Run("garbled titles kept as written", func(t *testing.T) {
		garbled := "Job title Post level Apply by Agency Location Job Title WHO JPO - Technical Officer Post level P2 App [P2] — Job Title UN Clinic Doctor"
		feed := `<rss version="2.0"><channel><title>x</title><item><title>` + garbled + `</title><guid isPermaLink="false">7820804324530094</guid>
<description>Level: P2&lt;br/&gt;Location: Copenhagen, Denmark</description></item></channel></rss>`
		items, err := Parse(KindRSS, []byte(feed), nil)
		if err != nil {
			t.Fatal(err)
		}
		checkItems(t, items, 1, map[int]fields{0: {"Title": garbled, "Description": "Level: P2<br/>Location: Copenhagen, Denmark",
			"ExternalID": "7820804324530094", "URL": ""}})
	})
	t.Run("one colon title is not a company", func(t *testing.T) {
		feed := `<rss version="2.0"><channel><title>x</title><item><title>Urgent: Plombier</title><guid>1</guid></item></channel></rss>`
		items, _ := Parse(KindRSS, []byte(feed), nil)
		checkItems(t, items, 1, map[int]fields{0: {"Title": "Urgent: Plombier", "Organization": ""}})
	})
	t.Run("untitled items dropped and counted", func(t *testing.T) {
		feed := `<rss version="2.0"><channel><title>x</title><item><title> </title><guid>1</guid></item><item><guid>2</guid><description>Sans titre</description></item><item><title>Soudeur</title></item></channel></rss>`
		doc, err := ParseDocument(KindRSS, []byte(feed), nil)
		if err != nil {
			t.Fatal(err)
		}
		if len(doc.Items) != 1 || doc.Untitled != 2 {
			t.Errorf("got %d items and %d untitled, want 1 and 2", len(doc.Items), doc.Untitled)
		}
	})
	t.Run("fields cut to 100 000 characters", func(t *testing.T) {
		long := strings.Repeat("é", MaxFieldLength+10)
		feed := `<rss version="2.0"><channel><title>x</title><item><title>Long</title><description>` + long + `</description></item></channel></rss>`
		items, err := Parse(KindRSS, []byte(feed), nil)
		if err != nil {
			t.Fatal(err)
		}
		if got := len([]rune(items[0].DescriptionHTML)); got != MaxFieldLength {
			t.Errorf("description has %d characters, want %d", got, MaxFieldLength)
		}
	})
}
