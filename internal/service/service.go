// Package service holds Guanxi's use cases: it checks who may do what,
// validates input, runs each change in one transaction with its history,
// and hides fields the caller may not read. It implements the crm service
// interfaces over internal/store.
package service

import (
	"context"
	"log/slog"
	"sort"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Service implements every crm service interface. It is safe for
// concurrent use.
type Service struct {
	db *store.DB
	// actors maps a session or API token hash to its caller; fieldDefs a
	// workspace and entity to its custom fields (see ttlCache).
	actors    *ttlCache[string, cachedActor]
	fieldDefs *ttlCache[string, crm.FieldDefinitions]
	scoring   scoring
	// log receives what background work (scoring runs) has to report.
	log *slog.Logger
}

// cacheTTL bounds how long a change made through another server (a
// deactivated user, a new custom field) can go unseen here.
const cacheTTL = 2 * time.Second

// New returns a Service over db.
func New(db *store.DB) *Service {
	return &Service{db: db,
		actors:    newTTLCache[string, cachedActor](cacheTTL, 100_000),
		fieldDefs: newTTLCache[string, crm.FieldDefinitions](cacheTTL, 10_000),
		scoring:   scoring{models: map[string]cachedModel{}, running: map[string]bool{}},
		log:       slog.Default()}
}

// SetLogger sends the service's background reports to l (the server's
// logger) instead of the default one.
func (s *Service) SetLogger(l *slog.Logger) { s.log = l }

// definitions returns a workspace's custom fields of an entity for read
// paths (cached); writes read them inside their transaction instead.
func (s *Service) definitions(ctx context.Context, ws string, e crm.Entity) (crm.FieldDefinitions, error) {
	key := ws + "/" + string(e)
	if d, ok := s.fieldDefs.get(key); ok {
		return d, nil
	}
	d, err := s.db.Read().FieldDefinitions(ctx, ws, e)
	if err != nil {
		return nil, err
	}
	s.fieldDefs.put(key, d)
	return d, nil
}

// Compile-time checks that Service implements the domain's interfaces.
var (
	_ crm.AccountService           = (*Service)(nil)
	_ crm.ContactService           = (*Service)(nil)
	_ crm.UserService              = (*Service)(nil)
	_ crm.LinkService              = (*Service)(nil)
	_ crm.ProductService           = (*Service)(nil)
	_ crm.OrderService             = (*Service)(nil)
	_ crm.OpportunityService       = (*Service)(nil)
	_ crm.FieldDefinitionService   = (*Service)(nil)
	_ crm.SavedViewService         = (*Service)(nil)
	_ crm.HistoryService           = (*Service)(nil)
	_ crm.CompetitorService        = (*Service)(nil)
	_ crm.AccountCompetitorService = (*Service)(nil)
	_ crm.CompetitionService       = (*Service)(nil)
	_ crm.DeliveredValueService    = (*Service)(nil)
)

// actor returns the caller, or EUNAUTHORIZED when the context has none.
func actor(ctx context.Context) (*crm.Actor, error) {
	a := crm.ActorFrom(ctx)
	if a == nil || a.WorkspaceID == "" {
		return nil, crm.Errorf(crm.EUNAUTHORIZED, "Please sign in.")
	}
	return a, nil
}

// scopes returns the caller's read and write scopes for an entity.
func scopes(a *crm.Actor, e crm.Entity) (read, write crm.Scope) {
	return auth.RecordScope(a, e, auth.Read), auth.RecordScope(a, e, auth.Write)
}

func forbidden(format string, args ...any) error {
	return crm.Errorf(crm.EFORBIDDEN, format, args...)
}

// fieldError returns an EINVALID error about one field.
func fieldError(field, reason, message string) error {
	var p crm.Problems
	p.Add(field, reason, message)
	return p.Err()
}

// event records a lifecycle event (created, deleted, restored, ...).
func event(ctx context.Context, tx *store.Tx, a *crm.Actor, e crm.Entity, id, field, old, new string) error {
	return tx.AppendHistory(ctx, a.WorkspaceID, e, id, a.UserID, []crm.FieldChange{{Field: field, Old: old, New: new}})
}

// newMeta returns the bookkeeping of a record created now by a.
func newMeta(tx *store.Tx, a *crm.Actor) crm.Meta {
	return crm.Meta{Version: 1, CreatedAt: tx.Now, CreatedBy: a.UserID, UpdatedAt: tx.Now, UpdatedBy: a.UserID}
}

// touch advances a record's bookkeeping for a change by a.
func touch(m *crm.Meta, tx *store.Tx, a *crm.Actor) {
	m.Version++
	m.UpdatedAt = tx.Now
	m.UpdatedBy = a.UserID
}

// checkVersion returns ESTALE when the caller's version is not the
// record's. Version 0 means "whatever is current" (allowed for deletes).
func checkVersion(what string, have, want int) error {
	if want != 0 && have != want {
		return crm.Stale(what, have, want)
	}
	return nil
}

// resolveOwner checks that ownerID may own a record created or moved by a,
// and returns the owner's team. A caller may always own records; assigning
// others needs auth.CanAssignOwner, and a manager may assign only within
// their teams.
func (s *Service) resolveOwner(ctx context.Context, q *store.Q, a *crm.Actor, ownerID string) (teamID string, err error) {
	if ownerID == "" {
		return "", nil
	}
	u, err := q.GetUser(ctx, a.WorkspaceID, ownerID)
	if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && !u.Active) {
		return "", fieldError("owner_id", "unknown_value", "is not an active user of this workspace")
	}
	if err != nil {
		return "", err
	}
	if ownerID == a.UserID {
		return u.TeamID, nil
	}
	if !auth.CanAssignOwner(a) {
		return "", forbidden("You may only own records yourself; ask a manager to assign them.")
	}
	if a.Role == crm.RoleManager && !a.System && !contains(a.TeamIDs, u.TeamID) {
		return "", forbidden("You may only assign records to people in your teams.")
	}
	return u.TeamID, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// customFilters resolves "key:value" filters against field definitions so
// only defined keys reach SQL.
func (s *Service) customFilters(ctx context.Context, q *store.Q, ws string, e crm.Entity, f map[string]string) ([]store.CustomFilter, error) {
	if len(f) == 0 {
		return nil, nil
	}
	defs, err := s.definitions(ctx, ws, e)
	if err != nil {
		return nil, err
	}
	keys := make([]string, 0, len(f))
	for k := range f {
		keys = append(keys, k)
	}
	sort.Strings(keys) // a stable SQL text per filter set keeps the statement cache useful
	var out []store.CustomFilter
	for _, k := range keys {
		v := f[k]
		var def *crm.FieldDefinition
		for _, d := range defs {
			if d.Key == k {
				def = d
			}
		}
		if def == nil {
			return nil, fieldError("custom", "unknown_field", k+" is not a custom field of this workspace")
		}
		out = append(out, store.CustomFilter{Key: k, Type: def.Type, Value: v})
	}
	return out, nil
}

// visibleCustom drops stored values whose definition was deleted.
func visibleCustom(values map[string]any, defs crm.FieldDefinitions) map[string]any {
	if len(values) == 0 {
		return values
	}
	out := make(map[string]any, len(values))
	for _, d := range defs {
		if v, ok := values[d.Key]; ok {
			out[d.Key] = v
		}
	}
	return out
}
