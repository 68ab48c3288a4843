package crm

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// AccountKind says whether a customer is a company or a person.
type AccountKind string

// Account kinds (企业客户 / 个人客户).
const (
	AccountOrganization AccountKind = "organization"
	AccountIndividual   AccountKind = "individual"
)

// Closed value lists of account fields. The UI translates each key; the
// API accepts only these.
var (
	AccountKinds = []string{string(AccountOrganization), string(AccountIndividual)}
	// Industries are the sections of GB/T 4754-2017, by English key.
	Industries = []string{"agriculture", "mining", "manufacturing", "utilities", "construction",
		"wholesale_retail", "transport_logistics", "hospitality", "information_technology",
		"finance", "real_estate", "business_services", "research_technology",
		"environment_public", "resident_services", "education", "healthcare", "culture_media",
		"public_administration", "other"}
	// CompanySizes are head-count bands.
	CompanySizes = []string{"micro", "small", "medium", "large", "enterprise"}
	// Sources are the channels through which a customer first came (来源).
	Sources = []string{"sales_centre", "phone", "call_centre", "email", "website",
		"forum_seminar", "exhibition", "referral", "advertisement", "other"}
	// CreditRatings run from best to worst (信用等级).
	CreditRatings = []string{"AAA", "AA", "A", "BBB", "BB", "B", "C"}
)

// AccountFields are the fields of an account a user writes. An account is
// created from them; AccountUpdate changes any subset.
type AccountFields struct {
	Kind         AccountKind    `json:"kind" enum:"organization,individual"`
	Name         string         `json:"name" minLength:"1" maxLength:"200"`
	CreditCode   string         `json:"credit_code,omitempty" maxLength:"18" doc:"Unified social credit code (统一社会信用代码), 18 characters with a check character; required for organizations."`
	Industry     string         `json:"industry,omitempty"`
	Size         string         `json:"size,omitempty"`
	Region       string         `json:"region,omitempty" maxLength:"100"`
	Address      string         `json:"address,omitempty" maxLength:"2000"`
	Website      string         `json:"website,omitempty" maxLength:"2000"`
	Phone        string         `json:"phone,omitempty" maxLength:"40"`
	Email        string         `json:"email,omitempty" maxLength:"254"`
	Source       string         `json:"source,omitempty"`
	Description  string         `json:"description,omitempty" maxLength:"10000" doc:"Background: history, business, organisation structure."`
	OwnerID      string         `json:"owner_id,omitempty" doc:"The sales rep responsible; defaults to the caller."`
	Tags         []string       `json:"tags,omitempty" maxItems:"20"`
	CreditRating string         `json:"credit_rating,omitempty" doc:"Finance field: visible to finance, managers and admins."`
	CreditLimit  *Money         `json:"credit_limit,omitempty" doc:"Finance field: visible to finance, managers and admins."`
	Custom       map[string]any `json:"custom,omitempty" doc:"Values of the workspace's custom fields, by key."`
}

// Account is a customer: an organisation or an individual (客户).
type Account struct {
	ID string `json:"id" readOnly:"true"`
	AccountFields
	// TeamID is the owner's team when the owner was set; team scope uses it.
	TeamID string `json:"team_id,omitempty" readOnly:"true"`
	// Hotness (热度) is engagement from recent touches, 0-100; computed,
	// never typed by hand.
	Hotness int `json:"hotness" readOnly:"true"`
	// LastFollowUpAt is the owner's last follow-up; an account whose owner
	// lets it age past the workspace's pool_days goes to the public pool.
	LastFollowUpAt *time.Time `json:"last_follow_up_at,omitempty" readOnly:"true"`
	// PooledAt is set while the account is in the public pool (公海), and
	// PooledFrom is then its previous owner.
	PooledAt   *time.Time `json:"pooled_at,omitempty" readOnly:"true"`
	PooledFrom string     `json:"pooled_from,omitempty" readOnly:"true"`
	Meta
	Redaction
}

