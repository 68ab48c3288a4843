package crm

import (
	"context"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// StageInput is one stage of a pipeline an admin saves; the list's order
// is the board's order.
type StageInput struct {
	Key         string    `json:"key" minLength:"1" maxLength:"64" pattern:"^[a-z][a-z0-9_]*$" doc:"Stable slug; an existing key keeps its opportunities."`
	Name        string    `json:"name" minLength:"1" maxLength:"100" doc:"English label."`
	NameZh      string    `json:"name_zh" maxLength:"100" doc:"Chinese label; blank falls back to name."`
	Kind        StageKind `json:"kind" enum:"open,won,lost" doc:"Existing stages keep their kind; new stages are open."`
	Probability int       `json:"probability" minimum:"0" maximum:"100"`
}

// MaxStages caps the length of a pipeline.
const MaxStages = 30

var stageKeyPattern = regexp.MustCompile(`^[a-z][a-z0-9_]{0,63}$`)

// NormalizeStages trims the labels.
func NormalizeStages(in []StageInput) {
	for i := range in {
		in[i].Key = strings.TrimSpace(in[i].Key)
		in[i].Name = strings.TrimSpace(in[i].Name)
		in[i].NameZh = strings.TrimSpace(in[i].NameZh)
	}
}

// ValidateStages checks a pipeline against the stages it replaces: slug
// keys, no duplicates, labels, probabilities, exactly one won and one lost
// stage, at least one open stage, kinds of existing stages unchanged and
// new stages open. Removal of stages in use is the service's check.
func ValidateStages(in []StageInput, current []PipelineStage) error {
	var p Problems
	if len(in) > MaxStages {
		p.Add("stages", "too_long", fmt.Sprintf("has more than %d stages", MaxStages))
		return p.Err()
	}
	was := map[string]StageKind{}
	for _, s := range current {
		was[s.Key] = s.Kind
	}
	seen := map[string]bool{}
	kinds := map[StageKind]int{}
	for i, s := range in {
		f := func(name string) string { return fmt.Sprintf("stages[%d].%s", i, name) }
		switch {
		case !stageKeyPattern.MatchString(s.Key):
			p.Add(f("key"), "invalid", "must be a slug: lower-case letters, digits and _, starting with a letter")
		case seen[s.Key]:
			p.Add(f("key"), "duplicate", "is used by another stage")
		}
		seen[s.Key] = true
		p.RequiredText(f("name"), s.Name, MaxShort)
		p.Text(f("name_zh"), s.NameZh, MaxShort, false)
		if s.Probability < 0 || s.Probability > 100 {
			p.Add(f("probability"), "out_of_range", "must be between 0 and 100")
		}
		p.Enum(f("kind"), string(s.Kind), []string{string(StageOpen), string(StageWon), string(StageLost)})
		if old, ok := was[s.Key]; ok && old != s.Kind {
			p.Add(f("kind"), "immutable", "an existing stage keeps its kind")
		} else if !ok && s.Kind != StageOpen {
			p.Add(f("kind"), "invalid", "a new stage must be open")
		}
		kinds[s.Kind]++
	}
	if kinds[StageWon] != 1 {
		p.Add("stages", "won", "must have exactly one won stage")
	}
	if kinds[StageLost] != 1 {
		p.Add("stages", "lost", "must have exactly one lost stage")
	}
	if kinds[StageOpen] < 1 {
		p.Add("stages", "open", "must have at least one open stage")
	}
	return p.Err()
}

// StageReport is one stage's row of the pipeline report.
type StageReport struct {
	Stage   PipelineStage `json:"stage"`
	Entered int64         `json:"entered" doc:"Opportunities of the period that entered the stage."`
	// Days in stage are over the opportunities that entered it; a stay that
	// has not ended counts until now. Null for won and lost.
	MedianDays *float64 `json:"median_days" doc:"Median days spent in the stage (open stays count until now); null for won and lost."`
	MeanDays   *float64 `json:"mean_days" doc:"Mean days spent in the stage (open stays count until now); null for won and lost."`
	Advanced   int64    `json:"advanced" doc:"Of those that entered, how many later reached a later open stage or won."`
	Conversion *float64 `json:"conversion" doc:"advanced / entered (0-1); null for won, lost and stages nobody entered."`
}

// PipelineReport is time in stage and conversion over the caller's scope.
type PipelineReport struct {
	From          *time.Time    `json:"from,omitempty" doc:"Opportunities created from this time..."`
	To            *time.Time    `json:"to,omitempty" doc:"...until before this time."`
	Opportunities int64         `json:"opportunities" doc:"Opportunities in the report."`
	Stages        []StageReport `json:"stages"`
	Won           int64         `json:"won"`
	Lost          int64         `json:"lost"`
	WinRate       *float64      `json:"win_rate" doc:"won / (won + lost) among those closed now; null when none is closed."`
}

// PipelineReportFilter narrows the report.
type PipelineReportFilter struct {
	From    *time.Time
	To      *time.Time
	OwnerID string
	TeamID  string
}

// PipelineConfigService configures stages and reports on them.
type PipelineConfigService interface {
	SavePipelineStages(ctx context.Context, in []StageInput) ([]PipelineStage, error)
	PipelineReport(ctx context.Context, f PipelineReportFilter) (*PipelineReport, error)
}
