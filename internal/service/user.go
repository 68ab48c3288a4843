package service

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// CreateUser implements crm.UserService. Admins only.
func (s *Service) CreateUser(ctx context.Context, in crm.UserCreate) (*crm.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.IsAdmin(a) {
		return nil, forbidden("Only admins add users.")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	hash, err := auth.HashPassword(in.Password)
	if err != nil {
		return nil, err
	}
	u := &crm.User{ID: store.NewID(), Email: in.Email, Name: in.Name, Role: in.Role, TeamID: in.TeamID, Locale: in.Locale, Active: true}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		if err := s.checkTeam(ctx, tx, a, in.TeamID); err != nil {
			return err
		}
		u.Meta = newMeta(tx, a)
		if err := tx.InsertUser(ctx, a.WorkspaceID, u, hash); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityUser, u.ID, crm.FieldCreated, "", u.Email)
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

func (s *Service) checkTeam(ctx context.Context, tx *store.Tx, a *crm.Actor, teamID string) error {
	if teamID == "" {
		return nil
	}
	if _, err := tx.GetTeam(ctx, a.WorkspaceID, teamID); crm.ErrorCode(err) == crm.ENOTFOUND {
		return fieldError("team_id", "unknown_value", "is not a team of this workspace")
	} else if err != nil {
		return err
	}
	return nil
}

// GetUser implements crm.UserService.
func (s *Service) GetUser(ctx context.Context, id string) (*crm.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.Read().GetUser(ctx, a.WorkspaceID, id)
}

// ListUsers implements crm.UserService.
func (s *Service) ListUsers(ctx context.Context) ([]*crm.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.Read().ListUsers(ctx, a.WorkspaceID)
}

// UpdateUser implements crm.UserService. Admins change anything of anyone
// except their own role and activity, so a workspace never locks its last
// admin out, and their own password, which goes through UpdateMe with the
// current one.
func (s *Service) UpdateUser(ctx context.Context, id string, version int, upd crm.UserUpdate) (*crm.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	self := id == a.UserID && !a.System
	switch {
	case !self && !auth.IsAdmin(a):
		return nil, forbidden("Only admins change other users.")
	case upd.AdminOnly() && !auth.IsAdmin(a):
		return nil, forbidden("Only admins change roles, teams and access.")
	case self && ((upd.Role != nil && *upd.Role != a.Role) || (upd.Active != nil && !*upd.Active)):
		return nil, forbidden("You cannot demote or deactivate yourself; ask another admin.")
	case self && upd.Password != nil:
		return nil, forbidden("Change your own password under My account, with your current one.")
	}
	return s.applyUserUpdate(ctx, a, id, version, upd)
}

// applyUserUpdate validates and writes a user change the caller may make.
func (s *Service) applyUserUpdate(ctx context.Context, a *crm.Actor, id string, version int, upd crm.UserUpdate) (*crm.User, error) {
	if err := upd.Validate(); err != nil {
		return nil, err
	}
	var hash string
	var err error
	if upd.Password != nil {
		if hash, err = auth.HashPassword(*upd.Password); err != nil {
			return nil, err
		}
	}
	var u *crm.User
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetUser(ctx, a.WorkspaceID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("The user", old.Version, version); err != nil {
			return err
		}
		n := *old
		u = &n
		set(&u.Name, upd.Name)
		set(&u.Role, upd.Role)
		set(&u.TeamID, upd.TeamID)
		set(&u.Locale, upd.Locale)
		set(&u.Active, upd.Active)
		if upd.TeamID != nil {
			if err := s.checkTeam(ctx, tx, a, u.TeamID); err != nil {
				return err
			}
		}
		changes := crm.Diff(userSnapshot(old), userSnapshot(u))
		if hash != "" {
			changes = append(changes, crm.FieldChange{Field: "password", Old: "", New: "(changed)"})
		}
		if len(changes) == 0 {
			return nil
		}
		touch(&u.Meta, tx, a)
		if err := tx.UpdateUser(ctx, a.WorkspaceID, u, old.Version, hash); err != nil {
			return err
		}
		if hash != "" || !u.Active || u.Role != old.Role {
			// Sign the user out everywhere: a changed password or lost
			// access must not leave old sessions alive.
			if err := tx.DeleteUserSessions(ctx, a.WorkspaceID, id); err != nil {
				return err
			}
		}
		if hash != "" || !u.Active {
			// API tokens too: one made by someone who had the old password
			// must stop working with it. A role change keeps them; the
			// token then acts with the new role.
			if err := tx.DeleteUserAPITokens(ctx, a.WorkspaceID, id); err != nil {
				return err
			}
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityUser, id, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	s.actors.clear() // roles, teams and access may have changed
	return u, nil
}

// UpdateMe changes the caller's own name, language or password. A new
// password needs the current one, so a session left open on someone
// else's screen cannot be used to take the account over.
func (s *Service) UpdateMe(ctx context.Context, upd crm.UserUpdate, currentPassword string) (*crm.User, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if upd.AdminOnly() {
		return nil, forbidden("Change roles, teams and access in the user settings.")
	}
	if upd.Password != nil {
		hash, err := s.db.Read().PasswordHash(ctx, a.WorkspaceID, a.UserID)
		if err != nil {
			return nil, err
		}
		if !auth.CheckPassword(hash, currentPassword) {
			return nil, fieldError("current_password", "invalid", "is not your current password")
		}
	}
	return s.applyUserUpdate(ctx, a, a.UserID, 0, upd)
}

func set[T any](dst *T, src *T) {
	if src != nil {
		*dst = *src
	}
}

func userSnapshot(u *crm.User) crm.Snapshot {
	active := "false"
	if u.Active {
		active = "true"
	}
	return crm.Snapshot{"name": u.Name, "role": string(u.Role), "team_id": u.TeamID, "locale": u.Locale, "active": active}
}

// CreateTeam implements crm.UserService. Admins only.
func (s *Service) CreateTeam(ctx context.Context, in crm.TeamInput) (*crm.Team, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.IsAdmin(a) {
		return nil, forbidden("Only admins manage teams.")
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	t := &crm.Team{ID: store.NewID(), Name: in.Name, ParentID: in.ParentID}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		if in.ParentID != "" {
			if _, err := tx.GetTeam(ctx, a.WorkspaceID, in.ParentID); err != nil {
				return fieldError("parent_id", "unknown_value", "is not a team of this workspace")
			}
		}
		t.Meta = newMeta(tx, a)
		if err := tx.InsertTeam(ctx, a.WorkspaceID, t); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityTeam, t.ID, crm.FieldCreated, "", t.Name)
	})
	if err != nil {
		return nil, err
	}
	s.actors.clear() // managers' team scopes may have grown
	return t, nil
}

// ListTeams implements crm.UserService.
func (s *Service) ListTeams(ctx context.Context) ([]*crm.Team, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.Read().ListTeams(ctx, a.WorkspaceID)
}

// UpdateTeam implements crm.UserService. Admins only; a team cannot
// become its own ancestor.
func (s *Service) UpdateTeam(ctx context.Context, id string, version int, in crm.TeamInput) (*crm.Team, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.IsAdmin(a) {
		return nil, forbidden("Only admins manage teams.")
	}
	if err := in.Validate(); err != nil {
		return nil, err
	}
	var t *crm.Team
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := tx.GetTeam(ctx, a.WorkspaceID, id)
		if err != nil {
			return err
		}
		if err := checkVersion("The team", old.Version, version); err != nil {
			return err
		}
		for p := in.ParentID; p != ""; {
			if p == id {
				return fieldError("parent_id", "cycle", "would put the team under itself")
			}
			parent, err := tx.GetTeam(ctx, a.WorkspaceID, p)
			if err != nil {
				return fieldError("parent_id", "unknown_value", "is not a team of this workspace")
			}
			p = parent.ParentID
		}
		n := *old
		t = &n
		t.Name, t.ParentID = in.Name, in.ParentID
		changes := crm.Diff(crm.Snapshot{"name": old.Name, "parent_id": old.ParentID}, crm.Snapshot{"name": t.Name, "parent_id": t.ParentID})
		if len(changes) == 0 {
			return nil
		}
		touch(&t.Meta, tx, a)
		if err := tx.UpdateTeam(ctx, a.WorkspaceID, t, old.Version); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityTeam, id, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	s.actors.clear() // managers' team scopes may have changed
	return t, nil
}

// DeleteTeam implements crm.UserService. Admins only; only empty teams.
func (s *Service) DeleteTeam(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	if !auth.IsAdmin(a) {
		return forbidden("Only admins manage teams.")
	}
	defer s.actors.clear()
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		if _, err := tx.GetTeam(ctx, a.WorkspaceID, id); err != nil {
			return err
		}
		if err := tx.DeleteTeam(ctx, a.WorkspaceID, id); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityTeam, id, crm.FieldDeleted, "", "")
	})
}
