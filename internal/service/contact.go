package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// CreateContact implements crm.ContactService.
func (s *Service) CreateContact(ctx context.Context, in crm.ContactFields) (*crm.Contact, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, w := scopes(a, crm.EntityContact); w.Level == crm.ScopeNone {
		return nil, forbidden("Your role may not create contacts.")
	}
	in.Normalize()
	c := &crm.Contact{ID: store.NewID(), ContactFields: in}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		custom, customErr := s.checkCustom(ctx, &tx.Q, a.WorkspaceID, crm.EntityContact, in.Custom)
		if err := crm.JoinInvalid(in.Validate(), customErr); err != nil {
			return err
		}
		c.Custom = custom
		acc, err := s.contactAccount(ctx, tx, a, in.AccountID)
		if err != nil {
			return err
		}
		c.AccountName = acc.Name
		if c.OwnerID == "" {
			c.OwnerID = acc.OwnerID
		}
		if c.OwnerID == "" {
			c.OwnerID = a.UserID
		}
		if c.TeamID, err = s.resolveOwner(ctx, &tx.Q, a, c.OwnerID); err != nil {
			return err
		}
		if !store.InScope(auth.RecordScope(a, crm.EntityContact, auth.Write), c.OwnerID, c.TeamID) {
			return forbidden("You could not edit a contact owned by that person.")
		}
		if c.PersonalProfile != nil && !auth.CanReadProfile(a, c.OwnerID, c.TeamID) {
			return forbidden("Only the contact's owner, their managers and admins fill in the personal profile.")
		}
		if err := s.checkReportsTo(ctx, tx, a, c); err != nil {
			return err
		}
		c.Meta = newMeta(tx, a)
		if err := tx.InsertContact(ctx, a.WorkspaceID, c); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityContact, c.ID, crm.FieldCreated, "", c.Name)
	})
	if err != nil {
		return nil, err
	}
	return redactContact(a, c), nil
}

// contactAccount returns the live account a contact is added to, which the
// caller must be able to change.
func (s *Service) contactAccount(ctx context.Context, tx *store.Tx, a *crm.Actor, id string) (*crm.Account, error) {
	r, w := scopes(a, crm.EntityAccount)
	acc, err := tx.GetAccount(ctx, r, id)
	if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && acc.DeletedAt != nil) {
		return nil, fieldError("account_id", "unknown_value", "is not an account you can see")
	}
	if err != nil {
		return nil, err
	}
	if !store.InScope(w, acc.OwnerID, acc.TeamID) && !a.System {
		return nil, forbidden("You may view this account but not add contacts to it.")
	}
	return acc, nil
}

// checkReportsTo checks that c's manager is a live contact of the same
// account and that the reporting line has no loop.
func (s *Service) checkReportsTo(ctx context.Context, tx *store.Tx, a *crm.Actor, c *crm.Contact) error {
	all := crm.Scope{WorkspaceID: a.WorkspaceID, Level: crm.ScopeAll}
	next := c.ReportsToID
	for steps := 0; next != ""; steps++ {
		if next == c.ID || steps > 100 {
			return fieldError("reports_to_id", "cycle", "would make the reporting line go round in a circle")
		}
		m, err := tx.GetContact(ctx, all, next)
		if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && (m.AccountID != c.AccountID || m.DeletedAt != nil)) {
			return fieldError("reports_to_id", "unknown_value", "is not a contact of the same account")
		}
		if err != nil {
			return err
		}
		next = m.ReportsToID
	}
	return nil
}

// GetContact implements crm.ContactService. The personal profile is
// included only for those the field rule allows.
func (s *Service) GetContact(ctx context.Context, id string) (*crm.Contact, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityContact)
	q := s.db.Read()
	c, err := q.GetContact(ctx, r, id)
	if err != nil {
		return nil, err
	}
	if auth.CanReadProfile(a, c.OwnerID, c.TeamID) {
		if c.PersonalProfile, err = q.GetProfile(ctx, a.WorkspaceID, c.ID); err != nil {
			return nil, err
		}
	}
	defs, err := s.definitions(ctx, a.WorkspaceID, crm.EntityContact)
	if err != nil {
		return nil, err
	}
	c.Custom = visibleCustom(c.Custom, defs)
	return redactContact(a, c), nil
}

// ListContacts implements crm.ContactService. Lists never carry personal
// profiles.
func (s *Service) ListContacts(ctx context.Context, f crm.ContactFilter) (*crm.Page[*crm.Contact], error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityContact)
	q := s.db.Read()
	custom, err := s.customFilters(ctx, q, a.WorkspaceID, crm.EntityContact, f.Custom)
	if err != nil {
		return nil, err
	}
	page, err := q.ListContacts(ctx, r, f, custom)
	if err != nil {
		return nil, err
	}
	defs, err := s.definitions(ctx, a.WorkspaceID, crm.EntityContact)
	if err != nil {
		return nil, err
	}
	for _, c := range page.Items {
		c.Custom = visibleCustom(c.Custom, defs)
	}
	return page, nil
}

