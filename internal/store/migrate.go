package store

import (
	"context"
	"database/sql"
	"fmt"
	"io/fs"
	"log/slog"

	"github.com/pressly/goose/v3"
)

// Migrate applies the embedded migrations in fsys (a folder of numbered .sql files) to db and
// logs each one applied. dialect is goose's name for the engine. A migration numbered below
// the database's version but not applied to it is applied too (goose refuses by default):
// numbers are handed out to work done side by side, which lands in any order, and each
// migration touches its own tables.
func Migrate(ctx context.Context, db *sql.DB, dialect goose.Dialect, fsys fs.FS, log *slog.Logger) error {
	p, err := goose.NewProvider(dialect, db, fsys, goose.WithAllowOutofOrder(true))
	if err != nil {
		return fmt.Errorf("store: migrations: %w", err)
	}
	results, err := p.Up(ctx)
	if err != nil {
		return fmt.Errorf("store: migrate: %w", err)
	}
	for _, r := range results {
		log.Info("migration applied", "version", r.Source.Version, "file", r.Source.Path, "duration", r.Duration)
	}
	return nil
}
