package flows

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"

	"mobilite"
	"mobilite/internal/regulation"
)

// TemplateColumns are the columns of the departures file that licensed agencies and partners
// upload: the fields of the API, the person's fields prefixed by nothing.
var TemplateColumns = []string{"seeker", "given_name", "family_name", "sex", "birth_date", "nationality", "region",
	"prefecture", "isced_level", "national_id", "date", "purpose", "destination", "city", "employer", "isic_section",
	"isco08", "channel", "agency_licence", "contract_verified", "orientation_attended", "contract_months",
	"planned_return", "worker_costs", "first_monthly_wage", "currency"}

// Template is the file to fill in: the header and one example line.
func Template() []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Comma = ';'
	_ = w.Write(TemplateColumns)
	_ = w.Write([]string{"", "Ama", "Mensah", "F", "1998-04-12", "TGO", "TG-M", "Golfe", "4", "", "2025-03-01", "work",
		"DEU", "Munich", "Klinikum", "Q", "5321", "private_agency", "TG-AGR-0001", "oui", "oui", "24", "2027-03-01",
		"150000", "2400", "EUR"})
	w.Flush()
	return b.Bytes()
}

// ReturnColumns are the columns of the returns file.
var ReturnColumns = []string{"seeker", "departure_id", "given_name", "family_name", "sex", "birth_date", "nationality",
	"region", "prefecture", "isced_level", "national_id", "date", "previous_country", "months_abroad", "return_type",
	"isco08", "skills", "status_3m", "status_6m", "status_12m"}

// ReturnTemplate is the returns file to fill in: the header and one example line.
func ReturnTemplate() []byte {
	var b bytes.Buffer
	b.WriteString("\ufeff")
	w := csv.NewWriter(&b)
	w.Comma = ';'
	_ = w.Write(ReturnColumns)
	_ = w.Write([]string{"", "", "Kodjo", "Afanou", "M", "1990-06-01", "TGO", "TG-P", "Ogou", "3", "", "2025-09-15", "LBY",
		"18", "assisted", "9313", "", "", "", ""})
	w.Flush()
	return b.Bytes()
}

// RowProblem is an error at one line and field of an uploaded file.
type RowProblem struct {
	Row   int
	Field string
	Key   string // catalogue key
}

// ImportResult says what an upload did.
type ImportResult struct {
	Rows     int
	Valid    int
	Loaded   int
	Problems []RowProblem
	// Warnings are facts for the labour inspection, not errors: a departure through an agency
	// whose licence was not valid on its date is recorded all the same.
	Warnings []RowProblem
}

// yes reads the booleans of a file: oui/yes/1/true/x.
func yes(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "oui", "yes", "1", "true", "vrai", "x":
		return true
	}
	return false
}

func number(v string) *float64 {
	v = strings.ReplaceAll(strings.ReplaceAll(strings.TrimSpace(v), " ", ""), ",", ".")
	if v == "" {
		return nil
	}
	f, err := strconv.ParseFloat(v, 64)
	if err != nil {
		f = -1 // refused at the field by the checks
	}
	return &f
}

// ImportDepartures reads a file of departures (see importFile and TemplateColumns).
func (s *Service) ImportDepartures(ctx context.Context, actor *mobilite.User, r io.Reader, loadValid bool) (*ImportResult, error) {
	licences := licenceChecker{}
	return s.importFile(ctx, actor, r, loadValid, []string{"date", "destination", "channel"},
		func(get func(string) string, warn func(field, key string)) (func(mobilite.Store) error, error) {
			in := DepartureInput{Person: personOf(get), Date: get("date"), Purpose: get("purpose"), Destination: get("destination"),
				City: get("city"), Employer: get("employer"), ISICSection: get("isic_section"), ISCO08: get("isco08"),
				Channel: get("channel"), AgencyLicence: get("agency_licence"), ContractVerified: yes(get("contract_verified")),
				OrientationAttended: yes(get("orientation_attended")), PlannedReturn: get("planned_return"),
				WorkerCosts: number(get("worker_costs")), FirstMonthlyWage: number(get("first_monthly_wage")), Currency: get("currency"),
				SeekerID: s.seekerOf(ctx, get("seeker"))}
			in.ContractMonths, _ = strconv.Atoi(get("contract_months"))
			d, err := s.buildDeparture(ctx, actor, mobilite.FlowFromUpload, in)
			if err != nil {
				return nil, err
			}
			if key, err := licences.check(ctx, s.Store, d); err != nil {
				return nil, err
			} else if key != "" {
				warn("agency_licence", key)
			}
			return func(tx mobilite.Store) error { return s.saveDeparture(ctx, tx, actor, d) }, nil
		})
}

