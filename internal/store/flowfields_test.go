package store

import (
	"strings"
	"testing"

	"mobilite/internal/locale"
)

// The help of the form that adds an indicator lists every dataset and field the engine knows,
// in both languages.
func TestFlowFieldsDocumented(t *testing.T) {
	cat := locale.MustLoad()
	for _, lang := range []string{"fr", "en"} {
		help := cat.Printer(lang).T("indicator.fields.list")
		for ds, fields := range FlowDatasets() {
			i := strings.Index(help, ds+" :")
			if lang == "en" {
				i = strings.Index(help, ds+":")
			}
			if i < 0 {
				t.Errorf("%s: dataset %s is not in indicator.fields.list", lang, ds)
				continue
			}
			part, _, _ := strings.Cut(help[i:], ".")
			for _, f := range fields {
				if !strings.Contains(part+",", " "+f+",") {
					t.Errorf("%s: field %s of %s is not in indicator.fields.list", lang, f, ds)
				}
			}
		}
	}
}
