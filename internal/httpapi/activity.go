package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guanxi-crm/guanxi/crm"
)

// activityRoutes registers activities, tasks, key-account plans,
// timelines and the to-do centre.
func activityRoutes(api huma.API, h *handlers) {
	huma.Register(api, op(http.MethodPost, "/api/v1/activities", "create-activity", "Log an activity on an account (a next step with a due date becomes your task)", "activities", nil), h.createActivity)
	huma.Register(api, op(http.MethodGet, "/api/v1/activities/{id}", "get-activity", "Get an activity", "activities", nil), h.getActivity)
	huma.Register(api, op(http.MethodPatch, "/api/v1/activities/{id}", "update-activity", "Change an activity (If-Match required)", "activities", nil), h.updateActivity)
	huma.Register(api, op(http.MethodDelete, "/api/v1/activities/{id}", "delete-activity", "Move an activity to the recycle bin", "activities", nil), h.deleteActivity)
	huma.Register(api, op(http.MethodPost, "/api/v1/activities/{id}/restore", "restore-activity", "Restore an activity from the recycle bin", "activities", nil), h.restoreActivity)
	huma.Register(api, op(http.MethodGet, "/api/v1/activities/{id}/history", "activity-history", "Field history of an activity", "activities", nil), h.historyOf(crm.EntityActivity))
	huma.Register(api, op(http.MethodPost, "/api/v1/tasks", "create-task", "Create a task", "activities", nil), h.createTask)
	huma.Register(api, op(http.MethodGet, "/api/v1/tasks/{id}", "get-task", "Get a task", "activities", nil), h.getTask)
	huma.Register(api, op(http.MethodPatch, "/api/v1/tasks/{id}", "update-task", "Change a task or mark it done (If-Match required)", "activities", nil), h.updateTask)
	huma.Register(api, op(http.MethodDelete, "/api/v1/tasks/{id}", "delete-task", "Delete a task", "activities", nil), h.deleteTask)
	huma.Register(api, op(http.MethodGet, "/api/v1/tasks/{id}/history", "task-history", "Field history of a task", "activities", nil), h.historyOf(crm.EntityTask))
	huma.Register(api, op(http.MethodPost, "/api/v1/key-account-plans", "create-plan", "Plan a key-account meeting or an executive visit", "activities", nil), h.createPlan)
	huma.Register(api, op(http.MethodGet, "/api/v1/key-account-plans/{id}", "get-plan", "Get a key-account plan", "activities", nil), h.getPlan)
	huma.Register(api, op(http.MethodPatch, "/api/v1/key-account-plans/{id}", "update-plan", "Change a key-account plan (If-Match required)", "activities", nil), h.updatePlan)
	huma.Register(api, op(http.MethodDelete, "/api/v1/key-account-plans/{id}", "delete-plan", "Delete a key-account plan", "activities", nil), h.deletePlan)
	huma.Register(api, op(http.MethodGet, "/api/v1/key-account-plans/{id}/history", "plan-history", "Field history of a key-account plan", "activities", nil), h.historyOf(crm.EntityKeyAccountPlan))
	huma.Register(api, op(http.MethodGet, "/api/v1/accounts/{id}/key-account-plans", "list-account-plans", "Key-account plans of an account, latest due first", "activities", nil), h.listAccountPlans)
	huma.Register(api, op(http.MethodGet, "/api/v1/accounts/{id}/timeline", "account-timeline", "Timeline of an account: activities, tasks, plans and stage moves, newest first", "activities", nil), h.timeline(crm.EntityAccount))
	huma.Register(api, op(http.MethodGet, "/api/v1/contacts/{id}/timeline", "contact-timeline", "Timeline of a contact: the activities they took part in and their tasks", "activities", nil), h.timeline(crm.EntityContact))
	huma.Register(api, op(http.MethodGet, "/api/v1/opportunities/{id}/timeline", "opportunity-timeline", "Timeline of an opportunity: activities, tasks and stage moves", "activities", nil), h.timeline(crm.EntityOpportunity))
	huma.Register(api, op(http.MethodGet, "/api/v1/todo", "get-todo", "Your to-do centre: overdue, today, upcoming and recently done (UTC days)", "activities", nil), h.getTodo)
}

type activityOutput struct {
	ETag string `header:"ETag"`
	Body *crm.Activity
}

type createActivityInput struct {
	Body crm.ActivityFields
}

