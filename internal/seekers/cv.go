package seekers

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strings"
	"unicode"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/audit"
)

// MaxCVSize is the largest CV a seeker may upload: 5 MB.
const MaxCVSize = 5 << 20

// eofWindow is how far from the end a PDF's last %%EOF marker may be: the PDF specification
// lets readers look for it in the last 1,024 bytes.
const eofWindow = 1024

// CheckPDF checks by its content, whatever its name says, that b is a whole PDF document of at
// most MaxCVSize bytes: it starts with the %PDF-n. header, it is not a program, an archive or a
// web page renamed .pdf, and its end holds the %%EOF marker (a file cut during the upload lacks
// it). It returns EINVALID on the field "cv".
func CheckPDF(b []byte) error {
	switch {
	case len(b) == 0:
		return mobilite.Invalid("cv", "cv.required")
	case len(b) > MaxCVSize:
		return mobilite.Invalid("cv", "cv.too_large")
	case isProgram(b):
		return mobilite.Invalid("cv", "cv.executable")
	case len(b) < 8 || !bytes.HasPrefix(b, []byte("%PDF-")) || b[5] < '1' || b[5] > '9' || b[6] != '.':
		return mobilite.Invalid("cv", "cv.not_pdf")
	case !bytes.Contains(b[max(0, len(b)-eofWindow):], []byte("%%EOF")):
		return mobilite.Invalid("cv", "cv.truncated")
	}
	return nil
}

// programMagics are the first bytes of executable files and scripts: Windows (MZ), Linux
// (ELF), macOS (Mach-O, both byte orders, and universal binaries), Java classes and scripts.
var programMagics = [][]byte{[]byte("MZ"), []byte("\x7fELF"), {0xfe, 0xed, 0xfa, 0xce}, {0xfe, 0xed, 0xfa, 0xcf},
	{0xce, 0xfa, 0xed, 0xfe}, {0xcf, 0xfa, 0xed, 0xfe}, {0xca, 0xfe, 0xba, 0xbe}, []byte("#!")}

// isProgram reports whether b starts like a program, so that the refusal can say so plainly.
// Archives (ZIP, Office documents), web pages and images are refused as "not a PDF".
func isProgram(b []byte) bool {
	for _, m := range programMagics {
		if bytes.HasPrefix(b, m) {
			return true
		}
	}
	return false
}

