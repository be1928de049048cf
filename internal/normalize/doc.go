// Package normalize turns an offer as a source wrote it (an ingest.Item) into a clean
// mobilite.Job: its HTML sanitised, its title tidied, its country, city, contract type, deadline
// and language read from whatever words the source used, an ISCO-08 occupation suggested from
// its title, and a fingerprint that merges the same offer seen in two sources.
//
// Nothing here fails: what cannot be read stays empty and is reported in a note for the source's
// health page. Nothing here does I/O either; the only data are the reference classifications
// (internal/ref), handed to New, and the city gazetteer embedded below.
//
// # Sources
//
// cities.csv, the gazetteer that ResolvePlace falls back on when a source gives a city but no
// country, was compiled for this package from public knowledge of capital and major cities:
// the capital of every country, and the main cities of the ECOWAS states, the Maghreb, Europe,
// the Gulf and North America. It is not copied from any database. Names that several
// well-known places share ("Kingston", "Victoria", "San José", "Tripoli", "Georgetown"…) are
// left out on purpose: a wrong country is worse than none.
//
// The tables of job-title words (isco_table.go) and of organisation names and acronyms
// (org.go) were likewise written by hand; each ISCO-08 code in them was checked against
// internal/ref/data/isco08.csv (a test fails if one does not exist).
package normalize
