// Command mobilite runs the Mobilité platform: the web server and its tasks, migrations,
// accounts and backups. Flags can also be given as MOBILITE_* environment variables.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=…".
var version = "dev"

const usage = `mobilite — the labour-migration platform of the employment agency

Usage:
  mobilite serve   [--addr :8080] [--db DSN] [--data DIR] [--demo]   run the web server
  mobilite migrate [--db DSN] [--data DIR]                           create or upgrade the database
  mobilite user add --email E --role R [--name N] [--office CODE] [--org O] [--token]
                                                                     create an account (password on stdin)
  mobilite ingest FILE_OR_URL [--kind auto|rss|atom|reliefweb|jsonld|hropen|csv|xlsx]
                                                                     read job offers from a feed, an API answer or a file
  mobilite backup --to FILE [--db DSN] [--data DIR]                  copy the SQLite database while it runs
  mobilite bench ingest --n N [--open M] | bench search [--n 2000]   measure ingestion and search (docs/PERFORMANCE.md)
  mobilite version                                                   print the version

Every flag can be set by an environment variable: --db is MOBILITE_DB, --smtp-host is
MOBILITE_SMTP_HOST, and so on. Without --db the database is the SQLite file DIR/mobilite.db.
A --db starting with postgres:// selects PostgreSQL.
`

func main() {
	// The garbage collector runs half as often as Go's default: ingestion allocates much
	// short-lived text, and collecting it took a tenth of the processor (docs/PERFORMANCE.md). A
	// soft limit keeps the heap bounded all the same. GOGC and GOMEMLIMIT in the environment win.
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(200)
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(150 << 20)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	if err := run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr); err != nil {
		if !errors.Is(err, flag.ErrHelp) {
			fmt.Fprintln(os.Stderr, "mobilite:", err)
		}
		os.Exit(2)
	}
}

// run dispatches a sub-command; it is main without the process, for tests.
func run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return flag.ErrHelp
	}
	switch args[0] {
	case "serve":
		return runServe(ctx, args[1:], stdout, stderr)
	case "migrate":
		return runMigrate(ctx, args[1:], stdout, stderr)
	case "user":
		if len(args) < 2 || args[1] != "add" {
			return fmt.Errorf("usage: mobilite user add --email E --role R (see mobilite help)")
		}
		return runUserAdd(ctx, args[2:], stdin, stdout, stderr)
	case "ingest":
		return runIngest(ctx, args[1:], stdout, stderr)
	case "backup":
		return runBackup(ctx, args[1:], stdout, stderr)
	case "bench":
		return runBench(ctx, args[1:], stdout, stderr)
	case "version", "--version", "-v":
		fmt.Fprintln(stdout, "mobilite", version)
		return nil
	case "help", "-h", "--help":
		fmt.Fprint(stdout, usage)
		return nil
	}
	fmt.Fprint(stderr, usage)
	return fmt.Errorf("unknown command %q", args[0])
}
