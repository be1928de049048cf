// Package mobilite holds the domain of the labour-migration platform: its types, their
// validation rules, the store interfaces that the database engines implement, and the error
// codes that every layer speaks. It imports nothing of the project's own packages.
package mobilite

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies an error so that the edges (HTML pages, JSON API, command line) can answer it
// the right way: a status code, a message, a retry.
type Code string

// The error codes of the platform.
const (
	ENOTFOUND     Code = "not_found"    // the record does not exist (or is not visible to the caller)
	EINVALID      Code = "invalid"      // the input breaks a rule; Fields says which
	ECONFLICT     Code = "conflict"     // the record would collide with another (same login…)
	EUNAUTHORIZED Code = "unauthorized" // no valid credentials
	EFORBIDDEN    Code = "forbidden"    // credentials are valid but the role may not do this
	ETHROTTLED    Code = "throttled"    // too many attempts; try later
	EUNAVAILABLE  Code = "unavailable"  // a dependency (the database) does not answer
	EINTERNAL     Code = "internal"     // a bug or an unexpected failure
)

// FieldError names one input field in error and the catalogue key of the message to show next to it.
type FieldError struct {
	Field string
	Key   string
}

// Error is the platform's error: a code, a catalogue key for the safe message a user may read,
// the fields in error, and the internal cause that only goes to the log.
type Error struct {
	Code   Code
	Key    string
	Fields []FieldError
	Err    error
}

// Error implements the error interface; it describes the cause for the log.
func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString(string(e.Code))
	if e.Key != "" {
		b.WriteString(" ")
		b.WriteString(e.Key)
	}
	for _, f := range e.Fields {
		fmt.Fprintf(&b, " [%s: %s]", f.Field, f.Key)
	}
	if e.Err != nil {
		b.WriteString(": ")
		b.WriteString(e.Err.Error())
	}
	return b.String()
}

// Unwrap gives the cause.
func (e *Error) Unwrap() error { return e.Err }

// Errorf returns an *Error with a code and a message key, and an internal cause formatted from
// format and args (which may be empty).
func Errorf(code Code, key string, format string, args ...any) *Error {
	e := &Error{Code: code, Key: key}
	if format != "" {
		e.Err = fmt.Errorf(format, args...)
	}
	return e
}

// ErrorCode returns the code of err: the code of the first *Error in its chain, EINTERNAL for any
// other non-nil error, and "" for nil.
func ErrorCode(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorKey returns the catalogue key of the safe message for err, or a generic key by code
// ("" for nil).
func ErrorKey(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) && e.Key != "" {
		return e.Key
	}
	return "error." + string(ErrorCode(err))
}

// ErrorFields returns the fields in error of err (an EINVALID or ECONFLICT *Error), or nil.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects field errors during validation. The zero value is ready to use.
type Problems struct{ fields []FieldError }

// Add records that field breaks the rule described by key. Only the first problem of a field is kept.
func (p *Problems) Add(field, key string) {
	for _, f := range p.fields {
		if f.Field == field {
			return
		}
	}
	p.fields = append(p.fields, FieldError{Field: field, Key: key})
}

// Err returns nil when nothing was added, else an EINVALID *Error that lists the fields.
func (p *Problems) Err() error {
	if len(p.fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Key: "error.invalid", Fields: p.fields}
}

// Invalid returns an EINVALID error for a single field.
func Invalid(field, key string) error {
	return &Error{Code: EINVALID, Key: "error.invalid", Fields: []FieldError{{Field: field, Key: key}}}
}
