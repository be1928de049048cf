package locale

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// callKey finds the message keys the Go code passes to Problems.Add, Invalid and Errorf.
var callKey = regexp.MustCompile(`(?:\.Add\(\s*"[^"]*",\s*|Invalid\(\s*"[^"]*",\s*|Errorf\(\s*[A-Za-z.]+,\s*)"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"`)

// Every key of an error the code raises is in the catalogue: a missing one reaches people as
// the key itself ("seeker.region.invalid" did, on four pages and in the API).
func TestErrorKeysExist(t *testing.T) {
	c := MustLoad()
	root := filepath.Join("..", "..")
	checked := 0
	err := filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && (d.Name() == ".git" || d.Name() == "out" || d.Name() == "testdata") {
			return filepath.SkipDir
		}
		if d.IsDir() || !strings.HasSuffix(path, ".go") || strings.HasSuffix(path, "_test.go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		for _, m := range callKey.FindAllStringSubmatch(string(src), -1) {
			checked++
			for _, lang := range Languages {
				if !c.Has(lang, m[1]) {
					t.Errorf("%s: %s is not in the %s catalogue", path, m[1], lang)
				}
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if checked < 200 {
		t.Errorf("only %d keys found in the code: is the pattern still right?", checked)
	}
}
