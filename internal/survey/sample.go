package survey

import (
	"bufio"
	"fmt"
	"io"
	"math/rand/v2"
	"strconv"
	"time"
)

// SampleHeader is the header of a KoboToolbox CSV export of the model questionnaire (XML names
// with group paths, ";" as separator, Kobo's metadata columns).
var SampleHeader = []string{"start", "end", "id/sex", "id/birth_date", "id/age", "id/birth_country", "id/citizenship",
	"id/region", "id/education", "lf/worked", "lf/absent", "lf/looked", "lf/available", "lf/occupation", "mig/worked_abroad",
	"mig/last_country", "mig/years_abroad", "mig/return_date", "mig/return_type", "mig/occupation_abroad", "cost/cost_paid", "cost/cost_fees",
	"cost/cost_documents", "cost/cost_medical", "cost/cost_training", "cost/cost_travel", "cost/cost_other", "cost/costs_total",
	"cost/first_wage", "plan/plan_leave", "plan/plan_country", "weight", "_id", "_uuid", "_submission_time",
	"_validation_status", "_index"}

// WriteSample writes n generated submissions of the model questionnaire as a KoboToolbox CSV
// export, the same for the same seed: for tests and benchmarks. The submissions are dated in
// the year before at.
func WriteSample(w io.Writer, n int, seed uint64, at time.Time) error {
	bw := bufio.NewWriterSize(w, 64<<10)
	rng := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
	countries := []string{"TGO", "TGO", "TGO", "BEN", "GHA", "CIV", "NGA", "FRA", "DEU", "LBN", "SAU", "ARE", "USA"}
	occupations := []string{"Maçon", "Couturière", "Chauffeur", "Infirmier", "Commerçante", "Électricien", "Aide-ménagère"}
	yn := func(p float64) string {
		if rng.Float64() < p {
			return "yes"
		}
		return "no"
	}
	for i, h := range SampleHeader {
		if i > 0 {
			bw.WriteByte(';')
		}
		bw.WriteString(h)
	}
	bw.WriteString("\r\n")
	for i := 0; i < n; i++ {
		sub := at.AddDate(0, 0, -1-rng.IntN(364)).Add(time.Duration(rng.IntN(36000)) * time.Second).UTC()
		age := 15 + rng.IntN(50)
		birth := sub.AddDate(-age, 0, -1-rng.IntN(300))
		sex := "male"
		if rng.IntN(2) == 0 {
			sex = "female"
		}
		worked := yn(0.6)
		absent, looked, available, occupation := "", "", "", ""
		if worked == "no" {
			absent = yn(0.1)
			if absent == "no" {
				looked, available = yn(0.4), yn(0.7)
			}
		}
		if worked == "yes" || absent == "yes" {
			occupation = occupations[rng.IntN(len(occupations))]
		}
		abroad := yn(0.35)
		var last, years, ret, rtype, occAbroad, paid, fees, docs, med, train, travel, other, total, wage string
		if abroad == "yes" {
			last = countries[3+rng.IntN(len(countries)-3)]
			years = strconv.FormatFloat(float64(rng.IntN(100))/10+0.5, 'f', 1, 64)
			ret = sub.AddDate(0, -rng.IntN(60), -rng.IntN(28)).Format("2006-01-02")
			rtype = []string{"end_contract", "voluntary", "forced", "assisted"}[rng.IntN(4)]
			occAbroad = occupations[rng.IntN(len(occupations))]
			parts := []int{rng.IntN(300) * 1000, rng.IntN(100) * 1000, rng.IntN(30) * 1000, 0, rng.IntN(400) * 1000, rng.IntN(20) * 1000}
			sum := 0
			for k, p := range parts {
				sum += p
				if p > 0 {
					if paid != "" {
						paid += " "
					}
					paid += []string{"fees", "documents", "medical", "training", "travel", "other"}[k]
				}
			}
			fees, docs, med, train, travel, other = itoa(parts[0]), itoa(parts[1]), itoa(parts[2]), itoa(parts[3]), itoa(parts[4]), itoa(parts[5])
			total, wage = itoa(sum), itoa(100000+rng.IntN(400)*1000)
		}
		plan, planCountry := yn(0.3), ""
		if plan == "yes" {
			planCountry = countries[3+rng.IntN(len(countries)-3)]
		}
		citizen := "TGO"
		born := countries[rng.IntN(4)]
		if born != "TGO" && rng.IntN(2) == 0 {
			citizen = born
		}
		start := sub.Add(-20 * time.Minute)
		fields := []string{start.Format("2006-01-02T15:04:05.000Z"), sub.Format("2006-01-02T15:04:05.000Z"), sex,
			birth.Format("2006-01-02"), strconv.Itoa(age), born, citizen, []string{"TG-M", "TG-P", "TG-C", "TG-K", "TG-S"}[rng.IntN(5)],
			[]string{"isced_0", "isced_1", "isced_2", "isced_3", "isced_5_8"}[rng.IntN(5)], worked, absent, looked, available,
			occupation, abroad, last, years, ret, rtype, occAbroad, paid, fees, docs, med, train, travel, other, total, wage, plan,
			planCountry, "1", strconv.Itoa(1000 + i), fmt.Sprintf("%08x-%04x-4%03x-a%03x-%012x", seed, i>>16, i&0xfff, rng.IntN(4096), rng.Uint64()&0xffffffffffff),
			sub.Format("2006-01-02T15:04:05"), "", strconv.Itoa(i + 1)}
		for j, f := range fields {
			if j > 0 {
				bw.WriteByte(';')
			}
			bw.WriteString(f)
		}
		bw.WriteString("\r\n")
	}
	return bw.Flush()
}

func itoa(n int) string { return strconv.Itoa(n) }
