package mail

import (
	"bytes"
	"crypto/rand"
	"errors"
	"fmt"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"strings"
	"time"
)

// permanentError is a failure that trying again cannot fix: a malformed message, or a recipient or
// content that the relay refused with a 5xx reply.
type permanentError struct{ err error }

func (e *permanentError) Error() string { return e.err.Error() }
func (e *permanentError) Unwrap() error { return e.err }

// errHeaderInjection is the failure of a To or Subject that would add lines to the header.
var errHeaderInjection = errors.New("header injection: CR or LF in To or Subject")

// compose builds the RFC 5322 text of a message from from to to, in 7-bit ASCII with CRLF line
// ends: the subject in RFC 2047 encoded words when it is not ASCII, the body in quoted-printable
// UTF-8. It returns the address to give in RCPT TO. A To or Subject holding CR or LF, or a To that
// is not an address, is a permanentError.
func compose(from *mail.Address, to, subject, body string, now time.Time) (msg []byte, rcpt string, err error) {
	if strings.ContainsAny(to, "\r\n") || strings.ContainsAny(subject, "\r\n") {
		return nil, "", &permanentError{errHeaderInjection}
	}
	addr, err := mail.ParseAddress(to)
	if err != nil {
		return nil, "", &permanentError{fmt.Errorf("bad recipient address: %w", err)}
	}
	var b bytes.Buffer
	header := func(name, value string) {
		b.WriteString(fold(name + ": " + value))
		b.WriteString("\r\n")
	}
	header("From", from.String())
	header("To", addr.String())
	header("Subject", mime.QEncoding.Encode("UTF-8", subject))
	header("Date", now.Format(time.RFC1123Z))
	header("Message-ID", "<"+rand.Text()+"@"+domain(from.Address)+">")
	header("MIME-Version", "1.0")
	header("Content-Type", "text/plain; charset=UTF-8")
	header("Content-Transfer-Encoding", "quoted-printable")
	// RFC 3834: tells auto-responders (out-of-office…) not to answer.
	header("Auto-Submitted", "auto-generated")
	b.WriteString("\r\n")
	// In text mode the writer turns each line break into CRLF and keeps lines within 76 characters.
	qp := quotedprintable.NewWriter(&b)
	if _, err := qp.Write([]byte(body)); err != nil {
		return nil, "", err
	}
	if err := qp.Close(); err != nil {
		return nil, "", err
	}
	return b.Bytes(), addr.Address, nil
}

// domain is the part of an address after the last @.
func domain(address string) string {
	return address[strings.LastIndexByte(address, '@')+1:]
}

// fold breaks a header line longer than 78 characters before single spaces that have text on both
// sides (RFC 5322 §2.2.3), so that unfolding gives the line back. The encoded words of a subject
// are separated by such spaces; the first may go on a line of its own after "Subject:", since it
// can be 75 characters long. A word longer than a line stays whole.
func fold(line string) string {
	const width = 78
	if len(line) <= width {
		return line
	}
	var b strings.Builder
	start, last := 0, -1 // start of the current output line; last place where it may break
	for i := 1; i < len(line)-1; i++ {
		if line[i] != ' ' || line[i-1] == ' ' || line[i+1] == ' ' || line[i-1] == '\t' || line[i+1] == '\t' {
			continue
		}
		if i-start > width && last > start {
			b.WriteString(line[start:last])
			b.WriteString("\r\n")
			start = last
		}
		last = i
	}
	if len(line)-start > width && last > start {
		b.WriteString(line[start:last])
		b.WriteString("\r\n")
		start = last
	}
	b.WriteString(line[start:])
	return b.String()
}
