package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"

	"mobilite"
)

// FlowsResult says what LoadFlows did.
type FlowsResult struct{ Departures, Returns int }

// weighted picks one of the values with the given weights.
type weighted[T any] struct {
	vals    []T
	weights []int
	sum     int
}

func newWeighted[T any](vals []T, weights []int) weighted[T] {
	w := weighted[T]{vals: vals, weights: weights}
	for _, x := range weights {
		w.sum += x
	}
	return w
}

func (w weighted[T]) pick(r *rand.Rand) T {
	n := r.IntN(w.sum)
	for i, x := range w.weights {
		if n < x {
			return w.vals[i]
		}
		n -= x
	}
	return w.vals[len(w.vals)-1]
}

// LoadFlows fills an empty register of flows with demonstration departures and returns over
// the last three years (source "demo"), so that the indicators have something to compute on a
// demo site. The figures are invented, drawn from fixed proportions; the site says it is a demo.
// It does nothing when the register already holds records.
func LoadFlows(ctx context.Context, s mobilite.Store, now time.Time) (FlowsResult, error) {
	var res FlowsResult
	if _, n, err := s.FindDepartures(ctx, mobilite.FlowFilter{Limit: 1}); err != nil || n > 0 {
		return res, err
	}
	r := rand.New(rand.NewPCG(2026, 11))
	dest := newWeighted([]string{"CIV", "GHA", "NGA", "BEN", "SEN", "FRA", "DEU", "BEL", "CAN", "QAT", "SAU", "ARE", "LBN", "MAR"},
		[]int{14, 10, 8, 7, 5, 10, 6, 4, 6, 8, 6, 6, 4, 6})
	channel := newWeighted(mobilite.FlowChannels, []int{25, 30, 10, 35})
	job := newWeighted([]struct{ isco, isic string }{{"5321", "Q"}, {"8322", "H"}, {"7112", "F"}, {"5120", "I"}, {"9112", "N"},
		{"2221", "Q"}, {"6111", "A"}, {"9111", "T"}, {"7231", "G"}, {"2310", "P"}}, []int{12, 14, 12, 10, 10, 6, 8, 14, 8, 6})
	region := newWeighted([]string{"TG-M", "TG-P", "TG-C", "TG-K", "TG-S"}, []int{45, 20, 12, 13, 10})
	prefecture := map[string]string{"TG-M": "Golfe", "TG-P": "Ogou", "TG-C": "Tchaoudjo", "TG-K": "Kozah", "TG-S": "Tône"}
	start := time.Date(now.Year()-3, 1, 1, 0, 0, 0, 0, time.UTC)
	days := int(now.Sub(start).Hours()/24) - 1
	err := s.Tx(ctx, func(tx mobilite.Store) error {
		for i := range 900 {
			sex := "M"
			if r.IntN(100) < 36 {
				sex = "F"
			}
			birth := time.Date(1975+r.IntN(30), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)
			date := start.AddDate(0, 0, r.IntN(days))
			reg := region.pick(r)
			j := job.pick(r)
			d := &mobilite.Departure{
				FlowPerson: mobilite.FlowPerson{Key: fmt.Sprintf("demo:%d", i), Sex: sex, BirthDate: birth, Nationality: "TGO",
					Region: reg, Prefecture: prefecture[reg], ISCEDLevel: []int{1, 2, 3, 3, 4, 5, 6}[r.IntN(7)], Age: mobilite.Age(birth, date)},
				Date: date, Purpose: "work", Destination: dest.pick(r), ISCO08: j.isco, ISICSection: j.isic, Channel: channel.pick(r),
				ContractVerified: r.IntN(100) < 58, OrientationAttended: r.IntN(100) < 44, ContractMonths: []int{0, 12, 24, 36}[r.IntN(4)],
				Source: mobilite.FlowFromDemo, CreatedAt: date, UpdatedAt: date}
			if i%9 == 0 {
				d.Purpose = "study"
			}
			if d.Channel == mobilite.ChannelPrivateAgency {
				d.AgencyLicence = demoAgencies[r.IntN(len(demoAgencies))].licence // an agency of the demo register
			}
			if d.ContractMonths > 0 {
				d.PlannedReturn = date.AddDate(0, d.ContractMonths, 0)
			}
			if err := tx.CreateDeparture(ctx, d); err != nil {
				return err
			}
			res.Departures++
			// About a third come back: on time, early, or expelled; their situation a year on.
			back := d.Date.AddDate(0, 6+r.IntN(30), r.IntN(28))
			if r.IntN(3) != 0 || !back.Before(now) {
				continue
			}
			ret := &mobilite.Return{FlowPerson: d.FlowPerson, DepartureID: d.ID, Date: back, PreviousCountry: d.Destination,
				ISCO08: d.ISCO08, ReturnType: []string{mobilite.ReturnEndOfContract, mobilite.ReturnEndOfContract, mobilite.ReturnVoluntaryEarly,
					mobilite.ReturnForced, mobilite.ReturnAssisted}[r.IntN(5)], Source: mobilite.FlowFromDemo, CreatedAt: back, UpdatedAt: back}
			ret.Age = mobilite.Age(birth, back)
			ret.MonthsAbroad = int(back.Sub(d.Date).Hours() / 24 / 30)
			if back.AddDate(1, 0, 0).Before(now) {
				ret.Status12M = mobilite.LabourStatuses[r.IntN(len(mobilite.LabourStatuses))]
			}
			if err := tx.CreateReturn(ctx, ret); err != nil {
				return err
			}
			res.Returns++
		}
		return nil
	})
	return res, err
}
