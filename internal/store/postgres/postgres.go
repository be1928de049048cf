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
	"time"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" database/sql driver
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
	Name:       "postgres",
	Numbered:   true,
	SkipLocked: " FOR UPDATE SKIP LOCKED",
	IsUnique: func(err error) bool {
		var e *pgconn.PgError
		return errors.As(err, &e) && e.Code == "23505"
	},
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

// Open connects to the database named by dsn (postgres://…), migrates it and returns the store.
func Open(ctx context.Context, dsn string, log *slog.Logger) (*store.DB, error) {
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		return nil, fmt.Errorf("postgres: open: %w", err)
	}
	db.SetMaxOpenConns(20)
	db.SetMaxIdleConns(10)
	db.SetConnMaxIdleTime(5 * time.Minute)
	if err := store.Migrate(ctx, db, goose.DialectPostgres, Migrations(), log); err != nil {
		db.Close()
		return nil, err
	}
	return store.New(db, Dialect), nil
}
