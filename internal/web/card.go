package web

import (
	"fmt"
	"html/template"
	"net/http"
	"strings"

	"rsc.io/qr"

	"mobilite"
	"mobilite/internal/access"
)

// qrSVG draws text as a QR code in inline SVG (no image to download, crisp when printed):
// one path of horizontal runs of dark modules, with the 4-module quiet zone.
func qrSVG(text, label string) (template.HTML, error) {
	code, err := qr.Encode(text, qr.M)
	if err != nil {
		return "", err
	}
	var b strings.Builder
	n := code.Size + 8
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s" class="qr" shape-rendering="crispEdges"><rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`,
		n, n, template.HTMLEscapeString(label), n, n)
	for y := range code.Size {
		for x := 0; x < code.Size; {
			if !code.Black(x, y) {
				x++
				continue
			}
			run := 0
			for x+run < code.Size && code.Black(x+run, y) {
				run++
			}
			fmt.Fprintf(&b, "M%d %dh%dv1h-%dz", x+4, y+4, run, run)
			x += run
		}
	}
	b.WriteString(`"/></svg>`)
	return template.HTML(b.String()), nil
}

// cardData is a registration card: what it prints, and no sensitive data.
type cardData struct {
	Seeker   *mobilite.Seeker
	Office   string
	CheckURL string
	QR       template.HTML
}

// myCard is the seeker's printable registration card.
func (s *Server) myCard(w http.ResponseWriter, r *http.Request) {
	sk, err := s.store.FindSeekerByUser(r.Context(), access.User(r.Context()).ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderCard(w, r, sk)
}

// staffCard prints the card of a seeker the counsellor may read (an assisted registration).
func (s *Server) staffCard(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var sk *mobilite.Seeker
	if err == nil {
		sk, err = s.seekers.Read(r.Context(), access.User(r.Context()), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.renderCard(w, r, sk)
}

func (s *Server) renderCard(w http.ResponseWriter, r *http.Request, sk *mobilite.Seeker) {
	d := s.page(r, "card.title")
	cd := &cardData{Seeker: sk, CheckURL: s.baseURL(r) + "/verifier/" + sk.Number}
	if sk.OfficeID != 0 {
		if o, err := s.store.FindOfficeByID(r.Context(), sk.OfficeID); err == nil {
			cd.Office = o.Name
		}
	}
	qrCode, err := qrSVG(cd.CheckURL, d.p.T("card.qr"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cd.QR = qrCode
	d.Data = cd
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, "card", d)
}

// verify is the public check of a registration card: valid or not, since when, and the
// holder's initials — nothing else.
func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	number := strings.ToUpper(strings.TrimSpace(r.PathValue("number")))
	d := s.page(r, "verify.title")
	data := map[string]any{"Number": number}
	sk, err := s.store.FindSeekerByNumber(r.Context(), number)
	switch {
	case err == nil && sk.Status == mobilite.SeekerActive:
		data["Valid"] = true
		data["Since"] = sk.CreatedAt
		data["Initials"] = initial(sk.GivenName) + ". " + initial(sk.FamilyName) + "."
	case err == nil || mobilite.ErrorCode(err) == mobilite.ENOTFOUND:
		d.Status = http.StatusNotFound
	default:
		s.fail(w, r, err)
		return
	}
	d.Data = data
	w.Header().Set("Cache-Control", "no-store")
	s.render(w, r, "verify", d)
}

func initial(name string) string {
	for _, r := range name {
		return strings.ToUpper(string(r))
	}
	return "?"
}
