package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"mobilite"
)

// CountFlows runs one aggregation of the register (see CountFlowsBatch).
func (db *DB) CountFlows(ctx context.Context, q mobilite.FlowQuery) ([]mobilite.FlowCount, error) {
	out, err := db.CountFlowsBatch(ctx, []mobilite.FlowQuery{q})
	if err != nil {
		return nil, err
	}
	return out[0], nil
}

// CountFlowsBatch runs aggregations of the register: out[i] answers qs[i]. Fields come from the
// datasets' lists only, so no text of a query reaches the SQL but values, as arguments.
//
// A count of events is one GROUP BY query. A count of persons takes each person once, in the
// group of their first record of the period among the records meeting its conditions: the
// queries of one dataset and period share one reading of the period's records in the order
// that puts each person's first record first, and each record is tested here against each
// query, which remembers the persons it counted as bits. One ordered reading replaces a sort by
// person in every query (docs/PERFORMANCE.md, "Indicators at a million departures").
func (db *DB) CountFlowsBatch(ctx context.Context, qs []mobilite.FlowQuery) ([][]mobilite.FlowCount, error) {
	run := func(db *DB) ([][]mobilite.FlowCount, error) {
		out := make([][]mobilite.FlowCount, len(qs))
		scans := map[scanKey]*flowScan{}
		var order []*flowScan
		for i, q := range qs {
			ds, err := checkFlowQuery(q)
			if err != nil {
				return nil, err
			}
			if !q.Persons || ds.person == "" {
				if out[i], err = db.countEvents(ctx, ds, q); err != nil {
					return nil, err
				}
				continue
			}
			k := scanKey{q.Dataset, q.From, q.To}
			sc := scans[k]
			if sc == nil {
				sc = &flowScan{ds: ds, q: q, col: map[string]int{}}
				scans[k] = sc
				order = append(order, sc)
			}
			sc.add(i, q)
		}
		for _, sc := range order {
			if err := db.scan(ctx, sc, out); err != nil {
				return nil, err
			}
		}
		return out, nil
	}
	if db.dialect.Name != "postgres" {
		return run(db)
	}
	// PostgreSQL's planner prices a correlated EXISTS (returned_on_time) at a row each, above the
	// JIT thresholds, and then spends a quarter of a second of processor compiling the query to
	// save less. The counts run in a transaction of their own with JIT off (inside a caller's
	// transaction, JIT stays off to its end).
	var out [][]mobilite.FlowCount
	err := db.Tx(ctx, func(st mobilite.Store) error {
		tx := st.(*DB)
		if _, err := tx.exec(ctx, "SET LOCAL jit = off"); err != nil {
			return tx.fail("count flows", err)
		}
		var err error
		out, err = run(tx)
		return err
	})
	return out, err
}

// checkFlowQuery returns the dataset of a query whose fields all belong to it; EINVALID otherwise.
func checkFlowQuery(q mobilite.FlowQuery) (flowDataset, error) {
	ds, ok := flowDatasets[q.Dataset]
	if !ok {
		return ds, mobilite.Errorf(mobilite.EINVALID, "stats.dataset.unknown", "store: dataset %q", q.Dataset)
	}
	if len(q.GroupBy) > 2 {
		return ds, mobilite.Errorf(mobilite.EINVALID, "stats.by.too_many", "store: %d groupings", len(q.GroupBy))
	}
	for _, c := range q.Where {
		if _, ok := ds.fields[c.Field]; !ok {
			return ds, mobilite.Errorf(mobilite.EINVALID, "stats.field.unknown", "store: field %q of %s", c.Field, q.Dataset)
		}
		if len(c.Values) == 0 && !ds.boolean[c.Field] {
			return ds, mobilite.Errorf(mobilite.EINVALID, "stats.field.values", "store: field %q needs values", c.Field)
		}
	}
	for _, g := range q.GroupBy {
		if _, ok := ds.fields[g]; !ok {
			return ds, mobilite.Errorf(mobilite.EINVALID, "stats.field.unknown", "store: field %q of %s", g, q.Dataset)
		}
	}
	return ds, nil
}

