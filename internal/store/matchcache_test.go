package store

import (
	"reflect"
	"testing"
)

func TestPatchList(t *testing.T) {
	for _, c := range []struct {
		list    string
		changed []int64
		found   []string
		want    string
	}{
		{"1,2,3,4", []int64{2, 4}, []string{"4", "9,12"}, "1,3,4,9,12"},
		{"1,2", []int64{1, 2}, nil, ""},
		{"", []int64{5}, []string{"5"}, "5"},
		{"10,20", []int64{15}, nil, "10,20"},
	} {
		got, err := patchList(c.list, c.changed, c.found)
		if err != nil || got != c.want {
			t.Errorf("patchList(%q, %v, %q) = %q, %v; want %q", c.list, c.changed, c.found, got, err, c.want)
		}
	}
	if _, err := patchList("1,x", []int64{1}, nil); err == nil {
		t.Error("a bad list was read")
	}
}

// The copy remembers the changes after a version as long as it holds them all.
func TestChangedSince(t *testing.T) {
	x := newOpenIndex()
	x.forgetChanges(10)
	x.logChanges([]indexChange{{11, 5}, {12, 3}, {12, 5}, {14, 8}})
	x.version = 14
	for _, c := range []struct {
		since int64
		want  []int64
		ok    bool
	}{
		{9, nil, false}, // before the load
		{10, []int64{3, 5, 8}, true},
		{12, []int64{8}, true},
		{14, []int64{}, true},
		{15, nil, false}, // after the copy's version: the log was started again since
	} {
		got, ok := x.changedSince(c.since)
		if ok != c.ok || (ok && !reflect.DeepEqual(got, c.want)) {
			t.Errorf("changedSince(%d) = %v, %v; want %v, %v", c.since, got, ok, c.want, c.ok)
		}
	}
	// Beyond maxChanges the oldest are forgotten, and so are the versions they were at.
	many := make([]indexChange, maxChanges)
	for i := range many {
		many[i] = indexChange{int64(15 + i), int64(i)}
	}
	x.logChanges(many)
	x.version = int64(15 + maxChanges - 1)
	if x.changesFrom != 14 || len(x.changes) != maxChanges {
		t.Errorf("after %d more changes: complete from version %d, %d changes kept", maxChanges, x.changesFrom, len(x.changes))
	}
	if _, ok := x.changedSince(13); ok {
		t.Error("changes forgotten are still given")
	}
	if _, ok := x.changedSince(int64(15 + maxChanges - 10)); !ok {
		t.Error("the last changes are not given")
	}
}

// The cache keeps at most matchCacheSize answers and matchCacheBytes of lists, forgetting the
// least used first.
func TestMatchCacheBounds(t *testing.T) {
	var c matchCache
	for i := range matchCacheSize + 5 {
		c.put(string(rune('a'+i%26))+string(rune('0'+i/26)), 1, "1,2,3")
	}
	if len(c.m) != matchCacheSize || c.bytes != 5*matchCacheSize {
		t.Fatalf("%d answers of %d bytes kept", len(c.m), c.bytes)
	}
	big := string(make([]byte, matchCacheBytes/3))
	c.put("first", 1, big)
	c.put("second", 1, big)
	c.put("first", 2, big) // used again: "second" is now the least used of the large ones
	c.put("third", 1, big)
	if c.bytes > matchCacheBytes {
		t.Fatalf("%d bytes kept, more than %d", c.bytes, matchCacheBytes)
	}
	if c.m["first"] == nil || c.m["third"] == nil {
		t.Fatalf("the answers used last were forgotten: %d kept", len(c.m))
	}
	if c.m["first"].version != 2 {
		t.Fatal("an answer was not replaced by a later version")
	}
	c.put("first", 1, "9") // an older version does not replace a newer one
	if c.m["first"].version != 2 || len(c.m["first"].list) != len(big) {
		t.Fatal("an older answer replaced a later one")
	}
}
