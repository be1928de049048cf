// Package store implements the mobilite store interfaces once, in SQL that both engines
// understand, over database/sql. The engine packages (sqlite, postgres) open the connection,
// run their own migrations and describe their few differences in a Dialect.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"mobilite"
)

// Dialect holds what differs between the engines. Keep it small: every field is a place where
// the two engines must be tested separately.
type Dialect struct {
	// Name is "sqlite" or "postgres".
	Name string
	// Numbered rewrites the ? placeholders as $1, $2… (PostgreSQL).
	Numbered bool
	// SkipLocked is appended to a SELECT that claims rows for update, so that concurrent
	// processes do not claim the same rows ("" where the engine serialises writers anyway).
	SkipLocked string
	// IsUnique reports whether err is a unique-constraint violation.
	IsUnique func(error) bool
	// IsUnavailable reports whether err means the database cannot be reached.
	IsUnavailable func(error) bool
	// Prepared, put before the arguments of a statement, asks the driver to keep the statement
	// prepared by name on its connection (execBatch); nil where statements need no such argument.
	Prepared any
	// CopyFrom, when set, loads rows into a table in bulk (PostgreSQL's COPY), on the driver's
	// connection of a transaction: width values a row, in the order of columns. copyRows.
	CopyFrom func(ctx context.Context, driverConn any, table, columns string, width int, values []any) error

	// IndexJob adds an offer to the full-text index; its arguments are the id, the title, the
	// organisation and the body text. UnindexJob removes one (argument: the id).
	IndexJob, UnindexJob string
	// For an engine whose bare query is slow for a word found in many offers, the offers of the
	// most common lexemes are kept in memory (lexemes.go): QueryLexemes reads a search text as
	// the engine does (arguments: the text twice; one row: its French and its English query,
	// written as tsquery); CommonLexemes lists the lexemes the engine's statistics say most
	// documents hold, with the share of documents that hold each; LexemeMatch is the bare query
	// of one lexeme (argument: the lexeme as a query), as a list of ids; LexemeMatchAmong the
	// same among the ids whose list follows. "": none kept.
	QueryLexemes, CommonLexemes, LexemeMatch, LexemeMatchAmong string
	// NeverAnalysed, for an engine that plans from statistics, says (one boolean) whether the
	// offers' table was never analysed; Analyze analyses the offers' tables (firstStatistics,
	// after an ingestion).
	NeverAnalysed, Analyze string
	// IndexWordsOnce gives IndexJob(s) each word of the body once (distinctWords), for an engine
	// whose searches use neither the count nor the positions of the body's words (PostgreSQL
	// ranks by the title and organisation; SQLite's bm25 counts them).
	IndexWordsOnce bool
	// IndexJobs is IndexJob for n offers in one statement (the four arguments of each offer in
	// turn); UnindexJobs is UnindexJob for n offers (their ids).
	IndexJobs, UnindexJobs func(n int) string
	// NewJobIDs takes ids for new offers: its one argument is how many, and it returns a row
	// for each id.
	NewJobIDs string
	// SingleWriter is true when the engine lets one connection write at a time (SQLite): the
	// transactions of Tx then run one after the other on one connection, set up once with
	// WriterSetup.
	SingleWriter bool
	WriterSetup  string
	// Checkpoint, when set, runs on another connection after the writer's commits (SQLite's
	// WAL checkpoint, which the writer then does not run itself). It returns one row: busy, the
	// pages in the log, and the pages copied out of it.
	Checkpoint string
	// GroupingSets is true when the engine counts several groupings in one pass (GROUP BY
	// GROUPING SETS).
	GroupingSets bool
	// Match returns the full-text condition for the words typed: a join, a condition and a rank
	// expression (ascending: best first), each with its arguments. ok is false when the text holds
	// no word that can be searched.
	Match func(text string) (m FullText, ok bool)
	// MatchIDs returns the bare full-text query of the words typed: one row holding the ids of
	// the open offers that hold them all, as one text of decimal ids separated by commas, in no
	// order. One value instead of a row per match: a common word is in 100,000 offers, and
	// reading them as rows took half the query's time. ok is false as for Match.
	MatchIDs func(text string) (query string, args []any, ok bool)
	// MatchTitles is the condition on j that finds offers by the words of text outside the
	// search of open offers: any offer by the words of its title (an index of every offer's
	// title, migration 0018) and, when open is true, the open offers by their whole text as
	// well, as their own search does. Words are read as Match reads them; ok is false as there.
	MatchTitles func(text string, open bool) (where string, args []any, ok bool)
	// MatchIDsAmong is MatchIDs for some offers only: query ends with "IN (", to which the
	// caller adds the placeholders of the ids and ")", and their values after args.
	MatchIDsAmong func(text string) (query string, args []any, ok bool)
	// MatchIDsBetween, when set, is MatchIDs for the ids from a first bound up to a second, not
	// included: two more arguments, after args.
	MatchIDsBetween func(text string) (query string, args []any, ok bool)
}

