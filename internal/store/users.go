package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

// CreateWorkspace stores a new workspace.
func (tx *Tx) CreateWorkspace(ctx context.Context, w *crm.Workspace) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO workspaces (id, name, slug, created_at) VALUES (?, ?, ?, ?)", w.ID, w.Name, w.Slug, w.CreatedAt)
	if err != nil {
		return tx.writeError("workspace", err)
	}
	return nil
}

// WorkspaceBySlug finds a workspace by its slug; ENOTFOUND if none.
func (q *Q) WorkspaceBySlug(ctx context.Context, slug string) (*crm.Workspace, error) {
	w := &crm.Workspace{}
	err := q.QueryRowContext(ctx, "SELECT id, name, slug, created_at FROM workspaces WHERE slug = ?", slug).Scan(str{&w.ID}, &w.Name, &w.Slug, utc{&w.CreatedAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Workspace %s not found.", slug)
	}
	if err != nil {
		return nil, fmt.Errorf("get workspace %s: %w", slug, err)
	}
	return w, nil
}

// Workspaces lists all workspaces, oldest first (for the CLI).
func (q *Q) Workspaces(ctx context.Context) ([]*crm.Workspace, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, name, slug, created_at FROM workspaces ORDER BY created_at, id")
	if err != nil {
		return nil, fmt.Errorf("list workspaces: %w", err)
	}
	defer rows.Close()
	var out []*crm.Workspace
	for rows.Next() {
		w := &crm.Workspace{}
		if err := rows.Scan(str{&w.ID}, &w.Name, &w.Slug, utc{&w.CreatedAt}); err != nil {
			return nil, err
		}
		out = append(out, w)
	}
	return out, rows.Err()
}

const userColumns = `u.id, u.email, u.name, u.role, u.team_id, u.locale, u.active, u.version,
	u.created_at, u.created_by, u.updated_at, u.updated_by`

func scanUser(row interface{ Scan(...any) error }, extra ...any) (*crm.User, error) {
	u := &crm.User{}
	dest := []any{str{&u.ID}, &u.Email, &u.Name, &u.Role, str{&u.TeamID}, &u.Locale, &u.Active, &u.Version,
		utc{&u.CreatedAt}, str{&u.CreatedBy}, utc{&u.UpdatedAt}, str{&u.UpdatedBy}}
	if err := row.Scan(append(dest, extra...)...); err != nil {
		return nil, err
	}
	return u, nil
}

// UserCredentials is what login needs: the user and the password hash.
type UserCredentials struct {
	User         *crm.User
	WorkspaceID  string
	PasswordHash string
}

// UserByEmail finds a user in any workspace by e-mail (unique across the
// database) for login. Returns ENOTFOUND if there is none.
func (q *Q) UserByEmail(ctx context.Context, email string) (*UserCredentials, error) {
	var c UserCredentials
	u, err := scanUser(q.QueryRowContext(ctx, "SELECT "+userColumns+", u.workspace_id, u.password_hash FROM users u WHERE u.email = ?", email),
		str{&c.WorkspaceID}, &c.PasswordHash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "User not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get user by e-mail: %w", err)
	}
	c.User = u
	return &c, nil
}

// PasswordHash returns the stored password hash of a user.
func (q *Q) PasswordHash(ctx context.Context, ws, id string) (string, error) {
	var h string
	err := q.QueryRowContext(ctx, "SELECT password_hash FROM users WHERE workspace_id = ? AND id = ?", ws, id).Scan(&h)
	if errors.Is(err, sql.ErrNoRows) {
		return "", crm.Errorf(crm.ENOTFOUND, "User not found.")
	}
	return h, err
}

// GetUser returns a user of workspace ws; ENOTFOUND if none.
func (q *Q) GetUser(ctx context.Context, ws, id string) (*crm.User, error) {
	if !crm.ValidID(id) || !crm.ValidID(ws) {
		return nil, crm.Errorf(crm.ENOTFOUND, "User not found.")
	}
	u, err := scanUser(q.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users u WHERE u.workspace_id = ? AND u.id = ?", ws, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "User not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get user %s: %w", id, err)
	}
	return u, nil
}

