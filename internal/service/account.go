package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// CreateAccount implements crm.AccountService.
func (s *Service) CreateAccount(ctx context.Context, in crm.AccountFields) (*crm.Account, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, w := scopes(a, crm.EntityAccount); w.Level == crm.ScopeNone || auth.FinanceFieldsOnly(a) {
		return nil, forbidden("Your role may not create accounts.")
	}
	if (in.CreditRating != "" || in.CreditLimit != nil) && !auth.CanSeeFinance(a) {
		return nil, forbidden("Only finance, managers and admins set credit rating and limit.")
	}
	in.Normalize()
	if in.OwnerID == "" {
		in.OwnerID = a.UserID
	}
	acc := &crm.Account{ID: store.NewID(), AccountFields: in}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		custom, customErr := s.checkCustom(ctx, &tx.Q, a.WorkspaceID, crm.EntityAccount, in.Custom)
		if err := crm.JoinInvalid(in.Validate(), customErr); err != nil {
			return err
		}
		acc.Custom = custom
		if acc.TeamID, err = s.resolveOwner(ctx, &tx.Q, a, in.OwnerID); err != nil {
			return err
		}
		acc.Meta = newMeta(tx, a)
		if err := tx.InsertAccount(ctx, a.WorkspaceID, acc); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityAccount, acc.ID, crm.FieldCreated, "", acc.Name)
	})
	if err != nil {
		return nil, err
	}
	return redactAccount(a, acc), nil
}

// checkCustom validates custom values against the entity's definitions.
func (s *Service) checkCustom(ctx context.Context, q *store.Q, ws string, e crm.Entity, values map[string]any) (map[string]any, error) {
	defs, err := q.FieldDefinitions(ctx, ws, e)
	if err != nil {
		return nil, err
	}
	var p crm.Problems
	out := defs.Check(values, &p)
	return out, p.Err() // EINVALID only; callers join it with the other field errors
}

// GetAccount implements crm.AccountService.
func (s *Service) GetAccount(ctx context.Context, id string) (*crm.Account, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	q := s.db.Read()
	acc, err := q.GetAccount(ctx, r, id)
	if err != nil {
		return nil, err
	}
	defs, err := s.definitions(ctx, a.WorkspaceID, crm.EntityAccount)
	if err != nil {
		return nil, err
	}
	acc.Custom = visibleCustom(acc.Custom, defs)
	return redactAccount(a, acc), nil
}

// ListAccounts implements crm.AccountService.
func (s *Service) ListAccounts(ctx context.Context, f crm.AccountFilter) (*crm.Page[*crm.Account], error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	if f.CreditRating != "" && !auth.CanSeeFinance(a) {
		return nil, forbidden("Only finance, managers and admins may filter by credit rating.")
	}
	q := s.db.Read()
	custom, err := s.customFilters(ctx, q, a.WorkspaceID, crm.EntityAccount, f.Custom)
	if err != nil {
		return nil, err
	}
	page, err := q.ListAccounts(ctx, r, f, custom)
	if err != nil {
		return nil, err
	}
	defs, err := s.definitions(ctx, a.WorkspaceID, crm.EntityAccount)
	if err != nil {
		return nil, err
	}
	for _, acc := range page.Items {
		acc.Custom = visibleCustom(acc.Custom, defs)
		redactAccount(a, acc)
	}
	return page, nil
}

