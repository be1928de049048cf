package main

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"mime/multipart"
	"net"
	"net/http"
	"net/http/httputil"
	"net/url"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"mobilite"
)

// testPDF builds a small, well-formed PDF of one page that shows text, with a correct
// cross-reference table.
func testPDF(text string) []byte {
	stream := fmt.Sprintf("BT /F1 18 Tf 72 770 Td (%s) Tj ET", text)
	objects := []string{
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
		fmt.Sprintf("<< /Length %d >>\nstream\n%s\nendstream", len(stream), stream),
		"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
	}
	var b bytes.Buffer
	b.WriteString("%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
	offsets := make([]int, len(objects))
	for i, o := range objects {
		offsets[i] = b.Len()
		fmt.Fprintf(&b, "%d 0 obj\n%s\nendobj\n", i+1, o)
	}
	xref := b.Len()
	fmt.Fprintf(&b, "xref\n0 %d\n0000000000 65535 f \n", len(objects)+1)
	for _, off := range offsets {
		fmt.Fprintf(&b, "%010d 00000 n \n", off)
	}
	fmt.Fprintf(&b, "trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n", len(objects)+1, xref)
	return b.Bytes()
}

// uploadCV posts a file as the CV form does (multipart, field "cv").
func (s *testServer) uploadCV(c *http.Client, name string, content []byte) (*http.Response, string) {
	s.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	fw, err := mw.CreateFormFile("cv", name)
	if err != nil {
		s.t.Fatal(err)
	}
	fw.Write(content)
	mw.Close()
	return s.do(c, "POST", "/compte/cv", &body, map[string]string{"Content-Type": mw.FormDataContentType()})
}

// cvProfile is a registration form with everything a CV shows, and an identity document it must not.
func cvProfile(login, given, family, phone string) url.Values {
	form := registrationForm(given, family, phone)
	form.Set("skills", "Soins aux personnes âgées, premiers secours")
	form.Set("driving_licence", "B")
	form.Set("availability", "Dès maintenant")
	form.Set("id_type", "national_id")
	form.Set("id_number", "TG-"+strings.TrimPrefix(phone, "+"))
	form.Set("email", login)
	return form
}

// registeredSeeker signs up a new account, registers it, and returns its client and record.
func (s *testServer) registeredSeeker(login, given, family, phone string) (*http.Client, *mobilite.Seeker) {
	s.t.Helper()
	c := s.client()
	resp, _ := s.form(c, "/inscription", url.Values{"name": {given + " " + family}, "login": {login}, "password": {"une phrase de passe"}})
	if resp.StatusCode != 303 {
		s.t.Fatalf("signup %s: %d", login, resp.StatusCode)
	}
	if resp, body := s.form(c, "/compte/inscription", cvProfile(login, given, family, phone)); resp.StatusCode != 303 {
		s.t.Fatalf("registration %s: %d %s", login, resp.StatusCode, excerpt(body, "error"))
	}
	list, _, err := s.DB.FindSeekers(context.Background(), mobilite.SeekerFilter{Query: phone})
	if err != nil || len(list) != 1 {
		s.t.Fatalf("no record for %s: %v", phone, err)
	}
	sk, err := s.DB.FindSeekerByID(context.Background(), list[0].ID)
	if err != nil {
		s.t.Fatal(err)
	}
	return c, sk
}

func TestSeekerCV(t *testing.T) {
	s := startServer(t, "sqlite")
	ctx := context.Background()
	afi, sk := s.registeredSeeker("afi@example.tg", "Afi", "Mensah", "+22890556677")

	// The registration page offers the CV form, without JavaScript.
	_, body := s.do(afi, "GET", "/compte/inscription", nil, nil)
	for _, want := range []string{`id="cv"`, `enctype="multipart/form-data"`, `action="/compte/cv"`, `accept="application/pdf"`,
		"Vous n'avez pas encore déposé de CV", `href="/compte/cv/genere"`} {
		if !strings.Contains(body, want) {
			t.Errorf("registration page lacks %q", want)
		}
	}

	// A program renamed .pdf is refused at the field, and nothing is stored.
	exe := append([]byte("MZ\x90\x00\x03\x00\x00\x00\x04\x00"), bytes.Repeat([]byte{0}, 500)...)
	resp, body := s.uploadCV(afi, "cv.pdf", exe)
	if resp.StatusCode != 422 || !strings.Contains(body, "Ce fichier est un programme") || !strings.Contains(body, `id="e-cv"`) ||
		!strings.Contains(body, `aria-invalid="true"`) || !strings.Contains(body, `value="Afi"`) {
		t.Fatalf("program: %d %s", resp.StatusCode, excerpt(body, "e-cv"))
	}
	// So are an Office document, a web page and a PDF cut short.
	for name, content := range map[string][]byte{
		"zip":       []byte("PK\x03\x04\x14\x00\x06\x00\x08\x00[Content_Types].xml"),
		"html":      []byte("<!doctype html><html><body><h1>CV</h1></body></html>"),
		"truncated": testPDF("CV")[:300],
		"empty":     nil,
	} {
		want := map[string]string{"zip": "pas un PDF", "html": "pas un PDF", "truncated": "incomplet", "empty": "Choisissez un fichier PDF"}[name]
		if resp, body := s.uploadCV(afi, "cv.pdf", content); resp.StatusCode != 422 || !strings.Contains(body, want) {
			t.Errorf("%s: %d %s", name, resp.StatusCode, excerpt(body, "e-cv"))
		}
	}
	if _, err := s.DB.FindSeekerCVInfo(ctx, sk.ID); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		t.Fatalf("a refused file was stored: %v", err)
	}

	// A valid PDF is saved under a clean name; the page shows it with its size and date.
	first := testPDF("CV Afi Mensah")
	resp, _ = s.uploadCV(afi, `C:\Documents\Mon "CV" 2026.pdf`, first)
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/compte/inscription#cv" {
		t.Fatalf("upload: %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	_, body = s.do(afi, "GET", "/compte/inscription", nil, nil)
	if !strings.Contains(body, "Votre CV est enregistré") || !strings.Contains(body, "Mon CV 2026.pdf") || !strings.Contains(body, "1 ko") ||
		!strings.Contains(body, `action="/compte/cv/supprimer"`) || !strings.Contains(body, "Remplacer par un autre CV") {
		t.Fatalf("page after upload: %s", excerpt(body, `id="cv"`))
	}

	// A second upload replaces the first.
	second := testPDF("CV Afi Mensah, version 2")
	if resp, _ := s.uploadCV(afi, "cv-v2.pdf", second); resp.StatusCode != 303 {
		t.Fatalf("second upload: %d", resp.StatusCode)
	}
	// The owner downloads it: an attachment, never sniffed, byte for byte.
	resp, body = s.do(afi, "GET", "/compte/cv", nil, nil)
	if resp.StatusCode != 200 || body != string(second) || resp.Header.Get("Content-Type") != "application/pdf" ||
		resp.Header.Get("Content-Disposition") != `attachment; filename=cv-v2.pdf` || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
		t.Fatalf("download: %d %q %q %d bytes", resp.StatusCode, resp.Header.Get("Content-Type"), resp.Header.Get("Content-Disposition"), len(body))
	}

	// Another seeker gets their own CV (none), never Afi's; the staff route is not theirs.
	kofi, other := s.registeredSeeker("kofi@example.tg", "Kofi", "Amegah", "+22891223344")
	if resp, body := s.do(kofi, "GET", "/compte/cv", nil, nil); resp.StatusCode != 404 || strings.Contains(body, "%PDF") {
		t.Errorf("another seeker's download: %d", resp.StatusCode)
	}
	path := "/conseiller/inscription/" + strconv.FormatInt(sk.ID, 10) + "/cv"
	for who, c := range map[string]*http.Client{"another seeker": kofi, "partner": s.sessionFor(mobilite.RolePartner)} {
		for _, p := range []string{path, path + "/genere"} {
			if resp, body := s.do(c, "GET", p, nil, nil); resp.StatusCode != 403 || strings.Contains(body, "%PDF") || strings.Contains(body, "Mensah") {
				t.Errorf("%s GET %s: %d", who, p, resp.StatusCode)
			}
		}
	}
	if _, err := s.DB.FindSeekerCVInfo(ctx, other.ID); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		t.Errorf("Kofi has a CV: %v", err)
	}
	// Staff: the counsellor of another region reads neither the record nor the CV; an admin
	// reads the record but not the CV until Afi consents to share it; the read is logged.
	if resp, _ := s.do(s.sessionFor(mobilite.RoleCounsellor), "GET", path, nil, nil); resp.StatusCode != 404 {
		t.Errorf("counsellor of another region: %d", resp.StatusCode)
	}
	admin := s.sessionFor(mobilite.RoleAdmin)
	if resp, _ := s.do(admin, "GET", path, nil, nil); resp.StatusCode != 404 {
		t.Errorf("admin without consent: %d", resp.StatusCode)
	}
	consent := cvProfile("afi@example.tg", "Afi", "Mensah", "+22890556677")
	consent.Set("consent_share_cv", "1")
	if resp, _ := s.form(afi, "/compte/inscription/modifier", consent); resp.StatusCode != 303 {
		t.Fatalf("consent: %d", resp.StatusCode)
	}
	resp, body = s.do(admin, "GET", path, nil, nil)
	if resp.StatusCode != 200 || body != string(second) || !strings.HasPrefix(resp.Header.Get("Content-Disposition"), "attachment") {
		t.Fatalf("admin with consent: %d", resp.StatusCode)
	}
	if resp, body := s.do(admin, "GET", path+"/genere", nil, nil); resp.StatusCode != 200 || !strings.Contains(body, "Afi Mensah") {
		t.Errorf("admin's generated CV: %d", resp.StatusCode)
	}
	logged, _, _ := s.DB.FindAuditEntries(ctx, mobilite.AuditFilter{Action: "seeker.cv.read"})
	if len(logged) != 1 || logged[0].EntityID != sk.ID {
		t.Errorf("logged CV reads: %+v", logged)
	}

	// The CV made from the profile: what an employer needs, in the reader's language, printable,
	// and nothing sensitive.
	resp, body = s.do(afi, "GET", "/compte/cv/genere", nil, nil)
	if resp.StatusCode != 200 {
		t.Fatalf("generated CV: %d", resp.StatusCode)
	}
	for _, want := range []string{"Afi Mensah", "+22890556677", "afi@example.tg", "Kozah", "Kara", "Togo",
		"Deuxième cycle de l’enseignement secondaire", "Aides-soignants en institution", "ISCO-08 5321", "2 ans d'expérience",
		"français — B2", "Soins aux personnes âgées", "Permis de conduire", "Dès maintenant", "Enregistrer au format PDF",
		`href="/static/cv.css"`, sk.Number} {
		if !strings.Contains(body, want) {
			t.Errorf("generated CV lacks %q", want)
		}
	}
	for _, secret := range []string{"TG-22890556677", "2001", "Femme"} {
		if strings.Contains(body, secret) {
			t.Errorf("generated CV shows %q", secret)
		}
	}
	_, css := s.do(afi, "GET", "/static/cv.css", nil, nil)
	if !strings.Contains(css, "@media print") || !strings.Contains(css, "A4") {
		t.Error("no print style for the CV")
	}
	s.do(afi, "GET", "/langue/en?next=/", nil, nil)
	_, body = s.do(afi, "GET", "/compte/cv/genere", nil, nil)
	for _, want := range []string{"Upper secondary education", "Health care assistants", "2 years of experience", "French — B2", "Save as PDF"} {
		if !strings.Contains(body, want) {
			t.Errorf("English generated CV lacks %q", want)
		}
	}
	s.do(afi, "GET", "/langue/fr?next=/", nil, nil)

	// The data download describes the CV.
	sum := sha256.Sum256(second)
	resp, body = s.do(afi, "GET", "/compte/donnees", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(body, `"cv": {`) || !strings.Contains(body, `"file_name": "cv-v2.pdf"`) ||
		!strings.Contains(body, `"size": `+strconv.Itoa(len(second))) || !strings.Contains(body, hex.EncodeToString(sum[:])) {
		t.Fatalf("data download: %s", excerpt(body, `"cv"`))
	}

	// Delete, then upload again, then delete the account: the CV goes with it.
	if resp, _ := s.form(afi, "/compte/cv/supprimer", url.Values{}); resp.StatusCode != 303 {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if resp, _ := s.do(afi, "GET", "/compte/cv", nil, nil); resp.StatusCode != 404 {
		t.Fatalf("download after delete: %d", resp.StatusCode)
	}
	if resp, _ := s.form(afi, "/compte/cv/supprimer", url.Values{}); resp.StatusCode != 303 {
		t.Errorf("second delete: %d", resp.StatusCode)
	}
	if resp, _ := s.uploadCV(afi, "cv.pdf", first); resp.StatusCode != 303 {
		t.Fatalf("upload again: %d", resp.StatusCode)
	}
	if resp, _ := s.form(afi, "/compte/supprimer", url.Values{"delete_password": {"une phrase de passe"}}); resp.StatusCode != 303 {
		t.Fatalf("account deletion: %d", resp.StatusCode)
	}
	if _, err := s.DB.FindSeekerCVInfo(ctx, sk.ID); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		t.Fatalf("the CV survived the account: %v", err)
	}
	if resp, _ := s.do(admin, "GET", path, nil, nil); resp.StatusCode != 404 {
		t.Errorf("staff download after deletion: %d", resp.StatusCode)
	}
}

