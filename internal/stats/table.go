// Package stats holds the tables of the labour-migration indicators: cross-tabulations of one
// indicator for one period by up to two disaggregations, with their totals, and what is done to
// them before they leave the platform (small-cell suppression, ILOSTAT codes, exports).
package stats

import "strings"

// Total is the category code of a dimension's total, as in ILOSTAT (SEX_T…); a table's margins
// hold it.
const Total = "_T"

// Dim is a disaggregation of a table: its id (sex, age, destination, isco, isic, isced, region,
// channel, …) and its categories as ILOSTAT-style codes (SEX_F, CDS_DES_CIV, OCU_ISCO08_7…), in
// display order, without the total.
type Dim struct {
	ID     string
	Codes  []string
	Labels map[string]string // code → label in the reader's language; may be nil
}

// Cell is one observation. For a count, Value is the count of persons (or events) and Num the
// same; for a rate or share, Value = Num / Den × the indicator's factor. N is the number of
// records the cell rests on (unweighted for survey estimates): suppression looks at it.
type Cell struct {
	Num, Den   float64
	Value      float64
	N          int
	NoData     bool   // the denominator is zero, or nothing was recorded: "no data", not an error
	Suppressed bool   // withheld from publication (small cell, or to protect one)
	Primary    bool   // suppressed because it is small itself (the others protect it)
	Flag       string // survey quality flag: "" or "low_n" (unweighted n < 30) or "high_cv"
}

// Table is one indicator for one period by zero, one or two dimensions. Cells are keyed by the
// codes of each dimension joined with "|", the total of a dimension written Total: with
// dimensions sex × destination, "SEX_F|CDS_DES_CIV", "SEX_F|_T", "_T|CDS_DES_CIV" and "_T|_T".
type Table struct {
	Indicator string // LM-F01
	Title     string // the indicator's name in the reader's language, for charts; may be empty
	Period    string // 2025, 2025Q1, 202503, or 2025-01-01/2025-06-30
	Unit      string // persons, events, percent, ratio, count
	Factor    float64
	Rate      bool // Value is Num / Den × Factor
	Dims      []Dim
	Cells     map[string]*Cell
	Rule      string // the publication rule applied, said in exports ("" when unsuppressed)
}

// Key builds a cell key from one code per dimension.
func Key(codes ...string) string { return strings.Join(codes, "|") }

// Cell returns the cell at the codes, creating it.
func (t *Table) Cell(codes ...string) *Cell {
	if t.Cells == nil {
		t.Cells = map[string]*Cell{}
	}
	k := Key(codes...)
	c := t.Cells[k]
	if c == nil {
		c = &Cell{}
		t.Cells[k] = c
	}
	return c
}
