package web

import (
	"io/fs"
	"regexp"
	"testing"

	"mobilite/internal/locale"
)

// Every catalogue key written literally in a template must exist, in both languages.
func TestTemplateKeysExist(t *testing.T) {
	cat := locale.MustLoad()
	keyRe := regexp.MustCompile(`\{\{-?\s*(?:t|tn)\s+"([^"]+)"|"(?:hint=)?([a-z_]+\.[a-z_.]+)"`)
	n := 0
	eachTemplate(t, func(path string, b []byte) {
		for _, m := range keyRe.FindAllStringSubmatch(string(b), -1) {
			key := m[1] + m[2]
			if key[len(key)-1] == '.' {
				continue // a prefix completed at run time, as in (print "audit.entity." .Entity)
			}
			n++
			for _, lang := range locale.Languages {
				if !cat.Has(lang, key) {
					t.Errorf("%s: key %q missing in %s", path, key, lang)
				}
			}
		}
	})
	if n < 100 {
		t.Fatalf("only %d keys found: the pattern no longer matches the templates", n)
	}
}

func TestTemplatesParse(t *testing.T) {
	tpl, err := parseTemplates(locale.MustLoad())
	if err != nil {
		t.Fatal(err)
	}
	for _, lang := range locale.Languages {
		if len(tpl[lang]) < 15 {
			t.Errorf("%s: only %d pages", lang, len(tpl[lang]))
		}
	}
}

// A field the templates mark invalid also shows its message: the summary at the top of the form
// says "see the fields below", and a field marked red without a word tells nothing.
func TestInvalidFieldsSayWhy(t *testing.T) {
	marked := regexp.MustCompile(`\{\{with \$?\.Errors\.([a-z_0-9]+)\}\}\s*(?:class=")?invalid`)
	n := 0
	eachTemplate(t, func(path string, b []byte) {
		for _, m := range marked.FindAllStringSubmatch(string(b), -1) {
			n++
			said := regexp.MustCompile(`\{\{with \$?\.Errors\.` + m[1] + `\}\}<p class="error"`)
			if !said.Match(b) {
				t.Errorf("%s: the field %s is marked invalid but its message is never shown", path, m[1])
			}
		}
	})
	if n < 10 {
		t.Fatalf("only %d fields marked invalid found: the pattern no longer matches the templates", n)
	}
}

// eachTemplate calls fn with the path and text of every template.
func eachTemplate(t *testing.T, fn func(path string, b []byte)) {
	t.Helper()
	err := fs.WalkDir(templateFS, "templates", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(templateFS, path)
		if err != nil {
			return err
		}
		fn(path, b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
