package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	"mobilite"
	"mobilite/internal/account"
	"mobilite/internal/api"
	"mobilite/internal/demo"
	"mobilite/internal/flows"
	"mobilite/internal/indicators"
	"mobilite/internal/jobs"
	"mobilite/internal/locale"
	"mobilite/internal/mail"
	"mobilite/internal/metrics"
	"mobilite/internal/office"
	"mobilite/internal/ref"
	"mobilite/internal/seekers"
	"mobilite/internal/store"
	"mobilite/internal/store/postgres"
	"mobilite/internal/store/sqlite"
	"mobilite/internal/survey"
	"mobilite/internal/web"
)

// Main is the running application: the database, the HTTP server and the background tasks.
// A test boots it on :0 with a temporary database.
type Main struct {
	Config Config
	Log    *slog.Logger
	Hasher *account.Hasher
	Now    func() time.Time
	Locale *locale.Catalogue // nil: the embedded catalogue

	DB         *store.DB
	Accounts   *account.Service
	Jobs       *jobs.Service
	Seekers    *seekers.Service
	Flows      *flows.Service
	Indicators *indicators.Service
	Alerts     *jobs.Alerts
	Runner     *jobs.Runner
	Hub        *jobs.Hub
	Handler    http.Handler
	Sender     *mail.Sender

	listener     net.Listener
	baseFromAddr bool // the base URL was not configured: take it from the address listened on
	server       *http.Server
	cancel       context.CancelFunc
	tasks        sync.WaitGroup
}

// openStore opens the database named by the configuration and migrates it.
func openStore(ctx context.Context, c *Config, log *slog.Logger) (*store.DB, error) {
	if c.postgres() {
		return postgres.Open(ctx, c.DB, log)
	}
	if c.DB != "" {
		return nil, fmt.Errorf("--db must be a postgres:// DSN (leave it empty for SQLite under --data)")
	}
	return sqlite.Open(ctx, c.sqlitePath(), log)
}

// openFor opens the database of a command-line sub-command, with the logger of its flags.
func openFor(ctx context.Context, c *Config, stderr io.Writer) (*store.DB, *slog.Logger, error) {
	log, err := c.logger(stderr)
	if err != nil {
		return nil, nil, err
	}
	db, err := openStore(ctx, c, log)
	return db, log, err
}