// periodWhere selects the records of a dataset that belong to the period of q.
func periodWhere(ds flowDataset, q mobilite.FlowQuery) where {
	var w where
	switch q.Dataset {
	case "seekers": // a stock: registered before the end of the period
		if !q.To.IsZero() {
			w.add(ds.date+" < ?", ts(q.To))
		}
	case "licences": // valid on the period's last day (regulation.StatusAt, as CountLicences)
		last := time.Now().UTC()
		if !q.To.IsZero() {
			last = q.To.AddDate(0, 0, -1)
		}
		d := date(last)
		w.add(`(SELECT e.kind FROM licence_events e WHERE e.agency_id = t.id AND e.date <= ?
			ORDER BY e.date DESC, e.id DESC LIMIT 1) IN ('granted', 'renewed', 'reinstated')`, d)
		w.add(`(SELECT e.expires_on FROM licence_events e WHERE e.agency_id = t.id AND e.kind IN ('granted', 'renewed')
			AND e.date <= ? ORDER BY e.date DESC, e.id DESC LIMIT 1) >= ?`, d, d)
	case "offers": // open at any time in the period
		if !q.To.IsZero() {
			w.add("t.published_at < ?", ts(q.To))
		}
		if !q.From.IsZero() {
			w.add("(t.closed_at IS NULL OR t.closed_at >= ?)", ts(q.From))
		}
	default:
		bound := date
		if ds.stamp {
			bound = ts
		}
		if !q.From.IsZero() {
			w.add(ds.date+" >= ?", bound(q.From))
		}
		if !q.To.IsZero() {
			w.add(ds.date+" < ?", bound(q.To))
		}
	}
	if ds.extra != "" {
		w.add(ds.extra)
	}
	return w
}

// text is a field's value as the counts compare and report it: text on both engines, NULL read
// as empty.
func text(expr string) string { return "COALESCE(CAST(" + expr + " AS TEXT), '')" }

// countEvents counts records grouped in SQL.
func (db *DB) countEvents(ctx context.Context, ds flowDataset, q mobilite.FlowQuery) ([]mobilite.FlowCount, error) {
	w := periodWhere(ds, q)
	for _, c := range q.Where {
		expr := ds.fields[c.Field]
		var cond string
		var args []any
		if len(c.Values) == 0 {
			cond, args = expr+" = ?", []any{true}
		} else {
			m, a := marks(c.Values)
			cond, args = text(expr)+" IN ("+m+")", a
		}
		if c.Not {
			cond = "NOT (" + cond + ")"
		}
		w.add(cond, args...)
	}
	sel, names := []string{"1 AS one"}, []string{}
	for i, g := range q.GroupBy {
		if i == 0 {
			sel = nil
		}
		sel = append(sel, fmt.Sprintf("%s AS g%d", text(ds.fields[g]), i))
		names = append(names, fmt.Sprintf("g%d", i))
	}
	query := "SELECT " + strings.Join(append(names, "count(*)"), ", ") + " FROM (SELECT " + strings.Join(sel, ", ") +
		" FROM " + ds.from + w.String() + ") x"
	if len(names) > 0 {
		query += " GROUP BY " + strings.Join(names, ", ")
	}
	rows, err := db.query(ctx, query, w.args...)
	if err != nil {
		return nil, db.fail("count flows", err)
	}
	defer rows.Close()
	var out []mobilite.FlowCount
	for rows.Next() {
		keys := make([]string, len(names))
		dest := make([]any, 0, len(names)+1)
		for i := range keys {
			dest = append(dest, &keys[i])
		}
		var n int
		if err := rows.Scan(append(dest, &n)...); err != nil {
			return nil, db.fail("count flows", err)
		}
		for i, g := range q.GroupBy {
			if ds.boolean[g] {
				keys[i] = boolKey(keys[i])
			}
		}
		out = append(out, mobilite.FlowCount{Keys: keys, Count: n})
	}
	return out, db.fail("count flows", rows.Err())
}

// scanKey names the records a scan reads: a dataset in a period.
type scanKey struct {
	dataset  string
	from, to time.Time
}

// flowScan is one reading of a dataset's records in a period for the counts of persons of
// several queries.
type flowScan struct {
	ds      flowDataset
	q       mobilite.FlowQuery // the first query: its dataset and period
	fields  []string           // the fields read, in column order
	col     map[string]int
	queries []*scanQuery
}

// scanQuery is a count of persons fed by a scan.
type scanQuery struct {
	out    int // index of the answer
	conds  []scanCond
	groups []int  // columns grouped by
	bools  []bool // whether each grouping is a condition (its key is "1" or "0")
	seen   []uint64
	counts map[[2]string]int
}

