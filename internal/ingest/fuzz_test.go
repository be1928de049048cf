package ingest

import (
	"path/filepath"
	"strings"
	"testing"
)

// The fuzz tests check that no input makes a parser panic, that every item has a title, and
// that a document is either items or an error, never both.

func addSeeds(f *testing.F, pattern string, extra ...string) {
	files, err := filepath.Glob(pattern)
	if err != nil || len(files) == 0 {
		f.Fatalf("no seed fixtures match %s", pattern)
	}
	for _, file := range files {
		f.Add(readFixture(f, file))
	}
	for _, s := range extra {
		f.Add([]byte(s))
	}
}

func fuzzParse(t *testing.T, kind string, data []byte) {
	items, err := Parse(kind, data, nil)
	if err != nil && items != nil {
		t.Fatalf("items (%d) returned with an error: %v", len(items), err)
	}
	for i, it := range items {
		if strings.TrimSpace(it.Title) == "" {
			t.Fatalf("item %d has no title", i)
		}
		if len(it.DescriptionHTML) > 4*MaxFieldLength {
			t.Fatalf("item %d has a description of %d bytes", i, len(it.DescriptionHTML))
		}
	}
}

func FuzzParseRSS(f *testing.F) {
	addSeeds(f, "testdata/rss/*", "<rss><channel><item><title>x</title></item></channel></rss>", "<feed><entry><title>a</title></entry></feed>")
	addSeeds(f, "testdata/atom/*")
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, KindRSS, data) })
}

func FuzzParseReliefWeb(f *testing.F) {
	addSeeds(f, "testdata/reliefweb/*", `{"data":[{"fields":{"title":"x","country":"y"}}]}`, `[{"title":["a",{"name":"b"}]}]`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, KindReliefWeb, data) })
}

func FuzzParseJSONLD(f *testing.F) {
	addSeeds(f, "testdata/jsonld/*", `{"@graph":[{"@type":["JobPosting"],"name":{"@value":"x"}}]}`,
		`<script type="application/ld+json"><!--{"@type":"JobPosting","title":"t"}--></script>`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, KindJSONLD, data) })
}

func FuzzParseHROpen(f *testing.F) {
	addSeeds(f, "testdata/hropen/*", `{"positionOpenings":{"positionTitle":"x"}}`)
	f.Fuzz(func(t *testing.T, data []byte) { fuzzParse(t, KindHROpen, data) })
}

func FuzzParseTable(f *testing.F) {
	files, _ := filepath.Glob("testdata/table/*")
	for _, file := range files {
		f.Add(readFixture(f, file), strings.HasSuffix(file, ".xlsx"))
	}
	f.Add(TemplateCSV(), false)
	f.Add([]byte("title;organization;country\n\"a;b\";c;d\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, xlsx bool) {
		kind := KindCSV
		if xlsx {
			kind = KindXLSX
		}
		items, lines, problems, err := ParseTable(kind, data)
		if err != nil {
			if items != nil || problems != nil {
				t.Fatalf("items or problems returned with an error: %v", err)
			}
			return
		}
		if len(items) != len(lines) {
			t.Fatalf("%d items but %d lines", len(items), len(lines))
		}
		for i, it := range items {
			if strings.TrimSpace(it.Title) == "" || strings.TrimSpace(it.Organization) == "" || strings.TrimSpace(it.Country) == "" {
				t.Fatalf("item %d (line %d) lacks a required field: %+v", i, lines[i], it)
			}
			if lines[i] < 2 {
				t.Fatalf("item %d on line %d", i, lines[i])
			}
		}
		for _, p := range problems {
			if p.Line < 1 || p.Key == "" || len([]rune(p.Value)) > 100 {
				t.Fatalf("bad problem %+v", p)
			}
		}
	})
}
