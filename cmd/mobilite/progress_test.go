package main

import (
	"strings"
	"testing"
	"time"
)

func TestProgressLine(t *testing.T) {
	for _, c := range []struct {
		done, total int64
		elapsed     time.Duration
		want        string
	}{
		{0, 50000, time.Second, "0 / 50000 offers · time left unknown yet"},
		{2000, 50000, 2 * time.Second, "2000 / 50000 offers · 1000/s · 48s left"},
		{50000, 50000, 10 * time.Second, "50000 / 50000 offers · 5000/s · 0s left"},
	} {
		if got := progressLine(c.done, c.total, "offers", c.elapsed); got != c.want {
			t.Errorf("progressLine(%d, %d, %s) = %q, want %q", c.done, c.total, c.elapsed, got, c.want)
		}
	}
}

// TestLogDurations: the JSON log writes durations as people read them, not in nanoseconds.
func TestLogDurations(t *testing.T) {
	var b strings.Builder
	log, err := (&Config{LogFormat: "json", LogLevel: "info"}).logger(&b)
	if err != nil {
		t.Fatal(err)
	}
	log.Info("loaded", "duration", 1500*time.Millisecond, "count", 3)
	if !strings.Contains(b.String(), `"duration":"1.5s"`) || !strings.Contains(b.String(), `"count":3`) {
		t.Errorf("log line: %s", b.String())
	}
}
