package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/search"
)

const productColumns = `p.id, p.code, p.name, p.category, p.unit, p.list_price, p.unit_cost, p.description,
	p.active, p.version, p.created_at, p.created_by, p.updated_at, p.updated_by`

func scanProduct(row interface{ Scan(...any) error }, extra ...any) (*crm.Product, error) {
	p := &crm.Product{}
	var cost int64
	var active bool
	dest := []any{str{&p.ID}, &p.Code, &p.Name, &p.Category, &p.Unit, &p.ListPrice, &cost, &p.Description,
		&active, &p.Version, utc{&p.CreatedAt}, str{&p.CreatedBy}, utc{&p.UpdatedAt}, str{&p.UpdatedBy}}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	p.UnitCost, p.Active = &cost, &active
	return p, nil
}

// GetProduct returns a product of the workspace; ENOTFOUND if none.
func (q *Q) GetProduct(ctx context.Context, ws, id string) (*crm.Product, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Product not found.")
	}
	p, err := scanProduct(q.QueryRowContext(ctx, "SELECT "+productColumns+" FROM products p WHERE p.workspace_id = ? AND p.id = ?", ws, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Product not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get product %s: %w", id, err)
	}
	return p, nil
}

// ProductByCode returns the workspace's product with code; ENOTFOUND if none.
func (q *Q) ProductByCode(ctx context.Context, ws, code string) (*crm.Product, error) {
	p, err := scanProduct(q.QueryRowContext(ctx, "SELECT "+productColumns+" FROM products p WHERE p.workspace_id = ? AND p.code = ?", ws, code))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Product not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("product %s: %w", code, err)
	}
	return p, nil
}

// ProductsByID returns the workspace's products among ids, by id; ids that
// are not products are left out.
func (q *Q) ProductsByID(ctx context.Context, ws string, ids []string) (map[string]*crm.Product, error) {
	var valid []string
	for _, id := range ids {
		if crm.ValidID(id) {
			valid = append(valid, id)
		}
	}
	out := map[string]*crm.Product{}
	err := inChunks(valid, func(in string, args []any) error {
		rows, err := q.QueryContext(ctx, "SELECT "+productColumns+" FROM products p WHERE p.workspace_id = ? AND p.id IN ("+in+")", append([]any{ws}, args...)...)
		if err != nil {
			return fmt.Errorf("products by id: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProduct(rows)
			if err != nil {
				return err
			}
			out[p.ID] = p
		}
		return rows.Err()
	})
	return out, err
}

// ProductsByCode returns the workspace's products among codes, by code;
// codes that are no product's are left out.
func (q *Q) ProductsByCode(ctx context.Context, ws string, codes []string) (map[string]*crm.Product, error) {
	out := map[string]*crm.Product{}
	err := inChunks(codes, func(in string, args []any) error {
		rows, err := q.QueryContext(ctx, "SELECT "+productColumns+" FROM products p WHERE p.workspace_id = ? AND p.code IN ("+in+")", append([]any{ws}, args...)...)
		if err != nil {
			return fmt.Errorf("products by code: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			p, err := scanProduct(rows)
			if err != nil {
				return err
			}
			out[p.Code] = p
		}
		return rows.Err()
	})
	return out, err
}

// inChunks calls fn with the placeholders and arguments of values in
// slices of at most 500, which keeps IN lists far inside both databases'
// parameter limits.
func inChunks(values []string, fn func(placeholders string, args []any) error) error {
	for start := 0; start < len(values); start += 500 {
		chunk := values[start:min(start+500, len(values))]
		args := make([]any, len(chunk))
		for i, v := range chunk {
			args[i] = v
		}
		if err := fn(placeholders(len(chunk)), args); err != nil {
			return err
		}
	}
	return nil
}

var productSorts = map[string]sortColumn{
	"code":       {"p.code", sortText, true},
	"name":       {"p.name_sort", sortText, false},
	"category":   {"p.category", sortText, false},
	"list_price": {"p.list_price", sortInt, false},
	"updated_at": {"p.updated_at", sortTime, false},
}

// ListProducts returns one page of the workspace's products matching f.
func (q *Q) ListProducts(ctx context.Context, ws string, f crm.ProductFilter) (*crm.Page[*crm.Product], error) {
	o, err := resolveSort(f.Sort, "name", productSorts)
	if err != nil {
		return nil, err
	}
	var c conds
	c.add("p.workspace_id = ?", ws)
	if f.Category != "" {
		c.add("p.category = ?", f.Category)
	}
	if f.Active != nil {
		c.add("p.active = ?", *f.Active)
	}
	if q := strings.ToLower(strings.TrimSpace(f.Q)); q != "" {
		like := "%" + likeEscape(q) + "%"
		c.add(`(lower(p.code) LIKE ? ESCAPE '\' OR lower(p.name) LIKE ? ESCAPE '\')`, like, like)
	}
	page, err := keysetPage(ctx, q, productColumns, "products p", c, o, "p", f.Cursor, f.Limit,
		func(rows *sql.Rows, sortValue *any) (*crm.Product, string, error) {
			p, err := scanProduct(rows, sortValue)
			if err != nil {
				return nil, "", err
			}
			return p, p.ID, nil
		})
	if err != nil {
		return nil, fmt.Errorf("list products: %w", err)
	}
	return page, nil
}

func likeEscape(s string) string {
	return strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s)
}

// InsertProducts stores new products; ECONFLICT with the field "code" when
// a code is taken.
func (tx *Tx) InsertProducts(ctx context.Context, ws string, ps []*crm.Product) error {
	cols := []string{"workspace_id", "id", "code", "name", "name_sort", "category", "unit", "list_price", "unit_cost",
		"description", "active", "version", "created_at", "created_by", "updated_at", "updated_by"}
	values := make([][]any, len(ps))
	for i, p := range ps {
		values[i] = []any{ws, p.ID, p.Code, p.Name, search.SortKey(p.Name), p.Category, p.Unit, p.ListPrice, derefInt(p.UnitCost),
			p.Description, p.Active == nil || *p.Active, p.Version, p.CreatedAt, nullable(p.CreatedBy), p.UpdatedAt, nullable(p.UpdatedBy)}
	}
	if err := tx.insertRows(ctx, "products", cols, values); err != nil {
		return productWriteError(tx, err)
	}
	return nil
}

// UpdateProduct writes p if the stored version is still fromVersion.
func (tx *Tx) UpdateProduct(ctx context.Context, ws string, p *crm.Product, fromVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE products SET code = ?, name = ?, name_sort = ?, category = ?, unit = ?,
		list_price = ?, unit_cost = ?, description = ?, active = ?, version = ?, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`,
		p.Code, p.Name, search.SortKey(p.Name), p.Category, p.Unit, p.ListPrice, derefInt(p.UnitCost), p.Description,
		p.Active == nil || *p.Active, p.Version, p.UpdatedAt, nullable(p.UpdatedBy), ws, p.ID, fromVersion)
	if err != nil {
		return productWriteError(tx, err)
	}
	return expectOne(res, "Product")
}

func productWriteError(tx *Tx, err error) error {
	if isUniqueViolation(err) {
		return &crm.Error{Code: crm.ECONFLICT, Message: "Another product already has this code.",
			Fields: []crm.FieldError{{Field: "code", Reason: "taken", Message: "is already used by another product"}}}
	}
	return tx.writeError("product", err)
}

func derefInt(p *int64) int64 {
	if p == nil {
		return 0
	}
	return *p
}
