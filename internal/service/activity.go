package service

import (
	"context"
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Activities (跟单记录) follow their account: reading one needs read scope
// on the account, logging or changing one write scope (crm.EntityActivity's
// grant applied to the account's owner and team).

// activityAccount loads the account of an activity or plan for a write by
// a: a field error if a cannot see it (no leak), EFORBIDDEN if a may only
// read it.
func (s *Service) activityAccount(ctx context.Context, tx *store.Tx, a *crm.Actor, id string) (*crm.Account, error) {
	r, w := scopes(a, crm.EntityActivity)
	acc, err := tx.GetAccount(ctx, r, id)
	if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && acc.DeletedAt != nil) {
		return nil, fieldError("account_id", "unknown_value", "is not an account you can see")
	}
	if err != nil {
		return nil, err
	}
	if !store.InScope(w, acc.OwnerID, acc.TeamID) {
		return nil, forbidden("You may view this account but not log its activities.")
	}
	return acc, nil
}

// wholeWorkspace is the scope for checks the caller's account scope has
// already decided (is this contact of that account?).
func wholeWorkspace(a *crm.Actor) crm.Scope {
	return crm.Scope{WorkspaceID: a.WorkspaceID, Level: crm.ScopeAll}
}

// checkLinks makes sure the opportunity and contacts belong to accountID;
// each that does not is a 422 on its field.
func checkLinks(ctx context.Context, tx *store.Tx, a *crm.Actor, accountID, oppID, oppField string, contactIDs []string, contactField string) error {
	var p crm.Problems
	if oppID != "" {
		o, err := tx.GetOpportunity(ctx, wholeWorkspace(a), oppID)
		if err != nil && crm.ErrorCode(err) != crm.ENOTFOUND {
			return err
		}
		if o == nil || o.AccountID != accountID || o.DeletedAt != nil {
			p.Add(oppField, "unknown_value", "is not an opportunity of this account")
		}
	}
	for _, id := range contactIDs {
		c, err := tx.GetContact(ctx, wholeWorkspace(a), id)
		if err != nil && crm.ErrorCode(err) != crm.ENOTFOUND {
			return err
		}
		if c == nil || c.AccountID != accountID || c.DeletedAt != nil {
			p.Add(contactField, "unknown_value", "is not a contact of this account")
			break
		}
	}
	return p.Err()
}

