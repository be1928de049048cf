package main

import (
	"bytes"
	"context"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"mobilite"
	"mobilite/internal/demo"
	"mobilite/internal/store/storetest"
	"mobilite/internal/survey"
)

// upload posts a file as the "file" field of a multipart form.
func (s *testServer) upload(c *http.Client, path, name string, data []byte) (*http.Response, string) {
	s.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		s.t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	return s.do(c, "POST", path, &b, map[string]string{"Content-Type": mw.FormDataContentType()})
}

func wantStatus(t *testing.T, what string, resp *http.Response, body string, status int, contains ...string) {
	t.Helper()
	if resp.StatusCode != status {
		t.Fatalf("%s: status %d, want %d\n%s", what, resp.StatusCode, status, excerpt(body, "<main"))
	}
	for _, c := range contains {
		if !strings.Contains(body, c) {
			t.Errorf("%s: %q not in page\n%s", what, c, excerpt(body, "<main"))
		}
	}
}

var confirmRe = regexp.MustCompile(`/enquetes/envois/(\d+)/confirmer`)

// koboFile returns a KoboToolbox-style CSV of the model questionnaire: n good rows, then a row
// with an impossible age and one born in 2099.
func koboFile(t *testing.T, n int) []byte {
	var b bytes.Buffer
	if err := survey.WriteSample(&b, n+2, 42, time.Now()); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimRight(b.String(), "\r\n"), "\r\n")
	col := func(name string) int {
		for i, h := range survey.SampleHeader {
			if h == name {
				return i
			}
		}
		t.Fatalf("no column %s", name)
		return -1
	}
	bad := func(line int, column, value string) {
		cells := strings.Split(lines[line], ";")
		cells[col(column)] = value
		lines[line] = strings.Join(cells, ";")
	}
	bad(n+1, "id/age", "250")
	bad(n+2, "id/birth_date", "2099-01-01")
	return []byte(strings.Join(lines, "\r\n") + "\r\n")
}

