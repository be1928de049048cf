package api

import (
	"net/http"
	"strings"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/indicators"
	"mobilite/internal/stats"
	"mobilite/internal/web"
)

// indicatorBody is how the API lists an indicator.
type indicatorBody struct {
	ID          string   `json:"id"`
	Level       string   `json:"level"`
	Source      string   `json:"source"`
	Unit        string   `json:"unit"`
	Name        string   `json:"name"`
	Definition  string   `json:"definition"`
	Numerator   string   `json:"numerator"`
	Denominator string   `json:"denominator,omitempty"`
	Factor      float64  `json:"factor,omitempty"`
	By          []string `json:"disaggregations"`
	ILOSTAT     string   `json:"ilostat,omitempty"`
	SDG         string   `json:"sdg,omitempty"`
}

func showIndicator(i *indicators.Indicator, lang string) indicatorBody {
	return indicatorBody{ID: i.ID, Level: i.Level, Source: i.Source, Unit: i.Unit, Name: i.Name(lang), Definition: i.Definition(lang),
		Numerator: i.Numerator, Denominator: i.Denominator, Factor: i.Factor, By: i.By, ILOSTAT: i.ILOSTAT, SDG: i.SDG}
}

// listIndicators returns the catalogue.
func (a *API) listIndicators(w http.ResponseWriter, r *http.Request) {
	lang := web.LangOf(r)
	out := struct {
		Items []indicatorBody `json:"items"`
	}{Items: []indicatorBody{}}
	all, err := a.indicators.All(r.Context())
	if err != nil {
		a.fail(w, r, err)
		return
	}
	for _, i := range all {
		out.Items = append(out.Items, showIndicator(i, lang))
	}
	writeJSON(w, http.StatusOK, out)
}

// indicatorTable reads ?period=&by=&region= and computes the indicator of the path, suppressed
// unless the caller is a statistician or an admin.
func (a *API) indicatorTable(w http.ResponseWriter, r *http.Request) (*indicators.Indicator, *indicators.Result, bool) {
	ind, err := a.indicators.Find(r.Context(), r.PathValue("id"))
	if err != nil {
		a.fail(w, r, err)
		return nil, nil, false
	}
	q := r.URL.Query()
	period := q.Get("period")
	if period == "" {
		period = defaultPeriod()
	}
	p, err := indicators.ParsePeriod(period)
	if err != nil {
		a.fail(w, r, mobilite.Invalid("period", "stats.period.invalid"))
		return nil, nil, false
	}
	var by []string
	for _, b := range strings.Split(q.Get("by"), ",") {
		if b = strings.TrimSpace(b); b != "" {
			by = append(by, b)
		}
	}
	res, err := a.indicators.Table(r.Context(), indicators.Request{Indicator: ind, Period: p, By: by, Region: q.Get("region")},
		web.LangOf(r), indicators.MaySeeRaw(access.User(r.Context())))
	if err != nil {
		a.fail(w, r, err)
		return nil, nil, false
	}
	return ind, res, true
}

// getIndicator returns one indicator's table as JSON.
func (a *API) getIndicator(w http.ResponseWriter, r *http.Request) {
	ind, res, ok := a.indicatorTable(w, r)
	if !ok {
		return
	}
	lang := web.LangOf(r)
	out := struct {
		Indicator indicatorBody   `json:"indicator"`
		Table     stats.JSONTable `json:"table"`
		NoData    string          `json:"no_data,omitempty"`
	}{Indicator: showIndicator(ind, lang), Table: stats.JSON(res.Table, lang)}
	if res.NoData != "" {
		out.NoData = a.cat.Printer(lang).T(res.NoData)
	}
	writeJSON(w, http.StatusOK, out)
}

// exportIndicator returns one indicator's table as CSV, XLSX or SDMX-CSV.
func (a *API) exportIndicator(w http.ResponseWriter, r *http.Request) {
	format := r.URL.Query().Get("format")
	if format != "csv" && format != "xlsx" && format != "sdmx-csv" {
		a.fail(w, r, mobilite.Invalid("format", "stats.format.invalid"))
		return
	}
	ind, res, ok := a.indicatorTable(w, r)
	if !ok {
		return
	}
	body, ctype, name, err := indicators.Export(ind, res.Table, format, web.LangOf(r))
	if err != nil {
		a.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(body)
}

// defaultPeriod is last year: the latest complete year.
var defaultPeriod = func() string { return indicators.LastYear() }
