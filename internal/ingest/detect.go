package ingest

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"mime"
	"path"
	"strings"
	"unicode/utf8"
)

// Detect guesses the kind of a document from its first bytes, its content type and its name:
// KindRSS, KindAtom, KindReliefWeb, KindJSONLD (a JSON-LD document, or an HTML page holding a
// schema.org JobPosting in a <script type="application/ld+json">), KindHROpen, KindCSV or
// KindXLSX; "" when it cannot tell. The content wins over the type and the name, which servers
// and users often get wrong; they are used when the content alone does not decide.
func Detect(data []byte, contentType, name string) string {
	hinted := hintedKind(contentType, name)
	switch sniff(data) {
	case formatXML:
		switch xmlRoot(data) {
		case "rss", "rdf":
			return KindRSS
		case "feed":
			return KindAtom
		}
	case formatHTML:
		if htmlHasJobPosting(data) {
			return KindJSONLD
		}
	case formatJSON:
		if k := detectJSON(data); k != "" {
			return k
		}
		if hinted == KindJSONLD {
			return KindJSONLD
		}
	case formatZip:
		if bytes.Contains(data, []byte("xl/workbook")) || hinted == KindXLSX {
			return KindXLSX
		}
	case formatText:
		if looksLikeTemplate(data) || hinted == KindCSV {
			return KindCSV
		}
	}
	return ""
}

// hintedKind is the kind a content type or a file name suggests.
func hintedKind(contentType, name string) string {
	if mt, _, err := mime.ParseMediaType(contentType); err == nil {
		switch mt {
		case "application/rss+xml", "application/rdf+xml":
			return KindRSS
		case "application/atom+xml":
			return KindAtom
		case "application/ld+json":
			return KindJSONLD
		case "text/csv", "application/csv", "text/comma-separated-values":
			return KindCSV
		case "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet":
			return KindXLSX
		}
	}
	switch strings.ToLower(path.Ext(name)) {
	case ".rss":
		return KindRSS
	case ".atom":
		return KindAtom
	case ".jsonld":
		return KindJSONLD
	case ".csv":
		return KindCSV
	case ".xlsx":
		return KindXLSX
	}
	return ""
}

type format int

const (
	formatEmpty format = iota
	formatBinary
	formatText
	formatXML
	formatHTML
	formatJSON
	formatZip
)

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// sniff tells what a document is made of from its first bytes.
func sniff(data []byte) format {
	if bytes.HasPrefix(data, []byte("PK\x03\x04")) {
		return formatZip
	}
	head := bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	if len(head) == 0 {
		return formatEmpty
	}
	switch head[0] {
	case '{', '[':
		return formatJSON
	case '<':
		lower := bytes.ToLower(head[:min(len(head), 512)])
		if bytes.HasPrefix(lower, []byte("<!doctype html")) || bytes.HasPrefix(lower, []byte("<html")) {
			return formatHTML
		}
		switch xmlRoot(data) {
		case "html", "head", "body":
			return formatHTML
		}
		return formatXML
	}
	if isText(head[:min(len(head), 4096)]) {
		return formatText
	}
	return formatBinary
}

// isText reports whether b reads as text in UTF-8 or a single-byte encoding: no NUL byte and
// hardly any control character.
func isText(b []byte) bool {
	controls := 0
	for _, c := range b {
		switch {
		case c == 0:
			return false
		case c < 0x20 && c != '\t' && c != '\r' && c != '\n':
			controls++
		}
	}
	return controls*100 <= len(b)
}

// xmlRoot returns the lower-case local name of the root element of an XML or HTML document,
// "" when there is none in its first 64 KB.
func xmlRoot(data []byte) string {
	d := xml.NewDecoder(bytes.NewReader(data[:min(len(data), 64<<10)]))
	d.Strict = false
	d.AutoClose = xml.HTMLAutoClose
	d.Entity = xml.HTMLEntity
	// Only the name of the root is wanted, which is ASCII in every encoding we meet.
	d.CharsetReader = func(_ string, r io.Reader) (io.Reader, error) { return r, nil }
	for range 1000 {
		tok, err := d.RawToken()
		if err != nil {
			return ""
		}
		if se, ok := tok.(xml.StartElement); ok {
			return strings.ToLower(se.Name.Local)
		}
	}
	return ""
}

// detectJSON tells a ReliefWeb response, a JSON-LD document and HR Open position openings
// apart by their keys, looking at the top object or the first element of a top array.
func detectJSON(data []byte) string {
	keys := jsonKeys(data, 0)
	if keys == nil {
		return ""
	}
	has := func(names ...string) bool {
		for _, n := range names {
			if _, ok := keys[n]; ok {
				return true
			}
		}
		return false
	}
	switch {
	case has("@context", "@type", "@graph"):
		return KindJSONLD
	case has("positionprofiles", "positiontitle", "positionopening", "positionopenings",
		"documentid", "positionuri", "positionformatteddescriptions"):
		return KindHROpen
	case has("fields", "totalcount", "career_categories", "how_to_apply", "job_type"):
		return KindReliefWeb
	case has("data"):
		var top struct {
			Data []json.RawMessage `json:"data"`
		}
		if json.Unmarshal(data, &top) == nil && len(top.Data) > 0 {
			if inner := jsonKeys(top.Data[0], 1); inner != nil {
				if _, ok := inner["fields"]; ok {
					return KindReliefWeb
				}
			}
		}
	}
	return ""
}

// jsonKeys returns the lower-case keys of the object data is, or of the first element of the
// array data is; nil when data is neither or is not valid JSON.
func jsonKeys(data []byte, depth int) map[string]json.RawMessage {
	data = bytes.TrimLeft(bytes.TrimPrefix(data, utf8BOM), " \t\r\n")
	if len(data) == 0 {
		return nil
	}
	if data[0] == '[' && depth < 2 {
		var list []json.RawMessage
		if json.Unmarshal(data, &list) != nil || len(list) == 0 {
			return nil
		}
		return jsonKeys(list[0], depth+1)
	}
	var obj map[string]json.RawMessage
	if data[0] != '{' || json.Unmarshal(data, &obj) != nil {
		return nil
	}
	keys := make(map[string]json.RawMessage, len(obj))
	for k, v := range obj {
		keys[strings.ToLower(k)] = v
	}
	return keys
}

// looksLikeTemplate reports whether the first line of a text document is a header made from
// the upload template: at least two of its column names, separated by , ; or a tab.
func looksLikeTemplate(data []byte) bool {
	data = bytes.TrimPrefix(data, utf8BOM)
	line, _, _ := bytes.Cut(data[:min(len(data), 4096)], []byte("\n"))
	if !utf8.Valid(line) {
		return false
	}
	sep := headerSeparator(string(line))
	known := 0
	for _, f := range strings.Split(string(line), string(sep)) {
		if templateColumn(f) != "" {
			known++
		}
	}
	return known >= 2
}
