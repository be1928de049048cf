package sqlite_test

import (
	"context"
	"database/sql"
	"io/fs"
	"path/filepath"
	"slices"
	"testing"

	"mobilite"
	"mobilite/internal/store/postgres"
	"mobilite/internal/store/sqlite"
	"mobilite/internal/store/storetest"
)

func TestStore(t *testing.T) {
	storetest.Run(t, func(t *testing.T) mobilite.Store { return storetest.Open(t, "sqlite") })
}

// Both engines must have the same migration files, so that a feature lands on both at once.
func TestMigrationNamesMatch(t *testing.T) {
	names := func(fsys fs.FS) []string {
		entries, err := fs.ReadDir(fsys, ".")
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, e := range entries {
			out = append(out, e.Name())
		}
		return out
	}
	a, b := names(sqlite.Migrations()), names(postgres.Migrations())
	if len(a) == 0 || !slices.Equal(a, b) {
		t.Fatalf("migration files differ:\nsqlite   %v\npostgres %v", a, b)
	}
}

func TestBackup(t *testing.T) {
	dir := t.TempDir()
	db, err := sqlite.Open(context.Background(), filepath.Join(dir, "live.db"), storetest.Quiet)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.CreateUser(context.Background(), storetest.NewUser("b@example.tg", mobilite.RoleAdmin)); err != nil {
		t.Fatal(err)
	}
	dest := filepath.Join(dir, "copy.db")
	if err := sqlite.Backup(context.Background(), db.SQL(), dest); err != nil {
		t.Fatal(err)
	}
	if err := sqlite.Backup(context.Background(), db.SQL(), dest); err == nil {
		t.Fatal("backup over an existing file succeeded")
	}
	cp, err := sql.Open("sqlite", sqlite.DSN(dest))
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	var n int
	if err := cp.QueryRow(`SELECT count(*) FROM users WHERE email = 'b@example.tg'`).Scan(&n); err != nil || n != 1 {
		t.Fatalf("copy holds %d users (%v)", n, err)
	}
}
