package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guanxi-crm/guanxi/crm"
)

// referralRoutes registers referrals and their graph.
func referralRoutes(api huma.API, h *handlers) {
	huma.Register(api, op(http.MethodGet, "/api/v1/accounts/{id}/referrals", "list-referrals", "Referrals into and out of an account, with the revenue of the customers it referred", "referrals", nil), h.listReferrals)
	huma.Register(api, op(http.MethodGet, "/api/v1/accounts/{id}/referrals/graph", "referral-graph", "The referral network around an account (a few hops up and down), with each account's revenue", "referrals", nil), h.referralGraph)
	huma.Register(api, op(http.MethodPost, "/api/v1/referrals", "create-referral", "Record that an account or contact referred another (write access to the referred account)", "referrals", nil), h.createReferral)
	huma.Register(api, op(http.MethodDelete, "/api/v1/referrals/{id}", "delete-referral", "Remove a recorded referral", "referrals", nil), h.deleteReferral)
}

type accountReferralsOutput struct {
	Body *crm.AccountReferrals
}

func (h *handlers) listReferrals(ctx context.Context, in *idInput) (*accountReferralsOutput, error) {
	out, err := h.svc.AccountReferrals(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &accountReferralsOutput{Body: out}, nil
}

type referralGraphInput struct {
	ID   string `path:"id" maxLength:"36"`
	Hops int    `query:"hops" minimum:"1" maximum:"4" default:"2" doc:"Hops each way from the account."`
}

type referralGraphOutput struct {
	Body *crm.ReferralGraph
}

func (h *handlers) referralGraph(ctx context.Context, in *referralGraphInput) (*referralGraphOutput, error) {
	g, err := h.svc.ReferralGraph(ctx, in.ID, in.Hops)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &referralGraphOutput{Body: g}, nil
}

type createReferralInput struct {
	Body crm.ReferralInput
}

type referralOutput struct {
	Body *crm.Referral
}

func (h *handlers) createReferral(ctx context.Context, in *createReferralInput) (*referralOutput, error) {
	r, err := h.svc.CreateReferral(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &referralOutput{Body: r}, nil
}

func (h *handlers) deleteReferral(ctx context.Context, in *idInput) (*struct{}, error) {
	if err := h.svc.DeleteReferral(ctx, in.ID); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

// referralAndTargetRoutes registers referrals and sales targets: one
// call in routes().
func referralAndTargetRoutes(api huma.API, h *handlers) {
	referralRoutes(api, h)
	targetRoutes(api, h)
}
