package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

var _ crm.SettingsService = (*Service)(nil)

// Settings implements crm.SettingsService.
func (s *Service) Settings(ctx context.Context) (*crm.WorkspaceSettings, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.Read().Settings(ctx, a.WorkspaceID)
}

// UpdateSettings implements crm.SettingsService. The change lands in the
// settings' history; cached callers are dropped so that a new sales scope
// applies to the next request on this server.
func (s *Service) UpdateSettings(ctx context.Context, version int, upd crm.SettingsUpdate) (*crm.WorkspaceSettings, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.IsAdmin(a) {
		return nil, forbidden("Only admins change the workspace settings.")
	}
	var out *crm.WorkspaceSettings
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := tx.Settings(ctx, a.WorkspaceID)
		if err != nil {
			return err
		}
		if err := checkVersion("The settings", old.Version, version); err != nil {
			return err
		}
		next := *old
		upd.Apply(&next)
		if err := next.Validate(); err != nil {
			return err
		}
		changes := crm.Diff(old.Snapshot(), next.Snapshot())
		if len(changes) == 0 {
			out = old
			return nil
		}
		next.Version, next.UpdatedAt, next.UpdatedBy = old.Version+1, tx.Now, a.UserID
		if err := tx.SaveSettings(ctx, a.WorkspaceID, &next, old.Version); err != nil {
			return err
		}
		out = &next
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntitySettings, a.WorkspaceID, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	s.actors.clear()
	return out, nil
}