// CleanFileName makes the name a CV is kept and downloaded under from the name the browser
// sent: the base name only (old browsers send the whole path), letters, digits, spaces and a
// few marks kept, at most 80 characters, and always the .pdf extension. An empty result is
// "cv.pdf".
func CleanFileName(name string) string {
	if i := strings.LastIndexAny(name, `/\`); i >= 0 {
		name = name[i+1:]
	}
	var b strings.Builder
	for _, r := range strings.ToValidUTF8(name, "") {
		switch {
		case unicode.IsLetter(r), unicode.IsDigit(r), unicode.Is(unicode.Mn, r), strings.ContainsRune("-_.()'", r):
			b.WriteRune(r)
		case unicode.IsSpace(r):
			b.WriteRune(' ')
		}
	}
	base := strings.Join(strings.Fields(b.String()), " ")
	if strings.HasSuffix(strings.ToLower(base), ".pdf") {
		base = base[:len(base)-len(".pdf")]
	}
	if utf8.RuneCountInString(base) > 80 {
		base = string([]rune(base)[:80])
	}
	// No hidden file and no name made of dots only.
	base = strings.Trim(base, ". ")
	if base == "" {
		base = "cv"
	}
	return base + ".pdf"
}

// mayWrite checks that actor may change sk's CV: the seeker themselves (actor nil), or staff
// who may read the record (an assisted registration). ENOTFOUND otherwise, so that the record's
// existence is not disclosed.
func (s *Service) mayWrite(ctx context.Context, actor *mobilite.User, sk *mobilite.Seeker) error {
	if sk.Status != mobilite.SeekerActive {
		return mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "seekers: %d is not active", sk.ID)
	}
	if actor == nil {
		return nil
	}
	ok, err := s.MayRead(ctx, actor, sk)
	if err != nil {
		return err
	}
	if !ok || !actor.Role.Staff() {
		return mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "seekers: cv of %d not writable", sk.ID)
	}
	return nil
}

// cvAudit is what the audit log keeps of a CV: its description, never its content.
func cvAudit(cv *mobilite.SeekerCV) map[string]any {
	if cv == nil {
		return nil
	}
	return map[string]any{"file_name": cv.FileName, "size": cv.Size, "sha256": cv.SHA256}
}

// UploadCV checks content (CheckPDF) and saves it as sk's CV under the cleaned fileName,
// replacing the CV before in one transaction. actor is nil for the seeker themselves; staff who
// may read the record can upload for the person, and the upload is then in the audit log.
// EINVALID (field "cv"), ENOTFOUND.
func (s *Service) UploadCV(ctx context.Context, actor *mobilite.User, sk *mobilite.Seeker, fileName string, content []byte) (*mobilite.SeekerCV, error) {
	if err := s.mayWrite(ctx, actor, sk); err != nil {
		return nil, err
	}
	if err := CheckPDF(content); err != nil {
		return nil, err
	}
	now := s.now()
	sum := sha256.Sum256(content)
	cv := &mobilite.SeekerCV{SeekerID: sk.ID, FileName: CleanFileName(fileName), Size: int64(len(content)),
		SHA256: hex.EncodeToString(sum[:]), Content: content, UploadedAt: now}
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		var before *mobilite.SeekerCV
		if actor != nil {
			var err error
			if before, err = tx.FindSeekerCVInfo(ctx, sk.ID); err != nil && mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				return err
			}
		}
		if err := tx.PutSeekerCV(ctx, cv); err != nil {
			return err
		}
		if actor == nil { // the seeker's own write; audit.Record would take nil for the command line
			return nil
		}
		return audit.Record(ctx, tx, now, actor, "seeker.cv.upload", "seeker", sk.ID, cvAudit(before), cvAudit(cv))
	})
	if err != nil {
		return nil, err
	}
	return cv, nil
}

// DeleteCV deletes sk's uploaded CV, for the seeker (actor nil) or for staff who may read the
// record (then in the audit log). ENOTFOUND when there is none.
func (s *Service) DeleteCV(ctx context.Context, actor *mobilite.User, sk *mobilite.Seeker) error {
	if err := s.mayWrite(ctx, actor, sk); err != nil {
		return err
	}
	now := s.now()
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		before, err := tx.FindSeekerCVInfo(ctx, sk.ID)
		if err != nil {
			return err
		}
		if err := tx.DeleteSeekerCV(ctx, sk.ID); err != nil {
			return err
		}
		if actor == nil {
			return nil
		}
		return audit.Record(ctx, tx, now, actor, "seeker.cv.delete", "seeker", sk.ID, cvAudit(before), nil)
	})
}

// MayReadCV reports whether u may read sk's CVs, the uploaded one and the one generated from
// the profile. A CV is a document made to be handed to employers, and the seeker chose whether
// it may be (ConsentShareCV); so on top of the read rule of the record (MayRead: the seeker,
// admins, counsellors of the seeker's office or, for accompaniment, of the seeker's region),
// staff read it only when the seeker consented to share it, or when they belong to the
// seeker's own office — the counsellors who hold the person's file and serve them whatever the
// consent. A regional counsellor or an admin from elsewhere without the consent is refused:
// they still see the record, but not the CV. Partners are refused by MayRead.
func (s *Service) MayReadCV(ctx context.Context, u *mobilite.User, sk *mobilite.Seeker) (bool, error) {
	ok, err := s.MayRead(ctx, u, sk)
	if err != nil || !ok {
		return false, err
	}
	if u.ID == sk.UserID && sk.UserID != 0 {
		return true, nil
	}
	return !sk.ConsentShareCV.IsZero() || (u.OfficeID != 0 && u.OfficeID == sk.OfficeID), nil
}

// ReadCV returns, for u, the record of the seeker id and, when file is true, the CV the seeker
// uploaded (with its content). Staff reads are logged: "seeker.cv.read" for the file,
// "seeker.cv.generated" for the record read to print the CV made from the profile. ENOTFOUND
// when the record does not exist, is not active, u may not read its CV (MayReadCV), or there
// is no uploaded CV.
func (s *Service) ReadCV(ctx context.Context, u *mobilite.User, id int64, file bool) (*mobilite.Seeker, *mobilite.SeekerCV, error) {
	sk, err := s.Store.FindSeekerByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	ok, err := s.MayReadCV(ctx, u, sk)
	if err != nil {
		return nil, nil, err
	}
	if !ok || sk.Status != mobilite.SeekerActive {
		return nil, nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "seekers: cv of %d not readable", id)
	}
	var cv *mobilite.SeekerCV
	action := "seeker.cv.generated"
	if file {
		if cv, err = s.Store.FindSeekerCV(ctx, sk.ID); err != nil {
			return nil, nil, err
		}
		action = "seeker.cv.read"
	}
	if u.Role.Staff() {
		if err := audit.Record(ctx, s.Store, s.now(), u, action, "seeker", sk.ID, nil, cvAudit(cv)); err != nil {
			return nil, nil, err
		}
	}
	return sk, cv, nil
}