// AccountUpdate changes the fields that are set (non-nil). An empty string
// clears an optional text field.
type AccountUpdate struct {
	Kind         *AccountKind    `json:"kind,omitempty" enum:"organization,individual"`
	Name         *string         `json:"name,omitempty" maxLength:"200"`
	CreditCode   *string         `json:"credit_code,omitempty" maxLength:"18"`
	Industry     *string         `json:"industry,omitempty"`
	Size         *string         `json:"size,omitempty"`
	Region       *string         `json:"region,omitempty" maxLength:"100"`
	Address      *string         `json:"address,omitempty" maxLength:"2000"`
	Website      *string         `json:"website,omitempty" maxLength:"2000"`
	Phone        *string         `json:"phone,omitempty" maxLength:"40"`
	Email        *string         `json:"email,omitempty" maxLength:"254"`
	Source       *string         `json:"source,omitempty"`
	Description  *string         `json:"description,omitempty" maxLength:"10000"`
	OwnerID      *string         `json:"owner_id,omitempty"`
	Tags         *[]string       `json:"tags,omitempty" maxItems:"20"`
	CreditRating *string         `json:"credit_rating,omitempty"`
	CreditLimit  *Money          `json:"credit_limit,omitempty"`
	Custom       *map[string]any `json:"custom,omitempty" doc:"Replaces the custom values; keys left out are cleared."`
}

// Apply copies the set fields of u onto f.
func (u *AccountUpdate) Apply(f *AccountFields) {
	set(&f.Kind, u.Kind)
	set(&f.Name, u.Name)
	set(&f.CreditCode, u.CreditCode)
	set(&f.Industry, u.Industry)
	set(&f.Size, u.Size)
	set(&f.Region, u.Region)
	set(&f.Address, u.Address)
	set(&f.Website, u.Website)
	set(&f.Phone, u.Phone)
	set(&f.Email, u.Email)
	set(&f.Source, u.Source)
	set(&f.Description, u.Description)
	set(&f.OwnerID, u.OwnerID)
	set(&f.Tags, u.Tags)
	set(&f.CreditRating, u.CreditRating)
	if u.CreditLimit != nil {
		m := *u.CreditLimit
		f.CreditLimit = &m
	}
	set(&f.Custom, u.Custom)
}

// TouchesFinance reports whether u changes a finance field.
func (u *AccountUpdate) TouchesFinance() bool {
	return u.CreditRating != nil || u.CreditLimit != nil
}

func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

// Normalize trims and canonicalises user input before validation, so that
// " 91350100m000100y43 " and "91350100M000100Y43" are the same code.
func (f *AccountFields) Normalize() {
	f.Name = strings.TrimSpace(f.Name)
	f.CreditCode = NormalizeCreditCode(f.CreditCode)
	f.Email = strings.ToLower(strings.TrimSpace(f.Email))
	f.Phone = strings.TrimSpace(f.Phone)
	f.Website = strings.TrimSpace(f.Website)
	if f.CreditLimit != nil && f.CreditLimit.Currency == "" && f.CreditLimit.Amount == 0 {
		f.CreditLimit = nil
	}
}

// Validate checks the fields' own rules (custom fields are checked against
// the workspace's definitions by the service).
func (f *AccountFields) Validate() error {
	var p Problems
	p.Enum("kind", string(f.Kind), AccountKinds)
	if f.Kind == "" {
		p.Required("kind")
	}
	p.RequiredText("name", f.Name, MaxName)
	switch {
	case f.Kind == AccountOrganization && f.CreditCode == "":
		p.Add("credit_code", "required", "is required for an organization")
	case f.CreditCode != "" && !ValidCreditCode(f.CreditCode):
		p.Add("credit_code", "invalid", "is not a valid unified social credit code (18 characters, last one a check character)")
	}
	p.Enum("industry", f.Industry, Industries)
	p.Enum("size", f.Size, CompanySizes)
	p.Text("region", f.Region, MaxShort, false)
	p.Text("address", f.Address, MaxLong, true)
	p.URL("website", f.Website)
	p.Phone("phone", f.Phone)
	p.Email("email", f.Email)
	p.Enum("source", f.Source, Sources)
	p.Text("description", f.Description, MaxNote, true)
	p.ID("owner_id", f.OwnerID)
	p.Tags("tags", f.Tags)
	p.Enum("credit_rating", f.CreditRating, CreditRatings)
	if m := f.CreditLimit; m != nil {
		p.Money("credit_limit", *m)
	}
	return p.Err()
}

