package corpus

import (
	"bytes"
	"reflect"
	"strings"
	"testing"
	"time"

	"mobilite/internal/ingest"
	"mobilite/internal/ref"
)

var now = time.Date(2026, 11, 22, 12, 0, 0, 0, time.UTC)

func TestDeterministic(t *testing.T) {
	r := ref.MustLoad()
	a, b := New(r, 7, now), New(r, 7, now)
	for _, i := range []int{0, 1, 999, 123456} {
		if x, y := a.Item(i, true), b.Item(i, true); !reflect.DeepEqual(x, y) {
			t.Fatalf("item %d differs between two generators of the same seed:\n%+v\n%+v", i, x, y)
		}
	}
	if x, y := a.Item(5, true), New(r, 8, now).Item(5, true); x.Title == y.Title && x.DescriptionHTML == y.DescriptionHTML {
		t.Errorf("seeds 7 and 8 give the same item 5")
	}
}

func TestShares(t *testing.T) {
	g := New(ref.MustLoad(), 1, now)
	const n = 4000
	items := g.Items(0, n, Spread(n, 1000))
	var open, fr, noFee, flagged, noDeadline int
	orgs, countries := map[string]bool{}, map[string]bool{}
	for _, it := range items {
		if it.Deadline.IsZero() || it.Deadline.After(now) {
			open++
		}
		if it.Deadline.IsZero() {
			noDeadline++
		}
		if it.Language == "fr" || it.Language == "French" {
			fr++
		}
		d := strings.ToLower(it.DescriptionHTML)
		if strings.Contains(d, "whatsapp") {
			flagged++
		}
		if strings.Contains(d, "aucun frais") || strings.Contains(d, "does not charge") || strings.Contains(d, "free of charge") ||
			strings.Contains(d, "gratuit") || strings.Contains(d, "no fee") {
			noFee++
		}
		if len(it.DescriptionHTML) < 400 || len(it.DescriptionHTML) > 3500 {
			t.Errorf("description of %d bytes", len(it.DescriptionHTML))
		}
		if it.Title == "" || it.Organization == "" || it.ExternalID == "" {
			t.Fatalf("incomplete item %+v", it)
		}
		orgs[it.Organization] = true
		countries[it.Country] = true
	}
	within := func(name string, got int, lo, hi float64) {
		if s := float64(got) / n; s < lo || s > hi {
			t.Errorf("%s: share %.3f, want %.2f–%.2f", name, s, lo, hi)
		}
	}
	within("open", open, 0.25, 0.25)
	within("no deadline", noDeadline, 0.005, 0.03)
	within("French", fr, 0.40, 0.60)
	within("red flags", flagged, 0.01, 0.03)
	within("no fee", noFee, 0.25, 0.45)
	if len(orgs) < 200 {
		t.Errorf("%d organisations, want a few hundred", len(orgs))
	}
	if len(countries) < 30 {
		t.Errorf("%d ways of writing countries, want more", len(countries))
	}
}

// TestDocuments checks that the real parsers read the documents back.
func TestDocuments(t *testing.T) {
	g := New(ref.MustLoad(), 3, now)
	items := g.Items(0, 200, Spread(200, 50))
	for _, kind := range []string{ingest.KindRSS, ingest.KindReliefWeb} {
		var buf bytes.Buffer
		write := WriteRSS
		if kind == ingest.KindReliefWeb {
			write = WriteReliefWeb
		}
		if err := write(&buf, items); err != nil {
			t.Fatal(err)
		}
		if got := ingest.Detect(buf.Bytes(), "", ""); got != kind {
			t.Errorf("%s document detected as %q", kind, got)
		}
		back, err := ingest.Parse(kind, buf.Bytes(), nil)
		if err != nil {
			t.Fatalf("%s: %v", kind, err)
		}
		if len(back) != len(items) {
			t.Fatalf("%s: %d items read back, want %d", kind, len(back), len(items))
		}
		for i := range back {
			w, b := items[i], back[i]
			if b.Title != strings.Join(strings.Fields(w.Title), " ") || b.ExternalID != w.ExternalID || b.Organization != w.Organization ||
				b.City != w.City || !b.Deadline.Equal(w.Deadline.Truncate(24*time.Hour)) && kind == ingest.KindRSS {
				t.Fatalf("%s item %d read back as\n%+v\nwant\n%+v", kind, i, b, w)
			}
			if kind == ingest.KindReliefWeb && (!b.Deadline.Equal(w.Deadline) || b.OrgShortName != w.OrgShortName) {
				t.Fatalf("reliefweb item %d: deadline %v short %q, want %v %q", i, b.Deadline, b.OrgShortName, w.Deadline, w.OrgShortName)
			}
		}
	}
}
