package store

import "testing"

func TestBodyLanguage(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"", ""},
		{"Le poste et la mission", ""}, // three small words: too few to tell
		{"Le Bureau recrute des électriciens pour la maintenance des installations et du réseau.", "fr"},
		{"The Office is hiring engineers for the maintenance of its networks and sites.", "en"},
		{"THE OFFICE, FOR THE NETWORKS (AND THE SITES).", "en"}, // capitals and punctuation
		{"Le Bureau recrute des ingénieurs pour la maintenance. The Office is hiring engineers for the network.", ""},
		// One English word in a French text of twenty small words is still French.
		{"Le la les des du et une pour dans avec sur aux est sont par qui que nous vous the", "fr"},
		// Words the two languages share count for neither.
		{"a on en plus a on en plus", ""},
	} {
		if _, got := distinctWords(c.text); got != c.want {
			t.Errorf("%q: %q, want %q", c.text, got, c.want)
		}
	}
}
