package store

import (
	"strings"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

// conds collects the conditions and arguments of a WHERE clause.
type conds struct {
	sql  []string
	args []any
}

func (c *conds) add(cond string, args ...any) {
	c.sql = append(c.sql, cond)
	c.args = append(c.args, args...)
}

func (c *conds) where() string {
	if len(c.sql) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(c.sql, " AND ")
}

// scope adds the conditions of s for the table aliased alias: always its
// workspace, and the owner or team restriction of the scope's level.
// Tables under scope have owner_id and team_id columns.
func (c *conds) scope(s crm.Scope, alias string) {
	c.scopeOn(s, alias, alias+".owner_id", alias+".team_id")
}

// scopeOn is scope for a table whose owner and team columns have other
// names (a task's assignee).
func (c *conds) scopeOn(s crm.Scope, alias, owner, team string) {
	if s.WorkspaceID == "" || !crm.ValidID(s.WorkspaceID) {
		c.add("1 = 0")
		return
	}
	c.add(alias+".workspace_id = ?", s.WorkspaceID)
	switch s.Level {
	case crm.ScopeAll:
	case crm.ScopeOwn:
		c.add(owner+" = ?", s.UserID)
	case crm.ScopeTeam:
		if len(s.TeamIDs) == 0 {
			c.add(owner+" = ?", s.UserID)
			return
		}
		args := []any{s.UserID}
		for _, t := range s.TeamIDs {
			args = append(args, t)
		}
		c.add("("+owner+" = ? OR "+team+" IN ("+placeholders(len(s.TeamIDs))+"))", args...)
	default:
		c.add("1 = 0")
	}
}

// deleted adds the soft-delete condition for a list.
func (c *conds) deleted(d crm.Deleted, alias string) {
	switch d {
	case crm.DeletedOnly:
		c.add(alias + ".deleted_at IS NOT NULL")
	case crm.DeletedInclude:
	default:
		c.add(alias + ".deleted_at IS NULL")
	}
}

func placeholders(n int) string {
	if n <= 0 {
		return ""
	}
	return strings.Repeat("?, ", n-1) + "?"
}

// InScope reports whether a record owned by ownerID in teamID falls in s;
// the service uses it to tell "may read but not write" from "not found".
func InScope(s crm.Scope, ownerID, teamID string) bool {
	switch s.Level {
	case crm.ScopeAll:
		return true
	case crm.ScopeOwn:
		return ownerID != "" && ownerID == s.UserID
	case crm.ScopeTeam:
		if ownerID != "" && ownerID == s.UserID {
			return true
		}
		for _, t := range s.TeamIDs {
			if teamID != "" && t == teamID {
				return true
			}
		}
	}
	return false
}

// timeRange adds from <= column < to for the bounds that are set.
func (c *conds) timeRange(column string, from, to *time.Time) {
	if from != nil {
		c.add(column+" >= ?", from.UTC())
	}
	if to != nil {
		c.add(column+" < ?", to.UTC())
	}
}
