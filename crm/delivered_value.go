package crm

import (
	"context"
	"math"
	"strconv"
	"time"
)

// The customer delivered value worksheet (顾客让渡价值, DOMAIN.md section
// 1): total customer value (product, service, personnel and image value)
// minus total customer cost (money, time, energy and psychic cost), scored
// by sales for us and for each competitor in play.

// PartyUs names our own row of a worksheet.
const PartyUs = "us"

// MaxScore bounds each worksheet score.
const MaxScore = 10

// ValueScores are the eight scores of one row, 0-10 with at most one
// decimal.
type ValueScores struct {
	Product   float64 `json:"product" minimum:"0" maximum:"10" doc:"Product value."`
	Service   float64 `json:"service" minimum:"0" maximum:"10" doc:"Service value."`
	Personnel float64 `json:"personnel" minimum:"0" maximum:"10" doc:"Personnel value."`
	Image     float64 `json:"image" minimum:"0" maximum:"10" doc:"Image value."`
	Money     float64 `json:"money" minimum:"0" maximum:"10" doc:"Monetary cost."`
	Time      float64 `json:"time" minimum:"0" maximum:"10" doc:"Time cost."`
	Energy    float64 `json:"energy" minimum:"0" maximum:"10" doc:"Energy cost."`
	Psychic   float64 `json:"psychic" minimum:"0" maximum:"10" doc:"Psychic cost."`
}

// ScoreNames are the JSON names of the scores, values first.
var ScoreNames = []string{"product", "service", "personnel", "image", "money", "time", "energy", "psychic"}

// Tenths returns the scores in tenths, in ScoreNames order; the store
// keeps them so, which keeps the sums exact.
func (v ValueScores) Tenths() [8]int {
	f := [8]float64{v.Product, v.Service, v.Personnel, v.Image, v.Money, v.Time, v.Energy, v.Psychic}
	var out [8]int
	for i, x := range f {
		out[i] = int(math.Round(x * 10))
	}
	return out
}

// ScoresFromTenths is the inverse of Tenths.
func ScoresFromTenths(t [8]int) ValueScores {
	f := func(i int) float64 { return float64(t[i]) / 10 }
	return ValueScores{f(0), f(1), f(2), f(3), f(4), f(5), f(6), f(7)}
}

// validate checks each score: 0 to 10 with at most one decimal.
func (v ValueScores) validate(p *Problems, prefix string) {
	f := [8]float64{v.Product, v.Service, v.Personnel, v.Image, v.Money, v.Time, v.Energy, v.Psychic}
	for i, x := range f {
		switch {
		case math.IsNaN(x) || x < 0 || x > MaxScore:
			p.Add(prefix+ScoreNames[i], "out_of_range", "must be between 0 and 10")
		case math.Abs(x*10-math.Round(x*10)) > 1e-6:
			p.Add(prefix+ScoreNames[i], "invalid", "may have at most one decimal")
		}
	}
}

// ValueRowInput is one row a user writes: empty or "us" CompetitorID for
// our own offer.
type ValueRowInput struct {
	CompetitorID string `json:"competitor_id,omitempty" doc:"A competitor in play; empty for us."`
	ValueScores
}

// WorksheetInput replaces the scored rows of a worksheet.
type WorksheetInput struct {
	Version int             `json:"version" minimum:"0" doc:"The version you read; 0 for a worksheet not yet saved."`
	Rows    []ValueRowInput `json:"rows" maxItems:"50"`
}

// Validate checks the rows: valid scores, known party ids, no party twice.
func (in *WorksheetInput) Validate() error {
	var p Problems
	seen := map[string]bool{}
	for i, r := range in.Rows {
		prefix := "rows[" + strconv.Itoa(i) + "]."
		party := r.CompetitorID
		if party == "" {
			party = PartyUs
		}
		if party != PartyUs {
			p.ID(prefix+"competitor_id", party)
		}
		if seen[party] {
			p.Add(prefix+"competitor_id", "duplicate", "is scored twice")
		}
		seen[party] = true
		r.validate(&p, prefix)
	}
	return p.Err()
}

// ValueRow is one party's row with its totals.
type ValueRow struct {
	Party          string      `json:"party" doc:"us, or the competitor's id."`
	CompetitorName string      `json:"competitor_name,omitempty"`
	Scored         bool        `json:"scored" doc:"False for a competitor in play not scored yet (scores are 0)."`
	Scores         ValueScores `json:"scores"`
	TotalValue     float64     `json:"total_value" doc:"product + service + personnel + image"`
	TotalCost      float64     `json:"total_cost" doc:"money + time + energy + psychic"`
	DeliveredValue float64     `json:"delivered_value" doc:"total_value - total_cost"`
}

// Totals fills the row's totals from its scores, exactly (in tenths).
func (r *ValueRow) Totals() {
	t := r.Scores.Tenths()
	value, cost := t[0]+t[1]+t[2]+t[3], t[4]+t[5]+t[6]+t[7]
	r.TotalValue, r.TotalCost, r.DeliveredValue = float64(value)/10, float64(cost)/10, float64(value-cost)/10
}

// Worksheet is the delivered value worksheet of an opportunity: our row
// first, then one per competitor in play.
type Worksheet struct {
	OpportunityID string     `json:"opportunity_id"`
	Version       int        `json:"version" doc:"0 until first saved."`
	UpdatedAt     *time.Time `json:"updated_at,omitempty"`
	UpdatedBy     string     `json:"updated_by,omitempty"`
	Rows          []ValueRow `json:"rows"`
}

// DeliveredValueService reads and writes worksheets under the
// opportunity's scope.
type DeliveredValueService interface {
	DeliveredValue(ctx context.Context, opportunityID string) (*Worksheet, error)
	SaveDeliveredValue(ctx context.Context, opportunityID string, in WorksheetInput) (*Worksheet, error)
}