// countingReader counts the bytes read from it.
type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// rawUpload sends a CV upload of size bytes over a bare connection, with its Content-Length or
// chunked, reads the answer while the body is still being written, then hangs up. It returns the
// answer and how many bytes of the body left the client.
func (s *testServer) rawUpload(c *http.Client, size int64, chunked bool) (*http.Response, string, int64) {
	s.t.Helper()
	base, _ := url.Parse(s.URL)
	var session string
	for _, ck := range c.Jar.Cookies(base) {
		if ck.Name == "session" {
			session = ck.Value
		}
	}
	const boundary = "cvboundary"
	head := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"cv\"; filename=\"big.pdf\"\r\nContent-Type: application/pdf\r\n\r\n%PDF-1.4\n"
	tail := "\n%%EOF\r\n--" + boundary + "--\r\n"
	filler := size - int64(len(head)+len(tail))
	body := &countingReader{r: io.MultiReader(strings.NewReader(head), io.LimitReader(zeros{}, filler), strings.NewReader(tail))}

	conn, err := net.Dial("tcp", base.Host)
	if err != nil {
		s.t.Fatal(err)
	}
	defer conn.Close()
	length := "Content-Length: " + strconv.FormatInt(size, 10)
	if chunked {
		length = "Transfer-Encoding: chunked"
	}
	fmt.Fprintf(conn, "POST /compte/cv HTTP/1.1\r\nHost: %s\r\nCookie: session=%s\r\nContent-Type: multipart/form-data; boundary=%s\r\n%s\r\n\r\n",
		base.Host, session, boundary, length)
	done := make(chan struct{})
	go func() {
		defer close(done)
		if chunked {
			cw := httputil.NewChunkedWriter(conn)
			if _, err := io.Copy(cw, body); err == nil {
				cw.Close()
				io.WriteString(conn, "\r\n")
			}
			return
		}
		io.Copy(conn, body) // fails once the server hangs up
	}()
	conn.SetReadDeadline(time.Now().Add(20 * time.Second))
	resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
	if err != nil {
		s.t.Fatalf("no answer to a %d-byte upload: %v", size, err)
	}
	page, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	conn.Close()
	<-done
	return resp, string(page), body.n.Load()
}

