package seekers

import (
	"bytes"
	"strings"
	"testing"

	"mobilite"
	"mobilite/internal/store/storetest"
)

// tinyPDF is a small but complete PDF document: one empty page.
const tinyPDF = "%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n" +
	"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"

func TestCheckPDF(t *testing.T) {
	long := "%PDF-1.7\n" + strings.Repeat("x", 4000) + "\n%%EOF\n" + strings.Repeat(" ", 2000) // %%EOF too far up
	for name, tc := range map[string]struct {
		content string
		key     string // "" when accepted
	}{
		"tiny PDF":             {tinyPDF, ""},
		"PDF 2.0, CR LF":       {"%PDF-2.0\r\n%\xe2\xe3\xcf\xd3\r\ntrailer\r\n%%EOF\r\n", ""},
		"empty":                {"", "cv.required"},
		"Windows program":      {"MZ\x90\x00\x03\x00\x00\x00 This program cannot be run in DOS mode", "cv.executable"},
		"Linux program":        {"\x7fELF\x02\x01\x01\x00", "cv.executable"},
		"macOS program":        {"\xcf\xfa\xed\xfe\x07\x00\x00\x01", "cv.executable"},
		"script":               {"#!/bin/sh\nrm -rf ~\n", "cv.executable"},
		"Word document (ZIP)":  {"PK\x03\x04\x14\x00\x06\x00[Content_Types].xml", "cv.not_pdf"},
		"old Word document":    {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "cv.not_pdf"},
		"web page":             {"<!DOCTYPE html><html><body>CV</body></html>", "cv.not_pdf"},
		"PDF header further":   {"\n\n%PDF-1.4\n%%EOF", "cv.not_pdf"},
		"bad version":          {"%PDF-x.4\n%%EOF\n", "cv.not_pdf"},
		"header only":          {"%PDF-", "cv.not_pdf"},
		"truncated":            {"%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\nstream\n", "cv.truncated"},
		"%%EOF too far up":     {long, "cv.truncated"},
		"over 5 MB":            {"%PDF-1.4\n" + strings.Repeat("x", MaxCVSize) + "%%EOF", "cv.too_large"},
		"JPEG picture":         {"\xff\xd8\xff\xe0\x00\x10JFIF", "cv.not_pdf"},
		"PDF word in the text": {"Mon CV %PDF-1.4 %%EOF", "cv.not_pdf"},
	} {
		err := CheckPDF([]byte(tc.content))
		if tc.key == "" {
			if err != nil {
				t.Errorf("%s: refused: %v", name, err)
			}
			continue
		}
		f := mobilite.ErrorFields(err)
		if mobilite.ErrorCode(err) != mobilite.EINVALID || len(f) != 1 || f[0].Field != "cv" || f[0].Key != tc.key {
			t.Errorf("%s: %v, want %s on cv", name, err, tc.key)
		}
	}
}

// FuzzCheckPDF: whatever the bytes, CheckPDF does not panic, accepts only what starts with the
// PDF header and ends with the marker, and refuses with an error on the field "cv".
func FuzzCheckPDF(f *testing.F) {
	for _, seed := range []string{tinyPDF, "", "MZ", "%PDF-", "%PDF-1.", "%PDF-1.4%%EOF", "\x7fELF%PDF-1.4 %%EOF", "PK\x03\x04"} {
		f.Add([]byte(seed))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		err := CheckPDF(b)
		if err == nil {
			if !bytes.HasPrefix(b, []byte("%PDF-")) || !bytes.Contains(b, []byte("%%EOF")) || len(b) > MaxCVSize {
				t.Fatalf("accepted %q", b)
			}
			return
		}
		if f := mobilite.ErrorFields(err); mobilite.ErrorCode(err) != mobilite.EINVALID || len(f) != 1 || f[0].Field != "cv" {
			t.Fatalf("error %v", err)
		}
	})
}

