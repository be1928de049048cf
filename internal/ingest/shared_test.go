package ingest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// sharedFixtures holds the fixtures that may not be copied into the repository (no licence, or
// GPL). The test runs when the shared folder sits next to the repository, and skips otherwise.
const sharedFixtures = "../../../shared/data/fixtures"

func TestSharedFixtures(t *testing.T) {
	if _, err := os.Stat(sharedFixtures); err != nil {
		t.Skipf("shared fixtures not found at %s", sharedFixtures)
	}
	tests := []struct {
		kind, path string
		count      int
		want       map[int]fields
	}{
		{KindRSS, "rss/unicef_jobs.xml", 32, map[int]fields{
			0: {"Title": "Re-advertisement: People and Culture Manager (Organizational Learning and Development), P-4, Fixed Term Position, DPC, outposted to Budapest, Hungary #00132723",
				"Organization": "", "ExternalID": "2772505806030436", "URL": "https://careers.pageuppeople.com/671/cw/en-us/job/584179",
				"Language": "en", "Posted": "2026-03-06T08:00:00Z"},
		}},
		{KindRSS, "feeds/remote-management-and-finance-jobs.rss", 15, map[int]fields{
			0: {"Organization": "Front Of The Pack", "Title": "Head of Supply Chain", "ContractType": "Full-Time",
				"Deadline": "2022-12-01T16:28:46Z", "Posted": "2022-11-01T16:28:46Z", "Language": "en-US",
				"ExternalID": "https://weworkremotely.com/listings/front-of-the-pack-head-of-supply-chain",
				"Categories": "Management and Finance|Anywhere in the World"},
			2: {"Organization": "EngagedMD", "Title": "Director of Finance Planning & Analysis"},
		}},
		{KindRSS, "feeds/undp_jobs.xml", 2, map[int]fields{
			0: {"ExternalID": "7820804324530094", "Language": "en", "Organization": "",
				"URL": "https://estm.fa.em2.oraclecloud.com/hcmUI/CandidateExperience/en/sites/CX_1/requisitions/job/33216"},
		}},
		{KindRSS, "feeds/jobs.rss", 350, map[int]fields{0: {"ExternalID": "job-3520"}}},
		{KindRSS, "feeds/rss.xml", 100, nil},
		{KindReliefWeb, "reliefweb/semantic_commands/test.json", 1, map[int]fields{
			0: {"ExternalID": "4071448", "Title": "Human Resources Director", "Organization": "International Rescue Committee",
				"Country": "Jordan", "City": "Amman", "ContractType": "Job", "Experience": "5-9 years",
				"ApplyURL": "https://careers.rescue.org/us/en/job/req52467/Human-Resources-Director",
				"Posted":   "2024-06-19T12:22:13Z", "Categories": "Human Resources"},
		}},
		{KindReliefWeb, "reliefweb/post_api_tests_data/data-job.json", 1, map[int]fields{
			0: {"Title": "This a test document - job", "URL": "https://test.test/test/job", "Organization": "",
				"Deadline": "2029-06-06T01:00:00Z"},
		}},
		{KindReliefWeb, "reliefweb/post_api_tests_data/data-job-unicode.json", 1, map[int]fields{0: {"Title": "This a テスト document - job"}}},
		{KindJSONLD, "schema_org/eg-0028-JobPosting.jsonld", 1, map[int]fields{0: {"Title": "Software Engineer"}}},
		{KindHROpen, "hropen/_payload_object_hropen_position_openings.json", 1, nil},
	}
	for _, tt := range tests {
		t.Run(tt.path, func(t *testing.T) {
			data := readFixture(t, filepath.Join(sharedFixtures, tt.path))
			if got := Detect(data, "", ""); got != tt.kind {
				t.Errorf("Detect = %q, want %q", got, tt.kind)
			}
			items, err := Parse(tt.kind, data, nil)
			if err != nil {
				t.Fatal(err)
			}
			checkItems(t, items, tt.count, tt.want)
		})
	}

	t.Run("the schema is not a job", func(t *testing.T) {
		data := readFixture(t, filepath.Join(sharedFixtures, "reliefweb/post_api_schemas_v2/job.json"))
		if got := Detect(data, "", ""); got == KindReliefWeb {
			t.Errorf("the JSON Schema was taken for a ReliefWeb response")
		}
	})
	t.Run("other json feeds are not detected as ours", func(t *testing.T) {
		for _, f := range []string{"feeds/remoteok.json", "feeds/greenhouse.json", "feeds/jobs.json", "feeds/francetravail_offres_search_74.json"} {
			if got := Detect(readFixture(t, filepath.Join(sharedFixtures, f)), "application/json", f); got != "" {
				t.Errorf("Detect(%s) = %q, want \"\"", f, got)
			}
		}
	})
	t.Run("survey exports are not uploads", func(t *testing.T) {
		for _, f := range []string{"survey/build_Flora-Quadrat-0-4_1564384341.csv", "survey/aLcg7HtfpBHyCsyNmRvqme.xlsx"} {
			kind := KindCSV
			if strings.HasSuffix(f, ".xlsx") {
				kind = KindXLSX
			}
			_, _, _, err := ParseTable(kind, readFixture(t, filepath.Join(sharedFixtures, f)))
			if err == nil || !strings.Contains(err.Error(), "header") && !strings.Contains(err.Error(), "missing required column") {
				t.Errorf("ParseTable(%s) error = %v, want a header error", f, err)
			}
		}
		_, _, _, err := ParseTable(KindXLSX, readFixture(t, filepath.Join(sharedFixtures, "survey/form.xls")))
		if err == nil || !strings.Contains(err.Error(), ".xls") {
			t.Errorf("legacy .xls error = %v", err)
		}
	})
}
