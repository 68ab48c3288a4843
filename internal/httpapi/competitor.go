package httpapi

import (
	"context"
	"net/http"

	"github.com/danielgtaylor/huma/v2"

	"github.com/guanxi-crm/guanxi/crm"
)

// competitorRoutes registers competitors, their presence at accounts, the
// competitors in play on opportunities, win/loss and the delivered value
// worksheet.
func competitorRoutes(api huma.API, h *handlers) {
	huma.Register(api, op(http.MethodGet, "/api/v1/competitors", "list-competitors", "List competitors", "competitors", nil), h.listCompetitors)
	huma.Register(api, op(http.MethodPost, "/api/v1/competitors", "create-competitor", "Add a competitor (admins, managers, sales, marketing)", "competitors", nil), h.createCompetitor)
	huma.Register(api, op(http.MethodGet, "/api/v1/competitors/{id}", "get-competitor", "Get a competitor", "competitors", nil), h.getCompetitor)
	huma.Register(api, op(http.MethodPatch, "/api/v1/competitors/{id}", "update-competitor", "Change a competitor (If-Match required)", "competitors", nil), h.updateCompetitor)
	huma.Register(api, op(http.MethodDelete, "/api/v1/competitors/{id}", "delete-competitor", "Move a competitor to the recycle bin", "competitors", nil), h.deleteCompetitor)
	huma.Register(api, op(http.MethodPost, "/api/v1/competitors/{id}/restore", "restore-competitor", "Restore a competitor from the recycle bin", "competitors", nil), h.restoreCompetitor)
	huma.Register(api, op(http.MethodGet, "/api/v1/competitors/{id}/history", "competitor-history", "Field history of a competitor", "competitors", nil), h.competitorHistory)
	huma.Register(api, op(http.MethodGet, "/api/v1/competitors/{id}/win-loss", "competitor-win-loss", "Won, lost and open opportunities you can see with the competitor in play", "competitors", nil), h.competitorWinLoss)
	huma.Register(api, op(http.MethodGet, "/api/v1/competitors/{id}/accounts", "competitor-accounts", "Accounts you can see where the competitor is present", "competitors", nil), h.competitorAccounts)
	huma.Register(api, op(http.MethodGet, "/api/v1/reports/win-loss-by-competitor", "win-loss-by-competitor", "Win/loss against every competitor over the opportunities you can see", "competitors", nil), h.winLossByCompetitor)

	huma.Register(api, op(http.MethodGet, "/api/v1/accounts/{id}/competitors", "list-account-competitors", "Competitors present at an account", "competitors", nil), h.listAccountCompetitors)
	huma.Register(api, op(http.MethodPost, "/api/v1/accounts/{id}/competitors", "create-account-competitor", "Record a competitor's presence at an account", "competitors", nil), h.createAccountCompetitor)
	huma.Register(api, op(http.MethodPatch, "/api/v1/accounts/{id}/competitors/{presence_id}", "update-account-competitor", "Change a competitor's presence (If-Match required)", "competitors", nil), h.updateAccountCompetitor)
	huma.Register(api, op(http.MethodDelete, "/api/v1/accounts/{id}/competitors/{presence_id}", "delete-account-competitor", "Remove a competitor's presence from an account", "competitors", nil), h.deleteAccountCompetitor)

	huma.Register(api, op(http.MethodGet, "/api/v1/opportunities/{id}/competitors", "list-opportunity-competitors", "Competitors in play on an opportunity", "competitors", nil), h.listOpportunityCompetitors)
	huma.Register(api, op(http.MethodPost, "/api/v1/opportunities/{id}/competitors", "add-opportunity-competitor", "Put a competitor in play on an opportunity", "competitors", nil), h.addOpportunityCompetitor)
	huma.Register(api, op(http.MethodDelete, "/api/v1/opportunities/{id}/competitors/{competitor_id}", "remove-opportunity-competitor", "Take a competitor out of play (its worksheet row goes too)", "competitors", nil), h.removeOpportunityCompetitor)
	huma.Register(api, op(http.MethodGet, "/api/v1/opportunities/{id}/delivered-value", "get-delivered-value", "The customer delivered value worksheet (顾客让渡价值): us and each competitor in play", "competitors", nil), h.getDeliveredValue)
	huma.Register(api, op(http.MethodPut, "/api/v1/opportunities/{id}/delivered-value", "save-delivered-value", "Save the worksheet's scores (the version you read in the body)", "competitors", nil), h.saveDeliveredValue)
}

