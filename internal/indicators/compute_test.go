package indicators

import (
	"context"
	"fmt"
	"math/rand/v2"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/ref"
	"mobilite/internal/stats"
	"mobilite/internal/store/storetest"
)

var ctx = context.Background()

func day(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return t
}

// dep is a departure of the fixture register.
type dep struct {
	key, sex, birth, date, dest, channel, purpose, region string
	verified, oriented                                    bool
	planned                                               string
}

func (d dep) departure() *mobilite.Departure {
	x := &mobilite.Departure{FlowPerson: mobilite.FlowPerson{Key: d.key, Sex: d.sex, Nationality: "TGO", Region: d.region, ISCEDLevel: 3, Age: -1},
		Date: day(d.date), Purpose: d.purpose, Destination: d.dest, Channel: d.channel, ContractVerified: d.verified,
		OrientationAttended: d.oriented, ISCO08: "5321", ISICSection: "Q", Source: mobilite.FlowFromForm, CreatedAt: day(d.date), UpdatedAt: day(d.date)}
	if d.birth != "" {
		x.BirthDate = day(d.birth)
		x.Age = mobilite.Age(x.BirthDate, x.Date)
	}
	if d.planned != "" {
		x.PlannedReturn = day(d.planned)
	}
	return x
}

// fixture is a small register whose tables are worked out by hand in the tests.
var fixture = []dep{
	{key: "p1", sex: "F", birth: "2000-06-01", date: "2025-02-01", dest: "CIV", channel: "public_agency", purpose: "work", region: "TG-M", verified: true, oriented: true, planned: "2025-08-01"},
	{key: "p1", sex: "F", birth: "2000-06-01", date: "2025-09-01", dest: "FRA", channel: "private_agency", purpose: "work", region: "TG-M"}, // second departure: an event, not a person
	{key: "p2", sex: "M", birth: "1995-01-15", date: "2025-03-10", dest: "FRA", channel: "private_agency", purpose: "work", region: "TG-K", planned: "2025-09-10"},
	{key: "p3", sex: "F", birth: "1985-03-03", date: "2025-05-05", dest: "CIV", channel: "bilateral", purpose: "work", region: "TG-K", verified: true},
	{key: "p4", sex: "M", birth: "2006-02-02", date: "2025-12-31", dest: "SEN", channel: "individual", purpose: "work", region: "TG-S", oriented: true},
	{key: "p5", sex: "F", birth: "2000-01-01", date: "2024-12-31", dest: "FRA", channel: "individual", purpose: "work", region: "TG-M"},  // last year
	{key: "p6", sex: "M", birth: "2001-01-01", date: "2025-04-01", dest: "CIV", channel: "individual", purpose: "study", region: "TG-M"}, // study
	{key: "p7", sex: "F", date: "2025-06-06", dest: "CIV", channel: "public_agency", purpose: "work", region: ""},                        // age and region not stated
}

func load(t *testing.T, s mobilite.Store) {
	t.Helper()
	for _, d := range fixture {
		if err := s.CreateDeparture(ctx, d.departure()); err != nil {
			t.Fatal(err)
		}
	}
	// p1 came back on time from the first departure; p2 came back late.
	for _, r := range []*mobilite.Return{
		{FlowPerson: mobilite.FlowPerson{Key: "p1", Sex: "F", Age: 25}, Date: day("2025-07-20"), PreviousCountry: "CIV", MonthsAbroad: 5,
			ReturnType: mobilite.ReturnEndOfContract, Status12M: mobilite.StatusEmployed},
		{FlowPerson: mobilite.FlowPerson{Key: "p2", Sex: "M", Age: 30}, Date: day("2025-10-01"), PreviousCountry: "FRA", MonthsAbroad: 6,
			ReturnType: mobilite.ReturnForced, Status12M: mobilite.StatusUnemployed},
		{FlowPerson: mobilite.FlowPerson{Key: "p8", Sex: "M", Age: 50}, Date: day("2025-11-11"), PreviousCountry: "LBY", MonthsAbroad: 70,
			ReturnType: mobilite.ReturnAssisted},
	} {
		r.Source, r.CreatedAt, r.UpdatedAt = mobilite.FlowFromForm, r.Date, r.Date
		if err := s.CreateReturn(ctx, r); err != nil {
			t.Fatal(err)
		}
	}
}

