package crm

// Gaps are computed here, once, on the server: the API, the UI and any
// other client then show the same warnings, and the rules are tested in Go
// against the stored members.

// ContactLevelsOrdered and ContactFunctionsOrdered are the rows and
// columns of the buying-centre grid.
var (
	ContactLevelsOrdered    = []ContactLevel{LevelDecision, LevelManagement, LevelOperational}
	ContactFunctionsOrdered = []ContactFunction{FunctionUser, FunctionTechnical, FunctionFinance}
)

// AnalyseBuyingCentre returns the empty cells of the level x function grid
// of members and the warnings a salesperson should act on: a function or
// level nobody covers, no decision maker, no supporter among the decision
// makers, an opponent who is a decision maker.
func AnalyseBuyingCentre(members []*OpportunityContact) ([]BuyingCell, []GapWarning) {
	filled := map[BuyingCell]bool{}
	levels := map[ContactLevel]bool{}
	functions := map[ContactFunction]bool{}
	var deciders, supporters, opponents []string
	for _, m := range members {
		filled[BuyingCell{m.Level, m.Function}] = true
		levels[m.Level] = true
		functions[m.Function] = true
		if m.Role == RoleDecisionMaker {
			deciders = append(deciders, m.Name)
			switch m.Stance {
			case StanceSupporter:
				supporters = append(supporters, m.Name)
			case StanceOpponent:
				opponents = append(opponents, m.Name)
			}
		}
	}
	gaps := []BuyingCell{}
	for _, l := range ContactLevelsOrdered {
		for _, f := range ContactFunctionsOrdered {
			if c := (BuyingCell{l, f}); !filled[c] {
				gaps = append(gaps, c)
			}
		}
	}
	warnings := []GapWarning{}
	for _, f := range ContactFunctionsOrdered {
		if !functions[f] {
			warnings = append(warnings, GapWarning{Code: GapNoFunction, Function: f})
		}
	}
	for _, l := range ContactLevelsOrdered {
		if !levels[l] {
			warnings = append(warnings, GapWarning{Code: GapNoLevel, Level: l})
		}
	}
	switch {
	case len(deciders) == 0:
		warnings = append(warnings, GapWarning{Code: GapNoDecisionMaker})
	case len(supporters) == 0:
		warnings = append(warnings, GapWarning{Code: GapNoSupportingDecider, Contacts: deciders})
	}
	if len(opponents) > 0 {
		warnings = append(warnings, GapWarning{Code: GapOpponentDecisionMaker, Contacts: opponents})
	}
	return gaps, warnings
}
