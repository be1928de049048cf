package ingest

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"
)

// The JSON sources write the same field as a string, a number, an object or a list of any of
// these, depending on the source and on the day. The types below read whatever comes and never
// fail, so that one odd field does not lose a whole document.

// text is a JSON value read as text: a string, a number or a boolean as written, the first
// non-empty element of a list, or the "name" (then "@value", "value") of an object.
type text string

func (t *text) UnmarshalJSON(b []byte) error {
	*t = text(readText(b, 0, "name", "@value", "value"))
	return nil
}

// valueText is text that prefers an object's "value" to its "name", for schema.org
// PropertyValue identifiers ({"name": "Acme", "value": "1234"}).
type valueText string

func (t *valueText) UnmarshalJSON(b []byte) error {
	*t = valueText(readText(b, 0, "value", "@value", "@id", "name"))
	return nil
}

// texts is every text of a JSON value: each element of a list, or the value alone.
type texts []string

func (t *texts) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*t = nil
	if len(b) > 0 && b[0] == '[' {
		var list []json.RawMessage
		_ = json.Unmarshal(b, &list)
		for _, e := range list {
			if s := strings.TrimSpace(readText(e, 1, "name", "@value", "value")); s != "" {
				*t = append(*t, s)
			}
		}
		return nil
	}
	if s := strings.TrimSpace(readText(b, 0, "name", "@value", "value")); s != "" {
		*t = texts{s}
	}
	return nil
}

// maxTextDepth bounds how deep readText looks into nested lists and objects.
const maxTextDepth = 4

func readText(b []byte, depth int, keys ...string) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 || depth > maxTextDepth {
		return ""
	}
	switch b[0] {
	case '"':
		if s, ok := unquoteJSON(b); ok {
			return s
		}
		var s string
		_ = json.Unmarshal(b, &s)
		return s
	case '[':
		var list []json.RawMessage
		_ = json.Unmarshal(b, &list)
		for _, e := range list {
			if s := readText(e, depth+1, keys...); strings.TrimSpace(s) != "" {
				return s
			}
		}
		return ""
	case '{':
		var obj map[string]json.RawMessage
		_ = json.Unmarshal(b, &obj)
		for _, k := range keys {
			v, ok := obj[k]
			if !ok {
				for name, val := range obj { // "Name", "Value" in PascalCase documents
					if strings.EqualFold(name, k) {
						v, ok = val, true
						break
					}
				}
			}
			if ok {
				if s := readText(v, depth+1, keys...); strings.TrimSpace(s) != "" {
					return s
				}
			}
		}
		return ""
	case 'n': // null
		return ""
	}
	return string(b) // a number or a boolean, as written
}

// list is a JSON list of T that also accepts a single T in place of the list.
type list[T any] []T

func (l *list[T]) UnmarshalJSON(b []byte) error {
	b = bytes.TrimSpace(b)
	*l = nil
	if len(b) == 0 || b[0] == 'n' {
		return nil
	}
	if b[0] == '[' {
		var s []T
		_ = json.Unmarshal(b, &s) // elements of the wrong type stay zero and are skipped later
		*l = s
		return nil
	}
	var one T
	if err := json.Unmarshal(b, &one); err == nil {
		*l = list[T]{one}
	}
	return nil
}

// objects splits a top-level JSON array into its elements, which must all be objects.
func objects(kind string, data []byte, what string) ([]json.RawMessage, error) {
	var elems []json.RawMessage
	if err := json.Unmarshal(data, &elems); err != nil {
		return nil, jsonProblem(kind, data, err)
	}
	for i, e := range elems {
		if t := jsonType(e); t != "an object" {
			return nil, docErr(kind, "not %s: element %d of the top-level array is %s, not an object", what, i, t)
		}
	}
	return elems, nil
}

// jsonType names the type of a JSON value in plain words.
func jsonType(b []byte) string {
	b = bytes.TrimSpace(b)
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '{':
		return "an object"
	case '[':
		return "an array"
	case '"':
		return "a string"
	case 't', 'f':
		return "a boolean"
	case 'n':
		return "null"
	}
	return "a number"
}

// checkJSON makes sure data is one JSON value, and says in plain words what is wrong if not.
func checkJSON(kind string, data []byte) error {
	if err := checkNotHTML(kind, data); err != nil {
		return err
	}
	if !json.Valid(data) {
		var v struct{}
		return jsonProblem(kind, data, json.Unmarshal(data, &v))
	}
	return nil
}

