package ref

import (
	"io/fs"
	"strings"
	"testing"
	"testing/fstest"
)

// TestLoadRejectsBrokenFiles checks that Load reports a broken file instead of serving partial
// data: each case breaks one embedded file.
func TestLoadRejectsBrokenFiles(t *testing.T) {
	tests := []struct {
		file     string
		old, new string
	}{
		{"isco08.csv", "code,level", "code,levels"},
		{"isco08.csv", "7411,4,", "7411,3,"},
		{"isco08.csv", "7412,4,", "7411,4,"},
		{"isced2011.csv", "3,L3", "3,L4"},
		{"isic4_full.csv", "0111,class", "0111,group"},
		{"isic4_sections.csv", "B,Mining", "B,Mining!"},
		{"countries.csv", "TG,TGO,768", "TG,TGO,76"},
		{"countries.csv", "Togo,Yes,1,1", "Togo,Yes,yes,1"},
		{"countries.csv", "GH,GHA", "GH,TGO"},
		{"togo_admin.csv", "Golfe,Maritime,TG-M,Lomé,1", "Golfe,Maritime,TG-X,Lomé,1"},
		{"togo_admin.csv", "Golfe,Maritime,TG-M,Lomé,1", "Golfe,Maritime,TG-M,Lomé,oui"},
	}
	for _, tt := range tests {
		fsys := fstest.MapFS{}
		err := fs.WalkDir(files, "data", func(path string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			b, err := fs.ReadFile(files, path)
			fsys[path] = &fstest.MapFile{Data: b}
			return err
		})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := load(fsys); err != nil {
			t.Fatalf("intact copy: %v", err)
		}
		f := fsys["data/"+tt.file]
		if !strings.Contains(string(f.Data), tt.old) {
			t.Fatalf("%s does not contain %q", tt.file, tt.old)
		}
		f.Data = []byte(strings.Replace(string(f.Data), tt.old, tt.new, 1))
		if _, err := load(fsys); err == nil {
			t.Errorf("%s with %q → %q: Load succeeded", tt.file, tt.old, tt.new)
		}
	}
}
