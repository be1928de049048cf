package corpus

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strconv"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/ref"
	"mobilite/internal/seekers"
)

// Seekers makes job seekers for benchmarks: Togolese names of the country's language
// communities, ages weighted toward 18–35, unique Togolese mobile numbers, a national ID for
// about 30 %, residence in the regions and prefectures of Togo weighted by population or, for
// about 8 %, abroad, education, one to three ISCO-08 occupations weighted toward the common
// ones, languages with their CEFR level, a migration project with preferred countries, and
// consents. About 1 % are the same person registered a second time (same names, written
// another way, and birth date; another phone), as assisted channels produce. Seeker i does not
// depend on the others: the same seed gives the same seekers in any order. Safe for
// concurrent use.
type Seekers struct {
	seed      uint64
	now       time.Time
	places    weighted[place]
	abroad    weighted[abroadPlace]
	occs      weighted[string]
	tail      []string // every unit group, for the long tail
	preferred weighted[string]
	// DiasporaShare, DuplicateShare and IDShare are the shares of seekers living abroad, of
	// seekers that are a second registration of an earlier one, and of people with an ID number.
	DiasporaShare, DuplicateShare, IDShare float64
}

type place struct{ region, prefecture, city string }

type abroadPlace struct{ country, city string }

// NewSeekers returns a seeker generator over the reference data r, seeded with seed; now
// anchors ages and registration dates (the last three years).
func NewSeekers(r *ref.Ref, seed uint64, now time.Time) *Seekers {
	g := &Seekers{seed: seed, now: now.UTC(), DiasporaShare: 0.08, DuplicateShare: 0.01, IDShare: 0.30}
	// Population of the regions (2022 census, millions); Greater Lomé holds most of Maritime's.
	pop := map[string]float64{"TG-M": 3.53, "TG-P": 1.64, "TG-C": 0.80, "TG-K": 0.99, "TG-S": 1.14}
	for _, reg := range r.Regions() {
		lome := 0
		for _, p := range reg.Prefectures {
			if p.GrandLome {
				lome++
			}
		}
		for _, p := range reg.Prefectures {
			share := 1.0 / float64(len(reg.Prefectures))
			if lome > 0 { // Greater Lomé: about 2.2 of Maritime's 3.5 million
				share = 0.37 / float64(len(reg.Prefectures)-lome)
				if p.GrandLome {
					share = 0.63 / float64(lome)
				}
			}
			g.places.add(place{reg.Code, p.Name, p.Seat}, pop[reg.Code]*share)
		}
	}
	for _, a := range diaspora {
		g.abroad.add(abroadPlace{a.country, a.city}, a.weight)
	}
	for _, o := range commonOccupations {
		g.occs.add(o.code, o.weight)
	}
	for _, o := range r.Occupations() {
		if o.Level == 4 && o.Code[0] != '0' {
			g.tail = append(g.tail, o.Code)
		}
	}
	for _, c := range preferredCountries {
		g.preferred.add(c.country, c.weight)
	}
	return g
}

// Unit groups of ISCO-08 that seekers of Togo name most, with their weights.
var commonOccupations = []struct {
	code   string
	weight float64
}{
	{"5221", 8}, {"7112", 6}, {"8322", 8}, {"5321", 4}, {"2221", 3}, {"9112", 5}, {"6111", 7}, {"7531", 5},
	{"7411", 4}, {"7126", 3}, {"7231", 4}, {"5120", 4}, {"5131", 3}, {"5141", 4}, {"4110", 4}, {"3313", 3},
	{"2411", 3}, {"2512", 2}, {"2341", 3}, {"2330", 2}, {"5414", 4}, {"8332", 3}, {"9313", 4}, {"7212", 2},
	{"7115", 3}, {"9211", 4}, {"5322", 2}, {"9111", 4}, {"4222", 1}, {"5223", 4}, {"3221", 2}, {"2635", 1},
	{"2166", 1}, {"3512", 1}, {"9329", 2}, {"8321", 3}, {"5230", 2}, {"7512", 2}, {"6121", 2}, {"3118", 1},
}

