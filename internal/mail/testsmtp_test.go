package mail

import (
	"bufio"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/base64"
	"math/big"
	"net"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// testServer is a small SMTP server (RFC 5321: greeting, EHLO/HELO, STARTTLS, AUTH PLAIN, MAIL,
// RCPT, DATA with dot-unstuffing, RSET, NOOP, QUIT) that records what it receives.
type testServer struct {
	// Set before start.
	rcptReply map[string]string // recipient → reply to RCPT, e.g. "550 5.1.1 no such user"
	tls       *tls.Config       // non-nil: offer STARTTLS
	auth      bool              // offer AUTH PLAIN
	silent    bool              // accept connections and never answer

	ln   net.Listener
	wg   sync.WaitGroup
	mu   sync.Mutex
	got  []received
	conn map[net.Conn]bool
}

// received is one message the server accepted.
type received struct {
	From string
	To   []string
	Data string // as sent, after dot-unstuffing, with CRLF line ends
	TLS  bool
	Auth string // "user:password" given in AUTH PLAIN
}

// startServer starts srv on 127.0.0.1 and stops it when the test ends.
func startServer(t *testing.T, srv *testServer) *testServer {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	srv.ln = ln
	srv.conn = map[net.Conn]bool{}
	srv.wg.Go(func() {
		for {
			c, err := ln.Accept()
			if err != nil {
				return
			}
			srv.mu.Lock()
			srv.conn[c] = true
			srv.mu.Unlock()
			srv.wg.Go(func() {
				defer func() {
					c.Close()
					srv.mu.Lock()
					delete(srv.conn, c)
					srv.mu.Unlock()
				}()
				if srv.silent {
					c.Read(make([]byte, 1)) // until the client gives up
					return
				}
				srv.serve(c)
			})
		}
	})
	t.Cleanup(srv.Close)
	return srv
}

// Close stops listening, so that connecting is refused, and ends the open sessions.
func (srv *testServer) Close() {
	srv.ln.Close()
	srv.mu.Lock()
	for c := range srv.conn {
		c.Close()
	}
	srv.mu.Unlock()
	srv.wg.Wait()
}

// config returns a Config for the server, with a fast timeout.
func (srv *testServer) config() Config {
	host, port, _ := net.SplitHostPort(srv.ln.Addr().String())
	p, _ := strconv.Atoi(port)
	return Config{Host: host, Port: p, From: "Mobilité <no-reply@anpe.tg>", Timeout: 5 * time.Second}
}

// messages returns what the server has accepted so far.
func (srv *testServer) messages() []received {
	srv.mu.Lock()
	defer srv.mu.Unlock()
	return append([]received(nil), srv.got...)
}

func (srv *testServer) serve(c net.Conn) {
	r, w := bufio.NewReader(c), bufio.NewWriter(c)
	reply := func(lines ...string) {
		for _, l := range lines {
			w.WriteString(l + "\r\n")
		}
		w.Flush()
	}
	c.SetDeadline(time.Now().Add(10 * time.Second))
	reply("220 test.example ESMTP ready")
	var cur received
	isTLS := false
	for {
		line, err := r.ReadString('\n')
		if err != nil {
			return
		}
		line = strings.TrimRight(line, "\r\n")
		verb, arg, _ := strings.Cut(line, " ")
		switch strings.ToUpper(verb) {
		case "EHLO":
			lines := []string{"250-test.example hello " + arg, "250-8BITMIME"}
			if srv.tls != nil && !isTLS {
				lines = append(lines, "250-STARTTLS")
			}
			if srv.auth {
				lines = append(lines, "250-AUTH PLAIN")
			}
			reply(append(lines, "250 HELP")...)
			cur = received{TLS: isTLS}
		case "HELO":
			reply("250 test.example")
		case "STARTTLS":
			if srv.tls == nil || isTLS {
				reply("502 5.5.1 not offered")
				continue
			}
			reply("220 2.0.0 go ahead")
			tc := tls.Server(c, srv.tls)
			if err := tc.Handshake(); err != nil {
				return
			}
			c, isTLS = tc, true
			r, w = bufio.NewReader(c), bufio.NewWriter(c)
			cur = received{TLS: true}
		case "AUTH":
			mech, resp, _ := strings.Cut(arg, " ")
			if !srv.auth || !strings.EqualFold(mech, "PLAIN") {
				reply("504 5.5.4 mechanism not supported")
				continue
			}
			if resp == "" {
				reply("334 ")
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				resp = strings.TrimRight(l, "\r\n")
			}
			raw, err := base64.StdEncoding.DecodeString(resp)
			parts := strings.Split(string(raw), "\x00")
			if err != nil || len(parts) != 3 {
				reply("501 5.5.2 bad response")
				continue
			}
			cur.Auth = parts[1] + ":" + parts[2]
			reply("235 2.7.0 authenticated")
		case "MAIL":
			cur.From = path(arg, "FROM:")
			cur.To = nil
			reply("250 2.1.0 ok")
		case "RCPT":
			to := path(arg, "TO:")
			if answer, ok := srv.rcptReply[to]; ok {
				reply(answer)
				continue
			}
			cur.To = append(cur.To, to)
			reply("250 2.1.5 ok")
		case "DATA":
			if cur.From == "" || len(cur.To) == 0 {
				reply("503 5.5.1 need MAIL and RCPT")
				continue
			}
			reply("354 end with <CRLF>.<CRLF>")
			var data strings.Builder
			for {
				l, err := r.ReadString('\n')
				if err != nil {
					return
				}
				if l == ".\r\n" {
					break
				}
				data.WriteString(strings.TrimPrefix(l, ".")) // dot-unstuffing
			}
			cur.Data = data.String()
			srv.mu.Lock()
			srv.got = append(srv.got, cur)
			srv.mu.Unlock()
			cur = received{TLS: isTLS, Auth: cur.Auth}
			reply("250 2.0.0 queued")
		case "RSET":
			cur = received{TLS: isTLS, Auth: cur.Auth}
			reply("250 2.0.0 ok")
		case "NOOP":
			reply("250 2.0.0 ok")
		case "QUIT":
			reply("221 2.0.0 bye")
			return
		default:
			reply("502 5.5.2 command not recognized")
		}
	}
}

// path returns the address between < > after prefix in a MAIL or RCPT argument.
func path(arg, prefix string) string {
	if len(arg) < len(prefix) || !strings.EqualFold(arg[:len(prefix)], prefix) {
		return ""
	}
	a := strings.TrimSpace(arg[len(prefix):])
	a, _, _ = strings.Cut(a, " ") // parameters such as BODY=8BITMIME
	return strings.TrimSuffix(strings.TrimPrefix(a, "<"), ">")
}

// selfSigned returns a server TLS config for 127.0.0.1 and the pool that trusts it.
func selfSigned(t *testing.T) (*tls.Config, *x509.CertPool) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "test smtp"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	return &tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}}, pool
}
