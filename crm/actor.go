package crm

import "context"

// Role is what a user does in the company; it decides which records and
// fields the user may see and change (see internal/auth for the rules).
type Role string

// The roles of DOMAIN.md and ARCHITECTURE.md.
const (
	RoleAdmin     Role = "admin"
	RoleManager   Role = "manager"
	RoleSales     Role = "sales"
	RoleFinance   Role = "finance"
	RoleWarehouse Role = "warehouse"
	RoleService   Role = "service"
	RoleMarketing Role = "marketing"
	RoleViewer    Role = "viewer"
)

// Roles lists every role, in the order the UI shows them.
var Roles = []Role{RoleAdmin, RoleManager, RoleSales, RoleFinance, RoleWarehouse, RoleService, RoleMarketing, RoleViewer}

// RoleNames returns Roles as strings, for enum validation.
func RoleNames() []string {
	s := make([]string, len(Roles))
	for i, r := range Roles {
		s[i] = string(r)
	}
	return s
}

// Actor is the authenticated caller of a service method: a user acting in
// one workspace. Every service method reads it from the context and scopes
// its queries by it.
type Actor struct {
	UserID      string
	WorkspaceID string
	Role        Role
	// TeamID is the user's own team ("" when none).
	TeamID string
	// TeamIDs are the teams whose records "team" scope covers: the user's
	// team and, for managers, every team below it.
	TeamIDs []string
	// SalesScope is the workspace's sales_scope setting for sales reps:
	// "team" widens their reads to their team's records.
	SalesScope string
	// System marks internal callers (CLI, demo, jobs) that act for the
	// whole workspace; they are never created from a request.
	System bool
}

type actorKey struct{}

// NewContext returns ctx carrying the actor.
func NewContext(ctx context.Context, a *Actor) context.Context {
	return context.WithValue(ctx, actorKey{}, a)
}

// ActorFrom returns the actor carried by ctx, or nil.
func ActorFrom(ctx context.Context) *Actor {
	a, _ := ctx.Value(actorKey{}).(*Actor)
	return a
}

// SystemActor returns an actor with full rights in a workspace, for the CLI,
// the demo generator and background jobs. userID is recorded as the author
// of changes and may be "" for "system".
func SystemActor(workspaceID, userID string) *Actor {
	return &Actor{UserID: userID, WorkspaceID: workspaceID, Role: RoleAdmin, System: true}
}

// ScopeLevel says which records of an entity a caller reaches.
type ScopeLevel int

// Scope levels, from none to all. "Own" means owned by the caller; "team"
// adds records owned by anyone in the caller's teams.
const (
	ScopeNone ScopeLevel = iota
	ScopeOwn
	ScopeTeam
	ScopeAll
)

func (l ScopeLevel) String() string {
	return [...]string{"none", "own", "team", "all"}[l]
}

// Scope is the set of records a query may touch: always one workspace, and
// within it the records allowed by Level. The store turns it into a WHERE
// clause; no store query runs without one.
type Scope struct {
	WorkspaceID string
	Level       ScopeLevel
	UserID      string
	TeamIDs     []string
}

// Entity names a kind of record, for permissions, history and field
// definitions.
type Entity string

// Entities with permissions of their own.
const (
	EntityAccount   Entity = "account"
	EntityContact   Entity = "contact"
	EntityUser      Entity = "user"
	EntityTeam      Entity = "team"
	EntityFieldDef  Entity = "field_definition"
	EntitySavedView Entity = "saved_view"
	EntityProduct   Entity = "product"
	EntityOrder     Entity = "order"
)
