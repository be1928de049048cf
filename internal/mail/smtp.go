package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"mobilite"
)

// send delivers m through the relay in one SMTP session, within the per-message timeout. Replies
// of 5xx to RCPT or DATA, and messages that cannot be built, are permanentErrors; anything else
// (4xx, network, timeouts, and 5xx before RCPT, which speak of this server's configuration rather
// than of the message) is worth another try.
func (s *Sender) send(ctx context.Context, m *mobilite.Message) error {
	msg, rcpt, err := compose(s.from, m.To, m.Subject, m.Body, s.Now())
	if err != nil {
		return err
	}
	ctx, cancel := context.WithTimeout(ctx, s.timeout)
	defer cancel()
	dialer := net.Dialer{Timeout: s.timeout}
	conn, err := dialer.DialContext(ctx, "tcp", net.JoinHostPort(s.cfg.Host, strconv.Itoa(s.cfg.Port)))
	if err != nil {
		return err
	}
	defer conn.Close()
	// The deadline bounds every read and write; cancelling ctx moves it to the past, which
	// unblocks the dialogue at once.
	if deadline, ok := ctx.Deadline(); ok {
		conn.SetDeadline(deadline)
	}
	stop := context.AfterFunc(ctx, func() { conn.SetDeadline(time.Unix(1, 0)) })
	defer stop()

	c, err := smtp.NewClient(conn, s.cfg.Host)
	if err != nil {
		return err
	}
	defer c.Close()
	if err := c.Hello(s.hello); err != nil {
		return err
	}
	if err := s.startTLS(c); err != nil {
		return err
	}
	if s.cfg.Username != "" {
		if ok, _ := c.Extension("AUTH"); !ok {
			return errors.New("smtp: the server does not offer AUTH")
		}
		// PlainAuth refuses to send the password over a connection without TLS, unless the server
		// is localhost: a relay that does not offer STARTTLS fails here instead of leaking it.
		if err := c.Auth(smtp.PlainAuth("", s.cfg.Username, s.cfg.Password, s.cfg.Host)); err != nil {
			return fmt.Errorf("smtp auth: %w", err)
		}
	}
	if err := c.Mail(s.from.Address); err != nil {
		return err
	}
	if err := c.Rcpt(rcpt); err != nil {
		return refused(err)
	}
	w, err := c.Data()
	if err != nil {
		return refused(err)
	}
	if _, err := w.Write(msg); err != nil {
		return err
	}
	// Close ends the data and reads the relay's verdict on the message.
	if err := w.Close(); err != nil {
		return refused(err)
	}
	// The relay has taken the message: a failing QUIT does not make it unsent.
	if err := c.Quit(); err != nil {
		s.log.Debug("mail: quit", "id", m.ID, "err", err)
	}
	return nil
}

// startTLS upgrades the connection as the Config asks.
func (s *Sender) startTLS(c *smtp.Client) error {
	if s.cfg.StartTLS == StartTLSNever {
		return nil
	}
	if ok, _ := c.Extension("STARTTLS"); !ok {
		if s.cfg.StartTLS == StartTLSAlways {
			return errors.New("smtp: the server does not offer STARTTLS")
		}
		return nil
	}
	cfg := &tls.Config{ServerName: s.cfg.Host, RootCAs: s.rootCAs, MinVersion: tls.VersionTLS12}
	if err := c.StartTLS(cfg); err != nil {
		return fmt.Errorf("smtp starttls: %w", err)
	}
	return nil
}

// refused makes a 5xx reply a permanentError.
func refused(err error) error {
	var reply *textproto.Error
	if errors.As(err, &reply) && reply.Code >= 500 {
		return &permanentError{err}
	}
	return err
}

// isPermanent reports whether trying err's message again cannot help.
func isPermanent(err error) bool {
	var p *permanentError
	return errors.As(err, &p)
}

// reason is err as a short line for Message.LastError: "550 5.1.1 no such user",
// "dial tcp 127.0.0.1:25: connect: connection refused".
func reason(err error) string {
	const maxLen = 300
	r := err.Error()
	// textproto quotes the text of a reply; the reply as the server sent it reads better.
	var reply *textproto.Error
	if errors.As(err, &reply) {
		r = strings.Replace(r, reply.Error(), fmt.Sprintf("%03d %s", reply.Code, reply.Msg), 1)
	}
	r = strings.Join(strings.Fields(strings.ToValidUTF8(r, "?")), " ")
	if len(r) > maxLen {
		r = r[:maxLen]
		for !utf8.ValidString(r) {
			r = r[:len(r)-1]
		}
		r += "…"
	}
	return r
}
