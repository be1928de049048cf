package web

import (
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/indicators"
	"mobilite/internal/stats"
)

// statsLevels orders the catalogue on the public page.
var statsLevels = []string{"impact", "outcome", "output", "context"}

// statsIndex is the public statistics page: the catalogue by level, each with its latest value.
func (s *Server) statsIndex(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "stats.title")
	d.Nav = "stats"
	year := indicators.LastYear()
	raw := indicators.MaySeeRaw(access.User(r.Context()))
	type item struct {
		Ind    *indicators.Indicator
		Name   string
		Value  string
		NoData bool
	}
	groups := map[string][]item{}
	all, err := s.indicators.All(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, _ := indicators.ParsePeriod(year)
	reqs := make([]indicators.Request, len(all))
	for i, ind := range all {
		reqs[i] = indicators.Request{Indicator: ind, Period: p}
	}
	results, err := s.indicators.Tables(r.Context(), reqs, d.Lang, raw)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	for i, ind := range all {
		it := item{Ind: ind, Name: ind.Name(d.Lang)}
		res := results[i]
		c := res.Table.Cells[""]
		switch {
		case res.NoData != "" || c == nil || c.NoData:
			it.NoData = true
		case c.Suppressed:
			it.Value = d.p.T("stats.suppressed")
		default:
			it.Value = formatValue(d.Lang, c.Value, ind.Unit)
		}
		groups[ind.Level] = append(groups[ind.Level], it)
	}
	type level struct {
		Level string
		Items []item
	}
	var levels []level
	for _, l := range statsLevels {
		if len(groups[l]) > 0 {
			levels = append(levels, level{Level: l, Items: groups[l]})
		}
	}
	d.Data = map[string]any{"Year": year, "Levels": levels, "Raw": raw}
	s.render(w, r, "stats", d)
}

// formatValue writes a value for a reader: thousands grouped, one decimal for rates.
func formatValue(lang string, v float64, unit string) string {
	var out string
	switch unit {
	case "percent", "ratio":
		out = strconv.FormatFloat(v, 'f', 1, 64)
		if lang == "fr" {
			out = strings.Replace(out, ".", ",", 1)
		}
		if unit == "percent" {
			if lang == "fr" {
				return out + "\u00a0%"
			}
			return out + "%"
		}
		return out
	}
	n := strconv.FormatFloat(v, 'f', 0, 64)
	sep := ","
	if lang == "fr" {
		sep = "\u202f"
	}
	for i := len(n) - 3; i > 0 && n[i-1] != '-'; i -= 3 {
		n = n[:i] + sep + n[i:]
	}
	return n
}

// statsQuery reads the period, disaggregations and region of an indicator's page.
func (s *Server) statsQuery(r *http.Request, ind *indicators.Indicator) (indicators.Request, url.Values, error) {
	q := r.URL.Query()
	form := url.Values{}
	period := strings.TrimSpace(q.Get("period"))
	if period == "" {
		period = indicators.LastYear()
	}
	form.Set("period", period)
	req := indicators.Request{Indicator: ind}
	p, err := indicators.ParsePeriod(period)
	if err != nil {
		return req, form, mobilite.Invalid("period", "stats.period.invalid")
	}
	req.Period = p
	for _, k := range []string{"by", "by2"} {
		v := strings.TrimSpace(q.Get(k))
		form.Set(k, v)
		if v != "" {
			req.By = append(req.By, v)
		}
	}
	req.Region = strings.TrimSpace(q.Get("region"))
	form.Set("region", req.Region)
	return req, form, nil
}

// statsIndicator shows one indicator: its definition, a table by up to two disaggregations
// with small cells suppressed (statisticians see every value), a chart and the exports.
func (s *Server) statsIndicator(w http.ResponseWriter, r *http.Request) {
	ind, err := s.indicators.Find(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "stats.title")
	d.Nav = "stats"
	d.Title = ind.ID + " · " + ind.Name(d.Lang)
	req, form, err := s.statsQuery(r, ind)
	d.Form = form
	raw := indicators.MaySeeRaw(access.User(r.Context()))
	byRegion := strings.HasPrefix(ind.Numerator, "departures") || strings.HasPrefix(ind.Numerator, "returns") ||
		strings.HasPrefix(ind.Numerator, "seekers")
	data := map[string]any{"Ind": ind, "Name": ind.Name(d.Lang), "Definition": ind.Definition(d.Lang), "Raw": raw, "ByRegion": byRegion,
		"Regions": s.ref.Regions(), "Dims": ind.By, "Years": recentYears()}
	d.Data = data
	var res *indicators.Result
	if err == nil {
		res, err = s.indicators.Table(r.Context(), req, d.Lang, raw)
	}
	if err != nil {
		if mobilite.ErrorCode(err) != mobilite.EINVALID {
			s.fail(w, r, err)
			return
		}
		d.Status = http.StatusUnprocessableEntity
		d.setErr(err)
		s.render(w, r, "indicator", d)
		return
	}
	t := res.Table
	t.Title = ind.Name(d.Lang)
	if res.NoData != "" {
		data["NoData"] = d.p.T(res.NoData)
	} else if c := t.Cell(slices.Repeat([]string{stats.Total}, len(t.Dims))...); c.NoData {
		data["NoData"] = d.p.T("stats.nodata.zero") // a rate over nobody
	}
	data["Table"] = s.tableView(t, d.Lang, raw)
	if res.NoData == "" && len(t.Dims) > 0 {
		data["Chart"] = stats.BarChart(t, d.Lang, 400)
	}
	data["Rule"] = stats.RuleText(t.Rule, d.Lang)
	exports := url.Values{"period": {req.Period.Code}, "by": {strings.Join(req.By, ",")}}
	if req.Region != "" {
		exports.Set("region", req.Region)
	}
	data["ExportQuery"] = exports.Encode()
	s.render(w, r, "indicator", d)
}

