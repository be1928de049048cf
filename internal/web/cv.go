package web

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"strconv"
	"time"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/seekers"
)

// cvUploadPath is where a seeker posts a CV. Its body may be larger than other forms', and the
// handler refuses an oversized one itself, to answer at the form's field.
const cvUploadPath = "/compte/cv"

// cvBodyLimit is the largest body of a CV upload: the file and the multipart form around it.
const cvBodyLimit = seekers.MaxCVSize + 64<<10

// cvView is what the registration page shows of the uploaded CV.
type cvView struct {
	FileName   string
	Size       string // for reading: "124 ko", "1,2 Mo"
	UploadedAt time.Time
}

// sizeText writes a file size in kilobytes, or in megabytes from 1 MB, in lang.
func (d *Page) sizeText(n int64) string {
	if n >= 1<<20 {
		tenths := strconv.FormatInt(n*10/(1<<20), 10)
		whole, frac := tenths[:len(tenths)-1], tenths[len(tenths)-1:]
		sep := "."
		if d.Lang == "fr" {
			sep = ","
		}
		return d.p.T("cv.size.mb", "size", whole+sep+frac)
	}
	return d.p.T("cv.size.kb", "size", strconv.FormatInt(max(1, (n+1023)/1024), 10))
}

// currentCV returns the view of the seeker's uploaded CV, nil when there is none.
func (s *Server) currentCV(r *http.Request, d *Page, sk *mobilite.Seeker) (*cvView, error) {
	cv, err := s.store.FindSeekerCVInfo(r.Context(), sk.ID)
	switch {
	case mobilite.ErrorCode(err) == mobilite.ENOTFOUND:
		return nil, nil
	case err != nil:
		return nil, err
	}
	return &cvView{FileName: cv.FileName, Size: d.sizeText(cv.Size), UploadedAt: cv.UploadedAt}, nil
}

// ownSeeker returns the registration of the logged-in seeker. ENOTFOUND when there is none.
func (s *Server) ownSeeker(r *http.Request) (*mobilite.Seeker, error) {
	return s.store.FindSeekerByUser(r.Context(), access.User(r.Context()).ID)
}

// uploadCV saves the seeker's CV (a PDF of 5 MB at most, checked by its content). A refused
// file redraws the registration page with the reason at the file field (422), whatever the
// reason: not a PDF, a program, cut short, or too large — the last refused before the body is
// read when the browser announced its length.
func (s *Server) uploadCV(w http.ResponseWriter, r *http.Request) {
	sk, err := s.ownSeeker(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if r.ContentLength > cvBodyLimit {
		// Not one byte of the body is read; the server closes the connection after answering.
		s.cvError(w, r, sk, mobilite.Invalid("cv", "cv.too_large"))
		return
	}
	name, content, err := readCVUpload(r)
	if err == nil {
		_, err = s.seekers.UploadCV(r.Context(), nil, sk, name, content)
	}
	if err != nil {
		s.cvError(w, r, sk, err)
		return
	}
	s.flash(w, r, "flash.cv_saved")
	redirect(w, r, "/compte/inscription#cv")
}

// readCVUpload reads the file of the field "cv" of a multipart form, streaming the parts
// (nothing goes to a temporary file) and holding at most MaxCVSize+1 bytes of it. The body is
// limited by the MaxBytesReader of Wrap. EINVALID on the field "cv".
func readCVUpload(r *http.Request) (string, []byte, error) {
	mr, err := r.MultipartReader()
	if err != nil {
		return "", nil, mobilite.Invalid("cv", "cv.required")
	}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			return "", nil, mobilite.Invalid("cv", "cv.required")
		}
		if err != nil {
			return "", nil, uploadErr(err)
		}
		if part.FormName() != "cv" {
			if _, err := io.Copy(io.Discard, part); err != nil {
				return "", nil, uploadErr(err)
			}
			continue
		}
		b, err := io.ReadAll(io.LimitReader(part, seekers.MaxCVSize+1))
		if err != nil {
			return "", nil, uploadErr(err)
		}
		if len(b) > seekers.MaxCVSize {
			return "", nil, mobilite.Invalid("cv", "cv.too_large")
		}
		return part.FileName(), b, nil
	}
}

// uploadErr is the field error of a body that could not be read: too large, or broken off.
func uploadErr(err error) error {
	var mbe *http.MaxBytesError
	if errors.As(err, &mbe) {
		return &mobilite.Error{Code: mobilite.EINVALID, Key: "cv.too_large", Fields: []mobilite.FieldError{{Field: "cv", Key: "cv.too_large"}}, Err: err}
	}
	return &mobilite.Error{Code: mobilite.EINVALID, Key: "cv.broken", Fields: []mobilite.FieldError{{Field: "cv", Key: "cv.broken"}}, Err: err}
}

// cvError redraws the seeker's registration page with the error of the CV form at its field,
// or answers the error page for anything but a refused file.
func (s *Server) cvError(w http.ResponseWriter, r *http.Request, sk *mobilite.Seeker, err error) {
	if mobilite.ErrorCode(err) != mobilite.EINVALID {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "register.title")
	d.Nav, d.Status = "register", http.StatusUnprocessableEntity
	rd := s.registerData(false)
	rd.Seeker, rd.Editing = sk, true
	for k, v := range seekers.FormValues(sk) {
		d.Form.Set(k, v)
	}
	for _, f := range mobilite.ErrorFields(err) {
		rd.CVError = d.p.T(f.Key)
	}
	cv, cerr := s.currentCV(r, d, sk)
	if cerr != nil {
		s.fail(w, r, cerr)
		return
	}
	rd.CV = cv
	d.Data = rd
	s.render(w, r, "register", d)
}

// deleteCV deletes the seeker's uploaded CV (a second click finds none and is not an error).
func (s *Server) deleteCV(w http.ResponseWriter, r *http.Request) {
	sk, err := s.ownSeeker(r)
	if err == nil {
		if err = s.seekers.DeleteCV(r.Context(), nil, sk); mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
			err = nil
		}
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.cv_deleted")
	redirect(w, r, "/compte/inscription#cv")
}

// myCV downloads the seeker's own uploaded CV.
func (s *Server) myCV(w http.ResponseWriter, r *http.Request) {
	sk, err := s.ownSeeker(r)
	var cv *mobilite.SeekerCV
	if err == nil {
		cv, err = s.store.FindSeekerCV(r.Context(), sk.ID)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendCV(w, cv)
}

// staffCV downloads the uploaded CV of a seeker for staff, under the rule of
// seekers.Service.MayReadCV (the read is logged).
func (s *Server) staffCV(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var cv *mobilite.SeekerCV
	if err == nil {
		_, cv, err = s.seekers.ReadCV(r.Context(), access.User(r.Context()), id, true)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sendCV(w, cv)
}

// sendCV answers a stored PDF as a download: never shown inline on this site's origin, never
// sniffed as another type, never kept in a shared cache.
func sendCV(w http.ResponseWriter, cv *mobilite.SeekerCV) {
	h := w.Header()
	h.Set("Content-Type", "application/pdf")
	disposition := mime.FormatMediaType("attachment", map[string]string{"filename": cv.FileName})
	if disposition == "" {
		disposition = `attachment; filename="cv.pdf"`
	}
	h.Set("Content-Disposition", disposition)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "sandbox; default-src 'none'")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(cv.Content)))
	_, _ = w.Write(cv.Content)
}
