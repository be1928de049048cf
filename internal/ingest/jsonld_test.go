package ingest

import (
	"strings"
	"testing"
)

func TestParseJSONLD(t *testing.T) {
	tests := []struct {
		name, path string
		count      int
		want       map[int]fields
	}{
		{"schema.org eg-0028", "testdata/jsonld/eg-0028-JobPosting.jsonld", 1, map[int]fields{0: {
			"Title": "Software Engineer", "City": "Kirkland", "Country": "", "ContractType": "Full-time",
			"Posted": "2011-10-31T00:00:00Z", "Salary": "USD 100000", "Organization": "",
			"Experience": "Minumum 3 years experience as a software engineer",
			"Categories": "15-1132.00 Software Developers, Application|Computer Software",
		}}},
		{"schema.org eg-0251, a name for a title", "testdata/jsonld/eg-0251-JobPosting.jsonld", 1, map[int]fields{0: {
			"Title": "Mobile App Developer", "Organization": "ACME Software", "Categories": "Software Developers, Applications",
		}}},
		{"schema.org eg-0268, remote", "testdata/jsonld/eg-0268-JobPosting.jsonld", 1, map[int]fields{0: {
			"Title": "Telecommute from anywhere in USA!", "Country": "USA",
		}}},
		{"schema.org eg-0280", "testdata/jsonld/eg-0280-JobPosting.jsonld", 1, map[int]fields{0: {"Title": "Systems Research Engineer"}}},
		{"schema.org eg-0465", "testdata/jsonld/eg-0465-JobPosting.jsonld", 1, map[int]fields{0: {"Title": "Software Engineer", "Experience": "60 months"}}},
		{"html page", "testdata/jsonld/page.html", 1, map[int]fields{0: {"Title": "Software Engineer", "City": "Kirkland"}}},
		{"graph, item list", "testdata/jsonld/offres_graph.jsonld", 3, map[int]fields{
			0: {"Title": "Infirmier / Infirmière en soins généraux (H/F)", "ExternalID": "PFL-2026-17",
				"URL": "https://emplois.example.de/offres/pflege-2026-17", "Organization": "Klinikum Beispielstadt",
				"OrgShortName": "KBS", "OrgType": "Hospital", "Country": "DE", "City": "Beispielstadt",
				"ContractType": "FULL_TIME, TEMPORARY", "Deadline": "2026-06-30T23:59:00+02:00", "Posted": "2026-04-20T00:00:00Z",
				"Salary": "EUR 3200-3900 MONTH", "ISCO08": "2221", "Language": "fr-FR", "Experience": "24 months", "Categories": ""},
			1: {"Title": "Conducteur / Conductrice de poids lourds", "ExternalID": "TR-88", "Organization": "Spedition Muster GmbH",
				"City": "Hamburg", "Country": "", "Deadline": "2026-05-31T00:00:00Z", "Posted": "2026-04-25T08:00:00+02:00",
				"Salary": "EUR 17.5 HOUR", "ContractType": "FULL_TIME"},
			2: {"Title": "Téléconseiller / Téléconseillère bilingue français-allemand", "Country": "Togo",
				"Categories": "TELECOMMUTE", "Deadline": "", "DeadlineRaw": "bientôt"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := Parse(KindJSONLD, readFixture(t, tt.path), nil)
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, items, tt.count, tt.want)
		})
	}
}

func TestParseJSONLDShapes(t *testing.T) {
	tests := []struct {
		name, doc string
		count     int
		want      map[int]fields
	}{
		{"array", `[{"@type":"JobPosting","title":"A"},{"@type":"Organization","name":"B"},{"@type":"JobPosting","title":"C"}]`, 2,
			map[int]fields{1: {"Title": "C"}}},
		{"full type IRI and identifier as a number", `{"@type":"http://schema.org/JobPosting","title":"Soudeur","identifier":4521,
			"hiringOrganization":{"@type":"NGO","name":"Plan International","alternateName":"Plan"},
			"jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","addressLocality":"Kara","addressCountry":"TG"}},
			"employmentType":["CONTRACTOR"],"validThrough":"2026-07-01T18:00:00Z"}`, 1,
			map[int]fields{0: {"ExternalID": "4521", "OrgType": "NGO", "OrgShortName": "Plan", "City": "Kara", "Country": "TG",
				"ContractType": "CONTRACTOR", "Deadline": "2026-07-01T18:00:00Z"}}},
		{"page with two scripts and a comment", `<!doctype html><html><head>
<script type="application/ld+json">{"@type":"JobPosting","title":"Électricien"}</script>
<script type="application/ld+json"><!-- {"@type":"JobPosting","title":"Plombier","datePosted":"2026-05-01"} --></script>
</head><body></body></html>`, 2, map[int]fields{0: {"Title": "Électricien"}, 1: {"Title": "Plombier", "Posted": "2026-05-01T00:00:00Z"}}},
		{"page with one broken script among good ones", `<html><script type="application/ld+json">{"@type":"JobPosting",</script>
<script type="application/ld+json">{"@type":"JobPosting","title":"Couvreur"}</script></html>`, 1, map[int]fields{0: {"Title": "Couvreur"}}},
		{"empty array", `[]`, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := Parse(KindJSONLD, []byte(tt.doc), nil)
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, items, tt.count, tt.want)
		})
	}
}

func TestParseJSONLDPageErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"no script", `<html><body><h1>Offres</h1></body></html>`, `no <script type="application/ld+json">`},
		{"no job posting", `<html><script type="application/ld+json">{"@type":"WebSite","name":"x"}</script></html>`, "no schema.org JobPosting"},
		{"broken script only", `<html><script type="application/ld+json">{"@type":"JobPosting","title":</script></html>`, "JSON-LD script 1 of the page: truncated JSON"},
		{"json without posting", `{"@context":"https://schema.org","@type":"Organization","name":"ANPE"}`, "no schema.org JobPosting"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := Parse(KindJSONLD, []byte(tt.doc), nil)
			if err == nil || !strings.Contains(err.Error(), tt.want) || items != nil {
				t.Errorf("got %d items, error %v; want an error containing %q", len(items), err, tt.want)
			}
		})
	}
}
