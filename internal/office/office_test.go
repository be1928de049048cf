package office_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/office"
	"mobilite/internal/ref"
	"mobilite/internal/store"
	"mobilite/internal/store/storetest"
)

var (
	ctx  = context.Background()
	t0   = time.Date(2026, 3, 14, 9, 0, 0, 0, time.UTC)
	refs = ref.MustLoad()
)

type fixture struct {
	store *store.DB
	svc   *office.Service
	admin *mobilite.User
	now   time.Time
}

func onEngines(t *testing.T, fn func(t *testing.T, f *fixture)) {
	for _, e := range storetest.Engines(t) {
		t.Run(e, func(t *testing.T) {
			f := &fixture{store: storetest.Open(t, e), now: t0}
			f.svc = &office.Service{Store: f.store, Ref: refs, Now: func() time.Time { return f.now }}
			f.admin = f.user(t, "admin@anpe.tg", mobilite.RoleAdmin)
			fn(t, f)
		})
	}
}

func (f *fixture) user(t *testing.T, login string, role mobilite.Role) *mobilite.User {
	t.Helper()
	u := storetest.NewUser(login, role)
	if err := f.store.CreateUser(ctx, u); err != nil {
		t.Fatal(err)
	}
	return u
}

func (f *fixture) offices(t *testing.T) []*mobilite.Office {
	t.Helper()
	os, err := f.store.FindOffices(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return os
}

func (f *fixture) auditEntries(t *testing.T) []*mobilite.AuditEntry {
	t.Helper()
	es, _, err := f.store.FindAuditEntries(ctx, mobilite.AuditFilter{Entity: "office"})
	if err != nil {
		t.Fatal(err)
	}
	return es
}

func wantFields(t *testing.T, err error, code mobilite.Code, fields ...string) {
	t.Helper()
	if got := mobilite.ErrorCode(err); got != code {
		t.Fatalf("error %v: code %q, want %q", err, got, code)
	}
	got := map[string]bool{}
	for _, f := range mobilite.ErrorFields(err) {
		got[f.Field] = true
	}
	for _, f := range fields {
		if !got[f] {
			t.Fatalf("error %v: no field %q", err, f)
		}
	}
	if len(got) != len(fields) {
		t.Fatalf("error %v: fields %v, want %v", err, mobilite.ErrorFields(err), fields)
	}
}

func lome() office.Input {
	return office.Input{Code: "LOM", Name: "Lomé", Region: "TG-M", Town: "Lomé", Address: "Boulevard du 13 Janvier",
		Phone: "22 21 00 00", Email: "Lome@ANPE.tg", Active: true}
}

func TestCreate(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		tests := []struct {
			name            string
			in              office.Input
			country, region string
		}{
			{"Togo by default", office.Input{Code: "lom", Name: "Lomé", Region: "TG-M"}, "TGO", "TG-M"},
			{"Togo by name", office.Input{Code: "KAR", Name: "Kara", Country: "Togo", Region: "TG-K"}, "TGO", "TG-K"},
			{"Togo by code", office.Input{Code: "SOK", Name: "Sokodé", Country: "tg", Region: "TG-C"}, "TGO", "TG-C"},
			{"Senegal by French name", office.Input{Code: "DKR", Name: "Dakar", Country: "Sénégal"}, "SEN", ""},
			{"Senegal by alpha-2", office.Input{Code: "DKR-2", Name: "Dakar 2", Country: "SN"}, "SEN", ""},
			{"Senegal as the datalist writes it", office.Input{Code: "DKR-3", Name: "Dakar 3", Country: "SEN — Sénégal"}, "SEN", ""},
			{"abroad, region dropped", office.Input{Code: "PAR", Name: "Paris", Country: "France", Region: "TG-M"}, "FRA", ""},
			{"Côte d'Ivoire without accents", office.Input{Code: "ABJ", Name: "Abidjan", Country: "cote d'ivoire"}, "CIV", ""},
		}
		for _, tt := range tests {
			o, err := f.svc.Create(ctx, f.admin, tt.in)
			if err != nil {
				t.Fatalf("%s: %v", tt.name, err)
			}
			got, err := f.store.FindOfficeByID(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			if got.Country != tt.country || got.Region != tt.region {
				t.Errorf("%s: stored country %q region %q, want %q %q", tt.name, got.Country, got.Region, tt.country, tt.region)
			}
		}

		o, err := f.svc.Create(audit.WithIP(ctx, "192.0.2.10"), f.admin, office.Input{Code: " ane ", Name: " Aného ", Region: "TG-M", Town: " Aného ",
			Phone: "22 33 00 00", Email: " Aneho@ANPE.tg ", Active: true})
		if err != nil {
			t.Fatal(err)
		}
		got, err := f.store.FindOfficeByID(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		want := mobilite.Office{ID: o.ID, Code: "ANE", Name: "Aného", Region: "TG-M", Country: "TGO", Town: "Aného", Phone: "+22822330000",
			Email: "aneho@anpe.tg", Active: true, CreatedAt: t0, UpdatedAt: t0}
		if *got != want {
			t.Errorf("stored %+v\nwant   %+v", got, want)
		}
		e := f.auditEntries(t)[0]
		if e.Action != "office.create" || e.EntityID != o.ID || e.ActorID != f.admin.ID || e.IP != "192.0.2.10" || e.Before != "" || !e.At.Equal(t0) {
			t.Errorf("audit entry %+v", e)
		}
		var after mobilite.Office
		if err := json.Unmarshal([]byte(e.After), &after); err != nil || after != want {
			t.Errorf("audit after %s (%v)", e.After, err)
		}
		if n := len(f.auditEntries(t)); n != len(tests)+1 {
			t.Errorf("%d audit entries, want %d", n, len(tests)+1)
		}
	})
}

// TestCreateNormalizesRegion: Ref.Region accepts " tg-m ", so the office must be stored with the
// region's code, not with what was typed; reports and filters compare it with "TG-M".
func TestCreateNormalizesRegion(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		for i, region := range []string{"tg-m", " TG-P "} {
			o, err := f.svc.Create(ctx, f.admin, office.Input{Code: []string{"A1", "A2"}[i], Name: "Bureau", Region: region})
			if err != nil {
				t.Fatalf("region %q: %v", region, err)
			}
			got, err := f.store.FindOfficeByID(ctx, o.ID)
			if err != nil {
				t.Fatal(err)
			}
			if want, _ := refs.Region(region); got.Region != want.Code {
				t.Errorf("region %q stored as %q, want %q", region, got.Region, want.Code)
			}
		}
	})
}

