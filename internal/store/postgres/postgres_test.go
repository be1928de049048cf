package postgres_test

import (
	"slices"
	"testing"

	"mobilite"
	"mobilite/internal/store/storetest"
)

func TestStore(t *testing.T) {
	if !slices.Contains(storetest.Engines(t), "postgres") {
		t.Skip("no PostgreSQL server (set MOBILITE_TEST_POSTGRES)")
	}
	storetest.Run(t, func(t *testing.T) mobilite.Store { return storetest.Open(t, "postgres") })
}

// TestPlansForValues: the application's statements reach PostgreSQL unnamed, so that each one is
// planned for its values, while the session keeps plan_cache_mode=auto, so that the checks of
// foreign keys PostgreSQL runs for every inserted row keep their generic plan.
func TestPlansForValues(t *testing.T) {
	if !slices.Contains(storetest.Engines(t), "postgres") {
		t.Skip("no PostgreSQL server (set MOBILITE_TEST_POSTGRES)")
	}
	pool := storetest.Open(t, "postgres").SQL()
	pool.SetMaxOpenConns(1) // every statement below on the same session
	ctx := t.Context()
	const probe = `SELECT count(*) FROM jobs WHERE status = $1 AND country = $2`
	for range 8 {
		var n int
		if err := pool.QueryRowContext(ctx, probe, "open", "FRA").Scan(&n); err != nil {
			t.Fatal(err)
		}
	}
	var named int
	if err := pool.QueryRowContext(ctx, `SELECT count(*) FROM pg_prepared_statements WHERE statement = $1`, probe).Scan(&named); err != nil {
		t.Fatal(err)
	}
	if named != 0 {
		t.Errorf("the statement was prepared by name %d times: after five runs PostgreSQL may plan it without its values", named)
	}
	var mode string
	if err := pool.QueryRowContext(ctx, `SHOW plan_cache_mode`).Scan(&mode); err != nil {
		t.Fatal(err)
	}
	if mode != "auto" {
		t.Errorf("plan_cache_mode = %s, want auto (foreign-key checks would be planned at every row)", mode)
	}
}
