package survey

import (
	"bufio"
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"io"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"
	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/transform"

	"mobilite"
)

// MaxUpload is the largest file of submissions accepted (a 100,000-row export of a long
// questionnaire is about 40 MB).
const MaxUpload = 96 << 20

// Kinds of submission files.
const (
	KindCSV     = "csv"
	KindCSV1252 = "csv-windows-1252" // CSV text that is not UTF-8: read as Windows-1252
	KindXLSX    = "xlsx"
)

// KindOf returns the kind of a submissions file from its content.
func KindOf(data []byte) string {
	switch {
	case bytes.HasPrefix(data, []byte("PK\x03\x04")):
		return KindXLSX
	case !utf8.Valid(data):
		return KindCSV1252
	}
	return KindCSV
}

// ErrUnreadable is the error of a file that cannot be read as submissions at all; its Key says why.
type ErrUnreadable struct {
	Key string
	Err error
}

func (e *ErrUnreadable) Error() string {
	if e.Err != nil {
		return "survey: " + e.Key + ": " + e.Err.Error()
	}
	return "survey: " + e.Key
}

func (e *ErrUnreadable) Unwrap() error { return e.Err }

// column kinds
const (
	colIgnore = iota
	colQuestion
	colChoice
	colUUID
	colInstanceID
	colTime
	colEnd
	colVersion
	colFormhub
	colFormID
)

type column struct {
	kind   int
	q      int
	choice string
}

// metaColumns are the columns KoboToolbox and ODK add to exports, by lower-cased name.
var metaColumns = map[string]int{
	"_uuid": colUUID, "meta/instanceid": colInstanceID, "instanceid": colInstanceID, "key": colInstanceID,
	"meta-instanceid": colInstanceID, "_submission_time": colTime, "submissiondate": colTime, "end": colEnd,
	"__version__": colVersion, "_version_": colVersion, "formhub/uuid": colFormhub, "_xform_id_string": colFormID,
	"_id": colIgnore, "_index": colIgnore, "_parent_index": colIgnore, "_parent_table_name": colIgnore,
	"_validation_status": colIgnore, "_notes": colIgnore, "_status": colIgnore, "_submitted_by": colIgnore,
	"_tags": colIgnore, "_attachments": colIgnore, "_geolocation": colIgnore, "_duration": colIgnore,
	"meta/instancename": colIgnore, "meta/deprecatedid": colIgnore, "meta/rootuuid": colIgnore, "meta/audit": colIgnore,
	"start": colIgnore, "today": colIgnore, "deviceid": colIgnore, "username": colIgnore,
	"phonenumber": colIgnore, "simserial": colIgnore, "subscriberid": colIgnore, "audit": colIgnore,
	"submitterid": colIgnore, "submittername": colIgnore, "attachmentspresent": colIgnore,
	"attachmentsexpected": colIgnore, "status": colIgnore, "reviewstate": colIgnore, "edits": colIgnore,
	"formversion": colVersion, "_xform_id": colIgnore,
}

// Row is one submission read from a file, checked. Answers and Problems are valid until the
// next call of Next.
type Row struct {
	Line        int // in the file: 1 is the header
	UUID        string
	SubmittedAt time.Time
	Answers     []byte
	Record      mobilite.SurveyRecord
	Problems    []Problem
}

// Reader reads the submissions of a CSV or XLSX export one row at a time, checking each
// against the form. Only the current row is held in memory besides the file itself.
type Reader struct {
	form    *Form
	check   *Checker
	extract *extractor
	now     time.Time
	next    func() ([]string, int, error)
	close   func()
	cols    []column
	hasMain []bool // the question has its own column (select_multiple: besides q/choice ones)
	headers []string
	vals    []string
	notices []Problem
	seen    map[[16]byte]int32 // a hash of each instance id → its line: duplicates in the file
	formhub string
	version struct {
		n     int
		first int
		value string
	}
	answers []byte
	row     Row
	err     error
}

// NewReader opens a file of submissions of form f. roles say which values are impossible
// (age) and give the extracted variables; now is the date of the upload (answers dated later
// are impossible). An *ErrUnreadable says why a file cannot be read at all.
func NewReader(f *Form, roles *mobilite.SurveyRoles, data []byte, now time.Time) (*Reader, error) {
	return open(f, roles, bytes.NewReader(data), data, KindOf(data), now)
}

