package fairrec

import (
	"html"
	"os"
	"slices"
	"strings"
	"testing"
)

// FuzzCheck: no input makes Check panic; every flag names a rule of Rules, once and in the
// order of Rules; every evidence is words of the offer as written.
func FuzzCheck(f *testing.F) {
	for _, tt := range checkTests {
		o := tt.offer
		f.Add(o.Title, o.Organization, o.Description, o.HowToApply, o.ApplyURL, o.Salary, o.ISCOMajor)
	}
	if b, err := os.ReadFile("testdata/un_vacancy.html"); err == nil {
		f.Add("Education Specialist", "UNICEF", string(b), "", "", "USD 96,000 a year", "2")
	}
	for _, s := range []string{ // malformed markup and inputs that would be slow to a careless matcher
		"<p", "&", "<a href='mailto:", "<!--", "<script>", "1.", "+", "@", "http://", "www.",
		strings.Repeat("frais de dossier, gratuit, ", 200),
		strings.Repeat("l'employeur paie, frais de dossier, ", 200),
		strings.Repeat("aucune caution 100 000 F, ", 200),
		strings.Repeat("+228 90 00 00 00 envoyer l'argent ", 100),
		strings.Repeat("pas une arnaque ", 200) + "frais de dossier",
		"frais de dossier : 1 000 000 000 000 000 000 000 000 FCFA",
	} {
		f.Add("", "", s, s, "", s, "9")
	}
	f.Add("", "", "", `<a href="https://wa.me/1"></a>`, "", "", "")
	f.Fuzz(func(t *testing.T, title, org, desc, how, apply, salary, isco string) {
		o := Offer{Title: title, Organization: org, Description: desc, HowToApply: how, ApplyURL: apply, Salary: salary, ISCOMajor: isco}
		flags, _ := Check(o)
		plain := newDoc(o).plain
		last := -1
		for _, fl := range flags {
			i := slices.IndexFunc(Rules, func(r Rule) bool { return r.ID == fl.Rule })
			if i <= last {
				t.Fatalf("flag %q unknown, repeated or out of order in %+v", fl.Rule, flags)
			}
			last = i
			found := strings.Contains(plain, fl.Evidence)
			for _, field := range []string{title, org, desc, how, apply, salary} {
				found = found || strings.Contains(field, fl.Evidence) || strings.Contains(html.UnescapeString(field), fl.Evidence)
			}
			if !found {
				t.Fatalf("%s: evidence %q is not in the offer", fl.Rule, fl.Evidence)
			}
			if fl.Evidence == "" && fl.Rule != RuleNoEmployer {
				t.Fatalf("%s: empty evidence", fl.Rule)
			}
		}
	})
}