// Snapshot flattens an account for history.
func (a *Account) Snapshot() Snapshot {
	s := Snapshot{
		"kind": string(a.Kind), "name": a.Name, "credit_code": a.CreditCode,
		"industry": a.Industry, "size": a.Size, "region": a.Region, "address": a.Address,
		"website": a.Website, "phone": a.Phone, "email": a.Email, "source": a.Source,
		"description": a.Description, "owner_id": a.OwnerID, "team_id": a.TeamID,
		"tags": strings.Join(a.Tags, ", "), "credit_rating": a.CreditRating,
	}
	if a.CreditLimit != nil {
		s["credit_limit"] = a.CreditLimit.String()
	} else {
		s["credit_limit"] = ""
	}
	addCustom(s, a.Custom)
	return s
}

// AccountFinanceFields are hidden from roles without finance rights.
var AccountFinanceFields = []string{"credit_rating", "credit_limit"}

// AccountSorts are the orders a list of accounts may take. "name" sorts by
// pinyin, so that 阿里 comes before 腾讯 as Chinese users expect.
var AccountSorts = []string{"name", "created_at", "updated_at", "hotness", "industry", "region"}

// AccountFilter selects accounts. Empty fields do not filter.
type AccountFilter struct {
	Q            string // name, pinyin, initials, phone, e-mail, credit code
	Kind         string
	Industry     string
	Size         string
	Region       string
	Source       string
	CreditRating string
	OwnerID      string
	TeamID       string
	Tags         []string // all must be present
	HotnessMin   *int
	// Scores of the last scoring run (see service/scoring.go).
	Segment     string // RFM segment
	ValueTier   string
	Stage       string // lifecycle stage
	RScore      int    // 1-5, 0 = any
	FScore      int    // 1-5, 0 = any
	CreatedFrom *time.Time
	CreatedTo   *time.Time
	UpdatedFrom *time.Time
	UpdatedTo   *time.Time
	Custom      map[string]string // custom field key -> value (equality)
	Deleted     Deleted
	Sort        string // one of AccountSorts, "-" prefix for descending
	Limit       int
	Cursor      string
	WithTotal   bool // count matches too (see Page.Total)
}

// AccountService manages accounts. Every method acts as the actor in ctx
// and sees only records in the actor's workspace and scope.
type AccountService interface {
	// CreateAccount creates an account owned by in.OwnerID or the caller.
	// Returns EINVALID for bad fields, EFORBIDDEN if the caller may not
	// create accounts or assign that owner.
	CreateAccount(ctx context.Context, in AccountFields) (*Account, error)
	// GetAccount returns ENOTFOUND if the account does not exist in the
	// workspace or is outside the caller's read scope.
	GetAccount(ctx context.Context, id string) (*Account, error)
	// ListAccounts returns one page of accounts matching f.
	ListAccounts(ctx context.Context, f AccountFilter) (*Page[*Account], error)
	// UpdateAccount applies upd if the account is still at version.
	// Returns ESTALE if it is not, EFORBIDDEN if the caller may read but not
	// write it.
	UpdateAccount(ctx context.Context, id string, version int, upd AccountUpdate) (*Account, error)
	// DeleteAccount moves the account and its contacts to the recycle bin.
	DeleteAccount(ctx context.Context, id string, version int) error
	// RestoreAccount brings a soft-deleted account back.
	RestoreAccount(ctx context.Context, id string) (*Account, error)
}

// Money checks a money value: a currency code and an amount that fits
// comfortably in int64 arithmetic.
func (p *Problems) Money(field string, m Money) {
	if len(m.Currency) != 3 || strings.ToUpper(m.Currency) != m.Currency {
		p.Add(field+".currency", "invalid", "must be a three-letter ISO 4217 code such as CNY")
	}
	const limit = 1e15 // 10 trillion yuan in fen; leaves room for sums
	if m.Amount > limit || m.Amount < -limit {
		p.Add(field+".amount", "out_of_range", "must be between -"+strconv.FormatInt(limit, 10)+" and "+strconv.FormatInt(limit, 10))
	}
}