func TestSurveyCollection(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			s := startServer(t, engine)
			ctx := context.Background()
			c := s.sessionFor(mobilite.RoleStatistician)
			since := time.Now() // the demo data wrote entries of their own before

			resp, body := s.do(c, "GET", "/enquetes", nil, nil)
			wantStatus(t, "list", resp, body, 200, "Télécharger le questionnaire modèle")
			resp, model := s.do(c, "GET", "/enquetes/modele.xlsx", nil, nil)
			if resp.StatusCode != 200 || !strings.HasPrefix(model, "PK") {
				t.Fatalf("model: %d", resp.StatusCode)
			}

			// A broken questionnaire is refused with its report; nothing is loaded.
			resp, body = s.upload(c, "/enquetes", "casse.xlsx", []byte("PK\x03\x04 not a workbook"))
			wantStatus(t, "broken form", resp, body, 422, "abîmé")
			resp, body = s.upload(c, "/enquetes", "modele.xlsx", []byte(model))
			wantStatus(t, "import", resp, body, 200, "Questionnaire importé", "Métadonnée « start »", "lf/worked")
			sf, err := s.DB.FindSurveyFormByKey(ctx, survey.ModelFormID)
			if err != nil {
				t.Fatal(err)
			}
			if sf.Roles.Sex != "id/sex" || sf.Roles.Worked != "lf/worked" {
				t.Fatalf("model roles not set: %+v", sf.Roles)
			}
			formPath := "/enquetes/" + itoa(sf.ID)

			// Upload: a report with the bad rows, then the confirmed load of the valid ones.
			file := koboFile(t, 6)
			load := func(wantNew, wantKnown string) {
				t.Helper()
				resp, body := s.upload(c, formPath+"/envoi", "export kobo.csv", file)
				wantStatus(t, "upload", resp, body, 200, "8 lignes lues, 6 valides", "Âge impossible (0 à 120 ans)",
					"Date impossible", "Charger 6 soumissions")
				m := confirmRe.FindStringSubmatch(body)
				if m == nil {
					t.Fatal("no confirm button")
				}
				// Another statistician cannot confirm it.
				resp, body = s.form(s.sessionFor(mobilite.RoleAdmin), m[0], url.Values{})
				wantStatus(t, "confirm by another", resp, body, 404)
				resp, body = s.form(c, m[0], url.Values{})
				wantStatus(t, "confirm", resp, body, 200, "Chargement terminé : "+wantNew+" nouvelles soumissions, "+wantKnown+" déjà connues")
			}
			demoRecs, err := s.DB.FindSurveyRecords(ctx, sf.ID, time.Time{}, time.Time{}) // the demo's submissions
			if err != nil {
				t.Fatal(err)
			}
			load("6", "0")
			load("0", "6") // the same file again: not doubled
			recs, err := s.DB.FindSurveyRecords(ctx, sf.ID, time.Time{}, time.Time{})
			if err != nil || len(recs) != len(demoRecs)+6 {
				t.Fatalf("records after two loads: %d %v", len(recs), err)
			}
			for _, r := range recs {
				if r.Sex == "" || r.Age == nil || r.LFStatus == "" || r.Weight == nil || *r.Weight != 1 || r.WorkedAbroad == nil {
					t.Errorf("record not extracted: %+v", r)
				}
			}

			// Web entry: the generated form, a bad answer refused at its field, then a good one.
			resp, body = s.do(c, "GET", formPath+"/saisie", nil, nil)
			wantStatus(t, "entry form", resp, body, 200, "<legend>Identification</legend>", `name="id/sex"`, "Homme", `type="checkbox"`)
			bad := url.Values{"id/birth_date": {"1990-01-01"}, "id/age": {"250"}, "id/birth_country": {"TGO"}, "id/citizenship": {"TGO"},
				"lf/worked": {"yes"}, "mig/worked_abroad": {"no"}}
			resp, body = s.form(c, formPath+"/saisie", bad)
			wantStatus(t, "bad entry", resp, body, 422, "Âge impossible (0 à 120 ans)", "Réponse obligatoire", `value="1990-01-01"`)
			good := url.Values{"id/sex": {"female"}, "id/birth_date": {"1990-01-01"}, "id/age": {"36"}, "id/birth_country": {"GHA"},
				"id/citizenship": {"TGO"}, "lf/worked": {"no"}, "lf/absent": {"no"}, "lf/looked": {"yes"}, "lf/available": {"yes"},
				"mig/worked_abroad": {"yes"}, "mig/last_country": {"LBN"}, "mig/return_date": {"2025-01-01"},
				"cost/costs_total": {"300000"}, "cost/first_wage": {"150000"}}
			resp, body = s.form(c, formPath+"/saisie", good)
			wantStatus(t, "good entry", resp, body, 303)
			recs, _ = s.DB.FindSurveyRecords(ctx, sf.ID, time.Now().Add(-time.Hour), time.Now().Add(time.Hour))
			if len(recs) != 1 {
				t.Fatalf("entered records: %d", len(recs))
			}
			r := recs[0]
			if r.Sex != "F" || *r.Age != 36 || !*r.BornAbroad || *r.ForeignCitizen || r.LFStatus != mobilite.LFUnemployed ||
				*r.Weight != 1 || r.LastCountry != "LBN" || *r.Costs != 300000 || *r.Earnings != 150000 || r.YearsSinceReturn == nil {
				t.Errorf("entered record: %+v", r)
			}

			// Changing the roles extracts the variables again.
			roles := url.Values{}
			for _, rn := range survey.RoleNames {
				roles.Set("role_"+rn.Name, *survey.RolePath(&sf.Roles, rn.Name))
			}
			roles.Set("role_sex", "")
			roles.Set("role_age", "id/sex") // a wrong type is refused at its field
			resp, body = s.form(c, formPath+"/roles", roles)
			wantStatus(t, "wrong role", resp, body, 422, "Le type de cette question ne convient pas")
			roles.Set("role_age", "id/age")
			resp, body = s.form(c, formPath+"/roles", roles)
			wantStatus(t, "roles", resp, body, 303)
			recs, _ = s.DB.FindSurveyRecords(ctx, sf.ID, time.Time{}, time.Time{})
			for _, r := range recs {
				if r.Sex != "" || r.Age == nil {
					t.Fatalf("not extracted again: %+v", r)
				}
			}

			// Every write is in the audit log; other staff may not see the pages.
			entries, _, err := s.DB.FindAuditEntries(ctx, mobilite.AuditFilter{Entity: "survey_form", Since: since, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			actions := map[string]int{}
			for _, e := range entries {
				actions[e.Action]++
			}
			if actions["survey.import"] != 1 || actions["survey.upload"] != 2 || actions["survey.entry"] != 1 || actions["survey.roles"] != 1 {
				t.Errorf("audit: %v", actions)
			}
			resp, _ = s.do(s.sessionFor(mobilite.RoleCounsellor), "GET", formPath, nil, nil)
			if resp.StatusCode != 403 {
				t.Errorf("counsellor: %d", resp.StatusCode)
			}
		})
	}
}