// FullText is the engine's full-text match of a search.
type FullText struct {
	Join      string
	Where     string
	WhereArgs []any
	Rank      string
	RankArgs  []any
}

// querier is what *sql.DB and *sql.Tx have in common.
type querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// DB implements mobilite.Store. A DB made by Tx is bound to that transaction.
type DB struct {
	sql     *sql.DB
	q       querier
	dialect *Dialect
	inTx    bool
	conn    *sql.Conn // the connection of the transaction, where the dialect has CopyFrom
	stmts   *stmtCache
	writer  *writer       // nil unless the engine has a single writer
	fts     *pendingIndex // the index changes of the batch being ingested, written at its end
	open    *openIndex    // the in-memory copy of the open offers, shared with the DBs of Tx
	cache   *searchCache  // recent answers of searches of open offers; nil: none
}

var _ mobilite.Store = (*DB)(nil)

// New wraps an open database. The caller keeps ownership of db and closes it.
func New(db *sql.DB, d *Dialect) *DB {
	s := &DB{sql: db, q: db, dialect: d, open: newOpenIndex(), cache: newSearchCache(searchCacheTTL)}
	if d.SingleWriter {
		s.writer = &writer{turn: make(chan struct{}, 1)}
		if d.Checkpoint != "" {
			s.writer.checkpoints, s.writer.stop = make(chan struct{}, 1), make(chan struct{})
			s.writer.checkpointer.Add(1)
			go s.checkpoint()
		}
	}
	s.prepare()
	return s
}

// SQL returns the underlying pool (for statistics and engine-specific work).
func (db *DB) SQL() *sql.DB { return db.sql }

// Engine names the engine.
func (db *DB) Engine() string { return db.dialect.Name }

// Ping checks that the database answers.
func (db *DB) Ping(ctx context.Context) error {
	ctx, cancel := context.WithTimeout(ctx, 2*time.Second)
	defer cancel()
	if err := db.sql.PingContext(ctx); err != nil {
		return &mobilite.Error{Code: mobilite.EUNAVAILABLE, Key: "error.unavailable", Err: err}
	}
	var one int
	if err := db.sql.QueryRowContext(ctx, "SELECT 1").Scan(&one); err != nil {
		return &mobilite.Error{Code: mobilite.EUNAVAILABLE, Key: "error.unavailable", Err: err}
	}
	return nil
}

// Tx runs fn inside one transaction, or inside the current one.
func (db *DB) Tx(ctx context.Context, fn func(mobilite.Store) error) (err error) {
	if db.inTx {
		return fn(db)
	}
	begin := db.sql.BeginTx
	if w := db.writer; w != nil {
		// Wait as long as SQLite's busy timeout would have, then fail as it would have.
		wait := time.NewTimer(5 * time.Second)
		select {
		case w.turn <- struct{}{}:
			wait.Stop()
		case <-wait.C:
			return &mobilite.Error{Code: mobilite.EUNAVAILABLE, Key: "error.unavailable", Err: errors.New("store: begin: database busy")}
		case <-ctx.Done():
			wait.Stop()
			return db.fail("begin", ctx.Err())
		}
		defer func() { <-w.turn }()
		if begin, err = w.begin(ctx, db); err != nil {
			return db.fail("begin", err)
		}
	}
	var conn *sql.Conn
	if db.writer == nil && db.dialect.CopyFrom != nil {
		// A connection of its own, so that copyRows can reach the driver's during the transaction.
		if conn, err = db.sql.Conn(ctx); err != nil {
			return db.fail("begin", err)
		}
		defer conn.Close() // back to the pool, after the commit or rollback below
		begin = conn.BeginTx
	}
	tx, err := begin(ctx, nil)
	if err != nil {
		if db.writer != nil {
			db.writer.drop()
		}
		return db.fail("begin", err)
	}
	defer func() {
		if p := recover(); p != nil {
			_ = tx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = tx.Rollback()
			return
		}
		if cerr := tx.Commit(); cerr != nil {
			err = db.fail("commit", cerr)
			return
		}
		// The transaction may have changed open offers: the next search reads the changes.
		db.open.commits.Add(1)
		if db.writer != nil && db.writer.checkpoints != nil {
			select {
			case db.writer.checkpoints <- struct{}{}:
			default: // one is due already
			}
		}
	}()
	return fn(&DB{sql: db.sql, q: tx, dialect: db.dialect, inTx: true, conn: conn, stmts: db.stmts, writer: db.writer, open: db.open, cache: db.cache})
}

