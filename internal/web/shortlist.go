package web

import (
	"bytes"
	"encoding/csv"
	"net/http"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"mobilite"
	"mobilite/internal/access"
	"mobilite/internal/locale"
	"mobilite/internal/sheet"
)

// shortlistRows is an offer's shortlist as a table: a header line and one line per seeker who
// consents to share their CV (the others never leave the platform).
func (s *Server) shortlistRows(p *locale.Printer, list []*mobilite.Seeker) [][]string {
	lang := p.Lang()
	rows := [][]string{{p.T("export.number"), p.T("register.f.given_name"), p.T("register.f.family_name"), p.T("register.f.sex"),
		p.T("export.age"), p.T("register.f.phone"), p.T("export.email"), p.T("export.residence"), p.T("register.f.isced"),
		p.T("register.f.diploma"), p.T("register.occupations"), p.T("register.languages"), p.T("register.f.preferred"),
		p.T("register.f.availability"), p.T("export.consent_share_cv")}}
	now := s.now()
	for _, sk := range list {
		var occs, langs, prefs []string
		for _, o := range sk.Occupations {
			occs = append(occs, o.ISCO08+" "+s.occupationName(lang, o.ISCO08)+" ("+p.N("export.years", o.Years)+")")
		}
		for _, l := range sk.Languages {
			level := l.Level
			if level == "native" {
				level = "(" + p.T("register.level.native") + ")"
			}
			langs = append(langs, s.languageName(p, l.Language)+" "+level)
		}
		for _, c := range sk.PreferredCountries {
			prefs = append(prefs, s.countryName(lang, c))
		}
		edu := ""
		if sk.ISCEDLevel >= 0 {
			edu = s.educationName(lang, sk.ISCEDLevel)
		}
		rows = append(rows, []string{sk.Number, sk.GivenName, sk.FamilyName, p.T("register.sex." + sk.Sex),
			strconv.Itoa(mobilite.Age(sk.BirthDate, now)), sk.Phone, sk.Email, s.residence(lang, sk), edu, sk.Diploma,
			strings.Join(occs, "; "), strings.Join(langs, "; "), strings.Join(prefs, "; "), sk.Availability,
			sk.ConsentShareCV.Format("2006-01-02")})
	}
	return rows
}

// exportShortlist answers the shortlist of an offer as CSV or XLSX. Only seekers who consent to
// share their CV are in it, and the export is logged.
func (s *Server) exportShortlist(format string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		id, err := pathID(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		j, err := s.store.FindJobByID(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		list, err := s.seekers.ShortlistFor(r.Context(), access.User(r.Context()), j.ID, true)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		rows := s.shortlistRows(s.cat.Printer(langOf(r)), list)
		var buf bytes.Buffer
		name := "preselection-" + strconv.FormatInt(j.ID, 10)
		switch format {
		case "csv":
			buf.WriteString("\ufeff") // so that spreadsheet programs read the accents as UTF-8
			cw := csv.NewWriter(&buf)
			for _, row := range rows {
				// A seeker's own words (diploma, availability…) must not run as formulas.
				_ = cw.Write(sheet.Row(row))
			}
			cw.Flush()
			w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		default:
			f := excelize.NewFile()
			defer f.Close()
			sheet := f.GetSheetName(0)
			for i, row := range rows {
				cell, _ := excelize.CoordinatesToCellName(1, i+1)
				vals := make([]any, len(row))
				for k, v := range row {
					vals[k] = v
				}
				if err := f.SetSheetRow(sheet, cell, &vals); err != nil {
					s.fail(w, r, err)
					return
				}
			}
			if err := f.Write(&buf); err != nil {
				s.fail(w, r, err)
				return
			}
			w.Header().Set("Content-Type", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
		}
		w.Header().Set("Content-Disposition", `attachment; filename="`+name+`.`+format+`"`)
		w.Header().Set("Cache-Control", "no-store")
		_, _ = w.Write(buf.Bytes())
	}
}
