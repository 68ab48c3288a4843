package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

var _ crm.PoolService = (*Service)(nil)

// ListPool implements crm.PoolService. Pooled accounts have no owner, so
// no own or team scope reaches them; the pool is its own list, shown to
// the roles that may claim.
func (s *Service) ListPool(ctx context.Context, f crm.PoolFilter) (*crm.PoolPage, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.CanUsePool(a) {
		return nil, forbidden("Only sales reps, managers and admins use the public pool.")
	}
	q := s.db.Read()
	settings, err := q.Settings(ctx, a.WorkspaceID)
	if err != nil {
		return nil, err
	}
	page, err := q.ListPool(ctx, a.WorkspaceID, f)
	if err != nil {
		return nil, err
	}
	claimed, err := q.CountClaimed(ctx, a.WorkspaceID, a.UserID)
	if err != nil {
		return nil, err
	}
	return &crm.PoolPage{Page: *page, Allowance: allowance(settings.PoolClaimLimit, claimed), PoolDays: settings.PoolDays}, nil
}

func allowance(limit, claimed int) crm.ClaimAllowance {
	return crm.ClaimAllowance{Limit: limit, Claimed: claimed, Remaining: max(0, limit-claimed)}
}

// ClaimAccount implements crm.PoolService. The claim limit counts the
// accounts the caller owns that they took from the pool (see
// crm.WorkspaceSettings.PoolClaimLimit).
func (s *Service) ClaimAccount(ctx context.Context, id string) (*crm.Account, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.CanUsePool(a) {
		return nil, forbidden("Only sales reps, managers and admins claim accounts from the pool.")
	}
	var acc *crm.Account
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		if err := tx.LockClaimant(ctx, a.WorkspaceID, a.UserID); err != nil {
			return err
		}
		st, err := tx.PoolState(ctx, a.WorkspaceID, id)
		if err != nil {
			return err
		}
		switch {
		case st.Deleted:
			return crm.Errorf(crm.ENOTFOUND, "Account not found.")
		case !st.InPool && st.OwnerID == a.UserID:
			return crm.Errorf(crm.ECONFLICT, "You already own this account.")
		case !st.InPool && st.ClaimedBy != "":
			return crm.Errorf(crm.ECONFLICT, "Someone else claimed this account from the pool first.")
		case !st.InPool:
			return crm.Errorf(crm.ENOTFOUND, "This account is not in the pool.")
		}
		settings, err := tx.Settings(ctx, a.WorkspaceID)
		if err != nil {
			return err
		}
		claimed, err := tx.CountClaimed(ctx, a.WorkspaceID, a.UserID)
		if err != nil {
			return err
		}
		if claimed >= settings.PoolClaimLimit {
			return crm.Errorf(crm.ECONFLICT, "You already hold %d accounts from the pool, the workspace's limit; release one or ask an admin to raise the limit.", claimed)
		}
		ok, err := tx.ClaimPooled(ctx, a.WorkspaceID, id, a.UserID, a.TeamID)
		if err != nil {
			return err
		}
		if !ok {
			return crm.Errorf(crm.ECONFLICT, "Someone else claimed this account from the pool first.")
		}
		if err := event(ctx, tx, a, crm.EntityAccount, id, crm.FieldClaimed, "", a.UserID); err != nil {
			return err
		}
		acc, err = tx.GetAccount(ctx, crm.Scope{WorkspaceID: a.WorkspaceID, Level: crm.ScopeAll}, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return redactAccount(a, acc), nil
}

// ReleaseAccount implements crm.PoolService: whoever may change the
// account (its owner, their managers, admins) may put it back.
func (s *Service) ReleaseAccount(ctx context.Context, id string, version int) (*crm.Account, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var acc *crm.Account
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableAccount(ctx, tx, a, id, version, false)
		if err != nil {
			return err
		}
		if old.OwnerID == "" {
			return crm.Errorf(crm.ECONFLICT, "This account is already in the pool.")
		}
		if err := tx.ReleaseToPool(ctx, a.WorkspaceID, id, old.Version, a.UserID); err != nil {
			return err
		}
		if err := event(ctx, tx, a, crm.EntityAccount, id, crm.FieldPooled, old.OwnerID, crm.PoolReasonReleased); err != nil {
			return err
		}
		acc, err = tx.GetAccount(ctx, crm.Scope{WorkspaceID: a.WorkspaceID, Level: crm.ScopeAll}, id)
		return err
	})
	if err != nil {
		return nil, err
	}
	return redactAccount(a, acc), nil
}

// ownerAssigned records a hand-set owner of acc: a follow-up, and a move
// out of (or, for no owner, into) the pool.
func ownerAssigned(ctx context.Context, tx *store.Tx, ws string, acc *crm.Account) error {
	if err := tx.OwnerAssigned(ctx, ws, acc.ID, tx.Now); err != nil {
		return err
	}
	now := tx.Now
	acc.LastFollowUpAt, acc.PooledFrom, acc.PooledAt = &now, "", nil
	if acc.OwnerID == "" {
		acc.PooledAt = &now
	}
	return nil
}