// Open opens the database, loads the demo data if asked, and builds the handlers.
func (m *Main) Open(ctx context.Context) error {
	if m.Now == nil {
		m.Now = time.Now
	}
	if m.Hasher == nil {
		m.Hasher = account.DefaultHasher()
	}
	// The pages and the API take their links from the request when no address is configured.
	publicBase := m.Config.BaseURL
	if m.Config.BaseURL == "" {
		m.Config.BaseURL = defaultBaseURL(m.Config.Addr)
		m.baseFromAddr = true
	}
	if err := m.Config.SMTP.Validate(); err != nil {
		return err
	}
	db, err := openStore(ctx, &m.Config, m.Log)
	if err != nil {
		return err
	}
	m.DB = db
	if m.Config.Demo {
		res, err := demo.Load(ctx, db, m.Hasher, m.Now().UTC())
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		m.Log.Info("demo data loaded", "offices", res.Offices, "users", res.Users)
	}

	cat := m.Locale
	if cat == nil {
		cat = locale.MustLoad()
	}
	refs := ref.MustLoad()
	m.Accounts = account.New(db, m.Hasher, cat, m.Config.BaseURL, m.Now)
	m.Sender = mail.NewSender(db, m.Config.SMTP, m.Log)
	m.Hub = jobs.NewHub()
	if m.Config.postgres() {
		m.Hub.Publish = func(ctx context.Context, id int64) error {
			return postgres.Notify(ctx, db.SQL(), "jobs", strconv.FormatInt(id, 10))
		}
	}
	m.Jobs = jobs.New(db, refs, m.Hub, m.Log, m.Now)
	m.Seekers = seekers.New(db, refs, m.Now)
	m.Accounts.OnDelete = m.Seekers.OnAccountDeleted
	m.Seekers.OpenAccount = m.Accounts.Handover
	m.Flows = &flows.Service{Store: db, Ref: refs, Seekers: m.Seekers, Now: m.Now}
	m.Indicators = indicators.New(db, refs)
	m.Indicators.Threshold = m.Config.StatsThreshold
	if err := m.Indicators.EnsureElements(ctx, m.Now().UTC()); err != nil {
		return fmt.Errorf("data elements: %w", err)
	}
	m.Alerts = &jobs.Alerts{Jobs: m.Jobs, Catalogue: cat, BaseURL: m.Config.BaseURL}
	m.Runner = &jobs.Runner{Jobs: m.Jobs, Fetcher: jobs.NewFetcher(), Log: m.Log, Workers: 4}
	if m.Config.Demo {
		res, err := demo.LoadOffers(ctx, m.Jobs, m.Now().UTC())
		if err != nil {
			return fmt.Errorf("demo offers: %w", err)
		}
		m.Log.Info("demo offers loaded", "sources", res.Sources, "offers", res.Offers)
		flows, err := demo.LoadFlows(ctx, db, m.Now().UTC())
		if err != nil {
			return fmt.Errorf("demo flows: %w", err)
		}
		m.Log.Info("demo flows loaded", "departures", flows.Departures, "returns", flows.Returns)
		lines, err := demo.LoadPlan(ctx, db, m.Now().UTC())
		if err != nil {
			return fmt.Errorf("demo plan: %w", err)
		}
		m.Log.Info("demo action plan loaded", "lines", lines)
		if err := demo.LoadAggregates(ctx, db, m.Now().UTC()); err != nil {
			return fmt.Errorf("demo aggregates: %w", err)
		}
		subs, err := demo.LoadSurvey(ctx, db, m.Now().UTC())
		if err != nil {
			return fmt.Errorf("demo survey: %w", err)
		}
		m.Log.Info("demo survey loaded", "submissions", subs)
		reg, err := demo.LoadRegulation(ctx, db, m.Now().UTC())
		if err != nil {
			return fmt.Errorf("demo regulation registers: %w", err)
		}
		m.Log.Info("demo regulation registers loaded", "agencies", reg.Agencies, "complaints", reg.Complaints)
	}
	wc := web.Config{BaseURL: publicBase, TrustProxy: m.Config.TrustProxy, Demo: m.Config.Demo, SMTP: m.Sender.Enabled()}
	if m.Config.Demo {
		// The log-in page of a demo site lists its accounts, as the start-up message says.
		if wc.DemoAccounts, err = demo.Accounts(); err != nil {
			return fmt.Errorf("demo accounts: %w", err)
		}
		wc.DemoPassword = demo.Password
	}
	w, err := web.New(wc,
		web.Deps{Store: db, Accounts: m.Accounts, Offices: &office.Service{Store: db, Ref: refs, Now: m.Now}, Ref: refs,
			Locale: cat, Log: m.Log, Now: m.Now, Jobs: m.Jobs, Alerts: m.Alerts, Hub: m.Hub, Seekers: m.Seekers,
			Flows: m.Flows, Indicators: m.Indicators})
	if err != nil {
		return err
	}
	reg := metrics.New()
	reg.AddDB(db.Engine(), db.SQL())
	mux := http.NewServeMux()
	w.Register(mux)
	api.New(api.Deps{Store: db, Accounts: m.Accounts, Jobs: m.Jobs, Seekers: m.Seekers, Flows: m.Flows, Indicators: m.Indicators, Ref: refs, Locale: cat, Log: m.Log, BaseURL: publicBase}).Register(mux)
	reg.AddGauge("mobilite_live_subscribers", "Pages following new offers (Server-Sent Events).", func() float64 { return float64(m.Hub.Subscribers()) })
	mux.Handle("GET /metrics", reg)
	// The metrics middleware wraps the mux itself, so that it sees the pattern that matched.
	m.Handler = web.Gzip(w.Wrap(reg.Middleware(mux)))
	return nil
}

// Run listens and serves, and starts the background tasks; it returns once listening.
func (m *Main) Run(ctx context.Context) error {
	ln, err := net.Listen("tcp", m.Config.Addr)
	if err != nil {
		return err
	}
	m.listener = ln
	if m.baseFromAddr {
		// With --addr :0 the port is known only now; links in e-mails must carry it.
		m.Config.BaseURL = defaultBaseURL(ln.Addr().String())
		m.Accounts.BaseURL = m.Config.BaseURL
		m.Alerts.BaseURL = m.Config.BaseURL
	}
	m.server = &http.Server{
		Handler:           m.Handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(m.Log.Handler(), slog.LevelWarn),
	}
	taskCtx, cancel := context.WithCancel(context.WithoutCancel(ctx))
	m.cancel = cancel
	m.tasks.Add(6)
	go func() { defer m.tasks.Done(); m.Sender.Run(taskCtx, 10*time.Second) }()
	go func() {
		// The first search would otherwise wait while the copy of the open offers loads.
		defer m.tasks.Done()
		start := time.Now()
		if err := m.DB.WarmOpenJobs(taskCtx); err != nil && taskCtx.Err() == nil {
			m.Log.Warn("open offers not loaded in advance", "err", err)
			return
		}
		lexemes, ids, bytes, took := m.DB.CommonLexemes()
		m.Log.Info("open offers loaded in memory", "duration", time.Since(start).Round(time.Millisecond),
			"common_lexemes", lexemes, "their_ids", ids, "their_bytes", bytes, "lexemes_took", took.Round(time.Millisecond))
		// The lexemes most offers hold drift as offers come and go: chosen again now and then.
		for {
			select {
			case <-taskCtx.Done():
				return
			case <-time.After(6 * time.Hour):
			}
			if err := m.DB.WarmOpenJobs(taskCtx); err != nil && taskCtx.Err() == nil {
				m.Log.Warn("common lexemes not chosen again", "err", err)
			}
		}
	}()
	go func() { defer m.tasks.Done(); m.cleanup(taskCtx, time.Hour) }()
	go func() { defer m.tasks.Done(); m.Runner.Run(taskCtx, time.Minute) }()
	go func() { defer m.tasks.Done(); m.sendAlerts(taskCtx) }()
	go func() {
		defer m.tasks.Done()
		if m.Config.postgres() {
			postgres.Listen(taskCtx, m.Config.DB, "jobs", m.Log, func(payload string) {
				if id, err := strconv.ParseInt(payload, 10, 64); err == nil {
					m.Hub.Broadcast(id)
				}
			})
			return
		}
		m.Hub.Poll(taskCtx, 5*time.Second, m.DB.MaxJobID)
	}()
	go func() {
		if err := m.server.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			m.Log.Error("server stopped", "err", err)
		}
	}()
	m.Log.Info("listening", "addr", ln.Addr().String(), "url", m.Config.BaseURL, "engine", m.DB.Engine(), "version", version)
	return nil
}