// UpdateAccount implements crm.AccountService.
func (s *Service) UpdateAccount(ctx context.Context, id string, version int, upd crm.AccountUpdate) (*crm.Account, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if upd.TouchesFinance() && !auth.CanSeeFinance(a) {
		return nil, forbidden("Only finance, managers and admins change credit rating and limit.")
	}
	if auth.FinanceFieldsOnly(a) && upd != (crm.AccountUpdate{CreditRating: upd.CreditRating, CreditLimit: upd.CreditLimit}) {
		return nil, forbidden("Your role may change only the credit rating and limit of an account.")
	}
	var acc *crm.Account
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableAccount(ctx, tx, a, id, version, true)
		if err != nil {
			return err
		}
		acc = cloneAccount(old)
		upd.Apply(&acc.AccountFields)
		acc.Normalize()
		var customErr error
		if upd.Custom != nil {
			acc.Custom, customErr = s.checkCustom(ctx, &tx.Q, a.WorkspaceID, crm.EntityAccount, acc.Custom)
		}
		if err := crm.JoinInvalid(acc.Validate(), customErr); err != nil {
			return err
		}
		if acc.OwnerID != old.OwnerID {
			if acc.TeamID, err = s.resolveOwner(ctx, &tx.Q, a, acc.OwnerID); err != nil {
				return err
			}
		}
		changes := crm.Diff(old.Snapshot(), acc.Snapshot())
		if len(changes) == 0 {
			return nil
		}
		touch(&acc.Meta, tx, a)
		if err := tx.UpdateAccount(ctx, a.WorkspaceID, acc, old.Version); err != nil {
			return err
		}
		if acc.OwnerID != old.OwnerID {
			if err := ownerAssigned(ctx, tx, a.WorkspaceID, acc); err != nil {
				return err
			}
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityAccount, id, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	return redactAccount(a, acc), nil
}

// writableAccount loads an account for a change by a: ENOTFOUND outside
// the read scope, EFORBIDDEN outside the write scope (and for roles that
// change only finance fields, unless financeFields says that is the
// change), ESTALE at another version, ECONFLICT when it is in the recycle
// bin.
func (s *Service) writableAccount(ctx context.Context, tx *store.Tx, a *crm.Actor, id string, version int, financeFields bool) (*crm.Account, error) {
	r, w := scopes(a, crm.EntityAccount)
	acc, err := tx.GetAccount(ctx, r, id)
	if err != nil {
		return nil, err
	}
	if !store.InScope(w, acc.OwnerID, acc.TeamID) || (auth.FinanceFieldsOnly(a) && !financeFields) {
		return nil, forbidden("You may view this account but not change it.")
	}
	if acc.DeletedAt != nil {
		return nil, crm.Errorf(crm.ECONFLICT, "This account is in the recycle bin; restore it first.")
	}
	return acc, checkVersion("The account", acc.Version, version)
}

// DeleteAccount implements crm.AccountService. The account's contacts go
// to the recycle bin with it.
func (s *Service) DeleteAccount(ctx context.Context, id string, version int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableAccount(ctx, tx, a, id, version, false)
		if err != nil {
			return err
		}
		acc := cloneAccount(old)
		now := tx.Now
		acc.DeletedAt = &now
		touch(&acc.Meta, tx, a)
		if err := tx.UpdateAccount(ctx, a.WorkspaceID, acc, old.Version); err != nil {
			return err
		}
		contacts, err := tx.SoftDeleteContactsOfAccount(ctx, a.WorkspaceID, id, a.UserID)
		if err != nil {
			return err
		}
		for _, c := range contacts {
			if err := event(ctx, tx, a, crm.EntityContact, c, crm.FieldDeleted, "", "with account "+acc.Name); err != nil {
				return err
			}
		}
		return event(ctx, tx, a, crm.EntityAccount, id, crm.FieldDeleted, "", "")
	})
}

// RestoreAccount implements crm.AccountService.
func (s *Service) RestoreAccount(ctx context.Context, id string) (*crm.Account, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if auth.FinanceFieldsOnly(a) {
		return nil, forbidden("Your role may not restore accounts.")
	}
	r, w := scopes(a, crm.EntityAccount)
	var acc *crm.Account
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetAccount(ctx, r, id)
		if err != nil {
			return err
		}
		if !store.InScope(w, old.OwnerID, old.TeamID) {
			return forbidden("You may view this account but not restore it.")
		}
		if old.DeletedAt == nil {
			return crm.Errorf(crm.ECONFLICT, "This account is not in the recycle bin.")
		}
		acc = cloneAccount(old)
		acc.DeletedAt = nil
		touch(&acc.Meta, tx, a)
		if err := tx.UpdateAccount(ctx, a.WorkspaceID, acc, old.Version); err != nil {
			return err
		}
		contacts, err := tx.RestoreContactsOfAccount(ctx, a.WorkspaceID, id, *old.DeletedAt, a.UserID)
		if err != nil {
			return err
		}
		for _, c := range contacts {
			if err := event(ctx, tx, a, crm.EntityContact, c, crm.FieldRestored, "", "with account "+acc.Name); err != nil {
				return err
			}
		}
		return event(ctx, tx, a, crm.EntityAccount, id, crm.FieldRestored, "", "")
	})
	if err != nil {
		return nil, err
	}
	return redactAccount(a, acc), nil
}

// redactAccount hides the finance fields from roles without finance
// rights. Every account leaving the service passes through here.
func redactAccount(a *crm.Actor, acc *crm.Account) *crm.Account {
	if !auth.CanSeeFinance(a) {
		acc.CreditRating = ""
		acc.CreditLimit = nil
		for _, f := range crm.AccountFinanceFields {
			acc.Redact(f)
		}
	}
	return acc
}

func cloneAccount(a *crm.Account) *crm.Account {
	c := *a
	c.Tags = append([]string(nil), a.Tags...)
	if a.CreditLimit != nil {
		m := *a.CreditLimit
		c.CreditLimit = &m
	}
	if a.Custom != nil {
		c.Custom = make(map[string]any, len(a.Custom))
		for k, v := range a.Custom {
			c.Custom[k] = v
		}
	}
	if a.DeletedAt != nil {
		t := *a.DeletedAt
		c.DeletedAt = &t
	}
	c.Redacted = nil
	return &c
}
