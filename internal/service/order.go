package service

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// CreateOrder implements crm.OrderService. The order is owned by in.OwnerID,
// else the account's owner, else the caller, and the account's stats are
// refreshed in the same transaction.
func (s *Service) CreateOrder(ctx context.Context, in crm.OrderInput) (*crm.Order, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, w := scopes(a, crm.EntityOrder); w.Level == crm.ScopeNone {
		return nil, forbidden("Your role may not create orders.")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	if err := checkCostInput(a, in.Lines); err != nil {
		return nil, err
	}
	o := &crm.Order{ID: store.NewID(), AccountID: in.AccountID, Number: in.Number, Status: in.Status,
		OrderDate: in.OrderDate, Note: in.Note, Currency: crm.Currency}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		acc, err := s.orderAccount(ctx, tx, a, in.AccountID)
		if err != nil {
			return err
		}
		o.AccountName = acc.Name
		if o.Lines, err = s.buildLines(ctx, tx, a.WorkspaceID, in.Lines, nil); err != nil {
			return err
		}
		if err := priceOrder(o); err != nil {
			return err
		}
		owner := firstNonEmpty(in.OwnerID, acc.OwnerID, a.UserID)
		if err := s.setOrderOwner(ctx, tx, a, o, owner); err != nil {
			return err
		}
		o.Meta = newMeta(tx, a)
		if err := tx.InsertOrders(ctx, a.WorkspaceID, []*crm.Order{o}); err != nil {
			return err
		}
		if err := event(ctx, tx, a, crm.EntityOrder, o.ID, crm.FieldCreated, "", o.Number); err != nil {
			return err
		}
		return s.refreshStats(ctx, tx, a.WorkspaceID, o.AccountID)
	})
	if err != nil {
		return nil, err
	}
	return redactOrder(a, o), nil
}

// orderAccount returns the live account an order of a is for, or a field
// error on account_id when a cannot read it.
func (s *Service) orderAccount(ctx context.Context, tx *store.Tx, a *crm.Actor, id string) (*crm.Account, error) {
	r, _ := scopes(a, crm.EntityAccount)
	acc, err := tx.GetAccount(ctx, r, id)
	if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && acc.DeletedAt != nil) {
		return nil, fieldError("account_id", "unknown_value", "is not an account you can see")
	}
	return acc, err
}

// setOrderOwner makes ownerID the owner of o if a may assign it and the
// order then stays in a's write scope.
func (s *Service) setOrderOwner(ctx context.Context, tx *store.Tx, a *crm.Actor, o *crm.Order, ownerID string) error {
	team, err := s.resolveOwner(ctx, &tx.Q, a, ownerID)
	if err != nil {
		return err
	}
	if _, w := scopes(a, crm.EntityOrder); !store.InScope(w, ownerID, team) {
		return forbidden("You may only record orders that you own.")
	}
	o.OwnerID, o.TeamID = ownerID, team
	return nil
}

// checkCostInput refuses unit costs from roles that may not see them.
func checkCostInput(a *crm.Actor, lines []crm.OrderLineInput) error {
	if auth.CanSeeCost(a) {
		return nil
	}
	for _, l := range lines {
		if l.UnitCost != nil {
			return forbidden("Only admins, managers, finance and warehouse set unit costs.")
		}
	}
	return nil
}

// buildLines resolves the products of lines and fills prices and costs
// left out from them. Inactive products are refused unless the order
// already had them (was).
func (s *Service) buildLines(ctx context.Context, tx *store.Tx, ws string, lines []crm.OrderLineInput, was []crm.OrderLine) ([]crm.OrderLine, error) {
	ids := make([]string, len(lines))
	for i, l := range lines {
		ids[i] = l.ProductID
	}
	products, err := tx.ProductsByID(ctx, ws, ids)
	if err != nil {
		return nil, err
	}
	return linesFrom(products, lines, was)
}

