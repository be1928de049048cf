package normalize

import (
	"bytes"
	"html"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/microcosm-cc/bluemonday"
)

// policy is the one bluemonday policy of the package. A bluemonday.Policy is safe for
// concurrent use once built, and it is never changed after newPolicy, so it is built once.
var policy = sync.OnceValue(newPolicy)

// newPolicy allows the small subset of HTML an offer needs to keep its structure: paragraphs,
// lists, emphasis, headings h2–h4, links and simple tables. There are no images (offers in
// feeds carry tracking pixels), no forms, frames, scripts or styles, and no class, id or style
// attribute: the portal's stylesheet decides how an offer looks.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "div", "br", "hr", "ul", "ol", "li", "dl", "dt", "dd", "strong", "em", "b", "i",
		"u", "sub", "sup", "h2", "h3", "h4", "blockquote",
		"table", "thead", "tbody", "tfoot", "tr", "th", "td", "caption")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("colspan", "rowspan").Matching(bluemonday.Integer).OnElements("td", "th")
	p.AllowURLSchemes("http", "https", "mailto")
	p.AllowRelativeURLs(false) // a relative link would point into the portal, not the source
	p.RequireParseableURLs(true)
	p.RequireNoFollowOnLinks(true) // adds rel="nofollow"; Sanitize adds "noopener"
	// A stripped tag (span, font, img…) leaves a space, so that words either side stay apart.
	p.AddSpaceWhenStrippingTag(true)
	return p
}

// sanitizeHTML is policy().Sanitize(s), written into a buffer kept from one call to the next:
// Sanitize grows a new one from empty for every text, 5 KB an offer. With the pools of
// requirements.go and fairrec, an ingestion allocates a quarter less (docs/PERFORMANCE.md, eighth
// round; its rate did not move measurably).
func sanitizeHTML(s string) string {
	b := sanitized.Get().(*bytes.Buffer)
	defer func() {
		if b.Cap() <= 256<<10 { // a rare long text's buffer is not kept
			b.Reset()
			sanitized.Put(b)
		}
	}()
	if err := policy().SanitizeReaderToWriter(strings.NewReader(s), b); err != nil {
		return "" // as Sanitize
	}
	return b.String()
}

var sanitized = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// maxHTML is the longest sanitised text kept, below the 200,000 bytes Job.Validate allows.
const maxHTML = 190000

// Sanitize returns html with only the safe subset of the policy above: p, div, br, hr, ul, ol,
// li, dl, dt, dd, strong, em, b, i, u, sub, sup, h2–h4 (h1 becomes h2, h5 and h6 become h4),
// blockquote, simple tables (colspan and rowspan only) and links. A link keeps only its href, when it is an absolute http, https or mailto URL, and
// gets rel="nofollow noopener"; any target is dropped. Images, scripts, styles, frames, forms,
// event handlers and class, id or style attributes are removed (the text of a script or style
// with them); "javascript:" left in the text is written "javascript&#58;". Text without any tag is taken as plain text: it is escaped, a blank line starts a
// new paragraph and a single line break becomes <br>. Whitespace-only input, or HTML without any
// visible text, gives "".
//
// Sanitize expects HTML as it is, unescaped once: what an RSS or Atom parser hands over for a
// description. A description escaped twice ("&lt;p&gt;Hello&lt;/p&gt;") has no tag, so it is
// taken as plain text and shows its tags as text — safe, but ugly; Job recognises that case and
// unescapes once before calling Sanitize.
func Sanitize(s string) string {
	out, _ := sanitize(s)
	return out
}

// sanitize is Sanitize; it also reports whether the result had to be cut to maxHTML bytes.
func sanitize(s string) (string, bool) {
	if strings.TrimSpace(s) == "" {
		return "", false
	}
	var out string
	if !hasTag(s) {
		out = plainToHTML(s)
	} else {
		out = addNoopener(sanitizeHTML(renameHeadings(s)))
		out = strings.TrimSpace(out)
		if strings.IndexByte(out, '<') < 0 {
			// Only text is left: a paragraph, as for plain text, so that sanitising again
			// gives the same.
			out = "<p>" + out + "</p>"
		}
	}
	if !hasVisibleText(out) {
		return "", false
	}
	out = defuseSchemes(out)
	if len(out) > maxHTML {
		return cutHTML(out, maxHTML), true
	}
	return out, false
}

// addNoopener turns the policy's rel="nofollow" into rel="nofollow noopener". rel comes only
// from the policy (a source's own rel is not let through), and a quote in text is escaped, so
// the quoted word can only be the policy's. (A hand-written loop: strings.ReplaceAll is several
// times slower here, its search stumbling on every space of the text.)
func addNoopener(s string) string {
	const old, repl = `"nofollow"`, `"nofollow noopener"`
	i := strings.Index(s, old)
	if i < 0 {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 2*len(" noopener"))
	for i >= 0 {
		b.WriteString(s[:i])
		b.WriteString(repl)
		s = s[i+len(old):]
		i = strings.Index(s, old)
	}
	b.WriteString(s)
	return b.String()
}

