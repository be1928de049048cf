package stats

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// f01 is LM-F01 for 2024 by sex and destination, with a small cell (women to Ghana: 3).
func f01() *Table {
	t := countTable([]string{SexMale, SexFemale}, []string{"CDS_DES_CIV", "CDS_DES_GHA", "CDS_DES_FRA"},
		[][]int{{530, 120, 61}, {412, 3, 48}})
	t.Dims[1].Labels = map[string]string{"CDS_DES_CIV": "Côte d'Ivoire", "CDS_DES_GHA": "Ghana", "CDS_DES_FRA": "France"}
	return t
}

func TestWriteSDMXGolden(t *testing.T) {
	tab := f01()
	Suppress(tab, 5)
	var b bytes.Buffer
	meta := SDMXMeta{Dataflow: "ILO:DF_MNA_OEMP_SEX_CDS_NB(1.0)", Measure: "MNA_OEMP_NB", UnitMult: 3}
	if err := WriteSDMX(&b, tab, meta); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	// The two lines of INDICATORS.md, verbatim.
	if lines[0] != "DATAFLOW,REF_AREA,FREQ,MEASURE,SEX,CDS,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,UNIT_MULT,SOURCE" {
		t.Errorf("header %q", lines[0])
	}
	example := "ILO:DF_MNA_OEMP_SEX_CDS_NB(1.0),TGO,A,MNA_OEMP_NB,SEX_F,CDS_DES_CIV,2024,0.412,,PS,3,XA"
	want := map[string]bool{
		example: true,
		"ILO:DF_MNA_OEMP_SEX_CDS_NB(1.0),TGO,A,MNA_OEMP_NB,SEX_F,CDS_DES_GHA,2024,,Q,PS,3,XA":       true,
		"ILO:DF_MNA_OEMP_SEX_CDS_NB(1.0),TGO,A,MNA_OEMP_NB,SEX_T,CDS_DES_TOTAL,2024,1.174,,PS,3,XA": true,
	}
	for _, l := range lines[1:] {
		delete(want, l)
		if strings.Contains(l, ",,Q,") && strings.Count(l, ",") != 11 {
			t.Errorf("bad suppressed line %q", l)
		}
	}
	for l := range want {
		t.Errorf("missing line %q", l)
	}
	if len(lines) != 1+3*4 {
		t.Errorf("%d lines, want 13", len(lines))
	}

	// Units by default; SDMX-CSV 2.0.
	b.Reset()
	meta.UnitMult, meta.Version2 = 0, true
	if err := WriteSDMX(&b, tab, meta); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(b.String(), "STRUCTURE,STRUCTURE_ID,ACTION,REF_AREA,FREQ,MEASURE,SEX,CDS,TIME_PERIOD,") {
		t.Errorf("2.0 header: %q", strings.SplitN(b.String(), "\n", 2)[0])
	}
	if !strings.Contains(b.String(), "\ndataflow,ILO:DF_MNA_OEMP_SEX_CDS_NB(1.0),I,TGO,A,MNA_OEMP_NB,SEX_F,CDS_DES_CIV,2024,412,,PS,0,XA\n") {
		t.Errorf("2.0 body:\n%s", b.String())
	}
}

