package mobilite

import (
	"strings"
	"testing"
)

func TestNormalizePhone(t *testing.T) {
	tests := []struct {
		in   string
		want string // "" when the number must be refused
	}{
		// Togo's national form: eight digits, however they are grouped.
		{"90 12 34 56", "+22890123456"},
		{"90.12.34.56", "+22890123456"},
		{"90-12-34-56", "+22890123456"},
		{"(90) 12 34 56", "+22890123456"},
		{"90123456", "+22890123456"},
		{"  90 12 34 56\t", "+22890123456"},
		{"90\u00a012\u00a034\u00a056", "+22890123456"}, // no-break spaces, as word processors write them
		{"70 12 34 56", "+22870123456"},
		{"22 21 00 00", "+22822210000"}, // a fixed line in Lomé
		{"12 34 56 78", ""},             // no Togolese number starts with 1
		{"80 12 34 56", ""},
		{"90 12 34 5", ""},   // seven digits
		{"90 12 34 567", ""}, // nine digits and no country code

		// Togo with its country code.
		{"+228 90 12 34 56", "+22890123456"},
		{"00228 90 12 34 56", "+22890123456"},
		{"+228 90 12 34 5", ""},    // one digit short
		{"+228 90 12 34 567", ""},  // one digit too many
		{"00228 90 12 34 567", ""}, // the same through 00
		{"+228 090 12 34 56", ""},  // the national trunk 0 kept after the country code
		{"228 90 12 34 56", ""},    // a country code needs + or 00
		{"+22890123456", "+22890123456"},

		// Abroad.
		{"+33 6 12 34 56 78", "+33612345678"},
		{"0033612345678", "+33612345678"},
		{"0033 6 12 34 56 78", "+33612345678"},
		{"+33.6.12.34.56.78", "+33612345678"},
		{"+1 (202) 555-0143", "+12025550143"},
		{"+12345678", "+12345678"},                  // 8 digits: the shortest accepted
		{"+123456789012345", "+123456789012345"},    // 15 digits: E.164's longest
		{"+1234567", ""},                            // 7 digits
		{"+1234567890123456", ""},                   // 16 digits
		{"00 1234 5678 9012 3456", ""},              // 16 digits through 00
		{"+0612345678", ""},                         // a leading 0 where the country code goes
		{"0000612345678", ""},                       // the same through 00
		{"+", ""},                                   //
		{"00", ""},                                  //
		{"++33612345678", ""},                       // a second plus
		{"90+123456", ""},                           // a plus inside the number
		{"+33 6 12 34 56 78 +33 6 12 34 56 78", ""}, // two numbers

		// Anything that is not a digit or a separator.
		{"", ""},
		{"   ", ""},
		{"9O 12 34 56", ""}, // a letter O for a zero
		{"tel: 90 12 34 56", ""},
		{"+33 6 12 34 56 78 ext 12", ""},
		{"90 12 34 56 📞", ""},
		{"📞90123456", ""},
		{"٩٠١٢٣٤٥٦", ""}, // Arabic-Indic digits
		{"９０１２３４５６", ""}, // full-width digits
		{"90/12/34/56", ""},
		{"90_12_34_56", ""},
	}
	for _, tt := range tests {
		got, err := NormalizePhone(tt.in)
		switch {
		case tt.want == "" && err == nil:
			t.Errorf("NormalizePhone(%q) = %q, want an error", tt.in, got)
		case tt.want != "" && err != nil:
			t.Errorf("NormalizePhone(%q): %v, want %q", tt.in, err, tt.want)
		case got != tt.want:
			t.Errorf("NormalizePhone(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestNormalizePhoneBracketedCountryCode: the doc comment promises that brackets are ignored, and
// "(+228) 90 12 34 56" is how Togolese numbers are often printed on business cards and letterheads.
func TestNormalizePhoneBracketedCountryCode(t *testing.T) {
	tests := []struct{ in, want string }{
		{"(+228) 90 12 34 56", "+22890123456"},
		{"(+228)90123456", "+22890123456"},
		{"(+33) 6 12 34 56 78", "+33612345678"},
	}
	for _, tt := range tests {
		if got, err := NormalizePhone(tt.in); err != nil || got != tt.want {
			t.Errorf("NormalizePhone(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

// FuzzNormalizePhone checks that whatever is accepted comes out in E.164 form, and that the
// form is a fixed point: stores compare phones as text, so normalising twice must not change them.
func FuzzNormalizePhone(f *testing.F) {
	for _, s := range []string{"90 12 34 56", "+228 90 12 34 56", "00228.90.12.34.56", "+33 6 12 34 56 78",
		"0033612345678", "(+228) 90 12 34 56", "+123456789012345", "9O 12 34 56", "", "+", "00", "📞"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		out, err := NormalizePhone(in)
		if err != nil {
			if out != "" {
				t.Fatalf("NormalizePhone(%q) = %q with error %v", in, out, err)
			}
			return
		}
		if len(out) < 9 || len(out) > 16 || out[0] != '+' || out[1] == '0' {
			t.Fatalf("NormalizePhone(%q) = %q, not + and 8 to 15 digits", in, out)
		}
		for _, r := range out[1:] {
			if r < '0' || r > '9' {
				t.Fatalf("NormalizePhone(%q) = %q, holds %q", in, out, r)
			}
		}
		if strings.HasPrefix(out, "+228") && len(out) != 12 {
			t.Fatalf("NormalizePhone(%q) = %q, a Togolese number that is not 8 digits long", in, out)
		}
		again, err := NormalizePhone(out)
		if err != nil || again != out {
			t.Fatalf("NormalizePhone(%q) = %q, but NormalizePhone(%q) = %q, %v", in, out, out, again, err)
		}
	})
}
