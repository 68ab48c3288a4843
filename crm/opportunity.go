package crm

import (
	"context"
	"strconv"
	"strings"
	"time"
)

// EntityOpportunity is a sales opportunity (商机); its permissions follow
// orders'.
const EntityOpportunity Entity = "opportunity"

// StageKind says whether a pipeline stage is still open or closes the
// opportunity as won or lost.
type StageKind string

// Stage kinds.
const (
	StageOpen StageKind = "open"
	StageWon  StageKind = "won"
	StageLost StageKind = "lost"
)

// Closed reports whether the kind closes an opportunity.
func (k StageKind) Closed() bool { return k == StageWon || k == StageLost }

// PipelineStage is one column of a workspace's pipeline.
type PipelineStage struct {
	Key         string    `json:"key"`
	Name        string    `json:"name" doc:"English display name (and the fallback of name_zh)."`
	Position    int       `json:"position"`
	Kind        StageKind `json:"kind" enum:"open,won,lost"`
	Probability int       `json:"probability" minimum:"0" maximum:"100" doc:"Default win probability (percent) of an opportunity entering the stage."`
	NameZh      string    `json:"name_zh" doc:"Chinese display name; the UI falls back to name."`
}

// DefaultStages is the pipeline a new workspace gets: the buyer's decision
// process (DOMAIN.md section 1) followed by won and lost.
var DefaultStages = []PipelineStage{
	{"problem_recognition", "Problem recognition", 1, StageOpen, 5, "认识问题"},
	{"need_determination", "Need determination", 2, StageOpen, 10, "确定需求"},
	{"supplier_search", "Supplier search", 3, StageOpen, 20, "寻找供应商"},
	{"proposal", "Proposal / quotation", 4, StageOpen, 40, "方案/报价"},
	{"supplier_selection", "Supplier selection", 5, StageOpen, 60, "选择供应商"},
	{"order_routine", "Order routine", 6, StageOpen, 80, "签约下单"},
	{"performance_review", "Performance review", 7, StageOpen, 90, "绩效评估"},
	{"won", "Won", 8, StageWon, 100, "赢单"},
	{"lost", "Lost", 9, StageLost, 0, "输单"},
}

// OpportunityFields are the fields a user writes on create.
type OpportunityFields struct {
	AccountID         string `json:"account_id"`
	Name              string `json:"name" minLength:"1" maxLength:"200"`
	Stage             string `json:"stage,omitempty" maxLength:"64" doc:"Defaults to the first open stage."`
	Amount            int64  `json:"amount" minimum:"0" doc:"Expected amount in minor units."`
	Probability       *int   `json:"probability,omitempty" minimum:"0" maximum:"100" doc:"Percent; defaults to the stage's probability."`
	ExpectedClose     Date   `json:"expected_close" format:"date"`
	PurchasePlan      string `json:"purchase_plan,omitempty" maxLength:"2000"`
	Problem           string `json:"problem,omitempty" maxLength:"2000" doc:"The problem the purchase must solve."`
	Budget            *int64 `json:"budget,omitempty" minimum:"0" doc:"The customer's budget in minor units."`
	PurchaseTimeline  string `json:"purchase_timeline,omitempty" maxLength:"2000"`
	PurchasingProcess string `json:"purchasing_process,omitempty" maxLength:"2000"`
	Competitors       string `json:"competitors,omitempty" maxLength:"2000" doc:"Notes on the competition; the competitors in play are linked records (/api/v1/opportunities/{id}/competitors)."`
	WinLossReason     string `json:"win_loss_reason,omitempty" maxLength:"2000"`
	OwnerID           string `json:"owner_id,omitempty" doc:"Defaults to the account's owner."`
}

// Opportunity is a stored opportunity.
type Opportunity struct {
	ID                string    `json:"id" readOnly:"true"`
	AccountID         string    `json:"account_id"`
	AccountName       string    `json:"account_name" readOnly:"true"`
	Name              string    `json:"name"`
	Stage             string    `json:"stage"`
	StageKind         StageKind `json:"stage_kind" enum:"open,won,lost" readOnly:"true"`
	StageChangedAt    time.Time `json:"stage_changed_at" readOnly:"true"`
	Amount            int64     `json:"amount"`
	Currency          string    `json:"currency" readOnly:"true"`
	Probability       int       `json:"probability"`
	ExpectedClose     Date      `json:"expected_close" format:"date"`
	PurchasePlan      string    `json:"purchase_plan"`
	Problem           string    `json:"problem"`
	Budget            *int64    `json:"budget,omitempty"`
	PurchaseTimeline  string    `json:"purchase_timeline"`
	PurchasingProcess string    `json:"purchasing_process"`
	Competitors       string    `json:"competitors"`
	WinLossReason     string    `json:"win_loss_reason"`
	OwnerID           string    `json:"owner_id,omitempty"`
	TeamID            string    `json:"team_id,omitempty" readOnly:"true"`
	Meta
}

