package stats

import (
	"fmt"
	"strings"
)

// DefaultThreshold is the smallest count published when no other is configured (INDICATORS.md,
// "Small cells").
const DefaultThreshold = 5

// LowN is the unweighted number of observations under which a survey estimate is flagged.
const LowN = 30

// Rules said in exports (Table.Rule). They are English sentences so that a page showing Rule as
// it is stays readable; RuleText translates them.
const (
	ruleCounts = "small cells under %d suppressed, with complementary suppression"
	ruleRates  = "rates on counts under %d suppressed, with complementary suppression"
	ruleLowN   = "survey estimates on fewer than %d observations flagged"
	ruleAll    = "table with more than two dimensions: all cells suppressed"
)

// ruleKeys are the catalogue's messages of the rules, with {n} for the %d.
var ruleKeys = map[string]string{
	ruleCounts: "stats.rule.counts",
	ruleRates:  "stats.rule.rates",
	ruleLowN:   "stats.rule.low_n",
	ruleAll:    "stats.rule.all",
}

// RuleText returns a Table.Rule in French ("fr", the default) or English ("en"). Each part of
// the rule (parts are separated by "; ") is translated when it is one of this package's; any
// other text is kept as it is.
func RuleText(rule, lang string) string {
	if rule == "" {
		return rule
	}
	parts := strings.Split(rule, "; ")
	for i, p := range parts {
		for format, key := range ruleKeys {
			if !strings.Contains(format, "%d") {
				if p == format {
					parts[i] = text(lang, key)
				}
				continue
			}
			var n int
			if _, err := fmt.Sscanf(p, format, &n); err == nil && fmt.Sprintf(format, n) == p {
				parts[i] = text(lang, key, "n", n)
			}
		}
	}
	return strings.Join(parts, text(lang, "stats.rule.sep"))
}

// addRule adds a part to t.Rule, replacing a part of the same kind.
func addRule(t *Table, format string, n int) {
	prefix, _, _ := strings.Cut(format, "%d")
	var kept []string
	for _, p := range strings.Split(t.Rule, "; ") {
		if p != "" && !strings.HasPrefix(p, prefix) {
			kept = append(kept, p)
		}
	}
	part := format
	if strings.Contains(format, "%d") {
		part = fmt.Sprintf(format, n)
	}
	t.Rule = strings.Join(append(kept, part), "; ")
}

// Suppress withholds the small cells of a table of zero, one or two dimensions and enough other
// cells that none of them can be recomputed from the published cells and totals. It marks cells
// Suppressed (and Primary for the small ones) without changing their values, so statisticians
// can still see them; exports leave suppressed values out. It replaces any earlier suppression
// of the table and sets Table.Rule. A threshold under 1 means DefaultThreshold.
//
// Primary suppression. For a count table, a cell whose count is 0 < n < threshold, n being the
// smaller of Value and N when N is set (a weighted survey count resting on 2 records is small).
// For a rate table (Table.Rate), a cell whose numerator or denominator (or N) is between 0 and
// the threshold, exclusive. Zeros are published: a true zero holds no person, ILOSTAT publishes
// zeros, and hiding them would suppress most of a sparse table; the disclosure a zero can make
// (everyone in a row is in one column) is a group disclosure that small-cell rules do not target.
//
// Complementary suppression treats every row and every column of the table, the margins
// included, as an equation "the cells sum to the total". A line with exactly one suppressed cell
// gives it away, so it gets a second one: the smallest non-zero category cell, else its total,
// else a zero cell. In a two-way table that is not enough (two protected blocks joined by a
// single suppressed cell give that cell away), so the suppressed cells, seen as edges between
// their row and column, must all lie on a cycle; a cell that does not gets another cell that
// closes one. Both are iterated until stable. No suppressed cell is then determined by the
// linear equations of the table (the published cells being known); its value can still be
// bounded when the complements are small, as with any cell-suppression method. For a rate table
// the equations are those of the numerators.
//
// Tables of more than two dimensions are not supported: all their cells are suppressed.
func Suppress(t *Table, threshold int) {
	if threshold < 1 {
		threshold = DefaultThreshold
	}
	for _, c := range t.Cells {
		c.Suppressed, c.Primary = false, false
	}
	if len(t.Dims) > 2 {
		for _, c := range t.Cells {
			c.Suppressed = true
		}
		addRule(t, ruleAll, 0)
		return
	}
	g := newGrid(t)
	g.primary(threshold)
	g.protect()
	g.apply()
	if t.Rate {
		addRule(t, ruleRates, threshold)
	} else {
		addRule(t, ruleCounts, threshold)
	}
}

