package ingest

import "testing"

func TestParseReliefWeb(t *testing.T) {
	items, err := Parse(KindReliefWeb, readFixture(t, "testdata/reliefweb/jobs.json"), nil)
	if err != nil {
		t.Fatal(err)
	}
	checkItems(t, items, 4, map[int]fields{
		0: { // in French
			"ExternalID": "4150231", "Title": "Coordinateur/trice des programmes de protection",
			"URL":          "https://reliefweb.int/job/4150231/coordinateurtrice-des-programmes-de-protection",
			"Organization": "Norwegian Refugee Council", "OrgShortName": "NRC", "OrgType": "Non-governmental Organization",
			"Country": "cod", "City": "Goma", "ContractType": "Job", "Experience": "5-9 years", "Language": "fr",
			"Deadline": "2026-05-20T00:00:00Z", "Posted": "2026-04-28T10:12:33Z", "Updated": "2026-04-29T08:00:01Z",
			"HowToApply": "<p>Postulez en ligne sur <a href=\"https://www.nrc.example.no/jobs/12345\">notre site</a>.</p>",
			"ApplyURL":   "",
			"Categories": "Program/Project Management|Protection and Human Rights",
		},
		1: { // no closing date
			"Title": "Senior Logistics Officer (Supply Chain), NOC", "Organization": "World Food Programme",
			"Country": "ken", "Deadline": "", "DeadlineRaw": "", "Language": "en", "Experience": "10+ years",
		},
		2: { // a consultancy in Togo whose how-to-apply is a link
			"Title":        "Consultant(e) national(e) – Évaluation finale du projet d'emploi des jeunes",
			"Organization": "United Nations Development Programme", "OrgShortName": "UNDP",
			"Country": "tgo", "City": "Lomé", "ContractType": "Consultancy", "Deadline": "2026-05-16T00:00:00Z",
			"URL":      "https://reliefweb.int/node/4150412",
			"ApplyURL": "https://procurement-notices.undp.example.org/view_notice.cfm?notice_id=98765",
		},
		3: { // Côte d'Ivoire, with objects and strings where the API has lists, and a numeric id
			"ExternalID": "4150503", "Title": "Migration Health Assistant", "Country": "civ", "City": "Abidjan",
			"Organization": "International Organization for Migration", "OrgShortName": "IOM",
			"ContractType": "Job", "Deadline": "2026-05-24T23:59:00Z", "Language": "en",
			"Description": "IOM is looking for a Migration Health Assistant for its migration health assessment centre in Abidjan.",
		},
	})
}

func TestParseReliefWebShapes(t *testing.T) {
	tests := []struct {
		name  string
		doc   string
		count int
		want  map[int]fields
	}{
		{"empty data", `{"totalCount":0,"count":0,"data":[]}`, 0, nil},
		{"single entry", `{"id":"7","fields":{"title":"Chauffeur","country":"Togo","date":{"closing":"2026-06-01T00:00:00+00:00"}}}`, 1,
			map[int]fields{0: {"ExternalID": "7", "Title": "Chauffeur", "Country": "Togo", "Deadline": "2026-06-01T00:00:00Z"}}},
		{"array of entries", `[{"id":1,"fields":{"title":"Comptable"}},{"fields":{"title":"Magasinier","id":2}}]`, 2,
			map[int]fields{0: {"ExternalID": "1"}, 1: {"ExternalID": "2", "Title": "Magasinier"}}},
		{"internal record with epoch dates", `{"id":"4071448","title":"Human Resources Director","created":"1718799733",
			"country":[{"id":"129","name":"Jordan"}],"city":"Amman","job_type":[{"name":"Job"}],"job_experience":[{"name":"5-9 years"}],
			"source":[{"id":"2012","name":"International Rescue Committee"}],"career_categories":[{"name":"Human Resources"}]}`, 1,
			map[int]fields{0: {"Title": "Human Resources Director", "Country": "Jordan", "City": "Amman", "ContractType": "Job",
				"Experience": "5-9 years", "Organization": "International Rescue Committee", "Posted": "2024-06-19T12:22:13Z"}}},
		{"ids are not names", `{"title":"This a test document - job","source":[1503],"country":[13,14],"closing_date":"2029-06-06T01:00:00+00:00"}`, 1,
			map[int]fields{0: {"Organization": "", "Country": "", "Deadline": "2029-06-06T01:00:00Z"}}},
		{"unreadable closing date kept raw", `{"data":[{"id":"9","fields":{"title":"Chef de projet","date":{"closing":"fin juin"}}}]}`, 1,
			map[int]fields{0: {"Deadline": "", "DeadlineRaw": "fin juin"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			items, err := Parse(KindReliefWeb, []byte(tt.doc), nil)
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, items, tt.count, tt.want)
		})
	}
}
