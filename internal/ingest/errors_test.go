package ingest

import (
	"bytes"
	"errors"
	"strings"
	"testing"
)

// TestBadDocuments gives every parser documents it must refuse: each is a *DocumentError that
// says what is wrong, with no items.
func TestBadDocuments(t *testing.T) {
	rss := readFixture(t, "testdata/rss/unicef_shape.xml")
	atom := readFixture(t, "testdata/atom/ngo_jobs.atom")
	rw := readFixture(t, "testdata/reliefweb/jobs.json")
	ld := readFixture(t, "testdata/jsonld/offres_graph.jsonld")
	hr := readFixture(t, "testdata/hropen/openings.json")
	page := readFixture(t, "testdata/jsonld/page.html")
	huge := bytes.Repeat([]byte(" "), 21<<20)
	copy(huge, `<rss version="2.0"><channel>`)

	tests := []struct {
		name, kind string
		data       []byte
		want       string
	}{
		{"truncated rss", KindRSS, rss[:len(rss)/2], "truncated XML"},
		{"truncated atom", KindAtom, atom[:len(atom)-40], "truncated XML"},
		{"html given as rss", KindRSS, page, "not an RSS or Atom feed: the document is HTML"},
		{"json given as rss", KindRSS, rw, "not an RSS or Atom feed: the document is JSON"},
		{"other xml given as rss", KindRSS, []byte(`<?xml version="1.0"?><urlset><url/></urlset>`), "the root element is <urlset>"},
		{"text given as atom", KindAtom, []byte("Bonjour"), "not XML"},
		{"empty rss", KindRSS, nil, "empty document"},
		{"blank atom", KindAtom, []byte("  \n "), "empty document"},
		{"21 MB rss", KindRSS, huge, "document too large: 21.0 MB, the limit is 20 MB"},

		{"truncated reliefweb", KindReliefWeb, rw[:1234], "truncated JSON at byte 1234"},
		{"malformed reliefweb", KindReliefWeb, []byte(`{"data": [}`), "malformed JSON at byte 11"},
		{"numbers given as reliefweb", KindReliefWeb, []byte(`[1, 2, 3]`), "element 0 of the top-level array is a number"},
		{"string given as reliefweb", KindReliefWeb, []byte(`"jobs"`), "the document is a string"},
		{"object without data", KindReliefWeb, []byte(`{"error":{"status":400,"message":"Invalid appname"}}`), `no "data" list`},
		{"html given as reliefweb", KindReliefWeb, page, "the document is HTML"},
		{"empty reliefweb", KindReliefWeb, []byte{}, "empty document"},
		{"21 MB reliefweb", KindReliefWeb, huge, "document too large"},

		{"truncated json-ld", KindJSONLD, ld[:len(ld)-10], "truncated JSON"},
		{"numbers given as json-ld", KindJSONLD, []byte(`[1, 2, 3]`), "element 0 of the top-level array is a number"},
		{"rss given as json-ld", KindJSONLD, rss, "the document is XML"},
		{"empty json-ld", KindJSONLD, []byte("\ufeff"), "empty document"},
		{"21 MB json-ld", KindJSONLD, huge, "document too large"},

		{"truncated hropen", KindHROpen, hr[:len(hr)/3], "truncated JSON"},
		{"numbers given as hropen", KindHROpen, []byte(`[1, 2, 3]`), "element 0 of the top-level array is a number"},
		{"reliefweb given as hropen", KindHROpen, rw, "no object has a documentId, a positionTitle or positionProfiles"},
		{"html given as hropen", KindHROpen, page, "the document is HTML"},
		{"21 MB hropen", KindHROpen, huge, "document too large"},

		{"21 MB csv", KindCSV, huge, "document too large"},
		{"unknown kind", "sitemap", rss, "unknown kind"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := Parse(tt.kind, tt.data, nil)
			if err == nil {
				t.Fatalf("no error, %d items", len(items))
			}
			if items != nil {
				t.Errorf("got %d items with the error", len(items))
			}
			var de *DocumentError
			if !errors.As(err, &de) {
				t.Errorf("error %T is not a *DocumentError", err)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error = %q, want it to say %q", err, tt.want)
			}
		})
	}
}