func (h *handlers) createActivity(ctx context.Context, in *createActivityInput) (*activityOutput, error) {
	x, err := h.svc.CreateActivity(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &activityOutput{ETag: etag(x.Version), Body: x}, nil
}

func (h *handlers) getActivity(ctx context.Context, in *idInput) (*activityOutput, error) {
	x, err := h.svc.GetActivity(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &activityOutput{ETag: etag(x.Version), Body: x}, nil
}

type updateActivityInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.ActivityUpdate
}

func (h *handlers) updateActivity(ctx context.Context, in *updateActivityInput) (*activityOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	x, err := h.svc.UpdateActivity(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &activityOutput{ETag: etag(x.Version), Body: x}, nil
}

func (h *handlers) deleteActivity(ctx context.Context, in *deleteInput) (*struct{}, error) {
	v, err := ifMatch(in.IfMatch, false)
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeleteActivity(ctx, in.ID, v); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

func (h *handlers) restoreActivity(ctx context.Context, in *idInput) (*activityOutput, error) {
	x, err := h.svc.RestoreActivity(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &activityOutput{ETag: etag(x.Version), Body: x}, nil
}

// historyOf serves the field history of one kind of record.
func (h *handlers) historyOf(e crm.Entity) func(context.Context, *historyInput) (*historyOutput, error) {
	return func(ctx context.Context, in *historyInput) (*historyOutput, error) {
		p, err := h.svc.History(ctx, e, in.ID, in.Cursor, in.Limit)
		if err != nil {
			return nil, apiError(h.log, err)
		}
		return &historyOutput{Body: p}, nil
	}
}

type taskOutput struct {
	ETag string `header:"ETag"`
	Body *crm.Task
}

type createTaskInput struct {
	Body crm.TaskFields
}

func (h *handlers) createTask(ctx context.Context, in *createTaskInput) (*taskOutput, error) {
	t, err := h.svc.CreateTask(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &taskOutput{ETag: etag(t.Version), Body: t}, nil
}

func (h *handlers) getTask(ctx context.Context, in *idInput) (*taskOutput, error) {
	t, err := h.svc.GetTask(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &taskOutput{ETag: etag(t.Version), Body: t}, nil
}

type updateTaskInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.TaskUpdate
}

func (h *handlers) updateTask(ctx context.Context, in *updateTaskInput) (*taskOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	t, err := h.svc.UpdateTask(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &taskOutput{ETag: etag(t.Version), Body: t}, nil
}

func (h *handlers) deleteTask(ctx context.Context, in *deleteInput) (*struct{}, error) {
	v, err := ifMatch(in.IfMatch, false)
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeleteTask(ctx, in.ID, v); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

type planOutput struct {
	ETag string `header:"ETag"`
	Body *crm.KeyAccountPlan
}

type createPlanInput struct {
	Body crm.KeyAccountPlanFields
}

func (h *handlers) createPlan(ctx context.Context, in *createPlanInput) (*planOutput, error) {
	k, err := h.svc.CreatePlan(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &planOutput{ETag: etag(k.Version), Body: k}, nil
}

func (h *handlers) getPlan(ctx context.Context, in *idInput) (*planOutput, error) {
	k, err := h.svc.GetPlan(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &planOutput{ETag: etag(k.Version), Body: k}, nil
}

type updatePlanInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.KeyAccountPlanUpdate
}

func (h *handlers) updatePlan(ctx context.Context, in *updatePlanInput) (*planOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	k, err := h.svc.UpdatePlan(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &planOutput{ETag: etag(k.Version), Body: k}, nil
}

func (h *handlers) deletePlan(ctx context.Context, in *deleteInput) (*struct{}, error) {
	v, err := ifMatch(in.IfMatch, false)
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeletePlan(ctx, in.ID, v); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

type plansOutput struct {
	Body []*crm.KeyAccountPlan
}

func (h *handlers) listAccountPlans(ctx context.Context, in *idInput) (*plansOutput, error) {
	list, err := h.svc.ListPlans(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &plansOutput{Body: list}, nil
}

type timelineInput struct {
	ID     string `path:"id" maxLength:"36"`
	Cursor string `query:"cursor" maxLength:"1400"`
	Limit  int    `query:"limit" minimum:"1" maximum:"200" default:"30"`
}

type timelineOutput struct {
	Body *crm.Page[*crm.TimelineItem]
}

func (h *handlers) timeline(subject crm.Entity) func(context.Context, *timelineInput) (*timelineOutput, error) {
	return func(ctx context.Context, in *timelineInput) (*timelineOutput, error) {
		p, err := h.svc.Timeline(ctx, subject, in.ID, in.Cursor, in.Limit)
		if err != nil {
			return nil, apiError(h.log, err)
		}
		return &timelineOutput{Body: p}, nil
	}
}

type todoOutput struct {
	Body *crm.Todo
}

func (h *handlers) getTodo(ctx context.Context, _ *struct{}) (*todoOutput, error) {
	t, err := h.svc.Todo(ctx)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &todoOutput{Body: t}, nil
}
