package ingest

import (
	"bytes"
	"encoding/csv"
	"errors"
	"html"
	"io"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"

	"mobilite"
)

// Catalogue keys of the problems of an uploaded row.
const (
	RowTitleRequired        = "ingest.row.title_required"
	RowOrganizationRequired = "ingest.row.organization_required"
	RowCountryRequired      = "ingest.row.country_required"
	RowDeadlineInvalid      = "ingest.row.deadline_invalid"
	RowURLInvalid           = "ingest.row.url_invalid"
	RowUnknownColumn        = "ingest.row.unknown_column"
	RowEncoding             = "ingest.row.encoding"
	RowTooLong              = "ingest.row.too_long"
	RowTitleTooLong         = "ingest.row.title_too_long"
	RowColumns              = "ingest.row.columns"
)

// MaxCellLength is the number of characters a cell of an upload may hold.
const MaxCellLength = 20_000

// row is one line of an upload before it is checked.
type row struct {
	line     int
	cells    []string
	problem  string // RowEncoding or RowColumns when the line as a whole cannot be used
	value    string // what to quote with the problem
	serials  bool   // numbers in the deadline column are Excel serial dates (XLSX)
	date1904 bool   // and they count from 1904 (old Excel for Mac)
}

// ParseTable parses a CSV or XLSX upload made from the template (TemplateColumns). It returns
// the rows that are valid as items, with their line numbers, and a RowError for every problem
// (a row with a problem gives no item; a column the template does not have is reported once,
// on line 1, and ignored). A file that is not a CSV or an XLSX workbook, or lacks a required
// column (title, organization, country), is a *DocumentError.
func ParseTable(kind string, data []byte) (items []Item, lines []int, problems []RowError, err error) {
	if err := checkSize(kind, data); err != nil {
		return nil, nil, nil, err
	}
	var rows []row
	switch kind {
	case KindCSV:
		rows, err = csvRows(data)
	case KindXLSX:
		rows, err = xlsxRows(data)
	default:
		return nil, nil, nil, docErr(kind, "not a table: the kind must be csv or xlsx")
	}
	if err != nil {
		return nil, nil, nil, err
	}
	return tableItems(kind, rows)
}

func tableItems(kind string, rows []row) (items []Item, lines []int, problems []RowError, err error) {
	// The header is the first line that is not blank.
	h := 0
	for h < len(rows) && blank(rows[h].cells) && rows[h].problem == "" {
		h++
	}
	if h == len(rows) {
		return nil, nil, nil, docErr(kind, "the file has no header row")
	}
	header := rows[h]
	if header.problem == RowEncoding {
		return nil, nil, nil, docErr(kind, "the header row cannot be read: the file is in an unknown encoding")
	}
	cols := make([]string, len(header.cells)) // template column of each cell, "" when unknown
	known := 0
	for i, cell := range header.cells {
		name := templateColumn(cell)
		switch {
		case name != "" && indexOf(cols, name) < 0:
			cols[i] = name
			known++
		case strings.TrimSpace(cell) != "":
			problems = append(problems, RowError{Line: header.line, Field: strings.TrimSpace(cell),
				Key: RowUnknownColumn, Value: cutRunes(strings.TrimSpace(cell), 100)})
		}
	}
	if known == 0 {
		return nil, nil, nil, docErr(kind, "the first line is not the template's header: it has none of the columns %s",
			strings.Join(TemplateColumns, ", "))
	}
	var missing []string
	for _, c := range requiredColumns {
		if indexOf(cols, c) < 0 {
			missing = append(missing, c)
		}
	}
	if len(missing) > 0 {
		return nil, nil, nil, docErr(kind, "missing required column(s): %s", strings.Join(missing, ", "))
	}

	// Most rows are valid: room for all of them costs less than growing the slices.
	items = make([]Item, 0, len(rows)-h-1)
	lines = make([]int, 0, len(rows)-h-1)
	for _, r := range rows[h+1:] {
		if r.problem != "" {
			problems = append(problems, RowError{Line: r.line, Key: r.problem, Value: cutRunes(r.value, 100)})
			continue
		}
		if blank(r.cells) {
			continue
		}
		if kind == KindCSV && len(r.cells) != len(header.cells) {
			problems = append(problems, RowError{Line: r.line, Key: RowColumns,
				Value: strconv.Itoa(len(r.cells)) + "/" + strconv.Itoa(len(header.cells))})
			continue
		}
		it, rowProblems := tableItem(r, cols)
		if len(rowProblems) > 0 {
			problems = append(problems, rowProblems...)
			continue
		}
		items = append(items, it)
		lines = append(lines, r.line)
	}
	return items, lines, problems, nil
}

