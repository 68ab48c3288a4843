package service

import (
	"context"
	"fmt"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/auth"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// SavePipelineStages implements crm.PipelineConfigService: admins replace
// the workspace's stages in one transaction. A stage that still has
// opportunities (the recycle bin included, which still points at it)
// cannot be removed; any problem writes nothing.
func (s *Service) SavePipelineStages(ctx context.Context, in []crm.StageInput) ([]crm.PipelineStage, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if !auth.CanConfigurePipeline(a) {
		return nil, forbidden("Only admins may configure the pipeline.")
	}
	crm.NormalizeStages(in)
	var out []crm.PipelineStage
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		current, err := tx.PipelineStages(ctx, a.WorkspaceID)
		if err != nil {
			return err
		}
		if err := crm.ValidateStages(in, current); err != nil {
			return err
		}
		keep := map[string]bool{}
		for _, st := range in {
			keep[st.Key] = true
		}
		use, err := tx.StageUse(ctx, a.WorkspaceID)
		if err != nil {
			return err
		}
		var remove []string
		var p crm.Problems
		for _, st := range current {
			if keep[st.Key] {
				continue
			}
			if n := use[st.Key]; n > 0 {
				p.Add("stages", "in_use", fmt.Sprintf("stage %q (%s) still has %d opportunities; move them first", st.Key, st.Name, n))
			}
			remove = append(remove, st.Key)
		}
		if err := p.Err(); err != nil {
			return err
		}
		if err := tx.SaveStages(ctx, a.WorkspaceID, in, remove); err != nil {
			return err
		}
		out, err = tx.PipelineStages(ctx, a.WorkspaceID)
		return err
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// PipelineReport implements crm.PipelineConfigService over the live
// opportunities the caller can see, created in the period.
func (s *Service) PipelineReport(ctx context.Context, f crm.PipelineReportFilter) (*crm.PipelineReport, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var p crm.Problems
	p.ID("owner_id", f.OwnerID)
	p.ID("team_id", f.TeamID)
	if f.From != nil && f.To != nil && !f.From.Before(*f.To) {
		p.Add("to", "out_of_range", "must be after from")
	}
	if err := p.Err(); err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	q := s.db.Read()
	stages, err := q.PipelineStages(ctx, a.WorkspaceID)
	if err != nil {
		return nil, err
	}
	visits, err := q.StageVisits(ctx, r, f)
	if err != nil {
		return nil, err
	}
	rep := stageReport(stages, visits, store.Now())
	rep.From, rep.To = f.From, f.To
	return rep, nil
}
