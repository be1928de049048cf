package jobs

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/audit"
)

// ReportReasons are the reasons a person can give when reporting an offer.
var ReportReasons = []string{"fee", "scam", "closed", "error", "other"}

// maxReportsPerHour is how many reports one address may send in an hour.
const maxReportsPerHour = 10

// sameReportWindow is how long the same report from the same sender counts as sent again.
const sameReportWindow = 10 * time.Minute

// Report records a report of an offer by anyone (user may be nil). EINVALID for an unknown
// reason or a too long comment; ENOTFOUND for an offer that does not exist or is not shown;
// ETHROTTLED past the hourly limit of an address.
func (s *Service) Report(ctx context.Context, user *mobilite.User, jobID int64, reason, comment, ip string) error {
	valid := false
	for _, r := range ReportReasons {
		valid = valid || r == reason
	}
	if !valid {
		return mobilite.Invalid("reason", "report.reason.invalid")
	}
	comment = strings.TrimSpace(comment)
	if utf8.RuneCountInString(comment) > 2000 {
		return mobilite.Invalid("comment", "report.comment.too_long")
	}
	j, err := s.Store.FindJobByID(ctx, jobID)
	if err != nil {
		return err
	}
	if j.Status != mobilite.JobOpen && j.Status != mobilite.JobClosed {
		return mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "jobs: report of hidden offer %d", jobID)
	}
	now := s.now()
	key := "report:" + ip
	n, err := s.Store.CountLoginFailures(ctx, key, now.Add(-time.Hour))
	if err != nil {
		return err
	}
	if n >= maxReportsPerHour {
		return mobilite.Errorf(mobilite.ETHROTTLED, "report.throttled", "jobs: %s", key)
	}
	// The same report sent again within minutes (a double click, a page sent twice) is recorded
	// once: the moderators would read it twice. The sender is the account when there is one,
	// else the address; the window is short because many people share one address (mobile
	// networks, an office's computers) and two of them may report the same offer.
	sender := "ip " + ip
	if user != nil {
		sender = "user " + strconv.FormatInt(user.ID, 10)
	}
	sum := sha256.Sum256([]byte(reason + "\n" + comment))
	same := "report:" + sender + ":" + strconv.FormatInt(jobID, 10) + ":" + hex.EncodeToString(sum[:8])
	if n, err := s.Store.CountLoginFailures(ctx, same, now.Add(-sameReportWindow)); err != nil {
		return err
	} else if n > 0 {
		return nil
	}
	r := &mobilite.JobReport{JobID: jobID, Reason: reason, Comment: comment, IP: ip, CreatedAt: now}
	if user != nil {
		r.ReporterID = user.ID
	}
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := tx.RecordLoginFailure(ctx, []string{key, same}, now); err != nil {
			return err
		}
		return tx.CreateJobReport(ctx, r)
	})
}

// HandleReport closes a report on behalf of staff: dismissed, or actioned (and then the offer
// is closed when close is true).
func (s *Service) HandleReport(ctx context.Context, staff *mobilite.User, reportID int64, actioned, closeJob bool) error {
	if staff == nil || !staff.Role.Staff() {
		return mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		r, err := tx.FindJobReportByID(ctx, reportID)
		if err != nil {
			return err
		}
		before := map[string]any{"status": r.Status}
		r.Status, r.HandledBy, r.HandledAt = "dismissed", staff.ID, s.now()
		if actioned {
			r.Status = "actioned"
		}
		if err := tx.UpdateJobReport(ctx, r); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, r.HandledAt, staff, "report.handle", "job_report", r.ID, before, map[string]any{"status": r.Status}); err != nil {
			return err
		}
		if actioned && closeJob {
			_, err := s.closeByStaff(ctx, tx, staff, r.JobID)
			return err
		}
		return nil
	})
}
