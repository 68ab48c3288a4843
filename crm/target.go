package crm

import (
	"context"
	"fmt"
	"regexp"
	"strconv"
	"time"
)

// EntityTarget is a sales target (业绩目标), for history.
const EntityTarget Entity = "target"

// Period is a calendar month (2026-11) or quarter (2026-Q4), in UTC.
type Period struct {
	Key    string
	Kind   string // month or quarter
	Start  time.Time
	End    time.Time // exclusive
	Months []string  // the months of a quarter, the month itself otherwise
}

var periodPattern = regexp.MustCompile(`^(\d{4})-(?:Q([1-4])|(0[1-9]|1[0-2]))$`)

// ParsePeriod reads "YYYY-MM" or "YYYY-Qn" (years 2000-2099); the error
// names field.
func ParsePeriod(field, s string) (Period, error) {
	m := periodPattern.FindStringSubmatch(s)
	if m == nil {
		return Period{}, fieldProblem(field, "invalid", "is not a month (2026-11) or a quarter (2026-Q4)")
	}
	year, _ := strconv.Atoi(m[1])
	if year < 2000 || year > 2099 {
		return Period{}, fieldProblem(field, "out_of_range", "must be in the years 2000 to 2099")
	}
	if m[2] != "" {
		q, _ := strconv.Atoi(m[2])
		start := time.Date(year, time.Month(3*q-2), 1, 0, 0, 0, 0, time.UTC)
		p := Period{Key: s, Kind: "quarter", Start: start, End: start.AddDate(0, 3, 0)}
		for i := 0; i < 3; i++ {
			p.Months = append(p.Months, start.AddDate(0, i, 0).Format("2006-01"))
		}
		return p, nil
	}
	month, _ := strconv.Atoi(m[3])
	start := time.Date(year, time.Month(month), 1, 0, 0, 0, 0, time.UTC)
	return Period{Key: s, Kind: "month", Start: start, End: start.AddDate(0, 1, 0), Months: []string{s}}, nil
}

// QuarterOf returns the quarter key of a month key such as 2026-11.
func QuarterOf(month string) string {
	m, _ := strconv.Atoi(month[5:7])
	return fmt.Sprintf("%s-Q%d", month[:4], (m+2)/3)
}

func fieldProblem(field, reason, message string) error {
	var p Problems
	p.Add(field, reason, message)
	return p.Err()
}

// Target is the amount a person or a team should win in a period.
type Target struct {
	ID          string    `json:"id" readOnly:"true"`
	Period      string    `json:"period"`
	UserID      string    `json:"user_id,omitempty"`
	TeamID      string    `json:"team_id,omitempty"`
	SubjectName string    `json:"subject_name" readOnly:"true"`
	Amount      int64     `json:"amount" doc:"Minor units."`
	Currency    string    `json:"currency" readOnly:"true"`
	Version     int       `json:"version" readOnly:"true"`
	UpdatedAt   time.Time `json:"updated_at" readOnly:"true"`
	UpdatedBy   string    `json:"updated_by,omitempty" readOnly:"true"`
}

// TargetInput sets one target; exactly one of user_id and team_id.
type TargetInput struct {
	Period string `json:"period" maxLength:"7" doc:"YYYY-MM or YYYY-Qn."`
	UserID string `json:"user_id,omitempty" maxLength:"36"`
	TeamID string `json:"team_id,omitempty" maxLength:"36"`
	Amount int64  `json:"amount" doc:"Minor units, 0 or more."`
}

// Validate checks the fields; the service checks the person or team.
func (in *TargetInput) Validate() (Period, error) {
	var p Problems
	period, err := ParsePeriod("period", in.Period)
	p.fields = append(p.fields, ErrorFields(err)...)
	switch {
	case in.UserID == "" && in.TeamID == "":
		p.Add("user_id", "required", "is required, or team_id")
	case in.UserID != "" && in.TeamID != "":
		p.Add("team_id", "invalid", "give either user_id or team_id, not both")
	}
	p.ID("user_id", in.UserID)
	p.ID("team_id", in.TeamID)
	p.Amount("amount", in.Amount)
	return period, p.Err()
}

// TargetFilter narrows a target list.
type TargetFilter struct {
	Period string
	UserID string
	TeamID string
}

// TargetScope is which targets a caller reaches: the whole workspace, or
// themself, their teams' targets and (for managers) the people of those
// teams. None reaches nothing.
type TargetScope struct {
	WorkspaceID string
	None        bool
	All         bool
	UserID      string
	TeamIDs     []string
	Members     bool
}

// AttainmentRow is one person's or team's target and what they won.
type AttainmentRow struct {
	Subject      string   `json:"subject" enum:"user,team"`
	ID           string   `json:"id"`
	Name         string   `json:"name"`
	TeamID       string   `json:"team_id,omitempty" doc:"A person's team; a team's parent."`
	Target       *int64   `json:"target,omitempty" doc:"The target set for the period, minor units."`
	MonthsTarget *int64   `json:"months_target,omitempty" doc:"Quarters: the sum of the targets of its months, shown beside the quarter's own."`
	Won          int64    `json:"won" doc:"Amount of the opportunities won in the period, minor units."`
	WonCount     int64    `json:"won_count"`
	Percent      *float64 `json:"percent,omitempty" doc:"won / target x 100, to one decimal; absent without a positive target."`
	Gap          *int64   `json:"gap,omitempty" doc:"target - won (0 when reached)."`
	Editable     bool     `json:"editable" doc:"You may set this target."`
}

// Attainment is every visible target of a period against what was won.
type Attainment struct {
	Period   string          `json:"period"`
	Kind     string          `json:"kind" enum:"month,quarter"`
	Start    Date            `json:"start" format:"date"`
	End      Date            `json:"end" format:"date" doc:"Exclusive."`
	Months   []string        `json:"months"`
	Currency string          `json:"currency"`
	CanEdit  bool            `json:"can_edit"`
	Rows     []AttainmentRow `json:"rows"`
}

// TargetService sets sales targets and measures attainment. Admins set
// any; managers set people and teams within their teams; sales reps read
// their own and their team's.
type TargetService interface {
	ListTargets(ctx context.Context, f TargetFilter) ([]*Target, error)
	PutTarget(ctx context.Context, in TargetInput) (*Target, error)
	TargetAttainment(ctx context.Context, period string) (*Attainment, error)
}
