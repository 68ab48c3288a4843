package service

import (
	"context"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// BuyingCentre implements crm.BuyingCentreService: the members of the
// opportunity's buying centre with the grid's gaps and warnings.
func (s *Service) BuyingCentre(ctx context.Context, opportunityID string) (*crm.BuyingCentre, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	q := s.db.Read()
	if _, err := q.GetOpportunity(ctx, r, opportunityID); err != nil {
		return nil, err
	}
	members, err := q.OpportunityContacts(ctx, r, opportunityID)
	if err != nil {
		return nil, err
	}
	gaps, warnings := crm.AnalyseBuyingCentre(members)
	return &crm.BuyingCentre{Members: members, Gaps: gaps, Warnings: warnings}, nil
}

// errNotAccountContact is the one answer for a contact that is not a live
// contact of the opportunity's account, whether it is at another account,
// in another workspace or does not exist: no existence leaks.
func errNotAccountContact() error {
	return fieldError("contact_id", "unknown_value", "is not a contact of this opportunity's account")
}

// AddOpportunityContact implements crm.BuyingCentreService. The contact
// must be a live contact of the opportunity's account; the caller needs
// write access to the opportunity (its scope, not the contact's).
func (s *Service) AddOpportunityContact(ctx context.Context, opportunityID string, in crm.OpportunityContactFields) (*crm.OpportunityContact, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	in.Normalize()
	var m *crm.OpportunityContact
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		o, err := s.writableOpportunity(ctx, tx, a, opportunityID, 0)
		if err != nil {
			return err
		}
		if err := in.Validate(); err != nil {
			return err
		}
		c, err := tx.GetContact(ctx, crm.Scope{WorkspaceID: a.WorkspaceID, Level: crm.ScopeAll}, in.ContactID)
		if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && (c.DeletedAt != nil || c.AccountID != o.AccountID)) {
			return errNotAccountContact()
		}
		if err != nil {
			return err
		}
		exists, err := tx.MemberExists(ctx, a.WorkspaceID, o.ID, c.ID)
		if err != nil {
			return err
		}
		if exists {
			e := crm.Errorf(crm.ECONFLICT, "This contact is already in the buying centre.")
			e.Fields = []crm.FieldError{{Field: "contact_id", Reason: "duplicate", Message: "is already in the buying centre"}}
			return e
		}
		m = &crm.OpportunityContact{OpportunityID: o.ID, ContactID: c.ID, Name: c.Name, Title: c.Title, Level: c.Level,
			Function: c.Function, Role: in.Role, Stance: in.Stance, Note: in.Note, CreatedAt: tx.Now, UpdatedAt: tx.Now}
		if err := tx.InsertOpportunityContact(ctx, a.WorkspaceID, m, a.UserID); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityOpportunity, o.ID, crm.FieldBuyingCentre, "", m.HistoryText())
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// UpdateOpportunityContact implements crm.BuyingCentreService.
func (s *Service) UpdateOpportunityContact(ctx context.Context, opportunityID, contactID string, upd crm.OpportunityContactUpdate) (*crm.OpportunityContact, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var m *crm.OpportunityContact
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		o, err := s.writableOpportunity(ctx, tx, a, opportunityID, 0)
		if err != nil {
			return err
		}
		r, _ := scopes(a, crm.EntityOpportunity)
		old, err := tx.OpportunityContact(ctx, r, o.ID, contactID)
		if err != nil {
			return err
		}
		n := *old
		m = &n
		set(&m.Role, upd.Role)
		set(&m.Stance, upd.Stance)
		set(&m.Note, upd.Note)
		m.Note = strings.TrimSpace(m.Note)
		if err := m.Validate(); err != nil {
			return err
		}
		if m.HistoryText() == old.HistoryText() {
			return nil
		}
		m.UpdatedAt = tx.Now
		if err := tx.UpdateOpportunityContact(ctx, a.WorkspaceID, m, a.UserID); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityOpportunity, o.ID, crm.FieldBuyingCentre, old.HistoryText(), m.HistoryText())
	})
	if err != nil {
		return nil, err
	}
	return m, nil
}

// RemoveOpportunityContact implements crm.BuyingCentreService.
func (s *Service) RemoveOpportunityContact(ctx context.Context, opportunityID, contactID string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		o, err := s.writableOpportunity(ctx, tx, a, opportunityID, 0)
		if err != nil {
			return err
		}
		r, _ := scopes(a, crm.EntityOpportunity)
		old, err := tx.OpportunityContact(ctx, r, o.ID, contactID)
		if err != nil {
			return err
		}
		if err := tx.DeleteOpportunityContact(ctx, a.WorkspaceID, o.ID, old.ContactID); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityOpportunity, o.ID, crm.FieldBuyingCentre, old.HistoryText(), "")
	})
}