// checkNotHTML refuses an HTML page in place of JSON (a login page, an error page). A parser
// that calls it instead of checkJSON reads the document with encoding/json at once, which
// validates it, and reports a malformed document with jsonProblem.
func checkNotHTML(kind string, data []byte) error {
	if sniff(data) == formatHTML {
		return docErr(kind, "not JSON: the document is HTML")
	}
	return nil
}

// jsonProblem says in plain words why JSON could not be read.
func jsonProblem(kind string, data []byte, err error) error {
	if err == nil {
		return nil
	}
	return docErr(kind, "%s", jsonReason(data, err))
}

func jsonReason(data []byte, err error) string {
	var syn *json.SyntaxError
	var typ *json.UnmarshalTypeError
	switch {
	case errors.As(err, &syn) && syn.Error() == "unexpected end of JSON input":
		return fmt.Sprintf("truncated JSON at byte %d", len(data))
	case errors.As(err, &syn):
		return fmt.Sprintf("malformed JSON at byte %d: %s", syn.Offset, syn.Error())
	case errors.As(err, &typ):
		where := ""
		if typ.Field != "" {
			where = fmt.Sprintf(" in %q", typ.Field)
		}
		return fmt.Sprintf("unexpected JSON%s: found a %s", where, typ.Value)
	}
	return fmt.Sprintf("unreadable JSON: %v", err)
}

// unquoteJSON decodes a JSON string literal in one pass, to the same text as encoding/json
// (invalid UTF-8 and lone surrogates become U+FFFD). A description of several kilobytes is
// the largest field of an offer, and json.Unmarshal would validate it before decoding it,
// after the decoder of the whole document has already done so. ok is false when b is not
// one well-formed literal; the caller then asks encoding/json.
func unquoteJSON(b []byte) (s string, ok bool) {
	if len(b) < 2 || b[0] != '"' || b[len(b)-1] != '"' {
		return "", false
	}
	b = b[1 : len(b)-1]
	i := 0
	for i < len(b) && b[i] != '\\' && b[i] != '"' && b[i] >= 0x20 && b[i] < utf8.RuneSelf {
		i++
	}
	if i == len(b) {
		return string(b), true
	}
	out := make([]byte, i, len(b))
	copy(out, b[:i])
	for i < len(b) {
		switch c := b[i]; {
		case c == '\\':
			if i+1 == len(b) {
				return "", false
			}
			switch e := b[i+1]; e {
			case '"', '\\', '/':
				out = append(out, e)
			case 'b':
				out = append(out, '\b')
			case 'f':
				out = append(out, '\f')
			case 'n':
				out = append(out, '\n')
			case 'r':
				out = append(out, '\r')
			case 't':
				out = append(out, '\t')
			case 'u':
				r, ok := hex4(b[i:])
				if !ok {
					return "", false
				}
				i += 6
				if utf16.IsSurrogate(r) {
					if r2, ok := hex4(b[i:]); ok {
						if pair := utf16.DecodeRune(r, r2); pair != unicode.ReplacementChar {
							out = utf8.AppendRune(out, pair)
							i += 6
							continue
						}
					}
					r = unicode.ReplacementChar
				}
				out = utf8.AppendRune(out, r)
				continue
			default:
				return "", false
			}
			i += 2
		case c == '"' || c < 0x20:
			return "", false
		case c < utf8.RuneSelf:
			out = append(out, c)
			i++
		default:
			r, size := utf8.DecodeRune(b[i:])
			if r == utf8.RuneError && size == 1 {
				out = utf8.AppendRune(out, utf8.RuneError)
			} else {
				out = append(out, b[i:i+size]...)
			}
			i += size
		}
	}
	return string(out), true
}

// hex4 reads the \uXXXX escape at the start of b.
func hex4(b []byte) (rune, bool) {
	if len(b) < 6 || b[0] != '\\' || b[1] != 'u' {
		return 0, false
	}
	var r rune
	for _, c := range b[2:6] {
		switch {
		case '0' <= c && c <= '9':
			c -= '0'
		case 'a' <= c && c <= 'f':
			c = c - 'a' + 10
		case 'A' <= c && c <= 'F':
			c = c - 'A' + 10
		default:
			return 0, false
		}
		r = r<<4 | rune(c)
	}
	return r, true
}
