package mobilite

import (
	"context"
	"time"
)

// SeekerCV is the CV a seeker uploaded: one PDF per seeker, kept in the database.
type SeekerCV struct {
	SeekerID   int64
	FileName   string // sanitised: a base name ending in .pdf
	Size       int64  // bytes
	SHA256     string // hex digest of Content
	Content    []byte // nil when only the description was read
	UploadedAt time.Time
}

// CVStore keeps the seekers' uploaded CVs.
type CVStore interface {
	// PutSeekerCV saves cv as its seeker's CV, replacing the one before in one transaction.
	// ENOTFOUND when the seeker does not exist.
	PutSeekerCV(ctx context.Context, cv *SeekerCV) error
	// FindSeekerCV returns a seeker's CV with its content. ENOTFOUND when there is none.
	FindSeekerCV(ctx context.Context, seekerID int64) (*SeekerCV, error)
	// FindSeekerCVInfo returns a seeker's CV without its content (name, size, digest, date).
	// ENOTFOUND when there is none.
	FindSeekerCVInfo(ctx context.Context, seekerID int64) (*SeekerCV, error)
	// DeleteSeekerCV deletes a seeker's CV. ENOTFOUND when there is none.
	DeleteSeekerCV(ctx context.Context, seekerID int64) error
}
