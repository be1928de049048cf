package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"mobilite"
)

func TestFlowsAndStatistics(t *testing.T) {
	s := startServer(t, "sqlite")
	ctx := context.Background()
	counsellor, err := s.DB.FindUserByLogin(ctx, "conseiller.lome@mobilite.example")
	if err != nil {
		t.Fatal(err)
	}
	staffToken, _, err := s.Accounts.CreateToken(ctx, counsellor, "flux")
	if err != nil {
		t.Fatal(err)
	}
	partnerToken, _, err := s.Accounts.CreateToken(ctx, s.demoUser(mobilite.RolePartner), "flux")
	if err != nil {
		t.Fatal(err)
	}
	staff := map[string]string{"Authorization": "Bearer " + staffToken, "Content-Type": "application/json"}
	partner := map[string]string{"Authorization": "Bearer " + partnerToken, "Content-Type": "application/json"}
	c := s.client()

	// A registered seeker of Lomé leaves; the person comes from the record.
	desk, _ := s.sessionAs("conseiller.lome@mobilite.example")
	form := registrationForm("Yao", "Amegan", "90 66 77 88")
	form.Set("region", "TG-M")
	form.Set("prefecture", "Golfe")
	if resp, _ := s.form(desk, "/conseiller/inscription", form); resp.StatusCode != 200 {
		t.Fatalf("registration: %d", resp.StatusCode)
	}
	sk, err := s.DB.FindSeekerByNumber(ctx, mustFind(t, s, "Amegan"))
	if err != nil {
		t.Fatal(err)
	}
	yesterday := time.Now().UTC().AddDate(0, 0, -1).Format("2006-01-02") // the server's dates are UTC
	body := `{"seeker_id": ` + itoa(sk.ID) + `, "date": "` + yesterday + `", "destination": "CI", "city": "Abidjan",
		"employer": "Clinique Sainte-Anne", "isic_section": "Q", "isco08": "5321", "channel": "public_agency",
		"contract_verified": true, "orientation_attended": true, "contract_months": 24,
		"planned_return": "` + time.Now().UTC().AddDate(2, 0, 0).Format("2006-01-02") + `", "worker_costs": 0, "first_monthly_wage": 250000, "currency": "XOF"}`
	resp, out := s.do(c, "POST", "/api/v1/flows/departures", strings.NewReader(body), staff)
	if resp.StatusCode != 201 || !strings.Contains(out, `"country":"CIV"`) || !strings.Contains(out, `"sex":"F"`) || !strings.Contains(out, `"region":"TG-M"`) {
		t.Fatalf("departure of a seeker: %d %s", resp.StatusCode, out)
	}
	var dep struct{ ID int64 }
	_ = json.Unmarshal([]byte(out), &dep)
	// A partner may not name a seeker; it describes the person.
	resp, out = s.do(c, "POST", "/api/v1/flows/departures", strings.NewReader(body), partner)
	if resp.StatusCode != 400 || !strings.Contains(out, `"field":"seeker_id"`) {
		t.Errorf("partner naming a seeker: %d %s", resp.StatusCode, out)
	}
	person := `{"person": {"given_name": "Kodjo", "family_name": "Afanou", "sex": "M", "birth_date": "1994-07-07",
		"nationality": "TGO", "region": "TG-P", "prefecture": "Ogou", "isced_level": 3, "national_id": "0123-4567-89"},
		"date": "` + yesterday + `", "destination": "Qatar", "channel": "private_agency", "agency_licence": "TG-AGR-0007",
		"isco08": "8322", "worker_costs": 450000, "first_monthly_wage": 1800, "currency": "qar"}`
	// Recorded, with a warning for the inspection: no licensed agency has that number.
	if resp, out := s.do(c, "POST", "/api/v1/flows/departures", strings.NewReader(person), partner); resp.StatusCode != 201 || !strings.Contains(out, `"country":"QAT"`) ||
		!strings.Contains(out, `"warnings":[{"field":"agency_licence","code":"flow.licence.unknown"}]`) {
		t.Fatalf("partner's departure: %d %s", resp.StatusCode, out)
	}
	if strings.Contains(body, "warnings") || strings.Contains(out, "warnings") { // the public agency's departure above
		t.Errorf("a departure through the public agency has warnings: %s", out)
	}
	// Bad input names the field; nothing is saved.
	before, _, _ := s.DB.FindDepartures(ctx, mobilite.FlowFilter{Limit: 1})
	_, nBefore, _ := s.DB.FindDepartures(ctx, mobilite.FlowFilter{})
	for _, tc := range []struct{ from, to, field string }{
		{`"date": "` + yesterday + `"`, `"date": "2099-01-01"`, "date"},
		{`"date": "` + yesterday + `"`, `"date": "31/12/2025"`, "date"},
		{`"Qatar"`, `"Togo"`, "destination"},
		{`"Qatar"`, `"Atlantis"`, "destination"},
		{`"agency_licence": "TG-AGR-0007",`, ``, "agency_licence"},
		{`"private_agency"`, `"smuggler"`, "channel"},
		{`"worker_costs": 450000`, `"worker_costs": -5`, "worker_costs"},
		{`"currency": "qar"`, `"currency": "rials"`, "currency"},
		{`"1994-07-07"`, `"1776-07-04"`, "person.birth_date"},
		{`"sex": "M"`, `"sex": "X"`, "person.sex"},
		{`"prefecture": "Ogou"`, `"prefecture": "Kozah"`, "person.prefecture"},
		{`"isco08": "8322"`, `"isco08": "83229"`, "isco08"},
	} {
		resp, out := s.do(c, "POST", "/api/v1/flows/departures", strings.NewReader(strings.Replace(person, tc.from, tc.to, 1)), partner)
		if resp.StatusCode != 400 || !strings.Contains(out, `"field":"`+tc.field+`"`) && !strings.Contains(out, `"`+tc.field+`"`) {
			t.Errorf("%s → %s: %d %s", tc.from, tc.to, resp.StatusCode, out)
		}
	}
	if _, n, _ := s.DB.FindDepartures(ctx, mobilite.FlowFilter{}); n != nBefore || len(before) == 0 {
		t.Errorf("bad input saved departures: %d → %d", nBefore, n)
	}
	// The return names its departure: the same person, and the country by default.
	ret := `{"departure_id": ` + itoa(dep.ID) + `, "date": "` + time.Now().UTC().Format("2006-01-02") + `", "return_type": "voluntary_early"}`
	resp, out = s.do(c, "POST", "/api/v1/flows/returns", strings.NewReader(ret), staff)
	if resp.StatusCode != 201 || !strings.Contains(out, `"country":"CIV"`) || !strings.Contains(out, `"sex":"F"`) {
		t.Fatalf("return: %d %s", resp.StatusCode, out)
	}
	r0, _, _ := s.DB.FindReturns(ctx, mobilite.FlowFilter{Limit: 1})
	d0, _ := s.DB.FindDeparture(ctx, dep.ID)
	if len(r0) == 0 || r0[0].Key != d0.Key || r0[0].DepartureID != dep.ID {
		t.Errorf("the return is not the departure's person: %+v", r0)
	}
	if resp, _ := s.do(c, "POST", "/api/v1/flows/returns", strings.NewReader(strings.Replace(ret, "voluntary_early", "teleported", 1)), staff); resp.StatusCode != 400 {
		t.Errorf("bad return type: %d", resp.StatusCode)
	}

	// The counsellor's form: errors at the fields, then saved and listed.
	bad := url.Values{"seeker": {"TG-2026-999999-0"}, "date": {"demain"}, "destination": {"CIV"}, "channel": {"public_agency"}}
	resp, page := s.form(desk, "/conseiller/flux/depart", bad)
	if resp.StatusCode != 422 || !strings.Contains(page, "Aucun demandeur avec ce numéro") || !strings.Contains(page, "AAAA-MM-JJ") {
		t.Fatalf("bad departure form: %d", resp.StatusCode)
	}
	good := url.Values{"seeker": {sk.Number}, "date": {yesterday}, "destination": {"FRA"}, "channel": {"bilateral"}, "isco08": {"5321 — Aides-soignants"}}
	if resp, _ := s.form(desk, "/conseiller/flux/depart", good); resp.StatusCode != 303 {
		t.Fatalf("departure form: %d", resp.StatusCode)
	}
	if resp, page := s.do(desk, "GET", "/conseiller/flux", nil, nil); resp.StatusCode != 200 || !strings.Contains(page, "FRA") ||
		strings.Contains(page, "inspection du travail") {
		t.Fatalf("flows page: %d", resp.StatusCode)
	}
	// Through an agency whose licence was revoked (demo register): saved, and the counsellor is told.
	revoked := url.Values{"seeker": {sk.Number}, "date": {yesterday}, "destination": {"QAT"}, "channel": {"private_agency"},
		"agency_licence": {"TG-AGR-2020-002"}}
	if resp, _ := s.form(desk, "/conseiller/flux/depart", revoked); resp.StatusCode != 303 {
		t.Fatalf("departure through a revoked agency: %d", resp.StatusCode)
	}
	if _, page := s.do(desk, "GET", "/conseiller/flux", nil, nil); !strings.Contains(page, "informez-en l'inspection du travail") {
		t.Errorf("no warning about the revoked agency")
	}

	// Statistics: the catalogue computes on the demo data, suppressed for the public.
	year := yesterday[:4] // the year of the departure recorded above, also on 1 January
	resp, out = s.do(c, "GET", "/api/v1/stats/indicators", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(out, `"id":"LM-F01"`) || !strings.Contains(out, `"id":"LM-O01"`) {
		t.Fatalf("catalogue: %d", resp.StatusCode)
	}
	resp, out = s.do(c, "GET", "/api/v1/stats/indicators/LM-F01?period="+year+"&by=sex,destination", nil, nil)
	var got struct {
		Table struct {
			Rule  string `json:"rule"`
			Cells []struct {
				Codes  []string `json:"codes"`
				Value  *float64 `json:"value"`
				Status string   `json:"status"`
			} `json:"cells"`
		} `json:"table"`
	}
	if err := json.Unmarshal([]byte(out), &got); err != nil || resp.StatusCode != 200 || len(got.Table.Cells) < 6 {
		t.Fatalf("LM-F01 by sex and destination: %d %s", resp.StatusCode, out)
	}
	suppressed := 0
	for _, cell := range got.Table.Cells {
		if cell.Status == "suppressed" {
			suppressed++
			if cell.Value != nil {
				t.Errorf("a suppressed cell has a value: %+v", cell)
			}
		}
	}
	if suppressed == 0 || got.Table.Rule == "" {
		t.Errorf("no small cell suppressed on the demo data (%d cells, rule %q)", len(got.Table.Cells), got.Table.Rule)
	}
	// A statistician sees every value.
	statToken, _, err := s.Accounts.CreateToken(ctx, s.demoUser(mobilite.RoleStatistician), "stats")
	if err != nil {
		t.Fatal(err)
	}
	_, out = s.do(c, "GET", "/api/v1/stats/indicators/LM-F01?period="+year+"&by=sex,destination", nil, map[string]string{"Authorization": "Bearer " + statToken})
	if strings.Contains(out, `"suppressed"`) {
		t.Error("a statistician gets suppressed cells")
	}
	// SDMX-CSV in the ILO's shape.
	resp, out = s.do(c, "GET", "/api/v1/stats/indicators/LM-F01/export?format=sdmx-csv&period="+year+"&by=sex,destination", nil, nil)
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if resp.StatusCode != 200 || lines[0] != "DATAFLOW,REF_AREA,FREQ,MEASURE,SEX,CDS,TIME_PERIOD,OBS_VALUE,OBS_STATUS,UNIT_MEASURE,UNIT_MULT,SOURCE" {
		t.Fatalf("SDMX header: %d %q", resp.StatusCode, lines[0])
	}
	if !strings.HasPrefix(lines[1], "ILO:DF_MNA_OEMP_SEX_CDS_NB(1.0),TGO,A,MNA_OEMP_NB,SEX_") || !strings.Contains(out, ",,Q,PS,0,XA") ||
		!strings.Contains(out, ",CDS_DES_CIV,"+year+",") {
		t.Errorf("SDMX rows: %s", strings.Join(lines[:min(4, len(lines))], "\n"))
	}
	resp, out = s.do(c, "GET", "/api/v1/stats/indicators/LM-F01/export?format=sdmx-csv&period=2025-01-01/2025-03-31", nil, nil)
	if resp.StatusCode != 400 {
		t.Errorf("SDMX of a custom range: %d %s", resp.StatusCode, out)
	}
	// The public pages.
	resp, page = s.do(c, "GET", "/statistiques", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "LM-F01") || !strings.Contains(page, "LM-P04") {
		t.Fatalf("statistics page: %d", resp.StatusCode)
	}
	resp, page = s.do(c, "GET", "/statistiques/LM-F01?period="+year+"&by=sex&by2=destination", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "Côte d’Ivoire") || !strings.Contains(page, "Femmes") || !strings.Contains(page, "<svg") ||
		!strings.Contains(page, "masqués") {
		t.Fatalf("indicator page: %d", resp.StatusCode)
	}
	for _, q := range []string{"period=2025Q7", "period=" + year + "&by=colour", "period=" + year + "&by=sex&by2=sex"} {
		if resp, page := s.do(c, "GET", "/statistiques/LM-F01?"+q, nil, nil); resp.StatusCode != 422 || !strings.Contains(page, `class="error"`) {
			t.Errorf("%s: %d", q, resp.StatusCode)
		}
	}
	if resp, _ := s.do(c, "GET", "/statistiques/LM-Z99", nil, nil); resp.StatusCode != 404 {
		t.Errorf("unknown indicator: %d", resp.StatusCode)
	}
	resp, out = s.do(c, "GET", "/statistiques/LM-F03/export?format=csv&period="+year+"&by=sex", nil, nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(out, "\ufeff") {
		t.Errorf("CSV export: %d %q", resp.StatusCode, out[:min(40, len(out))])
	}
	// The registers of complaints and licences (demo data) feed LM-P01 to LM-P04.
	if resp, page := s.do(c, "GET", "/statistiques/LM-P01?period="+year+"&by=category", nil, nil); resp.StatusCode != 200 ||
		!strings.Contains(page, "Frais de recrutement facturés au travailleur") || strings.Contains(page, "Pas de données") {
		t.Errorf("LM-P01: %d", resp.StatusCode)
	}
	// A rate over nobody: no data, said plainly, not an error.
	if resp, page := s.do(c, "GET", "/statistiques/LM-F03?period=1990&by=sex", nil, nil); resp.StatusCode != 200 || !strings.Contains(page, "Pas de données pour cette période") {
		t.Errorf("LM-F03 in 1990: %d", resp.StatusCode)
	}
}

func TestActionPlan(t *testing.T) {
	s := startServer(t, "sqlite")
	c := s.client()
	resp, page := s.do(c, "GET", "/statistiques/plan", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "OS1") || !strings.Contains(page, "Valeur calculée") || !strings.Contains(page, "En retard") {
		t.Fatalf("plan report: %d", resp.StatusCode)
	}
	resp, out := s.do(c, "GET", "/statistiques/plan.xlsx", nil, nil)
	f, err := excelize.OpenReader(strings.NewReader(out))
	if resp.StatusCode != 200 || err != nil {
		t.Fatalf("plan workbook: %d %v", resp.StatusCode, err)
	}
	rows, _ := f.GetRows(f.GetSheetName(0))
	if len(rows) < 10 || rows[0][0] != "Objectif" || !strings.HasPrefix(rows[1][1], "LM-F01") {
		t.Fatalf("plan rows: %d %v", len(rows), rows[:min(2, len(rows))])
	}
	// A statistician adds an objective and a line; bad targets are refused at the field.
	stat, _ := s.sessionAs("statistiques@mobilite.example")
	if resp, page := s.form(stat, "/statistiques/plan/objectifs", url.Values{"code": {"OS1"}, "title_fr": {"Doublon"}}); resp.StatusCode != 422 || !strings.Contains(page, "déjà pris") {
		t.Errorf("objective code taken: %d", resp.StatusCode)
	}
	if resp, _ := s.form(stat, "/statistiques/plan/objectifs", url.Values{"code": {"OS4"}, "title_fr": {"Mieux informer la diaspora"}}); resp.StatusCode != 303 {
		t.Fatalf("objective: %d", resp.StatusCode)
	}
	plan, _ := s.DB.FindPlan(context.Background())
	os4 := plan[len(plan)-1]
	if os4.Code != "OS4" {
		t.Fatalf("the new objective is not last: %s", os4.Code)
	}
	line := url.Values{"objective_id": {itoa(os4.ID)}, "indicator_id": {"LM-J02"}, "baseline": {"1 200"}, "baseline_year": {"2024"},
		"targets": {"2026=1500; 2027 : 2000"}, "verification": {"Registre des demandeurs"}}
	bad := url.Values{}
	for k, v := range line {
		bad[k] = v
	}
	bad.Set("targets", "deux mille")
	if resp, page := s.form(stat, "/statistiques/plan/lignes", bad); resp.StatusCode != 422 || !strings.Contains(page, "année=valeur") {
		t.Errorf("bad targets: %d", resp.StatusCode)
	}
	if resp, _ := s.form(stat, "/statistiques/plan/lignes", line); resp.StatusCode != 303 {
		t.Fatalf("line: %d", resp.StatusCode)
	}
	if resp, _ := s.form(stat, "/statistiques/plan/lignes", line); resp.StatusCode != 422 {
		t.Errorf("the same indicator twice: %d", resp.StatusCode)
	}
	plan, _ = s.DB.FindPlan(context.Background())
	got := plan[len(plan)-1].Lines
	if len(got) != 1 || got[0].Targets[2027] != 2000 || *got[0].BaselineValue != 1200 {
		t.Fatalf("saved line: %+v", got)
	}
	if resp, _ := s.form(s.sessionFor(mobilite.RoleCounsellor), "/statistiques/plan/lignes", line); resp.StatusCode != 403 {
		t.Errorf("a counsellor edits the plan: %d", resp.StatusCode)
	}

	// The objective is renamed (a typo) and keeps its place; an objective with lines cannot be
	// deleted, a bad change is refused in its own form; without its lines, it goes.
	obj := "/statistiques/plan/objectifs/" + itoa(os4.ID)
	if resp, _ := s.form(stat, obj, url.Values{"code": {"OS4"}, "title_fr": {"Mieux informer la diaspora togolaise"}, "position": {itoa(int64(os4.Position))}}); resp.StatusCode != 303 {
		t.Fatalf("rename: %d", resp.StatusCode)
	}
	if resp, page := s.form(stat, obj, url.Values{"code": {""}, "title_fr": {"x"}}); resp.StatusCode != 422 ||
		!strings.Contains(page, `id="o`+itoa(os4.ID)+`-code" name="code" type="text" required value=""`) || !strings.Contains(page, "<details open>") {
		t.Errorf("bad change: %d %s", resp.StatusCode, excerpt(page, "error"))
	}
	if resp, page := s.form(stat, obj+"/supprimer", nil); resp.StatusCode != 422 || !strings.Contains(page, "retirez d'abord ses lignes") {
		t.Errorf("delete with lines: %d %s", resp.StatusCode, excerpt(page, "lignes"))
	}
	plan, _ = s.DB.FindPlan(context.Background())
	if last := plan[len(plan)-1]; last.ID != os4.ID || last.TitleFR != "Mieux informer la diaspora togolaise" || len(last.Lines) != 1 {
		t.Fatalf("after the rename: %+v", last)
	}
	if resp, _ := s.form(stat, "/statistiques/plan/lignes/"+itoa(plan[len(plan)-1].Lines[0].ID)+"/supprimer", nil); resp.StatusCode != 303 {
		t.Fatalf("remove the line: %d", resp.StatusCode)
	}
	if resp, _ := s.form(s.sessionFor(mobilite.RoleCounsellor), obj+"/supprimer", nil); resp.StatusCode != 403 {
		t.Errorf("a counsellor deletes an objective: %d", resp.StatusCode)
	}
	if resp, _ := s.form(stat, obj+"/supprimer", nil); resp.StatusCode != 303 {
		t.Fatalf("delete: %d", resp.StatusCode)
	}
	if plan, _ = s.DB.FindPlan(context.Background()); plan[len(plan)-1].ID == os4.ID {
		t.Error("the objective is still there")
	}
	if resp, _ := s.form(stat, obj+"/supprimer", nil); resp.StatusCode != 404 {
		t.Errorf("delete twice: %d", resp.StatusCode)
	}
	if _, page := s.do(s.sessionFor(mobilite.RoleAdmin), "GET", "/admin/journal", nil, nil); !strings.Contains(page, "suppression d'un objectif du plan d'action") {
		t.Error("the deletion is not in the audit log")
	}

	// Aggregate figures: a file with a bad line is reported and loads nothing; a form without a
	// file, and a file over the site's limit, get clear answers; the grid saves typed values.
	agg := "dataElement,period,orgUnit,categoryOptionCombo,value\nnationals_abroad,2025,SEN,SEX_F,120\nnationals_abroad,2025,SEN,SEX_F,douze\n"
	if resp, page := s.uploadWith(stat, "/donnees-agregees", "valeurs.csv", []byte(agg), nil); resp.StatusCode != 422 || !strings.Contains(page, "Ligne 3 (value)") ||
		!strings.Contains(page, "0 valeur chargée") {
		t.Errorf("aggregate file with a bad line: %d %s", resp.StatusCode, excerpt(page, "Ligne"))
	}
	if resp, page := s.form(stat, "/donnees-agregees", url.Values{}); resp.StatusCode != 422 || !strings.Contains(page, "Choisissez un fichier CSV") {
		t.Errorf("aggregate import without a file: %d", resp.StatusCode)
	}
	if resp, _ := s.uploadWith(stat, "/donnees-agregees", "gros.csv", bytes.Repeat([]byte("x"), 11<<20), nil); resp.StatusCode != 413 {
		t.Errorf("aggregate file of 2 MB: %d", resp.StatusCode)
	}
	resp, page = s.form(stat, "/donnees-agregees/nationals_abroad", url.Values{"period": {"2025"}, "org_unit": {"Sénégal"}, "v_SEX_M": {"130"}, "v_SEX_F": {"-1"}})
	if resp.StatusCode != 422 || !strings.Contains(page, "nombre entier positif") {
		t.Errorf("bad typed value: %d", resp.StatusCode)
	}
	if resp, _ := s.form(stat, "/donnees-agregees/nationals_abroad", url.Values{"period": {"2025"}, "org_unit": {"Sénégal"}, "v_SEX_M": {"130"}, "v_SEX_F": {"125"}}); resp.StatusCode != 303 {
		t.Errorf("typed values: %d", resp.StatusCode)
	}

	// A statistician adds an indicator: a wrong variable is refused, a right one computes.
	ind := url.Values{"id": {"TG-F10"}, "level": {"output"}, "unit": {"percent"}, "name_fr": {"Départs vers le Golfe"},
		"name_en": {"Departures to the Gulf"}, "numerator": {"departures.persons[purpose=work; destination=QAT|SAU|ARE; colour=red]"},
		"denominator": {"departures.persons[purpose=work]"}, "by": {"sex", "region"}}
	if resp, page := s.form(stat, "/statistiques/indicateurs", ind); resp.StatusCode != 422 || !strings.Contains(page, "n'existe pas") {
		t.Errorf("indicator with an unknown variable: %d", resp.StatusCode)
	}
	ind.Set("numerator", "departures.persons[purpose=work; destination=QAT|SAU|ARE]")
	if resp, _ := s.form(stat, "/statistiques/indicateurs", ind); resp.StatusCode != 303 {
		t.Fatalf("indicator: %d", resp.StatusCode)
	}
	if resp, page := s.do(c, "GET", "/statistiques/TG-F10?by=sex", nil, nil); resp.StatusCode != 200 || !strings.Contains(page, "Départs vers le Golfe") || !strings.Contains(page, "Femmes") {
		t.Errorf("the new indicator's page: %d", resp.StatusCode)
	}
	if resp, _ := s.form(stat, "/statistiques/indicateurs", ind); resp.StatusCode != 422 {
		t.Errorf("the same id twice: %d", resp.StatusCode)
	}
}

// mustFind returns the registration number of the seeker with this family name.
func mustFind(t *testing.T, s *testServer, family string) string {
	t.Helper()
	list, _, err := s.DB.FindSeekers(context.Background(), mobilite.SeekerFilter{Query: strings.ToLower(family)})
	if err != nil || len(list) == 0 {
		t.Fatalf("no seeker %s: %v", family, err)
	}
	return list[0].Number
}

// uploadWith posts a file and form fields as multipart.
func (s *testServer) uploadWith(c *http.Client, path, name string, data []byte, fields url.Values) (*http.Response, string) {
	s.t.Helper()
	var b bytes.Buffer
	mw := multipart.NewWriter(&b)
	for k, vs := range fields {
		for _, v := range vs {
			_ = mw.WriteField(k, v)
		}
	}
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		s.t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	return s.do(c, "POST", path, &b, map[string]string{"Content-Type": mw.FormDataContentType()})
}

func TestFlowsUpload(t *testing.T) {
	s := startServer(t, "sqlite")
	ctx := context.Background()
	partner := s.sessionFor(mobilite.RolePartner)
	base, _ := url.Parse(s.URL)
	partner.Jar.SetCookies(base, []*http.Cookie{{Name: "lang", Value: "fr", Path: "/"}}) // the demo partner reads English
	_, before, _ := s.DB.FindDepartures(ctx, mobilite.FlowFilter{})

	// The template itself loads: one departure.
	resp, tpl := s.do(partner, "GET", "/flux/modele.csv", nil, nil)
	if resp.StatusCode != 200 || !strings.HasPrefix(tpl, "\ufeffseeker;given_name") {
		t.Fatalf("template: %d %q", resp.StatusCode, tpl[:min(40, len(tpl))])
	}
	resp, page := s.uploadWith(partner, "/flux/import", "modele.csv", []byte(tpl), nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "1 ligne lue, 1 valide, 1 chargée") {
		t.Fatalf("template upload: %d %s", resp.StatusCode, excerpt(page, "lignes lues"))
	}
	// Bad lines are reported at their line and field; nothing loads until asked.
	file := "date,destination,channel,sex,nationality,given_name,family_name,birth_date,agency_licence,seeker\n" +
		"2025-02-01,CIV,individual,M,TGO,Kossi,Agbo,1990-01-01,,\n" +
		"2099-02-01,CIV,individual,M,TGO,Yao,Agbo,1990-01-01,,\n" +
		"2025-02-01,Atlantis,private_agency,F,TGO,Afi,Agbo,1990-01-01,,\n" +
		"2025-02-01,FRA,individual,F,TGO,Ama,Agbo,1990-01-01,,TG-2026-000001-5\n"
	resp, page = s.uploadWith(partner, "/flux/import", "departs.csv", []byte(file), nil)
	if resp.StatusCode != 422 || !strings.Contains(page, "4 lignes lues, 1 valide, 0 chargée") || !strings.Contains(page, "Ligne 3 (date)") ||
		!strings.Contains(page, "Ligne 4 (destination)") || !strings.Contains(page, "Ligne 4 (agency_licence)") || !strings.Contains(page, "Ligne 5 (seeker_id)") {
		t.Fatalf("bad lines: %d %s", resp.StatusCode, excerpt(page, "lignes lues"))
	}
	if _, n, _ := s.DB.FindDepartures(ctx, mobilite.FlowFilter{}); n != before+1 {
		t.Fatalf("a file with errors loaded departures: %d → %d", before+1, n)
	}
	resp, page = s.uploadWith(partner, "/flux/import", "departs.csv", []byte(file), url.Values{"load_valid": {"1"}})
	if !strings.Contains(page, "1 chargée.") {
		t.Fatalf("valid lines: %d %s", resp.StatusCode, excerpt(page, "lignes lues"))
	}
	// Departures through agencies whose licence was not valid on the date are recorded and
	// reported for the inspection; a valid licence is not.
	// The demo's licences are dated back from now: last month, Atlantique's was revoked (37
	// months ago) and Horizon's valid (40 months ago, for 60).
	lastMonth := time.Now().UTC().AddDate(0, -1, 0).Format("2006-01-02")
	lic := "date,destination,channel,agency_licence,sex,nationality,given_name,family_name,birth_date\n" +
		lastMonth + ",QAT,private_agency,TG-AGR-2020-002,M,TGO,Kodjo,Lawson,1994-02-02\n" + // revoked in the demo register
		lastMonth + ",QAT,private_agency,TG-AGR-1999-999,M,TGO,Komla,Lawson,1995-03-03\n" + // in no register
		lastMonth + ",QAT,private_agency,TG-AGR-2022-011,F,TGO,Akossiwa,Lawson,1996-04-04\n" // valid
	resp, page = s.uploadWith(partner, "/flux/import", "agences.csv", []byte(lic), nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "3 lignes lues, 3 valides, 3 chargées") ||
		!strings.Contains(page, "Ligne 2 (agency_licence)\u00a0: l'agrément de l'agence n'était pas valide") ||
		!strings.Contains(page, "Ligne 3 (agency_licence)\u00a0: aucune agence agréée") || strings.Contains(page, "Ligne 4 (agency_licence)") {
		t.Fatalf("licences: %d %s", resp.StatusCode, excerpt(page, "inspection"))
	}
	// The inspection sees them without being told: the revoked and the unknown licence, not the
	// valid one.
	inspector := s.sessionFor(mobilite.RoleInspector)
	resp, page = s.do(inspector, "GET", "/inspection/departs", nil, nil)
	if resp.StatusCode != 200 || !strings.Contains(page, "TG-AGR-2020-002") || !strings.Contains(page, "Atlantique Placement") ||
		!strings.Contains(page, "TG-AGR-1999-999") || !strings.Contains(page, "Inconnue du registre") || strings.Contains(page, "TG-AGR-2022-011") {
		t.Errorf("flagged departures: %d %s", resp.StatusCode, excerpt(page, "TG-AGR"))
	}
	if resp, page := s.do(inspector, "GET", "/inspection/departs?from=2020-13-01&to="+lastMonth, nil, nil); resp.StatusCode != 422 ||
		!strings.Contains(page, "Date invalide") || !strings.Contains(page, "TG-AGR-2020-002") {
		t.Errorf("flagged departures with a bad date: %d %s", resp.StatusCode, excerpt(page, "Date"))
	}
	if _, page := s.do(inspector, "GET", "/inspection/departs?from=2020-01-01&to=2020-12-31", nil, nil); strings.Contains(page, "TG-AGR-2020-002") {
		t.Error("a flagged departure outside the period")
	}
	// A large file (20,000 lines, 1.3 MB: above the site's usual 1 MB) is read whole.
	var big strings.Builder
	big.WriteString("date,destination,channel,sex,nationality,given_name,family_name,birth_date\n")
	for i := range 20000 {
		fmt.Fprintf(&big, "2025-03-01,SEN,individual,F,TGO,Afi%d,Mensah,1992-04-05\n", i)
	}
	big.WriteString("2099-03-01,SEN,individual,F,TGO,Late,Mensah,1992-04-05\n")
	if resp, page := s.uploadWith(partner, "/flux/import", "gros.csv", []byte(big.String()), nil); resp.StatusCode != 422 ||
		!strings.Contains(page, "20\u202f001 lignes lues, 20\u202f000 valides, 0 chargée") {
		t.Fatalf("a large file: %d (%d bytes) %s", resp.StatusCode, big.Len(), excerpt(page, "lignes lues"))
	}
	// A file saved by a French spreadsheet (Windows-1252, ";").
	latin := []byte("date;destination;channel;sex;nationality;given_name;family_name;birth_date\n2025-03-03;C\xf4te d'Ivoire;individual;F;TGO;Ad\xe9la\xefde;Ek\xe9;1995-05-05\n")
	if resp, page := s.uploadWith(partner, "/flux/import", "excel.csv", latin, nil); resp.StatusCode != 200 || !strings.Contains(page, "1 chargée.") {
		t.Fatalf("Windows-1252 file: %d %s", resp.StatusCode, excerpt(page, "lignes lues"))
	}
	if _, n, _ := s.DB.FindDepartures(ctx, mobilite.FlowFilter{}); n != before+6 { // template 1, valid line 1, licences 3, Excel 1
		t.Errorf("departures after the uploads: %d, want %d", n, before+6)
	}
	// An XLSX workbook, and a broken one.
	wb := excelize.NewFile()
	rows := [][]any{{"date", "destination", "channel", "sex", "nationality", "national_id"}, {"2025-04-04", "SEN", "bilateral", "M", "TGO", "12-34"}}
	for i, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		_ = wb.SetSheetRow(wb.GetSheetName(0), cell, &row)
	}
	var xb bytes.Buffer
	_ = wb.Write(&xb)
	if resp, page := s.uploadWith(partner, "/flux/import", "departs.xlsx", xb.Bytes(), nil); resp.StatusCode != 200 || !strings.Contains(page, "1 chargée.") {
		t.Errorf("XLSX file: %d %s", resp.StatusCode, excerpt(page, "lignes lues"))
	}
	if resp, page := s.uploadWith(partner, "/flux/import", "casse.xlsx", []byte("PK\x03\x04 broken"), nil); resp.StatusCode != 422 || !strings.Contains(page, "illisible") {
		t.Errorf("broken XLSX: %d %s", resp.StatusCode, excerpt(page, "Ligne"))
	}
	// Returns: the template, and a return naming one of the partner's departures.
	_, rtpl := s.do(partner, "GET", "/flux/modele-retours.csv", nil, nil)
	if resp, page := s.uploadWith(partner, "/flux/import", "retours.csv", []byte(rtpl), url.Values{"kind": {"returns"}}); resp.StatusCode != 200 || !strings.Contains(page, "1 chargée.") {
		t.Fatalf("returns template: %d %s", resp.StatusCode, excerpt(page, "lignes lues"))
	}
	// The partner's departures of 2025 (the demo adds about one a day: the newest 500 would
	// leave them out within a few months).
	deps, _, _ := s.DB.FindDepartures(ctx, mobilite.FlowFilter{From: time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC),
		To: time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC), Limit: 500})
	var mine int64
	for _, d := range deps {
		if d.RecordedBy == s.demoUser(mobilite.RolePartner).ID {
			mine = d.ID
		}
	}
	rfile := "departure_id;date;return_type\n" + itoa(mine) + ";2025-12-01;end_of_contract\n999999;2025-12-01;end_of_contract\n"
	if resp, page := s.uploadWith(partner, "/flux/import", "retours.csv", []byte(rfile), url.Values{"kind": {"returns"}}); resp.StatusCode != 422 ||
		!strings.Contains(page, "2 lignes lues, 1 valide, 0 chargée") || !strings.Contains(page, "Ligne 3 (departure_id)") {
		t.Fatalf("returns file: %d %s", resp.StatusCode, excerpt(page, "lignes lues"))
	}
	if resp, _ := s.uploadWith(s.sessionFor(mobilite.RoleSeeker), "/flux/import", "x.csv", []byte(file), nil); resp.StatusCode != 403 {
		t.Errorf("a seeker uploads departures: %d", resp.StatusCode)
	}
}
