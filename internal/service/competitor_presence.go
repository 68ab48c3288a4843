package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Competitor presence follows its account: whoever reads the account
// reads its competitors, whoever may change the account records them. The
// changes land in the account's history.

// ListAccountCompetitors implements crm.AccountCompetitorService.
func (s *Service) ListAccountCompetitors(ctx context.Context, accountID string) ([]*crm.AccountCompetitor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	q := s.db.Read()
	if _, err := q.GetAccount(ctx, r, accountID); err != nil {
		return nil, err
	}
	return q.AccountCompetitors(ctx, r, accountID)
}

// CompetitorAccounts implements crm.AccountCompetitorService.
func (s *Service) CompetitorAccounts(ctx context.Context, competitorID string, limit int) ([]*crm.AccountCompetitor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	q := s.db.Read()
	if _, err := q.GetCompetitor(ctx, a.WorkspaceID, competitorID); err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	return q.CompetitorPresences(ctx, r, competitorID, limit)
}

// writableAccount loads a live account a may change: ENOTFOUND outside
// the read scope, EFORBIDDEN outside the write scope or for finance
// (who change only an account's finance fields), ECONFLICT in the recycle
// bin.
func writableAccount(ctx context.Context, tx *store.Tx, a *crm.Actor, id string) (*crm.Account, error) {
	r, w := scopes(a, crm.EntityAccount)
	acc, err := tx.GetAccount(ctx, r, id)
	if err != nil {
		return nil, err
	}
	if !store.InScope(w, acc.OwnerID, acc.TeamID) || auth.FinanceFieldsOnly(a) {
		return nil, forbidden("You may view this account but not change its competitors.")
	}
	if acc.DeletedAt != nil {
		return nil, crm.Errorf(crm.ECONFLICT, "This account is in the recycle bin; restore it first.")
	}
	return acc, nil
}

// CreateAccountCompetitor implements crm.AccountCompetitorService.
func (s *Service) CreateAccountCompetitor(ctx context.Context, accountID string, in crm.AccountCompetitorFields) (*crm.AccountCompetitor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	in.Normalize()
	var p *crm.AccountCompetitor
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		acc, err := writableAccount(ctx, tx, a, accountID)
		if err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		k, err := liveCompetitor(ctx, &tx.Q, a, "competitor_id", in.CompetitorID)
		if err != nil {
			return err
		}
		p = &crm.AccountCompetitor{ID: store.NewID(), AccountID: acc.ID, AccountName: acc.Name, CompetitorName: k.Name,
			AccountCompetitorFields: in, Meta: newMeta(tx, a)}
		if err := tx.InsertAccountCompetitors(ctx, a.WorkspaceID, []*crm.AccountCompetitor{p}); err != nil {
			return err
		}
		changes := crm.Diff(nil, p.Snapshot())
		changes = append([]crm.FieldChange{{Field: "competitor", New: k.Name}}, changes...)
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityAccount, acc.ID, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// UpdateAccountCompetitor implements crm.AccountCompetitorService.
func (s *Service) UpdateAccountCompetitor(ctx context.Context, accountID, id string, version int, upd crm.AccountCompetitorUpdate) (*crm.AccountCompetitor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var p *crm.AccountCompetitor
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writablePresence(ctx, tx, a, accountID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("The competitor presence", old.Version, version); err != nil {
			return err
		}
		n := *old
		p = &n
		upd.Apply(&p.AccountCompetitorFields)
		p.Normalize()
		if err := p.Validate(); err != nil {
			return err
		}
		changes := crm.Diff(old.Snapshot(), p.Snapshot())
		if len(changes) == 0 {
			return nil
		}
		touch(&p.Meta, tx, a)
		if err := tx.UpdateAccountCompetitor(ctx, a.WorkspaceID, p, old.Version); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityAccount, accountID, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// DeleteAccountCompetitor implements crm.AccountCompetitorService.
func (s *Service) DeleteAccountCompetitor(ctx context.Context, accountID, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writablePresence(ctx, tx, a, accountID, id)
		if err != nil {
			return err
		}
		if err := tx.DeleteAccountCompetitor(ctx, a.WorkspaceID, id); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityAccount, accountID, "competitor", old.CompetitorName, "")
	})
}

// writablePresence loads a presence at an account a may change.
func (s *Service) writablePresence(ctx context.Context, tx *store.Tx, a *crm.Actor, accountID, id string) (*crm.AccountCompetitor, error) {
	acc, err := writableAccount(ctx, tx, a, accountID)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	return tx.GetAccountCompetitor(ctx, r, acc.ID, id)
}