// writer is the one connection that runs the transactions of an engine with a single writer
// (SQLite). Its transactions take turns here instead of in the engine's busy handler, which
// sleeps, and its page cache stays valid from one transaction to the next: a connection's cache
// is dropped whenever another connection has written, so that transactions spread over the pool
// read every page again with a system call (a quarter of the ingestion's time at 100,000 offers).
type writer struct {
	turn  chan struct{} // holds one token while a transaction runs
	conn  *sql.Conn
	close sync.Once
	// checkpoints asks checkpoint for a run. The writer's commits used to copy the WAL into
	// the database themselves, holding the writer meanwhile: 7 % of a million-offer ingestion.
	checkpoints  chan struct{}
	stop         chan struct{} // closed by Close
	checkpointer sync.WaitGroup
}

// walRestart is the size of the WAL, in pages, above which the checkpoint finishes its work
// between two transactions, so that the next one writes the WAL from its start again (as
// SQLite's automatic checkpoint does at 1,000 pages). Without that pause a WAL written
// without end is never wholly copied, and it grew to 4 GB in a million-offer ingestion.
const walRestart = 1000

// checkpoint runs the dialect's Checkpoint each time a commit asks for one, until Close.
func (db *DB) checkpoint() {
	w := db.writer
	defer w.checkpointer.Done()
	run := func() (log, copied int, ok bool) {
		var busy int
		err := db.sql.QueryRow(db.dialect.Checkpoint).Scan(&busy, &log, &copied)
		return log, copied, err == nil
	}
	for range w.checkpoints {
		// Beside the writer: it copies what no reader needs and never waits for the writer.
		log, _, ok := run()
		if !ok {
			time.Sleep(time.Second) // a closing pool or a full disk: try again later
			continue
		}
		if log < walRestart {
			continue
		}
		// Between two transactions: the pages written since, if any, are copied too, and the
		// next transaction, finding the WAL wholly copied, writes it from its start again.
		// (Beside the writer, the next transaction began before the copy ended: never.)
		select {
		case w.turn <- struct{}{}:
			run()
			<-w.turn
		case <-w.stop:
		}
	}
}

// begin returns the BeginTx of the writer's connection, taking it from the pool the first time.
func (w *writer) begin(ctx context.Context, db *DB) (func(context.Context, *sql.TxOptions) (*sql.Tx, error), error) {
	if w.conn == nil {
		c, err := db.sql.Conn(ctx)
		if err != nil {
			return nil, err
		}
		if db.dialect.WriterSetup != "" {
			if _, err := c.ExecContext(ctx, db.dialect.WriterSetup); err != nil {
				c.Close()
				return nil, err
			}
		}
		w.conn = c
	}
	return w.conn.BeginTx, nil
}

// drop gives the connection back after a failure; the next transaction takes another.
func (w *writer) drop() {
	if w.conn != nil {
		w.conn.Close()
		w.conn = nil
	}
}

