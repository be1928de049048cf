package jobs

import (
	"context"
	"net/url"
	"strings"
	"unicode/utf8"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/ingest"
)

// SourceInput is what an admin types in the source form.
type SourceInput struct {
	Name, Kind, URL, Organization, Country, Language string
	IntervalMinutes                                  int
	Enabled, Trusted                                 bool
}

// SaveSource creates (id 0) or updates a fetched source on behalf of an admin, and records it.
// EFORBIDDEN, EINVALID (fields name, kind, url, country, language, interval), ENOTFOUND.
func (s *Service) SaveSource(ctx context.Context, admin *mobilite.User, id int64, in SourceInput) (*mobilite.Source, error) {
	if admin == nil || admin.Role != mobilite.RoleAdmin {
		return nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	var p mobilite.Problems
	in.Name = strings.TrimSpace(in.Name)
	if in.Name == "" || utf8.RuneCountInString(in.Name) > 120 {
		p.Add("name", "source.name.required")
	}
	known := in.Kind == "auto"
	for _, k := range ingest.Kinds {
		known = known || k == in.Kind
	}
	if !known {
		p.Add("kind", "source.kind.invalid")
	}
	u, err := url.Parse(strings.TrimSpace(in.URL))
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || len(in.URL) > 2000 {
		p.Add("url", "source.url.invalid")
	}
	country := ""
	if c := strings.TrimSpace(in.Country); c != "" {
		if a3, ok := s.Ref.ResolveCountry(c); ok {
			country = a3
		} else {
			p.Add("country", "job.country.invalid")
		}
	}
	if in.Language != "" && in.Language != "fr" && in.Language != "en" {
		p.Add("language", "job.language.invalid")
	}
	if in.IntervalMinutes < 5 || in.IntervalMinutes > 7*24*60 {
		p.Add("interval", "source.interval.invalid")
	}
	if utf8.RuneCountInString(in.Organization) > 200 {
		p.Add("organization", "user.organization.invalid")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	now := s.now()
	var src *mobilite.Source
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		src = &mobilite.Source{CreatedAt: now, NextRunAt: now}
		var before *mobilite.Source
		if id != 0 {
			old, err := tx.FindSourceByID(ctx, id)
			if err != nil {
				return err
			}
			copied := *old
			before, src = &copied, old
		}
		src.Name, src.URL, src.DefaultCountry, src.DefaultLanguage = in.Name, u.String(), country, in.Language
		src.IntervalMinutes, src.Enabled, src.Trusted, src.UpdatedAt = in.IntervalMinutes, in.Enabled, in.Trusted, now
		if in.Kind == "auto" {
			src.Kind = ""
		} else {
			src.Kind = in.Kind
		}
		src.OrgID = 0
		if org := strings.TrimSpace(in.Organization); org != "" {
			o := &mobilite.Organization{Name: org, Type: mobilite.OrgOther, CreatedAt: now}
			if err := tx.EnsureOrganization(ctx, o, orgKey(org, "")); err != nil {
				return err
			}
			src.OrgID = o.ID
		}
		if before != nil && before.URL != src.URL {
			src.ETag, src.LastModified = "", "" // another document: no conditional request
		}
		if id == 0 {
			if err := tx.CreateSource(ctx, src); err != nil {
				return err
			}
			return audit.Record(ctx, tx, now, admin, "source.create", "source", src.ID, nil, src)
		}
		if err := tx.UpdateSource(ctx, src); err != nil {
			return err
		}
		return audit.Record(ctx, tx, now, admin, "source.update", "source", src.ID, before, src)
	})
	return src, err
}

