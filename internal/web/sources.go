package web

import (
	"errors"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/ingest"
	"mobilite/internal/jobs"
)

// sourcesList shows every source with its health.
func (s *Server) sourcesList(w http.ResponseWriter, r *http.Request) {
	list, err := s.jobs.Store.FindSources(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	counts, err := s.jobs.Store.CountJobs(r.Context())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "sources.title")
	d.Nav = "admin"
	d.Data = map[string]any{"Sources": list, "Counts": counts}
	s.render(w, r, "sources", d)
}

func (s *Server) sourceFormData(src *mobilite.Source) map[string]any {
	return map[string]any{"Source": src, "Kinds": append([]string{"auto"}, ingest.Kinds...), "Countries": s.ref.Countries()}
}

func (s *Server) sourceNewForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "sources.new")
	d.Nav = "admin"
	d.Form.Set("kind", "auto")
	d.Form.Set("interval", "60")
	d.Form.Set("enabled", "1")
	d.Data = s.sourceFormData(nil)
	s.render(w, r, "source_form", d)
}

func sourceInput(f url.Values) jobs.SourceInput {
	interval, _ := strconv.Atoi(f.Get("interval"))
	return jobs.SourceInput{Name: f.Get("name"), Kind: f.Get("kind"), URL: f.Get("url"), Organization: f.Get("organization"),
		Country: f.Get("country"), Language: f.Get("language"), IntervalMinutes: interval,
		Enabled: f.Get("enabled") == "1", Trusted: f.Get("trusted") == "1"}
}

func (s *Server) sourceSave(w http.ResponseWriter, r *http.Request) {
	var id int64
	var old *mobilite.Source
	if r.PathValue("id") != "" {
		var err error
		if id, err = pathID(r); err == nil {
			old, err = s.jobs.Store.FindSourceByID(r.Context(), id)
		}
		if err != nil {
			s.fail(w, r, err)
			return
		}
	}
	form, ok := s.parseForm(w, r)
	if !ok {
		return
	}
	src, err := s.jobs.SaveSource(r.Context(), access.User(r.Context()), id, sourceInput(form))
	if err != nil {
		if mobilite.ErrorCode(err) != mobilite.EINVALID {
			s.fail(w, r, err)
			return
		}
		title := "sources.new"
		if old != nil {
			title = "sources.edit"
		}
		d := s.page(r, title)
		d.Nav = "admin"
		d.Form = form
		d.Status = http.StatusUnprocessableEntity
		d.setErr(err)
		d.Data = s.sourceFormData(old)
		s.render(w, r, "source_form", d)
		return
	}
	s.flash(w, r, "flash.saved")
	redirect(w, r, "/admin/sources/"+strconv.FormatInt(src.ID, 10))
}

func (s *Server) sourceEditForm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	var src *mobilite.Source
	if err == nil {
		src, err = s.jobs.Store.FindSourceByID(r.Context(), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "sources.edit")
	d.Nav = "admin"
	kind := src.Kind
	if kind == "" {
		kind = "auto"
	}
	for k, v := range map[string]string{"name": src.Name, "kind": kind, "url": src.URL, "country": src.DefaultCountry,
		"language": src.DefaultLanguage, "interval": strconv.Itoa(src.IntervalMinutes)} {
		d.Form.Set(k, v)
	}
	if src.OrgID != 0 {
		if names, err := s.orgNames(r); err == nil {
			d.Form.Set("organization", names[strconv.FormatInt(src.OrgID, 10)])
		}
	}
	if src.Enabled {
		d.Form.Set("enabled", "1")
	}
	if src.Trusted {
		d.Form.Set("trusted", "1")
	}
	d.Data = s.sourceFormData(src)
	s.render(w, r, "source_form", d)
}

func (s *Server) sourceRun(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err == nil {
		err = s.jobs.RunSoon(r.Context(), access.User(r.Context()), id)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.flash(w, r, "flash.source_queued")
	redirect(w, r, "/admin/sources/"+strconv.FormatInt(id, 10))
}

// importForm explains the upload template and takes a CSV or XLSX file.
func (s *Server) importForm(w http.ResponseWriter, r *http.Request) {
	d := s.page(r, "import.title")
	d.Nav = "admin"
	s.render(w, r, "import", d)
}

// importUpload reads the file, keeps it, and shows the report: valid rows and problems by line.
func (s *Server) importUpload(w http.ResponseWriter, r *http.Request) {
	r.Body = http.MaxBytesReader(w, r.Body, jobs.MaxUpload+64<<10)
	d := s.page(r, "import.title")
	d.Nav = "admin"
	file, hdr, err := r.FormFile("file")
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			s.tooLarge(w, r)
			return
		}
		d.Status = http.StatusUnprocessableEntity
		d.Errors["file"] = d.p.T("import.file.required")
		s.render(w, r, "import", d)
		return
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, jobs.MaxUpload+1))
	if err != nil || len(data) > jobs.MaxUpload {
		s.tooLarge(w, r)
		return
	}
	up, valid, problems, err := s.jobs.PrepareImport(r.Context(), access.User(r.Context()), hdr.Filename, data)
	if err != nil {
		if mobilite.ErrorCode(err) != mobilite.EINVALID {
			s.fail(w, r, err)
			return
		}
		d.Status = http.StatusUnprocessableEntity
		d.setErr(err)
		s.render(w, r, "import", d)
		return
	}
	d.Data = map[string]any{"Upload": up, "Valid": valid, "Problems": problems}
	s.render(w, r, "import", d)
}

// importConfirm ingests the valid rows of a kept upload.
func (s *Server) importConfirm(w http.ResponseWriter, r *http.Request) {
	id, err := pathID(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	res, err := s.jobs.ConfirmImport(r.Context(), access.User(r.Context()), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := s.page(r, "import.title")
	d.Nav = "admin"
	d.Data = map[string]any{"Done": res}
	s.render(w, r, "import", d)
}

// importTemplate serves the upload template, CSV or XLSX.
func (s *Server) importTemplate(w http.ResponseWriter, r *http.Request) {
	switch r.PathValue("file") {
	case "modele.csv":
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="mobilite-offres-modele.csv"`)
		_, _ = w.Write(ingest.TemplateCSV())
	case "modele.xlsx":
		b, err := ingest.TemplateXLSX()
		if err != nil {
			s.fail(w, r, err)
			return
		}
		w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		w.Header().Set("Content-Disposition", `attachment; filename="mobilite-offres-modele.xlsx"`)
		_, _ = w.Write(b)
	default:
		s.fail(w, r, mobilite.Errorf(mobilite.ENOTFOUND, "error.page_not_found", ""))
	}
}
