package sqlite_test

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/store"
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
	db := openFile(t, filepath.Join(dir, "live.db"))
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

// TestCheckpoint: the writer leaves the WAL's checkpoints to another connection, which copies
// the committed pages into the database file soon after each commit. Without it, the writer
// (wal_autocheckpoint 0) would leave them in the WAL for ever.
func TestCheckpoint(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "live.db")
	db := openFile(t, path)
	if _, err := db.SQL().Exec(`PRAGMA wal_checkpoint(TRUNCATE)`); err != nil {
		t.Fatal(err)
	}
	before := fileSize(t, path)
	err := db.Tx(ctx, func(s mobilite.Store) error {
		for i := range 3000 {
			if err := s.CreateUser(ctx, storetest.NewUser(fmt.Sprintf("u%d@example.tg", i), mobilite.RoleSeeker)); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	deadline := time.Now().Add(5 * time.Second)
	for fileSize(t, path) < before+256<<10 {
		if time.Now().After(deadline) {
			t.Fatalf("the database file is still %d bytes (%d before the commit): no checkpoint", fileSize(t, path), before)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// openFile opens a database file, closed at the end of the test.
func openFile(t *testing.T, path string) *store.DB {
	t.Helper()
	db, err := sqlite.Open(context.Background(), path, storetest.Quiet)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

func fileSize(t *testing.T, path string) int64 {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	return fi.Size()
}

// TestCheckpointRestartsWAL: under writes without a pause the WAL still starts again from its
// beginning now and then, instead of growing for ever (4 GB in a million-offer ingestion).
func TestCheckpointRestartsWAL(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "live.db")
	db := openFile(t, path)
	now := time.Now().UTC()
	src := &mobilite.Source{Name: "feed", Kind: "rss", URL: "https://example.org/feed", IntervalMinutes: 60, Enabled: true,
		NextRunAt: now, CreatedAt: now, UpdatedAt: now}
	if err := db.CreateSource(ctx, src); err != nil {
		t.Fatal(err)
	}
	body := strings.Repeat("Description du poste, lieu de travail et conditions. ", 150) // 8 KB: two pages
	written := 0
	for b := range 40 {
		batch := make([]mobilite.IngestJob, 60)
		for i := range batch {
			ext := fmt.Sprintf("%d-%d", b, i)
			batch[i] = mobilite.IngestJob{Job: &mobilite.Job{Title: "Maçon " + ext, Organization: "OIM", OrgType: mobilite.OrgUN,
				Description: body + ext, Country: "SEN", Contract: mobilite.ContractEmployment, Language: "fr",
				Status: mobilite.JobOpen, Fingerprint: ext, PublishedAt: now, Deadline: now.AddDate(0, 1, 0)},
				OrgKey: "OIM", ExternalID: ext, ContentHash: ext}
		}
		if _, err := db.IngestJobs(ctx, src.ID, batch, now); err != nil {
			t.Fatal(err)
		}
		written += 60 * len(body)
	}
	wal := fileSize(t, path+"-wal")
	if wal > int64(written)/2 {
		t.Fatalf("the WAL holds %d bytes after %d bytes of offers written: it did not start again", wal, written)
	}
}
