package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guanxi-crm/guanxi/crm"
)

// poolRoutes registers the public pool (公海), releasing an account to it,
// and the workspace settings that govern it.
func poolRoutes(api huma.API, h *handlers) {
	huma.Register(api, op(http.MethodGet, "/api/v1/settings", "get-settings", "The workspace's settings", "settings", nil), h.getSettings)
	huma.Register(api, op(http.MethodPatch, "/api/v1/settings", "update-settings", "Change the workspace's settings (admins; If-Match required)", "settings", nil), h.updateSettings)
	huma.Register(api, op(http.MethodGet, "/api/v1/pool", "list-pool", "Accounts in the public pool, with your claim allowance (sales, managers, admins)", "pool", nil), h.listPool)
	claim := op(http.MethodPost, "/api/v1/pool/{id}/claim", "claim-account", "Claim an account from the pool: you become its owner (409 over the limit or when someone was first)", "pool", nil)
	claim.DefaultStatus = http.StatusOK
	huma.Register(api, claim, h.claimAccount)
	release := op(http.MethodPost, "/api/v1/accounts/{id}/release", "release-account", "Put an account you may change back into the pool", "pool", nil)
	release.DefaultStatus = http.StatusOK
	huma.Register(api, release, h.releaseAccount)
}

type settingsOutput struct {
	ETag string `header:"ETag"`
	Body *crm.WorkspaceSettings
}

func (h *handlers) getSettings(ctx context.Context, _ *struct{}) (*settingsOutput, error) {
	s, err := h.svc.Settings(ctx)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &settingsOutput{ETag: etag(s.Version), Body: s}, nil
}

type updateSettingsInput struct {
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.SettingsUpdate
}

func (h *handlers) updateSettings(ctx context.Context, in *updateSettingsInput) (*settingsOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	s, err := h.svc.UpdateSettings(ctx, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &settingsOutput{ETag: etag(s.Version), Body: s}, nil
}

type listPoolInput struct {
	Q          string `query:"q" maxLength:"100" doc:"Search names (also in pinyin and initials), phones, e-mails and credit codes."`
	Industry   string `query:"industry"`
	Region     string `query:"region" maxLength:"100"`
	PooledFrom string `query:"pooled_from" maxLength:"36" doc:"The owner before the account went to the pool."`
	Sort       string `query:"sort" doc:"pooled_at (default descending), name or created_at; - prefix for descending."`
	Limit      int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Cursor     string `query:"cursor" maxLength:"2048" doc:"next_cursor of the previous page."`
}

type poolPageOutput struct {
	Body *crm.PoolPage
}

func (h *handlers) listPool(ctx context.Context, in *listPoolInput) (*poolPageOutput, error) {
	p, err := h.svc.ListPool(ctx, crm.PoolFilter{Q: in.Q, Industry: in.Industry, Region: in.Region, PooledFrom: in.PooledFrom,
		Sort: in.Sort, Limit: in.Limit, Cursor: in.Cursor})
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &poolPageOutput{Body: p}, nil
}

func (h *handlers) claimAccount(ctx context.Context, in *idInput) (*accountOutput, error) {
	a, err := h.svc.ClaimAccount(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &accountOutput{ETag: etag(a.Version), Body: a}, nil
}

type releaseInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; optional."`
}

func (h *handlers) releaseAccount(ctx context.Context, in *releaseInput) (*accountOutput, error) {
	v, err := ifMatch(in.IfMatch, false)
	if err != nil {
		return nil, err
	}
	a, err := h.svc.ReleaseAccount(ctx, in.ID, v)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &accountOutput{ETag: etag(a.Version), Body: a}, nil
}
