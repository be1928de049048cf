// Package mail sends the messages of the outbox over SMTP, with retries.
//
// Other code writes a mobilite.Message in the same transaction as the action that causes it; the
// Sender task of this package claims the due messages, tries each once, and records the outcome:
// sent, pending again after a backoff, or failed for good. Several server processes may run a
// Sender on the same database: the store leases what it hands out.
package mail

import (
	"context"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"net/mail"
	"os"
	"runtime/debug"
	"strings"
	"time"

	"mobilite"
)

// MaxAttempts is the number of attempts after which a message that keeps failing for a temporary
// reason is marked mobilite.MessageFailed. An admin can put it back in the queue.
const MaxAttempts = 8

const (
	batchSize      = 20              // messages claimed at once
	lease          = 5 * time.Minute // how long a claimed message is hidden from other senders
	defaultTimeout = 30 * time.Second
	defaultPort    = 25
	recordTimeout  = 10 * time.Second // for the store writes that follow an attempt
)

// Config is the SMTP relay. Host "" means no SMTP: messages stay in the outbox for admins to read.
type Config struct {
	Host     string
	Port     int // 0 means 25
	Username string
	Password string
	From     string // e.g. "Mobilité <no-reply@anpe.tg>"
	// StartTLS is "auto" (use STARTTLS when the server offers it; "" means auto), "always" (fail
	// if it is not offered) or "never".
	StartTLS string
	Timeout  time.Duration // per message; 0 means 30s
}

// The values of Config.StartTLS.
const (
	StartTLSAuto   = "auto"
	StartTLSAlways = "always"
	StartTLSNever  = "never"
)

// Validate checks a Config meant to send (Host set): From must be an address and StartTLS one of
// the known values. It returns EINVALID. A Config without Host is always valid.
func (c Config) Validate() error {
	_, err := c.from()
	return err
}

// from parses the From address and checks the rest of the configuration.
func (c Config) from() (*mail.Address, error) {
	if c.Host == "" {
		return nil, nil
	}
	switch c.StartTLS {
	case "", StartTLSAuto, StartTLSAlways, StartTLSNever:
	default:
		return nil, mobilite.Errorf(mobilite.EINVALID, "", "mail: StartTLS %q is not auto, always or never", c.StartTLS)
	}
	if c.Port < 0 || c.Port > 65535 {
		return nil, mobilite.Errorf(mobilite.EINVALID, "", "mail: bad port %d", c.Port)
	}
	from, err := mail.ParseAddress(c.From)
	if err != nil {
		return nil, mobilite.Errorf(mobilite.EINVALID, "", "mail: bad From %q: %w", c.From, err)
	}
	if strings.ContainsAny(from.Address, "\r\n") || !strings.Contains(from.Address, "@") {
		return nil, mobilite.Errorf(mobilite.EINVALID, "", "mail: bad From %q", c.From)
	}
	return from, nil
}

// Outbox is what the Sender needs of the store: a subset of mobilite.OutboxStore.
type Outbox interface {
	ClaimDueMessages(ctx context.Context, now, lease time.Time, limit int) ([]*mobilite.Message, error)
	MarkMessageSent(ctx context.Context, id int64, at time.Time) error
	MarkMessageFailed(ctx context.Context, id int64, status, lastErr string, next time.Time) error
}

// Sender is the task that sends the outbox. Create it with NewSender.
type Sender struct {
	// Now is the clock; tests replace it.
	Now func() time.Time

	store   Outbox
	cfg     Config
	log     *slog.Logger
	from    *mail.Address
	cfgErr  error  // an invalid Config: nothing is claimed until it is fixed
	hello   string // the name given in EHLO
	timeout time.Duration
	rootCAs *x509.CertPool // nil: the system roots; tests trust their own certificate
}

// NewSender returns a Sender that sends the messages of store through the relay of cfg. An invalid
// cfg is reported by RunOnce (and logged by Run); Config.Validate checks it beforehand.
func NewSender(store Outbox, cfg Config, log *slog.Logger) *Sender {
	s := &Sender{Now: time.Now, store: store, cfg: cfg, log: log, timeout: cfg.Timeout, hello: "localhost"}
	if s.timeout <= 0 {
		s.timeout = defaultTimeout
	}
	if s.cfg.Port == 0 {
		s.cfg.Port = defaultPort
	}
	if s.cfg.StartTLS == "" {
		s.cfg.StartTLS = StartTLSAuto
	}
	s.from, s.cfgErr = cfg.from()
	// EHLO should name this host; "localhost" is the usual stand-in when it has no name.
	if h, err := os.Hostname(); err == nil && h != "" && !strings.ContainsAny(h, " \r\n") {
		s.hello = h
	}
	return s
}

// Enabled reports whether an SMTP relay is configured. When it is not, messages stay pending in
// the outbox, where admins can read them.
func (s *Sender) Enabled() bool { return s.cfg.Host != "" }

