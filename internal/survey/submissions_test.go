package survey

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/text/encoding/charmap"

	"mobilite"
)

var today = time.Date(2026, 6, 15, 10, 0, 0, 0, time.UTC)

func modelForm(t testing.TB) *Form {
	t.Helper()
	data, err := ModelForm()
	if err != nil {
		t.Fatal(err)
	}
	f, rep := ParseXLSForm(data, "m.xlsx")
	if f == nil {
		t.Fatal(problemKeys(rep))
	}
	return f
}

// readAll reads a file of submissions and returns the rows' problems as "line column key", the
// number of valid rows and the valid rows' answers.
func readAll(t *testing.T, f *Form, data []byte) (problems []string, valid int, rows []map[string]string, notices []Problem) {
	t.Helper()
	roles := ModelRoles()
	r, err := NewReader(f, &roles, data, today)
	if err != nil {
		t.Fatalf("open: %v", err)
	}
	defer r.Close()
	for {
		row, ok := r.Next()
		if !ok {
			break
		}
		for _, p := range row.Problems {
			problems = append(problems, fmt.Sprintf("%d %s %s", p.Row, p.Column, p.Key))
		}
		if len(row.Problems) == 0 {
			valid++
			m := map[string]string{}
			if err := json.Unmarshal(row.Answers, &m); err != nil {
				t.Fatalf("answers %s: %v", row.Answers, err)
			}
			m["_uuid"] = row.UUID
			rows = append(rows, m)
		}
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	return problems, valid, rows, r.Notices()
}

const csvHeader = "id/sex,id/birth_date,id/age,id/birth_country,id/citizenship,lf/worked,lf/absent,lf/looked,lf/available," +
	"mig/worked_abroad,mig/last_country,cost/costs_total,cost/first_wage,plan/plan_leave,plan/plan_country,_uuid,_submission_time"

func TestReadSubmissions(t *testing.T) {
	f := modelForm(t)
	tests := []struct {
		name     string
		data     []byte
		problems []string
		valid    int
		notice   string
		check    func(t *testing.T, rows []map[string]string)
	}{
		{
			name: "good rows, commas",
			data: []byte(csvHeader + "\n" +
				"female,1990-05-01,36,TGO,TGO,yes,,,,no,,,,no,,u1,2026-03-01T10:00:00\n" +
				"male,1985-01-01,41,BEN,BEN,no,no,yes,yes,yes,FRA,250000,400000,yes,DEU,u2,2026-03-02T10:00:00\n"),
			valid: 2,
			check: func(t *testing.T, rows []map[string]string) {
				if rows[1]["mig/last_country"] != "FRA" || rows[0]["lf/absent"] != "" || rows[1]["_uuid"] != "u2" {
					t.Errorf("rows %v", rows)
				}
			},
		},
		{
			name: "impossible values, choices, required, constraints, dates",
			data: []byte(csvHeader + "\n" +
				"female,1990-05-01,250,TGO,TGO,yes,,,,no,,,,no,,a1,2026-03-01\n" + // age 250
				"female,2099-05-01,30,TGO,TGO,yes,,,,no,,,,no,,a2,2026-03-01\n" + // born in 2099
				"woman,1990-05-01,30,TGO,TGO,yes,,,,no,,,,no,,a3,2026-03-01\n" + // unknown choice
				"female,1990-05-01,30,TGO,TGO,no,,,,no,,,,no,,a4,2026-03-01\n" + // absent required when not working
				"female,1990-05-01,12,TGO,TGO,yes,,,,no,,,,no,,a5,2026-03-01\n" + // constraint 15..99
				"female,1990-05-01,trente,TGO,TGO,yes,,,,no,,,,no,,a6,2026-03-01\n" + // not an integer
				"female,1990-05-01,30,TGO,TGO,yes,,,,yes,FRA,-5,100,no,,a7,2026-03-01\n" + // negative costs
				"female,1990-05-01,30,TGO,TGO,yes,,,,no,,,,no,,a8,2099-03-01\n" + // submitted in 2099
				"female,1990-05-01,30,TGO,TGO,yes,,,,no,,,,no,,a1,2026-03-01\n" + // duplicate uuid... of an invalid row
				"female,1990-05-01,30,TGO,TGO,yes,,,,no,,,,no,,a9,2026-03-01\n"),
			valid: 1,
			problems: []string{"2 id/age survey.value.impossible_age", "3 id/birth_date survey.value.impossible_date",
				"4 id/sex survey.value.choice", "5 lf/absent survey.value.required", "6 id/age survey.value.constraint",
				"7 id/age survey.value.integer", "8 cost/costs_total survey.value.negative",
				"9 _submission_time survey.value.impossible_date", "10 _uuid survey.problem.duplicate_uuid"},
		},
		{
			name: "windows-1252 and semicolons with a BOM-less header, unknown column",
			data: func() []byte {
				s := strings.ReplaceAll(csvHeader, ",", ";") + ";remarque\n" +
					"female;1990-05-01;36;TGO;TGO;yes;;;;no;;;;no;;w1;2026-03-01;Très bien payée\n"
				b, _ := charmap.Windows1252.NewEncoder().Bytes([]byte(s))
				return b
			}(),
			valid:  1,
			notice: "survey.problem.windows1252",
		},
		{
			name: "BOM, select_multiple as 0/1 columns and bare names, no uuid",
			data: []byte("\xef\xbb\xbfsex,birth_date,age,birth_country,citizenship,worked,worked_abroad,costs_total,plan_leave\n" +
				"male,1980-02-29,46,TGO,TGO,yes,no,,no\n" +
				"male,1980-02-29,46,TGO,TGO,yes,no,,no\n"),
			valid:    1, // the second row is the same answers, so the same derived id
			problems: []string{"3 _uuid survey.problem.duplicate_uuid"},
		},
		{
			name: "answers to questions that do not apply are dropped, with their problems",
			data: []byte(csvHeader + "\n" +
				"female,1990-05-01,36,TGO,TGO,yes,yes,maybe,,no,FRA,,,no,,d1,2026-03-01\n"),
			valid: 1,
			check: func(t *testing.T, rows []map[string]string) {
				if _, ok := rows[0]["lf/absent"]; ok || rows[0]["lf/looked"] != "" || rows[0]["mig/last_country"] != "" || rows[0]["lf/worked"] != "yes" {
					t.Errorf("answers kept: %v", rows[0])
				}
			},
		},
		{
			name: "rows of another form",
			data: []byte(csvHeader + ",formhub/uuid\n" +
				"female,1990-05-01,36,TGO,TGO,yes,,,,no,,,,no,,f1,2026-03-01,abc\n" +
				"female,1990-05-01,36,TGO,TGO,yes,,,,no,,,,no,,f2,2026-03-01,xyz\n"),
			valid:    1,
			problems: []string{"3 formhub/uuid survey.problem.other_form"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			problems, valid, rows, notices := readAll(t, f, tt.data)
			if valid != tt.valid {
				t.Errorf("valid = %d, want %d (%q)", valid, tt.valid, problems)
			}
			if strings.Join(problems, "|") != strings.Join(tt.problems, "|") {
				t.Errorf("problems\n got %q\nwant %q", problems, tt.problems)
			}
			if tt.notice != "" {
				found := false
				for _, n := range notices {
					found = found || n.Key == tt.notice
				}
				if !found {
					t.Errorf("notice %s missing: %+v", tt.notice, notices)
				}
			}
			if tt.check != nil {
				tt.check(t, rows)
			}
		})
	}
}

func TestReadSubmissionsSelectMultipleColumns(t *testing.T) {
	sheets := map[string][][]string{
		"survey":  surveyRows([]string{"select_multiple lang", "langs", "L", "L", "yes"}, []string{"integer", "n"}),
		"choices": goodChoices,
	}
	f, rep := ParseXLSForm(workbook(t, sheets), "f.xlsx")
	if f == nil {
		t.Fatal(problemKeys(rep))
	}
	data := []byte("langs/fr,langs/en,n,_uuid\n1,1,3,a\n0,1,,b\n0,0,2,c\n")
	r, err := NewReader(f, nil, data, today)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for {
		row, ok := r.Next()
		if !ok {
			break
		}
		got = append(got, fmt.Sprintf("%s %s %d", row.UUID, row.Answers, len(row.Problems)))
	}
	want := []string{`a {"langs":"fr en","n":"3"} 0`, `b {"langs":"en"} 0`, `c {"n":"2"} 1`}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("got %q\nwant %q", got, want)
	}
}

