package survey

import (
	"bytes"
	"fmt"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// workbook builds an xlsx from sheets given as rows of cells (the first row is the header).
func workbook(t testing.TB, sheets map[string][][]string) []byte {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	first := true
	for _, name := range []string{"survey", "Survey", "choices", "settings", "other"} {
		rows, ok := sheets[name]
		if !ok {
			continue
		}
		if first {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				t.Fatal(err)
			}
			first = false
		} else if _, err := f.NewSheet(name); err != nil {
			t.Fatal(err)
		}
		for i, r := range rows {
			row := make([]any, len(r))
			for j, c := range r {
				row[j] = c
			}
			if err := f.SetSheetRow(name, fmt.Sprintf("A%d", i+1), &row); err != nil {
				t.Fatal(err)
			}
		}
	}
	var b bytes.Buffer
	if err := f.Write(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var (
	surveyHeader  = []string{"type", "name", "label::French", "label::English", "required", "constraint", "relevant", "choice_filter"}
	choicesHeader = []string{"list_name", "name", "label::Français (fr)", "label::en"}
	goodChoices   = [][]string{choicesHeader, {"yn", "yes", "Oui", "Yes"}, {"yn", "no", "Non", "No"},
		{"lang", "fr", "Français", "French"}, {"lang", "en", "Anglais", "English"}}
	goodSettings = [][]string{{"form_id", "form_title", "version"}, {"test_form", "Formulaire test", "3"}}
)

func surveyRows(rows ...[]string) [][]string { return append([][]string{surveyHeader}, rows...) }

// problemKeys lists the problems as "level sheet:row key".
func problemKeys(r *Report) []string {
	var out []string
	for _, p := range r.Problems {
		out = append(out, fmt.Sprintf("%s %s:%d %s", p.Level, p.Sheet, p.Row, p.Key))
	}
	return out
}

func TestParseXLSForm(t *testing.T) {
	tests := []struct {
		name   string
		sheets map[string][][]string
		ok     bool
		want   []string // problems expected (each must be present)
		check  func(t *testing.T, f *Form)
	}{
		{
			name: "all types, groups, languages",
			sheets: map[string][][]string{
				"survey": surveyRows(
					[]string{"start", "start"},
					[]string{"begin group", "who", "Qui", "Who", "", "", "", ""},
					[]string{"integer", "age", "Âge", "Age", "yes", ". >= 15 and . <= 99"},
					[]string{"decimal", "income", "Revenu", "Income", "", ". >= 0"},
					[]string{"text", "name", "Nom", "Name", "TRUE()"},
					[]string{"date", "dob", "Naissance", "Birth", "true"},
					[]string{"select_one yn", "abroad", "Étranger ?", "Abroad?", "yes"},
					[]string{"select_multiple lang", "langs", "Langues", "Languages", "", "", "${abroad} = 'yes'", "x=1"},
					[]string{"note", "n1", "Merci", "Thanks"},
					[]string{"end group"},
					[]string{"begin_group", "other", "Autre", "Other"},
					[]string{"integer", "age", "Âge encore", "Age again"}, // same name in another group: fine
					[]string{"select_one yn", "more", "", "", "", "", "selected(${langs}, 'fr')"},
					[]string{"end_group"},
					[]string{"calculate", "w", "", "", "", "", "", ""},
					[]string{"geopoint", "gps"},
				),
				"choices":  goodChoices,
				"settings": goodSettings,
			},
			ok:   true,
			want: []string{"notice survey:2 survey.problem.metadata", "notice survey:9 survey.problem.choice_filter", "notice survey:16 survey.problem.calculate", "notice survey:17 survey.problem.unchecked"},
			check: func(t *testing.T, f *Form) {
				if f.ID != "test_form" || f.Title != "Formulaire test" || f.Version != "3" {
					t.Errorf("settings: %q %q %q", f.ID, f.Title, f.Version)
				}
				if len(f.Questions) != 11 {
					t.Fatalf("%d questions", len(f.Questions))
				}
				q := f.Question("who/age")
				if q == nil || !q.Required || q.Type != TypeInteger || f.Label(q, "en") != "Age" || f.Label(q, "fr") != "Âge" {
					t.Errorf("who/age: %+v", q)
				}
				if q := f.Question("who/name"); q == nil || !q.Required {
					t.Errorf("TRUE() is required: %+v", q)
				}
				if q := f.Question("other/age"); q == nil || q.Group != "other" {
					t.Errorf("other/age: %+v", q)
				}
				if q := f.Question("who/langs"); q == nil || q.Type != TypeSelectMul || q.List != "lang" || q.Relevant == "" {
					t.Errorf("langs: %+v", q)
				}
				if strings.Join(f.Languages, ",") != "en,fr" || f.DefaultLanguage != "fr" {
					t.Errorf("languages %v default %q", f.Languages, f.DefaultLanguage)
				}
				if len(f.Groups) != 2 || f.Groups[0].Path != "who" {
					t.Errorf("groups %+v", f.Groups)
				}
				if c := f.Choices["yn"]; len(c) != 2 || f.ChoiceLabel(c[0], "en") != "Yes" || f.ChoiceLabel(c[0], "fr") != "Oui" {
					t.Errorf("choices %+v", c)
				}
			},
		},
		{
			name: "constraints and relevance not understood are reported, not fatal",
			sheets: map[string][][]string{
				"survey": surveyRows(
					[]string{"text", "phone", "Tél", "Phone", "", "regex(., '^[0-9]+$')"},
					[]string{"integer", "n", "N", "N", "", "", "count(${x}) > 2"},
				),
				"settings": goodSettings,
			},
			ok:   true,
			want: []string{"notice survey:2 survey.problem.constraint_ignored", "notice survey:3 survey.problem.relevant_ignored"},
		},
		{
			name:   "unknown type",
			sheets: map[string][][]string{"survey": surveyRows([]string{"integr", "age"}), "settings": goodSettings},
			want:   []string{"error survey:2 survey.problem.unknown_type"},
		},
		{
			name: "duplicate names in a group",
			sheets: map[string][][]string{"survey": surveyRows(
				[]string{"begin group", "g"}, []string{"integer", "age"}, []string{"text", "age"}, []string{"end group"}), "settings": goodSettings},
			want: []string{"error survey:4 survey.problem.duplicate_name"},
		},
		{
			name:   "select without its list",
			sheets: map[string][][]string{"survey": surveyRows([]string{"select_one colours", "c"}), "choices": goodChoices},
			want:   []string{"error survey:2 survey.problem.missing_list"},
		},
		{
			name:   "missing name",
			sheets: map[string][][]string{"survey": surveyRows([]string{"text", ""}), "settings": goodSettings},
			want:   []string{"error survey:2 survey.problem.no_name"},
		},
		{
			name:   "no survey sheet",
			sheets: map[string][][]string{"choices": goodChoices, "settings": goodSettings},
			want:   []string{"error survey:0 survey.problem.no_survey"},
		},
		{
			name: "unbalanced groups",
			sheets: map[string][][]string{"survey": surveyRows([]string{"text", "a"}, []string{"end group"},
				[]string{"begin group", "g"}, []string{"text", "b"})},
			want: []string{"error survey:3 survey.problem.unbalanced", "error survey:4 survey.problem.not_closed"},
		},
		{
			name:   "form id from the file name, upper-case sheet name",
			sheets: map[string][][]string{"Survey": {{"Type", "Name", "Label"}, {"text", "a", "A"}}},
			ok:     true,
			want:   []string{"notice settings:2 survey.problem.no_form_id"},
			check: func(t *testing.T, f *Form) {
				if f.ID != "Mon_formulaire" || f.Label(f.Questions[0], "en") != "A" {
					t.Errorf("id %q label %q", f.ID, f.Label(f.Questions[0], "en"))
				}
			},
		},
		{
			name: "duplicate choice and repeat",
			sheets: map[string][][]string{"survey": surveyRows([]string{"select_one yn", "a"}, []string{"begin repeat", "kids"},
				[]string{"integer", "kid_age"}, []string{"end repeat"}),
				"choices": append(append([][]string{}, goodChoices...), []string{"yn", "yes", "Oui encore", "Yes again"})},
			want: []string{"error choices:6 survey.problem.duplicate_choice", "notice survey:3 survey.problem.repeat"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, rep := ParseXLSForm(workbook(t, tt.sheets), "Mon formulaire.xlsx")
			got := problemKeys(rep)
			for _, w := range tt.want {
				found := false
				for _, g := range got {
					found = found || g == w
				}
				if !found {
					t.Errorf("problem %q not reported; got %q", w, got)
				}
			}
			if tt.ok != !rep.Fatal() || tt.ok != (f != nil) {
				t.Fatalf("ok = %v, want %v (%q)", !rep.Fatal(), tt.ok, got)
			}
			if tt.check != nil {
				tt.check(t, f)
			}
		})
	}
}

func TestParseXLSFormBroken(t *testing.T) {
	for name, data := range map[string][]byte{
		"empty":     nil,
		"text":      []byte("type,name\ntext,a\n"),
		"truncated": workbook(t, map[string][][]string{"survey": surveyRows([]string{"text", "a"})})[:200],
	} {
		f, rep := ParseXLSForm(data, "x.xlsx")
		if f != nil || !rep.Fatal() {
			t.Errorf("%s: loaded %+v", name, rep)
		}
	}
}

func TestModelFormImports(t *testing.T) {
	data, err := ModelForm()
	if err != nil {
		t.Fatal(err)
	}
	f, rep := ParseXLSForm(data, "modele.xlsx")
	if f == nil {
		t.Fatalf("model does not import: %v", problemKeys(rep))
	}
	for _, p := range rep.Problems {
		if p.Key != "survey.problem.metadata" && p.Key != "survey.problem.calculate" {
			t.Errorf("unexpected problem %+v", p)
		}
	}
	if f.ID != ModelFormID || f.DefaultLanguage != "fr" || strings.Join(f.Languages, ",") != "en,fr" {
		t.Errorf("model: %q %q %v", f.ID, f.DefaultLanguage, f.Languages)
	}
	roles := ModelRoles()
	if err := CheckRoles(f, &roles); err != nil {
		t.Errorf("model roles: %v", err)
	}
	for _, q := range f.Questions {
		if q.Relevant != "" {
			if c, ok := parseCondition(q.Relevant); !ok || c == nil {
				t.Errorf("%s: relevance %q not understood", q.Path, q.Relevant)
			}
		}
		if q.Constraint != "" && q.cons == nil {
			t.Errorf("%s: constraint %q not compiled", q.Path, q.Constraint)
		}
		if q.Type != TypeCalculate && (q.Label["fr"] == "" || q.Label["en"] == "") {
			t.Errorf("%s: label missing in a language", q.Path)
		}
	}
}

func FuzzParseXLSForm(f *testing.F) {
	model, err := ModelForm()
	if err != nil {
		f.Fatal(err)
	}
	f.Add(model)
	f.Add(workbook(f, map[string][][]string{"survey": surveyRows([]string{"select_one yn", "a"}, []string{"begin group", "g"}), "choices": goodChoices}))
	f.Add([]byte("PK\x03\x04garbage"))
	f.Fuzz(func(t *testing.T, data []byte) {
		form, rep := ParseXLSForm(data, "f.xlsx")
		if (form == nil) != rep.Fatal() {
			t.Fatalf("form %v with fatal report %v", form != nil, rep.Fatal())
		}
		if form != nil {
			if _, err := form.Marshal(); err != nil {
				t.Fatal(err)
			}
		}
	})
}
