package stats

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
)

// countTable builds a count table from category cells; the margins are their sums. With one
// row code of "", the table has one dimension.
func countTable(rows, cols []string, v [][]int) *Table {
	t := &Table{Indicator: "LM-F01", Period: "2024", Unit: "persons", Factor: 1}
	if len(cols) == 0 {
		t.Dims = []Dim{{ID: "destination", Codes: rows}}
		tot := 0
		for i, r := range rows {
			t.Cell(r).Value = float64(v[i][0])
			tot += v[i][0]
		}
		t.Cell(Total).Value = float64(tot)
		return t
	}
	t.Dims = []Dim{{ID: "sex", Codes: rows}, {ID: "destination", Codes: cols}}
	colTot := make([]int, len(cols))
	grand := 0
	for i, r := range rows {
		rowTot := 0
		for j, c := range cols {
			t.Cell(r, c).Value = float64(v[i][j])
			rowTot += v[i][j]
			colTot[j] += v[i][j]
		}
		t.Cell(r, Total).Value = float64(rowTot)
		grand += rowTot
	}
	for j, c := range cols {
		t.Cell(Total, c).Value = float64(colTot[j])
	}
	t.Cell(Total, Total).Value = float64(grand)
	for _, c := range t.Cells {
		c.Num = c.Value
		c.N = int(c.Value)
	}
	return t
}

func suppressed(t *Table) []string {
	var out []string
	for k, c := range t.Cells {
		if c.Suppressed {
			out = append(out, k)
		}
	}
	slices.Sort(out)
	return out
}

func TestSuppressOneDimension(t *testing.T) {
	for _, tc := range []struct {
		name string
		v    []int
		want []string
	}{
		{"nothing small", []int{5, 10, 0}, nil},
		{"zero is published", []int{0, 10, 12}, nil},
		{"small cell and the smallest other", []int{3, 12, 10, 40}, []string{"A", "C"}},
		{"two small cells protect each other", []int{3, 4, 10}, []string{"A", "B"}},
		{"complement skips zeros", []int{3, 0, 9, 20}, []string{"A", "C"}},
		{"only one non-zero cell: the total goes too", []int{3, 0}, []string{"A", Total}},
		{"single category", []int{3}, []string{"A", Total}},
		{"small total", []int{1, 2}, []string{"A", "B", Total}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			codes := []string{"A", "B", "C", "D"}[:len(tc.v)]
			v := make([][]int, len(tc.v))
			for i, x := range tc.v {
				v[i] = []int{x}
			}
			tab := countTable(codes, nil, v)
			Suppress(tab, 5)
			if got := suppressed(tab); !slices.Equal(got, tc.want) {
				t.Errorf("suppressed %v, want %v", got, tc.want)
			}
			if tab.Rule != "small cells under 5 suppressed, with complementary suppression" {
				t.Errorf("Rule = %q", tab.Rule)
			}
			checkProtected(t, tab, 5)
		})
	}
}

func TestSuppressTwoDimensions(t *testing.T) {
	// F row: 2 is small. Its row takes (F,B)=10, the smallest other; column A takes (M,A)=12;
	// column B, left with one, takes (M,B)=15, which also completes row M: a 2×2 block.
	tab := countTable([]string{"SEX_F", "SEX_M"}, []string{"A", "B", "C"}, [][]int{{2, 10, 20}, {12, 15, 30}})
	Suppress(tab, 5)
	want := []string{"SEX_F|A", "SEX_F|B", "SEX_M|A", "SEX_M|B"}
	if got := suppressed(tab); !slices.Equal(got, want) {
		t.Fatalf("suppressed %v, want %v", got, want)
	}
	if !tab.Cells["SEX_F|A"].Primary || tab.Cells["SEX_F|B"].Primary {
		t.Error("Primary marks wrong")
	}
	checkProtected(t, tab, 5)

	// A single row: a one-by-n table whose column lines hold one category and the margin.
	tab = countTable([]string{"SEX_F"}, []string{"A", "B", "C"}, [][]int{{2, 10, 20}})
	Suppress(tab, 5)
	checkProtected(t, tab, 5)

	// Re-suppressing with another threshold starts afresh.
	tab = countTable([]string{"SEX_F", "SEX_M"}, []string{"A", "B"}, [][]int{{7, 10}, {12, 15}})
	Suppress(tab, 8)
	if len(suppressed(tab)) == 0 {
		t.Fatal("7 < 8 not suppressed")
	}
	Suppress(tab, 5)
	if got := suppressed(tab); len(got) != 0 {
		t.Errorf("threshold 5 still suppresses %v", got)
	}
}

