package service

import (
	"context"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Tasks belong to their assignee (crm.EntityTask's grant: everyone their
// own, managers their teams', admins all). A task linked to an account
// needs an assignee who can see that account.

// CreateTask implements crm.ActivityService.
func (s *Service) CreateTask(ctx context.Context, in crm.TaskFields) (*crm.Task, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	t := &crm.Task{ID: store.NewID(), Title: in.Title, Notes: in.Notes, RemindAt: utcPtr(in.RemindAt),
		AssigneeID: firstNonEmpty(in.AssigneeID, a.UserID), AccountID: in.AccountID, OpportunityID: in.OpportunityID, ContactID: in.ContactID}
	if err := setDue(&t.DueDate, &t.DueAt, in.Due, "due"); err != nil {
		return nil, err
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		if err := s.assignTask(ctx, tx, a, t, t.AssigneeID); err != nil {
			return err
		}
		if t.AccountID != "" {
			r, _ := scopes(a, crm.EntityActivity)
			acc, err := tx.GetAccount(ctx, r, t.AccountID)
			if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && acc.DeletedAt != nil) {
				return fieldError("account_id", "unknown_value", "is not an account you can see")
			}
			if err != nil {
				return err
			}
			t.AccountName = acc.Name
			var contacts []string
			if t.ContactID != "" {
				contacts = []string{t.ContactID}
			}
			if err := checkLinks(ctx, tx, a, acc.ID, t.OpportunityID, "opportunity_id", contacts, "contact_id"); err != nil {
				return err
			}
		}
		t.Meta = newMeta(tx, a)
		if err := tx.InsertTasks(ctx, a.WorkspaceID, []*crm.Task{t}); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityTask, t.ID, crm.FieldCreated, "", t.Title)
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

func utcPtr(p *time.Time) *time.Time {
	if p == nil {
		return nil
	}
	u := p.UTC()
	return &u
}

// assignTask makes userID the assignee of t: an active user of the
// workspace, within a's task write scope, who can see t's account.
func (s *Service) assignTask(ctx context.Context, tx *store.Tx, a *crm.Actor, t *crm.Task, userID string) error {
	u, err := tx.GetUser(ctx, a.WorkspaceID, userID)
	if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && !u.Active) {
		return fieldError("assignee_id", "unknown_value", "is not an active user of this workspace")
	}
	if err != nil {
		return err
	}
	if _, w := scopes(a, crm.EntityTask); !store.InScope(w, u.ID, u.TeamID) {
		return forbidden("You may only give tasks to yourself or to people in your teams.")
	}
	if t.AccountID != "" {
		ua, err := s.UserActor(ctx, u.Email)
		if err != nil {
			return err
		}
		r, _ := scopes(ua, crm.EntityActivity)
		if _, err := tx.GetAccount(ctx, r, t.AccountID); err != nil {
			if crm.ErrorCode(err) == crm.ENOTFOUND {
				return fieldError("assignee_id", "cannot_see_account", "cannot see the task's account")
			}
			return err
		}
	}
	t.AssigneeID, t.TeamID = u.ID, u.TeamID
	return nil
}

// GetTask implements crm.ActivityService.
func (s *Service) GetTask(ctx context.Context, id string) (*crm.Task, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityTask)
	return s.db.Read().GetTask(ctx, r, id)
}

// UpdateTask implements crm.ActivityService; marking done or not done is an
// update of done.
func (s *Service) UpdateTask(ctx context.Context, id string, version int, upd crm.TaskUpdate) (*crm.Task, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var t *crm.Task
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableTask(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		n := *old
		t = &n
		set(&t.Title, upd.Title)
		set(&t.Notes, upd.Notes)
		if upd.Due != nil {
			if err := setDue(&t.DueDate, &t.DueAt, *upd.Due, "due"); err != nil {
				return err
			}
		}
		if upd.RemindAt != nil {
			t.RemindAt = utcPtr(upd.RemindAt)
		}
		if upd.NoRemind {
			t.RemindAt = nil
		}
		if upd.Done != nil && *upd.Done != old.Done {
			t.Done, t.DoneAt = *upd.Done, nil
			if t.Done {
				now := tx.Now
				t.DoneAt = &now
			}
		}
		if err := t.Validate(); err != nil {
			return err
		}
		if upd.AssigneeID != nil && *upd.AssigneeID != old.AssigneeID {
			if err := s.assignTask(ctx, tx, a, t, *upd.AssigneeID); err != nil {
				return err
			}
		}
		changes := crm.Diff(old.Snapshot(), t.Snapshot())
		if len(changes) == 0 {
			return nil
		}
		touch(&t.Meta, tx, a)
		if err := tx.UpdateTask(ctx, a.WorkspaceID, t, old.Version); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityTask, id, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// writableTask loads a live task for a change by a.
func (s *Service) writableTask(ctx context.Context, tx *store.Tx, a *crm.Actor, id string, version int) (*crm.Task, error) {
	r, w := scopes(a, crm.EntityTask)
	t, err := tx.GetTask(ctx, r, id)
	if err != nil {
		return nil, err
	}
	if !store.InScope(w, t.AssigneeID, t.TeamID) {
		return nil, forbidden("You may view this task but not change it.")
	}
	if t.DeletedAt != nil {
		return nil, crm.Errorf(crm.ENOTFOUND, "Task not found.")
	}
	return t, checkVersion("The task", t.Version, version)
}

// DeleteTask implements crm.ActivityService.
func (s *Service) DeleteTask(ctx context.Context, id string, version int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableTask(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		t := *old
		now := tx.Now
		t.DeletedAt = &now
		touch(&t.Meta, tx, a)
		if err := tx.UpdateTask(ctx, a.WorkspaceID, &t, old.Version); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityTask, id, crm.FieldDeleted, "", "")
	})
}
