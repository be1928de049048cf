package main

import (
	"cmp"
	"fmt"
	"math/rand/v2"
	"slices"
	"time"

	"mobilite"
)

// flowGen generates a register of flows for `bench flows`: departures over eight years
// (2018–2025, fewer in 2020, more each year since) by fewer persons than departures, so that
// some people leave twice or more, and returns linked to departures with their type and the
// returnee's situation after 3, 6 and 12 months. The proportions are those of the demo data
// (internal/demo/flows.go). Records are kept compact in memory and made into departures and
// returns batch by batch; ids follow the dates, as in a register filled as people leave.
type flowGen struct {
	seed    uint64
	start   time.Time // of the first year
	now     time.Time // the register's "today": no return or follow-up after it
	persons []genPerson
	deps    []genDep // in date order: deps[i] gets the i-th id
	rets    []genRet // in date order
}

type genPerson struct {
	birth  int32 // days since 1950-01-01; -1 not known
	female bool
	region int8 // -1 abroad or not stated
	isced  int8 // -1 not known
}

type genDep struct {
	person  int32
	day     int32 // since start
	dest    uint8
	job     uint8
	channel uint8
	months  uint8 // contract duration; 0 none (no planned return)
	study   bool
	checked bool // written contract verified
	briefed bool // pre-departure orientation attended
}

type genRet struct {
	dep    int32
	day    int32 // since start
	typ    uint8
	status [3]int8 // after 3, 6, 12 months: index in LabourStatuses, -1 not known
}

var (
	genDests      = []string{"CIV", "GHA", "NGA", "BEN", "SEN", "FRA", "DEU", "BEL", "CAN", "QAT", "SAU", "ARE", "LBN", "MAR", "BFA", "USA"}
	genDestWeight = []int{14, 10, 8, 7, 5, 10, 6, 4, 6, 8, 6, 6, 4, 6, 4, 3}
	genCities     = []string{"Abidjan", "Accra", "Lagos", "Cotonou", "Dakar", "Paris", "Berlin", "Bruxelles", "Montréal", "Doha", "Riyad",
		"Dubaï", "Beyrouth", "Casablanca", "Ouagadougou", "Houston"}
	genJobs        = []struct{ isco, isic string }{{"5321", "Q"}, {"8322", "H"}, {"7112", "F"}, {"5120", "I"}, {"9112", "N"}, {"2221", "Q"}, {"6111", "A"}, {"9111", "T"}, {"7231", "G"}, {"2310", "P"}, {"3112", "F"}, {"4110", "N"}}
	genJobWeight   = []int{12, 14, 12, 10, 10, 6, 8, 14, 8, 6, 3, 4}
	genChanWeight  = []int{25, 30, 10, 35}
	genRegions     = []string{"TG-M", "TG-P", "TG-C", "TG-K", "TG-S"}
	genPrefectures = []string{"Golfe", "Ogou", "Tchaoudjo", "Kozah", "Tône"}
	genRegWeight   = []int{45, 20, 12, 13, 10}
	genYearWeight  = []int{70, 78, 45, 60, 85, 95, 105, 115} // 2018…2025: covid in 2020, then growth
)

// pick draws an index with the given weights.
func pick(r *rand.Rand, weights []int) int {
	sum := 0
	for _, w := range weights {
		sum += w
	}
	n := r.IntN(sum)
	for i, w := range weights {
		if n < w {
			return i
		}
		n -= w
	}
	return len(weights) - 1
}

var epoch1950 = time.Date(1950, 1, 1, 0, 0, 0, 0, time.UTC)