// ImportReturns reads a file of returns (see importFile and ReturnColumns).
func (s *Service) ImportReturns(ctx context.Context, actor *mobilite.User, r io.Reader, loadValid bool) (*ImportResult, error) {
	return s.importFile(ctx, actor, r, loadValid, []string{"date", "return_type"},
		func(get func(string) string, _ func(field, key string)) (func(mobilite.Store) error, error) {
			in := ReturnInput{Person: personOf(get), Date: get("date"), PreviousCountry: get("previous_country"),
				ReturnType: get("return_type"), ISCO08: get("isco08"), Skills: get("skills"), Status3M: get("status_3m"),
				Status6M: get("status_6m"), Status12M: get("status_12m"), SeekerID: s.seekerOf(ctx, get("seeker"))}
			in.MonthsAbroad, _ = strconv.Atoi(get("months_abroad"))
			if v := get("departure_id"); v != "" {
				if in.DepartureID, _ = strconv.ParseInt(v, 10, 64); in.DepartureID == 0 {
					in.DepartureID = -1 // said unknown by the checks
				}
			}
			ret, err := s.buildReturn(ctx, actor, mobilite.FlowFromUpload, in)
			if err != nil {
				return nil, err
			}
			return func(tx mobilite.Store) error { return s.saveReturn(ctx, tx, actor, ret) }, nil
		})
}

// personOf reads the person's columns of a line.
func personOf(get func(string) string) PersonInput {
	p := PersonInput{GivenName: get("given_name"), FamilyName: get("family_name"), Sex: get("sex"), BirthDate: get("birth_date"),
		Nationality: get("nationality"), Region: get("region"), Prefecture: get("prefecture"), NationalID: get("national_id")}
	if lvl, err := strconv.Atoi(get("isced_level")); err == nil {
		p.ISCEDLevel = &lvl
	}
	return p
}

// seekerOf reads the seeker column: a registration number, -1 when it names nobody.
func (s *Service) seekerOf(ctx context.Context, number string) int64 {
	if number == "" {
		return 0
	}
	if sk, err := s.Store.FindSeekerByNumber(ctx, number); err == nil {
		return sk.ID
	}
	return -1
}

// MaxFile is the largest file of departures or returns read: about 100,000 lines.
const MaxFile = 20 << 20

