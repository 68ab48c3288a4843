package service

import (
	"context"
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Sign-in limits. Failures are counted in the database, so the limit holds
// across several servers sharing PostgreSQL.
const (
	SessionLifetime   = 7 * 24 * time.Hour
	loginWindow       = 15 * time.Minute
	maxFailuresPerID  = 10  // per e-mail address in the window
	maxFailuresPerIP  = 100 // per client address in the window
	wrongCredentials  = "Wrong e-mail or password."
	tooManyLoginTries = "Too many failed sign-ins; wait 15 minutes and try again."
)

// Login is a successful sign-in: the session token for the cookie and the
// CSRF token the UI sends back with every change.
type Login struct {
	Token     string
	CSRFToken string
	ExpiresAt time.Time
	User      *crm.User
}

// Login checks an e-mail and password and opens a session. Returns
// EUNAUTHORIZED for wrong credentials (the same for unknown e-mails, in the
// same time) and ERATELIMIT after too many failures.
func (s *Service) Login(ctx context.Context, email, password, ip string) (*Login, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	now := store.Now()
	byEmail, byIP, err := s.db.Read().LoginFailures(ctx, email, ip, now.Add(-loginWindow))
	if err != nil {
		return nil, err
	}
	if byEmail >= maxFailuresPerID || byIP >= maxFailuresPerIP {
		return nil, crm.Errorf(crm.ERATELIMIT, tooManyLoginTries)
	}
	cred, err := s.db.Read().UserByEmail(ctx, email)
	ok := false
	switch {
	case crm.ErrorCode(err) == crm.ENOTFOUND:
		auth.CheckNoPassword(password)
	case err != nil:
		return nil, err
	default:
		ok = auth.CheckPassword(cred.PasswordHash, password) && cred.User.Active
	}
	if !ok {
		if err := s.db.WithTx(ctx, func(tx *store.Tx) error { return tx.RecordLoginFailure(ctx, email, ip) }); err != nil {
			return nil, err
		}
		return nil, crm.Errorf(crm.EUNAUTHORIZED, wrongCredentials)
	}
	token, hash := auth.NewToken(auth.SessionPrefix)
	csrf, _ := auth.NewToken("")
	l := &Login{Token: token, CSRFToken: csrf, ExpiresAt: now.Add(SessionLifetime), User: cred.User}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		if err := tx.ClearLoginFailures(ctx, email, now.Add(-loginWindow)); err != nil {
			return err
		}
		if err := tx.DeleteExpiredSessions(ctx); err != nil {
			return err
		}
		return tx.InsertSession(ctx, hash, store.Session{WorkspaceID: cred.WorkspaceID, UserID: cred.User.ID, CSRFToken: csrf, ExpiresAt: l.ExpiresAt})
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

// Logout ends the session of token. Unknown tokens are ignored.
func (s *Service) Logout(ctx context.Context, token string) error {
	defer s.actors.clear()
	return s.db.WithTx(ctx, func(tx *store.Tx) error { return tx.DeleteSession(ctx, auth.HashToken(token)) })
}

// cachedActor is a resolved token: its caller and, for sessions, the CSRF
// token.
type cachedActor struct {
	actor *crm.Actor
	csrf  string
}

// SessionActor returns the actor of a session token and the session's CSRF
// token. Returns EUNAUTHORIZED for unknown or expired sessions and
// inactive users.
func (s *Service) SessionActor(ctx context.Context, token string) (*crm.Actor, string, error) {
	if !strings.HasPrefix(token, auth.SessionPrefix) {
		return nil, "", crm.Errorf(crm.EUNAUTHORIZED, "Please sign in.")
	}
	hash := auth.HashToken(token)
	if c, ok := s.actors.get(hash); ok {
		return c.actor, c.csrf, nil
	}
	sess, err := s.db.Read().SessionByHash(ctx, hash, store.Now())
	if err != nil {
		return nil, "", err
	}
	a, err := s.userActor(ctx, sess.WorkspaceID, sess.UserID)
	if err != nil {
		return nil, "", err
	}
	s.actors.put(hash, cachedActor{actor: a, csrf: sess.CSRFToken})
	return a, sess.CSRFToken, nil
}

// TokenActor returns the actor of a personal API token.
func (s *Service) TokenActor(ctx context.Context, token string) (*crm.Actor, error) {
	if !strings.HasPrefix(token, auth.APITokenPrefix) {
		return nil, crm.Errorf(crm.EUNAUTHORIZED, "The API token is not valid.")
	}
	hash := auth.HashToken(token)
	if c, ok := s.actors.get(hash); ok {
		return c.actor, nil
	}
	t, err := s.db.Read().APITokenByHash(ctx, hash)
	if err != nil {
		return nil, err
	}
	a, err := s.userActor(ctx, t.WorkspaceID, t.UserID)
	if err != nil {
		return nil, err
	}
	s.actors.put(hash, cachedActor{actor: a})
	return a, nil
}

// userActor builds the actor of an active user, with the teams their team
// scope covers.
func (s *Service) userActor(ctx context.Context, ws, userID string) (*crm.Actor, error) {
	q := s.db.Read()
	u, err := q.GetUser(ctx, ws, userID)
	if err != nil || !u.Active {
		return nil, crm.Errorf(crm.EUNAUTHORIZED, "Please sign in.")
	}
	a := &crm.Actor{UserID: u.ID, WorkspaceID: ws, Role: u.Role, TeamID: u.TeamID}
	if u.TeamID != "" {
		a.TeamIDs = []string{u.TeamID}
	}
	if u.Role == crm.RoleSales {
		settings, err := q.Settings(ctx, ws)
		if err != nil {
			return nil, err
		}
		a.SalesScope = settings.SalesScope
	}
	if u.Role == crm.RoleManager && u.TeamID != "" {
		teams, err := q.ListTeams(ctx, ws)
		if err != nil {
			return nil, err
		}
		parents := make(map[string]string, len(teams))
		for _, t := range teams {
			parents[t.ID] = t.ParentID
		}
		a.TeamIDs = auth.TeamScope(u.Role, u.TeamID, parents)
	}
	return a, nil
}

// CreateAPIToken issues a personal API token for the caller and returns
// it with its record; only its hash is stored, so it is shown once.
func (s *Service) CreateAPIToken(ctx context.Context, name string) (string, *crm.APIToken, error) {
	a, err := actor(ctx)
	if err != nil {
		return "", nil, err
	}
	if a.UserID == "" {
		return "", nil, forbidden("API tokens belong to users.")
	}
	var p crm.Problems
	p.RequiredText("name", name, crm.MaxShort)
	if err := p.Err(); err != nil {
		return "", nil, err
	}
	token, hash := auth.NewToken(auth.APITokenPrefix)
	info := &crm.APIToken{ID: store.NewID(), Name: name}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		info.CreatedAt = tx.Now
		return tx.InsertAPIToken(ctx, store.APIToken{ID: info.ID, WorkspaceID: a.WorkspaceID, UserID: a.UserID, Name: name}, hash)
	})
	if err != nil {
		return "", nil, err
	}
	return token, info, nil
}

