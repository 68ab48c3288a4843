package store

import (
	"errors"
	"strconv"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/jackc/pgx/v5/pgconn"
	msqlite "modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// dialect holds what differs between SQLite and PostgreSQL outside DDL and
// search. Queries are written once with ? placeholders.
type dialect struct {
	name string
	// tagMatch is a condition "the JSON array column alias.tags holds ?".
	tagMatch func(column string) string
	// jsonText extracts a top-level key of a JSON column as text.
	jsonText func(column string) string
}

var sqlite = dialect{
	name:     "sqlite",
	tagMatch: func(col string) string { return "EXISTS (SELECT 1 FROM json_each(" + col + ") WHERE value = ?)" },
	jsonText: func(col string) string { return "json_extract(" + col + ", '$.' || ?)" },
}

var postgres = dialect{
	name:     "postgres",
	tagMatch: func(col string) string { return col + " @> jsonb_build_array(?::text)" },
	jsonText: func(col string) string { return col + " ->> ?::text" },
}

// rebind turns ? placeholders into $1, $2, ... for PostgreSQL. Our SQL
// never has ? inside string literals, but literals are skipped anyway.
func (d dialect) rebind(q string) string {
	if d.name != "postgres" || strings.IndexByte(q, '?') < 0 {
		return q
	}
	var b strings.Builder
	b.Grow(len(q) + 16)
	n := 0
	inString := false
	for i := 0; i < len(q); i++ {
		c := q[i]
		switch {
		case c == '\'':
			inString = !inString
		case c == '?' && !inString:
			n++
			b.WriteByte('$')
			b.WriteString(strconv.Itoa(n))
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// isUniqueViolation reports whether err is a unique-constraint violation.
func isUniqueViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23505"
	}
	var se *msqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_UNIQUE || se.Code() == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// isForeignKeyViolation reports whether err is a foreign-key violation.
func isForeignKeyViolation(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "23503"
	}
	var se *msqlite.Error
	if errors.As(err, &se) {
		return se.Code() == sqlite3.SQLITE_CONSTRAINT_FOREIGNKEY
	}
	return false
}

// isRetryable reports whether a transaction failed only because of a
// concurrent one and may simply run again: serialization failures and
// deadlocks on PostgreSQL, a busy database on SQLite.
func isRetryable(err error) bool {
	var pg *pgconn.PgError
	if errors.As(err, &pg) {
		return pg.Code == "40001" || pg.Code == "40P01"
	}
	var se *msqlite.Error
	if errors.As(err, &se) {
		c := se.Code() & 0xff
		return c == sqlite3.SQLITE_BUSY || c == sqlite3.SQLITE_LOCKED
	}
	return false
}

// customCond returns a condition comparing custom field key (the first ?)
// of a JSON column with a value (the second ?), and the value converted for
// the comparison.
func (d dialect) customCond(column string, f CustomFilter) (string, any) {
	switch f.Type {
	case crm.FieldNumber:
		n, _ := strconv.ParseFloat(f.Value, 64)
		if d.name == "postgres" {
			return "(" + d.jsonText(column) + ")::float8 = ?", n
		}
		return "CAST(" + d.jsonText(column) + " AS REAL) = ?", n
	case crm.FieldBoolean:
		if d.name == "postgres" {
			return d.jsonText(column) + " = ?", f.Value
		}
		b := 0
		if f.Value == "true" {
			b = 1
		}
		return d.jsonText(column) + " = ?", b
	case crm.FieldMultiSelect:
		if d.name == "postgres" {
			return "(" + column + " -> ?::text) @> jsonb_build_array(?::text)", f.Value
		}
		return "EXISTS (SELECT 1 FROM json_each(" + column + ", '$.' || ?) WHERE value = ?)", f.Value
	}
	return d.jsonText(column) + " = ?", f.Value
}
