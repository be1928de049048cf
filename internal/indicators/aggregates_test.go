package indicators

import (
	"sort"
	"strings"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/ref"
	"mobilite/internal/store/storetest"
)

func TestAggregates(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			s := storetest.Open(t, engine)
			svc := New(s, ref.MustLoad())
			if err := svc.EnsureElements(ctx, time.Now()); err != nil {
				t.Fatal(err)
			}
			stat := storetest.NewUser("stat@example.tg", mobilite.RoleStatistician)
			if err := s.CreateUser(ctx, stat); err != nil {
				t.Fatal(err)
			}
			// Typed values: bad ones are named, nothing is saved.
			_, err := svc.EnterValues(ctx, stat, "nationals_abroad", "2025Q1", "Togo", map[string]string{"SEX_F": "-3", "SEX_X": "4"})
			if got := fields(err); got != "org_unit period v_SEX_F v_SEX_X" {
				t.Errorf("bad entry: %q (%v)", got, err)
			}
			n, err := svc.EnterValues(ctx, stat, "nationals_abroad", "2025", "France", map[string]string{"SEX_F": "1 200", "SEX_M": "1300", "": ""})
			if err != nil || n != 2 {
				t.Fatalf("entry: %d %v", n, err)
			}
			// A file: the bad lines are reported and nothing loads unless asked.
			file := "dataElement;period;orgUnit;categoryOptionCombo;value\n" +
				"nationals_abroad;2025;CIV;SEX_F;500\n" +
				"nationals_abroad;2025;CIV;SEX_M;700\n" +
				"nationals_abroad;2025Q3;CIV;SEX_M;70\n" +
				"nationals_abroad;2025;Atlantis;SEX_M;70\n" +
				"unknown;2025;CIV;SEX_M;70\n" +
				"nationals_abroad;2025;GHA;SEX_M;sept\n" +
				"nationals_abroad;2025;FRA;SEX_M;1350\n"
			problems, loaded, err := svc.ImportValues(ctx, stat, strings.NewReader(file), false)
			if err != nil || loaded != 0 || len(problems) != 4 || problems[0].Row != 4 || problems[0].Column != "period" {
				t.Fatalf("import: %+v %d %v", problems, loaded, err)
			}
			if _, loaded, _ = svc.ImportValues(ctx, stat, strings.NewReader(file), true); loaded != 3 {
				t.Fatalf("import of the valid lines: %d", loaded)
			}
			// LM-E01 sums them: France men replaced by the file (1350), Côte d'Ivoire from the file.
			res, err := svc.Compute(ctx, Request{Indicator: find("LM-E01"), Period: Year(2025), By: []string{"sex", "residence"}}, "fr")
			if err != nil {
				t.Fatal(err)
			}
			for k, v := range map[string]float64{"SEX_F|CRS_RES_FRA": 1200, "SEX_M|CRS_RES_FRA": 1350, "SEX_F|CRS_RES_CIV": 500,
				"_T|_T": 3750, "SEX_M|_T": 2050} {
				if c := res.Table.Cells[k]; c == nil || c.Value != v {
					t.Errorf("LM-E01 [%s] = %+v, want %v", k, c, v)
				}
			}
			if got := res.Table.Dims[1].Labels["CRS_RES_FRA"]; got != "France" {
				t.Errorf("label of France: %q", got)
			}
			res, err = svc.Compute(ctx, Request{Indicator: find("LM-E01"), Period: Year(2019)}, "fr")
			if err != nil || res.NoData == "" {
				t.Errorf("a year without figures: %+v %v", res, err)
			}
		})
	}
}

func fields(err error) string {
	var out []string
	for _, f := range mobilite.ErrorFields(err) {
		out = append(out, f.Field)
	}
	sort.Strings(out)
	return strings.Join(out, " ")
}