// tableView lays a table out for a page: rows of the first dimension, columns of the second.
type tableView struct {
	Corner string
	Cols   []string
	Rows   []tableRow
}

type tableRow struct {
	Label string
	Total bool
	Cells []tableCell
}

type tableCell struct {
	Text       string
	Suppressed bool
	Primary    bool
	NoData     bool
}

func (s *Server) tableView(t *stats.Table, lang string, raw bool) tableView {
	var v tableView
	cell := func(codes ...string) tableCell {
		c := t.Cells[stats.Key(codes...)]
		switch {
		case c == nil || c.NoData:
			return tableCell{Text: "—", NoData: true}
		case c.Suppressed && !raw:
			return tableCell{Text: "×", Suppressed: true}
		}
		text := formatValue(lang, c.Value, t.Unit)
		if c.Flag != "" {
			text += " *" // a survey estimate on few records: the rule under the table says so
		}
		return tableCell{Text: text, Suppressed: c.Suppressed, Primary: c.Primary}
	}
	p := s.cat.Printer(lang)
	switch len(t.Dims) {
	case 0:
		v.Cols = []string{p.T("stats.value")}
		v.Rows = []tableRow{{Label: p.T("stats.total"), Total: true, Cells: []tableCell{cell()}}}
	case 1:
		v.Corner = stats.DimName(t.Dims[0].ID, lang)
		v.Cols = []string{p.T("stats.value")}
		for _, c := range append(append([]string{}, t.Dims[0].Codes...), stats.Total) {
			v.Rows = append(v.Rows, tableRow{Label: t.Dims[0].Label(c, lang), Total: c == stats.Total, Cells: []tableCell{cell(c)}})
		}
	default:
		v.Corner = stats.DimName(t.Dims[0].ID, lang) + " \\ " + stats.DimName(t.Dims[1].ID, lang)
		cols := append(append([]string{}, t.Dims[1].Codes...), stats.Total)
		for _, c := range cols {
			v.Cols = append(v.Cols, t.Dims[1].Label(c, lang))
		}
		for _, a := range append(append([]string{}, t.Dims[0].Codes...), stats.Total) {
			row := tableRow{Label: t.Dims[0].Label(a, lang), Total: a == stats.Total}
			for _, b := range cols {
				row.Cells = append(row.Cells, cell(a, b))
			}
			v.Rows = append(v.Rows, row)
		}
	}
	return v
}

// recentYears offers the last five years in the period picker.
func recentYears() []string {
	y := time.Now().Year()
	var out []string
	for i := 0; i < 5; i++ {
		out = append(out, strconv.Itoa(y-i))
	}
	return out
}

// statsExport answers an indicator's table as CSV, XLSX or SDMX-CSV.
func (s *Server) statsExport(w http.ResponseWriter, r *http.Request) {
	ind, err := s.indicators.Find(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	q := r.URL.Query()
	// The export link carries "by" as a list; the page's form as by and by2.
	if b := q.Get("by"); strings.Contains(b, ",") {
		first, second, _ := strings.Cut(b, ",")
		q.Set("by", first)
		q.Set("by2", second)
		r.URL.RawQuery = q.Encode()
	}
	req, _, err := s.statsQuery(r, ind)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	format := q.Get("format")
	if format != "csv" && format != "xlsx" && format != "sdmx-csv" {
		s.fail(w, r, mobilite.Invalid("format", "stats.format.invalid"))
		return
	}
	lang := langOf(r)
	res, err := s.indicators.Table(r.Context(), req, lang, indicators.MaySeeRaw(access.User(r.Context())))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res.Table.Title = ind.Name(lang)
	body, ctype, name, err := indicators.Export(ind, res.Table, format, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", ctype)
	w.Header().Set("Content-Disposition", `attachment; filename="`+name+`"`)
	_, _ = w.Write(body)
}

// indicatorForm lets a statistician define an indicator over the registers.
func (s *Server) indicatorForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "indicator.new")
	d.Nav = "stats"
	d.Form.Set("level", "output")
	d.Form.Set("unit", "persons")
	d.Data = indicatorFormData()
	s.render(w, r, "indicator_new", d)
}

func indicatorFormData() map[string]any {
	return map[string]any{"Levels": indicators.Levels, "Units": indicators.Units, "Dims": indicators.Dimensions()}
}

func (s *Server) indicatorCreate(w http.ResponseWriter, r *http.Request) {
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	ind := &indicators.Indicator{ID: form.Get("id"), Level: form.Get("level"), Unit: form.Get("unit"),
		NameFR: strings.TrimSpace(form.Get("name_fr")), NameEN: strings.TrimSpace(form.Get("name_en")),
		DefinitionFR: strings.TrimSpace(form.Get("definition_fr")), DefinitionEN: strings.TrimSpace(form.Get("definition_en")),
		Numerator: strings.TrimSpace(form.Get("numerator")), Denominator: strings.TrimSpace(form.Get("denominator")), By: form["by"]}
	if err := s.indicators.Add(r.Context(), access.User(r.Context()), ind); err != nil {
		if d := s.formError(w, r, "indicator.new", "stats", form, err); d != nil {
			d.Data = indicatorFormData()
			s.render(w, r, "indicator_new", d)
		}
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/statistiques/"+ind.ID)
}