// TestBrowserSurveys walks the survey pages in Chromium on a 360-px phone, without a script: a
// statistician imports the model questionnaire from the file input, reads the form's page,
// uploads a Kobo export and confirms it, then types a submission with a mistake, corrects it and
// saves it. No page scrolls sideways.
func TestBrowserSurveys(t *testing.T) {
	needChromium(t)
	s := startServer(t, "sqlite")
	dir := t.TempDir()
	model, err := survey.ModelForm()
	if err != nil {
		t.Fatal(err)
	}
	modelPath, exportPath := filepath.Join(dir, "modele.xlsx"), filepath.Join(dir, "export.csv")
	if err := os.WriteFile(modelPath, model, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(exportPath, koboFile(t, 20), 0o600); err != nil {
		t.Fatal(err)
	}
	b := newBrowser(t, s.URL)
	var formPath string
	b.step(t, "import", 30*time.Second, func(p *page) {
		p.do(chromedp.EmulateViewport(360, 800, chromedp.EmulateMobile), chromedp.Navigate(p.url("/connexion?next=/enquetes")))
		p.logIn("statistiques@mobilite.example", demo.Password, 200, "/enquetes")
		p.wantHeading("Enquêtes (questionnaires XLSForm)")
		p.wantNoSidewaysScroll()
		p.do(chromedp.SetUploadFiles(chromedp.CSS(`#f-file`), []string{modelPath}))
		p.follow("/enquetes", chromedp.Click(chromedp.CSS(`form[action="/enquetes"] button`)))
		p.wantFlash("Questionnaire importé")
		p.wantNoSidewaysScroll()
		formPath = evaluate[string](p, `document.querySelector('form[action$="/envoi"]').getAttribute("action").replace("/envoi", "")`)
		p.shot("survey-form.png")
	})
	b.step(t, "upload", 30*time.Second, func(p *page) {
		p.do(chromedp.SetUploadFiles(chromedp.CSS(`form[action$="/envoi"] input[type=file]`), []string{exportPath}))
		p.follow(formPath+"/envoi", chromedp.Click(chromedp.CSS(`form[action$="/envoi"] button`)))
		if got := textOf(p, chromedp.CSS("main")); !strings.Contains(got, "22 lignes lues, 20 valides") || !strings.Contains(got, "Âge impossible") {
			p.t.Errorf("report: %s", excerpt(got, "lignes lues"))
		}
		p.wantNoSidewaysScroll()
		p.do(chromedp.Click(chromedp.CSS(`form[action*="/envois/"] button`)), chromedp.WaitVisible(chromedp.CSS(`.flash`)))
		p.wantFlash("Chargement terminé : 20 nouvelles soumissions")
	})
	b.step(t, "entry", 30*time.Second, func(p *page) {
		p.do(chromedp.Navigate(p.url(formPath + "/saisie")))
		p.wantHeading("Saisir une soumission")
		p.wantNoSidewaysScroll()
		p.do(
			chromedp.Click(chromedp.CSS(`input[name="id/sex"][value="female"]`)),
			chromedp.SetValue(chromedp.ID("q-id-birth_date"), "1995-04-02"),
			chromedp.SendKeys(chromedp.ID("q-id-age"), "310"),
			chromedp.SetValue(chromedp.ID("q-id-birth_country"), "TGO"),
			chromedp.SetValue(chromedp.ID("q-id-citizenship"), "TGO"),
			chromedp.Click(chromedp.CSS(`input[name="lf/worked"][value="yes"]`)),
			chromedp.Click(chromedp.CSS(`input[name="mig/worked_abroad"][value="no"]`)),
		)
		if status := p.follow(formPath+"/saisie", chromedp.Click(chromedp.CSS(`form[action$="/saisie"] > button`))); status != 422 {
			p.t.Errorf("bad age: status %d", status)
		}
		if got := textOf(p, chromedp.ID("e-q-id-age")); !strings.Contains(got, "Âge impossible") {
			p.t.Errorf("error at the age = %q", got)
		}
		p.wantNoSidewaysScroll()
		p.do(chromedp.SetValue(chromedp.ID("q-id-age"), "31"))
		p.follow(formPath+"/saisie", chromedp.Click(chromedp.CSS(`form[action$="/saisie"] > button`)))
		p.wantFlash("Soumission enregistrée")
		p.shot("survey-entry.png")
	})
	// The loaded submissions feed the survey indicators, then the action plan's report.
	b.step(t, "indicator", 30*time.Second, func(p *page) {
		p.do(chromedp.Navigate(p.url("/statistiques")))
		p.follow("/statistiques/LM-S01", chromedp.Click(chromedp.Search(`//a[starts-with(normalize-space(), "LM-S01")]`)))
		// The year of six months ago holds at least half of the year of submissions the demo and
		// the upload date back from now (the current year holds none early in January).
		period := time.Now().AddDate(0, -6, 0).Format("2006")
		p.do(chromedp.SetValue(chromedp.ID("f-period"), period), chromedp.SetValue(chromedp.ID("f-by"), "sex"))
		p.follow("/statistiques/LM-S01", chromedp.Click(chromedp.CSS(`main form.filters button`)))
		total := textOf(p, chromedp.CSS("table.stats tr.total td"))
		if total == "—" || total == "" || total == "×" {
			p.t.Errorf("LM-S01 total = %q, want a value from the submissions", total)
		}
		if got := textOf(p, chromedp.CSS("table.stats")); !strings.Contains(got, "Femmes") {
			p.t.Errorf("LM-S01 by sex: %q", got)
		}
		p.wantNoSidewaysScroll()
		p.shot("survey-lm-s01.png")
	})
	b.step(t, "action-plan", 30*time.Second, func(p *page) {
		p.do(chromedp.Navigate(p.url("/statistiques")))
		p.follow("/statistiques/plan", chromedp.Click(chromedp.Search(`//main//a[normalize-space()="Plan d'action stratégique : cadre de résultats"]`)))
		p.wantHeading("Plan d'action stratégique : cadre de résultats")
		if got := textOf(p, chromedp.CSS("main")); !strings.Contains(got, "LM-F01") || !strings.Contains(got, "Valeur calculée") {
			p.t.Errorf("plan report: %s", excerpt(got, "OS1"))
		}
		p.shot("plan-report.png")
		// The download, fetched as the link would.
		kind, err := chromedp.Run(p.ctx, chromedp.Evaluate[string](`fetch(document.querySelector('a[href="/statistiques/plan.xlsx"]').href).then(r => r.status + " " + r.headers.get("Content-Type"))`, chromedp.EvalAwaitPromise))
		if err != nil || kind != "200 application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" {
			p.t.Errorf("plan download: %q %v", kind, err)
		}
	})
	// The statistician opens the page that edits the plan, and an objective's own form.
	b.step(t, "plan-edit", 20*time.Second, func(p *page) {
		p.follow("/statistiques/plan/modifier", chromedp.Click(chromedp.Search(`//main//a[normalize-space()="Modifier le plan"]`)))
		p.wantHeading("Modifier le plan")
		p.do(chromedp.Click(chromedp.Search(`(//main//details/summary)[1]`)))
		if got := valueOf(p, chromedp.Search(`(//main//details)[1]//input[@name="code"]`)); got != "OS1" {
			p.t.Errorf("the first objective's form holds the code %q, want OS1", got)
		}
		p.wantNoSidewaysScroll()
		p.shot("plan-edit.png")
	})
	b.checkConsole(t)
}
