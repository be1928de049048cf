package survey

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"mobilite"
	"mobilite/internal/audit"
)

// BatchSize is how many submissions one transaction of a load writes.
const BatchSize = 1000

// KeepUploads is how long a file of submissions is kept waiting for its user to confirm the
// load; the server removes older ones.
const KeepUploads = 7 * 24 * time.Hour

// MaxShown is how many row problems an upload report keeps; the others are only counted.
const MaxShown = 500

// Service imports questionnaires, loads and enters submissions, and keeps the role mapping.
// Its writes are for statisticians and admins, and each is audited in its transaction.
type Service struct {
	Store mobilite.Store
	Now   func() time.Time
}

func (s *Service) now() time.Time {
	if s.Now != nil {
		return s.Now().UTC()
	}
	return time.Now().UTC()
}

// Allowed reports whether u may manage surveys: statisticians and admins.
func Allowed(u *mobilite.User) bool {
	return u != nil && (u.Role == mobilite.RoleStatistician || u.Role == mobilite.RoleAdmin)
}

func forbidden() error { return mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "") }

// Form returns a stored form with its parsed questionnaire. ENOTFOUND.
func (s *Service) Form(ctx context.Context, id int64) (*mobilite.SurveyForm, *Form, error) {
	sf, err := s.Store.FindSurveyFormByID(ctx, id)
	if err != nil {
		return nil, nil, err
	}
	f, err := Unmarshal(sf.Definition)
	if err != nil {
		return nil, nil, err
	}
	return sf, f, nil
}

// ImportForm reads an XLSForm and stores it: a new form, or a new version of the form with the
// same form_id (its submissions and roles kept; roles naming questions that are gone are
// dropped). The report says what was understood; when it is fatal nothing is stored and the
// error is EINVALID (field file). The model questionnaire gets its role mapping at once.
func (s *Service) ImportForm(ctx context.Context, staff *mobilite.User, name string, data []byte) (*mobilite.SurveyForm, *Report, error) {
	if !Allowed(staff) {
		return nil, nil, forbidden()
	}
	f, rep := ParseXLSForm(data, name)
	if rep.Fatal() {
		return nil, rep, &mobilite.Error{Code: mobilite.EINVALID, Key: "error.invalid",
			Fields: []mobilite.FieldError{{Field: "file", Key: "survey.import.failed"}}, Err: errors.New("survey: form has errors")}
	}
	def, err := f.Marshal()
	if err != nil {
		return nil, rep, err
	}
	now := s.now()
	var sf *mobilite.SurveyForm
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		old, err := tx.FindSurveyFormByKey(ctx, f.ID)
		switch {
		case mobilite.ErrorCode(err) == mobilite.ENOTFOUND:
			sf = &mobilite.SurveyForm{Key: f.ID, Title: f.Title, Version: f.Version, Definition: def, CreatedBy: staff.ID,
				CreatedAt: now, UpdatedAt: now}
			if f.ID == ModelFormID {
				sf.Roles = ModelRoles()
			}
			if err := tx.CreateSurveyForm(ctx, sf); err != nil {
				return err
			}
			return audit.Record(ctx, tx, now, staff, "survey.import", "survey_form", sf.ID, nil,
				map[string]any{"form_id": f.ID, "version": f.Version, "questions": len(f.Questions)})
		case err != nil:
			return err
		}
		sf = old
		before := map[string]any{"version": old.Version, "title": old.Title}
		sf.Title, sf.Version, sf.Definition, sf.UpdatedAt = f.Title, f.Version, def, now
		for _, rn := range RoleNames {
			if p := RolePath(&sf.Roles, rn.Name); *p != "" && f.Question(*p) == nil {
				*p = ""
			}
		}
		if err := tx.UpdateSurveyForm(ctx, sf); err != nil {
			return err
		}
		if err := s.reextract(ctx, tx, sf, f); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, staff, "survey.import", "survey_form", sf.ID, before,
			map[string]any{"version": f.Version, "title": f.Title, "questions": len(f.Questions)})
	})
	if err != nil {
		return nil, rep, err
	}
	return sf, rep, nil
}

// SetRoles saves a form's role mapping and extracts the variables of its submissions again, in
// one transaction. EINVALID (fields role_*) for a role on a missing question or of a wrong type.
func (s *Service) SetRoles(ctx context.Context, staff *mobilite.User, id int64, roles mobilite.SurveyRoles) error {
	if !Allowed(staff) {
		return forbidden()
	}
	now := s.now()
	return s.Store.Tx(ctx, func(tx mobilite.Store) error {
		sf, err := tx.FindSurveyFormByID(ctx, id)
		if err != nil {
			return err
		}
		f, err := Unmarshal(sf.Definition)
		if err != nil {
			return err
		}
		if err := CheckRoles(f, &roles); err != nil {
			return err
		}
		before := sf.Roles
		sf.Roles, sf.UpdatedAt = roles, now
		if err := tx.UpdateSurveyForm(ctx, sf); err != nil {
			return err
		}
		if err := s.reextract(ctx, tx, sf, f); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, staff, "survey.roles", "survey_form", sf.ID, before, roles)
	})
}