// Countries where Togolese of the diaspora live, with a city each.
var diaspora = []struct {
	country, city string
	weight        float64
}{
	{"GHA", "Accra", 15}, {"BEN", "Cotonou", 10}, {"CIV", "Abidjan", 10}, {"NGA", "Lagos", 8}, {"FRA", "Paris", 12},
	{"FRA", "Lyon", 3}, {"DEU", "Hambourg", 5}, {"DEU", "Berlin", 3}, {"USA", "New York", 5}, {"USA", "Houston", 3},
	{"CAN", "Montréal", 4}, {"CAN", "Ottawa", 1}, {"BEL", "Bruxelles", 4}, {"ITA", "Rome", 3}, {"GAB", "Libreville", 4},
	{"SEN", "Dakar", 3}, {"BFA", "Ouagadougou", 3}, {"ARE", "Dubaï", 2}, {"LBN", "Beyrouth", 1}, {"SAU", "Riyad", 1},
}

// Countries where seekers with a migration project want to go: ECOWAS, Europe, the Gulf,
// North America.
var preferredCountries = []struct {
	country string
	weight  float64
}{
	{"CIV", 6}, {"GHA", 5}, {"NGA", 4}, {"SEN", 3}, {"BEN", 2}, {"FRA", 10}, {"DEU", 6}, {"BEL", 4}, {"ITA", 3},
	{"ESP", 3}, {"PRT", 2}, {"CHE", 2}, {"GBR", 2}, {"ARE", 5}, {"SAU", 4}, {"QAT", 3}, {"KWT", 2}, {"CAN", 8},
	{"USA", 5}, {"LBN", 1}, {"MAR", 2}, {"TUN", 1}, {"CHN", 1},
}

// rng returns the random source of seeker i; person draws from that of the person seeker i is.
func (g *Seekers) rng(i int, salt uint64) *rand.Rand {
	return rand.New(rand.NewPCG(g.seed^salt, uint64(i)*0x9e3779b97f4a7c15+7))
}

// Person returns the first registration of the person that seeker i is: i itself, or for a
// second registration an earlier seeker's person.
func (g *Seekers) Person(i int) int {
	for i > 0 {
		r := g.rng(i, 0x5eed)
		if r.Float64() >= g.DuplicateShare {
			return i
		}
		i = r.IntN(i)
	}
	return i
}

// Phone returns the mobile number of seeker i, in E.164: +228 then 9x or 7x and six digits.
// Distinct seekers (below 11 million) have distinct numbers.
func (g *Seekers) Phone(i int) string {
	prefixes := []int{90, 91, 92, 93, 96, 97, 98, 99, 70, 71, 79}
	// An affine map modulo 11·10⁶ with a multiplier prime to 2, 5 and 11 is a permutation.
	const space = 11_000_000
	n := (uint64(i)*6_364_133 + g.seed*7_919 + 123_457) % space
	return fmt.Sprintf("+228%d%06d", prefixes[n/1_000_000], n%1_000_000)
}

