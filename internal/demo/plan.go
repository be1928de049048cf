package demo

import (
	"bytes"
	"context"
	"strconv"
	"time"

	"mobilite"
	"mobilite/internal/survey"
)

// demoPlan is a demonstration action plan: three objectives of a labour-migration strategy,
// each with indicators of the catalogue, baselines and targets. The figures are examples.
var demoPlan = []struct {
	code, fr, en string
	lines        []mobilite.PlanLine
}{
	{"OS1", "Promouvoir une migration de travail légale, sûre et encadrée", "Promote legal, safe and orderly labour migration", []mobilite.PlanLine{
		{IndicatorID: "LM-F01", BaselineValue: ptr(210), BaselineYear: 2023, Targets: map[int]float64{2025: 240, 2026: 260, 2027: 300}, HigherBetter: true,
			BaselineSource: "Registre des départs (ANPE)", Verification: "Registre des départs", Responsible: "ANPE, direction de la migration de travail"},
		{IndicatorID: "LM-F03", BaselineValue: ptr(48), BaselineYear: 2023, Targets: map[int]float64{2025: 60, 2026: 70, 2027: 80}, HigherBetter: true,
			BaselineSource: "Registre des départs (ANPE)", Verification: "Contrats vérifiés par l'ANPE", Responsible: "ANPE"},
		{IndicatorID: "LM-F05", BaselineValue: ptr(35), BaselineYear: 2023, Targets: map[int]float64{2025: 50, 2026: 60, 2027: 75}, HigherBetter: true,
			Verification: "Listes de présence des séances d'orientation", Responsible: "ANPE, bureaux régionaux"},
	}},
	{"OS2", "Protéger les droits des travailleurs migrants", "Protect the rights of migrant workers", []mobilite.PlanLine{
		{IndicatorID: "LM-O01", BaselineValue: ptr(1.4), BaselineYear: 2023, Targets: map[int]float64{2026: 1, 2027: 0.8}, HigherBetter: false,
			Verification: "Enquête auprès des travailleurs migrants de retour", Responsible: "Ministère du travail, service des statistiques"},
		{IndicatorID: "LM-P01", Targets: map[int]float64{}, HigherBetter: true, Verification: "Registre des plaintes",
			Responsible: "Inspection du travail"},
	}},
	{"OS3", "Favoriser le retour et la réintégration", "Support return and reintegration", []mobilite.PlanLine{
		{IndicatorID: "LM-F06", BaselineValue: ptr(45), BaselineYear: 2023, Targets: map[int]float64{2025: 60, 2026: 80}, HigherBetter: true,
			Verification: "Registre des retours", Responsible: "ANPE"},
		{IndicatorID: "LM-F07", BaselineValue: ptr(33), BaselineYear: 2023, Targets: map[int]float64{2025: 40, 2026: 45, 2027: 50}, HigherBetter: true,
			Verification: "Suivi à 12 mois des personnes de retour", Responsible: "ANPE, bureaux régionaux"},
		{IndicatorID: "LM-F08", Targets: map[int]float64{2026: 70, 2027: 80}, HigherBetter: true,
			Verification: "Registre des départs et des retours", Responsible: "ANPE"},
	}},
}

// LoadPlan writes the demonstration action plan when the plan is empty.
func LoadPlan(ctx context.Context, s mobilite.Store, now time.Time) (int, error) {
	plan, err := s.FindPlan(ctx)
	if err != nil || len(plan) > 0 {
		return 0, err
	}
	n := 0
	err = s.Tx(ctx, func(tx mobilite.Store) error {
		for i, o := range demoPlan {
			obj := &mobilite.PlanObjective{Code: o.code, TitleFR: o.fr, TitleEN: o.en, Position: i, CreatedAt: now, UpdatedAt: now}
			if err := tx.SaveObjective(ctx, obj); err != nil {
				return err
			}
			for j, l := range o.lines {
				l.ObjectiveID, l.Position, l.CreatedAt, l.UpdatedAt = obj.ID, j, now, now
				if err := tx.SavePlanLine(ctx, &l); err != nil {
					return err
				}
				n++
			}
		}
		return nil
	})
	return n, err
}

func ptr(v float64) *float64 { return &v }

// LoadAggregates writes invented consular figures of nationals abroad, by sex, for the last two
// years, when there are none.
func LoadAggregates(ctx context.Context, s mobilite.Store, now time.Time) error {
	y := now.Year() - 1
	have, err := s.FindDataValues(ctx, "nationals_abroad", strconv.Itoa(y))
	if err != nil || len(have) > 0 {
		return err
	}
	counts := map[string][2]float64{"CIV": {18400, 15100}, "GHA": {14200, 13900}, "NGA": {9100, 7300}, "BEN": {12500, 12800},
		"FRA": {11800, 9400}, "DEU": {6200, 3900}, "USA": {4800, 4100}, "CAN": {2900, 2500}, "LBN": {600, 2100}}
	var vs []mobilite.DataValue
	for _, year := range []int{y - 1, y} {
		for country, mf := range counts {
			grow := 1.0
			if year == y {
				grow = 1.04
			}
			vs = append(vs,
				mobilite.DataValue{ElementID: "nationals_abroad", Period: strconv.Itoa(year), OrgUnit: country, Category: "SEX_M", Value: float64(int(mf[0] * grow)), UpdatedAt: now},
				mobilite.DataValue{ElementID: "nationals_abroad", Period: strconv.Itoa(year), OrgUnit: country, Category: "SEX_F", Value: float64(int(mf[1] * grow)), UpdatedAt: now})
		}
	}
	return s.SaveDataValues(ctx, vs)
}

// LoadSurvey imports the model questionnaire and 400 generated submissions of last year, as
// the demo statistician, when no questionnaire is loaded: the survey indicators then have
// something to compute on a demo site.
func LoadSurvey(ctx context.Context, s mobilite.Store, now time.Time) (int, error) {
	forms, err := s.FindSurveyForms(ctx)
	if err != nil || len(forms) > 0 {
		return 0, err
	}
	staff, err := s.FindUserByLogin(ctx, "statistiques@mobilite.example")
	if err != nil {
		return 0, err
	}
	svc := &survey.Service{Store: s, Now: func() time.Time { return now }}
	model, err := survey.ModelForm()
	if err != nil {
		return 0, err
	}
	f, _, err := svc.ImportForm(ctx, staff, "modele.xlsx", model)
	if err != nil {
		return 0, err
	}
	var buf bytes.Buffer
	if err := survey.WriteSample(&buf, 400, 2026, now); err != nil {
		return 0, err
	}
	up, _, err := svc.PrepareUpload(ctx, staff, f.ID, "export-kobo-demo.csv", buf.Bytes())
	if err != nil {
		return 0, err
	}
	res, err := svc.ConfirmUpload(ctx, staff, up.ID, nil)
	return res.New, err
}