// newFlowGen draws nDeps departures by nPersons persons and up to nRets returns.
func newFlowGen(seed uint64, nDeps, nPersons, nRets int) *flowGen {
	g := &flowGen{seed: seed, start: time.Date(2018, 1, 1, 0, 0, 0, 0, time.UTC), now: time.Date(2026, 6, 30, 0, 0, 0, 0, time.UTC)}
	r := rand.New(rand.NewPCG(seed, 1))
	g.persons = make([]genPerson, nPersons)
	for i := range g.persons {
		p := genPerson{birth: -1, female: r.IntN(100) < 36, region: int8(pick(r, genRegWeight)), isced: int8([]int{1, 2, 3, 3, 4, 5, 6}[r.IntN(7)])}
		if r.IntN(100) >= 4 {
			p.birth = int32(time.Date(1962+r.IntN(44), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Sub(epoch1950).Hours() / 24)
		}
		if r.IntN(100) < 3 {
			p.region = -1
		}
		if r.IntN(100) < 5 {
			p.isced = -1
		}
		g.persons[i] = p
	}
	g.deps = make([]genDep, nDeps)
	for i := range g.deps {
		person := i
		if i >= nPersons { // someone who has left before, or will again
			person = r.IntN(nPersons)
		}
		y := pick(r, genYearWeight)
		from := time.Date(2018+y, 1, 1, 0, 0, 0, 0, time.UTC)
		day := int32(from.Sub(g.start).Hours()/24) + int32(r.IntN(365))
		g.deps[i] = genDep{person: int32(person % nPersons), day: day, dest: uint8(pick(r, genDestWeight)), job: uint8(pick(r, genJobWeight)),
			channel: uint8(pick(r, genChanWeight)), months: uint8([]int{0, 12, 24, 36}[r.IntN(4)]), study: r.IntN(9) == 0,
			checked: r.IntN(100) < 58, briefed: r.IntN(100) < 44}
	}
	slices.SortStableFunc(g.deps, func(a, b genDep) int { return cmp.Compare(a.day, b.day) })

	// Returns: departures taken in random order, each followed by a return if it happened before
	// today, until there are enough.
	nowDay := int32(g.now.Sub(g.start).Hours() / 24)
	for _, i := range r.Perm(nDeps) {
		if len(g.rets) >= nRets {
			break
		}
		d := g.deps[i]
		ret := genRet{dep: int32(i), typ: 0, status: [3]int8{-1, -1, -1}}
		switch planned := d.day + int32(d.months)*365/12; {
		case d.months == 0:
			ret.day = d.day + int32(180+r.IntN(3*365))
		case r.IntN(100) < 65: // on time
			ret.day = planned - int32(r.IntN(20))
		case r.IntN(100) < 60: // early
			ret.day = d.day + int32(90+r.IntN(int(d.months)*30-90))
			ret.typ = uint8(1 + pick(r, []int{50, 30, 20}))
		default: // late
			ret.day = planned + int32(30+r.IntN(180))
		}
		if ret.day >= nowDay {
			continue
		}
		if r.IntN(100) < 80 { // followed up
			for k, months := range []int32{3, 6, 12} {
				if ret.day+months*365/12 < nowDay {
					ret.status[k] = int8(pick(r, []int{35, 30, 25, 10}))
				}
			}
		}
		g.rets = append(g.rets, ret)
	}
	slices.SortStableFunc(g.rets, func(a, b genRet) int { return cmp.Compare(a.day, b.day) })
	return g
}

// personOf returns the person data of a record on a day.
func (g *flowGen) personOf(p int32, day time.Time) mobilite.FlowPerson {
	gp := g.persons[p]
	h := splitmix(g.seed ^ uint64(p)*0x9E3779B97F4A7C15)
	fp := mobilite.FlowPerson{Key: fmt.Sprintf("n:%016x%016x", h, splitmix(h)), Sex: "M", Nationality: "TGO", ISCEDLevel: int(gp.isced), Age: -1}
	if gp.female {
		fp.Sex = "F"
	}
	if gp.region >= 0 {
		fp.Region, fp.Prefecture = genRegions[gp.region], genPrefectures[gp.region]
	}
	if gp.birth >= 0 {
		fp.BirthDate = epoch1950.AddDate(0, 0, int(gp.birth))
		fp.Age = mobilite.Age(fp.BirthDate, day)
	}
	return fp
}

// splitmix mixes 64 bits (SplitMix64's finaliser).
func splitmix(x uint64) uint64 {
	x += 0x9E3779B97F4A7C15
	x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9
	x = (x ^ (x >> 27)) * 0x94D049BB133111EB
	return x ^ (x >> 31)
}

// departure makes the i-th departure (in date order).
func (g *flowGen) departure(i int) *mobilite.Departure {
	d := g.deps[i]
	r := rand.New(rand.NewPCG(g.seed, uint64(i)<<1))
	date := g.start.AddDate(0, 0, int(d.day))
	job := genJobs[d.job]
	dep := &mobilite.Departure{FlowPerson: g.personOf(d.person, date), Date: date, Purpose: "work", Destination: genDests[d.dest],
		City: genCities[d.dest], Employer: fmt.Sprintf("Employeur %d", r.IntN(8000)), ISICSection: job.isic, ISCO08: job.isco,
		Channel: mobilite.FlowChannels[d.channel], ContractVerified: d.checked, OrientationAttended: d.briefed,
		ContractMonths: int(d.months), Source: []string{mobilite.FlowFromUpload, mobilite.FlowFromForm, mobilite.FlowFromAPI}[r.IntN(3)],
		CreatedAt: date.Add(time.Duration(8+r.IntN(10)) * time.Hour), UpdatedAt: date.Add(18 * time.Hour)}
	if d.study {
		dep.Purpose, dep.ISICSection, dep.ISCO08 = "study", "", ""
	}
	if dep.Channel == mobilite.ChannelPrivateAgency {
		dep.AgencyLicence = fmt.Sprintf("TG-AGR-%04d", 1+r.IntN(120))
	}
	if d.months > 0 {
		dep.PlannedReturn = date.AddDate(0, int(d.months), 0)
	}
	if r.IntN(100) < 60 {
		costs := float64(50000 + 5000*r.IntN(150))
		dep.WorkerCosts, dep.Currency = &costs, "XOF"
	}
	if r.IntN(100) < 70 {
		wage := float64(90000 + 10000*r.IntN(120))
		dep.FirstMonthlyWage, dep.Currency = &wage, "XOF"
	}
	return dep
}

// returnOf makes the i-th return (in date order); depIDs holds the ids given to the departures.
func (g *flowGen) returnOf(i int, depIDs []int64) *mobilite.Return {
	rt := g.rets[i]
	d := g.deps[rt.dep]
	date := g.start.AddDate(0, 0, int(rt.day))
	left := g.start.AddDate(0, 0, int(d.day))
	ret := &mobilite.Return{FlowPerson: g.personOf(d.person, date), DepartureID: depIDs[rt.dep], Date: date,
		PreviousCountry: genDests[d.dest], MonthsAbroad: int(rt.day-d.day) * 12 / 365, ReturnType: mobilite.ReturnTypes[rt.typ],
		ISCO08: genJobs[d.job].isco, Source: mobilite.FlowFromForm, CreatedAt: date.Add(10 * time.Hour), UpdatedAt: date.Add(10 * time.Hour)}
	if d.study {
		ret.ISCO08 = ""
	}
	if !left.Before(date) {
		ret.MonthsAbroad = 0
	}
	if i%4 == 0 {
		ret.Skills = "CACES R489"
	}
	for k, s := range []*string{&ret.Status3M, &ret.Status6M, &ret.Status12M} {
		if rt.status[k] >= 0 {
			*s = mobilite.LabourStatuses[rt.status[k]]
		}
	}
	return ret
}
