package httpapi

import (
	"context"
	"net/http"
	"time"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guanxi-crm/guanxi/crm"
)

// opportunityPageRoutes registers what the opportunity page needs beyond
// the opportunity itself: its buying centre, the stage configuration and
// the pipeline report.
func opportunityPageRoutes(api huma.API, h *handlers) {
	huma.Register(api, op(http.MethodGet, "/api/v1/opportunities/{id}/contacts", "list-opportunity-contacts", "The buying centre of an opportunity: its contacts with role and stance, the empty cells of the level x function grid and gap warnings", "opportunities", nil), h.getBuyingCentre)
	huma.Register(api, op(http.MethodPost, "/api/v1/opportunities/{id}/contacts", "add-opportunity-contact", "Add a contact of the opportunity's account to its buying centre", "opportunities", nil), h.addOpportunityContact)
	huma.Register(api, op(http.MethodPatch, "/api/v1/opportunities/{id}/contacts/{contact_id}", "update-opportunity-contact", "Change a buying centre member's role, stance or note", "opportunities", nil), h.updateOpportunityContact)
	huma.Register(api, op(http.MethodDelete, "/api/v1/opportunities/{id}/contacts/{contact_id}", "remove-opportunity-contact", "Remove a contact from the buying centre", "opportunities", nil), h.removeOpportunityContact)
	huma.Register(api, op(http.MethodPut, "/api/v1/pipeline/stages", "save-pipeline-stages", "Replace the workspace's pipeline stages (admins; all or nothing)", "opportunities", nil), h.savePipelineStages)
	huma.Register(api, op(http.MethodGet, "/api/v1/pipeline/report", "get-pipeline-report", "Time in stage, stage-to-stage conversion and win rate over the opportunities you can see", "opportunities", nil), h.getPipelineReport)
}

type buyingCentreOutput struct {
	Body *crm.BuyingCentre
}

func (h *handlers) getBuyingCentre(ctx context.Context, in *idInput) (*buyingCentreOutput, error) {
	bc, err := h.svc.BuyingCentre(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &buyingCentreOutput{Body: bc}, nil
}

type memberOutput struct {
	Body *crm.OpportunityContact
}

type addMemberInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body crm.OpportunityContactFields
}

func (h *handlers) addOpportunityContact(ctx context.Context, in *addMemberInput) (*memberOutput, error) {
	m, err := h.svc.AddOpportunityContact(ctx, in.ID, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &memberOutput{Body: m}, nil
}

type updateMemberInput struct {
	ID        string `path:"id" maxLength:"36"`
	ContactID string `path:"contact_id" maxLength:"36"`
	Body      crm.OpportunityContactUpdate
}

func (h *handlers) updateOpportunityContact(ctx context.Context, in *updateMemberInput) (*memberOutput, error) {
	m, err := h.svc.UpdateOpportunityContact(ctx, in.ID, in.ContactID, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &memberOutput{Body: m}, nil
}

type memberInput struct {
	ID        string `path:"id" maxLength:"36"`
	ContactID string `path:"contact_id" maxLength:"36"`
}

func (h *handlers) removeOpportunityContact(ctx context.Context, in *memberInput) (*struct{}, error) {
	if err := h.svc.RemoveOpportunityContact(ctx, in.ID, in.ContactID); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

type saveStagesInput struct {
	Body struct {
		Stages []crm.StageInput `json:"stages" minItems:"1" maxItems:"30" doc:"Every stage in board order; stages left out are removed."`
	}
}

func (h *handlers) savePipelineStages(ctx context.Context, in *saveStagesInput) (*stagesOutput, error) {
	s, err := h.svc.SavePipelineStages(ctx, in.Body.Stages)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &stagesOutput{Body: s}, nil
}

type pipelineReportInput struct {
	From    string `query:"from" format:"date" doc:"Opportunities created on or after this day (UTC)."`
	To      string `query:"to" format:"date" doc:"Opportunities created on or before this day (UTC)."`
	OwnerID string `query:"owner_id" maxLength:"36"`
	TeamID  string `query:"team_id" maxLength:"36"`
}

type pipelineReportOutput struct {
	Body *crm.PipelineReport
}

func (h *handlers) getPipelineReport(ctx context.Context, in *pipelineReportInput) (*pipelineReportOutput, error) {
	f := crm.PipelineReportFilter{OwnerID: in.OwnerID, TeamID: in.TeamID}
	var p crm.Problems
	day := func(field, v string, next bool) *time.Time {
		if v == "" {
			return nil
		}
		t, err := time.Parse(time.DateOnly, v)
		if err != nil {
			p.Add(field, "invalid", "is not a date in the form YYYY-MM-DD")
			return nil
		}
		if next {
			t = t.AddDate(0, 0, 1)
		}
		return &t
	}
	f.From, f.To = day("from", in.From, false), day("to", in.To, true)
	if err := p.Err(); err != nil {
		return nil, apiError(h.log, err)
	}
	r, err := h.svc.PipelineReport(ctx, f)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &pipelineReportOutput{Body: r}, nil
}
