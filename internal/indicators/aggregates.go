package indicators

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/stats"
)

// Elements are the data elements shipped with the platform: figures the labour ministry
// receives from other administrations. EnsureElements writes them.
var Elements = []*mobilite.DataElement{
	{ID: "nationals_abroad", NameFR: "Nationaux résidant à l'étranger (consulats)", NameEN: "Nationals living abroad (consulates)",
		Disaggregations: []string{"sex"}, PeriodType: "year", OrgLevel: "abroad"},
	{ID: "work_permits", NameFR: "Autorisations de travail délivrées à des travailleurs étrangers", NameEN: "Work permits issued to foreign workers",
		Disaggregations: []string{"sex", "isic"}, PeriodType: "quarter", OrgLevel: "region"},
}

// EnsureElements writes the shipped data elements (again: their names are updated).
func (s *Service) EnsureElements(ctx context.Context, now time.Time) error {
	for _, e := range Elements {
		e.CreatedAt = now
		if err := s.Store.SaveDataElement(ctx, e); err != nil {
			return err
		}
	}
	return nil
}

// Element returns a data element. ENOTFOUND.
func (s *Service) Element(ctx context.Context, id string) (*mobilite.DataElement, error) {
	list, err := s.Store.FindDataElements(ctx)
	if err != nil {
		return nil, err
	}
	for _, e := range list {
		if e.ID == id {
			return e, nil
		}
	}
	return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "indicators: no data element %q", id)
}

// Categories lists the category combinations of an element: the cross product of its
// disaggregations' codes, joined by "|" ("" when it has none).
func Categories(e *mobilite.DataElement) []string {
	out := []string{""}
	for _, d := range e.Disaggregations {
		var codes []string
		switch d {
		case "sex":
			codes = stats.SexCodes()
		case "isic":
			codes = stats.ActivityCodes()
		case "age":
			codes = stats.AgeCodes(stats.AgeAggregate)
		}
		var next []string
		for _, prefix := range out {
			for _, c := range codes {
				if prefix == "" {
					next = append(next, c)
				} else {
					next = append(next, prefix+"|"+c)
				}
			}
		}
		out = next
	}
	return out
}

// checkPeriod checks a period code against an element's period type.
func checkPeriod(e *mobilite.DataElement, period string) bool {
	p, err := ParsePeriod(period)
	if err != nil || strings.Contains(period, "/") {
		return false
	}
	switch e.PeriodType {
	case "year":
		return len(p.Code) == 4
	case "quarter":
		return len(p.Code) == 6 && p.Code[4] == 'Q'
	case "month":
		return len(p.Code) == 6 && p.Code[4] != 'Q'
	}
	return false
}

// checkOrgUnit checks an organisation unit against an element's level and returns it as stored.
func (s *Service) checkOrgUnit(e *mobilite.DataElement, unit string) (string, bool) {
	unit = strings.TrimSpace(unit)
	switch e.OrgLevel {
	case "country":
		return "TGO", strings.EqualFold(unit, "TGO") || strings.EqualFold(unit, "TG")
	case "region":
		r, ok := s.Ref.Region(strings.ToUpper(unit))
		return r.Code, ok
	case "prefecture":
		r, ok := s.Ref.RegionOfPrefecture(unit)
		if !ok {
			return "", false
		}
		for _, p := range r.Prefectures {
			if strings.EqualFold(p.Name, unit) {
				return p.Name, true
			}
		}
	case "abroad":
		a3, ok := s.Ref.ResolveCountry(unit)
		return a3, ok && a3 != "TGO"
	}
	return "", false
}

