// Package csvin reads a user's CSV file safely: it caps the bytes read,
// detects the encoding (UTF-8 with or without BOM, or GB18030/GBK as
// Chinese Excel writes it), maps header names to the columns a caller
// expects, and collects per-row errors with line numbers, so that a command
// can report every bad row at once and write nothing.
//
// It knows nothing of what the columns mean. A caller declares its columns,
// walks the rows, parses each field (Decimal and Date help) and calls Fail
// for each bad one; Err then returns all problems, or nil.
package csvin

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"iter"
	"strings"
)

// Column is a column the caller expects.
type Column struct {
	Name     string   // the caller's name for it; also accepted as header
	Aliases  []string // other accepted header names
	Required bool     // a header without it is an error
}

// Options configure Open. The zero value reads comma-separated files of up
// to DefaultMaxBytes and keeps DefaultMaxErrors errors.
type Options struct {
	Columns   []Column
	MaxBytes  int64 // larger inputs are refused before parsing
	MaxErrors int   // errors kept in detail; all are counted
	Comma     rune
}

// The defaults of Options.
const (
	DefaultMaxBytes  = 64 << 20
	DefaultMaxErrors = 100
)

// Reader walks the records of one CSV file after its header.
type Reader struct {
	data     []byte
	encoding Encoding
	csv      *csv.Reader
	fields   int            // columns in the header
	index    map[string]int // Column.Name -> field position
	unused   []string       // header names no column claimed
	errs     Errors
	max      int
}

// Open reads all of src (at most opt.MaxBytes), decodes it to UTF-8 and
// reads the header. It fails on a too large or undecodable input and on a
// header that lacks a required column or names one twice; the latter come
// as *Errors, like row errors, so callers print them the same way.
func Open(src io.Reader, opt Options) (*Reader, error) {
	if opt.MaxBytes <= 0 {
		opt.MaxBytes = DefaultMaxBytes
	}
	if opt.MaxErrors <= 0 {
		opt.MaxErrors = DefaultMaxErrors
	}
	raw, err := io.ReadAll(io.LimitReader(src, opt.MaxBytes+1))
	if err != nil {
		return nil, err
	}
	if int64(len(raw)) > opt.MaxBytes {
		return nil, fmt.Errorf("the file is larger than the limit of %s", formatBytes(opt.MaxBytes))
	}
	data, enc, err := decode(raw)
	if err != nil {
		return nil, err
	}
	r := &Reader{data: data, encoding: enc, max: opt.MaxErrors}
	r.csv = csv.NewReader(bytes.NewReader(data))
	if opt.Comma != 0 {
		r.csv.Comma = opt.Comma
	}
	r.csv.FieldsPerRecord = -1 // counted here, so a short row is reported with the header's count
	r.csv.ReuseRecord = true
	header, err := r.csv.Read()
	if err == io.EOF {
		return nil, errors.New("the file is empty: it needs a header row")
	}
	if err != nil {
		r.parseError(err)
		return nil, &r.errs
	}
	if err := r.mapHeader(header, opt.Columns); err != nil {
		return nil, err
	}
	return r, nil
}

// mapHeader finds each column's position by name, ignoring case and
// surrounding spaces.
func (r *Reader) mapHeader(header []string, cols []Column) error {
	r.fields = len(header)
	r.index = make(map[string]int, len(cols))
	line, _ := r.csv.FieldPos(0)
	claimed := make([]bool, len(header))
	for _, c := range cols {
		for _, name := range append([]string{c.Name}, c.Aliases...) {
			for i, h := range header {
				if !strings.EqualFold(strings.TrimSpace(h), name) {
					continue
				}
				if prev, dup := r.index[c.Name]; dup && prev != i {
					r.Fail(line, c.Name, fmt.Sprintf("the header names this column twice (%q and %q)", header[prev], h))
					continue
				}
				r.index[c.Name] = i
				claimed[i] = true
			}
		}
		if _, ok := r.index[c.Name]; !ok && c.Required {
			r.Fail(line, c.Name, "the header has no such column"+aliasHint(c))
		}
	}
	for i, h := range header {
		if h = strings.TrimSpace(h); !claimed[i] && h != "" {
			r.unused = append(r.unused, h)
		}
	}
	return r.Err()
}

