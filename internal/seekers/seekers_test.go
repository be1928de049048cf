package seekers

import (
	"context"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/ref"
	"mobilite/internal/store/storetest"
)

var ctx = context.Background()

var today = time.Date(2026, 11, 22, 10, 0, 0, 0, time.UTC)

func intp(n int) *int { return &n }

// valid returns a complete, valid registration.
func valid(phone string) Input {
	return Input{GivenName: "Afi", FamilyName: "Mensah", Sex: "F", BirthDate: "1998-04-12", Nationality: "Togo",
		Phone: phone, Region: "TG-M", Prefecture: "golfe", ISCEDLevel: intp(4),
		Occupations:     []mobilite.SeekerOccupation{{ISCO08: "5321", Years: 3}},
		Languages:       []mobilite.SeekerLanguage{{Language: "fr", Level: "C1"}},
		MigrationIntent: "work", PreferredCountries: []string{"France", "BE"}, ConsentProcessing: true}
}

func newService(t *testing.T, engine string) (*Service, mobilite.Store) {
	s := storetest.Open(t, engine)
	return New(s, ref.MustLoad(), func() time.Time { return today }), s
}

func TestNameKey(t *testing.T) {
	for _, tt := range [][3]string{
		{"Kossi", "Agbéko", "agbeko kossi"},
		{"AGBEKO", "kossi", "agbeko kossi"},
		{"Jean-Paul", "N'Guessan", "guessan jean n paul"},
		{"  Afi  ", "Mensah ", "afi mensah"},
	} {
		if got := NameKey(tt[0], tt[1]); got != tt[2] {
			t.Errorf("NameKey(%q, %q) = %q, want %q", tt[0], tt[1], got, tt[2])
		}
	}
}

func TestRegisterValidation(t *testing.T) {
	svc, _ := newService(t, "sqlite")
	for name, tc := range map[string]struct {
		edit  func(*Input)
		field string
	}{
		"born in the future": {func(in *Input) { in.BirthDate = "2030-01-01" }, "birth_date"},
		"aged 9":             {func(in *Input) { in.BirthDate = "2017-05-01" }, "birth_date"},
		"impossible date":    {func(in *Input) { in.BirthDate = "1999-02-30" }, "birth_date"},
		"phone of letters":   {func(in *Input) { in.Phone = "quatre-vingt-dix" }, "phone"},
		"no phone":           {func(in *Input) { in.Phone = "" }, "phone"},
		"digits in a name":   {func(in *Input) { in.GivenName = "Afi2" }, "given_name"},
		"no consent":         {func(in *Input) { in.ConsentProcessing = false }, "consent_processing"},
		"unknown region":     {func(in *Input) { in.Region = "TG-X" }, "region"},
		"wrong prefecture":   {func(in *Input) { in.Prefecture = "Kozah" }, "prefecture"},
		"unknown occupation": {func(in *Input) { in.Occupations = []mobilite.SeekerOccupation{{ISCO08: "9999"}} }, "occupations"},
		"bad CEFR level":     {func(in *Input) { in.Languages = []mobilite.SeekerLanguage{{Language: "en", Level: "D4"}} }, "languages"},
		"unknown country":    {func(in *Input) { in.PreferredCountries = []string{"Atlantide"} }, "preferred_countries"},
		"bad ISCED":          {func(in *Input) { in.ISCEDLevel = intp(11) }, "isced_level"},
		"bad intent":         {func(in *Input) { in.MigrationIntent = "tourism" }, "migration_intent"},
	} {
		in := valid("+22890000001")
		tc.edit(&in)
		_, err := svc.Register(ctx, nil, 0, mobilite.ChannelSelf, in)
		fields := mobilite.ErrorFields(err)
		if mobilite.ErrorCode(err) != mobilite.EINVALID || len(fields) == 0 || fields[0].Field != tc.field {
			t.Errorf("%s: %v, want EINVALID on %s", name, err, tc.field)
		}
	}
	// Names in every script, with apostrophes and hyphens, are accepted.
	for i, names := range [][2]string{{"Jean-Paul", "N'Guessan"}, {"Ésaïe", "Kpodar-Ayéva"}, {"محمد", "الأمين"}, {"Ðức", "Nguyễn"}, {"Łukasz", "O’Brien"}} {
		in := valid("+2289000010" + string(rune('0'+i)))
		in.GivenName, in.FamilyName = names[0], names[1]
		if _, err := svc.Register(ctx, nil, 0, mobilite.ChannelSelf, in); err != nil {
			t.Errorf("names %v refused: %v", names, err)
		}
	}
}