// OpportunityUpdate changes the fields that are set. The stage changes
// only by a move (OpportunityService.MoveOpportunity).
type OpportunityUpdate struct {
	Name              *string `json:"name,omitempty" maxLength:"200"`
	Amount            *int64  `json:"amount,omitempty" minimum:"0"`
	Probability       *int    `json:"probability,omitempty" minimum:"0" maximum:"100"`
	ExpectedClose     *Date   `json:"expected_close,omitempty" format:"date"`
	PurchasePlan      *string `json:"purchase_plan,omitempty" maxLength:"2000"`
	Problem           *string `json:"problem,omitempty" maxLength:"2000"`
	Budget            *int64  `json:"budget,omitempty" minimum:"-1" doc:"-1 clears the budget."`
	PurchaseTimeline  *string `json:"purchase_timeline,omitempty" maxLength:"2000"`
	PurchasingProcess *string `json:"purchasing_process,omitempty" maxLength:"2000"`
	Competitors       *string `json:"competitors,omitempty" maxLength:"2000"`
	WinLossReason     *string `json:"win_loss_reason,omitempty" maxLength:"2000"`
	OwnerID           *string `json:"owner_id,omitempty"`
}

// OpportunityMove moves an opportunity to another stage.
type OpportunityMove struct {
	Stage         string  `json:"stage" minLength:"1" maxLength:"64"`
	WinLossReason *string `json:"win_loss_reason,omitempty" maxLength:"2000" doc:"Required to close as won or lost unless the opportunity already has one."`
}

// StageChange is one recorded move of an opportunity; FromStage is empty
// for its creation.
type StageChange struct {
	OpportunityID string    `json:"opportunity_id"`
	FromStage     string    `json:"from_stage"`
	ToStage       string    `json:"to_stage"`
	At            time.Time `json:"at"`
	By            string    `json:"by"`
}

// OpportunityFilter selects opportunities for a list.
type OpportunityFilter struct {
	AccountID string
	Stage     string
	OwnerID   string
	TeamID    string
	Q         string // part of the name
	Deleted   Deleted
	Sort      string // expected_close, amount, name, updated_at, created_at; "-" for descending
	Limit     int
	Cursor    string
}

// PipelineColumn is one stage of the board: its totals over every
// opportunity in it and the first page of them by expected close.
type PipelineColumn struct {
	Stage      PipelineStage  `json:"stage"`
	Count      int64          `json:"count"`
	Amount     int64          `json:"amount" doc:"Sum of the amounts, minor units."`
	Weighted   int64          `json:"weighted" doc:"Sum of amount x probability / 100, minor units."`
	Items      []*Opportunity `json:"items"`
	NextCursor string         `json:"next_cursor,omitempty" doc:"Continue with GET /api/v1/opportunities?stage=<key>&sort=expected_close&cursor=..."`
}

// Pipeline is the board.
type Pipeline struct {
	Currency string           `json:"currency"`
	Columns  []PipelineColumn `json:"columns"`
}

// ForecastMonth is the open pipeline expected to close in one month.
type ForecastMonth struct {
	Month    string `json:"month" doc:"YYYY-MM of the expected close."`
	Count    int64  `json:"count"`
	Amount   int64  `json:"amount" doc:"Sum of the amounts, minor units."`
	Weighted int64  `json:"weighted" doc:"Sum of amount x probability / 100, minor units: the forecast."`
	Overdue  bool   `json:"overdue" doc:"The month is over and these opportunities are still open."`
}

// Forecast is the weighted open pipeline by month of expected close.
type Forecast struct {
	Currency string          `json:"currency"`
	Months   []ForecastMonth `json:"months"`
}

// PipelineFilter narrows the board.
type PipelineFilter struct {
	OwnerID string
	TeamID  string
	Limit   int // per column
}

