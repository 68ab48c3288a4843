package store

import (
	"database/sql/driver"
	"encoding/json"
	"fmt"
	"time"
)

// nullable returns nil for an empty reference so that it is stored as
// NULL (and foreign keys ignore it).
func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// str scans a nullable text or uuid column into a string ("" for NULL).
type str struct{ p *string }

func (s str) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*s.p = ""
	case string:
		*s.p = v
	case []byte:
		*s.p = string(v)
	case [16]byte: // a uuid from a driver that does not format it
		*s.p = fmt.Sprintf("%x-%x-%x-%x-%x", v[0:4], v[4:6], v[6:8], v[8:10], v[10:])
	default:
		return fmt.Errorf("scan %T into string", src)
	}
	return nil
}

// utc scans a time column and converts it to UTC; PostgreSQL returns the
// session's zone.
type utc struct{ p *time.Time }

func (u utc) Scan(src any) error {
	t, ok := src.(time.Time)
	if !ok {
		return fmt.Errorf("scan %T into time", src)
	}
	*u.p = t.UTC()
	return nil
}

// nullUTC scans a nullable time column into a *time.Time.
type nullUTC struct{ p **time.Time }

func (u nullUTC) Scan(src any) error {
	if src == nil {
		*u.p = nil
		return nil
	}
	t, ok := src.(time.Time)
	if !ok {
		return fmt.Errorf("scan %T into time", src)
	}
	t = t.UTC()
	*u.p = &t
	return nil
}

// jsonCol scans a JSON column (text in SQLite, jsonb in PostgreSQL) into v.
type jsonCol struct{ v any }

func (j jsonCol) Scan(src any) error {
	var b []byte
	switch s := src.(type) {
	case nil:
		return nil
	case string:
		b = []byte(s)
	case []byte:
		b = s
	default:
		return fmt.Errorf("scan %T as JSON", src)
	}
	return json.Unmarshal(b, j.v)
}

// jsonValue encodes v for a JSON column; nil slices and maps become [] and
// {} so the column never holds null.
type jsonValue struct {
	v     any
	empty string
}

func (j jsonValue) Value() (driver.Value, error) {
	b, err := json.Marshal(j.v)
	if err != nil {
		return nil, err
	}
	if string(b) == "null" {
		return j.empty, nil
	}
	return string(b), nil
}

func jsonArray(v any) jsonValue  { return jsonValue{v, "[]"} }
func jsonObject(v any) jsonValue { return jsonValue{v, "{}"} }

// timeString scans a time column into RFC 3339 text.
type timeString string

func (t *timeString) Scan(src any) error {
	var v time.Time
	if err := (utc{&v}).Scan(src); err != nil {
		return err
	}
	*t = timeString(v.Format(time.RFC3339Nano))
	return nil
}
