package httpapi

import (
	"context"

	"github.com/guanxi-crm/guanxi/crm"
)

type entityInput struct {
	Entity string `query:"entity" enum:"account,contact"`
}

type fieldDefsOutput struct {
	Body []*crm.FieldDefinition
}

func (h *handlers) listFieldDefinitions(ctx context.Context, in *entityInput) (*fieldDefsOutput, error) {
	d, err := h.svc.ListFieldDefinitions(ctx, crm.Entity(in.Entity))
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &fieldDefsOutput{Body: d}, nil
}

type fieldDefInput struct {
	Body crm.FieldDefinitionInput
}

type fieldDefOutput struct {
	ETag string `header:"ETag"`
	Body *crm.FieldDefinition
}

func (h *handlers) createFieldDefinition(ctx context.Context, in *fieldDefInput) (*fieldDefOutput, error) {
	d, err := h.svc.CreateFieldDefinition(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &fieldDefOutput{ETag: etag(d.Version), Body: d}, nil
}

type updateFieldDefInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match"`
	Body    crm.FieldDefinitionInput
}

func (h *handlers) updateFieldDefinition(ctx context.Context, in *updateFieldDefInput) (*fieldDefOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	d, err := h.svc.UpdateFieldDefinition(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &fieldDefOutput{ETag: etag(d.Version), Body: d}, nil
}

func (h *handlers) deleteFieldDefinition(ctx context.Context, in *idInput) (*struct{}, error) {
	if err := h.svc.DeleteFieldDefinition(ctx, in.ID); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

type viewsOutput struct {
	Body []*crm.SavedView
}

type viewsInput struct {
	Entity string `query:"entity" enum:"account,contact" required:"true"`
}

func (h *handlers) listViews(ctx context.Context, in *viewsInput) (*viewsOutput, error) {
	v, err := h.svc.ListSavedViews(ctx, crm.Entity(in.Entity))
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &viewsOutput{Body: v}, nil
}

type viewInput struct {
	Body crm.SavedViewInput
}

type viewOutput struct {
	ETag string `header:"ETag"`
	Body *crm.SavedView
}

func (h *handlers) createView(ctx context.Context, in *viewInput) (*viewOutput, error) {
	v, err := h.svc.CreateSavedView(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &viewOutput{ETag: etag(v.Version), Body: v}, nil
}

type updateViewInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match"`
	Body    crm.SavedViewInput
}

func (h *handlers) updateView(ctx context.Context, in *updateViewInput) (*viewOutput, error) {
	ver, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	v, err := h.svc.UpdateSavedView(ctx, in.ID, ver, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &viewOutput{ETag: etag(v.Version), Body: v}, nil
}

func (h *handlers) deleteView(ctx context.Context, in *idInput) (*struct{}, error) {
	if err := h.svc.DeleteSavedView(ctx, in.ID); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}
