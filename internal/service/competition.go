package service

import (
	"context"
	"sort"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// Competitors in play and win/loss follow the opportunity's scope: the
// caller reads what the opportunity lets them read and changes what it
// lets them change. Changes land in the opportunity's history.

// ListOpportunityCompetitors implements crm.CompetitionService.
func (s *Service) ListOpportunityCompetitors(ctx context.Context, opportunityID string) ([]*crm.OpportunityCompetitor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	q := s.db.Read()
	if _, err := q.GetOpportunity(ctx, r, opportunityID); err != nil {
		return nil, err
	}
	return q.OpportunityCompetitors(ctx, a.WorkspaceID, opportunityID)
}

// AddOpportunityCompetitor implements crm.CompetitionService.
func (s *Service) AddOpportunityCompetitor(ctx context.Context, opportunityID, competitorID string) (*crm.OpportunityCompetitor, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var out *crm.OpportunityCompetitor
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		o, err := s.writableOpportunity(ctx, tx, a, opportunityID, 0)
		if err != nil {
			return err
		}
		var p crm.Problems
		if competitorID == "" {
			p.Required("competitor_id")
		}
		p.ID("competitor_id", competitorID)
		if err := p.Err(); err != nil {
			return err
		}
		k, err := liveCompetitor(ctx, &tx.Q, a, "competitor_id", competitorID)
		if err != nil {
			return err
		}
		out = &crm.OpportunityCompetitor{OpportunityID: o.ID, CompetitorID: k.ID, CompetitorName: k.Name, AddedAt: tx.Now, AddedBy: a.UserID}
		if err := tx.AddOpportunityCompetitor(ctx, a.WorkspaceID, out); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityOpportunity, o.ID, "competitor_in_play", "", k.Name)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RemoveOpportunityCompetitor implements crm.CompetitionService; the
// competitor's worksheet row goes with it.
func (s *Service) RemoveOpportunityCompetitor(ctx context.Context, opportunityID, competitorID string) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		o, err := s.writableOpportunity(ctx, tx, a, opportunityID, 0)
		if err != nil {
			return err
		}
		if !crm.ValidID(competitorID) {
			return crm.Errorf(crm.ENOTFOUND, "This competitor is not in play on the opportunity.")
		}
		k, err := tx.GetCompetitor(ctx, a.WorkspaceID, competitorID)
		if err != nil {
			return err
		}
		if err := tx.RemoveOpportunityCompetitor(ctx, a.WorkspaceID, o.ID, competitorID); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityOpportunity, o.ID, "competitor_in_play", k.Name, "")
	})
}

// lossReasonsShown is how many loss reasons a win/loss line keeps.
const lossReasonsShown = 5

// CompetitorWinLoss implements crm.CompetitionService: won and lost
// opportunities with the competitor in play, and the open pipeline
// against it, over the opportunities the caller can see.
func (s *Service) CompetitorWinLoss(ctx context.Context, competitorID string) (*crm.WinLoss, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	q := s.db.Read()
	k, err := q.GetCompetitor(ctx, a.WorkspaceID, competitorID)
	if err != nil {
		return nil, err
	}
	kinds, err := stageKinds(ctx, q, a.WorkspaceID)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	rows, err := q.WinLossRows(ctx, r, kinds, k.ID, lossReasonsShown)
	if err != nil {
		return nil, err
	}
	w := rows[k.ID]
	if w == nil {
		w = &crm.WinLoss{CompetitorID: k.ID, Currency: crm.Currency, LossReasons: []crm.ReasonCount{}}
	}
	w.CompetitorName = k.Name
	winRate(w)
	return w, nil
}

// WinLossByCompetitor implements crm.CompetitionService.
func (s *Service) WinLossByCompetitor(ctx context.Context) (*crm.WinLossReport, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	q := s.db.Read()
	kinds, err := stageKinds(ctx, q, a.WorkspaceID)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	rows, err := q.WinLossRows(ctx, r, kinds, "", 3)
	if err != nil {
		return nil, err
	}
	names, err := q.CompetitorNames(ctx, a.WorkspaceID)
	if err != nil {
		return nil, err
	}
	rep := &crm.WinLossReport{Currency: crm.Currency, Competitors: []crm.WinLoss{}}
	for _, w := range rows {
		w.CompetitorName = names[w.CompetitorID]
		winRate(w)
		rep.Competitors = append(rep.Competitors, *w)
	}
	sort.Slice(rep.Competitors, func(i, j int) bool {
		a, b := rep.Competitors[i], rep.Competitors[j]
		na, nb := a.Won+a.Lost+a.Open, b.Won+b.Lost+b.Open
		return na > nb || (na == nb && strings.Compare(a.CompetitorName, b.CompetitorName) < 0)
	})
	return rep, nil
}

// stageKinds maps the workspace's stage keys to their kinds.
func stageKinds(ctx context.Context, q *store.Q, ws string) (map[string]crm.StageKind, error) {
	stages, err := q.PipelineStages(ctx, ws)
	if err != nil {
		return nil, err
	}
	out := make(map[string]crm.StageKind, len(stages))
	for _, st := range stages {
		out[st.Key] = st.Kind
	}
	return out, nil
}

func winRate(w *crm.WinLoss) {
	if closed := w.Won + w.Lost; closed > 0 {
		r := float64(w.Won) / float64(closed)
		w.WinRate = &r
	}
}
