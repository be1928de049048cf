package mobilite

import (
	"encoding/json"
	"math"
	"testing"
)

func TestNewAuditEntry(t *testing.T) {
	admin := &User{ID: 4, Email: "admin@anpe.tg", Phone: "+22890123456"}
	byPhone := &User{ID: 5, Phone: "+22890123456"}
	tests := []struct {
		name          string
		actor         *User
		before, after any
		wantActorID   int64
		wantActor     string
		wantBefore    string
		wantAfter     string
	}{
		{"creation", admin, nil, map[string]any{"name": "Ama"}, 4, "admin@anpe.tg", "", `{"name":"Ama"}`},
		{"deletion by a phone login", byPhone, map[string]any{"id": 9}, nil, 5, "+22890123456", `{"id":9}`, ""},
		{"no actor", nil, nil, nil, 0, "", "", ""},
		{"unmarshallable", admin, nil, math.Inf(1), 4, "admin@anpe.tg", "", `{"error":"unmarshallable"}`},
	}
	for _, tt := range tests {
		e := NewAuditEntry(tt.actor, "user.update", "user", 9, tt.before, tt.after)
		if e.ActorID != tt.wantActorID || e.Actor != tt.wantActor || e.Before != tt.wantBefore || e.After != tt.wantAfter ||
			e.Action != "user.update" || e.Entity != "user" || e.EntityID != 9 {
			t.Errorf("%s: %+v", tt.name, e)
		}
		for _, s := range []string{e.Before, e.After} {
			if s != "" && !json.Valid([]byte(s)) {
				t.Errorf("%s: invalid JSON %q", tt.name, s)
			}
		}
	}
}