// loadRegulation writes a licence register and complaints worked out by hand in the tests.
func loadRegulation(t *testing.T, s mobilite.Store) {
	t.Helper()
	agencies := []struct {
		licence, region string
		events          []mobilite.LicenceEvent
	}{
		{"A1", "TG-M", []mobilite.LicenceEvent{{Kind: "granted", Date: day("2023-01-10"), ExpiresOn: day("2026-01-09")}}},
		{"A2", "TG-K", []mobilite.LicenceEvent{{Kind: "granted", Date: day("2022-05-01"), ExpiresOn: day("2025-04-30")},
			{Kind: "renewed", Date: day("2025-04-15"), ExpiresOn: day("2028-04-14")}}},
		{"A3", "TG-M", []mobilite.LicenceEvent{{Kind: "granted", Date: day("2024-01-01"), ExpiresOn: day("2027-01-01")},
			{Kind: "suspended", Date: day("2025-06-01"), Reason: "frais"}, {Kind: "reinstated", Date: day("2025-08-01")}}},
		{"A4", "TG-K", []mobilite.LicenceEvent{{Kind: "granted", Date: day("2023-03-01"), ExpiresOn: day("2026-03-01")},
			{Kind: "revoked", Date: day("2025-11-20"), Reason: "traite"}}},
		{"A5", "TG-S", []mobilite.LicenceEvent{{Kind: "granted", Date: day("2021-01-01"), ExpiresOn: day("2025-06-30")}}}, // expired
		{"A6", "TG-S", []mobilite.LicenceEvent{{Kind: "granted", Date: day("2024-02-02"), ExpiresOn: day("2027-02-02")},
			{Kind: "suspended", Date: day("2025-12-15"), Reason: "passeports"}}},
		{"A7", "TG-M", []mobilite.LicenceEvent{{Kind: "granted", Date: day("2026-01-05"), ExpiresOn: day("2029-01-04")}}}, // next year
	}
	for _, x := range agencies {
		a := &mobilite.Agency{Name: "Agence " + x.licence, SearchKey: x.licence, Licence: x.licence, Region: x.region,
			GrantedOn: x.events[0].Date, ExpiresOn: x.events[0].ExpiresOn, Source: mobilite.RegulationFromForm, CreatedAt: t0, UpdatedAt: t0}
		if err := s.CreateAgency(ctx, a); err != nil {
			t.Fatal(err)
		}
		for _, e := range x.events {
			e.AgencyID, e.CreatedAt = a.ID, t0
			if err := s.CreateLicenceEvent(ctx, &e); err != nil {
				t.Fatal(err)
			}
		}
	}
	for i, c := range []struct{ category, sex, dest, status, received string }{
		{"recruitment_fees", "F", "QAT", "resolved", "2025-02-01"},
		{"recruitment_fees", "M", "QAT", "received", "2025-05-05"},
		{"trafficking", "F", "LBN", "referred", "2025-07-07"},
		{"documents_retained", "", "", "resolved", "2025-12-31"},
		{"recruitment_fees", "F", "QAT", "resolved", "2024-12-30"}, // last year
	} {
		at := day(c.received).Add(10 * time.Hour)
		cp := &mobilite.Complaint{Reference: fmt.Sprintf("PL-TEST-%d", i), CodeHash: "x", Category: c.category, Sex: c.sex,
			Destination: c.dest, Account: "Récit.", Status: c.status, Source: mobilite.RegulationFromForm, ReceivedAt: at, UpdatedAt: at}
		if c.status == "resolved" {
			cp.ClosedAt = at.Add(24 * time.Hour)
		}
		if err := s.CreateComplaint(ctx, cp); err != nil {
			t.Fatal(err)
		}
	}
}

