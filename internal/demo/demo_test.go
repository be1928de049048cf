package demo

import (
	"context"
	"testing"
	"time"

	"mobilite"
	"mobilite/internal/account"
	"mobilite/internal/store/storetest"
)

func TestLoadIsIdempotent(t *testing.T) {
	for _, engine := range storetest.Engines(t) {
		t.Run(engine, func(t *testing.T) {
			s := storetest.Open(t, engine)
			h := &account.Hasher{Time: 1, Memory: 64, Threads: 1}
			ctx := context.Background()
			now := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
			first, err := Load(ctx, s, h, now)
			if err != nil {
				t.Fatal(err)
			}
			if first.Offices != 6 || first.Users != 7 {
				t.Fatalf("first load: %+v", first)
			}
			again, err := Load(ctx, s, h, now)
			if err != nil {
				t.Fatal(err)
			}
			if again != (Result{}) {
				t.Fatalf("second load created %+v", again)
			}
			u, err := s.FindUserByLogin(ctx, "conseillere.kara@mobilite.example")
			if err != nil {
				t.Fatal(err)
			}
			o, err := s.FindOfficeByID(ctx, u.OfficeID)
			if err != nil || o.Code != "KARA" || u.Role != mobilite.RoleCounsellor {
				t.Fatalf("counsellor office: %+v %v", o, err)
			}
			if ok, _ := h.Verify(Password, u.PasswordHash); !ok {
				t.Fatal("demo password does not match")
			}
		})
	}
}