// ListUsers returns every user of workspace ws by name.
func (q *Q) ListUsers(ctx context.Context, ws string) ([]*crm.User, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+userColumns+" FROM users u WHERE u.workspace_id = ? ORDER BY u.name, u.id", ws)
	if err != nil {
		return nil, fmt.Errorf("list users: %w", err)
	}
	defer rows.Close()
	out := []*crm.User{}
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// InsertUser stores a new user with a password hash.
func (tx *Tx) InsertUser(ctx context.Context, ws string, u *crm.User, passwordHash string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO users (workspace_id, id, email, name, role, team_id, locale, active,
		password_hash, version, created_at, created_by, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		ws, u.ID, u.Email, u.Name, u.Role, nullable(u.TeamID), u.Locale, u.Active, passwordHash,
		u.Version, u.CreatedAt, nullable(u.CreatedBy), u.UpdatedAt, nullable(u.UpdatedBy))
	if err != nil {
		if isUniqueViolation(err) {
			return &crm.Error{Code: crm.ECONFLICT, Message: "A user with this e-mail already exists.",
				Fields: []crm.FieldError{{Field: "email", Reason: "taken", Message: "is already in use"}}}
		}
		return tx.writeError("user", err)
	}
	return nil
}

// UpdateUser writes u's fields if still at fromVersion; a non-empty
// passwordHash replaces the password.
func (tx *Tx) UpdateUser(ctx context.Context, ws string, u *crm.User, fromVersion int, passwordHash string) error {
	res, err := tx.ExecContext(ctx, `UPDATE users SET name = ?, role = ?, team_id = ?, locale = ?, active = ?,
		password_hash = CASE WHEN ? = '' THEN password_hash ELSE ? END,
		version = ?, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`,
		u.Name, u.Role, nullable(u.TeamID), u.Locale, u.Active, passwordHash, passwordHash,
		u.Version, u.UpdatedAt, nullable(u.UpdatedBy), ws, u.ID, fromVersion)
	if err != nil {
		return tx.writeError("user", err)
	}
	return expectOne(res, "User")
}

// DeleteUserSessions signs a user out everywhere (after a password change
// or deactivation).
func (tx *Tx) DeleteUserSessions(ctx context.Context, ws, userID string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE workspace_id = ? AND user_id = ?", ws, userID)
	return err
}

// DeleteUserAPITokens revokes every personal API token of a user (after a
// password change or deactivation: a token made with a stolen password
// must not outlive it).
func (tx *Tx) DeleteUserAPITokens(ctx context.Context, ws, userID string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM api_tokens WHERE workspace_id = ? AND user_id = ?", ws, userID)
	return err
}

const teamColumns = `t.id, t.name, t.parent_id, t.version, t.created_at, t.created_by, t.updated_at, t.updated_by`

func scanTeam(row interface{ Scan(...any) error }) (*crm.Team, error) {
	t := &crm.Team{}
	err := row.Scan(str{&t.ID}, &t.Name, str{&t.ParentID}, &t.Version, utc{&t.CreatedAt}, str{&t.CreatedBy}, utc{&t.UpdatedAt}, str{&t.UpdatedBy})
	return t, err
}

