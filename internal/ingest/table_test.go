package ingest

import (
	"archive/zip"
	"bytes"
	"flag"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"
)

var update = flag.Bool("update", false, "rewrite the generated fixture testdata/table/offres.xlsx")

func TestParseTable(t *testing.T) {
	tests := []struct {
		name, kind, path string
		lines            []int
		want             map[int]fields
		problems         []RowError
	}{
		{
			name: "utf-8 with BOM, commas", kind: KindCSV, path: "testdata/table/offres_utf8.csv",
			lines: []int{2, 4, 5, 6}, // line 3 is the second line of a quoted description
			want: map[int]fields{
				0: {"ExternalID": "ANPE-2026-0101", "Title": "Ingénieur en génie civil (H/F)",
					"Organization": "Bâtiments et Routes du Québec", "Country": "Canada", "City": "Montréal",
					"Description":  "Suivi de chantiers routiers, ouvrages d'art.\n5 ans d'expérience.",
					"ContractType": "CDD 24 mois", "Deadline": "2026-09-30T00:00:00Z",
					"ApplyURL": "https://emplois.example.org/offres/0101", "Language": "fr", "ISCO08": "2142"},
				1: {"Deadline": "2026-10-15T00:00:00Z", "ApplyURL": "mailto:recrutement@tilleuls.example.fr"},
				2: {"Title": `Conducteur de bus "grandes lignes"`, "Deadline": "2026-08-31T17:00:00+01:00", "Country": "PT"},
				3: {"ExternalID": "", "Deadline": "", "Language": "es"},
			},
			problems: []RowError{{Line: 1, Field: "Remarque", Key: RowUnknownColumn, Value: "Remarque"}},
		},
		{
			name: "windows-1252, semicolons", kind: KindCSV, path: "testdata/table/offres_cp1252_semicolon.csv",
			lines: []int{2, 3, 4, 6},
			want: map[int]fields{
				0: {"Title": "Ingénieur électricien", "Organization": "Énergie Côtière SARL", "Country": "Côte d’Ivoire",
					"Description": "Maintenance des postes HT ; 3 ans d’expérience, prime de 500 €.",
					"Deadline":    "2026-12-31T00:00:00Z", "ISCO08": "2151"},
				1: {"Organization": "Hôtel Bœuf à la mode", "City": "Saint-Étienne"},
				3: {"Title": "Mécanicien poids lourds", "City": "Liège"},
			},
			problems: []RowError{{Line: 5, Key: RowEncoding}},
		},
		{
			name: "bad rows", kind: KindCSV, path: "testdata/table/offres_errors.csv",
			lines: []int{2, 13},
			want:  map[int]fields{0: {"Title": "Infirmier de nuit"}, 1: {"Title": "Menuisier"}},
			problems: []RowError{
				{Line: 3, Field: "title", Key: RowTitleRequired},
				{Line: 4, Field: "organization", Key: RowOrganizationRequired},
				{Line: 5, Field: "country", Key: RowCountryRequired},
				{Line: 6, Field: "deadline", Key: RowDeadlineInvalid, Value: "31/02/2026"},
				{Line: 7, Field: "deadline", Key: RowDeadlineInvalid, Value: "demain"},
				{Line: 7, Field: "apply_url", Key: RowURLInvalid, Value: "www.bati-ouest.example.fr/postuler"},
				{Line: 8, Key: RowColumns, Value: "7/6"},
				{Line: 9, Key: RowColumns, Value: "2/6"},
				{Line: 10, Field: "description", Key: RowTooLong, Value: strings.Repeat("x", 100)},
				{Line: 14, Field: "title", Key: RowTitleTooLong, Value: strings.Repeat("Technicien ", 10)[:100]},
				{Line: 15, Field: "apply_url", Key: RowURLInvalid, Value: "https://bati-ouest.example.fr/<jobs>"},
				{Line: 16, Field: "apply_url", Key: RowURLInvalid, Value: "https://bati-ouest.example.fr/&lt;jobs&gt;"},
			},
		},
		{
			name: "xlsx", kind: KindXLSX, path: "testdata/table/offres.xlsx",
			lines: []int{2, 3, 6},
			want: map[int]fields{
				0: {"Title": "Infirmier en soins généraux", "Organization": "Klinikum Beispielstadt", "Country": "DE",
					"City": "Leipzig", "Deadline": "2026-09-30T00:00:00Z", "ISCO08": "2221", "ExternalID": "1001"},
				1: {"Title": "Ouvrier agricole saisonnier", "Deadline": "2026-10-15T00:00:00Z", "Country": "Espagne"},
				2: {"Title": "Soudeur TIG", "Deadline": "2026-11-02T17:30:00Z", "ApplyURL": "https://jobs.example.pl/spawacz"},
			},
			problems: []RowError{
				{Line: 1, Field: "Notes internes", Key: RowUnknownColumn, Value: "Notes internes"},
				{Line: 4, Field: "country", Key: RowCountryRequired},
				{Line: 7, Field: "deadline", Key: RowDeadlineInvalid, Value: "fin juin"},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, lines, problems, err := ParseTable(tt.kind, readFixture(t, tt.path))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(lines, tt.lines) {
				t.Errorf("lines = %v, want %v", lines, tt.lines)
			}
			checkItems(t, items, len(tt.lines), tt.want)
			if len(problems) != len(tt.problems) {
				t.Errorf("got %d problems, want %d: %+v", len(problems), len(tt.problems), problems)
			}
			for i := range min(len(problems), len(tt.problems)) {
				got, want := problems[i], tt.problems[i]
				if want.Key == RowEncoding { // the value is the undecodable line, whatever it reads
					got.Value = ""
				}
				if got != want {
					t.Errorf("problem %d = %+v, want %+v", i, got, want)
				}
			}
		})
	}
}