// NewStreamReader is NewReader for a file read from src, of a kind given by KindOf when it was
// uploaded. A CSV file is read as a stream; a workbook is read whole first.
func NewStreamReader(f *Form, roles *mobilite.SurveyRoles, src io.Reader, kind string, now time.Time) (*Reader, error) {
	return open(f, roles, src, nil, kind, now)
}

func open(f *Form, roles *mobilite.SurveyRoles, src io.Reader, data []byte, kind string, now time.Time) (*Reader, error) {
	r := &Reader{form: f, check: NewChecker(f, roles, now), extract: newExtractor(f, roles), now: now.UTC(),
		seen: map[[16]byte]int32{}, vals: make([]string, len(f.Questions))}
	var err error
	if kind == KindXLSX {
		if data == nil {
			if data, err = io.ReadAll(src); err != nil {
				return nil, &ErrUnreadable{Key: "survey.problem.broken", Err: err}
			}
		}
		err = r.openXLSX(data)
	} else {
		err = r.openCSV(src, kind == KindCSV1252)
	}
	if err != nil {
		return nil, err
	}
	header, _, err := r.next()
	if err != nil {
		r.Close()
		return nil, &ErrUnreadable{Key: "survey.problem.no_header", Err: err}
	}
	if err := r.mapHeader(header); err != nil {
		r.Close()
		return nil, err
	}
	return r, nil
}

// Close releases the workbook of an XLSX file.
func (r *Reader) Close() {
	if r.close != nil {
		r.close()
		r.close = nil
	}
}

func (r *Reader) openCSV(in io.Reader, cp1252 bool) error {
	br := bufio.NewReaderSize(in, 64<<10)
	head, _ := br.Peek(64 << 10)
	if bytes.HasPrefix(head, []byte("\xef\xbb\xbf")) {
		_, _ = br.Discard(3)
		head = head[3:]
	}
	if bytes.IndexByte(head[:min(len(head), 4096)], 0) >= 0 {
		return &ErrUnreadable{Key: "survey.problem.binary"}
	}
	first, _, _ := bytes.Cut(head, []byte("\n"))
	var src io.Reader = br
	if cp1252 {
		src = transform.NewReader(src, charmap.Windows1252.NewDecoder())
		r.notices = append(r.notices, Problem{Level: Notice, Key: "survey.problem.windows1252"})
	}
	cr := csv.NewReader(src)
	cr.Comma = separator(first)
	cr.LazyQuotes, cr.FieldsPerRecord, cr.ReuseRecord = true, -1, true
	var lastOffset int64 = -1
	r.next = func() ([]string, int, error) {
		for {
			rec, err := cr.Read()
			if err != nil {
				var pe *csv.ParseError
				if errors.As(err, &pe) && cr.InputOffset() != lastOffset {
					lastOffset = cr.InputOffset()
					r.notices = append(r.notices, Problem{Level: Error, Row: pe.StartLine, Key: "survey.problem.csv_line"})
					continue
				}
				return nil, 0, err
			}
			lastOffset = cr.InputOffset()
			line, _ := cr.FieldPos(0)
			return rec, line, nil
		}
	}
	return nil
}