// importFile reads a file of flow records (XLSX, or CSV with "," or ";" in UTF-8 or
// Windows-1252), checks every line with build as the form and the API do, and saves them in one
// transaction when all are valid, or the valid ones when loadValid is set; otherwise nothing. The
// seeker column takes a registration number (staff only, as for the API).
func (s *Service) importFile(ctx context.Context, actor *mobilite.User, r io.Reader, loadValid bool, required []string,
	build func(get func(string) string, warn func(field, key string)) (func(mobilite.Store) error, error)) (*ImportResult, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFile+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFile {
		return nil, mobilite.Invalid("file", "flows.file.too_large")
	}
	res := &ImportResult{}
	records, err := readTable(data)
	switch {
	case err != nil:
		res.Problems = append(res.Problems, RowProblem{Row: 1, Key: "flow.file.unreadable"})
		return res, nil
	case len(records) == 0:
		res.Problems = append(res.Problems, RowProblem{Row: 1, Key: "flow.file.empty"})
		return res, nil
	}
	col := map[string]int{}
	for i, h := range records[0] {
		col[strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))] = i
	}
	for _, need := range required {
		if _, ok := col[need]; !ok {
			res.Problems = append(res.Problems, RowProblem{Row: 1, Field: need, Key: "flow.file.column"})
		}
	}
	if len(res.Problems) > 0 {
		return res, nil
	}
	var saves []func(mobilite.Store) error
	for i, rec := range records[1:] {
		row := i + 2
		if len(rec) == 1 && rec[0] == brokenLine {
			res.Problems = append(res.Problems, RowProblem{Row: row, Key: "flow.file.broken"})
			break
		}
		if len(strings.Join(rec, "")) == 0 {
			continue // an empty line, as spreadsheets leave at the end
		}
		res.Rows++
		save, err := build(func(name string) string {
			if i, ok := col[name]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}, func(field, key string) {
			res.Warnings = append(res.Warnings, RowProblem{Row: row, Field: field, Key: key})
		})
		if mobilite.ErrorCode(err) == mobilite.EINVALID {
			for _, f := range mobilite.ErrorFields(err) {
				res.Problems = append(res.Problems, RowProblem{Row: row, Field: f.Field, Key: f.Key})
			}
			continue
		}
		if err != nil {
			return nil, err
		}
		saves = append(saves, save)
	}
	res.Valid = len(saves)
	if len(res.Problems) > 0 && !loadValid {
		return res, nil
	}
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		for _, save := range saves {
			if err := save(tx); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Loaded = len(saves)
	return res, nil
}

// readTable reads an uploaded table: an XLSX workbook (its first sheet) or a CSV file ("," or
// ";", UTF-8 or Windows-1252). A CSV broken at some line gives the lines before it and a last
// line holding only the marker the caller reports.
func readTable(data []byte) ([][]string, error) {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		f, err := excelize.OpenReader(bytes.NewReader(data))
		if err != nil {
			return nil, err
		}
		defer f.Close()
		return f.GetRows(f.GetSheetName(0))
	}
	if !utf8.Valid(data) { // as spreadsheet programs save CSV in French
		if dec, err := charmap.Windows1252.NewDecoder().Bytes(data); err == nil {
			data = dec
		}
	}
	text := strings.TrimPrefix(string(data), "\ufeff")
	cr := csv.NewReader(strings.NewReader(text))
	if first, _, _ := strings.Cut(text, "\n"); strings.Count(first, ";") > strings.Count(first, ",") {
		cr.Comma = ';'
	}
	cr.FieldsPerRecord = -1
	var out [][]string
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return append(out, []string{brokenLine}), nil
		}
		out = append(out, rec)
	}
}

// brokenLine marks the place where a CSV file stops being readable.
const brokenLine = "\x00broken"

// LicenceWarning returns "" when a departure is not through a private agency or its agency's
// licence was valid on its date, else the catalogue key of a warning for the labour inspection
// (flow.licence.unknown, flow.licence.not_valid).
func (s *Service) LicenceWarning(ctx context.Context, d *mobilite.Departure) (string, error) {
	return licenceChecker{}.check(ctx, s.Store, d)
}

// licenceChecker says whether a departure through a private agency names a licence that was
// valid on its date, reading each licence of a file once.
type licenceChecker map[string]*mobilite.Agency // nil: not in the register

// check returns "" when the departure is not through a private agency or its licence was valid
// on its date, else the catalogue key of a warning.
func (c licenceChecker) check(ctx context.Context, st mobilite.Store, d *mobilite.Departure) (string, error) {
	if d.Channel != mobilite.ChannelPrivateAgency || d.AgencyLicence == "" {
		return "", nil
	}
	a, seen := c[d.AgencyLicence]
	if !seen {
		var err error
		a, err = st.FindAgencyByLicence(ctx, d.AgencyLicence)
		switch {
		case mobilite.ErrorCode(err) == mobilite.ENOTFOUND:
			a = nil
		case err != nil:
			return "", err
		}
		c[d.AgencyLicence] = a
	}
	switch {
	case a == nil:
		return "flow.licence.unknown", nil
	case regulation.StatusAt(a.Events, d.Date) != mobilite.LicenceValid:
		return "flow.licence.not_valid", nil
	}
	return "", nil
}
