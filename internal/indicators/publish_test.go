package indicators

import (
	"strings"
	"testing"

	"mobilite"
	"mobilite/internal/stats"
)

// Every unit an indicator may have exports to SDMX-CSV; a period SDMX cannot say is refused at
// the period.
func TestExportEveryUnit(t *testing.T) {
	for _, unit := range Units {
		ind := &Indicator{ID: "LM-X01", Unit: unit, Source: "A"}
		tb := &stats.Table{Indicator: ind.ID, Period: "2025", Unit: unit, Factor: 1}
		tb.Cell().Value, tb.Cell().Num, tb.Cell().N = 12, 12, 12
		body, _, _, err := Export(ind, tb, "sdmx-csv", "fr")
		if err != nil || !strings.Contains(string(body), ",2025,12,") {
			t.Errorf("unit %s: %v\n%s", unit, err, body)
		}
	}
	tb := &stats.Table{Indicator: "LM-X01", Period: "2025-01-01/2025-03-31", Unit: "persons", Factor: 1}
	tb.Cell().Value = 1
	if _, _, _, err := Export(&Indicator{ID: "LM-X01", Unit: "persons"}, tb, "sdmx-csv", "fr"); mobilite.ErrorCode(err) != mobilite.EINVALID {
		t.Errorf("a custom range: %v", err)
	}
}
