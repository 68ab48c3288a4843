package httpapi

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
)

type userOutput struct {
	ETag string `header:"ETag"`
	Body *crm.User
}

type usersOutput struct {
	Body []*crm.User
}

func (h *handlers) listUsers(ctx context.Context, _ *struct{}) (*usersOutput, error) {
	u, err := h.svc.ListUsers(ctx)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &usersOutput{Body: u}, nil
}

type createUserInput struct {
	Body crm.UserCreate
}

func (h *handlers) createUser(ctx context.Context, in *createUserInput) (*userOutput, error) {
	u, err := h.svc.CreateUser(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &userOutput{ETag: etag(u.Version), Body: u}, nil
}

func (h *handlers) getUser(ctx context.Context, in *idInput) (*userOutput, error) {
	u, err := h.svc.GetUser(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &userOutput{ETag: etag(u.Version), Body: u}, nil
}

type updateUserInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match"`
	Body    crm.UserUpdate
}

func (h *handlers) updateUser(ctx context.Context, in *updateUserInput) (*userOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	u, err := h.svc.UpdateUser(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &userOutput{ETag: etag(u.Version), Body: u}, nil
}

type teamOutput struct {
	ETag string `header:"ETag"`
	Body *crm.Team
}

type teamsOutput struct {
	Body []*crm.Team
}

func (h *handlers) listTeams(ctx context.Context, _ *struct{}) (*teamsOutput, error) {
	t, err := h.svc.ListTeams(ctx)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &teamsOutput{Body: t}, nil
}

type teamInput struct {
	Body crm.TeamInput
}

func (h *handlers) createTeam(ctx context.Context, in *teamInput) (*teamOutput, error) {
	t, err := h.svc.CreateTeam(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &teamOutput{ETag: etag(t.Version), Body: t}, nil
}

type updateTeamInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match"`
	Body    crm.TeamInput
}

func (h *handlers) updateTeam(ctx context.Context, in *updateTeamInput) (*teamOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	t, err := h.svc.UpdateTeam(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &teamOutput{ETag: etag(t.Version), Body: t}, nil
}

func (h *handlers) deleteTeam(ctx context.Context, in *idInput) (*struct{}, error) {
	if err := h.svc.DeleteTeam(ctx, in.ID); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}
