package store

import (
	"context"
	"database/sql"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

// sortKind is the type of a sort column, which decides how a cursor's
// value is decoded.
type sortKind int

const (
	sortText sortKind = iota
	sortTime
	sortInt
	sortDate // a calendar date: DATE in PostgreSQL, YYYY-MM-DD text in SQLite
)

// sortColumn is an allow-listed sort: the public name maps to a column.
// A unique column needs no id tie-breaker.
type sortColumn struct {
	column string
	kind   sortKind
	unique bool
}

// relevance is the sort of search results: newest match first. On SQLite
// it is the search index's own row order, which FTS5 reads backwards and
// stops after one page; on PostgreSQL the creation time, searched in
// growing time windows (see windowed).
func (d dialect) relevance(alias string) sortColumn {
	if d.name == "postgres" {
		return sortColumn{alias + ".created_at", sortTime, false}
	}
	return sortColumn{"s.rowid", sortInt, true}
}

// relevanceWindows are the spans of creation time, newest first, in which
// a PostgreSQL search looks for a page of matches before widening; 0 is
// unbounded.
var relevanceWindows = []time.Duration{7 * 24 * time.Hour, 30 * 24 * time.Hour, 180 * 24 * time.Hour, 2 * 365 * 24 * time.Hour, 0}

// windowed fills page with fetch. For a PostgreSQL relevance sort it first
// restricts column (the creation time) to recent windows: a GIN index
// yields every match unordered, so a common two-letter term in millions of
// rows would otherwise visit tens of thousands of rows to return 50;
// within a window PostgreSQL intersects the GIN bitmap with the time index
// and visits only the window's matches. A window that yields a full page
// (one row more than the page) holds the newest matches; otherwise the
// next, wider window runs.
func windowed[T any](q *Q, o order, column string, c conds, page *crm.Page[T], fetch func(conds, *crm.Page[T]) error) (*crm.Page[T], error) {
	if !o.relevant || q.d.name != "postgres" {
		return page, fetch(c, page)
	}
	now := Now()
	for _, span := range relevanceWindows {
		w := conds{sql: slices.Clone(c.sql), args: slices.Clone(c.args)}
		if span > 0 {
			w.add(column+" >= ?", now.Add(-span))
		}
		page.Items, page.NextCursor = page.Items[:0], ""
		if err := fetch(w, page); err != nil {
			return nil, err
		}
		if page.NextCursor != "" {
			break
		}
	}
	return page, nil
}

// order is a resolved sort: column, kind and direction; relevant marks the
// relevance sort of a search.
type order struct {
	sortColumn
	desc     bool
	relevant bool
}

// withRelevance adds the "relevance" sort (only while searching) to a
// list's allowed sorts.
func (d dialect) withRelevance(sorts map[string]sortColumn, alias string, searching bool) map[string]sortColumn {
	if !searching {
		return sorts
	}
	out := make(map[string]sortColumn, len(sorts)+1)
	for k, v := range sorts {
		out[k] = v
	}
	out["relevance"] = d.relevance(alias)
	return out
}

// resolveSort maps "name" or "-name" to a column from the allow-list, or
// reports EINVALID. Unknown names never reach SQL.
func resolveSort(s, def string, allowed map[string]sortColumn) (order, error) {
	if s == "" {
		s = def
		if _, ok := allowed["relevance"]; ok {
			s = "-relevance" // searches list the newest matches first
		}
	}
	desc := strings.HasPrefix(s, "-")
	c, ok := allowed[strings.TrimPrefix(s, "-")]
	if !ok {
		var p crm.Problems
		p.Add("sort", "unknown_value", "cannot sort by "+strings.TrimPrefix(s, "-"))
		return order{}, p.Err()
	}
	return order{c, desc, strings.TrimPrefix(s, "-") == "relevance"}, nil
}

// orderBy returns the ORDER BY clause, with the id as tie-breaker so the
// order is total and keyset pagination never skips or repeats a row.
func (o order) orderBy(alias string) string {
	return o.orderByColumn(o.column, alias)
}

// orderByColumn is orderBy for a query that exposes the sort value as
// column (an outer query over a paged subquery).
func (o order) orderByColumn(column, alias string) string {
	dir := " ASC"
	if o.desc {
		dir = " DESC"
	}
	if o.unique {
		return " ORDER BY " + column + dir
	}
	return " ORDER BY " + column + dir + ", " + alias + ".id" + dir
}

// after adds the keyset condition for the page after cursor.
func (o order) after(c *conds, alias, cursor string) error {
	if cursor == "" {
		return nil
	}
	v, id, err := o.decode(cursor)
	if err != nil {
		return err
	}
	op := " > "
	if o.desc {
		op = " < "
	}
	if o.unique {
		c.add(o.column+op+"?", v)
		return nil
	}
	c.add("("+o.column+", "+alias+".id)"+op+"(?, ?)", v, id)
	return nil
}

// cursor encodes the position after a row whose sort value is v.
func (o order) cursor(v any, id string) string {
	if t, ok := v.(time.Time); ok {
		if o.kind == sortDate {
			v = t.Format(time.DateOnly)
		} else {
			v = t.UTC().Format(time.RFC3339Nano)
		}
	}
	b, _ := json.Marshal([]any{v, id})
	return base64.RawURLEncoding.EncodeToString(b)
}

func (o order) decode(cursor string) (any, string, error) {
	bad := func() (any, string, error) {
		var p crm.Problems
		p.Add("cursor", "invalid", "is not a cursor from this list")
		return nil, "", p.Err()
	}
	b, err := base64.RawURLEncoding.DecodeString(cursor)
	if err != nil || len(b) > 2048 {
		return bad()
	}
	var raw []json.RawMessage
	if json.Unmarshal(b, &raw) != nil || len(raw) != 2 {
		return bad()
	}
	var id string
	if json.Unmarshal(raw[1], &id) != nil || !crm.ValidID(id) {
		return bad()
	}
	switch o.kind {
	case sortInt:
		var n int64
		if json.Unmarshal(raw[0], &n) != nil {
			return bad()
		}
		return n, id, nil
	case sortTime:
		var s string
		if json.Unmarshal(raw[0], &s) != nil {
			return bad()
		}
		t, err := time.Parse(time.RFC3339Nano, s)
		if err != nil {
			return bad()
		}
		return t.UTC(), id, nil
	case sortDate:
		var s string
		if json.Unmarshal(raw[0], &s) != nil || !crm.Date(s).Valid() || s == "" {
			return bad()
		}
		return crm.Date(s), id, nil
	default:
		var s string
		if json.Unmarshal(raw[0], &s) != nil {
			return bad()
		}
		return s, id, nil
	}
}

// keysetPage runs one page of a keyset-paginated list: SELECT cols and
// the sort value FROM from, c the conditions without the cursor. scan reads one row's
// columns plus the sort value into a new item and returns its id. This is
// the list query of every record type without search.
func keysetPage[T any](ctx context.Context, q *Q, cols, from string, c conds, o order, alias, cursor string, limit int,
	scan func(rows *sql.Rows, sortValue *any) (T, string, error)) (*crm.Page[T], error) {
	if err := o.after(&c, alias, cursor); err != nil {
		return nil, err
	}
	limit = crm.PageSize(limit)
	query := "SELECT " + cols + ", " + o.column + " FROM " + from + c.where() + o.orderBy(alias) + fmt.Sprintf(" LIMIT %d", limit+1)
	rows, err := q.QueryContext(ctx, query, c.args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	page := &crm.Page[T]{Items: []T{}}
	var last any
	var lastID string
	for rows.Next() {
		var sortValue any
		item, id, err := scan(rows, &sortValue)
		if err != nil {
			return nil, err
		}
		if len(page.Items) == limit {
			page.NextCursor = o.cursor(last, lastID)
			break
		}
		page.Items = append(page.Items, item)
		last, lastID = sortValue, id
	}
	return page, rows.Err()
}