// linesFrom builds order lines from lines and their products (by id),
// filling prices and costs left out from the products. Inactive products
// are refused unless the order already had them (was).
func linesFrom(products map[string]*crm.Product, lines []crm.OrderLineInput, was []crm.OrderLine) ([]crm.OrderLine, error) {
	had := map[string]bool{}
	for _, l := range was {
		had[l.ProductID] = true
	}
	var p crm.Problems
	out := make([]crm.OrderLine, len(lines))
	for i, l := range lines {
		pr := products[l.ProductID]
		switch {
		case pr == nil:
			p.Add(fmt.Sprintf("lines[%d].product_id", i), "unknown_value", "is not a product of this workspace")
			continue
		case pr.Active != nil && !*pr.Active && !had[pr.ID]:
			p.Add(fmt.Sprintf("lines[%d].product_id", i), "inactive", "is no longer sold")
			continue
		}
		line := crm.OrderLine{ProductID: pr.ID, ProductCode: pr.Code, ProductName: pr.Name, Quantity: l.Quantity,
			UnitPrice: pr.ListPrice, UnitCost: pr.UnitCost, Discount: l.Discount}
		if l.UnitPrice != nil {
			line.UnitPrice = *l.UnitPrice
		}
		if l.UnitCost != nil {
			line.UnitCost = l.UnitCost
		}
		if line.UnitCost == nil {
			zero := int64(0)
			line.UnitCost = &zero
		}
		out[i] = line
	}
	return out, p.Err()
}

// priceOrder works out the money of o's lines and its totals.
func priceOrder(o *crm.Order) error {
	revenue, cost, err := crm.PriceLines(o.Lines)
	if err != nil {
		return err
	}
	gp := revenue - cost
	o.Revenue, o.Cost, o.GrossProfit = revenue, &cost, &gp
	return nil
}

func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// GetOrder implements crm.OrderService.
func (s *Service) GetOrder(ctx context.Context, id string) (*crm.Order, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOrder)
	o, err := s.db.Read().GetOrder(ctx, r, id)
	if err != nil {
		return nil, err
	}
	return redactOrder(a, o), nil
}

// ListOrders implements crm.OrderService.
func (s *Service) ListOrders(ctx context.Context, f crm.OrderFilter) (*crm.Page[*crm.Order], error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOrder)
	page, err := s.db.Read().ListOrders(ctx, r, f)
	if err != nil {
		return nil, err
	}
	for _, o := range page.Items {
		redactOrder(a, o)
	}
	return page, nil
}

// UpdateOrder implements crm.OrderService.
func (s *Service) UpdateOrder(ctx context.Context, id string, version int, upd crm.OrderUpdate) (*crm.Order, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if upd.Lines != nil {
		if err := checkCostInput(a, *upd.Lines); err != nil {
			return nil, err
		}
	}
	var o *crm.Order
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableOrder(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		n := *old
		o = &n
		o.Lines = slices.Clone(old.Lines)
		set(&o.Number, upd.Number)
		set(&o.Status, upd.Status)
		set(&o.OrderDate, upd.OrderDate)
		set(&o.Note, upd.Note)
		o.Number = strings.TrimSpace(o.Number)
		var linesErr error
		if upd.Lines != nil {
			linesErr = crm.ValidateLines(*upd.Lines)
		}
		if err := crm.JoinInvalid(o.ValidateHeader(), linesErr); err != nil {
			return err
		}
		if upd.Lines != nil {
			if o.Lines, err = s.buildLines(ctx, tx, a.WorkspaceID, *upd.Lines, old.Lines); err != nil {
				return err
			}
		}
		if err := priceOrder(o); err != nil {
			return err
		}
		if upd.OwnerID != nil && *upd.OwnerID != old.OwnerID {
			if err := s.setOrderOwner(ctx, tx, a, o, *upd.OwnerID); err != nil {
				return err
			}
		}
		changes := crm.Diff(old.Snapshot(), o.Snapshot())
		if len(changes) == 0 {
			return nil
		}
		touch(&o.Meta, tx, a)
		if err := tx.UpdateOrder(ctx, a.WorkspaceID, o, old.Version); err != nil {
			return err
		}
		if err := tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityOrder, id, a.UserID, changes); err != nil {
			return err
		}
		return s.refreshStats(ctx, tx, a.WorkspaceID, o.AccountID)
	})
	if err != nil {
		return nil, err
	}
	return redactOrder(a, o), nil
}

