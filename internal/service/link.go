package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// ListLinks implements crm.LinkService.
func (s *Service) ListLinks(ctx context.Context, accountID string) ([]*crm.AccountLink, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	q := s.db.Read()
	if _, err := q.GetAccount(ctx, r, accountID); err != nil {
		return nil, err
	}
	return q.ListLinks(ctx, r, accountID)
}

// CreateLink implements crm.LinkService.
func (s *Service) CreateLink(ctx context.Context, accountID string, in crm.LinkInput) (*crm.AccountLink, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if err := in.Validate(accountID); err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityAccount)
	var l *crm.AccountLink
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		acc, err := s.writableAccount(ctx, tx, a, accountID, 0, false)
		if err != nil {
			return err
		}
		rel, err := tx.GetAccount(ctx, r, in.RelatedAccountID)
		if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && rel.DeletedAt != nil) {
			return fieldError("related_account_id", "unknown_value", "is not an account you can see")
		}
		if err != nil {
			return err
		}
		l = &crm.AccountLink{ID: store.NewID(), AccountID: accountID, RelatedAccountID: rel.ID, Kind: in.Kind,
			Note: in.Note, AccountName: acc.Name, RelatedAccountName: rel.Name, CreatedBy: a.UserID,
			CreatedAt: tx.Now.Format("2006-01-02T15:04:05.999999Z07:00")}
		if err := tx.InsertLink(ctx, a.WorkspaceID, l); err != nil {
			if crm.ErrorCode(err) == crm.ECONFLICT {
				return crm.Errorf(crm.ECONFLICT, "These accounts are already linked this way.")
			}
			return err
		}
		return linkEvent(ctx, tx, a, l, acc.Name, rel.Name, false)
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// DeleteLink implements crm.LinkService.
func (s *Service) DeleteLink(ctx context.Context, accountID, linkID string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		if _, err := s.writableAccount(ctx, tx, a, accountID, 0, false); err != nil {
			return err
		}
		l, err := tx.GetLink(ctx, a.WorkspaceID, accountID, linkID)
		if err != nil {
			return err
		}
		if err := tx.DeleteLink(ctx, a.WorkspaceID, linkID); err != nil {
			return err
		}
		all := crm.Scope{WorkspaceID: a.WorkspaceID, Level: crm.ScopeAll}
		from, err := tx.GetAccount(ctx, all, l.AccountID)
		if err != nil {
			return err
		}
		to, err := tx.GetAccount(ctx, all, l.RelatedAccountID)
		if err != nil {
			return err
		}
		return linkEvent(ctx, tx, a, l, from.Name, to.Name, true)
	})
}

// linkEvent records a link's creation or removal in the history of both
// accounts, as "<account> -<kind>-> <related account>" with names, so it
// reads the same from either side.
func linkEvent(ctx context.Context, tx *store.Tx, a *crm.Actor, l *crm.AccountLink, from, to string, removed bool) error {
	text := from + " -" + string(l.Kind) + "-> " + to
	old, new := "", text
	if removed {
		old, new = text, ""
	}
	for _, id := range []string{l.AccountID, l.RelatedAccountID} {
		if err := event(ctx, tx, a, crm.EntityAccount, id, crm.FieldLink, old, new); err != nil {
			return err
		}
	}
	return nil
}