func TestParseTableHeader(t *testing.T) {
	tests := []struct {
		name, csv string
		wantErr   string // "" when the file is readable
		count     int
	}{
		{"missing organization and country", "title,city\nMaçon,Lomé\n", "missing required column(s): organization, country", 0},
		{"not the template", "nom;prénom;âge\nKoffi;Ama;31\n", "none of the columns", 0},
		{"empty after BOM", "\ufeff\r\n\r\n", "empty document", 0},
		{"blank lines only", "\n\n,,\n", "no header row", 0},
		{"case, spaces and order", " COUNTRY ;Organization; Title \nTogo;ANPE;Conseiller emploi\n", "", 1},
		{"tab separated", "title\torganization\tcountry\nCuisinier\tHôtel du Lac\tSuisse\n", "", 1},
		{"header only", "title,organization,country\n", "", 0},
		{"an xlsx given as csv", "PK\x03\x04rest", "not a CSV file", 0},
		{"html given as csv", "<!DOCTYPE html><html><body>Erreur 404</body></html>", "not a CSV file", 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, _, _, err := ParseTable(KindCSV, []byte(tt.csv))
			if tt.wantErr == "" {
				if err != nil {
					t.Fatal(err)
				}
			} else if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
			}
			if len(items) != tt.count {
				t.Errorf("got %d items, want %d", len(items), tt.count)
			}
		})
	}
	t.Run("csv given as xlsx", func(t *testing.T) {
		_, _, _, err := ParseTable(KindXLSX, readFixture(t, "testdata/table/offres_utf8.csv"))
		if err == nil || !strings.Contains(err.Error(), "not an XLSX workbook") {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("zip bomb", func(t *testing.T) {
		var buf bytes.Buffer
		z := zip.NewWriter(&buf)
		w, _ := z.Create("xl/worksheets/sheet1.xml")
		zeros := make([]byte, 1<<20)
		for range 40 { // 40 MB of zeros, about 40 KB once compressed
			_, _ = w.Write(zeros)
		}
		_ = z.Close()
		_, _, _, err := ParseTable(KindXLSX, buf.Bytes())
		if err == nil || !strings.Contains(err.Error(), "too large once unpacked") {
			t.Errorf("error = %v", err)
		}
	})
	t.Run("broken zip given as xlsx", func(t *testing.T) {
		_, _, _, err := ParseTable(KindXLSX, []byte("PK\x03\x04 not really a zip"))
		if err == nil || !strings.Contains(err.Error(), "cannot be opened") {
			t.Errorf("error = %v", err)
		}
	})
}

func TestTemplates(t *testing.T) {
	t.Run("csv", func(t *testing.T) {
		data := TemplateCSV()
		if !bytes.HasPrefix(data, utf8BOM) {
			t.Error("the CSV template has no byte order mark")
		}
		first, _, _ := strings.Cut(string(data[3:]), "\r\n")
		if first != strings.Join(TemplateColumns, ";") {
			t.Errorf("header = %q", first)
		}
		items, lines, problems, err := ParseTable(KindCSV, data)
		if err != nil || len(problems) > 0 {
			t.Fatalf("the template does not read back: %v %+v", err, problems)
		}
		checkItems(t, items, 1, map[int]fields{0: {"Title": "Ingénieur en génie civil (H/F)", "Country": "Canada",
			"Description": "Suivi de chantiers routiers et d'ouvrages d'art ; 5 ans d'expérience ; permis B.",
			"Deadline":    "2026-09-30T00:00:00Z", "ISCO08": "2142"}})
		if !reflect.DeepEqual(lines, []int{2}) {
			t.Errorf("lines = %v", lines)
		}
	})
	t.Run("xlsx", func(t *testing.T) {
		data, err := TemplateXLSX()
		if err != nil {
			t.Fatal(err)
		}
		items, _, problems, err := ParseTable(KindXLSX, data)
		if err != nil || len(problems) > 0 {
			t.Fatalf("the template does not read back: %v %+v", err, problems)
		}
		checkItems(t, items, 1, map[int]fields{0: {"Title": "Ingénieur en génie civil (H/F)", "City": "Montréal",
			"Deadline": "2026-09-30T00:00:00Z", "ISCO08": "2142"}})
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if got := f.GetSheetList(); !reflect.DeepEqual(got, []string{"offres", "aide"}) {
			t.Errorf("sheets = %v", got)
		}
		help, _ := f.GetRows("aide")
		if len(help) != len(TemplateColumns)+1 {
			t.Fatalf("the help sheet has %d rows, want %d", len(help), len(TemplateColumns)+1)
		}
		for i, c := range TemplateColumns {
			if row := help[i+1]; row[0] != c || row[2] == "" || row[3] == "" {
				t.Errorf("help row %d = %q, want the column %s explained in French and English", i+2, row, c)
			}
		}
		// The deadline is a real date cell, not text.
		if typ, _ := f.GetCellType("offres", "H2"); typ == excelize.CellTypeSharedString || typ == excelize.CellTypeInlineString {
			t.Errorf("the example deadline is text")
		}
	})
}

// offresXLSX writes the XLSX fixture: typed dates, a date written as text, numbers, a column
// the template lacks, a row without country, an empty row and a second sheet that is ignored.
func offresXLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet = "Offres"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, err
	}
	dateFmt := "dd/mm/yyyy"
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: &dateFmt})
	if err != nil {
		return nil, err
	}
	rows := [][]any{
		{"Title", "Organization", "Country", "City", "Deadline", "ISCO08", "External_ID", "Apply_URL", "Notes internes"},
		{"Infirmier en soins généraux", "Klinikum Beispielstadt", "DE", "Leipzig", time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC), 2221, 1001, "", "à vérifier"},
		{"Ouvrier agricole saisonnier", "Finca El Rocío", "Espagne", "Huelva", "15/10/2026", 9211, 1002},
		{"Cariste", "Logistik Nord", "", "Hambourg", time.Date(2026, 10, 1, 0, 0, 0, 0, time.UTC)},
		nil, // row 5 left empty
		{"Soudeur TIG", "Stocznia Gdańsk", "Pologne", "Gdańsk", time.Date(2026, 11, 2, 17, 30, 0, 0, time.UTC), 7212, 1004, "https://jobs.example.pl/spawacz"},
		{"Boulanger", "Boulangerie Dupont", "France", "Lille", "fin juin"},
	}
	for i, r := range rows {
		if r == nil {
			continue
		}
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow(sheet, cell, &r); err != nil {
			return nil, err
		}
	}
	if err := f.SetCellStyle(sheet, "E2", "E7", dateStyle); err != nil {
		return nil, err
	}
	if _, err := f.NewSheet("Notes"); err != nil {
		return nil, err
	}
	if err := f.SetSheetRow("Notes", "A1", &[]any{"title", "organization", "country"}); err != nil {
		return nil, err
	}
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// TestOffresXLSXFixture rewrites testdata/table/offres.xlsx with -update, and checks that the
// committed file is still the one the helper writes.
func TestOffresXLSXFixture(t *testing.T) {
	data, err := offresXLSX()
	if err != nil {
		t.Fatal(err)
	}
	const path = "testdata/table/offres.xlsx"
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	fresh, freshLines, freshProblems, err := ParseTable(KindXLSX, data)
	if err != nil {
		t.Fatal(err)
	}
	committed, lines, problems, err := ParseTable(KindXLSX, readFixture(t, path))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(fresh, committed) || !reflect.DeepEqual(freshLines, lines) || !reflect.DeepEqual(freshProblems, problems) {
		t.Errorf("%s is stale: run go test -run TestOffresXLSXFixture -update", path)
	}
}
