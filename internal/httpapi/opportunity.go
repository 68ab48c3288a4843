package httpapi

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
)

type opportunityOutput struct {
	ETag string `header:"ETag"`
	Body *crm.Opportunity
}

type listOpportunitiesInput struct {
	AccountID string `query:"account_id" maxLength:"36"`
	Stage     string `query:"stage" maxLength:"64" doc:"A stage key of the workspace's pipeline."`
	OwnerID   string `query:"owner_id" maxLength:"36"`
	TeamID    string `query:"team_id" maxLength:"36"`
	Q         string `query:"q" maxLength:"100" doc:"Part of the name."`
	Deleted   string `query:"deleted" enum:"only,include" doc:"only = the recycle bin."`
	Sort      string `query:"sort" doc:"expected_close (default), amount, name, updated_at or created_at; - prefix for descending."`
	Limit     int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Cursor    string `query:"cursor" maxLength:"2048"`
}

type opportunityPageOutput struct {
	Body *crm.Page[*crm.Opportunity]
}

func (h *handlers) listOpportunities(ctx context.Context, in *listOpportunitiesInput) (*opportunityPageOutput, error) {
	page, err := h.svc.ListOpportunities(ctx, crm.OpportunityFilter{AccountID: in.AccountID, Stage: in.Stage, OwnerID: in.OwnerID,
		TeamID: in.TeamID, Q: in.Q, Deleted: crm.Deleted(in.Deleted), Sort: in.Sort, Limit: in.Limit, Cursor: in.Cursor})
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &opportunityPageOutput{Body: page}, nil
}

type createOpportunityInput struct {
	Body crm.OpportunityFields
}

func (h *handlers) createOpportunity(ctx context.Context, in *createOpportunityInput) (*opportunityOutput, error) {
	o, err := h.svc.CreateOpportunity(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &opportunityOutput{ETag: etag(o.Version), Body: o}, nil
}

func (h *handlers) getOpportunity(ctx context.Context, in *idInput) (*opportunityOutput, error) {
	o, err := h.svc.GetOpportunity(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &opportunityOutput{ETag: etag(o.Version), Body: o}, nil
}

type updateOpportunityInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.OpportunityUpdate
}

func (h *handlers) updateOpportunity(ctx context.Context, in *updateOpportunityInput) (*opportunityOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	o, err := h.svc.UpdateOpportunity(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &opportunityOutput{ETag: etag(o.Version), Body: o}, nil
}

type moveOpportunityInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.OpportunityMove
}

func (h *handlers) moveOpportunity(ctx context.Context, in *moveOpportunityInput) (*opportunityOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	o, err := h.svc.MoveOpportunity(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &opportunityOutput{ETag: etag(o.Version), Body: o}, nil
}

func (h *handlers) deleteOpportunity(ctx context.Context, in *deleteInput) (*struct{}, error) {
	v, err := ifMatch(in.IfMatch, false)
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeleteOpportunity(ctx, in.ID, v); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

func (h *handlers) restoreOpportunity(ctx context.Context, in *idInput) (*opportunityOutput, error) {
	o, err := h.svc.RestoreOpportunity(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &opportunityOutput{ETag: etag(o.Version), Body: o}, nil
}

func (h *handlers) opportunityHistory(ctx context.Context, in *historyInput) (*historyOutput, error) {
	p, err := h.svc.History(ctx, crm.EntityOpportunity, in.ID, in.Cursor, in.Limit)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &historyOutput{Body: p}, nil
}

type stageChangesOutput struct {
	Body []crm.StageChange
}

func (h *handlers) opportunityStageChanges(ctx context.Context, in *idInput) (*stageChangesOutput, error) {
	c, err := h.svc.StageChanges(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &stageChangesOutput{Body: c}, nil
}

type pipelineInput struct {
	OwnerID string `query:"owner_id" maxLength:"36"`
	TeamID  string `query:"team_id" maxLength:"36"`
	Limit   int    `query:"limit" minimum:"1" maximum:"100" default:"20" doc:"Cards per column."`
}

type pipelineOutput struct {
	Body *crm.Pipeline
}

func (h *handlers) getPipeline(ctx context.Context, in *pipelineInput) (*pipelineOutput, error) {
	p, err := h.svc.Pipeline(ctx, crm.PipelineFilter{OwnerID: in.OwnerID, TeamID: in.TeamID, Limit: in.Limit})
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &pipelineOutput{Body: p}, nil
}

type forecastInput struct {
	OwnerID string `query:"owner_id" maxLength:"36"`
	TeamID  string `query:"team_id" maxLength:"36"`
}

type forecastOutput struct {
	Body *crm.Forecast
}

func (h *handlers) getForecast(ctx context.Context, in *forecastInput) (*forecastOutput, error) {
	f, err := h.svc.Forecast(ctx, crm.PipelineFilter{OwnerID: in.OwnerID, TeamID: in.TeamID})
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &forecastOutput{Body: f}, nil
}

type stagesOutput struct {
	Body []crm.PipelineStage
}

func (h *handlers) listPipelineStages(ctx context.Context, _ *struct{}) (*stagesOutput, error) {
	s, err := h.svc.PipelineStages(ctx)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &stagesOutput{Body: s}, nil
}
