package ingest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func readFixture(t testing.TB, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(filepath.FromSlash(path))
	if err != nil {
		t.Fatalf("read fixture: %v", err)
	}
	return data
}

// fields are the expected values of some fields of an item, by field name. Dates are written
// in RFC 3339, so that the zone is checked too; "" means the zero time.
type fields map[string]string

func fieldOf(it Item, name string) string {
	date := func(t time.Time) string {
		if t.IsZero() {
			return ""
		}
		return t.Format(time.RFC3339)
	}
	switch name {
	case "ExternalID":
		return it.ExternalID
	case "URL":
		return it.URL
	case "Title":
		return it.Title
	case "Organization":
		return it.Organization
	case "OrgShortName":
		return it.OrgShortName
	case "OrgType":
		return it.OrgType
	case "Description":
		return it.DescriptionHTML
	case "HowToApply":
		return it.HowToApplyHTML
	case "ApplyURL":
		return it.ApplyURL
	case "Country":
		return it.Country
	case "City":
		return it.City
	case "ContractType":
		return it.ContractType
	case "Deadline":
		return date(it.Deadline)
	case "DeadlineRaw":
		return it.DeadlineRaw
	case "Posted":
		return date(it.Posted)
	case "Updated":
		return date(it.Updated)
	case "Language":
		return it.Language
	case "ISCO08":
		return it.ISCO08
	case "Salary":
		return it.Salary
	case "Experience":
		return it.Experience
	case "Categories":
		return strings.Join(it.Categories, "|")
	}
	panic("unknown field " + name)
}

func checkFields(t *testing.T, label string, it Item, want fields) {
	t.Helper()
	for name, w := range want {
		if got := fieldOf(it, name); got != w {
			t.Errorf("%s: %s = %q, want %q", label, name, got, w)
		}
	}
}

// checkItems checks the number of items and the fields of some of them, by index.
func checkItems(t *testing.T, items []Item, count int, want map[int]fields) {
	t.Helper()
	if len(items) != count {
		t.Fatalf("got %d items, want %d", len(items), count)
	}
	for i, w := range want {
		checkFields(t, "item "+strconv.Itoa(i), items[i], w)
	}
	for i, it := range items {
		if strings.TrimSpace(it.Title) == "" {
			t.Errorf("item %d has no title", i)
		}
	}
}
