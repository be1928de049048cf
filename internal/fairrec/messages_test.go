package fairrec

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
)

// The two message files hold a title and an explanation for every rule, and nothing else.
func TestMessages(t *testing.T) {
	var want []string
	for _, r := range Rules {
		want = append(want, "fairrec."+r.ID+".explain", "fairrec."+r.ID+".title")
	}
	slices.Sort(want)
	for _, lang := range []string{"fr", "en"} {
		b, err := os.ReadFile("messages." + lang + ".json")
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := json.Unmarshal(b, &m); err != nil {
			t.Fatalf("messages.%s.json: %v", lang, err)
		}
		var keys []string
		for k, v := range m {
			keys = append(keys, k)
			if strings.TrimSpace(v) == "" || strings.ContainsAny(v, "{}") {
				t.Errorf("%s %s: empty or with a placeholder: %q", lang, k, v)
			}
		}
		slices.Sort(keys)
		if !slices.Equal(keys, want) {
			t.Errorf("messages.%s.json keys %v, want %v", lang, keys, want)
		}
	}
}
