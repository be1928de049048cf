package stats

import (
	"cmp"
	"encoding/csv"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"mobilite/internal/sheet"
)

// header returns the column names of the people's exports (CSV and XLSX).
func header(t *Table, lang string) []string {
	h := []string{text(lang, "stats.head.indicator"), text(lang, "stats.head.period")}
	for _, d := range t.Dims {
		name := DimName(d.ID, lang)
		h = append(h, name, text(lang, "stats.head.code", "name", name))
	}
	return append(h, text(lang, "stats.head.value"), text(lang, "stats.head.unit"),
		text(lang, "stats.head.status"), text(lang, "stats.head.rule"))
}

// labelCells returns the label and code columns of a cell's codes.
func labelCells(t *Table, codes []string, lang string) []string {
	out := make([]string, 0, 2*len(codes))
	for i, c := range codes {
		d := t.Dims[i]
		code := c
		if c == Total {
			code = TotalCode(d)
		}
		out = append(out, d.Label(c, lang), code)
	}
	return out
}

// WriteCSV writes the table for people: UTF-8 with a byte-order mark (so that Excel reads the
// accents), one row per cell in display order, totals included, with the columns indicator,
// period, each dimension's label and ILOSTAT code, value, unit, status and the rule applied
// (repeated on every row so that the file stays rectangular for R or Stata). Suppressed cells
// have an empty value and the status "masqué"/"suppressed". lang "fr" (the default) writes what a
// French Excel expects: ";" between fields and a decimal comma; "en" writes "," and a decimal
// point. It returns the writer's error.
func WriteCSV(w io.Writer, t *Table, lang string) error {
	if _, err := io.WriteString(w, "\uFEFF"); err != nil {
		return fmt.Errorf("stats: csv: %w", err)
	}
	cw := csv.NewWriter(w)
	if lang != "en" {
		cw.Comma = ';'
	}
	rule := ruleOrNone(t, lang)
	unit := UnitLabel(t.Unit, lang)
	if err := cw.Write(sheet.Row(header(t, lang))); err != nil {
		return fmt.Errorf("stats: csv: %w", err)
	}
	for _, codes := range t.Order() {
		p := t.publish(codes)
		row := append([]string{t.Indicator, t.Period}, labelCells(t, codes, lang)...)
		v := ""
		if p.ok {
			v = t.formatValue(p.value, lang)
		}
		row = append(row, v, unit, StatusLabel(p.status, lang), rule)
		// Labels may come from outside (organisations' names in feeds).
		if err := cw.Write(sheet.Row(row)); err != nil {
			return fmt.Errorf("stats: csv: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("stats: csv: %w", err)
	}
	return nil
}

// WriteXLSX writes the table as an Excel workbook of one sheet: a header row, one row per cell
// as in WriteCSV (values as numbers, suppressed cells empty with their status), then, after an
// empty row, a note row with the rule applied. It returns the writer's or excelize's error.
func WriteXLSX(w io.Writer, t *Table, lang string) error {
	f := excelize.NewFile()
	defer f.Close()
	sheet := text(lang, "stats.export.sheet")
	if err := f.SetSheetName(f.GetSheetName(0), sheet); err != nil {
		return fmt.Errorf("stats: xlsx: %w", err)
	}
	head := header(t, lang)
	head = head[:len(head)-1] // the rule goes in the note row
	if err := setRow(f, sheet, 1, head); err != nil {
		return err
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return fmt.Errorf("stats: xlsx: %w", err)
	}
	last, _ := excelize.CoordinatesToCellName(len(head), 1)
	if err := f.SetCellStyle(sheet, "A1", last, bold); err != nil {
		return fmt.Errorf("stats: xlsx: %w", err)
	}
	unit := UnitLabel(t.Unit, lang)
	row := 2
	for _, codes := range t.Order() {
		p := t.publish(codes)
		cells := []any{t.Indicator, t.Period}
		for _, s := range labelCells(t, codes, lang) {
			cells = append(cells, s)
		}
		var v any = ""
		if p.ok {
			v = p.value
			if t.Rate {
				v = math.Round(p.value*10) / 10
			}
		}
		cells = append(cells, v, unit, StatusLabel(p.status, lang))
		if err := setRow(f, sheet, row, cells); err != nil {
			return err
		}
		row++
	}
	note := text(lang, "stats.export.note", "rule", ruleOrNone(t, lang))
	if err := setRow(f, sheet, row+1, []any{note}); err != nil {
		return err
	}
	for i := range head {
		col, _ := excelize.ColumnNumberToName(i + 1)
		width := 14.0
		if i >= 2 && i < 2+2*len(t.Dims) && i%2 == 0 {
			width = 32
		}
		if err := f.SetColWidth(sheet, col, col, width); err != nil {
			return fmt.Errorf("stats: xlsx: %w", err)
		}
	}
	if err := f.SetPanes(sheet, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return fmt.Errorf("stats: xlsx: %w", err)
	}
	if _, err := f.WriteTo(w); err != nil {
		return fmt.Errorf("stats: xlsx: %w", err)
	}
	return nil
}

func setRow[T any](f *excelize.File, sheet string, row int, cells []T) error {
	vals := make([]any, len(cells))
	for i, c := range cells {
		vals[i] = c
	}
	cell, _ := excelize.CoordinatesToCellName(1, row)
	if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
		return fmt.Errorf("stats: xlsx: row %d: %w", row, err)
	}
	return nil
}

// SDMXMeta is what an SDMX-CSV export needs beyond the table.
type SDMXMeta struct {
	Dataflow    string            // the flow with its agency and version: ILO:DF_MNA_OEMP_SEX_CDS_NB(1.0); required
	Measure     string            // MNA_OEMP_NB; required
	RefArea     string            // ISO alpha-3 of the reporting country; "" means TGO
	Source      string            // SOURCE column (see SourceCode); "" means XA, the register
	UnitMeasure string            // "" means from Table.Unit: persons → PS, percent → PT
	UnitMult    int               // power of ten the values are expressed in: 0 units (the default), 3 thousands
	Version2    bool              // SDMX-CSV 2.0: STRUCTURE,STRUCTURE_ID,ACTION instead of DATAFLOW
	Columns     map[string]string // Dim.ID → column name, overriding the default (see WriteSDMX)
}

// unitMeasures maps Table.Unit to SDMX UNIT_MEASURE codes: PS (persons) as in INDICATORS.md's
// example; PT (percentage) as in the SDMX global unit code list used by ILOSTAT (check); NB
// (number) for counts of other things — complaints, licences, offers, events — and RT for a
// ratio, after ILOSTAT's _NB and _RT measures (check).
var unitMeasures = map[string]string{"persons": "PS", "percent": "PT", "count": "NB", "events": "NB", "offers": "NB", "ratio": "RT"}

// sdmxColumns maps the classification of a dimension's codes (the part before the first "_")
// and, failing that, its Dim.ID to ILOSTAT's column names.
var sdmxColumns = map[string]string{
	"SEX": "SEX", "AGE": "AGE", "EDU": "EDU", "OCU": "OCU", "OC2": "OCU", "ECO": "ECO",
	"CDS": "CDS", "CPR": "CPR", "STE": "STE",
	"sex": "SEX", "age": "AGE", "isced": "EDU", "isco": "OCU", "isco2": "OCU", "isic": "ECO",
	"destination": "CDS", "previous_country": "CPR",
}

func sdmxColumn(d Dim, meta SDMXMeta) string {
	if c := meta.Columns[d.ID]; c != "" {
		return c
	}
	if len(d.Codes) > 0 {
		prefix, _, _ := strings.Cut(d.Codes[0], "_")
		if c, ok := sdmxColumns[prefix]; ok {
			return c
		}
	}
	if c, ok := sdmxColumns[d.ID]; ok {
		return c
	}
	return strings.ToUpper(d.ID)
}

// SDMXPeriod converts a platform period to SDMX FREQ and TIME_PERIOD: "2025" → A, 2025;
// "2025Q1" → Q, 2025-Q1; "202503" → M, 2025-03 (the SDMX spellings are accepted too). A custom
// range has no ILOSTAT frequency and gives an error.
func SDMXPeriod(p string) (freq, period string, err error) {
	p = strings.TrimSpace(p)
	year := func(s string) bool { return len(s) == 4 && allDigits(s) }
	switch {
	case year(p):
		return "A", p, nil
	case len(p) == 6 && year(p[:4]) && p[4] == 'Q' && p[5] >= '1' && p[5] <= '4':
		return "Q", p[:4] + "-" + p[4:], nil
	case len(p) == 7 && year(p[:4]) && p[4:6] == "-Q" && p[6] >= '1' && p[6] <= '4':
		return "Q", p, nil
	case len(p) == 6 && allDigits(p) && p[4:] >= "01" && p[4:] <= "12":
		return "M", p[:4] + "-" + p[4:], nil
	case len(p) == 7 && year(p[:4]) && p[4] == '-' && allDigits(p[5:]) && p[5:] >= "01" && p[5:] <= "12":
		return "M", p, nil
	}
	return "", "", fmt.Errorf("stats: sdmx: period %q is not a year, quarter or month", p)
}

// WriteSDMX writes the table in the ILO's SDMX-CSV shape, one row per observation, as in
// INDICATORS.md:
//
//	DATAFLOW,REF_AREA,FREQ,MEASURE,SEX,CDS,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,UNIT_MULT,SOURCE
//	ILO:DF_MNA_OEMP_SEX_CDS_NB(1.0),TGO,A,MNA_OEMP_NB,SEX_F,CDS_DES_CIV,2024,0.412,,PS,3,XA
//
// SEX comes first (SEX_T when the table has no sex dimension), then the other dimensions in the
// table's order, named by the classification of their codes (CDS_DES_… → CDS, CPR_PRV_… → CPR,
// OCU_ISCO08_… and OC2_ISCO08_… → OCU, ECO_ISIC4_… → ECO, EDU_… → EDU, AGE_… → AGE), else by
// SDMXMeta.Columns or the upper-cased Dim.ID. Totals carry ILOSTAT's total codes (SEX_T,
// CDS_DES_TOTAL…; see TotalCode). Values are divided by 10^UnitMult. A suppressed cell has an
// empty OBS_VALUE and OBS_STATUS Q; a survey estimate flagged low_n has OBS_STATUS U
// (unreliable); cells without data are left out, as SDMX does for missing observations. With
// Version2 the DATAFLOW column becomes STRUCTURE,STRUCTURE_ID,ACTION (dataflow, the flow, I).
// It returns an error for a missing Dataflow or Measure, an unknown unit or a period that is not a
// year, quarter or month, and the writer's error.
func WriteSDMX(w io.Writer, t *Table, meta SDMXMeta) error {
	if meta.Dataflow == "" || meta.Measure == "" {
		return fmt.Errorf("stats: sdmx: dataflow and measure are required")
	}
	freq, period, err := SDMXPeriod(t.Period)
	if err != nil {
		return err
	}
	unit := meta.UnitMeasure
	if unit == "" {
		if unit = unitMeasures[t.Unit]; unit == "" {
			return fmt.Errorf("stats: sdmx: no UNIT_MEASURE for unit %q: set SDMXMeta.UnitMeasure", t.Unit)
		}
	}
	area := cmp.Or(meta.RefArea, "TGO")
	source := cmp.Or(meta.Source, "XA")

	sex := -1
	var others []int
	for i, d := range t.Dims {
		if sex < 0 && sdmxColumn(d, meta) == "SEX" {
			sex = i
		} else {
			others = append(others, i)
		}
	}
	head := []string{"DATAFLOW"}
	if meta.Version2 {
		head = []string{"STRUCTURE", "STRUCTURE_ID", "ACTION"}
	}
	head = append(head, "REF_AREA", "FREQ", "MEASURE", "SEX")
	for _, i := range others {
		head = append(head, sdmxColumn(t.Dims[i], meta))
	}
	head = append(head, "TIME_PERIOD", "OBS_VALUE", "OBS_STATUS", "UNIT_MEASURE", "UNIT_MULT", "SOURCE")

	cw := csv.NewWriter(w)
	if err := cw.Write(head); err != nil {
		return fmt.Errorf("stats: sdmx: %w", err)
	}
	code := func(codes []string, i int) string {
		if codes[i] == Total {
			return TotalCode(t.Dims[i])
		}
		return codes[i]
	}
	scale := math.Pow10(meta.UnitMult)
	mult := strconv.Itoa(meta.UnitMult)
	for _, codes := range t.Order() {
		p := t.publish(codes)
		if !p.ok && p.status != StatusSuppressed {
			continue
		}
		row := []string{meta.Dataflow}
		if meta.Version2 {
			row = []string{"dataflow", meta.Dataflow, "I"}
		}
		sexCode := SexTotal
		if sex >= 0 {
			sexCode = code(codes, sex)
		}
		row = append(row, area, freq, meta.Measure, sexCode)
		for _, i := range others {
			row = append(row, code(codes, i))
		}
		value, status := "", ""
		switch {
		case !p.ok:
			status = "Q"
		default:
			value = formatSDMX(p.value / scale)
			if p.status == StatusLowN {
				status = "U"
			}
		}
		row = append(row, period, value, status, unit, mult, source)
		if err := cw.Write(row); err != nil {
			return fmt.Errorf("stats: sdmx: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("stats: sdmx: %w", err)
	}
	return nil
}

// formatSDMX writes a number with a decimal point and no more digits than it has, rounding away
// the noise of binary fractions (412/1000 → 0.412).
func formatSDMX(v float64) string {
	r := math.Round(v*1e9) / 1e9
	if r == 0 {
		r = 0 // no "-0"
	}
	return strconv.FormatFloat(r, 'f', -1, 64)
}

// JSONTable is a table as the API sends it.
type JSONTable struct {
	Indicator string     `json:"indicator"`
	Period    string     `json:"period"`
	Unit      string     `json:"unit"`
	Rate      bool       `json:"rate"`
	Rule      string     `json:"rule"`      // as in Table.Rule, "" when nothing was suppressed
	RuleText  string     `json:"rule_text"` // the rule in the asked language
	Dims      []JSONDim  `json:"dims"`
	Cells     []JSONCell `json:"cells"`
}

// JSONDim is a dimension with its categories, the total last.
type JSONDim struct {
	ID         string         `json:"id"`
	Name       string         `json:"name"`
	Categories []JSONCategory `json:"categories"`
}

// JSONCategory is one category of a dimension, by ILOSTAT code.
type JSONCategory struct {
	Code  string `json:"code"`
	Label string `json:"label"`
	Total bool   `json:"total,omitempty"`
}

// JSONCell is one cell: its codes (one per dimension, ILOSTAT total codes for totals), its value
// (null when suppressed or without data) and its status ("", suppressed, no_data, low_n).
type JSONCell struct {
	Codes  []string `json:"codes"`
	Value  *float64 `json:"value"`
	Status string   `json:"status,omitempty"`
}

// JSON returns the table as the API sends it, labels in French ("fr", the default) or English
// ("en"), cells in display order. Suppressed values are left out: only null reaches the client.
func JSON(t *Table, lang string) JSONTable {
	out := JSONTable{
		Indicator: t.Indicator, Period: t.Period, Unit: t.Unit, Rate: t.Rate,
		Rule: t.Rule, RuleText: RuleText(t.Rule, lang),
		Dims: make([]JSONDim, 0, len(t.Dims)), Cells: []JSONCell{},
	}
	for _, d := range t.Dims {
		jd := JSONDim{ID: d.ID, Name: DimName(d.ID, lang)}
		for _, c := range d.Codes {
			jd.Categories = append(jd.Categories, JSONCategory{Code: c, Label: d.Label(c, lang)})
		}
		jd.Categories = append(jd.Categories, JSONCategory{Code: TotalCode(d), Label: d.Label(Total, lang), Total: true})
		out.Dims = append(out.Dims, jd)
	}
	for _, codes := range t.Order() {
		p := t.publish(codes)
		jc := JSONCell{Codes: make([]string, len(codes)), Status: p.status}
		for i, c := range codes {
			jc.Codes[i] = c
			if c == Total {
				jc.Codes[i] = TotalCode(t.Dims[i])
			}
		}
		if p.ok {
			v := p.value
			jc.Value = &v
		}
		out.Cells = append(out.Cells, jc)
	}
	return out
}