// writableOrder loads an order for a change by a: ENOTFOUND outside the
// read scope, EFORBIDDEN outside the write scope, ECONFLICT in the recycle
// bin, ESTALE at another version.
func (s *Service) writableOrder(ctx context.Context, tx *store.Tx, a *crm.Actor, id string, version int) (*crm.Order, error) {
	r, w := scopes(a, crm.EntityOrder)
	o, err := tx.GetOrder(ctx, r, id)
	if err != nil {
		return nil, err
	}
	if !store.InScope(w, o.OwnerID, o.TeamID) {
		return nil, forbidden("You may view this order but not change it.")
	}
	if o.DeletedAt != nil {
		return nil, crm.Errorf(crm.ECONFLICT, "This order is in the recycle bin; restore it first.")
	}
	return o, checkVersion("The order", o.Version, version)
}

// DeleteOrder implements crm.OrderService: the order moves to the recycle
// bin and stops counting in the account's stats.
func (s *Service) DeleteOrder(ctx context.Context, id string, version int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableOrder(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		o := *old
		now := tx.Now
		o.DeletedAt = &now
		touch(&o.Meta, tx, a)
		if err := tx.UpdateOrder(ctx, a.WorkspaceID, &o, old.Version); err != nil {
			return err
		}
		if err := event(ctx, tx, a, crm.EntityOrder, id, crm.FieldDeleted, "", ""); err != nil {
			return err
		}
		return s.refreshStats(ctx, tx, a.WorkspaceID, o.AccountID)
	})
}

// RestoreOrder implements crm.OrderService.
func (s *Service) RestoreOrder(ctx context.Context, id string) (*crm.Order, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var o *crm.Order
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		r, w := scopes(a, crm.EntityOrder)
		old, err := tx.GetOrder(ctx, r, id)
		if err != nil {
			return err
		}
		if !store.InScope(w, old.OwnerID, old.TeamID) {
			return forbidden("You may view this order but not change it.")
		}
		if old.DeletedAt == nil {
			return crm.Errorf(crm.ECONFLICT, "This order is not in the recycle bin.")
		}
		if _, err := s.orderAccount(ctx, tx, a, old.AccountID); err != nil {
			return crm.Errorf(crm.ECONFLICT, "The order's account is in the recycle bin; restore it first.")
		}
		n := *old
		o = &n
		o.DeletedAt = nil
		touch(&o.Meta, tx, a)
		if err := tx.UpdateOrder(ctx, a.WorkspaceID, o, old.Version); err != nil {
			return err
		}
		if err := event(ctx, tx, a, crm.EntityOrder, id, crm.FieldRestored, "", ""); err != nil {
			return err
		}
		return s.refreshStats(ctx, tx, a.WorkspaceID, o.AccountID)
	})
	if err != nil {
		return nil, err
	}
	return redactOrder(a, o), nil
}

// CustomerStats implements crm.OrderService.
func (s *Service) CustomerStats(ctx context.Context, accountID string) (*crm.CustomerStats, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	q := s.db.Read()
	if _, err := q.GetAccount(ctx, r, accountID); err != nil {
		return nil, err
	}
	st, err := q.CustomerStats(ctx, a.WorkspaceID, accountID)
	if err != nil {
		return nil, err
	}
	if !auth.CanSeeCost(a) {
		st.GrossProfit, st.ServiceCost, st.Profit = nil, nil, nil
		st.Redact("gross_profit")
		st.Redact("service_cost")
		st.Redact("profit")
	}
	return st, nil
}

// redactOrder hides costs and margins from roles that do not see them.
func redactOrder(a *crm.Actor, o *crm.Order) *crm.Order {
	if auth.CanSeeCost(a) {
		return o
	}
	o.Cost, o.GrossProfit = nil, nil
	for i := range o.Lines {
		o.Lines[i].UnitCost, o.Lines[i].GrossProfit = nil, nil
	}
	o.Redact("cost")
	o.Redact("gross_profit")
	o.Redact("lines.unit_cost")
	o.Redact("lines.gross_profit")
	return o
}
