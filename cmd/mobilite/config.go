package main

import (
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"mobilite/internal/mail"
)

// Config is the whole configuration, from flags and MOBILITE_* variables.
type Config struct {
	Addr       string
	DB         string // DSN; "" means the SQLite file under Data
	Data       string
	Demo       bool
	BaseURL    string
	TrustProxy bool
	// StatsThreshold is the smallest count published by the statistics pages and exports.
	StatsThreshold int
	LogFormat      string // json or text
	LogLevel       string
	SMTP           mail.Config
	Shutdown       time.Duration
}

// envName turns a flag name into its environment variable: smtp-host → MOBILITE_SMTP_HOST.
func envName(flagName string) string {
	return "MOBILITE_" + strings.ToUpper(strings.ReplaceAll(flagName, "-", "_"))
}

// newFlags returns a flag set for a sub-command whose output goes to stderr.
func newFlags(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("mobilite "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// dbFlags adds the database flags that every sub-command touching the database takes.
func dbFlags(fs *flag.FlagSet, c *Config) {
	fs.StringVar(&c.DB, "db", "", "database DSN: postgres://… for PostgreSQL; empty for the SQLite file under --data")
	fs.StringVar(&c.Data, "data", "./data", "folder of the embedded SQLite database")
	fs.StringVar(&c.LogFormat, "log-format", "json", "log format: json or text")
	fs.StringVar(&c.LogLevel, "log-level", "info", "log level: debug, info, warn, error")
}

// serveFlags adds the flags of the web server.
func serveFlags(fs *flag.FlagSet, c *Config) {
	dbFlags(fs, c)
	fs.StringVar(&c.Addr, "addr", ":8080", "address to listen on")
	fs.BoolVar(&c.Demo, "demo", false, "load the demonstration data set (offices, one account per role)")
	fs.StringVar(&c.BaseURL, "base-url", "", "public address of the site, for links in e-mails (default http://localhost plus the port)")
	fs.BoolVar(&c.TrustProxy, "trust-proxy", false, "read the client address from X-Forwarded-For (behind a reverse proxy only)")
	fs.IntVar(&c.StatsThreshold, "stats-threshold", 5, "smallest count the public statistics show; smaller cells are suppressed")
	fs.StringVar(&c.SMTP.Host, "smtp-host", "", "SMTP relay host; empty keeps e-mails in the outbox for admins to read")
	fs.IntVar(&c.SMTP.Port, "smtp-port", 25, "SMTP relay port")
	fs.StringVar(&c.SMTP.Username, "smtp-user", "", "SMTP user name (AUTH PLAIN, over TLS)")
	fs.StringVar(&c.SMTP.Password, "smtp-password", "", "SMTP password")
	fs.StringVar(&c.SMTP.From, "smtp-from", "Mobilité <no-reply@mobilite.example>", "sender address of e-mails")
	fs.StringVar(&c.SMTP.StartTLS, "smtp-starttls", "auto", "STARTTLS: auto, always or never")
	fs.DurationVar(&c.Shutdown, "shutdown-timeout", 30*time.Second, "how long in-flight requests may take to finish on shutdown")
}

// parse reads the environment into the flags not given on the command line, then the arguments.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	set := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { set[f.Name] = true })
	var err error
	fs.VisitAll(func(f *flag.Flag) {
		if v, ok := os.LookupEnv(envName(f.Name)); ok && !set[f.Name] && err == nil {
			if serr := f.Value.Set(v); serr != nil {
				err = fmt.Errorf("%s=%q: %w", envName(f.Name), v, serr)
			}
		}
	})
	return err
}

// sqlitePath is the database file under the data folder.
func (c *Config) sqlitePath() string { return filepath.Join(c.Data, "mobilite.db") }

// postgres reports whether the DSN selects PostgreSQL.
func (c *Config) postgres() bool {
	return strings.HasPrefix(c.DB, "postgres://") || strings.HasPrefix(c.DB, "postgresql://")
}

// logger builds the structured logger: JSON in production, text for people.
func (c *Config) logger(w io.Writer) (*slog.Logger, error) {
	var level slog.Level
	if err := level.UnmarshalText([]byte(c.LogLevel)); err != nil {
		return nil, fmt.Errorf("bad --log-level %q", c.LogLevel)
	}
	opts := &slog.HandlerOptions{Level: level}
	switch c.LogFormat {
	case "json":
		// Durations as people read them ("1.5s"), not as a count of nanoseconds, slog's default.
		opts.ReplaceAttr = func(_ []string, a slog.Attr) slog.Attr {
			if a.Value.Kind() == slog.KindDuration {
				a.Value = slog.StringValue(a.Value.Duration().String())
			}
			return a
		}
		return slog.New(slog.NewJSONHandler(w, opts)), nil
	case "text":
		return slog.New(slog.NewTextHandler(w, opts)), nil
	}
	return nil, fmt.Errorf("bad --log-format %q (json or text)", c.LogFormat)
}

// defaultBaseURL is the address people reach a local server at.
func defaultBaseURL(addr string) string {
	host, port, ok := strings.Cut(addr, ":")
	if !ok {
		return "http://" + addr
	}
	if host == "" || host == "0.0.0.0" || host == "::" {
		host = "localhost"
	}
	if p, err := strconv.Atoi(port); err == nil && p == 80 {
		return "http://" + host
	}
	return "http://" + host + ":" + port
}