// Seeker returns seeker number i, valid for mobilite.Seeker.Validate at the generator's now.
// It has no id, number, account or office.
func (g *Seekers) Seeker(i int) *mobilite.Seeker {
	p := g.Person(i)
	who := g.rng(p, 0xface) // the person: names, sex, birth, community, ID
	r := g.rng(i, 0xbeef)   // this registration: the rest
	s := &mobilite.Seeker{Phone: g.Phone(i), Nationality: "TGO", ISCEDLevel: -1, Status: mobilite.SeekerActive}

	// Where the person lives: most in Togo, the diaspora abroad. A second registration is
	// mostly made where the first was, sometimes after a move.
	g.residence(who, s)
	home := s.Region
	if p != i && r.Float64() < 0.2 {
		g.residence(r, s)
	}
	c := communities[pickWeight(who, regionCommunities[home])]
	s.Sex = "M"
	if who.IntN(2) == 0 {
		s.Sex = "F"
	}
	muslim := who.Float64() < c.muslim
	given := c.men
	switch {
	case s.Sex == "F" && muslim:
		given = muslimWomen
	case muslim:
		given = muslimMen
	case s.Sex == "F" && who.Float64() < 0.35:
		given = frenchWomen
	case s.Sex == "F":
		given = c.women
	case who.Float64() < 0.35:
		given = frenchMen
	}
	s.GivenName = pick(who, given)
	if who.Float64() < 0.15 { // a second given name
		if g2 := pick(who, given); g2 != s.GivenName {
			s.GivenName += " " + g2
		}
	}
	s.FamilyName = pick(who, c.families)
	s.BirthDate = g.birthDate(who)
	if who.Float64() < g.IDShare {
		s.IDType, s.IDNumber = idDocument(who, p)
	}
	if p != i {
		g.rewrite(r, s)
	}
	s.NameKey = seekers.NameKey(s.GivenName, s.FamilyName)

	age := mobilite.Age(s.BirthDate, g.now)
	s.ISCEDLevel = isced(r, age)
	s.Diploma, s.GraduationYear = diploma(s.ISCEDLevel, s.BirthDate.Year(), g.now.Year())
	g.occupations(r, s, age)
	languages(r, s, c)
	if r.Float64() < 0.35 {
		s.Email = email(r, s.GivenName, s.FamilyName, i)
	}
	for _, o := range s.Occupations {
		if o.ISCO08 == "8322" || o.ISCO08 == "8332" {
			s.DrivingLicence = []string{"B", "C", "B C"}[r.IntN(3)]
		}
	}
	if s.DrivingLicence == "" && r.Float64() < 0.12 {
		s.DrivingLicence = "B"
	}
	s.Availability = []string{"", "immédiate", "immédiate", "sous un mois", "sous trois mois"}[r.IntN(5)]

	switch x := r.Float64(); {
	case x < 0.40:
		s.MigrationIntent = mobilite.IntentNone
	case x < 0.88:
		s.MigrationIntent = mobilite.IntentWork
	default:
		s.MigrationIntent = mobilite.IntentStudy
	}
	n := 0
	if s.MigrationIntent != mobilite.IntentNone {
		n = 1 + r.IntN(3)
		s.WantsAccompaniment = r.Float64() < 0.6
	} else if r.Float64() < 0.2 {
		n = 1
	}
	for range n {
		if c := g.preferred.pick(r); !slices.Contains(s.PreferredCountries, c) && c != s.Country {
			s.PreferredCountries = append(s.PreferredCountries, c)
		}
	}

	// Registered some time in the last three years; consents given then.
	s.CreatedAt = g.now.Add(-time.Duration(r.Int64N(int64(3 * 365 * 24 * time.Hour)))).Truncate(time.Second)
	s.UpdatedAt = s.CreatedAt
	s.ConsentProcessing = s.CreatedAt
	if r.Float64() < 0.6 {
		s.ConsentShareCV = s.CreatedAt
	}
	if r.Float64() < 0.4 {
		s.ConsentSurveys = s.CreatedAt
	}
	s.Channel = mobilite.ChannelSelf
	if x := r.Float64(); x < 0.35 {
		s.Channel = mobilite.ChannelAssisted
	} else if x < 0.40 {
		s.Channel = mobilite.ChannelAPI
	}
	return s
}

// residence draws the country of residence, and in Togo the region and prefecture.
func (g *Seekers) residence(r *rand.Rand, s *mobilite.Seeker) {
	s.Region, s.Prefecture = "", ""
	if r.Float64() < g.DiasporaShare {
		a := g.abroad.pick(r)
		s.Country, s.City = a.country, a.city
		return
	}
	pl := g.places.pick(r)
	s.Country, s.Region, s.Prefecture, s.City = "TGO", pl.region, pl.prefecture, pl.city
}