// ListTeams returns every team of workspace ws by name.
func (q *Q) ListTeams(ctx context.Context, ws string) ([]*crm.Team, error) {
	rows, err := q.QueryContext(ctx, "SELECT "+teamColumns+" FROM teams t WHERE t.workspace_id = ? ORDER BY t.name, t.id", ws)
	if err != nil {
		return nil, fmt.Errorf("list teams: %w", err)
	}
	defer rows.Close()
	out := []*crm.Team{}
	for rows.Next() {
		t, err := scanTeam(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// GetTeam returns a team of workspace ws; ENOTFOUND if none.
func (q *Q) GetTeam(ctx context.Context, ws, id string) (*crm.Team, error) {
	if !crm.ValidID(id) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Team not found.")
	}
	t, err := scanTeam(q.QueryRowContext(ctx, "SELECT "+teamColumns+" FROM teams t WHERE t.workspace_id = ? AND t.id = ?", ws, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.ENOTFOUND, "Team not found.")
	}
	if err != nil {
		return nil, fmt.Errorf("get team %s: %w", id, err)
	}
	return t, nil
}

// InsertTeam stores a new team.
func (tx *Tx) InsertTeam(ctx context.Context, ws string, t *crm.Team) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO teams (workspace_id, id, name, parent_id, version, created_at, created_by, updated_at, updated_by)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, ws, t.ID, t.Name, nullable(t.ParentID), t.Version,
		t.CreatedAt, nullable(t.CreatedBy), t.UpdatedAt, nullable(t.UpdatedBy))
	if err != nil {
		if isUniqueViolation(err) {
			return &crm.Error{Code: crm.ECONFLICT, Message: "A team with this name already exists.",
				Fields: []crm.FieldError{{Field: "name", Reason: "taken", Message: "is already in use"}}}
		}
		return tx.writeError("team", err)
	}
	return nil
}

// UpdateTeam writes t's fields if still at fromVersion.
func (tx *Tx) UpdateTeam(ctx context.Context, ws string, t *crm.Team, fromVersion int) error {
	res, err := tx.ExecContext(ctx, `UPDATE teams SET name = ?, parent_id = ?, version = ?, updated_at = ?, updated_by = ?
		WHERE workspace_id = ? AND id = ? AND version = ?`, t.Name, nullable(t.ParentID), t.Version, t.UpdatedAt,
		nullable(t.UpdatedBy), ws, t.ID, fromVersion)
	if err != nil {
		if isUniqueViolation(err) {
			return &crm.Error{Code: crm.ECONFLICT, Message: "A team with this name already exists.",
				Fields: []crm.FieldError{{Field: "name", Reason: "taken", Message: "is already in use"}}}
		}
		return tx.writeError("team", err)
	}
	return expectOne(res, "Team")
}

// DeleteTeam removes a team that nobody and nothing refers to; ECONFLICT
// if users, records or sub-teams still do.
func (tx *Tx) DeleteTeam(ctx context.Context, ws, id string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM teams WHERE workspace_id = ? AND id = ?", ws, id)
	if isForeignKeyViolation(err) {
		return crm.Errorf(crm.ECONFLICT, "The team still has members, sub-teams or records; move them first.")
	}
	return err
}

// Session is a signed-in browser.
type Session struct {
	WorkspaceID string
	UserID      string
	CSRFToken   string
	ExpiresAt   time.Time
}

// InsertSession stores a session under the hash of its token.
func (tx *Tx) InsertSession(ctx context.Context, tokenHash string, s Session) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO sessions (token_hash, workspace_id, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?)",
		tokenHash, s.WorkspaceID, s.UserID, s.CSRFToken, tx.Now, s.ExpiresAt)
	return err
}

// SessionByHash returns a live session; ENOTFOUND if none or expired.
func (q *Q) SessionByHash(ctx context.Context, tokenHash string, now time.Time) (*Session, error) {
	s := &Session{}
	err := q.QueryRowContext(ctx, "SELECT workspace_id, user_id, csrf_token, expires_at FROM sessions WHERE token_hash = ? AND expires_at > ?", tokenHash, now).
		Scan(str{&s.WorkspaceID}, str{&s.UserID}, &s.CSRFToken, utc{&s.ExpiresAt})
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.EUNAUTHORIZED, "Your session has ended; please sign in again.")
	}
	if err != nil {
		return nil, fmt.Errorf("get session: %w", err)
	}
	return s, nil
}

// DeleteSession ends a session.
func (tx *Tx) DeleteSession(ctx context.Context, tokenHash string) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = ?", tokenHash)
	return err
}