// tableItem checks one row and makes it an item.
func tableItem(r row, cols []string) (Item, []RowError) {
	var problems []RowError
	fail := func(field, key, value string) {
		problems = append(problems, RowError{Line: r.line, Field: field, Key: key, Value: cutRunes(value, 100)})
	}
	get := func(name string) string {
		i := indexOf(cols, name)
		if i < 0 || i >= len(r.cells) {
			return ""
		}
		return r.cells[i]
	}
	for i, cell := range r.cells {
		if utf8.RuneCountInString(cell) > MaxCellLength {
			field := ""
			if i < len(cols) {
				field = cols[i]
			}
			fail(field, RowTooLong, cell)
		}
	}
	it := Item{
		ExternalID:      strings.TrimSpace(get("external_id")),
		Title:           strings.TrimSpace(get("title")),
		Organization:    strings.TrimSpace(get("organization")),
		DescriptionHTML: strings.TrimSpace(get("description")),
		Country:         strings.TrimSpace(get("country")),
		City:            strings.TrimSpace(get("city")),
		ContractType:    strings.TrimSpace(get("contract_type")),
		ApplyURL:        strings.TrimSpace(get("apply_url")),
		Language:        strings.TrimSpace(get("language")),
		ISCO08:          strings.TrimSpace(get("isco08")),
	}
	switch {
	case it.Title == "":
		fail("title", RowTitleRequired, "")
	case utf8.RuneCountInString(strings.Join(strings.Fields(it.Title), " ")) > mobilite.MaxJobTitle:
		fail("title", RowTitleTooLong, it.Title) // normalising would cut it
	}
	if it.Organization == "" {
		fail("organization", RowOrganizationRequired, "")
	}
	if it.Country == "" {
		fail("country", RowCountryRequired, "")
	}
	if d := strings.TrimSpace(get("deadline")); d != "" {
		t, ok := parseTableDate(d)
		if !ok && r.serials {
			t, ok = excelSerial(d, r.date1904)
		}
		if ok {
			it.Deadline = t
		} else {
			fail("deadline", RowDeadlineInvalid, d)
		}
	}
	if it.ApplyURL != "" && !validApplyURL(it.ApplyURL) {
		fail("apply_url", RowURLInvalid, it.ApplyURL)
	}
	return it, problems
}

// validApplyURL accepts an absolute http(s) address or a mailto: with an address.
func validApplyURL(s string) bool {
	// As normalize.ApplyURL keeps them: a link it would drop is an error of the line.
	s = html.UnescapeString(s)
	if len(s) > 2000 || strings.ContainsAny(s, " \t\r\n\"<>") {
		return false
	}
	u, err := url.Parse(s)
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		return u.Host != "" && u.User == nil
	case "mailto":
		return strings.Contains(u.Opaque, "@")
	}
	return false
}

// excelSerial reads an Excel serial date (days since 1899-12-30, or 1904-01-01) as a date in UTC.
func excelSerial(s string, date1904 bool) (time.Time, bool) {
	v, err := strconv.ParseFloat(s, 64)
	if err != nil || v < 1 || v > 2958465 { // 9999-12-31
		return time.Time{}, false
	}
	t, err := excelize.ExcelDateToTime(v, date1904)
	if err != nil {
		return time.Time{}, false
	}
	return t.UTC(), true
}

func blank(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// csvRows reads the lines of a CSV upload: UTF-8 with or without BOM, UTF-16 with BOM, or
// Windows-1252 (Excel on Windows in French); fields separated by the , ; or tab of the header.
func csvRows(data []byte) ([]row, error) {
	switch sniff(data) {
	case formatZip:
		return nil, docErr(KindCSV, "not a CSV file: the file is a ZIP archive (an XLSX workbook?)")
	case formatHTML:
		return nil, docErr(KindCSV, "not a CSV file: the file is an HTML page")
	case formatBinary:
		if !bytes.HasPrefix(data, []byte{0xFF, 0xFE}) && !bytes.HasPrefix(data, []byte{0xFE, 0xFF}) {
			return nil, docErr(KindCSV, "not a CSV file: the file is binary")
		}
	}
	text, bad, err := csvText(data)
	if err != nil {
		return nil, err
	}
	first, _, _ := bytes.Cut(bytes.TrimLeft(text, "\r\n"), []byte("\n"))
	r := csv.NewReader(bytes.NewReader(text))
	r.Comma = rune(headerSeparator(string(first)))
	r.LazyQuotes = true
	r.FieldsPerRecord = -1
	var rows []row
	lastOffset := int64(-1)
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) || r.InputOffset() == lastOffset {
				return nil, docErr(KindCSV, "the file cannot be read as CSV")
			}
			lastOffset = r.InputOffset()
			rows = append(rows, row{line: pe.StartLine, problem: RowColumns})
			continue
		}
		lastOffset = r.InputOffset()
		start, _ := r.FieldPos(0)
		end, _ := r.FieldPos(len(rec) - 1)
		rw := row{line: start, cells: rec}
		for l := start; l <= end; l++ {
			if bad[l] {
				rw.problem, rw.value = RowEncoding, strings.Join(rec, string(r.Comma))
				break
			}
		}
		rows = append(rows, rw)
	}
	return rows, nil
}

