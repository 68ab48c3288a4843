package crm

import (
	"errors"
	"fmt"
	"strings"
)

// Error codes. Each maps to one HTTP status in internal/httpapi and to one
// user-facing message in the UI; callers switch on the code, never on text.
const (
	ECONFLICT     = "conflict"            // the write clashes with existing data (duplicate key)
	EFORBIDDEN    = "forbidden"           // the caller may see the record but not do this
	EINTERNAL     = "internal"            // a bug or an unavailable dependency
	EINVALID      = "invalid"             // the input breaks a rule; see Fields
	ENOTFOUND     = "not_found"           // no such record, or the caller may not see it
	EUNAUTHORIZED = "unauthorized"        // no valid session or token
	ESTALE        = "precondition_failed" // the record changed since the caller read it
	ERATELIMIT    = "rate_limited"        // too many attempts; try later
)

// Error is the one error type the domain returns. Message is safe to show a
// user; Fields carries per-field problems for EINVALID.
type Error struct {
	Code    string
	Message string
	Fields  []FieldError
	// Total counts the problems when Fields lists only the first ones (a
	// file import with thousands of bad rows); 0 means len(Fields).
	Total int
	// Current is the record's version now, for ESTALE when it is known, so
	// a client can tell how far behind it is without another read.
	Current int
}

// FieldError is a problem with one input field. Field is the JSON name
// ("credit_code", "personal_profile.birthday", "custom.budget"); Reason is a
// stable machine word ("required", "too_long", "invalid", "unknown_value") the
// UI translates; Message is English text for API users.
type FieldError struct {
	Field   string `json:"field"`
	Reason  string `json:"reason"`
	Message string `json:"message"`
	// Line is set for problems in an uploaded file: the line of the CSV
	// (the header is line 1; 0 for the file as a whole), Field then names
	// the column ("" for the whole row).
	Line int `json:"line,omitempty" doc:"For file imports: the line of the problem (the header is line 1); field is then the column."`
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return fmt.Sprintf("%s: %s", e.Code, e.Message)
	}
	parts := make([]string, len(e.Fields))
	for i, f := range e.Fields {
		parts[i] = f.Field + " " + f.Message
	}
	return fmt.Sprintf("%s: %s (%s)", e.Code, e.Message, strings.Join(parts, "; "))
}

// Errorf returns an *Error with the given code and formatted message.
func Errorf(code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// Stale returns the ESTALE error for a change to what based on version
// want when the record is at version have.
func Stale(what string, have, want int) *Error {
	return &Error{Code: ESTALE, Current: have,
		Message: fmt.Sprintf("%s was changed by someone else (now version %d, you had %d); reload it and try again.", what, have, want)}
}

// ErrorCode returns the code of the first *Error in err's chain, EINTERNAL
// for any other error and "" for nil.
func ErrorCode(err error) string {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EINTERNAL
}

// ErrorMessage returns the user-facing message of err. Internal errors get a
// generic text so that no SQL or stack detail reaches a user.
func ErrorMessage(err error) string {
	var e *Error
	if errors.As(err, &e) {
		return e.Message
	}
	return "Internal error."
}

// ErrorFields returns the field problems carried by err, if any.
func ErrorFields(err error) []FieldError {
	var e *Error
	if errors.As(err, &e) {
		return e.Fields
	}
	return nil
}

// Problems collects field errors during validation. The zero value is ready.
type Problems struct {
	fields []FieldError
}

// Add records a problem with field.
func (p *Problems) Add(field, reason, message string) {
	p.fields = append(p.fields, FieldError{Field: field, Reason: reason, Message: message})
}

// Required records a missing required field.
func (p *Problems) Required(field string) { p.Add(field, "required", "is required") }

// Len reports how many problems were recorded.
func (p *Problems) Len() int { return len(p.fields) }

// Err returns an EINVALID *Error listing the problems, or nil if there are none.
func (p *Problems) Err() error {
	if len(p.fields) == 0 {
		return nil
	}
	return &Error{Code: EINVALID, Message: "Some fields are not valid.", Fields: p.fields}
}

// JoinInvalid combines validation errors so that a user sees every field
// problem at once. A nil error is skipped; any error other than EINVALID
// is returned as is, since it is not about the input.
func JoinInvalid(errs ...error) error {
	var p Problems
	for _, err := range errs {
		if err == nil {
			continue
		}
		if ErrorCode(err) != EINVALID {
			return err
		}
		p.fields = append(p.fields, ErrorFields(err)...)
	}
	return p.Err()
}