// reextract computes the variables of every submission of a form again (inside tx).
func (s *Service) reextract(ctx context.Context, tx mobilite.Store, sf *mobilite.SurveyForm, f *Form) error {
	ex := newExtractor(f, &sf.Roles)
	var after int64
	for {
		subs, err := tx.FindSurveySubmissions(ctx, sf.ID, after, BatchSize)
		if err != nil {
			return err
		}
		if len(subs) == 0 {
			return nil
		}
		recs := make([]*mobilite.SurveyRecord, len(subs))
		for i, sub := range subs {
			vals, err := answerValues(f, sub.Answers)
			if err != nil {
				return err
			}
			rec := ex.record(vals, sub.SubmittedAt)
			rec.SubmissionID = sub.ID
			recs[i] = &rec
			after = sub.ID
		}
		if err := tx.UpdateSurveyRecords(ctx, recs); err != nil {
			return err
		}
	}
}

// UploadReport is the validation of a file of submissions.
type UploadReport struct {
	Rows     int       // submissions read
	Valid    int       // of them, valid: loaded when confirmed
	Problems []Problem // row by row, the first MaxShown
	More     int       // problems not shown
	Notices  []Problem // about the whole file
}

// PrepareUpload checks a file of submissions row by row and keeps it until the user confirms.
// EINVALID (field file) for a file that cannot be read at all; ENOTFOUND for an unknown form.
func (s *Service) PrepareUpload(ctx context.Context, staff *mobilite.User, formID int64, name string, data []byte) (*mobilite.SurveyUpload, *UploadReport, error) {
	if !Allowed(staff) {
		return nil, nil, forbidden()
	}
	sf, f, err := s.Form(ctx, formID)
	if err != nil {
		return nil, nil, err
	}
	now := s.now()
	rep, err := validate(f, &sf.Roles, data, now)
	if err != nil {
		return nil, nil, err
	}
	up := &mobilite.SurveyUpload{FormID: sf.ID, UserID: staff.ID, Name: name, Kind: KindOf(data), Data: data, Valid: rep.Valid, CreatedAt: now}
	if rep.Valid > 0 {
		if err := s.Store.CreateSurveyUpload(ctx, up); err != nil {
			return nil, nil, err
		}
	}
	return up, rep, nil
}

func unreadable(err error) error {
	var u *ErrUnreadable
	if errors.As(err, &u) {
		return &mobilite.Error{Code: mobilite.EINVALID, Key: "error.invalid", Fields: []mobilite.FieldError{{Field: "file", Key: u.Key}}, Err: err}
	}
	return err
}

// validate reads a whole file and reports on it.
func validate(f *Form, roles *mobilite.SurveyRoles, data []byte, now time.Time) (*UploadReport, error) {
	r, err := NewReader(f, roles, data, now)
	if err != nil {
		return nil, unreadable(err)
	}
	defer r.Close()
	rep := &UploadReport{}
	for {
		row, ok := r.Next()
		if !ok {
			break
		}
		rep.Rows++
		if len(row.Problems) == 0 {
			rep.Valid++
			continue
		}
		for _, p := range row.Problems {
			if len(rep.Problems) < MaxShown {
				rep.Problems = append(rep.Problems, p)
			} else {
				rep.More++
			}
		}
	}
	if err := r.Err(); err != nil {
		return nil, unreadable(err)
	}
	for _, p := range r.Notices() {
		if p.Level == Error { // a line the CSV reader could not split
			rep.Rows++
			if len(rep.Problems) < MaxShown {
				rep.Problems = append(rep.Problems, p)
			} else {
				rep.More++
			}
			continue
		}
		rep.Notices = append(rep.Notices, p)
	}
	return rep, nil
}

// LoadResult counts what a confirmed load did.
type LoadResult struct {
	FormID int64
	Valid  int // valid rows in the file
	New    int // submissions added
	Known  int // valid rows whose _uuid the form already had: left as they were
}