// RunOnce claims up to 20 due messages, leasing them for 5 minutes so that no other sender takes
// them, and tries each once. It returns how many were sent and how many attempts failed; a failed
// attempt is rescheduled with Backoff, or marked failed when the failure is permanent or the
// message has had MaxAttempts. The error is EINVALID for a bad Config, or the store's error
// (EUNAVAILABLE, EINTERNAL); when ctx ends during the batch, it is ctx.Err() and the messages not
// tried wait for their lease to end. RunOnce does nothing when the Sender is not Enabled.
func (s *Sender) RunOnce(ctx context.Context) (sent, failed int, err error) {
	if !s.Enabled() {
		return 0, 0, nil
	}
	if s.cfgErr != nil {
		return 0, 0, s.cfgErr
	}
	now := s.Now()
	until := now.Add(lease)
	msgs, err := s.store.ClaimDueMessages(ctx, now, until, batchSize)
	if err != nil {
		return 0, 0, fmt.Errorf("mail: claim messages: %w", err)
	}
	var errs []error
	for _, m := range msgs {
		if ctx.Err() != nil {
			break
		}
		// A message tried after its lease has ended may already be in another sender's hands:
		// leave the rest of the batch to the next claim.
		if s.Now().Add(s.timeout).After(until) {
			break
		}
		res, err := s.attempt(ctx, m)
		if err != nil {
			errs = append(errs, err)
		}
		switch res {
		case delivered:
			sent++
		case undelivered:
			failed++
		}
	}
	if ctx.Err() != nil {
		errs = append(errs, ctx.Err())
	}
	return sent, failed, errors.Join(errs...)
}

// outcome is the result of one attempt.
type outcome int

const (
	interrupted outcome = iota // ctx ended: not recorded, the lease brings the message back
	delivered
	undelivered
)

// attempt tries m once and records the outcome. The error is the store's.
func (s *Sender) attempt(ctx context.Context, m *mobilite.Message) (outcome, error) {
	sendErr := s.send(ctx, m)
	if sendErr != nil && ctx.Err() != nil {
		s.log.Info("mail: attempt interrupted", "id", m.ID)
		return interrupted, nil
	}
	// Record the outcome even if ctx ends now: a sent message that is not marked would be sent again.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), recordTimeout)
	defer cancel()
	now := s.Now()
	if sendErr == nil {
		s.log.Info("mail: message sent", "id", m.ID)
		if err := s.store.MarkMessageSent(rctx, m.ID, now); err != nil {
			return delivered, fmt.Errorf("mail: message %d sent but not marked: %w", m.ID, err)
		}
		return delivered, nil
	}
	attempt := m.Attempts + 1
	status, next := mobilite.MessagePending, now.Add(Backoff(attempt))
	if isPermanent(sendErr) || attempt >= MaxAttempts {
		status, next = mobilite.MessageFailed, now
	}
	why := reason(sendErr)
	s.log.Warn("mail: message not sent", "id", m.ID, "attempt", attempt, "status", status, "next", next, "err", why)
	if err := s.store.MarkMessageFailed(rctx, m.ID, status, why, next); err != nil {
		return undelivered, fmt.Errorf("mail: mark message %d: %w", m.ID, err)
	}
	return undelivered, nil
}

// Run sends the outbox every period until ctx is done, and returns promptly when it is. It logs
// errors and recovers from panics, so that the server keeps running. When a batch is full, the next
// one follows at once. Run returns at once when the Sender is not Enabled.
func (s *Sender) Run(ctx context.Context, every time.Duration) {
	if !s.Enabled() {
		s.log.Info("mail: no SMTP host configured; messages stay in the outbox")
		return
	}
	if every <= 0 {
		every = time.Minute
	}
	tick := time.NewTicker(every)
	defer tick.Stop()
	for {
		s.drain(ctx)
		select {
		case <-ctx.Done():
			return
		case <-tick.C:
		}
	}
}

// drain runs batches while they come full.
func (s *Sender) drain(ctx context.Context) {
	defer func() {
		if r := recover(); r != nil {
			s.log.Error("mail: panic in sender", "panic", r, "stack", string(debug.Stack()))
		}
	}()
	for ctx.Err() == nil {
		sent, failed, err := s.RunOnce(ctx)
		if err != nil {
			if ctx.Err() == nil {
				s.log.Error("mail: send outbox", "err", err)
			}
			return
		}
		if sent+failed < batchSize {
			return
		}
	}
}

// Backoff is the wait before the attempt that follows attempt number attempt (1, 2, …): 1m, 2m,
// 4m and so on, capped at 6h.
func Backoff(attempt int) time.Duration {
	const ceiling = 6 * time.Hour
	d := time.Minute
	for i := 1; i < attempt && d < ceiling; i++ {
		d *= 2
	}
	return min(d, ceiling)
}
