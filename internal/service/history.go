package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
)

// History implements crm.HistoryService for accounts, contacts, orders,
// opportunities, products, competitors, activities, tasks and key-account
// plans: whoever may read the record reads its history. The
// field rules of the record apply to its history too: finance fields and
// the personal profile show that they changed, not to what.
func (s *Service) History(ctx context.Context, entity crm.Entity, id string, cursor string, limit int) (*crm.Page[*crm.Change], error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	q := s.db.Read()
	var hide func(field string) bool
	switch entity {
	case crm.EntityAccount:
		r, _ := scopes(a, entity)
		if _, err := q.GetAccount(ctx, r, id); err != nil {
			return nil, err
		}
		finance := auth.CanSeeFinance(a)
		hide = func(f string) bool { return !finance && (f == "credit_rating" || f == "credit_limit") }
	case crm.EntityContact:
		r, _ := scopes(a, entity)
		c, err := q.GetContact(ctx, r, id)
		if err != nil {
			return nil, err
		}
		profile := auth.CanReadProfile(a, c.OwnerID, c.TeamID)
		hide = func(f string) bool { return !profile && crm.ProfileField(f) }
	case crm.EntityOrder:
		r, _ := scopes(a, entity)
		if _, err := q.GetOrder(ctx, r, id); err != nil {
			return nil, err
		}
		cost := auth.CanSeeCost(a)
		hide = func(f string) bool { return !cost && f == "gross_profit" }
	case crm.EntityOpportunity:
		r, _ := scopes(a, entity)
		if _, err := q.GetOpportunity(ctx, r, id); err != nil {
			return nil, err
		}
		hide = func(string) bool { return false }
	case crm.EntityProduct:
		if _, err := q.GetProduct(ctx, a.WorkspaceID, id); err != nil {
			return nil, err
		}
		cost := auth.CanSeeCost(a)
		hide = func(f string) bool { return !cost && f == "unit_cost" }
	case crm.EntityCompetitor:
		if _, err := q.GetCompetitor(ctx, a.WorkspaceID, id); err != nil {
			return nil, err
		}
		hide = func(string) bool { return false }
	case crm.EntityActivity:
		if _, err := s.GetActivity(ctx, id); err != nil {
			return nil, err
		}
		hide = func(string) bool { return false }
	case crm.EntityTask:
		if _, err := s.GetTask(ctx, id); err != nil {
			return nil, err
		}
		hide = func(string) bool { return false }
	case crm.EntityKeyAccountPlan:
		if _, err := s.GetPlan(ctx, id); err != nil {
			return nil, err
		}
		hide = func(string) bool { return false }
	default:
		return nil, crm.Errorf(crm.ENOTFOUND, "No history for %s.", entity)
	}
	page, err := q.History(ctx, a.WorkspaceID, entity, id, cursor, limit)
	if err != nil {
		return nil, err
	}
	for _, c := range page.Items {
		if hide(c.Field) {
			c.Old, c.New, c.Redacted = "", "", true
		}
	}
	return page, nil
}