// csvText decodes a CSV upload to UTF-8. A file that is not valid UTF-8 is read line by line
// as Windows-1252; the lines that still do not read as text are returned in bad, by number.
func csvText(data []byte) ([]byte, map[int]bool, error) {
	switch {
	case bytes.HasPrefix(data, utf8BOM):
		data = data[len(utf8BOM):]
	case bytes.HasPrefix(data, []byte{0xFF, 0xFE}), bytes.HasPrefix(data, []byte{0xFE, 0xFF}):
		out, err := unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder().Bytes(data)
		if err != nil {
			return nil, nil, docErr(KindCSV, "the file cannot be read: broken UTF-16")
		}
		data = out
	}
	if utf8.Valid(data) {
		return data, nil, nil
	}
	bad := map[int]bool{}
	var b bytes.Buffer
	b.Grow(len(data) + len(data)/8)
	dec := charmap.Windows1252.NewDecoder()
	for n := 1; len(data) > 0; n++ {
		line, rest, found := bytes.Cut(data, []byte("\n"))
		data = rest
		if utf8.Valid(line) {
			b.Write(line)
		} else {
			s, err := dec.Bytes(line)
			if err != nil || !readable(string(s)) {
				bad[n] = true
			}
			b.Write(s)
		}
		if found {
			b.WriteByte('\n')
		}
	}
	return b.Bytes(), bad, nil
}

// readable reports whether a line decoded from Windows-1252 reads as text: no control
// character (other than tab and CR) and no byte that Windows-1252 leaves undefined.
func readable(s string) bool {
	for _, r := range s {
		switch {
		case r == utf8.RuneError:
			return false
		case r < 0x20 && r != '\t' && r != '\r':
			return false
		case r >= 0x7F && r < 0xA0:
			return false
		}
	}
	return true
}

// headerSeparator picks the separator of a CSV file from its header line: the most frequent
// of , ; and tab outside quotes, a comma when there is none.
func headerSeparator(line string) byte {
	counts := map[byte]int{}
	quoted := false
	for i := 0; i < len(line); i++ {
		switch c := line[i]; {
		case c == '"':
			quoted = !quoted
		case !quoted && (c == ',' || c == ';' || c == '\t'):
			counts[c]++
		}
	}
	sep := byte(',')
	for _, c := range []byte{';', '\t'} {
		if counts[c] > counts[sep] {
			sep = c
		}
	}
	return sep
}

// xlsxRows reads the first sheet of an XLSX upload, cells as stored (dates as serial numbers).
func xlsxRows(data []byte) ([]row, error) {
	switch sniff(data) {
	case formatZip:
	case formatText:
		return nil, docErr(KindXLSX, "not an XLSX workbook: the file is text (a CSV file?)")
	case formatHTML:
		return nil, docErr(KindXLSX, "not an XLSX workbook: the file is an HTML page")
	default:
		if bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0}) {
			return nil, docErr(KindXLSX, "not an XLSX workbook: the file is an old Excel .xls workbook, save it as .xlsx")
		}
		return nil, docErr(KindXLSX, "not an XLSX workbook")
	}
	// A workbook is compressed XML: refuse one that unpacks to much more than its size (a
	// real one unpacks to about ten times). Sheets over 16 MB go to a temporary file.
	unzipLimit := min(max(int64(len(data))*20, 32<<20), 256<<20)
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit:    unzipLimit,
		UnzipXMLSizeLimit: 16 << 20,
	})
	if err != nil {
		switch msg := err.Error(); {
		case errors.Is(err, excelize.ErrWorkbookPassword) || strings.Contains(msg, "password"):
			return nil, docErr(KindXLSX, "the workbook is protected by a password")
		case strings.Contains(msg, "unzip size"):
			return nil, docErr(KindXLSX, "the workbook is too large once unpacked (over %d MB)", unzipLimit>>20)
		}
		return nil, docErr(KindXLSX, "not an XLSX workbook: it cannot be opened")
	}
	defer f.Close()
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		return nil, docErr(KindXLSX, "the workbook has no sheet")
	}
	date1904 := false
	if props, err := f.GetWorkbookProps(); err == nil && props.Date1904 != nil {
		date1904 = *props.Date1904
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		return nil, docErr(KindXLSX, "the first sheet cannot be read")
	}
	defer it.Close()
	var rows []row
	for n := 1; it.Next(); n++ {
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		if err != nil {
			return nil, docErr(KindXLSX, "the first sheet cannot be read at row %d", n)
		}
		rows = append(rows, row{line: n, cells: cells, serials: true, date1904: date1904})
	}
	if err := it.Error(); err != nil {
		return nil, docErr(KindXLSX, "the first sheet cannot be read")
	}
	return rows, nil
}
