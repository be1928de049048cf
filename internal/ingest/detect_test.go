package ingest

import (
	"os"
	"path/filepath"
	"testing"
)

func TestDetectFixtures(t *testing.T) {
	want := map[string]string{
		"testdata/rss/unicef_shape.xml":                 KindRSS,
		"testdata/rss/wwr_shape.rss":                    KindRSS,
		"testdata/rss/xmlbase.xml":                      KindRSS,
		"testdata/rss/research_computing_jobs.rss":      KindRSS,
		"testdata/rss/cdata_noguid.xml":                 KindRSS,
		"testdata/atom/ngo_jobs.atom":                   KindAtom,
		"testdata/reliefweb/jobs.json":                  KindReliefWeb,
		"testdata/jsonld/eg-0028-JobPosting.jsonld":     KindJSONLD,
		"testdata/jsonld/eg-0251-JobPosting.jsonld":     KindJSONLD,
		"testdata/jsonld/eg-0268-JobPosting.jsonld":     KindJSONLD,
		"testdata/jsonld/eg-0280-JobPosting.jsonld":     KindJSONLD,
		"testdata/jsonld/eg-0465-JobPosting.jsonld":     KindJSONLD,
		"testdata/jsonld/offres_graph.jsonld":           KindJSONLD,
		"testdata/jsonld/page.html":                     KindJSONLD,
		"testdata/hropen/openings.json":                 KindHROpen,
		"testdata/hropen/jazzhr_position_openings.json": KindHROpen,
		"testdata/table/offres_utf8.csv":                KindCSV,
		"testdata/table/offres_cp1252_semicolon.csv":    KindCSV,
		"testdata/table/offres_errors.csv":              KindCSV,
		"testdata/table/offres.xlsx":                    KindXLSX,
	}
	// Every fixture is listed, so that a new one cannot be left out.
	files, _ := filepath.Glob("testdata/*/*")
	for _, f := range files {
		if info, err := os.Stat(f); err != nil || info.IsDir() { // testdata/fuzz/FuzzX
			continue
		}
		if _, ok := want[filepath.ToSlash(f)]; !ok {
			t.Errorf("fixture %s has no expected kind", f)
		}
	}
	for path, kind := range want {
		data := readFixture(t, path)
		// From the bytes alone, with no help from the type or the name.
		if got := Detect(data, "", ""); got != kind {
			t.Errorf("Detect(%s) = %q, want %q", path, got, kind)
		}
		// A server that says text/plain or application/octet-stream does not change it.
		if got := Detect(data, "application/octet-stream", "download"); got != kind {
			t.Errorf("Detect(%s, octet-stream) = %q, want %q", path, got, kind)
		}
	}
}

func TestDetect(t *testing.T) {
	tmplXLSX, err := TemplateXLSX()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name              string
		data              string
		contentType, file string
		want              string
	}{
		{"empty", "", "application/rss+xml", "jobs.rss", ""},
		{"white space", " \n\t ", "", "", ""},
		{"garbage", "\x00\x01\x02\xff\xfe garbage \x00", "", "", ""},
		{"html without json-ld", "<!DOCTYPE html><html><head><title>Offres</title></head><body></body></html>", "text/html", "", ""},
		{"html named .rss", "<html><body>404</body></html>", "application/rss+xml", "jobs.rss", ""},
		{"rss served as html", `<?xml version="1.0"?><rss version="2.0"><channel></channel></rss>`, "text/html; charset=utf-8", "", KindRSS},
		{"rss 1.0", `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"></rdf:RDF>`, "", "", KindRSS},
		{"other xml", `<?xml version="1.0"?><message:StructureSpecificData xmlns:message="x"/>`, "text/xml", "", ""},
		{"json array of numbers", "[1, 2, 3]", "application/json", "", ""},
		{"unknown json", `{"jobs":[{"title":"x"}]}`, "application/json", "jobs.json", ""},
		{"unknown json said to be json-ld", `{"title":"x"}`, "application/ld+json", "", KindJSONLD},
		{"reliefweb, empty page", `{"totalCount":0,"count":0,"data":[]}`, "", "", KindReliefWeb},
		{"hropen, single", `{"PositionTitle":"Serveur"}`, "", "", KindHROpen},
		{"csv named", "nom,prénom\nKoffi,Ama\n", "", "Liste.CSV", KindCSV},
		{"csv by type", "a;b\n1;2\n", "text/csv; charset=windows-1252", "", KindCSV},
		{"text not csv", "Bonjour, voici nos offres.\n", "text/plain", "lisez-moi.txt", ""},
		{"template csv", string(TemplateCSV()), "", "", KindCSV},
		{"template xlsx", string(tmplXLSX), "", "", KindXLSX},
		{"zip not xlsx", "PK\x03\x04\x14\x00word/document.xml", "", "lettre.docx", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Detect([]byte(tt.data), tt.contentType, tt.file); got != tt.want {
				t.Errorf("Detect = %q, want %q", got, tt.want)
			}
		})
	}
}
