package jobs

import (
	"context"
	"strings"
	"time"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/ingest"
	"mobilite/internal/normalize"
)

// Longest fields of a partner's offer, in characters (the texts, HTML or text, also in bytes:
// twice as many at most). A description that the sanitiser would still cut is refused too.
const (
	MaxName        = 200
	MaxDescription = 100000
	MaxHowToApply  = 20000
)

// Input is an offer as a partner types it in the form or sends it to the push API.
type Input struct {
	ExternalID   string
	Title        string
	Organization string // the partner's own organisation when empty
	Description  string // HTML or text
	HowToApply   string
	Country      string // alpha-2, alpha-3 or a name
	City         string
	ContractType string
	Deadline     string // RFC 3339 or YYYY-MM-DD
	ApplyURL     string
	Language     string
	ISCO08       string
}

// Publish creates or updates (same external id) a partner's offer. It is held for staff review
// unless the partner's organisation is trusted and no serious flag trips. It returns the offer
// and whether it was created. EINVALID with the fields in error; EFORBIDDEN for a non-partner.
func (s *Service) Publish(ctx context.Context, partner *mobilite.User, in Input) (*mobilite.Job, bool, error) {
	if partner == nil || partner.Role != mobilite.RolePartner {
		return nil, false, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "jobs: only partners publish")
	}
	now := s.now()
	var p mobilite.Problems
	in.ExternalID = strings.TrimSpace(in.ExternalID)
	if utf8.RuneCountInString(in.ExternalID) > 200 {
		p.Add("external_id", "job.external_id.invalid")
	}
	// What a partner types is refused when too long, never cut: the offer would be published
	// without what was cut and nobody told.
	switch title := strings.Join(strings.Fields(in.Title), " "); {
	case title == "":
		p.Add("title", "job.title.required")
	case utf8.RuneCountInString(title) > mobilite.MaxJobTitle:
		p.Add("title", "job.title.too_long")
	}
	if utf8.RuneCountInString(strings.TrimSpace(in.Organization)) > MaxName {
		p.Add("organization", "job.organization.too_long")
	}
	if in.Organization == "" {
		in.Organization = partner.Organization
	}
	switch city := strings.TrimSpace(in.City); {
	case utf8.RuneCountInString(city) > MaxName:
		p.Add("city", "job.city.too_long")
	case strings.ContainsAny(city, "<>{}"):
		p.Add("city", "job.city.invalid")
	}
	country := ""
	if c := strings.TrimSpace(in.Country); c == "" {
		p.Add("country", "job.country.required")
	} else if a3, ok := s.Ref.ResolveCountry(c); ok {
		country = a3
	} else {
		p.Add("country", "job.country.invalid")
	}
	var deadline time.Time
	if d := strings.TrimSpace(in.Deadline); d != "" {
		t, ok := normalize.ParseDeadline(d, nil)
		switch {
		case !ok:
			p.Add("deadline", "job.deadline.invalid")
		case !t.After(now):
			p.Add("deadline", "job.deadline.past")
		default:
			deadline = t
		}
	}
	isco := strings.TrimSpace(in.ISCO08)
	if isco != "" {
		if code, ok := s.Ref.ResolveOccupation(isco); ok {
			isco = code
		} else {
			p.Add("isco08", "job.isco.invalid")
		}
	}
	lang := strings.ToLower(strings.TrimSpace(in.Language))
	if lang != "" && lang != "fr" && lang != "en" {
		p.Add("language", "job.language.invalid")
	}
	contract := ""
	if in.ContractType != "" {
		if contract = normalize.Contract(in.ContractType, "", ""); contract == "" {
			p.Add("contract_type", "job.contract.invalid")
		}
	}
	if u := strings.TrimSpace(in.ApplyURL); u != "" && normalize.ApplyURL(u) == "" {
		p.Add("apply_url", "job.apply_url.invalid")
	}
	if utf8.RuneCountInString(in.Description) > MaxDescription || len(in.Description) > 2*MaxDescription {
		p.Add("description", "job.description.too_long")
	}
	if utf8.RuneCountInString(in.HowToApply) > MaxHowToApply || len(in.HowToApply) > 2*MaxHowToApply {
		p.Add("how_to_apply", "job.how_to_apply.too_long")
	}
	if err := p.Err(); err != nil {
		return nil, false, err
	}
	j, notes := s.Norm.Job(ingest.Item{ExternalID: in.ExternalID, Title: in.Title, Organization: in.Organization,
		DescriptionHTML: in.Description, HowToApplyHTML: in.HowToApply, ApplyURL: strings.TrimSpace(in.ApplyURL),
		Country: country, City: in.City, ContractType: in.ContractType, Deadline: deadline, Language: lang, ISCO08: isco},
		normalize.Defaults{Country: country, Language: lang}, now)
	for _, n := range notes {
		// Sanitised (escaped, made into paragraphs), a text within the limits may still outgrow
		// what an offer keeps: refused, not cut.
		if strings.HasPrefix(n, normalize.NoteDescriptionCut) {
			return nil, false, mobilite.Invalid("description", "job.description.too_long")
		}
	}
	if isco != "" {
		j.ISCO08, j.ISCOConfidence, j.ISCOManual = isco, 1, true
	}
	if err := j.Validate(); err != nil {
		return nil, false, err
	}
	j.PartnerID, j.ExternalID = partner.ID, in.ExternalID
	var created bool
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		org := &mobilite.Organization{Name: j.Organization, Type: mobilite.OrgPrivate, CreatedAt: now}
		if err := tx.EnsureOrganization(ctx, org, orgKey(j.Organization, "")); err != nil {
			return err
		}
		j.OrgID = org.ID
		s.check(j, "", org.Trusted, now)
		if !org.Trusted && j.Status == mobilite.JobOpen {
			j.Status = mobilite.JobHeld // a partner's offer is reviewed before it is shown
		}
		j.IndexText = s.indexText(j)
		var old *mobilite.Job
		if in.ExternalID != "" {
			var err error
			old, err = tx.FindPartnerJob(ctx, partner.ID, in.ExternalID)
			if err != nil && mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				return err
			}
		}
		if old == nil {
			created = true
			j.PublishedAt, j.UpdatedAt = now, now
			return tx.CreateJob(ctx, j)
		}
		j.ID, j.PublishedAt, j.UpdatedAt = old.ID, old.PublishedAt, now
		if old.ISCOManual && isco == "" {
			j.ISCO08, j.ISCOConfidence, j.ISCOManual = old.ISCO08, old.ISCOConfidence, true
		}
		if old.Status == mobilite.JobRejected {
			j.Status = mobilite.JobRejected
		}
		return tx.UpdateJob(ctx, j)
	})
	if err != nil {
		return nil, false, err
	}
	if s.Hub != nil && j.Status == mobilite.JobOpen {
		s.Hub.Notify(ctx, j.ID)
	}
	return j, created, nil
}

