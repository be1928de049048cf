package flows

import (
	"context"
	"time"

	"mobilite"
	"mobilite/internal/regulation"
)

// FlaggedDeparture is a departure through a private agency whose licence was in no register, or
// not valid, on the day of departure: a fact for the labour inspection.
type FlaggedDeparture struct {
	Departure *mobilite.Departure
	Agency    *mobilite.Agency       // nil: the licence is in no register
	Status    mobilite.LicenceStatus // the licence's status on the day ("" when unknown)
}

// MaxFlaggedScan bounds the departures through agencies read for one list: a longer period is
// cut to its newest departures, and the list says so.
const MaxFlaggedScan = 20000

// FlaggedDepartures lists, newest first, the departures of [from, to) through a private agency
// whose licence was unknown or not valid on their date, so that the inspection sees them without
// waiting for a counsellor to tell it. more is true when the period held more departures
// through agencies than MaxFlaggedScan. Inspectors and admins only (EFORBIDDEN).
func (s *Service) FlaggedDepartures(ctx context.Context, actor *mobilite.User, from, to time.Time) (out []FlaggedDeparture, more bool, err error) {
	if actor == nil || (actor.Role != mobilite.RoleInspector && actor.Role != mobilite.RoleAdmin) {
		return nil, false, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "flows: flagged departures")
	}
	check := licenceChecker{}
	const page = 500
	for offset := 0; offset < MaxFlaggedScan; offset += page {
		list, total, err := s.Store.FindDepartures(ctx, mobilite.FlowFilter{From: from, To: to, ThroughAgency: true,
			Offset: offset, Limit: page})
		if err != nil {
			return nil, false, err
		}
		for _, d := range list {
			key, err := check.check(ctx, s.Store, d)
			if err != nil {
				return nil, false, err
			}
			if key == "" {
				continue
			}
			f := FlaggedDeparture{Departure: d, Agency: check[d.AgencyLicence]}
			if f.Agency != nil {
				f.Status = regulation.StatusAt(f.Agency.Events, d.Date)
			}
			out = append(out, f)
		}
		if offset+len(list) >= total || len(list) < page {
			return out, false, nil
		}
	}
	return out, true, nil
}
