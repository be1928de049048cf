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
