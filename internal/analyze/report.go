package analyze

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"reflect"
	"strings"
	"time"
)

// Report is the result of one analysis.
type Report interface {
	// WriteText writes a report for people, listing at most top customers
	// (or rules) where it lists them one by one; top <= 0 lists all.
	WriteText(w io.Writer, top int) error
}

// Source describes the data an analysis ran on; every report starts with it.
// Money in reports is in minor units (fen, cents), as in Guanxi's API.
type Source struct {
	Analysis  string `json:"analysis"`
	AsOf      string `json:"as_of"` // YYYY-MM-DD: orders before this day count
	Customers int    `json:"customers"`
	Orders    int    `json:"orders"`
	// OrdersAfterAsOf counts the orders dated on or after as_of, left out.
	OrdersAfterAsOf int    `json:"orders_after_as_of"`
	Encoding        string `json:"encoding,omitempty"`
	// IgnoredColumns are columns of the file that no analysis reads.
	IgnoredColumns []string `json:"ignored_columns,omitempty"`
}

func newSource(analysis string, h *History) Source {
	return Source{Analysis: analysis, AsOf: dateString(h.AsOf), Customers: len(h.Customers),
		Orders: h.Orders, OrdersAfterAsOf: h.Excluded, Encoding: h.Encoding, IgnoredColumns: h.IgnoredColumns}
}

func (s Source) writeText(w io.Writer, title string) {
	fmt.Fprintf(w, "%s\nas of %s: %d customers, %d orders", title, s.AsOf, s.Customers, s.Orders)
	if s.OrdersAfterAsOf > 0 {
		fmt.Fprintf(w, " (%d on or after %s left out)", s.OrdersAfterAsOf, s.AsOf)
	}
	if s.Encoding != "" {
		fmt.Fprintf(w, "; file encoding %s", s.Encoding)
	}
	fmt.Fprintln(w)
	if len(s.IgnoredColumns) > 0 {
		fmt.Fprintf(w, "columns not used: %s\n", strings.Join(s.IgnoredColumns, ", "))
	}
}

// WriteJSON writes r as indented JSON after checking that it holds no NaN
// or infinity: the analytics promise finite results, and a report that
// breaks the promise must fail loudly rather than print "NaN".
func WriteJSON(w io.Writer, r Report) error {
	if err := CheckFinite(r); err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

// CheckFinite returns an error naming the first float in r (by its JSON
// path) that is NaN or infinite.
func CheckFinite(r Report) error {
	if path := nonFinite(reflect.ValueOf(r), ""); path != "" {
		return fmt.Errorf("%s is not a finite number; no result was printed", path)
	}
	return nil
}

func nonFinite(v reflect.Value, path string) string {
	switch v.Kind() {
	case reflect.Float32, reflect.Float64:
		if f := v.Float(); math.IsNaN(f) || math.IsInf(f, 0) {
			return strings.TrimPrefix(path, ".")
		}
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			return nonFinite(v.Elem(), path)
		}
	case reflect.Slice, reflect.Array:
		for i := range v.Len() {
			if p := nonFinite(v.Index(i), fmt.Sprintf("%s[%d]", path, i)); p != "" {
				return p
			}
		}
	case reflect.Struct:
		for i := range v.NumField() {
			f := v.Type().Field(i)
			if !f.IsExported() {
				continue
			}
			name := path
			if !f.Anonymous {
				name += "." + jsonName(f)
			}
			if p := nonFinite(v.Field(i), name); p != "" {
				return p
			}
		}
	}
	return ""
}

func jsonName(f reflect.StructField) string {
	if name, _, _ := strings.Cut(f.Tag.Get("json"), ","); name != "" {
		return name
	}
	return f.Name
}

// dateString formats a date for reports.
func dateString(t time.Time) string { return t.Format(time.DateOnly) }
