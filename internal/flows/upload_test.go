package flows

import "testing"

// FuzzReadTable: any bytes give rows or an error, never a panic.
func FuzzReadTable(f *testing.F) {
	f.Add([]byte("date;destination;channel\n2025-01-01;CIV;individual\n"))
	f.Add([]byte("PK\x03\x04 broken"))
	f.Add([]byte("\xef\xbb\xbfdate,destination\n\"unterminated"))
	f.Add([]byte("date;ville\n2025-01-01;Lom\xe9\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		rows, err := readTable(data)
		if err == nil && len(rows) > 0 && rows[len(rows)-1] == nil {
			t.Errorf("a nil row")
		}
	})
}

func TestTemplateReads(t *testing.T) {
	rows, err := readTable(Template())
	if err != nil || len(rows) != 2 || rows[0][0] != "\ufeffseeker" && rows[0][0] != "seeker" || len(rows[1]) != len(TemplateColumns) {
		t.Fatalf("template: %q %v", rows, err)
	}
}
