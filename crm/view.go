package crm

import (
	"context"
	"net/url"
)

// SavedView is a user's named list setup: filters and sort as a URL query
// string (the list API's own parameters) and the visible columns.
type SavedView struct {
	ID      string   `json:"id" readOnly:"true"`
	Entity  Entity   `json:"entity" enum:"account,contact"`
	Name    string   `json:"name" maxLength:"100"`
	Query   string   `json:"query" maxLength:"2000" doc:"List parameters, e.g. industry=manufacturing&sort=-updated_at."`
	Columns []string `json:"columns,omitempty" maxItems:"40"`
	Meta
}

// SavedViewInput creates or replaces a view.
type SavedViewInput struct {
	Entity  Entity   `json:"entity" enum:"account,contact"`
	Name    string   `json:"name" maxLength:"100"`
	Query   string   `json:"query" maxLength:"2000"`
	Columns []string `json:"columns,omitempty" maxItems:"40"`
}

// Validate checks a view's fields.
func (v *SavedViewInput) Validate() error {
	var p Problems
	p.Enum("entity", string(v.Entity), CustomEntities)
	if v.Entity == "" {
		p.Required("entity")
	}
	p.RequiredText("name", v.Name, MaxShort)
	p.Text("query", v.Query, MaxLong, false)
	if _, err := url.ParseQuery(v.Query); err != nil {
		p.Add("query", "invalid", "is not a URL query string")
	}
	for _, c := range v.Columns {
		if !fieldKeyPattern.MatchString(c) && !(len(c) > 7 && c[:7] == "custom." && fieldKeyPattern.MatchString(c[7:])) {
			p.Add("columns", "invalid", "must be field names")
			break
		}
	}
	return p.Err()
}

// SavedViewService manages the caller's own saved views.
type SavedViewService interface {
	ListSavedViews(ctx context.Context, entity Entity) ([]*SavedView, error)
	CreateSavedView(ctx context.Context, in SavedViewInput) (*SavedView, error)
	UpdateSavedView(ctx context.Context, id string, version int, in SavedViewInput) (*SavedView, error)
	DeleteSavedView(ctx context.Context, id string) error
}