// RunSoon asks for a source to be fetched at the scheduler's next round (within a minute).
func (s *Service) RunSoon(ctx context.Context, admin *mobilite.User, id int64) error {
	if admin == nil || admin.Role != mobilite.RoleAdmin {
		return mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	src, err := s.Store.FindSourceByID(ctx, id)
	if err != nil {
		return err
	}
	src.NextRunAt, src.UpdatedAt = s.now(), s.now()
	return s.Store.UpdateSource(ctx, src)
}

// MaxUpload is the largest file of offers staff may upload.
const MaxUpload = 10 << 20

// PrepareImport reads an uploaded CSV or XLSX file of offers and keeps it until the user
// confirms; it returns the upload, the number of valid rows and the problems, row by row.
// EINVALID (field file) for a file that cannot be read at all.
func (s *Service) PrepareImport(ctx context.Context, staff *mobilite.User, name string, data []byte) (*mobilite.Upload, int, []ingest.RowError, error) {
	if staff == nil || !staff.Role.Staff() {
		return nil, 0, nil, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	kind := ingest.KindCSV
	if strings.HasSuffix(strings.ToLower(name), ".xlsx") || ingest.Detect(data, "", name) == ingest.KindXLSX {
		kind = ingest.KindXLSX
	}
	items, _, problems, err := ingest.ParseTable(kind, data)
	if err != nil {
		return nil, 0, nil, &mobilite.Error{Code: mobilite.EINVALID, Key: "error.invalid",
			Fields: []mobilite.FieldError{{Field: "file", Key: "import.file.invalid"}}, Err: err}
	}
	up := &mobilite.Upload{UserID: staff.ID, Name: name, Kind: kind, Data: data, CreatedAt: s.now()}
	if err := s.Store.CreateUpload(ctx, up); err != nil {
		return nil, 0, nil, err
	}
	return up, len(items), problems, nil
}

// ConfirmImport ingests the valid rows of an upload as the offers of an "upload" source, then
// forgets the file. ENOTFOUND for an unknown upload or one of another user.
func (s *Service) ConfirmImport(ctx context.Context, staff *mobilite.User, uploadID int64) (mobilite.IngestResult, error) {
	var res mobilite.IngestResult
	if staff == nil || !staff.Role.Staff() {
		return res, mobilite.Errorf(mobilite.EFORBIDDEN, "error.forbidden", "")
	}
	up, err := s.Store.FindUpload(ctx, uploadID)
	if err != nil {
		return res, err
	}
	if up.UserID != staff.ID {
		return res, mobilite.Errorf(mobilite.ENOTFOUND, "error.not_found", "jobs: upload %d is not the user's", uploadID)
	}
	items, _, _, err := ingest.ParseTable(up.Kind, up.Data)
	if err != nil {
		return res, mobilite.Invalid("file", "import.file.invalid")
	}
	now := s.now()
	// The whole file lands in one transaction: every valid row, or nothing.
	err = s.Store.Tx(ctx, func(tx mobilite.Store) error {
		in := *s
		in.Store, in.Hub = tx, nil
		src := &mobilite.Source{Name: "Import : " + up.Name, Kind: mobilite.SourceFile, Enabled: false, Trusted: true,
			IntervalMinutes: 60, NextRunAt: now, CreatedAt: now, UpdatedAt: now, LastRunAt: now, LastSuccessAt: now}
		if err := tx.CreateSource(ctx, src); err != nil {
			return err
		}
		var err error
		if res, _, err = in.Ingest(ctx, src, items); err != nil {
			return err
		}
		src.ItemsSeen, src.ItemsNew, src.ItemsUpdated = res.Seen, res.New, res.Updated+res.Merged
		if err := tx.UpdateSource(ctx, src); err != nil {
			return err
		}
		if err := audit.Record(ctx, tx, now, staff, "import.confirm", "source", src.ID, nil,
			map[string]any{"file": up.Name, "rows": len(items), "new": res.New}); err != nil {
			return err
		}
		return tx.DeleteUpload(ctx, up.ID)
	})
	if err == nil && s.Hub != nil && len(res.NewIDs) > 0 {
		s.Hub.Notify(ctx, res.NewIDs[len(res.NewIDs)-1])
	}
	return res, err
}
