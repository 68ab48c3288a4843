package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guanxi-crm/guanxi/crm"
)

// targetRoutes registers sales targets and their attainment.
func targetRoutes(api huma.API, h *handlers) {
	huma.Register(api, op(http.MethodGet, "/api/v1/targets", "list-targets", "Sales targets you may read (admins all; managers their teams and people; sales their own and their team's)", "targets", nil), h.listTargets)
	huma.Register(api, op(http.MethodPut, "/api/v1/targets", "put-target", "Set the target of a person or team for a month or quarter (admins; managers within their teams)", "targets", nil), h.putTarget)
	huma.Register(api, op(http.MethodGet, "/api/v1/targets/attainment", "target-attainment", "Targets of a month or quarter against the opportunities won in it, per person and team", "targets", nil), h.targetAttainment)
}

type listTargetsInput struct {
	Period string `query:"period" maxLength:"7" doc:"YYYY-MM or YYYY-Qn."`
	UserID string `query:"user_id" maxLength:"36"`
	TeamID string `query:"team_id" maxLength:"36"`
}

type targetsOutput struct {
	Body []*crm.Target
}

func (h *handlers) listTargets(ctx context.Context, in *listTargetsInput) (*targetsOutput, error) {
	list, err := h.svc.ListTargets(ctx, crm.TargetFilter{Period: in.Period, UserID: in.UserID, TeamID: in.TeamID})
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &targetsOutput{Body: list}, nil
}

type putTargetInput struct {
	Body crm.TargetInput
}

type targetOutput struct {
	Body *crm.Target
}

func (h *handlers) putTarget(ctx context.Context, in *putTargetInput) (*targetOutput, error) {
	t, err := h.svc.PutTarget(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &targetOutput{Body: t}, nil
}

type attainmentInput struct {
	Period string `query:"period" required:"true" maxLength:"7" doc:"YYYY-MM or YYYY-Qn, e.g. 2026-11 or 2026-Q4."`
}

type attainmentOutput struct {
	Body *crm.Attainment
}

func (h *handlers) targetAttainment(ctx context.Context, in *attainmentInput) (*attainmentOutput, error) {
	a, err := h.svc.TargetAttainment(ctx, in.Period)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &attainmentOutput{Body: a}, nil
}
