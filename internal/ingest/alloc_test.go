package ingest

import (
	"bytes"
	"runtime"
	"strings"
	"testing"
)

// bigDocument repeats the items of a fixture until the document is about size bytes long.
func bigDocument(t *testing.T, kind string, size int) []byte {
	t.Helper()
	var head, item, sep, tail string
	switch kind {
	case KindRSS:
		feed := string(readFixture(t, "testdata/rss/research_computing_jobs.rss"))
		start, end := strings.Index(feed, "<item>"), strings.LastIndex(feed, "</item>")+len("</item>")
		head, item, tail = feed[:start], feed[start:end], feed[end:]
	case KindReliefWeb:
		doc := string(readFixture(t, "testdata/reliefweb/jobs.json"))
		start, end := strings.Index(doc, `"data": [`)+len(`"data": [`), strings.LastIndex(doc, "]")
		head, item, sep, tail = doc[:start], doc[start:end], ",", doc[end:]
	case KindJSONLD:
		head, item, sep, tail = `{"@graph":[`, string(readFixture(t, "testdata/jsonld/eg-0028-JobPosting.jsonld")), ",", `]}`
	case KindHROpen:
		doc := strings.TrimSpace(string(readFixture(t, "testdata/hropen/openings.json")))
		head, item, sep, tail = "[", doc[1:len(doc)-1], ",", "]"
	case KindCSV:
		doc := string(readFixture(t, "testdata/table/offres_utf8.csv"))
		nl := strings.Index(doc, "\n") + 1
		head, item, tail = doc[:nl], doc[nl:], ""
	}
	var b bytes.Buffer
	b.WriteString(head)
	b.WriteString(item)
	for b.Len() < size {
		b.WriteString(sep)
		b.WriteString(item)
	}
	b.WriteString(tail)
	return b.Bytes()
}

// TestParseAllocations checks that parsing a large document allocates a small multiple of
// its size, so that the limit on the input is also a limit on memory. It counts every
// allocation, garbage included (an upper bound of the peak); a copy of the document per item
// or a quadratic step would pass the bound by far. XLSX is left out: excelize unzips the
// workbook, within the limit ParseTable sets.
func TestParseAllocations(t *testing.T) {
	if testing.Short() {
		t.Skip("large documents")
	}
	const size = 4 << 20
	for _, kind := range []string{KindRSS, KindReliefWeb, KindJSONLD, KindHROpen, KindCSV} {
		t.Run(kind, func(t *testing.T) {
			data := bigDocument(t, kind, size)
			var before, after runtime.MemStats
			runtime.GC()
			runtime.ReadMemStats(&before)
			items, err := Parse(kind, data, nil)
			runtime.ReadMemStats(&after)
			if err != nil {
				t.Fatal(err)
			}
			if len(items) < 100 {
				t.Fatalf("only %d items", len(items))
			}
			ratio := float64(after.TotalAlloc-before.TotalAlloc) / float64(len(data))
			t.Logf("%d items, %.1f bytes allocated per byte of input", len(items), ratio)
			if ratio > 16 {
				t.Errorf("parsing allocated %.1f times the size of the document", ratio)
			}
		})
	}
}
