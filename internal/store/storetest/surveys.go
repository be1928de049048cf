package storetest

import (
	"bytes"
	"fmt"
	"testing"
	"time"

	"mobilite"
)

func ptr[T any](v T) *T { return &v }

func testSurveys(t *testing.T, s mobilite.Store) {
	u := NewUser("stat@example.org", mobilite.RoleStatistician)
	must(t, s.CreateUser(ctx, u))
	roles := mobilite.SurveyRoles{Sex: "id/sex", SexValues: map[string]string{"h": "M", "f": "F"}, LFStatus: "lf", Home: "TGO",
		LFValues: map[string]string{"1": mobilite.LFEmployed, "2": mobilite.LFUnemployed}}
	f := &mobilite.SurveyForm{Key: "enquete_retour", Title: "Enquête retour", Version: "1", Definition: `{"id":"enquete_retour"}`,
		Roles: roles, CreatedBy: u.ID, CreatedAt: t0, UpdatedAt: t0}
	must(t, s.CreateSurveyForm(ctx, f))
	if f.ID == 0 {
		t.Fatal("no id")
	}
	wantCode(t, s.CreateSurveyForm(ctx, &mobilite.SurveyForm{Key: "enquete_retour", Title: "x", Definition: "{}", CreatedAt: t0, UpdatedAt: t0}),
		mobilite.ECONFLICT)
	got, err := s.FindSurveyFormByKey(ctx, "enquete_retour")
	must(t, err)
	if got.ID != f.ID || got.Title != f.Title || got.Roles.LFValues["2"] != mobilite.LFUnemployed || got.Roles.SexValues["f"] != "F" ||
		got.CreatedBy != u.ID || !got.CreatedAt.Equal(t0) || got.Definition != f.Definition {
		t.Fatalf("round trip: %+v", got)
	}
	_, err = s.FindSurveyFormByID(ctx, f.ID+100)
	wantCode(t, err, mobilite.ENOTFOUND)

	// Submissions: a batch larger than one statement, typed variables with NULLs, a re-load of
	// the same uuids that inserts nothing and changes nothing.
	at := t0.Truncate(time.Second)
	batch := make([]*mobilite.SurveySubmission, 450)
	for i := range batch {
		rec := mobilite.SurveyRecord{Sex: "F", Age: ptr(20 + i%40), BornAbroad: ptr(i%3 == 0), LFStatus: mobilite.LFEmployed,
			Weight: ptr(1.5), WorkedAbroad: ptr(i%2 == 0), LastCountry: "FRA", YearsSinceReturn: ptr(2.25), Costs: ptr(1000.5), Earnings: ptr(2e5)}
		if i == 0 {
			rec = mobilite.SurveyRecord{} // every variable unknown
		}
		batch[i] = &mobilite.SurveySubmission{FormID: f.ID, UUID: fmt.Sprintf("uuid-%03d", i), SubmittedAt: at.Add(time.Duration(i) * time.Hour),
			UploadedBy: u.ID, CreatedAt: at, Answers: []byte(fmt.Sprintf(`{"id/sex":"f","n":"%d","t":"é \"q\""}`, i)), Record: rec}
	}
	n, err := s.InsertSurveySubmissions(ctx, batch)
	must(t, err)
	if n != 450 {
		t.Fatalf("inserted %d", n)
	}
	again := []*mobilite.SurveySubmission{batch[3], batch[4], {FormID: f.ID, UUID: "uuid-new", SubmittedAt: at, CreatedAt: at, Answers: []byte(`{}`)}}
	again[0] = &mobilite.SurveySubmission{FormID: f.ID, UUID: batch[3].UUID, SubmittedAt: at, CreatedAt: at, Answers: []byte(`{"changed":"1"}`)}
	n, err = s.InsertSurveySubmissions(ctx, again)
	must(t, err)
	if n != 1 {
		t.Fatalf("re-load inserted %d, want 1 (the new uuid)", n)
	}
	forms, err := s.FindSurveyForms(ctx)
	must(t, err)
	if len(forms) != 1 || forms[0].Submissions != 451 {
		t.Fatalf("forms: %+v", forms)
	}

	subs, err := s.FindSurveySubmissions(ctx, f.ID, 0, 5)
	must(t, err)
	if len(subs) != 5 || subs[0].UUID != "uuid-000" || !bytes.Equal(subs[0].Answers, batch[0].Answers) || !subs[0].SubmittedAt.Equal(at) ||
		subs[3].UUID != "uuid-003" || string(subs[3].Answers) != string(batch[3].Answers) {
		t.Fatalf("submissions: %+v", subs[:4])
	}
	rest, err := s.FindSurveySubmissions(ctx, f.ID, subs[4].ID, 1000)
	must(t, err)
	if len(rest) != 446 {
		t.Fatalf("after: %d", len(rest))
	}

	recs, err := s.FindSurveyRecords(ctx, f.ID, at, at.Add(10*time.Hour))
	must(t, err)
	if len(recs) != 11 { // hours 0..9 of the batch and the new one at hour 0
		t.Fatalf("records in range: %d", len(recs))
	}
	var first, second *mobilite.SurveyRecord
	for _, r := range recs {
		switch r.SubmissionID {
		case subs[0].ID:
			first = r
		case subs[1].ID:
			second = r
		}
	}
	if first == nil || first.Age != nil || first.Sex != "" || first.BornAbroad != nil || first.Weight != nil || first.LastCountry != "" {
		t.Fatalf("nulls: %+v", first)
	}
	if second == nil || *second.Age != 21 || second.Sex != "F" || *second.BornAbroad || *second.WorkedAbroad ||
		*second.Weight != 1.5 || *second.YearsSinceReturn != 2.25 || *second.Costs != 1000.5 || *second.Earnings != 2e5 ||
		second.LFStatus != mobilite.LFEmployed || !second.SubmittedAt.Equal(at.Add(time.Hour)) {
		t.Fatalf("typed: %+v", second)
	}
	all, err := s.FindSurveyRecords(ctx, f.ID, time.Time{}, time.Time{})
	must(t, err)
	if len(all) != 451 {
		t.Fatalf("all records: %d", len(all))
	}

	// Re-extraction rewrites the variables, in a transaction that can roll back.
	second.Sex, second.Age, second.LFStatus = "M", nil, mobilite.LFOutside
	must(t, s.UpdateSurveyRecords(ctx, []*mobilite.SurveyRecord{second}))
	err = s.Tx(ctx, func(tx mobilite.Store) error {
		must(t, tx.UpdateSurveyRecords(ctx, []*mobilite.SurveyRecord{{SubmissionID: second.SubmissionID, Sex: "F"}}))
		return mobilite.Errorf(mobilite.EINVALID, "x", "")
	})
	wantCode(t, err, mobilite.EINVALID)
	recs, err = s.FindSurveyRecords(ctx, f.ID, at.Add(time.Hour), at.Add(time.Hour+time.Second))
	must(t, err)
	if len(recs) != 1 || recs[0].Sex != "M" || recs[0].Age != nil || recs[0].LFStatus != mobilite.LFOutside {
		t.Fatalf("after update: %+v", recs)
	}

	f.Roles.Sex, f.Version, f.UpdatedAt = "", "2", t0.Add(time.Hour)
	must(t, s.UpdateSurveyForm(ctx, f))
	got, err = s.FindSurveyFormByID(ctx, f.ID)
	must(t, err)
	if got.Version != "2" || got.Roles.Sex != "" || got.Roles.LFStatus != "lf" || got.Submissions != 451 {
		t.Fatalf("updated: %+v", got)
	}
	wantCode(t, s.UpdateSurveyForm(ctx, &mobilite.SurveyForm{ID: f.ID + 100, Definition: "{}"}), mobilite.ENOTFOUND)

	// Uploads wait for confirmation, binary content intact.
	data := []byte("a;b\r\n\x00\xff;é\n")
	up := &mobilite.SurveyUpload{FormID: f.ID, UserID: u.ID, Name: "export.csv", Kind: "csv", Data: data, Valid: 1, CreatedAt: t0}
	must(t, s.CreateSurveyUpload(ctx, up))
	gu, err := s.FindSurveyUpload(ctx, up.ID)
	must(t, err)
	if gu.Data != nil || gu.Size != int64(len(data)) || gu.Valid != 1 || gu.FormID != f.ID || !gu.CreatedAt.Equal(t0) || gu.Kind != "csv" {
		t.Fatalf("upload: %+v", gu)
	}
	must(t, s.SetSurveyUploadLoaded(ctx, up.ID, 1))
	list, err := s.FindSurveyUploads(ctx, f.ID)
	must(t, err)
	if len(list) != 1 || list[0].ID != up.ID || list[0].Loaded != 1 || list[0].Data != nil || list[0].Name != "export.csv" {
		t.Fatalf("uploads: %+v", list)
	}
	wantCode(t, s.SetSurveyUploadLoaded(ctx, up.ID+100, 1), mobilite.ENOTFOUND)
	chunk, err := s.FindSurveyUploadChunk(ctx, up.ID, 0)
	must(t, err)
	if !bytes.Equal(chunk, data) {
		t.Fatalf("chunk: %q", chunk)
	}
	_, err = s.FindSurveyUploadChunk(ctx, up.ID, 1)
	wantCode(t, err, mobilite.ENOTFOUND)
	// A file over one chunk is cut and read back whole.
	big := bytes.Repeat([]byte("0123456789abcdef"), mobilite.SurveyChunkSize/16*2+5)
	bu := &mobilite.SurveyUpload{FormID: f.ID, UserID: u.ID, Name: "big.csv", Kind: "csv", Data: big, CreatedAt: t0}
	must(t, s.CreateSurveyUpload(ctx, bu))
	var back []byte
	for seq := 0; ; seq++ {
		c, err := s.FindSurveyUploadChunk(ctx, bu.ID, seq)
		if mobilite.ErrorCode(err) == mobilite.ENOTFOUND {
			break
		}
		must(t, err)
		back = append(back, c...)
	}
	if !bytes.Equal(back, big) {
		t.Fatalf("big upload: %d bytes back of %d", len(back), len(big))
	}
	// Files kept for too long go, with their chunks; newer ones stay.
	old := &mobilite.SurveyUpload{FormID: f.ID, UserID: u.ID, Name: "old.csv", Kind: "csv", Data: big, CreatedAt: t0.Add(-8 * 24 * time.Hour)}
	must(t, s.CreateSurveyUpload(ctx, old))
	removed, err := s.DeleteSurveyUploadsBefore(ctx, t0.Add(-7*24*time.Hour))
	must(t, err)
	if _, err := s.FindSurveyUploadChunk(ctx, old.ID, 1); removed != 1 || mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
		t.Fatalf("old uploads removed: %d, chunk: %v", removed, err)
	}
	if _, err := s.FindSurveyUpload(ctx, bu.ID); err != nil {
		t.Fatalf("a recent upload was removed: %v", err)
	}
	must(t, s.DeleteSurveyUpload(ctx, bu.ID))
	_, err = s.FindSurveyUploadChunk(ctx, bu.ID, 0)
	wantCode(t, err, mobilite.ENOTFOUND)
	must(t, s.DeleteSurveyUpload(ctx, up.ID))
	_, err = s.FindSurveyUpload(ctx, up.ID)
	wantCode(t, err, mobilite.ENOTFOUND)
	wantCode(t, s.DeleteSurveyUpload(ctx, up.ID), mobilite.ENOTFOUND)
}
