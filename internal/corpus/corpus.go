// Package corpus generates realistic job offers for benchmarks: French and English titles built
// from ISCO-08 occupations with the grades, places and "(H/F)" that real feeds add, a few
// hundred organisations, destinations weighted toward where people from Togo go to work,
// deadlines over the past and the next 90 days, and descriptions of 0.5–3 KB assembled from
// sentence templates, some saying that no fee is charged and a few carrying fee or WhatsApp red
// flags. The same seed always gives the same offers; offer i does not depend on the others, so
// a corpus can be generated in pieces and in any order.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"mobilite/internal/ingest"
	"mobilite/internal/ref"
)

// Generator makes offers. Build it with New; it is read-only afterwards and safe for
// concurrent use.
type Generator struct {
	seed      uint64
	now       time.Time
	occs      []occupation
	orgs      []organisation
	countries weighted[destination]
	// RedFlagShare and NoFeeShare are the shares of offers whose description asks for a fee
	// or a WhatsApp contact, and of those that say no fee is charged.
	RedFlagShare, NoFeeShare float64
}

// occupation is a title a feed may use, with its ISCO-08 code.
type occupation struct {
	en, fr string
	isco   string
	domain string // a key of the vocabulary of tasks
}

// New returns a generator over the ISCO-08 titles of r, seeded with seed; now anchors the
// deadlines and publication dates.
func New(r *ref.Ref, seed uint64, now time.Time) *Generator {
	g := &Generator{seed: seed, now: now.UTC(), RedFlagShare: 0.02, NoFeeShare: 0.35}
	g.occs = append(g.occs, commonTitles...)
	for _, o := range r.Occupations() {
		if o.Level == 4 && o.Code[0] != '0' {
			g.occs = append(g.occs, occupation{en: singular(o.TitleEN), fr: frenchTitle(o.TitleFR), isco: o.Code, domain: domainOf(o.Code)})
		}
	}
	g.orgs = organisations()
	g.countries = destinations(r)
	return g
}

// rng returns the random source of offer i: a PCG seeded by the generator's seed and i.
func (g *Generator) rng(i int) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed, uint64(i)*0x9e3779b97f4a7c15+1))
}

// Item returns offer number i. open chooses its deadline: within the next 90 days (or, for one
// offer in twenty, none), else within the past 90 days, which closes the offer on ingestion.
func (g *Generator) Item(i int, open bool) ingest.Item {
	r := g.rng(i)
	fr := r.Float64() < 0.55
	occ := g.occs[pickOcc(r, len(g.occs))]
	org := g.orgs[pickOrg(r, len(g.orgs))]
	dest := g.countries.pick(r)
	city := dest.cities[r.IntN(len(dest.cities))]

	it := ingest.Item{
		ExternalID: fmt.Sprintf("bench-%d-%d", g.seed, i),
		URL:        fmt.Sprintf("https://%s/offres/%d-%d", org.host, g.seed, i),
		City:       city,
	}
	it.Title = g.title(r, occ, org, fr, city)
	it.Organization, it.OrgShortName, it.OrgType = org.name(r, fr), org.short, org.typeWord(fr)
	it.Country = dest.written(r, fr)
	it.ContractType = contractWord(r, occ, fr)
	switch x := r.Float64(); {
	case x < 0.85:
		it.Language = map[bool]string{true: "fr", false: "en"}[fr]
	case x < 0.92:
		it.Language = map[bool]string{true: "French", false: "English"}[fr]
	} // else: the language is detected from the text
	if open {
		if r.IntN(20) != 0 {
			it.Deadline = g.now.Add(time.Duration(1+r.IntN(90*24)) * time.Hour).Truncate(time.Hour)
		}
	} else {
		it.Deadline = g.now.Add(-time.Duration(1+r.IntN(90*24)) * time.Hour).Truncate(time.Hour)
	}
	end := g.now
	if !it.Deadline.IsZero() && it.Deadline.Before(end) {
		end = it.Deadline
	}
	it.Posted = end.Add(-time.Duration(24+r.IntN(60*24)) * time.Hour).Truncate(time.Minute)
	it.DescriptionHTML, it.HowToApplyHTML = g.description(r, occ, org, fr, city)
	if r.IntN(10) == 0 {
		it.Salary = salary(r, dest, fr)
	}
	return it
}

// Items returns offers start to start+n-1; open(i) says which are open.
func (g *Generator) Items(start, n int, open func(i int) bool) []ingest.Item {
	out := make([]ingest.Item, n)
	for k := range out {
		out[k] = g.Item(start+k, open(start+k))
	}
	return out
}

// Spread returns an open function that makes exactly m of offers 0…n-1 open, spread evenly.
func Spread(n, m int) func(i int) bool {
	return func(i int) bool {
		if n <= 0 {
			return false
		}
		i %= n
		return (i*m)/n != ((i+1)*m)/n
	}
}

// pickOcc favours the first titles (the common ones) over the long tail of ISCO groups.
func pickOcc(r *rand.Rand, n int) int {
	if r.IntN(2) == 0 {
		return r.IntN(min(n, len(commonTitles)))
	}
	return r.IntN(n)
}

// pickOrg makes a few organisations publish much more than the others, as in real feeds.
func pickOrg(r *rand.Rand, n int) int {
	x := r.Float64()
	return min(n-1, int(float64(n)*x*x*x))
}

