package store

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"mobilite"
)

// topK keeps the k largest keys, largest first, as sorting everything would.
func TestTopK(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for _, n := range []int{0, 1, 5, 20, 21, 1000} {
		for _, k := range []int{0, 1, 3, 20, 2000} {
			keys := make([]sortKey, n)
			for i := range keys {
				keys[i] = sortKey{a: int64(r.IntN(4)), b: int64(r.IntN(50)), c: int64(i)}
			}
			top := newTopK(k)
			for i, key := range keys {
				top.offer(key, int64(i))
			}
			got := top.sorted()
			slices.SortFunc(keys, func(x, y sortKey) int {
				if y.less(x) {
					return -1
				}
				return 1
			})
			want := []int64{}
			for _, key := range keys[:min(k, n)] {
				want = append(want, key.c)
			}
			if len(got) != len(want) || (len(want) > 0 && !slices.Equal(got, want)) {
				t.Fatalf("n %d, k %d: got %v, want %v", n, k, got, want)
			}
		}
	}
}

func TestSameWord(t *testing.T) {
	for _, c := range []struct {
		searched, title string
		want            bool
	}{
		{"ingenieur", "ingenieure", true}, {"ingenieurs", "ingenieur", true}, {"nurse", "nursing", true},
		{"engineers", "engineer", true}, {"it", "it", true}, {"it", "italie", false}, {"chef", "chauffeur", false},
		{"data", "analyst", false}, {"soudeuse", "soudeur", true},
	} {
		if got := sameWord(c.searched, c.title); got != c.want {
			t.Errorf("sameWord(%q, %q) = %v", c.searched, c.title, got)
		}
	}
	if got := titleWords(nil, "Ingénieur·e en GÉNIE civil (H/F)"); !slices.Equal(got, []string{"ingenieur", "e", "genie", "civil", "h", "f"}) {
		t.Errorf("title words: %q", got)
	}
}

func TestParseIDList(t *testing.T) {
	for in, want := range map[string]string{"": "[]", "7": "[7]", "1,22,333": "[1 22 333]", "9223372036854775": "[9223372036854775]"} {
		got, err := parseIDList(in)
		if err != nil || fmt.Sprint(got) != want {
			t.Errorf("%q: %v %v, want %s", in, got, err, want)
		}
	}
	for _, in := range []string{",", "1,", ",1", "1,,2", "1 ,2", "-1", "a", "1234567890123456789"} {
		if got, err := parseIDList(in); err == nil {
			t.Errorf("%q: %v, want an error", in, got)
		}
	}
}

// TestSearchInHalves: a search of many offers, looked at in two halves at once, finds what one
// pass finds: the same total, facets and page, whatever the sort and the filters.
func TestSearchInHalves(t *testing.T) {
	r := rand.New(rand.NewPCG(3, 4))
	x := newOpenIndex()
	x.orgs = map[int64]uint32{}
	now := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	countries := []string{"FRA", "CAN", "SEN", "DEU", "QAT"}
	titles := []string{"Infirmier de bloc", "Chauffeur poids lourd", "Data analyst", "Ingénieur génie civil", "Aide-soignante"}
	var ids []string
	var buf []string
	for id := int64(1_000_001); id <= 1_060_000; id++ { // ids of seven digits, as at a million offers
		if r.IntN(5) == 0 {
			continue // ids with no open offer
		}
		raw := rawOpenRow{id: id, org: int64(1 + r.IntN(40)), country: countries[r.IntN(len(countries))],
			isco: fmt.Sprint(2000 + r.IntN(8)*100), contract: "employment", language: "fr", title: titles[r.IntN(len(titles))],
			published: now.Add(-time.Duration(r.IntN(1000)) * time.Hour)}
		if r.IntN(3) > 0 {
			raw.deadline = now.Add(time.Duration(r.IntN(90*24)) * time.Hour)
		}
		buf = x.add(&raw, x, buf)
		if r.IntN(2) == 0 {
			ids = append(ids, fmt.Sprint(id))
		}
	}
	ids = append(ids, "9999999", "0", "17") // unknown ids are skipped
	matches := strings.Join(ids, ",")
	if len(x.rows) < x.split || len(matches) < x.split*7 {
		t.Fatalf("%d offers, %d bytes of matches: too few to be cut in two", len(x.rows), len(matches))
	}
	for _, q := range []mobilite.JobQuery{
		{Facets: true, Limit: 20},
		{Facets: true, Limit: 20, Sort: "closing"},
		{Facets: true, Limit: 20, Sort: "newest", Countries: []string{"FRA", "CAN"}},
		{Facets: true, Limit: 20, Offset: 40, ISCO: "2"},
		{Facets: true, Limit: 20, DeadlineWithin: 30},
		{Limit: 5, Countries: []string{"XXX"}},
	} {
		q.Now = now
		for _, all := range []bool{true, false} {
			list := []string{matches}
			if all {
				list = nil
			}
			cut := strings.IndexByte(matches[len(matches)/3:], ',') + len(matches)/3
			halves := []string{matches[:cut], matches[cut+1:]} // as two queries of the engine give them
			words := []string{"infirmier", "bloc"}
			x.split = 1 << 40
			one, err := x.search(q, all, list, words)
			x.split = splitFrom
			if err != nil {
				t.Fatal(err)
			}
			for _, lists := range [][]string{list, halves} {
				if all {
					lists = nil
				}
				two, err := x.search(q, all, lists, words)
				if err != nil {
					t.Fatal(err)
				}
				if one.total != two.total || !slices.Equal(one.ids, two.ids) || !reflect.DeepEqual(one.facets, two.facets) {
					t.Fatalf("%+v all=%v: one pass %d %v, two halves %d %v", q, all, one.total, one.ids, two.total, two.ids)
				}
			}
		}
	}
	if _, err := x.search(mobilite.JobQuery{Limit: 20}, false, []string{strings.Repeat("12,", 10000) + "x"}, []string{"a"}); err == nil {
		t.Fatal("a bad list of ids was read")
	}
}
