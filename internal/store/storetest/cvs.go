package storetest

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"mobilite"
)

func newCV(seekerID int64, content string, at time.Time) *mobilite.SeekerCV {
	sum := sha256.Sum256([]byte(content))
	return &mobilite.SeekerCV{SeekerID: seekerID, FileName: "cv.pdf", Size: int64(len(content)), SHA256: hex.EncodeToString(sum[:]),
		Content: []byte(content), UploadedAt: at}
}

func testSeekerCVs(t *testing.T, s mobilite.Store) {
	a := NewSeeker("+22890000011")
	must(t, s.CreateSeeker(ctx, a))
	b := NewSeeker("+22890000012")
	must(t, s.CreateSeeker(ctx, b))
	_, err := s.FindSeekerCV(ctx, a.ID)
	wantCode(t, err, mobilite.ENOTFOUND)
	_, err = s.FindSeekerCVInfo(ctx, a.ID)
	wantCode(t, err, mobilite.ENOTFOUND)

	// Binary content survives the round trip byte for byte (NUL, high bytes, CR LF).
	first := "%PDF-1.4\n\x00\xff\xfe\r\n%âãÏÓ\nendobj\n%%EOF\n"
	cv := newCV(a.ID, first, t0)
	cv.FileName = "Mon CV – Afi Mensah.pdf"
	must(t, s.PutSeekerCV(ctx, cv))
	got, err := s.FindSeekerCV(ctx, a.ID)
	must(t, err)
	if !bytes.Equal(got.Content, []byte(first)) || got.FileName != cv.FileName || got.Size != int64(len(first)) ||
		got.SHA256 != cv.SHA256 || !got.UploadedAt.Equal(t0) {
		t.Fatalf("round trip: %+v", got)
	}
	info, err := s.FindSeekerCVInfo(ctx, a.ID)
	must(t, err)
	if info.Content != nil || info.Size != got.Size || info.SHA256 != got.SHA256 || info.FileName != got.FileName {
		t.Fatalf("info: %+v", info)
	}

	// A second upload replaces the first: one CV per seeker.
	second := "%PDF-1.7\nsecond\n%%EOF"
	must(t, s.PutSeekerCV(ctx, newCV(a.ID, second, t0.Add(time.Hour))))
	got, err = s.FindSeekerCV(ctx, a.ID)
	must(t, err)
	if string(got.Content) != second || !got.UploadedAt.Equal(t0.Add(time.Hour)) {
		t.Fatalf("after replacing: %q %v", got.Content, got.UploadedAt)
	}
	// Another seeker's CV is apart.
	must(t, s.PutSeekerCV(ctx, newCV(b.ID, first, t0)))
	if got, _ := s.FindSeekerCV(ctx, a.ID); string(got.Content) != second {
		t.Fatalf("b's upload touched a's CV: %q", got.Content)
	}

	// A replacement that fails midway leaves the CV before it.
	boom := mobilite.Errorf(mobilite.EINTERNAL, "error.internal", "boom")
	err = s.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.PutSeekerCV(ctx, newCV(a.ID, "%PDF-1.4 lost %%EOF", t0)); err != nil {
			return err
		}
		return boom
	})
	if err != boom {
		t.Fatalf("tx: %v", err)
	}
	if got, _ := s.FindSeekerCV(ctx, a.ID); string(got.Content) != second {
		t.Fatalf("rolled back replacement: %q", got.Content)
	}

	// No CV for a seeker who does not exist.
	wantCode(t, s.PutSeekerCV(ctx, newCV(999999, first, t0)), mobilite.ENOTFOUND)

	// Delete; deleting again is ENOTFOUND; b keeps theirs.
	must(t, s.DeleteSeekerCV(ctx, a.ID))
	_, err = s.FindSeekerCV(ctx, a.ID)
	wantCode(t, err, mobilite.ENOTFOUND)
	wantCode(t, s.DeleteSeekerCV(ctx, a.ID), mobilite.ENOTFOUND)
	if _, err := s.FindSeekerCVInfo(ctx, b.ID); err != nil {
		t.Fatalf("b's CV: %v", err)
	}

	// A CV as large as the service allows (5 MB) is stored whole.
	big := bytes.Repeat([]byte("%PDF-1.4 0123456789abcdef\n"), 5<<20/26)
	cvBig := newCV(b.ID, string(big), t0)
	must(t, s.PutSeekerCV(ctx, cvBig))
	got, err = s.FindSeekerCV(ctx, b.ID)
	must(t, err)
	if !bytes.Equal(got.Content, big) {
		t.Fatalf("large CV: %d bytes back of %d", len(got.Content), len(big))
	}
}