// EnterValues saves the values typed for one element, period and organisation unit: category
// → the number as typed ("" leaves a value out). EINVALID with the fields in error (period,
// org_unit, or the category).
func (s *Service) EnterValues(ctx context.Context, actor *mobilite.User, elementID, period, unit string, typed map[string]string) (int, error) {
	if !mayEditPlan(actor) {
		return 0, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	e, err := s.Element(ctx, elementID)
	if err != nil {
		return 0, err
	}
	var p mobilite.Problems
	period = strings.ToUpper(strings.TrimSpace(period))
	if !checkPeriod(e, period) {
		p.Add("period", "aggregate.period.invalid")
	}
	org, ok := s.checkOrgUnit(e, unit)
	if !ok {
		p.Add("org_unit", "aggregate.org_unit.invalid")
	}
	valid := map[string]bool{}
	for _, c := range Categories(e) {
		valid[c] = true
	}
	now := time.Now().UTC()
	var vs []mobilite.DataValue
	for cat, v := range typed {
		v = strings.ReplaceAll(strings.TrimSpace(v), " ", "")
		if v == "" {
			continue
		}
		n, err := strconv.ParseFloat(strings.ReplaceAll(v, ",", "."), 64)
		switch {
		case !valid[cat]:
			p.Add("v_"+cat, "aggregate.category.invalid")
		case err != nil || n < 0 || n > 1e9 || n != float64(int64(n)):
			p.Add("v_"+cat, "aggregate.value.invalid")
		default:
			vs = append(vs, mobilite.DataValue{ElementID: e.ID, Period: period, OrgUnit: org, Category: cat, Value: n, StoredBy: actor.ID, UpdatedAt: now})
		}
	}
	if err := p.Err(); err != nil {
		return 0, err
	}
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.SaveDataValues(ctx, vs); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, actor, "aggregate.values.save", "data_element", 0, nil,
			map[string]any{"element": e.ID, "period": period, "org_unit": org, "values": len(vs)})
	})
	return len(vs), err
}

// RowError is a problem with one line of a data value file.
type RowError struct {
	Row    int
	Column string
	Key    string // catalogue key
}

// MaxValuesFile is the largest file of aggregate values read.
const MaxValuesFile = 10 << 20

// ImportValues reads a data value set as CSV in DHIS2's shape (dataElement, period, orgUnit,
// categoryOptionCombo, value; "," or ";"), checks every line and, when there are no errors or
// when loadValid is set, saves the valid lines in one transaction. It returns the problems and
// how many values were saved.
func (s *Service) ImportValues(ctx context.Context, actor *mobilite.User, r io.Reader, loadValid bool) ([]RowError, int, error) {
	if !mayEditPlan(actor) {
		return nil, 0, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	data, err := io.ReadAll(io.LimitReader(r, MaxValuesFile+1))
	if err != nil {
		return nil, 0, err
	}
	if len(data) > MaxValuesFile {
		return nil, 0, mobilite.Invalid("file", "flows.file.too_large")
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	cr := csv.NewReader(strings.NewReader(text))
	if first, _, _ := strings.Cut(text, "\n"); strings.Count(first, ";") > strings.Count(first, ",") {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	header, err := cr.Read()
	if err != nil {
		return []RowError{{Row: 1, Key: "aggregate.file.empty"}}, 0, nil
	}
	col := map[string]int{}
	for i, h := range header {
		col[strings.ToLower(strings.TrimSpace(h))] = i
	}
	for _, need := range []string{"dataelement", "period", "orgunit", "value"} {
		if _, ok := col[need]; !ok {
			return []RowError{{Row: 1, Column: need, Key: "aggregate.file.column"}}, 0, nil
		}
	}
	elements := map[string]*mobilite.DataElement{}
	list, err := s.Store.FindDataElements(ctx)
	if err != nil {
		return nil, 0, err
	}
	for _, e := range list {
		elements[e.ID] = e
	}
	get := func(rec []string, name string) string {
		if i, ok := col[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var problems []RowError
	var vs []mobilite.DataValue
	now := time.Now().UTC()
	for row := 2; ; row++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			problems = append(problems, RowError{Row: row, Key: "aggregate.file.broken"})
			break
		}
		e := elements[get(rec, "dataelement")]
		if e == nil {
			problems = append(problems, RowError{Row: row, Column: "dataElement", Key: "aggregate.element.unknown"})
			continue
		}
		period := strings.ToUpper(get(rec, "period"))
		org, okOrg := s.checkOrgUnit(e, get(rec, "orgunit"))
		cat := get(rec, "categoryoptioncombo")
		valid := false
		for _, c := range Categories(e) {
			valid = valid || c == cat
		}
		n, nerr := strconv.ParseFloat(strings.ReplaceAll(get(rec, "value"), ",", "."), 64)
		switch {
		case !checkPeriod(e, period):
			problems = append(problems, RowError{Row: row, Column: "period", Key: "aggregate.period.invalid"})
		case !okOrg:
			problems = append(problems, RowError{Row: row, Column: "orgUnit", Key: "aggregate.org_unit.invalid"})
		case !valid:
			problems = append(problems, RowError{Row: row, Column: "categoryOptionCombo", Key: "aggregate.category.invalid"})
		case nerr != nil || n < 0 || n > 1e9 || n != float64(int64(n)):
			problems = append(problems, RowError{Row: row, Column: "value", Key: "aggregate.value.invalid"})
		default:
			vs = append(vs, mobilite.DataValue{ElementID: e.ID, Period: period, OrgUnit: org, Category: cat, Value: n, StoredBy: actor.ID, UpdatedAt: now})
		}
	}
	if len(problems) > 0 && !loadValid {
		return problems, 0, nil
	}
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.SaveDataValues(ctx, vs); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, actor, "aggregate.values.import", "data_element", 0, nil,
			map[string]any{"values": len(vs), "problems": len(problems)})
	})
	if err != nil {
		return nil, 0, err
	}
	return problems, len(vs), nil
}

