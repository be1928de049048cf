package indicators

import (
	"context"
	"slices"
	"sort"
	"strconv"
	"strings"

	"mobilite"
	"mobilite/internal/ref"
	"mobilite/internal/stats"
)

// Service computes indicators over a store.
type Service struct {
	Store     mobilite.Store
	Ref       *ref.Ref
	Threshold int // of small-cell suppression; 0: stats.DefaultThreshold

	catalogue []*Indicator
}

// dimension is a disaggregation: the dataset field it groups by and how a raw value becomes a
// category code ("" when the record counts only in the total, e.g. an age under 15).
type dimension struct {
	field  map[string]string // dataset → field; "*" for every dataset
	code   func(raw string, p Period) string
	codes  func() []string // fixed categories in display order; nil: those found, largest first
	labels func(s *Service, code, lang string) string
}

func (d dimension) fieldOf(dataset string) string {
	if f, ok := d.field[dataset]; ok {
		return f
	}
	return d.field["*"]
}

func atoi(s string) int {
	n, err := strconv.Atoi(s)
	if err != nil {
		return -1
	}
	return n
}

// yearsAbroad bands the months spent abroad.
var yearsAbroad = []struct {
	code   string
	lo, hi int // months, hi excluded; -1 open
}{{"YAB_LT1", 0, 12}, {"YAB_1-2", 12, 36}, {"YAB_3-4", 36, 60}, {"YAB_GE5", 60, -1}}

// Codes of the categories "not stated" that ILOSTAT's lists lack for age and region.
const (
	ageUnknown    = "AGE_AGGREGATE_X"
	regionUnknown = "REGION_X"
)

// regionDimension groups by a region of Togo; "" (abroad, or not stated) is a category of its own.
var regionDimension = dimension{field: map[string]string{"*": "region"},
	code: func(raw string, _ Period) string {
		if raw == "" {
			return regionUnknown // living abroad, or not stated
		}
		return raw
	},
	labels: func(s *Service, code, lang string) string {
		if r, ok := s.Ref.Region(code); ok {
			return r.Name
		}
		return stats.Label(code, lang)
	}}

var dimensions = map[string]dimension{
	"sex": {field: map[string]string{"*": "sex"},
		code:  func(raw string, _ Period) string { c, _ := stats.SexCode(raw); return c },
		codes: stats.SexCodes},
	"age": {field: map[string]string{"*": "age", "seekers": "birth_year"},
		code: func(raw string, p Period) string {
			years := atoi(raw)
			if len(raw) == 4 && years > 1900 { // a birth year: the age reached in the period's last year
				years = p.To.AddDate(0, 0, -1).Year() - years
			}
			if c, ok := stats.AgeCode(stats.AgeAggregate, years); ok {
				return c
			}
			return ageUnknown // not stated (or under 15): a category of its own, so that cells add up
		},
		codes: func() []string { return append(stats.AgeCodes(stats.AgeAggregate), ageUnknown) },
	},
	"destination": {field: map[string]string{"*": "destination"},
		code:   func(raw string, _ Period) string { return stats.DestinationCode(raw) },
		labels: countryLabel},
	"previous_country": {field: map[string]string{"*": "previous_country"},
		code:   func(raw string, _ Period) string { return stats.PreviousResidenceCode(raw) },
		labels: countryLabel},
	"isco": {field: map[string]string{"*": "isco"},
		code:  func(raw string, _ Period) string { return stats.OccupationCode(raw) },
		codes: stats.OccupationCodes},
	"isic": {field: map[string]string{"*": "isic"},
		code:  func(raw string, _ Period) string { return stats.ActivityCode(raw) },
		codes: stats.ActivityCodes},
	"isced": {field: map[string]string{"*": "isced"},
		code:  func(raw string, _ Period) string { return stats.EducationCode(atoi(raw)) },
		codes: stats.EducationCodes},
	"region":        regionDimension,
	"agency_region": regionDimension, // the region of a recruitment agency (licences)
	"channel": {field: map[string]string{"*": "channel"},
		code:  func(raw string, _ Period) string { return raw },
		codes: func() []string { return mobilite.FlowChannels }},
	"return_type": {field: map[string]string{"*": "return_type"},
		code:  func(raw string, _ Period) string { return raw },
		codes: func() []string { return mobilite.ReturnTypes }},
	"years_abroad": {field: map[string]string{"*": "months_abroad"},
		code: func(raw string, _ Period) string {
			m := atoi(raw)
			for _, b := range yearsAbroad {
				if m >= b.lo && (b.hi < 0 || m < b.hi) {
					return b.code
				}
			}
			return ""
		},
		codes: func() []string {
			var out []string
			for _, b := range yearsAbroad {
				out = append(out, b.code)
			}
			return out
		}},
	"residence": {field: map[string]string{"*": "residence"},
		code: func(raw string, _ Period) string { return raw },
		labels: func(s *Service, code, lang string) string {
			return countryLabel(s, "CDS_DES_"+strings.TrimPrefix(code, "CRS_RES_"), lang)
		}},
	"category": {field: map[string]string{"*": "category"},
		code:  func(raw string, _ Period) string { return raw },
		codes: func() []string { return mobilite.ComplaintCategories }},
	"kind": {field: map[string]string{"*": "kind"},
		code:  func(raw string, _ Period) string { return raw },
		codes: func() []string { return []string{mobilite.LicenceSuspension, mobilite.LicenceRevocation} }},
	"org_type": {field: map[string]string{"*": "org_type"},
		code:  func(raw string, _ Period) string { return raw },
		codes: func() []string { return []string{"un", "ngo", "government", "private", "other"} }},
}