// CreateActivity implements crm.ActivityService. The caller owns the
// activity. A next step with a due date becomes a task of the caller's in
// the same transaction, and the account's hotness is recomputed there too.
func (s *Service) CreateActivity(ctx context.Context, in crm.ActivityFields) (*crm.Activity, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, w := scopes(a, crm.EntityActivity); w.Level == crm.ScopeNone {
		return nil, forbidden("Your role may not log activities.")
	}
	x := &crm.Activity{ID: store.NewID(), AccountID: strings.TrimSpace(in.AccountID), OpportunityID: strings.TrimSpace(in.OpportunityID),
		Channel: in.Channel, Direction: in.Direction, ContactIDs: in.ContactIDs, Subject: in.Subject, Notes: in.Notes,
		Outcome: in.Outcome, NextStep: in.NextStep}
	if x.AccountID == "" {
		return nil, fieldError("account_id", "required", "is required")
	}
	if err := setDue(&x.NextStepDue, &x.NextStepDueAt, in.NextStepDue, "next_step_due"); err != nil {
		return nil, err
	}
	x.OccurredAt = store.Now()
	if in.OccurredAt != nil {
		x.OccurredAt = in.OccurredAt.UTC()
	}
	x.Normalize()
	if err := x.Validate(); err != nil {
		return nil, err
	}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		acc, err := s.activityAccount(ctx, tx, a, x.AccountID)
		if err != nil {
			return err
		}
		if err := checkLinks(ctx, tx, a, acc.ID, x.OpportunityID, "opportunity_id", x.ContactIDs, "contact_ids"); err != nil {
			return err
		}
		x.AccountName = acc.Name
		x.OwnerID, x.TeamID = a.UserID, a.TeamID
		x.Meta = newMeta(tx, a)
		if err := tx.InsertActivities(ctx, a.WorkspaceID, []*crm.Activity{x}); err != nil {
			return err
		}
		if err := event(ctx, tx, a, crm.EntityActivity, x.ID, crm.FieldCreated, "", x.Subject); err != nil {
			return err
		}
		if err := s.syncNextStepTask(ctx, tx, a, x); err != nil {
			return err
		}
		// The owner's own follow-up restarts the account's pool_days clock;
		// a manager's or colleague's touch does not keep it out of the
		// pool, and a future-dated entry counts from now, not from then.
		if acc.OwnerID != "" && acc.OwnerID == a.UserID {
			if err := tx.MarkFollowedUp(ctx, a.WorkspaceID, acc.ID, minTime(x.OccurredAt, tx.Now)); err != nil {
				return err
			}
		}
		return s.recomputeHotness(ctx, tx, a.WorkspaceID, x.AccountID)
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// setDue parses a due value into its day and optional time, or reports a
// field error.
func setDue(day *crm.Date, at **time.Time, raw, field string) error {
	d, t, ok := crm.ParseDue(raw)
	if !ok {
		return fieldError(field, "invalid", "is not a date (YYYY-MM-DD) or a time (RFC 3339)")
	}
	if d != "" && (string(d) < "1900-01-01" || string(d) > "2200-12-31") {
		return fieldError(field, "out_of_range", "must be between 1900 and 2200")
	}
	*day, *at = d, t
	return nil
}

// syncNextStepTask makes the task of an activity's next step follow it:
// created for the activity's owner when the next step gets a due day,
// retitled and redated while it is open.
func (s *Service) syncNextStepTask(ctx context.Context, tx *store.Tx, a *crm.Actor, x *crm.Activity) error {
	if x.NextStepDue == "" {
		return nil
	}
	t, err := tx.TaskOfActivity(ctx, a.WorkspaceID, x.ID)
	if err != nil {
		return err
	}
	if t == nil {
		u, err := tx.GetUser(ctx, a.WorkspaceID, x.OwnerID)
		if err != nil {
			return err
		}
		t = &crm.Task{ID: store.NewID(), Title: x.NextStep, DueDate: x.NextStepDue, DueAt: x.NextStepDueAt, AssigneeID: x.OwnerID,
			TeamID: u.TeamID, AccountID: x.AccountID, OpportunityID: x.OpportunityID, ActivityID: x.ID, Meta: newMeta(tx, a)}
		if len(x.ContactIDs) == 1 {
			t.ContactID = x.ContactIDs[0]
		}
		if err := tx.InsertTasks(ctx, a.WorkspaceID, []*crm.Task{t}); err != nil {
			return err
		}
		x.TaskID = t.ID
		return event(ctx, tx, a, crm.EntityTask, t.ID, crm.FieldCreated, "", t.Title)
	}
	x.TaskID = t.ID
	if t.Done || t.DeletedAt != nil {
		return nil
	}
	old := *t
	t.Title, t.DueDate, t.DueAt = x.NextStep, x.NextStepDue, x.NextStepDueAt
	changes := crm.Diff(old.Snapshot(), t.Snapshot())
	if len(changes) == 0 {
		return nil
	}
	touch(&t.Meta, tx, a)
	if err := tx.UpdateTask(ctx, a.WorkspaceID, t, old.Version); err != nil {
		return err
	}
	return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityTask, t.ID, a.UserID, changes)
}

// GetActivity implements crm.ActivityService.
func (s *Service) GetActivity(ctx context.Context, id string) (*crm.Activity, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityActivity)
	return s.db.Read().GetActivity(ctx, r, id)
}

// writableActivity loads an activity for a change: ENOTFOUND outside the
// read scope of its account, EFORBIDDEN outside the write scope.
func (s *Service) writableActivity(ctx context.Context, tx *store.Tx, a *crm.Actor, id string) (*crm.Activity, *crm.Account, error) {
	r, w := scopes(a, crm.EntityActivity)
	x, err := tx.GetActivity(ctx, r, id)
	if err != nil {
		return nil, nil, err
	}
	acc, err := tx.GetAccount(ctx, r, x.AccountID)
	if err != nil {
		return nil, nil, err
	}
	if !store.InScope(w, acc.OwnerID, acc.TeamID) {
		return nil, nil, forbidden("You may view this activity but not change it.")
	}
	return x, acc, nil
}

