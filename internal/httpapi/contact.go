package httpapi

import (
	"context"
	"time"

	"github.com/guanxi-crm/guanxi/crm"
)

type contactOutput struct {
	ETag string `header:"ETag"`
	Body *crm.Contact
}

type listContactsInput struct {
	Q           string    `query:"q" maxLength:"100" doc:"Search names (also in pinyin and initials), phones, e-mails and WeChat ids."`
	AccountID   string    `query:"account_id" maxLength:"36"`
	Level       string    `query:"level" enum:"decision,management,operational"`
	Function    string    `query:"function" enum:"user,technical,finance"`
	Department  string    `query:"department" maxLength:"100"`
	Title       string    `query:"title" maxLength:"100"`
	OwnerID     string    `query:"owner_id" maxLength:"36"`
	TeamID      string    `query:"team_id" maxLength:"36"`
	ReportsToID string    `query:"reports_to_id" maxLength:"36"`
	Tag         []string  `query:"tag,explode" maxItems:"10"`
	Consent     string    `query:"consent" enum:"phone,mobile,email,wechat" doc:"Only people who agreed to marketing on this channel."`
	CreatedFrom time.Time `query:"created_from"`
	CreatedTo   time.Time `query:"created_to"`
	UpdatedFrom time.Time `query:"updated_from"`
	UpdatedTo   time.Time `query:"updated_to"`
	Custom      []string  `query:"custom,explode" maxItems:"10" doc:"Custom field equality as key:value."`
	Deleted     string    `query:"deleted" enum:"only,include"`
	Sort        string    `query:"sort"`
	Limit       int       `query:"limit" minimum:"1" maximum:"200" default:"50"`
	Cursor      string    `query:"cursor" maxLength:"2048"`
	WithTotal   bool      `query:"with_total" doc:"Also count the matches (up to 10,000; may be slower than the page)."`
}

type contactPageOutput struct {
	Body *crm.Page[*crm.Contact]
}

func (h *handlers) listContacts(ctx context.Context, in *listContactsInput) (*contactPageOutput, error) {
	custom, err := parseCustom(in.Custom)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	page, err := h.svc.ListContacts(ctx, crm.ContactFilter{Q: in.Q, AccountID: in.AccountID, Level: in.Level,
		Function: in.Function, Department: in.Department, Title: in.Title, OwnerID: in.OwnerID, TeamID: in.TeamID,
		ReportsToID: in.ReportsToID, Tags: in.Tag, Consent: in.Consent,
		CreatedFrom: timeOrNil(in.CreatedFrom), CreatedTo: timeOrNil(in.CreatedTo),
		UpdatedFrom: timeOrNil(in.UpdatedFrom), UpdatedTo: timeOrNil(in.UpdatedTo), Custom: custom,
		Deleted: crm.Deleted(in.Deleted), Sort: in.Sort, Limit: in.Limit, Cursor: in.Cursor, WithTotal: in.WithTotal})
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &contactPageOutput{Body: page}, nil
}

type createContactInput struct {
	Body crm.ContactFields
}

func (h *handlers) createContact(ctx context.Context, in *createContactInput) (*contactOutput, error) {
	c, err := h.svc.CreateContact(ctx, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &contactOutput{ETag: etag(c.Version), Body: c}, nil
}

func (h *handlers) getContact(ctx context.Context, in *idInput) (*contactOutput, error) {
	c, err := h.svc.GetContact(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &contactOutput{ETag: etag(c.Version), Body: c}, nil
}

type updateContactInput struct {
	ID      string `path:"id" maxLength:"36"`
	IfMatch string `header:"If-Match" doc:"The ETag (version) you read; required."`
	Body    crm.ContactUpdate
}

func (h *handlers) updateContact(ctx context.Context, in *updateContactInput) (*contactOutput, error) {
	v, err := ifMatch(in.IfMatch, true)
	if err != nil {
		return nil, err
	}
	c, err := h.svc.UpdateContact(ctx, in.ID, v, in.Body)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &contactOutput{ETag: etag(c.Version), Body: c}, nil
}

func (h *handlers) deleteContact(ctx context.Context, in *deleteInput) (*struct{}, error) {
	v, err := ifMatch(in.IfMatch, false)
	if err != nil {
		return nil, err
	}
	if err := h.svc.DeleteContact(ctx, in.ID, v); err != nil {
		return nil, apiError(h.log, err)
	}
	return nil, nil
}

func (h *handlers) restoreContact(ctx context.Context, in *idInput) (*contactOutput, error) {
	c, err := h.svc.RestoreContact(ctx, in.ID)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &contactOutput{ETag: etag(c.Version), Body: c}, nil
}

func (h *handlers) contactHistory(ctx context.Context, in *historyInput) (*historyOutput, error) {
	p, err := h.svc.History(ctx, crm.EntityContact, in.ID, in.Cursor, in.Limit)
	if err != nil {
		return nil, apiError(h.log, err)
	}
	return &historyOutput{Body: p}, nil
}
