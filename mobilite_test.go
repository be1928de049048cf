package mobilite

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"testing"
)

func TestProblems(t *testing.T) {
	var p Problems
	if err := p.Err(); err != nil {
		t.Fatalf("zero Problems: %v", err)
	}
	p.Add("name", "user.name.required")
	p.Add("email", "user.email.invalid")
	p.Add("name", "user.name.invalid") // a second problem of the same field is dropped
	p.Add("email", "user.email.required")
	err := p.Err()
	if ErrorCode(err) != EINVALID || ErrorKey(err) != "error.invalid" {
		t.Fatalf("Err() = %v", err)
	}
	want := []FieldError{{"name", "user.name.required"}, {"email", "user.email.invalid"}}
	if got := ErrorFields(err); !reflect.DeepEqual(got, want) {
		t.Errorf("fields %v, want %v", got, want)
	}
}

func TestErrorAccessors(t *testing.T) {
	cause := errors.New("disk on fire")
	invalid := Invalid("name", "user.name.required")
	notFound := Errorf(ENOTFOUND, "", "store: user %d", 7)
	throttled := &Error{Code: ETHROTTLED, Key: "login.throttled", Err: cause}
	tests := []struct {
		name   string
		err    error
		code   Code
		key    string
		fields []FieldError
	}{
		{"plain error", cause, EINTERNAL, "error.internal", nil},
		{"context error", context.Canceled, EINTERNAL, "error.internal", nil},
		{"invalid", invalid, EINVALID, "error.invalid", []FieldError{{"name", "user.name.required"}}},
		{"invalid, wrapped", fmt.Errorf("signup: %w", invalid), EINVALID, "error.invalid", []FieldError{{"name", "user.name.required"}}},
		{"invalid, wrapped twice", fmt.Errorf("a: %w", fmt.Errorf("b: %w", invalid)), EINVALID, "error.invalid", []FieldError{{"name", "user.name.required"}}},
		{"no key: the key of the code", notFound, ENOTFOUND, "error.not_found", nil},
		{"no key, wrapped", fmt.Errorf("find: %w", notFound), ENOTFOUND, "error.not_found", nil},
		{"own key, wrapped", fmt.Errorf("login: %w", throttled), ETHROTTLED, "login.throttled", nil},
		{"joined", errors.Join(cause, invalid), EINVALID, "error.invalid", []FieldError{{"name", "user.name.required"}}},
		{"outer *Error wins", &Error{Code: ECONFLICT, Key: "user.login.taken", Err: invalid}, ECONFLICT, "user.login.taken", nil},
		{"%v does not wrap", fmt.Errorf("lost: %v", invalid), EINTERNAL, "error.internal", nil},
	}
	for _, tt := range tests {
		if got := ErrorCode(tt.err); got != tt.code {
			t.Errorf("%s: ErrorCode = %q, want %q", tt.name, got, tt.code)
		}
		if got := ErrorKey(tt.err); got != tt.key {
			t.Errorf("%s: ErrorKey = %q, want %q", tt.name, got, tt.key)
		}
		if got := ErrorFields(tt.err); !reflect.DeepEqual(got, tt.fields) {
			t.Errorf("%s: ErrorFields = %v, want %v", tt.name, got, tt.fields)
		}
	}
	if got := ErrorCode(nil); got != "" {
		t.Errorf("ErrorCode(nil) = %q", got)
	}
	if got := ErrorFields(nil); got != nil {
		t.Errorf("ErrorFields(nil) = %v", got)
	}
	if !errors.Is(fmt.Errorf("x: %w", throttled), cause) {
		t.Error("the cause of an *Error is not reachable through wrapping")
	}
}

func TestErrorMessage(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{Errorf(ENOTFOUND, "error.not_found", "store: user %d", 7), "not_found error.not_found: store: user 7"},
		{Errorf(EFORBIDDEN, "", ""), "forbidden"},
		{Invalid("name", "user.name.required"), "invalid error.invalid [name: user.name.required]"},
		{&Error{Code: ECONFLICT, Key: "error.invalid", Fields: []FieldError{{"login", "user.login.taken"}}, Err: errors.New("unique")},
			"conflict error.invalid [login: user.login.taken]: unique"},
	}
	for _, tt := range tests {
		if got := tt.err.Error(); got != tt.want {
			t.Errorf("Error() = %q, want %q", got, tt.want)
		}
	}
	if e := Errorf(EFORBIDDEN, "k", ""); e.Err != nil {
		t.Errorf("Errorf with no format has a cause: %v", e.Err)
	}
}
