package crm

import (
	"context"
	"strings"
	"time"
)

// Locales the UI speaks.
var Locales = []string{"zh-CN", "en"}

// Workspace is one company's CRM: every business record belongs to exactly
// one, and no query crosses workspaces.
type Workspace struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	Slug      string    `json:"slug"`
	CreatedAt time.Time `json:"created_at"`
}

// User is a person who signs in to a workspace.
type User struct {
	ID     string `json:"id" readOnly:"true"`
	Email  string `json:"email"`
	Name   string `json:"name"`
	Role   Role   `json:"role" enum:"admin,manager,sales,finance,warehouse,service,marketing,viewer"`
	TeamID string `json:"team_id,omitempty"`
	Locale string `json:"locale" enum:"zh-CN,en"`
	Active bool   `json:"active"`
	Meta
}

// UserCreate is the input for a new user.
type UserCreate struct {
	Email    string `json:"email" maxLength:"254"`
	Name     string `json:"name" maxLength:"200"`
	Password string `json:"password" minLength:"10" maxLength:"200" writeOnly:"true"`
	Role     Role   `json:"role" enum:"admin,manager,sales,finance,warehouse,service,marketing,viewer"`
	TeamID   string `json:"team_id,omitempty"`
	Locale   string `json:"locale,omitempty" enum:"zh-CN,en"`
}

// MinPasswordLen is the shortest password accepted.
const MinPasswordLen = 10

// Normalize canonicalises the e-mail address, the login name.
func (u *UserCreate) Normalize() {
	u.Email = strings.ToLower(strings.TrimSpace(u.Email))
	u.Name = strings.TrimSpace(u.Name)
	if u.Locale == "" {
		u.Locale = "zh-CN"
	}
}

// Validate checks a new user's fields.
func (u *UserCreate) Validate() error {
	var p Problems
	if u.Email == "" {
		p.Required("email")
	}
	p.Email("email", u.Email)
	p.RequiredText("name", u.Name, MaxName)
	checkPassword(&p, "password", u.Password)
	if u.Role == "" {
		p.Required("role")
	}
	p.Enum("role", string(u.Role), RoleNames())
	p.ID("team_id", u.TeamID)
	p.Enum("locale", u.Locale, Locales)
	return p.Err()
}

func checkPassword(p *Problems, field, pw string) {
	switch n := len([]rune(pw)); {
	case n < MinPasswordLen:
		p.Add(field, "too_short", "must be at least 10 characters")
	case n > 200:
		p.Add(field, "too_long", "is longer than 200 characters")
	}
}

// UserUpdate changes the fields that are set. Only admins change role,
// team, activity and other people's passwords.
type UserUpdate struct {
	Name     *string `json:"name,omitempty" maxLength:"200"`
	Role     *Role   `json:"role,omitempty" enum:"admin,manager,sales,finance,warehouse,service,marketing,viewer"`
	TeamID   *string `json:"team_id,omitempty"`
	Locale   *string `json:"locale,omitempty" enum:"zh-CN,en"`
	Active   *bool   `json:"active,omitempty"`
	Password *string `json:"password,omitempty" minLength:"10" maxLength:"200" writeOnly:"true"`
}

// Validate checks the set fields.
func (u *UserUpdate) Validate() error {
	var p Problems
	if u.Name != nil {
		p.RequiredText("name", *u.Name, MaxName)
	}
	if u.Role != nil {
		p.Enum("role", string(*u.Role), RoleNames())
		if *u.Role == "" {
			p.Required("role")
		}
	}
	if u.TeamID != nil {
		p.ID("team_id", *u.TeamID)
	}
	if u.Locale != nil {
		p.Enum("locale", *u.Locale, Locales)
	}
	if u.Password != nil {
		checkPassword(&p, "password", *u.Password)
	}
	return p.Err()
}

// AdminOnly reports whether u changes something only an admin may change.
func (u *UserUpdate) AdminOnly() bool {
	return u.Role != nil || u.TeamID != nil || u.Active != nil
}

// Team is a group of users; a manager sees the records of the team and of
// the teams below it.
type Team struct {
	ID       string `json:"id" readOnly:"true"`
	Name     string `json:"name"`
	ParentID string `json:"parent_id,omitempty"`
	Meta
}

// TeamInput creates or replaces a team's fields.
type TeamInput struct {
	Name     string `json:"name" minLength:"1" maxLength:"100"`
	ParentID string `json:"parent_id,omitempty"`
}

// Validate checks a team's fields.
func (t *TeamInput) Validate() error {
	var p Problems
	t.Name = strings.TrimSpace(t.Name)
	p.RequiredText("name", t.Name, MaxShort)
	p.ID("parent_id", t.ParentID)
	return p.Err()
}

// APIToken describes a personal API token; the token itself is shown once
// when created and never stored.
type APIToken struct {
	ID        string    `json:"id"`
	Name      string    `json:"name"`
	CreatedAt time.Time `json:"created_at"`
}

// UserService manages users and teams. Everyone in a workspace may list
// users and teams (to pick owners); only admins change them, except that a
// user may change their own name, locale and password.
type UserService interface {
	CreateUser(ctx context.Context, in UserCreate) (*User, error)
	GetUser(ctx context.Context, id string) (*User, error)
	ListUsers(ctx context.Context) ([]*User, error)
	UpdateUser(ctx context.Context, id string, version int, upd UserUpdate) (*User, error)
	CreateTeam(ctx context.Context, in TeamInput) (*Team, error)
	ListTeams(ctx context.Context) ([]*Team, error)
	UpdateTeam(ctx context.Context, id string, version int, in TeamInput) (*Team, error)
	DeleteTeam(ctx context.Context, id string) error
}
