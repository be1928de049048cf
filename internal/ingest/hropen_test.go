package ingest

import "testing"

func TestParseHROpen(t *testing.T) {
	tests := []struct {
		name, path string
		count      int
		want       map[int]fields
	}{
		{"openings of public employment services", "testdata/hropen/openings.json", 3, map[int]fields{
			0: { // everything nested in positionProfiles
				"ExternalID": "10001-1000123456-S", "Title": "Pflegefachkraft (m/w/d) – Altenpflege",
				"URL":          "https://www.arbeitsagentur.example.de/jobsuche/jobdetail/10001-1000123456-S",
				"Organization": "Pflegedienst Sonnenschein GmbH", "Country": "DE", "City": "Leipzig",
				"ContractType": "DirectHire, FullTime", "Deadline": "2026-07-31T00:00:00Z", "Posted": "2026-05-01T00:00:00Z",
				"ApplyURL": "https://karriere.pflege-sonnenschein.example.de/bewerbung/1234", "Language": "de-DE",
				"ISCO08": "2221", "Salary": "EUR 3400-3900 Month", "Categories": "Berufe in der Altenpflege",
				"Description": "<p>Grund- und Behandlungspflege unserer Bewohnerinnen und Bewohner.</p>\n\n<p>Anerkannte Ausbildung als Pflegefachkraft; Deutsch B2.</p>",
			},
			1: { // flattened, strings where lists are expected
				"ExternalID": "SEPE-2026-HU-0457", "Title": "Temporero/a para la campaña de frutos rojos",
				"Organization": "Cooperativa Agrícola del Condado", "Country": "ES", "City": "Moguer",
				"ContractType": "Seasonal, FullTime", "Deadline": "2026-06-15T23:59:59+02:00", "Posted": "2026-05-04T09:00:00+02:00",
				"HowToApply": "seleccion@coop-condado.example.es", "Language": "es", "ISCO08": "9211",
			},
			2: { // PascalCase, a department listed before the employer, deadline from the posting end
				"ExternalID": "FT-186QWXY", "Title": "Maçon / Maçonne en rénovation", "Organization": "Bâti Rénov Savoie",
				"Country": "FR", "City": "Annecy", "ContractType": "Temporary, FullTime",
				"Deadline": "2026-06-28T08:15:00+02:00", "Language": "fr-FR", "Salary": "EUR 13.50 Hour",
			},
		}},
		{"JazzHR sample with placeholders", "testdata/hropen/jazzhr_position_openings.json", 1, map[int]fields{
			0: {"ExternalID": "string", "Title": "string", "Organization": "string", "City": "string", "Language": "en-US",
				"Description": "template", "ApplyURL": "string", "Deadline": "", "DeadlineRaw": "date"},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := Parse(KindHROpen, readFixture(t, tt.path), nil)
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, items, tt.count, tt.want)
		})
	}
}

func TestParseHROpenShapes(t *testing.T) {
	tests := []struct {
		name, doc string
		count     int
		want      map[int]fields
	}{
		{"single opening", `{"documentId":"X1","positionTitle":"Serveur","positionLocations":[{"address":{"countryCode":"MT","cityName":"La Valette"}}]}`, 1,
			map[int]fields{0: {"ExternalID": "X1", "Title": "Serveur", "Country": "MT", "City": "La Valette"}}},
		{"wrapped list", `{"positionOpenings":[{"documentId":{"value":"A"},"positionProfiles":[{"positionTitle":"Boucher"}]}]}`, 1,
			map[int]fields{0: {"ExternalID": "A", "Title": "Boucher"}}},
		{"untitled opening dropped", `[{"documentId":"A","positionTitle":"Boulanger"},{"documentId":"B"}]`, 1,
			map[int]fields{0: {"ExternalID": "A"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := Parse(KindHROpen, []byte(tt.doc), nil)
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, items, tt.count, tt.want)
		})
	}
}