var t0 = day("2026-01-15")

func find(id string) *Indicator {
	for _, i := range Catalogue() {
		if i.ID == id {
			return i
		}
	}
	panic("no indicator " + id)
}

// want is a table's expected cells: key → value; "nodata" marks a cell with no data.
type want map[string]float64

func check(t *testing.T, svc *Service, id string, by []string, expect want) *stats.Table {
	t.Helper()
	res, err := svc.Compute(ctx, Request{Indicator: find(id), Period: Year(2025), By: by}, "fr")
	if err != nil {
		t.Fatalf("%s by %v: %v", id, by, err)
	}
	for k, v := range expect {
		c := res.Table.Cells[k]
		switch {
		case c == nil:
			t.Errorf("%s by %v: no cell %q", id, by, k)
		case v < 0 && !c.NoData:
			t.Errorf("%s by %v [%s] = %v, want no data", id, by, k, c.Value)
		case v >= 0 && (c.NoData || abs(c.Value-v) > 1e-9):
			t.Errorf("%s by %v [%s] = %v (no data %v), want %v", id, by, k, c.Value, c.NoData, v)
		}
	}
	return res.Table
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

func TestComputeByHand(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			s := storetest.Open(t, engine)
			load(t, s)
			svc := New(s, ref.MustLoad())
			// Persons who left to work in 2025: p1 (twice), p2, p3, p4, p7 → 5 persons.
			check(t, svc, "LM-F01", nil, want{"": 5})
			check(t, svc, "LM-F01", []string{"sex"}, want{"SEX_F": 3, "SEX_M": 2, "_T": 5})
			// A person counts with the destination of the first departure of the year.
			check(t, svc, "LM-F01", []string{"destination"}, want{"CDS_DES_CIV": 3, "CDS_DES_FRA": 1, "CDS_DES_SEN": 1, "_T": 5})
			check(t, svc, "LM-F01", []string{"sex", "destination"}, want{"SEX_F|CDS_DES_CIV": 3, "SEX_M|CDS_DES_FRA": 1,
				"SEX_M|CDS_DES_SEN": 1, "SEX_F|CDS_DES_FRA": 0, "SEX_F|_T": 3, "_T|CDS_DES_CIV": 3, "_T|_T": 5})
			// Ages at departure: p1 24, p2 30, p3 40, p4 19, p7 not stated.
			check(t, svc, "LM-F01", []string{"age"}, want{"AGE_AGGREGATE_Y15-24": 2, "AGE_AGGREGATE_Y25-54": 2,
				"AGE_AGGREGATE_Y55-64": 0, "AGE_AGGREGATE_X": 1, "_T": 5})
			check(t, svc, "LM-F01", []string{"region"}, want{"TG-M": 1, "TG-K": 2, "TG-S": 1, "REGION_X": 1, "_T": 5})
			check(t, svc, "LM-F01", []string{"channel"}, want{"public_agency": 2, "private_agency": 1, "bilateral": 1, "individual": 1})
			// Rates: 3 women of 5; 2 verified contracts of 5; ECOWAS (CIV, SEN) 4 of 5.
			check(t, svc, "LM-F02", nil, want{"": 60})
			check(t, svc, "LM-F02", []string{"destination"}, want{"CDS_DES_CIV": 100, "CDS_DES_FRA": 0, "CDS_DES_SEN": 0})
			check(t, svc, "LM-F03", []string{"sex"}, want{"SEX_F": 200.0 / 3, "SEX_M": 0, "_T": 40})
			check(t, svc, "LM-F04", nil, want{"": 80})
			check(t, svc, "LM-F05", []string{"region"}, want{"TG-M": 100, "TG-K": 0, "TG-S": 100, "_T": 40})
			// Returns in 2025: p1, p2, p8; in work after 12 months: p1.
			check(t, svc, "LM-F06", []string{"return_type"}, want{"end_of_contract": 1, "forced": 1, "assisted": 1, "voluntary_early": 0, "_T": 3})
			check(t, svc, "LM-F06", []string{"years_abroad"}, want{"YAB_LT1": 2, "YAB_GE5": 1})
			check(t, svc, "LM-F07", []string{"sex"}, want{"SEX_F": 100, "SEX_M": 0, "_T": 100.0 / 3})
			// Planned returns in 2025: p1 (back on 20 July, before 1 August), p2 (back 1 October,
			// after 10 September): one of two on time.
			check(t, svc, "LM-F08", nil, want{"": 50})
			// A rate with nothing in the denominator is "no data", not an error.
			check(t, svc, "LM-F02", []string{"channel"}, want{"private_agency": 0})
			tb := check(t, svc, "LM-F03", []string{"destination"}, want{})
			if c := tb.Cells["CDS_DES_USA"]; c != nil {
				t.Errorf("a destination nobody went to has a cell: %+v", c)
			}
			loadRegulation(t, s)
			// Licences valid on 31 December 2025: A1, A2 (renewed), A3 (suspended, then reinstated).
			check(t, svc, "LM-P02", []string{"agency_region"}, want{"TG-M": 2, "TG-K": 1, "_T": 3}) // no valid licence in TG-S: no cell
			check(t, svc, "LM-P04", []string{"kind"}, want{"suspended": 2, "revoked": 1, "_T": 3})
			check(t, svc, "LM-P04", []string{"agency_region"}, want{"TG-M": 1, "TG-K": 1, "TG-S": 1})
			// Complaints received in 2025: four; one without the complainant's sex (in the total only).
			check(t, svc, "LM-P01", []string{"category"}, want{"recruitment_fees": 2, "trafficking": 1, "documents_retained": 1, "wages_unpaid": 0, "_T": 4})
			check(t, svc, "LM-P01", []string{"sex"}, want{"SEX_F": 2, "SEX_M": 1, "_T": 4})
			check(t, svc, "LM-P03", []string{"category"}, want{"recruitment_fees": 50, "trafficking": 0, "documents_retained": 100, "wages_unpaid": -1, "_T": 50})
			// Datasets not collected: no data with a reason.
			res, err := svc.Compute(ctx, Request{Indicator: find("LM-S01"), Period: Year(2025)}, "fr")
			if err != nil || res.NoData == "" || !res.Table.Cells[""].NoData {
				t.Errorf("LM-S01 without a survey: %+v %v", res, err)
			}
			// Bad requests.
			for _, by := range [][]string{{"sex", "sex"}, {"sex", "age", "region"}, {"colour"}, {"return_type"}} {
				if _, err := svc.Compute(ctx, Request{Indicator: find("LM-F01"), Period: Year(2025), By: by}, "fr"); mobilite.ErrorCode(err) != mobilite.EINVALID {
					t.Errorf("by %v: %v", by, err)
				}
			}
		})
	}
}