// UpdateActivity implements crm.ActivityService.
func (s *Service) UpdateActivity(ctx context.Context, id string, version int, upd crm.ActivityUpdate) (*crm.Activity, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var x *crm.Activity
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, _, err := s.writableActivity(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if old.DeletedAt != nil {
			return crm.Errorf(crm.ECONFLICT, "This activity is in the recycle bin; restore it first.")
		}
		if err := checkVersion("The activity", old.Version, version); err != nil {
			return err
		}
		n := *old
		x = &n
		set(&x.OpportunityID, upd.OpportunityID)
		set(&x.Channel, upd.Channel)
		set(&x.Direction, upd.Direction)
		set(&x.ContactIDs, upd.ContactIDs)
		set(&x.Subject, upd.Subject)
		set(&x.Notes, upd.Notes)
		set(&x.Outcome, upd.Outcome)
		set(&x.NextStep, upd.NextStep)
		if upd.OccurredAt != nil {
			x.OccurredAt = upd.OccurredAt.UTC()
		}
		if upd.NextStepDue != nil {
			if err := setDue(&x.NextStepDue, &x.NextStepDueAt, *upd.NextStepDue, "next_step_due"); err != nil {
				return err
			}
		}
		x.Normalize()
		if err := x.Validate(); err != nil {
			return err
		}
		if err := checkLinks(ctx, tx, a, x.AccountID, x.OpportunityID, "opportunity_id", x.ContactIDs, "contact_ids"); err != nil {
			return err
		}
		changes := crm.Diff(old.Snapshot(), x.Snapshot())
		if len(changes) == 0 {
			return nil
		}
		touch(&x.Meta, tx, a)
		if err := tx.UpdateActivity(ctx, a.WorkspaceID, x, old.Version); err != nil {
			return err
		}
		if err := tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityActivity, id, a.UserID, changes); err != nil {
			return err
		}
		if err := s.syncNextStepTask(ctx, tx, a, x); err != nil {
			return err
		}
		return s.recomputeHotness(ctx, tx, a.WorkspaceID, x.AccountID)
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

// DeleteActivity implements crm.ActivityService: to the recycle bin.
func (s *Service) DeleteActivity(ctx context.Context, id string, version int) error {
	_, err := s.binActivity(ctx, id, version, true)
	return err
}

// RestoreActivity implements crm.ActivityService.
func (s *Service) RestoreActivity(ctx context.Context, id string) (*crm.Activity, error) {
	return s.binActivity(ctx, id, 0, false)
}

// binActivity moves an activity into (del) or out of the recycle bin and
// recomputes its account's hotness.
func (s *Service) binActivity(ctx context.Context, id string, version int, del bool) (*crm.Activity, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var x *crm.Activity
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, acc, err := s.writableActivity(ctx, tx, a, id)
		if err != nil {
			return err
		}
		if del == (old.DeletedAt != nil) {
			if del {
				return crm.Errorf(crm.ECONFLICT, "This activity is already in the recycle bin.")
			}
			return crm.Errorf(crm.ECONFLICT, "This activity is not in the recycle bin.")
		}
		if !del && acc.DeletedAt != nil {
			return crm.Errorf(crm.ECONFLICT, "The activity's account is in the recycle bin; restore it first.")
		}
		if err := checkVersion("The activity", old.Version, version); err != nil {
			return err
		}
		n := *old
		x = &n
		field := crm.FieldRestored
		x.DeletedAt = nil
		if del {
			now := tx.Now
			x.DeletedAt, field = &now, crm.FieldDeleted
		}
		touch(&x.Meta, tx, a)
		if err := tx.UpdateActivity(ctx, a.WorkspaceID, x, old.Version); err != nil {
			return err
		}
		if err := event(ctx, tx, a, crm.EntityActivity, id, field, "", ""); err != nil {
			return err
		}
		return s.recomputeHotness(ctx, tx, a.WorkspaceID, x.AccountID)
	})
	if err != nil {
		return nil, err
	}
	return x, nil
}

var _ crm.ActivityService = (*Service)(nil)

// minTime returns the earlier of a and b.
func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}
