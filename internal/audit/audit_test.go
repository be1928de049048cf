package audit_test

import (
	"context"
	"fmt"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/audit"
	"mobilite/internal/store/storetest"
)

var t0 = time.Date(2026, 3, 14, 9, 26, 53, 589793000, time.UTC)

func TestIP(t *testing.T) {
	ctx := context.Background()
	if got := audit.IP(ctx); got != "" {
		t.Errorf("IP of a bare context = %q", got)
	}
	ctx = audit.WithIP(ctx, "192.0.2.10")
	if got := audit.IP(ctx); got != "192.0.2.10" {
		t.Errorf("IP = %q", got)
	}
	if got := audit.IP(audit.WithIP(ctx, "2001:db8::1")); got != "2001:db8::1" {
		t.Errorf("IP after a second WithIP = %q", got)
	}
}

func TestRecord(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			s := storetest.Open(t, engine)
			users := map[mobilite.Role]*mobilite.User{}
			for _, role := range mobilite.Roles {
				u := storetest.NewUser(string(role)+"@example.tg", role)
				if err := s.CreateUser(context.Background(), u); err != nil {
					t.Fatal(err)
				}
				users[role] = u
			}
			byPhone := storetest.NewUser("+22890123456", mobilite.RoleCounsellor)
			if err := s.CreateUser(context.Background(), byPhone); err != nil {
				t.Fatal(err)
			}
			tests := []struct {
				name      string
				actor     *mobilite.User
				ctx       context.Context
				recorded  bool
				actorID   int64
				actorName string
				ip        string
			}{
				{"admin", users[mobilite.RoleAdmin], audit.WithIP(context.Background(), "192.0.2.10"), true, users[mobilite.RoleAdmin].ID, "admin@example.tg", "192.0.2.10"},
				{"counsellor", users[mobilite.RoleCounsellor], context.Background(), true, users[mobilite.RoleCounsellor].ID, "counsellor@example.tg", ""},
				{"inspector", users[mobilite.RoleInspector], audit.WithIP(context.Background(), "2001:db8::1"), true, users[mobilite.RoleInspector].ID, "inspector@example.tg", "2001:db8::1"},
				{"statistician", users[mobilite.RoleStatistician], context.Background(), true, users[mobilite.RoleStatistician].ID, "statistician@example.tg", ""},
				{"counsellor by phone", byPhone, context.Background(), true, byPhone.ID, "+22890123456", ""},
				{"command line", nil, audit.WithIP(context.Background(), "127.0.0.1"), true, 0, "cli", "127.0.0.1"},
				{"partner", users[mobilite.RolePartner], audit.WithIP(context.Background(), "192.0.2.10"), false, 0, "", ""},
				{"seeker", users[mobilite.RoleSeeker], context.Background(), false, 0, "", ""},
			}
			for i, tt := range tests {
				at := t0.Add(time.Duration(i) * time.Minute)
				before := map[string]any{"name": "avant"}
				after := map[string]any{"name": "après", "n": i}
				if err := audit.Record(tt.ctx, s, at, tt.actor, "user.update", "user", int64(100+i), before, after); err != nil {
					t.Fatalf("%s: %v", tt.name, err)
				}
				es, _, err := s.FindAuditEntries(context.Background(), mobilite.AuditFilter{Limit: 1})
				if err != nil {
					t.Fatal(err)
				}
				if !tt.recorded {
					if len(es) > 0 && es[0].EntityID == int64(100+i) {
						t.Errorf("%s: the write of a non-staff user was recorded: %+v", tt.name, es[0])
					}
					continue
				}
				if len(es) != 1 {
					t.Fatalf("%s: not recorded", tt.name)
				}
				e := es[0]
				want := mobilite.AuditEntry{ID: e.ID, At: at, ActorID: tt.actorID, Actor: tt.actorName, Action: "user.update", Entity: "user",
					EntityID: int64(100 + i), Before: `{"name":"avant"}`, After: fmt.Sprintf(`{"n":%d,"name":"après"}`, i), IP: tt.ip}
				if *e != want {
					t.Errorf("%s: recorded %+v\nwant        %+v", tt.name, *e, want)
				}
			}
			if _, n, err := s.FindAuditEntries(context.Background(), mobilite.AuditFilter{}); err != nil || n != 6 {
				t.Errorf("%d entries (%v), want 6", n, err)
			}
		})
	}
}

// TestRecordInTransaction: an entry written with the transaction's store goes when the
// transaction rolls back.
func TestRecordInTransaction(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			s := storetest.Open(t, engine)
			ctx := context.Background()
			err := s.Tx(ctx, func(tx mobilite.Store) error {
				if err := audit.Record(ctx, tx, t0, nil, "office.create", "office", 1, nil, map[string]any{"code": "LOM"}); err != nil {
					return err
				}
				return mobilite.Errorf(mobilite.ECONFLICT, "office.code.taken", "")
			})
			if mobilite.ErrorCode(err) != mobilite.ECONFLICT {
				t.Fatalf("Tx = %v", err)
			}
			if _, n, err := s.FindAuditEntries(ctx, mobilite.AuditFilter{}); err != nil || n != 0 {
				t.Errorf("%d entries (%v) after the rollback", n, err)
			}
		})
	}
}
