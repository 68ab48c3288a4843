package service

import (
	"context"
	"math"
	"strings"

	"github.com/guanxi-crm/guanxi/crm"
	"github.com/guanxi-crm/guanxi/internal/store"
)

// PipelineStages implements crm.OpportunityService.
func (s *Service) PipelineStages(ctx context.Context) ([]crm.PipelineStage, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	return s.db.Read().PipelineStages(ctx, a.WorkspaceID)
}

// stageOf finds key among the workspace's stages, or reports a field
// error on field.
func stageOf(stages []crm.PipelineStage, field, key string) (crm.PipelineStage, error) {
	for _, st := range stages {
		if st.Key == key {
			return st, nil
		}
	}
	return crm.PipelineStage{}, fieldError(field, "unknown_value", "is not a stage of this workspace's pipeline")
}

// CreateOpportunity implements crm.OpportunityService. The opportunity is
// owned by in.OwnerID, else the account's owner, else the caller; it
// starts in in.Stage or the first open stage with that stage's
// probability unless one is given.
func (s *Service) CreateOpportunity(ctx context.Context, in crm.OpportunityFields) (*crm.Opportunity, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	if _, w := scopes(a, crm.EntityOpportunity); w.Level == crm.ScopeNone {
		return nil, forbidden("Your role may not create opportunities.")
	}
	in.Normalize()
	if err := in.Validate(); err != nil {
		return nil, err
	}
	o := &crm.Opportunity{ID: store.NewID(), AccountID: in.AccountID, Name: in.Name, Amount: in.Amount,
		ExpectedClose: in.ExpectedClose, PurchasePlan: in.PurchasePlan, Problem: in.Problem, Budget: in.Budget,
		PurchaseTimeline: in.PurchaseTimeline, PurchasingProcess: in.PurchasingProcess, Competitors: in.Competitors,
		WinLossReason: in.WinLossReason, Currency: crm.Currency}
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		stages, err := tx.PipelineStages(ctx, a.WorkspaceID)
		if err != nil {
			return err
		}
		var st crm.PipelineStage
		if in.Stage == "" {
			for _, x := range stages {
				if x.Kind == crm.StageOpen {
					st = x
					break
				}
			}
			if st.Key == "" {
				return fieldError("stage", "required", "is required: the pipeline has no open stage")
			}
		} else if st, err = stageOf(stages, "stage", in.Stage); err != nil {
			return err
		}
		if st.Kind.Closed() && o.WinLossReason == "" {
			return fieldError("win_loss_reason", "required", "is required to close an opportunity as won or lost")
		}
		o.Stage, o.StageKind, o.Probability = st.Key, st.Kind, st.Probability
		if in.Probability != nil {
			o.Probability = *in.Probability
		}
		acc, err := s.orderAccount(ctx, tx, a, in.AccountID)
		if err != nil {
			return err
		}
		o.AccountName = acc.Name
		if err := s.setOpportunityOwner(ctx, tx, a, o, firstNonEmpty(in.OwnerID, acc.OwnerID, a.UserID)); err != nil {
			return err
		}
		o.Meta = newMeta(tx, a)
		o.StageChangedAt = tx.Now
		if err := tx.InsertOpportunities(ctx, a.WorkspaceID, []*crm.Opportunity{o}); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityOpportunity, o.ID, crm.FieldCreated, "", o.Name)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// setOpportunityOwner makes ownerID the owner of o if a may assign it and
// the opportunity then stays in a's write scope.
func (s *Service) setOpportunityOwner(ctx context.Context, tx *store.Tx, a *crm.Actor, o *crm.Opportunity, ownerID string) error {
	team, err := s.resolveOwner(ctx, &tx.Q, a, ownerID)
	if err != nil {
		return err
	}
	if _, w := scopes(a, crm.EntityOpportunity); !store.InScope(w, ownerID, team) {
		return forbidden("You may only record opportunities that you own.")
	}
	o.OwnerID, o.TeamID = ownerID, team
	return nil
}

// GetOpportunity implements crm.OpportunityService.
func (s *Service) GetOpportunity(ctx context.Context, id string) (*crm.Opportunity, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	return s.db.Read().GetOpportunity(ctx, r, id)
}

// ListOpportunities implements crm.OpportunityService.
func (s *Service) ListOpportunities(ctx context.Context, f crm.OpportunityFilter) (*crm.Page[*crm.Opportunity], error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	return s.db.Read().ListOpportunities(ctx, r, f)
}