// ConfirmUpload loads the valid rows of a kept upload in transactions of BatchSize, calling
// progress (if not nil) after each, then forgets the file. A submission already loaded (same
// _uuid) is left as it was. An interrupted load can be confirmed again: what it wrote stays and
// is not doubled. ENOTFOUND for an unknown upload or one of another user.
// The progress is written to the upload with each batch: the form's page shows it.
func (s *Service) ConfirmUpload(ctx context.Context, staff *mobilite.User, uploadID int64, progress func(done, total int)) (LoadResult, error) {
	var res LoadResult
	if !Allowed(staff) {
		return res, forbidden()
	}
	up, err := s.Store.FindSurveyUpload(ctx, uploadID)
	if err != nil {
		return res, err
	}
	if up.UserID != staff.ID {
		return res, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "survey: upload %d is not the user's", uploadID)
	}
	sf, f, err := s.Form(ctx, up.FormID)
	if err != nil {
		return res, err
	}
	res.FormID = sf.ID
	r, err := NewStreamReader(f, &sf.Roles, &chunkReader{ctx: ctx, store: s.Store, id: up.ID}, up.Kind, up.CreatedAt)
	if err != nil {
		return res, unreadable(err)
	}
	defer r.Close()
	now := s.now()
	batch := make([]*mobilite.SurveySubmission, 0, BatchSize)
	flush := func() error {
		if len(batch) == 0 {
			return nil
		}
		err := s.Store.Tx(ctx, func(tx mobilite.Store) error {
			n, err := tx.InsertSurveySubmissions(ctx, batch)
			if err != nil {
				return err
			}
			res.New += n
			res.Known += len(batch) - n
			return tx.SetSurveyUploadLoaded(ctx, up.ID, res.Valid)
		})
		batch = batch[:0]
		if err == nil && progress != nil {
			progress(res.Valid, up.Valid)
		}
		return err
	}
	for {
		row, ok := r.Next()
		if !ok {
			break
		}
		if len(row.Problems) > 0 {
			continue
		}
		res.Valid++
		batch = append(batch, &mobilite.SurveySubmission{FormID: sf.ID, UUID: row.UUID, SubmittedAt: row.SubmittedAt,
			UploadedBy: staff.ID, CreatedAt: now, Answers: append([]byte(nil), row.Answers...), Record: row.Record})
		if len(batch) == BatchSize {
			if err := flush(); err != nil {
				return res, err
			}
		}
	}
	if err := r.Err(); err != nil {
		return res, unreadable(err)
	}
	if err := flush(); err != nil {
		return res, err
	}
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if err := audit.Record(ctx, tx, now, staff, "survey.upload", "survey_form", sf.ID, nil,
			map[string]any{"file": up.Name, "valid": res.Valid, "new": res.New, "known": res.Known}); err != nil {
			return err
		}
		return tx.DeleteSurveyUpload(ctx, up.ID)
	})
	return res, err
}

// chunkReader reads a kept upload chunk after chunk.
type chunkReader struct {
	ctx   context.Context
	store mobilite.SurveyStore
	id    int64
	seq   int
	buf   []byte
	done  bool
}

func (c *chunkReader) Read(p []byte) (int, error) {
	for len(c.buf) == 0 {
		if c.done {
			return 0, io.EOF
		}
		b, err := c.store.FindSurveyUploadChunk(c.ctx, c.id, c.seq)
		if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
			c.done = true
			continue
		}
		if err != nil {
			return 0, err
		}
		c.buf, c.seq = b, c.seq+1
	}
	n := copy(p, c.buf)
	c.buf = c.buf[n:]
	return n, nil
}

// Enter checks and stores one submission typed in the web form: values by question path
// (several for a select_multiple). EINVALID with the paths of the questions in error.
func (s *Service) Enter(ctx context.Context, staff *mobilite.User, formID int64, values map[string][]string) (*mobilite.SurveySubmission, error) {
	if !Allowed(staff) {
		return nil, forbidden()
	}
	sf, f, err := s.Form(ctx, formID)
	if err != nil {
		return nil, err
	}
	now := s.now()
	vals := make([]string, len(f.Questions))
	for i, q := range f.Questions {
		switch q.Type {
		case TypeNote:
			continue
		case TypeCalculate:
			// Only a constant formula can be computed here (a weight of 1, say).
			if n, ok := parseNumber(strings.Trim(q.Calculation, "'\" ")); ok {
				vals[i] = fmt.Sprint(n)
			}
			continue
		}
		vs := values[q.Path]
		if q.Type == TypeSelectMul {
			vals[i] = strings.Join(vs, " ")
		} else if len(vs) > 0 {
			vals[i] = vs[0]
		}
	}
	var p mobilite.Problems
	for _, fp := range NewChecker(f, &sf.Roles, now).Check(vals) {
		p.Add(fp.Path, fp.Key)
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	id := make([]byte, 16)
	_, _ = rand.Read(id)
	sub := &mobilite.SurveySubmission{FormID: sf.ID, UUID: "web:" + hex.EncodeToString(id), SubmittedAt: now, UploadedBy: staff.ID,
		CreatedAt: now, Answers: appendAnswers(nil, f, vals), Record: newExtractor(f, &sf.Roles).record(vals, now)}
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		if _, err := tx.InsertSurveySubmissions(ctx, []*mobilite.SurveySubmission{sub}); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, staff, "survey.entry", "survey_form", sf.ID, nil, map[string]any{"uuid": sub.UUID})
	})
	if err != nil {
		return nil, err
	}
	return sub, nil
}
