package indicators

import (
	"context"
	"strconv"

	"mobilite"
	"mobilite/internal/stats"
)

// surveyConds are the conditions a survey measure may use, over the typed variables of a
// submission (see mobilite.SurveyRecord).
var surveyConds = map[string]func(r *mobilite.SurveyRecord) bool{
	"age15":   func(r *mobilite.SurveyRecord) bool { return r.Age != nil && *r.Age >= 15 },
	"migrant": func(r *mobilite.SurveyRecord) bool { return isTrue(r.BornAbroad) || isTrue(r.ForeignCitizen) },
	"labour_force": func(r *mobilite.SurveyRecord) bool {
		return r.LFStatus == mobilite.LFEmployed || r.LFStatus == mobilite.LFUnemployed
	},
	"employed":      func(r *mobilite.SurveyRecord) bool { return r.LFStatus == mobilite.LFEmployed },
	"unemployed":    func(r *mobilite.SurveyRecord) bool { return r.LFStatus == mobilite.LFUnemployed },
	"worked_abroad": func(r *mobilite.SurveyRecord) bool { return isTrue(r.WorkedAbroad) },
}

func isTrue(b *bool) bool { return b != nil && *b }

// surveyCell is what a cell of a survey table adds up: weighted numerator and denominator,
// and the unweighted number of records.
type surveyCell struct{ num, den float64 }

// computeSurvey computes a survey indicator from the submissions of every loaded questionnaire
// made in the period, weighted (a submission without a weight counts 1), with the unweighted
// numbers kept so that cells resting on fewer than 30 records are flagged.
func (s *Service) computeSurvey(ctx context.Context, ind *Indicator, num Measure, req Request, t *stats.Table, res *Result) error {
	var den *Measure
	if ind.Rate() {
		d, err := ParseMeasure(ind.Denominator)
		if err != nil {
			return mobilite.Invalid("denominator", "stats.measure.invalid")
		}
		den = &d
	}
	for _, m := range []*Measure{&num, den} {
		if m == nil {
			continue
		}
		for _, c := range m.Where {
			if surveyConds[c.Field] == nil || len(c.Values) > 0 {
				return mobilite.Invalid("numerator", "stats.field.unknown")
			}
		}
	}
	forms, err := s.Store.FindSurveyForms(ctx)
	if err != nil {
		return err
	}
	var records []*mobilite.SurveyRecord
	for _, f := range forms {
		rs, err := s.Store.FindSurveyRecords(ctx, f.ID, req.Period.From, req.Period.To)
		if err != nil {
			return err
		}
		records = append(records, rs...)
	}
	pass := func(m *Measure, r *mobilite.SurveyRecord) bool {
		for _, c := range m.Where {
			if surveyConds[c.Field](r) == c.Not {
				return false
			}
		}
		return true
	}
	cells := map[string]*surveyCell{}
	ns := map[string]int{}
	any := false
	for _, r := range records {
		w := 1.0
		if r.Weight != nil && *r.Weight > 0 {
			w = *r.Weight
		}
		codes := make([]string, len(req.By))
		for i, b := range req.By {
			switch b {
			case "sex":
				codes[i], _ = stats.SexCode(r.Sex)
			case "age":
				age := -1
				if r.Age != nil {
					age = *r.Age
				}
				codes[i] = dimensions["age"].code(strconv.Itoa(age), req.Period)
			default:
				return mobilite.Invalid("by", "stats.by.not_allowed")
			}
		}
		var addNum, addDen float64
		var counted bool
		switch num.Kind {
		case "cost_ratio": // SDG 10.7.1: the worker's recruitment costs over the first month's earnings
			if !pass(&num, r) || r.Costs == nil || r.Earnings == nil || *r.Earnings <= 0 {
				continue
			}
			addNum, addDen, counted = w**r.Costs / *r.Earnings, w, true
		default:
			inNum := pass(&num, r)
			inDen := den != nil && pass(den, r)
			if !inNum && !inDen {
				continue
			}
			if inNum {
				addNum = w
			}
			if inDen {
				addDen = w
			}
			counted = den == nil && inNum || den != nil && inDen
		}
		any = true
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
			if !ok {
				continue
			}
			k := stats.Key(key...)
			c := cells[k]
			if c == nil {
				c = &surveyCell{}
				cells[k] = c
			}
			c.num += addNum
			c.den += addDen
			if counted {
				ns[k]++
			}
		}
	}
	if !any {
		res.NoData = "stats.nodata.survey"
		markNoData(t)
		return nil
	}
	rate := ind.Rate() || num.Kind == "cost_ratio"
	t.Rate = rate
	for _, codes := range allKeys(t.Dims) {
		k := stats.Key(codes...)
		c := t.Cell(codes...)
		sc := cells[k]
		if sc == nil {
			sc = &surveyCell{}
		}
		c.N = ns[k]
		c.Num, c.Den = sc.num, sc.den
		switch {
		case rate && sc.den == 0:
			c.NoData = true
		case rate:
			c.Value = sc.num / sc.den * t.Factor
		default:
			c.Value = sc.num * t.Factor
		}
	}
	stats.FlagLowN(t, stats.LowN)
	return nil
}
