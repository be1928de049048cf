package fairrec

import (
	"html"
	"strings"
)

// link is the target of an <a href>, kept because the tag stripper drops it: an apply link or
// a mailto: hidden behind "Postulez ici" counts as a way to apply, and a wa.me link as a
// messaging contact.
type link struct {
	href string
	pos  int // byte offset in the plain text where the link's text starts
}

// blockTags end a line of text: what follows them starts a new sentence for the checks.
var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "br": true, "dd": true,
	"div": true, "dl": true, "dt": true, "fieldset": true, "figcaption": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hr": true, "li": true, "main": true, "nav": true, "ol": true, "p": true,
	"pre": true, "section": true, "table": true, "tr": true, "ul": true,
}

// plainWriter builds the plain text: whitespace runs collapse to one space, or to one newline
// when they hold a line break, and nothing leads or trails.
type plainWriter struct {
	b       strings.Builder
	pending byte // ' ' or '\n' to write before the next visible character, 0 for none
}

func (w *plainWriter) space(c byte) {
	if w.b.Len() == 0 {
		return
	}
	if c == '\n' || w.pending == '\n' {
		w.pending = '\n'
	} else {
		w.pending = ' '
	}
}

func (w *plainWriter) text(s string) {
	for len(s) > 0 {
		if isSpace(s[0]) {
			w.space(s[0])
			s = s[1:]
			continue
		}
		// A run of words with single spaces between them is written at once.
		j := 1
		for j < len(s) {
			if c := s[j]; !isSpace(c) {
				j++
			} else if c == ' ' && j+1 < len(s) && !isSpace(s[j+1]) {
				j += 2
			} else {
				break
			}
		}
		if w.pending != 0 {
			w.b.WriteByte(w.pending)
			w.pending = 0
		}
		w.b.WriteString(s[:j])
		s = s[j:]
	}
}

func isSpace(c byte) bool {
	return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\f' || c == '\v'
}

// field appends one field of the offer, stripped of its tags, as a paragraph of its own.
func (w *plainWriter) field(s string, links *[]link) {
	w.space('\n')
	for len(s) > 0 {
		i := strings.IndexByte(s, '<')
		if i < 0 {
			w.chunk(s)
			return
		}
		w.chunk(s[:i])
		s = s[i:]
		n := w.tag(s, links)
		if n == 0 { // a lone '<', as in "salaire < 500 €"
			w.chunk("<")
			n = 1
		}
		s = s[n:]
	}
}

// chunk writes text found between tags, with its entities decoded.
func (w *plainWriter) chunk(s string) {
	if strings.IndexByte(s, '&') >= 0 {
		s = html.UnescapeString(s)
	}
	w.text(s)
}

// tag reads the tag that s starts with and returns its length, or 0 when s does not start
// with a tag. Comments are skipped, and so are script and style elements with their content.
func (w *plainWriter) tag(s string, links *[]link) int {
	if strings.HasPrefix(s, "<!--") {
		if j := strings.Index(s[4:], "-->"); j >= 0 {
			return 4 + j + 3
		}
		return len(s)
	}
	if len(s) < 2 || !(isASCIILetter(s[1]) || s[1] == '/' || s[1] == '!' || s[1] == '?') {
		return 0
	}
	end := strings.IndexByte(s, '>')
	if end < 0 {
		return 0
	}
	inner := s[1:end]
	closing := strings.HasPrefix(inner, "/")
	name := strings.TrimPrefix(inner, "/")
	k := 0
	for k < len(name) && (isASCIILetter(name[k]) || isDigit(name[k])) {
		k++
	}
	name = strings.ToLower(name[:k])
	switch {
	case !closing && (name == "script" || name == "style"):
		rest := s[end+1:]
		if j := indexFold(rest, "</"+name); j >= 0 {
			if k := strings.IndexByte(rest[j:], '>'); k >= 0 {
				return end + 1 + j + k + 1
			}
		}
		return len(s)
	case blockTags[name]:
		w.space('\n')
	case name == "td" || name == "th":
		w.space(' ')
	case name == "a" && !closing:
		if href := attr(inner, "href"); href != "" {
			pos := w.b.Len()
			if w.pending != 0 {
				pos++
			}
			*links = append(*links, link{href: href, pos: pos})
		}
	}
	return end + 1
}

// attr returns the value of the attribute name in the inside of a tag, entities decoded.
func attr(tag, name string) string {
	lower := strings.ToLower(tag)
	for from := 0; ; {
		i := strings.Index(lower[from:], name)
		if i < 0 {
			return ""
		}
		i += from
		from = i + len(name)
		if i == 0 || !(lower[i-1] == ' ' || lower[i-1] == '\t' || lower[i-1] == '\n') {
			continue
		}
		j := from
		for j < len(tag) && tag[j] == ' ' {
			j++
		}
		if j >= len(tag) || tag[j] != '=' {
			continue
		}
		j++
		for j < len(tag) && tag[j] == ' ' {
			j++
		}
		if j >= len(tag) {
			return ""
		}
		var v string
		if q := tag[j]; q == '"' || q == '\'' {
			k := strings.IndexByte(tag[j+1:], q)
			if k < 0 {
				v = tag[j+1:]
			} else {
				v = tag[j+1 : j+1+k]
			}
		} else {
			k := strings.IndexAny(tag[j:], " \t\n")
			if k < 0 {
				k = len(tag) - j
			}
			v = tag[j : j+k]
		}
		return strings.TrimSpace(html.UnescapeString(v))
	}
}

// indexFold is strings.Index for an ASCII lower-case needle, ignoring the case of s.
func indexFold(s, needle string) int {
	for i := 0; i+len(needle) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(needle)], needle) {
			return i
		}
	}
	return -1
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }
func isDigit(c byte) bool       { return '0' <= c && c <= '9' }