func TestWriteSDMXDimensionsAndErrors(t *testing.T) {
	// A table without sex: SEX_T; a rate in percent; a quarter.
	tab := &Table{Indicator: "LM-F04", Period: "2025Q1", Unit: "percent", Rate: true,
		Dims: []Dim{{ID: "isco", Codes: []string{"OCU_ISCO08_7"}}}}
	c := tab.Cell("OCU_ISCO08_7")
	c.Num, c.Den, c.Value, c.N = 20, 80, 25, 80
	c = tab.Cell(Total)
	c.Num, c.Den, c.Value, c.N = 20, 80, 25, 80
	var b bytes.Buffer
	if err := WriteSDMX(&b, tab, SDMXMeta{Dataflow: "X", Measure: "M"}); err != nil {
		t.Fatal(err)
	}
	want := "DATAFLOW,REF_AREA,FREQ,MEASURE,SEX,OCU,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,UNIT_MULT,SOURCE\n" +
		"X,TGO,Q,MEASURE_PLACEHOLDER"
	want = strings.Replace(want, "MEASURE_PLACEHOLDER", "M,SEX_T,OCU_ISCO08_7,2025-Q1,25,,PT,0,XA", 1)
	if !strings.HasPrefix(b.String(), want) {
		t.Errorf("got\n%s\nwant prefix\n%s", b.String(), want)
	}
	tab.Unit = "bananas" // a unit with no UNIT_MEASURE code
	if err := WriteSDMX(io.Discard, tab, SDMXMeta{Dataflow: "X", Measure: "M"}); err == nil {
		t.Error("a unit without UNIT_MEASURE accepted")
	}
	tab.Unit, tab.Period = "percent", "2025-01-01/2025-06-30"
	if err := WriteSDMX(io.Discard, tab, SDMXMeta{Dataflow: "X", Measure: "M"}); err == nil {
		t.Error("custom range accepted")
	}
	if err := WriteSDMX(io.Discard, tab, SDMXMeta{}); err == nil {
		t.Error("no dataflow accepted")
	}
}

func TestSDMXPeriod(t *testing.T) {
	for _, tc := range []struct{ in, freq, period string }{
		{"2025", "A", "2025"}, {"2025Q1", "Q", "2025-Q1"}, {"2025-Q4", "Q", "2025-Q4"},
		{"202503", "M", "2025-03"}, {"2025-12", "M", "2025-12"},
		{"2025Q5", "", ""}, {"202513", "", ""}, {"25", "", ""}, {"2025-01-01/2025-06-30", "", ""},
	} {
		f, p, err := SDMXPeriod(tc.in)
		if f != tc.freq || p != tc.period || (err != nil) != (tc.freq == "") {
			t.Errorf("SDMXPeriod(%q) = %q, %q, %v", tc.in, f, p, err)
		}
	}
}

func TestWriteCSV(t *testing.T) {
	tab := f01()
	tab.Dims[1].Labels["CDS_DES_FRA"] = "=HYPERLINK(\"http://evil.example\")" // a label from outside
	Suppress(tab, 5)
	for _, lang := range []string{"fr", "en"} {
		var b bytes.Buffer
		if err := WriteCSV(&b, tab, lang); err != nil {
			t.Fatal(err)
		}
		if !bytes.HasPrefix(b.Bytes(), []byte("\xEF\xBB\xBF")) {
			t.Fatal("no BOM")
		}
		r := csv.NewReader(bytes.NewReader(b.Bytes()[3:]))
		if lang == "fr" {
			r.Comma = ';'
		}
		rows, err := r.ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		if len(rows) != 1+12 {
			t.Fatalf("%s: %d rows", lang, len(rows))
		}
		head := strings.Join(rows[0], "|")
		wantHead := map[string]string{
			"fr": "Indicateur|Période|Sexe|Sexe (code)|Pays de destination|Pays de destination (code)|Valeur|Unité|Statut|Règle appliquée",
			"en": "Indicator|Period|Sex|Sex (code)|Country of destination|Country of destination (code)|Value|Unit|Status|Rule applied",
		}[lang]
		if head != wantHead {
			t.Errorf("%s header %q", lang, head)
		}
		byCode := map[string][]string{}
		for _, row := range rows[1:] {
			byCode[row[3]+"|"+row[5]] = row
		}
		gha := byCode["SEX_F|CDS_DES_GHA"]
		if gha[6] != "" || gha[8] != StatusLabel(StatusSuppressed, lang) || gha[4] != "Ghana" {
			t.Errorf("%s: suppressed row %q", lang, gha)
		}
		if !strings.Contains(gha[9], "5") {
			t.Errorf("%s: rule %q", lang, gha[9])
		}
		if fra := byCode["SEX_M|CDS_DES_FRA"]; fra[4] != "'=HYPERLINK(\"http://evil.example\")" {
			t.Errorf("%s: a label that runs as a formula: %q", lang, fra[4])
		}
		tot := byCode["SEX_T|CDS_DES_TOTAL"]
		if tot[6] != "1174" || tot[2] != "Total" {
			t.Errorf("%s: total row %q", lang, tot)
		}
	}
}