// separator picks , ; or tab: the most frequent in the header line outside quotes.
func separator(line []byte) rune {
	counts := map[byte]int{}
	quoted := false
	for _, c := range line {
		switch {
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
	return rune(sep)
}

func (r *Reader) openXLSX(data []byte) error {
	f, err := excelize.OpenReader(bytes.NewReader(data), excelize.Options{
		UnzipSizeLimit: min(max(int64(len(data))*20, 64<<20), 1<<30), UnzipXMLSizeLimit: 16 << 20})
	if err != nil {
		return &ErrUnreadable{Key: "survey.problem.broken", Err: err}
	}
	sheets := f.GetSheetList()
	if len(sheets) == 0 {
		f.Close()
		return &ErrUnreadable{Key: "survey.problem.broken"}
	}
	it, err := f.Rows(sheets[0])
	if err != nil {
		f.Close()
		return &ErrUnreadable{Key: "survey.problem.broken", Err: err}
	}
	r.check.Serials = true
	r.close = func() { it.Close(); f.Close() }
	n := 0
	r.next = func() ([]string, int, error) {
		if !it.Next() {
			if err := it.Error(); err != nil {
				return nil, 0, err
			}
			return nil, 0, io.EOF
		}
		n++
		cells, err := it.Columns(excelize.Options{RawCellValue: true})
		return cells, n, err
	}
	return nil
}

// mapHeader finds the question, choice or metadata of each column.
func (r *Reader) mapHeader(header []string) error {
	f := r.form
	byName := map[string]int{}
	for i, q := range f.Questions {
		if _, dup := byName[q.Name]; dup {
			byName[q.Name] = -1 // ambiguous without its group
		} else {
			byName[q.Name] = i
		}
	}
	r.cols = make([]column, len(header))
	r.headers = append([]string(nil), header...)
	r.hasMain = make([]bool, len(f.Questions))
	matched := 0
	var unknown []string
	for i, h := range header {
		h = strings.TrimSpace(h)
		if q := f.Question(h); q != nil {
			r.cols[i] = column{kind: colQuestion, q: f.index[h]}
		} else if j, ok := byName[h]; ok && j >= 0 {
			r.cols[i] = column{kind: colQuestion, q: j}
		} else if kind, ok := metaColumns[strings.ToLower(h)]; ok {
			r.cols[i] = column{kind: kind}
			continue
		} else if c, ok := r.choiceColumn(h, byName); ok {
			r.cols[i] = c
			matched++
			continue
		} else {
			if h != "" {
				unknown = append(unknown, h)
			}
			continue
		}
		matched++
		r.hasMain[r.cols[i].q] = true
	}
	if matched == 0 {
		return &ErrUnreadable{Key: "survey.problem.no_matching_column"}
	}
	for _, h := range unknown {
		r.notices = append(r.notices, Problem{Level: Notice, Row: 1, Column: h, Key: "survey.problem.unknown_column", Value: h})
	}
	for i, q := range f.Questions {
		if r.hasMain[i] || q.Type == TypeNote || q.Type == TypeCalculate {
			continue
		}
		if q.Type == TypeSelectMul && r.hasChoiceColumns(i) {
			continue
		}
		level := Notice
		r.notices = append(r.notices, Problem{Level: level, Row: 1, Column: q.Path, Key: "survey.problem.missing_column", Value: q.Path})
	}
	return nil
}

func (r *Reader) hasChoiceColumns(q int) bool {
	for _, c := range r.cols {
		if c.kind == colChoice && c.q == q {
			return true
		}
	}
	return false
}

// choiceColumn reads a "question/choice" column of a select_multiple (0/1 per choice).
func (r *Reader) choiceColumn(h string, byName map[string]int) (column, bool) {
	i := strings.LastIndex(h, "/")
	if i <= 0 {
		return column{}, false
	}
	qpath, choice := h[:i], h[i+1:]
	q := r.form.Question(qpath)
	if q == nil {
		if j, ok := byName[qpath]; ok && j >= 0 {
			q = r.form.Questions[j]
		}
	}
	if q == nil || q.Type != TypeSelectMul || !r.form.HasChoice(q, choice) {
		return column{}, false
	}
	return column{kind: colChoice, q: r.form.index[q.Path], choice: choice}, true
}

// Notices returns what was said about the file as a whole (encoding, columns, versions); call
// it after the last row for the complete list.
func (r *Reader) Notices() []Problem {
	out := r.notices
	if r.version.n > 0 {
		out = append(out[:len(out):len(out)], Problem{Level: Notice, Row: r.version.first, Column: "__version__",
			Key: "survey.problem.version", Value: r.version.value})
	}
	return out
}

// Err returns the error that stopped the reading, if any.
func (r *Reader) Err() error { return r.err }

func truthy(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "1", "1.0", "true", "yes", "oui", "vrai":
		return true
	}
	return false
}

// Next reads and checks the next submission; false at the end of the file or on an error (Err).
func (r *Reader) Next() (*Row, bool) {
	for {
		cells, line, err := r.next()
		if err == io.EOF {
			return nil, false
		}
		if err != nil {
			r.err = &ErrUnreadable{Key: "survey.problem.broken", Err: err}
			return nil, false
		}
		if blankCells(cells) {
			continue
		}
		return r.read(cells, line), true
	}
}

func blankCells(cells []string) bool {
	for _, c := range cells {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

func (r *Reader) read(cells []string, line int) *Row {
	row := &r.row
	row.Line, row.UUID, row.SubmittedAt, row.Problems = line, "", time.Time{}, row.Problems[:0]
	for i := range r.vals {
		r.vals[i] = ""
	}
	var end time.Time
	var instance string
	for i, c := range r.cols {
		if i >= len(cells) || c.kind == colIgnore {
			continue
		}
		v := strings.TrimSpace(cells[i])
		switch c.kind {
		case colQuestion:
			r.vals[c.q] = v
		case colChoice:
			if !r.hasMain[c.q] && truthy(v) {
				if r.vals[c.q] != "" {
					r.vals[c.q] += " "
				}
				r.vals[c.q] += c.choice
			}
		case colUUID:
			row.UUID = v
		case colInstanceID:
			instance = strings.TrimPrefix(v, "uuid:")
		case colTime:
			if t, ok := r.dateTime(v); ok {
				row.SubmittedAt = t
			}
		case colEnd:
			if t, ok := r.dateTime(v); ok {
				end = t
			}
		case colVersion:
			if r.form.Version != "" && v != "" && v != r.form.Version {
				if r.version.n == 0 {
					r.version.first, r.version.value = line, v
				}
				r.version.n++
			}
		case colFormhub:
			if v == "" {
				break
			}
			if r.formhub == "" {
				r.formhub = v
			} else if v != r.formhub {
				row.Problems = append(row.Problems, Problem{Level: Error, Row: line, Column: r.headers[i], Key: "survey.problem.other_form", Value: v})
			}
		case colFormID:
			if v != "" && v != r.form.ID {
				row.Problems = append(row.Problems, Problem{Level: Error, Row: line, Column: r.headers[i], Key: "survey.problem.other_form", Value: v})
			}
		}
	}
	if len(cells) > len(r.cols) && !blankCells(cells[len(r.cols):]) {
		row.Problems = append(row.Problems, Problem{Level: Error, Row: line, Key: "survey.problem.extra_cells"})
	}
	for _, p := range r.check.Check(r.vals) {
		row.Problems = append(row.Problems, Problem{Level: Error, Row: line, Column: p.Path, Key: p.Key, Value: p.Value})
	}
	if row.UUID == "" {
		row.UUID = instance
	}
	r.answers = appendAnswers(r.answers[:0], r.form, r.vals)
	if row.UUID == "" {
		// No instance id: the answers themselves identify the row, so that loading the same
		// file twice does not double it.
		sum := sha256.Sum256(r.answers)
		row.UUID = "sha256:" + hex.EncodeToString(sum[:16])
	}
	// The ids are kept as hashes: a string cut from the CSV record would keep the whole line alive.
	var key [16]byte
	sum := sha256.Sum256([]byte(row.UUID))
	copy(key[:], sum[:])
	if first, dup := r.seen[key]; dup {
		row.Problems = append(row.Problems, Problem{Level: Error, Row: line, Column: "_uuid", Key: "survey.problem.duplicate_uuid",
			Value: strconv.Itoa(int(first))})
	} else {
		r.seen[key] = int32(line)
	}
	switch {
	case !row.SubmittedAt.IsZero():
	case !end.IsZero():
		row.SubmittedAt = end
	default:
		row.SubmittedAt = r.now
	}
	if row.SubmittedAt.After(r.now.Add(24 * time.Hour)) {
		row.Problems = append(row.Problems, Problem{Level: Error, Row: line, Column: "_submission_time", Key: "survey.value.impossible_date",
			Value: row.SubmittedAt.Format(time.RFC3339)})
	}
	row.Answers = r.answers
	row.Record = r.extract.record(r.vals, row.SubmittedAt)
	return row
}

// dateTime reads a submission time, or an Excel serial number in a workbook.
func (r *Reader) dateTime(v string) (time.Time, bool) {
	if t, ok := parseDateTime(v); ok {
		return t, true
	}
	if r.check.Serials {
		if n, err := strconv.ParseFloat(v, 64); err == nil && n >= 1 && n < 2958466 {
			base := time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
			return base.Add(time.Duration(n * 24 * float64(time.Hour))).Truncate(time.Second), true
		}
	}
	return time.Time{}, false
}