// ListAPITokens returns the caller's API tokens (not the tokens
// themselves).
func (s *Service) ListAPITokens(ctx context.Context) ([]*crm.APIToken, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.Read().ListAPITokens(ctx, a.WorkspaceID, a.UserID)
}

// RevokeAPIToken deletes one of the caller's API tokens; it stops working
// at once on this server and within the cache time on others.
func (s *Service) RevokeAPIToken(ctx context.Context, id string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	defer s.actors.clear()
	return s.db.WithTx(ctx, func(tx *store.Tx) error { return tx.DeleteAPIToken(ctx, a.WorkspaceID, a.UserID, id) })
}

// Workspace returns a workspace by slug, or the only workspace when slug
// is empty and there is exactly one (for the CLI).
func (s *Service) Workspace(ctx context.Context, slug string) (*crm.Workspace, error) {
	if slug != "" {
		return s.db.Read().WorkspaceBySlug(ctx, slug)
	}
	all, err := s.db.Read().Workspaces(ctx)
	if err != nil {
		return nil, err
	}
	switch len(all) {
	case 0:
		return nil, crm.Errorf(crm.ENOTFOUND, "The database has no workspace yet.")
	case 1:
		return all[0], nil
	}
	return nil, crm.Errorf(crm.EINVALID, "The database has %d workspaces; name one with --workspace.", len(all))
}

// CreateWorkspace creates a workspace (for the CLI and the demo).
func (s *Service) CreateWorkspace(ctx context.Context, name, slug string) (*crm.Workspace, error) {
	var p crm.Problems
	p.RequiredText("name", name, crm.MaxShort)
	p.RequiredText("slug", slug, 40)
	if err := p.Err(); err != nil {
		return nil, err
	}
	w := &crm.Workspace{ID: store.NewID(), Name: name, Slug: slug}
	err := s.db.WithTx(ctx, func(tx *store.Tx) error {
		w.CreatedAt = tx.Now
		if err := tx.CreateWorkspace(ctx, w); err != nil {
			return err
		}
		return tx.SeedPipeline(ctx, w.ID)
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// UserActor returns the actor of the user with e-mail, for CLI commands
// that act as a user (token create).
func (s *Service) UserActor(ctx context.Context, email string) (*crm.Actor, error) {
	cred, err := s.db.Read().UserByEmail(ctx, strings.ToLower(strings.TrimSpace(email)))
	if err != nil {
		return nil, err
	}
	return s.userActor(ctx, cred.WorkspaceID, cred.User.ID)
}