func TestWriteXLSX(t *testing.T) {
	tab := f01()
	Suppress(tab, 5)
	var b bytes.Buffer
	if err := WriteXLSX(&b, tab, "fr"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows("Tableau")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 1+12+2 {
		t.Fatalf("%d rows", len(rows))
	}
	if rows[0][6] != "Valeur" || rows[0][8] != "Statut" {
		t.Errorf("header %q", rows[0])
	}
	found := false
	for _, row := range rows[1:13] {
		if row[3] == "SEX_F" && row[5] == "CDS_DES_GHA" {
			found = true
			if row[6] != "" || row[8] != "masqué" {
				t.Errorf("suppressed row %q", row)
			}
		}
		if row[3] == "SEX_F" && row[5] == "CDS_DES_CIV" && row[6] != "412" {
			t.Errorf("value row %q", row)
		}
	}
	if !found {
		t.Error("no F × GHA row")
	}
	if note := rows[len(rows)-1][0]; !strings.HasPrefix(note, "Règle appliquée : petits effectifs (moins de 5)") {
		t.Errorf("note %q", note)
	}
}

func TestJSON(t *testing.T) {
	tab := f01()
	Suppress(tab, 5)
	j := JSON(tab, "en")
	raw, err := json.Marshal(j)
	if err != nil {
		t.Fatal(err)
	}
	s := string(raw)
	for _, want := range []string{
		`"codes":["SEX_F","CDS_DES_GHA"],"value":null,"status":"suppressed"`,
		`"codes":["SEX_F","CDS_DES_CIV"],"value":412`,
		`{"code":"CDS_DES_TOTAL","label":"Total","total":true}`,
		`{"code":"SEX_F","label":"Women"}`,
		`"rule_text":"small cells under 5 suppressed, with complementary suppression"`,
	} {
		if !strings.Contains(s, want) {
			t.Errorf("JSON lacks %s:\n%s", want, s)
		}
	}
	// No suppressed value leaks: 3 appears nowhere as a value.
	if strings.Contains(s, `"value":3,`) || strings.Contains(s, `"value":3}`) {
		t.Error("suppressed value in JSON")
	}
}

func TestBarChart(t *testing.T) {
	tab := f01()
	Suppress(tab, 5)
	for _, lang := range []string{"fr", "en"} {
		for _, tb := range []*Table{tab, oneDim()} {
			svg := string(BarChart(tb, lang, 360))
			d := xml.NewDecoder(strings.NewReader(svg))
			for {
				_, err := d.Token()
				if err == io.EOF {
					break
				}
				if err != nil {
					t.Fatalf("%s: not well-formed XML: %v\n%s", lang, err, svg)
				}
			}
			for _, want := range []string{`role="img"`, "<title id=", "<desc id=", `viewBox="0 0 360 `, "Ghana", "Côte d&#39;Ivoire"} {
				if !strings.Contains(svg, want) {
					t.Errorf("%s: chart lacks %s", lang, want)
				}
			}
			for _, bad := range []string{"<script", " style=", "@import", "http://fonts", "https://"} {
				if strings.Contains(svg, bad) {
					t.Errorf("%s: chart contains %s", lang, bad)
				}
			}
		}
		svg := string(BarChart(tab, lang, 360))
		if !strings.Contains(svg, StatusLabel(StatusSuppressed, lang)) {
			t.Errorf("%s: no suppressed label", lang)
		}
		if !strings.Contains(svg, map[string]string{"fr": "Femmes", "en": "Women"}[lang]) {
			t.Errorf("%s: no legend", lang)
		}
	}
}

func oneDim() *Table {
	tab := countTable([]string{"CDS_DES_CIV", "CDS_DES_GHA"}, nil, [][]int{{1200}, {45}})
	tab.Dims[0].Labels = map[string]string{"CDS_DES_CIV": "Côte d'Ivoire", "CDS_DES_GHA": "Ghana"}
	return tab
}
