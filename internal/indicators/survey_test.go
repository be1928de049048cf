package indicators

import (
	"fmt"
	"math"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/ref"
	"mobilite/internal/store/storetest"
)

// TestSurveyByHand checks the weighted survey indicators against a computation by hand.
func TestSurveyByHand(t *testing.T) {
	s := storetest.Open(t, "sqlite")
	f := &mobilite.SurveyForm{Key: "retour", Title: "Retour", Version: "1", Definition: "{}", CreatedAt: time.Now(), UpdatedAt: time.Now()}
	if err := s.CreateSurveyForm(ctx, f); err != nil {
		t.Fatal(err)
	}
	yes, no := true, false
	i := func(n int) *int { return &n }
	w := func(x float64) *float64 { return &x }
	// sex, age, born abroad, status, weight, worked abroad, costs, earnings
	rows := []mobilite.SurveyRecord{
		{Sex: "F", Age: i(30), BornAbroad: &yes, LFStatus: mobilite.LFEmployed, Weight: w(100)},
		{Sex: "F", Age: i(40), BornAbroad: &yes, LFStatus: mobilite.LFUnemployed, Weight: w(50)},
		{Sex: "M", Age: i(25), ForeignCitizen: &yes, LFStatus: mobilite.LFOutside, Weight: w(200)},
		{Sex: "M", Age: i(35), BornAbroad: &yes, LFStatus: mobilite.LFEmployed, Weight: w(150)},
		{Sex: "M", Age: i(12), BornAbroad: &yes, LFStatus: mobilite.LFOutside, Weight: w(80)},  // under 15: out of S01
		{Sex: "F", Age: i(33), BornAbroad: &no, LFStatus: mobilite.LFEmployed, Weight: w(300)}, // native
		{Sex: "M", Age: i(45), BornAbroad: &no, WorkedAbroad: &yes, Costs: w(600000), Earnings: w(200000), Weight: w(10)},
		{Sex: "F", Age: i(29), BornAbroad: &no, WorkedAbroad: &yes, Costs: w(100000), Earnings: w(200000), Weight: w(30)},
	}
	var batch []*mobilite.SurveySubmission
	for n, r := range rows {
		r := r
		batch = append(batch, &mobilite.SurveySubmission{FormID: f.ID, UUID: fmt.Sprint("u", n), SubmittedAt: time.Date(2025, 5, 1+n, 0, 0, 0, 0, time.UTC),
			CreatedAt: time.Now(), Answers: []byte("{}"), Record: r})
	}
	if _, err := s.InsertSurveySubmissions(ctx, batch); err != nil {
		t.Fatal(err)
	}
	svc := New(s, ref.MustLoad())
	get := func(id string, by []string, key string) (float64, int, string) {
		res, err := svc.Compute(ctx, Request{Indicator: find(id), Period: Year(2025), By: by}, "fr")
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		c := res.Table.Cells[key]
		if c == nil {
			t.Fatalf("%s: no cell %q", id, key)
		}
		return c.Value, c.N, c.Flag
	}
	near := func(a, b float64) bool { return math.Abs(a-b) < 1e-9 }
	// S01: migrants aged 15+: 100 + 50 + 200 + 150 = 500 (women 150, men 350), resting on 4 records.
	if v, n, flag := get("LM-S01", nil, ""); !near(v, 500) || n != 4 || flag != "low_n" {
		t.Errorf("LM-S01 = %v (n %d, %q)", v, n, flag)
	}
	if v, _, _ := get("LM-S01", []string{"sex"}, "SEX_F"); !near(v, 150) {
		t.Errorf("LM-S01 women = %v", v)
	}
	// S02: in the labour force 100 + 50 + 150 = 300 of 500 → 60 %.
	if v, _, _ := get("LM-S02", nil, ""); !near(v, 60) {
		t.Errorf("LM-S02 = %v", v)
	}
	// S03: unemployed 50 of 300 → 16.67 %; men: 0 of 150.
	if v, _, _ := get("LM-S03", nil, ""); !near(v, 50.0/3) {
		t.Errorf("LM-S03 = %v", v)
	}
	if v, _, _ := get("LM-S03", []string{"sex"}, "SEX_M"); !near(v, 0) {
		t.Errorf("LM-S03 men = %v", v)
	}
	// S06: worked abroad 10 + 30 = 40.
	if v, _, _ := get("LM-S06", nil, ""); !near(v, 40) {
		t.Errorf("LM-S06 = %v", v)
	}
	// O01: weighted mean of costs / earnings: (10 × 3 + 30 × 0.5) / 40 = 1.125.
	if v, _, _ := get("LM-O01", nil, ""); !near(v, 1.125) {
		t.Errorf("LM-O01 = %v", v)
	}
	// Another year: no data.
	res, err := svc.Compute(ctx, Request{Indicator: find("LM-S01"), Period: Year(2023)}, "fr")
	if err != nil || res.NoData == "" {
		t.Errorf("a year without submissions: %+v %v", res.NoData, err)
	}
}