// FlagLowN flags the survey estimates of a table that rest on fewer than minN unweighted
// observations (Cell.N) with Flag "low_n", clearing earlier "low_n" flags, and says so in
// Table.Rule. Cells without data are not flagged. A minN under 1 means LowN (30).
func FlagLowN(t *Table, minN int) {
	if minN < 1 {
		minN = LowN
	}
	for _, c := range t.Cells {
		if c.Flag == "low_n" {
			c.Flag = ""
		}
		if !c.NoData && c.N < minN && c.Flag == "" {
			c.Flag = "low_n"
		}
	}
	addRule(t, ruleLowN, minN)
}

// Clone returns a deep copy of the table, for instance to publish a suppressed copy while the
// statisticians' copy keeps everything.
func (t *Table) Clone() *Table {
	c := *t
	c.Dims = make([]Dim, len(t.Dims))
	for i, d := range t.Dims {
		d.Codes = append([]string(nil), d.Codes...)
		if d.Labels != nil {
			m := make(map[string]string, len(d.Labels))
			for k, v := range d.Labels {
				m[k] = v
			}
			d.Labels = m
		}
		c.Dims[i] = d
	}
	c.Cells = make(map[string]*Cell, len(t.Cells))
	for k, v := range t.Cells {
		cp := *v
		c.Cells[k] = &cp
	}
	return &c
}

// Cell kinds, in the order complements are chosen.
const (
	kindCategory   = iota // a cell of categories only
	kindMargin            // a row or column total
	kindGrandTotal        // the total of the table
)

// grid lays the cells of a table of up to two dimensions out in rows and columns, the totals
// last: a one-dimension table is one row, a table without dimension one cell.
type grid struct {
	t          *Table
	rows, cols []string // codes, Total last; cols is {""} for one dimension
	two        bool
	keys       []string
	weight     []float64 // the count (or numerator) the equations are about
	kind       []int
	sup, prim  []bool
}

func newGrid(t *Table) *grid {
	g := &grid{t: t, cols: []string{""}, rows: []string{""}}
	switch len(t.Dims) {
	case 1:
		g.rows = append(append([]string(nil), t.Dims[0].Codes...), Total)
	case 2:
		g.two = true
		g.rows = append(append([]string(nil), t.Dims[0].Codes...), Total)
		g.cols = append(append([]string(nil), t.Dims[1].Codes...), Total)
	}
	n := len(g.rows) * len(g.cols)
	g.keys = make([]string, n)
	g.weight = make([]float64, n)
	g.kind = make([]int, n)
	g.sup = make([]bool, n)
	g.prim = make([]bool, n)
	for i, r := range g.rows {
		for j, c := range g.cols {
			k := i*len(g.cols) + j
			switch {
			case len(t.Dims) == 0:
				g.keys[k] = Key()
			case g.two:
				g.keys[k] = Key(r, c)
			default:
				g.keys[k] = Key(r)
			}
			rt, ct := r == Total, c == Total
			switch {
			case len(t.Dims) == 0 || (rt && ct) || (!g.two && rt):
				g.kind[k] = kindGrandTotal
			case rt || ct:
				g.kind[k] = kindMargin
			}
			if cell := t.Cells[g.keys[k]]; cell != nil {
				g.weight[k] = weight(t, cell)
			}
		}
	}
	return g
}

// weight is what a cell's equation is about: the count of a count table, the numerator of a
// rate.
func weight(t *Table, c *Cell) float64 {
	if c.NoData {
		return 0
	}
	if t.Rate {
		return c.Num
	}
	return c.Value
}

// small reports whether a cell must be suppressed for itself.
func small(t *Table, c *Cell, threshold int) bool {
	th := float64(threshold)
	in := func(v float64) bool { return v > 0 && v < th }
	if c.NoData {
		return false
	}
	if c.N > 0 && c.N < threshold {
		return true
	}
	if t.Rate {
		return in(c.Num) || in(c.Den)
	}
	return in(c.Value)
}

func (g *grid) primary(threshold int) {
	for k, key := range g.keys {
		if c := g.t.Cells[key]; c != nil && small(g.t, c, threshold) {
			g.sup[k], g.prim[k] = true, true
		}
	}
}

// lines returns the equations of the table as lists of cell indexes: each row, and each column
// of a two-way table.
func (g *grid) lines() [][]int {
	nc := len(g.cols)
	var out [][]int
	switch len(g.t.Dims) {
	case 0:
		return nil
	case 1:
		l := make([]int, len(g.rows))
		for i := range l {
			l[i] = i
		}
		return [][]int{l}
	}
	for i := range g.rows {
		l := make([]int, nc)
		for j := range l {
			l[j] = i*nc + j
		}
		out = append(out, l)
	}
	if g.two {
		for j := range g.cols {
			l := make([]int, len(g.rows))
			for i := range l {
				l[i] = i*nc + j
			}
			out = append(out, l)
		}
	}
	return out
}

