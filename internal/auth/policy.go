package auth

import "github.com/guanxi-crm/guanxi/crm"

// Action is what a caller wants to do with records.
type Action int

// Actions.
const (
	Read Action = iota
	Write
)

// grant is a role's reach over one entity: how far it reads and how far it
// writes.
type grant struct{ read, write crm.ScopeLevel }

var (
	none = crm.ScopeNone
	own  = crm.ScopeOwn
	team = crm.ScopeTeam
	all  = crm.ScopeAll
)

// recordGrants is the record-scope matrix for accounts, contacts and
// orders. Sales reps see their own customers and orders (the default of
// Chinese CRMs: 本人); managers their teams (本人及下属); back-office roles
// read everything to do their job and change nothing here; finance
// changes only finance fields of accounts (see FinanceFieldsOnly).
// Anything not listed is denied.
var recordGrants = map[crm.Role]map[crm.Entity]grant{
	crm.RoleAdmin:     {crm.EntityAccount: {all, all}, crm.EntityContact: {all, all}, crm.EntityOrder: {all, all}, crm.EntityOpportunity: {all, all}},
	crm.RoleManager:   {crm.EntityAccount: {team, team}, crm.EntityContact: {team, team}, crm.EntityOrder: {team, team}, crm.EntityOpportunity: {team, team}},
	crm.RoleSales:     {crm.EntityAccount: {own, own}, crm.EntityContact: {own, own}, crm.EntityOrder: {own, own}, crm.EntityOpportunity: {own, own}},
	crm.RoleFinance:   {crm.EntityAccount: {all, all}, crm.EntityContact: {all, none}, crm.EntityOrder: {all, none}, crm.EntityOpportunity: {all, none}},
	crm.RoleWarehouse: {crm.EntityAccount: {all, none}, crm.EntityContact: {all, none}, crm.EntityOrder: {all, none}, crm.EntityOpportunity: {all, none}},
	crm.RoleService:   {crm.EntityAccount: {all, none}, crm.EntityContact: {all, none}, crm.EntityOrder: {all, none}, crm.EntityOpportunity: {all, none}},
	crm.RoleMarketing: {crm.EntityAccount: {all, none}, crm.EntityContact: {all, none}, crm.EntityOrder: {all, none}, crm.EntityOpportunity: {all, none}},
	crm.RoleViewer:    {crm.EntityAccount: {all, none}, crm.EntityContact: {all, none}, crm.EntityOrder: {all, none}, crm.EntityOpportunity: {all, none}},
}

// RecordScope returns the records of entity that a may reach for act.
// System actors reach the whole workspace; unknown roles reach nothing.
func RecordScope(a *crm.Actor, e crm.Entity, act Action) crm.Scope {
	s := crm.Scope{WorkspaceID: a.WorkspaceID, UserID: a.UserID, TeamIDs: a.TeamIDs}
	if a.System {
		s.Level = crm.ScopeAll
		return s
	}
	g := recordGrants[a.Role][e]
	if act == Read {
		s.Level = salesReadLevel(a, e, g.read)
	} else {
		s.Level = g.write
	}
	return s
}

// FinanceFieldsOnly reports whether a's writes to accounts are limited to
// the finance fields (credit rating and limit).
func FinanceFieldsOnly(a *crm.Actor) bool {
	return !a.System && a.Role == crm.RoleFinance
}

// CanSeeFinance reports whether a may read and write an account's finance
// fields (credit rating and limit): finance, managers and admins.
func CanSeeFinance(a *crm.Actor) bool {
	switch {
	case a.System:
		return true
	case a.Role == crm.RoleAdmin, a.Role == crm.RoleManager, a.Role == crm.RoleFinance:
		return true
	}
	return false
}

// CanSeeCost reports whether a may read costs and margins: unit costs of
// products and order lines, gross profit and service cost. Admins,
// managers, finance and warehouse (who keep the product costs) may; sales
// reps and the other roles see prices and revenue only.
func CanSeeCost(a *crm.Actor) bool {
	switch {
	case a.System:
		return true
	case a.Role == crm.RoleAdmin, a.Role == crm.RoleManager, a.Role == crm.RoleFinance, a.Role == crm.RoleWarehouse:
		return true
	}
	return false
}

// CanSeeWorkspaceAnalytics reports whether a may see the analyses of the
// whole customer base (segment migration, cross-sell rules, fitted
// models): the roles that steer it, admins, managers, finance and
// marketing. Everyone sees the charts of the customers in their scope.
func CanSeeWorkspaceAnalytics(a *crm.Actor) bool {
	switch {
	case a.System:
		return true
	case a.Role == crm.RoleAdmin, a.Role == crm.RoleManager, a.Role == crm.RoleFinance, a.Role == crm.RoleMarketing:
		return true
	}
	return false
}

// CanRunScoring reports whether a may start a scoring run of the whole
// workspace: admins and managers.
func CanRunScoring(a *crm.Actor) bool {
	return a.System || a.Role == crm.RoleAdmin || a.Role == crm.RoleManager
}

// CanEditProducts reports whether a may change the product catalogue:
// admins, managers and warehouse (product management).
func CanEditProducts(a *crm.Actor) bool {
	return a.System || a.Role == crm.RoleAdmin || a.Role == crm.RoleManager || a.Role == crm.RoleWarehouse
}