// TestCellsAddUp: on a random register, every disaggregated cell set adds up to its margins
// and the totals equal the undisaggregated count (before suppression).
func TestCellsAddUp(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	r := rand.New(rand.NewPCG(7, 11))
	dests := []string{"CIV", "FRA", "SEN", "DEU", "QAT", "CAN"}
	channels := mobilite.FlowChannels
	regions := []string{"TG-M", "TG-P", "TG-C", "TG-K", "TG-S", ""}
	for i := range 600 {
		d := dep{key: "k" + string(rune('a'+r.IntN(26))) + string(rune('a'+r.IntN(26))), sex: []string{"F", "M"}[r.IntN(2)],
			date: time.Date(2025, time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC).Format("2006-01-02"),
			dest: dests[r.IntN(len(dests))], channel: channels[r.IntN(len(channels))], purpose: "work",
			region: regions[r.IntN(len(regions))], verified: r.IntN(2) == 0}
		if i%7 != 0 {
			d.birth = time.Date(1960+r.IntN(50), 3, 3, 0, 0, 0, 0, time.UTC).Format("2006-01-02")
		}
		if err := s.CreateDeparture(ctx, d.departure()); err != nil {
			t.Fatal(err)
		}
	}
	svc := New(s, ref.MustLoad())
	total, err := svc.Compute(ctx, Request{Indicator: find("LM-F01"), Period: Year(2025)}, "fr")
	if err != nil {
		t.Fatal(err)
	}
	grand := total.Table.Cells[""].Value
	pairs := [][]string{{"sex", "destination"}, {"age", "region"}, {"channel", "sex"}, {"isco", "isced"}}
	for _, by := range pairs {
		res, err := svc.Compute(ctx, Request{Indicator: find("LM-F01"), Period: Year(2025), By: by}, "fr")
		if err != nil {
			t.Fatal(err)
		}
		tb := res.Table
		if got := tb.Cells["_T|_T"].Value; got != grand {
			t.Errorf("%v: total %v, want %v", by, got, grand)
		}
		for _, a := range tb.Dims[0].Codes {
			sum := 0.0
			for _, b := range tb.Dims[1].Codes {
				sum += tb.Cells[stats.Key(a, b)].Value
			}
			if sum != tb.Cells[stats.Key(a, stats.Total)].Value {
				t.Errorf("%v: row %s adds to %v, margin %v", by, a, sum, tb.Cells[stats.Key(a, stats.Total)].Value)
			}
		}
		for _, b := range tb.Dims[1].Codes {
			sum := 0.0
			for _, a := range tb.Dims[0].Codes {
				sum += tb.Cells[stats.Key(a, b)].Value
			}
			if sum != tb.Cells[stats.Key(stats.Total, b)].Value {
				t.Errorf("%v: column %s adds to %v, margin %v", by, b, sum, tb.Cells[stats.Key(stats.Total, b)].Value)
			}
		}
	}
}

