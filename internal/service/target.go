package service

import (
	"context"
	"math"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// ListTargets implements crm.TargetService.
func (s *Service) ListTargets(ctx context.Context, f crm.TargetFilter) ([]*crm.Target, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if f.Period != "" {
		if _, err := crm.ParsePeriod("period", f.Period); err != nil {
			return nil, err
		}
	}
	var p crm.Problems
	p.ID("user_id", f.UserID)
	p.ID("team_id", f.TeamID)
	if err := p.Err(); err != nil {
		return nil, err
	}
	r, _ := auth.TargetScopes(a)
	if r.None {
		return nil, forbidden("Your role has no sales targets.")
	}
	return s.db.Read().ListTargets(ctx, r, f)
}

// PutTarget implements crm.TargetService: it sets (creates or changes) the
// target of a person or team for a period, recording the change in the
// target's history.
func (s *Service) PutTarget(ctx context.Context, in crm.TargetInput) (*crm.Target, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	_, w := auth.TargetScopes(a)
	if w.None {
		return nil, forbidden("Only admins and managers set sales targets.")
	}
	if _, err := in.Validate(); err != nil {
		return nil, err
	}
	var t *crm.Target
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		name, err := s.targetSubject(ctx, tx, a, w, in)
		if err != nil {
			return err
		}
		old, err := tx.TargetFor(ctx, a.WorkspaceID, in.Period, in.UserID, in.TeamID)
		if err != nil {
			return err
		}
		if old == nil {
			t = &crm.Target{ID: store.NewID(), Period: in.Period, UserID: in.UserID, TeamID: in.TeamID, SubjectName: name,
				Amount: in.Amount, Currency: crm.Currency, Version: 1, UpdatedAt: tx.Now, UpdatedBy: a.UserID}
			if err := tx.InsertTarget(ctx, a.WorkspaceID, t); err != nil {
				return err
			}
			return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityTarget, t.ID, a.UserID, []crm.FieldChange{
				{Field: crm.FieldCreated, New: name + " " + in.Period},
				{Field: "amount", New: crm.Money{Amount: in.Amount, Currency: crm.Currency}.String()}})
		}
		n := *old
		t = &n
		if old.Amount == in.Amount {
			return nil
		}
		t.Amount, t.Version, t.UpdatedAt, t.UpdatedBy = in.Amount, old.Version+1, tx.Now, a.UserID
		if err := tx.UpdateTarget(ctx, a.WorkspaceID, t, old.Version); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityTarget, t.ID, a.UserID, []crm.FieldChange{{Field: "amount",
			Old: crm.Money{Amount: old.Amount, Currency: crm.Currency}.String(), New: crm.Money{Amount: in.Amount, Currency: crm.Currency}.String()}})
	})
	if err != nil {
		return nil, err
	}
	return t, nil
}

// targetSubject checks that the person or team of a target exists and is
// within the caller's write scope; it returns the subject's name.
func (s *Service) targetSubject(ctx context.Context, tx *store.Tx, a *crm.Actor, w crm.TargetScope, in crm.TargetInput) (string, error) {
	if in.UserID != "" {
		u, err := tx.GetUser(ctx, a.WorkspaceID, in.UserID)
		if crm.ErrorCode(err) == crm.ENOTFOUND || (err == nil && !u.Active) {
			return "", fieldError("user_id", "unknown_value", "is not an active user of this workspace")
		}
		if err != nil {
			return "", err
		}
		if !w.All && u.ID != a.UserID && !contains(w.TeamIDs, u.TeamID) {
			return "", fieldError("user_id", "out_of_scope", "is not in your teams")
		}
		return u.Name, nil
	}
	team, err := tx.GetTeam(ctx, a.WorkspaceID, in.TeamID)
	if crm.ErrorCode(err) == crm.ENOTFOUND {
		return "", fieldError("team_id", "unknown_value", "is not a team of this workspace")
	}
	if err != nil {
		return "", err
	}
	if !w.All && !contains(w.TeamIDs, team.ID) {
		return "", fieldError("team_id", "out_of_scope", "is not one of your teams")
	}
	return team.Name, nil
}