// rebind rewrites ? placeholders for engines that number them. Queries in this package never
// hold a literal question mark.
func (db *DB) rebind(query string) string {
	if !db.dialect.Numbered {
		return query
	}
	var b strings.Builder
	n := 0
	for i := 0; i < len(query); i++ {
		if query[i] == '?' {
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(query[i])
	}
	return b.String()
}

// stmtCache keeps the statements of keptQueries prepared, so that the queries ingestion runs
// for every offer are parsed and planned once per connection instead of at every call (SQLite
// spent a seventh of the ingestion in its parser). They are prepared when the store opens, so
// that a transaction never waits for a second connection to prepare one.
type stmtCache struct {
	mu sync.Mutex
	m  map[string]*sql.Stmt
}

// prepare prepares the kept queries on db; a query that fails to prepare is left out (and runs
// unprepared).
func (db *DB) prepare() {
	db.stmts = &stmtCache{m: map[string]*sql.Stmt{}}
	kept := keptQueries
	if db.dialect.CopyFrom == nil {
		kept = append(slices.Clip(kept), bulkInserts...)
	}
	for _, q := range kept {
		q = db.rebind(q)
		if st, err := db.sql.Prepare(q); err == nil {
			db.stmts.m[q] = st
		}
	}
}

// stmt returns the prepared statement of a query, bound to the transaction of db if any; nil
// when the query is not kept.
func (db *DB) stmt(ctx context.Context, query string) *sql.Stmt {
	if db.stmts == nil {
		return nil
	}
	db.stmts.mu.Lock()
	st := db.stmts.m[query]
	db.stmts.mu.Unlock()
	if st == nil {
		return nil
	}
	if tx, ok := db.q.(*sql.Tx); ok {
		return tx.StmtContext(ctx, st)
	}
	return st
}

// prepared returns the statement of query prepared on db, preparing it the first time.
func (c *stmtCache) prepared(db *sql.DB, query string) (*sql.Stmt, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if st := c.m[query]; st != nil {
		return st, nil
	}
	st, err := db.Prepare(query)
	if err != nil {
		return nil, err
	}
	c.m[query] = st
	return st, nil
}

// close closes the prepared statements.
func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.m {
		st.Close()
		delete(c.m, q)
	}
}

func (db *DB) exec(ctx context.Context, query string, args ...any) (sql.Result, error) {
	return db.q.ExecContext(ctx, db.rebind(query), args...)
}

func (db *DB) query(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	return db.q.QueryContext(ctx, db.rebind(query), args...)
}

func (db *DB) queryRow(ctx context.Context, query string, args ...any) *sql.Row {
	return db.q.QueryRowContext(ctx, db.rebind(query), args...)
}

// execBatch runs one batch of a bulk write, a statement run many times with other values. On
// PostgreSQL the driver prepares it by name once per connection (Dialect.Prepared), so that it
// is parsed once and keeps a generic plan: the application's other statements are parsed and
// planned at every call, for plans made for their values (postgres.Open), which for thousands
// of values per statement would cost more than the writing.
func (db *DB) execBatch(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if db.dialect.Prepared != nil {
		args = append([]any{db.dialect.Prepared}, args...)
	}
	return db.exec(ctx, query, args...)
}

// copyRows loads rows into table through the dialect's CopyFrom, in the transaction: width
// values a row, in the order of columns. ok is false, and nothing written, where there is no
// CopyFrom or no transaction: the caller inserts the rows itself.
func (db *DB) copyRows(ctx context.Context, table, columns string, width int, values []any) (ok bool, err error) {
	if db.dialect.CopyFrom == nil || db.conn == nil {
		return false, nil
	}
	if len(values) == 0 {
		return true, nil
	}
	return true, db.conn.Raw(func(dc any) error {
		return db.dialect.CopyFrom(ctx, dc, table, columns, width, values)
	})
}

// execKept, queryRowKept are exec and queryRow with a statement kept prepared: for the queries
// of constant text that run for every offer of an ingestion.
func (db *DB) execKept(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := db.stmt(ctx, db.rebind(query)); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return db.exec(ctx, query, args...)
}

func (db *DB) queryRowKept(ctx context.Context, query string, args ...any) *sql.Row {
	if st := db.stmt(ctx, db.rebind(query)); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return db.queryRow(ctx, query, args...)
}

// insert runs an INSERT … RETURNING id and returns the id.
func (db *DB) insert(ctx context.Context, query string, args ...any) (int64, error) {
	var id int64
	err := db.queryRow(ctx, query+" RETURNING id", args...).Scan(&id)
	return id, err
}

// fail turns a driver error into a mobilite error: no rows → ENOTFOUND, a unique violation →
// ECONFLICT, an unreachable database → EUNAVAILABLE, anything else → EINTERNAL.
func (db *DB) fail(op string, err error) error {
	var me *mobilite.Error
	switch {
	case err == nil:
		return nil
	case errors.As(err, &me):
		return err
	case errors.Is(err, sql.ErrNoRows):
		return &mobilite.Error{Code: mobilite.ENOTFOUND, Key: "error.not_found", Err: fmt.Errorf("store: %s: %w", op, err)}
	case db.dialect.IsUnique != nil && db.dialect.IsUnique(err):
		return &mobilite.Error{Code: mobilite.ECONFLICT, Key: "error.conflict", Err: fmt.Errorf("store: %s: %w", op, err)}
	case errors.Is(err, context.Canceled), errors.Is(err, context.DeadlineExceeded),
		db.dialect.IsUnavailable != nil && db.dialect.IsUnavailable(err):
		return &mobilite.Error{Code: mobilite.EUNAVAILABLE, Key: "error.unavailable", Err: fmt.Errorf("store: %s: %w", op, err)}
	}
	return fmt.Errorf("store: %s: %w", op, err)
}

