package store

// IndexedQueries are queries that must go through a given index, with its name
// (queryplan_test.go).
var IndexedQueries = map[string]string{
	qFindDuplicate:            "jobs_fingerprint",
	qOpenFingerprints("?, ?"): "jobs_fingerprint",
	qExpired:                  "jobs_deadline",
}
