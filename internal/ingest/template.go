package ingest

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"
)

// TemplateColumns are the columns of the upload template, in order. title, organization and
// country are required.
var TemplateColumns = []string{"external_id", "title", "organization", "description", "country",
	"city", "contract_type", "deadline", "apply_url", "language", "isco08"}

// requiredColumns must be in the header of an upload.
var requiredColumns = []string{"title", "organization", "country"}

// templateExample is the example row of the template, in French.
var templateExample = []string{
	"ANPE-2026-0001",
	"Ingénieur en génie civil (H/F)",
	"Bâtiments et Routes du Québec",
	"Suivi de chantiers routiers et d'ouvrages d'art ; 5 ans d'expérience ; permis B.",
	"Canada",
	"Montréal",
	"CDD 24 mois",
	"2026-09-30",
	"https://emplois.example.org/offres/0001",
	"fr",
	"2142",
}

// templateHelp explains each column, in French then in English, for the "aide" sheet.
var templateHelp = [][4]string{
	{"external_id", "non", "Votre référence de l'offre (facultative) ; sert à reconnaître l'offre si vous la chargez de nouveau.", "Your reference for the offer (optional); used to recognise the offer when you upload it again."},
	{"title", "oui", "Intitulé du poste, tel qu'il doit paraître.", "Job title, as it should appear."},
	{"organization", "oui", "Nom de l'employeur.", "Name of the employer."},
	{"description", "non", "Description du poste : missions, profil, conditions. Texte libre, 20 000 caractères au plus.", "Job description: duties, profile, conditions. Free text, at most 20,000 characters."},
	{"country", "oui", "Pays du poste : nom (Canada, Allemagne) ou code ISO à 2 ou 3 lettres (CA, DEU).", "Country of the job: name (Canada, Germany) or 2- or 3-letter ISO code (CA, DEU)."},
	{"city", "non", "Ville du poste.", "City of the job."},
	{"contract_type", "non", "Type de contrat, en texte libre : CDI, CDD 12 mois, saisonnier, stage…", "Type of contract, free text: permanent, 12-month fixed term, seasonal, internship…"},
	{"deadline", "non", "Date limite de candidature : AAAA-MM-JJ (2026-09-30), JJ/MM/AAAA (30/09/2026), ou une cellule de type date.", "Application deadline: YYYY-MM-DD (2026-09-30), DD/MM/YYYY (30/09/2026), or a date cell."},
	{"apply_url", "non", "Adresse web (https://…) ou courriel (mailto:…) où postuler.", "Web address (https://…) or e-mail (mailto:…) where to apply."},
	{"language", "non", "Langue de l'offre : fr, en, de…", "Language of the offer: fr, en, de…"},
	{"isco08", "non", "Code CITP-08 / ISCO-08 du métier, s'il est connu (par exemple 2142).", "ISCO-08 code of the occupation, if known (for example 2142)."},
}

// templateColumn returns the template column a header cell names ("Title", " apply-url ",
// "External ID"…), "" when it names none.
func templateColumn(header string) string {
	h := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(header, "\uFEFF")))
	h = strings.NewReplacer(" ", "_", "-", "_").Replace(h)
	for _, c := range TemplateColumns {
		if h == c {
			return c
		}
	}
	return ""
}

// TemplateCSV returns the upload template as a CSV file: UTF-8 with a byte order mark (so that
// Excel reads the accents), separated by semicolons (so that Excel in French splits the
// columns), with the header and one example row in French.
func TemplateCSV() []byte {
	var buf bytes.Buffer
	buf.Write(utf8BOM)
	w := csv.NewWriter(&buf)
	w.Comma = ';'
	w.UseCRLF = true // what Excel writes and expects
	_ = w.Write(TemplateColumns)
	_ = w.Write(templateExample)
	w.Flush()
	return buf.Bytes()
}

// TemplateXLSX returns the upload template as an XLSX workbook: a first sheet "offres" with
// the header and one example row (its deadline a real date cell), and a second sheet "aide"
// that explains each column in French and in English.
func TemplateXLSX() ([]byte, error) {
	f := excelize.NewFile()
	defer f.Close()
	const sheet, help = "offres", "aide"
	if err := f.SetSheetName("Sheet1", sheet); err != nil {
		return nil, fmt.Errorf("ingest: template: %w", err)
	}
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return nil, fmt.Errorf("ingest: template: %w", err)
	}
	dateStyle, err := f.NewStyle(&excelize.Style{CustomNumFmt: ptr("yyyy-mm-dd")})
	if err != nil {
		return nil, fmt.Errorf("ingest: template: %w", err)
	}
	header := make([]any, len(TemplateColumns))
	example := make([]any, len(templateExample))
	for i, c := range TemplateColumns {
		header[i] = c
		example[i] = templateExample[i]
		if c == "deadline" {
			d, _ := time.Parse("2006-01-02", templateExample[i])
			example[i] = d
		}
	}
	steps := []func() error{
		func() error { return f.SetSheetRow(sheet, "A1", &header) },
		func() error { return f.SetSheetRow(sheet, "A2", &example) },
		func() error { return f.SetRowStyle(sheet, 1, 1, bold) },
		func() error {
			col, _ := excelize.ColumnNumberToName(indexOf(TemplateColumns, "deadline") + 1)
			return f.SetCellStyle(sheet, col+"2", col+"2", dateStyle)
		},
		func() error { return f.SetColWidth(sheet, "A", "K", 22) },
		func() error { _, err := f.NewSheet(help); return err },
		func() error {
			return f.SetSheetRow(help, "A1", &[]any{"colonne / column", "obligatoire / required",
				"explication (français)", "explanation (English)", "exemple / example"})
		},
		func() error { return f.SetRowStyle(help, 1, 1, bold) },
		func() error { return f.SetColWidth(help, "A", "B", 20) },
		func() error { return f.SetColWidth(help, "C", "D", 70) },
		func() error { return f.SetColWidth(help, "E", "E", 40) },
	}
	for i, h := range templateHelp {
		row := []any{h[0], h[1], h[2], h[3], templateExample[indexOf(TemplateColumns, h[0])]}
		cell := fmt.Sprintf("A%d", i+2)
		steps = append(steps, func() error { return f.SetSheetRow(help, cell, &row) })
	}
	for _, step := range steps {
		if err := step(); err != nil {
			return nil, fmt.Errorf("ingest: template: %w", err)
		}
	}
	f.SetActiveSheet(0)
	buf, err := f.WriteToBuffer()
	if err != nil {
		return nil, fmt.Errorf("ingest: template: %w", err)
	}
	return buf.Bytes(), nil
}

func ptr[T any](v T) *T { return &v }

func indexOf(list []string, s string) int {
	for i, v := range list {
		if v == s {
			return i
		}
	}
	return -1
}