// rewrite writes a second registration of a person another way, as a counsellor may: family
// name first in capitals, or without its accents; the ID number given again or not.
func (g *Seekers) rewrite(r *rand.Rand, s *mobilite.Seeker) {
	switch r.IntN(3) {
	case 0:
		s.GivenName, s.FamilyName = strings.ToUpper(s.FamilyName), s.GivenName
	case 1:
		s.GivenName, s.FamilyName = ref.Fold(s.GivenName), strings.ToUpper(s.FamilyName)
		s.GivenName = strings.ToUpper(s.GivenName[:1]) + s.GivenName[1:]
	}
	if r.IntN(2) == 0 {
		s.IDType, s.IDNumber = "", ""
	}
}

// birthDate draws an age weighted toward 18–35 and a day within that year of life, between 1960
// and 2010 and at least 15 years before now.
func (g *Seekers) birthDate(r *rand.Rand) time.Time {
	var age int
	switch x := r.Float64(); {
	case x < 0.06:
		age = 15 + r.IntN(3)
	case x < 0.74:
		age = 18 + r.IntN(18)
	case x < 0.94:
		age = 36 + r.IntN(15)
	default:
		age = 51 + r.IntN(16)
	}
	d := g.now.AddDate(-age-1, 0, 1+r.IntN(364))
	d = time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	lo, hi := time.Date(1960, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2010, 12, 31, 0, 0, 0, 0, time.UTC)
	if y15 := g.now.AddDate(-15, 0, -1); y15.Before(hi) {
		hi = time.Date(y15.Year(), y15.Month(), y15.Day(), 0, 0, 0, 0, time.UTC)
	}
	if d.Before(lo) {
		d = lo.AddDate(0, 0, r.IntN(365))
	}
	if d.After(hi) {
		d = hi.AddDate(0, 0, -r.IntN(365))
	}
	return d
}

// idDocument returns the identity document of person p: mostly the national identity card,
// whose number is unique to the person.
func idDocument(r *rand.Rand, p int) (string, string) {
	n := (uint64(p)*6_364_136_223 + 1_234_567_891) % 10_000_000_000
	switch x := r.Float64(); {
	case x < 0.80:
		s := fmt.Sprintf("%010d", n)
		return "national_id", s[:4] + "-" + s[4:7] + "-" + s[7:]
	case x < 0.92:
		return "passport", fmt.Sprintf("T%08d", n%100_000_000)
	default:
		return "voter_card", fmt.Sprintf("CE%010d", n)
	}
}

// isced draws an education level (−1: not given), never above what the age allows.
func isced(r *rand.Rand, age int) int {
	levels := []int{-1, 0, 1, 2, 3, 4, 5, 6, 7, 8}
	weights := []float64{5, 3, 9, 22, 30, 4, 5, 16, 5, 1}
	l := levels[pickWeight(r, weights)]
	switch {
	case age < 18 && l > 2:
		l = 2
	case age < 22 && l > 5:
		l = 3
	case age < 25 && l > 6:
		l = 6
	}
	return l
}

// diploma returns the Togolese diploma of an ISCED level and the year it is usually obtained.
func diploma(level, born, thisYear int) (string, int) {
	names := map[int]struct {
		name string
		age  int
	}{1: {"CEPD", 12}, 2: {"BEPC", 16}, 3: {"BAC II", 19}, 4: {"BT", 20}, 5: {"BTS", 21}, 6: {"Licence", 22},
		7: {"Master", 24}, 8: {"Doctorat", 29}}
	d, ok := names[level]
	if !ok || born+d.age > thisYear {
		return "", 0
	}
	return d.name, born + d.age
}

// occupations gives one to three occupations, the first sought, with years of experience
// that fit the age.
func (g *Seekers) occupations(r *rand.Rand, s *mobilite.Seeker, age int) {
	n := 1 + pickWeight(r, []float64{50, 35, 15})
	for k := 0; k < n; k++ {
		code := g.occs.pick(r)
		if r.Float64() < 0.35 {
			code = g.tail[r.IntN(len(g.tail))]
		}
		if slices.ContainsFunc(s.Occupations, func(o mobilite.SeekerOccupation) bool { return o.ISCO08 == code }) {
			continue
		}
		kind := mobilite.OccupationSought
		if k > 0 && r.IntN(2) == 0 {
			kind = mobilite.OccupationHeld
		}
		years := 0
		if most := age - 17; most > 0 && r.Float64() < 0.7 {
			years = min(r.IntN(most+1), r.IntN(16))
		}
		s.Occupations = append(s.Occupations, mobilite.SeekerOccupation{ISCO08: code, Years: years, Kind: kind})
	}
}

