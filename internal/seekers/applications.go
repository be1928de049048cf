package seekers

import (
	"context"

	"mobilite"
	"mobilite/internal/audit"
)

// SetApplication records that a seeker applied to an offer, or what came of it (interview,
// hired, not selected). actor is the seeker themselves or a counsellor who may read the record
// (then the change is in the audit log and marked as recorded by staff). A second click with
// the same status changes nothing. EINVALID (status), ENOTFOUND (offer or record).
func (s *Service) SetApplication(ctx context.Context, actor *mobilite.User, sk *mobilite.Seeker, jobID int64, status string) (*mobilite.Application, error) {
	if !mobilite.ValidAppStatus(status) {
		return nil, mobilite.Invalid("status", "application.status.invalid")
	}
	staff := actor.Role.Staff()
	if !staff && (sk.UserID == 0 || sk.UserID != actor.ID) {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "seekers: %d not the seeker of user %d", sk.ID, actor.ID)
	}
	if staff {
		if ok, err := s.MayRead(ctx, actor, sk); err != nil || !ok {
			return nil, notReadable(err, sk.ID)
		}
	}
	j, err := s.Store.FindJobByID(ctx, jobID)
	if err != nil {
		return nil, err
	}
	if j.Status != mobilite.JobOpen && j.Status != mobilite.JobClosed {
		return nil, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "seekers: offer %d is %s", j.ID, j.Status)
	}
	now := s.now()
	a := &mobilite.Application{SeekerID: sk.ID, JobID: j.ID}
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		before, err := tx.FindApplicationFor(ctx, sk.ID, j.ID)
		if err != nil && mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
			return err
		}
		if err := tx.SaveApplication(ctx, a, mobilite.ApplicationEvent{Status: status, ByUserID: actor.ID, ByStaff: staff, At: now}); err != nil {
			return err
		}
		if !staff || (before != nil && before.Status == status) {
			return nil
		}
		var old any
		if before != nil {
			old = map[string]any{"status": before.Status}
		}
		return audit.Record(ctx, tx, now, actor, "application.save", "application", a.ID, old,
			map[string]any{"seeker": sk.Number, "job_id": j.ID, "status": status})
	})
	if err != nil {
		return nil, err
	}
	a.Job = j
	return a, nil
}

// notReadable is the answer when a staff member may not read a record: not found, so that its
// existence is not disclosed.
func notReadable(err error, id int64) error {
	if err != nil {
		return err
	}
	return mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "seekers: %d not readable", id)
}

// Shortlist puts a seeker on an offer's shortlist (add) or takes them off. Only seekers who
// consented to share their CV with employers may be put on it, by staff who may read them.
// EINVALID (no consent), ENOTFOUND.
func (s *Service) Shortlist(ctx context.Context, actor *mobilite.User, jobID, seekerID int64, add bool) error {
	sk, err := s.Store.FindSeekerByID(ctx, seekerID)
	if err != nil {
		return err
	}
	if ok, err := s.MayRead(ctx, actor, sk); err != nil || !ok || !actor.Role.Staff() || sk.Status != mobilite.SeekerActive {
		return notReadable(err, seekerID)
	}
	if _, err := s.Store.FindJobByID(ctx, jobID); err != nil {
		return err
	}
	if add && sk.ConsentShareCV.IsZero() {
		return mobilite.Invalid("seeker", "shortlist.no_consent")
	}
	now := s.now()
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		action := "shortlist.remove"
		if add {
			action = "shortlist.add"
			if err := tx.AddToShortlist(ctx, jobID, seekerID, actor.ID, now); err != nil {
				return err
			}
		} else if err := tx.RemoveFromShortlist(ctx, jobID, seekerID); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, actor, action, "job", jobID, nil, map[string]any{"seeker": sk.Number})
	})
}

// ShortlistFor returns an offer's shortlist as actor may export it: the seekers who still
// consent to share their CV and whom actor may read. The export is logged.
func (s *Service) ShortlistFor(ctx context.Context, actor *mobilite.User, jobID int64, export bool) ([]*mobilite.Seeker, error) {
	all, err := s.Store.Shortlist(ctx, jobID)
	if err != nil {
		return nil, err
	}
	var out []*mobilite.Seeker
	var numbers []string
	for _, sk := range all {
		ok, err := s.MayRead(ctx, actor, sk)
		if err != nil {
			return nil, err
		}
		if ok && !sk.ConsentShareCV.IsZero() {
			out = append(out, sk)
			numbers = append(numbers, sk.Number)
		}
	}
	if export {
		if err := audit.Record(ctx, s.Store, s.now(), actor, "shortlist.export", "job", jobID, nil,
			map[string]any{"seekers": numbers}); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// Reach is what u may see of the register, as a SeekerFilter's Readable fields: the seekers of
// u's office, and those of its region who asked for accompaniment. Admins see everything (0,
// ""); a counsellor without an office sees nobody (-1).
func (s *Service) Reach(ctx context.Context, u *mobilite.User) (int64, string, error) {
	if u.Role == mobilite.RoleAdmin {
		return 0, "", nil
	}
	if u.OfficeID == 0 {
		return -1, "", nil
	}
	o, err := s.Store.FindOfficeByID(ctx, u.OfficeID)
	if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
		return u.OfficeID, "", nil
	}
	if err != nil {
		return 0, "", err
	}
	return o.ID, o.Region, nil
}
