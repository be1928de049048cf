package postgres

import (
	"bytes"
	"io"
	"strings"
	"testing"
)

func TestCopyRows(t *testing.T) {
	values := []any{int64(7), "a\tb\nc\\d\re", nil, true, 0.25, "", 3, false}
	for _, size := range []int{1, 2, 3, 7, 64, 4096} {
		r := &copyReader{values: values, width: 4}
		var got bytes.Buffer
		p := make([]byte, size)
		for {
			n, err := r.Read(p)
			got.Write(p[:n])
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
		}
		want := "7\ta\\tb\\nc\\\\d\\re\t\\N\tt\n0.25\t\t3\tf\n"
		if got.String() != want {
			t.Fatalf("reads of %d bytes: %q, want %q", size, got.String(), want)
		}
	}
	if _, err := appendCopyRow(nil, []any{struct{}{}}); err == nil {
		t.Fatal("a value with no text form was written")
	}
}

// FuzzCopyText: COPY reads back, from what appendCopyText wrote, the text it was given, on one
// line and one field.
func FuzzCopyText(f *testing.F) {
	for _, s := range []string{"", "a\tb", "\\N", "\\.", "x\r\n", "é🧑"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		b := appendCopyText(nil, s)
		if bytes.ContainsAny(b, "\t\n\r") {
			t.Fatalf("%q: a separator is left in %q", s, b)
		}
		if got := unescapeCopy(string(b)); got != s {
			t.Fatalf("%q read back as %q", s, got)
		}
	})
}

// unescapeCopy reads a field as COPY's text format does (the escapes appendCopyText writes).
func unescapeCopy(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] != '\\' || i+1 == len(s) {
			b.WriteByte(s[i])
			continue
		}
		i++
		switch s[i] {
		case 't':
			b.WriteByte('\t')
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		default:
			b.WriteByte(s[i])
		}
	}
	return b.String()
}
