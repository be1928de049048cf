// Package sqlite opens the embedded SQLite database (modernc.org/sqlite, pure Go) with WAL,
// foreign keys and a busy timeout, applies its migrations, and hands back the shared store.
package sqlite

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/pressly/goose/v3"
	sqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"

	"mobilite/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrations returns the embedded migration files.
func Migrations() fs.FS {
	sub, _ := fs.Sub(migrations, "migrations")
	return sub
}

// Dialect describes SQLite to the shared store.
var Dialect = &store.Dialect{
	Name:         "sqlite",
	SingleWriter: true,
	// The writing connection keeps 64 MB of pages: the indexes it updates at every offer. It
	// leaves the WAL's checkpoints to another connection, so that they do not hold the writer.
	WriterSetup: `PRAGMA cache_size = -64000; PRAGMA wal_autocheckpoint = 0`,
	Checkpoint:  `PRAGMA wal_checkpoint(PASSIVE)`,
	IsUnique: func(err error) bool {
		var e *sqlite.Error
		return errors.As(err, &e) && (e.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || e.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY)
	},
	IndexJob:   `INSERT INTO jobs_fts (rowid, title, organization, body) VALUES (?, ?, ?, ?)`,
	UnindexJob: `DELETE FROM jobs_fts WHERE rowid = ?`,
	IndexJobs: func(n int) string {
		return `INSERT INTO jobs_fts (rowid, title, organization, body) VALUES ` + strings.TrimSuffix(strings.Repeat("(?, ?, ?, ?), ", n), ", ")
	},
	UnindexJobs: func(n int) string {
		return `DELETE FROM jobs_fts WHERE rowid IN (` + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + `)`
	},
	MatchTitles: func(text string, open bool) (string, []any, bool) {
		m, ok := match(text)
		if !ok {
			return "", nil, false
		}
		words := m.WhereArgs[0]
		if open {
			return `j.id IN (SELECT rowid FROM job_titles WHERE job_titles MATCH ?
				UNION SELECT rowid FROM jobs_fts WHERE jobs_fts MATCH ?)`, []any{words, words}, true
		}
		return `j.id IN (SELECT rowid FROM job_titles WHERE job_titles MATCH ?)`, []any{words}, true
	},
	// The writer is alone (BEGIN IMMEDIATE): the ids after the largest are free, as SQLite
	// would give them.
	NewJobIDs: `WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?)
		SELECT (SELECT coalesce(max(id), 0) FROM jobs) + i FROM n`,
	Match: match,
	MatchIDs: func(text string) (string, []any, bool) {
		m, ok := match(text)
		return `SELECT coalesce(group_concat(rowid), '') FROM jobs_fts WHERE ` + m.Where, m.WhereArgs, ok
	},
	MatchIDsAmong: func(text string) (string, []any, bool) {
		m, ok := match(text)
		return `SELECT coalesce(group_concat(rowid), '') FROM jobs_fts WHERE ` + m.Where + ` AND rowid IN (`, m.WhereArgs, ok
	},
	// FTS5 reads the rowid bounds itself, skipping the rest of each word's list.
	MatchIDsBetween: func(text string) (string, []any, bool) {
		m, ok := match(text)
		return `SELECT coalesce(group_concat(rowid), '') FROM jobs_fts WHERE ` + m.Where + ` AND rowid >= ? AND rowid < ?`, m.WhereArgs, ok
	},
	IsUnavailable: func(err error) bool {
		var e *sqlite.Error
		if !errors.As(err, &e) {
			return false
		}
		switch e.Code() & 0xff {
		case sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED, sqlite3.SQLITE_CANTOPEN, sqlite3.SQLITE_IOERR, sqlite3.SQLITE_FULL:
			return true
		}
		return false
	},
}

// match builds an FTS5 query: every word must appear (each quoted, so that nothing typed is an
// operator), and the rank weighs the title over the organisation over the body.
func match(text string) (store.FullText, bool) {
	words := store.SearchWords(text)
	if len(words) == 0 {
		return store.FullText{}, false
	}
	q := make([]string, len(words))
	for i, w := range words {
		q[i] = `"` + w + `"`
	}
	return store.FullText{
		Join:      "JOIN jobs_fts ON jobs_fts.rowid = j.id",
		Where:     "jobs_fts MATCH ?",
		WhereArgs: []any{strings.Join(q, " ")},
		Rank:      "bm25(jobs_fts, 10.0, 4.0, 1.0)",
	}, true
}

// DSN returns the driver's connection string for a database file: WAL journal, foreign keys,
// a 5-second busy timeout, and transactions that take the write lock when they begin (so that
// two writers wait for each other instead of failing).
func DSN(path string) string {
	v := url.Values{}
	v.Add("_pragma", "journal_mode(WAL)")
	v.Add("_pragma", "foreign_keys(1)")
	v.Add("_pragma", "busy_timeout(5000)")
	v.Add("_pragma", "synchronous(NORMAL)")
	// Statement journals (one per statement of a transaction) stay in memory instead of a
	// temporary file written page by page: a fifth of the ingestion went to those writes.
	v.Add("_pragma", "temp_store(MEMORY)")
	v.Set("_txlock", "immediate")
	return "file:" + path + "?" + v.Encode()
}

// Open opens (creating if needed) the database file at path, migrates it and returns the store.
func Open(ctx context.Context, path string, log *slog.Logger) (*store.DB, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o750); err != nil {
			return nil, fmt.Errorf("sqlite: create folder: %w", err)
		}
	}
	db, err := sql.Open("sqlite", DSN(path))
	if err != nil {
		return nil, fmt.Errorf("sqlite: open %s: %w", path, err)
	}
	// Readers run in parallel under WAL; writers queue on the busy timeout.
	db.SetMaxOpenConns(8)
	db.SetMaxIdleConns(8)
	if err := store.Migrate(ctx, db, goose.DialectSQLite3, Migrations(), log); err != nil {
		db.Close()
		return nil, err
	}
	return store.New(db, Dialect), nil
}

// Backup writes a consistent copy of the live database to dest (which must not exist), while
// other connections keep reading and writing.
func Backup(ctx context.Context, db *sql.DB, dest string) error {
	if _, err := os.Stat(dest); err == nil {
		return fmt.Errorf("sqlite: backup: %s already exists", dest)
	}
	if _, err := db.ExecContext(ctx, `VACUUM INTO ?`, dest); err != nil {
		return fmt.Errorf("sqlite: backup to %s: %w", dest, err)
	}
	return nil
}