// UpdateContact implements crm.ContactService.
func (s *Service) UpdateContact(ctx context.Context, id string, version int, upd crm.ContactUpdate) (*crm.Contact, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var c *crm.Contact
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableContact(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		canProfile := auth.CanReadProfile(a, old.OwnerID, old.TeamID)
		if upd.PersonalProfile != nil && !canProfile {
			return forbidden("Only the contact's owner, their managers and admins change the personal profile.")
		}
		if canProfile {
			if old.PersonalProfile, err = tx.GetProfile(ctx, a.WorkspaceID, id); err != nil {
				return err
			}
		}
		c = cloneContact(old)
		upd.Apply(&c.ContactFields)
		c.Normalize()
		var customErr error
		if upd.Custom != nil {
			c.Custom, customErr = s.checkCustom(ctx, &tx.Q, a.WorkspaceID, crm.EntityContact, c.Custom)
		}
		if err := crm.JoinInvalid(c.Validate(), customErr); err != nil {
			return err
		}
		if c.OwnerID != old.OwnerID {
			if c.TeamID, err = s.resolveOwner(ctx, &tx.Q, a, c.OwnerID); err != nil {
				return err
			}
		}
		if c.ReportsToID != old.ReportsToID {
			if err := s.checkReportsTo(ctx, tx, a, c); err != nil {
				return err
			}
		}
		oldSnap, newSnap := old.Snapshot(), c.Snapshot()
		if !canProfile { // the profile was not loaded: compare nothing of it
			for k := range newSnap {
				if crm.ProfileField(k) {
					delete(newSnap, k)
					delete(oldSnap, k)
				}
			}
		}
		changes := crm.Diff(oldSnap, newSnap)
		if len(changes) == 0 {
			return nil
		}
		touch(&c.Meta, tx, a)
		if err := tx.UpdateContact(ctx, a.WorkspaceID, c, old.Version); err != nil {
			return err
		}
		if upd.PersonalProfile != nil {
			if err := tx.PutProfile(ctx, a.WorkspaceID, id, c.PersonalProfile); err != nil {
				return err
			}
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityContact, id, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	if !auth.CanReadProfile(a, c.OwnerID, c.TeamID) {
		c.PersonalProfile = nil
	}
	return redactContact(a, c), nil
}

// writableContact loads a contact for a change by a, with the same errors
// as writableAccount.
func (s *Service) writableContact(ctx context.Context, tx *store.Tx, a *crm.Actor, id string, version int) (*crm.Contact, error) {
	r, w := scopes(a, crm.EntityContact)
	c, err := tx.GetContact(ctx, r, id)
	if err != nil {
		return nil, err
	}
	if !store.InScope(w, c.OwnerID, c.TeamID) {
		return nil, forbidden("You may view this contact but not change it.")
	}
	if c.DeletedAt != nil {
		return nil, crm.Errorf(crm.ECONFLICT, "This contact is in the recycle bin; restore it first.")
	}
	return c, checkVersion("The contact", c.Version, version)
}

// DeleteContact implements crm.ContactService.
func (s *Service) DeleteContact(ctx context.Context, id string, version int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableContact(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		c := cloneContact(old)
		now := tx.Now
		c.DeletedAt = &now
		touch(&c.Meta, tx, a)
		if err := tx.UpdateContact(ctx, a.WorkspaceID, c, old.Version); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityContact, id, crm.FieldDeleted, "", "")
	})
}

// RestoreContact implements crm.ContactService. A contact whose account is
// in the recycle bin comes back with the account, not alone.
func (s *Service) RestoreContact(ctx context.Context, id string) (*crm.Contact, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, w := scopes(a, crm.EntityContact)
	var c *crm.Contact
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetContact(ctx, r, id)
		if err != nil {
			return err
		}
		if !store.InScope(w, old.OwnerID, old.TeamID) {
			return forbidden("You may view this contact but not restore it.")
		}
		if old.DeletedAt == nil {
			return crm.Errorf(crm.ECONFLICT, "This contact is not in the recycle bin.")
		}
		acc, err := tx.GetAccount(ctx, crm.Scope{WorkspaceID: a.WorkspaceID, Level: crm.ScopeAll}, old.AccountID)
		if err != nil {
			return err
		}
		if acc.DeletedAt != nil {
			return crm.Errorf(crm.ECONFLICT, "The contact's account is in the recycle bin; restore the account first.")
		}
		if old.ReportsToID != "" {
			// The manager may have been deleted meanwhile; drop the line
			// rather than point at a deleted contact.
			if m, err := tx.GetContact(ctx, crm.Scope{WorkspaceID: a.WorkspaceID, Level: crm.ScopeAll}, old.ReportsToID); err != nil || m.DeletedAt != nil {
				old.ReportsToID = ""
			}
		}
		c = cloneContact(old)
		c.DeletedAt = nil
		touch(&c.Meta, tx, a)
		if err := tx.UpdateContact(ctx, a.WorkspaceID, c, old.Version); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityContact, id, crm.FieldRestored, "", "")
	})
	if err != nil {
		return nil, err
	}
	return redactContact(a, c), nil
}

// redactContact marks the personal profile hidden when the field rule
// denies it. Every single contact leaving the service passes through here.
func redactContact(a *crm.Actor, c *crm.Contact) *crm.Contact {
	if !auth.CanReadProfile(a, c.OwnerID, c.TeamID) {
		c.PersonalProfile = nil
		c.Redact("personal_profile")
	}
	return c
}

func cloneContact(c *crm.Contact) *crm.Contact {
	n := *c
	n.Tags = append([]string(nil), c.Tags...)
	if c.PersonalProfile != nil {
		pp := *c.PersonalProfile
		n.PersonalProfile = &pp
	}
	if c.Custom != nil {
		n.Custom = make(map[string]any, len(c.Custom))
		for k, v := range c.Custom {
			n.Custom[k] = v
		}
	}
	n.Redacted = nil
	return &n
}
