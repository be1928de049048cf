package jobs

import (
	"context"
	"sync"
	"time"
)

// Hub tells the live pages (Server-Sent Events) that new offers are open. The news travels
// through the database, so that every server process hears it: PostgreSQL's LISTEN/NOTIFY when
// Publish and Listen are set, else a poll of the greatest offer id (which also catches offers
// written by another process, such as `mobilite ingest`).
type Hub struct {
	mu   sync.Mutex
	subs map[chan int64]struct{}
	last int64

	// Publish sends the news to every process (pg_notify); nil means this process only.
	Publish func(ctx context.Context, id int64) error
}

// NewHub returns a hub with no subscriber.
func NewHub() *Hub { return &Hub{subs: map[chan int64]struct{}{}} }

// Subscribe returns a channel that receives the greatest new offer id, and a function to leave.
// A slow subscriber misses intermediate news but always gets the latest.
func (h *Hub) Subscribe() (<-chan int64, func()) {
	ch := make(chan int64, 1)
	h.mu.Lock()
	h.subs[ch] = struct{}{}
	h.mu.Unlock()
	return ch, func() {
		h.mu.Lock()
		delete(h.subs, ch)
		h.mu.Unlock()
	}
}

// Subscribers counts the live pages, for the metrics.
func (h *Hub) Subscribers() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return len(h.subs)
}

// Notify announces that offers up to id are open.
func (h *Hub) Notify(ctx context.Context, id int64) {
	if h.Publish != nil {
		if err := h.Publish(ctx, id); err == nil {
			return // the listener brings it back to this process too
		}
	}
	h.Broadcast(id)
}

// Broadcast hands id to every subscriber of this process, if it is news.
func (h *Hub) Broadcast(id int64) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if id <= h.last {
		return
	}
	h.last = id
	for ch := range h.subs {
		select {
		case <-ch: // drop the older news
		default:
		}
		ch <- id
	}
}

// Poll broadcasts the greatest offer id every period, until ctx ends.
func (h *Hub) Poll(ctx context.Context, every time.Duration, maxID func(context.Context) (int64, error)) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if id, err := maxID(ctx); err == nil {
			h.mu.Lock()
			first := h.last == 0
			if first {
				h.last = id // the offers that existed at start are not news
			}
			h.mu.Unlock()
			if !first {
				h.Broadcast(id)
			}
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}
