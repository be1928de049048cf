package store_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"mobilite/internal/store"
	"mobilite/internal/store/sqlite"
	"mobilite/internal/store/storetest"
)

// SQLite plans without statistics, and a query that misses its index reads a whole table at
// every batch of an ingestion: an earlier version read every open offer for each batch's
// duplicates, and a million offers went in at 700 a second instead of 5,000.
func TestIndexedQueries(t *testing.T) {
	db, err := sqlite.Open(context.Background(), filepath.Join(t.TempDir(), "plan.db"), storetest.Quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	for query, index := range store.IndexedQueries {
		args := make([]any, strings.Count(query, "?"))
		for i := range args {
			args[i] = "x"
		}
		rows, err := db.SQL().Query("EXPLAIN QUERY PLAN "+query, args...)
		if err != nil {
			t.Fatal(err)
		}
		var plan []string
		for rows.Next() {
			var id, parent, unused int
			var detail string
			if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
				t.Fatal(err)
			}
			plan = append(plan, detail)
		}
		rows.Close()
		if p := strings.Join(plan, "; "); !strings.Contains(p, "INDEX "+index+" ") {
			t.Errorf("%s\nis planned as %q, not through %s", query, p, index)
		}
	}
}