// defuseSchemes writes the colon of "javascript:" and "vbscript:" left in text (an offer
// asking for "JavaScript: React, Vue") as "&#58;": it shows the same, and no later step that
// unescapes and pastes the text into an attribute can turn it into a script URL. Links with
// those schemes are already gone.
func defuseSchemes(s string) string {
	var b strings.Builder
	last := 0
	for i := strings.IndexByte(s, ':'); i >= 0; {
		if endsWithFold(s[:i], "javascript") || endsWithFold(s[:i], "vbscript") {
			if b.Len() == 0 {
				b.Grow(len(s) + 8)
			}
			b.WriteString(s[last:i])
			b.WriteString("&#58;")
			last = i + 1
		}
		j := strings.IndexByte(s[i+1:], ':')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// endsWithFold reports whether s ends with the lower-case ASCII word w, in any case.
func endsWithFold(s, w string) bool {
	return len(s) >= len(w) && strings.EqualFold(s[len(s)-len(w):], w)
}

// hasTag reports whether s holds an HTML tag or comment: '<' and a known element name ("<p",
// "</li", "<BR/") or "<!". "a < b", "<3" and "salaire <USD 500>" are text: taking text for HTML
// would lose it, while taking HTML for text only shows its tags, escaped.
func hasTag(s string) bool {
	for i := strings.IndexByte(s, '<'); i >= 0 && i+1 < len(s); {
		j := i + 1
		if s[j] == '!' {
			return true
		}
		if s[j] == '/' {
			j++
		}
		k := j
		for k < len(s) && k-j < 12 && isASCIIAlnum(s[k]) {
			k++
		}
		if k > j && (k == len(s) || !isASCIIAlnum(s[k])) && htmlElements[strings.ToLower(s[j:k])] {
			return true
		}
		next := strings.IndexByte(s[i+1:], '<')
		if next < 0 {
			break
		}
		i += 1 + next
	}
	return false
}

// htmlElements are the element names hasTag knows: those of HTML that offers use, including
// the ones the policy removes.
var htmlElements = func() map[string]bool {
	m := map[string]bool{}
	for e := range strings.FieldsSeq(`a abbr address article aside audio b base big blockquote body br
		button canvas caption center cite code col colgroup dd del details dfn div dl dt em embed
		fieldset figcaption figure font footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr
		html i iframe img input ins kbd label legend li link main map mark math meta nav noscript
		object ol optgroup option p param picture pre q s samp script section select small source
		span strike strong style sub summary sup svg table tbody td template textarea tfoot th thead
		time title tr tt u ul var video wbr xml`) {
		m[e] = true
	}
	return m
}()

// plainToHTML turns plain text into paragraphs (split at blank lines) with <br> for single line
// breaks. Entities the text already holds ("&eacute;", "&amp;") are decoded first so that they
// are not escaped twice.
func plainToHTML(s string) string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	s = html.UnescapeString(s)
	var b strings.Builder
	b.Grow(len(s) + 64)
	for para := range strings.SplitSeq(s, "\n\n") {
		lines := make([]string, 0, 4)
		for line := range strings.SplitSeq(para, "\n") {
			if line = strings.Join(strings.Fields(line), " "); line != "" {
				lines = append(lines, html.EscapeString(line))
			}
		}
		if len(lines) == 0 {
			continue
		}
		b.WriteString("<p>")
		b.WriteString(strings.Join(lines, "<br>"))
		b.WriteString("</p>")
	}
	return b.String()
}

// renameHeadings demotes h1 to h2 and h5, h6 to h4, so that an offer's headings sit below the
// page's own h1. It works on the raw text before parsing; a false hit (inside an attribute
// value) is harmless since the policy runs afterwards.
func renameHeadings(s string) string {
	var b []byte
	for i := strings.IndexByte(s, '<'); i >= 0; {
		j := i + 1
		if j < len(s) && s[j] == '/' {
			j++
		}
		if j+1 < len(s) && s[j]|0x20 == 'h' && (j+2 == len(s) || !isASCIIAlnum(s[j+2])) {
			var to byte
			switch s[j+1] {
			case '1':
				to = '2'
			case '5', '6':
				to = '4'
			}
			if to != 0 {
				if b == nil {
					b = []byte(s)
				}
				b[j+1] = to
			}
		}
		k := strings.IndexByte(s[i+1:], '<')
		if k < 0 {
			break
		}
		i += 1 + k
	}
	if b == nil {
		return s
	}
	return string(b)
}

func isASCIIAlnum(c byte) bool {
	return c >= '0' && c <= '9' || c|0x20 >= 'a' && c|0x20 <= 'z'
}

// hasVisibleText reports whether sanitised HTML shows any text: something other than spaces
// outside the tags (an entity such as &nbsp; counts as space).
func hasVisibleText(s string) bool {
	inTag := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '<':
			inTag = true
		case c == '>':
			inTag = false
		case inTag:
		case c == '&':
			if rest := s[i:]; strings.HasPrefix(rest, "&nbsp;") || strings.HasPrefix(rest, "&#160;") {
				i += 5
				continue
			}
			return true
		case c < 0x80:
			if c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' {
				return true
			}
		default:
			r, size := utf8.DecodeRuneInString(s[i:])
			if !unicode.IsSpace(r) {
				return true
			}
			i += size - 1
		}
	}
	return false
}

// cutHTML cuts sanitised HTML before max bytes: at the last tag that starts there, so that no
// tag is cut in half (elements left open are closed by the browser at the end of their
// container), or, without any tag, at a character boundary outside an entity.
func cutHTML(s string, max int) string {
	if i := strings.LastIndexByte(s[:max], '<'); i > 0 {
		return s[:i]
	}
	i := max
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	if j := strings.LastIndexByte(s[:i], '&'); j >= 0 && !strings.Contains(s[j:i], ";") {
		i = j
	}
	return s[:i]
}
