package store

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"testing"
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
