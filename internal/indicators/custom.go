package indicators

import (
	"context"
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/audit"
)

var idPattern = regexp.MustCompile(`^[A-Z][A-Z0-9]{0,5}-[A-Z0-9]{1,8}$`)

// Add stores an indicator defined by a statistician, after checking that it computes: its
// measures are read and run once on the last complete year (which also checks their fields
// against the datasets). EINVALID with the fields in error; EFORBIDDEN.
func (s *Service) Add(ctx context.Context, actor *mobilite.User, ind *Indicator) error {
	if !mayEditPlan(actor) {
		return mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	var p mobilite.Problems
	ind.ID = strings.ToUpper(strings.TrimSpace(ind.ID))
	if !idPattern.MatchString(ind.ID) {
		p.Add("id", "indicator.id.invalid")
	} else if _, err := s.Find(ctx, ind.ID); err == nil {
		p.Add("id", "indicator.id.taken")
	}
	if !slices.Contains(Levels, ind.Level) {
		p.Add("level", "indicator.level.invalid")
	}
	if !slices.Contains(Units, ind.Unit) {
		p.Add("unit", "indicator.unit.invalid")
	}
	ind.Source = "A"
	for field, v := range map[string]string{"name_fr": ind.NameFR, "name_en": ind.NameEN} {
		if strings.TrimSpace(v) == "" || utf8.RuneCountInString(v) > 200 {
			p.Add(field, "indicator.name.invalid")
		}
	}
	if utf8.RuneCountInString(ind.DefinitionFR) > 2000 || utf8.RuneCountInString(ind.DefinitionEN) > 2000 {
		p.Add("definition_fr", "seeker.text.too_long")
	}
	num, err := ParseMeasure(ind.Numerator)
	if err != nil {
		p.Add("numerator", "indicator.measure.invalid")
	}
	if ind.Denominator != "" {
		den, err := ParseMeasure(ind.Denominator)
		switch {
		case err != nil:
			p.Add("denominator", "indicator.measure.invalid")
		case den.Dataset != num.Dataset && num.Dataset != "":
			p.Add("denominator", "indicator.measure.dataset")
		}
		if ind.Factor == 0 {
			ind.Factor = 100
		}
	}
	for _, b := range ind.By {
		if _, ok := dimensions[b]; !ok {
			p.Add("by", "stats.by.not_allowed")
		}
	}
	if ind.Factor < 0 || ind.Factor > 1e6 {
		p.Add("factor", "indicator.factor.invalid")
	}
	if err := p.Err(); err != nil {
		return err
	}
	// It must compute, with each of its disaggregations.
	year := Year(time.Now().Year() - 1)
	for _, by := range append([][]string{nil}, splitBy(ind.By)...) {
		if _, err := s.Compute(ctx, Request{Indicator: ind, Period: year, By: by}, "fr"); err != nil {
			if mobilite.ErrorCode(err) == mobilite.EINVALID {
				field := "numerator"
				if len(by) > 0 {
					field = "by"
				}
				return mobilite.Invalid(field, "indicator.measure.fields")
			}
			return err
		}
	}
	def, _ := json.Marshal(ind)
	now := time.Now().UTC()
	c := &mobilite.CustomIndicator{ID: ind.ID, Definition: string(def), CreatedBy: actor.ID, CreatedAt: now, UpdatedAt: now}
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.CreateIndicator(ctx, c); err != nil {
			if mobilite.ErrorCode(err) == mobilite.ECONFLICT {
				return mobilite.Invalid("id", "indicator.id.taken")
			}
			return err
		}
		return audit.Record(ctx, tx, now, actor, "indicator.create", "indicator", 0, nil, map[string]any{"id": ind.ID,
			"numerator": ind.Numerator, "denominator": ind.Denominator})
	})
}

func splitBy(by []string) [][]string {
	var out [][]string
	for _, b := range by {
		out = append(out, []string{b})
	}
	return out
}
