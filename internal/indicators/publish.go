package indicators

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/ref"
	"mobilite/internal/stats"
)

// MaySeeRaw reports whether u sees tables before small-cell suppression: statisticians and
// admins, logged in. Everyone else, and every public page, gets suppressed tables.
func MaySeeRaw(u *mobilite.User) bool {
	return u != nil && (u.Role == mobilite.RoleStatistician || u.Role == mobilite.RoleAdmin)
}

// Find returns an indicator by id: of the catalogue or added by a statistician. ENOTFOUND.
func (s *Service) Find(ctx context.Context, id string) (*Indicator, error) {
	all, err := s.All(ctx)
	if err != nil {
		return nil, err
	}
	for _, i := range all {
		if strings.EqualFold(i.ID, id) {
			return i, nil
		}
	}
	return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "indicators: no %q", id)
}

// All returns the catalogue followed by the indicators statisticians added.
func (s *Service) All(ctx context.Context) ([]*Indicator, error) {
	list := s.catalogue
	if list == nil {
		list = Catalogue()
	}
	list = append([]*Indicator{}, list...)
	custom, err := s.Store.FindIndicators(ctx)
	if err != nil {
		return nil, err
	}
	for _, c := range custom {
		var ind Indicator
		if err := json.Unmarshal([]byte(c.Definition), &ind); err != nil {
			return nil, fmt.Errorf("indicators: %s: %w", c.ID, err)
		}
		ind.Builtin = false
		list = append(list, &ind)
	}
	return list, nil
}

// New returns the service with the catalogue loaded.
func New(st mobilite.Store, r *ref.Ref) *Service {
	return &Service{Store: st, Ref: r, catalogue: Catalogue()}
}

// Table computes an indicator for publication: suppressed unless raw (see MaySeeRaw), with the
// threshold of the service (stats.DefaultThreshold when unset).
func (s *Service) Table(ctx context.Context, req Request, lang string, raw bool) (*Result, error) {
	out, err := s.Tables(ctx, []Request{req}, lang, raw)
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// Tables computes several indicators for publication (see Table), together (see ComputeAll).
func (s *Service) Tables(ctx context.Context, reqs []Request, lang string, raw bool) ([]*Result, error) {
	out, err := s.ComputeAll(ctx, reqs, lang)
	if err != nil {
		return nil, err
	}
	for _, res := range out {
		if !raw && res.NoData == "" {
			stats.Suppress(res.Table, s.Threshold)
		}
	}
	return out, nil
}

// SDMX returns the SDMX-CSV description of an indicator's table: ILOSTAT's dataflow when the
// indicator has one (MNA_OEMP by sex and destination is ILO:DF_MNA_OEMP_SEX_CDS_NB(1.0)), else
// a dataflow of the agency named after the indicator.
func SDMX(ind *Indicator, t *stats.Table) stats.SDMXMeta {
	meta := stats.SDMXMeta{Source: "XA"}
	switch ind.Source {
	case "S":
		meta.Source = "BA"
	case "E":
		meta.Source = "FX"
	}
	if base, ok := strings.CutSuffix(ind.Measure, "_NB"); ok {
		cols := []string{"SEX"}
		for _, d := range t.Dims {
			if c := sdmxDim[d.ID]; c != "" && c != "SEX" {
				cols = append(cols, c)
			}
		}
		meta.Dataflow = "ILO:DF_" + base + "_" + strings.Join(cols, "_") + "_NB(1.0)"
		meta.Measure = ind.Measure
		return meta
	}
	id := strings.ReplaceAll(ind.ID, "-", "_")
	meta.Dataflow = "TGO_ANPE:DF_" + id + "(1.0)"
	meta.Measure = id
	return meta
}

// sdmxDim names the SDMX column of each disaggregation.
var sdmxDim = map[string]string{"sex": "SEX", "age": "AGE", "destination": "CDS", "previous_country": "CPR", "residence": "CRS",
	"isco": "OCU", "isic": "ECO", "isced": "EDU"}

// LastYear is the latest complete year, the default period of the pages.
func LastYear() string { return strconv.Itoa(time.Now().Year() - 1) }

// Export writes a table as csv, xlsx or sdmx-csv and returns the bytes, the content type and a
// file name. An SDMX export needs a year, a quarter or a month (EINVALID on the period).
func Export(ind *Indicator, t *stats.Table, format, lang string) ([]byte, string, string, error) {
	var buf bytes.Buffer
	name := ind.ID + "-" + strings.ReplaceAll(t.Period, "/", "_")
	for _, d := range t.Dims {
		name += "-" + d.ID
	}
	switch format {
	case "csv":
		err := stats.WriteCSV(&buf, t, lang)
		return buf.Bytes(), "text/csv; charset=utf-8", name + ".csv", err
	case "xlsx":
		err := stats.WriteXLSX(&buf, t, lang)
		return buf.Bytes(), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", name + ".xlsx", err
	default:
		if _, _, err := stats.SDMXPeriod(t.Period); err != nil {
			return nil, "", "", mobilite.Invalid("period", "stats.sdmx.period")
		}
		err := stats.WriteSDMX(&buf, t, SDMX(ind, t))
		return buf.Bytes(), "text/csv; charset=utf-8", name + ".sdmx.csv", err
	}
}