// DeleteExpiredSessions removes sessions past their expiry.
func (tx *Tx) DeleteExpiredSessions(ctx context.Context) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM sessions WHERE expires_at <= ?", tx.Now)
	return err
}

// APIToken is a personal access token's record (the token itself is never
// stored, only its hash).
type APIToken struct {
	ID          string
	WorkspaceID string
	UserID      string
	Name        string
}

// InsertAPIToken stores a token's hash.
func (tx *Tx) InsertAPIToken(ctx context.Context, t APIToken, tokenHash string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO api_tokens (workspace_id, id, user_id, name, token_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)",
		t.WorkspaceID, t.ID, t.UserID, t.Name, tokenHash, tx.Now)
	return err
}

// APITokenByHash returns the token with this hash; EUNAUTHORIZED if none.
func (q *Q) APITokenByHash(ctx context.Context, tokenHash string) (*APIToken, error) {
	t := &APIToken{}
	err := q.QueryRowContext(ctx, "SELECT id, workspace_id, user_id, name FROM api_tokens WHERE token_hash = ?", tokenHash).
		Scan(str{&t.ID}, str{&t.WorkspaceID}, str{&t.UserID}, &t.Name)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, crm.Errorf(crm.EUNAUTHORIZED, "The API token is not valid.")
	}
	if err != nil {
		return nil, fmt.Errorf("get api token: %w", err)
	}
	return t, nil
}

// ListAPITokens returns a user's tokens, newest first.
func (q *Q) ListAPITokens(ctx context.Context, ws, userID string) ([]*crm.APIToken, error) {
	rows, err := q.QueryContext(ctx, "SELECT id, name, created_at FROM api_tokens WHERE workspace_id = ? AND user_id = ? ORDER BY created_at DESC, id DESC", ws, userID)
	if err != nil {
		return nil, fmt.Errorf("list api tokens: %w", err)
	}
	defer rows.Close()
	out := []*crm.APIToken{}
	for rows.Next() {
		t := &crm.APIToken{}
		if err := rows.Scan(str{&t.ID}, &t.Name, utc{&t.CreatedAt}); err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, rows.Err()
}

// DeleteAPIToken revokes one of a user's tokens; ENOTFOUND if none.
func (tx *Tx) DeleteAPIToken(ctx context.Context, ws, userID, id string) error {
	if !crm.ValidID(id) {
		return crm.Errorf(crm.ENOTFOUND, "Token not found.")
	}
	res, err := tx.ExecContext(ctx, "DELETE FROM api_tokens WHERE workspace_id = ? AND user_id = ? AND id = ?", ws, userID, id)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return crm.Errorf(crm.ENOTFOUND, "Token not found.")
	}
	return nil
}

// RecordLoginFailure notes a failed login for rate limiting.
func (tx *Tx) RecordLoginFailure(ctx context.Context, email, ip string) error {
	_, err := tx.ExecContext(ctx, "INSERT INTO login_failures (email, ip, at) VALUES (?, ?, ?)", email, ip, tx.Now)
	return err
}

// LoginFailures counts failures since a time for an e-mail and for an IP.
func (q *Q) LoginFailures(ctx context.Context, email, ip string, since time.Time) (byEmail, byIP int, err error) {
	err = q.QueryRowContext(ctx, `SELECT
		(SELECT count(*) FROM login_failures WHERE email = ? AND at > ?),
		(SELECT count(*) FROM login_failures WHERE ip = ? AND at > ?)`, email, since, ip, since).Scan(&byEmail, &byIP)
	return byEmail, byIP, err
}

// ClearLoginFailures forgets failures for an e-mail after a good login,
// and prunes old rows.
func (tx *Tx) ClearLoginFailures(ctx context.Context, email string, before time.Time) error {
	_, err := tx.ExecContext(ctx, "DELETE FROM login_failures WHERE email = ? OR at < ?", email, before)
	return err
}