func TestCreateRefuses(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		if _, err := f.svc.Create(ctx, f.admin, lome()); err != nil {
			t.Fatal(err)
		}
		with := func(change func(in *office.Input)) office.Input {
			in := lome()
			in.Code = "NEW"
			change(&in)
			return in
		}
		tests := []struct {
			name   string
			in     office.Input
			code   mobilite.Code
			fields []string
		}{
			{"Togo without region", with(func(in *office.Input) { in.Region = "" }), mobilite.EINVALID, []string{"region"}},
			{"unknown region", with(func(in *office.Input) { in.Region = "TG-X" }), mobilite.EINVALID, []string{"region"}},
			{"region by name", with(func(in *office.Input) { in.Region = "Maritime" }), mobilite.EINVALID, []string{"region"}},
			// An office whose country is not understood is not known to be in Togo: no region is asked for.
			{"unknown country", with(func(in *office.Input) { in.Country, in.Region = "Atlantide", "" }), mobilite.EINVALID, []string{"country"}},
			{"unknown country, region given", with(func(in *office.Input) { in.Country = "Atlantide" }), mobilite.EINVALID, []string{"country"}},
			{"prefix of a country", with(func(in *office.Input) { in.Country = "Tog" }), mobilite.EINVALID, []string{"country"}},
			{"bad code", with(func(in *office.Input) { in.Code = "L" }), mobilite.EINVALID, []string{"code"}},
			{"code with a space", with(func(in *office.Input) { in.Code = "LO ME" }), mobilite.EINVALID, []string{"code"}},
			{"no name", with(func(in *office.Input) { in.Name = " " }), mobilite.EINVALID, []string{"name"}},
			{"bad phone", with(func(in *office.Input) { in.Phone = "22 21" }), mobilite.EINVALID, []string{"phone"}},
			{"bad e-mail", with(func(in *office.Input) { in.Email = "lome@" }), mobilite.EINVALID, []string{"email"}},
			{"all at once", office.Input{Code: "x", Region: "TG-X", Phone: "x", Email: "x"}, mobilite.EINVALID,
				[]string{"code", "name", "region", "phone", "email"}},
			{"code taken", lome(), mobilite.ECONFLICT, []string{"code"}},
			{"code taken, in lower case", with(func(in *office.Input) { in.Code = " lom " }), mobilite.ECONFLICT, []string{"code"}},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				o, err := f.svc.Create(ctx, f.admin, tt.in)
				if o != nil {
					t.Error("office returned with the error")
				}
				wantFields(t, err, tt.code, tt.fields...)
			})
		}
		_, err := f.svc.Create(ctx, f.admin, lome())
		if fs := mobilite.ErrorFields(err); len(fs) != 1 || fs[0] != (mobilite.FieldError{Field: "code", Key: "office.code.taken"}) {
			t.Errorf("code taken: %v", err)
		}
		for _, role := range []mobilite.Role{mobilite.RoleCounsellor, mobilite.RoleInspector, mobilite.RoleStatistician, mobilite.RolePartner, mobilite.RoleSeeker} {
			actor := f.user(t, string(role)+"@example.tg", role)
			_, err := f.svc.Create(ctx, actor, with(func(in *office.Input) {}))
			wantFields(t, err, mobilite.EFORBIDDEN)
		}
		if n := len(f.offices(t)); n != 1 {
			t.Errorf("%d offices, want 1", n)
		}
		if n := len(f.auditEntries(t)); n != 1 {
			t.Errorf("%d audit entries, want 1", n)
		}
	})
}

