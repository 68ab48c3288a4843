package crm

import (
	"database/sql/driver"
	"fmt"
	"sort"
	"strconv"
	"time"
)

// Meta is the bookkeeping every mutable record carries. Version starts at 1
// and grows by one with every change; a write names the version it read
// (HTTP If-Match) and fails with ESTALE if the record moved on.
type Meta struct {
	Version   int        `json:"version" readOnly:"true"`
	CreatedAt time.Time  `json:"created_at" readOnly:"true"`
	CreatedBy string     `json:"created_by" readOnly:"true"`
	UpdatedAt time.Time  `json:"updated_at" readOnly:"true"`
	UpdatedBy string     `json:"updated_by" readOnly:"true"`
	DeletedAt *time.Time `json:"deleted_at,omitempty" readOnly:"true"`
}

// Money is an amount in minor units (fen, cents) of a currency. Amounts are
// never floats.
type Money struct {
	Amount   int64  `json:"amount" doc:"Amount in minor units (fen, cents)."`
	Currency string `json:"currency" pattern:"^[A-Z]{3}$" doc:"ISO 4217 code, e.g. CNY."`
}

// String formats m for history entries, e.g. "CNY 1234.50".
func (m Money) String() string {
	sign := ""
	a := m.Amount
	if a < 0 {
		sign, a = "-", -a
	}
	return fmt.Sprintf("%s %s%d.%02d", m.Currency, sign, a/100, a%100)
}

// Date is a calendar date without time or zone, "YYYY-MM-DD", used for
// birthdays and due dates. The zero value means "not set".
type Date string

// Valid reports whether d is empty or a real calendar date.
func (d Date) Valid() bool {
	if d == "" {
		return true
	}
	_, err := time.Parse(time.DateOnly, string(d))
	return err == nil
}

// Value stores a date as text; PostgreSQL casts it to its date type.
func (d Date) Value() (driver.Value, error) {
	if d == "" {
		return nil, nil
	}
	return string(d), nil
}

// Scan reads a date from text (SQLite) or a time (PostgreSQL).
func (d *Date) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*d = ""
	case string:
		*d = Date(v)
	case []byte:
		*d = Date(v)
	case time.Time:
		*d = Date(v.Format(time.DateOnly))
	default:
		return fmt.Errorf("crm.Date: cannot scan %T", src)
	}
	return nil
}

// Redaction lists the fields of a record hidden from the caller by a field
// rule, so that a client can tell "hidden" from "empty".
type Redaction struct {
	Redacted []string `json:"redacted,omitempty" readOnly:"true" doc:"Fields hidden from you by a field rule."`
}

// Redact records that field was hidden.
func (r *Redaction) Redact(field string) { r.Redacted = append(r.Redacted, field) }

// Page is one page of a keyset-paginated list. NextCursor is empty on the
// last page. Total is set only when asked for (counting can cost more than
// the page): the number of matching records up to TotalCap. TotalCapped
// says there are more than Total, or too many to count quickly (then
// Total is absent).
type Page[T any] struct {
	Items       []T    `json:"items"`
	NextCursor  string `json:"next_cursor,omitempty"`
	Total       *int   `json:"total,omitempty" doc:"Matching records, up to 10,000; only with with_total=true."`
	TotalCapped bool   `json:"total_capped,omitempty" doc:"More than total, or too many to count quickly."`
}

// List paging limits.
const (
	DefaultPageSize = 50
	MaxPageSize     = 200
	// TotalCap bounds the work spent counting a list; above it the UI
	// shows "10,000+".
	TotalCap = 10000
)

// PageSize returns n clamped to 1..MaxPageSize, DefaultPageSize for 0.
func PageSize(n int) int {
	switch {
	case n <= 0:
		return DefaultPageSize
	case n > MaxPageSize:
		return MaxPageSize
	}
	return n
}

// Deleted says whether a list includes soft-deleted records.
type Deleted string

// Deleted filter values.
const (
	DeletedExclude Deleted = ""     // live records only (the default)
	DeletedOnly    Deleted = "only" // the recycle bin
	DeletedInclude Deleted = "include"
)

// Snapshot is a flat, printable view of a record's fields, used to compute
// and store its field history.
type Snapshot map[string]string

// Diff returns the fields whose values differ between old and new, sorted
// by field name so that history reads the same on every run.
func Diff(old, new Snapshot) []FieldChange {
	keys := make([]string, 0, len(new))
	for k := range new {
		keys = append(keys, k)
	}
	for k := range old {
		if _, ok := new[k]; !ok {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var out []FieldChange
	for _, k := range keys {
		if old[k] != new[k] {
			out = append(out, FieldChange{Field: k, Old: old[k], New: new[k]})
		}
	}
	return out
}

// FieldChange is one field's old and new value.
type FieldChange struct {
	Field string
	Old   string
	New   string
}

func boolString(b bool) string { return strconv.FormatBool(b) }
