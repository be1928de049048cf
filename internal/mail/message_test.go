package mail

import (
	"errors"
	"io"
	"mime"
	"mime/quotedprintable"
	"net/mail"
	"net/textproto"
	"strings"
	"testing"
	"unicode/utf8"
)

var testFrom = &mail.Address{Name: "Mobilité", Address: "no-reply@anpe.tg"}

func TestFold(t *testing.T) {
	tests := []struct {
		in        string
		wantLines int
		fits      bool // every line within 78 characters
	}{
		{"Subject: court", 1, true},
		{"Subject: " + strings.Repeat("mot ", 30) + "fin", 2, true},
		{"Subject: " + strings.Repeat("mot ", 60) + "fin", 4, true},                      // 253 characters
		{"Subject: " + mime.QEncoding.Encode("UTF-8", strings.Repeat("é", 60)), 7, true}, // 6 words of 72 characters
		{"Subject: " + strings.Repeat("x", 200), 2, false},                               // one word: it gets a line of its own
		{"Subject: " + strings.Repeat("a  b\t", 30), 2, false},                           // runs of blanks do not survive unfolding: no break there
	}
	for _, tt := range tests {
		out := fold(tt.in)
		lines := strings.Split(out, "\r\n")
		if len(lines) != tt.wantLines {
			t.Errorf("fold(%q) gives %d lines, want %d:\n%s", tt.in, len(lines), tt.wantLines, out)
		}
		for i, l := range lines {
			if i > 0 && !strings.HasPrefix(l, " ") || tt.fits && len(l) > 78 {
				t.Errorf("fold(%q): bad line %q", tt.in, l)
			}
		}
		if unfolded := strings.ReplaceAll(out, "\r\n", ""); unfolded != tt.in {
			t.Errorf("fold(%q) unfolds to %q", tt.in, unfolded)
		}
	}
}

func TestMessageIDsDiffer(t *testing.T) {
	ids := map[string]bool{}
	for range 50 {
		msg, _, err := compose(testFrom, "a@example.tg", "s", "b", t0)
		if err != nil {
			t.Fatal(err)
		}
		m, err := mail.ReadMessage(strings.NewReader(string(msg)))
		if err != nil {
			t.Fatal(err)
		}
		ids[m.Header.Get("Message-Id")] = true
	}
	if len(ids) != 50 {
		t.Fatalf("%d distinct Message-IDs in 50 messages", len(ids))
	}
}

func TestReason(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&textproto.Error{Code: 550, Msg: "5.1.1 no such user"}, "550 5.1.1 no such user"},
		{refused(&textproto.Error{Code: 554, Msg: "5.7.1 rejected\nspam"}), "554 5.7.1 rejected spam"},
		{errors.Join(errors.New("smtp auth"), &textproto.Error{Code: 535, Msg: "5.7.8 bad credentials"}), "smtp auth 535 5.7.8 bad credentials"},
		{errors.New(strings.Repeat("é", 400)), strings.Repeat("é", 150) + "…"},
	}
	for _, tt := range tests {
		if got := reason(tt.err); got != tt.want {
			t.Errorf("reason(%v) = %q, want %q", tt.err, got, tt.want)
		}
	}
	if isPermanent(refused(&textproto.Error{Code: 451, Msg: "later"})) || !isPermanent(refused(&textproto.Error{Code: 550})) {
		t.Error("refused: 4xx must stay temporary and 5xx become permanent")
	}
}

// FuzzCompose checks that any subject and body survive the trip through the message text, which
// stays 7-bit with CRLF line ends and lines within the limits of RFC 5322.
func FuzzCompose(f *testing.F) {
	f.Add("Votre candidature a été reçue", "Bonjour,\n\nÀ bientôt.\n")
	f.Add(strings.Repeat("Entretien d'embauche à Lomé ", 10), strings.Repeat("é", 200)+"\r\n.\n..\n")
	f.Add("ASCII only", "trailing space \nand = signs\n")
	f.Add("", "")
	f.Fuzz(func(t *testing.T, subject, body string) {
		// Outside the contract: what textproto trims, lines too long to fold, and text that already
		// looks like an encoded word.
		if !utf8.ValidString(subject) || !utf8.ValidString(body) || len(subject) > 500 ||
			subject != strings.TrimSpace(subject) || strings.Contains(subject, "=?") {
			t.Skip()
		}
		msg, _, err := compose(testFrom, "ama@example.tg", subject, body, t0)
		if strings.ContainsAny(subject, "\r\n") {
			if !isPermanent(err) {
				t.Fatalf("subject %q: err %v, want a permanent failure", subject, err)
			}
			return
		}
		if err != nil {
			t.Fatal(err)
		}
		text := string(msg)
		head, _, _ := strings.Cut(text, "\r\n\r\n")
		for _, l := range strings.Split(head, "\r\n") {
			if len(l) > 998 || strings.ContainsAny(l, "\r\n") {
				t.Fatalf("bad header line %q", l)
			}
		}
		for _, c := range msg {
			if c >= 0x80 {
				t.Fatalf("8-bit byte %#x in %q", c, text)
			}
		}
		if strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\n") || strings.Contains(strings.ReplaceAll(text, "\r\n", ""), "\r") {
			t.Fatalf("bare CR or LF in %q", text)
		}
		m, err := mail.ReadMessage(strings.NewReader(text))
		if err != nil {
			t.Fatal(err)
		}
		got, err := new(mime.WordDecoder).DecodeHeader(m.Header.Get("Subject"))
		// Unfolding joins the lines with one space, as they were.
		if err != nil || got != subject {
			t.Fatalf("subject %q comes back as %q (%v); header %q", subject, got, err, m.Header.Get("Subject"))
		}
		raw, err := io.ReadAll(quotedprintable.NewReader(m.Body))
		if err != nil {
			t.Fatal(err)
		}
		// Text mode makes every line break CRLF, a lone CR included.
		norm := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, "\r\n", "\n"), "\r", "\n") }
		if norm(string(raw)) != norm(body) {
			t.Fatalf("body %q comes back as %q", body, raw)
		}
	})
}