// better reports whether cell a is a better complement than cell b: non-zero before zero, a
// category before a margin before the grand total, then the smaller.
func (g *grid) better(a, b int) bool {
	za, zb := g.weight[a] == 0, g.weight[b] == 0
	if za != zb {
		return zb
	}
	if g.kind[a] != g.kind[b] {
		return g.kind[a] < g.kind[b]
	}
	if g.weight[a] != g.weight[b] {
		return g.weight[a] < g.weight[b]
	}
	return a < b
}

// protect adds complementary suppressions until every line has zero or at least two suppressed
// cells and, in a two-way table, every suppressed cell lies on a cycle.
func (g *grid) protect() {
	lines := g.lines()
	// Each round suppresses one more cell, so len(g.sup) rounds is a bound, not a limit met.
	for range len(g.sup) + 1 {
		for changed := true; changed; {
			changed = false
			for _, l := range lines {
				if len(l) < 2 {
					continue
				}
				n, best := 0, -1
				for _, k := range l {
					if g.sup[k] {
						n++
					} else if best < 0 || g.better(k, best) {
						best = k
					}
				}
				if n == 1 && best >= 0 {
					g.sup[best] = true
					changed = true
				}
			}
		}
		if !g.two || !g.closeBridge() {
			return
		}
	}
}

// closeBridge finds a suppressed cell that lies on no cycle of suppressed cells (a bridge of the
// graph whose nodes are the rows and columns and whose edges are the suppressed cells: such a
// cell is determined by the equations) and suppresses the best cell joining the two sides. It
// reports whether it found one.
func (g *grid) closeBridge() bool {
	nr, nc := len(g.rows), len(g.cols)
	adj := make([][]int, nr+nc) // node → suppressed cells at it
	for k, s := range g.sup {
		if s {
			i, j := k/nc, k%nc
			adj[i] = append(adj[i], k)
			adj[nr+j] = append(adj[nr+j], k)
		}
	}
	other := func(node, k int) int {
		if node < nr {
			return nr + k%nc
		}
		return k / nc
	}
	// Tarjan's bridges, depth first from every node.
	disc := make([]int, nr+nc)
	low := make([]int, nr+nc)
	for i := range disc {
		disc[i] = -1
	}
	time, bridge := 0, -1
	var dfs func(u, via int)
	dfs = func(u, via int) {
		disc[u], low[u] = time, time
		time++
		for _, k := range adj[u] {
			if k == via || bridge >= 0 {
				continue
			}
			v := other(u, k)
			if disc[v] < 0 {
				dfs(v, k)
				low[u] = min(low[u], low[v])
				if low[v] > disc[u] && bridge < 0 {
					bridge = k
				}
			} else {
				low[u] = min(low[u], disc[v])
			}
		}
	}
	for u := range adj {
		if disc[u] < 0 && len(adj[u]) > 0 && bridge < 0 {
			dfs(u, -1)
		}
	}
	if bridge < 0 {
		return false
	}
	// The two sides of the bridge, without it.
	side := make([]int, nr+nc) // 0 neither, 1 the row's side, 2 the column's side
	var mark func(u, s int)
	mark = func(u, s int) {
		side[u] = s
		for _, k := range adj[u] {
			if v := other(u, k); k != bridge && side[v] == 0 {
				mark(v, s)
			}
		}
	}
	mark(bridge/nc, 1)
	mark(nr+bridge%nc, 2)
	best := -1
	for k := range g.sup {
		if g.sup[k] {
			continue
		}
		a, b := side[k/nc], side[nr+k%nc]
		if a != 0 && b != 0 && a != b && (best < 0 || g.better(k, best)) {
			best = k
		}
	}
	if best < 0 {
		// Cannot happen: every node of a protected line has two suppressed cells, so each side
		// holds a row and a column. Suppress the bridge's whole row rather than publish it.
		i, changed := bridge/nc, false
		for j := range nc {
			changed = changed || !g.sup[i*nc+j]
			g.sup[i*nc+j] = true
		}
		return changed
	}
	g.sup[best] = true
	return true
}

// apply writes the suppression marks into the table's cells, creating missing ones that are
// suppressed (a missing cell reads as zero).
func (g *grid) apply() {
	for k, key := range g.keys {
		if !g.sup[k] {
			continue
		}
		c := g.t.Cells[key]
		if c == nil {
			if g.t.Cells == nil {
				g.t.Cells = map[string]*Cell{}
			}
			c = &Cell{NoData: g.t.Rate}
			g.t.Cells[key] = c
		}
		c.Suppressed, c.Primary = true, g.prim[k]
	}
}
