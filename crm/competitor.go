package crm

import (
	"context"
	"strings"
)

// EntityCompetitor is a competitor (竞争对手): a workspace record every
// signed-in role reads.
const EntityCompetitor Entity = "competitor"

// CompetitorFields are the fields of a competitor a user writes.
type CompetitorFields struct {
	Name         string   `json:"name" minLength:"1" maxLength:"200"`
	Website      string   `json:"website,omitempty" maxLength:"2000" doc:"An http(s) address; stored, never fetched."`
	Products     string   `json:"products,omitempty" maxLength:"2000" doc:"The products they sell against us."`
	Strengths    string   `json:"strengths,omitempty" maxLength:"2000"`
	Weaknesses   string   `json:"weaknesses,omitempty" maxLength:"2000"`
	PricingNotes string   `json:"pricing_notes,omitempty" maxLength:"2000"`
	Notes        string   `json:"notes,omitempty" maxLength:"10000"`
	Tags         []string `json:"tags,omitempty" maxItems:"20"`
}

// Competitor is a stored competitor.
type Competitor struct {
	ID string `json:"id" readOnly:"true"`
	CompetitorFields
	Meta
}

// CompetitorUpdate changes the fields that are set.
type CompetitorUpdate struct {
	Name         *string   `json:"name,omitempty" maxLength:"200"`
	Website      *string   `json:"website,omitempty" maxLength:"2000"`
	Products     *string   `json:"products,omitempty" maxLength:"2000"`
	Strengths    *string   `json:"strengths,omitempty" maxLength:"2000"`
	Weaknesses   *string   `json:"weaknesses,omitempty" maxLength:"2000"`
	PricingNotes *string   `json:"pricing_notes,omitempty" maxLength:"2000"`
	Notes        *string   `json:"notes,omitempty" maxLength:"10000"`
	Tags         *[]string `json:"tags,omitempty" maxItems:"20"`
}

// Apply copies the set fields of u onto f.
func (u *CompetitorUpdate) Apply(f *CompetitorFields) {
	set(&f.Name, u.Name)
	set(&f.Website, u.Website)
	set(&f.Products, u.Products)
	set(&f.Strengths, u.Strengths)
	set(&f.Weaknesses, u.Weaknesses)
	set(&f.PricingNotes, u.PricingNotes)
	set(&f.Notes, u.Notes)
	set(&f.Tags, u.Tags)
}

// CompetitorFilter selects competitors for a list.
type CompetitorFilter struct {
	Q       string // part of the name or products
	Tag     string
	Deleted Deleted
	Sort    string // name, created_at, updated_at; "-" for descending
	Limit   int
	Cursor  string
}

// Normalize trims the text fields; a nil tag list becomes empty.
func (f *CompetitorFields) Normalize() {
	f.Name = strings.TrimSpace(f.Name)
	f.Website = strings.TrimSpace(f.Website)
	if f.Tags == nil {
		f.Tags = []string{}
	}
}

// Validate checks a competitor's fields. The website must be an http(s)
// address so that a stored link can never run script.
func (f *CompetitorFields) Validate() error {
	var p Problems
	p.RequiredText("name", f.Name, MaxName)
	p.URL("website", f.Website)
	for _, t := range []struct{ name, v string }{{"products", f.Products}, {"strengths", f.Strengths},
		{"weaknesses", f.Weaknesses}, {"pricing_notes", f.PricingNotes}} {
		p.Text(t.name, t.v, MaxLong, true)
	}
	p.Text("notes", f.Notes, MaxNote, true)
	p.Tags("tags", f.Tags)
	return p.Err()
}

// Snapshot flattens a competitor for history.
func (c *Competitor) Snapshot() Snapshot {
	return Snapshot{"name": c.Name, "website": c.Website, "products": c.Products, "strengths": c.Strengths,
		"weaknesses": c.Weaknesses, "pricing_notes": c.PricingNotes, "notes": c.Notes, "tags": strings.Join(c.Tags, ", ")}
}

// CompetitorService manages competitors. Everyone reads them; admins,
// managers, sales and marketing change them (auth.CanEditCompetitors).
type CompetitorService interface {
	CreateCompetitor(ctx context.Context, in CompetitorFields) (*Competitor, error)
	GetCompetitor(ctx context.Context, id string) (*Competitor, error)
	ListCompetitors(ctx context.Context, f CompetitorFilter) (*Page[*Competitor], error)
	UpdateCompetitor(ctx context.Context, id string, version int, upd CompetitorUpdate) (*Competitor, error)
	DeleteCompetitor(ctx context.Context, id string, version int) error
	RestoreCompetitor(ctx context.Context, id string) (*Competitor, error)
}