// TargetAttainment implements crm.TargetService: for every person and team
// whose targets the caller may read, the target of the period, for a
// quarter also the sum of its months' targets (both are shown, neither
// overrides the other), and what they won in the period. A person's won
// amount is their opportunities'; a team's is the opportunities recorded
// for that team (the team of the opportunity, not of its owner today).
func (s *Service) TargetAttainment(ctx context.Context, period string) (*crm.Attainment, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	p, err := crm.ParsePeriod("period", period)
	if err != nil {
		return nil, err
	}
	r, w := auth.TargetScopes(a)
	if r.None {
		return nil, forbidden("Your role has no sales targets.")
	}
	q := s.db.Read()
	users, teams, err := q.TargetSubjects(ctx, r)
	if err != nil {
		return nil, err
	}
	periods := []string{p.Key}
	if p.Kind == "quarter" {
		periods = append(periods, p.Months...)
	}
	targets, err := q.ListTargets(ctx, r, crm.TargetFilter{}, periods...)
	if err != nil {
		return nil, err
	}
	won, err := q.WonBetween(ctx, a.WorkspaceID, p.Start, p.End)
	if err != nil {
		return nil, err
	}
	out := &crm.Attainment{Period: p.Key, Kind: p.Kind, Start: crm.Date(p.Start.Format("2006-01-02")), End: crm.Date(p.End.Format("2006-01-02")),
		Months: p.Months, Currency: crm.Currency, CanEdit: !w.None, Rows: []crm.AttainmentRow{}}
	allTeams, err := q.ListTeams(ctx, a.WorkspaceID)
	if err != nil {
		return nil, err
	}
	parent := make(map[string]string, len(allTeams))
	for _, t := range allTeams {
		parent[t.ID] = t.ParentID
	}
	type sums struct{ count, amount int64 }
	byUser, byTeam := map[string]sums{}, map[string]sums{}
	for _, x := range won {
		u := byUser[x.OwnerID]
		byUser[x.OwnerID] = sums{u.count + x.Count, addClamped(u.amount, x.Amount)}
		// A team's attainment includes its sub-teams' deals: HQ's target
		// is met by East's wins too. seen guards against a cycle.
		seen := map[string]bool{}
		for team := x.TeamID; team != "" && !seen[team]; team = parent[team] {
			seen[team] = true
			t := byTeam[team]
			byTeam[team] = sums{t.count + x.Count, addClamped(t.amount, x.Amount)}
		}
	}
	row := func(subject string, x store.TargetSubject, got sums) crm.AttainmentRow {
		row := crm.AttainmentRow{Subject: subject, ID: x.ID, Name: x.Name, TeamID: x.TeamID, Won: got.amount, WonCount: got.count}
		var months int64
		haveMonths := false
		for _, t := range targets {
			if (subject == "user" && t.UserID != x.ID) || (subject == "team" && t.TeamID != x.ID) {
				continue
			}
			if t.Period == p.Key {
				amount := t.Amount
				row.Target = &amount
			} else {
				months = addClamped(months, t.Amount)
				haveMonths = true
			}
		}
		if haveMonths {
			row.MonthsTarget = &months
		}
		if row.Target != nil {
			gap := max(*row.Target-row.Won, 0)
			row.Gap = &gap
			if *row.Target > 0 {
				pct := math.Round(float64(row.Won)/float64(*row.Target)*1000) / 10
				row.Percent = &pct
			}
		}
		if subject == "user" {
			row.Editable = !w.None && (w.All || x.ID == a.UserID || contains(w.TeamIDs, x.TeamID))
		} else {
			row.Editable = !w.None && (w.All || contains(w.TeamIDs, x.ID))
		}
		return row
	}
	for _, t := range teams {
		out.Rows = append(out.Rows, row("team", t, byTeam[t.ID]))
	}
	for _, u := range users {
		got := byUser[u.ID]
		// People who neither sell nor have a target stay off the table.
		rw := row("user", u, got)
		if u.Role != crm.RoleSales && u.Role != crm.RoleManager && rw.Target == nil && rw.MonthsTarget == nil && got.count == 0 {
			continue
		}
		out.Rows = append(out.Rows, rw)
	}
	return out, nil
}

var _ crm.TargetService = (*Service)(nil)
