package fairrec

import (
	"sort"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// offsets maps the folded text back to the plain text. Folding keeps ASCII as it is (but for
// case), so the two texts run in step except around other characters; a mark is written where
// they stop being in step: from fold offset mark.fold on, the plain offset is mark.plain plus
// the distance, or stays mark.plain over the bytes that one character folded to (frozen).
type offsets []mark

type mark struct {
	fold, plain int32
	frozen      bool
}

// fold appends to dst the matching form of s: lower case, without accents (compatibility
// decomposition, then combining marks dropped), with typographic apostrophes, quotes, dashes and
// spaces made plain, and invisible characters removed. It returns the marks that map it back to
// s: the matching form is what the rules compare; the marks lead a match back to the words as
// written.
//
// NFKD rather than NFD: compatibility decomposition also turns the "𝗪𝗵𝗮𝘁𝘀𝗔𝗽𝗽" of
// mathematical letters and the "ＷｈａｔｓＡｐｐ" of full-width ones, both used to slip
// past filters on social networks, and the non-breaking spaces of French numbers into plain
// letters and spaces. For French and English text the two forms agree.
func fold(dst []byte, s string) ([]byte, offsets) {
	marks := make(offsets, 0, 32)
	for i := 0; i < len(s); {
		// A run of ASCII is copied, then put in lower case.
		j := i
		for j < len(s) && s[j] < utf8.RuneSelf {
			j++
		}
		if j > i {
			k := len(dst)
			dst = append(dst, s[i:j]...)
			for ; k < len(dst); k++ {
				if c := dst[k]; 'A' <= c && c <= 'Z' {
					dst[k] = c + 'a' - 'A'
				}
			}
			i = j
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		at := int32(len(dst))
		dst = foldRune(dst, s[i:i+n])
		if len(dst) > int(at) {
			marks = marks.add(mark{fold: at, plain: int32(i), frozen: true})
		}
		i += n
		marks = marks.add(mark{fold: int32(len(dst)), plain: int32(i)})
	}
	return dst, marks
}

// add appends m, replacing a mark at the same fold offset.
func (o offsets) add(m mark) offsets {
	if n := len(o); n > 0 && o[n-1].fold == m.fold {
		o[n-1] = m
		return o
	}
	return append(o, m)
}

// plainAt returns the offset in the plain text of the character fold byte p came from.
func (o offsets) plainAt(p int32) int32 {
	k := sort.Search(len(o), func(i int) bool { return o[i].fold > p }) - 1
	if k < 0 {
		return p
	}
	if o[k].frozen {
		return o[k].plain
	}
	return o[k].plain + p - o[k].fold
}

// plainEnd returns the plain offset that ends a match ending at fold offset p: after the
// character of fold byte p-1, and after any accent dropped behind it. plainLen is the length
// of the plain text and foldLen of the folded one.
func (o offsets) plainEnd(p, foldLen, plainLen int32) int32 {
	if p >= foldLen {
		return plainLen
	}
	if p <= 0 {
		return o.plainAt(0)
	}
	// Inside the bytes of one character: go to their end.
	k := sort.Search(len(o), func(i int) bool { return o[i].fold > p-1 }) - 1
	if k >= 0 && o[k].frozen {
		if k+1 < len(o) {
			return o[k+1].plain
		}
		return plainLen
	}
	return o.plainAt(p)
}

// foldAt returns the fold offset of the plain offset q.
func (o offsets) foldAt(q int32) int32 {
	k := sort.Search(len(o), func(i int) bool { return o[i].plain > q }) - 1
	if k < 0 {
		return q
	}
	if o[k].frozen {
		return o[k].fold
	}
	return o[k].fold + q - o[k].plain
}

// latin holds the matching form of the Latin-1 and Latin Extended-A letters (À to ſ), the
// accented letters of French and of most names, so that they skip the decomposition tables.
var latin = func() (t [0x180 - 0xc0]string) {
	for r := rune(0xc0); r < 0x180; r++ {
		t[r-0xc0] = string(foldSlow(nil, string(r)))
	}
	return t
}()

// foldRune appends the matching form of the one character s.
func foldRune(dst []byte, s string) []byte {
	if r, _ := utf8.DecodeRuneInString(s); 0xc0 <= r && r < 0x180 {
		return append(dst, latin[r-0xc0]...)
	}
	return foldSlow(dst, s)
}

func foldSlow(dst []byte, s string) []byte {
	r, _ := utf8.DecodeRuneInString(s)
	switch r {
	case '\u2018', '\u2019', '\u201a', '\u201b', '\u02bc', '\u2032', '\u0060', '\u00b4':
		return append(dst, '\'')
	case '\u00ab', '\u00bb', '\u201c', '\u201d', '\u201e', '\u201f', '\u2039', '\u203a':
		return append(dst, '"')
	case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212':
		return append(dst, '-')
	case 'œ', 'Œ':
		return append(dst, 'o', 'e')
	case 'æ', 'Æ':
		return append(dst, 'a', 'e')
	case 'ß':
		return append(dst, 's', 's')
	case 'ø', 'Ø':
		return append(dst, 'o')
	case 'đ', 'Đ':
		return append(dst, 'd')
	case 'ł', 'Ł':
		return append(dst, 'l')
	case 'ı':
		return append(dst, 'i')
	case utf8.RuneError:
		return append(dst, ' ')
	}
	if unicode.In(r, unicode.Mn, unicode.Cf) { // combining marks; zero-width and soft hyphens
		return dst
	}
	d := norm.NFKD.PropertiesString(s).Decomposition()
	if d == nil {
		return appendLower(dst, r)
	}
	for len(d) > 0 {
		r, n := utf8.DecodeRune(d)
		d = d[n:]
		if !unicode.In(r, unicode.Mn, unicode.Cf) {
			dst = appendLower(dst, r)
		}
	}
	return dst
}

func appendLower(dst []byte, r rune) []byte {
	r = unicode.ToLower(r)
	if r < utf8.RuneSelf {
		return append(dst, byte(r))
	}
	return utf8.AppendRune(dst, r)
}

// foldString is fold for the rules' own words.
func foldString(s string) string {
	b, _ := fold(nil, s)
	return string(b)
}
