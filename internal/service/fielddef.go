package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// ListFieldDefinitions implements crm.FieldDefinitionService.
func (s *Service) ListFieldDefinitions(ctx context.Context, entity crm.Entity) ([]*crm.FieldDefinition, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.Read().FieldDefinitions(ctx, a.WorkspaceID, entity)
}

// CreateFieldDefinition implements crm.FieldDefinitionService. Admins only.
func (s *Service) CreateFieldDefinition(ctx context.Context, in crm.FieldDefinitionInput) (*crm.FieldDefinition, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.IsAdmin(a) {
		return nil, forbidden("Only admins define custom fields.")
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	d := &crm.FieldDefinition{ID: store.NewID(), Entity: in.Entity, Key: in.Key, Label: in.Label, Type: in.Type, Options: in.Options, Required: in.Required}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		existing, err := tx.FieldDefinitions(ctx, a.WorkspaceID, in.Entity)
		if err != nil {
			return err
		}
		if len(existing) >= crm.MaxFieldDefinitions {
			return crm.Errorf(crm.ECONFLICT, "A workspace can have at most %d custom fields per record type.", crm.MaxFieldDefinitions)
		}
		d.Meta = newMeta(tx, a)
		return tx.InsertFieldDefinition(ctx, a.WorkspaceID, d)
	})
	if err != nil {
		return nil, err
	}
	s.fieldDefs.clear()
	return d, nil
}

// UpdateFieldDefinition implements crm.FieldDefinitionService. Entity, key
// and type cannot change: stored values depend on them.
func (s *Service) UpdateFieldDefinition(ctx context.Context, id string, version int, in crm.FieldDefinitionInput) (*crm.FieldDefinition, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.IsAdmin(a) {
		return nil, forbidden("Only admins define custom fields.")
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var d *crm.FieldDefinition
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetFieldDefinition(ctx, a.WorkspaceID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("The field", old.Version, version); err != nil {
			return err
		}
		if in.Entity != old.Entity || in.Key != old.Key || in.Type != old.Type {
			return fieldError("type", "immutable", "entity, key and type cannot change; create a new field instead")
		}
		n := *old
		d = &n
		d.Label, d.Options, d.Required = in.Label, in.Options, in.Required
		touch(&d.Meta, tx, a)
		return tx.UpdateFieldDefinition(ctx, a.WorkspaceID, d, old.Version)
	})
	if err != nil {
		return nil, err
	}
	s.fieldDefs.clear()
	return d, nil
}

// DeleteFieldDefinition implements crm.FieldDefinitionService.
func (s *Service) DeleteFieldDefinition(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !auth.IsAdmin(a) {
		return forbidden("Only admins define custom fields.")
	}
	defer s.fieldDefs.clear()
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.GetFieldDefinition(ctx, a.WorkspaceID, id); err != nil {
			return err
		}
		return tx.DeleteFieldDefinition(ctx, a.WorkspaceID, id)
	})
}

// ListSavedViews implements crm.SavedViewService: the caller's own views.
func (s *Service) ListSavedViews(ctx context.Context, entity crm.Entity) ([]*crm.SavedView, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.Read().SavedViews(ctx, a.WorkspaceID, a.UserID, entity)
}

// CreateSavedView implements crm.SavedViewService.
func (s *Service) CreateSavedView(ctx context.Context, in crm.SavedViewInput) (*crm.SavedView, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if a.UserID == "" {
		return nil, forbidden("Saved views belong to users.")
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	v := &crm.SavedView{ID: store.NewID(), Entity: in.Entity, Name: in.Name, Query: in.Query, Columns: in.Columns}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		v.Meta = newMeta(tx, a)
		return tx.PutSavedView(ctx, a.WorkspaceID, a.UserID, v, 0)
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// UpdateSavedView implements crm.SavedViewService.
func (s *Service) UpdateSavedView(ctx context.Context, id string, version int, in crm.SavedViewInput) (*crm.SavedView, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var v *crm.SavedView
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetSavedView(ctx, a.WorkspaceID, a.UserID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("The view", old.Version, version); err != nil {
			return err
		}
		n := *old
		v = &n
		v.Entity, v.Name, v.Query, v.Columns = in.Entity, in.Name, in.Query, in.Columns
		touch(&v.Meta, tx, a)
		return tx.PutSavedView(ctx, a.WorkspaceID, a.UserID, v, old.Version)
	})
	if err != nil {
		return nil, err
	}
	return v, nil
}

// DeleteSavedView implements crm.SavedViewService.
func (s *Service) DeleteSavedView(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.GetSavedView(ctx, a.WorkspaceID, a.UserID, id); err != nil {
			return err
		}
		return tx.DeleteSavedView(ctx, a.WorkspaceID, a.UserID, id)
	})
}
