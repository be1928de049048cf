package store

import (
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