func TestRegisterAndDuplicates(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			svc, store := newService(t, engine)
			office := &mobilite.Office{Code: "KARA", Name: "Kara", Region: "TG-K", Country: "TGO", Active: true, CreatedAt: today, UpdatedAt: today}
			if err := store.CreateOffice(ctx, office); err != nil {
				t.Fatal(err)
			}
			counsellor := storetest.NewUser("c@anpe.tg", mobilite.RoleCounsellor)
			counsellor.OfficeID = office.ID
			if err := store.CreateUser(ctx, counsellor); err != nil {
				t.Fatal(err)
			}
			first, err := svc.Register(ctx, nil, 0, mobilite.ChannelSelf, valid("90 00 00 01"))
			if err != nil {
				t.Fatal(err)
			}
			if first.Number == "" || first.Phone != "+22890000001" || first.Prefecture != "Golfe" || first.Nationality != "TGO" ||
				len(first.PreferredCountries) != 2 || first.PreferredCountries[0] != "FRA" || !first.ConsentProcessing.Equal(today) {
				t.Fatalf("first: %+v", first)
			}
			// The same phone: refused even when confirmed as new.
			in := valid("+228 90 00 00 01")
			in.GivenName, in.ConfirmNew = "Ama", true
			_, err = svc.Register(ctx, counsellor, 0, mobilite.ChannelAssisted, in)
			d, ok := AsDuplicate(err)
			if mobilite.ErrorCode(err) != mobilite.ECONFLICT || !ok || !d.PhoneTaken || d.Duplicates[0].Seeker.ID != first.ID {
				t.Fatalf("same phone: %v", err)
			}
			// The same name, in another order and without accents, with the same birth date:
			// shown to the counsellor, saved only when confirmed.
			in = valid("+22890000002")
			in.GivenName, in.FamilyName = "MENSAH", "afi"
			_, err = svc.Register(ctx, counsellor, 0, mobilite.ChannelAssisted, in)
			d, ok = AsDuplicate(err)
			if !ok || d.PhoneTaken || len(d.Duplicates) != 1 || d.Duplicates[0].Reason != "name_birth" {
				t.Fatalf("same name and birth date: %v", err)
			}
			in.ConfirmNew = true
			second, err := svc.Register(ctx, counsellor, 0, mobilite.ChannelAssisted, in)
			if err != nil {
				t.Fatal(err)
			}
			if second.ConsentBy != counsellor.ID || second.OfficeID != office.ID || second.Channel != mobilite.ChannelAssisted {
				t.Fatalf("assisted: %+v", second)
			}
			entries, _, _ := store.FindAuditEntries(ctx, mobilite.AuditFilter{Entity: "seeker"})
			if len(entries) != 1 || entries[0].Action != "seeker.create" || entries[0].EntityID != second.ID {
				t.Fatalf("audit: %+v", entries)
			}
			// Read rules: the counsellor of the office reads the assisted record (and the read is
			// logged); not the self-registered one of another region; a partner reads nothing.
			if _, err := svc.Read(ctx, counsellor, second.ID); err != nil {
				t.Fatalf("counsellor reads own office's record: %v", err)
			}
			if _, err := svc.Read(ctx, counsellor, first.ID); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Fatalf("counsellor reads a record of another region: %v", err)
			}
			partner := storetest.NewUser("p@org.example", mobilite.RolePartner)
			if _, err := svc.Read(ctx, partner, first.ID); mobilite.ErrorCode(err) != mobilite.ENOTFOUND {
				t.Fatalf("partner reads a record: %v", err)
			}
			reads, _, _ := store.FindAuditEntries(ctx, mobilite.AuditFilter{Action: "seeker.read"})
			if len(reads) != 1 {
				t.Fatalf("logged reads: %d", len(reads))
			}
			// A seeker of the Kara region who asked for accompaniment is readable by Kara's counsellor.
			in = valid("+22890000003")
			in.GivenName, in.Region, in.Prefecture, in.WantsAccompaniment = "Essowè", "TG-K", "Kozah", true
			third, err := svc.Register(ctx, nil, 0, mobilite.ChannelSelf, in)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := svc.Read(ctx, counsellor, third.ID); err != nil {
				t.Fatalf("accompaniment in the region: %v", err)
			}
		})
	}
}