func TestReadSubmissionsXLSX(t *testing.T) {
	f := modelForm(t)
	rows := [][]string{strings.Split(csvHeader, ","),
		strings.Split("female,1990-05-01,36,TGO,TGO,yes,,,,no,,,,no,,x1,2026-03-01T10:00:00", ","),
		strings.Split("male,1990-05-01,36,TGO,TGO,maybe,,,,no,,,,no,,x2,2026-03-01T10:00:00", ",")}
	problems, valid, _, _ := readAll(t, f, workbook(t, map[string][][]string{"survey": rows}))
	if valid != 1 || len(problems) != 1 || problems[0] != "3 lf/worked survey.value.choice" {
		t.Errorf("valid %d problems %q", valid, problems)
	}
}

func TestReadSubmissionsUnreadable(t *testing.T) {
	f := modelForm(t)
	for name, data := range map[string][]byte{
		"no matching column": []byte("a,b,c\n1,2,3\n"),
		"empty":              nil,
		"broken workbook":    []byte("PK\x03\x04broken"),
		"binary":             {0, 1, 2, 3, 0, 0},
	} {
		if _, err := NewReader(f, nil, data, today); err == nil {
			t.Errorf("%s: read", name)
		}
	}
}

func TestExtractRecord(t *testing.T) {
	f := modelForm(t)
	roles := ModelRoles()
	data := []byte(csvHeader + ",mig/return_date,weight\n" +
		"female,1990-05-01,35,BEN,TGO,no,no,yes,yes,yes,FRA,250000,400000,no,,r1,2026-03-01T10:00:00,2024-03-01,2.5\n" +
		"male,1990-05-01,35,TGO,TGO,no,yes,,,no,,,,no,,r2,2026-03-01T10:00:00,,\n" +
		"male,1990-05-01,35,TGO,GHA,no,no,no,yes,no,,,,no,,r3,2026-03-01T10:00:00,,\n")
	r, err := NewReader(f, &roles, data, today)
	if err != nil {
		t.Fatal(err)
	}
	var got []mobilite.SurveyRecord
	for {
		row, ok := r.Next()
		if !ok {
			break
		}
		if len(row.Problems) > 0 {
			t.Fatalf("row %d: %+v", row.Line, row.Problems)
		}
		got = append(got, row.Record)
	}
	a := got[0]
	if a.Sex != "F" || a.Age == nil || *a.Age != 35 || a.BornAbroad == nil || !*a.BornAbroad || a.ForeignCitizen == nil || *a.ForeignCitizen ||
		a.LFStatus != mobilite.LFUnemployed || a.Weight == nil || *a.Weight != 2.5 || a.WorkedAbroad == nil || !*a.WorkedAbroad ||
		a.LastCountry != "FRA" || a.YearsSinceReturn == nil || *a.YearsSinceReturn != 2 || *a.Costs != 250000 || *a.Earnings != 400000 {
		t.Errorf("first: %+v", a)
	}
	if got[1].LFStatus != mobilite.LFEmployed || got[1].Age == nil || *got[1].Age != 35 || *got[1].BornAbroad || got[1].Weight != nil {
		t.Errorf("second: %+v", got[1])
	}
	if got[2].LFStatus != mobilite.LFOutside || !*got[2].ForeignCitizen || *got[2].WorkedAbroad {
		t.Errorf("third: %+v", got[2])
	}
}