type competitorOutput struct {
	ETag string `header:"ETag"`
	Body *crm.Competitor
}

type listCompetitorsInput struct {
	Q       string `query:"q" maxLength:"100" doc:"Part of the name or products."`
	Tag     string `query:"tag" maxLength:"32"`
	Deleted string `query:"deleted" enum:"only,include" doc:"only = the recycle bin."`
	Sort    string `query:"sort" doc:"name (default), created_at or updated_at; - prefix for descending."`
	Limit   int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Cursor  string `query:"cursor" maxLength:"2048"`
}

type competitorPageOutput struct {
	Body *crm.Page[*crm.Competitor]
}

func (h *handlers) listCompetitors(ctx context.Context, in *listCompetitorsInput) (*competitorPageOutput, error) {
	page, err := h.svc.ListCompetitors(ctx, crm.CompetitorFilter{Q: in.Q, Tag: in.Tag, Deleted: crm.Deleted(in.Deleted),
		Sort: in.Sort, Limit: in.Limit, Cursor: in.Cursor})
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &competitorPageOutput{Body: page}, nil
}

type createCompetitorInput struct {
	Body crm.CompetitorFields
}

func (h *handlers) createCompetitor(ctx context.Context, in *createCompetitorInput) (*competitorOutput, error) {
	k, err := h.svc.CreateCompetitor(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &competitorOutput{ETag: etag(k.Version), Body: k}, nil
}

func (h *handlers) getCompetitor(ctx context.Context, in *idInput) (*competitorOutput, error) {
	k, err := h.svc.GetCompetitor(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &competitorOutput{ETag: etag(k.Version), Body: k}, nil
}

type updateCompetitorInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.CompetitorUpdate
}

func (h *handlers) updateCompetitor(ctx context.Context, in *updateCompetitorInput) (*competitorOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	k, err := h.svc.UpdateCompetitor(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &competitorOutput{ETag: etag(k.Version), Body: k}, nil
}

func (h *handlers) deleteCompetitor(ctx context.Context, in *deleteInput) (*struct{}, error) {
	v, err := ifMatch(in.IfMatch, false)
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeleteCompetitor(ctx, in.ID, v); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

func (h *handlers) restoreCompetitor(ctx context.Context, in *idInput) (*competitorOutput, error) {
	k, err := h.svc.RestoreCompetitor(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &competitorOutput{ETag: etag(k.Version), Body: k}, nil
}

func (h *handlers) competitorHistory(ctx context.Context, in *historyInput) (*historyOutput, error) {
	p, err := h.svc.History(ctx, crm.EntityCompetitor, in.ID, in.Cursor, in.Limit)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &historyOutput{Body: p}, nil
}

type winLossOutput struct {
	Body *crm.WinLoss
}

func (h *handlers) competitorWinLoss(ctx context.Context, in *idInput) (*winLossOutput, error) {
	w, err := h.svc.CompetitorWinLoss(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &winLossOutput{Body: w}, nil
}

type winLossReportOutput struct {
	Body *crm.WinLossReport
}

func (h *handlers) winLossByCompetitor(ctx context.Context, _ *struct{}) (*winLossReportOutput, error) {
	r, err := h.svc.WinLossByCompetitor(ctx)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &winLossReportOutput{Body: r}, nil
}

type competitorAccountsInput struct {
	ID    string `path:"id" maxLength:"36"`
	Limit int    `query:"limit" minimum:"1" maximum:"200" default:"50"`
}

type presencesOutput struct {
	Body []*crm.AccountCompetitor
}

func (h *handlers) competitorAccounts(ctx context.Context, in *competitorAccountsInput) (*presencesOutput, error) {
	p, err := h.svc.CompetitorAccounts(ctx, in.ID, in.Limit)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &presencesOutput{Body: p}, nil
}

func (h *handlers) listAccountCompetitors(ctx context.Context, in *idInput) (*presencesOutput, error) {
	p, err := h.svc.ListAccountCompetitors(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &presencesOutput{Body: p}, nil
}

type presenceOutput struct {
	ETag string `header:"ETag"`
	Body *crm.AccountCompetitor
}

type createPresenceInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body crm.AccountCompetitorFields
}

func (h *handlers) createAccountCompetitor(ctx context.Context, in *createPresenceInput) (*presenceOutput, error) {
	p, err := h.svc.CreateAccountCompetitor(ctx, in.ID, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &presenceOutput{ETag: etag(p.Version), Body: p}, nil
}

type updatePresenceInput struct {
	ID         string `path:"id" maxLength:"36"`
	PresenceID string `path:"presence_id" maxLength:"36"`
	IfMatch    string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body       crm.AccountCompetitorUpdate
}

func (h *handlers) updateAccountCompetitor(ctx context.Context, in *updatePresenceInput) (*presenceOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	p, err := h.svc.UpdateAccountCompetitor(ctx, in.ID, in.PresenceID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &presenceOutput{ETag: etag(p.Version), Body: p}, nil
}

type deletePresenceInput struct {
	ID         string `path:"id" maxLength:"36"`
	PresenceID string `path:"presence_id" maxLength:"36"`
}

func (h *handlers) deleteAccountCompetitor(ctx context.Context, in *deletePresenceInput) (*struct{}, error) {
	if err := h.svc.DeleteAccountCompetitor(ctx, in.ID, in.PresenceID); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

type inPlayOutput struct {
	Body []*crm.OpportunityCompetitor
}

func (h *handlers) listOpportunityCompetitors(ctx context.Context, in *idInput) (*inPlayOutput, error) {
	l, err := h.svc.ListOpportunityCompetitors(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &inPlayOutput{Body: l}, nil
}

type addInPlayInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body struct {
		CompetitorID string `json:"competitor_id" maxLength:"36"`
	}
}

type addInPlayOutput struct {
	Body *crm.OpportunityCompetitor
}

func (h *handlers) addOpportunityCompetitor(ctx context.Context, in *addInPlayInput) (*addInPlayOutput, error) {
	o, err := h.svc.AddOpportunityCompetitor(ctx, in.ID, in.Body.CompetitorID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &addInPlayOutput{Body: o}, nil
}

type removeInPlayInput struct {
	ID           string `path:"id" maxLength:"36"`
	CompetitorID string `path:"competitor_id" maxLength:"36"`
}

func (h *handlers) removeOpportunityCompetitor(ctx context.Context, in *removeInPlayInput) (*struct{}, error) {
	if err := h.svc.RemoveOpportunityCompetitor(ctx, in.ID, in.CompetitorID); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

type worksheetOutput struct {
	Body *crm.Worksheet
}

func (h *handlers) getDeliveredValue(ctx context.Context, in *idInput) (*worksheetOutput, error) {
	w, err := h.svc.DeliveredValue(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &worksheetOutput{Body: w}, nil
}

type saveWorksheetInput struct {
	ID   string `path:"id" maxLength:"36"`
	Body crm.WorksheetInput
}

func (h *handlers) saveDeliveredValue(ctx context.Context, in *saveWorksheetInput) (*worksheetOutput, error) {
	w, err := h.svc.SaveDeliveredValue(ctx, in.ID, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &worksheetOutput{Body: w}, nil
}
