package crm

import (
	"context"
	"time"
)

// OpportunityCompetitor is a competitor in play on an opportunity. The
// opportunity's free-text competitors field stays as notes beside it.
type OpportunityCompetitor struct {
	OpportunityID     string    `json:"opportunity_id"`
	CompetitorID      string    `json:"competitor_id"`
	CompetitorName    string    `json:"competitor_name"`
	CompetitorDeleted bool      `json:"competitor_deleted,omitempty" doc:"The competitor is in the recycle bin."`
	AddedAt           time.Time `json:"added_at"`
	AddedBy           string    `json:"added_by,omitempty"`
}

// WinLoss sums the opportunities the caller can see with one competitor in
// play: closed ones won and lost, and the open pipeline against them.
type WinLoss struct {
	CompetitorID   string        `json:"competitor_id"`
	CompetitorName string        `json:"competitor_name"`
	Won            int64         `json:"won"`
	WonAmount      int64         `json:"won_amount" doc:"Minor units."`
	Lost           int64         `json:"lost"`
	LostAmount     int64         `json:"lost_amount" doc:"Minor units."`
	WinRate        *float64      `json:"win_rate,omitempty" doc:"won / (won + lost); absent with nothing closed."`
	Open           int64         `json:"open"`
	OpenAmount     int64         `json:"open_amount" doc:"Minor units."`
	LossReasons    []ReasonCount `json:"loss_reasons" doc:"The most frequent reasons of the lost ones, most frequent first."`
	Currency       string        `json:"currency"`
}

// ReasonCount is how many lost opportunities gave one reason.
type ReasonCount struct {
	Reason string `json:"reason"`
	Count  int64  `json:"count"`
}

// WinLossReport is win/loss for every competitor with opportunities in
// the caller's scope, most opportunities first.
type WinLossReport struct {
	Currency    string    `json:"currency"`
	Competitors []WinLoss `json:"competitors"`
}

// CompetitionService links competitors to opportunities and reports how
// we fare against them. Opportunity scopes apply throughout.
type CompetitionService interface {
	ListOpportunityCompetitors(ctx context.Context, opportunityID string) ([]*OpportunityCompetitor, error)
	AddOpportunityCompetitor(ctx context.Context, opportunityID, competitorID string) (*OpportunityCompetitor, error)
	RemoveOpportunityCompetitor(ctx context.Context, opportunityID, competitorID string) error
	CompetitorWinLoss(ctx context.Context, competitorID string) (*WinLoss, error)
	WinLossByCompetitor(ctx context.Context) (*WinLossReport, error)
}