func (g *Generator) title(r *rand.Rand, occ occupation, org organisation, fr bool, city string) string {
	t := occ.en
	if fr {
		t = occ.fr
	}
	if r.IntN(6) == 0 {
		if fr {
			t = pick(r, []string{"Chargé(e) de ", "Responsable ", "Assistant(e) ", "Coordinateur/trice "}) + lowerFirst(t)
		} else {
			t = pick(r, []string{"Senior ", "Junior ", "Assistant ", "Lead ", "Associate "}) + t
		}
	}
	if r.IntN(3) == 0 {
		t += " – " + pick(r, specialties(fr))
	}
	switch {
	case org.grades && r.IntN(2) == 0:
		t += " (" + pick(r, []string{"P-2", "P-3", "P-4", "NO-A", "NO-B", "NO-C", "G-5", "G-6", "SB-4", "IICA-2"}) + ")"
	case fr && r.IntN(3) == 0:
		t += " (H/F)"
	case !fr && r.IntN(8) == 0:
		t += " (m/f/d)"
	}
	switch r.IntN(5) {
	case 0:
		t += ", " + city
	case 1:
		t += " - " + pick(r, []string{"CDD 12 mois", "CDI", "6 months", "urgent", "réf. " + fmt.Sprint(1000+r.IntN(9000)), "Ref " + fmt.Sprint(10000+r.IntN(90000))})
	}
	return t
}

func salary(r *rand.Rand, d destination, fr bool) string {
	n := (d.wage/2 + r.IntN(d.wage)) / 10 * 10
	if fr {
		return fmt.Sprintf("%d %s par mois", n, d.currency)
	}
	return fmt.Sprintf("%s %d per month", d.currency, n)
}

func contractWord(r *rand.Rand, occ occupation, fr bool) string {
	words := [][2]string{{"Job", "Emploi"}, {"Job", "CDD"}, {"Consultancy", "Consultance"}, {"Internship", "Stage"},
		{"Volunteer", "Volontariat"}, {"FULL_TIME", "CDI"}, {"Temporary", "Saisonnier"}}
	x := r.IntN(100)
	var w [2]string
	switch {
	case x < 60:
		w = words[r.IntN(2)]
	case x < 75:
		w = words[2]
	case x < 83:
		w = words[3]
	case x < 88:
		w = words[4]
	case x < 96:
		w = words[5+r.IntN(2)]
	default:
		return "" // the source says nothing: the contract is read from the text
	}
	if fr {
		return w[1]
	}
	return w[0]
}

// weighted picks values by weight.
type weighted[T any] struct {
	values []T
	cum    []float64
}

func (w *weighted[T]) add(v T, weight float64) {
	total := weight
	if n := len(w.cum); n > 0 {
		total += w.cum[n-1]
	}
	w.values = append(w.values, v)
	w.cum = append(w.cum, total)
}

func (w *weighted[T]) pick(r *rand.Rand) T {
	x := r.Float64() * w.cum[len(w.cum)-1]
	lo, hi := 0, len(w.cum)-1
	for lo < hi {
		mid := (lo + hi) / 2
		if w.cum[mid] < x {
			lo = mid + 1
		} else {
			hi = mid
		}
	}
	return w.values[lo]
}

func pick(r *rand.Rand, list []string) string { return list[r.IntN(len(list))] }

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

// singular turns an ISCO group's plural English title into a job title: "Finance managers" →
// "Finance manager". It is rough on purpose: feeds are rough too.
func singular(t string) string {
	head, rest, _ := strings.Cut(t, " not elsewhere classified")
	_ = rest
	head, _, _ = strings.Cut(head, ",")
	words := strings.Fields(head)
	for i, w := range words {
		if w == "and" && i > 0 {
			words[i-1] = strings.TrimSuffix(words[i-1], "s")
		}
	}
	if n := len(words); n > 0 {
		w := words[n-1]
		switch {
		case strings.HasSuffix(w, "ies"):
			words[n-1] = strings.TrimSuffix(w, "ies") + "y"
		case strings.HasSuffix(w, "ss"):
		case strings.HasSuffix(w, "s"):
			words[n-1] = strings.TrimSuffix(w, "s")
		}
	}
	return strings.Join(words, " ")
}

// frenchTitle keeps the head of an ISCO French title and makes its first word singular.
func frenchTitle(t string) string {
	head, _, _ := strings.Cut(t, " non classés ailleurs")
	head, _, _ = strings.Cut(head, " non classées ailleurs")
	head, _, _ = strings.Cut(head, ",")
	words := strings.Fields(head)
	if len(words) > 0 {
		w := words[0]
		switch {
		case strings.HasSuffix(w, "aux"):
			words[0] = strings.TrimSuffix(w, "aux") + "al"
		case strings.HasSuffix(w, "s") && len(w) > 3:
			words[0] = strings.TrimSuffix(w, "s")
		}
	}
	return strings.Join(words, " ")
}

// domainOf groups the ISCO major groups into the vocabularies of tasks.
func domainOf(code string) string {
	switch {
	case strings.HasPrefix(code, "22"), strings.HasPrefix(code, "32"), strings.HasPrefix(code, "53"):
		return "health"
	case strings.HasPrefix(code, "25"), strings.HasPrefix(code, "35"):
		return "it"
	case strings.HasPrefix(code, "24"), strings.HasPrefix(code, "33"), strings.HasPrefix(code, "4"), code[0] == '1':
		return "admin"
	case code[0] == '6', strings.HasPrefix(code, "92"):
		return "farm"
	case code[0] == '7', code[0] == '8', strings.HasPrefix(code, "93"), strings.HasPrefix(code, "21"), strings.HasPrefix(code, "31"):
		return "trades"
	case code[0] == '5', code[0] == '9':
		return "services"
	}
	return "programme"
}
