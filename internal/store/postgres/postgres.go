// Package postgres opens a PostgreSQL database through pgx, applies its migrations, and hands
// back the shared store. Several stateless application servers can share one database.
package postgres

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/jackc/pgx/v5/stdlib"
	"github.com/pressly/goose/v3"

	"mobilite/internal/store"
)

//go:embed migrations/*.sql
var migrations embed.FS

// Migrations returns the embedded migration files.
func Migrations() fs.FS {
	sub, _ := fs.Sub(migrations, "migrations")
	return sub
}

// Dialect describes PostgreSQL to the shared store.
var Dialect = &store.Dialect{
	Name:         "postgres",
	Numbered:     true,
	SkipLocked:   " FOR UPDATE SKIP LOCKED",
	GroupingSets: true,
	Prepared:     pgx.QueryExecModeCacheStatement,
	CopyFrom:     copyFrom,
	// The rank reads head alone: the body's words are sent once each, which spares the parser
	// and both stemmers the boilerplate's repetitions (a third of their work).
	IndexWordsOnce: true,
	IsUnique: func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == "23505"
	},
	// The document is read as French and as English, so that either language's word forms match.
	// head holds the title and organisation alone, for the rank.
	IndexJob: `INSERT INTO jobs_search (job_id, doc, head) SELECT x.id, h.v ||
		to_tsvector('mobilite_fr', x.b) || to_tsvector('mobilite_en', x.b), h.v
		FROM (SELECT ?::bigint AS id, ?::text AS t, ?::text AS o, ?::text AS b) x,` + headVector,
	UnindexJob: `DELETE FROM jobs_search WHERE job_id = ?`,
	IndexJobs: func(n int) string {
		return `INSERT INTO jobs_search (job_id, doc, head) SELECT x.id, h.v ||
		to_tsvector('mobilite_fr', x.b) || to_tsvector('mobilite_en', x.b), h.v
		FROM (VALUES ` + strings.TrimSuffix(strings.Repeat("(?::bigint, ?::text, ?::text, ?::text), ", n), ", ") + `) AS x (id, t, o, b),` + headVector
	},
	UnindexJobs: func(n int) string {
		return `DELETE FROM jobs_search WHERE job_id IN (` + strings.TrimSuffix(strings.Repeat("?, ", n), ", ") + `)`
	},
	MatchTitles: func(text string, open bool) (string, []any, bool) {
		words := store.SearchWords(text)
		if len(words) == 0 {
			return "", nil, false
		}
		q := strings.Join(words, " ")
		// The expression of the index jobs_title_words (migration 0018), word for word.
		where := `(to_tsvector('mobilite_fr', j.title) || to_tsvector('mobilite_en', j.title)) @@ ` + tsQuery
		if open {
			// The identifiers as an array, looked up by primary key: as an IN (subquery), the
			// planner guessed a few thousand offers of the status filter (which it cannot read,
			// see jobFilter) and joined the matches to a scan of every offer (3.4 s against
			// 1.2 s for a word in 60,000 titles at a million offers).
			return `j.id = ANY (ARRAY (SELECT id FROM jobs j WHERE ` + where + `
				UNION SELECT job_id FROM jobs_search WHERE doc @@ ` + tsQuery + `))`, []any{q, q, q, q}, true
		}
		return where, []any{q, q}, true
	},
	QueryLexemes: `SELECT plainto_tsquery('mobilite_fr', ?)::text, plainto_tsquery('mobilite_en', ?)::text`,
	// The statistics of ANALYZE (autovacuum's): the most common lexemes of the documents.
	CommonLexemes: `SELECT e, f FROM pg_stats s, unnest(s.most_common_elems::text::text[], s.most_common_elem_freqs) AS u (e, f)
		WHERE s.schemaname = current_schema() AND s.tablename = 'jobs_search' AND s.attname = 'doc' AND e IS NOT NULL
		ORDER BY f DESC, e`,
	LexemeMatch:      `SELECT job_match_list(?::tsquery)`,
	LexemeMatchAmong: `SELECT coalesce(string_agg(job_id::text, ','), '') FROM jobs_search WHERE doc @@ ?::tsquery AND job_id IN (`,
	NeverAnalysed: `SELECT coalesce(bool_and(last_analyze IS NULL AND last_autoanalyze IS NULL), false)
		FROM pg_stat_user_tables WHERE relid = 'jobs'::regclass`,
	Analyze:   `ANALYZE jobs, job_sources, jobs_search, job_facets`,
	NewJobIDs: `SELECT nextval(pg_get_serial_sequence('jobs', 'id')) FROM generate_series(1, ?::int)`,
	Match:     match,
	// Through the index, never a scan of every document (migrations 0009 and 0017).
	MatchIDs: func(text string) (string, []any, bool) {
		m, ok := match(text)
		return `SELECT job_match_list(` + strings.TrimPrefix(m.Where, "jobs_search.doc @@ ") + `)`, m.WhereArgs, ok
	},
	// Through the primary key: the changed offers are few, and the words' bitmap is what
	// MatchIDs costs.
	MatchIDsAmong: func(text string) (string, []any, bool) {
		m, ok := match(text)
		return `SELECT coalesce(string_agg(job_id::text, ','), '') FROM jobs_search WHERE ` + m.Where + ` AND job_id IN (`, m.WhereArgs, ok
	},
	// No MatchIDsBetween: the bitmap of a word's offers is read whole whatever the bounds (they
	// filter the rows fetched, not the pages visited), so two halves took as long as one.
	IsUnavailable: func(err error) bool {
		var ce *pgconn.ConnectError
		var ne net.Error
		var pe *pgconn.PgError
		switch {
		case errors.As(err, &ce), errors.As(err, &ne), errors.Is(err, driver.ErrBadConn), pgconn.Timeout(err),
			// A connection that dies in the middle of an answer.
			errors.Is(err, io.ErrUnexpectedEOF), errors.Is(err, io.EOF), errors.Is(err, net.ErrClosed):
			return true
		case errors.As(err, &pe):
			// Class 08: connection exception; 57P01–03: the server is shutting down or starting.
			return len(pe.Code) == 5 && (pe.Code[:2] == "08" || pe.Code[:4] == "57P0")
		}
		return false
	},
}

