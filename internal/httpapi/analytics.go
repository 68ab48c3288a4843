package httpapi

import (
	"context"

	"github.com/guanxi-crm/guanxi/internal/service"
)

type overviewOutput struct {
	Body *service.AnalyticsOverview
}

func (h *handlers) analyticsOverview(ctx context.Context, _ *struct{}) (*overviewOutput, error) {
	ov, err := h.svc.AnalyticsOverview(ctx)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &overviewOutput{Body: ov}, nil
}

type reportsOutput struct {
	Body *service.AnalyticsReports
}

func (h *handlers) analyticsReports(ctx context.Context, _ *struct{}) (*reportsOutput, error) {
	rep, err := h.svc.AnalyticsReports(ctx)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &reportsOutput{Body: rep}, nil
}

type scoreRunOutput struct {
	Body struct {
		Started bool `json:"started" doc:"False when a run was already in progress."`
	}
}

func (h *handlers) startScoreRun(ctx context.Context, _ *struct{}) (*scoreRunOutput, error) {
	started, err := h.svc.StartScoreRun(ctx)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	out := &scoreRunOutput{}
	out.Body.Started = started
	return out, nil
}

type valueCardOutput struct {
	Body *service.ValueCard
}

func (h *handlers) accountValue(ctx context.Context, in *idInput) (*valueCardOutput, error) {
	card, err := h.svc.AccountValue(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &valueCardOutput{Body: card}, nil
}