// notFound is the error of an UPDATE or DELETE that touched no row.
func notFound(op string) error {
	return mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "store: %s: no such record", op)
}

// affected returns ENOTFOUND when res touched no row.
func (db *DB) affected(op string, res sql.Result, err error) error {
	if err != nil {
		return db.fail(op, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return db.fail(op, err)
	}
	if n == 0 {
		return notFound(op)
	}
	return nil
}

// timeFormat is how times are written: UTC, fixed width, so that SQLite compares them as text
// in time order; PostgreSQL reads the same string into a timestamptz.
const timeFormat = "2006-01-02T15:04:05.000000Z"

// ts converts a time for writing; the zero time is NULL.
func ts(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeFormat)
}

// nullTime scans a time from either engine: a time.Time (PostgreSQL), a string (SQLite) or NULL.
type nullTime struct{ t *time.Time }

func (n nullTime) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*n.t = time.Time{}
	case time.Time:
		*n.t = v.UTC()
	case string:
		return n.parse(v)
	case []byte:
		return n.parse(string(v))
	default:
		return fmt.Errorf("store: cannot scan %T as a time", src)
	}
	return nil
}

func (n nullTime) parse(s string) error {
	for _, layout := range []string{timeFormat, time.RFC3339Nano, "2006-01-02 15:04:05.999999999-07:00", "2006-01-02 15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, s); err == nil {
			*n.t = t.UTC()
			return nil
		}
	}
	return fmt.Errorf("store: cannot parse time %q", s)
}

// tm wraps a *time.Time for Scan.
func tm(t *time.Time) nullTime { return nullTime{t} }

// date converts a calendar date for writing (YYYY-MM-DD); the zero time is NULL.
func date(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.Format("2006-01-02")
}

// nullStr scans a possibly NULL text column into a string.
type nullStr struct{ s *string }

func (n nullStr) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*n.s = ""
	case string:
		*n.s = v
	case []byte:
		*n.s = string(v)
	default:
		return fmt.Errorf("store: cannot scan %T as text", src)
	}
	return nil
}

func str(s *string) nullStr { return nullStr{s} }

// orNull writes "" as NULL, for columns where NULL means "none" and a UNIQUE index applies.
func orNull(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// idOrNull writes 0 as NULL, for optional foreign keys.
func idOrNull(id int64) any {
	if id == 0 {
		return nil
	}
	return id
}

// nullID scans a possibly NULL id.
type nullID struct{ id *int64 }

func (n nullID) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*n.id = 0
	case int64:
		*n.id = v
	case int32:
		*n.id = int64(v)
	default:
		return fmt.Errorf("store: cannot scan %T as an id", src)
	}
	return nil
}

func id(p *int64) nullID { return nullID{p} }

// page clamps an offset and limit.
func page(offset, limit, max int) (int, int) {
	if offset < 0 {
		offset = 0
	}
	if limit <= 0 || limit > max {
		limit = max
	}
	return offset, limit
}

// where builds a WHERE clause from conditions joined by AND.
type where struct {
	conds []string
	args  []any
}

func (w *where) add(cond string, args ...any) {
	w.conds = append(w.conds, cond)
	w.args = append(w.args, args...)
}

func (w *where) String() string {
	if len(w.conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(w.conds, " AND ")
}

// likePattern makes a LIKE pattern that matches s anywhere, with LIKE's wildcards escaped.
func likePattern(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(strings.ToLower(s)) + "%"
}

// Close closes the pool.
func (db *DB) Close() error {
	if db.stmts != nil {
		db.stmts.close()
	}
	if w := db.writer; w != nil {
		w.close.Do(func() {
			if w.stop != nil {
				close(w.stop)
			}
			w.turn <- struct{}{} // waits for the running transaction; none starts after this
			w.drop()
			if w.checkpoints != nil {
				close(w.checkpoints)
				w.checkpointer.Wait()
			}
		})
	}
	return db.sql.Close()
}
