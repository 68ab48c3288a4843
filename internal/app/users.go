package app

import (
	"context"
	"fmt"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/service"
	"github.com/guanxi-crm/guanxi/internal/store"
)

func (e *env) user(ctx context.Context, args []string) error {
	if len(args) == 0 {
		return fmt.Errorf("user needs a subcommand: create or reset-password")
	}
	switch args[0] {
	case "create":
		return e.userCreate(ctx, args[1:])
	case "reset-password":
		return e.userResetPassword(ctx, args[1:])
	}
	return fmt.Errorf("unknown user subcommand %q", args[0])
}

func (e *env) userCreate(ctx context.Context, args []string) error {
	fs, dsn := e.flags("user create")
	email := fs.String("email", "", "e-mail address (the login)")
	password := fs.String("password", "", "password, at least 10 characters")
	role := fs.String("role", "", "role: admin, manager, sales, finance, warehouse, service, marketing or viewer")
	name := fs.String("name", "", "display name (default: the e-mail's local part)")
	team := fs.String("team", "", "team name; created if missing")
	wsSlug := fs.String("workspace", "", "workspace slug (default: the only one; created as 'default' if none)")
	return e.withDB(ctx, fs, dsn, args, func(db *store.DB, svc *service.Service) error {
		ws, err := svc.Workspace(ctx, *wsSlug)
		if crm.ErrorCode(err) == crm.ENOTFOUND && *wsSlug == "" {
			ws, err = svc.CreateWorkspace(ctx, "Default", "default")
		}
		if err != nil {
			return err
		}
		sys := crm.NewContext(ctx, crm.SystemActor(ws.ID, ""))
		teamID := ""
		if *team != "" {
			if teamID, err = findOrCreateTeam(sys, svc, *team); err != nil {
				return err
			}
		}
		if *name == "" {
			*name = localPart(*email)
		}
		u, err := svc.CreateUser(sys, crm.UserCreate{Email: *email, Name: *name, Password: *password, Role: crm.Role(*role), TeamID: teamID})
		if err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Created %s %s (%s) in workspace %s.\n", u.Role, u.Email, u.ID, ws.Slug)
		return nil
	})
}

func findOrCreateTeam(ctx context.Context, svc interface {
	ListTeams(context.Context) ([]*crm.Team, error)
	CreateTeam(context.Context, crm.TeamInput) (*crm.Team, error)
}, name string) (string, error) {
	teams, err := svc.ListTeams(ctx)
	if err != nil {
		return "", err
	}
	for _, t := range teams {
		if t.Name == name {
			return t.ID, nil
		}
	}
	t, err := svc.CreateTeam(ctx, crm.TeamInput{Name: name})
	if err != nil {
		return "", err
	}
	return t.ID, nil
}

func localPart(email string) string {
	for i := 0; i < len(email); i++ {
		if email[i] == '@' {
			return email[:i]
		}
	}
	return email
}

func (e *env) userResetPassword(ctx context.Context, args []string) error {
	fs, dsn := e.flags("user reset-password")
	email := fs.String("email", "", "the user's e-mail address")
	password := fs.String("password", "", "the new password, at least 10 characters")
	return e.withDB(ctx, fs, dsn, args, func(db *store.DB, svc *service.Service) error {
		a, err := svc.UserActor(ctx, *email)
		if err != nil {
			return err
		}
		sys := crm.NewContext(ctx, crm.SystemActor(a.WorkspaceID, ""))
		if _, err := svc.UpdateUser(sys, a.UserID, 0, crm.UserUpdate{Password: password}); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Password of %s changed; their sessions were ended.\n", *email)
		return nil
	})
}

func (e *env) token(ctx context.Context, args []string) error {
	if len(args) == 0 || args[0] != "create" {
		return fmt.Errorf("token needs the subcommand create")
	}
	fs, dsn := e.flags("token create")
	email := fs.String("email", "", "the user the token acts as")
	name := fs.String("name", "cli", "what the token is for")
	return e.withDB(ctx, fs, dsn, args[1:], func(db *store.DB, svc *service.Service) error {
		a, err := svc.UserActor(ctx, *email)
		if err != nil {
			return err
		}
		t, _, err := svc.CreateAPIToken(crm.NewContext(ctx, a), *name)
		if err != nil {
			return err
		}
		fmt.Fprintln(e.stdout, t)
		return nil
	})
}