func TestSuppressBridge(t *testing.T) {
	// Two small cells far apart whose complements, chosen line by line, could join two blocks by
	// a single cell; whatever the pattern, every suppressed cell must lie on a cycle.
	v := [][]int{
		{1, 50, 60, 70, 80},
		{50, 2, 60, 70, 80},
		{90, 90, 90, 90, 3},
		{90, 90, 90, 4, 90},
	}
	tab := countTable([]string{"r1", "r2", "r3", "r4"}, []string{"c1", "c2", "c3", "c4", "c5"}, v)
	Suppress(tab, 5)
	checkProtected(t, tab, 5)
}

func TestSuppressZeroDimensions(t *testing.T) {
	tab := &Table{Indicator: "LM-P02", Period: "2025", Unit: "count"}
	tab.Cell().Value = 3
	Suppress(tab, 5)
	if !tab.Cell().Suppressed {
		t.Error("a lone 3 is published")
	}
	tab.Cell().Value = 0
	Suppress(tab, 5)
	if tab.Cell().Suppressed {
		t.Error("a lone 0 is suppressed")
	}
}

func TestSuppressRates(t *testing.T) {
	// Share of women by destination: numerator women, denominator everyone.
	tab := &Table{Indicator: "LM-F02", Period: "2025", Unit: "percent", Factor: 100, Rate: true,
		Dims: []Dim{{ID: "destination", Codes: []string{"CDS_DES_CIV", "CDS_DES_GHA", "CDS_DES_FRA", "CDS_DES_NGA"}}}}
	set := func(code string, num, den float64) {
		c := tab.Cell(code)
		c.Num, c.Den, c.N = num, den, int(den)
		if den == 0 {
			c.NoData = true
			return
		}
		c.Value = num / den * 100
	}
	set("CDS_DES_CIV", 40, 100) // published
	set("CDS_DES_GHA", 6, 10)   // published unless needed as a complement
	set("CDS_DES_FRA", 2, 30)   // numerator 2: primary
	set("CDS_DES_NGA", 0, 0)    // no data
	set(Total, 48, 140)
	Suppress(tab, 5)
	if !tab.Cell("CDS_DES_FRA").Primary {
		t.Error("rate on a numerator of 2 published")
	}
	if !tab.Cell("CDS_DES_GHA").Suppressed {
		t.Error("the smallest other numerator (6) should protect the 2")
	}
	if tab.Cell("CDS_DES_CIV").Suppressed || tab.Cell(Total).Suppressed || tab.Cell("CDS_DES_NGA").Suppressed {
		t.Errorf("over-suppression: %v", suppressed(tab))
	}
	if !strings.HasPrefix(tab.Rule, "rates on counts under 5") {
		t.Errorf("Rule = %q", tab.Rule)
	}
	// A small denominator suppresses a rate with a zero numerator too.
	set("CDS_DES_CIV", 0, 3)
	Suppress(tab, 5)
	if !tab.Cell("CDS_DES_CIV").Primary {
		t.Error("rate on a denominator of 3 published")
	}
}

func TestFlagLowN(t *testing.T) {
	tab := countTable([]string{"A", "B"}, nil, [][]int{{12}, {40}})
	tab.Cell("A").N, tab.Cell("B").N, tab.Cell(Total).N = 12, 40, 52
	tab.Cell("B").NoData = false
	Suppress(tab, 5)
	FlagLowN(tab, 0)
	if tab.Cell("A").Flag != "low_n" || tab.Cell("B").Flag != "" || tab.Cell(Total).Flag != "" {
		t.Errorf("flags: %q %q %q", tab.Cell("A").Flag, tab.Cell("B").Flag, tab.Cell(Total).Flag)
	}
	want := "small cells under 5 suppressed, with complementary suppression; survey estimates on fewer than 30 observations flagged"
	if tab.Rule != want {
		t.Errorf("Rule = %q", tab.Rule)
	}
	if got := RuleText(tab.Rule, "fr"); got != "petits effectifs (moins de 5) masqués, avec masquage secondaire ; estimations d'enquête reposant sur moins de 30 observations signalées" {
		t.Errorf("RuleText fr = %q", got)
	}
	if got := RuleText(tab.Rule+"; a rule of elsewhere", "en"); got != want+"; a rule of elsewhere" {
		t.Errorf("RuleText en = %q", got)
	}
	FlagLowN(tab, 0) // idempotent
	if strings.Count(tab.Rule, "flagged") != 1 {
		t.Errorf("Rule repeated: %q", tab.Rule)
	}
}

