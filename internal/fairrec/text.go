package fairrec

import (
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// token is one word or number of the folded text, with the stretch of text it belongs to.
// The rules look at three scopes: the sentence; the clause (the sentence cut at ";" and at
// "mais", "but", "however"…); and the segment (the clause cut at commas and spaced dashes), so
// that in "logement pris en charge, caution de 100 000 F à verser" the employer paying for the
// lodging does not excuse the deposit.
type token struct {
	a, b   int32 // byte range in doc.fold
	seg    int32
	clause int32
	sent   int32
}

// doc is an offer prepared for the rules.
type doc struct {
	plain        string  // the offer's text fields, tags stripped: what evidence quotes
	fold         []byte  // plain in matching form
	offsets      offsets // maps fold back to plain
	toks         []token
	sents        []int32 // fold offset where each sentence starts
	hits         [numRoles][]hit
	segRoles     []uint64 // per segment, the roles (bit r) of the hits that start in it
	clauseRoles  []uint64
	sentRoles    []uint64
	segAmount    []uint8  // per segment, amountAny | amountPeriodic
	dirty        []int32  // dirty[s]: how many segments before s hold an amount or a demand (see clean)
	phoneToks    []int32  // tokens where telephone numbers start, found when first needed
	excuses      [2][]hit // the excuses that reach later and earlier segments, built when first needed
	excusesBuilt bool
	amounts      []amount
	salaryFrom   int32 // fold offset from which the text is the Salary field
	links        []link
	country      string
	scratch      *scratch // where fold and toks came from, back to the pool after Check
}

// scratch keeps a doc's two largest slices, about 9 KB an offer, from one Check to the next:
// they were a tenth of what an ingestion allocated (docs/PERFORMANCE.md, eighth round).
type scratch struct {
	fold []byte
	toks []token
}

var scratches = sync.Pool{New: func() any { return new(scratch) }}

// release gives the doc's slices back for the next one; the doc is not used after.
func (d *doc) release() {
	if sc := d.scratch; sc != nil && cap(d.fold) <= 256<<10 && cap(d.toks) <= 64<<10 {
		sc.fold, sc.toks = d.fold[:0], d.toks[:0]
		scratches.Put(sc)
	}
	d.scratch, d.fold, d.toks = nil, nil, nil
}

// newDoc strips, folds and cuts the text fields of o, finds the rules' words and the amounts.
func newDoc(o Offer) *doc {
	var w plainWriter
	d := &doc{country: strings.ToUpper(strings.TrimSpace(o.Country)), scratch: scratches.Get().(*scratch)}
	w.b.Grow(len(o.Title) + len(o.Description) + len(o.HowToApply) + len(o.Salary) + 8)
	w.field(o.Title, &d.links)
	w.field(o.Description, &d.links)
	w.field(o.HowToApply, &d.links)
	salaryFrom := w.b.Len()
	w.field(o.Salary, &d.links)
	d.plain = w.b.String()
	d.fold, d.offsets = fold(slices.Grow(d.scratch.fold[:0], len(d.plain)+16), d.plain)
	d.salaryFrom = d.offsets.foldAt(int32(salaryFrom))
	d.tokenize()
	d.findHits()
	d.findAmounts()
	d.dirty = make([]int32, len(d.segAmount)+1)
	for s := range d.segAmount {
		d.dirty[s+1] = d.dirty[s]
		if d.segAmount[s]&amountAny != 0 || d.segHas(int32(s), bit(roleDemand)|bit(roleWorkerPays)) {
			d.dirty[s+1]++
		}
	}
	return d
}

// Classes of bytes, for the tokenizer.
const (
	cOther uint8 = iota
	cLetter
	cDigit
	cSpace
	cHigh // a byte of a character beyond ASCII
)

var byteClass = func() (t [256]uint8) {
	for c := range t {
		switch {
		case 'a' <= c && c <= 'z':
			t[c] = cLetter
		case '0' <= c && c <= '9':
			t[c] = cDigit
		case c == ' ' || c == '\t' || c == '\r':
			t[c] = cSpace
		case c >= utf8.RuneSelf:
			t[c] = cHigh
		}
	}
	return t
}()

// cuts counts the sentences, clauses and segments while the tokenizer reads, and holds the
// tokens read so far.
type cuts struct {
	toks              []token
	seg, clause, sent int32
	inSent            bool // whether the current sentence has a token yet
}

func (c *cuts) sentence(d *doc, at int) {
	c.seg, c.clause = c.seg+1, c.clause+1
	if !c.inSent {
		d.sents[len(d.sents)-1] = int32(at)
		return
	}
	c.sent++
	d.sents = append(d.sents, int32(at))
	c.inSent = false
}

func (c *cuts) token(i, j int) {
	c.inSent = true
	c.toks = append(c.toks, token{a: int32(i), b: int32(j), seg: c.seg, clause: c.clause, sent: c.sent})
}

// tokenize cuts fold into tokens and marks the sentence, clause and segment boundaries.
func (d *doc) tokenize() {
	f := d.fold
	n := len(f)
	d.sents = append(make([]int32, 0, n/64+4), 0)
	cut := cuts{toks: slices.Grow(d.scratch.toks[:0], n/5+8)}
	for i := 0; i < n; {
		c := f[i]
		switch byteClass[c] {
		case cSpace:
			i++
		case cDigit:
			j := i + 1
			for j < n && byteClass[f[j]] == cDigit {
				j++
			}
			cut.token(i, j)
			i = j
		case cLetter, cHigh:
			if c >= utf8.RuneSelf && !isLetterAt(f, i) {
				r, size := utf8.DecodeRune(f[i:])
				switch r {
				case '•', '▪', '►', '▶', '■', '□', '◆', '●', '○', '✓', '✔', '★', '☆', '➢', '➤', '→', '\uf0a7', '\uf0b7':
					cut.sentence(d, i+size)
				case '·':
					cut.seg++
				}
				i += size
				continue
			}
			j := i
			for j < n {
				if k := byteClass[f[j]]; k == cLetter {
					j++
				} else if k == cHigh && isLetterAt(f, j) {
					_, size := utf8.DecodeRune(f[j:])
					j += size
				} else {
					break
				}
			}
			if j-i >= 3 && isContrast(f[i:j]) {
				cut.seg, cut.clause = cut.seg+1, cut.clause+1
			}
			cut.token(i, j)
			i = j
		default:
			switch c {
			case '\n':
				cut.sentence(d, i+1)
			case '.', '!', '?':
				if (i+1 == n || f[i+1] == ' ' || f[i+1] == '\n' || f[i+1] == '"' || f[i+1] == ')') &&
					!(c == '.' && abbreviation(f, cut.toks, i)) {
					cut.sentence(d, i+1)
				}
			case ';', '|':
				cut.seg, cut.clause = cut.seg+1, cut.clause+1
			case ',':
				if !(i > 0 && isDigit(f[i-1]) && i+1 < n && isDigit(f[i+1])) {
					cut.seg++
				}
			case '-':
				if i > 0 && f[i-1] == ' ' && i+1 < n && f[i+1] == ' ' {
					cut.seg++
				}
			}
			i++
		}
	}
	d.toks = cut.toks
}

// abbreviation reports whether the full stop at f[i] ends an abbreviation ("M. Koffi",
// "Tél. +228…", "approx. 50 USD") rather than a sentence.
func abbreviation(f []byte, toks []token, i int) bool {
	if len(toks) == 0 {
		return false
	}
	t := toks[len(toks)-1]
	if int(t.b) != i {
		return false
	}
	w := f[t.a:t.b]
	if len(w) == 1 {
		return !isDigit(w[0])
	}
	return is(w, "mr", "mme", "mlle", "dr", "pr", "me", "st", "ste", "tel", "art", "ref", "cf", "vs", "env", "approx", "ex", "no", "nr", "etc", "av", "bd")
}

func isLetterAt(f []byte, j int) bool {
	r, _ := utf8.DecodeRune(f[j:])
	return unicode.IsLetter(r)
}

// isContrast tells the words that open a new clause: what follows "mais" is not excused by what
// came before it.
func isContrast(w []byte) bool {
	switch string(w) {
	case "mais", "but", "however", "cependant", "toutefois", "pourtant", "neanmoins", "sauf",
		"except", "excepte", "hormis", "whereas", "tandis", "although":
		return true
	}
	return false
}

// word returns the text of token i.
func (d *doc) word(i int) []byte { return d.fold[d.toks[i].a:d.toks[i].b] }

// plainAt and plainEnd map fold offsets to the plain text (see offsets).
func (d *doc) plainAt(p int32) int { return int(d.offsets.plainAt(p)) }
func (d *doc) plainEnd(p int32) int {
	return int(d.offsets.plainEnd(p, int32(len(d.fold)), int32(len(d.plain))))
}

// tokenAt returns the index of the first token that ends after fold offset p, or len(toks).
func (d *doc) tokenAt(p int32) int {
	return sort.Search(len(d.toks), func(i int) bool { return d.toks[i].b > p })
}

// sentRange returns the fold range of sentence s.
func (d *doc) sentRange(s int32) (int32, int32) {
	a, b := d.sents[s], int32(len(d.fold))
	if int(s)+1 < len(d.sents) {
		b = d.sents[s+1]
	}
	return a, b
}
