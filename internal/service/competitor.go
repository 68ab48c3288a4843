package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

const competitorEditors = "Only admins, managers, sales and marketing change competitors."

// CreateCompetitor implements crm.CompetitorService.
func (s *Service) CreateCompetitor(ctx context.Context, in crm.CompetitorFields) (*crm.Competitor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.CanEditCompetitors(a) {
		return nil, forbidden(competitorEditors)
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	k := &crm.Competitor{ID: store.NewID(), CompetitorFields: in}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		k.Meta = newMeta(tx, a)
		if err := tx.InsertCompetitors(ctx, a.WorkspaceID, []*crm.Competitor{k}); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityCompetitor, k.ID, crm.FieldCreated, "", k.Name)
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

// GetCompetitor implements crm.CompetitorService.
func (s *Service) GetCompetitor(ctx context.Context, id string) (*crm.Competitor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.Read().GetCompetitor(ctx, a.WorkspaceID, id)
}

// ListCompetitors implements crm.CompetitorService.
func (s *Service) ListCompetitors(ctx context.Context, f crm.CompetitorFilter) (*crm.Page[*crm.Competitor], error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.Read().ListCompetitors(ctx, a.WorkspaceID, f)
}

// writableCompetitor loads a competitor for a change by a: EFORBIDDEN for
// roles that only read, ENOTFOUND outside the workspace, ESTALE at another
// version.
func writableCompetitor(ctx context.Context, tx *store.Tx, a *crm.Actor, id string, version int) (*crm.Competitor, error) {
	k, err := tx.GetCompetitor(ctx, a.WorkspaceID, id)
	if err != nil {
		return nil, err
	}
	if !auth.CanEditCompetitors(a) {
		return nil, forbidden(competitorEditors)
	}
	return k, checkVersion("The competitor", k.Version, version)
}

// UpdateCompetitor implements crm.CompetitorService.
func (s *Service) UpdateCompetitor(ctx context.Context, id string, version int, upd crm.CompetitorUpdate) (*crm.Competitor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var k *crm.Competitor
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := writableCompetitor(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		if old.DeletedAt != nil {
			return crm.Errorf(crm.ECONFLICT, "This competitor is in the recycle bin; restore it first.")
		}
		n := *old
		k = &n
		upd.Apply(&k.CompetitorFields)
		k.Normalize()
		if err := k.Validate(); err != nil {
			return err
		}
		changes := crm.Diff(old.Snapshot(), k.Snapshot())
		if len(changes) == 0 {
			return nil
		}
		touch(&k.Meta, tx, a)
		if err := tx.UpdateCompetitor(ctx, a.WorkspaceID, k, old.Version); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityCompetitor, id, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

// DeleteCompetitor implements crm.CompetitorService: the competitor moves
// to the recycle bin; its presences and places in play stay for history.
func (s *Service) DeleteCompetitor(ctx context.Context, id string, version int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := writableCompetitor(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		if old.DeletedAt != nil {
			return crm.Errorf(crm.ECONFLICT, "This competitor is already in the recycle bin.")
		}
		k := *old
		now := tx.Now
		k.DeletedAt = &now
		touch(&k.Meta, tx, a)
		if err := tx.UpdateCompetitor(ctx, a.WorkspaceID, &k, old.Version); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityCompetitor, id, crm.FieldDeleted, "", "")
	})
}

// RestoreCompetitor implements crm.CompetitorService; ECONFLICT on "name"
// when a live competitor took the name meanwhile.
func (s *Service) RestoreCompetitor(ctx context.Context, id string) (*crm.Competitor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var k *crm.Competitor
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := writableCompetitor(ctx, tx, a, id, 0)
		if err != nil {
			return err
		}
		if old.DeletedAt == nil {
			return crm.Errorf(crm.ECONFLICT, "This competitor is not in the recycle bin.")
		}
		n := *old
		k = &n
		k.DeletedAt = nil
		touch(&k.Meta, tx, a)
		if err := tx.UpdateCompetitor(ctx, a.WorkspaceID, k, old.Version); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityCompetitor, id, crm.FieldRestored, "", "")
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

// liveCompetitor returns a live competitor of a's workspace, or a field
// error on field.
func liveCompetitor(ctx context.Context, q *store.Q, a *crm.Actor, field, id string) (*crm.Competitor, error) {
	k, err := q.GetCompetitor(ctx, a.WorkspaceID, id)
	if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && k.DeletedAt != nil) {
		return nil, fieldError(field, "unknown_value", "is not a competitor of this workspace")
	}
	return k, err
}
