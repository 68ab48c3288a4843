package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Key-account plans follow their account like activities.

// CreatePlan implements crm.ActivityService.
func (s *Service) CreatePlan(ctx context.Context, in crm.KeyAccountPlanFields) (*crm.KeyAccountPlan, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, w := scopes(a, crm.EntityActivity); w.Level == crm.ScopeNone {
		return nil, forbidden("Your role may not plan key-account meetings or visits.")
	}
	k := &crm.KeyAccountPlan{ID: store.NewID(), AccountID: in.AccountID, Kind: in.Kind, Title: in.Title, DueDate: in.DueDate,
		AttendeeUserIDs: in.AttendeeUserIDs, AttendeeContactIDs: in.AttendeeContactIDs, Status: firstNonEmpty(in.Status, "planned"), Notes: in.Notes}
	if k.AccountID == "" {
		return nil, fieldError("account_id", "required", "is required")
	}
	if err := k.Validate(); err != nil {
		return nil, err
	}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		acc, err := s.activityAccount(ctx, tx, a, k.AccountID)
		if err != nil {
			return err
		}
		if err := s.checkAttendees(ctx, tx, a, k); err != nil {
			return err
		}
		k.AccountName, k.OwnerID = acc.Name, acc.OwnerID
		k.Meta = newMeta(tx, a)
		if err := tx.InsertPlans(ctx, a.WorkspaceID, []*crm.KeyAccountPlan{k}); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityKeyAccountPlan, k.ID, crm.FieldCreated, "", k.Title)
	})
	if err != nil {
		return nil, err
	}
	k.Overdue = planOverdue(k)
	return k, nil
}

// checkAttendees makes sure the attendees are users of the workspace and
// contacts of the plan's account.
func (s *Service) checkAttendees(ctx context.Context, tx *store.Tx, a *crm.Actor, k *crm.KeyAccountPlan) error {
	for _, id := range k.AttendeeUserIDs {
		if _, err := tx.GetUser(ctx, a.WorkspaceID, id); err != nil {
			if crm.ErrorCode(err) == crm.ENOTFOUND {
				return fieldError("attendee_user_ids", "unknown_value", "is not a user of this workspace")
			}
			return err
		}
	}
	return checkLinks(ctx, tx, a, k.AccountID, "", "", k.AttendeeContactIDs, "attendee_contact_ids")
}

// planOverdue reports a plan still planned after its due day.
func planOverdue(k *crm.KeyAccountPlan) bool {
	return k.Status == "planned" && string(k.DueDate) < today()
}

// today is the day the to-do centre and plans are judged by: the UTC day,
// as scoring's as-of day and the forecast's month.
func today() string {
	return store.Now().Format("2006-01-02")
}

// GetPlan implements crm.ActivityService.
func (s *Service) GetPlan(ctx context.Context, id string) (*crm.KeyAccountPlan, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityActivity)
	k, err := s.db.Read().GetPlan(ctx, r, id)
	if err != nil {
		return nil, err
	}
	k.Overdue = planOverdue(k)
	return k, nil
}

// ListPlans implements crm.ActivityService: an account's live plans, latest
// due first.
func (s *Service) ListPlans(ctx context.Context, accountID string) ([]*crm.KeyAccountPlan, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityActivity)
	q := s.db.Read()
	if _, err := q.GetAccount(ctx, r, accountID); err != nil {
		return nil, err
	}
	list, err := q.ListPlans(ctx, r, store.PlanFilter{AccountID: accountID})
	if err != nil {
		return nil, err
	}
	for _, k := range list {
		k.Overdue = planOverdue(k)
	}
	return list, nil
}

// writablePlan loads a live plan for a change by a.
func (s *Service) writablePlan(ctx context.Context, tx *store.Tx, a *crm.Actor, id string, version int) (*crm.KeyAccountPlan, error) {
	r, w := scopes(a, crm.EntityActivity)
	k, err := tx.GetPlan(ctx, r, id)
	if err != nil {
		return nil, err
	}
	acc, err := tx.GetAccount(ctx, r, k.AccountID)
	if err != nil {
		return nil, err
	}
	if !store.InScope(w, acc.OwnerID, acc.TeamID) {
		return nil, forbidden("You may view this plan but not change it.")
	}
	if k.DeletedAt != nil {
		return nil, crm.Errorf(crm.ENOTFOUND, "Plan not found.")
	}
	return k, checkVersion("The plan", k.Version, version)
}

// UpdatePlan implements crm.ActivityService.
func (s *Service) UpdatePlan(ctx context.Context, id string, version int, upd crm.KeyAccountPlanUpdate) (*crm.KeyAccountPlan, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var k *crm.KeyAccountPlan
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writablePlan(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		n := *old
		k = &n
		set(&k.Kind, upd.Kind)
		set(&k.Title, upd.Title)
		set(&k.DueDate, upd.DueDate)
		set(&k.AttendeeUserIDs, upd.AttendeeUserIDs)
		set(&k.AttendeeContactIDs, upd.AttendeeContactIDs)
		set(&k.Status, upd.Status)
		set(&k.Notes, upd.Notes)
		if err := k.Validate(); err != nil {
			return err
		}
		if err := s.checkAttendees(ctx, tx, a, k); err != nil {
			return err
		}
		changes := crm.Diff(old.Snapshot(), k.Snapshot())
		if len(changes) == 0 {
			return nil
		}
		touch(&k.Meta, tx, a)
		if err := tx.UpdatePlan(ctx, a.WorkspaceID, k, old.Version); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityKeyAccountPlan, id, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	k.Overdue = planOverdue(k)
	return k, nil
}

// DeletePlan implements crm.ActivityService.
func (s *Service) DeletePlan(ctx context.Context, id string, version int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writablePlan(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		k := *old
		now := tx.Now
		k.DeletedAt = &now
		touch(&k.Meta, tx, a)
		if err := tx.UpdatePlan(ctx, a.WorkspaceID, &k, old.Version); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityKeyAccountPlan, id, crm.FieldDeleted, "", "")
	})
}