// ClosePartnerJob closes one of a partner's offers. ENOTFOUND when it is not theirs.
func (s *Service) ClosePartnerJob(ctx context.Context, partner *mobilite.User, id int64) (*mobilite.Job, error) {
	var j *mobilite.Job
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		var err error
		if j, err = tx.FindJobByID(ctx, id); err != nil {
			return err
		}
		if partner == nil || j.PartnerID != partner.ID {
			return mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "jobs: offer %d is not the partner's", id)
		}
		if j.Status == mobilite.JobClosed {
			return nil
		}
		now := s.now()
		j.Status, j.CloseReason, j.ClosedAt, j.UpdatedAt = mobilite.JobClosed, mobilite.ClosePartner, now, now
		return tx.UpdateJob(ctx, j)
	})
	return j, err
}

// Moderate publishes (approve) or rejects an offer held for review, on behalf of staff.
func (s *Service) Moderate(ctx context.Context, staff *mobilite.User, id int64, approve bool) (*mobilite.Job, error) {
	if staff == nil || !staff.Role.Staff() {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	var j *mobilite.Job
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		var err error
		if j, err = tx.FindJobByID(ctx, id); err != nil {
			return err
		}
		before := map[string]any{"status": j.Status}
		now := s.now()
		switch {
		case approve && !j.Deadline.IsZero() && !j.Deadline.After(now):
			j.Status, j.CloseReason, j.ClosedAt = mobilite.JobClosed, mobilite.CloseDeadline, now
		case approve:
			j.Status, j.CloseReason, j.ClosedAt = mobilite.JobOpen, "", time.Time{}
		default:
			j.Status = mobilite.JobRejected
		}
		j.UpdatedAt = now
		j.IndexText = s.indexText(j)
		if err := tx.UpdateJob(ctx, j); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, staff, "job.moderate", "job", j.ID, before, map[string]any{"status": j.Status})
	})
	if err == nil && s.Hub != nil && j.Status == mobilite.JobOpen {
		s.Hub.Notify(ctx, j.ID)
	}
	return j, err
}

// CloseByStaff closes an open offer (a scam confirmed, an offer filled), on behalf of staff.
func (s *Service) CloseByStaff(ctx context.Context, staff *mobilite.User, id int64) (*mobilite.Job, error) {
	if staff == nil || !staff.Role.Staff() {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	var j *mobilite.Job
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		var err error
		j, err = s.closeByStaff(ctx, tx, staff, id)
		return err
	})
	return j, err
}

// closeByStaff closes an offer inside the transaction tx and records it.
func (s *Service) closeByStaff(ctx context.Context, tx mobilite.Store, staff *mobilite.User, id int64) (*mobilite.Job, error) {
	j, err := tx.FindJobByID(ctx, id)
	if err != nil {
		return nil, err
	}
	before := map[string]any{"status": j.Status}
	now := s.now()
	j.Status, j.CloseReason, j.ClosedAt, j.UpdatedAt = mobilite.JobClosed, mobilite.CloseStaff, now, now
	if err := tx.UpdateJob(ctx, j); err != nil {
		return nil, err
	}
	return j, audit.Record(ctx, tx, now, staff, "job.close", "job", j.ID, before, map[string]any{"status": j.Status})
}

// CorrectISCO sets the occupation of an offer on behalf of a counsellor; the correction wins
// over later suggestions. EINVALID (field isco08) for an unknown code.
func (s *Service) CorrectISCO(ctx context.Context, staff *mobilite.User, id int64, code string) (*mobilite.Job, error) {
	if staff == nil || !staff.Role.Staff() {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	resolved, ok := s.Ref.ResolveOccupation(strings.TrimSpace(code))
	if !ok {
		return nil, mobilite.Invalid("isco08", "job.isco.invalid")
	}
	var j *mobilite.Job
	err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
		var err error
		if j, err = tx.FindJobByID(ctx, id); err != nil {
			return err
		}
		before := map[string]any{"isco08": j.ISCO08, "manual": j.ISCOManual}
		j.ISCO08, j.ISCOConfidence, j.ISCOManual, j.UpdatedAt = resolved, 1, true, s.now()
		j.IndexText = s.indexText(j)
		if err := tx.UpdateJob(ctx, j); err != nil {
			return err
		}
		return audit.Record(ctx, tx, j.UpdatedAt, staff, "job.isco", "job", j.ID, before, map[string]any{"isco08": j.ISCO08, "manual": true})
	})
	return j, err
}
