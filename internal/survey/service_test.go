package survey

import (
	"bytes"
	"context"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/store/storetest"
)

func TestServiceImportLoadReimport(t *testing.T) {
	ctx := context.Background()
	db := storetest.Open(t, "sqlite")
	now := today
	svc := &Service{Store: db, Now: func() time.Time { return now }}
	staff := storetest.NewUser("stats@example.org", mobilite.RoleStatistician)
	if err := db.CreateUser(ctx, staff); err != nil {
		t.Fatal(err)
	}
	counsellor := storetest.NewUser("c@example.org", mobilite.RoleCounsellor)
	if err := db.CreateUser(ctx, counsellor); err != nil {
		t.Fatal(err)
	}
	model, _ := ModelForm()
	if _, _, err := svc.ImportForm(ctx, counsellor, "m.xlsx", model); mobilite.ErrorCode(err) != mobilite.EFORBIDDEN {
		t.Fatalf("counsellor import: %v", err)
	}
	// A form with errors stores nothing.
	bad := workbook(t, map[string][][]string{"survey": surveyRows([]string{"integr", "a"})})
	if _, rep, err := svc.ImportForm(ctx, staff, "bad.xlsx", bad); mobilite.ErrorCode(err) != mobilite.EINVALID || !rep.Fatal() {
		t.Fatalf("bad import: %v", err)
	}
	if forms, _ := db.FindSurveyForms(ctx); len(forms) != 0 {
		t.Fatalf("a bad form was stored: %+v", forms)
	}
	sf, _, err := svc.ImportForm(ctx, staff, "m.xlsx", model)
	if err != nil {
		t.Fatal(err)
	}

	var b bytes.Buffer
	if err := WriteSample(&b, 2500, 3, now); err != nil {
		t.Fatal(err)
	}
	up, rep, err := svc.PrepareUpload(ctx, staff, sf.ID, "export.csv", b.Bytes())
	if err != nil || rep.Valid != 2500 || rep.Rows != 2500 {
		t.Fatalf("prepare: %+v %v", rep, err)
	}
	var steps []int
	res, err := svc.ConfirmUpload(ctx, staff, up.ID, func(done, total int) { steps = append(steps, done) })
	if err != nil || res.New != 2500 || res.Known != 0 {
		t.Fatalf("confirm: %+v %v", res, err)
	}
	if len(steps) != 3 || steps[0] != 1000 || steps[2] != 2500 {
		t.Errorf("progress %v", steps)
	}
	if _, err := db.FindSurveyUpload(ctx, up.ID); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		t.Errorf("upload kept after the load: %v", err)
	}

	// A new version of the form (same form_id) keeps the submissions and the roles that still
	// name a question; the variables are extracted again.
	roles := ModelRoles()
	roles.Weight = "id/age" // nonsense, but it shows the re-extraction
	if err := svc.SetRoles(ctx, staff, sf.ID, roles); err != nil {
		t.Fatal(err)
	}
	recs, _ := db.FindSurveyRecords(ctx, sf.ID, time.Time{}, time.Time{})
	if len(recs) != 2500 || recs[0].Weight == nil || *recs[0].Weight < 15 {
		t.Fatalf("roles not applied: %d %+v", len(recs), recs[0])
	}
	v2, err := modelWorkbook("2026.2")
	if err != nil {
		t.Fatal(err)
	}
	sf2, _, err := svc.ImportForm(ctx, staff, "m2.xlsx", v2)
	if err != nil {
		t.Fatal(err)
	}
	got, _ := db.FindSurveyFormByID(ctx, sf.ID)
	if sf2.ID != sf.ID || got.Version != "2026.2" || got.Submissions != 2500 || got.Roles.Weight != "id/age" {
		t.Fatalf("new version: %+v", got)
	}
	if err := svc.SetRoles(ctx, staff, sf.ID, mobilite.SurveyRoles{Weight: "nowhere"}); mobilite.ErrorCode(err) != mobilite.EINVALID {
		t.Fatalf("role on a missing question: %v", err)
	}
}