func aliasHint(c Column) string {
	if len(c.Aliases) == 0 {
		return ""
	}
	return " (also accepted: " + strings.Join(c.Aliases, ", ") + ")"
}

// Encoding returns the encoding the input was decoded from.
func (r *Reader) Encoding() Encoding { return r.encoding }

// Has reports whether the header has the column called name.
func (r *Reader) Has(name string) bool {
	_, ok := r.index[name]
	return ok
}

// Unused returns the header names that no column claimed; callers may
// ignore them or tell the user.
func (r *Reader) Unused() []string { return r.unused }

// Row is one record. Its fields are valid until the next iteration.
type Row struct {
	Line   int // line where the record starts (the header is usually line 1)
	fields []string
	index  map[string]int
}

// Get returns the trimmed field of column name, or "" when the header has
// no such column.
func (row Row) Get(name string) string {
	i, ok := row.index[name]
	if !ok {
		return ""
	}
	return strings.TrimSpace(row.fields[i])
}

// Rows iterates over the records after the header. Records that cannot be
// parsed or have the wrong number of fields are recorded as errors and
// skipped, so every row yielded has one field per header column.
func (r *Reader) Rows() iter.Seq[Row] {
	return func(yield func(Row) bool) {
		for {
			start := r.csv.InputOffset()
			rec, err := r.csv.Read()
			if err == io.EOF {
				return
			}
			if err != nil {
				r.recordError(err, start)
				continue
			}
			line, _ := r.csv.FieldPos(0)
			if len(rec) != r.fields {
				r.Fail(line, "", r.fieldCountMessage(len(rec)))
				continue
			}
			if !yield(Row{Line: line, fields: rec, index: r.index}) {
				return
			}
		}
	}
}

// fieldCountMessage explains a record with the wrong number of fields; a
// short last record is most likely a file cut off in transfer.
func (r *Reader) fieldCountMessage(n int) string {
	msg := fmt.Sprintf("%d fields, the header has %d", n, r.fields)
	if n < r.fields && r.csv.InputOffset() == int64(len(r.data)) {
		msg += ": the last line is cut short (truncated file?)"
	}
	return msg
}

// recordError turns a parse error into a row error. A quoted field still
// open at the end of the file means the file was cut off (or a quote was
// never closed), which the csv package reports as a plain quote error.
func (r *Reader) recordError(err error, start int64) {
	var pe *csv.ParseError
	if errors.As(err, &pe) && errors.Is(pe.Err, csv.ErrQuote) && r.csv.InputOffset() == int64(len(r.data)) &&
		bytes.Count(r.data[start:], []byte{'"'})%2 == 1 {
		r.Fail(pe.StartLine, "", "the file ends inside a quoted field that starts here: truncated file, or a quote is not closed")
		return
	}
	r.parseError(err)
}

func (r *Reader) parseError(err error) {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		msg := pe.Err.Error()
		if pe.Line != pe.StartLine {
			msg = fmt.Sprintf("%s (on line %d, column %d)", msg, pe.Line, pe.Column)
		} else {
			msg = fmt.Sprintf("%s (column %d)", msg, pe.Column)
		}
		r.Fail(pe.StartLine, "", msg)
		return
	}
	r.Fail(0, "", err.Error())
}

// Fail records a problem with the field of column on line (column "" for
// the whole row).
func (r *Reader) Fail(line int, column, message string) {
	r.errs.Total++
	if len(r.errs.List) < r.max {
		r.errs.List = append(r.errs.List, RowError{Line: line, Column: column, Message: message})
	}
}

// Err returns the problems recorded so far as *Errors, or nil if none.
func (r *Reader) Err() error {
	if r.errs.Total == 0 {
		return nil
	}
	return &r.errs
}

func formatBytes(n int64) string {
	if n >= 1<<20 && n%(1<<20) == 0 {
		return fmt.Sprintf("%d MiB", n>>20)
	}
	return fmt.Sprintf("%d bytes", n)
}