// Normalize trims the text fields.
func (in *OpportunityFields) Normalize() {
	in.Name = strings.TrimSpace(in.Name)
	in.Stage = strings.TrimSpace(in.Stage)
	in.WinLossReason = strings.TrimSpace(in.WinLossReason)
}

// Validate checks the fields of a new opportunity; the service checks the
// account, stage and owner.
func (in *OpportunityFields) Validate() error {
	var p Problems
	if in.AccountID == "" {
		p.Required("account_id")
	}
	p.ID("account_id", in.AccountID)
	o := Opportunity{Name: in.Name, Amount: in.Amount, ExpectedClose: in.ExpectedClose, PurchasePlan: in.PurchasePlan,
		Problem: in.Problem, Budget: in.Budget, PurchaseTimeline: in.PurchaseTimeline, PurchasingProcess: in.PurchasingProcess,
		Competitors: in.Competitors, WinLossReason: in.WinLossReason, OwnerID: in.OwnerID}
	if in.Probability != nil {
		o.Probability = *in.Probability
	}
	o.validate(&p)
	return p.Err()
}

// Validate checks an opportunity's own fields after a change.
func (o *Opportunity) Validate() error {
	var p Problems
	o.validate(&p)
	return p.Err()
}

func (o *Opportunity) validate(p *Problems) {
	p.RequiredText("name", o.Name, MaxShort)
	p.Amount("amount", o.Amount)
	if o.Budget != nil {
		p.Amount("budget", *o.Budget)
	}
	if o.Probability < 0 || o.Probability > 100 {
		p.Add("probability", "out_of_range", "must be between 0 and 100")
	}
	switch {
	case o.ExpectedClose == "":
		p.Required("expected_close")
	case !o.ExpectedClose.Valid():
		p.Add("expected_close", "invalid", "is not a date in the form YYYY-MM-DD")
	case string(o.ExpectedClose) < "1900-01-01" || string(o.ExpectedClose) > time.Now().AddDate(20, 0, 0).Format(time.DateOnly):
		p.Add("expected_close", "out_of_range", "must be between 1900-01-01 and twenty years from now")
	}
	for _, f := range []struct{ name, v string }{{"purchase_plan", o.PurchasePlan}, {"problem", o.Problem},
		{"purchase_timeline", o.PurchaseTimeline}, {"purchasing_process", o.PurchasingProcess},
		{"competitors", o.Competitors}, {"win_loss_reason", o.WinLossReason}} {
		p.Text(f.name, f.v, MaxLong, true)
	}
	p.ID("owner_id", o.OwnerID)
}

// Snapshot flattens an opportunity for history.
func (o *Opportunity) Snapshot() Snapshot {
	budget := ""
	if o.Budget != nil {
		budget = Money{*o.Budget, Currency}.String()
	}
	return Snapshot{"name": o.Name, "stage": o.Stage, "amount": Money{o.Amount, Currency}.String(),
		"probability": strconv.Itoa(o.Probability), "expected_close": string(o.ExpectedClose),
		"purchase_plan": o.PurchasePlan, "problem": o.Problem, "budget": budget, "purchase_timeline": o.PurchaseTimeline,
		"purchasing_process": o.PurchasingProcess, "competitors": o.Competitors, "win_loss_reason": o.WinLossReason,
		"owner_id": o.OwnerID}
}

// OpportunityService manages opportunities and the pipeline. Scopes follow
// orders: sales reps their own, managers their teams, back office reads all.
type OpportunityService interface {
	PipelineStages(ctx context.Context) ([]PipelineStage, error)
	CreateOpportunity(ctx context.Context, in OpportunityFields) (*Opportunity, error)
	GetOpportunity(ctx context.Context, id string) (*Opportunity, error)
	ListOpportunities(ctx context.Context, f OpportunityFilter) (*Page[*Opportunity], error)
	UpdateOpportunity(ctx context.Context, id string, version int, upd OpportunityUpdate) (*Opportunity, error)
	// MoveOpportunity changes the stage and records the move. Closing as
	// won or lost needs a reason; a closed opportunity reopens only into
	// an open stage.
	MoveOpportunity(ctx context.Context, id string, version int, mv OpportunityMove) (*Opportunity, error)
	DeleteOpportunity(ctx context.Context, id string, version int) error
	RestoreOpportunity(ctx context.Context, id string) (*Opportunity, error)
	StageChanges(ctx context.Context, id string) ([]StageChange, error)
	Pipeline(ctx context.Context, f PipelineFilter) (*Pipeline, error)
}
