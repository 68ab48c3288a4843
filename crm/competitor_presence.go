package crm

import (
	"context"
	"strconv"
	"strings"
)

// AccountCompetitorFields describe a competitor's presence at an account
// (DOMAIN.md section 1): what the customer uses of theirs, how satisfied
// it is, and the competitor's sales rep.
type AccountCompetitorFields struct {
	CompetitorID    string `json:"competitor_id"`
	Products        string `json:"products,omitempty" maxLength:"2000" doc:"The competitor's products the customer uses."`
	Satisfaction    *int   `json:"satisfaction,omitempty" minimum:"1" maximum:"5" doc:"The customer's satisfaction with them, 1 (poor) to 5 (very good)."`
	RepName         string `json:"rep_name,omitempty" maxLength:"100" doc:"The competitor's sales rep."`
	RepStyle        string `json:"rep_style,omitempty" maxLength:"2000" doc:"How that rep sells."`
	RepRelationship *int   `json:"rep_relationship,omitempty" minimum:"1" maximum:"5" doc:"The rep's relationship with the customer, 1 (weak) to 5 (very strong)."`
	Since           Date   `json:"since,omitempty" format:"date" doc:"Since when the customer buys from them."`
	Notes           string `json:"notes,omitempty" maxLength:"10000"`
}

// AccountCompetitor is a stored presence. It follows its account's scope.
type AccountCompetitor struct {
	ID                string `json:"id" readOnly:"true"`
	AccountID         string `json:"account_id" readOnly:"true"`
	AccountName       string `json:"account_name" readOnly:"true"`
	CompetitorName    string `json:"competitor_name" readOnly:"true"`
	CompetitorDeleted bool   `json:"competitor_deleted,omitempty" readOnly:"true" doc:"The competitor is in the recycle bin."`
	AccountCompetitorFields
	Meta
}

// AccountCompetitorUpdate changes the fields that are set; 0 clears a
// score.
type AccountCompetitorUpdate struct {
	Products        *string `json:"products,omitempty" maxLength:"2000"`
	Satisfaction    *int    `json:"satisfaction,omitempty" minimum:"0" maximum:"5" doc:"0 clears it."`
	RepName         *string `json:"rep_name,omitempty" maxLength:"100"`
	RepStyle        *string `json:"rep_style,omitempty" maxLength:"2000"`
	RepRelationship *int    `json:"rep_relationship,omitempty" minimum:"0" maximum:"5" doc:"0 clears it."`
	Since           *Date   `json:"since,omitempty" doc:"Empty clears it."`
	Notes           *string `json:"notes,omitempty" maxLength:"10000"`
}

// Apply copies the set fields of u onto f.
func (u *AccountCompetitorUpdate) Apply(f *AccountCompetitorFields) {
	set(&f.Products, u.Products)
	set(&f.RepName, u.RepName)
	set(&f.RepStyle, u.RepStyle)
	set(&f.Since, u.Since)
	set(&f.Notes, u.Notes)
	score := func(dst **int, v *int) {
		switch {
		case v == nil:
		case *v == 0:
			*dst = nil
		default:
			n := *v
			*dst = &n
		}
	}
	score(&f.Satisfaction, u.Satisfaction)
	score(&f.RepRelationship, u.RepRelationship)
}

// Normalize trims the short text fields.
func (f *AccountCompetitorFields) Normalize() {
	f.CompetitorID = strings.TrimSpace(f.CompetitorID)
	f.RepName = strings.TrimSpace(f.RepName)
}

// Validate checks a presence's fields; the service checks the competitor.
func (f *AccountCompetitorFields) Validate() error {
	var p Problems
	if f.CompetitorID == "" {
		p.Required("competitor_id")
	}
	p.ID("competitor_id", f.CompetitorID)
	p.Text("products", f.Products, MaxLong, true)
	p.Text("rep_name", f.RepName, MaxShort, false)
	p.Text("rep_style", f.RepStyle, MaxLong, true)
	p.Text("notes", f.Notes, MaxNote, true)
	p.Score("satisfaction", f.Satisfaction)
	p.Score("rep_relationship", f.RepRelationship)
	if !f.Since.Valid() {
		p.Add("since", "invalid", "is not a date in the form YYYY-MM-DD")
	}
	return p.Err()
}

// Score checks an optional 1-5 rating.
func (p *Problems) Score(field string, v *int) {
	if v != nil && (*v < 1 || *v > 5) {
		p.Add(field, "out_of_range", "must be between 1 and 5")
	}
}

// Snapshot flattens a presence for its account's history; the keys name
// the competitor so that the account's history reads on its own.
func (c *AccountCompetitor) Snapshot() Snapshot {
	score := func(v *int) string {
		if v == nil {
			return ""
		}
		return strconv.Itoa(*v)
	}
	k := "competitor." + c.CompetitorName + "."
	return Snapshot{k + "products": c.Products, k + "satisfaction": score(c.Satisfaction), k + "rep_name": c.RepName,
		k + "rep_style": c.RepStyle, k + "rep_relationship": score(c.RepRelationship), k + "since": string(c.Since), k + "notes": c.Notes}
}

// AccountCompetitorService manages competitor presence per account.
// Reading and writing follow the account's scope.
type AccountCompetitorService interface {
	ListAccountCompetitors(ctx context.Context, accountID string) ([]*AccountCompetitor, error)
	CreateAccountCompetitor(ctx context.Context, accountID string, in AccountCompetitorFields) (*AccountCompetitor, error)
	UpdateAccountCompetitor(ctx context.Context, accountID, id string, version int, upd AccountCompetitorUpdate) (*AccountCompetitor, error)
	DeleteAccountCompetitor(ctx context.Context, accountID, id string) error
	// CompetitorAccounts lists the presences of a competitor at the
	// accounts the caller can see, at most limit (capped).
	CompetitorAccounts(ctx context.Context, competitorID string, limit int) ([]*AccountCompetitor, error)
}