func TestParse(t *testing.T) {
	for _, i := range Catalogue() {
		if _, err := ParseMeasure(i.Numerator); err != nil {
			t.Errorf("%s numerator: %v", i.ID, err)
		}
		if i.Denominator != "" {
			if _, err := ParseMeasure(i.Denominator); err != nil {
				t.Errorf("%s denominator: %v", i.ID, err)
			}
		}
		for _, b := range i.By {
			if _, ok := dimensions[b]; !ok {
				t.Errorf("%s: unknown disaggregation %q", i.ID, b)
			}
		}
	}
	for _, bad := range []string{"", "departures", "departures.cats", "nowhere.persons", "departures.persons[sex=]",
		"departures.persons[sex=F", "departures.persons[DROP TABLE]"} {
		if _, err := ParseMeasure(bad); err == nil {
			t.Errorf("ParseMeasure(%q) accepted", bad)
		}
	}
	for in, want := range map[string]string{"2025": "2025-01-01/2026-01-01", "2025Q3": "2025-07-01/2025-10-01",
		"202502": "2025-02-01/2025-03-01", "2025-01-01/2025-06-30": "2025-01-01/2025-07-01"} {
		p, err := ParsePeriod(in)
		if got := p.From.Format("2006-01-02") + "/" + p.To.Format("2006-01-02"); err != nil || got != want {
			t.Errorf("ParsePeriod(%q) = %s %v, want %s", in, got, err, want)
		}
	}
	for _, bad := range []string{"", "25", "2025Q5", "202513", "2025-06-30/2025-01-01", "1800", "abcd"} {
		if _, err := ParsePeriod(bad); err == nil {
			t.Errorf("ParsePeriod(%q) accepted", bad)
		}
	}
}

// Every breakdown has a name in both languages: exports head their columns with it.
func TestDimensionNames(t *testing.T) {
	for id := range dimensions {
		for _, lang := range []string{"fr", "en"} {
			if name := stats.DimName(id, lang); name == id || name == "" {
				t.Errorf("breakdown %s has no %s name", id, lang)
			}
		}
	}
}
