package normalize

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strings"
	"time"
)

// Fingerprint is the key that merges the same offer seen in several sources (on ReliefWeb and
// in the organisation's own feed, say). It is the first 16 bytes, in hex, of the SHA-256 of:
//
//   - the title's words, folded, stemmed and sorted, without what sources add differently:
//     grades ("P-4", "NO-B"), gender markers ("(H/F)"), seniority and staff category ("Senior",
//     "national"), articles, references, and place segments (", Lomé", and what follows one:
//     ", Lomé, Togo"). Only the gazetteer's cities are known here, so a country alone
//     (", Togo") stays in the title; Job, which has the reference data, drops it too;
//   - the organisation's key (OrgKey: "UNICEF" and "United Nations Children's Fund" are one);
//   - the country (alpha-3, as given);
//   - the deadline's date, in the deadline's own zone ("" without deadline): a source that
//     writes 14 March 00:00 UTC and one that writes 14 March 23:59 GMT agree.
//
// So "Child Protection Specialist, P-4" from ReliefWeb and "Child Protection Specialist (P-4),
// Lomé" from UNICEF's feed, both for Togo and the same day, have the same fingerprint; another
// deadline or country gives another one.
func Fingerprint(title, organization, country string, deadline time.Time) string {
	return fingerprintOf(titleSegments(title, placeChecker(nil)), OrgKey(organization), country, deadline)
}

// fingerprintOf hashes title segments that titleSegments has already cleaned and an
// organisation's key.
func fingerprintOf(segments []string, orgKey, country string, deadline time.Time) string {
	words := titleStems(segments)
	slices.Sort(words)
	words = slices.Compact(words)
	date := ""
	if !deadline.IsZero() {
		date = deadline.Format(time.DateOnly)
	}
	h := sha256.New()
	for i, part := range []string{strings.Join(words, " "), orgKey, strings.ToUpper(strings.TrimSpace(country)), date} {
		if i > 0 {
			h.Write([]byte{0})
		}
		h.Write([]byte(part))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}