// languages gives French at a level that follows schooling, the community's language, and for
// some English, Ewe or Kabiyè.
func languages(r *rand.Rand, s *mobilite.Seeker, c community) {
	add := func(lang, level string) {
		if !slices.ContainsFunc(s.Languages, func(l mobilite.SeekerLanguage) bool { return l.Language == lang }) {
			s.Languages = append(s.Languages, mobilite.SeekerLanguage{Language: lang, Level: level})
		}
	}
	if s.ISCEDLevel != 0 && r.Float64() < 0.93 {
		lv := []string{"A2", "B1", "B1", "B2", "B2", "C1", "C1", "C2", "C2", "C2"}
		add("fr", lv[min(len(lv)-1, max(0, s.ISCEDLevel+r.IntN(3)-1))])
	}
	if r.Float64() < c.motherLanguage {
		add(c.mother, "native")
	}
	if c.mother != "ee" && s.Region == "TG-M" && r.Float64() < 0.6 {
		add("ee", []string{"B1", "B2", "C1"}[r.IntN(3)])
	}
	if c.mother != "kbp" && s.Region == "TG-K" && r.Float64() < 0.5 {
		add("kbp", []string{"A2", "B1", "B2"}[r.IntN(3)])
	}
	if share := 0.2 + 0.06*float64(max(s.ISCEDLevel, 0)); r.Float64() < share || s.Country == "GHA" || s.Country == "NGA" {
		add("en", []string{"A1", "A2", "B1", "B2", "C1"}[min(4, r.IntN(3)+max(s.ISCEDLevel, 0)/3)])
	}
}

// email makes an address from the names, in ASCII.
func email(r *rand.Rand, given, family string, i int) string {
	clean := func(s string) string {
		return strings.Map(func(c rune) rune {
			if c >= 'a' && c <= 'z' {
				return c
			}
			return -1
		}, ref.Fold(s))
	}
	host := []string{"gmail.com", "gmail.com", "yahoo.fr", "hotmail.com", "outlook.fr"}[r.IntN(5)]
	return clean(given) + "." + clean(family) + strconv.Itoa(i%1000) + "@" + host
}

// pickWeight returns an index drawn by weight.
func pickWeight(r *rand.Rand, weights []float64) int {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for k, w := range weights {
		if x < w {
			return k
		}
		x -= w
	}
	return len(weights) - 1
}

// Input returns what a person would type in the registration form for seeker s.
func Input(s *mobilite.Seeker) seekers.Input {
	in := seekers.Input{GivenName: s.GivenName, FamilyName: s.FamilyName, Sex: s.Sex, BirthDate: s.BirthDate.Format("2006-01-02"),
		Nationality: s.Nationality, IDType: s.IDType, IDNumber: s.IDNumber, Phone: s.Phone, Email: s.Email,
		Region: s.Region, Prefecture: s.Prefecture, Country: s.Country, City: s.City, EducationField: s.EducationField,
		Diploma: s.Diploma, GraduationYear: s.GraduationYear, Occupations: s.Occupations, Languages: s.Languages,
		Skills: s.Skills, DrivingLicence: s.DrivingLicence, Availability: s.Availability, MigrationIntent: s.MigrationIntent,
		PreferredCountries: s.PreferredCountries, WantsAccompaniment: s.WantsAccompaniment,
		ConsentProcessing: true, ConsentShareCV: !s.ConsentShareCV.IsZero(), ConsentSurveys: !s.ConsentSurveys.IsZero()}
	if s.ISCEDLevel >= 0 {
		level := s.ISCEDLevel
		in.ISCEDLevel = &level
	}
	return in
}