type scanCond struct {
	col    int
	values map[string]bool // nil: the field is a condition, true when "1"
	not    bool
}

func (sc *flowScan) column(field string) int {
	c, ok := sc.col[field]
	if !ok {
		c = len(sc.fields)
		sc.col[field] = c
		sc.fields = append(sc.fields, field)
	}
	return c
}

func (sc *flowScan) add(out int, q mobilite.FlowQuery) {
	sq := &scanQuery{out: out, counts: map[[2]string]int{}}
	for _, c := range q.Where {
		cond := scanCond{col: sc.column(c.Field), not: c.Not}
		if len(c.Values) > 0 {
			cond.values = map[string]bool{}
			for _, v := range c.Values {
				cond.values[v] = true
			}
		}
		sq.conds = append(sq.conds, cond)
	}
	for _, g := range q.GroupBy {
		sq.groups = append(sq.groups, sc.column(g))
		sq.bools = append(sq.bools, sc.ds.boolean[g])
	}
	sc.queries = append(sc.queries, sq)
}

// match reports whether a record (its fields' values) meets the query's conditions.
func (sq *scanQuery) match(vals []string) bool {
	for _, c := range sq.conds {
		v := vals[c.col]
		var ok bool
		if c.values == nil {
			ok = boolKey(v) == "1"
		} else {
			ok = c.values[v]
		}
		if ok == c.not {
			return false
		}
	}
	return true
}

// count counts person p in the group of vals, unless the query counted p already.
func (sq *scanQuery) count(p int, vals []string) {
	w, bit := p>>6, uint64(1)<<(p&63)
	for w >= len(sq.seen) {
		sq.seen = append(sq.seen, 0)
	}
	if sq.seen[w]&bit != 0 {
		return
	}
	sq.seen[w] |= bit
	var k [2]string
	for i, c := range sq.groups {
		if k[i] = vals[c]; sq.bools[i] {
			k[i] = boolKey(k[i])
		}
	}
	sq.counts[k]++
}

// scan reads the records of a scan once, in the dataset's order, and counts each query's persons.
func (db *DB) scan(ctx context.Context, sc *flowScan, out [][]mobilite.FlowCount) error {
	w := periodWhere(sc.ds, sc.q)
	sel := []string{sc.ds.person}
	for _, f := range sc.fields {
		sel = append(sel, text(sc.ds.fields[f]))
	}
	rows, err := db.query(ctx, "SELECT "+strings.Join(sel, ", ")+" FROM "+sc.ds.from+w.String()+" ORDER BY "+sc.ds.order, w.args...)
	if err != nil {
		return db.fail("count flows", err)
	}
	defer rows.Close()
	raw := make([]sql.RawBytes, len(sel))
	dest := make([]any, len(sel))
	for i := range raw {
		dest[i] = &raw[i]
	}
	persons := map[string]int{}
	// Values repeat (a few sexes, countries, codes): each is kept once, and the map lookups
	// with a converted byte slice do not allocate.
	interned := make([]map[string]string, len(sc.fields))
	for i := range interned {
		interned[i] = map[string]string{}
	}
	vals := make([]string, len(sc.fields))
	for rows.Next() {
		if err := rows.Scan(dest...); err != nil {
			return db.fail("count flows", err)
		}
		p, ok := persons[string(raw[0])]
		if !ok {
			p = len(persons)
			persons[string(raw[0])] = p
		}
		for i := range vals {
			v, ok := interned[i][string(raw[i+1])]
			if !ok {
				v = string(raw[i+1])
				interned[i][v] = v
			}
			vals[i] = v
		}
		for _, sq := range sc.queries {
			if sq.match(vals) {
				sq.count(p, vals)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return db.fail("count flows", err)
	}
	for _, sq := range sc.queries {
		res := []mobilite.FlowCount{}
		for k, n := range sq.counts {
			res = append(res, mobilite.FlowCount{Keys: append([]string{}, k[:len(sq.groups)]...), Count: n})
		}
		out[sq.out] = res
	}
	return nil
}

// boolKey writes a boolean as the indicators read it: "1" or "0" on both engines.
func boolKey(v string) string {
	switch v {
	case "1", "t", "true", "TRUE":
		return "1"
	}
	return "0"
}