// checkProtected checks a suppressed table: every small cell is suppressed; the attack of a
// reader who solves, again and again, every row or column equation with one unknown recovers no
// suppressed cell; and, stronger, no suppressed cell is determined by the equations at all (in
// a two-way table, every suppressed cell lies on a cycle of suppressed cells).
func checkProtected(t *testing.T, tab *Table, threshold int) {
	t.Helper()
	g := newGrid(tab)
	for k, key := range g.keys {
		c := tab.Cells[key]
		if c != nil && c.Value > 0 && c.Value < float64(threshold) && !c.Suppressed {
			t.Errorf("small cell %s = %v published", key, c.Value)
		}
		g.sup[k] = c != nil && c.Suppressed
	}
	// The attack: what is published is known; equations are lines summing to their total.
	known := make([]bool, len(g.keys))
	val := make([]float64, len(g.keys))
	for k := range g.keys {
		known[k] = !g.sup[k]
		if known[k] {
			val[k] = g.weight[k]
		}
	}
	nc := len(g.cols)
	lines := attackLines(tab)
	index := map[string]int{}
	for k, key := range g.keys {
		index[key] = k
	}
	for _, l := range lines {
		for _, key := range l.keys {
			l.idx = append(l.idx, index[key])
		}
	}
	for changed := true; changed; {
		changed = false
		for _, line := range lines {
			l := line.idx
			if len(l) < 2 {
				continue
			}
			unknown, sum := -1, 0.0
			n := 0
			for _, k := range l {
				if !known[k] {
					unknown, n = k, n+1
					continue
				}
				// The total (last) equals the sum of the others.
				if isTotalIndex(g, k, l) {
					sum += val[k]
				} else {
					sum -= val[k]
				}
			}
			if n != 1 {
				continue
			}
			if isTotalIndex(g, unknown, l) {
				val[unknown] = -sum
			} else {
				val[unknown] = sum
			}
			known[unknown] = true
			changed = true
			t.Errorf("attack recovered %s = %v (true %v)", g.keys[unknown], val[unknown], g.weight[unknown])
		}
	}
	if !g.two {
		return
	}
	// Exact linear attack: a suppressed cell is determined iff it lies on no cycle of the
	// bipartite graph rows–columns whose edges are the suppressed cells.
	nr := len(g.rows)
	for e, s := range g.sup {
		if !s {
			continue
		}
		from, to := e/nc, nr+e%nc
		seen := make([]bool, nr+nc)
		stack := []int{from}
		seen[from] = true
		for len(stack) > 0 && !seen[to] {
			u := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			for k, s2 := range g.sup {
				if !s2 || k == e {
					continue
				}
				a, b := k/nc, nr+k%nc
				if a == u && !seen[b] {
					seen[b] = true
					stack = append(stack, b)
				} else if b == u && !seen[a] {
					seen[a] = true
					stack = append(stack, a)
				}
			}
		}
		if !seen[to] {
			t.Errorf("suppressed %s lies on no cycle: the table's equations determine it", g.keys[e])
		}
	}
}

// attackLine is an equation of the table as its reader sees it: the cells, the total last.
type attackLine struct {
	keys []string
	idx  []int
}

// attackLines lists the equations of a table from its dimensions alone.
func attackLines(tab *Table) []*attackLine {
	switch len(tab.Dims) {
	case 0:
		return nil
	case 1:
		l := &attackLine{}
		for _, c := range append(slices.Clone(tab.Dims[0].Codes), Total) {
			l.keys = append(l.keys, Key(c))
		}
		return []*attackLine{l}
	}
	rows := append(slices.Clone(tab.Dims[0].Codes), Total)
	cols := append(slices.Clone(tab.Dims[1].Codes), Total)
	var out []*attackLine
	for _, r := range rows {
		l := &attackLine{}
		for _, c := range cols {
			l.keys = append(l.keys, Key(r, c))
		}
		out = append(out, l)
	}
	for _, c := range cols {
		l := &attackLine{}
		for _, r := range rows {
			l.keys = append(l.keys, Key(r, c))
		}
		out = append(out, l)
	}
	return out
}

// isTotalIndex reports whether cell k is the total of line l (its last cell).
func isTotalIndex(_ *grid, k int, l []int) bool { return k == l[len(l)-1] }

// randomTable draws a two-way count table with many small cells and zeros.
func randomTable(r *rand.Rand, maxDim int) *Table {
	nr, nc := 1+r.IntN(maxDim), 1+r.IntN(maxDim)
	rows, cols := make([]string, nr), make([]string, nc)
	for i := range rows {
		rows[i] = fmt.Sprintf("R%d", i)
	}
	for j := range cols {
		cols[j] = fmt.Sprintf("C%d", j)
	}
	v := make([][]int, nr)
	for i := range v {
		v[i] = make([]int, nc)
		for j := range v[i] {
			switch r.IntN(4) {
			case 0:
				v[i][j] = 0
			case 1:
				v[i][j] = 1 + r.IntN(6)
			default:
				v[i][j] = r.IntN(200)
			}
		}
	}
	return countTable(rows, cols, v)
}