// countryLabel names a destination or a previous country in lang.
func countryLabel(s *Service, code, lang string) string {
	if a3, ok := stats.CountryFromCode(code); ok {
		if c, ok := s.Ref.Country(a3); ok {
			if lang == "en" {
				return c.NameEN
			}
			return c.NameFR
		}
	}
	return stats.Label(code, lang)
}

// Dimensions lists the disaggregations the engine knows.
func Dimensions() []string {
	var out []string
	for k := range dimensions {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Request is what to compute: an indicator, a period, up to two disaggregations among those
// the indicator allows, and optionally a region of origin in Togo.
type Request struct {
	Indicator *Indicator
	Period    Period
	By        []string
	Region    string
}

// Result is a computed table and, when there is nothing to compute from, why.
type Result struct {
	Table  *stats.Table
	NoData string // "" or a catalogue key saying why there are no data
}

// Compute computes an indicator. Errors in the request are EINVALID with a field; a dataset the
// platform does not collect yet gives a table with no data and a reason, not an error.
func (s *Service) Compute(ctx context.Context, req Request, lang string) (*Result, error) {
	out, err := s.ComputeAll(ctx, []Request{req}, lang)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// computation is an indicator being computed: its table and its measures' counts.
type computation struct {
	req      Request
	res      *Result
	measures []*counted // numerator, then denominator of a rate
}

// counted is a measure's counts by cell, or the register query that will give them.
type counted struct {
	m      Measure
	query  int // index in the batch of register queries; -1 when counted otherwise
	counts map[string]float64
	why    string // the dataset is not collected: a catalogue key
}

// ComputeAll computes several indicators (see Compute). The counts of the register they need
// run as one batch, so that indicators over the same records and period read them once: every
// indicator of the departures of a year reads that year's departures once.
func (s *Service) ComputeAll(ctx context.Context, reqs []Request, lang string) ([]*Result, error) {
	comps := make([]*computation, len(reqs))
	var batch []mobilite.FlowQuery
	for i, req := range reqs {
		c, err := s.prepare(ctx, req, lang)
		if err != nil {
			return nil, err
		}
		comps[i] = c
		for _, m := range c.measures {
			q, ok, err := s.flowQuery(m.m, req)
			switch {
			case err != nil:
				return nil, err
			case ok:
				m.query = len(batch)
				batch = append(batch, q)
			default:
				if m.counts, m.why, err = s.count(ctx, m.m, req); err != nil {
					return nil, err
				}
			}
		}
	}
	var rows [][]mobilite.FlowCount
	if len(batch) > 0 {
		var err error
		if rows, err = s.Store.CountFlowsBatch(ctx, batch); err != nil {
			if mobilite.ErrorCode(err) == mobilite.EINVALID {
				return nil, mobilite.Invalid("by", "stats.by.not_allowed")
			}
			return nil, err
		}
	}
	out := make([]*Result, len(reqs))
	for i, c := range comps {
		for _, m := range c.measures {
			if m.query >= 0 {
				m.counts = cells(rows[m.query], c.req)
			}
		}
		s.finish(c, lang)
		out[i] = c.res
	}
	return out, nil
}

// prepare checks a request and starts its table. A survey indicator is computed here whole.
func (s *Service) prepare(ctx context.Context, req Request, lang string) (*computation, error) {
	ind := req.Indicator
	if len(req.By) > 2 {
		return nil, mobilite.Invalid("by", "stats.by.too_many")
	}
	for i, b := range req.By {
		if !slices.Contains(ind.By, b) || (i == 1 && b == req.By[0]) {
			return nil, mobilite.Invalid("by", "stats.by.not_allowed")
		}
	}
	if req.Region != "" {
		if _, ok := s.Ref.Region(req.Region); !ok {
			return nil, mobilite.Invalid("region", "seeker.region.invalid")
		}
	}
	num, err := ParseMeasure(ind.Numerator)
	if err != nil {
		return nil, mobilite.Invalid("numerator", "stats.measure.invalid")
	}
	t := &stats.Table{Indicator: ind.ID, Period: req.Period.Code, Unit: ind.Unit, Factor: ind.Factor, Rate: ind.Rate()}
	if t.Factor == 0 {
		t.Factor = 1
	}
	c := &computation{req: req, res: &Result{Table: t}}
	for _, b := range req.By {
		d := dimensions[b]
		dim := stats.Dim{ID: b, Labels: map[string]string{}}
		if d.codes != nil {
			dim.Codes = d.codes()
		}
		t.Dims = append(t.Dims, dim)
	}
	if req.Region != "" && !slices.Contains([]string{"departures", "returns", "departures_due", "seekers", "licences", "licence_events"}, num.Dataset) {
		return nil, mobilite.Invalid("region", "stats.region.not_allowed")
	}
	if num.Dataset == "survey" {
		if err := s.computeSurvey(ctx, ind, num, req, t, c.res); err != nil {
			return nil, err
		}
		s.label(t, lang)
		return c, nil
	}
	c.measures = append(c.measures, &counted{m: num, query: -1})
	if ind.Rate() {
		den, err := ParseMeasure(ind.Denominator)
		if err != nil {
			return nil, mobilite.Invalid("denominator", "stats.measure.invalid")
		}
		c.measures = append(c.measures, &counted{m: den, query: -1})
	}
	return c, nil
}

// finish fills the table of a computation from its measures' counts.
func (s *Service) finish(c *computation, lang string) {
	if len(c.measures) == 0 { // a survey indicator, computed already
		return
	}
	ind, t, res := c.req.Indicator, c.res.Table, c.res
	for _, m := range c.measures {
		if m.why != "" {
			res.NoData = m.why
			markNoData(t)
			return
		}
	}
	numCounts := c.measures[0].counts
	var denCounts map[string]float64
	if len(c.measures) > 1 {
		denCounts = c.measures[1].counts
	}
	// Categories found in the data join the fixed ones; those without a fixed list are ordered
	// largest first.
	found := make([]map[string]float64, len(t.Dims))
	for i := range found {
		found[i] = map[string]float64{}
	}
	for _, m := range []map[string]float64{numCounts, denCounts} {
		for k, n := range m {
			for i, c := range splitKey(k, len(t.Dims)) {
				if c != stats.Total {
					found[i][c] += n
				}
			}
		}
	}
	for i := range t.Dims {
		have := map[string]bool{}
		for _, c := range t.Dims[i].Codes {
			have[c] = true
		}
		var extra []string
		for c := range found[i] {
			if !have[c] {
				extra = append(extra, c)
			}
		}
		sort.Slice(extra, func(a, b int) bool {
			if found[i][extra[a]] != found[i][extra[b]] {
				return found[i][extra[a]] > found[i][extra[b]]
			}
			return extra[a] < extra[b]
		})
		t.Dims[i].Codes = append(t.Dims[i].Codes, extra...)
	}
	s.label(t, lang)
	// Every cell of the table, margins included, gets a value: zero where nothing was counted.
	for _, codes := range allKeys(t.Dims) {
		k := stats.Key(codes...)
		c := t.Cell(codes...)
		c.Num = numCounts[k]
		if ind.Rate() {
			c.Den = denCounts[k]
			c.N = int(c.Den)
			if c.Den == 0 {
				c.NoData = true
				continue
			}
			c.Value = c.Num / c.Den * t.Factor
		} else {
			c.Value = c.Num * t.Factor
			c.N = int(c.Num)
		}
	}
}

// label names the categories of a table's dimensions in lang.
func (s *Service) label(t *stats.Table, lang string) {
	for i := range t.Dims {
		d := dimensions[t.Dims[i].ID]
		for _, c := range t.Dims[i].Codes {
			if d.labels != nil {
				t.Dims[i].Labels[c] = d.labels(s, c, lang)
			} else {
				t.Dims[i].Labels[c] = stats.Label(c, lang)
			}
		}
	}
}

func markNoData(t *stats.Table) {
	for _, codes := range allKeys(t.Dims) {
		t.Cell(codes...).NoData = true
	}
}

// allKeys lists the codes of every cell of a table with these dimensions, totals included.
func allKeys(dims []stats.Dim) [][]string {
	out := [][]string{{}}
	for _, d := range dims {
		var next [][]string
		for _, prefix := range out {
			for _, c := range append(append([]string{}, d.Codes...), stats.Total) {
				next = append(next, append(append([]string{}, prefix...), c))
			}
		}
		out = next
	}
	return out
}

func splitKey(k string, n int) []string {
	if n == 0 {
		return nil
	}
	return strings.SplitN(k, "|", n)
}

// count counts a measure that is not of the register (see flowQuery), by cell (keys as
// stats.Key). why is set when the dataset is not collected.
func (s *Service) count(ctx context.Context, m Measure, req Request) (map[string]float64, string, error) {
	switch m.Dataset {
	case "aggregates":
		return s.countAggregates(ctx, m, req)
	case "survey":
		return nil, "stats.nodata.survey", nil
	}
	return nil, "stats.nodata.register", nil
}

// flowQuery is the query of the register that counts a measure grouped by the request's
// dimensions; ok is false for a measure of another dataset.
func (s *Service) flowQuery(m Measure, req Request) (q mobilite.FlowQuery, ok bool, err error) {
	switch m.Dataset {
	case "aggregates", "survey":
		return q, false, nil
	}
	q = mobilite.FlowQuery{Dataset: m.Dataset, From: req.Period.From, To: req.Period.To, Persons: m.Kind == "persons"}
	for _, c := range m.Where {
		c.Values = s.expand(c.Values)
		q.Where = append(q.Where, c)
	}
	if req.Region != "" {
		if m.Dataset == "offers" {
			return q, false, mobilite.Invalid("region", "stats.region.not_allowed")
		}
		q.Where = append(q.Where, mobilite.FlowCond{Field: "region", Values: []string{req.Region}})
	}
	for _, b := range req.By {
		q.GroupBy = append(q.GroupBy, dimensions[b].fieldOf(m.Dataset))
	}
	return q, true, nil
}

// cells turns the groups of a register query into the counts of every cell of the request's
// table, margins included (keys as stats.Key).
func cells(rows []mobilite.FlowCount, req Request) map[string]float64 {
	out := map[string]float64{}
	for _, r := range rows {
		codes := make([]string, len(req.By))
		for i, b := range req.By {
			codes[i] = dimensions[b].code(r.Keys[i], req.Period)
		}
		// The row adds to its cell and to every margin above it; a value without a category
		// (unknown, or under 15 for an age band) counts in the totals only.
		for mask := 0; mask < 1<<len(codes); mask++ {
			key := make([]string, len(codes))
			ok := true
			for i := range codes {
				if mask&(1<<i) != 0 {
					key[i] = stats.Total
				} else if key[i] = codes[i]; key[i] == "" {
					ok = false
				}
			}
			if ok {
				out[stats.Key(key...)] += float64(r.Count)
			}
		}
	}
	return out
}

// expand replaces the groups of countries (@ecowas) by their members.
func (s *Service) expand(vals []string) []string {
	var out []string
	for _, v := range vals {
		if v == "@ecowas" {
			for _, c := range s.Ref.Countries() {
				if c.ECOWAS {
					out = append(out, c.Alpha3)
				}
			}
			continue
		}
		out = append(out, v)
	}
	return out
}
