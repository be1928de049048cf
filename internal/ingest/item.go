// Package ingest brings job offers in from the outside: it fetches sources, parses their
// formats (RSS, Atom, the ReliefWeb API, schema.org JSON-LD, HR Open Standards, CSV and XLSX),
// and hands items to the normalisation step. Each parser turns one document into Items, as the
// source wrote them: nothing is sanitised, resolved or guessed here.
package ingest

import "time"

// Kinds of sources, as stored in a source's configuration.
const (
	KindRSS       = "rss"
	KindAtom      = "atom"
	KindReliefWeb = "reliefweb"
	KindJSONLD    = "jsonld"
	KindHROpen    = "hropen"
	KindCSV       = "csv"
	KindXLSX      = "xlsx"
)

// Kinds lists the kinds a parser exists for.
var Kinds = []string{KindRSS, KindAtom, KindReliefWeb, KindJSONLD, KindHROpen, KindCSV, KindXLSX}

// Item is one offer as a source describes it.
type Item struct {
	ExternalID      string // the source's identifier (guid, id, identifier, external_id); "" if none
	URL             string // the offer's page at the source
	Title           string // as written, trimmed
	Organization    string // the hiring organisation's name
	OrgShortName    string // its acronym when the source gives one (UNICEF, IRC…)
	OrgType         string // as the source says ("International Organization", "NGO"…)
	DescriptionHTML string // HTML or plain text, unsanitised
	HowToApplyHTML  string // HTML or plain text, unsanitised
	ApplyURL        string // where to apply, when different from URL
	Country         string // as written: a name in any language, an ISO 3166 alpha-2 or alpha-3 code
	City            string
	ContractType    string    // as written: "job", "consultancy", "FULL_TIME", "Internship"…
	Deadline        time.Time // zero when not given; with the zone the source gave
	DeadlineRaw     string    // the deadline as written, when it could not be read
	Posted          time.Time // first published; zero when unknown
	Updated         time.Time // last changed; zero when unknown
	Language        string    // as written: "en", "French", "fr-FR"…
	ISCO08          string    // when the source gives an ISCO-08 code
	Salary          string    // as written, for the fair-recruitment checks
	Experience      string    // as written ("5-9 years")
	Categories      []string  // career categories, themes, tags
}

// RowError is a problem with one line of a tabular upload (CSV or XLSX).
type RowError struct {
	Line  int    // 1-based line (CSV) or row (XLSX) number, the header being line 1
	Field string // the column in error, "" for the whole row
	Key   string // catalogue key of the message, e.g. "ingest.row.title_required"
	Value string // the offending value, cut to 100 characters
}
