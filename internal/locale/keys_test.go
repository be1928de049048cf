package locale

import (
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// auditCall finds the action and the entity of an audit entry written with literals; auditAction
// an action chosen in a variable first; auditEntity the entity of an entry whose action is a
// variable.
var (
	auditCall   = regexp.MustCompile(`(?:audit\.Record|\.record)\([^\n]*?, "([a-z_.]+)", "([a-z_]+)", `)
	auditAction = regexp.MustCompile(`action\s*:?=\s*"([a-z_.]+)"`)
	auditEntity = regexp.MustCompile(`(?:audit\.Record|\.record)\([^\n]*?, action, "([a-z_]+)", `)
)

// callKey finds the message keys the Go code passes to Problems.Add, Invalid and Errorf.
var callKey = regexp.MustCompile(`(?:\.Add\(\s*"[^"]*",\s*|Invalid\(\s*"[^"]*",\s*|Errorf\(\s*[A-Za-z.]+,\s*)"([a-z][a-z0-9_]*(?:\.[a-z0-9_]+)+)"`)

// goSources calls fn with the path and text of every Go file of the module but tests.
func goSources(t *testing.T, fn func(path, src string)) {
	t.Helper()
	root := filepath.Join("..", "..")
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
		fn(path, string(src))
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// Every key of an error the code raises is in the catalogue: a missing one reaches people as
// the key itself ("seeker.region.invalid" did, on four pages and in the API).
func TestErrorKeysExist(t *testing.T) {
	c := MustLoad()
	checked := 0
	goSources(t, func(path, src string) {
		for _, m := range callKey.FindAllStringSubmatch(src, -1) {
			checked++
			for _, lang := range Languages {
				if !c.Has(lang, m[1]) {
					t.Errorf("%s: %s is not in the %s catalogue", path, m[1], lang)
				}
			}
		}
	})
	if checked < 200 {
		t.Errorf("only %d keys found in the code: is the pattern still right?", checked)
	}
}

// The audit page names every action and entity the code records (audit.action.*,
// audit.entity.*): it showed "audit.action.plan.line.save" and a dozen others.
func TestAuditKeysExist(t *testing.T) {
	c := MustLoad()
	keys := map[string]string{}
	goSources(t, func(path, src string) {
		for _, m := range auditCall.FindAllStringSubmatch(src, -1) {
			keys["audit.action."+m[1]], keys["audit.entity."+m[2]] = path, path
		}
		for _, m := range auditEntity.FindAllStringSubmatch(src, -1) {
			keys["audit.entity."+m[1]] = path
		}
		if strings.Contains(src, "audit.Record(") {
			for _, m := range auditAction.FindAllStringSubmatch(src, -1) {
				keys["audit.action."+m[1]] = path
			}
		}
	})
	if len(keys) < 40 {
		t.Errorf("only %d audit keys found in the code: is the pattern still right?", len(keys))
	}
	for key, path := range keys {
		for _, lang := range Languages {
			if !c.Has(lang, key) {
				t.Errorf("%s: %s is not in the %s catalogue", path, key, lang)
			}
		}
	}
}