// writableOpportunity loads an opportunity for a change by a: ENOTFOUND
// outside the read scope, EFORBIDDEN outside the write scope, ECONFLICT
// in the recycle bin, ESTALE at another version.
func (s *Service) writableOpportunity(ctx context.Context, tx *store.Tx, a *crm.Actor, id string, version int) (*crm.Opportunity, error) {
	r, w := scopes(a, crm.EntityOpportunity)
	o, err := tx.GetOpportunity(ctx, r, id)
	if err != nil {
		return nil, err
	}
	if !store.InScope(w, o.OwnerID, o.TeamID) {
		return nil, forbidden("You may view this opportunity but not change it.")
	}
	if o.DeletedAt != nil {
		return nil, crm.Errorf(crm.ECONFLICT, "This opportunity is in the recycle bin; restore it first.")
	}
	return o, checkVersion("The opportunity", o.Version, version)
}

// UpdateOpportunity implements crm.OpportunityService.
func (s *Service) UpdateOpportunity(ctx context.Context, id string, version int, upd crm.OpportunityUpdate) (*crm.Opportunity, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var o *crm.Opportunity
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableOpportunity(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		n := *old
		o = &n
		set(&o.Name, upd.Name)
		set(&o.Amount, upd.Amount)
		set(&o.Probability, upd.Probability)
		set(&o.ExpectedClose, upd.ExpectedClose)
		set(&o.PurchasePlan, upd.PurchasePlan)
		set(&o.Problem, upd.Problem)
		set(&o.PurchaseTimeline, upd.PurchaseTimeline)
		set(&o.PurchasingProcess, upd.PurchasingProcess)
		set(&o.Competitors, upd.Competitors)
		set(&o.WinLossReason, upd.WinLossReason)
		if upd.Budget != nil {
			if *upd.Budget < 0 {
				o.Budget = nil
			} else {
				b := *upd.Budget
				o.Budget = &b
			}
		}
		o.Name = strings.TrimSpace(o.Name)
		o.WinLossReason = strings.TrimSpace(o.WinLossReason)
		if err := o.Validate(); err != nil {
			return err
		}
		if o.StageKind.Closed() && o.WinLossReason == "" {
			return fieldError("win_loss_reason", "required", "is required while the opportunity is won or lost")
		}
		if upd.OwnerID != nil && *upd.OwnerID != old.OwnerID {
			if err := s.setOpportunityOwner(ctx, tx, a, o, *upd.OwnerID); err != nil {
				return err
			}
		}
		changes := crm.Diff(old.Snapshot(), o.Snapshot())
		if len(changes) == 0 {
			return nil
		}
		touch(&o.Meta, tx, a)
		if err := tx.UpdateOpportunity(ctx, a.WorkspaceID, o, old.Version); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityOpportunity, id, a.UserID, changes)
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// MoveOpportunity implements crm.OpportunityService. The opportunity takes
// the probability of its new stage; the move is recorded in the stage
// changes and the field history. Moving to the stage it is in changes
// nothing.
func (s *Service) MoveOpportunity(ctx context.Context, id string, version int, mv crm.OpportunityMove) (*crm.Opportunity, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var o *crm.Opportunity
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableOpportunity(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		stages, err := tx.PipelineStages(ctx, a.WorkspaceID)
		if err != nil {
			return err
		}
		to, err := stageOf(stages, "stage", strings.TrimSpace(mv.Stage))
		if err != nil {
			return err
		}
		n := *old
		o = &n
		if to.Key == old.Stage {
			return nil
		}
		if old.StageKind.Closed() && to.Kind.Closed() {
			return fieldError("stage", "closed", "a won or lost opportunity reopens only into an open stage")
		}
		if mv.WinLossReason != nil {
			o.WinLossReason = strings.TrimSpace(*mv.WinLossReason)
		}
		if to.Kind.Closed() && o.WinLossReason == "" {
			return fieldError("win_loss_reason", "required", "is required to close an opportunity as won or lost")
		}
		o.Stage, o.StageKind, o.Probability, o.StageChangedAt = to.Key, to.Kind, to.Probability, tx.Now
		if err := o.Validate(); err != nil {
			return err
		}
		touch(&o.Meta, tx, a)
		if err := tx.UpdateOpportunity(ctx, a.WorkspaceID, o, old.Version); err != nil {
			return err
		}
		if err := tx.AppendStageChange(ctx, a.WorkspaceID, crm.StageChange{OpportunityID: id, FromStage: old.Stage,
			ToStage: to.Key, At: tx.Now, By: a.UserID}); err != nil {
			return err
		}
		return tx.AppendHistory(ctx, a.WorkspaceID, crm.EntityOpportunity, id, a.UserID, crm.Diff(old.Snapshot(), o.Snapshot()))
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// DeleteOpportunity implements crm.OpportunityService.
func (s *Service) DeleteOpportunity(ctx context.Context, id string, version int) error {
	a, err := actor(ctx)
	if err != nil {
		return err
	}
	return s.db.WithTx(ctx, func(tx *store.Tx) error {
		old, err := s.writableOpportunity(ctx, tx, a, id, version)
		if err != nil {
			return err
		}
		o := *old
		now := tx.Now
		o.DeletedAt = &now
		touch(&o.Meta, tx, a)
		if err := tx.UpdateOpportunity(ctx, a.WorkspaceID, &o, old.Version); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityOpportunity, id, crm.FieldDeleted, "", "")
	})
}

// RestoreOpportunity implements crm.OpportunityService.
func (s *Service) RestoreOpportunity(ctx context.Context, id string) (*crm.Opportunity, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	var o *crm.Opportunity
	err = s.db.WithTx(ctx, func(tx *store.Tx) error {
		r, w := scopes(a, crm.EntityOpportunity)
		old, err := tx.GetOpportunity(ctx, r, id)
		if err != nil {
			return err
		}
		if !store.InScope(w, old.OwnerID, old.TeamID) {
			return forbidden("You may view this opportunity but not change it.")
		}
		if old.DeletedAt == nil {
			return crm.Errorf(crm.ECONFLICT, "This opportunity is not in the recycle bin.")
		}
		if _, err := s.orderAccount(ctx, tx, a, old.AccountID); err != nil {
			return crm.Errorf(crm.ECONFLICT, "The opportunity's account is in the recycle bin; restore it first.")
		}
		n := *old
		o = &n
		o.DeletedAt = nil
		touch(&o.Meta, tx, a)
		if err := tx.UpdateOpportunity(ctx, a.WorkspaceID, o, old.Version); err != nil {
			return err
		}
		return event(ctx, tx, a, crm.EntityOpportunity, id, crm.FieldRestored, "", "")
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// StageChanges implements crm.OpportunityService.
func (s *Service) StageChanges(ctx context.Context, id string) ([]crm.StageChange, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	q := s.db.Read()
	if _, err := q.GetOpportunity(ctx, r, id); err != nil {
		return nil, err
	}
	return q.StageChanges(ctx, a.WorkspaceID, id)
}

// pipelineColumnSize is the number of cards per column of the board.
const pipelineColumnSize = 20

// Pipeline implements crm.OpportunityService: per stage, the totals of the
// live opportunities the caller can see and the first page of them by
// expected close.
func (s *Service) Pipeline(ctx context.Context, f crm.PipelineFilter) (*crm.Pipeline, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	q := s.db.Read()
	stages, err := q.PipelineStages(ctx, a.WorkspaceID)
	if err != nil {
		return nil, err
	}
	base := crm.OpportunityFilter{OwnerID: f.OwnerID, TeamID: f.TeamID}
	totals, err := q.PipelineTotals(ctx, r, base)
	if err != nil {
		return nil, err
	}
	limit := f.Limit
	if limit <= 0 {
		limit = pipelineColumnSize
	}
	p := &crm.Pipeline{Currency: crm.Currency, Columns: make([]crm.PipelineColumn, len(stages))}
	for i, st := range stages {
		t := totals[st.Key]
		col := crm.PipelineColumn{Stage: st, Count: t.Count, Amount: t.Amount, Weighted: t.Weighted, Items: []*crm.Opportunity{}}
		if t.Count > 0 {
			fl := base
			fl.Stage, fl.Sort, fl.Limit = st.Key, "expected_close", limit
			page, err := q.ListOpportunities(ctx, r, fl)
			if err != nil {
				return nil, err
			}
			col.Items, col.NextCursor = page.Items, page.NextCursor
		}
		p.Columns[i] = col
	}
	return p, nil
}

// Forecast sums the caller's visible open opportunities by month of
// expected close: the weighted pipeline a sales forecast reads.
func (s *Service) Forecast(ctx context.Context, f crm.PipelineFilter) (*crm.Forecast, error) {
	a, err := actor(ctx)
	if err != nil {
		return nil, err
	}
	r, _ := scopes(a, crm.EntityOpportunity)
	days, err := s.db.Read().OpenByCloseDate(ctx, r, crm.OpportunityFilter{OwnerID: f.OwnerID, TeamID: f.TeamID})
	if err != nil {
		return nil, err
	}
	thisMonth := store.Now().Format("2006-01")
	out := &crm.Forecast{Currency: crm.Currency, Months: []crm.ForecastMonth{}}
	for _, d := range days {
		month := string(d.Date)[:min(7, len(d.Date))]
		if n := len(out.Months); n == 0 || out.Months[n-1].Month != month {
			out.Months = append(out.Months, crm.ForecastMonth{Month: month, Overdue: month < thisMonth})
		}
		m := &out.Months[len(out.Months)-1]
		m.Count += d.Count
		m.Amount = addClamped(m.Amount, d.Amount)
		m.Weighted = addClamped(m.Weighted, d.Weighted)
	}
	return out, nil
}

// addClamped adds two non-negative sums, stopping at the int64 maximum.
func addClamped(a, b int64) int64 {
	if a > math.MaxInt64-b {
		return math.MaxInt64
	}
	return a + b
}