func TestCleanFileName(t *testing.T) {
	for in, want := range map[string]string{
		"CV Afi Mensah.pdf":               "CV Afi Mensah.pdf",
		`C:\Users\afi\Documents\cv.PDF`:   "cv.pdf",
		"../../etc/passwd":                "passwd.pdf",
		"mon\"cv\";\r\nX-Evil: 1.pdf":     "moncv X-Evil 1.pdf",
		"":                                "cv.pdf",
		"...":                             "cv.pdf",
		".hidden.pdf":                     "hidden.pdf",
		"Curriculum vitæ – Ésaïe.pdf":     "Curriculum vitæ Ésaïe.pdf",
		"cv.exe":                          "cv.exe.pdf",
		strings.Repeat("a", 300) + ".pdf": strings.Repeat("a", 80) + ".pdf",
		"<script>alert(1)</script>.pdf":   "script.pdf",
		"\x00\xff\xfecv.pdf":              "cv.pdf",
		"  lots   of   spaces  .pdf":      "lots of spaces.pdf",
		"résumé (2026).pdf":               "résumé (2026).pdf",
		"سيرة ذاتية.pdf":                  "سيرة ذاتية.pdf",
		"tab\there.pdf":                   "tab here.pdf",
	} {
		if got := CleanFileName(in); got != want {
			t.Errorf("CleanFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCVRules(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			svc, store := newService(t, engine)
			lome := &mobilite.Office{Code: "LOME", Name: "Lomé", Region: "TG-M", Country: "TGO", Active: true, CreatedAt: today, UpdatedAt: today}
			kara := &mobilite.Office{Code: "KARA", Name: "Kara", Region: "TG-K", Country: "TGO", Active: true, CreatedAt: today, UpdatedAt: today}
			for _, o := range []*mobilite.Office{lome, kara} {
				if err := store.CreateOffice(ctx, o); err != nil {
					t.Fatal(err)
				}
			}
			user := func(login string, role mobilite.Role, office int64) *mobilite.User {
				u := storetest.NewUser(login, role)
				u.OfficeID = office
				if err := store.CreateUser(ctx, u); err != nil {
					t.Fatal(err)
				}
				return u
			}
			person := user("afi@example.tg", mobilite.RoleSeeker, 0)
			desk := user("desk@anpe.tg", mobilite.RoleCounsellor, lome.ID)
			regional := user("kara@anpe.tg", mobilite.RoleCounsellor, kara.ID)
			admin := user("admin@anpe.tg", mobilite.RoleAdmin, 0)
			partner := user("p@org.example", mobilite.RolePartner, 0)

			// Registered at the Lomé desk, lives in Kara and asked for accompaniment: both
			// counsellors read the record; no consent to share the CV yet.
			in := valid("+22890000001")
			in.Region, in.Prefecture, in.WantsAccompaniment = "TG-K", "Kozah", true
			sk, err := svc.Register(ctx, desk, person.ID, mobilite.ChannelAssisted, in)
			if err != nil {
				t.Fatal(err)
			}
			// Refused content is not stored; staff upload is logged, the person's own is not.
			if _, err := svc.UploadCV(ctx, nil, sk, "cv.pdf", []byte("MZ\x90\x00")); mobilite.ErrorCode(err) != mobilite.EINVALID {
				t.Fatalf("program: %v", err)
			}
			if _, err := store.FindSeekerCVInfo(ctx, sk.ID); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Fatalf("a refused file was stored: %v", err)
			}
			if _, err := svc.UploadCV(ctx, partner, sk, "cv.pdf", []byte(tinyPDF)); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Fatalf("partner upload: %v", err)
			}
			cv, err := svc.UploadCV(ctx, nil, sk, `C:\docs\Mon CV.pdf`, []byte(tinyPDF))
			if err != nil || cv.FileName != "Mon CV.pdf" || cv.Size != int64(len(tinyPDF)) || len(cv.SHA256) != 64 {
				t.Fatalf("upload: %+v %v", cv, err)
			}
			if _, err := svc.UploadCV(ctx, desk, sk, "cv2.pdf", []byte(tinyPDF)); err != nil {
				t.Fatalf("desk upload: %v", err)
			}
			logged, _, _ := store.FindAuditEntries(ctx, mobilite.AuditFilter{Action: "seeker.cv.upload"})
			if len(logged) != 1 || logged[0].EntityID != sk.ID {
				t.Fatalf("logged uploads: %+v", logged)
			}

			// Who reads the CV: the person; the desk of the person's office; not the regional
			// counsellor nor an admin from no office without the consent; never a partner.
			for _, tc := range []struct {
				u    *mobilite.User
				want bool
			}{{person, true}, {desk, true}, {regional, false}, {admin, false}, {partner, false}} {
				_, got, err := svc.ReadCV(ctx, tc.u, sk.ID, true)
				if ok := err == nil && bytes.Equal(got.Content, []byte(tinyPDF)); ok != tc.want {
					t.Errorf("%s reads the CV without consent: %v (%v), want %v", tc.u.Email, ok, err, tc.want)
				}
			}
			// With the consent, the staff who read the record read the CV too.
			sk.ConsentShareCV = today
			if err := store.UpdateSeeker(ctx, sk); err != nil {
				t.Fatal(err)
			}
			for _, u := range []*mobilite.User{regional, admin} {
				if _, _, err := svc.ReadCV(ctx, u, sk.ID, true); err != nil {
					t.Errorf("%s with consent: %v", u.Email, err)
				}
				if _, _, err := svc.ReadCV(ctx, u, sk.ID, false); err != nil {
					t.Errorf("%s generated CV with consent: %v", u.Email, err)
				}
			}
			if _, _, err := svc.ReadCV(ctx, partner, sk.ID, false); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Errorf("partner with consent: %v", err)
			}
			reads, _, _ := store.FindAuditEntries(ctx, mobilite.AuditFilter{Action: "seeker.cv.read"})
			generated, _, _ := store.FindAuditEntries(ctx, mobilite.AuditFilter{Action: "seeker.cv.generated"})
			if len(reads) != 3 || len(generated) != 2 { // desk, regional, admin; regional, admin
				t.Errorf("logged staff reads: %d files, %d generated", len(reads), len(generated))
			}

			// Deleting; then there is nothing to read or delete.
			if err := svc.DeleteCV(ctx, nil, sk); err != nil {
				t.Fatal(err)
			}
			if _, _, err := svc.ReadCV(ctx, person, sk.ID, true); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Fatalf("read after delete: %v", err)
			}
			if err := svc.DeleteCV(ctx, nil, sk); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Fatalf("second delete: %v", err)
			}

			// Deleting the account deletes the CV in the transaction that anonymises the record;
			// when that transaction fails, the CV stays.
			if _, err := svc.UploadCV(ctx, nil, sk, "cv.pdf", []byte(tinyPDF)); err != nil {
				t.Fatal(err)
			}
			boom := mobilite.Errorf(mobilite.EINTERNAL, "error.internal", "boom")
			err = store.Tx(ctx, func(tx mobilite.Store) error {
				if err := svc.OnAccountDeleted(ctx, tx, person); err != nil {
					return err
				}
				return boom
			})
			if err != boom {
				t.Fatalf("failed deletion: %v", err)
			}
			if _, err := store.FindSeekerCVInfo(ctx, sk.ID); err != nil {
				t.Fatalf("the CV went with a failed deletion: %v", err)
			}
			if err := store.Tx(ctx, func(tx mobilite.Store) error { return svc.OnAccountDeleted(ctx, tx, person) }); err != nil {
				t.Fatal(err)
			}
			if _, err := store.FindSeekerCVInfo(ctx, sk.ID); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Fatalf("the CV survived the account: %v", err)
			}
			gone, _ := store.FindSeekerByID(ctx, sk.ID)
			if _, err := svc.UploadCV(ctx, nil, gone, "cv.pdf", []byte(tinyPDF)); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Fatalf("upload to a deleted record: %v", err)
			}
		})
	}
}