// URL is the address the server listens on, for tests.
func (m *Main) URL() string { return "http://" + m.listener.Addr().String() }

// cleanup removes expired sessions, old login failures and old unconfirmed survey uploads every
// period.
func (m *Main) cleanup(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		now := m.Now().UTC()
		if n, err := m.DB.DeleteExpiredSessions(ctx, now); err != nil && ctx.Err() == nil {
			m.Log.Warn("cleanup: sessions", "err", err)
		} else if n > 0 {
			m.Log.Info("cleanup: expired sessions removed", "count", n)
		}
		if err := m.DB.DeleteLoginFailuresBefore(ctx, now.Add(-24*time.Hour)); err != nil && ctx.Err() == nil {
			m.Log.Warn("cleanup: login failures", "err", err)
		}
		// Files of survey submissions never confirmed may hold personal data: a week, no more.
		if n, err := m.DB.DeleteSurveyUploadsBefore(ctx, now.Add(-survey.KeepUploads)); err != nil && ctx.Err() == nil {
			m.Log.Warn("cleanup: survey uploads", "err", err)
		} else if n > 0 {
			m.Log.Info("cleanup: unconfirmed survey uploads removed", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// sendAlerts writes the e-mails of saved searches: "instant" ones every 10 minutes, daily ones
// once a day (checked every 10 minutes).
func (m *Main) sendAlerts(ctx context.Context) {
	t := time.NewTicker(10 * time.Minute)
	defer t.Stop()
	for {
		for _, f := range []string{"instant", "daily"} {
			if n, err := m.Alerts.SendDue(ctx, f); err != nil && ctx.Err() == nil {
				m.Log.Warn("alerts: send", "frequency", f, "err", err)
			} else if n > 0 {
				m.Log.Info("alerts: e-mails written", "frequency", f, "count", n)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Close stops accepting requests, lets in-flight ones finish (up to the shutdown timeout), stops
// the tasks and closes the database: nothing is left half-written.
func (m *Main) Close() error {
	var errs []error
	if m.server != nil {
		ctx, cancel := context.WithTimeout(context.Background(), m.Config.Shutdown)
		if err := m.server.Shutdown(ctx); err != nil {
			errs = append(errs, fmt.Errorf("shutdown: %w", err))
		}
		cancel()
	}
	if m.cancel != nil {
		m.cancel()
	}
	m.tasks.Wait()
	if m.DB != nil {
		errs = append(errs, m.DB.Close())
	}
	return errors.Join(errs...)
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c Config
	fs := newFlags("serve", stderr)
	serveFlags(fs, &c)
	if err := parse(fs, args); err != nil {
		return err
	}
	log, err := c.logger(stderr)
	if err != nil {
		return err
	}
	m := &Main{Config: c, Log: log}
	if err := m.Open(ctx); err != nil {
		if m.DB != nil {
			m.DB.Close()
		}
		return err
	}
	if err := m.Run(ctx); err != nil {
		m.Close()
		return err
	}
	if c.Demo {
		fmt.Fprintf(stdout, "Mobilité is running at %s (demo accounts: see the log-in page; password %q)\n", m.Config.BaseURL, demo.Password)
	} else {
		fmt.Fprintf(stdout, "Mobilité is running at %s\n", m.Config.BaseURL)
	}
	<-ctx.Done()
	log.Info("shutting down")
	return m.Close()
}

var _ mobilite.Store = (*store.DB)(nil)