type zeros struct{}

func (zeros) Read(p []byte) (int, error) {
	clear(p)
	return len(p), nil
}

// TestSeekerCVTooLarge: a 50 MB CV is refused at the field, before it is read whole, whether the
// browser announces its length or not.
func TestSeekerCVTooLarge(t *testing.T) {
	s := startServer(t, "sqlite")
	afi, sk := s.registeredSeeker("afi@example.tg", "Afi", "Mensah", "+22890556677")
	const size = 50 << 20
	for _, chunked := range []bool{false, true} {
		resp, page, sent := s.rawUpload(afi, size, chunked)
		t.Logf("chunked=%v: %d, %d bytes of %d sent", chunked, resp.StatusCode, sent, size)
		if resp.StatusCode != 422 || !strings.Contains(page, "dépasse 5 Mo") || !strings.Contains(page, `id="e-cv"`) {
			t.Errorf("chunked=%v: %d %s", chunked, resp.StatusCode, excerpt(page, "e-cv"))
		}
		// What left the client bounds what the server read; the rest never left. The kernel's
		// socket buffers (up to 32 MB here) take their share: 8–12 MB were seen sent.
		if sent > 30<<20 {
			t.Errorf("chunked=%v: %d bytes of the 50 MB were sent before the answer", chunked, sent)
		}
	}
	if _, err := s.DB.FindSeekerCVInfo(context.Background(), sk.ID); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		t.Fatalf("a 50 MB file was stored: %v", err)
	}
	// Just over 5 MB with the form around it: still refused at the field, not with a 413 page.
	over := append(testPDF("x")[:20], bytes.Repeat([]byte("x"), 5<<20)...)
	over = append(over, "\n%%EOF\n"...)
	if resp, body := s.uploadCV(afi, "cv.pdf", over); resp.StatusCode != 422 || !strings.Contains(body, "dépasse 5 Mo") {
		t.Errorf("5 MB and a bit: %d", resp.StatusCode)
	}
	// 5 MB exactly is accepted.
	exact := append([]byte("%PDF-1.4\n"), bytes.Repeat([]byte("x"), 5<<20-9-7)...)
	exact = append(exact, "\n%%EOF\n"...)
	if resp, body := s.uploadCV(afi, "cv.pdf", exact); resp.StatusCode != 303 {
		t.Errorf("5 MB exactly: %d %s", resp.StatusCode, excerpt(body, "e-cv"))
	}
}