// CanReadProfile reports whether a may read and write the personal profile
// of a contact owned by ownerID in teamID: its owner, the owner's managers
// (a manager whose teams include the contact's team) and admins.
func CanReadProfile(a *crm.Actor, ownerID, teamID string) bool {
	switch {
	case a.System, a.Role == crm.RoleAdmin:
		return true
	case ownerID != "" && a.UserID == ownerID:
		return true
	case a.Role == crm.RoleManager && teamID != "":
		for _, t := range a.TeamIDs {
			if t == teamID {
				return true
			}
		}
	}
	return false
}

// CanAssignOwner reports whether a may make someone other than themself
// the owner of a record: admins and managers (within their teams, checked
// by the caller with the new owner's team).
func CanAssignOwner(a *crm.Actor) bool {
	return a.System || a.Role == crm.RoleAdmin || a.Role == crm.RoleManager
}

// IsAdmin reports whether a administers the workspace: users, teams and
// custom fields.
func IsAdmin(a *crm.Actor) bool {
	return a.System || a.Role == crm.RoleAdmin
}

// TeamScope returns the teams a user's "team" scope covers: their team
// and, for managers, every team below it in teams (id -> parent id).
func TeamScope(role crm.Role, teamID string, parents map[string]string) []string {
	if teamID == "" {
		return nil
	}
	out := []string{teamID}
	if role != crm.RoleManager && role != crm.RoleAdmin {
		return out
	}
	children := map[string][]string{}
	for id, parent := range parents {
		if parent != "" {
			children[parent] = append(children[parent], id)
		}
	}
	seen := map[string]bool{teamID: true}
	for i := 0; i < len(out); i++ {
		for _, c := range children[out[i]] {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	return out
}

// CanConfigurePipeline reports whether a may change the workspace's
// pipeline stages: admins only, since every board and report reads them.
func CanConfigurePipeline(a *crm.Actor) bool {
	return a.System || a.Role == crm.RoleAdmin
}

// salesTeamEntities are the records a workspace's sales_scope "team"
// opens to every sales rep of the owner's team, for reading.
var salesTeamEntities = map[crm.Entity]bool{crm.EntityAccount: true, crm.EntityContact: true, crm.EntityOrder: true, crm.EntityOpportunity: true}

// salesReadLevel widens a sales rep's read scope from own to team when
// the workspace's sales_scope setting says so ("Sales see their own and
// their team's records"); writes stay own.
func salesReadLevel(a *crm.Actor, e crm.Entity, level crm.ScopeLevel) crm.ScopeLevel {
	if a.Role == crm.RoleSales && a.SalesScope == crm.SalesScopeTeam && level == crm.ScopeOwn && salesTeamEntities[e] {
		return crm.ScopeTeam
	}
	return level
}

// CanUsePool reports whether a may see the public pool (公海) and claim
// accounts from it: the roles that own customers, sales reps, managers
// and admins. Claiming makes the caller the owner, so it needs a user.
func CanUsePool(a *crm.Actor) bool {
	if a.UserID == "" {
		return false
	}
	return a.Role == crm.RoleSales || a.Role == crm.RoleManager || a.Role == crm.RoleAdmin
}

// activityGrants are the scopes of activities and key-account plans,
// which follow the account they belong to: the account's owner logs them,
// managers their teams', admins all; back office reads and logs nothing
// (activities are the sales record). Tasks belong to their assignee:
// everyone manages their own, managers their teams', admins all. Kept in a
// block of their own so the grants of other entities stay untouched.
var activityGrants = map[crm.Role][2]grant{
	crm.RoleAdmin:     {{all, all}, {all, all}},
	crm.RoleManager:   {{team, team}, {team, team}},
	crm.RoleSales:     {{own, own}, {own, own}},
	crm.RoleFinance:   {{all, none}, {own, own}},
	crm.RoleWarehouse: {{all, none}, {own, own}},
	crm.RoleService:   {{all, none}, {own, own}},
	crm.RoleMarketing: {{all, none}, {own, own}},
	crm.RoleViewer:    {{all, none}, {own, own}},
}

func init() {
	for role, g := range activityGrants {
		recordGrants[role][crm.EntityActivity] = g[0]
		recordGrants[role][crm.EntityTask] = g[1]
	}
}

// SeesTeamOverdue reports whether a's to-do centre also lists the overdue
// tasks and missed key-account plans of the people in a's teams: managers.
func SeesTeamOverdue(a *crm.Actor) bool {
	return !a.System && a.Role == crm.RoleManager && len(a.TeamIDs) > 0
}

// CanEditCompetitors reports whether a may create and change competitor
// records: admins, managers, sales and marketing (who gather competitor
// intelligence). Every role reads them.
func CanEditCompetitors(a *crm.Actor) bool {
	switch {
	case a.System:
		return true
	case a.Role == crm.RoleAdmin, a.Role == crm.RoleManager, a.Role == crm.RoleSales, a.Role == crm.RoleMarketing:
		return true
	}
	return false
}

// TargetScopes returns the sales targets a may read and set. Admins reach
// the whole workspace; managers their own target, their teams (a.TeamIDs
// covers the teams below theirs) and the people in them, and may set
// them; sales reps read their own and their team's targets. Other roles
// reach none.
func TargetScopes(a *crm.Actor) (read, write crm.TargetScope) {
	base := crm.TargetScope{WorkspaceID: a.WorkspaceID, UserID: a.UserID, TeamIDs: a.TeamIDs}
	none := base
	none.None = true
	switch {
	case a.System, a.Role == crm.RoleAdmin:
		base.All = true
		return base, base
	case a.Role == crm.RoleManager:
		base.Members = true
		return base, base
	case a.Role == crm.RoleSales:
		return base, none
	}
	return none, none
}