// checkSums checks that the category cells of a two-way table sum to its margins.
func checkSums(t *testing.T, tab *Table) {
	t.Helper()
	d0, d1 := tab.Dims[0].Codes, tab.Dims[1].Codes
	grand := 0.0
	for _, r := range d0 {
		s := 0.0
		for _, c := range d1 {
			s += tab.Cells[Key(r, c)].Value
		}
		if s != tab.Cells[Key(r, Total)].Value {
			t.Fatalf("row %s sums to %v, total %v", r, s, tab.Cells[Key(r, Total)].Value)
		}
		grand += s
	}
	for _, c := range d1 {
		s := 0.0
		for _, r := range d0 {
			s += tab.Cells[Key(r, c)].Value
		}
		if s != tab.Cells[Key(Total, c)].Value {
			t.Fatalf("column %s sums to %v, total %v", c, s, tab.Cells[Key(Total, c)].Value)
		}
	}
	if grand != tab.Cells[Key(Total, Total)].Value {
		t.Fatalf("grand total %v, cells sum to %v", tab.Cells[Key(Total, Total)].Value, grand)
	}
}

func checkRandom(t *testing.T, r *rand.Rand, threshold, maxDim int) {
	t.Helper()
	tab := randomTable(r, maxDim)
	checkSums(t, tab)
	before := tab.Clone()
	Suppress(tab, threshold)
	checkProtected(t, tab, threshold)
	for k, c := range tab.Cells {
		b := before.Cells[k]
		if b == nil {
			continue // created to be suppressed
		}
		if c.Value != b.Value || c.Num != b.Num || c.N != b.N {
			t.Fatalf("cell %s changed: %+v → %+v", k, *b, *c)
		}
	}
	checkSums(t, tab)
}

func TestSuppressProperty(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	for range 3000 {
		checkRandom(t, r, 2+r.IntN(9), 8)
		if t.Failed() {
			return
		}
	}
}

func FuzzSuppress(f *testing.F) {
	f.Add(uint64(1), uint8(5), uint8(6))
	f.Add(uint64(42), uint8(10), uint8(3))
	f.Add(uint64(7), uint8(3), uint8(12))
	f.Fuzz(func(t *testing.T, seed uint64, threshold, maxDim uint8) {
		r := rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15))
		checkRandom(t, r, 1+int(threshold%20), 1+int(maxDim%15))
	})
}

func BenchmarkSuppress(b *testing.B) {
	r := rand.New(rand.NewPCG(3, 4))
	rows, cols := make([]string, 60), make([]string, 50)
	for i := range rows {
		rows[i] = fmt.Sprint("R", i)
	}
	for j := range cols {
		cols[j] = fmt.Sprint("C", j)
	}
	v := make([][]int, len(rows))
	for i := range v {
		v[i] = make([]int, len(cols))
		for j := range v[i] {
			v[i][j] = r.IntN(40)
		}
	}
	tab := countTable(rows, cols, v)
	b.ResetTimer()
	for range b.N {
		Suppress(tab, 5)
	}
}

func TestSuppressDegenerate(t *testing.T) {
	// A dimension without categories leaves lines of one cell: Suppress must end.
	tab := &Table{Dims: []Dim{{ID: "sex"}, {ID: "destination", Codes: []string{"A", "B"}}}}
	tab.Cell(Total, "A").Value, tab.Cell(Total, "B").Value, tab.Cell(Total, Total).Value = 2, 10, 12
	Suppress(tab, 5)
	if !tab.Cell(Total, "A").Suppressed || !tab.Cell(Total, "B").Suppressed {
		t.Errorf("suppressed %v", suppressed(tab))
	}
	tab = &Table{Dims: []Dim{{ID: "sex"}}}
	tab.Cell(Total).Value = 3
	Suppress(tab, 5)
	if !tab.Cell(Total).Suppressed {
		t.Error("lone small total published")
	}
	// Three dimensions are not supported: nothing is published.
	tab = &Table{Dims: []Dim{{ID: "a", Codes: []string{"x"}}, {ID: "b", Codes: []string{"y"}}, {ID: "c", Codes: []string{"z"}}}}
	tab.Cell("x", "y", "z").Value = 100
	Suppress(tab, 5)
	if !tab.Cell("x", "y", "z").Suppressed {
		t.Error("three-way table published")
	}
}

// The stored rules are the English messages of the catalogue, so that a rule shown as it is
// reads as its translation does.
func TestRulesInCatalogue(t *testing.T) {
	for format, key := range ruleKeys {
		want := format
		if strings.Contains(format, "%d") {
			want = fmt.Sprintf(format, 7)
		}
		if got := text("en", key, "n", 7); got != want {
			t.Errorf("%s: catalogue en %q, stored %q", key, got, want)
		}
		if got := text("fr", key, "n", 7); got == key || strings.Contains(got, "{") {
			t.Errorf("%s: catalogue fr %q", key, got)
		}
	}
}
