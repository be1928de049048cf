package normalize

import (
	"testing"
	"time"
)

func TestFingerprint(t *testing.T) {
	deadline := time.Date(2026, 3, 14, 0, 0, 0, 0, time.UTC)                           // ReliefWeb: midnight UTC
	sameDayGMT := time.Date(2026, 3, 14, 23, 59, 0, 0, time.FixedZone("GMT", 0))       // the agency's feed
	sameDayEST := time.Date(2026, 3, 14, 23, 59, 0, 0, time.FixedZone("EST", -5*3600)) // 04:59 UTC the next day
	reliefweb := Fingerprint("Child Protection Specialist, P-4", "United Nations Children's Fund", "TGO", deadline)

	if len(reliefweb) != 32 {
		t.Fatalf("fingerprint %q is not 16 bytes in hex", reliefweb)
	}
	same := []struct{ title, org, country string }{
		{"Child Protection Specialist (P-4), Lomé", "UNICEF", "TGO"},
		{"Child Protection Specialist, P4, Lomé, Togo", "UNICEF Togo", "tgo"},
		{"Specialist, Child Protection – P-4", "Fonds des Nations Unies pour l'enfance", "TGO"},
		{"Senior Child Protection Specialist (P-4) – Re-advertised", "United Nations Children's Fund (UNICEF)", "TGO"},
		{"CHILD PROTECTION SPECIALIST, P-4, LOMÉ", "unicef", "TGO"},
		{"Child protection specialist (H/F)", "UNICEF", "TGO"},
	}
	for _, s := range same {
		for _, d := range []time.Time{deadline, sameDayGMT, sameDayEST} {
			if got := Fingerprint(s.title, s.org, s.country, d); got != reliefweb {
				t.Errorf("Fingerprint(%q, %q, %q, %v) = %s, want ReliefWeb's %s", s.title, s.org, s.country, d, got, reliefweb)
			}
		}
	}
	different := []struct {
		title, org, country string
		deadline            time.Time
	}{
		{"Child Protection Specialist, P-4", "United Nations Children's Fund", "TGO", deadline.AddDate(0, 0, 1)},
		{"Child Protection Specialist, P-4", "United Nations Children's Fund", "BEN", deadline},
		{"Child Protection Specialist, P-4", "United Nations Children's Fund", "TGO", time.Time{}},
		{"Child Protection Officer, P-4", "UNICEF", "TGO", deadline},
		{"Child Protection Specialist, P-4", "UNHCR", "TGO", deadline},
		{"Education Specialist, P-4", "UNICEF", "TGO", deadline},
	}
	for _, d := range different {
		if got := Fingerprint(d.title, d.org, d.country, d.deadline); got == reliefweb {
			t.Errorf("Fingerprint(%q, %q, %q, %v) = ReliefWeb's", d.title, d.org, d.country, d.deadline)
		}
	}
}

func TestOrgKey(t *testing.T) {
	tests := []struct{ names []string }{
		{[]string{"UNICEF", "United Nations Children's Fund", "Fonds des Nations Unies pour l’enfance", "UNICEF Togo", "United Nations Children's Fund (UNICEF)"}},
		{[]string{"UNDP", "PNUD", "United Nations Development Programme", "Programme des Nations Unies pour le développement (PNUD)"}},
		{[]string{"UNHCR", "HCR", "Office of the United Nations High Commissioner for Refugees", "UN Refugee Agency"}},
		{[]string{"WFP", "PAM", "World Food Programme", "Programme Alimentaire Mondial"}},
		{[]string{"WHO", "OMS", "World Health Organization", "Organisation mondiale de la Santé"}},
		{[]string{"ILO", "OIT", "BIT", "International Labour Organization", "Bureau international du Travail"}},
		{[]string{"IOM", "OIM", "International Organization for Migration", "OIM Togo"}},
		{[]string{"UN Women", "ONU Femmes", "UN-Women"}},
		{[]string{"ICRC", "CICR", "Comité international de la Croix-Rouge"}},
		{[]string{"MSF", "Médecins Sans Frontières", "Medecins sans Frontieres (MSF) - OCB"}},
		{[]string{"World Bank", "Banque mondiale", "The World Bank Group"}},
		{[]string{"Save the Children", "Save the Children International"}},
		{[]string{"Togo Cellulaire SA", "Togo Cellulaire"}},
	}
	keys := map[string]string{}
	for _, tt := range tests {
		want := OrgKey(tt.names[0])
		if want == "" {
			t.Errorf("OrgKey(%q) is empty", tt.names[0])
		}
		for _, n := range tt.names[1:] {
			if got := OrgKey(n); got != want {
				t.Errorf("OrgKey(%q) = %q, want %q as for %q", n, got, want, tt.names[0])
			}
		}
		if prev, dup := keys[want]; dup {
			t.Errorf("%q and %q share the key %q", prev, tt.names[0], want)
		}
		keys[want] = tt.names[0]
	}
	// Acronyms that are words match only alone.
	for _, n := range []string{"Care Home Services Ltd", "Plan Togo Construction", "Bit Consulting"} {
		if got := OrgKey(n); got == "care" || got == "plan" || got == "ilo" {
			t.Errorf("OrgKey(%q) = %q", n, got)
		}
	}
	if OrgKey("") != "" {
		t.Error("OrgKey of nothing is not empty")
	}
}
