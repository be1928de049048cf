package store

import "testing"

// The check digit is a Luhn digit: every single wrong digit of the body changes it.
func TestRegistrationNumber(t *testing.T) {
	if got := RegistrationNumber(2026, 123); got != "TG-2026-000123-0" && len(got) != len("TG-2026-000123-0") {
		t.Fatalf("format %q", got)
	}
	seen := map[string]bool{}
	for id := int64(1); id < 5000; id++ {
		n := RegistrationNumber(2026, id)
		if seen[n] {
			t.Fatalf("duplicate %q", n)
		}
		seen[n] = true
	}
	base := RegistrationNumber(2026, 123450)
	for pos, id := range []int64{123451, 123460, 123550, 124450, 133450, 223450} {
		if RegistrationNumber(2026, id)[15:] == base[15:] {
			t.Errorf("changing digit %d keeps the check digit", pos)
		}
	}
}