func TestCreateFromCommandLine(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		if _, err := f.svc.Create(ctx, nil, lome()); err != nil {
			t.Fatal(err)
		}
		if es := f.auditEntries(t); len(es) != 1 || es[0].Actor != "cli" || es[0].ActorID != 0 {
			t.Errorf("audit entries %+v", es)
		}
	})
}

func TestUpdate(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		o, err := f.svc.Create(ctx, f.admin, lome())
		if err != nil {
			t.Fatal(err)
		}
		other, err := f.svc.Create(ctx, f.admin, office.Input{Code: "KAR", Name: "Kara", Region: "TG-K"})
		if err != nil {
			t.Fatal(err)
		}
		f.now = t0.Add(time.Hour)

		in := lome()
		in.Name, in.Country, in.Region, in.Active = "Lomé-Port", "Bénin", "", false
		got, err := f.svc.Update(audit.WithIP(ctx, "192.0.2.10"), f.admin, o.ID, in)
		if err != nil {
			t.Fatal(err)
		}
		stored, err := f.store.FindOfficeByID(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *stored != *got || stored.Name != "Lomé-Port" || stored.Country != "BEN" || stored.Region != "" || stored.Active ||
			!stored.CreatedAt.Equal(t0) || !stored.UpdatedAt.Equal(f.now) {
			t.Errorf("stored %+v", stored)
		}
		e := f.auditEntries(t)[0]
		var before, after mobilite.Office
		if err := json.Unmarshal([]byte(e.Before), &before); err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal([]byte(e.After), &after); err != nil {
			t.Fatal(err)
		}
		if e.Action != "office.update" || e.EntityID != o.ID || e.ActorID != f.admin.ID || e.IP != "192.0.2.10" || !e.At.Equal(f.now) ||
			before.Name != "Lomé" || before.Country != "TGO" || before.Region != "TG-M" || !before.Active ||
			after != *stored {
			t.Errorf("audit entry %+v", e)
		}

		// Refusals change nothing and write no audit entry.
		entries := len(f.auditEntries(t))
		taken := lome()
		taken.Code = "kar"
		_, err = f.svc.Update(ctx, f.admin, o.ID, taken)
		wantFields(t, err, mobilite.ECONFLICT, "code")
		bad := lome()
		bad.Region = "TG-X"
		_, err = f.svc.Update(ctx, f.admin, o.ID, bad)
		wantFields(t, err, mobilite.EINVALID, "region")
		_, err = f.svc.Update(ctx, f.admin, other.ID+1000, lome())
		wantFields(t, err, mobilite.ENOTFOUND)
		counsellor := f.user(t, "kafui@anpe.tg", mobilite.RoleCounsellor)
		_, err = f.svc.Update(ctx, counsellor, o.ID, lome())
		wantFields(t, err, mobilite.EFORBIDDEN)
		again, err := f.store.FindOfficeByID(ctx, o.ID)
		if err != nil {
			t.Fatal(err)
		}
		if *again != *stored {
			t.Errorf("refused updates changed the office: %+v", again)
		}
		if n := len(f.auditEntries(t)); n != entries {
			t.Errorf("%d audit entries, want %d", n, entries)
		}
		// Keeping its own code is no conflict.
		same := lome()
		same.Name = "Lomé centre"
		if _, err := f.svc.Update(ctx, f.admin, o.ID, same); err != nil {
			t.Fatal(err)
		}
	})
}

// auditDown is a store whose audit log refuses every write.
type auditDown struct{ mobilite.Store }

func (s auditDown) CreateAuditEntry(context.Context, *mobilite.AuditEntry) error {
	return errors.New("audit log unavailable")
}

func (s auditDown) Tx(ctx context.Context, fn func(mobilite.Store) error) error {
	return s.Store.Tx(ctx, func(tx mobilite.Store) error { return fn(auditDown{tx}) })
}

// TestWritesRollBackWithoutAudit: an office change and its audit entry land together or not at all.
func TestWritesRollBackWithoutAudit(t *testing.T) {
	onEngines(t, func(t *testing.T, f *fixture) {
		o, err := f.svc.Create(ctx, f.admin, lome())
		if err != nil {
			t.Fatal(err)
		}
		down := &office.Service{Store: auditDown{f.store}, Ref: refs, Now: f.svc.Now}
		if _, err := down.Create(ctx, f.admin, office.Input{Code: "KAR", Name: "Kara", Region: "TG-K"}); err == nil {
			t.Fatal("Create succeeded without its audit entry")
		}
		renamed := lome()
		renamed.Name = "Lomé-Port"
		if _, err := down.Update(ctx, f.admin, o.ID, renamed); err == nil {
			t.Fatal("Update succeeded without its audit entry")
		}
		os := f.offices(t)
		if len(os) != 1 || os[0].Name != "Lomé" {
			t.Errorf("offices %+v: a write stayed without its audit entry", os)
		}
	})
}