func TestSampleIsValid(t *testing.T) {
	f := modelForm(t)
	var b bytes.Buffer
	if err := WriteSample(&b, 500, 7, today); err != nil {
		t.Fatal(err)
	}
	problems, valid, _, notices := readAll(t, f, b.Bytes())
	if valid != 500 {
		t.Errorf("valid %d: %q", valid, problems[:min(len(problems), 10)])
	}
	for _, n := range notices {
		t.Errorf("notice %+v", n)
	}
}

func TestConstraintsAndConditions(t *testing.T) {
	for _, tt := range []struct {
		expr, v string
		want    bool
	}{
		{". >= 0", "0", true}, {". >= 0", "-1", false}, {". <= 120", "121", false},
		{". >= 15 and . <= 99", "15", true}, {". >= 15 and . <= 99", "100", false}, {"(. > 0)", "0,5", true},
		{". <= today()", "2026-06-15", true}, {". <= today()", "2026-06-16", false}, {"18 <= .", "17", false},
		{". != 'x'", "y", true},
	} {
		c, ok := parseConstraint(tt.expr)
		if !ok {
			t.Errorf("%q not understood", tt.expr)
			continue
		}
		if got := c.holds(tt.v, today); got != tt.want {
			t.Errorf("%q with %q = %v", tt.expr, tt.v, got)
		}
	}
	vals := map[string]string{"a": "yes", "b": "fr en", "n": "20"}
	get := func(n string) string { return vals[n] }
	for _, tt := range []struct {
		expr string
		want bool
	}{
		{"${a} = 'yes'", true}, {"${a} = 'no'", false}, {"${a} != 'no'", true}, {"selected(${b}, 'en')", true},
		{"not(selected(${b}, 'de'))", true}, {"${a} = 'no' or ${n} >= 18", true}, {"${a} = 'yes' and ${n} < 18", false},
		{"${missing} = 'yes'", false}, {"${missing} != 'yes'", true},
	} {
		c, ok := parseCondition(tt.expr)
		if !ok {
			t.Errorf("%q not understood", tt.expr)
			continue
		}
		if got := c.holds(get, today); got != tt.want {
			t.Errorf("%q = %v", tt.expr, got)
		}
	}
	for _, bad := range []string{"regex(., '^a')", "string-length(.) < 3", "${a} = 'x' and (", "count-selected(${b}) > 1"} {
		if _, ok := parseConstraint(bad); ok {
			if _, ok := parseCondition(bad); ok {
				t.Errorf("%q understood", bad)
			}
		}
	}
}

func FuzzReadSubmissions(f *testing.F) {
	form := modelForm(f)
	var b bytes.Buffer
	_ = WriteSample(&b, 3, 1, today)
	f.Add(b.Bytes())
	f.Add([]byte(csvHeader + "\nfemale,\"1990,x\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		r, err := NewReader(form, nil, data, today)
		if err != nil {
			return
		}
		defer r.Close()
		for {
			row, ok := r.Next()
			if !ok {
				break
			}
			var m map[string]string
			if err := json.Unmarshal(row.Answers, &m); err != nil {
				t.Fatalf("answers not JSON: %q", row.Answers)
			}
		}
	})
}
