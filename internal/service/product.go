package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// CreateProduct implements crm.ProductService.
func (s *Service) CreateProduct(ctx context.Context, in crm.ProductFields) (*crm.Product, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.CanEditProducts(a) {
		return nil, forbidden("Only admins, managers and warehouse change the product catalogue.")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	p := &crm.Product{ID: store.NewID(), ProductFields: in}
	if p.UnitCost == nil {
		zero := int64(0)
		p.UnitCost = &zero
	}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		p.Meta = newMeta(tx, a)
		if err := tx.InsertProducts(ctx, a.WorkspaceID, []*crm.Product{p}); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityProduct, p.ID, crm.FieldCreated, "", p.Code+" "+p.Name)
	})
	if err != nil {
		return nil, err
	}
	return redactProduct(a, p), nil
}

// GetProduct implements crm.ProductService.
func (s *Service) GetProduct(ctx context.Context, id string) (*crm.Product, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	p, err := s.db.Read().GetProduct(ctx, a.WorkspaceID, id)
	if err != nil {
		return nil, err
	}
	return redactProduct(a, p), nil
}

// ListProducts implements crm.ProductService.
func (s *Service) ListProducts(ctx context.Context, f crm.ProductFilter) (*crm.Page[*crm.Product], error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	page, err := s.db.Read().ListProducts(ctx, a.WorkspaceID, f)
	if err != nil {
		return nil, err
	}
	for _, p := range page.Items {
		redactProduct(a, p)
	}
	return page, nil
}

// UpdateProduct implements crm.ProductService.
func (s *Service) UpdateProduct(ctx context.Context, id string, version int, upd crm.ProductUpdate) (*crm.Product, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.CanEditProducts(a) {
		return nil, forbidden("Only admins, managers and warehouse change the product catalogue.")
	}
	var p *crm.Product
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetProduct(ctx, a.WorkspaceID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("The product", old.Version, version); err != nil {
			return err
		}
		n := *old
		p = &n
		upd.Apply(&p.ProductFields)
		p.Normalize()
		if err := p.Validate(); err != nil {
			return err
		}
		changes := crm.Diff(old.Snapshot(), p.Snapshot())
		if len(changes) == 0 {
			return nil
		}
		touch(&p.Meta, tx, a)
		if err := tx.UpdateProduct(ctx, a.WorkspaceID, p, old.Version); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityProduct, id, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	return redactProduct(a, p), nil
}

// redactProduct hides the unit cost from roles that do not see costs.
func redactProduct(a *crm.Actor, p *crm.Product) *crm.Product {
	if !auth.CanSeeCost(a) {
		p.UnitCost = nil
		p.Redact("unit_cost")
	}
	return p
}
