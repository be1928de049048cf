package main

import (
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
