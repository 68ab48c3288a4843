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
		return event(ctx, tx, a, crm.EntityAccount, accountID, crm.FieldLink, "", string(in.Kind)+": "+rel.Name)
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
		other := l.RelatedAccountID
		if other == accountID {
			other = l.AccountID
		}
		return event(ctx, tx, a, crm.EntityAccount, accountID, crm.FieldLink, string(l.Kind)+": "+other, "")
	})
}