// headVector is the lateral part of IndexJob(s) that weighs the title (A) over the organisation (B).
const headVector = `
		LATERAL (SELECT setweight(to_tsvector('mobilite_fr', x.t) || to_tsvector('mobilite_en', x.t), 'A') ||
			setweight(to_tsvector('mobilite_fr', x.o) || to_tsvector('mobilite_en', x.o), 'B') AS v) h`

// tsQuery is the query of a search's words (twice the same argument): every word must appear,
// in its French or its English form.
const tsQuery = "(plainto_tsquery('mobilite_fr', ?) || plainto_tsquery('mobilite_en', ?))"

// match builds a tsquery: every word must appear, in its French or its English form.
func match(text string) (store.FullText, bool) {
	words := store.SearchWords(text)
	if len(words) == 0 {
		return store.FullText{}, false
	}
	q := strings.Join(words, " ")
	tsq := tsQuery
	return store.FullText{
		Join:      "JOIN jobs_search ON jobs_search.job_id = j.id",
		Where:     "jobs_search.doc @@ " + tsq,
		WhereArgs: []any{q, q},
		// The rank reads the small head (title and organisation), not the whole document.
		Rank:     "ts_rank(jobs_search.head, " + tsq + ") DESC",
		RankArgs: []any{q, q},
	}, true
}

// Open connects to the database named by dsn (postgres://…), migrates it and returns the store.
func Open(ctx context.Context, dsn string, log *slog.Logger) (*store.DB, error) {
	cfg, err := pgx.ParseConfig(dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	// The application's statements are sent unnamed (pgx keeps only their description), so that
	// PostgreSQL parses and plans each one for its values. A statement prepared by name may get
	// a generic plan after five runs, one that ignores the values: for the IN lists of an
	// ingestion batch it filtered 500 identifiers against every item of the source (half a
	// second per batch at a million offers). This used to be plan_cache_mode=force_custom_plan
	// for the whole session, but that also planned again the foreign-key checks PostgreSQL runs
	// for every inserted row (a sixth of its processor during an ingestion). Those, and the
	// statements the store keeps prepared (execKept, execBatch: inserts) keep a generic plan.
	cfg.DefaultQueryExecMode = pgx.QueryExecModeCacheDescribe
	// JIT compilation off, unless the DSN says otherwise: the planner prices a search of
	// closed offers above JIT's thresholds, and compiling took 2.6 s of a 5.9 s search at a
	// million offers (status=all&q=assistant), more than it saved. No statement of the
	// application gains from it (see docs/PERFORMANCE.md, ninth round).
	if _, set := cfg.RuntimeParams["jit"]; !set {
		cfg.RuntimeParams["jit"] = "off"
	}
	db := stdlib.OpenDB(*cfg)
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := store.Migrate(ctx, db, goose.DialectPostgres, Migrations(), log); err != nil {
		db.Close()
		return nil, err
	}
	return store.New(db, Dialect), nil
}

// Notify sends payload on a channel to every listening process (pg_notify).
func Notify(ctx context.Context, db *sql.DB, channel, payload string) error {
	_, err := db.ExecContext(ctx, `SELECT pg_notify($1, $2)`, channel, payload)
	return err
}

// Listen calls fn with the payload of every notification on channel until ctx ends. It keeps
// its own connection and reconnects after a failure, waiting a little longer each time.
func Listen(ctx context.Context, dsn, channel string, log *slog.Logger, fn func(payload string)) {
	wait := time.Second
	for ctx.Err() == nil {
		err := listenOnce(ctx, dsn, channel, fn)
		if ctx.Err() != nil {
			return
		}
		log.Warn("postgres: listen lost, reconnecting", "channel", channel, "err", err, "in", wait)
		select {
		case <-ctx.Done():
			return
		case <-time.After(wait):
		}
		wait = min(wait*2, time.Minute)
	}
}

func listenOnce(ctx context.Context, dsn, channel string, fn func(string)) error {
	conn, err := pgx.Connect(ctx, dsn)
	if err != nil {
		return err
	}
	defer conn.Close(context.WithoutCancel(ctx))
	if _, err := conn.Exec(ctx, "LISTEN "+pgx.Identifier{channel}.Sanitize()); err != nil {
		return err
	}
	for {
		n, err := conn.WaitForNotification(ctx)
		if err != nil {
			return err
		}
		fn(n.Payload)
	}
}