// countAggregates sums an element's values over a period, grouped by the request's
// dimensions: sex (from the category) and residence (the organisation unit abroad). Values of
// an element with disaggregations count from their fully disaggregated cells only.
func (s *Service) countAggregates(ctx context.Context, m Measure, req Request) (map[string]float64, string, error) {
	var elementID string
	for _, c := range m.Where {
		if c.Field == "element" && len(c.Values) == 1 {
			elementID = c.Values[0]
		}
	}
	e, err := s.Element(ctx, elementID)
	if err != nil {
		return nil, "stats.nodata.aggregates", nil
	}
	prefix := req.Period.Code
	if strings.Contains(prefix, "/") {
		return nil, "", mobilite.Invalid("period", "stats.period.aggregates")
	}
	values, err := s.Store.FindDataValues(ctx, e.ID, prefix)
	if err != nil {
		return nil, "", err
	}
	if len(values) == 0 {
		return nil, "stats.nodata.aggregates", nil
	}
	parts := len(e.Disaggregations)
	out := map[string]float64{}
	for _, v := range values {
		cats := []string{}
		if v.Category != "" {
			cats = strings.Split(v.Category, "|")
		}
		if len(cats) != parts {
			continue
		}
		codes := make([]string, len(req.By))
		for i, b := range req.By {
			switch b {
			case "sex":
				codes[i] = stats.Total
				for _, c := range cats {
					if strings.HasPrefix(c, "SEX_") {
						codes[i] = c
					}
				}
				if codes[i] == stats.Total {
					return nil, "", mobilite.Invalid("by", "stats.by.not_allowed")
				}
			case "residence":
				codes[i] = "CRS_RES_" + v.OrgUnit // (check) ILOSTAT's code list for the country of residence
			default:
				return nil, "", mobilite.Invalid("by", "stats.by.not_allowed")
			}
		}
		for mask := 0; mask < 1<<len(codes); mask++ {
			key := make([]string, len(codes))
			for i := range codes {
				if mask&(1<<i) != 0 {
					key[i] = stats.Total
				} else {
					key[i] = codes[i]
				}
			}
			out[stats.Key(key...)] += v.Value
		}
	}
	return out, "", nil
}
