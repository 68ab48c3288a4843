package crm

import (
	"context"
	"strconv"
	"strings"
)

// MaxAmount bounds every money amount in minor units (10 trillion yuan):
// sums of many lines stay far from int64 overflow and every amount is an
// exact integer in JavaScript (below 2^53).
const MaxAmount int64 = 1_000_000_000_000_000

// ProductFields are the fields of a product a user writes.
type ProductFields struct {
	Code        string `json:"code" minLength:"1" maxLength:"64" doc:"Your product code (SKU); unique in the workspace; order imports name products by it."`
	Name        string `json:"name" minLength:"1" maxLength:"200"`
	Category    string `json:"category,omitempty" maxLength:"100"`
	Unit        string `json:"unit,omitempty" maxLength:"20" doc:"Unit of sale, e.g. 台, 套, box."`
	ListPrice   int64  `json:"list_price" minimum:"0" doc:"List price per unit in minor units (fen)."`
	UnitCost    *int64 `json:"unit_cost,omitempty" minimum:"0" doc:"Cost per unit in minor units; visible to admins, managers, finance and warehouse."`
	Description string `json:"description,omitempty" maxLength:"2000"`
	Active      *bool  `json:"active,omitempty" doc:"Inactive products stay on past orders but are not offered for new ones; defaults to true."`
}

// Product is something the workspace sells (产品).
type Product struct {
	ID string `json:"id" readOnly:"true"`
	ProductFields
	Meta
	Redaction
}

// Normalize trims the text fields and fills defaults.
func (f *ProductFields) Normalize() {
	f.Code = strings.TrimSpace(f.Code)
	f.Name = strings.TrimSpace(f.Name)
	f.Category = strings.TrimSpace(f.Category)
	f.Unit = strings.TrimSpace(f.Unit)
	if f.Active == nil {
		t := true
		f.Active = &t
	}
}

// Validate checks a product's fields.
func (f *ProductFields) Validate() error {
	var p Problems
	p.RequiredText("code", f.Code, 64)
	p.RequiredText("name", f.Name, MaxName)
	p.Text("category", f.Category, MaxShort, false)
	p.Text("unit", f.Unit, 20, false)
	p.Text("description", f.Description, MaxLong, true)
	p.Amount("list_price", f.ListPrice)
	if f.UnitCost != nil {
		p.Amount("unit_cost", *f.UnitCost)
	}
	return p.Err()
}

// Amount checks a non-negative money amount in minor units.
func (p *Problems) Amount(field string, v int64) {
	switch {
	case v < 0:
		p.Add(field, "out_of_range", "must not be negative")
	case v > MaxAmount:
		p.Add(field, "out_of_range", "must be at most "+strconv.FormatInt(MaxAmount, 10)+" (minor units)")
	}
}

// Snapshot flattens a product for history.
func (pr *Product) Snapshot() Snapshot {
	s := Snapshot{"code": pr.Code, "name": pr.Name, "category": pr.Category, "unit": pr.Unit,
		"list_price": Money{pr.ListPrice, Currency}.String(), "description": pr.Description, "active": "true"}
	if pr.UnitCost != nil {
		s["unit_cost"] = Money{*pr.UnitCost, Currency}.String()
	}
	if pr.Active != nil {
		s["active"] = boolString(*pr.Active)
	}
	return s
}

// ProductUpdate changes the fields that are set.
type ProductUpdate struct {
	Code        *string `json:"code,omitempty" maxLength:"64"`
	Name        *string `json:"name,omitempty" maxLength:"200"`
	Category    *string `json:"category,omitempty" maxLength:"100"`
	Unit        *string `json:"unit,omitempty" maxLength:"20"`
	ListPrice   *int64  `json:"list_price,omitempty" minimum:"0"`
	UnitCost    *int64  `json:"unit_cost,omitempty" minimum:"0"`
	Description *string `json:"description,omitempty" maxLength:"2000"`
	Active      *bool   `json:"active,omitempty"`
}

// Apply copies the set fields of u onto f.
func (u *ProductUpdate) Apply(f *ProductFields) {
	set(&f.Code, u.Code)
	set(&f.Name, u.Name)
	set(&f.Category, u.Category)
	set(&f.Unit, u.Unit)
	set(&f.ListPrice, u.ListPrice)
	if u.UnitCost != nil {
		f.UnitCost = u.UnitCost
	}
	set(&f.Description, u.Description)
	if u.Active != nil {
		f.Active = u.Active
	}
}

// ProductFilter selects products for a list.
type ProductFilter struct {
	Q        string // part of the code or name
	Category string
	Active   *bool
	Sort     string // code, name, category, list_price, updated_at; "-" for descending
	Limit    int
	Cursor   string
}

// ProductService manages the product catalogue. Everyone reads it; admins,
// managers and warehouse change it. Unit costs are a field rule of their
// own (see auth.CanSeeCost).
type ProductService interface {
	CreateProduct(ctx context.Context, in ProductFields) (*Product, error)
	GetProduct(ctx context.Context, id string) (*Product, error)
	ListProducts(ctx context.Context, f ProductFilter) (*Page[*Product], error)
	UpdateProduct(ctx context.Context, id string, version int, upd ProductUpdate) (*Product, error)
}
