// Package ref holds the reference classifications the platform speaks: occupations (ISCO-08),
// levels of education (ISCED 2011), economic activities (ISIC Rev.4), countries (ISO 3166-1, with
// ECOWAS membership) and the regions and prefectures of Togo. The data are CSV files embedded in
// the binary (see data/SOURCES.md for where each comes from and under which licence); Load
// parses them once and the resulting *Ref is read-only, safe for concurrent use.
package ref

import (
	"embed"
	"encoding/csv"
	"fmt"
	"io/fs"
	"slices"
)

//go:embed data/*.csv
var files embed.FS

// Ref holds every classification, loaded once. It is never modified after Load, so one *Ref
// can be shared by every request.
type Ref struct {
	isco      iscoTable
	isced     []Education
	isic      isicTable
	countries countryTable
	togo      togoTable
	world     map[string]string // alpha-3 → world region (ECOWAS aside)
}

// Load parses the embedded files. It returns an error only if a file is broken (a missing
// column, an unknown level, a duplicate code…), which is a bug of the build, not of the input.
func Load() (*Ref, error) {
	return load(files)
}

// load parses the files of fsys (data/*.csv); tests hand it broken copies.
func load(fsys fs.FS) (*Ref, error) {
	r := &Ref{}
	var err error
	if r.isco, err = loadISCO(fsys); err != nil {
		return nil, err
	}
	if r.isced, err = loadISCED(fsys); err != nil {
		return nil, err
	}
	if r.isic, err = loadISIC(fsys); err != nil {
		return nil, err
	}
	if r.countries, err = loadCountries(fsys); err != nil {
		return nil, err
	}
	if r.togo, err = loadTogo(fsys); err != nil {
		return nil, err
	}
	r.world = worldTable()
	return r, nil
}

// MustLoad is Load for main and tests: it panics if an embedded file is broken.
func MustLoad() *Ref {
	r, err := Load()
	if err != nil {
		panic(err)
	}
	return r
}

// readCSV reads data/name, checks that its header is exactly header and returns the data rows.
func readCSV(fsys fs.FS, name string, header ...string) ([][]string, error) {
	f, err := fsys.Open("data/" + name)
	if err != nil {
		return nil, fmt.Errorf("ref: %w", err)
	}
	defer f.Close()
	cr := csv.NewReader(f)
	cr.FieldsPerRecord = len(header)
	rows, err := cr.ReadAll()
	if err != nil {
		return nil, fmt.Errorf("ref: read %s: %w", name, err)
	}
	if len(rows) == 0 || !slices.Equal(rows[0], header) {
		return nil, fmt.Errorf("ref: %s: header is not %v", name, header)
	}
	return rows[1:], nil
}

// rowError describes a broken data row; i is the index among the data rows, so the line in the
// file (header on line 1, no multi-line fields) is i+2.
func rowError(name string, i int, format string, args ...any) error {
	return fmt.Errorf("ref: %s line %d: %s", name, i+2, fmt.Sprintf(format, args...))
}
